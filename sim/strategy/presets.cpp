#include "adoptsim/strategy/presets.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "strategy_helpers.hpp"

namespace adoptsim::strategy {

using analysis::ChampionRule;
using detail::find_department;
using detail::needs_champions;
using model::BudgetLever;
using model::InterventionKind;
using org::PersonId;

namespace {

constexpr std::array<std::string_view, 6> kPresetNames = {
    "big_bang", "pilot_then_scale", "phased_by_department", "champion_network", "manager_first", "custom"};

template <typename T>
void shuffle(std::vector<T>& values, engine::RandomStream& stream) {
  for (std::size_t index = values.size(); index > 1; --index) {
    const std::size_t other = stream.below(static_cast<std::uint32_t>(index));
    std::swap(values[index - 1], values[other]);
  }
}

// `count` uniformly random elements of `values` (partial Fisher–Yates), in draw order.
std::vector<PersonId> draw(std::vector<PersonId> values, std::size_t count, engine::RandomStream& stream) {
  count = std::min(count, values.size());
  for (std::size_t index = 0; index < count; ++index) {
    const std::size_t remaining = values.size() - index;
    const std::size_t other = index + stream.below(static_cast<std::uint32_t>(remaining));
    std::swap(values[index], values[other]);
  }
  values.resize(count);
  return values;
}

void sort_unique(std::vector<PersonId>& people) {
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
}

std::vector<PersonId> everyone(const org::OrgGraph& graph) {
  std::vector<PersonId> people(graph.person_count());
  std::iota(people.begin(), people.end(), PersonId{0});
  return people;
}

bool organisation_wide(InterventionKind kind) {
  return kind == InterventionKind::GovernancePublication || kind == InterventionKind::FeedbackLoop ||
         kind == InterventionKind::ChampionOfficeHours || kind == InterventionKind::MonthlyExchange ||
         kind == InterventionKind::KpiCommunication || kind == InterventionKind::KnowledgeMaintenance ||
         kind == InterventionKind::Onboarding || kind == InterventionKind::CentreOfExcellence;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += (text.empty() ? "" : "; ") + line;
  return text;
}

std::string join(const std::vector<SpecProblem>& problems) {
  std::string text;
  for (const SpecProblem& problem : problems) text += (text.empty() ? "" : "; ") + problem.text;
  return text;
}

struct Draft {
  model::Phase phase;
  std::vector<std::optional<double>> intensity_override;
  // A pilot's intensive support: its interventions are paid before the
  // others, each up to kFundedFirstIntensity (see PlanBuilder::build).
  bool funded_first = false;
};

model::Intervention make(InterventionKind kind, double duration_days = 0.0, double value = 0.0,
                         double until_day = std::numeric_limits<double>::infinity()) {
  model::Intervention intervention;
  intervention.kind = kind;
  intervention.duration_days = duration_days;
  intervention.value = value;
  intervention.lever = lever_of(kind);
  intervention.until_day = until_day;
  return intervention;
}

Draft draft(std::string name, double start_day, std::vector<PersonId> cohort,
            std::vector<model::Intervention> interventions) {
  Draft result;
  result.phase.name = std::move(name);
  result.phase.start_day = start_day;
  result.phase.cohort = std::move(cohort);
  result.phase.interventions = std::move(interventions);
  result.intensity_override.assign(result.phase.interventions.size(), std::nullopt);
  return result;
}

std::vector<PersonId> complement(const org::OrgGraph& graph, const std::vector<PersonId>& sorted_excluded) {
  std::vector<PersonId> rest;
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    if (!std::binary_search(sorted_excluded.begin(), sorted_excluded.end(), person)) rest.push_back(person);
  }
  return rest;
}

}  // namespace

std::string_view to_string(Preset preset) { return kPresetNames[static_cast<std::size_t>(preset)]; }

std::optional<Preset> parse_preset(std::string_view text) {
  for (std::size_t index = 0; index < kPresetNames.size(); ++index) {
    if (kPresetNames[index] == text) return static_cast<Preset>(index);
  }
  return std::nullopt;
}

