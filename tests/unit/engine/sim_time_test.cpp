// SimTime: integer ticks, conversion to and from days, day boundaries, order.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

#include "adoptsim/engine/sim_time.hpp"
#include "unit/engine/sim_time_printer.hpp"

using adoptsim::engine::SimTime;

namespace {
constexpr std::int64_t kDay = SimTime::kTicksPerDay;
}

TEST_CASE("a day is 2^32 ticks and the default time is tick 0", "[engine]") {
  STATIC_REQUIRE(kDay == 4294967296LL);
  CHECK(SimTime{}.ticks() == 0);
  CHECK(SimTime{}.day_index() == 0);
  CHECK(SimTime::from_days(0.0) == SimTime{});
}

TEST_CASE("from_days and days round-trip", "[engine]") {
  CHECK(SimTime::from_days(1.0).ticks() == kDay);
  CHECK(SimTime::from_days(1.5).ticks() == kDay + kDay / 2);
  CHECK(SimTime::from_days(0.25).ticks() == kDay / 4);
  CHECK(SimTime::from_days(1000.0).days() == 1000.0);
  for (const double days : {0.0, 0.5, 1.0, 2.75, 365.0, 1e6 + 0.125}) {
    INFO("days " << days);
    CHECK(SimTime::from_days(days).days() == days);  // dyadic: exact
  }
  // Any value: rounded to the nearest tick, so within half a tick.
  const double half_tick_days = 0.5 / static_cast<double>(kDay);
  for (const double days : {0.1, 1.0 / 3.0, 2.718281828, 123.456789, 3650.000001}) {
    INFO("days " << days);
    const SimTime t = SimTime::from_days(days);
    CHECK(std::abs(t.days() - days) <= half_tick_days * (1.0 + 1e-6) + days * 1e-15);
    CHECK(SimTime::from_days(t.days()) == t);  // ticks -> days -> ticks is exact
  }
  // Rounds to nearest, not down.
  CHECK(SimTime::from_days(0.9 / static_cast<double>(kDay)).ticks() == 1);
  CHECK(SimTime::from_days(0.4 / static_cast<double>(kDay)).ticks() == 0);
}

TEST_CASE("day_index at day boundaries", "[engine]") {
  CHECK(SimTime::from_ticks(0).day_index() == 0);
  CHECK(SimTime::from_ticks(kDay - 1).day_index() == 0);
  CHECK(SimTime::from_ticks(kDay).day_index() == 1);
  CHECK(SimTime::from_ticks(kDay + 1).day_index() == 1);
  CHECK(SimTime::from_days(3.0).day_index() == 3);
  CHECK(SimTime::from_days(2.999999).day_index() == 2);
  CHECK(SimTime::from_days(7.5).day_index() == 7);
  CHECK(SimTime::from_ticks(-1).day_index() == -1);  // floor, not truncation
  CHECK(SimTime::never().day_index() == (std::int64_t{1} << 31) - 1);
}

TEST_CASE("SimTime orders by ticks and never() is after every time", "[engine]") {
  const SimTime a = SimTime::from_ticks(5);
  const SimTime b = SimTime::from_ticks(6);
  CHECK(a < b);
  CHECK(b > a);
  CHECK(a <= a);
  CHECK(a != b);
  CHECK(a == SimTime::from_ticks(5));
  CHECK(SimTime::from_days(1.0) < SimTime::from_days(1.0 + 1e-9));
  CHECK(SimTime::never().ticks() == std::numeric_limits<std::int64_t>::max());
  CHECK(SimTime::never() > SimTime::from_days(2147483647.0));
  CHECK(SimTime::never() == SimTime::never());
  STATIC_REQUIRE(SimTime::from_ticks(1) < SimTime::never());
}

TEST_CASE("round_to_integer is llround", "[engine]") {
  using adoptsim::engine::round_to_integer;
  for (const double value :
       {0.0, 0.4999999999999999, 0.5, 1.5, 2.5, 1e6 + 0.5, 4503599627370495.5, 4503599627370496.0,
        4503599627370497.0, 9007199254740993.0, -0.5, -2.5, 123456.789}) {
    INFO(value);
    CHECK(round_to_integer(value) == std::llround(value));
  }
  std::uint64_t state = 88172645463325252ull;
  for (int i = 0; i < 100000; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    const double value = static_cast<double>(state >> 11) * 0x1.0p-53 * 30000.0 * 4294967296.0;
    REQUIRE(round_to_integer(value) == std::llround(value));
  }
}
