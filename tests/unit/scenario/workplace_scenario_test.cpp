// Workplace scenarios: the [model.workplace], [strategy] and [budget] keys
// resolve into the model's, the strategy's and the budget's structs; bad
// plans are reported with file, line and column; and the resolved TOML round
// trips. How the runner turns a scenario into the model's inputs is in
// tests/unit/runner/workplace_inputs_test.cpp.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "adoptsim/scenario/parameters.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "unit/scenario/scenario_test_support.hpp"

namespace fs = std::filesystem;
using namespace adoptsim;
using adoptsim::scenario::load_scenario;
using adoptsim::scenario::LoadResult;
using adoptsim::scenario::Scenario;
using adoptsim::scenario::ScenarioError;

using namespace adoptsim::scenario_testing;

namespace {

const std::string kWorkplace = "[model]\nkind = \"workplace\"\n";

}  // namespace

TEST_CASE("a workplace scenario gets the model's, the strategy's and the budget's defaults",
          "[scenario][workplace]") {
  TempDir dir;
  const Scenario scenario = loaded(load_scenario(dir.write("w.toml", kWorkplace)));
  REQUIRE(scenario.workplace);
  const model::WorkplaceParams defaults;
  CHECK(scenario.workplace->params.decision.intercept == defaults.decision.intercept);
  CHECK(scenario.workplace->params.dynamics.lapse_after_days == defaults.dynamics.lapse_after_days);
  CHECK(scenario.workplace->strategy.preset == strategy::Preset::BigBang);
  CHECK(scenario.workplace->budget.total_usd == strategy::Budget{}.total_usd);
  // The reference models' keys do not apply and are not printed.
  const std::string resolved = scenario::resolved_toml(scenario);
  CHECK(resolved.find("[model.bass]") == std::string::npos);
  CHECK(resolved.find("initial_adopters") == std::string::npos);
  CHECK(resolved.find("[model.workplace.decision]") != std::string::npos);
  CHECK(resolved.find("[budget.shares]") != std::string::npos);
}