BudgetLever lever_of(InterventionKind kind) {
  switch (kind) {
    case InterventionKind::Access:
      return BudgetLever::Licences;
    case InterventionKind::Announcement:
      return BudgetLever::Communications;
    case InterventionKind::GenericWebinar:
    case InterventionKind::TaskWorkshop:
    case InterventionKind::Onboarding:
      return BudgetLever::Training;
    case InterventionKind::DailyCheckIns:
    case InterventionKind::FeedbackLoop:
    case InterventionKind::CentreOfExcellence:
      return BudgetLever::Support;
    case InterventionKind::ChampionOfficeHours:
    case InterventionKind::AssignChampions:
    case InterventionKind::MonthlyExchange:
      return BudgetLever::Champions;
    case InterventionKind::KpiCommunication:
      return BudgetLever::Communications;
    case InterventionKind::ProcessIntegration:
      return BudgetLever::Governance;
    case InterventionKind::KnowledgeMaintenance:
      return BudgetLever::Knowledge;
    case InterventionKind::ManagerEnablement:
      return BudgetLever::Leadership;
    case InterventionKind::GovernancePublication:
      return BudgetLever::Governance;
    case InterventionKind::IncentiveChange:
      return BudgetLever::Incentives;
  }
  return BudgetLever::Communications;
}

std::vector<org::DepartmentId> departments_largest_first(const org::OrgGraph& graph) {
  std::vector<std::size_t> size(graph.department_count(), 0);
  for (PersonId person = 0; person < graph.person_count(); ++person) ++size[graph.department(person)];
  std::vector<org::DepartmentId> order(graph.department_count());
  std::iota(order.begin(), order.end(), org::DepartmentId{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](org::DepartmentId a, org::DepartmentId b) { return size[a] > size[b]; });
  return order;
}

std::vector<PersonId> resolve(const CohortSelector& selector, const org::OrgGraph& graph,
                              const std::vector<PersonId>& champions, engine::RandomStream& stream) {
  std::vector<bool> department_ok(graph.department_count(), selector.departments.empty());
  for (const std::string& name : selector.departments) {
    const auto department = find_department(graph, name);
    if (!department) throw std::invalid_argument("cohort names unknown department '" + name + "'");
    department_ok[*department] = true;
  }
  std::array<bool, org::kRoleCount> role_ok{};
  role_ok.fill(selector.roles.empty());
  for (const std::string& name : selector.roles) {
    const auto role = org::parse_role(name);
    if (!role) throw std::invalid_argument("cohort names unknown role '" + name + "'");
    role_ok[static_cast<std::size_t>(*role)] = true;
  }
  std::vector<PersonId> sorted_champions = champions;
  sort_unique(sorted_champions);
  const bool filtered = !selector.departments.empty() || !selector.roles.empty() || selector.champions_only;
  std::vector<PersonId> matches;
  if (filtered || selector.people.empty()) {
    for (PersonId person = 0; person < graph.person_count(); ++person) {
      if (!department_ok[graph.department(person)]) continue;
      if (!role_ok[static_cast<std::size_t>(graph.role(person))]) continue;
      if (selector.champions_only &&
          !std::binary_search(sorted_champions.begin(), sorted_champions.end(), person)) {
        continue;
      }
      matches.push_back(person);
    }
  }
  if (selector.fraction < 1.0) {
    const auto count = static_cast<std::size_t>(
        std::llround(std::max(0.0, selector.fraction) * static_cast<double>(matches.size())));
    matches = draw(std::move(matches), count, stream);
  }
  for (const PersonId person : selector.people) {
    if (person >= graph.person_count()) {
      throw std::invalid_argument("cohort names person " + std::to_string(person) + ", who does not exist");
    }
    matches.push_back(person);
  }
  sort_unique(matches);
  return matches;
}

