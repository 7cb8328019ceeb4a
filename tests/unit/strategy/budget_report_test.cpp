#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "adoptsim/org/generator.hpp"
#include "adoptsim/strategy/budget_report.hpp"

namespace {

using adoptsim::model::BudgetLever;
using adoptsim::model::InterventionKind;
using namespace adoptsim::strategy;

const adoptsim::org::OrgGraph& organisation() {
  static const adoptsim::org::OrgGraph graph =
      adoptsim::org::generate_organisation(adoptsim::org::OrgSpec{}, 1);
  return graph;
}

constexpr std::uint32_t kHorizon = 180;

StrategySpec preset(Preset which) {
  StrategySpec spec;
  spec.preset = which;
  return spec;
}

std::size_t at(BudgetLever lever) { return static_cast<std::size_t>(lever); }

}  // namespace

TEST_CASE("format_usd prints whole dollars with thousands separators", "[strategy]") {
  CHECK(format_usd(45956.4) == "$45,956");
  CHECK(format_usd(-3960.0) == "-$3,960");
  CHECK(format_usd(-3959.6) == "-$3,960");
  CHECK(format_usd(0.0) == "$0");
  CHECK(format_usd(-0.4) == "$0");
  CHECK(format_usd(999.5) == "$1,000");
  CHECK(format_usd(100.0) == "$100");
  CHECK(format_usd(1234567.0) == "$1,234,567");
  CHECK(format_usd(-1e9) == "-$1,000,000,000");
}

TEST_CASE("plan budget: the default big bang leaves licences, champions and leadership money unspent",
          "[strategy]") {
  REQUIRE(organisation().person_count() == 180);
  const Budget budget;  // $100,000, 20% change management, $30 a seat-month
  const BuiltPlan built =
      build_plan_detailed(preset(Preset::BigBang), budget, organisation(), kHorizon, 1, 0);
  const PlanBudget report = describe_plan_budget(preset(Preset::BigBang), budget, built, kHorizon);
  CHECK(report.planned_usd[at(BudgetLever::Licences)] == Approx(80000.0));
  CHECK(report.planned_usd[at(BudgetLever::Training)] == Approx(5000.0));  // 25% of $20,000
  CHECK(report.planned_usd[at(BudgetLever::Leadership)] == Approx(3000.0));
  CHECK(report.planned_change_management_share == 0.2);
  // A seat for 180 days costs 30 · 12 / 365 · 180 = $177.53: $80,000 pays for 450 seats.
  CHECK(report.affordable_seats == 450);
  CHECK(report.seats == 180);
  const auto& licences = report.unspent_reasons[at(BudgetLever::Licences)];
  REQUIRE(licences.size() == 1);
  CHECK(licences[0] == "the licence money pays for 450 seats for the whole horizon; the plan grants 180");
  REQUIRE(report.unspent_reasons[at(BudgetLever::Champions)].size() == 1);
  CHECK(report.unspent_reasons[at(BudgetLever::Champions)][0] ==
        "no intervention of the plan uses it (champion_office_hours, assign_champions, monthly_exchange "
        "would)");
  CHECK(report.unspent_reasons[at(BudgetLever::Leadership)][0] ==
        "no intervention of the plan uses it (manager_enablement would)");
  CHECK(report.unspent_reasons[at(BudgetLever::Training)].empty());
  CHECK(report.champions == 0);
  CHECK(report.pilot_members == 0);

  const std::vector<LeverWarning> warnings = unused_lever_warnings(budget, built);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].lever == BudgetLever::Champions);
  CHECK(warnings[1].lever == BudgetLever::Leadership);
  CHECK(warnings[1].text.find("$3,000 for leadership") != std::string::npos);
  CHECK(warnings[1].text.find("manager_enablement") != std::string::npos);

  // With no money on the unused levers, nothing to warn about.
  Budget moved = budget;
  moved.shares.training += moved.shares.champions + moved.shares.leadership;
  moved.shares.champions = 0.0;
  moved.shares.leadership = 0.0;
  const BuiltPlan rebuilt =
      build_plan_detailed(preset(Preset::BigBang), moved, organisation(), kHorizon, 1, 0);
  CHECK(unused_lever_warnings(moved, rebuilt).empty());
}

