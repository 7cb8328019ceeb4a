#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "adoptsim/analysis/centrality.hpp"
#include "adoptsim/model/workplace.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/strategy/budget.hpp"
#include "adoptsim/strategy/presets.hpp"

namespace {

using adoptsim::analysis::ChampionRule;
using adoptsim::model::BudgetLever;
using adoptsim::model::InterventionKind;
using adoptsim::model::Phase;
using adoptsim::model::RolloutPlan;
using adoptsim::org::PersonId;
using namespace adoptsim::strategy;

const adoptsim::org::OrgGraph& organisation() {
  static const adoptsim::org::OrgGraph graph =
      adoptsim::org::generate_organisation(adoptsim::org::OrgSpec{}, 1);
  return graph;
}

std::vector<InterventionKind> kinds(const Phase& phase) {
  std::vector<InterventionKind> result;
  for (const auto& intervention : phase.interventions) result.push_back(intervention.kind);
  return result;
}

const Phase& phase_named(const RolloutPlan& plan, const std::string& name) {
  for (const Phase& phase : plan.phases) {
    if (phase.name == name) return phase;
  }
  FAIL("no phase named " << name);
  return plan.phases.front();
}

std::vector<PersonId> everyone() {
  std::vector<PersonId> people(organisation().person_count());
  for (PersonId person = 0; person < people.size(); ++person) people[person] = person;
  return people;
}

bool contains(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

bool contains(const std::vector<SpecProblem>& problems, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(), [&](const SpecProblem& problem) {
    return problem.text.find(text) != std::string::npos;
  });
}

StrategySpec preset(Preset which) {
  StrategySpec spec;
  spec.preset = which;
  return spec;
}

constexpr std::uint32_t kHorizon = 180;

}  // namespace

TEST_CASE("the budget curve gives 0.5 at half saturation and diminishing returns", "[strategy]") {
  CHECK(saturating_intensity(2.0, 2.0) == Approx(0.5));
  CHECK(saturating_intensity(4.0, 2.0) == Approx(0.75));
  CHECK(saturating_intensity(0.0, 2.0) == 0.0);
  CHECK(saturating_intensity(-1.0, 2.0) == 0.0);

  Budget budget;
  const double people = 180.0;
  // Money for exactly the half-saturation quantity per person gives 0.5.
  budget.unit_cost_usd.training = 50.0;
  budget.half_saturation_per_person.training = 0.5;
  budget.total_usd = 0.5 * 50.0 * people / (budget.change_management_share * budget.shares.training);
  CHECK(lever_intensity(budget, BudgetLever::Training, people) == Approx(0.5));

  // Diminishing returns: the second half of the money buys less than the first.
  Budget half = budget;
  half.total_usd = budget.total_usd / 2.0;
  const double first = lever_intensity(half, BudgetLever::Training, people);
  const double both = lever_intensity(budget, BudgetLever::Training, people);
  CHECK(first > 0.0);
  CHECK(both - first < first);
  CHECK(lever_intensity(budget, BudgetLever::Training, 0.0) == 0.0);
  // usd_for_intensity inverts intensity_bought.
  for (const double intensity : {0.1, 0.5, 0.9, 0.99}) {
    const double usd = usd_for_intensity(budget, BudgetLever::Training, intensity, people);
    CHECK(intensity_bought(budget, BudgetLever::Training, usd, people) == Approx(intensity));
  }
  CHECK(usd_for_intensity(budget, BudgetLever::Training, 0.0, people) == 0.0);
  CHECK(intensity_bought(budget, BudgetLever::Training, 0.0, people) == 0.0);
  CHECK(lever_quantity(budget, BudgetLever::Training) ==
        Approx(lever_usd(budget, BudgetLever::Training) / 50.0));
}