std::vector<PersonId> choose_pilot(const StrategySpec& spec, const org::OrgGraph& graph,
                                   engine::RandomStream& stream) {
  std::vector<PersonId> pilot;
  const std::size_t size = std::min<std::size_t>(spec.pilot_size, graph.person_count());
  switch (spec.pilot_rule) {
    case PilotRule::Named:
      pilot = spec.pilot_people;
      break;
    case PilotRule::SingleDepartment: {
      const auto department = find_department(graph, spec.pilot_department);
      if (!department)
        throw std::invalid_argument("unknown pilot department '" + spec.pilot_department + "'");
      std::vector<PersonId> members;
      for (PersonId person = 0; person < graph.person_count(); ++person) {
        if (graph.department(person) == *department && graph.role(person) != org::Role::Executive)
          members.push_back(person);
      }
      pilot = draw(std::move(members), size, stream);
      break;
    }
    case PilotRule::CrossDepartmentRandom: {
      std::vector<std::vector<PersonId>> members(graph.department_count());
      std::size_t candidates = 0;
      for (PersonId person = 0; person < graph.person_count(); ++person) {
        if (graph.role(person) == org::Role::Executive) continue;
        members[graph.department(person)].push_back(person);
        ++candidates;
      }
      std::vector<org::DepartmentId> order(graph.department_count());
      std::iota(order.begin(), order.end(), org::DepartmentId{0});
      shuffle(order, stream);
      while (pilot.size() < std::min(size, candidates)) {
        for (const org::DepartmentId department : order) {
          if (pilot.size() >= size) break;
          std::vector<PersonId>& left = members[department];
          if (left.empty()) continue;
          const std::size_t pick = stream.below(static_cast<std::uint32_t>(left.size()));
          pilot.push_back(left[pick]);
          left[pick] = left.back();
          left.pop_back();
        }
      }
      break;
    }
  }
  sort_unique(pilot);
  return pilot;
}

std::uint32_t champion_count(const StrategySpec& spec, std::size_t people, std::size_t eligible) {
  double wanted = spec.champion_count > 0
                      ? static_cast<double>(spec.champion_count)
                      : std::ceil(static_cast<double>(people) / std::max(1.0, spec.people_per_champion));
  wanted = std::min(wanted, static_cast<double>(eligible));
  return static_cast<std::uint32_t>(std::max(eligible == 0 ? 0.0 : 1.0, wanted));
}

std::size_t champions_eligible(const StrategySpec& spec, const org::OrgGraph& graph) {
  if (spec.champions_include_executives) return graph.person_count();
  std::size_t eligible = 0;
  for (PersonId person = 0; person < graph.person_count(); ++person)
    eligible += graph.role(person) != org::Role::Executive ? 1 : 0;
  return eligible;
}

analysis::SelectionConstraints champion_constraints(const StrategySpec& spec, const org::OrgGraph& graph) {
  analysis::SelectionConstraints constraints;
  constraints.count = champion_count(spec, graph.person_count(), champions_eligible(spec, graph));
  constraints.max_per_department = spec.max_champions_per_department;
  constraints.exclude_executives = !spec.champions_include_executives;
  return constraints;
}

