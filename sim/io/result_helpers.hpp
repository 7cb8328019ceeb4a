// Helpers the result writers (results.cpp) and the terminal's KPI table
// (kpi_table.cpp), and the sweep's (sweep_results.cpp) share. Internal to the io module.
#pragma once

#include <string>
#include <vector>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/strategy/budget.hpp"

namespace adoptsim::io::detail {

// The headline metric in words, for KPI definitions.
inline std::string headline_words(const runner::ScenarioResult& result) {
  return result.headline_metric == "adopted" ? "adopted" : "weekly active";
}

// Reference models only adopt: they write the adoption metrics, not usage,
// spend or the workplace funnel, which would be zero throughout.
inline bool is_reference(const runner::ScenarioResult& result) { return result.headline_metric == "adopted"; }

inline bool applies_to_reference(metrics::GroupMetric metric) {
  return metric == metrics::GroupMetric::StateUnaware || metric == metrics::GroupMetric::StateActive ||
         metric == metrics::GroupMetric::Adopted;
}

inline bool applies_to_reference(metrics::Kpi kpi) {
  return kpi != metrics::Kpi::DailyActiveShareDay90 && kpi != metrics::Kpi::TotalSpendUsd &&
         kpi != metrics::Kpi::ChangeManagementSpendShare && kpi != metrics::Kpi::CostPerActiveUsd;
}

// A KPI value as kpis.csv writes it: a time-to-X KPI never reached within
// the horizon is "inf" (later than any day), not empty.
std::string kpi_value_text(const metrics::KpiDefinition& definition, double value);

// Licences first, then the change levers in model::BudgetLever order.
inline std::vector<model::BudgetLever> budget_order() {
  std::vector<model::BudgetLever> levers = {model::BudgetLever::Licences};
  for (const model::BudgetLever lever : strategy::kChangeLevers) levers.push_back(lever);
  return levers;
}

}  // namespace adoptsim::io::detail
