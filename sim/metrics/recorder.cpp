#include "adoptsim/metrics/recorder.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace adoptsim::metrics {

namespace {

// The day after the last return window closes, counted from the first use.
constexpr std::int32_t kLastReturnWindowEnd =
    *std::max_element(kReturnDays.begin(), kReturnDays.end()) + kReturnWindowDays;

constexpr std::uint8_t returned_bit(std::size_t return_index) {
  return static_cast<std::uint8_t>(2u << return_index);
}

constexpr std::size_t state_index(model::FunnelState state) { return static_cast<std::size_t>(state); }

}  // namespace

SeriesRecorder::SeriesRecorder(const org::OrgGraph& graph, std::int32_t horizon_days)
    : SeriesRecorder(graph, std::make_shared<const SeriesLayout>(graph, horizon_days)) {}

SeriesRecorder::SeriesRecorder(const org::OrgGraph& graph, std::shared_ptr<const SeriesLayout> layout)
    : graph_(&graph), layout_(std::move(layout)) {
  if (layout_ == nullptr) throw std::invalid_argument("SeriesRecorder needs a layout");
  std::size_t plan_groups = 0;
  for (int group = 0; group < kPlanGroupCount; ++group) {
    const std::optional<std::size_t> index = layout_->plan_group(static_cast<PlanGroup>(group));
    if (!index) continue;
    plan_group_index_[static_cast<std::size_t>(group)] = *index;
    ++plan_groups;
  }
  if (layout_->group_sizes()[SeriesLayout::kAllGroup] != graph.person_count() ||
      layout_->group_count() != 1 + graph.department_count() + org::kRoleCount + plan_groups) {
    throw std::invalid_argument("SeriesRecorder: the layout was built from a different graph");
  }
}

void SeriesRecorder::set_members(PlanGroup group, std::vector<org::PersonId> people) {
  if (!layout_->plan_group(group)) {
    throw std::invalid_argument("SeriesRecorder::set_members: the layout has no group \"" +
                                std::string(to_string(group)) + "\"");
  }
  std::vector<bool> seen(graph_->person_count(), false);
  for (const org::PersonId person : people) {
    if (person >= seen.size()) {
      throw std::invalid_argument("SeriesRecorder::set_members: unknown person " + std::to_string(person));
    }
    if (seen[person]) {
      throw std::invalid_argument("SeriesRecorder::set_members: person " + std::to_string(person) +
                                  " is listed twice in \"" + std::string(to_string(group)) + "\"");
    }
    seen[person] = true;
  }
  plan_members_[static_cast<std::size_t>(group)] = std::move(people);
}

template <typename Visit>
void SeriesRecorder::for_each_group(const PersonRecord& record, Visit&& visit) const {
  visit(SeriesLayout::kAllGroup);
  visit(layout_->department_group(record.department));
  visit(layout_->role_group(record.role));
  if ((record.flags & kPlanGroupBits) != 0) [[unlikely]] {
    for (std::size_t group = 0; group < plan_group_index_.size(); ++group) {
      if ((record.flags & (kPlanGroupBit << group)) != 0) visit(plan_group_index_[group]);
    }
  }
}

void SeriesRecorder::on_start(const std::vector<model::FunnelState>& initial_states) {
  const std::size_t people = graph_->person_count();
  if (initial_states.size() != people) {
    throw std::invalid_argument("SeriesRecorder::on_start: " + std::to_string(initial_states.size()) +
                                " initial states for " + std::to_string(people) + " people");
  }
  const std::size_t groups = layout_->group_count();
  series_ = ReplicateSeries(layout_);
  person_.assign(people, PersonRecord{});
  state_count_.assign(groups * model::kFunnelStateCount, 0);
  adopted_count_.assign(groups, 0);
  uses_today_.assign(groups, 0);
  window_delta_.assign(kWindowDays.size() * groups * (layout_->day_count() + 1), 0);
  spend_usd_.fill(0.0);
  hours_saved_ = 0.0;
  leavers_ = joiners_onboarded_ = 0;
  use_case_requests_ = use_cases_delivered_ = use_case_wait_days_ = 0;
  use_case_queue_ = 0;

  for (std::size_t group = 0; group < plan_members_.size(); ++group) {
    if (!layout_->plan_group(static_cast<PlanGroup>(group))) continue;
    const auto bit = static_cast<std::uint8_t>(kPlanGroupBit << group);
    for (const org::PersonId person : plan_members_[group])
      person_[person].flags = static_cast<std::uint8_t>(person_[person].flags | bit);
    series_.set_plan_group_size(plan_group_index_[group],
                                static_cast<std::uint32_t>(plan_members_[group].size()));
  }
  for (org::PersonId person = 0; person < people; ++person) {
    person_[person].department = graph_->department(person);
    person_[person].role = graph_->role(person);
    person_[person].state = initial_states[person];
    for_each_group(person_[person], [&](std::size_t group) {
      ++state_count_[group * model::kFunnelStateCount + state_index(initial_states[person])];
    });
    if (model::has_used(initial_states[person])) mark_adopted(person);
  }
  write_snapshot(0);
  next_day_ = 0;
}

