#include "adoptsim/analysis/centrality.hpp"

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "adoptsim/engine/random.hpp"

namespace adoptsim::analysis {
namespace {

// Stream purpose of the random rule ("AN" for analysis).
constexpr std::uint32_t kRandomRulePurpose = 0x414e0001u;

// The weighted adjacency matrix, row i holding i's ties.
Eigen::SparseMatrix<double, Eigen::RowMajor> adjacency(const org::OrgGraph& graph, bool normalise_columns) {
  const auto people = static_cast<Eigen::Index>(graph.person_count());
  std::vector<double> column_weight(graph.person_count(), 1.0);
  if (normalise_columns) {
    for (org::PersonId person = 0; person < graph.person_count(); ++person) {
      column_weight[person] = graph.weighted_degree(person);
    }
  }
  Eigen::SparseMatrix<double, Eigen::RowMajor> matrix(people, people);
  Eigen::VectorXi per_row(people);
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    per_row[person] = static_cast<int>(graph.degree(person));
  }
  matrix.reserve(per_row);
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    const auto neighbours = graph.neighbours(person);
    const auto weights = graph.tie_weights(person);
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      const double divisor = column_weight[neighbours[index]];
      const double value = divisor > 0.0 ? static_cast<double>(weights[index]) / divisor : 0.0;
      matrix.insert(person, neighbours[index]) = value;
    }
  }
  matrix.makeCompressed();
  return matrix;
}

}  // namespace

std::vector<double> degree_centrality(const org::OrgGraph& graph) {
  std::vector<double> scores(graph.person_count());
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    scores[person] = static_cast<double>(graph.degree(person));
  }
  return scores;
}

std::vector<double> betweenness_centrality(const org::OrgGraph& graph) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph boost_graph(graph.person_count());
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    for (const org::PersonId neighbour : graph.neighbours(person)) {
      if (person < neighbour) boost::add_edge(person, neighbour, boost_graph);
    }
  }
  std::vector<double> scores(graph.person_count(), 0.0);
  // Boost halves the ordered-pair counts on an undirected graph itself.
  boost::brandes_betweenness_centrality(
      boost_graph,
      boost::make_iterator_property_map(scores.begin(), boost::get(boost::vertex_index, boost_graph)));
  return scores;
}

std::vector<double> pagerank(const org::OrgGraph& graph, const PowerIterationSettings& settings) {
  const std::size_t people = graph.person_count();
  if (people == 0) return {};
  const auto transition = adjacency(graph, true);  // (i, j) = w_ij / W_j
  std::vector<bool> dangling(people);
  for (org::PersonId person = 0; person < people; ++person)
    dangling[person] = !(graph.weighted_degree(person) > 0.0);
  const double n = static_cast<double>(people);
  const double d = settings.damping;
  Eigen::VectorXd rank = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(people), 1.0 / n);
  Eigen::VectorXd next(rank.size());
  for (std::uint32_t iteration = 0; iteration < settings.max_iterations; ++iteration) {
    double dangling_mass = 0.0;
    for (std::size_t person = 0; person < people; ++person) {
      if (dangling[person]) dangling_mass += rank[static_cast<Eigen::Index>(person)];
    }
    next.noalias() = d * (transition * rank);
    next.array() += (1.0 - d + d * dangling_mass) / n;
    const double change = (next - rank).lpNorm<1>();
    rank.swap(next);
    if (change < settings.tolerance) break;
  }
  return {rank.data(), rank.data() + rank.size()};
}

std::vector<double> eigenvector_centrality(const org::OrgGraph& graph,
                                           const PowerIterationSettings& settings) {
  const std::size_t people = graph.person_count();
  if (people == 0) return {};
  const auto matrix = adjacency(graph, false);
  Eigen::VectorXd vector = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(people),
                                                     1.0 / std::sqrt(static_cast<double>(people)));
  Eigen::VectorXd next(vector.size());
  for (std::uint32_t iteration = 0; iteration < settings.max_iterations; ++iteration) {
    next.noalias() = matrix * vector;
    next += vector;
    const double norm = next.norm();
    if (!(norm > 0.0)) break;
    next /= norm;
    const double change = (next - vector).lpNorm<1>();
    vector.swap(next);
    if (change < settings.tolerance) break;
  }
  return {vector.data(), vector.data() + vector.size()};
}

std::vector<double> department_spanning(const org::OrgGraph& graph) {
  std::vector<double> scores(graph.person_count(), 0.0);
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    const org::DepartmentId own = graph.department(person);
    for (const org::PersonId neighbour : graph.neighbours(person)) {
      if (graph.department(neighbour) != own) scores[person] += 1.0;
    }
  }
  return scores;
}

std::vector<double> centrality_scores(const org::OrgGraph& graph, ChampionRule rule, std::uint64_t seed) {
  switch (rule) {
    case ChampionRule::Random: {
      engine::RandomStream stream(engine::StreamKey{seed, 0, engine::kGlobalAgent, kRandomRulePurpose});
      std::vector<double> scores(graph.person_count());
      for (double& score : scores) score = stream.uniform();
      return scores;
    }
    case ChampionRule::Degree:
      return degree_centrality(graph);
    case ChampionRule::Betweenness:
      return betweenness_centrality(graph);
    case ChampionRule::PageRank:
      return pagerank(graph);
    case ChampionRule::Eigenvector:
      return eigenvector_centrality(graph);
    case ChampionRule::DepartmentSpanning:
      return department_spanning(graph);
    case ChampionRule::ManagerNominated:
    case ChampionRule::Named:
      break;
  }
  throw std::invalid_argument("champion rule " + std::string(to_string(rule)) + " gives people no score");
}

}  // namespace adoptsim::analysis