TEST_CASE("licences cover fewer seats as the change-management share rises", "[strategy]") {
  Budget budget;
  std::uint32_t previous = 0xffffffffu;
  std::uint32_t at_low = 0;
  std::uint32_t at_high = 0;
  for (double share = 0.0; share <= 1.0 + 1e-9; share += 0.05) {
    budget.change_management_share = share;
    CHECK(change_management_usd(budget) + licence_usd(budget) == Approx(budget.total_usd));
    const std::uint32_t seats = affordable_seats(budget, 365, 180);
    CHECK(seats <= previous);
    previous = seats;
    if (std::abs(share - 0.1) < 1e-9) at_low = seats;
    if (std::abs(share - 0.6) < 1e-9) at_high = seats;
  }
  CHECK(at_low == 180);  // the default total covers everyone for a year at a small share
  CHECK(at_high < 180);
  CHECK(previous == 0);  // everything on change management: no seats
  budget.change_management_share = 0.6;
  const double per_seat = licence_cost_per_seat_day_usd(budget) * 365.0;
  CHECK(static_cast<double>(at_high) <= licence_usd(budget) / per_seat);
  CHECK(static_cast<double>(at_high) + 1.0 > licence_usd(budget) / per_seat);
  budget.licence_cost_per_seat_month_usd = 0.0;
  CHECK(affordable_seats(budget, 365, 180) == 180);
}

TEST_CASE("validate(Budget) reports bad shares and costs", "[strategy]") {
  CHECK(validate(Budget{}).empty());
  Budget budget;
  budget.shares.training = -0.1;
  CHECK(contains(validate(budget), "share of training"));
  budget = Budget{};
  budget.shares.champions += 0.3;
  CHECK(contains(validate(budget), "sum to 1"));
  budget = Budget{};
  budget.unit_cost_usd.support = -5.0;
  CHECK(contains(validate(budget), "unit cost of support"));
  budget = Budget{};
  budget.change_management_share = 1.5;
  CHECK(contains(validate(budget), "change_management_share"));
  budget = Budget{};
  budget.total_usd = -1.0;
  CHECK(contains(validate(budget), "total_usd"));
}

TEST_CASE("big_bang: access, announcement and a webinar for everyone on day 0", "[strategy]") {
  const auto built = build_plan_detailed(preset(Preset::BigBang), Budget{}, organisation(), kHorizon, 7, 0);
  const RolloutPlan& plan = built.plan;
  REQUIRE(plan.phases.size() == 2);
  const Phase& levers = plan.phases[0];
  CHECK(levers.name == "budget levers");
  CHECK(kinds(levers) == std::vector<InterventionKind>{
                             InterventionKind::GovernancePublication, InterventionKind::FeedbackLoop,
                             InterventionKind::IncentiveChange, InterventionKind::KnowledgeMaintenance});
  const Phase& launch = phase_named(plan, "launch");
  CHECK(launch.start_day == 0.0);
  CHECK_FALSE(launch.gated);
  CHECK(launch.cohort == everyone());
  CHECK(kinds(launch) == std::vector<InterventionKind>{InterventionKind::Access,
                                                       InterventionKind::Announcement,
                                                       InterventionKind::GenericWebinar});
  CHECK(built.seats == 180);
  CHECK(plan.licence_cost_per_seat_day_usd == Approx(30.0 / kDaysPerMonth));
  for (const Phase& phase : plan.phases) {
    for (const auto& intervention : phase.interventions) {
      CHECK(intervention.intensity >= 0.0);
      CHECK(intervention.intensity <= 1.0);
      CHECK(intervention.lever == lever_of(intervention.kind));
    }
  }
  // Each used lever spends exactly its money; the webinar gets all the training money.
  CHECK(launch.interventions[2].cost_usd == Approx(lever_usd(Budget{}, BudgetLever::Training)));
  CHECK(launch.interventions[2].intensity == Approx(lever_intensity(Budget{}, BudgetLever::Training, 180.0)));
  CHECK(launch.interventions[0].cost_usd == 0.0);
  CHECK(built.planned_usd[static_cast<std::size_t>(BudgetLever::Champions)] == 0.0);  // unused lever
  CHECK(adoptsim::model::validate(adoptsim::model::WorkplaceParams{}, plan, organisation()).empty());
}

