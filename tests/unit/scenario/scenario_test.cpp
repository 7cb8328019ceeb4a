// load_scenario: defaults, every kind of bad input with its file, line and
// message, several errors in one pass, `extends` (overrides, relative paths,
// missing files, cycles) and the resolved TOML round trip.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "adoptsim/scenario/parameters.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "unit/scenario/scenario_test_support.hpp"

namespace fs = std::filesystem;
using adoptsim::scenario::load_scenario;
using adoptsim::scenario::LoadResult;
using adoptsim::scenario::Scenario;
using adoptsim::scenario::ScenarioError;

using namespace adoptsim::scenario_testing;

TEST_CASE("an almost empty scenario gets every default", "[scenario]") {
  TempDir dir;
  const Scenario& scenario = loaded(load_scenario(dir.write("plain.toml", "schema_version = 1\n")));
  CHECK(scenario.name == "plain");
  CHECK(scenario.schema_version == 1);
  CHECK(scenario.horizon_days == 180);
  CHECK(scenario.replicates == 100);
  CHECK(scenario.seed == 1);
  CHECK(scenario.organisation.headcount == 180);
  CHECK(scenario.organisation.departments.size() == 6);
  CHECK(scenario.kpi.target_share == Approx(0.6));
  CHECK(scenario.kpi.by_day == 90);
  const auto* bass = std::get_if<adoptsim::model::BassParams>(&scenario.model);
  REQUIRE(bass != nullptr);
  CHECK(bass->innovation_p == Approx(0.002));
  CHECK(bass->imitation_q == Approx(0.05));
  CHECK(bass->form == adoptsim::model::BassForm::NeighbourFraction);
  REQUIRE(scenario.files.size() == 1);

  // Every row that applies reads back its own default.
  for (const auto& parameter : adoptsim::scenario::parameters()) {
    if (parameter.read == nullptr || !parameter.default_value || parameter.key == "name") continue;
    const auto value = parameter.read(scenario);
    if (!value) continue;
    INFO(parameter.key);
    CHECK(adoptsim::scenario::to_toml_literal(*value) ==
          adoptsim::scenario::to_toml_literal(*parameter.default_value));
  }
}

TEST_CASE("an empty file is a valid scenario", "[scenario]") {
  TempDir dir;
  CHECK(loaded(load_scenario(dir.write("empty.toml", ""))).replicates == 100);
}

TEST_CASE("malformed TOML names the line and column", "[scenario]") {
  TempDir dir;
  const fs::path file = dir.write("broken.toml", "seed = 3\nhorizon_days = = 4\n");
  const ScenarioError& error = only_error(load_scenario(file));
  CHECK(error.file == file.string());
  CHECK(error.line == 2);
  CHECK(error.column > 0);
  CHECK_THAT(error.message(), Catch::Contains(file.string() + ":2:") && Catch::Contains("is not valid TOML"));
}

TEST_CASE("a missing scenario file is an error naming it", "[scenario]") {
  TempDir dir;
  const ScenarioError& error = only_error(load_scenario(dir.path() / "nowhere.toml"));
  CHECK_THAT(error.message(), Catch::Contains("nowhere.toml") && Catch::Contains("cannot be read"));
}

TEST_CASE("a wrong type names the expected type", "[scenario]") {
  TempDir dir;
  const fs::path file = dir.write("x.toml", "horizon_days = \"ninety\"\n");
  const ScenarioError& error = only_error(load_scenario(file));
  CHECK(error.key == "horizon_days");
  CHECK(error.line == 1);
  CHECK(error.column == 16);
  CHECK(error.message() ==
        file.string() +
            ":1:16: horizon_days = \"ninety\" is a string: expected a whole number of days in "
            "[1, 3650]");

  SECTION("a float where an integer is expected") {
    const ScenarioError& e = only_error(load_scenario(dir.write("y.toml", "replicates = 1.5\n")));
    CHECK_THAT(e.message(),
               Catch::Contains("replicates = 1.5 is a float: expected a whole number of replicates"));
  }
  SECTION("a value where a table is expected") {
    const ScenarioError& e = only_error(load_scenario(dir.write("y.toml", "model = \"bass\"\n")));
    CHECK_THAT(e.message(), Catch::Contains("model = \"bass\" is a string: expected a table"));
  }
  SECTION("an integer is accepted where a float is expected") {
    const Scenario& scenario = loaded(load_scenario(dir.write("y.toml", "[model.bass]\ninnovation_p = 0\n")));
    CHECK(std::get<adoptsim::model::BassParams>(scenario.model).innovation_p == 0.0);
  }
  SECTION("an array element of the wrong type") {
    const ScenarioError& e =
        only_error(load_scenario(dir.write("y.toml", "[model.initial_adopters]\npeople = [\"one\", 2]\n")));
    CHECK(e.key == "model.initial_adopters.people[1]");
    // Person ids are the file's own ids: a bare number is not read as a row position.
    CHECK_THAT(e.message(), Catch::Contains("expected an array of person ids as strings"));
  }
}

