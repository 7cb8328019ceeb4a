#include "adoptsim/runner/scenario_runner.hpp"

#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "adoptsim/analysis/champions.hpp"
#include "adoptsim/metrics/quantile.hpp"
#include "adoptsim/metrics/recorder.hpp"
#include "adoptsim/model/observer.hpp"
#include "adoptsim/model/reference.hpp"
#include "adoptsim/model/workplace.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/strategy/budget_report.hpp"
#include "parallel.hpp"
#include "prepared.hpp"

namespace adoptsim::runner {
namespace {

// One scenario's state while its replicates run.
struct Job {
  ScenarioResult result;
  std::unique_ptr<const PreparedScenario> prepared;
  std::unique_ptr<metrics::SummaryAccumulator> accumulator;
  std::vector<std::vector<double>> phase_start_days;  // by replicate, then phase (NaN: never)
  // Money and people of each replicate's plan: spend per category at the
  // horizon, and (seats, champions, pilot members).
  std::vector<std::array<double, model::kBudgetLeverCount>> spent_usd;  // by replicate
  std::vector<std::array<double, 3>> appointed;                         // by replicate
  std::optional<strategy::PlanBudget> plan_budget;                      // of replicate 0's plan
  std::mutex mutex;  // guards accumulator and result vectors
};

// The pilot a network position chooses (pilot_rule "network_position"): the
// best by the champion rule's centrality (degree when the rule is none), as
// many as pilot_size and the people who are not executives allow, spread
// over the departments as evenly as their sizes let it: at most k per
// department for the smallest k that seats them all (pilot_size /
// departments, rounded up, when every department has that many), and at
// least one per department while seats last.
analysis::SelectionConstraints pilot_constraints(const strategy::StrategySpec& spec,
                                                 const org::OrgGraph& graph) {
  std::vector<std::size_t> eligible(graph.department_count(), 0);
  std::size_t everyone = 0;
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    if (graph.role(person) == org::Role::Executive) continue;
    ++eligible[graph.department(person)];
    ++everyone;
  }
  analysis::SelectionConstraints constraints;
  constraints.count = static_cast<std::uint32_t>(std::min<std::size_t>(spec.pilot_size, everyone));
  const auto seats_under = [&](std::size_t cap) {
    std::size_t seats = 0;
    for (const std::size_t count : eligible) seats += std::min(count, cap);
    return seats;
  };
  const std::size_t departments = std::max<std::size_t>(1, eligible.size());
  std::size_t low = (constraints.count + departments - 1) / departments;  // no smaller cap seats them
  std::size_t high = std::max<std::size_t>(low, constraints.count);       // this one always does
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (seats_under(middle) >= constraints.count) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  constraints.max_per_department = static_cast<std::uint32_t>(low);
  constraints.at_least_one_per_department = constraints.count >= departments;
  return constraints;
}

// Where the scenario sets `key` ("file:line:column: "), else its file.
std::string where(const scenario::Scenario& scenario, std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) {
    if (const auto it = scenario.set_at.find(key); it != scenario.set_at.end()) return it->second + ": ";
  }
  return scenario.source_path.string() + ": ";
}

// Custom interventions that last "to the horizon" (inf in the file) end at the horizon.
strategy::StrategySpec with_finite_durations(strategy::StrategySpec spec, std::uint32_t horizon_days) {
  for (strategy::CustomPhase& phase : spec.phases) {
    for (strategy::CustomIntervention& intervention : phase.interventions) {
      if (std::isinf(intervention.duration_days))
        intervention.duration_days = static_cast<double>(horizon_days);
    }
  }
  return spec;
}

// The strategy with the scenario's named people in it.
strategy::StrategySpec with_named_people(strategy::StrategySpec spec, const ResolvedPeople& people) {
  spec.pilot_people = people.pilot;
  spec.champion_people = people.champions;
  for (std::size_t phase = 0; phase < spec.phases.size() && phase < people.phase_people.size(); ++phase)
    spec.phases[phase].cohort.people = people.phase_people[phase];
  return spec;
}

// The model's parameters with department profiles by department id.
model::WorkplaceParams params_for(const scenario::WorkplaceScenario& workplace, const org::OrgGraph& graph) {
  model::WorkplaceParams params = workplace.params;
  params.departments.assign(graph.department_count(), workplace.params.default_profile);
  const auto& names = graph.department_names();
  for (const scenario::NamedDepartmentProfile& named : workplace.department_profiles) {
    const auto found = std::find(names.begin(), names.end(), named.department);
    if (found != names.end())
      params.departments[static_cast<std::size_t>(found - names.begin())] = named.profile;
  }
  return params;
}

