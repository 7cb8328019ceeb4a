// Calendar: weekdays, working days, and working-time arithmetic, checked
// against brute-force day-by-day counting that shares no code with it.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "adoptsim/engine/calendar.hpp"
#include "unit/engine/sim_time_printer.hpp"

using adoptsim::engine::Calendar;
using adoptsim::engine::SimTime;
using adoptsim::engine::Weekday;

namespace {

constexpr std::int64_t kDay = SimTime::kTicksPerDay;
using Mask = std::array<bool, 7>;  // Monday first

// A week definition evaluated directly, independent of Calendar.
struct BruteWeek {
  Weekday first;
  Mask working;

  bool is_working(std::int64_t day) const {
    const std::int64_t index = ((static_cast<std::int64_t>(first) + day) % 7 + 7) % 7;
    return working[static_cast<std::size_t>(index)];
  }
  std::int64_t between(std::int64_t first_day, std::int64_t end_day) const {
    std::int64_t count = 0;
    for (std::int64_t d = first_day; d < end_day; ++d) count += is_working(d) ? 1 : 0;
    return count;
  }
  std::int64_t add(std::int64_t day, std::int64_t count) const {
    while (count > 0) {
      ++day;
      if (is_working(day)) --count;
    }
    return day;
  }
  // Steps through days one at a time, in ticks; working time runs out exactly
  // at a day's end -> the next working day's start.
  SimTime advance(SimTime time, double working_days) const {
    std::int64_t remaining = std::llround(working_days * static_cast<double>(kDay));
    std::int64_t day = time.day_index();
    std::int64_t at = time.ticks();
    while (!is_working(day)) {
      ++day;
      at = day * kDay;
    }
    while (true) {
      const std::int64_t left_today = (day + 1) * kDay - at;
      if (remaining < left_today) return SimTime::from_ticks(at + remaining);
      remaining -= left_today;
      do {
        ++day;
      } while (!is_working(day));
      at = day * kDay;
    }
  }
};

const Mask kMonFri{true, true, true, true, true, false, false};
const Mask kMonThu{true, true, true, true, false, false, false};
const Mask kSundayOnly{false, false, false, false, false, false, true};
const Mask kSplit{false, true, false, true, true, false, true};  // Tue, Thu, Fri, Sun
const Mask kEveryDay{true, true, true, true, true, true, true};

struct Case {
  const char* name;
  Weekday first;
  Mask working;
};

const std::vector<Case> kCases{
    {"Mon-Fri from Monday", Weekday::Monday, kMonFri},
    {"Mon-Fri from Wednesday", Weekday::Wednesday, kMonFri},
    {"Mon-Fri from Sunday", Weekday::Sunday, kMonFri},
    {"Mon-Thu from Saturday", Weekday::Saturday, kMonThu},
    {"Sunday only from Monday", Weekday::Monday, kSundayOnly},
    {"split week from Friday", Weekday::Friday, kSplit},
    {"every day from Thursday", Weekday::Thursday, kEveryDay},
};

}  // namespace

TEST_CASE("weekday of day 0 and wrap-around", "[engine]") {
  const Calendar cal;
  CHECK(cal.weekday(0) == Weekday::Monday);
  CHECK(cal.weekday(4) == Weekday::Friday);
  CHECK(cal.weekday(5) == Weekday::Saturday);
  CHECK(cal.weekday(6) == Weekday::Sunday);
  CHECK(cal.weekday(7) == Weekday::Monday);
  CHECK(cal.weekday(700) == Weekday::Monday);
  CHECK(cal.weekday(-1) == Weekday::Sunday);
  CHECK(cal.weekday(-7) == Weekday::Monday);

  const Calendar wed(Weekday::Wednesday, kMonFri);
  CHECK(wed.weekday(0) == Weekday::Wednesday);
  CHECK(wed.weekday(4) == Weekday::Sunday);
  CHECK(wed.weekday(5) == Weekday::Monday);
  CHECK(wed.weekday(-3) == Weekday::Sunday);
}

