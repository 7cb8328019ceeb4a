#include "adoptsim/engine/random.hpp"

#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>

namespace adoptsim::engine {

double RandomStream::to_unit_interval(std::uint32_t high_word, std::uint32_t low_word) {
  // 52 random bits, offset by half a step: the extremes 2^-53 and 1 - 2^-53
  // are exact doubles. (With 53 bits, (2^53 - 1 + 0.5) * 2^-53 rounds to 1.)
  const std::uint64_t bits = (std::uint64_t{high_word >> 6} << 26) | (low_word >> 6);
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-52;
}

double RandomStream::uniform() {
  const std::uint32_t high = (*this)();
  const std::uint32_t low = (*this)();
  return to_unit_interval(high, low);
}

double RandomStream::uniform(double low, double high) { return low + (high - low) * uniform(); }

bool RandomStream::bernoulli(double probability) {
  if (probability <= 0.0) return false;
  if (probability >= 1.0) return true;
  return uniform() < probability;
}

double RandomStream::exponential(double rate) {
  if (!(rate > 0.0)) return std::numeric_limits<double>::infinity();
  return -std::log(uniform()) / rate;
}

double RandomStream::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  const double radius = std::sqrt(-2.0 * std::log(uniform()));
  const double angle = 2.0 * std::numbers::pi * uniform();
  spare_normal_ = radius * std::sin(angle);
  has_spare_normal_ = true;
  return radius * std::cos(angle);
}

double RandomStream::gamma(double shape) {
  if (shape < 1.0) {
    // Boost a shape below 1 and scale back down (Marsaglia–Tsang, section 6).
    return gamma(shape + 1.0) * std::pow(uniform(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x;
    double v;
    do {
      x = normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double RandomStream::beta(double a, double b) {
  const double x = gamma(a);
  const double y = gamma(b);
  return x / (x + y);
}

std::uint32_t RandomStream::poisson(double mean) {
  if (!(mean > 0.0)) return 0;
  assert(std::isfinite(mean));
  if (mean < 30.0) {
    // Knuth's multiplication method: exact, and cheap for small means.
    const double limit = std::exp(-mean);
    std::uint32_t count = 0;
    double product = uniform();
    while (product > limit) {
      ++count;
      product *= uniform();
    }
    return count;
  }
  // Large means: split into halves recursively keeps every step exact.
  const double half = mean / 2.0;
  return poisson(half) + poisson(mean - half);
}

}  // namespace adoptsim::engine