TEST_CASE("out-of-range values name the bounds", "[scenario]") {
  TempDir dir;
  const fs::path file = dir.write("x.toml", "[model.bass]\ninnovation_p = 1.5\n");
  const ScenarioError& error = only_error(load_scenario(file));
  CHECK(error.message() ==
        file.string() +
            ":2:16: model.bass.innovation_p = 1.5 is out of range: expected a probability per "
            "day in [0, 1]");

  SECTION("replicates 0 and above the maximum") {
    for (const char* text : {"replicates = 0\n", "replicates = 100001\n"}) {
      const ScenarioError& e = only_error(load_scenario(dir.write("r.toml", text)));
      CHECK(e.key == "replicates");
      CHECK_THAT(e.message(), Catch::Contains("is out of range") && Catch::Contains("[1, 100000]"));
    }
    CHECK(loaded(load_scenario(dir.write("r.toml", "replicates = 100000\n"))).replicates == 100000);
  }
  SECTION("a negative horizon") {
    const ScenarioError& e = only_error(load_scenario(dir.write("h.toml", "horizon_days = -5\n")));
    CHECK(e.message() ==
          (dir.path() / "h.toml").string() +
              ":1:16: horizon_days = -5 is out of range: expected a whole number of days in [1, 3650]");
  }
  SECTION("schema_version other than 1") {
    const ScenarioError& e = only_error(load_scenario(dir.write("v.toml", "schema_version = 2\n")));
    CHECK_THAT(e.message(),
               Catch::Contains("schema_version = 2 is out of range") && Catch::Contains("[1, 1]"));
  }
  SECTION("an exclusive bound") {
    const ScenarioError& e =
        only_error(load_scenario(dir.write("d.toml", "[model.cascade]\nactivation_delay_days = 0\n")));
    CHECK_THAT(e.message(), Catch::Contains("expected a delay in days in (0, 3650]"));
  }
  SECTION("an unknown choice") {
    const ScenarioError& e = only_error(load_scenario(dir.write("k.toml", "[model]\nkind = \"sir\"\n")));
    CHECK_THAT(e.message(),
               Catch::Contains("model.kind = \"sir\" is not a known choice: expected one of \"bass\", "
                               "\"threshold\", \"cascade\" or \"workplace\""));
  }
}