void SeriesRecorder::mark_adopted(org::PersonId person) {
  PersonRecord& record = person_[person];
  if ((record.flags & kAdoptedBit) != 0) return;
  record.flags = static_cast<std::uint8_t>(record.flags | kAdoptedBit);
  for_each_group(record, [&](std::size_t group) { ++adopted_count_[group]; });
}

void SeriesRecorder::on_day(const model::DayActivity& activity) {
  if (next_day_ < 0) throw std::invalid_argument("SeriesRecorder::on_day before on_start");
  if (activity.day != next_day_ || activity.day >= layout_->horizon_days()) {
    throw std::invalid_argument("SeriesRecorder::on_day: expected day " + std::to_string(next_day_) +
                                " (horizon " + std::to_string(layout_->horizon_days()) + "), got day " +
                                std::to_string(activity.day));
  }
  const std::size_t people = graph_->person_count();

  for (const org::PersonId post : activity.leavers) {
    if (post >= people) {
      throw std::invalid_argument("SeriesRecorder: unknown person " + std::to_string(post) + " left");
    }
    start_afresh(post, activity.day);
  }
  leavers_ += activity.leavers.size();
  joiners_onboarded_ += activity.joiners_onboarded;
  use_case_requests_ += activity.use_case_requests;
  use_cases_delivered_ += activity.use_cases_delivered;
  use_case_wait_days_ += activity.use_case_wait_days;
  use_case_queue_ = activity.use_case_queue;

  for (const model::StateChange& change : activity.state_changes) {
    if (change.person >= people) {
      throw std::invalid_argument("SeriesRecorder: state change of unknown person " +
                                  std::to_string(change.person));
    }
    model::FunnelState& state = person_[change.person].state;
    if (state != change.from) {
      throw std::invalid_argument("SeriesRecorder: person " + std::to_string(change.person) + " is " +
                                  std::string(model::to_string(state)) + ", not " +
                                  std::string(model::to_string(change.from)) + ", on day " +
                                  std::to_string(activity.day));
    }
    for_each_group(person_[change.person], [&](std::size_t group) {
      --state_count_[group * model::kFunnelStateCount + state_index(change.from)];
      ++state_count_[group * model::kFunnelStateCount + state_index(change.to)];
    });
    state = change.to;
    if (model::has_used(change.to)) mark_adopted(change.person);
  }

  // Uses arrive in no particular person order; on a large organisation each
  // one misses the cache, so the records a few uses ahead are fetched early.
  constexpr std::size_t kPrefetchDistance = 16;
  const std::vector<model::PersonUses>& uses = activity.uses;
  for (std::size_t index = 0; index < uses.size(); ++index) {
    if (index + kPrefetchDistance < uses.size()) {
      const org::PersonId ahead = uses[index + kPrefetchDistance].person;
      if (ahead < people) __builtin_prefetch(&person_[ahead]);
    }
    const org::PersonId person = uses[index].person;
    if (person >= people) {
      throw std::invalid_argument("SeriesRecorder: use by unknown person " + std::to_string(person));
    }
    record_use(person, activity.day, uses[index].count);
  }

  for (std::size_t lever = 0; lever < spend_usd_.size(); ++lever)
    spend_usd_[lever] += activity.spend_usd[lever];
  hours_saved_ += activity.hours_saved;

  write_snapshot(static_cast<std::size_t>(activity.day) + 1);
  ++next_day_;
}

