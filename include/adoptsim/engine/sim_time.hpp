// Simulation time as an integer count of ticks, so that event order never
// depends on floating-point rounding. One day is 2^32 ticks (~20 µs a tick).
#pragma once

#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>

namespace adoptsim::engine {

// std::llround, without the libm call on the hot path for the non-negative
// values simulation times are: below 2^52, x + 0.5 is exact, so truncating it
// rounds half away from zero as llround does.
inline std::int64_t round_to_integer(double value) {
  if (value >= 0.0 && value < 4503599627370496.0) return static_cast<std::int64_t>(value + 0.5);
  return static_cast<std::int64_t>(std::llround(value));
}

class SimTime {
 public:
  static constexpr std::int64_t kTicksPerDay = std::int64_t{1} << 32;

  constexpr SimTime() = default;

  static constexpr SimTime from_ticks(std::int64_t ticks) { return SimTime{ticks}; }
  // Rounds to the nearest tick. Precondition: 0 <= days < 2^31.
  static SimTime from_days(double days) {
    return SimTime{round_to_integer(days * static_cast<double>(kTicksPerDay))};
  }
  static constexpr SimTime never() { return SimTime{std::numeric_limits<std::int64_t>::max()}; }

  constexpr std::int64_t ticks() const { return ticks_; }
  double days() const { return static_cast<double>(ticks_) / static_cast<double>(kTicksPerDay); }
  // The whole day this instant falls in (day 0 is [0, 1)).
  constexpr std::int64_t day_index() const { return ticks_ >> 32; }

  constexpr auto operator<=>(const SimTime&) const = default;

 private:
  constexpr explicit SimTime(std::int64_t ticks) : ticks_(ticks) {}
  std::int64_t ticks_ = 0;
};

}  // namespace adoptsim::engine