TEST_CASE("unknown keys are errors with a suggestion", "[scenario]") {
  TempDir dir;
  SECTION("a typo in a table") {
    const fs::path file = dir.write("x.toml", "[model.bass]\ninovation_p = 0.01\n");
    const ScenarioError& error = only_error(load_scenario(file));
    CHECK(error.line == 2);
    CHECK(error.column == 1);
    CHECK(error.message() ==
          file.string() +
              ":2:1: model.bass.inovation_p is not a known key; did you mean `model.bass.innovation_p`?");
  }
  SECTION("a typo at the top level") {
    const ScenarioError& error = only_error(load_scenario(dir.write("x.toml", "replicate = 3\n")));
    CHECK(error.hint == "did you mean `replicates`?");
  }
  SECTION("a key in the wrong table") {
    const ScenarioError& error = only_error(load_scenario(dir.write("x.toml", "imitation_q = 0.1\n")));
    CHECK(error.hint == "did you mean `model.bass.imitation_q`?");
  }
  SECTION("a misspelt table") {
    const ScenarioError& error = only_error(load_scenario(dir.write("x.toml", "[modle]\nkind = \"bass\"\n")));
    CHECK(error.key == "modle.kind");
    CHECK(error.hint == "did you mean `model.kind`?");
  }
  SECTION("nothing close") {
    const ScenarioError& error = only_error(load_scenario(dir.write("x.toml", "colour_scheme = \"dark\"\n")));
    CHECK(error.hint.empty());
    CHECK_THAT(error.message(), Catch::EndsWith("colour_scheme is not a known key"));
  }
  SECTION("a misspelt field of a department") {
    const LoadResult result =
        load_scenario(dir.write("x.toml", "[organisation]\ndepartments = [{ name = \"A\", shar = 1.0 }]\n"));
    REQUIRE(result.errors.size() == 2);
    CHECK_THAT(all_messages(result),
               Catch::Contains(":2:30: organisation.departments[0].shar is not a known key; "
                               "did you mean `organisation.departments.share`?") &&
                   Catch::Contains("organisation.departments[0] has no `share`"));
  }
}

TEST_CASE("department shares must sum to 1", "[scenario]") {
  TempDir dir;
  SECTION("inline array") {
    const fs::path file = dir.write("x.toml",
                                    "seed = 4\n"
                                    "[organisation]\n"
                                    "headcount = 50\n"
                                    "departments = [\n"
                                    "  { name = \"A\", share = 0.5 },\n"
                                    "  { name = \"B\", share = 0.4 },\n"
                                    "]\n");
    const ScenarioError& error = only_error(load_scenario(file));
    CHECK(error.file == file.string());
    CHECK(error.line == 4);
    CHECK(error.key == "organisation.departments");
    CHECK_THAT(error.message(), Catch::Contains(":4:") && Catch::Contains("sum to 0.9") &&
                                    Catch::Contains("expected shares that sum to 1"));
  }
  SECTION("array of tables") {
    const fs::path file = dir.write("x.toml",
                                    "[[organisation.departments]]\nname = \"A\"\nshare = 0.7\n"
                                    "[[organisation.departments]]\nname = \"B\"\nshare = 0.7\n");
    const ScenarioError& error = only_error(load_scenario(file));
    CHECK(error.key == "organisation.departments");
    CHECK(error.line >= 1);
    CHECK_THAT(error.message(), Catch::Contains("sum to 1.4"));
  }
  SECTION("shares that do sum to 1") {
    const Scenario& scenario =
        loaded(load_scenario(dir.write("x.toml",
                                       "[[organisation.departments]]\nname = \"A\"\nshare = 0.25\n"
                                       "[[organisation.departments]]\nname = \"B\"\nshare = 0.75\n")));
    REQUIRE(scenario.organisation.departments.size() == 2);
    CHECK(scenario.organisation.departments[1].name == "B");
  }
  SECTION("a department without a share") {
    const ScenarioError& error =
        only_error(load_scenario(dir.write("x.toml", "[organisation]\ndepartments = [{ name = \"A\" }]\n")));
    CHECK_THAT(error.message(), Catch::Contains("organisation.departments[0] has no `share`"));
  }
}

TEST_CASE("rules across keys", "[scenario]") {
  TempDir dir;
  SECTION("the KPI day lies within the horizon") {
    const ScenarioError& error =
        only_error(load_scenario(dir.write("x.toml", "horizon_days = 30\n[kpi]\nby_day = 60\n")));
    CHECK(error.key == "kpi.by_day");
    CHECK(error.line == 3);
  }
  SECTION("the KPI day defaults to 90, so a short horizon is reported where it is set") {
    const ScenarioError& error =
        only_error(load_scenario(dir.write("x.toml", "seed = 2\nhorizon_days = 30\n")));
    CHECK(error.key == "kpi.by_day");
    CHECK(error.line == 2);
  }
  SECTION("the hard-review day lies within the horizon and is read") {
    const ScenarioError& error = only_error(load_scenario(
        dir.write("x.toml", "horizon_days = 100\n[kpi]\nby_day = 60\nhard_review_day = 120\n")));
    CHECK(error.key == "kpi.hard_review_day");
    CHECK(error.line == 4);
    const LoadResult loaded =
        load_scenario(dir.write("y.toml", "horizon_days = 200\n[kpi]\nhard_review_day = 181\n"));
    REQUIRE(loaded.ok());
    CHECK(loaded.scenario->kpi.hard_review_day == 181);
    CHECK(only_error(load_scenario(dir.write("z.toml", "[kpi]\nhard_review_day = 20\n"))).key ==
          "kpi.hard_review_day");  // before its 30-day trend window
  }
  SECTION("threshold bounds are ordered") {
    const ScenarioError& error = only_error(load_scenario(dir.write(
        "x.toml",
        "[model]\nkind = \"threshold\"\n[model.threshold]\nthreshold_low = 0.5\nthreshold_high = 0.2\n")));
    CHECK(error.key == "model.threshold.threshold_low");
  }
}

