#include "adoptsim/engine/calendar.hpp"

#include <cassert>
#include <cmath>
#include <stdexcept>

namespace adoptsim::engine {

Calendar::Calendar(Weekday first_weekday, std::array<bool, 7> working_days_monday_first)
    : first_weekday_(first_weekday), working_(working_days_monday_first), working_per_week_(0) {
  for (bool working : working_) working_per_week_ += working ? 1 : 0;
  if (working_per_week_ == 0) {
    throw std::invalid_argument("calendar: a working week needs at least one working day");
  }
}

Weekday Calendar::weekday(std::int64_t day) const {
  std::int64_t index = (static_cast<std::int64_t>(first_weekday_) + day) % 7;
  if (index < 0) index += 7;
  return static_cast<Weekday>(index);
}

bool Calendar::is_working_day(std::int64_t day) const {
  return working_[static_cast<std::size_t>(weekday(day))];
}

std::int64_t Calendar::next_working_day(std::int64_t day) const {
  while (!is_working_day(day)) ++day;
  return day;
}

std::int64_t Calendar::working_days_between(std::int64_t first_day, std::int64_t end_day) const {
  if (end_day <= first_day) return 0;
  const std::int64_t span = end_day - first_day;
  std::int64_t count = (span / 7) * working_per_week_;
  for (std::int64_t day = first_day + (span / 7) * 7; day < end_day; ++day) {
    count += is_working_day(day) ? 1 : 0;
  }
  return count;
}

std::int64_t Calendar::add_working_days(std::int64_t day, std::int64_t count) const {
  assert(count >= 0);
  if (count <= 0) return day;
  // Any 7 consecutive days hold exactly working_per_week_ working days, so the
  // days (day, day + 7k] hold k weeks' worth. Keep at least one working day
  // for the stepping loop: if `day` is not a working day, day + 7k is not one
  // either, and the answer is the last working day before it.
  const std::int64_t whole_weeks = (count - 1) / working_per_week_;
  std::int64_t remaining = count - whole_weeks * working_per_week_;
  day += whole_weeks * 7;
  while (remaining > 0) {
    ++day;
    if (is_working_day(day)) --remaining;
  }
  return day;
}

SimTime Calendar::advance_working_time(SimTime time, double working_days) const {
  assert(working_days >= 0.0);
  constexpr std::int64_t kTicksPerDay = SimTime::kTicksPerDay;
  // Integer ticks throughout: floating-point remainders could land a hair
  // before a week boundary (on a non-working day) or round up to the start of
  // the following day.
  std::int64_t day = time.day_index();
  std::int64_t remaining_ticks = round_to_integer(working_days * static_cast<double>(kTicksPerDay));
  if (is_working_day(day)) {
    remaining_ticks += time.ticks() - day * kTicksPerDay;  // measure from the start of `day`
  } else {
    day = next_working_day(day);
  }
  // `day` is a working day, so day + 7k is one too, k weeks of working time later.
  const std::int64_t ticks_per_week = working_per_week_ * kTicksPerDay;
  day += (remaining_ticks / ticks_per_week) * 7;
  remaining_ticks %= ticks_per_week;
  while (remaining_ticks >= kTicksPerDay) {
    remaining_ticks -= kTicksPerDay;
    day = next_working_day(day + 1);
  }
  return SimTime::from_ticks(day * kTicksPerDay + remaining_ticks);
}

}  // namespace adoptsim::engine