void SeriesRecorder::start_afresh(org::PersonId person, std::int32_t day) {
  PersonRecord& record = person_[person];
  const std::uint16_t last = record.last_use_day;
  if (last != kNever) {
    // The open interval of each window closes when it would have, or at the
    // day's end, when the leaver is no longer counted.
    for (std::size_t window = 0; window < kWindowDays.size(); ++window)
      add_window_delta(window, person, std::min(last + kWindowDays[window] + 1, day + 1), -1);
  }
  if ((record.flags & kAdoptedBit) != 0) {
    for_each_group(record, [&](std::size_t group) { --adopted_count_[group]; });
  }
  record.flags = static_cast<std::uint8_t>(record.flags & kPlanGroupBits);
  record.first_use_day = kNever;
  record.last_use_day = kNever;
}

void SeriesRecorder::record_use(org::PersonId person, std::int32_t day, std::uint32_t count) {
  PersonRecord& record = person_[person];
  for_each_group(record, [&](std::size_t group) { uses_today_[group] += count; });
  const std::uint16_t last = record.last_use_day;
  if (last == day) return;  // already counted in every window today
  mark_adopted(person);

  // Coverage of a W-day window by uses on days u is the union of the series
  // days [u+1, u+W]: a run of intervals per person. A use that overlaps or
  // touches the open interval [.., last + W] extends it, with nothing to
  // write (a daily user writes nothing); otherwise the open interval closes
  // at last + W + 1 and a new one opens at day + 1. finish_windows closes the
  // intervals still open.
  for (std::size_t window = 0; window < kWindowDays.size(); ++window) {
    if (last == kNever) {
      add_window_delta(window, person, day + 1, +1);
      continue;
    }
    const std::int32_t open_end = last + kWindowDays[window] + 1;
    if (day + 1 <= open_end) continue;
    add_window_delta(window, person, open_end, -1);
    add_window_delta(window, person, day + 1, +1);
  }

  const auto day16 = static_cast<std::uint16_t>(day);
  const std::uint16_t first = record.first_use_day;
  if (first == kNever) {
    record.first_use_day = day16;
    ++series_.mutable_cohorts()[static_cast<std::size_t>(day / kCohortDays)].first_users;
  } else if (day < first + kLastReturnWindowEnd) {
    for (std::size_t index = 0; index < kReturnDays.size(); ++index) {
      // Inside the window is rare and predictable; whether the person was
      // already counted is not, so it is asked only inside.
      const bool in_window =
          static_cast<std::uint32_t>(day - (first + kReturnDays[index])) < std::uint32_t{kReturnWindowDays};
      if (in_window && (record.flags & returned_bit(index)) == 0) {
        record.flags = static_cast<std::uint8_t>(record.flags | returned_bit(index));
        ++series_.mutable_cohorts()[static_cast<std::size_t>(first / kCohortDays)].returned[index];
      }
    }
  }
  record.last_use_day = day16;
}

void SeriesRecorder::write_snapshot(std::size_t day) {
  for (std::size_t group = 0; group < layout_->group_count(); ++group) {
    for (int state = 0; state < model::kFunnelStateCount; ++state) {
      const auto metric = state_metric(static_cast<model::FunnelState>(state));
      series_.mutable_series(layout_->series_index(metric, group))[day] = static_cast<float>(
          state_count_[group * model::kFunnelStateCount + static_cast<std::size_t>(state)]);
    }
    series_.mutable_series(layout_->series_index(GroupMetric::Adopted, group))[day] =
        static_cast<float>(adopted_count_[group]);
    series_.mutable_series(layout_->series_index(GroupMetric::Uses, group))[day] =
        static_cast<float>(uses_today_[group]);
    uses_today_[group] = 0;
  }
  double total_usd = 0.0;
  for (std::size_t lever = 0; lever < spend_usd_.size(); ++lever) {
    series_.mutable_series(layout_->series_index(spend_metric(static_cast<model::BudgetLever>(lever))))[day] =
        static_cast<float>(spend_usd_[lever]);
    total_usd += spend_usd_[lever];
  }
  const double licences_usd = spend_usd_[static_cast<std::size_t>(model::BudgetLever::Licences)];
  series_.mutable_series(layout_->series_index(TotalMetric::SpendTotalUsd))[day] =
      static_cast<float>(total_usd);
  series_.mutable_series(layout_->series_index(TotalMetric::ChangeManagementSpendUsd))[day] =
      static_cast<float>(total_usd - licences_usd);
  series_.mutable_series(layout_->series_index(TotalMetric::HoursSaved))[day] =
      static_cast<float>(hours_saved_);
  series_.mutable_series(layout_->series_index(TotalMetric::Leavers))[day] = static_cast<float>(leavers_);
  series_.mutable_series(layout_->series_index(TotalMetric::JoinersOnboarded))[day] =
      static_cast<float>(joiners_onboarded_);
  series_.mutable_series(layout_->series_index(TotalMetric::UseCaseRequests))[day] =
      static_cast<float>(use_case_requests_);
  series_.mutable_series(layout_->series_index(TotalMetric::UseCasesDelivered))[day] =
      static_cast<float>(use_cases_delivered_);
  series_.mutable_series(layout_->series_index(TotalMetric::UseCaseQueue))[day] =
      static_cast<float>(use_case_queue_);
  series_.mutable_series(layout_->series_index(TotalMetric::UseCaseWaitDays))[day] =
      static_cast<float>(use_case_wait_days_);
  const std::size_t all = SeriesLayout::kAllGroup * model::kFunnelStateCount;
  const std::size_t no_access = state_count_[all + state_index(model::FunnelState::NoAccess)];
  series_.mutable_series(layout_->series_index(TotalMetric::Seats))[day] =
      static_cast<float>(layout_->group_sizes()[SeriesLayout::kAllGroup] - no_access);
}