TEST_CASE("pilot_then_scale: a cross-department pilot of 8-15, then everyone else", "[strategy]") {
  const auto& graph = organisation();
  for (std::uint32_t size : {8u, 12u, 15u}) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      StrategySpec spec = preset(Preset::PilotThenScale);
      spec.pilot_size = size;
      const auto built = build_plan_detailed(spec, Budget{}, graph, kHorizon, seed, 0);
      const Phase& pilot = phase_named(built.plan, "pilot");
      REQUIRE(pilot.cohort.size() == size);
      std::map<adoptsim::org::DepartmentId, std::uint32_t> per_department;
      for (const PersonId person : pilot.cohort) ++per_department[graph.department(person)];
      CHECK(per_department.size() == std::min<std::size_t>(size, graph.department_count()));
      for (const auto& [department, count] : per_department) {
        CHECK(count <= (size + graph.department_count() - 1) / graph.department_count() + 1);
      }
      CHECK(built.champions == pilot.cohort);
      const Phase& scale = phase_named(built.plan, "scale");
      CHECK(scale.cohort.size() + pilot.cohort.size() == graph.person_count());
      std::vector<PersonId> all = pilot.cohort;
      all.insert(all.end(), scale.cohort.begin(), scale.cohort.end());
      std::sort(all.begin(), all.end());
      CHECK(all == everyone());
    }
  }
  StrategySpec spec = preset(Preset::PilotThenScale);
  const RolloutPlan plan = build_plan(spec, Budget{}, graph, kHorizon, 3, 0);
  const Phase& pilot = phase_named(plan, "pilot");
  CHECK(pilot.start_day == 0.0);
  REQUIRE(kinds(pilot) ==
          std::vector<InterventionKind>{InterventionKind::Access, InterventionKind::TaskWorkshop,
                                        InterventionKind::DailyCheckIns, InterventionKind::AssignChampions});
  CHECK(pilot.interventions[2].duration_days == 14.0);
  const Phase& scale = phase_named(plan, "scale");
  CHECK_FALSE(scale.gated);
  CHECK(scale.start_day == 42.0);
  CHECK(kinds(scale) ==
        std::vector<InterventionKind>{InterventionKind::Access, InterventionKind::Announcement,
                                      InterventionKind::TaskWorkshop, InterventionKind::ChampionOfficeHours,
                                      InterventionKind::MonthlyExchange, InterventionKind::KpiCommunication});
  // The pilot is funded first: its workshop, check-ins and champions' training
  // at intensity 0.9, each for 12 people; the scale-up's workshop gets the
  // rest of the training money, for everyone else.
  const double pilot_training = usd_for_intensity(Budget{}, BudgetLever::Training, 0.9, 12.0);
  CHECK(pilot_training < lever_usd(Budget{}, BudgetLever::Training));
  CHECK(pilot.interventions[1].cost_usd == Approx(pilot_training));
  CHECK(pilot.interventions[1].intensity == Approx(0.9));
  CHECK(pilot.interventions[2].intensity == Approx(0.9));
  CHECK(pilot.interventions[3].intensity == Approx(0.9));
  const double rest = lever_usd(Budget{}, BudgetLever::Training) - pilot_training;
  CHECK(scale.interventions[2].cost_usd == Approx(rest));
  CHECK(scale.interventions[2].intensity ==
        Approx(intensity_bought(Budget{}, BudgetLever::Training, rest, 168.0)));
  // The monthly exchange reaches the champions (the pilot), not everyone.
  const double champions_left = lever_usd(Budget{}, BudgetLever::Champions) - pilot.interventions[3].cost_usd;
  CHECK(scale.interventions[4].cost_usd == Approx(champions_left * 12.0 / (180.0 + 12.0)));
  // A lever too small for the pilot gives it everything, and the rest nothing.
  Budget small;
  small.total_usd = 1000.0;
  const RolloutPlan poor = build_plan(spec, small, graph, kHorizon, 3, 0);
  CHECK(phase_named(poor, "pilot").interventions[1].cost_usd ==
        Approx(lever_usd(small, BudgetLever::Training)));
  CHECK(phase_named(poor, "pilot").interventions[1].intensity < 0.9);
  CHECK(phase_named(poor, "scale").interventions[2].cost_usd == 0.0);
  CHECK(phase_named(poor, "scale").interventions[2].intensity == 0.0);
  CHECK(adoptsim::model::validate(adoptsim::model::WorkplaceParams{}, plan, graph).empty());

  // With a gate, scale_day is the latest day of the scale-up (or the gate's own latest day, if earlier).
  spec.scale_gate = adoptsim::model::Gate{0.5, 28.0, 90.0};
  const Phase gated = phase_named(build_plan(spec, Budget{}, graph, kHorizon, 3, 0), "scale");
  CHECK(gated.gated);
  CHECK(gated.gate.weekly_active_share_of_access == 0.5);
  CHECK(gated.gate.earliest_day == 28.0);
  CHECK(gated.gate.latest_day == 42.0);
  spec.scale_day = 120.0;
  CHECK(phase_named(build_plan(spec, Budget{}, graph, kHorizon, 3, 0), "scale").gate.latest_day == 90.0);
  spec.scale_day = 42.0;

  StrategySpec single = preset(Preset::PilotThenScale);
  single.pilot_rule = PilotRule::SingleDepartment;
  single.pilot_department = "Sales";
  const Phase stuck = phase_named(build_plan(single, Budget{}, graph, kHorizon, 3, 0), "pilot");
  REQUIRE(stuck.cohort.size() == 12);
  for (const PersonId person : stuck.cohort)
    CHECK(graph.department_name(graph.department(person)) == "Sales");
}