std::vector<PersonId> choose_champions(const StrategySpec& spec, const org::OrgGraph& graph,
                                       engine::RandomStream& stream) {
  const std::size_t people = graph.person_count();
  const std::size_t count = champion_count(spec, people, champions_eligible(spec, graph));
  std::vector<PersonId> champions;
  switch (spec.champion_rule) {
    case ChampionRule::Random: {
      std::vector<PersonId> eligible;
      for (PersonId person = 0; person < people; ++person) {
        if (spec.champions_include_executives || graph.role(person) != org::Role::Executive)
          eligible.push_back(person);
      }
      if (spec.max_champions_per_department == 0) {
        champions = draw(std::move(eligible), count, stream);
        break;
      }
      // In a uniformly random order, skipping anyone whose department is full.
      const std::vector<PersonId> order = draw(std::move(eligible), people, stream);
      std::vector<std::uint32_t> per_department(graph.department_count(), 0);
      for (const PersonId person : order) {
        if (champions.size() >= count) break;
        std::uint32_t& taken = per_department[graph.department(person)];
        if (taken >= spec.max_champions_per_department) continue;
        ++taken;
        champions.push_back(person);
      }
      break;
    }
    case ChampionRule::Degree:
    case ChampionRule::Betweenness:
    case ChampionRule::PageRank:
    case ChampionRule::Eigenvector:
    case ChampionRule::DepartmentSpanning:
      if (count > 0) {
        champions = analysis::select_champions(graph, analysis::centrality_scores(graph, spec.champion_rule),
                                               champion_constraints(spec, graph));
      }
      break;
    case ChampionRule::Named:
      champions = spec.champion_people;
      break;
    case ChampionRule::ManagerNominated: {
      std::vector<std::vector<PersonId>> reports(people);
      std::vector<PersonId> managers;
      for (PersonId person = 0; person < people; ++person) {
        const PersonId manager = graph.manager(person);
        if (manager == org::kNoPerson) continue;
        if (reports[manager].empty()) managers.push_back(manager);
        reports[manager].push_back(person);
      }
      shuffle(managers, stream);
      bool nominated = true;
      while (champions.size() < count && nominated) {
        nominated = false;
        for (const PersonId manager : managers) {
          if (champions.size() >= count) break;
          std::vector<PersonId>& left = reports[manager];
          if (left.empty()) continue;
          const std::size_t pick = stream.below(static_cast<std::uint32_t>(left.size()));
          champions.push_back(left[pick]);
          left[pick] = left.back();
          left.pop_back();
          nominated = true;
        }
      }
      break;
    }
  }
  sort_unique(champions);
  return champions;
}

PlanBuilder::PlanBuilder(StrategySpec spec, Budget budget, const org::OrgGraph& graph,
                         std::uint32_t horizon_days)
    : spec_(std::move(spec)), budget_(budget), graph_(&graph), horizon_days_(horizon_days) {
  const SpecValidation report = validate(spec_, graph);
  if (!report.errors.empty()) throw std::invalid_argument("invalid strategy: " + join(report.errors));
  const std::vector<std::string> budget_problems = validate(budget_);
  if (!budget_problems.empty()) throw std::invalid_argument("invalid budget: " + join(budget_problems));
}