TEST_CASE("plan budget: pilots, champions, late seats and interventions that reach nobody", "[strategy]") {
  const Budget budget;
  {
    const StrategySpec spec = preset(Preset::PilotThenScale);
    const BuiltPlan built = build_plan_detailed(spec, budget, organisation(), kHorizon, 1, 0);
    const PlanBudget report = describe_plan_budget(spec, budget, built, kHorizon);
    CHECK(report.pilot_members == 12);
    CHECK(report.champions == 12);  // the pilot become the champions
    const auto& licences = report.unspent_reasons[at(BudgetLever::Licences)];
    REQUIRE(licences.size() == 2);
    CHECK(licences[1] == "seats of phases that start after day 0 ('scale') are paid only from their start");
    CHECK(report.unspent_reasons[at(BudgetLever::Champions)].empty());
  }
  {
    const StrategySpec spec = preset(Preset::ChampionNetwork);
    const BuiltPlan built = build_plan_detailed(spec, budget, organisation(), kHorizon, 1, 0);
    const PlanBudget report = describe_plan_budget(spec, budget, built, kHorizon);
    CHECK(report.champions == 12);  // round(180 / 15)
    CHECK(report.pilot_members == 0);
  }
  {
    // Manager enablement for individual contributors only: the leadership money reaches nobody.
    StrategySpec spec = preset(Preset::Custom);
    CustomPhase phase;
    phase.name = "everyone";
    phase.cohort.roles = {"individual_contributor"};
    CustomIntervention access;
    access.kind = InterventionKind::Access;
    CustomIntervention enablement;
    enablement.kind = InterventionKind::ManagerEnablement;
    phase.interventions = {access, enablement};
    spec.phases = {phase};
    const BuiltPlan built = build_plan_detailed(spec, budget, organisation(), kHorizon, 1, 0);
    const PlanBudget report = describe_plan_budget(spec, budget, built, kHorizon);
    REQUIRE(report.unspent_reasons[at(BudgetLever::Leadership)].size() == 1);
    CHECK(report.unspent_reasons[at(BudgetLever::Leadership)][0] == "its interventions reach nobody");
    CHECK(unused_lever_warnings(budget, built).size() == 3);  // training, champions, communications
  }
  {
    // Licence money for exactly the seats needed, plus less than one seat.
    Budget tight = budget;
    tight.change_management_share = 0.0;
    tight.shares = LeverValues{};
    const double per_seat = 30.0 * 12.0 / 365.0 * kHorizon;
    tight.total_usd = 180.0 * per_seat + 100.0;
    const BuiltPlan built =
        build_plan_detailed(preset(Preset::BigBang), tight, organisation(), kHorizon, 1, 0);
    const PlanBudget report = describe_plan_budget(preset(Preset::BigBang), tight, built, kHorizon);
    CHECK(report.affordable_seats == 180);
    REQUIRE(report.unspent_reasons[at(BudgetLever::Licences)].size() == 1);
    CHECK(report.unspent_reasons[at(BudgetLever::Licences)][0] ==
          "$100 is less than one seat for the horizon ($178)");
  }
}

TEST_CASE("plan budget: a lever only the funded-first pilot uses names and warns of what it leaves",
          "[strategy]") {
  const Budget budget;
  StrategySpec spec = preset(Preset::PilotThenScale);
  spec.add_budget_lever_phase = false;  // support is then the pilot's check-ins' alone
  const BuiltPlan built = build_plan_detailed(spec, budget, organisation(), kHorizon, 1, 0);
  // What intensity 0.9 costs for the pilot's 12 members, by the saturating curve's inverse.
  const double bought = usd_for_intensity(budget, BudgetLever::Support, kFundedFirstIntensity, 12.0);
  const double money = lever_usd(budget, BudgetLever::Support);
  REQUIRE(bought < money - 1.0);
  const PlanBudget report = describe_plan_budget(spec, budget, built, kHorizon);
  const auto& reasons = report.unspent_reasons[at(BudgetLever::Support)];
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0] ==
        format_usd(money - bought) +
            " is left: its interventions (in 'pilot') are bought first, at intensity 0.9 for the "
            "people they reach, for " +
            format_usd(bought) +
            ", and no other intervention of the plan uses it (daily_check_ins, feedback_loop, "
            "centre_of_excellence would)");
  const std::vector<LeverWarning> warnings = unused_lever_warnings(budget, built);
  const auto support = std::find_if(warnings.begin(), warnings.end(),
                                    [](const LeverWarning& w) { return w.lever == BudgetLever::Support; });
  REQUIRE(support != warnings.end());
  CHECK(support->text.find("budget: " + format_usd(money - bought) + " of the " + format_usd(money) +
                           " for support is never spent") == 0);
  // With the budget's lever phase, the rest of support buys the organisation's feedback loop: nothing left.
  spec.add_budget_lever_phase = true;
  const BuiltPlan funded = build_plan_detailed(spec, budget, organisation(), kHorizon, 1, 0);
  CHECK(
      describe_plan_budget(spec, budget, funded, kHorizon).unspent_reasons[at(BudgetLever::Support)].empty());
}

