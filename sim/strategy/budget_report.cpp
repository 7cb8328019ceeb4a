#include "adoptsim/strategy/budget_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace adoptsim::strategy {
namespace {

using model::BudgetLever;
using model::InterventionKind;

// Money below half a dollar is rounding (spend is accrued in float series).
constexpr double kNegligibleUsd = 0.5;

std::size_t index(BudgetLever lever) { return static_cast<std::size_t>(lever); }

// The intervention kinds charged to `lever`, as they are spelt in a scenario file.
std::string kinds_of(BudgetLever lever) {
  std::string text;
  for (int kind = 0; kind < model::kInterventionKindCount; ++kind) {
    const auto k = static_cast<InterventionKind>(kind);
    if (lever_of(k) != lever) continue;
    if (!text.empty()) text += ", ";
    text += model::to_string(k);
  }
  return text;
}

bool uses(const model::RolloutPlan& plan, BudgetLever lever) {
  for (const model::Phase& phase : plan.phases) {
    for (const model::Intervention& intervention : phase.interventions) {
      if (intervention.lever == lever) return true;
    }
  }
  return false;
}

std::string share_decimal(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

// What the plan's interventions on `lever` are charged, in all.
double charged_usd(const model::RolloutPlan& plan, BudgetLever lever) {
  double charged = 0.0;
  for (const model::Phase& phase : plan.phases) {
    for (const model::Intervention& intervention : phase.interventions) {
      if (intervention.lever == lever) charged += intervention.cost_usd;
    }
  }
  return charged;
}

// "'pilot'", "'pilot', 'champions'": the phases with an intervention on
// `lever` other than a centre of excellence (with reach_split_only, nor a
// funded-first one: a pilot's, which BuiltPlan::pilot_phase names).
std::string phases_using(const BuiltPlan& built, BudgetLever lever, bool reach_split_only = false) {
  std::string names;
  for (std::size_t index = 0; index < built.plan.phases.size(); ++index) {
    const model::Phase& phase = built.plan.phases[index];
    if (reach_split_only && built.pilot_phase == index) continue;
    const bool uses_lever = std::any_of(
        phase.interventions.begin(), phase.interventions.end(), [&](const model::Intervention& i) {
          return i.lever == lever && i.kind != InterventionKind::CentreOfExcellence;
        });
    if (uses_lever) names += (names.empty() ? "'" : ", '") + phase.name + "'";
  }
  return names;
}

// "40 hours a week", "2.5 hours a week".
std::string hours_text(double hours_per_week) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.3g hours a week", hours_per_week);
  return buffer;
}

// Why part of a used lever's money is left: what its interventions are
// charged is fixed before the reach split (a pilot's, bought first at the
// intensity a funded-first phase gets; a centre of excellence's team, paid
// by the hour) and comes to less than the lever has.
std::string leftover_reason(const BuiltPlan& built, BudgetLever lever, double charged) {
  std::string paid;
  double coe_usd = 0.0;
  for (const CoeFunding& funding : built.centre_of_excellence) {
    if (lever != BudgetLever::Support) break;
    coe_usd += funding.cost_usd;
    paid += std::string(paid.empty() ? "" : "; ") + "the centre of excellence in '" +
            built.plan.phases[funding.phase].name + "' is paid by the hour, " + format_usd(funding.cost_usd) +
            " for " + hours_text(funding.stated_hours_per_week) + " over " +
            std::to_string(static_cast<long>(std::lround(funding.days))) + " days";
  }
  if (charged - coe_usd >= kNegligibleUsd) {
    paid += std::string(paid.empty() ? "its interventions (in " : "; its other interventions (in ") +
            phases_using(built, lever) + ") are bought first, at intensity " +
            share_decimal(kFundedFirstIntensity) + " for the people they reach, for " +
            format_usd(charged - coe_usd);
  }
  return paid + ", and no other intervention of the plan uses it (" + kinds_of(lever) + " would)";
}

bool has(const model::Phase& phase, InterventionKind kind) {
  return std::any_of(phase.interventions.begin(), phase.interventions.end(),
                     [&](const model::Intervention& i) { return i.kind == kind; });
}

std::string share_text(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", 100.0 * share);
  return buffer;
}

}  // namespace

std::string format_usd(double usd) {
  if (std::isnan(usd)) return "—";
  if (std::isinf(usd)) return usd > 0 ? "$inf" : "-$inf";
  const double rounded = std::round(usd);
  const bool negative = rounded < 0.0;
  char digits[32];
  std::snprintf(digits, sizeof digits, "%.0f", std::fabs(rounded));
  const std::string plain = digits;
  std::string grouped;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (i > 0 && (plain.size() - i) % 3 == 0) grouped += ',';
    grouped += plain[i];
  }
  return (negative ? "-$" : "$") + grouped;
}

