#include "adoptsim/engine/calendar.hpp"

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
  const std::int64_t whole_weeks = count / working_per_week_;
  std::int64_t remaining = count % working_per_week_;
  day += whole_weeks * 7;
  while (remaining > 0) {
    ++day;
    if (is_working_day(day)) --remaining;
  }
  return day;
}

SimTime Calendar::advance_working_time(SimTime time, double working_days) const {
  const double ticks_per_day = static_cast<double>(SimTime::kTicksPerDay);
  std::int64_t day = time.day_index();
  double offset_in_day = 0.0;
  if (is_working_day(day)) {
    offset_in_day = static_cast<double>(time.ticks() - day * SimTime::kTicksPerDay) / ticks_per_day;
  } else {
    day = next_working_day(day);
  }
  // Measure from the start of `day`, then skip whole weeks in one step.
  double remaining = working_days + offset_in_day;
  const double whole_weeks = std::floor(remaining / working_per_week_);
  if (whole_weeks > 0) {
    day += static_cast<std::int64_t>(whole_weeks) * 7;
    remaining -= whole_weeks * working_per_week_;
  }
  while (remaining >= 1.0) {
    remaining -= 1.0;
    day = next_working_day(day + 1);
  }
  return SimTime::from_ticks(day * SimTime::kTicksPerDay +
                             static_cast<std::int64_t>(std::llround(remaining * ticks_per_day)));
}

}  // namespace adoptsim::engine