TEST_CASE("phased_by_department: one wave per department, largest first or in the given order",
          "[strategy]") {
  const auto& graph = organisation();
  StrategySpec spec = preset(Preset::PhasedByDepartment);
  spec.add_budget_lever_phase = false;
  RolloutPlan plan = build_plan(spec, Budget{}, graph, kHorizon, 1, 0);
  REQUIRE(plan.phases.size() == graph.department_count());
  std::vector<PersonId> all;
  std::size_t previous_size = graph.person_count();
  for (std::size_t wave = 0; wave < plan.phases.size(); ++wave) {
    const Phase& phase = plan.phases[wave];
    CHECK(phase.start_day == 30.0 * static_cast<double>(wave));
    CHECK(kinds(phase) == std::vector<InterventionKind>{InterventionKind::Access,
                                                        InterventionKind::Announcement,
                                                        InterventionKind::TaskWorkshop});
    const auto department = graph.department(phase.cohort.front());
    for (const PersonId person : phase.cohort) CHECK(graph.department(person) == department);
    CHECK(phase.cohort.size() <= previous_size);
    previous_size = phase.cohort.size();
    all.insert(all.end(), phase.cohort.begin(), phase.cohort.end());
  }
  CHECK(plan.phases.front().name == "wave 1: Engineering");
  std::sort(all.begin(), all.end());
  CHECK(all == everyone());

  spec.wave_order = {"People", "Finance"};
  spec.wave_spacing_days = 10.0;
  plan = build_plan(spec, Budget{}, graph, kHorizon, 1, 0);
  REQUIRE(plan.phases.size() == 2);
  CHECK(plan.phases[0].name == "wave 1: People");
  CHECK(plan.phases[1].name == "wave 2: Finance");
  CHECK(plan.phases[1].start_day == 10.0);
}

TEST_CASE("champion_network: one champion per 15 people, chosen by a rule", "[strategy]") {
  const auto& graph = organisation();
  StrategySpec spec = preset(Preset::ChampionNetwork);
  auto built = build_plan_detailed(spec, Budget{}, graph, kHorizon, 5, 0);
  REQUIRE(built.champions.size() == 12);
  const Phase& champions = phase_named(built.plan, "champions");
  CHECK(champions.cohort == built.champions);
  CHECK(kinds(champions) == std::vector<InterventionKind>{InterventionKind::Access,
                                                          InterventionKind::AssignChampions,
                                                          InterventionKind::TaskWorkshop});
  const Phase& launch = phase_named(built.plan, "launch");
  CHECK(launch.cohort == everyone());
  CHECK(kinds(launch) ==
        std::vector<InterventionKind>{InterventionKind::Access, InterventionKind::Announcement,
                                      InterventionKind::ChampionOfficeHours,
                                      InterventionKind::MonthlyExchange, InterventionKind::KpiCommunication});
  CHECK(adoptsim::model::validate(adoptsim::model::WorkplaceParams{}, built.plan, graph).empty());

  // A centrality chooses as analysis::select_champions does, under the spec's constraints.
  spec.champion_rule = ChampionRule::PageRank;
  spec.max_champions_per_department = 3;
  built = build_plan_detailed(spec, Budget{}, graph, kHorizon, 5, 0);
  std::vector<PersonId> expected = adoptsim::analysis::select_champions(
      graph, adoptsim::analysis::centrality_scores(graph, ChampionRule::PageRank),
      champion_constraints(spec, graph));
  std::sort(expected.begin(), expected.end());
  CHECK(built.champions == expected);
  CHECK(built.champions.size() == 12);
  spec.max_champions_per_department = 0;

  spec.champion_rule = ChampionRule::ManagerNominated;
  built = build_plan_detailed(spec, Budget{}, graph, kHorizon, 5, 0);
  REQUIRE(built.champions.size() == 12);
  std::set<PersonId> nominating;
  for (const PersonId person : built.champions) {
    REQUIRE(graph.manager(person) != adoptsim::org::kNoPerson);
    nominating.insert(graph.manager(person));
  }
  CHECK(nominating.size() == 12);  // one nominee per manager in the first round
}