TEST_CASE("onboarding is paid for the joiners expected while it runs, not the whole organisation",
          "[strategy]") {
  const Budget budget;
  StrategySpec spec = preset(Preset::Custom);
  spec.add_budget_lever_phase = false;
  CustomPhase phase;
  phase.name = "everyone";
  CustomIntervention access, workshop, onboarding;
  access.kind = InterventionKind::Access;
  workshop.kind = InterventionKind::TaskWorkshop;
  onboarding.kind = InterventionKind::Onboarding;
  onboarding.duration_days = 1.0e9;
  phase.start_day = 30.0;
  phase.interventions = {access, workshop, onboarding};
  spec.phases = {phase};
  const auto costs = [&](double joiners_per_day) {
    spec.joiners_per_day = joiners_per_day;
    const BuiltPlan built = build_plan_detailed(spec, budget, organisation(), kHorizon, 1, 0);
    const auto& interventions = built.plan.phases.at(0).interventions;
    return std::pair{interventions.at(1).cost_usd, interventions.at(2).cost_usd};
  };
  const double training = lever_usd(budget, BudgetLever::Training);
  // Nobody joins: onboarding reaches nobody and costs nothing; the workshop has the lever.
  CHECK(costs(0.0).second == 0.0);
  CHECK(costs(0.0).first == Approx(training));
  // 0.1 joiners a day for the 150 days from day 30 to the horizon: 15 joiners beside 180 at the workshop.
  const auto [workshop_usd, onboarding_usd] = costs(0.1);
  CHECK(onboarding_usd == Approx(training * 15.0 / 195.0));
  CHECK(workshop_usd == Approx(training * 180.0 / 195.0));
}

