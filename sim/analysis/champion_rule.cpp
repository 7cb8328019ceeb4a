#include "adoptsim/analysis/champion_rule.hpp"

namespace adoptsim::analysis {
namespace {

constexpr std::array<std::string_view, kChampionRules.size()> kNames = {
    "random", "degree", "betweenness", "pagerank", "eigenvector", "department_spanning", "manager_nominated",
    "named"};

}  // namespace

std::string_view to_string(ChampionRule rule) { return kNames[static_cast<std::size_t>(rule)]; }

std::optional<ChampionRule> parse_champion_rule(std::string_view text) {
  for (const ChampionRule rule : kChampionRules) {
    if (to_string(rule) == text) return rule;
  }
  return std::nullopt;
}

std::string champion_rule_names(std::size_t count) {
  std::string names;
  for (std::size_t index = 0; index < count && index < kChampionRules.size(); ++index) {
    if (index > 0) names += index + 1 == count ? " or " : ", ";
    names += to_string(kChampionRules[index]);
  }
  return names;
}

}  // namespace adoptsim::analysis
