// Network position of every person: degree, betweenness, PageRank,
// eigenvector centrality and how much a person's ties span departments. The
// scores champion selection ranks people by.
#pragma once

#include <cstdint>
#include <vector>

#include "adoptsim/analysis/champion_rule.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::analysis {

// Ties of each person (unweighted count).
std::vector<double> degree_centrality(const org::OrgGraph& graph);

// Brandes betweenness (Boost.Graph) on the unweighted, undirected graph:
// the number of shortest paths between other pairs {s, t} that pass through
// the person, each pair's paths sharing one unit. Not normalised: a star's
// centre with n leaves scores n (n - 1) / 2, a path's k-th of n people
// (0-based) k (n - 1 - k). Costs O(people × ties) time.
std::vector<double> betweenness_centrality(const org::OrgGraph& graph);

struct PowerIterationSettings {
  double damping = 0.85;     // PageRank's probability of following a tie, in [0, 1)
  double tolerance = 1e-10;  // stop when the L1 change of an iteration is below this
  std::uint32_t max_iterations = 1000;
};

// PageRank (Eigen sparse power iteration) on the undirected graph with ties
// weighted by their weight: a walker follows a tie with probability
// proportional to its weight, and teleports uniformly with probability
// 1 - damping. People without ties (or with only zero-weight ties) spread
// their rank uniformly. Scores sum to 1.
std::vector<double> pagerank(const org::OrgGraph& graph, const PowerIterationSettings& settings = {});

// Eigenvector centrality: the leading eigenvector of the weighted adjacency
// matrix, by power iteration on A + I (the shift keeps bipartite graphs from
// oscillating and leaves the eigenvectors unchanged), scaled to unit length
// (L2 norm 1) and non-negative. A star's centre with n leaves scores √n
// times a leaf. On a disconnected graph the mass concentrates on the
// component with the largest eigenvalue.
std::vector<double> eigenvector_centrality(const org::OrgGraph& graph,
                                           const PowerIterationSettings& settings = {});

// Department spanning: the number of a person's ties to people in other
// departments (bridges a cross-department pilot needs).
std::vector<double> department_spanning(const org::OrgGraph& graph);

// The rule's score of every person, for the scored rules (is_scored):
// Random draws a uniform score per person from the seed (deterministic); the
// seed is ignored by the centralities. Throws std::invalid_argument for
// ManagerNominated and Named, which rank nobody.
std::vector<double> centrality_scores(const org::OrgGraph& graph, ChampionRule rule, std::uint64_t seed = 1);

}  // namespace adoptsim::analysis
