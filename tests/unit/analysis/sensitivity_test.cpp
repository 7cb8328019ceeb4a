#include <catch2/catch.hpp>

#include <boost/random/sobol.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "adoptsim/analysis/sensitivity.hpp"

using namespace adoptsim::analysis;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kA = 7.0;
constexpr double kB = 0.1;

double ishigami(const std::array<double, 3>& x) {
  return std::sin(x[0]) + kA * std::sin(x[1]) * std::sin(x[1]) + kB * std::pow(x[2], 4) * std::sin(x[0]);
}

// The Ishigami function's indices in closed form (Sobol' & Levitan 1999).
struct Truth {
  std::array<double, 3> first{};
  std::array<double, 3> total{};
};
Truth ishigami_truth() {
  const double v1 = 0.5 * std::pow(1.0 + kB * std::pow(kPi, 4) / 5.0, 2);
  const double v2 = kA * kA / 8.0;
  const double v13 = kB * kB * std::pow(kPi, 8) * (1.0 / 18.0 - 1.0 / 50.0);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

// Saltelli's design on [−π, π]³ from unit-cube rows: A from the first three
// coordinates of each row, B from the last three.
SaltelliOutputs evaluate(const std::vector<std::array<double, 6>>& rows) {
  SaltelliOutputs outputs;
  outputs.y_ab.assign(3, {});
  for (const std::array<double, 6>& u : rows) {
    std::array<double, 3> a{}, b{};
    for (int i = 0; i < 3; ++i) {
      a[i] = -kPi + 2.0 * kPi * u[i];
      b[i] = -kPi + 2.0 * kPi * u[i + 3];
    }
    outputs.y_a.push_back(ishigami(a));
    outputs.y_b.push_back(ishigami(b));
    for (int i = 0; i < 3; ++i) {
      std::array<double, 3> ab = a;
      ab[i] = b[i];
      outputs.y_ab[i].push_back(ishigami(ab));
    }
  }
  return outputs;
}

std::vector<std::array<double, 6>> sobol_rows(std::size_t n) {
  boost::random::sobol sequence(6);
  std::vector<std::array<double, 6>> rows(n);
  for (std::array<double, 6>& row : rows) {
    for (double& u : row) u = std::ldexp(static_cast<double>(sequence()), -64);
  }
  return rows;
}

std::vector<std::array<double, 6>> random_rows(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::vector<std::array<double, 6>> rows(n);
  for (std::array<double, 6>& row : rows) {
    for (double& u : row) u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
  }
  return rows;
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function at N = 2^13 are within 0.02 and their intervals",
          "[analysis][sensitivity]") {
  const Truth truth = ishigami_truth();
  // The published values (Saltelli et al. 2008, Homma & Saltelli 1996).
  CHECK(truth.first[0] == Approx(0.3139).margin(5e-5));
  CHECK(truth.first[1] == Approx(0.4424).margin(5e-5));
  CHECK(truth.total[0] == Approx(0.5576).margin(5e-5));
  CHECK(truth.total[2] == Approx(0.2437).margin(5e-5));

  const SaltelliOutputs outputs = evaluate(sobol_rows(1u << 13));
  const SobolIndices indices = sobol_indices(outputs, {.resamples = 500, .confidence = 0.95, .seed = 3});
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("input " << i + 1 << ": S " << indices.first_order[i] << " [" << indices.first_order_interval[i].low
                  << ", " << indices.first_order_interval[i].high << "], ST " << indices.total[i] << " ["
                  << indices.total_interval[i].low << ", " << indices.total_interval[i].high << "]");
    CHECK(std::fabs(indices.first_order[i] - truth.first[i]) < 0.02);
    CHECK(std::fabs(indices.total[i] - truth.total[i]) < 0.02);
    CHECK(indices.first_order_interval[i].low <= indices.first_order[i]);
    CHECK(indices.first_order[i] <= indices.first_order_interval[i].high);
    CHECK(indices.total_interval[i].low <= truth.total[i]);
    CHECK(truth.total[i] <= indices.total_interval[i].high);
    CHECK(indices.first_order_interval[i].low <= truth.first[i]);
    CHECK(truth.first[i] <= indices.first_order_interval[i].high);
  }
  // The same outputs and seed give the same bits.
  const SobolIndices again = sobol_indices(outputs, {.resamples = 500, .confidence = 0.95, .seed = 3});
  CHECK(again.first_order_interval[2].low == indices.first_order_interval[2].low);
  // A convergence table: the first N/8 rows already say which input matters.
  const SobolIndices eighth = sobol_estimates(outputs, 1u << 10);
  CHECK(eighth.base_rows == 1024);
  CHECK(std::fabs(eighth.total[0] - truth.total[0]) < 0.05);
}

