#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <unistd.h>

#include "adoptsim/experiment/design.hpp"

using namespace adoptsim::experiment;

namespace {

DesignSpec spec_of(DesignKind kind, std::initializer_list<const char*> variations, std::uint32_t points = 0) {
  DesignSpec spec;
  spec.kind = kind;
  for (const char* text : variations) spec.variations.push_back(parse_variation(text));
  spec.points = points;
  return spec;
}

std::string error_of(const DesignSpec& spec) {
  try {
    build_design(spec);
  } catch (const DesignError& error) {
    return error.what();
  }
  return "no error";
}

std::string parse_error_of(const char* text) {
  try {
    parse_variation(text);
  } catch (const DesignError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a variation is a list, a start:stop:step or a range", "[experiment]") {
  const KeyVariation list = parse_variation("strategy.preset = big_bang, pilot_then_scale");
  CHECK(list.key == "strategy.preset");
  CHECK(list.values == std::vector<std::string>{"big_bang", "pilot_then_scale"});
  CHECK_FALSE(list.is_range());

  // Counted steps end on stop, without 0.30000000000000004.
  const KeyVariation steps = parse_variation("budget.change_management_share=0:0.5:0.1");
  CHECK(steps.values == std::vector<std::string>{"0", "0.1", "0.2", "0.3", "0.4", "0.5"});
  CHECK(parse_variation("strategy.pilot_size=8:16:3").values == std::vector<std::string>{"8", "11", "14"});
  CHECK(parse_variation("x=10:4:-3").values == std::vector<std::string>{"10", "7", "4"});

  const KeyVariation range = parse_variation("model.bass.innovation_p=0.001..0.01:log");
  REQUIRE(range.is_range());
  CHECK(*range.low == 0.001);
  CHECK(*range.high == 0.01);
  CHECK(range.log);

  CHECK(parse_error_of("strategy.pilot_size") ==
        "--vary strategy.pilot_size: expected KEY=SPEC, e.g. strategy.pilot_size=8,12,16");
  CHECK(parse_error_of("=1,2").find("no key before '='") != std::string::npos);
  CHECK(parse_error_of("k=").find("no values after '='") != std::string::npos);
  CHECK(parse_error_of("k=1:2") == "--vary k=1:2: expected start:stop:step, three numbers");
  CHECK(parse_error_of("k=0:1:-0.1") == "--vary k=0:1:-0.1: a step of -0.1 never goes from 0 to 1");
  CHECK(parse_error_of("k=0:1:0") == "--vary k=0:1:0: a step of 0 never goes from 0 to 1");
  CHECK(parse_error_of("k=a:1:1") == "--vary k=a:1:1: start \"a\" is not a number");
  CHECK(parse_error_of("k=2..1").find("low end is above its high end") != std::string::npos);
  CHECK(parse_error_of("k=1,,2").find("an empty value") != std::string::npos);
  CHECK(parse_error_of("k=0:1000000:1").find("more than 100000 values") != std::string::npos);
}

TEST_CASE("a grid is every combination, the last key fastest, and a zip pairs values", "[experiment]") {
  const Design grid = build_design(
      spec_of(DesignKind::Grid, {"strategy.pilot_size=8,12", "budget.change_management_share=0.1,0.2,0.3"}));
  CHECK(grid.keys == std::vector<std::string>{"strategy.pilot_size", "budget.change_management_share"});
  REQUIRE(grid.points.size() == 6);
  CHECK(grid.points[0] == std::vector<std::string>{"8", "0.1"});
  CHECK(grid.points[1] == std::vector<std::string>{"8", "0.2"});
  CHECK(grid.points[3] == std::vector<std::string>{"12", "0.1"});
  CHECK(grid.overrides(5) ==
        std::vector<std::string>{"strategy.pilot_size=12", "budget.change_management_share=0.3"});

  const Design zip =
      build_design(spec_of(DesignKind::Zip, {"strategy.pilot_size=8,12", "budget.total_usd=100000,150000"}));
  REQUIRE(zip.points.size() == 2);
  CHECK(zip.points[1] == std::vector<std::string>{"12", "150000"});
  CHECK(
      error_of(spec_of(DesignKind::Zip, {"strategy.pilot_size=8,12", "budget.total_usd=1,2,3"})) ==
      "--design zip pairs the keys' values one to one: strategy.pilot_size has 2 values, budget.total_usd 3");
}

TEST_CASE("a design's keys are the parameter table's, and its ranges within their bounds", "[experiment]") {
  CHECK(
      error_of(spec_of(DesignKind::Grid, {"strategy.pilot_sise=8,12"})) ==
      "--vary strategy.pilot_sise=8,12: \"strategy.pilot_sise\" is not a key of the parameter table; did you "
      "mean strategy.pilot_size? (scenarios/README.md lists them)");
  CHECK(error_of(spec_of(DesignKind::Grid, {"strategy.pilot_size=8", "strategy.pilot_size=9"})) ==
        "--vary strategy.pilot_size=9: strategy.pilot_size is varied twice; vary it once");
  CHECK(error_of(spec_of(DesignKind::LatinHypercube, {"budget.change_management_share=0..1.5"}, 8)) ==
        "--vary budget.change_management_share=0..1.5: 1.5 is outside budget.change_management_share's "
        "bounds [0, 1] (a share of the total in [0, 1])");
  CHECK(error_of(spec_of(DesignKind::Sobol, {"strategy.preset=1..2"}, 8)) ==
        "--vary strategy.preset=1..2: strategy.preset is string, not a number: a range needs a numeric key; "
        "list its values instead (a,b,c)");
  CHECK(error_of(spec_of(DesignKind::Sobol, {"strategy.preset=big_bang,custom"}, 8)) ==
        "--vary strategy.preset=big_bang,custom: a sobol design samples ranges: write low..high (or "
        "low..high:log)");
  CHECK(error_of(spec_of(DesignKind::Grid, {"model.bass.innovation_p=0.001..0.01"}))
            .find("a range is sampled") != std::string::npos);
  CHECK(error_of(spec_of(DesignKind::LatinHypercube, {"model.bass.innovation_p=0..0.01:log"}, 4)) ==
        "--vary model.bass.innovation_p=0..0.01:log: a log range needs low > 0");
  CHECK(error_of(spec_of(DesignKind::Sobol, {"model.bass.innovation_p=0.001..0.01"}, 0)) ==
        "--design sobol needs --points N, N >= 1");
  CHECK(error_of(DesignSpec{}) == "the design varies nothing: add --vary KEY=SPEC (or a [sweep.vary] table)");
}

TEST_CASE("a Latin hypercube puts one point in each of N strata of every key, reproducibly", "[experiment]") {
  DesignSpec spec =
      spec_of(DesignKind::LatinHypercube,
              {"model.bass.innovation_p=0.001..0.011", "model.bass.imitation_q=0.01..1:log"}, 50);
  spec.seed = 7;
  const Design design = build_design(spec);
  REQUIRE(design.points.size() == 50);
  for (std::size_t key = 0; key < 2; ++key) {
    std::set<int> strata;
    for (const std::vector<std::string>& point : design.points) {
      const double value = std::stod(point[key]);
      const double u =
          key == 0 ? (value - 0.001) / 0.01 : (std::log(value) - std::log(0.01)) / (-std::log(0.01));
      REQUIRE(u >= 0.0);
      REQUIRE(u < 1.0 + 1e-12);
      strata.insert(static_cast<int>(std::floor(u * 50.0)));
    }
    CHECK(strata.size() == 50);
  }
  CHECK(build_design(spec).points == design.points);
  spec.seed = 8;
  CHECK(build_design(spec).points != design.points);
}

TEST_CASE("a Sobol design is the Sobol sequence mapped onto the ranges", "[experiment]") {
  const Design design = build_design(
      spec_of(DesignKind::Sobol, {"model.bass.innovation_p=0..0.02", "model.bass.imitation_q=0..1"}, 5));
  // The sequence after the origin: (1/2, 1/2), (3/4, 1/4), (1/4, 3/4), (3/8, 3/8), (7/8, 7/8).
  const std::vector<std::vector<std::string>> expected = {
      {"0.01", "0.5"}, {"0.015", "0.25"}, {"0.005", "0.75"}, {"0.0075", "0.375"}, {"0.0175", "0.875"}};
  CHECK(design.points == expected);
}

TEST_CASE("an integer key's range samples whole numbers, each equally often", "[experiment]") {
  const Design design = build_design(spec_of(DesignKind::LatinHypercube, {"strategy.pilot_size=8..11"}, 400));
  std::map<std::string, int> counts;
  for (const std::vector<std::string>& point : design.points) ++counts[point[0]];
  CHECK(counts == std::map<std::string, int>{{"8", 100}, {"9", 100}, {"10", 100}, {"11", 100}});
}

TEST_CASE("a points file is a header of keys and a row per point", "[experiment]") {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("adoptsim-points-" + std::to_string(::getpid()) + ".csv");
  const auto design_of = [&](const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
    DesignSpec spec;
    spec.kind = DesignKind::Points;
    spec.points_file = path;
    return spec;
  };
  const Design design = build_design(
      design_of("strategy.pilot_size,strategy.preset\n# a comment\n8,big_bang\n12,\"pilot_then_scale\"\n"));
  CHECK(design.keys == std::vector<std::string>{"strategy.pilot_size", "strategy.preset"});
  CHECK(design.points ==
        std::vector<std::vector<std::string>>{{"8", "big_bang"}, {"12", "pilot_then_scale"}});
  CHECK(error_of(design_of("strategy.pilot_size,strategy.preset\n8\n")) ==
        path.string() + ":2: 1 values, but the header names 2 keys");
  CHECK(error_of(design_of("strategy.pilot_size\n\n")) == path.string() + ": a header but no points");
  CHECK(error_of(design_of("strategy.pilot_sise\n8\n")).find("did you mean strategy.pilot_size?") !=
        std::string::npos);
  CHECK(error_of(design_of("strategy.pilot_size,strategy.pilot_size\n8,9\n")) ==
        path.string() + ":1: column strategy.pilot_size appears twice");
  CHECK(error_of(design_of("strategy.pilot_size\n,\n")).find("values, but the header names") !=
        std::string::npos);
  std::filesystem::remove(path);
  CHECK(error_of(design_of("")) == path.string() + ": no header: the first line names the keys");
  std::filesystem::remove(path);
  DesignSpec missing;
  missing.kind = DesignKind::Points;
  missing.points_file = path;
  CHECK(error_of(missing).find(path.string() + ": ") == 0);
}

TEST_CASE("number_text is the shortest text that reads back", "[experiment]") {
  CHECK(number_text(0.1) == "0.1");
  CHECK(number_text(300.0) == "300");
  CHECK(number_text(-0.0) == "0");
  CHECK(number_text(1.0 / 3.0) == "0.3333333333333333");
  CHECK(std::stod(number_text(0.1 + 0.2)) == 0.1 + 0.2);
}
