// A scenario made ready to run replicates, and one replicate's run: what
// run_scenarios and KpiRunner share. Built once per scenario (the
// organisation, the model's shared tables, the checked plan builder); each
// replicate is then a pure function of (prepared scenario, replicate index).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/metrics/series.hpp"
#include "adoptsim/model/reference.hpp"
#include "adoptsim/model/workplace.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/strategy/budget_report.hpp"
#include "adoptsim/strategy/presets.hpp"

namespace adoptsim::runner {

struct PreparedScenario {
  const scenario::Scenario* scenario = nullptr;
  std::uint64_t seed = 0;
  std::shared_ptr<const org::OrgGraph> graph;
  metrics::KpiSettings kpi_settings;
  std::shared_ptr<const metrics::SeriesLayout> layout;  // shared by every replicate
  std::optional<WorkplaceInputs> workplace;             // workplace scenarios only
  std::unique_ptr<const model::WorkplaceModel> model;   // built once, run by every replicate
  std::optional<strategy::PlanBuilder> plan_builder;    // checked once, builds every replicate's plan
  model::ReferenceModel reference;                      // reference scenarios: named people resolved
  std::vector<std::string> phase_names;                 // of the workplace plan
  std::vector<bool> phase_gated;
  // Index of kpi.from_phase among the plan's phases (KPI days count from its start).
  std::optional<std::size_t> kpi_origin_phase;
  // Per phase of the plan: money charged to each category when it starts
  // (licences: 1 when it grants seats), for the reasons of unspent money.
  std::vector<std::array<double, model::kBudgetLeverCount>> phase_money;
};

// The reference model with the scenario's named initial adopters in it.
model::ReferenceModel with_named_people(model::ReferenceModel reference, const ResolvedPeople& people);

// Precondition: check_runnable(scenario, *organisation) is empty. The
// scenario must outlive the result; the organisation is shared with it.
std::unique_ptr<PreparedScenario> prepare_scenario(const scenario::Scenario& scenario, std::uint64_t seed,
                                                   const std::shared_ptr<const Organisation>& organisation);

// One replicate's outcome. plan_budget and rollout_people are for workplace
// scenarios only.
struct ReplicateRun {
  metrics::ReplicateSeries series;
  metrics::KpiValues kpis{};
  std::vector<double> phase_start_day;  // by phase (NaN: never started)
  std::optional<strategy::PlanBudget> plan_budget;
  RolloutPeople rollout_people;
  std::uint64_t events = 0;
};

// Replicate `replicate` of the prepared scenario, drawing from the streams
// of (seed, replicate). Thread-safe for one PreparedScenario.
ReplicateRun simulate_replicate(const PreparedScenario& prepared, std::uint32_t replicate);

}  // namespace adoptsim::runner
