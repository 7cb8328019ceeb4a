// Sample quantiles, the building block of every forecast band.
#pragma once

#include <span>
#include <vector>

namespace adoptsim::metrics {

// The q-quantile (q in [0, 1]) of values already sorted ascending, by linear
// interpolation between order statistics (Hyndman & Fan type 7, the default
// of R and numpy). Precondition: !sorted_values.empty().
double quantile_of_sorted(std::span<const double> sorted_values, double q);

// Sorts a copy and returns the quantiles at each of `levels`.
std::vector<double> quantiles(std::vector<double> values, std::span<const double> levels);

}  // namespace adoptsim::metrics
