// Planned and spent money of one scenario over its replicates, per category
// (the seven change-management levers and licences), with the reasons money
// stayed unspent, and the champions and pilot members the plan appointed.
// Filled by the runner for workplace scenarios; reference models spend nothing.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "adoptsim/metrics/summary.hpp"
#include "adoptsim/model/observer.hpp"

namespace adoptsim::metrics {

struct BudgetCategory {
  double planned_usd = 0.0;  // the budget's money for the category
  Distribution spent_usd;    // spent by the horizon, over replicates
  // Why money stayed unspent, one phrase each (the plan's reasons, then the
  // replicates' : a phase that did not start within the horizon in k of N).
  std::vector<std::string> unspent_reasons;
  // planned_usd − mean spent, never below 0.
  double unspent_usd() const {
    return std::isnan(spent_usd.mean) ? planned_usd : std::max(0.0, planned_usd - spent_usd.mean);
  }
};

struct BudgetSummary {
  bool applies = false;  // false for reference models (no budget)
  double total_usd = 0.0;
  double planned_change_management_share = 0.0;  // the scenario's budget.change_management_share
  std::array<BudgetCategory, model::kBudgetLeverCount> categories;  // indexed by model::BudgetLever
  Distribution spent_total_usd;
  Distribution unspent_usd;            // total − spent, over replicates
  std::uint32_t affordable_seats = 0;  // seats the licence money pays for over the horizon
  Distribution seats;                  // people granted a seat
  Distribution champions;              // people appointed champions
  Distribution pilot_members;          // pilot_then_scale's pilot; 0 for other plans

  const BudgetCategory& category(model::BudgetLever lever) const {
    return categories[static_cast<std::size_t>(lever)];
  }
};

}  // namespace adoptsim::metrics
