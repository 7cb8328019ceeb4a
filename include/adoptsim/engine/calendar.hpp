// Calendar arithmetic in days: which days are working days, and the next
// working instant, so a model can place work events on working days only.
// Day 0 is the first day of the simulation and falls on `first_weekday`.
#pragma once

#include <array>
#include <cstdint>

#include "adoptsim/engine/sim_time.hpp"

namespace adoptsim::engine {

enum class Weekday : std::uint8_t { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

class Calendar {
 public:
  // The default working week is Monday to Friday, starting on a Monday.
  Calendar() = default;
  // Throws std::invalid_argument if no day of the week is a working day.
  Calendar(Weekday first_weekday, std::array<bool, 7> working_days_monday_first);

  Weekday weekday(std::int64_t day) const;
  bool is_working_day(std::int64_t day) const;
  // The first working day >= day.
  std::int64_t next_working_day(std::int64_t day) const;
  // Working days in [first_day, end_day).
  std::int64_t working_days_between(std::int64_t first_day, std::int64_t end_day) const;
  // The day `count` working days after `day`: the count-th working day in
  // (day, ...). `day` itself is not counted, need not be a working day, and is
  // returned unchanged when count == 0. Precondition: count >= 0.
  std::int64_t add_working_days(std::int64_t day, std::int64_t count) const;
  // Advances `time` by `working_days` of working time, skipping non-working
  // days: the basis for Poisson streams that run on working days only. A
  // working day counts as a whole day of working time. A start on a
  // non-working day counts from the next working day's start. The result
  // always lies inside a working day: working time that runs out exactly at
  // the end of a working day gives the start of the next working day.
  // Exact in ticks (working_days is rounded to a tick once).
  // Precondition: 0 <= working_days < 2^31.
  SimTime advance_working_time(SimTime time, double working_days) const;
  int working_days_per_week() const { return working_per_week_; }

 private:
  Weekday first_weekday_ = Weekday::Monday;
  std::array<bool, 7> working_{true, true, true, true, true, false, false};
  int working_per_week_ = 5;
};

}  // namespace adoptsim::engine
