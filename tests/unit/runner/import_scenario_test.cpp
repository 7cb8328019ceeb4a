// Scenario files that import their organisation: paths relative to the file
// that sets them, the import keys, and the rules between keys.
#include <catch2/catch.hpp>

#include <fstream>

#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "e2e/binary.hpp"

namespace {

namespace fs = std::filesystem;
using adoptsim::scenario::load_scenario;
using adoptsim::testing::TempDirectory;

fs::path write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("a scenario imports its organisation from files relative to the scenario", "[org][import]") {
  TempDirectory dir;
  write(dir.path() / "data/people.csv", "Staff No,Unit,Boss\n1,Eng,\n2,Eng,1\n3,Ops,1\n");
  const fs::path file =
      write(dir.path() / "scenarios/acme.toml",
            "[organisation]\nsource = \"file\"\nfile = \"../data/people.csv\"\n"
            "[organisation.columns]\nid = \"Staff No\"\ndepartment = \"Unit\"\nmanager_id = \"Boss\"\n"
            "[model.initial_adopters]\npeople = [\"2\"]\n");
  const auto loaded = load_scenario(file);
  INFO(adoptsim::scenario::format_errors(loaded.errors));
  REQUIRE(loaded.ok());
  const auto& scenario = *loaded.scenario;
  CHECK(scenario.organisation_source == adoptsim::scenario::OrganisationSource::File);
  CHECK(scenario.organisation_import.file == fs::absolute(dir.path() / "data/people.csv").lexically_normal());
  CHECK(scenario.organisation_import.columns.id == "Staff No");
  const auto graph = adoptsim::runner::build_organisation(scenario);
  CHECK(graph.person_count() == 3);
  CHECK(adoptsim::runner::check_runnable(scenario, adoptsim::runner::load_organisation(scenario)).empty());
  // The resolved scenario names the import and none of the generator's keys.
  const std::string resolved = adoptsim::scenario::resolved_toml(scenario);
  CHECK_THAT(resolved, Catch::Contains("source = \"file\"") && Catch::Contains("[organisation.columns]") &&
                           !Catch::Contains("headcount") && !Catch::Contains("departments ="));
  const auto again = load_scenario(write(dir.path() / "elsewhere/resolved.toml", resolved));
  INFO(adoptsim::scenario::format_errors(again.errors));
  REQUIRE(again.ok());
  CHECK(adoptsim::runner::build_organisation(*again.scenario).person_count() == 3);
}

TEST_CASE("import keys are checked against the source", "[org][import]") {
  TempDirectory dir;
  SECTION("a file with a generated organisation") {
    const auto loaded = load_scenario(write(dir.path() / "x.toml", "[organisation]\nfile = \"org.csv\"\n"));
    REQUIRE(loaded.errors.size() == 1);
    CHECK_THAT(
        loaded.errors[0].message(),
        Catch::Contains("x.toml:2:8: organisation.file = \"org.csv\" is set but organisation.source is "
                        "\"generated\"; add `source = \"file\"`"));
  }
  SECTION("a file source without a file") {
    const auto loaded = load_scenario(write(dir.path() / "y.toml", "[organisation]\nsource = \"file\"\n"));
    REQUIRE(loaded.errors.size() == 1);
    CHECK_THAT(loaded.errors[0].message(),
               Catch::Contains("organisation.source = \"file\" needs organisation.file"));
  }
  SECTION("a ties file for a format that does not read one, and an unknown format") {
    write(dir.path() / "a.graphml", "<graphml/>");
    const auto loaded = load_scenario(write(dir.path() / "z.toml",
                                            "[organisation]\nsource = \"file\"\nformat = \"graphml\"\n"
                                            "file = \"a.graphml\"\nties_file = \"t.csv\"\n"));
    REQUIRE(loaded.errors.size() == 1);
    CHECK_THAT(loaded.errors[0].message(), Catch::Contains("is not read for format \"graphml\""));
    const auto unknown = load_scenario(
        write(dir.path() / "w.toml", "[organisation]\nsource = \"file\"\nformat = \"xlsx\"\nfile = \"a\"\n"));
    CHECK_THAT(adoptsim::scenario::format_errors(unknown.errors),
               Catch::Contains("organisation.format = \"xlsx\" is not a known choice"));
  }
}

TEST_CASE("the import's rules come from the scenario: aliases, role rules, unknown managers, mapped columns",
          "[org][import]") {
  TempDirectory dir;
  write(dir.path() / "people.csv",
        "id,boss,department,title\nA,,Engineering,CEO\nB,A,Eng,VP Sales\nC,X9,Eng,Rep\n");
  const fs::path file =
      write(dir.path() / "s.toml",
            "[organisation]\nsource = \"file\"\nfile = \"people.csv\"\nunknown_manager = \"root\"\n"
            "[organisation.columns]\nmanager_id = \"boss\"\nteam = \"team\"\nlocation = \"Office\"\n"
            "[organisation.department_aliases]\n\"Eng\" = \"Engineering\"\n\"R & D\" = \"Research\"\n"
            "[[organisation.role_rules]]\npattern = \"(?i)\\\\bvp\\\\b|ceo\"\nrole = \"executive\"\n");
  const auto loaded = load_scenario(file);
  INFO(adoptsim::scenario::format_errors(loaded.errors));
  REQUIRE(loaded.ok());
  const auto& import = loaded.scenario->organisation_import;
  CHECK(import.unknown_manager == adoptsim::org::UnknownManager::Root);
  REQUIRE(import.department_aliases.size() == 2);
  CHECK(import.department_aliases[0] == std::pair<std::string, std::string>{"Eng", "Engineering"});
  REQUIRE(import.role_rules.size() == 1);
  CHECK(import.role_rules[0].pattern == "(?i)\\bvp\\b|ceo");
  CHECK(import.role_rules[0].role == adoptsim::org::Role::Executive);
  // "team" restates the default: not a mapping; "Office" is one, and the file lacks it.
  CHECK(import.columns.mapped == std::vector<std::string>{"location"});
  CHECK_THROWS_WITH(adoptsim::runner::build_organisation(*loaded.scenario),
                    Catch::Contains("has no location column \"Office\""));
  // The resolved scenario reads back to the same import.
  const std::string resolved = adoptsim::scenario::resolved_toml(*loaded.scenario);
  CHECK_THAT(resolved,
             Catch::Contains("department_aliases = { Eng = \"Engineering\", \"R & D\" = \"Research\" }"));
  const auto again = load_scenario(write(dir.path() / "again.toml", resolved));
  INFO(adoptsim::scenario::format_errors(again.errors));
  REQUIRE(again.ok());
  CHECK(again.scenario->organisation_import.department_aliases == import.department_aliases);
  CHECK(again.scenario->organisation_import.role_rules.size() == 1);

  const auto bad = load_scenario(write(dir.path() / "bad.toml",
                                       "[organisation]\nsource = \"file\"\nfile = \"people.csv\"\n"
                                       "[organisation.department_aliases]\n\"Eng\" = 3\nSales = \"\"\n"));
  const std::string errors = adoptsim::scenario::format_errors(bad.errors);
  CHECK_THAT(errors,
             Catch::Contains("bad.toml:5:9: organisation.department_aliases.\"Eng\" = 3 is an integer"));
  const auto snap =
      load_scenario(write(dir.path() / "snap.toml",
                          "[organisation]\nsource = \"file\"\nformat = \"snap\"\nfile = \"people.csv\"\n"
                          "[[organisation.role_rules]]\npattern = \"x\"\nrole = \"manager\"\n"));
  CHECK_THAT(adoptsim::scenario::format_errors(snap.errors),
             Catch::Contains("organisation.role_rules is not read for format \"snap\""));
  const auto empty_alias = load_scenario(write(dir.path() / "empty.toml",
                                               "[organisation]\nsource = \"file\"\nfile = \"people.csv\"\n"
                                               "[organisation.department_aliases]\nSales = \"\"\n"));
  CHECK_THAT(adoptsim::scenario::format_errors(empty_alias.errors),
             Catch::Contains("organisation.department_aliases.\"Sales\" = \"\" is empty"));
}