TEST_CASE("manager_first: managers and executives first, their teams later", "[strategy]") {
  const auto& graph = organisation();
  const RolloutPlan plan = build_plan(preset(Preset::ManagerFirst), Budget{}, graph, kHorizon, 1, 0);
  const Phase& managers = phase_named(plan, "managers");
  const Phase& teams = phase_named(plan, "teams");
  CHECK(managers.start_day == 0.0);
  CHECK(teams.start_day == 14.0);
  CHECK(kinds(managers) == std::vector<InterventionKind>{InterventionKind::Access,
                                                         InterventionKind::ManagerEnablement,
                                                         InterventionKind::Announcement});
  CHECK(kinds(teams) == std::vector<InterventionKind>{InterventionKind::Access,
                                                      InterventionKind::Announcement,
                                                      InterventionKind::GenericWebinar});
  REQUIRE_FALSE(managers.cohort.empty());
  for (const PersonId person : managers.cohort) {
    CHECK(graph.role(person) != adoptsim::org::Role::IndividualContributor);
  }
  for (const PersonId person : teams.cohort) {
    CHECK(graph.role(person) == adoptsim::org::Role::IndividualContributor);
  }
  CHECK(managers.cohort.size() + teams.cohort.size() == graph.person_count());
  // The leadership money all goes to the one enablement.
  CHECK(managers.interventions[1].cost_usd == Approx(lever_usd(Budget{}, BudgetLever::Leadership)));
}

TEST_CASE("custom: explicit phases with cohort selectors", "[strategy]") {
  const auto& graph = organisation();
  StrategySpec spec = preset(Preset::Custom);
  spec.add_budget_lever_phase = false;
  CustomPhase first;
  first.name = "engineering managers";
  first.cohort.departments = {"Engineering"};
  first.cohort.roles = {"manager", "executive"};
  first.interventions = {{InterventionKind::Access, 0.0, 0.0, std::nullopt},
                         {InterventionKind::ManagerEnablement, 0.0, 0.0, 0.9}};
  CustomPhase second;
  second.name = "half of sales, and person 7";
  second.start_day = 10.0;
  second.cohort.departments = {"Sales"};
  second.cohort.fraction = 0.5;
  second.cohort.people = {7};
  second.interventions = {{InterventionKind::Access, 0.0, 0.0, std::nullopt}};
  CustomPhase third;
  third.name = "champions";
  third.gated = true;
  third.gate = adoptsim::model::Gate{0.3, 20.0, 60.0};
  third.cohort.champions_only = true;
  third.interventions = {{InterventionKind::AssignChampions, 0.0, 0.0, std::nullopt},
                         {InterventionKind::DailyCheckIns, 7.0, 0.0, std::nullopt}};
  CustomPhase fourth;
  fourth.name = "named";
  fourth.start_day = 30.0;
  fourth.cohort.people = {3, 1, 3};
  fourth.interventions = {{InterventionKind::IncentiveChange, 0.0, 0.8, std::nullopt}};
  spec.phases = {first, second, third, fourth};
  REQUIRE(validate(spec, graph).errors.empty());
  const auto built = build_plan_detailed(spec, Budget{}, graph, kHorizon, 2, 0);
  const RolloutPlan& plan = built.plan;
  REQUIRE(plan.phases.size() == 4);
  for (const PersonId person : plan.phases[0].cohort) {
    CHECK(graph.department_name(graph.department(person)) == "Engineering");
    CHECK(graph.role(person) != adoptsim::org::Role::IndividualContributor);
  }
  CHECK(plan.phases[0].interventions[1].intensity == 0.9);
  std::size_t sales = 0;
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    if (graph.department_name(graph.department(person)) == "Sales") ++sales;
  }
  const auto& half = plan.phases[1].cohort;
  CHECK(std::binary_search(half.begin(), half.end(), PersonId{7}));
  CHECK(half.size() == static_cast<std::size_t>(std::llround(0.5 * static_cast<double>(sales))) + 1);
  CHECK(plan.phases[2].gated);
  CHECK(plan.phases[2].cohort == built.champions);
  CHECK(built.champions.size() == 12);
  CHECK(plan.phases[2].interventions[1].duration_days == 7.0);
  CHECK(plan.phases[3].cohort == std::vector<PersonId>{1, 3});
  CHECK(plan.phases[3].interventions[0].value == 0.8);
  CHECK(adoptsim::model::validate(adoptsim::model::WorkplaceParams{}, plan, graph).empty());
}

