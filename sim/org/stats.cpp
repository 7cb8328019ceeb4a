#include "adoptsim/org/stats.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace adoptsim::org {
namespace {

// The analysis below runs on OrgGraph's own sorted CSR rather than through a
// Boost.Graph copy: building a boost::compressed_sparse_row_graph of a
// million-person organisation costs more time and memory than the analysis,
// and Boost's all_clustering_coefficients looks up every neighbour pair
// (sum of squared degrees), where the triangle count below is near-linear on
// these sparse graphs. The unit tests check both against Boost.Graph.

DegreeSummary summarise_degrees(const OrgGraph& graph) {
  DegreeSummary summary;
  const std::size_t people = graph.person_count();
  if (people == 0) return summary;
  std::size_t max_degree = 0;
  double total = 0.0;
  for (PersonId person = 0; person < people; ++person) {
    max_degree = std::max(max_degree, graph.degree(person));
    total += static_cast<double>(graph.degree(person));
  }
  // Degrees are at most people - 1, so a counting sort gives the order statistics.
  std::vector<std::size_t> with_degree(max_degree + 1, 0);
  for (PersonId person = 0; person < people; ++person) ++with_degree[graph.degree(person)];
  // The degree at 0-based rank `rank` in ascending order.
  auto degree_at = [&](std::size_t rank) {
    std::size_t seen = 0;
    for (std::size_t degree = 0; degree <= max_degree; ++degree) {
      seen += with_degree[degree];
      if (seen > rank) return degree;
    }
    return max_degree;
  };
  summary.min = degree_at(0);
  summary.max = max_degree;
  summary.mean = total / static_cast<double>(people);
  summary.median =
      people % 2 == 1
          ? static_cast<double>(degree_at(people / 2))
          : (static_cast<double>(degree_at(people / 2 - 1)) + static_cast<double>(degree_at(people / 2))) /
                2.0;
  // Nearest rank: the smallest degree that at least 90% of people do not exceed.
  summary.p90 = degree_at((9 * people + 9) / 10 - 1);

  // Bins [0, 1), [1, 2), [2, 4), [4, 8), ... up to the first power of two above the maximum.
  summary.bin_edges = {0, 1};
  while (summary.bin_edges.back() <= max_degree) summary.bin_edges.push_back(2 * summary.bin_edges.back());
  summary.histogram.assign(summary.bin_edges.size() - 1, 0);
  std::size_t bin = 0;
  for (std::size_t degree = 0; degree <= max_degree; ++degree) {
    while (degree >= summary.bin_edges[bin + 1]) ++bin;
    summary.histogram[bin] += with_degree[degree];
  }
  return summary;
}

// Mean local clustering coefficient by counting each triangle once: ties are
// oriented from the lower to the higher (degree, id) rank, and a triangle is
// found at its lowest-ranked corner u as a pair v, w of u's out-neighbours
// with w also an out-neighbour of v. Each out-degree is at most sqrt(2 ties),
// so the work is O(ties^1.5) at worst and near-linear on sparse graphs.
double average_clustering(const OrgGraph& graph) {
  const std::size_t people = graph.person_count();
  if (people == 0) return 0.0;
  const std::size_t ties = graph.tie_count();
  // A complete graph (the classic family used by the Bass tests) has all
  // possible triangles; enumerating them would take people^3 / 6 steps.
  if (people >= 3 && ties == people * (people - 1) / 2) return 1.0;

  auto ranks_before = [&](PersonId a, PersonId b) {
    const std::size_t degree_a = graph.degree(a);
    const std::size_t degree_b = graph.degree(b);
    return degree_a != degree_b ? degree_a < degree_b : a < b;
  };
  std::vector<std::uint64_t> out_offset(people + 1, 0);
  for (PersonId person = 0; person < people; ++person) {
    std::uint64_t out = 0;
    for (PersonId neighbour : graph.neighbours(person)) out += ranks_before(person, neighbour) ? 1 : 0;
    out_offset[person + 1] = out_offset[person] + out;
  }
  std::vector<PersonId> out_neighbour(out_offset[people]);
  for (PersonId person = 0; person < people; ++person) {
    std::uint64_t at = out_offset[person];
    for (PersonId neighbour : graph.neighbours(person)) {
      if (ranks_before(person, neighbour)) out_neighbour[at++] = neighbour;
    }
  }

  std::vector<std::uint64_t> triangles(people, 0);
  std::vector<PersonId> marked_by(people, kNoPerson);
  for (PersonId u = 0; u < people; ++u) {
    const std::uint64_t begin = out_offset[u];
    const std::uint64_t end = out_offset[u + 1];
    if (end - begin < 2) continue;
    for (std::uint64_t index = begin; index < end; ++index) marked_by[out_neighbour[index]] = u;
    for (std::uint64_t index = begin; index < end; ++index) {
      const PersonId v = out_neighbour[index];
      for (std::uint64_t next = out_offset[v]; next < out_offset[v + 1]; ++next) {
        const PersonId w = out_neighbour[next];
        if (marked_by[w] != u) continue;
        ++triangles[u];
        ++triangles[v];
        ++triangles[w];
      }
    }
  }

  double total = 0.0;
  for (PersonId person = 0; person < people; ++person) {
    const auto degree = static_cast<double>(graph.degree(person));
    if (degree < 2.0) continue;
    total += 2.0 * static_cast<double>(triangles[person]) / (degree * (degree - 1.0));
  }
  return total / static_cast<double>(people);
}

// Levels of the longest reporting chain; each person's level is computed
// once by walking up to the first person whose level is known. OrgGraph
// guarantees the reporting lines are acyclic.
std::uint32_t hierarchy_depth(const OrgGraph& graph) {
  const std::size_t people = graph.person_count();
  std::vector<std::uint32_t> level(people, 0);
  std::vector<PersonId> chain;
  std::uint32_t deepest = 0;
  for (PersonId start = 0; start < people; ++start) {
    PersonId person = start;
    while (person != kNoPerson && level[person] == 0) {
      chain.push_back(person);
      person = graph.manager(person);
    }
    std::uint32_t above = person == kNoPerson ? 0 : level[person];
    while (!chain.empty()) {
      level[chain.back()] = ++above;
      chain.pop_back();
    }
    deepest = std::max(deepest, level[start]);
  }
  return deepest;
}

void count_components(const OrgGraph& graph, OrgStats& stats) {
  const std::size_t people = graph.person_count();
  std::vector<bool> seen(people, false);
  std::vector<PersonId> queue;
  queue.reserve(people);
  for (PersonId start = 0; start < people; ++start) {
    if (seen[start]) continue;
    ++stats.connected_components;
    queue.clear();
    queue.push_back(start);
    seen[start] = true;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      for (PersonId neighbour : graph.neighbours(queue[head])) {
        if (seen[neighbour]) continue;
        seen[neighbour] = true;
        queue.push_back(neighbour);
      }
    }
    stats.largest_component = std::max(stats.largest_component, queue.size());
  }
}

}  // namespace

