// Centralities against graphs whose values can be computed by hand, and
// champion selection under its constraints.
#include <catch2/catch.hpp>

#include <cmath>

#include "adoptsim/analysis/centrality.hpp"
#include "adoptsim/analysis/champions.hpp"
#include "adoptsim/org/generator.hpp"

namespace {

using adoptsim::org::OrgGraph;
using adoptsim::org::OrgGraphBuilder;
using adoptsim::org::PersonId;
using adoptsim::org::Role;
using adoptsim::org::TieKind;
namespace analysis = adoptsim::analysis;

// Person 0 is the centre, 1 .. leaves the leaves.
OrgGraph star(std::uint32_t leaves) {
  OrgGraphBuilder builder({"all"});
  builder.add_person(Role::IndividualContributor, 0);
  for (std::uint32_t leaf = 1; leaf <= leaves; ++leaf) {
    builder.add_person(Role::IndividualContributor, 0);
    builder.add_tie(0, leaf, 1.0f, TieKind::Collaboration);
  }
  return builder.build();
}

OrgGraph path(std::uint32_t people) {
  OrgGraphBuilder builder({"all"});
  for (std::uint32_t person = 0; person < people; ++person) {
    builder.add_person(Role::IndividualContributor, 0);
    if (person > 0) builder.add_tie(person - 1, person, 1.0f, TieKind::Collaboration);
  }
  return builder.build();
}

// Two departments of `size`, each a path, joined by one tie between their first people;
// person 0 of each department is an executive.
OrgGraph two_departments(std::uint32_t size) {
  OrgGraphBuilder builder({"A", "B"});
  for (std::uint16_t department = 0; department < 2; ++department) {
    for (std::uint32_t index = 0; index < size; ++index) {
      const PersonId person =
          builder.add_person(index == 0 ? Role::Executive : Role::IndividualContributor, department);
      if (index > 0) builder.add_tie(person - 1, person, 1.0f, TieKind::Department);
    }
  }
  builder.add_tie(0, size, 1.0f, TieKind::CrossDepartment);
  return builder.build();
}

}  // namespace

TEST_CASE("betweenness is exact on a star and a path", "[analysis]") {
  const auto centre = analysis::betweenness_centrality(star(5));
  CHECK(centre[0] == Approx(10.0));  // 5 * 4 / 2 pairs of leaves
  for (int leaf = 1; leaf <= 5; ++leaf) CHECK(centre[leaf] == Approx(0.0).margin(1e-12));
  const auto line = analysis::betweenness_centrality(path(5));
  const std::vector<double> expected = {0, 3, 4, 3, 0};  // k (n - 1 - k)
  for (std::size_t k = 0; k < expected.size(); ++k) CHECK(line[k] == Approx(expected[k]).margin(1e-12));
}

TEST_CASE("PageRank matches the closed form of a star and a path", "[analysis]") {
  const double d = 0.85;
  SECTION("star with 4 leaves") {
    // Leaves share 1 - c; c = ((1 - d) / N + d) / (1 + d) with N = 5.
    const auto rank = analysis::pagerank(star(4));
    const double centre = ((1.0 - d) / 5.0 + d) / (1.0 + d);
    CHECK(rank[0] == Approx(centre).epsilon(1e-8));
    for (int leaf = 1; leaf <= 4; ++leaf) CHECK(rank[leaf] == Approx((1.0 - centre) / 4.0).epsilon(1e-8));
  }
  SECTION("path of three is a star with two leaves") {
    const auto rank = analysis::pagerank(path(3));
    const double middle = ((1.0 - d) / 3.0 + d) / (1.0 + d);
    CHECK(rank[1] == Approx(middle).epsilon(1e-8));
    CHECK(rank[0] == Approx((1.0 - middle) / 2.0).epsilon(1e-8));
    CHECK(rank[0] + rank[1] + rank[2] == Approx(1.0));
  }
  SECTION("people without ties spread their rank evenly") {
    OrgGraphBuilder builder({"all"});
    for (int i = 0; i < 3; ++i) builder.add_person(Role::IndividualContributor, 0);
    builder.add_tie(0, 1, 1.0f, TieKind::Collaboration);
    const auto rank = analysis::pagerank(builder.build());
    CHECK(rank[0] + rank[1] + rank[2] == Approx(1.0));
    CHECK(rank[0] == Approx(rank[1]));
    CHECK(rank[2] < rank[0]);
  }
}