// The joiners a day the model's attrition brings (strategy::StrategySpec::joiners_per_day).
double joiners_per_day(const model::WorkplaceParams& params, const org::OrgGraph& graph) {
  double joiners = 0.0;
  for (org::PersonId person = 0; person < graph.person_count(); ++person)
    joiners += model::leaving_hazard_per_day(params.departments[graph.department(person)].attrition_per_year);
  return joiners;
}

// The strategy as strategy::validate should see it before the run.
strategy::StrategySpec spec_to_check(const scenario::Scenario& scenario, const ResolvedPeople& people) {
  return with_named_people(with_finite_durations(scenario.workplace->strategy, scenario.horizon_days),
                           people);
}

// Replicate 0's plan as the checks before the run see it (its phases and the
// levers it uses): a centrality stands in as Degree, which chooses as many
// champions under the same constraints, so checking never computes
// betweenness or PageRank (prepare_workplace does, once, when the run starts).
// Precondition: strategy::validate(spec_to_check(...)) has no errors.
strategy::BuiltPlan plan_to_check(const scenario::Scenario& scenario, const ResolvedPeople& people,
                                  const org::OrgGraph& graph) {
  strategy::StrategySpec spec = spec_to_check(scenario, people);
  spec.joiners_per_day = joiners_per_day(params_for(*scenario.workplace, graph), graph);
  if (analysis::is_centrality(spec.champion_rule) || scenario.workplace->pilot_by_network_position)
    spec.champion_rule = analysis::ChampionRule::Degree;
  return strategy::build_plan_detailed(spec, scenario.workplace->budget, graph, scenario.horizon_days,
                                       scenario.seed, 0);
}

void run_one_replicate(Job& job, std::uint32_t replicate, const RunSettings& settings) {
  ReplicateRun run = simulate_replicate(*job.prepared, replicate);
  metrics::ReplicateSeries& series = run.series;
  const metrics::KpiValues& kpis = run.kpis;
  const bool workplace = job.prepared->workplace.has_value();

  std::array<double, model::kBudgetLeverCount> spent{};
  for (int lever = 0; lever < model::kBudgetLeverCount && workplace; ++lever) {
    spent[static_cast<std::size_t>(lever)] = static_cast<double>(
        series.series(metrics::spend_metric(static_cast<model::BudgetLever>(lever))).back());
  }

  std::lock_guard lock(job.mutex);
  if (workplace) {
    const std::optional<strategy::PlanBudget>& plan_budget = run.plan_budget;
    if (job.phase_start_days.size() <= replicate) job.phase_start_days.resize(replicate + 1);
    job.phase_start_days[replicate] = std::move(run.phase_start_day);
    if (job.spent_usd.size() <= replicate) job.spent_usd.resize(replicate + 1);
    job.spent_usd[replicate] = spent;
    if (job.appointed.size() <= replicate) job.appointed.resize(replicate + 1);
    job.appointed[replicate] = {static_cast<double>(plan_budget->seats),
                                static_cast<double>(plan_budget->champions),
                                static_cast<double>(plan_budget->pilot_members)};
    if (replicate == 0) job.plan_budget = run.plan_budget;
  }
  job.result.events_processed += run.events;
  if (job.result.kpis.size() <= replicate) job.result.kpis.resize(replicate + 1);
  job.result.kpis[replicate] = kpis;
  if (settings.keep_replicate_series) {
    if (job.result.replicate_series.size() <= replicate) job.result.replicate_series.resize(replicate + 1);
    job.result.replicate_series[replicate] = series;
  }
  if (settings.keep_rollout_people && workplace) {
    if (job.result.rollout_people.size() <= replicate) job.result.rollout_people.resize(replicate + 1);
    job.result.rollout_people[replicate] = std::move(run.rollout_people);
  }
  job.accumulator->add(replicate, std::move(series), kpis);
}

