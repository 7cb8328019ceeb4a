#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/stats.hpp"

using namespace adoptsim::org;

namespace {

// Everything an OrgGraph holds, flattened, so two graphs compare with ==.
struct Flattened {
  std::vector<std::string> departments;
  std::vector<std::tuple<Role, DepartmentId, PersonId>> people;
  std::vector<std::tuple<PersonId, PersonId, float, TieKind>> ties;
  bool operator==(const Flattened&) const = default;
};

Flattened flatten(const OrgGraph& graph) {
  Flattened flat;
  flat.departments = graph.department_names();
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    flat.people.emplace_back(graph.role(person), graph.department(person), graph.manager(person));
    const auto neighbours = graph.neighbours(person);
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      flat.ties.emplace_back(person, neighbours[index], graph.tie_weights(person)[index],
                             graph.tie_kinds(person)[index]);
    }
  }
  return flat;
}

std::vector<std::size_t> report_counts(const OrgGraph& graph) {
  std::vector<std::size_t> reports(graph.person_count(), 0);
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    if (graph.manager(person) != kNoPerson) ++reports[graph.manager(person)];
  }
  return reports;
}

OrgSpec spec_of(std::uint32_t headcount) {
  OrgSpec spec;
  spec.headcount = headcount;
  return spec;
}