std::vector<LeverWarning> unused_lever_warnings(const Budget& budget, const BuiltPlan& built) {
  const model::RolloutPlan& plan = built.plan;
  std::vector<LeverWarning> warnings;
  // A team its lever cannot pay leaves nothing for the reach split; a
  // pilot's interventions, bought before it, are not affected.
  const std::string others = phases_using(built, BudgetLever::Support, /*reach_split_only=*/true);
  for (const CoeFunding& funding : built.centre_of_excellence) {
    if (!(funding.stated_hours_per_week - funding.funded_hours_per_week > 1e-9)) continue;
    warnings.push_back(
        {BudgetLever::Support,
         "budget: the centre of excellence in '" + plan.phases[funding.phase].name + "' asks for " +
             hours_text(funding.stated_hours_per_week) + " over " +
             std::to_string(static_cast<long>(std::lround(funding.days))) + " days, " +
             format_usd(funding.price_usd) + " at " + format_usd(budget.unit_cost_usd.support) +
             " a support hour, but the support lever has " + format_usd(funding.cost_usd) +
             " left for it, so its team works " + hours_text(funding.funded_hours_per_week) +
             (others.empty() ? std::string()
                             : " and the lever's other interventions (in " + others + ") get nothing") +
             "; raise budget.shares.support or budget.total_usd, or lower coe_hours_per_week"});
  }
  for (const BudgetLever lever : kChangeLevers) {
    const double money = lever_usd(budget, lever);
    if (!(money >= kNegligibleUsd)) continue;
    const std::string name(model::to_string(lever));
    if (uses(plan, lever)) {
      const double charged = charged_usd(plan, lever);
      if (!(charged >= kNegligibleUsd) || !(money - charged >= kNegligibleUsd)) continue;
      warnings.push_back(
          {lever, "budget: " + format_usd(money - charged) + " of the " + format_usd(money) + " for " + name +
                      " is never spent: " + leftover_reason(built, lever, charged) +
                      "; move that share to a lever the plan uses, or add such an intervention"});
      continue;
    }
    warnings.push_back(
        {lever, "budget: " + format_usd(money) + " for " + name + " (budget.shares." + name + " = " +
                    share_text(budget.shares.at(lever)) +
                    " of the change-management money) is never spent: no intervention of the plan uses " +
                    name + " (" + kinds_of(lever) + " would); move its share to a lever the plan uses, " +
                    "or add such an intervention"});
  }
  return warnings;
}

PlanBudget describe_plan_budget(const StrategySpec& spec, const Budget& budget, const BuiltPlan& built,
                                std::uint32_t horizon_days) {
  PlanBudget report;
  report.planned_change_management_share = budget.change_management_share;
  report.seats = built.seats;
  report.affordable_seats = affordable_seats(budget, horizon_days, std::numeric_limits<std::uint32_t>::max());
  report.planned_usd[index(BudgetLever::Licences)] = licence_usd(budget);
  const model::RolloutPlan& plan = built.plan;

  for (const BudgetLever lever : kChangeLevers) {
    const double money = lever_usd(budget, lever);
    report.planned_usd[index(lever)] = money;
    if (!(money >= kNegligibleUsd)) continue;
    std::vector<std::string>& reasons = report.unspent_reasons[index(lever)];
    if (!uses(plan, lever)) {
      reasons.push_back("no intervention of the plan uses it (" + kinds_of(lever) + " would)");
      continue;
    }
    const double charged = charged_usd(plan, lever);
    if (!(charged >= kNegligibleUsd)) {
      reasons.push_back("its interventions reach nobody");
    } else if (money - charged >= kNegligibleUsd) {
      reasons.push_back(format_usd(money - charged) + " is left: " + leftover_reason(built, lever, charged));
    }
  }

  // Licences: every seat is costed from day 0 to the horizon.
  std::vector<std::string>& licence_reasons = report.unspent_reasons[index(BudgetLever::Licences)];
  const double per_seat_usd = licence_cost_per_seat_day_usd(budget) * static_cast<double>(horizon_days);
  const double licence_money = licence_usd(budget);
  if (per_seat_usd > 0.0 && licence_money >= kNegligibleUsd) {
    if (report.affordable_seats > built.seats) {
      licence_reasons.push_back("the licence money pays for " + std::to_string(report.affordable_seats) +
                                " seats for the whole horizon; the plan grants " +
                                std::to_string(built.seats));
    }
    std::string late;
    for (const model::Phase& phase : plan.phases) {
      if (!has(phase, InterventionKind::Access) || phase.cohort.empty()) continue;
      if (phase.gated || phase.start_day > 0.0) late += (late.empty() ? "'" : ", '") + phase.name + "'";
    }
    if (!late.empty()) {
      licence_reasons.push_back("seats of phases that start after day 0 (" + late +
                                ") are paid only from their start");
    }
    const double remainder = licence_money - static_cast<double>(report.affordable_seats) * per_seat_usd;
    if (report.affordable_seats <= built.seats && remainder >= kNegligibleUsd) {
      licence_reasons.push_back(format_usd(remainder) + " is less than one seat for the horizon (" +
                                format_usd(per_seat_usd) + ")");
    }
  }

  std::vector<org::PersonId> champions;
  for (const model::Phase& phase : plan.phases) {
    if (has(phase, InterventionKind::AssignChampions))
      champions.insert(champions.end(), phase.cohort.begin(), phase.cohort.end());
    if (spec.preset == Preset::PilotThenScale && phase.name == "pilot")
      report.pilot_members = static_cast<std::uint32_t>(phase.cohort.size());
  }
  std::sort(champions.begin(), champions.end());
  report.champions =
      static_cast<std::uint32_t>(std::unique(champions.begin(), champions.end()) - champions.begin());
  return report;
}

}  // namespace adoptsim::strategy
