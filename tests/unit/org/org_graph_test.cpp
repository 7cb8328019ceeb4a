#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "adoptsim/org/org_graph.hpp"

using namespace adoptsim::org;

namespace {

OrgGraphBuilder builder_with_people(std::size_t people) {
  OrgGraphBuilder builder({"only"});
  for (std::size_t person = 0; person < people; ++person) builder.add_person(Role::IndividualContributor, 0);
  return builder;
}

}  // namespace

TEST_CASE("builder merges a pair added several times into its strongest kind", "[org]") {
  OrgGraphBuilder builder = builder_with_people(3);
  builder.add_tie(0, 1, 0.9f, TieKind::Department);
  builder.add_tie(1, 0, 0.3f, TieKind::Teammate);
  builder.add_tie(0, 1, 0.5f, TieKind::Teammate);
  builder.add_tie(1, 0, 0.95f, TieKind::CrossDepartment);
  builder.add_tie(1, 2, 0.2f, TieKind::Collaboration);
  const OrgGraph graph = builder.build();

  REQUIRE(graph.tie_count() == 2);
  REQUIRE(graph.neighbours(0).size() == 1);
  CHECK(graph.neighbours(0)[0] == 1);
  CHECK(graph.tie_kinds(0)[0] == TieKind::Teammate);
  CHECK(graph.tie_weights(0)[0] == 0.5f);
  // Both ends of a tie agree.
  REQUIRE(graph.neighbours(1).size() == 2);
  CHECK(graph.neighbours(1)[0] == 0);
  CHECK(graph.tie_kinds(1)[0] == TieKind::Teammate);
  CHECK(graph.tie_weights(1)[0] == 0.5f);
  CHECK(graph.neighbours(1)[1] == 2);
  CHECK(graph.weighted_degree(1) == Approx(0.7));
}

TEST_CASE("builder ignores self-ties and sorts each person's neighbours", "[org]") {
  OrgGraphBuilder builder = builder_with_people(5);
  builder.add_tie(2, 2, 1.0f, TieKind::Teammate);
  builder.add_tie(2, 4, 1.0f, TieKind::Teammate);
  builder.add_tie(2, 0, 1.0f, TieKind::Teammate);
  builder.add_tie(3, 2, 1.0f, TieKind::Teammate);
  const OrgGraph graph = builder.build();
  CHECK(graph.tie_count() == 3);
  const auto row = graph.neighbours(2);
  CHECK(std::vector<PersonId>(row.begin(), row.end()) == std::vector<PersonId>{0, 3, 4});
  CHECK(graph.degree(1) == 0);
  CHECK(builder.person_count() == 0);  // the builder is left empty
}

TEST_CASE("builder rejects reporting cycles and bad indices", "[org]") {
  SECTION("a three-person cycle") {
    OrgGraphBuilder builder({"only"});
    builder.add_person(Role::Manager, 0, 2);
    builder.add_person(Role::Manager, 0, 0);
    builder.add_person(Role::Manager, 0, 1);
    CHECK_THROWS_AS(builder.build(), std::invalid_argument);
  }
  SECTION("managing oneself") {
    OrgGraphBuilder builder({"only"});
    builder.add_person(Role::Manager, 0);
    builder.set_manager(0, 0);
    CHECK_THROWS_AS(builder.build(), std::invalid_argument);
  }
  SECTION("a chain is fine") {
    OrgGraphBuilder builder({"only"});
    builder.add_person(Role::Executive, 0);
    builder.add_person(Role::Manager, 0, 0);
    builder.add_person(Role::IndividualContributor, 0, 1);
    CHECK_NOTHROW(builder.build());
  }
  SECTION("a manager who does not exist") {
    OrgGraphBuilder builder({"only"});
    builder.add_person(Role::Manager, 0, 7);
    CHECK_THROWS_AS(builder.build(), std::invalid_argument);
  }
  SECTION("a tie to someone who does not exist") {
    OrgGraphBuilder builder = builder_with_people(2);
    builder.add_tie(0, 2, 1.0f, TieKind::Teammate);
    CHECK_THROWS_AS(builder.build(), std::invalid_argument);
  }
  SECTION("a negative weight or a department out of range") {
    OrgGraphBuilder builder = builder_with_people(2);
    CHECK_THROWS_AS(builder.add_tie(0, 1, -0.5f, TieKind::Teammate), std::invalid_argument);
    CHECK_THROWS_AS(builder.add_person(Role::Manager, 1), std::invalid_argument);
  }
}

TEST_CASE("roles and tie kinds round-trip through their names", "[org]") {
  for (int role = 0; role < kRoleCount; ++role) {
    CHECK(parse_role(to_string(static_cast<Role>(role))) == static_cast<Role>(role));
  }
  for (int kind = 0; kind < kTieKindCount; ++kind) {
    CHECK(parse_tie_kind(to_string(static_cast<TieKind>(kind))) == static_cast<TieKind>(kind));
  }
  CHECK_FALSE(parse_role("ceo").has_value());
}

TEST_CASE("tying all pairs at once equals adding every pair", "[org]") {
  auto build = [](bool all_at_once) {
    OrgGraphBuilder builder = builder_with_people(6);
    builder.add_tie(4, 1, 0.9f, TieKind::ReportingLine);    // stronger kind: wins
    builder.add_tie(2, 3, 0.9f, TieKind::Teammate);         // same kind, larger weight: wins
    builder.add_tie(2, 4, 0.1f, TieKind::Teammate);         // same kind, smaller weight: loses
    builder.add_tie(0, 5, 0.9f, TieKind::CrossDepartment);  // weaker kind: loses
    builder.add_tie(5, 5, 0.9f, TieKind::ReportingLine);    // self-tie: ignored
    if (all_at_once) {
      builder.add_ties_between_all(0.5f, TieKind::Teammate);
      builder.add_ties_between_all(0.6f, TieKind::Collaboration);  // weaker than the first: ignored
    } else {
      for (PersonId first = 0; first < 6; ++first) {
        for (PersonId second = first + 1; second < 6; ++second) {
          builder.add_tie(first, second, 0.5f, TieKind::Teammate);
        }
      }
    }
    return builder.build();
  };
  const OrgGraph all = build(true);
  const OrgGraph pairwise = build(false);
  REQUIRE(all.tie_count() == 15);
  for (PersonId person = 0; person < 6; ++person) {
    const auto a = all.neighbours(person);
    const auto b = pairwise.neighbours(person);
    CHECK(std::vector<PersonId>(a.begin(), a.end()) == std::vector<PersonId>(b.begin(), b.end()));
    const auto wa = all.tie_weights(person);
    const auto wb = pairwise.tie_weights(person);
    CHECK(std::vector<float>(wa.begin(), wa.end()) == std::vector<float>(wb.begin(), wb.end()));
    const auto ka = all.tie_kinds(person);
    const auto kb = pairwise.tie_kinds(person);
    CHECK(std::vector<TieKind>(ka.begin(), ka.end()) == std::vector<TieKind>(kb.begin(), kb.end()));
  }
  CHECK(all.tie_kinds(1)[3] == TieKind::ReportingLine);  // neighbour 4
  CHECK(all.tie_kinds(0)[4] == TieKind::Teammate);       // neighbour 5
  CHECK(all.tie_weights(2)[2] == 0.9f);                  // neighbour 3
  CHECK(all.tie_weights(2)[3] == 0.5f);                  // neighbour 4
}
