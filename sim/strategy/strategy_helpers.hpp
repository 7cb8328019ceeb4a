// Helpers the strategy module's sources share: the plan builder
// (presets.cpp) and the spec's checks (spec_validation.cpp). Internal to
// the strategy module.
#pragma once

#include <algorithm>
#include <optional>
#include <string_view>

#include "adoptsim/strategy/presets.hpp"

namespace adoptsim::strategy::detail {

// The department called `name`, if the organisation has one.
inline std::optional<org::DepartmentId> find_department(const org::OrgGraph& graph, std::string_view name) {
  const auto& names = graph.department_names();
  for (std::size_t index = 0; index < names.size(); ++index) {
    if (names[index] == name) return static_cast<org::DepartmentId>(index);
  }
  return std::nullopt;
}

// Whether the strategy appoints champions: champion_network, or a custom
// phase for the champions only.
inline bool needs_champions(const StrategySpec& spec) {
  if (spec.preset == Preset::ChampionNetwork) return true;
  if (spec.preset != Preset::Custom) return false;
  return std::any_of(spec.phases.begin(), spec.phases.end(),
                     [](const CustomPhase& phase) { return phase.cohort.champions_only; });
}

}  // namespace adoptsim::strategy::detail
