// People named in a scenario are matched against the organisation file's own
// ids, never taken as row positions.
#include <catch2/catch.hpp>

#include <algorithm>

#include "adoptsim/runner/scenario_runner.hpp"
#include "unit/scenario/scenario_test_support.hpp"

using namespace adoptsim;
using adoptsim::scenario_testing::TempDir;

namespace {

scenario::Scenario loaded(const scenario::LoadResult& result) {
  INFO(scenario::format_errors(result.errors));
  REQUIRE(result.ok());
  return *result.scenario;
}

// A people export whose ids are not row numbers: E30 is on the first row.
constexpr const char* kPeople =
    "id,manager_id,department\n"
    "E30,,Ops\n"
    "E07,E30,Eng\n"
    "E12,E30,Eng\n"
    "E05,E12,Eng\n"
    "E44,E30,Ops\n"
    "007,E44,Ops\n"
    "E09,E12,Eng\n"
    "E21,E44,Ops\n"
    "E13,E12,Eng\n"
    "E15,E44,Ops\n";

std::string imported_workplace(const std::string& strategy) {
  return "[organisation]\nsource = \"file\"\nfile = \"people.csv\"\n[model]\nkind = \"workplace\"\n"
         "[strategy]\n" +
         strategy;
}

}  // namespace

TEST_CASE("named pilots, champions and phase people are the export's own ids", "[runner][named]") {
  TempDir dir;
  dir.write("people.csv", kPeople);
  const runner::Organisation organisation =
      runner::load_organisation(loaded(scenario::load_scenario(dir.write("x.toml", imported_workplace("")))));
  REQUIRE(organisation.person_ids.front() == "E30");
  const auto person = [&](const std::string& id) {
    const auto found = std::find(organisation.person_ids.begin(), organisation.person_ids.end(), id);
    REQUIRE(found != organisation.person_ids.end());
    return static_cast<org::PersonId>(found - organisation.person_ids.begin());
  };

  SECTION("a named pilot") {
    const scenario::Scenario scenario = loaded(scenario::load_scenario(
        dir.write("pilot.toml", imported_workplace("preset = \"pilot_then_scale\"\npilot_rule = \"named\"\n"
                                                   "pilot_people = [\"E12\", \"007\", \"E30\"]\n"))));
    REQUIRE(runner::check_runnable(scenario, organisation).empty());
    const runner::WorkplaceInputs inputs = runner::prepare_workplace(scenario, organisation, 1);
    CHECK(inputs.strategy.pilot_people ==
          std::vector<org::PersonId>{person("E12"), person("007"), person("E30")});
  }
  SECTION("named champions and a phase's people") {
    const scenario::Scenario scenario = loaded(scenario::load_scenario(
        dir.write("custom.toml",
                  imported_workplace(
                      "preset = \"custom\"\nchampion_rule = \"named\"\nchampion_people = [\"E44\", \"E05\"]\n"
                      "[[strategy.phases]]\nname = \"launch\"\npeople = [\"E21\"]\n"
                      "interventions = [\"access\"]\n"
                      "[[strategy.phases]]\nname = \"champions\"\nchampions_only = true\n"
                      "interventions = [\"access\", \"assign_champions\"]\n"))));
    REQUIRE(runner::check_runnable(scenario, organisation).empty());
    const runner::WorkplaceInputs inputs = runner::prepare_workplace(scenario, organisation, 1);
    CHECK(inputs.strategy.champion_people == std::vector<org::PersonId>{person("E44"), person("E05")});
    REQUIRE(inputs.strategy.phases.size() == 2);
    CHECK(inputs.strategy.phases[0].cohort.people == std::vector<org::PersonId>{person("E21")});
    CHECK(inputs.strategy.phases[1].cohort.people.empty());
    // The resolved scenario names them as written.
    const std::string resolved = scenario::resolved_toml(scenario);
    CHECK_THAT(resolved, Catch::Contains(R"(champion_people = ["E44", "E05"])") &&
                             Catch::Contains(R"(people = ["E21"])"));
  }
  SECTION("an id the export lacks, or a person named twice, is an error at the key's line") {
    const scenario::Scenario scenario = loaded(scenario::load_scenario(
        dir.write("bad.toml", imported_workplace("preset = \"pilot_then_scale\"\npilot_rule = \"named\"\n"
                                                 "pilot_people = [\"E12\", \"7\", \"e30\", \"E12\"]\n"))));
    const std::vector<std::string> problems = runner::check_runnable(scenario, organisation);
    REQUIRE(problems.size() == 3);
    const std::string at = (dir.path() / "bad.toml").string() + ":9:16: ";
    CHECK(problems[0] == at + "strategy.pilot_people[1] = \"7\" is not a person of the organisation; ids are "
                              "matched exactly as people.csv writes them (case, spaces and leading zeros "
                              "included); `adoptsim champions --show-ids` prints them");
    CHECK(problems[1].rfind(at + "strategy.pilot_people[2] = \"e30\" is not a person", 0) == 0);
    CHECK(problems[2] == at + "strategy.pilot_people[3] = \"E12\" names the same person as "
                              "strategy.pilot_people[0]; list each person once");
  }
}

TEST_CASE("a generated organisation's ids are its row numbers as text", "[runner][named]") {
  TempDir dir;
  const scenario::Scenario scenario = loaded(scenario::load_scenario(dir.write(
      "x.toml",
      "[organisation]\nheadcount = 20\n[model.initial_adopters]\npeople = [\"3\", \"25\", \"03\"]\n")));
  const runner::Organisation organisation = runner::load_organisation(scenario);
  CHECK(organisation.person_ids[3] == "3");
  const std::vector<std::string> problems = runner::check_runnable(scenario, organisation);
  REQUIRE(problems.size() == 2);
  CHECK_THAT(problems[0],
             Catch::EndsWith("model.initial_adopters.people[1] = \"25\" is not a person of the "
                             "organisation; the generated organisation's ids are \"0\" to \"19\""));
  CHECK_THAT(problems[1], Catch::Contains("people[2] = \"03\" is not a person"));

  const scenario::Scenario good = loaded(scenario::load_scenario(
      dir.write("y.toml",
                "[organisation]\nheadcount = 20\n[model.initial_adopters]\nrandom_count = 0\n"
                "people = [\"3\", \"17\"]\n")));
  const runner::Organisation generated = runner::load_organisation(good);
  REQUIRE(runner::check_runnable(good, generated).empty());
  CHECK(runner::resolve_named_people(good, generated).initial_adopters == std::vector<org::PersonId>{3, 17});
}
