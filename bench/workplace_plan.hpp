// The workplace benchmarks' one plan, so that workplace_bench and
// workplace_reference_bench measure the same thing: the champion_network
// preset (everyone has access from day 0, so nearly everyone is deciding on
// every work opportunity: the busiest of the presets), $550 a head, 365
// days, the default calibration, on the default generated firm.
#pragma once

#include <cstdint>

#include "adoptsim/model/workplace.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/strategy/presets.hpp"

namespace adoptsim::bench {

constexpr std::uint64_t kWorkplaceSeed = 20'261'130;
constexpr std::uint32_t kWorkplaceHorizonDays = 365;
constexpr double kWorkplaceBudgetPerPersonUsd = 550.0;

inline strategy::StrategySpec workplace_strategy() {
  strategy::StrategySpec spec;
  spec.preset = strategy::Preset::ChampionNetwork;
  return spec;
}

inline strategy::Budget workplace_budget(std::uint32_t people) {
  strategy::Budget budget;
  budget.total_usd = kWorkplaceBudgetPerPersonUsd * people;
  return budget;
}

// The default parameters, every department on the default profile.
inline model::WorkplaceParams workplace_params(const org::OrgGraph& graph) {
  model::WorkplaceParams params;
  params.departments.assign(graph.department_count(), params.default_profile);
  return params;
}

}  // namespace adoptsim::bench
