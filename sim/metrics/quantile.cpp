#include "adoptsim/metrics/quantile.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace adoptsim::metrics {

double quantile_of_sorted(std::span<const double> sorted_values, double q) {
  assert(!sorted_values.empty());
  const double position = q * static_cast<double>(sorted_values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  const std::size_t upper = std::min(lower + 1, sorted_values.size() - 1);
  const double fraction = position - static_cast<double>(lower);
  return sorted_values[lower] + fraction * (sorted_values[upper] - sorted_values[lower]);
}

std::vector<double> quantiles(std::vector<double> values, std::span<const double> levels) {
  std::sort(values.begin(), values.end());
  std::vector<double> result;
  result.reserve(levels.size());
  for (double level : levels) result.push_back(quantile_of_sorted(values, level));
  return result;
}

}  // namespace adoptsim::metrics