// Phase starts over replicates, then trust incidents.
std::vector<Milestone> milestones(const Job& job) {
  std::vector<Milestone> result;
  if (!job.prepared->workplace) return result;
  const std::size_t replicates = job.phase_start_days.size();
  for (std::size_t phase = 0; phase < job.prepared->phase_names.size(); ++phase) {
    std::vector<double> days;
    for (const std::vector<double>& starts : job.phase_start_days) {
      if (phase < starts.size() && !std::isnan(starts[phase])) days.push_back(starts[phase]);
    }
    Milestone milestone;
    milestone.name = job.prepared->phase_names[phase];
    milestone.kind = job.prepared->phase_gated[phase] ? "gate" : "phase";
    milestone.share_of_replicates =
        replicates == 0 ? 0.0 : static_cast<double>(days.size()) / static_cast<double>(replicates);
    if (days.empty()) {
      milestone.median_day = milestone.q05_day = milestone.q95_day = std::numeric_limits<double>::quiet_NaN();
    } else {
      std::sort(days.begin(), days.end());
      milestone.median_day = metrics::quantile_of_sorted(days, 0.5);
      milestone.q05_day = metrics::quantile_of_sorted(days, 0.05);
      milestone.q95_day = metrics::quantile_of_sorted(days, 0.95);
    }
    result.push_back(std::move(milestone));
  }
  const double horizon = static_cast<double>(job.result.scenario->horizon_days);
  for (const model::TrustIncident& incident : job.result.scenario->workplace->incidents) {
    const bool happens = incident.day < horizon;
    const double day = happens ? incident.day : std::numeric_limits<double>::quiet_NaN();
    char severity[32];
    std::snprintf(severity, sizeof severity, "%.2g", incident.severity);
    result.push_back({std::string("trust incident (severity ") + severity + ")", "incident", day, day, day,
                      happens ? 1.0 : 0.0});
  }
  return result;
}

// Planned and spent money over the replicates, with the plan's reasons for
// unspent money and, per phase that did not start in some replicates, that.
metrics::BudgetSummary budget_summary(const Job& job) {
  metrics::BudgetSummary summary;
  if (!job.prepared->workplace || !job.plan_budget) return summary;
  const strategy::PlanBudget& plan = *job.plan_budget;
  const std::size_t replicates = job.spent_usd.size();
  summary.applies = true;
  summary.total_usd = job.result.scenario->workplace->budget.total_usd;
  summary.planned_change_management_share = plan.planned_change_management_share;
  summary.affordable_seats = plan.affordable_seats;
  std::vector<double> values(replicates);
  std::vector<double> totals(replicates, 0.0);
  for (std::size_t lever = 0; lever < summary.categories.size(); ++lever) {
    metrics::BudgetCategory& category = summary.categories[lever];
    category.planned_usd = plan.planned_usd[lever];
    category.unspent_reasons = plan.unspent_reasons[lever];
    for (std::size_t r = 0; r < replicates; ++r) {
      values[r] = job.spent_usd[r][lever];
      totals[r] += values[r];
    }
    category.spent_usd = metrics::describe(values);
  }
  summary.spent_total_usd = metrics::describe(totals);
  for (std::size_t r = 0; r < replicates; ++r) values[r] = std::max(0.0, summary.total_usd - totals[r]);
  summary.unspent_usd = metrics::describe(values);
  for (std::size_t which = 0; which < 3; ++which) {
    for (std::size_t r = 0; r < replicates; ++r) values[r] = job.appointed[r][which];
    (which == 0   ? summary.seats
     : which == 1 ? summary.champions
                  : summary.pilot_members) = metrics::describe(values);
  }
  for (std::size_t phase = 0; phase < job.prepared->phase_money.size(); ++phase) {
    std::size_t not_started = 0;
    for (const std::vector<double>& starts : job.phase_start_days) {
      if (phase >= starts.size() || std::isnan(starts[phase])) ++not_started;
    }
    if (not_started == 0) continue;
    const std::string reason = "phase '" + job.prepared->phase_names[phase] +
                               "' did not start within the horizon in " + std::to_string(not_started) +
                               " of " + std::to_string(replicates) + " replicates";
    for (std::size_t lever = 0; lever < summary.categories.size(); ++lever) {
      if (job.prepared->phase_money[phase][lever] > 0.0)
        summary.categories[lever].unspent_reasons.push_back(reason);
    }
  }
  return summary;
}

}  // namespace

Organisation load_organisation(const scenario::Scenario& scenario, std::vector<org::ImportIssue>* warnings) {
  Organisation organisation;
  if (scenario.organisation_source == scenario::OrganisationSource::File) {
    org::ImportedOrganisation imported = org::import_organisation(scenario.organisation_import);
    if (warnings != nullptr) *warnings = std::move(imported.warnings);
    organisation.graph = std::move(imported.graph);
    organisation.person_ids = std::move(imported.external_ids);
    return organisation;
  }
  organisation.graph = org::generate_organisation(scenario.organisation, scenario.organisation_seed);
  organisation.person_ids.reserve(organisation.graph.person_count());
  for (org::PersonId person = 0; person < organisation.graph.person_count(); ++person)
    organisation.person_ids.push_back(std::to_string(person));
  return organisation;
}