TEST_CASE("workplace keys reach the structs they describe", "[scenario][workplace]") {
  TempDir dir;
  const Scenario scenario = loaded(load_scenario(dir.write("w.toml", kWorkplace + R"(
[model.workplace]
departments = [{ name = "Sales", relevance_mean = 0.7 }]
incidents = [{ day = 30, severity = 0.4 }]

[model.workplace.decision]
habit = 3.5

[model.workplace.default_profile]
skill_mean = 0.45

[strategy]
preset = "custom"
champion_rule = "pagerank"
max_champions_per_department = 2

[[strategy.phases]]
name = "pilot"
departments = ["Sales", "Finance"]
roles = ["manager"]
fraction = 0.5
interventions = ["access", "daily_check_ins"]
check_in_days = 10

[[strategy.phases]]
name = "gate"
start_day = 20
gate_share = 0.4
gate_latest_day = 60
interventions = ["access", "announcement"]

[budget]
total_usd = 50000
change_management_share = 0.3
[budget.shares]
training = 0.4
support = 0.1
knowledge = 0.0
)")));
  const scenario::WorkplaceScenario& workplace = *scenario.workplace;
  CHECK(workplace.params.decision.habit == 3.5);
  CHECK(workplace.params.default_profile.skill.mean == 0.45);
  REQUIRE(workplace.department_profiles.size() == 1);
  CHECK(workplace.department_profiles[0].department == "Sales");
  CHECK(workplace.department_profiles[0].profile.relevance.mean == 0.7);
  // A department profile takes the default profile's value for what it leaves out.
  CHECK(workplace.department_profiles[0].profile.skill.mean == 0.45);
  REQUIRE(workplace.incidents.size() == 1);
  CHECK(workplace.incidents[0].day == 30.0);
  CHECK(workplace.strategy.champion_rule == analysis::ChampionRule::PageRank);
  CHECK(workplace.strategy.max_champions_per_department == 2);
  REQUIRE(workplace.strategy.phases.size() == 2);
  const strategy::CustomPhase& pilot = workplace.strategy.phases[0];
  CHECK(pilot.cohort.departments == std::vector<std::string>{"Sales", "Finance"});
  CHECK(pilot.cohort.roles == std::vector<std::string>{"manager"});
  CHECK(pilot.cohort.fraction == 0.5);
  REQUIRE(pilot.interventions.size() == 2);
  CHECK(pilot.interventions[1].kind == model::InterventionKind::DailyCheckIns);
  CHECK(pilot.interventions[1].duration_days == 10.0);
  const strategy::CustomPhase& gated = workplace.strategy.phases[1];
  CHECK(gated.gated);
  CHECK(gated.gate.weekly_active_share_of_access == 0.4);
  CHECK(gated.gate.earliest_day == 20.0);
  CHECK(gated.gate.latest_day == 60.0);
  CHECK(workplace.budget.total_usd == 50000.0);
  CHECK(workplace.budget.shares.training == 0.4);
  // The shares left at their defaults no longer sum to 1.
  CHECK_FALSE(load_scenario(dir.write("w.toml", kWorkplace + "[budget.shares]\ntraining = 0.9\n")).ok());
}

TEST_CASE("every scenario of the library resolves and round-trips", "[scenario][workplace]") {
  TempDir dir;
  for (const auto& entry :
       fs::recursive_directory_iterator(std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/workplace")) {
    if (entry.path().extension() != ".toml") continue;
    INFO(entry.path().string());
    const Scenario scenario = loaded(load_scenario(entry.path()));
    REQUIRE(scenario.workplace);
    const std::string resolved = scenario::resolved_toml(scenario);
    const Scenario again = loaded(load_scenario(dir.write("again.toml", resolved)));
    std::string resolved_again = scenario::resolved_toml(again);
    // Only the "Files:" comment line and the name (a file stem by default) differ.
    const auto body = [](const std::string& text) { return text.substr(text.find("schema_version")); };
    CHECK(body(resolved_again) == body(resolved));
  }
}

TEST_CASE("bad plans are reported at their file, line and key", "[scenario][workplace][bad-input]") {
  TempDir dir;
  SECTION("an unknown department, with a suggestion") {
    const ScenarioError e = only_error(load_scenario(dir.write("w.toml", kWorkplace + R"(
[strategy]
preset = "custom"
[[strategy.phases]]
name = "one"
departments = ["Salse"]
interventions = ["access"]
)")));
    CHECK(e.line == 6);  // the phase's table
    CHECK(e.key == "strategy.phases[0].departments[0]");
    CHECK(e.message().find("is not a department of the organisation") != std::string::npos);
    CHECK(e.hint == "did you mean \"Sales\"?");
  }
  SECTION("an unknown role and an unknown intervention") {
    const LoadResult result = load_scenario(dir.write("w.toml", kWorkplace + R"(
[strategy]
preset = "custom"
[[strategy.phases]]
name = "one"
roles = ["boss"]
interventions = ["acces"]
)"));
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].key == "strategy.phases[0].roles[0]");
    CHECK(result.errors[1].key == "strategy.phases[0].interventions[0]");
    CHECK(result.errors[1].hint == "did you mean \"access\"?");
  }
  SECTION("phases out of order") {
    const ScenarioError e = only_error(load_scenario(dir.write("w.toml", kWorkplace + R"(
[strategy]
preset = "custom"
[[strategy.phases]]
name = "late"
start_day = 30
interventions = ["access"]
[[strategy.phases]]
name = "early"
start_day = 10
interventions = ["announcement"]
)")));
    CHECK(e.key == "strategy.phases[1].start_day");
    CHECK(e.problem.find("before the start of the phase above") != std::string::npos);
  }
  SECTION("lever shares that do not sum to 1, and a negative total") {
    const LoadResult result = load_scenario(dir.write("w.toml", kWorkplace + R"(
[budget]
total_usd = -5
[budget.shares]
training = 0.5
)"));
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].key == "budget.total_usd");
    CHECK(result.errors[0].line == 5);
    CHECK(result.errors[1].key == "budget.shares");
    CHECK(result.errors[1].line == 7);
    CHECK(result.errors[1].problem.find("sum to 1.2") != std::string::npos);
  }
  SECTION("a pilot larger than the organisation") {
    const ScenarioError e = only_error(load_scenario(dir.write("w.toml", kWorkplace + R"(
[organisation]
headcount = 10
departments = [{ name = "A", share = 0.5 }, { name = "B", share = 0.5 }]
[strategy]
preset = "pilot_then_scale"
pilot_size = 12
)")));
    CHECK(e.key == "strategy.pilot_size");
    CHECK(e.problem == "is larger than the organisation");
  }
  SECTION("a custom strategy without phases; a single-department pilot without a department") {
    const ScenarioError custom =
        only_error(load_scenario(dir.write("w.toml", kWorkplace + "[strategy]\npreset = \"custom\"\n")));
    CHECK(custom.problem == "has no phases");
    const ScenarioError pilot = only_error(load_scenario(dir.write(
        "w.toml",
        kWorkplace + "[strategy]\npreset = \"pilot_then_scale\"\npilot_rule = \"single_department\"\n")));
    CHECK(pilot.problem == "needs strategy.pilot_department");
  }
  SECTION("with a scale gate, scale_day is the latest day: before the gate's earliest day it is an error") {
    const ScenarioError error = only_error(load_scenario(dir.write("w.toml", kWorkplace + R"(
[strategy]
preset = "pilot_then_scale"
scale_gate_share = 0.5
scale_gate_earliest_day = 28
scale_day = 21
)")));
    CHECK(error.key == "strategy.scale_day");
    CHECK(error.line == 8);
    CHECK_THAT(error.message(), Catch::Contains("is before strategy.scale_gate_earliest_day = 28.0"));
  }
  SECTION("a scale-up whose latest day is past the horizon may never happen: a warning") {
    const LoadResult top = load_scenario(dir.write("w.toml", "horizon_days = 100\n" + kWorkplace + R"(
[strategy]
preset = "pilot_then_scale"
scale_gate_share = 0.5
scale_day = 120
)"));
    INFO(all_messages(top));
    REQUIRE(top.ok());
    REQUIRE(top.warnings.size() == 1);
    CHECK(top.warnings[0].key == "strategy.scale_day");
    CHECK_THAT(top.warnings[0].message(),
               Catch::Contains("where the scale gate is not met, the scale-up never happens"));
  }
  SECTION("a gate that can never open is a warning, not an error") {
    const LoadResult top = load_scenario(dir.write("w.toml", "horizon_days = 100\n" + kWorkplace + R"(
[strategy]
preset = "pilot_then_scale"
scale_gate_share = 0.5
scale_gate_earliest_day = 150
scale_day = 160
)"));
    INFO(all_messages(top));
    REQUIRE(top.ok());
    REQUIRE(top.warnings.size() == 1);
    CHECK(top.warnings[0].key == "strategy.scale_gate_earliest_day");
    CHECK(top.warnings[0].message().find("the scale-up never happens") != std::string::npos);
  }
}