TEST_CASE("a tight licence budget grants access in phase order", "[strategy]") {
  const auto& graph = organisation();
  Budget budget;
  budget.change_management_share = 0.8;
  const std::uint32_t seats = affordable_seats(budget, kHorizon, 180);
  REQUIRE(seats < 180);
  REQUIRE(seats > 15);
  auto built = build_plan_detailed(preset(Preset::PilotThenScale), budget, graph, kHorizon, 4, 0);
  CHECK(built.seats == seats);
  CHECK(built.seats_wanted == 180);
  CHECK(phase_named(built.plan, "pilot").cohort.size() == 12);
  CHECK(phase_named(built.plan, "scale").cohort.size() == seats - 12);
  built = build_plan_detailed(preset(Preset::BigBang), budget, graph, kHorizon, 4, 0);
  CHECK(phase_named(built.plan, "launch").cohort.size() == seats);
  // Seats spread across departments, not the first ids.
  std::set<adoptsim::org::DepartmentId> departments;
  for (const PersonId person : phase_named(built.plan, "launch").cohort)
    departments.insert(graph.department(person));
  CHECK(departments.size() == graph.department_count());
}

TEST_CASE("plans are deterministic for their inputs", "[strategy]") {
  const auto& graph = organisation();
  for (const Preset which : {Preset::BigBang, Preset::PilotThenScale, Preset::PhasedByDepartment,
                             Preset::ChampionNetwork, Preset::ManagerFirst}) {
    const StrategySpec spec = preset(which);
    const RolloutPlan a = build_plan(spec, Budget{}, graph, kHorizon, 11, 2);
    const RolloutPlan b = build_plan(spec, Budget{}, graph, kHorizon, 11, 2);
    REQUIRE(a.phases.size() == b.phases.size());
    for (std::size_t index = 0; index < a.phases.size(); ++index) {
      CHECK(a.phases[index].cohort == b.phases[index].cohort);
      CHECK(a.phases[index].start_day == b.phases[index].start_day);
      REQUIRE(a.phases[index].interventions.size() == b.phases[index].interventions.size());
      for (std::size_t k = 0; k < a.phases[index].interventions.size(); ++k) {
        CHECK(a.phases[index].interventions[k].intensity == b.phases[index].interventions[k].intensity);
        CHECK(a.phases[index].interventions[k].cost_usd == b.phases[index].interventions[k].cost_usd);
      }
    }
  }
  const StrategySpec pilot = preset(Preset::PilotThenScale);
  const auto cohort = [&](std::uint64_t seed, std::uint32_t replicate) {
    return phase_named(build_plan(pilot, Budget{}, graph, kHorizon, seed, replicate), "pilot").cohort;
  };
  CHECK(cohort(11, 2) != cohort(12, 2));
  CHECK(cohort(11, 2) != cohort(11, 3));
}

