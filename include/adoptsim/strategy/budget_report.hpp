// What a built plan does with its budget, category by category (the seven
// change-management levers and licences): the money planned for each, what
// the plan can spend of it, and why the rest stays unspent. The runner adds
// what each replicate actually spent; `validate` and `run` print the
// warnings.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "adoptsim/model/observer.hpp"
#include "adoptsim/model/plan.hpp"
#include "adoptsim/strategy/budget.hpp"
#include "adoptsim/strategy/presets.hpp"

namespace adoptsim::strategy {

struct PlanBudget {
  // The budget's money per category, indexed by model::BudgetLever: the
  // lever's share of the change-management money, or the licence money.
  std::array<double, model::kBudgetLeverCount> planned_usd{};
  // Reasons known from the plan why a category's money is (partly) never
  // spent, one readable phrase each; empty when the plan can spend it all.
  // What depends on the replicate (a gated phase that does not open) the
  // runner adds.
  std::array<std::vector<std::string>, model::kBudgetLeverCount> unspent_reasons;
  double planned_change_management_share = 0.0;  // the scenario's budget.change_management_share
  std::uint32_t seats = 0;                       // people the plan grants a licence seat
  std::uint32_t affordable_seats = 0;            // seats the licence money pays for over the whole horizon
  // People the plan makes champions (the cohorts of its AssignChampions
  // interventions, after seats), and the pilot's members (pilot_then_scale:
  // its "pilot" phase; 0 for other presets).
  std::uint32_t champions = 0;
  std::uint32_t pilot_members = 0;
};

// Describes `built`, expanded from `spec` with `budget` over `horizon_days`.
// Reasons, in this order: a change lever with money that no intervention
// of the plan uses ("no intervention of the plan uses it (...)"), or whose
// interventions reach nobody, or whose interventions are all paid before the
// reach split (a pilot's, funded first; a centre of excellence's hours) and
// leave part of it ("... is left: ..."); licence money for more seats than the plan
// grants, seats paid only from a phase's start after day 0, and a remainder
// smaller than one seat for the horizon.
PlanBudget describe_plan_budget(const StrategySpec& spec, const Budget& budget, const BuiltPlan& built,
                                std::uint32_t horizon_days);

// First, one warning per centre of excellence whose stated hours its lever
// cannot pay for (CoeFunding: its team works fewer hours than the scenario
// says), with the price, the money and what to change. Then one per change
// lever that has money no intervention of the plan uses, or money its
// interventions leave (all of them paid before the reach split: funded
// first, as a pilot's are, at intensity 0.9 for the people they reach, or a
// centre of excellence paid by the hour), saying how much, which
// interventions would use it and what to do: that money is never spent, so a
// comparison of levers would rank it on money that was not spent. Empty when
// every lever's money is charged to its interventions and every team is paid.
struct LeverWarning {
  model::BudgetLever lever = model::BudgetLever::Training;
  std::string text;
};
std::vector<LeverWarning> unused_lever_warnings(const Budget& budget, const BuiltPlan& built);

// "$45,956", "-$3,960": whole dollars with thousands separators (the one
// money format of text output; files keep plain numbers).
std::string format_usd(double usd);

}  // namespace adoptsim::strategy