TEST_CASE("all problems are reported in one pass, in file order", "[scenario]") {
  TempDir dir;
  const fs::path file = dir.write("x.toml",
                                  "replicates = 0\n"
                                  "horizon_days = \"long\"\n"
                                  "sed = 4\n"
                                  "[model.bass]\n"
                                  "innovation_p = -0.1\n"
                                  "[organisation]\n"
                                  "departments = [{ name = \"A\", share = 0.5 }]\n");
  const LoadResult result = load_scenario(file);
  INFO(all_messages(result));
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.errors.size() == 5);
  std::vector<std::string> keys;
  for (const auto& error : result.errors) keys.push_back(error.key);
  CHECK(keys == std::vector<std::string>{"replicates", "horizon_days", "sed", "model.bass.innovation_p",
                                         "organisation.departments"});
  CHECK(std::is_sorted(result.errors.begin(), result.errors.end(),
                       [](const ScenarioError& a, const ScenarioError& b) { return a.line < b.line; }));
}

TEST_CASE("extends overrides single keys and merges tables", "[scenario]") {
  TempDir dir;
  dir.write("base.toml",
            "seed = 7\nreplicates = 50\n[model.bass]\ninnovation_p = 0.01\nimitation_q = 0.2\n"
            "[organisation]\ndepartments = [{ name = \"A\", share = 0.5 }, { name = \"B\", share = 0.5 }]\n");
  const Scenario& scenario = loaded(
      load_scenario(dir.write("child.toml",
                              "extends = \"base.toml\"\nreplicates = 10\n[model.bass]\nimitation_q = 0.3\n"
                              "[organisation]\ndepartments = [{ name = \"Only\", share = 1.0 }]\n")));
  CHECK(scenario.seed == 7);
  CHECK(scenario.replicates == 10);
  const auto& bass = std::get<adoptsim::model::BassParams>(scenario.model);
  CHECK(bass.innovation_p == Approx(0.01));  // kept from the base: tables merge
  CHECK(bass.imitation_q == Approx(0.3));
  REQUIRE(scenario.organisation.departments.size() == 1);  // arrays replace
  CHECK(scenario.organisation.departments[0].name == "Only");
  REQUIRE(scenario.files.size() == 2);
  CHECK(scenario.files[0].filename() == "base.toml");
  CHECK(scenario.files[1].filename() == "child.toml");
  CHECK(scenario.name == "child");
}

TEST_CASE("extends resolves paths relative to the including file", "[scenario]") {
  TempDir dir;
  dir.write("library/common/root.toml", "seed = 11\n");
  dir.write("library/common/middle.toml", "extends = \"root.toml\"\nreplicates = 9\n");
  const fs::path leaf =
      dir.write("library/plans/leaf.toml", "extends = \"../common/middle.toml\"\nhorizon_days = 120\n");
  const Scenario& scenario = loaded(load_scenario(leaf));
  CHECK(scenario.seed == 11);
  CHECK(scenario.replicates == 9);
  CHECK(scenario.horizon_days == 120);
  CHECK(scenario.files.size() == 3);
}