OrgStats compute_stats(const OrgGraph& graph) {
  OrgStats stats;
  const std::size_t people = graph.person_count();
  stats.people = people;
  stats.ties = graph.tie_count();
  stats.department_sizes.assign(graph.department_count(), 0);
  std::size_t cross_department_ties = 0;
  for (PersonId person = 0; person < people; ++person) {
    ++stats.department_sizes[graph.department(person)];
    ++stats.people_by_role[static_cast<std::size_t>(graph.role(person))];
    if (graph.manager(person) == kNoPerson) ++stats.reporting_roots;
    const auto neighbours = graph.neighbours(person);
    const auto kinds = graph.tie_kinds(person);
    // Each tie once, from its lower end; rows are sorted, so skip to the
    // first neighbour above `person`.
    const auto first_above = std::upper_bound(neighbours.begin(), neighbours.end(), person);
    for (auto at = first_above; at != neighbours.end(); ++at) {
      const auto index = static_cast<std::size_t>(at - neighbours.begin());
      ++stats.ties_by_kind[static_cast<std::size_t>(kinds[index])];
      if (graph.department(*at) != graph.department(person)) ++cross_department_ties;
    }
  }
  stats.cross_department_tie_share =
      stats.ties == 0 ? 0.0 : static_cast<double>(cross_department_ties) / static_cast<double>(stats.ties);
  stats.degree = summarise_degrees(graph);
  stats.average_clustering = average_clustering(graph);
  stats.hierarchy_depth = hierarchy_depth(graph);
  count_components(graph, stats);
  return stats;
}

}  // namespace adoptsim::org