TEST_CASE("default calendar works Monday to Friday", "[engine]") {
  const Calendar cal;
  CHECK(cal.working_days_per_week() == 5);
  const std::vector<bool> expected{true, true, true, true, true, false, false, true};
  for (std::int64_t d = 0; d < 8; ++d) {
    INFO("day " << d);
    CHECK(cal.is_working_day(d) == expected[static_cast<std::size_t>(d)]);
  }
  CHECK(cal.next_working_day(0) == 0);
  CHECK(cal.next_working_day(4) == 4);
  CHECK(cal.next_working_day(5) == 7);
  CHECK(cal.next_working_day(6) == 7);
  CHECK(cal.next_working_day(-1) == 0);
}

TEST_CASE("custom weeks", "[engine]") {
  SECTION("Mon-Fri starting on a Wednesday") {
    const Calendar cal(Weekday::Wednesday, kMonFri);
    // Wed Thu Fri Sat Sun Mon Tue
    CHECK(cal.is_working_day(0));
    CHECK(cal.is_working_day(2));
    CHECK_FALSE(cal.is_working_day(3));
    CHECK_FALSE(cal.is_working_day(4));
    CHECK(cal.is_working_day(5));
    CHECK(cal.next_working_day(3) == 5);
    CHECK(cal.working_days_between(0, 7) == 5);
    CHECK(cal.working_days_between(2, 5) == 1);
    CHECK(cal.add_working_days(2, 1) == 5);  // Friday + 1 = Monday
  }
  SECTION("a four-day week") {
    const Calendar cal(Weekday::Monday, kMonThu);
    CHECK(cal.working_days_per_week() == 4);
    CHECK_FALSE(cal.is_working_day(4));
    CHECK(cal.next_working_day(4) == 7);
    CHECK(cal.working_days_between(0, 14) == 8);
    CHECK(cal.add_working_days(3, 1) == 7);
    CHECK(cal.add_working_days(0, 4) == 7);
  }
  SECTION("a calendar with no working day throws") {
    CHECK_THROWS_AS(Calendar(Weekday::Monday, Mask{}), std::invalid_argument);
  }
}

TEST_CASE("calendar agrees with brute force on many ranges", "[engine]") {
  for (const Case& c : kCases) {
    INFO(c.name);
    const Calendar cal(c.first, c.working);
    const BruteWeek brute{c.first, c.working};
    int per_week = 0;
    for (bool w : c.working) per_week += w ? 1 : 0;
    CHECK(cal.working_days_per_week() == per_week);

    for (std::int64_t day = -30; day < 60; ++day) {
      INFO("day " << day);
      REQUIRE(cal.is_working_day(day) == brute.is_working(day));
      std::int64_t next = day;
      while (!brute.is_working(next)) ++next;
      REQUIRE(cal.next_working_day(day) == next);
    }
    // Every range [first, end) with first in [-20, 30) and length up to 120.
    for (std::int64_t first = -20; first < 30; ++first) {
      for (std::int64_t end = first - 3; end < first + 120; ++end) {
        INFO("between " << first << " and " << end);
        REQUIRE(cal.working_days_between(first, end) == brute.between(first, end));
      }
    }
    // Every start in [-10, 25) and count up to 60: includes non-working
    // starts and counts that are whole multiples of the week.
    for (std::int64_t day = -10; day < 25; ++day) {
      for (std::int64_t count = 0; count <= 60; ++count) {
        INFO("add " << count << " to " << day);
        const std::int64_t got = cal.add_working_days(day, count);
        REQUIRE(got == brute.add(day, count));
        if (count > 0) {
          REQUIRE(cal.is_working_day(got));
          REQUIRE(cal.working_days_between(day + 1, got + 1) == count);
        }
      }
    }
  }
}

TEST_CASE("add_working_days from a weekend by a whole week", "[engine]") {
  const Calendar cal;
  // Saturday (day 5) + 5 working days = Mon..Fri -> Friday, day 11.
  CHECK(cal.add_working_days(5, 5) == 11);
  CHECK(cal.add_working_days(6, 10) == 18);
  CHECK(cal.add_working_days(5, 0) == 5);
  CHECK(cal.add_working_days(4, 5) == 11);  // Friday + 5 = next Friday
  CHECK(cal.add_working_days(4, 1) == 7);   // Friday + 1 = Monday
}

