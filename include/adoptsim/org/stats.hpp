// Descriptive statistics of an organisation, as `adoptsim org inspect` prints them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::org {

struct DegreeSummary {
  std::size_t min = 0;
  double median = 0.0;
  double mean = 0.0;
  std::size_t p90 = 0;  // 90th percentile
  std::size_t max = 0;
  // histogram[k] = people with degree in [bin_edges[k], bin_edges[k + 1]).
  std::vector<std::size_t> bin_edges;
  std::vector<std::size_t> histogram;
};

struct OrgStats {
  std::size_t people = 0;
  std::size_t ties = 0;
  std::vector<std::size_t> department_sizes;  // by DepartmentId
  std::size_t people_by_role[kRoleCount] = {};
  std::size_t ties_by_kind[kTieKindCount] = {};
  DegreeSummary degree;
  // Mean local clustering coefficient (people with degree < 2 count as 0).
  double average_clustering = 0.0;
  // Ties whose ends are in different departments, as a share of all ties.
  double cross_department_tie_share = 0.0;
  // Reporting levels: 1 for a lone root, 0 for an organisation without people.
  std::uint32_t hierarchy_depth = 0;
  std::size_t reporting_roots = 0;  // people without a manager
  std::size_t connected_components = 0;
  std::size_t largest_component = 0;
};

OrgStats compute_stats(const OrgGraph& graph);

}  // namespace adoptsim::org
