// Choosing champions by network position: the K people a score ranks
// highest, under department and role constraints. A library function so that
// the `champions` verb and the champion_network / pilot_then_scale rollout
// strategies choose alike.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "adoptsim/analysis/centrality.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::analysis {

struct SelectionConstraints {
  std::uint32_t count = 12;  // K: how many champions
  // At most this many per department; 0 means no limit.
  std::uint32_t max_per_department = 0;
  // First the best-scoring eligible person of every department (that has
  // one), then the rest by score. Needs count >= the number of such departments.
  bool at_least_one_per_department = false;
  bool exclude_executives = true;
};

// Every problem with choosing under `constraints` on `graph`, one sentence
// each (empty when a full selection is possible): a count of 0, fewer
// eligible people than asked for, more departments than champions with
// at_least_one_per_department, a per-department cap too small for the count.
std::vector<std::string> check_selection(const org::OrgGraph& graph, const SelectionConstraints& constraints);

// The chosen people, best first. Ranking is by score, highest first; equal
// scores go to the lower person id, so the result is deterministic. People
// who are executives (when excluded) are never chosen. Throws
// std::invalid_argument when check_selection reports a problem or scores has
// the wrong size.
std::vector<org::PersonId> select_champions(const org::OrgGraph& graph, std::span<const double> scores,
                                            const SelectionConstraints& constraints);

// select_champions(graph, centrality_scores(graph, rule, seed), constraints).
std::vector<org::PersonId> select_champions(const org::OrgGraph& graph, ChampionRule rule,
                                            const SelectionConstraints& constraints, std::uint64_t seed = 1);

}  // namespace adoptsim::analysis
