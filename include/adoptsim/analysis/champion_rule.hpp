// How a rollout strategy chooses its champions (and, with pilot_rule
// "network_position", its pilot): the one enum and the one name table that
// the scenario files, the strategy, the runner and the `champions` verb use.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace adoptsim::analysis {

enum class ChampionRule : std::uint8_t {
  // Uniformly random people. A strategy draws them anew in every replicate;
  // as a score (centrality_scores) it is one uniform number per person.
  Random,
  // The people a centrality of the org graph ranks highest (centrality.hpp).
  Degree,
  Betweenness,
  PageRank,
  Eigenvector,
  DepartmentSpanning,  // ties into other departments
  // Managers, in a random order, each nominate a random direct report, round after round.
  ManagerNominated,
  Named,  // exactly the people the strategy names
};

// Every rule, in the name table's order (scenarios/README.md lists them so).
inline constexpr std::array<ChampionRule, 8> kChampionRules = {
    ChampionRule::Random,           ChampionRule::Degree,      ChampionRule::Betweenness,
    ChampionRule::PageRank,         ChampionRule::Eigenvector, ChampionRule::DepartmentSpanning,
    ChampionRule::ManagerNominated, ChampionRule::Named};
// The rules that give every person a score (centrality_scores): the first
// kScoredRuleCount of kChampionRules, Random to DepartmentSpanning.
inline constexpr std::size_t kScoredRuleCount = 6;

constexpr bool is_scored(ChampionRule rule) { return rule <= ChampionRule::DepartmentSpanning; }
// A centrality: scored and not Random.
constexpr bool is_centrality(ChampionRule rule) { return rule != ChampionRule::Random && is_scored(rule); }

// "random", "degree", "betweenness", "pagerank", "eigenvector",
// "department_spanning", "manager_nominated", "named".
std::string_view to_string(ChampionRule rule);
std::optional<ChampionRule> parse_champion_rule(std::string_view text);
// The names of the first `count` rules of kChampionRules for a message:
// "random, degree, … or department_spanning".
std::string champion_rule_names(std::size_t count = kChampionRules.size());

}  // namespace adoptsim::analysis
