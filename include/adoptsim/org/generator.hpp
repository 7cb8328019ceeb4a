// Synthetic organisations, deterministic by seed: a mid-market firm with
// departments, a reporting hierarchy and an executive layer, and the classic
// network families used in research and tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::org {

struct DepartmentSpec {
  std::string name;
  double headcount_share = 0.0;  // fraction of non-CEO headcount, shares sum to 1
};

// Tie weights by kind, in (0, 1]: how much a colleague's behaviour is seen
// and weighs through that relationship.
struct TieWeights {
  float reporting_line = 1.0f;
  float teammate = 0.7f;
  float department = 0.35f;
  float cross_department = 0.25f;
};

// Describes a generated organisation. The defaults describe a mid-market firm
// of 180 people in 6 departments.
struct OrgSpec {
  std::uint32_t headcount = 180;  // everyone, the CEO included; at least 1 + departments
  std::vector<DepartmentSpec> departments = {
      {"Engineering", 0.30}, {"Sales", 0.20}, {"Operations", 0.15},
      {"Customer Support", 0.15}, {"Finance", 0.10}, {"People", 0.10}};
  // Mean number of direct reports per manager, >= 1. Spans vary around it.
  double span_of_control = 7.0;
  // Each person's ring-lattice neighbours within their department (even, >= 0),
  // before rewiring (Watts–Strogatz small world inside each department).
  std::uint32_t department_ties_per_person = 6;
  // Probability in [0, 1] that a within-department tie is rewired to a random colleague.
  double department_rewiring_probability = 0.1;
  // Mean number of ties per person to people in other departments, >= 0.
  double cross_department_ties_per_person = 0.5;
  TieWeights tie_weights;
};

// Every problem with `spec`, one readable sentence each (empty when valid).
std::vector<std::string> validate(const OrgSpec& spec);

// Builds the organisation: one CEO (executive) at the top; each department
// has a head (executive) reporting to the CEO and a reporting tree below
// with spans of control drawn around the mean; people with reports are
// managers, the rest individual contributors. Ties: reporting line, teammates
// (direct reports of one manager), a small world within each department and
// sparse random cross-department ties. Throws std::invalid_argument if
// validate(spec) is not empty.
OrgGraph generate_organisation(const OrgSpec& spec, std::uint64_t seed);

// Classic families: everyone is an individual contributor in one department
// named "all", ties have weight 1 and kind Collaboration.
OrgGraph complete_graph(std::uint32_t people);
// G(n, p) with p = mean_degree / (people - 1).
OrgGraph erdos_renyi_graph(std::uint32_t people, double mean_degree, std::uint64_t seed);
// Ring lattice with `neighbours` (even) ties each, every tie rewired with
// probability `rewiring_probability`.
OrgGraph watts_strogatz_graph(std::uint32_t people, std::uint32_t neighbours, double rewiring_probability,
                              std::uint64_t seed);
// Preferential attachment: each newcomer ties to `ties_per_newcomer` distinct
// existing people chosen with probability proportional to degree.
OrgGraph barabasi_albert_graph(std::uint32_t people, std::uint32_t ties_per_newcomer, std::uint64_t seed);
OrgGraph ring_lattice_graph(std::uint32_t people, std::uint32_t neighbours);

}  // namespace adoptsim::org