org::OrgGraph build_organisation(const scenario::Scenario& scenario,
                                 std::vector<org::ImportIssue>* warnings) {
  return std::move(load_organisation(scenario, warnings).graph);
}

ResolvedPeople resolve_named_people(const scenario::Scenario& scenario, const Organisation& organisation,
                                    std::vector<std::string>* problems) {
  const scenario::NamedPeople& named = scenario.named_people;
  ResolvedPeople resolved;
  resolved.phase_people.resize(named.phase_people.size());
  if (named.empty()) return resolved;
  std::unordered_map<std::string_view, org::PersonId> index;
  index.reserve(organisation.person_ids.size());
  for (std::size_t person = 0; person < organisation.person_ids.size(); ++person)
    index.emplace(organisation.person_ids[person], static_cast<org::PersonId>(person));
  const bool generated = scenario.organisation_source == scenario::OrganisationSource::Generated;
  const std::string how_ids_match =
      generated ? "the generated organisation's ids are \"0\" to \"" +
                      std::to_string(organisation.person_ids.size() - 1) + "\""
                : "ids are matched exactly as " + scenario.organisation_import.file.filename().string() +
                      " writes them (case, spaces and leading zeros included); `adoptsim champions "
                      "--show-ids` prints them";
  const auto resolve = [&](const std::vector<std::string>& ids, std::string_view set_key,
                           const std::string& shown, std::vector<org::PersonId>& people) {
    std::unordered_map<org::PersonId, std::size_t> first_at;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::string element = shown + "[" + std::to_string(i) + "] = \"" + ids[i] + "\"";
      const auto found = index.find(ids[i]);
      if (found == index.end()) {
        if (problems != nullptr)
          problems->push_back(where(scenario, {set_key}) + element +
                              " is not a person of the organisation; " + how_ids_match);
        continue;
      }
      if (const auto [at, inserted] = first_at.emplace(found->second, i); !inserted) {
        if (problems != nullptr)
          problems->push_back(where(scenario, {set_key}) + element + " names the same person as " + shown +
                              "[" + std::to_string(at->second) + "]; list each person once");
        continue;
      }
      people.push_back(found->second);
    }
  };
  resolve(named.initial_adopters, "model.initial_adopters.people", "model.initial_adopters.people",
          resolved.initial_adopters);
  resolve(named.pilot, "strategy.pilot_people", "strategy.pilot_people", resolved.pilot);
  resolve(named.champions, "strategy.champion_people", "strategy.champion_people", resolved.champions);
  for (std::size_t phase = 0; phase < named.phase_people.size(); ++phase) {
    resolve(named.phase_people[phase], "strategy.phases",
            "strategy.phases[" + std::to_string(phase) + "].people", resolved.phase_people[phase]);
  }
  return resolved;
}

