#include "adoptsim/org/generator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/erdos_renyi_generator.hpp>
#include <boost/graph/small_world_generator.hpp>

#include "adoptsim/engine/random.hpp"
#include "shared_ties.hpp"

namespace adoptsim::org {
namespace {

using engine::RandomStream;

// Purposes of the generator's random streams. The 0x4f52 ("OR") prefix keeps
// them apart from the purposes other modules draw with the same seed.
enum Purpose : std::uint32_t {
  kSpanPurpose = 0x4f520001u,
  kDepartmentOrderPurpose,
  kRewiringPurpose,
  kCrossDepartmentPurpose,
  kErdosRenyiPurpose,
  kWattsStrogatzPurpose,
  kBarabasiAlbertPurpose,
};

RandomStream global_stream(std::uint64_t seed, Purpose purpose) {
  return RandomStream(engine::StreamKey{seed, 0, engine::kGlobalAgent, purpose});
}

// Only its graph_traits are used: Boost's generators take the graph type to
// learn the vertex index type and whether edges are undirected.
using BoostUndirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

std::string number(double value) {
  std::ostringstream out;
  out.precision(10);
  out << value;
  return out.str();
}

void check_weight(std::vector<std::string>& problems, const char* field, float weight) {
  if (!(weight > 0.0f && weight <= 1.0f)) {
    problems.push_back(std::string("tie_weights.") + field + " is " + number(weight) +
                       " but must be in (0, 1]");
  }
}

OrgGraphBuilder classic_builder(std::uint32_t people, std::size_t ties) {
  OrgGraphBuilder builder({"all"});
  builder.reserve(people, ties);
  for (std::uint32_t person = 0; person < people; ++person)
    builder.add_person(Role::IndividualContributor, 0);
  return builder;
}

void check_lattice_arguments(const char* family, std::uint32_t people, std::uint32_t neighbours) {
  if (neighbours % 2 != 0 || neighbours >= people) {
    throw std::invalid_argument(std::string(family) + ": neighbours is " + std::to_string(neighbours) +
                                " but must be even and below the number of people (" +
                                std::to_string(people) + ")");
  }
}

void throw_if_invalid(const OrgSpec& spec) {
  const auto problems = validate(spec);
  if (problems.empty()) return;
  std::string message = "invalid organisation spec:";
  for (const auto& problem : problems) message += " " + problem + ";";
  message.pop_back();
  throw std::invalid_argument(message);
}

}  // namespace

std::vector<std::string> validate(const OrgSpec& spec) {
  std::vector<std::string> problems;
  const std::size_t departments = spec.departments.size();
  if (departments == 0) {
    problems.push_back("departments is empty but at least one department is required");
  }
  if (departments > 0xffff) {
    problems.push_back("departments has " + std::to_string(departments) +
                       " entries but at most 65535 are supported");
  }
  if (spec.headcount < 1 + departments) {
    problems.push_back("headcount is " + std::to_string(spec.headcount) + " but must be at least " +
                       std::to_string(1 + departments) + " (the CEO plus one person for each of the " +
                       std::to_string(departments) + " departments)");
  }
  double share_sum = 0.0;
  bool shares_finite = true;
  for (std::size_t index = 0; index < departments; ++index) {
    const DepartmentSpec& department = spec.departments[index];
    const std::string field = "departments[" + std::to_string(index) + "]";
    if (department.name.empty()) {
      problems.push_back(field + ".name is empty but every department needs a name");
    } else {
      for (std::size_t earlier = 0; earlier < index; ++earlier) {
        if (spec.departments[earlier].name == department.name) {
          problems.push_back(field + ".name \"" + department.name + "\" duplicates departments[" +
                             std::to_string(earlier) + "].name; department names must be unique");
          break;
        }
      }
    }
    if (!std::isfinite(department.headcount_share) || department.headcount_share < 0.0) {
      problems.push_back(field + ".headcount_share is " + number(department.headcount_share) +
                         " but must be a number >= 0");
      shares_finite = shares_finite && std::isfinite(department.headcount_share);
    }
    share_sum += department.headcount_share;
  }
  if (departments > 0 && shares_finite && std::abs(share_sum - 1.0) > 1e-6) {
    problems.push_back("departments' headcount_share values sum to " + number(share_sum) +
                       " but must sum to 1 (within 1e-6)");
  }
  if (!(spec.span_of_control >= 1.0) || !std::isfinite(spec.span_of_control)) {
    problems.push_back("span_of_control is " + number(spec.span_of_control) + " but must be a number >= 1");
  }
  const std::uint32_t lattice = spec.department_ties_per_person;
  if (lattice % 2 != 0) {
    problems.push_back("department_ties_per_person is " + std::to_string(lattice) +
                       " but must be even (half on each side of the ring lattice)");
  }
  if (lattice > kMaxDepartmentTiesPerPerson || (lattice > 0 && lattice >= spec.headcount)) {
    problems.push_back("department_ties_per_person is " + std::to_string(lattice) +
                       " but must be below headcount (" + std::to_string(spec.headcount) + ") and at most " +
                       std::to_string(kMaxDepartmentTiesPerPerson));
  }
  const double rewiring = spec.department_rewiring_probability;
  if (!(rewiring >= 0.0 && rewiring <= 1.0)) {
    problems.push_back("department_rewiring_probability is " + number(rewiring) + " but must be in [0, 1]");
  }
  const double cross = spec.cross_department_ties_per_person;
  if (!(cross >= 0.0) || !std::isfinite(cross)) {
    problems.push_back("cross_department_ties_per_person is " + number(cross) + " but must be a number >= 0");
  }
  check_weight(problems, "reporting_line", spec.tie_weights.reporting_line);
  check_weight(problems, "teammate", spec.tie_weights.teammate);
  check_weight(problems, "department", spec.tie_weights.department);
  check_weight(problems, "cross_department", spec.tie_weights.cross_department);
  return problems;
}

std::vector<std::uint32_t> department_headcounts(const OrgSpec& spec) {
  throw_if_invalid(spec);
  const std::size_t departments = spec.departments.size();
  const std::uint32_t total = spec.headcount - 1;
  double share_sum = 0.0;
  for (const DepartmentSpec& department : spec.departments) share_sum += department.headcount_share;

  std::vector<std::uint32_t> sizes(departments, 0);
  std::vector<double> remainders(departments, 0.0);
  std::int64_t assigned = 0;
  for (std::size_t index = 0; index < departments; ++index) {
    const double quota = spec.departments[index].headcount_share / share_sum * total;
    const double whole = std::floor(quota);
    sizes[index] = static_cast<std::uint32_t>(whole);
    remainders[index] = quota - whole;
    assigned += sizes[index];
  }
  // Largest remainders first; equal remainders go to the department listed first.
  std::vector<std::size_t> order(departments);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  std::int64_t left = static_cast<std::int64_t>(total) - assigned;
  for (std::size_t rank = 0; left > 0; rank = (rank + 1) % departments, --left) ++sizes[order[rank]];
  // Rounding of the quotas can overshoot by a person; take back from the
  // smallest remainders.
  for (std::size_t rank = departments; left < 0;) {
    rank = rank == 0 ? departments - 1 : rank - 1;
    if (sizes[order[rank]] > 0) {
      --sizes[order[rank]];
      ++left;
    }
  }
  for (std::size_t index = 0; index < departments; ++index) {
    if (sizes[index] > 0) continue;
    const auto largest = std::max_element(sizes.begin(), sizes.end());
    --*largest;
    sizes[index] = 1;
  }
  return sizes;
}

OrgGraph generate_organisation(const OrgSpec& spec, std::uint64_t seed) {
  const std::vector<std::uint32_t> sizes = department_headcounts(spec);  // validates the spec
  const std::size_t department_count = sizes.size();
  const std::uint32_t people = spec.headcount;
  const TieWeights& weights = spec.tie_weights;

  std::vector<std::string> names;
  names.reserve(department_count);
  for (const DepartmentSpec& department : spec.departments) names.push_back(department.name);
  OrgGraphBuilder builder(std::move(names));
  const double lattice_ties = static_cast<double>(spec.department_ties_per_person) / 2.0;
  const double team_ties = std::min(spec.span_of_control, static_cast<double>(kMaxTeammatesPerPerson)) / 2.0;
  builder.reserve(people, static_cast<std::size_t>(static_cast<double>(people) *
                                                   (1.0 + team_ties + lattice_ties +
                                                    spec.cross_department_ties_per_person / 2.0 + 0.5)));

  // A team is a manager's direct reports, which breadth-first filling makes
  // a contiguous block of ids.
  struct Team {
    PersonId first;
    std::uint32_t size;
  };
  std::vector<Team> teams;
  std::vector<PersonId> department_start(department_count + 1, 0);

  const PersonId ceo = builder.add_person(Role::Executive, 0);
  department_start[0] = 1;
  for (std::size_t department = 0; department < department_count; ++department) {
    department_start[department + 1] = department_start[department] + sizes[department];
  }
  RandomStream span_stream = global_stream(seed, kSpanPurpose);
  const double extra_reports_mean = spec.span_of_control - 1.0;
  std::vector<Role> roles;
  for (std::size_t department = 0; department < department_count; ++department) {
    const PersonId start = department_start[department];
    const PersonId end = department_start[department + 1];
    const auto department_id = static_cast<DepartmentId>(department);
    // manager_of[i] for person start + i; the head reports to the CEO.
    std::vector<PersonId> manager_of(end - start, kNoPerson);
    roles.assign(end - start, Role::IndividualContributor);
    manager_of[0] = ceo;
    roles[0] = Role::Executive;
    PersonId next = start + 1;
    for (PersonId manager = start; next < end; ++manager) {
      const std::uint32_t remaining = end - next;
      // A draw would cost time in proportion to its mean; when the mean lies
      // more than 10 standard deviations above what is left, the draw would
      // take everyone left anyway.
      const bool takes_all =
          extra_reports_mean > static_cast<double>(remaining) + 10.0 * std::sqrt(extra_reports_mean);
      const std::uint32_t reports =
          takes_all ? remaining
                    : std::min<std::uint32_t>(1 + span_stream.poisson(extra_reports_mean), remaining);
      for (PersonId report = next; report < next + reports; ++report) manager_of[report - start] = manager;
      if (roles[manager - start] != Role::Executive) roles[manager - start] = Role::Manager;
      teams.push_back(Team{next, reports});
      next += reports;
    }
    for (PersonId person = start; person < end; ++person) {
      builder.add_person(roles[person - start], department_id, manager_of[person - start]);
      builder.add_tie(person, manager_of[person - start], weights.reporting_line, TieKind::ReportingLine);
    }
  }
  // The department heads are the CEO's team.
  detail::add_team_ties(
      builder, static_cast<std::uint32_t>(department_count),
      [&](std::uint32_t index) { return department_start[index]; }, weights.teammate);
  for (const Team& team : teams) {
    detail::add_team_ties(
        builder, team.size, [&](std::uint32_t index) { return team.first + index; }, weights.teammate);
  }

  // Small world within each department over a shuffled ring; a department
  // too small for the lattice is tied all to all.
  RandomStream order_stream = global_stream(seed, kDepartmentOrderPurpose);
  RandomStream rewiring_stream = global_stream(seed, kRewiringPurpose);
  const std::uint32_t lattice_neighbours = spec.department_ties_per_person;
  std::vector<PersonId> members;
  for (std::size_t department = 0; department < department_count && lattice_neighbours > 0; ++department) {
    members.resize(sizes[department]);
    std::iota(members.begin(), members.end(), department_start[department]);
    detail::add_department_small_world(builder, members, lattice_neighbours,
                                       spec.department_rewiring_probability, weights.department, order_stream,
                                       rewiring_stream);
  }

  // Cross-department ties; targets are drawn from the ids outside the
  // starter's department block (the CEO, id 0, counts as the first
  // department's and is never a target).
  if (department_count > 1) {
    RandomStream cross_stream = global_stream(seed, kCrossDepartmentPurpose);
    const double started_mean = spec.cross_department_ties_per_person / 2.0;
    PersonId person = 0;
    for (std::size_t department = 0; department < department_count; ++department) {
      const PersonId start = department_start[department];
      const PersonId end = department_start[department + 1];
      const std::uint32_t outside = (people - 1) - sizes[department];
      for (; person < end; ++person) {
        const std::uint32_t started = cross_stream.poisson(started_mean);
        for (std::uint32_t tie = 0; tie < started; ++tie) {
          PersonId other = 1 + cross_stream.below(outside);
          if (other >= start) other += sizes[department];
          builder.add_tie(person, other, weights.cross_department, TieKind::CrossDepartment);
        }
      }
    }
  }
  return builder.build();
}

namespace detail {

std::size_t add_department_small_world(OrgGraphBuilder& builder, std::span<const PersonId> members,
                                       std::uint32_t lattice_neighbours, double rewiring_probability,
                                       float weight, engine::RandomStream& order_stream,
                                       engine::RandomStream& rewiring_stream) {
  const auto size = static_cast<std::uint32_t>(members.size());
  std::size_t added = 0;
  if (lattice_neighbours == 0) return 0;
  if (size <= lattice_neighbours) {
    for (std::uint32_t a = 0; a < size; ++a) {
      for (std::uint32_t b = a + 1; b < size; ++b, ++added) {
        builder.add_tie(members[a], members[b], weight, TieKind::Department);
      }
    }
    return added;
  }
  // ring[i] is an index into members.
  std::vector<std::uint32_t> ring(size);
  std::iota(ring.begin(), ring.end(), 0u);
  for (std::uint32_t index = size - 1; index > 0; --index) {
    std::swap(ring[index], ring[order_stream.below(index + 1)]);
  }
  for (std::uint32_t position = 0; position < size; ++position) {
    const std::uint32_t person = ring[position];
    for (std::uint32_t step = 1; step <= lattice_neighbours / 2; ++step, ++added) {
      std::uint32_t colleague = ring[(position + step) % size];
      if (rewiring_stream.bernoulli(rewiring_probability)) {
        colleague = rewiring_stream.below(size - 1);
        if (colleague >= person) ++colleague;
      }
      builder.add_tie(members[person], members[colleague], weight, TieKind::Department);
    }
  }
  return added;
}

}  // namespace detail

OrgGraph complete_graph(std::uint32_t people) {
  OrgGraphBuilder builder = classic_builder(people, 0);
  builder.add_ties_between_all(1.0f, TieKind::Collaboration);
  return builder.build();
}

OrgGraph erdos_renyi_graph(std::uint32_t people, double mean_degree, std::uint64_t seed) {
  const double most = people < 2 ? std::numeric_limits<double>::infinity() : static_cast<double>(people - 1);
  if (!(mean_degree >= 0.0 && mean_degree <= most)) {
    throw std::invalid_argument("erdos_renyi_graph: mean_degree is " + number(mean_degree) +
                                " but must be in [0, people - 1]");
  }
  // No ties at mean degree 0: Boost's iterator would build a geometric
  // distribution of success probability 1, outside its (0, 1) precondition.
  if (people < 2 || mean_degree == 0.0) return classic_builder(people, 0).build();
  const double probability = mean_degree / static_cast<double>(people - 1);
  if (probability >= 1.0) return complete_graph(people);
  const double expected_ties =
      probability * static_cast<double>(people) * static_cast<double>(people - 1) / 2.0;
  OrgGraphBuilder builder = classic_builder(people, static_cast<std::size_t>(expected_ties * 1.01 + 16.0));
  RandomStream stream = global_stream(seed, kErdosRenyiPurpose);
  using Iterator = boost::sorted_erdos_renyi_iterator<RandomStream, BoostUndirectedGraph>;
  for (Iterator edge(stream, people, probability, false), end; edge != end; ++edge) {
    builder.add_tie(static_cast<PersonId>(edge->first), static_cast<PersonId>(edge->second), 1.0f,
                    TieKind::Collaboration);
  }
  return builder.build();
}

OrgGraph watts_strogatz_graph(std::uint32_t people, std::uint32_t neighbours, double rewiring_probability,
                              std::uint64_t seed) {
  check_lattice_arguments("watts_strogatz_graph", people, neighbours);
  if (!(rewiring_probability >= 0.0 && rewiring_probability <= 1.0)) {
    throw std::invalid_argument("watts_strogatz_graph: rewiring_probability is " +
                                number(rewiring_probability) + " but must be in [0, 1]");
  }
  // Boost's rewiring redraws until it leaves the neighbourhood: someone must lie outside it.
  if (rewiring_probability > 0.0 && neighbours + 1 >= people) {
    throw std::invalid_argument("watts_strogatz_graph: with " + std::to_string(neighbours) +
                                " neighbours every person knows everyone among " + std::to_string(people) +
                                ", so no tie can be rewired; use a rewiring_probability of 0");
  }
  const std::size_t ties = static_cast<std::size_t>(people) * (neighbours / 2);
  OrgGraphBuilder builder = classic_builder(people, ties);
  // Boost's iterator misbehaves for zero neighbours; there are no ties then anyway.
  if (neighbours == 0) return builder.build();
  RandomStream stream = global_stream(seed, kWattsStrogatzPurpose);
  using Iterator = boost::small_world_iterator<RandomStream, BoostUndirectedGraph>;
  for (Iterator edge(stream, people, neighbours, rewiring_probability, false), end; edge != end; ++edge) {
    builder.add_tie(static_cast<PersonId>(edge->first), static_cast<PersonId>(edge->second), 1.0f,
                    TieKind::Collaboration);
  }
  return builder.build();
}

OrgGraph barabasi_albert_graph(std::uint32_t people, std::uint32_t ties_per_newcomer, std::uint64_t seed) {
  const std::uint32_t m = ties_per_newcomer;
  if (m < 1 || m >= people) {
    throw std::invalid_argument("barabasi_albert_graph: ties_per_newcomer is " + std::to_string(m) +
                                " but must be at least 1 and below the number of people (" +
                                std::to_string(people) + ")");
  }
  const std::size_t ties =
      static_cast<std::size_t>(m) * (m + 1) / 2 + static_cast<std::size_t>(people - m - 1) * m;
  OrgGraphBuilder builder = classic_builder(people, ties);
  // Every tie's two ends, so a uniform draw from this list picks a person
  // with probability proportional to their degree.
  std::vector<PersonId> endpoints;
  endpoints.reserve(2 * ties);
  for (PersonId first = 0; first <= m; ++first) {
    for (PersonId second = first + 1; second <= m; ++second) {
      builder.add_tie(first, second, 1.0f, TieKind::Collaboration);
      endpoints.push_back(first);
      endpoints.push_back(second);
    }
  }
  RandomStream stream = global_stream(seed, kBarabasiAlbertPurpose);
  std::vector<PersonId> chosen;
  chosen.reserve(m);
  for (PersonId newcomer = m + 1; newcomer < people; ++newcomer) {
    chosen.clear();
    // Distinct targets by rejection: a repeat is redrawn, so each pick is
    // proportional to degree among the people not yet chosen.
    while (chosen.size() < m) {
      const PersonId target = endpoints[stream.below(static_cast<std::uint32_t>(endpoints.size()))];
      if (std::find(chosen.begin(), chosen.end(), target) == chosen.end()) chosen.push_back(target);
    }
    for (PersonId target : chosen) {
      builder.add_tie(newcomer, target, 1.0f, TieKind::Collaboration);
      endpoints.push_back(newcomer);
      endpoints.push_back(target);
    }
  }
  return builder.build();
}

OrgGraph ring_lattice_graph(std::uint32_t people, std::uint32_t neighbours) {
  check_lattice_arguments("ring_lattice_graph", people, neighbours);
  OrgGraphBuilder builder = classic_builder(people, static_cast<std::size_t>(people) * (neighbours / 2));
  for (PersonId person = 0; person < people; ++person) {
    for (std::uint32_t step = 1; step <= neighbours / 2; ++step) {
      // person < people, so people is not 0.
      // NOLINTNEXTLINE(clang-analyzer-core.DivideZero)
      builder.add_tie(person, (person + step) % people, 1.0f, TieKind::Collaboration);
    }
  }
  return builder.build();
}

}  // namespace adoptsim::org