TEST_CASE("bootstrap intervals cover the Ishigami indices at about their nominal rate",
          "[analysis][sensitivity]") {
  const Truth truth = ishigami_truth();
  int covered = 0;
  int trials = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const SobolIndices indices =
        sobol_indices(evaluate(random_rows(2048, seed)), {.resamples = 300, .confidence = 0.9, .seed = seed});
    for (std::size_t i = 0; i < 3; ++i) {
      covered += indices.first_order_interval[i].low <= truth.first[i] &&
                 truth.first[i] <= indices.first_order_interval[i].high;
      covered +=
          indices.total_interval[i].low <= truth.total[i] && truth.total[i] <= indices.total_interval[i].high;
      trials += 2;
    }
  }
  const double rate = static_cast<double>(covered) / trials;
  INFO("90% intervals covered the truth in " << covered << " of " << trials << " (seeds 1-60, N = 2048)");
  // Binomial(360, 0.9): sd 1.6 points; the band is about four of them.
  CHECK(rate > 0.84);
  CHECK(rate < 0.96);
}

TEST_CASE("Morris's effects: a linear function's are its slopes, an interaction spreads them",
          "[analysis][sensitivity]") {
  // f(x) = 3 x0 − 2 x1 + 0 x2 (linear) and g(x) = x0 · x1 (an interaction).
  const auto trajectory = [](std::vector<double> x, const std::vector<std::size_t>& order,
                             const std::vector<double>& deltas, auto f) {
    MorrisTrajectory t;
    t.outputs.push_back(f(x));
    for (std::size_t step = 0; step < order.size(); ++step) {
      x[order[step]] += deltas[step];
      t.step_input.push_back(order[step]);
      t.step_delta.push_back(deltas[step]);
      t.outputs.push_back(f(x));
    }
    return t;
  };
  const auto linear = [](const std::vector<double>& x) { return 3.0 * x[0] - 2.0 * x[1]; };
  const std::vector<MorrisTrajectory> lines = {
      trajectory({0.0, 1.0 / 3, 0.0}, {0, 1, 2}, {2.0 / 3, 2.0 / 3, 2.0 / 3}, linear),
      trajectory({2.0 / 3, 1.0, 1.0 / 3}, {2, 0, 1}, {-1.0 / 3, -2.0 / 3, -1.0 / 3}, linear)};
  const MorrisIndices flat = morris_indices(lines, 3);
  CHECK(flat.trajectories == 2);
  CHECK(flat.mu[0] == Approx(3.0));
  CHECK(flat.mu[1] == Approx(-2.0));
  CHECK(flat.mu_star[1] == Approx(2.0));
  CHECK(flat.mu_star[2] == Approx(0.0).margin(1e-12));
  CHECK(flat.sigma[0] == Approx(0.0).margin(1e-12));

  const auto product = [](const std::vector<double>& x) { return x[0] * x[1]; };
  const std::vector<MorrisTrajectory> bends = {
      trajectory({0.0, 0.0, 0.0}, {0, 1, 2}, {0.5, 0.5, 0.5}, product),
      trajectory({0.0, 1.0, 0.0}, {0, 1, 2}, {0.5, -0.5, 0.5}, product)};
  const MorrisIndices spread = morris_indices(bends, 3);
  // x0's effect is x1: 0 in the first trajectory, 1 in the second.
  CHECK(spread.mu[0] == Approx(0.5));
  CHECK(spread.sigma[0] == Approx(std::sqrt(0.5)));
  CHECK(std::isnan(morris_indices(std::span(bends).first(1), 3).sigma[0]));
  CHECK_THROWS_AS(morris_indices(std::vector<MorrisTrajectory>{MorrisTrajectory{{0}, {0.5}, {1.0}}}, 3),
                  std::invalid_argument);
}

TEST_CASE("Sobol indices of a constant output are not defined, not zero", "[analysis][sensitivity]") {
  SaltelliOutputs constant{{1.0, 1.0, 1.0}, {1.0, 1.0, 1.0}, {{1.0, 1.0, 1.0}}};
  const SobolIndices indices = sobol_indices(constant, {.resamples = 10});
  CHECK(std::isnan(indices.first_order[0]));
  CHECK(std::isnan(indices.total[0]));
  CHECK_THROWS_AS(sobol_estimates(SaltelliOutputs{{1.0}, {1.0}, {{1.0}}}), std::invalid_argument);
}
