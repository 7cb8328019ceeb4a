#include "adoptsim/analysis/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "adoptsim/engine/random.hpp"

namespace adoptsim::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The indices of the rows `rows` lists (repeats allowed), sums in list order.
SobolIndices estimate_rows(const SaltelliOutputs& outputs, std::span<const std::size_t> rows) {
  const std::size_t inputs = outputs.y_ab.size();
  const auto n = static_cast<double>(rows.size());
  SobolIndices result;
  result.base_rows = rows.size();
  double sum = 0.0;
  for (const std::size_t row : rows) sum += outputs.y_a[row] + outputs.y_b[row];
  const double mean = sum / (2.0 * n);
  double squares = 0.0;
  for (const std::size_t row : rows) {
    squares += (outputs.y_a[row] - mean) * (outputs.y_a[row] - mean);
    squares += (outputs.y_b[row] - mean) * (outputs.y_b[row] - mean);
  }
  result.variance = squares / (2.0 * n - 1.0);
  result.first_order.assign(inputs, kNaN);
  result.total.assign(inputs, kNaN);
  if (!(result.variance > 0.0)) return result;
  for (std::size_t input = 0; input < inputs; ++input) {
    const std::vector<double>& y_ab = outputs.y_ab[input];
    double first = 0.0;
    double total = 0.0;
    for (const std::size_t row : rows) {
      first += outputs.y_b[row] * (y_ab[row] - outputs.y_a[row]);
      total += (outputs.y_a[row] - y_ab[row]) * (outputs.y_a[row] - y_ab[row]);
    }
    result.first_order[input] = first / n / result.variance;
    result.total[input] = total / n / (2.0 * result.variance);
  }
  return result;
}

void check(const SaltelliOutputs& outputs) {
  const std::size_t n = outputs.y_a.size();
  bool ok = n >= 2 && outputs.y_b.size() == n;
  for (const std::vector<double>& y_ab : outputs.y_ab) ok = ok && y_ab.size() == n;
  if (!ok) throw std::invalid_argument("sobol indices: y_a, y_b and every y_ab need one length, at least 2");
}

// The q-quantile of sorted values (type 7).
double quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

SobolIndices sobol_estimates(const SaltelliOutputs& outputs, std::size_t rows) {
  check(outputs);
  const std::size_t n = rows == 0 ? outputs.y_a.size() : std::min(rows, outputs.y_a.size());
  std::vector<std::size_t> all(n);
  for (std::size_t row = 0; row < n; ++row) all[row] = row;
  return estimate_rows(outputs, all);
}

SobolIndices sobol_indices(const SaltelliOutputs& outputs, const BootstrapSettings& bootstrap) {
  SobolIndices result = sobol_estimates(outputs);
  const std::size_t inputs = outputs.y_ab.size();
  result.first_order_interval.resize(inputs);
  result.total_interval.resize(inputs);
  for (std::size_t input = 0; input < inputs; ++input) {
    result.first_order_interval[input] = {result.first_order[input], result.first_order[input]};
    result.total_interval[input] = {result.total[input], result.total[input]};
  }
  if (bootstrap.resamples == 0) return result;
  const std::size_t n = outputs.y_a.size();
  engine::RandomStream stream(engine::StreamKey{bootstrap.seed, 0, 0, kBootstrapPurpose});
  std::vector<std::vector<double>> first(inputs), total(inputs);
  std::vector<std::size_t> rows(n);
  for (std::uint32_t resample = 0; resample < bootstrap.resamples; ++resample) {
    for (std::size_t& row : rows) row = stream.below(static_cast<std::uint32_t>(n));
    const SobolIndices estimate = estimate_rows(outputs, rows);
    for (std::size_t input = 0; input < inputs; ++input) {
      if (!std::isnan(estimate.first_order[input])) first[input].push_back(estimate.first_order[input]);
      if (!std::isnan(estimate.total[input])) total[input].push_back(estimate.total[input]);
    }
  }
  const double tail = (1.0 - bootstrap.confidence) / 2.0;
  for (std::size_t input = 0; input < inputs; ++input) {
    for (auto* values : {&first[input], &total[input]}) std::sort(values->begin(), values->end());
    if (!first[input].empty())
      result.first_order_interval[input] = {quantile(first[input], tail), quantile(first[input], 1.0 - tail)};
    if (!total[input].empty())
      result.total_interval[input] = {quantile(total[input], tail), quantile(total[input], 1.0 - tail)};
  }
  return result;
}

MorrisIndices morris_indices(std::span<const MorrisTrajectory> trajectories, std::size_t inputs) {
  MorrisIndices result;
  result.trajectories = trajectories.size();
  std::vector<std::vector<double>> effects(inputs);
  for (const MorrisTrajectory& trajectory : trajectories) {
    if (trajectory.step_input.size() != trajectory.step_delta.size() ||
        trajectory.outputs.size() != trajectory.step_input.size() + 1)
      throw std::invalid_argument("morris: a trajectory needs one output more than it has steps");
    for (std::size_t step = 0; step < trajectory.step_input.size(); ++step) {
      const std::size_t input = trajectory.step_input[step];
      if (input >= inputs) throw std::invalid_argument("morris: a step moves an input that does not exist");
      effects[input].push_back((trajectory.outputs[step + 1] - trajectory.outputs[step]) /
                               trajectory.step_delta[step]);
    }
  }
  result.mu.assign(inputs, kNaN);
  result.mu_star.assign(inputs, kNaN);
  result.sigma.assign(inputs, kNaN);
  for (std::size_t input = 0; input < inputs; ++input) {
    const std::vector<double>& values = effects[input];
    if (values.empty()) continue;
    double sum = 0.0;
    double absolute = 0.0;
    for (const double value : values) {
      sum += value;
      absolute += std::fabs(value);
    }
    const auto n = static_cast<double>(values.size());
    result.mu[input] = sum / n;
    result.mu_star[input] = absolute / n;
    if (values.size() < 2) continue;
    double squares = 0.0;
    for (const double value : values) squares += (value - result.mu[input]) * (value - result.mu[input]);
    result.sigma[input] = std::sqrt(squares / (n - 1.0));
  }
  return result;
}

}  // namespace adoptsim::analysis