TEST_CASE("advance_working_time: worked examples", "[engine]") {
  const Calendar cal;
  SECTION("Friday afternoon plus half a working day is Monday morning") {
    const SimTime friday_3pm = SimTime::from_days(4.0 + 15.0 / 24.0);
    const SimTime got = cal.advance_working_time(friday_3pm, 0.5);
    CHECK(got.day_index() == 7);
    CHECK(cal.weekday(got.day_index()) == Weekday::Monday);
    CHECK(got == SimTime::from_days(7.0 + 3.0 / 24.0));
  }
  SECTION("a weekend start counts from Monday's start") {
    CHECK(cal.advance_working_time(SimTime::from_days(5.3), 0.25) == SimTime::from_days(7.25));
    CHECK(cal.advance_working_time(SimTime::from_days(6.9), 0.0) == SimTime::from_days(7.0));
    CHECK(cal.advance_working_time(SimTime::from_days(5.0), 5.5) == SimTime::from_days(14.5));
  }
  SECTION("zero advance on a working day stays put") {
    CHECK(cal.advance_working_time(SimTime::from_days(2.125), 0.0) == SimTime::from_days(2.125));
  }
  SECTION("exact ends of working time land on the next working day's start") {
    CHECK(cal.advance_working_time(SimTime::from_days(0.0), 1.0) == SimTime::from_days(1.0));
    CHECK(cal.advance_working_time(SimTime::from_days(4.0), 1.0) == SimTime::from_days(7.0));
    CHECK(cal.advance_working_time(SimTime::from_days(0.0), 5.0) == SimTime::from_days(7.0));
    CHECK(cal.advance_working_time(SimTime::from_days(4.5), 4.5) == SimTime::from_days(11.0));
  }
  SECTION("whole weeks") {
    CHECK(cal.advance_working_time(SimTime::from_days(2.5), 50.0) == SimTime::from_days(72.5));
    CHECK(cal.advance_working_time(SimTime::from_days(3.0), 5000.25) == SimTime::from_days(7003.25));
  }
  SECTION("a hair short of a week never lands on the weekend") {
    // Less than a tick short: rounds to the whole week, Monday.
    const SimTime got = cal.advance_working_time(SimTime::from_days(0.0), 5.0 - 1e-11);
    CHECK(cal.is_working_day(got.day_index()));
    CHECK(got == SimTime::from_days(7.0));
    // A few ticks short: the last instants of Friday.
    const SimTime short_by_3 =
        cal.advance_working_time(SimTime::from_days(0.0), 5.0 - 3.0 / static_cast<double>(kDay));
    CHECK(short_by_3.ticks() == 5 * kDay - 3);
  }
}

TEST_CASE("advance_working_time agrees with a brute-force stepper", "[engine]") {
  // Fixed seed; a failure prints the case, start and advance.
  std::uint64_t state = 0x243F6A8885A308D3ull;
  const auto next = [&state]() {  // splitmix64
    state += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  const auto unit = [&next]() { return static_cast<double>(next() >> 11) * 0x1.0p-53; };

  for (const Case& c : kCases) {
    INFO(c.name);
    const Calendar cal(c.first, c.working);
    const BruteWeek brute{c.first, c.working};
    for (int i = 0; i < 3000; ++i) {
      SimTime start;
      const std::uint64_t shape = next() % 4;
      if (shape == 0) {
        start = SimTime::from_days(static_cast<double>(next() % 30));  // day starts
      } else {
        start =
            SimTime::from_ticks(static_cast<std::int64_t>(next() % (30 * static_cast<std::uint64_t>(kDay))));
      }
      double advance;
      switch (next() % 4) {
        case 0:
          advance = static_cast<double>(next() % 40);
          break;  // whole days
        case 1:
          advance = unit() * 2.0;
          break;  // short
        case 2:
          advance = unit() * 400.0;
          break;  // many weeks
        default:
          advance = static_cast<double>(next() % 40) - 1e-11;
          break;  // just short of whole
      }
      if (advance < 0.0) advance = 0.0;
      INFO("start ticks " << start.ticks() << ", advance " << advance);
      const SimTime got = cal.advance_working_time(start, advance);
      REQUIRE(got == brute.advance(start, advance));
      REQUIRE(cal.is_working_day(got.day_index()));
      REQUIRE(got >= start);
    }
  }
}