std::vector<std::string> check_runnable(const scenario::Scenario& scenario,
                                        const Organisation& organisation) {
  const org::OrgGraph& graph = organisation.graph;
  std::vector<std::string> problems;
  const ResolvedPeople people = resolve_named_people(scenario, organisation, &problems);
  if (!problems.empty()) return problems;
  if (!scenario.workplace) {
    for (const std::string& problem : model::validate(with_named_people(scenario.model, people), graph))
      problems.push_back(where(scenario, {"model.kind"}) + problem);
    if (!scenario.kpi.from_phase.empty()) {
      problems.push_back(where(scenario, {"kpi.from_phase"}) + "kpi.from_phase = \"" +
                         scenario.kpi.from_phase +
                         "\": a reference model has no rollout phases; leave kpi.from_phase out");
    }
    return problems;
  }
  const scenario::WorkplaceScenario& workplace = *scenario.workplace;
  const std::vector<std::string>& names = graph.department_names();
  for (std::size_t index = 0; index < workplace.department_profiles.size(); ++index) {
    const std::string& name = workplace.department_profiles[index].department;
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      problems.push_back(where(scenario, {"model.workplace.departments"}) + "model.workplace.departments[" +
                         std::to_string(index) + "].name = \"" + name +
                         "\" is not a department of the organisation");
    }
  }
  const strategy::SpecValidation report = strategy::validate(spec_to_check(scenario, people), graph);
  for (const strategy::SpecProblem& problem : report.errors)
    problems.push_back(where(scenario, {"strategy." + problem.field, "strategy.preset"}) +
                       "strategy: " + problem.text);
  // The same constraints prepare_workplace chooses the pilot under, so a
  // pilot it cannot choose is reported here, by validate and run alike.
  if (workplace.pilot_by_network_position && graph.person_count() > 0) {
    for (const std::string& problem :
         analysis::check_selection(graph, pilot_constraints(workplace.strategy, graph)))
      problems.push_back(where(scenario, {"strategy.pilot_size", "strategy.pilot_rule"}) +
                         "strategy: pilot_rule \"network_position\": " + problem);
  }
  for (const std::string& problem : strategy::validate(workplace.budget))
    problems.push_back(where(scenario, {"budget.total_usd"}) + "budget: " + problem);
  if (problems.empty()) {
    for (const std::string& problem :
         model::validate(params_for(workplace, graph), model::RolloutPlan{}, graph))
      problems.push_back(where(scenario, {"model.kind"}) + "model.workplace: " + problem);
  }
  if (problems.empty() && !scenario.kpi.from_phase.empty()) {
    const model::RolloutPlan plan = plan_to_check(scenario, people, graph).plan;
    std::string phase_names;
    bool found = false;
    for (const model::Phase& phase : plan.phases) {
      found = found || phase.name == scenario.kpi.from_phase;
      phase_names += (phase_names.empty() ? "\"" : ", \"") + phase.name + "\"";
    }
    if (!found) {
      problems.push_back(where(scenario, {"kpi.from_phase"}) + "kpi.from_phase = \"" +
                         scenario.kpi.from_phase + "\" is not a phase of the plan; its phases are " +
                         phase_names);
    }
  }
  return problems;
}

std::vector<std::string> runnable_warnings(const scenario::Scenario& scenario,
                                           const Organisation& organisation) {
  const org::OrgGraph& graph = organisation.graph;
  std::vector<std::string> warnings;
  if (!scenario.workplace) return warnings;
  const ResolvedPeople people = resolve_named_people(scenario, organisation);
  const strategy::StrategySpec spec = spec_to_check(scenario, people);
  const strategy::SpecValidation report =
      strategy::validate(spec, graph, static_cast<double>(scenario.horizon_days));
  for (const strategy::SpecProblem& warning : report.warnings)
    warnings.push_back(where(scenario, {"strategy." + warning.field, "strategy.preset"}) +
                       "strategy: " + warning.text);
  const strategy::Budget& budget = scenario.workplace->budget;
  if (report.errors.empty() && strategy::validate(budget).empty()) {
    // Which levers the plan uses does not depend on the replicate.
    const strategy::BuiltPlan built = plan_to_check(scenario, people, graph);
    for (const strategy::LeverWarning& warning : strategy::unused_lever_warnings(budget, built)) {
      const std::string share_key = "budget.shares." + std::string(model::to_string(warning.lever));
      warnings.push_back(where(scenario, {share_key, "budget.change_management_share", "budget.total_usd"}) +
                         "scenario '" + scenario.name + "': " + warning.text);
    }
  }
  return warnings;
}

WorkplaceInputs prepare_workplace(const scenario::Scenario& scenario, const Organisation& organisation,
                                  std::uint64_t seed) {
  const org::OrgGraph& graph = organisation.graph;
  const scenario::WorkplaceScenario& workplace = *scenario.workplace;
  WorkplaceInputs inputs{params_for(workplace, graph),
                         with_named_people(with_finite_durations(workplace.strategy, scenario.horizon_days),
                                           resolve_named_people(scenario, organisation))};
  strategy::StrategySpec& spec = inputs.strategy;
  spec.joiners_per_day = joiners_per_day(inputs.params, graph);
  const bool by_centrality = analysis::is_centrality(spec.champion_rule);
  if (by_centrality || workplace.pilot_by_network_position) {
    // Centralities do not depend on the replicate: computed once, and the
    // chosen people are named in the spec every replicate expands.
    const std::vector<double> scores = analysis::centrality_scores(
        graph, by_centrality ? spec.champion_rule : analysis::ChampionRule::Degree, seed);
    const analysis::SelectionConstraints constraints = strategy::champion_constraints(spec, graph);
    // No one may be a champion: the rule chooses nobody, as it would in the strategy.
    if (by_centrality && constraints.count > 0) {
      spec.champion_rule = analysis::ChampionRule::Named;
      spec.champion_people = analysis::select_champions(graph, scores, constraints);
      std::sort(spec.champion_people.begin(), spec.champion_people.end());
    }
    if (workplace.pilot_by_network_position) {
      spec.pilot_rule = strategy::PilotRule::Named;
      spec.pilot_people = analysis::select_champions(graph, scores, pilot_constraints(spec, graph));
      std::sort(spec.pilot_people.begin(), spec.pilot_people.end());
    }
  }
  return inputs;
}