BuiltPlan PlanBuilder::build(std::uint64_t seed, std::uint32_t replicate) const {
  const StrategySpec& spec = spec_;
  const Budget& budget = budget_;
  const org::OrgGraph& graph = *graph_;
  const std::uint32_t horizon_days = horizon_days_;
  engine::RandomStream stream(
      engine::StreamKey{seed, replicate, engine::kGlobalAgent, kStrategyStreamPurpose});
  BuiltPlan built;
  const auto horizon = static_cast<double>(horizon_days);
  std::vector<Draft> drafts;

  if (spec.add_budget_lever_phase) {
    std::vector<model::Intervention> levers;
    if (lever_usd(budget, BudgetLever::Governance) > 0.0)
      levers.push_back(make(InterventionKind::GovernancePublication));
    if (lever_usd(budget, BudgetLever::Support) > 0.0)
      levers.push_back(make(InterventionKind::FeedbackLoop, horizon));
    if (lever_usd(budget, BudgetLever::Incentives) > 0.0) {
      levers.push_back(make(InterventionKind::IncentiveChange, 0.0, spec.incentive_level));
    }
    if (lever_usd(budget, BudgetLever::Knowledge) > 0.0)
      levers.push_back(make(InterventionKind::KnowledgeMaintenance, horizon));
    if (!levers.empty()) drafts.push_back(draft("budget levers", 0.0, everyone(graph), std::move(levers)));
  }

  using K = InterventionKind;
  switch (spec.preset) {
    case Preset::BigBang:
      drafts.push_back(draft("launch", 0.0, everyone(graph),
                             {make(K::Access), make(K::Announcement), make(K::GenericWebinar)}));
      break;
    case Preset::PilotThenScale: {
      const std::vector<PersonId> pilot = choose_pilot(spec, graph, stream);
      built.champions = pilot;
      built.pilot_phase = drafts.size();
      drafts.push_back(draft("pilot", 0.0, pilot,
                             {make(K::Access), make(K::TaskWorkshop),
                              make(K::DailyCheckIns, spec.check_in_days), make(K::AssignChampions)}));
      drafts.back().funded_first = true;
      Draft scale = draft("scale", spec.scale_day, complement(graph, pilot),
                          {make(K::Access), make(K::Announcement), make(K::TaskWorkshop),
                           make(K::ChampionOfficeHours, horizon, 0.0, spec.champion_support_until_day),
                           make(K::MonthlyExchange, horizon, 0.0, spec.champion_support_until_day),
                           make(K::KpiCommunication, horizon)});
      if (spec.scale_gate) {
        scale.phase.gated = true;
        scale.phase.gate = *spec.scale_gate;
        // scale_day is the latest day: a gate that is never met still scales then.
        scale.phase.gate.latest_day = std::min(scale.phase.gate.latest_day, spec.scale_day);
        scale.phase.start_day = spec.scale_gate->earliest_day;
      }
      drafts.push_back(std::move(scale));
      break;
    }
    case Preset::PhasedByDepartment: {
      std::vector<org::DepartmentId> order;
      for (const std::string& name : spec.wave_order) order.push_back(*find_department(graph, name));
      if (order.empty()) order = departments_largest_first(graph);
      for (std::size_t wave = 0; wave < order.size(); ++wave) {
        std::vector<PersonId> cohort;
        for (PersonId person = 0; person < graph.person_count(); ++person) {
          if (graph.department(person) == order[wave]) cohort.push_back(person);
        }
        drafts.push_back(draft("wave " + std::to_string(wave + 1) + ": " + graph.department_name(order[wave]),
                               static_cast<double>(wave) * spec.wave_spacing_days, std::move(cohort),
                               {make(K::Access), make(K::Announcement), make(K::TaskWorkshop)}));
      }
      break;
    }
    case Preset::ChampionNetwork: {
      built.champions = choose_champions(spec, graph, stream);
      drafts.push_back(draft("champions", 0.0, built.champions,
                             {make(K::Access), make(K::AssignChampions), make(K::TaskWorkshop)}));
      drafts.push_back(draft("launch", 0.0, everyone(graph),
                             {make(K::Access), make(K::Announcement),
                              make(K::ChampionOfficeHours, horizon, 0.0, spec.champion_support_until_day),
                              make(K::MonthlyExchange, horizon, 0.0, spec.champion_support_until_day),
                              make(K::KpiCommunication, horizon)}));
      break;
    }
    case Preset::ManagerFirst: {
      std::vector<PersonId> managers;
      std::vector<PersonId> teams;
      for (PersonId person = 0; person < graph.person_count(); ++person) {
        (graph.role(person) == org::Role::IndividualContributor ? teams : managers).push_back(person);
      }
      drafts.push_back(draft("managers", 0.0, std::move(managers),
                             {make(K::Access), make(K::ManagerEnablement), make(K::Announcement)}));
      drafts.push_back(draft("teams", spec.manager_lead_days, std::move(teams),
                             {make(K::Access), make(K::Announcement), make(K::GenericWebinar)}));
      break;
    }
    case Preset::Custom: {
      if (needs_champions(spec)) built.champions = choose_champions(spec, graph, stream);
      for (const CustomPhase& custom : spec.phases) {
        std::vector<model::Intervention> interventions;
        std::vector<std::optional<double>> overrides;
        for (const CustomIntervention& item : custom.interventions) {
          interventions.push_back(make(item.kind, item.duration_days, item.value, custom.until_day));
          interventions.back().hours_per_week = item.hours_per_week;
          overrides.push_back(item.intensity);
        }
        Draft phase = draft(custom.name, custom.start_day,
                            resolve(custom.cohort, graph, built.champions, stream), std::move(interventions));
        phase.intensity_override = std::move(overrides);
        phase.phase.gated = custom.gated;
        phase.phase.gate = custom.gate;
        if (custom.gated) phase.phase.start_day = custom.gate.earliest_day;
        drafts.push_back(std::move(phase));
      }
      break;
    }
  }

  // Seats, in phase order; within a phase in a random order.
  const auto has_access = [](const Draft& d) {
    return std::any_of(d.phase.interventions.begin(), d.phase.interventions.end(),
                       [](const model::Intervention& i) { return i.kind == K::Access; });
  };
  {
    std::vector<PersonId> wanted;
    for (const Draft& d : drafts) {
      if (has_access(d)) wanted.insert(wanted.end(), d.phase.cohort.begin(), d.phase.cohort.end());
    }
    sort_unique(wanted);
    built.seats_wanted = static_cast<std::uint32_t>(wanted.size());
  }
  const std::uint32_t seats = affordable_seats(budget, horizon_days, built.seats_wanted);
  std::vector<bool> granted(graph.person_count(), false);
  for (Draft& d : drafts) {
    if (!has_access(d)) continue;
    std::vector<PersonId> order = d.phase.cohort;
    shuffle(order, stream);
    std::vector<PersonId> kept;
    for (const PersonId person : order) {
      if (!granted[person] && built.seats < seats) {
        granted[person] = true;
        ++built.seats;
      }
      if (granted[person]) kept.push_back(person);
    }
    sort_unique(kept);
    d.phase.cohort = std::move(kept);
  }

  // Money: each lever split over its interventions by the people they reach.
  // The monthly exchange reaches the champions: everyone a phase makes one.
  double champion_count = 0.0;
  {
    std::vector<PersonId> champions;
    for (const Draft& d : drafts) {
      const bool assigns =
          std::any_of(d.phase.interventions.begin(), d.phase.interventions.end(),
                      [](const model::Intervention& i) { return i.kind == K::AssignChampions; });
      if (assigns) champions.insert(champions.end(), d.phase.cohort.begin(), d.phase.cohort.end());
    }
    sort_unique(champions);
    champion_count = static_cast<double>(champions.size());
  }
  const auto reach = [&](const Draft& d, const model::Intervention& intervention) -> double {
    if (intervention.kind == K::MonthlyExchange) return champion_count;
    if (intervention.kind == K::Onboarding) {
      const double end = std::min(intervention.until_day, static_cast<double>(horizon_days_));
      return spec_.joiners_per_day * std::max(0.0, end - d.phase.start_day);
    }
    if (organisation_wide(intervention.kind)) return static_cast<double>(graph.person_count());
    if (intervention.kind == K::ManagerEnablement) {
      return static_cast<double>(std::count_if(d.phase.cohort.begin(), d.phase.cohort.end(), [&](PersonId p) {
        return graph.role(p) != org::Role::IndividualContributor;
      }));
    }
    return static_cast<double>(d.phase.cohort.size());
  };
  std::array<double, model::kBudgetLeverCount> left_usd{};
  for (const BudgetLever lever : kChangeLevers)
    left_usd[static_cast<std::size_t>(lever)] = lever_usd(budget, lever);
  // Funded first: each intervention takes what kFundedFirstIntensity costs
  // for the people it reaches, or what is left of its lever.
  for (Draft& d : drafts) {
    if (!d.funded_first) continue;
    for (std::size_t index = 0; index < d.phase.interventions.size(); ++index) {
      model::Intervention& intervention = d.phase.interventions[index];
      if (intervention.lever == BudgetLever::Licences) continue;
      const auto lever = static_cast<std::size_t>(intervention.lever);
      const double people = reach(d, intervention);
      intervention.cost_usd = std::min(
          usd_for_intensity(budget, intervention.lever, kFundedFirstIntensity, people), left_usd[lever]);
      intervention.intensity = intensity_bought(budget, intervention.lever, intervention.cost_usd, people);
      left_usd[lever] -= intervention.cost_usd;
      built.planned_usd[lever] += intervention.cost_usd;
    }
  }
  // A centre of excellence next, by the hour (see CoeFunding).
  for (std::size_t phase = 0; phase < drafts.size(); ++phase) {
    Draft& d = drafts[phase];
    if (d.funded_first) continue;
    for (model::Intervention& intervention : d.phase.interventions) {
      if (intervention.kind != K::CentreOfExcellence) continue;
      const auto lever = static_cast<std::size_t>(intervention.lever);
      CoeFunding funding;
      funding.phase = phase;
      funding.stated_hours_per_week = intervention.hours_per_week;
      const double end = std::min({d.phase.start_day + intervention.duration_days, intervention.until_day,
                                   static_cast<double>(horizon_days_)});
      funding.days = std::max(0.0, end - d.phase.start_day);
      funding.price_usd =
          intervention.hours_per_week / 7.0 * funding.days * budget.unit_cost_usd.at(intervention.lever);
      funding.cost_usd = std::min(funding.price_usd, left_usd[lever]);
      funding.funded_hours_per_week =
          funding.price_usd > 0.0 ? intervention.hours_per_week * (funding.cost_usd / funding.price_usd)
                                  : intervention.hours_per_week;
      intervention.hours_per_week = funding.funded_hours_per_week;
      intervention.cost_usd = funding.cost_usd;
      intervention.intensity = 1.0;
      left_usd[lever] -= funding.cost_usd;
      built.planned_usd[lever] += funding.cost_usd;
      built.centre_of_excellence.push_back(funding);
    }
  }
  // The rest: each lever's remaining money split by the people reached.
  const auto paid_already = [](const Draft& d, const model::Intervention& intervention) {
    return d.funded_first || intervention.kind == K::CentreOfExcellence;
  };
  std::array<double, model::kBudgetLeverCount> total_reach{};
  for (const Draft& d : drafts) {
    for (const model::Intervention& intervention : d.phase.interventions) {
      if (paid_already(d, intervention)) continue;
      total_reach[static_cast<std::size_t>(intervention.lever)] += reach(d, intervention);
    }
  }
  for (Draft& d : drafts) {
    for (std::size_t index = 0; index < d.phase.interventions.size(); ++index) {
      model::Intervention& intervention = d.phase.interventions[index];
      const auto lever = static_cast<std::size_t>(intervention.lever);
      if (intervention.lever == BudgetLever::Licences) {
        intervention.intensity = 1.0;
        intervention.cost_usd = 0.0;
      } else if (!paid_already(d, intervention)) {
        const double share = total_reach[lever] > 0.0 ? reach(d, intervention) / total_reach[lever] : 0.0;
        intervention.cost_usd = left_usd[lever] * share;
        intervention.intensity =
            intensity_bought(budget, intervention.lever, left_usd[lever], total_reach[lever]);
        built.planned_usd[lever] += intervention.cost_usd;
      }
      if (d.intensity_override[index]) intervention.intensity = *d.intensity_override[index];
    }
    built.plan.phases.push_back(std::move(d.phase));
  }
  built.plan.licence_cost_per_seat_day_usd = licence_cost_per_seat_day_usd(budget);
  return built;
}

BuiltPlan build_plan_detailed(const StrategySpec& spec, const Budget& budget, const org::OrgGraph& graph,
                              std::uint32_t horizon_days, std::uint64_t seed, std::uint32_t replicate) {
  return PlanBuilder(spec, budget, graph, horizon_days).build(seed, replicate);
}

model::RolloutPlan build_plan(const StrategySpec& spec, const Budget& budget, const org::OrgGraph& graph,
                              std::uint32_t horizon_days, std::uint64_t seed, std::uint32_t replicate) {
  return build_plan_detailed(spec, budget, graph, horizon_days, seed, replicate).plan;
}

}  // namespace adoptsim::strategy