TEST_CASE("eigenvector centrality of a star: the centre is sqrt(n) times a leaf", "[analysis]") {
  const auto vector = analysis::eigenvector_centrality(star(9));
  CHECK(vector[0] / vector[1] == Approx(3.0).epsilon(1e-6));
  double norm = 0.0;
  for (double value : vector) norm += value * value;
  CHECK(norm == Approx(1.0));
}

TEST_CASE("degree and department spanning count ties", "[analysis]") {
  const OrgGraph graph = two_departments(3);
  const auto degree = analysis::degree_centrality(graph);
  CHECK(degree == std::vector<double>{2, 2, 1, 2, 2, 1});
  const auto spanning = analysis::department_spanning(graph);
  CHECK(spanning == std::vector<double>{1, 0, 0, 1, 0, 0});
}

TEST_CASE("champion selection: top scores, ties to the lower id, constraints", "[analysis]") {
  const OrgGraph graph = two_departments(4);  // A: 0..3, B: 4..7; 0 and 4 executives
  const std::vector<double> scores = {9, 5, 5, 1, 8, 7, 2, 2};
  analysis::SelectionConstraints constraints;
  constraints.count = 3;
  SECTION("executives excluded, equal scores to the lower id") {
    CHECK(analysis::select_champions(graph, scores, constraints) == std::vector<PersonId>{5, 1, 2});
  }
  SECTION("executives included") {
    constraints.exclude_executives = false;
    CHECK(analysis::select_champions(graph, scores, constraints) == std::vector<PersonId>{0, 4, 5});
  }
  SECTION("at most one per department") {
    constraints.count = 2;
    constraints.max_per_department = 1;
    CHECK(analysis::select_champions(graph, scores, constraints) == std::vector<PersonId>{5, 1});
  }
  SECTION("at least one per department") {
    const std::vector<double> skewed = {0, 9, 8, 7, 0, 1, 0, 0};
    constraints.at_least_one_per_department = true;
    CHECK(analysis::select_champions(graph, skewed, constraints) == std::vector<PersonId>{1, 2, 5});
  }
  SECTION("impossible requests are explained") {
    constraints.count = 7;
    CHECK_THAT(analysis::check_selection(graph, constraints).at(0),
               Catch::Contains(
                   "7 champions were asked for but the organisation has 6 people who are not executives"));
    constraints.count = 4;
    constraints.max_per_department = 1;
    CHECK_THAT(analysis::check_selection(graph, constraints).at(0), Catch::Contains("allow only 2"));
    CHECK_THROWS_AS(analysis::select_champions(graph, scores, constraints), std::invalid_argument);
    analysis::SelectionConstraints one_each;
    one_each.count = 1;
    one_each.at_least_one_per_department = true;
    CHECK_THAT(analysis::check_selection(graph, one_each).at(0),
               Catch::Contains("each of the 2 departments"));
  }
}

TEST_CASE("every rule selects deterministically on a generated firm", "[analysis]") {
  const OrgGraph graph = adoptsim::org::generate_organisation(adoptsim::org::OrgSpec{}, 3);
  analysis::SelectionConstraints constraints;
  constraints.count = 12;
  constraints.max_per_department = 3;
  for (std::size_t rule = 0; rule < analysis::kScoredRuleCount; ++rule) {
    const auto kind = analysis::kChampionRules[rule];
    INFO(analysis::to_string(kind));
    CHECK(analysis::parse_champion_rule(analysis::to_string(kind)) == kind);
    const auto chosen = analysis::select_champions(graph, kind, constraints, 5);
    CHECK(chosen.size() == 12);
    CHECK(chosen == analysis::select_champions(graph, kind, constraints, 5));
    std::vector<int> per_department(graph.department_count(), 0);
    for (PersonId person : chosen) {
      CHECK(graph.role(person) != Role::Executive);
      CHECK(++per_department[graph.department(person)] <= 3);
    }
  }
}