std::vector<ScenarioResult> run_scenarios(const std::vector<const scenario::Scenario*>& scenarios,
                                          const RunSettings& settings) {
  std::vector<std::unique_ptr<Job>> jobs;
  for (const scenario::Scenario* scenario : scenarios) {
    auto job = std::make_unique<Job>();
    job->result.scenario = scenario;
    job->result.seed = settings.seed.value_or(scenario->seed);
    job->prepared = prepare_scenario(*scenario, job->result.seed,
                                     std::make_shared<const Organisation>(load_organisation(*scenario)));
    job->result.graph = job->prepared->graph;
    job->result.headline_metric = scenario->workplace ? "weekly_active" : "adopted";
    job->result.kpi_settings = job->prepared->kpi_settings;
    job->accumulator = std::make_unique<metrics::SummaryAccumulator>(metrics::Kpi::ActiveShareDay90);
    jobs.push_back(std::move(job));
  }

  std::optional<tbb::global_control> thread_limit;
  if (settings.threads > 0)
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism, settings.threads);

  // Which replicates each scenario still has to run: [first, end).
  std::vector<std::uint32_t> planned(jobs.size());
  for (std::size_t index = 0; index < jobs.size(); ++index) {
    const std::uint32_t wanted = settings.replicates.value_or(jobs[index]->result.scenario->replicates);
    planned[index] = settings.precision ? std::min(wanted, settings.precision_batch) : wanted;
  }
  std::vector<std::uint32_t> done_per_job(jobs.size(), 0);
  std::atomic<std::uint32_t> done{0};

  while (true) {
    struct Task {
      std::size_t job;
      std::uint32_t replicate;
    };
    std::vector<Task> tasks;
    std::uint32_t planned_total = 0;
    for (std::size_t index = 0; index < jobs.size(); ++index) {
      for (std::uint32_t replicate = done_per_job[index]; replicate < planned[index]; ++replicate) {
        tasks.push_back({index, replicate});
      }
      planned_total += planned[index];
    }
    if (tasks.empty()) break;
    parallel_for_each_index(tasks.size(), [&](std::size_t task) {
      if (settings.stop != nullptr && settings.stop->load()) return;
      run_one_replicate(*jobs[tasks[task].job], tasks[task].replicate, settings);
      const std::uint32_t finished = ++done;
      if (settings.progress) settings.progress(finished, planned_total);
    });
    if (settings.stop != nullptr && settings.stop->load()) throw Interrupted();
    bool more = false;
    for (std::size_t index = 0; index < jobs.size(); ++index) {
      done_per_job[index] = planned[index];
      if (!settings.precision) continue;
      const metrics::MeanInterval interval = jobs[index]->accumulator->headline_interval();
      // A headline that is not defined (e.g. horizon shorter than day 90) has
      // no interval to narrow: precision is moot.
      const bool precise = interval.n == 0 || interval.half_width < *settings.precision;
      jobs[index]->result.precision_reached = precise;
      if (!precise && planned[index] < settings.max_replicates) {
        planned[index] = std::min(settings.max_replicates, planned[index] + settings.precision_batch);
        more = true;
      }
    }
    if (more && settings.same_replicates) {
      const std::uint32_t most = *std::max_element(planned.begin(), planned.end());
      std::fill(planned.begin(), planned.end(), most);
    }
    if (!more) break;
  }

  std::vector<ScenarioResult> results;
  for (std::size_t index = 0; index < jobs.size(); ++index) {
    Job& job = *jobs[index];
    job.result.replicates = planned[index];
    job.result.precision_target = settings.precision.value_or(0.0);
    job.result.summary = job.accumulator->summarise();
    job.result.milestones = milestones(job);
    job.result.budget = budget_summary(job);
    results.push_back(std::move(job.result));
  }
  return results;
}

}  // namespace adoptsim::runner
