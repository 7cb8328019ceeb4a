#include <catch2/catch.hpp>

#include <charconv>
#include <sstream>
#include <string>

#include "adoptsim/org/csv.hpp"
#include "adoptsim/org/generator.hpp"

using namespace adoptsim::org;

TEST_CASE("people and ties of a tiny organisation are written exactly", "[org]") {
  OrgGraphBuilder builder({"Sales", "R&D, \"Labs\""});
  builder.add_person(Role::Executive, 0);
  builder.add_person(Role::Manager, 1, 0);
  builder.add_person(Role::IndividualContributor, 1, 1);
  builder.add_tie(1, 0, 1.0f, TieKind::ReportingLine);
  builder.add_tie(2, 1, 0.7f, TieKind::ReportingLine);
  builder.add_tie(0, 2, 0.25f, TieKind::CrossDepartment);
  builder.add_tie(1, 2, 0.35f, TieKind::Department);
  const OrgGraph graph = builder.build();

  std::ostringstream people;
  write_people_csv(graph, people);
  CHECK(people.str() ==
        "id,department,role,manager_id\n"
        "0,Sales,executive,\n"
        "1,\"R&D, \"\"Labs\"\"\",manager,0\n"
        "2,\"R&D, \"\"Labs\"\"\",individual_contributor,1\n");

  std::ostringstream ties;
  write_ties_csv(graph, ties);
  CHECK(ties.str() ==
        "source,target,weight,kind\n"
        "0,1,1,reporting_line\n"
        "0,2,0.25,cross_department\n"
        "1,2,0.7,reporting_line\n");
}

TEST_CASE("tie weights written to CSV parse back to the same float", "[org]") {
  OrgSpec spec;
  spec.tie_weights.teammate = 0.1f + 0.2f;
  spec.tie_weights.department = 1.0f / 3.0f;
  const OrgGraph graph = generate_organisation(spec, 3);
  std::ostringstream out;
  write_ties_csv(graph, out);
  std::istringstream lines(out.str());
  std::string line;
  std::getline(lines, line);
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    const std::size_t first_comma = line.find(',');
    const std::size_t second_comma = line.find(',', first_comma + 1);
    const std::size_t third_comma = line.find(',', second_comma + 1);
    const auto source = static_cast<PersonId>(std::stoul(line.substr(0, first_comma)));
    const auto target = static_cast<PersonId>(std::stoul(line.substr(first_comma + 1, second_comma)));
    float weight = 0.0f;
    std::from_chars(line.data() + second_comma + 1, line.data() + third_comma, weight);
    CHECK(source < target);
    const auto row = graph.neighbours(source);
    const auto at = static_cast<std::size_t>(std::lower_bound(row.begin(), row.end(), target) - row.begin());
    REQUIRE(at < row.size());
    CHECK(weight == graph.tie_weights(source)[at]);
    ++rows;
  }
  CHECK(rows == graph.tie_count());
}