TEST_CASE("validate(StrategySpec) catches bad input", "[strategy]") {
  const auto& graph = organisation();
  for (const Preset which : {Preset::BigBang, Preset::PilotThenScale, Preset::PhasedByDepartment,
                             Preset::ChampionNetwork, Preset::ManagerFirst}) {
    const auto report = validate(preset(which), graph);
    CHECK(report.errors.empty());
    CHECK(report.warnings.empty());
  }

  StrategySpec spec = preset(Preset::PhasedByDepartment);
  spec.wave_order = {"Engineering", "Legal"};
  auto report = validate(spec, graph);
  CHECK(contains(report.errors, "unknown department 'Legal'"));
  CHECK_THROWS_AS(build_plan(spec, Budget{}, graph, kHorizon, 1, 0), std::invalid_argument);

  spec = preset(Preset::PilotThenScale);
  spec.pilot_size = 500;
  CHECK(contains(validate(spec, graph).errors, "larger than the organisation"));
  spec.pilot_size = 30;
  report = validate(spec, graph);
  CHECK(report.errors.empty());
  CHECK(contains(report.warnings, "8–15"));

  spec = preset(Preset::PilotThenScale);
  spec.scale_gate = adoptsim::model::Gate{1.5, 0.0, std::numeric_limits<double>::infinity()};
  report = validate(spec, graph);
  CHECK(report.errors.empty());
  CHECK(contains(report.warnings, "can never reach it"));
  CHECK_NOTHROW(build_plan(spec, Budget{}, graph, kHorizon, 1, 0));
  spec.scale_gate = adoptsim::model::Gate{0.0, 0.0, 10.0};
  CHECK(contains(validate(spec, graph).warnings, "met at once"));

  spec = preset(Preset::Custom);
  CustomPhase late;
  late.name = "late";
  late.start_day = 30.0;
  late.cohort.roles = {"intern"};
  CustomPhase early;
  early.name = "early";
  early.start_day = 10.0;
  early.cohort.departments = {"Marketing"};
  early.cohort.fraction = 1.5;
  spec.phases = {late, early};
  report = validate(spec, graph);
  CHECK(contains(report.errors, "unknown role 'intern'"));
  CHECK(contains(report.errors, "unknown department 'Marketing'"));
  CHECK(contains(report.errors, "phase 2 (early) starts on day 10, before the phase it follows"));
  CHECK(contains(report.errors, "fraction"));
  for (const auto& problem : report.errors) {
    if (problem.text.find("phase 2 (early)") != std::string::npos) CHECK(problem.field == "phases");
  }

  spec.phases.clear();
  CHECK(contains(validate(spec, graph).errors, "the custom strategy has no phases"));

  Budget budget;
  budget.shares.training = 0.9;
  CHECK_THROWS_AS(build_plan(preset(Preset::BigBang), budget, graph, kHorizon, 1, 0), std::invalid_argument);
}

TEST_CASE("phases start in order: a gated phase by its earliest day, against the latest start above",
          "[strategy]") {
  CustomPhase first;
  first.start_day = 20.0;
  CustomPhase gated;
  gated.gated = true;
  gated.start_day = 0.0;  // not read: a gated phase starts by its gate
  gated.gate.earliest_day = 10.0;
  CustomPhase later;
  later.start_day = 15.0;
  CustomPhase last;
  last.start_day = 20.0;
  CHECK(phase_start_day(gated) == 10.0);
  const auto problems = phases_out_of_order({first, gated, later, last});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].index == 1);
  CHECK(problems[0].start_day == 10.0);
  CHECK(problems[0].previous_start_day == 20.0);
  CHECK(problems[1].index == 2);  // against day 20, the latest start above, not the gated phase's 10
  CHECK(problems[1].previous_start_day == 20.0);
  CHECK(phases_out_of_order({first, last}).empty());  // the same day is in order
}

namespace {

struct SpendObserver final : adoptsim::model::ReplicateObserver {
  std::array<double, adoptsim::model::kBudgetLeverCount> spend{};
  std::size_t uses = 0;
  void on_start(const std::vector<adoptsim::model::FunnelState>&) override {}
  void on_day(const adoptsim::model::DayActivity& activity) override {
    for (std::size_t lever = 0; lever < spend.size(); ++lever) spend[lever] += activity.spend_usd[lever];
    for (const adoptsim::model::PersonUses& uses_by_person : activity.uses) uses += uses_by_person.count;
  }
};

}  // namespace

TEST_CASE("every preset's plan runs in the workplace model, which reports its spend", "[strategy]") {
  const auto& graph = organisation();
  for (const Preset which : {Preset::BigBang, Preset::PilotThenScale, Preset::PhasedByDepartment,
                             Preset::ChampionNetwork, Preset::ManagerFirst}) {
    INFO(to_string(which));
    const auto built = build_plan_detailed(preset(which), Budget{}, graph, kHorizon, 9, 0);
    const adoptsim::model::WorkplaceParams params;
    REQUIRE(adoptsim::model::validate(params, built.plan, graph).empty());
    SpendObserver observer;
    adoptsim::model::run_workplace(graph, params, built.plan, {9, 0, static_cast<double>(kHorizon)},
                                   observer);
    CHECK(observer.uses > 0);
    for (const BudgetLever lever : kChangeLevers) {
      const auto index = static_cast<std::size_t>(lever);
      CHECK(observer.spend[index] == Approx(built.planned_usd[index]).margin(1e-6));
      CHECK(built.planned_usd[index] <= lever_usd(Budget{}, lever) * (1.0 + 1e-12));
    }
    CHECK(observer.spend[static_cast<std::size_t>(BudgetLever::Licences)] <= licence_usd(Budget{}) + 1e-6);
  }
  CHECK(parse_preset("pilot_then_scale") == Preset::PilotThenScale);
  CHECK(parse_preset(to_string(Preset::ManagerFirst)) == Preset::ManagerFirst);
  CHECK_FALSE(parse_preset("big-bang"));
}

