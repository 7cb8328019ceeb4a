// Global sensitivity estimators, as pure functions of a design's outputs:
// Sobol indices (first-order by Saltelli et al. 2010, total by Jansen 1999)
// on the A, B and AB_i matrices of Saltelli's design, with bootstrap
// intervals and a convergence table; and Morris's elementary effects (μ, μ*,
// σ over r trajectories). The experiment module builds the designs and
// evaluates the model; these functions only reduce numbers, in a fixed
// order, so their results are bit-identical for the same inputs.
//
// Saltelli's design for k inputs and N base rows: two independent N × k
// samples A and B of the unit cube, and for each input i the matrix AB_i,
// A with column i taken from B. With y_A = f(A), y_B = f(B), y_ABi = f(AB_i)
// and V the variance of y_A and y_B together:
//   S_i  = mean_j(y_B[j] · (y_ABi[j] − y_A[j])) / V       (Saltelli 2010, eq. (b))
//   ST_i = mean_j((y_A[j] − y_ABi[j])²) / (2 V)            (Jansen 1999)
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace adoptsim::analysis {

struct Interval {
  double low = 0.0;
  double high = 0.0;
};

// Outputs of Saltelli's design: y_a and y_b (N each) and y_ab[i] (N each, one per input).
struct SaltelliOutputs {
  std::vector<double> y_a;
  std::vector<double> y_b;
  std::vector<std::vector<double>> y_ab;
};

struct SobolIndices {
  std::vector<double> first_order;  // S_i
  std::vector<double> total;        // ST_i
  std::vector<Interval> first_order_interval;
  std::vector<Interval> total_interval;
  double variance = 0.0;  // V
  std::size_t base_rows = 0;
};

struct BootstrapSettings {
  std::uint32_t resamples = 1000;  // 0: no intervals (they equal the estimate)
  double confidence = 0.9;         // the percentile interval's coverage
  std::uint64_t seed = 1;
};

// The point estimates of the first `rows` base rows (all when rows is 0 or
// more than there are). Precondition: y_a, y_b and each y_ab have one
// length, at least 2. A zero variance gives NaN indices.
SobolIndices sobol_estimates(const SaltelliOutputs& outputs, std::size_t rows = 0);

// The estimates with percentile bootstrap intervals: base rows resampled
// with replacement (the same rows for every input, so the indices' joint
// uncertainty is kept), from the stream {seed, 0, 0, kBootstrapPurpose}.
SobolIndices sobol_indices(const SaltelliOutputs& outputs, const BootstrapSettings& bootstrap = {});
inline constexpr std::uint32_t kBootstrapPurpose = 41;

// Morris's elementary effects over trajectories. A trajectory visits k + 1
// points, moving one input at each step; step_input[s] is the input moved at
// step s and step_delta[s] its signed change in unit-cube scale (±Δ), and
// outputs[s] the model's output before step s (outputs has k + 1 values).
struct MorrisTrajectory {
  std::vector<std::size_t> step_input;
  std::vector<double> step_delta;
  std::vector<double> outputs;
};

struct MorrisIndices {
  std::vector<double> mu;       // mean elementary effect
  std::vector<double> mu_star;  // mean absolute elementary effect (Campolongo et al. 2007)
  std::vector<double> sigma;    // sample standard deviation of the effects (NaN for one trajectory)
  std::size_t trajectories = 0;
};

MorrisIndices morris_indices(std::span<const MorrisTrajectory> trajectories, std::size_t inputs);

}  // namespace adoptsim::analysis