TEST_CASE("a centre of excellence is paid by the hour from the support lever, and works the hours it is paid",
          "[strategy]") {
  Budget budget;  // $100,000, 20% change management, 15% of that to support: $3,000 at $90 a support hour
  StrategySpec spec = preset(Preset::Custom);
  spec.add_budget_lever_phase = false;
  CustomPhase phase;
  phase.name = "coe";
  phase.start_day = 40.0;
  CustomIntervention access, coe;
  access.kind = InterventionKind::Access;
  coe.kind = InterventionKind::CentreOfExcellence;
  coe.duration_days = 1.0e9;
  coe.hours_per_week = 7.0;  // an hour a day
  phase.interventions = {access, coe};
  spec.phases = {phase};
  const double support = lever_usd(budget, BudgetLever::Support);
  REQUIRE(support == Approx(3000.0));
  const auto built_for = [&](const Budget& b) {
    return build_plan_detailed(spec, b, organisation(), kHorizon, 1, 0);
  };

  SECTION("paid in full: 140 days from day 40 to the horizon, an hour a day at $90, and the rest left") {
    budget.shares.support = 0.75;  // $15,000
    budget.shares.training = 0.0;
    budget.shares.incentives = 0.0;
    budget.shares.communications = 0.05;
    budget.shares.champions = 0.05;
    budget.shares.leadership = 0.05;
    budget.shares.governance = 0.05;
    budget.shares.knowledge = 0.05;
    const BuiltPlan built = built_for(budget);
    REQUIRE(built.centre_of_excellence.size() == 1);
    const CoeFunding& funding = built.centre_of_excellence[0];
    CHECK(funding.phase == 0);
    CHECK(funding.days == Approx(140.0));
    CHECK(funding.price_usd == Approx(140.0 * 90.0));
    CHECK(funding.cost_usd == Approx(12600.0));
    CHECK(funding.funded_hours_per_week == Approx(7.0));
    const adoptsim::model::Intervention& paid = built.plan.phases[0].interventions[1];
    CHECK(paid.hours_per_week == Approx(7.0));
    CHECK(paid.cost_usd == Approx(12600.0));
    CHECK(paid.intensity == 1.0);
    CHECK(built.planned_usd[at(BudgetLever::Support)] == Approx(12600.0));
    // $2,400 of support is left and named; no shortfall.
    const PlanBudget report = describe_plan_budget(spec, budget, built, kHorizon);
    const auto& reasons = report.unspent_reasons[at(BudgetLever::Support)];
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0] ==
          "$2,400 is left: the centre of excellence in 'coe' is paid by the hour, $12,600 for 7 hours a week "
          "over 140 days, and no other intervention of the plan uses it (daily_check_ins, feedback_loop, "
          "centre_of_excellence would)");
    const std::vector<LeverWarning> warnings = unused_lever_warnings(budget, built);
    CHECK(std::none_of(warnings.begin(), warnings.end(),
                       [](const LeverWarning& w) { return w.text.find("asks for") != std::string::npos; }));
  }

  SECTION("short of money: the team works the hours the lever pays, and a warning says so") {
    const BuiltPlan built = built_for(budget);
    const CoeFunding& funding = built.centre_of_excellence.at(0);
    CHECK(funding.cost_usd == Approx(3000.0));
    CHECK(funding.funded_hours_per_week == Approx(7.0 * 3000.0 / 12600.0));
    CHECK(built.plan.phases[0].interventions[1].hours_per_week == Approx(funding.funded_hours_per_week));
    const std::vector<LeverWarning> warnings = unused_lever_warnings(budget, built);
    REQUIRE_FALSE(warnings.empty());
    CHECK(warnings[0].lever == BudgetLever::Support);
    CHECK(warnings[0].text ==
          "budget: the centre of excellence in 'coe' asks for 7 hours a week over 140 days, $12,600 at $90 a "
          "support hour, but the support lever has $3,000 left for it, so its team works 1.67 hours a week; "
          "raise budget.shares.support or budget.total_usd, or lower coe_hours_per_week");
    CHECK(describe_plan_budget(spec, budget, built, kHorizon)
              .unspent_reasons[at(BudgetLever::Support)]
              .empty());
  }

  SECTION("it is paid before the reach split: a feedback loop gets what the team leaves") {
    CustomIntervention feedback;
    feedback.kind = InterventionKind::FeedbackLoop;
    feedback.duration_days = 1.0e9;
    spec.phases[0].interventions.push_back(feedback);
    budget.unit_cost_usd.support = 10.0;  // the team's 140 hours cost $1,400
    const BuiltPlan built = built_for(budget);
    CHECK(built.plan.phases[0].interventions[1].cost_usd == Approx(1400.0));
    CHECK(built.plan.phases[0].interventions[2].cost_usd == Approx(1600.0));
    CHECK(built.planned_usd[at(BudgetLever::Support)] == Approx(3000.0));
    // At $90 the team takes all $3,000, and the warning says what that leaves the feedback loop.
    budget.unit_cost_usd.support = 90.0;
    const BuiltPlan short_of_money = built_for(budget);
    CHECK(short_of_money.plan.phases[0].interventions[2].cost_usd == 0.0);
    const std::vector<LeverWarning> warnings = unused_lever_warnings(budget, short_of_money);
    REQUIRE_FALSE(warnings.empty());
    CHECK(warnings[0].text.find("so its team works 1.67 hours a week and the lever's other interventions (in "
                                "'coe') get nothing; ") != std::string::npos);
  }

  SECTION("a free support hour pays every stated hour") {
    budget.unit_cost_usd.support = 0.0;
    const BuiltPlan built = built_for(budget);
    CHECK(built.centre_of_excellence.at(0).funded_hours_per_week == 7.0);
    CHECK(built.plan.phases[0].interventions[1].cost_usd == 0.0);
  }
}