TEST_CASE("extends problems name the including file and line", "[scenario]") {
  TempDir dir;
  SECTION("a missing file") {
    const fs::path file = dir.write("x.toml", "seed = 1\nextends = \"gone.toml\"\n");
    const ScenarioError& error = only_error(load_scenario(file));
    CHECK(error.file == file.string());
    CHECK(error.line == 2);
    CHECK(error.key == "extends");
    CHECK_THAT(error.message(), Catch::Contains("gone.toml") && Catch::Contains("cannot be read"));
  }
  SECTION("a cycle lists the chain") {
    dir.write("a.toml", "extends = \"b.toml\"\n");
    dir.write("b.toml", "extends = \"c.toml\"\n");
    dir.write("c.toml", "extends = \"a.toml\"\n");
    const ScenarioError& error = only_error(load_scenario(dir.path() / "a.toml"));
    CHECK(error.file == (dir.path() / "c.toml").string());
    CHECK_THAT(error.message(), Catch::Contains("makes a cycle") && Catch::Contains("a.toml -> ") &&
                                    Catch::Contains("b.toml -> ") && Catch::Contains("c.toml -> "));
  }
  SECTION("a file extending itself") {
    const ScenarioError& error =
        only_error(load_scenario(dir.write("self.toml", "extends = \"self.toml\"\n")));
    CHECK_THAT(error.message(), Catch::Contains("makes a cycle"));
  }
  SECTION("errors in an inherited file carry that file's own line and column") {
    const fs::path base = dir.write("base.toml", "seed = 1\n\n[model.bass]\n  imitation_q = 7\n");
    const ScenarioError& error =
        only_error(load_scenario(dir.write("child.toml", "extends = \"base.toml\"\nreplicates = 5\n")));
    CHECK(error.file == base.string());
    CHECK(error.line == 4);
    CHECK(error.column == 17);
    CHECK(error.key == "model.bass.imitation_q");
  }
  SECTION("malformed TOML in an inherited file") {
    const fs::path base = dir.write("base.toml", "seed = 1\nreplicates = [\n");
    const ScenarioError& error =
        only_error(load_scenario(dir.write("child.toml", "extends = \"base.toml\"\nreplicates = 5\n")));
    CHECK(error.file == base.string());
    CHECK(error.line >= 2);
  }
}

TEST_CASE("a model kind change ignores the inherited model's table", "[scenario]") {
  TempDir dir;
  dir.write("base.toml", "[model.bass]\ninnovation_p = 0.01\n");
  const Scenario& scenario =
      loaded(load_scenario(dir.write("t.toml",
                                     "extends = \"base.toml\"\n[model]\nkind = "
                                     "\"threshold\"\n[model.initial_adopters]\nrandom_count = 4\n")));
  const auto* threshold = std::get_if<adoptsim::model::ThresholdParams>(&scenario.model);
  REQUIRE(threshold != nullptr);
  CHECK(threshold->initial.random_count == 4);
  CHECK(threshold->threshold_low == Approx(0.1));
  CHECK_THAT(adoptsim::scenario::resolved_toml(scenario), !Catch::Contains("[model.bass]"));
}

TEST_CASE("the resolved TOML loads back to the same scenario", "[scenario]") {
  TempDir dir;
  for (const char* relative :
       {"scenarios/base.toml", "scenarios/reference/threshold.toml", "scenarios/reference/cascade.toml"}) {
    INFO(relative);
    const Scenario& original = loaded(load_scenario(fs::path(ADOPTSIM_SOURCE_DIR) / relative));
    const std::string text = adoptsim::scenario::resolved_toml(original);
    const Scenario& again = loaded(load_scenario(dir.write("resolved.toml", text)));
    const std::string text_again = adoptsim::scenario::resolved_toml(again);
    // Only the list of files differs (the comment's second line).
    const auto body = [](const std::string& s) { return s.substr(s.find('\n', s.find('\n') + 1)); };
    CHECK(body(text) == body(text_again));
    CHECK(again.name == original.name);
    CHECK(again.organisation.departments.size() == original.organisation.departments.size());
  }
}

TEST_CASE("every scenario in scenarios/ loads without error", "[scenario]") {
  std::size_t count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(ADOPTSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    INFO(entry.path().string());
    const LoadResult result = load_scenario(entry.path());
    INFO(all_messages(result));
    CHECK(result.ok());
    ++count;
  }
  CHECK(count >= 4);
}
