#include "prepared.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <variant>

#include "adoptsim/metrics/recorder.hpp"
#include "adoptsim/model/observer.hpp"

namespace adoptsim::runner {
namespace {

metrics::KpiSettings kpi_settings_for(const scenario::Scenario& scenario) {
  metrics::KpiSettings settings;
  // Reference models have no usage, only adoption: their headline is the
  // adopted count. The workplace model's is weekly active people.
  settings.headline = scenario.workplace ? metrics::GroupMetric::WeeklyActive : metrics::GroupMetric::Adopted;
  if (scenario.workplace) settings.working_weekdays = 0x1f;  // the model's Monday-to-Friday week
  settings.target_share = scenario.kpi.target_share;
  settings.target_by_day = static_cast<std::int32_t>(scenario.kpi.by_day);
  for (std::size_t slot = 0; slot < settings.days.size(); ++slot)
    settings.days[slot] = static_cast<std::int32_t>(scenario.kpi.days[slot]);
  settings.from_phase = scenario.kpi.from_phase;
  settings.hard_review_day = static_cast<std::int32_t>(scenario.kpi.hard_review_day);
  return settings;
}

// The pilot and the champions a built plan appointed.
RolloutPeople appointed(const strategy::BuiltPlan& built) {
  RolloutPeople people;
  if (built.pilot_phase) people.pilot = built.plan.phases[*built.pilot_phase].cohort;
  for (const model::Phase& phase : built.plan.phases) {
    const bool assigns = std::any_of(phase.interventions.begin(), phase.interventions.end(),
                                     [](const model::Intervention& intervention) {
                                       return intervention.kind == model::InterventionKind::AssignChampions;
                                     });
    if (assigns) people.champions.insert(people.champions.end(), phase.cohort.begin(), phase.cohort.end());
  }
  std::sort(people.champions.begin(), people.champions.end());
  people.champions.erase(std::unique(people.champions.begin(), people.champions.end()),
                         people.champions.end());
  std::sort(people.pilot.begin(), people.pilot.end());
  return people;
}

// The plan groups of the outputs: the pilot and the champions, each when the
// plan has such people, with their sizes in replicate 0's plan.
metrics::PlanGroupSizes plan_group_sizes(const RolloutPeople& people) {
  metrics::PlanGroupSizes sizes;
  if (!people.pilot.empty())
    sizes[static_cast<std::size_t>(metrics::PlanGroup::Pilot)] =
        static_cast<std::uint32_t>(people.pilot.size());
  if (!people.champions.empty()) {
    sizes[static_cast<std::size_t>(metrics::PlanGroup::Champions)] =
        static_cast<std::uint32_t>(people.champions.size());
  }
  return sizes;
}

}  // namespace

// The reference model with the scenario's named initial adopters in it.
model::ReferenceModel with_named_people(model::ReferenceModel reference, const ResolvedPeople& people) {
  std::visit([&](auto& params) { params.initial.people = people.initial_adopters; }, reference);
  return reference;
}

std::unique_ptr<PreparedScenario> prepare_scenario(const scenario::Scenario& scenario, std::uint64_t seed,
                                                   const std::shared_ptr<const Organisation>& organisation) {
  auto prepared = std::make_unique<PreparedScenario>();
  prepared->scenario = &scenario;
  prepared->seed = seed;
  prepared->kpi_settings = kpi_settings_for(scenario);
  if (scenario.workplace) {
    prepared->workplace = prepare_workplace(scenario, *organisation, seed);
  } else {
    prepared->reference = with_named_people(scenario.model, resolve_named_people(scenario, *organisation));
  }
  // The graph lives as long as the organisation it is part of.
  prepared->graph = std::shared_ptr<const org::OrgGraph>(organisation, &organisation->graph);
  metrics::PlanGroupSizes plan_groups;  // reference models have none
  if (scenario.workplace) {
    prepared->model =
        std::make_unique<const model::WorkplaceModel>(*prepared->graph, prepared->workplace->params);
    prepared->plan_builder.emplace(prepared->workplace->strategy, scenario.workplace->budget,
                                   *prepared->graph, scenario.horizon_days);
    const strategy::BuiltPlan built = prepared->plan_builder->build(seed, 0);
    plan_groups = plan_group_sizes(appointed(built));
    for (const model::Phase& phase : built.plan.phases) {
      if (!scenario.kpi.from_phase.empty() && phase.name == scenario.kpi.from_phase &&
          !prepared->kpi_origin_phase)
        prepared->kpi_origin_phase = prepared->phase_names.size();
      prepared->phase_names.push_back(phase.name);
      prepared->phase_gated.push_back(phase.gated);
      std::array<double, model::kBudgetLeverCount> money{};
      for (const model::Intervention& intervention : phase.interventions) {
        const bool seats = intervention.kind == model::InterventionKind::Access && !phase.cohort.empty();
        money[static_cast<std::size_t>(intervention.lever)] += seats ? 1.0 : intervention.cost_usd;
      }
      prepared->phase_money.push_back(money);
    }
  }
  prepared->layout = std::make_shared<const metrics::SeriesLayout>(
      *prepared->graph, static_cast<std::int32_t>(scenario.horizon_days), plan_groups);
  return prepared;
}

ReplicateRun simulate_replicate(const PreparedScenario& prepared, std::uint32_t replicate) {
  const scenario::Scenario& scenario = *prepared.scenario;
  const org::OrgGraph& graph = *prepared.graph;
  const model::ReplicateInput input{prepared.seed, replicate, static_cast<double>(scenario.horizon_days)};
  metrics::SeriesRecorder recorder(graph, prepared.layout);
  ReplicateRun run;
  if (prepared.workplace) {
    const scenario::WorkplaceScenario& workplace = *scenario.workplace;
    strategy::BuiltPlan built = prepared.plan_builder->build(prepared.seed, replicate);
    built.plan.incidents = workplace.incidents;
    run.rollout_people = appointed(built);
    if (prepared.layout->plan_group(metrics::PlanGroup::Pilot))
      recorder.set_members(metrics::PlanGroup::Pilot, run.rollout_people.pilot);
    if (prepared.layout->plan_group(metrics::PlanGroup::Champions))
      recorder.set_members(metrics::PlanGroup::Champions, run.rollout_people.champions);
    run.plan_budget = strategy::describe_plan_budget(prepared.workplace->strategy, workplace.budget, built,
                                                     scenario.horizon_days);
    const model::WorkplaceOutcome outcome = prepared.model->run(built.plan, input, recorder);
    run.events = outcome.events_processed;
    run.phase_start_day = outcome.phase_start_day;
  } else {
    const model::ReplicateOutcome outcome = model::run_reference_model(graph, prepared.reference, input);
    run.events = outcome.events_processed;
    model::replay_adoptions(outcome.adoption_day, static_cast<std::int32_t>(scenario.horizon_days), recorder);
  }
  run.series = recorder.take_series();
  double origin_day = 0.0;
  if (prepared.kpi_origin_phase) {
    origin_day = *prepared.kpi_origin_phase < run.phase_start_day.size()
                     ? run.phase_start_day[*prepared.kpi_origin_phase]
                     : std::numeric_limits<double>::quiet_NaN();
  }
  run.kpis = metrics::compute_kpis(run.series, prepared.kpi_settings, origin_day);
  if (!prepared.workplace) {
    // Reference models neither spend nor use the tool day to day: these KPIs
    // are not defined for them, rather than zero.
    for (const metrics::Kpi kpi :
         {metrics::Kpi::DailyActiveShareDay90, metrics::Kpi::TotalSpendUsd,
          metrics::Kpi::ChangeManagementSpendShare, metrics::Kpi::CostPerActiveUsd}) {
      run.kpis[static_cast<std::size_t>(kpi)] = std::numeric_limits<double>::quiet_NaN();
    }
  }
  return run;
}

}  // namespace adoptsim::runner
