#include <catch2/catch.hpp>

#include "adoptsim/metrics/quantile.hpp"

using adoptsim::metrics::quantile_of_sorted;
using adoptsim::metrics::quantiles;

TEST_CASE("quantiles interpolate between order statistics (type 7)", "[metrics]") {
  const std::vector<double> sorted = {1.0, 2.0, 3.0, 4.0, 5.0};
  CHECK(quantile_of_sorted(sorted, 0.0) == 1.0);
  CHECK(quantile_of_sorted(sorted, 1.0) == 5.0);
  CHECK(quantile_of_sorted(sorted, 0.5) == 3.0);
  CHECK(quantile_of_sorted(sorted, 0.1) == Approx(1.4));  // numpy.quantile([1..5], 0.1)
  CHECK(quantile_of_sorted(sorted, 0.95) == Approx(4.8));
  const std::vector<double> single = {7.0};
  CHECK(quantile_of_sorted(single, 0.3) == 7.0);
}

TEST_CASE("quantiles sorts its input", "[metrics]") {
  const double levels[] = {0.05, 0.5, 0.95};
  const auto result = quantiles({10.0, 0.0, 5.0, 20.0, 15.0}, levels);
  REQUIRE(result.size() == 3);
  CHECK(result[0] == Approx(1.0));
  CHECK(result[1] == Approx(10.0));
  CHECK(result[2] == Approx(19.0));
}