// True when some problem mentions every one of `words`.
bool reports_problem(const OrgSpec& spec, std::vector<std::string> words) {
  for (const std::string& problem : validate(spec)) {
    if (std::all_of(words.begin(), words.end(),
                    [&](const std::string& word) { return problem.find(word) != std::string::npos; })) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("generated organisations are a pure function of the seed", "[org]") {
  const OrgSpec spec = spec_of(1000);
  const Flattened first = flatten(generate_organisation(spec, 42));
  CHECK(first == flatten(generate_organisation(spec, 42)));
  CHECK_FALSE(first == flatten(generate_organisation(spec, 43)));
  CHECK_FALSE(flatten(watts_strogatz_graph(300, 6, 0.2, 1)) == flatten(watts_strogatz_graph(300, 6, 0.2, 2)));
  CHECK(flatten(barabasi_albert_graph(300, 2, 5)) == flatten(barabasi_albert_graph(300, 2, 5)));
  CHECK_FALSE(flatten(barabasi_albert_graph(300, 2, 5)) == flatten(barabasi_albert_graph(300, 2, 6)));
  CHECK(flatten(erdos_renyi_graph(300, 4.0, 9)) == flatten(erdos_renyi_graph(300, 4.0, 9)));
  CHECK_FALSE(flatten(erdos_renyi_graph(300, 4.0, 9)) == flatten(erdos_renyi_graph(300, 4.0, 10)));
}

TEST_CASE("department sizes follow the shares by largest remainder", "[org]") {
  // 179 non-CEO people: quotas 53.7, 35.8, 26.85, 26.85, 17.9, 17.9.
  CHECK(department_headcounts(OrgSpec{}) == std::vector<std::uint32_t>{53, 36, 27, 27, 18, 18});

  OrgSpec tiny_share;
  tiny_share.headcount = 11;
  tiny_share.departments = {{"Big", 0.999}, {"Small", 0.001}};
  CHECK(department_headcounts(tiny_share) == std::vector<std::uint32_t>{9, 1});

  OrgSpec minimal = spec_of(7);
  CHECK(department_headcounts(minimal) == std::vector<std::uint32_t>(6, 1));
  CHECK_THROWS_AS(department_headcounts(spec_of(6)), std::invalid_argument);

  for (std::uint32_t headcount : {7u, 8u, 50u, 181u, 9999u}) {
    const auto sizes = department_headcounts(spec_of(headcount));
    std::uint32_t total = 0;
    for (std::uint32_t size : sizes) {
      CHECK(size >= 1);
      total += size;
    }
    CHECK(total == headcount - 1);
  }

  // The generated graph has those sizes, the CEO counting in the first department.
  const OrgStats stats = compute_stats(generate_organisation(OrgSpec{}, 3));
  CHECK(stats.department_sizes == std::vector<std::size_t>{54, 36, 27, 27, 18, 18});
  CHECK(stats.people == 180);
}

TEST_CASE("the hierarchy has one CEO, one head per department and consistent roles", "[org]") {
  for (std::uint32_t headcount : {7u, 180u, 2000u}) {
    CAPTURE(headcount);
    const OrgGraph graph = generate_organisation(spec_of(headcount), 11);
    REQUIRE(graph.person_count() == headcount);
    REQUIRE(graph.department_count() == 6);
    const auto reports = report_counts(graph);

    std::vector<PersonId> roots;
    std::vector<std::size_t> heads(graph.department_count(), 0);
    for (PersonId person = 0; person < graph.person_count(); ++person) {
      const PersonId manager = graph.manager(person);
      if (manager == kNoPerson) {
        roots.push_back(person);
        continue;
      }
      if (graph.manager(manager) == kNoPerson) {
        // Reports to the CEO: a department head, an executive.
        ++heads[graph.department(person)];
        CHECK(graph.role(person) == Role::Executive);
      } else {
        CHECK(graph.department(manager) == graph.department(person));
        CHECK(graph.role(person) == (reports[person] > 0 ? Role::Manager : Role::IndividualContributor));
      }
    }
    REQUIRE(roots.size() == 1);
    CHECK(graph.role(roots[0]) == Role::Executive);
    CHECK(reports[roots[0]] == graph.department_count());
    CHECK(heads == std::vector<std::size_t>(graph.department_count(), 1));
    CHECK(compute_stats(graph).people_by_role[static_cast<int>(Role::Executive)] == 7);
  }
}

TEST_CASE("mean span of control is near the spec on a 10,000-person organisation", "[org]") {
  for (double span : {3.0, 7.0}) {
    OrgSpec spec = spec_of(10'000);
    spec.span_of_control = span;
    const OrgGraph graph = generate_organisation(spec, 2024);
    const auto reports = report_counts(graph);
    std::size_t managers = 0;
    std::size_t managed = 0;
    for (PersonId person = 0; person < graph.person_count(); ++person) {
      // The CEO's span is the number of departments, not a draw.
      if (graph.manager(person) == kNoPerson || reports[person] == 0) continue;
      ++managers;
      managed += reports[person];
    }
    const double mean_span = static_cast<double>(managed) / static_cast<double>(managers);
    CAPTURE(span, managers);
    // The standard error is about sqrt(span - 1) / sqrt(managers) < 0.07.
    CHECK(mean_span == Approx(span).margin(0.3));
  }
}

TEST_CASE("every tie kind joins the people it says it does", "[org]") {
  OrgSpec spec = spec_of(10'000);
  const OrgGraph graph = generate_organisation(spec, 77);
  std::size_t cross_kind = 0;
  std::size_t cross_ends = 0;
  std::size_t lattice = 0;
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    const auto neighbours = graph.neighbours(person);
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      const PersonId other = neighbours[index];
      if (other < person) continue;
      const bool same_department = graph.department(person) == graph.department(other);
      cross_ends += same_department ? 0 : 1;
      switch (graph.tie_kinds(person)[index]) {
        case TieKind::ReportingLine:
          CHECK((graph.manager(other) == person || graph.manager(person) == other));
          CHECK(graph.tie_weights(person)[index] == spec.tie_weights.reporting_line);
          break;
        case TieKind::Teammate:
          CHECK(graph.manager(other) == graph.manager(person));
          CHECK(graph.tie_weights(person)[index] == spec.tie_weights.teammate);
          break;
        case TieKind::Department:
          CHECK(same_department);
          CHECK(graph.tie_weights(person)[index] == spec.tie_weights.department);
          ++lattice;
          break;
        case TieKind::CrossDepartment:
          CHECK_FALSE(same_department);
          CHECK(graph.tie_weights(person)[index] == spec.tie_weights.cross_department);
          ++cross_kind;
          break;
        case TieKind::Collaboration:
          FAIL("a generated organisation has no collaboration ties");
      }
    }
  }
  // Each person starts Poisson(0.25) cross ties: 2,500 expected, sd 50.
  CHECK(cross_kind >= 2'250);
  CHECK(cross_kind <= 2'750);
  // The only other cross-department ties are the CEO's reporting lines to the
  // 5 heads outside the CEO's own department and the 15 teammate pairs of the
  // 6 heads.
  CHECK(cross_ends == cross_kind + 5 + 15);
  // Lattice ties: 3 per person before merging with teammate and reporting ties.
  CHECK(lattice > 20'000);
  CHECK(lattice <= 30'000);
}

TEST_CASE("mean cross-department ties per person follow the spec", "[org]") {
  OrgSpec spec = spec_of(20'000);
  spec.cross_department_ties_per_person = 2.0;
  const OrgStats stats = compute_stats(generate_organisation(spec, 5));
  const double per_person =
      2.0 * static_cast<double>(stats.ties_by_kind[static_cast<int>(TieKind::CrossDepartment)]) /
      static_cast<double>(stats.people);
  CHECK(per_person == Approx(2.0).margin(0.06));

  spec.departments = {{"Everyone", 1.0}};
  const OrgStats single = compute_stats(generate_organisation(spec, 5));
  CHECK(single.ties_by_kind[static_cast<int>(TieKind::CrossDepartment)] == 0);
  CHECK(single.cross_department_tie_share == 0.0);
}

TEST_CASE("generated organisations are connected and small departments still work", "[org]") {
  const OrgStats stats = compute_stats(generate_organisation(OrgSpec{}, 1));
  CHECK(stats.connected_components == 1);
  CHECK(stats.reporting_roots == 1);
  CHECK(stats.hierarchy_depth >= 3);

  const OrgGraph minimal = generate_organisation(spec_of(7), 1);
  CHECK(compute_stats(minimal).hierarchy_depth == 2);

  // A flat team beyond the teammate cap keeps bounded teammate degrees.
  OrgSpec flat = spec_of(2000);
  flat.departments = {{"Flat", 1.0}};
  flat.span_of_control = 400.0;
  const OrgGraph graph = generate_organisation(flat, 8);
  std::size_t most_teammates = 0;
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    const auto kinds = graph.tie_kinds(person);
    most_teammates =
        std::max<std::size_t>(most_teammates, std::count(kinds.begin(), kinds.end(), TieKind::Teammate));
  }
  CHECK(most_teammates == kMaxTeammatesPerPerson);
}

TEST_CASE("validate names each bad field, its value and what is expected", "[org]") {
  CHECK(validate(OrgSpec{}).empty());

  OrgSpec spec;
  spec.headcount = 6;
  CHECK(reports_problem(spec, {"headcount", "6", "at least 7"}));
  spec = {};
  spec.departments[0].headcount_share = 0.5;
  CHECK(reports_problem(spec, {"headcount_share", "sum to 1.2", "must sum to 1"}));
  spec = {};
  spec.departments[0].headcount_share = 0.3 + 5e-7;
  CHECK(validate(spec).empty());
  spec = {};
  spec.departments[4].headcount_share = -0.1;
  spec.departments[5].headcount_share = 0.3;
  CHECK(reports_problem(spec, {"departments[4].headcount_share", "-0.1", ">= 0"}));
  spec = {};
  spec.departments[2].name = "";
  CHECK(reports_problem(spec, {"departments[2].name", "empty"}));
  spec = {};
  spec.departments[3].name = "Sales";
  CHECK(reports_problem(spec, {"departments[3].name", "\"Sales\"", "departments[1]"}));
  spec = {};
  spec.departments.clear();
  CHECK(reports_problem(spec, {"departments", "at least one"}));
  spec = {};
  spec.span_of_control = 0.5;
  CHECK(reports_problem(spec, {"span_of_control", "0.5", ">= 1"}));
  spec = {};
  spec.department_ties_per_person = 5;
  CHECK(reports_problem(spec, {"department_ties_per_person", "5", "even"}));
  spec = {};
  spec.department_ties_per_person = 180;
  CHECK(reports_problem(spec, {"department_ties_per_person", "180", "below headcount"}));
  spec = {};
  spec.department_rewiring_probability = 1.5;
  CHECK(reports_problem(spec, {"department_rewiring_probability", "1.5", "[0, 1]"}));
  spec = {};
  spec.department_rewiring_probability = -0.1;
  CHECK(reports_problem(spec, {"department_rewiring_probability", "-0.1"}));
  spec = {};
  spec.cross_department_ties_per_person = -1.0;
  CHECK(reports_problem(spec, {"cross_department_ties_per_person", "-1", ">= 0"}));
  spec = {};
  spec.tie_weights.teammate = 0.0f;
  CHECK(reports_problem(spec, {"tie_weights.teammate", "0", "(0, 1]"}));
  spec = {};
  spec.tie_weights.cross_department = 1.5f;
  CHECK(reports_problem(spec, {"tie_weights.cross_department", "1.5"}));
  spec = {};
  spec.tie_weights.reporting_line = -1.0f;
  spec.tie_weights.department = 2.0f;
  CHECK(validate(spec).size() == 2);

  spec = {};
  spec.span_of_control = 0.0;
  CHECK_THROWS_AS(generate_organisation(spec, 1), std::invalid_argument);
}

TEST_CASE("the complete graph ties everyone to everyone", "[org]") {
  const OrgGraph graph = complete_graph(60);
  CHECK(graph.person_count() == 60);
  CHECK(graph.tie_count() == 60 * 59 / 2);
  for (PersonId person = 0; person < 60; ++person) {
    CHECK(graph.degree(person) == 59);
    CHECK(graph.role(person) == Role::IndividualContributor);
  }
  CHECK(graph.department_names() == std::vector<std::string>{"all"});
  CHECK(graph.tie_kinds(3)[0] == TieKind::Collaboration);
  CHECK(graph.tie_weights(3)[0] == 1.0f);
  CHECK(complete_graph(1).tie_count() == 0);
  CHECK(complete_graph(0).person_count() == 0);
  CHECK(compute_stats(graph).average_clustering == 1.0);
}

TEST_CASE("Erdos-Renyi graphs have the requested mean degree", "[org]") {
  const OrgGraph graph = erdos_renyi_graph(4000, 8.0, 31);
  const double mean_degree = 2.0 * static_cast<double>(graph.tie_count()) / 4000.0;
  // The tie count is Binomial(n(n-1)/2, p): sd of the mean degree about 0.045.
  CHECK(mean_degree == Approx(8.0).margin(0.25));
  CHECK(erdos_renyi_graph(100, 0.0, 1).tie_count() == 0);
  CHECK(erdos_renyi_graph(30, 29.0, 1).tie_count() == 30 * 29 / 2);
  CHECK_THROWS_AS(erdos_renyi_graph(30, 30.0, 1), std::invalid_argument);
  CHECK_THROWS_AS(erdos_renyi_graph(30, -1.0, 1), std::invalid_argument);
}

TEST_CASE("ring lattices have exact degrees and clustering", "[org]") {
  const OrgGraph graph = ring_lattice_graph(20, 4);
  CHECK(graph.tie_count() == 40);
  for (PersonId person = 0; person < 20; ++person) {
    const auto row = graph.neighbours(person);
    std::set<PersonId> expected;
    for (int step : {-2, -1, 1, 2}) expected.insert(static_cast<PersonId>((person + 20 + step) % 20));
    CHECK(std::set<PersonId>(row.begin(), row.end()) == expected);
  }
  // 3 (k - 2) / (4 (k - 1)) for k = 4 and 6.
  CHECK(compute_stats(graph).average_clustering == Approx(0.5).epsilon(1e-12));
  CHECK(compute_stats(ring_lattice_graph(50, 6)).average_clustering == Approx(0.6).epsilon(1e-12));
  CHECK_THROWS_AS(ring_lattice_graph(20, 3), std::invalid_argument);
  CHECK_THROWS_AS(ring_lattice_graph(4, 4), std::invalid_argument);
}

TEST_CASE("Watts-Strogatz without rewiring is the ring lattice", "[org]") {
  CHECK(flatten(watts_strogatz_graph(101, 6, 0.0, 9)) == flatten(ring_lattice_graph(101, 6)));
  const OrgGraph rewired = watts_strogatz_graph(2000, 6, 0.2, 9);
  CHECK(rewired.tie_count() <= 6000);
  CHECK(rewired.tie_count() >= 5950);
  const double clustering = compute_stats(rewired).average_clustering;
  // About 0.6 (1 - p)^3 = 0.31 for p = 0.2, well below the lattice's 0.6.
  CHECK(clustering > 0.2);
  CHECK(clustering < 0.45);
  CHECK_THROWS_AS(watts_strogatz_graph(7, 6, 0.1, 1), std::invalid_argument);
  CHECK(watts_strogatz_graph(10, 0, 0.5, 1).tie_count() == 0);
}

TEST_CASE("Barabasi-Albert graphs grow by preferential attachment", "[org]") {
  const std::uint32_t people = 3000;
  const std::uint32_t m = 3;
  const OrgGraph graph = barabasi_albert_graph(people, m, 17);
  CHECK(graph.tie_count() == m * (m + 1) / 2 + (people - m - 1) * m);
  const OrgStats stats = compute_stats(graph);
  CHECK(stats.degree.min == m);
  CHECK(stats.connected_components == 1);
  // Heavy tail: the largest hub far exceeds what G(n, p) of equal density gives (about 17).
  CHECK(stats.degree.max > 50);
  CHECK_THROWS_AS(barabasi_albert_graph(3, 3, 1), std::invalid_argument);
  CHECK_THROWS_AS(barabasi_albert_graph(10, 0, 1), std::invalid_argument);
}
