// `--set KEY=VALUE` overrides (load_scenario's second argument): the same
// types, bounds, applicability and cross-key rules as a key in a file, with
// messages that name the flag.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "adoptsim/model/reference.hpp"
#include "adoptsim/scenario/scenario.hpp"

namespace {

namespace scenario = adoptsim::scenario;
namespace model = adoptsim::model;

const std::string kBass = std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/reference/bass.toml";
const std::string kPilot = std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/workplace/pilot_then_scale.toml";

scenario::LoadResult load(const std::string& file, std::vector<std::string> overrides) {
  return scenario::load_scenario(file, overrides);
}

// The one error of a load that must fail.
scenario::ScenarioError only_error(const scenario::LoadResult& result) {
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.errors.size() == 1);
  return result.errors.front();
}

}  // namespace

TEST_CASE("an override sets a key over the files and is recorded", "[scenario]") {
  const auto result = load(kBass, {"model.bass.imitation_q=0.2", "horizon_days = 120", "seed=7"});
  INFO(scenario::format_errors(result.errors));
  REQUIRE(result.ok());
  const scenario::Scenario& loaded = *result.scenario;
  CHECK(std::get<model::BassParams>(loaded.model).imitation_q == 0.2);
  CHECK(loaded.horizon_days == 120);
  CHECK(loaded.seed == 7);
  CHECK(loaded.overrides ==
        std::vector<std::string>{"model.bass.imitation_q=0.2", "horizon_days = 120", "seed=7"});
  CHECK(loaded.set_at.at("model.bass.imitation_q") == "--set model.bass.imitation_q=0.2");
  const std::string resolved = scenario::resolved_toml(loaded);
  CHECK(resolved.find("# Override: --set model.bass.imitation_q=0.2\n") != std::string::npos);
  CHECK(resolved.find("imitation_q = 0.2\n") != std::string::npos);
}

TEST_CASE("overrides apply in order, the last one winning", "[scenario]") {
  const auto result = load(kBass, {"horizon_days=150", "horizon_days=120"});
  REQUIRE(result.ok());
  CHECK(result.scenario->horizon_days == 120);
}

TEST_CASE("a string override may go without quotes, and means its whole text", "[scenario]") {
  const auto bare = load(kPilot, {"strategy.preset=big_bang"});
  INFO(scenario::format_errors(bare.errors));
  REQUIRE(bare.ok());
  const auto quoted = load(kPilot, {"strategy.preset=\"big_bang\""});
  REQUIRE(quoted.ok());
  CHECK(scenario::resolved_toml(*bare.scenario).find("preset = \"big_bang\"") != std::string::npos);
  CHECK(bare.scenario->workplace->strategy.preset == quoted.scenario->workplace->strategy.preset);
  // A bare word that is not a choice is refused as in a file, with the hint.
  const auto error = only_error(load(kPilot, {"strategy.preset=big_bag"}));
  CHECK(error.file == "--set strategy.preset=big_bag");
  CHECK(error.message().find("did you mean \"big_bang\"") != std::string::npos);
}

TEST_CASE("an override out of bounds is refused with the flag named, not a line", "[scenario][bad-input]") {
  const auto error = only_error(load(kBass, {"model.bass.imitation_q=1.5"}));
  CHECK(error.file == "--set model.bass.imitation_q=1.5");
  CHECK(error.line == 0);
  CHECK(error.message() ==
        "--set model.bass.imitation_q=1.5: model.bass.imitation_q = 1.5 is out of range: expected a "
        "probability per day in [0, 1]");
}

TEST_CASE("an override of the wrong type is refused as in a file", "[scenario][bad-input]") {
  const auto error = only_error(load(kBass, {"horizon_days=\"long\""}));
  CHECK(error.message().find("--set horizon_days=\"long\": horizon_days = \"long\" is a string") == 0);
}

TEST_CASE("an unknown override key gets a suggestion", "[scenario][bad-input]") {
  const auto error = only_error(load(kBass, {"model.bass.imitaton_q=0.1"}));
  CHECK(error.message() ==
        "--set model.bass.imitaton_q=0.1: model.bass.imitaton_q is not a known key; did you mean "
        "`model.bass.imitation_q`?");
}

TEST_CASE("an override the scenario does not read is an error", "[scenario][bad-input]") {
  const auto error = only_error(load(kBass, {"strategy.preset=big_bang"}));
  CHECK(error.file == "--set strategy.preset=big_bang");
  CHECK(error.problem == "does not apply to this scenario");
  CHECK(error.hint.find("model.kind = \"workplace\"") != std::string::npos);
  // Setting the model kind in the same call makes it apply.
  CHECK(load(kBass, {"model.kind=workplace", "strategy.preset=big_bang"}).ok());
}

TEST_CASE("an override goes through the cross-key rules", "[scenario][bad-input]") {
  // threshold_low above threshold_high, the two set from the command line.
  const std::string threshold = std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/reference/threshold.toml";
  const auto result =
      load(threshold, {"model.threshold.threshold_low=0.9", "model.threshold.threshold_high=0.2"});
  REQUIRE_FALSE(result.ok());
  CHECK(scenario::format_errors(result.errors).find("threshold_low") != std::string::npos);
}

TEST_CASE("malformed overrides are refused, each with what to write", "[scenario][bad-input]") {
  CHECK(only_error(load(kBass, {"horizon_days"})).problem == "is not KEY=VALUE");
  CHECK(only_error(load(kBass, {"=3"})).problem == "is not KEY=VALUE");
  CHECK(only_error(load(kBass, {"seed=1\nreplicates=5"})).problem == "spans more than one line");
  CHECK(only_error(load(kBass, {"extends=other.toml"})).problem == "cannot be set from the command line");
  const auto bad_toml = only_error(load(kBass, {"model.bass.imitation_q=0.2.3"}));
  CHECK(bad_toml.problem.find("is not KEY=VALUE with a TOML value") == 0);
  CHECK(bad_toml.line == 0);
}