void SeriesRecorder::add_window_delta(std::size_t window, org::PersonId person, std::int32_t series_day,
                                      std::int32_t change) {
  // Index horizon + 1 is never summed: an interval may end beyond the series.
  const auto index = static_cast<std::size_t>(std::min(series_day, layout_->horizon_days() + 1));
  const std::size_t delta_days = layout_->day_count() + 1;
  std::int32_t* delta = window_delta_.data() + window * layout_->group_count() * delta_days + index;
  for_each_group(person_[person], [&](std::size_t group) { delta[group * delta_days] += change; });
}

void SeriesRecorder::finish_windows() {
  constexpr std::array<GroupMetric, 3> kWindowMetrics = {GroupMetric::DailyActive, GroupMetric::WeeklyActive,
                                                         GroupMetric::MonthlyActive};
  for (org::PersonId person = 0; person < person_.size(); ++person) {
    const std::uint16_t last = person_[person].last_use_day;
    if (last == kNever) continue;
    for (std::size_t window = 0; window < kWindowDays.size(); ++window) {
      add_window_delta(window, person, last + kWindowDays[window] + 1, -1);
    }
  }
  const std::size_t days = layout_->day_count();
  for (std::size_t window = 0; window < kWindowDays.size(); ++window) {
    for (std::size_t group = 0; group < layout_->group_count(); ++group) {
      const std::int32_t* delta =
          window_delta_.data() + (window * layout_->group_count() + group) * (days + 1);
      std::span<float> out = series_.mutable_series(layout_->series_index(kWindowMetrics[window], group));
      std::int64_t active = 0;
      for (std::size_t day = 0; day < days; ++day) {
        active += delta[day];
        out[day] = static_cast<float>(active);
      }
    }
  }

  // Uses in [d-7, d) are the uses series at days d-6 .. d.
  const std::span<const float> uses = series_.series(GroupMetric::Uses);
  const std::span<const float> weekly = series_.series(GroupMetric::WeeklyActive);
  std::span<float> depth = series_.mutable_series(layout_->series_index(TotalMetric::UsesPerWeeklyActive));
  constexpr auto kWeekDays = static_cast<std::size_t>(kWindowDays[1]);
  double uses_in_window = 0.0;
  for (std::size_t day = 0; day < days; ++day) {
    uses_in_window += uses[day];
    if (day >= kWeekDays) uses_in_window -= uses[day - kWeekDays];
    depth[day] = weekly[day] > 0.0f ? static_cast<float>(uses_in_window / weekly[day]) : 0.0f;
  }
}

ReplicateSeries SeriesRecorder::take_series() {
  if (next_day_ != layout_->horizon_days()) {
    throw std::logic_error("SeriesRecorder::take_series: observed " + std::to_string(std::max(next_day_, 0)) +
                           " of " + std::to_string(layout_->horizon_days()) + " days");
  }
  finish_windows();
  next_day_ = -1;
  return std::move(series_);
}

std::size_t SeriesRecorder::working_memory_bytes() const {
  return person_.capacity() * sizeof(PersonRecord) +
         (state_count_.capacity() + adopted_count_.capacity() + uses_today_.capacity()) *
             sizeof(std::uint32_t) +
         window_delta_.capacity() * sizeof(std::int32_t);
}

}  // namespace adoptsim::metrics