TEST_CASE("a plan that cannot act on this organisation as meant is a warning saying what happens",
          "[strategy]") {
  const auto& graph = organisation();  // 180 people, 6 departments, 7 executives, 25 managers

  StrategySpec managers = preset(Preset::ManagerFirst);
  const auto flat = adoptsim::org::complete_graph(20);  // nobody has reports
  CHECK(contains(validate(managers, flat, 180).warnings, "this organisation has none"));
  CHECK(validate(managers, graph, 180).warnings.empty());
  managers.manager_lead_days = 200;
  CHECK(contains(validate(managers, graph, 180).warnings, "the teams never get access"));

  StrategySpec waves = preset(Preset::PhasedByDepartment);
  waves.wave_spacing_days = 30;
  CHECK(validate(waves, graph, 180).warnings.empty());  // waves on days 0 .. 150
  CHECK(
      contains(validate(waves, graph, 100).warnings,
               "2 department waves of 6 would start on day 120 or later, not before the horizon (100 days)"));

  StrategySpec pilot = preset(Preset::PilotThenScale);
  CHECK(validate(pilot, graph, 180).warnings.empty());
  pilot.pilot_size = 30;
  CHECK(contains(validate(pilot, graph, 180).warnings, "a pilot of 30 people is outside the 8–15"));
  pilot.pilot_rule = PilotRule::SingleDepartment;
  pilot.pilot_department = "Finance";  // 18 people, one of them its executive
  CHECK(
      contains(validate(pilot, graph, 180).warnings,
               "pilot_department 'Finance' has 17 people who are not executives, fewer than pilot_size 30"));

  StrategySpec champions = preset(Preset::ChampionNetwork);
  CHECK(validate(champions, graph, 180).warnings.empty());
  champions.people_per_champion = 1;
  CHECK(contains(validate(champions, graph, 180).warnings,
                 "the plan wants 180 champions but only 173 people who are not executives can be one"));
  adoptsim::engine::RandomStream stream(adoptsim::engine::StreamKey{1, 0, 0, 0});
  CHECK(choose_champions(champions, graph, stream).size() == 173);
}

TEST_CASE("random pilots and champions leave executives out and the champion count is one rule",
          "[strategy]") {
  const auto& graph = organisation();
  StrategySpec spec = preset(Preset::PilotThenScale);
  spec.pilot_size = 15;
  StrategySpec champions = preset(Preset::ChampionNetwork);
  champions.people_per_champion = 7;  // 180 / 7 = 25.7: 26 champions, not 26 for some rules and 25 for others
  CHECK(champion_count(champions, 180, 173) == 26);
  champions.champion_count = 4;
  CHECK(champion_count(champions, 180, 173) == 4);
  CHECK(champion_count(champions, 180, 3) == 3);
  champions.champion_count = 0;
  champions.max_champions_per_department = 2;
  for (std::uint32_t replicate = 0; replicate < 20; ++replicate) {
    adoptsim::engine::RandomStream stream(adoptsim::engine::StreamKey{5, replicate, 0, 0});
    for (const PersonId person : choose_pilot(spec, graph, stream))
      CHECK(graph.role(person) != adoptsim::org::Role::Executive);
    const std::vector<PersonId> chosen = choose_champions(champions, graph, stream);
    CHECK(chosen.size() == 12);  // 6 departments × at most 2
    std::map<adoptsim::org::DepartmentId, int> per_department;
    for (const PersonId person : chosen) {
      CHECK(graph.role(person) != adoptsim::org::Role::Executive);
      ++per_department[graph.department(person)];
    }
    for (const auto& [department, count] : per_department) CHECK(count <= 2);
  }
}
