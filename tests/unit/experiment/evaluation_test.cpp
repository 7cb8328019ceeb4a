#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "adoptsim/experiment/design.hpp"
#include "adoptsim/experiment/evaluation.hpp"
#include "adoptsim/runner/kpi_runner.hpp"
#include "adoptsim/runner/scenario_runner.hpp"

using namespace adoptsim;

namespace {

const std::string kPilot = std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/workplace/pilot_then_scale.toml";

scenario::Scenario load(const std::vector<std::string>& overrides) {
  scenario::LoadResult loaded = scenario::load_scenario(kPilot, overrides);
  INFO(scenario::format_errors(loaded.errors));
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

bool same_bits(const metrics::KpiValues& a, const metrics::KpiValues& b) {
  for (std::size_t kpi = 0; kpi < a.size(); ++kpi) {
    if (std::isnan(a[kpi]) != std::isnan(b[kpi])) return false;
    if (!std::isnan(a[kpi]) && a[kpi] != b[kpi]) return false;
  }
  return true;
}

// Three pilot sizes of pilot_then_scale, made ready on one organisation.
struct Sweep {
  std::vector<scenario::Scenario> points;
  std::vector<runner::KpiRunner> runners;
  explicit Sweep(std::uint64_t seed) {
    for (const char* size : {"8", "12", "15"})
      points.push_back(load({std::string("strategy.pilot_size=") + size}));
    const auto organisation =
        std::make_shared<const runner::Organisation>(runner::load_organisation(points[0]));
    for (const scenario::Scenario& point : points) {
      REQUIRE(runner::organisation_key(point) == runner::organisation_key(points[0]));
      REQUIRE(runner::check_runnable(point, *organisation).empty());
      runners.emplace_back(point, organisation, seed);
    }
  }
};

}  // namespace

TEST_CASE("a unit's KPIs are run's replicate r bit for bit", "[experiment]") {
  Sweep sweep(11);
  experiment::EvaluationSettings settings;
  settings.replicates = 6;
  experiment::UnitResults results;
  experiment::evaluate(sweep.runners, settings, results);
  REQUIRE(results.values.size() == 18);
  runner::RunSettings run_settings;
  run_settings.replicates = 6;
  run_settings.seed = 11;
  std::vector<const scenario::Scenario*> pointers;
  for (const scenario::Scenario& point : sweep.points) pointers.push_back(&point);
  const std::vector<runner::ScenarioResult> runs = runner::run_scenarios(pointers, run_settings);
  for (std::size_t point = 0; point < 3; ++point) {
    for (std::uint32_t replicate = 0; replicate < 6; ++replicate) {
      INFO("point " << point << ", replicate " << replicate);
      CHECK(same_bits(results.at(point, replicate), runs[point].kpis[replicate]));
    }
  }
}

TEST_CASE("an evaluation gives the same bits for any thread count and block size", "[experiment]") {
  Sweep sweep(5);
  const auto evaluate_with = [&](std::uint32_t threads, std::size_t block) {
    experiment::EvaluationSettings settings;
    settings.replicates = 5;
    settings.threads = threads;
    settings.block_units = block;
    experiment::UnitResults results;
    std::vector<std::pair<std::size_t, std::size_t>> blocks;
    experiment::evaluate(sweep.runners, settings, results,
                         [&](const experiment::UnitResults&, std::size_t first, std::size_t end) {
                           blocks.emplace_back(first, end);
                         });
    return std::pair{results, blocks};
  };
  const auto [one, one_blocks] = evaluate_with(1, 4);
  const auto [two, two_blocks] = evaluate_with(2, 256);
  REQUIRE(one.values.size() == 15);
  for (std::size_t unit = 0; unit < 15; ++unit) CHECK(same_bits(one.values[unit], two.values[unit]));
  // Blocks of 4 units: [0, 4), [4, 8), [8, 12), [12, 15).
  CHECK(one_blocks == std::vector<std::pair<std::size_t, std::size_t>>{{0, 4}, {4, 8}, {8, 12}, {12, 15}});
  CHECK(two_blocks == std::vector<std::pair<std::size_t, std::size_t>>{{0, 15}});
}

TEST_CASE("an interrupted evaluation resumes to the bits of one never interrupted", "[experiment]") {
  Sweep sweep(3);
  experiment::EvaluationSettings settings;
  settings.replicates = 4;
  settings.block_units = 5;
  experiment::UnitResults whole;
  experiment::evaluate(sweep.runners, settings, whole);

  std::atomic<bool> stop{false};
  settings.stop = &stop;
  experiment::UnitResults partial;
  // Stop once the second block is done: the third block is never started.
  CHECK_THROWS_AS(experiment::evaluate(sweep.runners, settings, partial,
                                       [&](const experiment::UnitResults&, std::size_t, std::size_t end) {
                                         if (end == 10) stop = true;
                                       }),
                  runner::Interrupted);
  REQUIRE(partial.values.size() == 10);
  // Replicate-major: units 0-8 are replicates 0-2 of the three points, unit 9
  // replicate 3 of point 0.
  stop = false;
  experiment::evaluate(sweep.runners, settings, partial);
  REQUIRE(partial.values.size() == whole.values.size());
  for (std::size_t unit = 0; unit < whole.values.size(); ++unit)
    CHECK(same_bits(partial.values[unit], whole.values[unit]));
}

TEST_CASE("summarise_points describes each point's replicates as run's kpi_summary does", "[experiment]") {
  Sweep sweep(9);
  experiment::EvaluationSettings settings;
  settings.replicates = 8;
  experiment::UnitResults results;
  experiment::evaluate(sweep.runners, settings, results);
  const std::vector<experiment::PointSummary> summaries = experiment::summarise_points(results);
  REQUIRE(summaries.size() == 3);
  runner::RunSettings run_settings;
  run_settings.replicates = 8;
  run_settings.seed = 9;
  const runner::ScenarioResult run = runner::run_scenarios({&sweep.points[1]}, run_settings).front();
  for (std::size_t kpi = 0; kpi < metrics::kKpiCount; ++kpi) {
    INFO(metrics::kpi_definitions()[kpi].name);
    const metrics::Distribution& mine = summaries[1][kpi];
    const metrics::Distribution& theirs = run.summary.kpis[kpi];
    CHECK(mine.n == theirs.n);
    CHECK(mine.censored == theirs.censored);
    CHECK((mine.mean == theirs.mean || (std::isnan(mine.mean) && std::isnan(theirs.mean))));
    CHECK((mine.quantiles[2] == theirs.quantiles[2] ||
           (std::isnan(mine.quantiles[2]) && std::isnan(theirs.quantiles[2]))));
  }
}

TEST_CASE("points that share an organisation share its key, and another seed or size does not",
          "[experiment]") {
  const scenario::Scenario base = load({});
  CHECK(runner::organisation_key(load({"strategy.pilot_size=9"})) == runner::organisation_key(base));
  CHECK(runner::organisation_key(load({"organisation.seed=99"})) != runner::organisation_key(base));
  CHECK(runner::organisation_key(load({"organisation.headcount=200"})) != runner::organisation_key(base));
  CHECK(runner::organisation_key(base).find("organisation.headcount = 180") != std::string::npos);
}
