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
  std::vector<DepartmentSpec> departments = {{"Engineering", 0.30}, {"Sales", 0.20},
                                             {"Operations", 0.15},  {"Customer Support", 0.15},
                                             {"Finance", 0.10},     {"People", 0.10}};
  // Mean number of direct reports per manager, >= 1. Spans vary around it.
  double span_of_control = 7.0;
  // Each person's ring-lattice neighbours within their department (even, >= 0,
  // below headcount and at most kMaxDepartmentTiesPerPerson), before rewiring
  // (Watts–Strogatz small world inside each department). A department with
  // fewer people than this + 1 ties everyone to everyone instead.
  std::uint32_t department_ties_per_person = 6;
  // Probability in [0, 1] that a within-department tie is rewired to a random colleague.
  double department_rewiring_probability = 0.1;
  // Mean number of ties per person to people in other departments, >= 0:
  // a person's expected count of such ties, each tie counted at both ends, so
  // an organisation has about headcount * this / 2 of them.
  double cross_department_ties_per_person = 0.5;
  TieWeights tie_weights;
};

// Upper bound on OrgSpec::department_ties_per_person: a guard against specs
// whose tie count (headcount * ties / 2) could not fit in memory.
inline constexpr std::uint32_t kMaxDepartmentTiesPerPerson = 1000;
// Teams larger than this + 1 tie each member to this many teammates (the
// nearest on a ring of the team) instead of to all of them, so a very flat
// team costs ties in proportion to its size rather than its square.
inline constexpr std::uint32_t kMaxTeammatesPerPerson = 50;

// Every problem with `spec`, one readable sentence each (empty when valid).
std::vector<std::string> validate(const OrgSpec& spec);

// People per department, CEO excluded, by largest-remainder rounding of
// headcount_share * (headcount - 1): the sizes sum to headcount - 1 and each
// is at least 1 (a department rounded to 0 takes one person from the largest
// department). Shares are normalised by their sum first. Throws
// std::invalid_argument if validate(spec) is not empty.
std::vector<std::uint32_t> department_headcounts(const OrgSpec& spec);

// Builds the organisation: one CEO (executive) at the top; each department
// has a head (executive) reporting to the CEO and a reporting tree below
// with spans of control drawn around the mean; people with reports are
// managers, the rest individual contributors. Ties: reporting line, teammates
// (direct reports of one manager), a small world within each department and
// sparse random cross-department ties. Throws std::invalid_argument if
// validate(spec) is not empty.
//
// Layout and draws, so results can be read against the spec:
// - Person 0 is the CEO, placed in the first department (so department_count()
//   equals spec.departments.size()) but outside every department's tree and
//   small world. Each department then holds a contiguous block of ids of
//   department_headcounts(spec) people: its head first, then its tree in
//   breadth-first order.
// - Tree: managers are filled breadth first, each taking 1 + Poisson(span - 1)
//   reports (span = span_of_control) until the department is used up, so
//   the mean span of managers is close to span_of_control.
// - Teammates: all pairs of one manager's direct reports (the department
//   heads are the CEO's team), capped by kMaxTeammatesPerPerson.
// - Department small world: a ring lattice over the department's people in
//   a random order (so lattice neighbours span teams instead of repeating
//   teammate ties); each lattice tie's far end is replaced, with probability
//   department_rewiring_probability, by a uniformly random other colleague.
// - Cross-department ties: each person starts Poisson(c / 2) ties, c =
//   cross_department_ties_per_person, to uniformly random people of other
//   departments (CEO excluded); with the ties others start, a person's mean
//   count of such ties is c. None when there is a single department.
// - A pair tied for several reasons keeps the strongest kind (see TieKind);
//   weights come from spec.tie_weights by kind.
OrgGraph generate_organisation(const OrgSpec& spec, std::uint64_t seed);

// Classic families: everyone is an individual contributor in one department
// named "all", ties have weight 1 and kind Collaboration.
OrgGraph complete_graph(std::uint32_t people);
// G(n, p) with p = mean_degree / (people - 1). Throws std::invalid_argument
// unless 0 <= mean_degree <= people - 1 (any mean_degree >= 0 for fewer than
// two people, who have no ties).
OrgGraph erdos_renyi_graph(std::uint32_t people, double mean_degree, std::uint64_t seed);
// Ring lattice with `neighbours` (even) ties each, every tie rewired with
// probability `rewiring_probability` to a person outside the source's lattice
// neighbourhood (Boost's small_world_iterator; the first tie, 0-1, is never
// rewired there). A rewired tie that lands on an existing one merges with it.
// Throws std::invalid_argument unless neighbours is even and below people,
// the probability is in [0, 1], and, when it is positive, someone lies outside
// each neighbourhood (neighbours + 1 < people).
OrgGraph watts_strogatz_graph(std::uint32_t people, std::uint32_t neighbours, double rewiring_probability,
                              std::uint64_t seed);
// Preferential attachment: the first ties_per_newcomer + 1 people form a
// complete graph; each later newcomer ties to `ties_per_newcomer` distinct
// existing people chosen with probability proportional to degree. So there
// are m (m + 1) / 2 + (people - m - 1) m ties for m = ties_per_newcomer, and
// every degree is at least m. Throws std::invalid_argument unless
// 1 <= ties_per_newcomer < people.
OrgGraph barabasi_albert_graph(std::uint32_t people, std::uint32_t ties_per_newcomer, std::uint64_t seed);
// Person i is tied to i +- 1 .. i +- neighbours / 2 (mod people). Throws
// std::invalid_argument unless neighbours is even and below people.
OrgGraph ring_lattice_graph(std::uint32_t people, std::uint32_t neighbours);

}  // namespace adoptsim::org
