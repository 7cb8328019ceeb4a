#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "adoptsim/experiment/sensitivity_design.hpp"

using namespace adoptsim::experiment;

namespace {
std::vector<KeyVariation> ranges() {
  return {parse_variation("model.bass.innovation_p=0..0.02"), parse_variation("model.bass.imitation_q=0..1")};
}
}  // namespace

TEST_CASE("Saltelli's design: A, B, then AB_i with key i from B", "[experiment]") {
  const SaltelliDesign design = saltelli_design(ranges(), 4);
  REQUIRE(design.design.points.size() == 4 * (2 + 2));
  for (std::size_t row = 0; row < 4; ++row) {
    const auto& a = design.design.points[row];
    const auto& b = design.design.points[4 + row];
    const auto& ab0 = design.design.points[2 * 4 + row];
    const auto& ab1 = design.design.points[3 * 4 + row];
    CHECK(ab0 == std::vector<std::string>{b[0], a[1]});
    CHECK(ab1 == std::vector<std::string>{a[0], b[1]});
  }
  // Row 0 is the 4-dimensional Sobol sequence's first point, (1/2, 1/2, 1/2, 1/2).
  CHECK(design.design.points[0] == std::vector<std::string>{"0.01", "0.5"});
  const adoptsim::analysis::SaltelliOutputs split =
      saltelli_outputs(design, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
  CHECK(split.y_b == std::vector<double>{4, 5, 6, 7});
  CHECK(split.y_ab[1] == std::vector<double>{12, 13, 14, 15});
  CHECK_THROWS_AS(saltelli_design({parse_variation("strategy.pilot_size=8,12")}, 4), DesignError);
}

TEST_CASE("Morris's trajectories move one key at a time by ±Δ on the grid", "[experiment]") {
  const MorrisDesign design = morris_design(ranges(), 30, 4, 5);
  REQUIRE(design.trajectories.size() == 30);
  REQUIRE(design.design.points.size() == 30 * 3);
  const double delta = 4.0 / 6.0;
  for (std::size_t t = 0; t < 30; ++t) {
    const auto& trajectory = design.trajectories[t];
    REQUIRE(trajectory.step_input.size() == 2);
    CHECK(std::set<std::size_t>(trajectory.step_input.begin(), trajectory.step_input.end()).size() == 2);
    for (std::size_t step = 0; step < 2; ++step) {
      CHECK(std::fabs(std::fabs(trajectory.step_delta[step]) - delta) < 1e-12);
      const auto& before = design.design.points[t * 3 + step];
      const auto& after = design.design.points[t * 3 + step + 1];
      const std::size_t moved = trajectory.step_input[step];
      CHECK(before[1 - moved] == after[1 - moved]);
      const double scale = moved == 0 ? 0.02 : 1.0;
      CHECK((std::stod(after[moved]) - std::stod(before[moved])) / scale ==
            Approx(trajectory.step_delta[step]).margin(1e-9));
    }
  }
  CHECK(morris_design(ranges(), 30, 4, 5).design.points == design.design.points);
  CHECK_THROWS_AS(morris_design(ranges(), 3, 3, 1), DesignError);
  // Outputs attach to each trajectory's points in order.
  std::vector<double> outputs(90);
  for (std::size_t i = 0; i < outputs.size(); ++i) outputs[i] = static_cast<double>(i);
  const auto with = morris_with_outputs(design, outputs);
  CHECK(with[2].outputs == std::vector<double>{6, 7, 8});
}
