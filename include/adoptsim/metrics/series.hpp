// Per-replicate daily series: which metrics exist (names, units and groups,
// as data for writers and docs), how they are laid out, and the compact
// container one replicate's series live in.
//
// Day convention. A series has horizon_days + 1 values, indexed by day
// d = 0 .. H. The value at day d describes time d, the END of the d-th
// simulated day:
//   - state counts and cumulative metrics (adopted, spend, hours saved) are
//     the values at time d;
//   - daily_active at d counts distinct users in [d-1, d), weekly_active in
//     [d-7, d), monthly_active in [d-30, d) (windows clipped at time 0);
//   - uses at d counts the uses during [d-1, d);
//   - day 0 is the initial snapshot: every activity metric is 0 there.
// So the activity a model reports in on_day(k) (time [k, k+1)) lands in day k+1.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adoptsim/model/observer.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::metrics {

// Metrics recorded for every group ("all", each department, each role, and
// the plan's pilot and champions when it has them).
enum class GroupMetric : std::uint8_t {
  StateNoAccess,  // people in each funnel state, in model::FunnelState order
  StateUnaware,
  StateAware,
  StateTrying,
  StateActive,
  StateLapsed,
  Adopted,  // people who ever used the tool (cumulative; see SeriesRecorder)
  DailyActive,
  WeeklyActive,
  MonthlyActive,
  Uses,
};
inline constexpr int kGroupMetricCount = 11;

// Metrics recorded for the group "all" only.
enum class TotalMetric : std::uint8_t {
  SpendTrainingUsd,  // cumulative spend per lever, in model::BudgetLever order
  SpendChampionsUsd,
  SpendCommunicationsUsd,
  SpendLeadershipUsd,
  SpendGovernanceUsd,
  SpendSupportUsd,
  SpendIncentivesUsd,
  SpendKnowledgeUsd,
  SpendLicencesUsd,
  SpendTotalUsd,
  ChangeManagementSpendUsd,  // every lever but licences
  HoursSaved,                // cumulative
  UsesPerWeeklyActive,       // uses in [d-7, d) / weekly_active at d; 0 when nobody is weekly active
  Leavers,                   // cumulative; each replaced the same day by a joiner
  JoinersOnboarded,          // cumulative joiners whose onboarding included the tool
  UseCaseRequests,           // cumulative requests to a centre of excellence
  UseCasesDelivered,         // cumulative
  UseCaseQueue,              // requests waiting at time d
  UseCaseWaitDays,           // cumulative days the delivered use cases waited
  Seats,                     // people with access at time d (everyone but state_no_access)
};
inline constexpr int kTotalMetricCount = 20;

struct MetricInfo {
  std::string_view name;  // snake_case, the column value writers emit
  std::string_view unit;  // "people", "uses", "usd", "hours", "uses_per_person", "use_cases", "days"
  std::string_view description;
};

// Indexed by the enums above.
std::span<const MetricInfo> group_metric_info();
std::span<const MetricInfo> total_metric_info();
inline const MetricInfo& info(GroupMetric metric) {
  return group_metric_info()[static_cast<std::size_t>(metric)];
}
inline const MetricInfo& info(TotalMetric metric) {
  return total_metric_info()[static_cast<std::size_t>(metric)];
}
constexpr GroupMetric state_metric(model::FunnelState state) { return static_cast<GroupMetric>(state); }
constexpr TotalMetric spend_metric(model::BudgetLever lever) { return static_cast<TotalMetric>(lever); }

// First-use cohorts: cohort w holds the people whose first use falls in days
// [7w, 7w + 7). A person "returns on day N" when they use the tool at least
// once in [f + N, f + N + 7), f being their first-use day; the week-long
// window keeps weekends from deciding the figure.
inline constexpr std::array<std::int32_t, 3> kReturnDays = {3, 7, 30};
inline constexpr std::int32_t kReturnWindowDays = 7;
inline constexpr std::int32_t kCohortDays = 7;

struct CohortCounts {
  std::uint32_t first_users = 0;
  // returned[i]: first users who returned on day kReturnDays[i].
  std::array<std::uint32_t, kReturnDays.size()> returned{};
};

struct SeriesKey {
  std::string_view metric;  // MetricInfo::name
  std::string_view unit;
  std::size_t group = 0;  // index into SeriesLayout::group_names()
};

// Groups of people a rollout plan appoints, rather than the organisation's
// structure: who they are is chosen per replicate (a random pilot), so the
// recorder is told each replicate's members (SeriesRecorder::set_members).
enum class PlanGroup : std::uint8_t {
  Pilot,      // "pilot": the people of pilot_then_scale's pilot phase
  Champions,  // "champions": everyone an AssignChampions intervention makes a champion
};
inline constexpr int kPlanGroupCount = 2;
// "pilot", "champions": the group names.
std::string_view to_string(PlanGroup group);

// The plan groups a run has, by PlanGroup: each with its size in the run's
// first replicate (see SeriesLayout on sizes), or nullopt when the plan has
// no such people (a big_bang plan, every reference model).
using PlanGroupSizes = std::array<std::optional<std::uint32_t>, kPlanGroupCount>;

// The shape shared by every replicate of one run: groups, series and days.
// Immutable; replicates hold it by shared_ptr so it is never copied.
//
// Groups: index 0 is "all", then "department:<name>" for each department in
// graph order, then "role:<name>" for each role in org::Role order, then
// the plan groups the run has, in PlanGroup order ("pilot", "champions").
// Series: for group g and GroupMetric m the index is g * kGroupMetricCount
// + m; the TotalMetric series follow, after every group's.
//
// Sizes: group_sizes() is each group's size, the denominator of its shares
// in summaries. A plan group's is its size in the first replicate; a plan
// may give it a different size in another replicate (a custom plan whose
// champions come from several random cohorts), whose ReplicateSeries then
// holds its own size (ReplicateSeries::group_size), and whose shares are of
// that size. Every preset gives its pilot and champions the same size in
// every replicate.
class SeriesLayout {
 public:
  static constexpr std::size_t kAllGroup = 0;
  // Largest horizon accepted: days are stored in 16 bits per person.
  static constexpr std::int32_t kMaxHorizonDays = 30000;

  // Throws std::invalid_argument when horizon_days is outside
  // [0, kMaxHorizonDays].
  SeriesLayout(const org::OrgGraph& graph, std::int32_t horizon_days, const PlanGroupSizes& plan_groups = {});

  std::int32_t horizon_days() const { return horizon_days_; }
  // horizon_days() + 1 values per series.
  std::size_t day_count() const { return static_cast<std::size_t>(horizon_days_) + 1; }

  std::size_t group_count() const { return group_names_.size(); }
  const std::vector<std::string>& group_names() const { return group_names_; }
  // People in each group (the denominator of a share).
  const std::vector<std::uint32_t>& group_sizes() const { return group_sizes_; }
  std::size_t department_group(org::DepartmentId department) const { return 1 + department; }
  std::size_t role_group(org::Role role) const {
    return 1 + department_count_ + static_cast<std::size_t>(role);
  }
  // The plan group's index; nullopt when the run does not have it.
  std::optional<std::size_t> plan_group(PlanGroup group) const {
    return plan_group_[static_cast<std::size_t>(group)];
  }
  // Whether `group` is a plan group (its members change between replicates).
  bool is_plan_group(std::size_t group) const {
    return group >= 1 + department_count_ + static_cast<std::size_t>(org::kRoleCount) &&
           group < group_count();
  }
  std::optional<std::size_t> find_group(std::string_view name) const;

  std::size_t series_count() const {
    return group_count() * kGroupMetricCount + static_cast<std::size_t>(kTotalMetricCount);
  }
  std::size_t series_index(GroupMetric metric, std::size_t group = kAllGroup) const {
    return group * kGroupMetricCount + static_cast<std::size_t>(metric);
  }
  std::size_t series_index(TotalMetric metric) const {
    return group_count() * kGroupMetricCount + static_cast<std::size_t>(metric);
  }
  SeriesKey key(std::size_t series) const;
  // By metric name and group name; nullopt when either is unknown or the
  // metric is a TotalMetric asked for a group other than "all".
  std::optional<std::size_t> find_series(std::string_view metric, std::string_view group = "all") const;

  // ceil(H / 7): every day 0 .. H-1 on which a first use can happen.
  std::size_t cohort_count() const {
    constexpr auto kDays = static_cast<std::size_t>(kCohortDays);
    return (static_cast<std::size_t>(horizon_days_) + kDays - 1) / kDays;
  }
  // Whether the day-kReturnDays[return_index] figure of cohort w is observed
  // for every possible member: 7w + 6 + N + 7 <= H. The rule uses the
  // cohort's last possible first-use day rather than its actual members, so
  // availability is the same in every replicate and summaries over
  // replicates compare like with like.
  bool cohort_return_available(std::size_t cohort, std::size_t return_index) const;

 private:
  std::int32_t horizon_days_ = 0;
  std::size_t department_count_ = 0;
  std::array<std::optional<std::size_t>, kPlanGroupCount> plan_group_{};
  std::vector<std::string> group_names_;
  std::vector<std::uint32_t> group_sizes_;
};

// One replicate's series and cohorts. Counts are stored as float, exact up
// to 2^24 (16.7 million); money and hours to about seven significant digits.
class ReplicateSeries {
 public:
  ReplicateSeries() = default;
  // All values zero; throws std::invalid_argument on a null layout.
  explicit ReplicateSeries(std::shared_ptr<const SeriesLayout> layout);

  bool empty() const { return layout_ == nullptr; }
  const SeriesLayout& layout() const { return *layout_; }
  const std::shared_ptr<const SeriesLayout>& shared_layout() const { return layout_; }

  std::span<const float> series(std::size_t index) const {
    return {values_.data() + index * day_count(), day_count()};
  }
  std::span<const float> series(GroupMetric metric, std::size_t group = SeriesLayout::kAllGroup) const {
    return series(layout_->series_index(metric, group));
  }
  std::span<const float> series(TotalMetric metric) const { return series(layout_->series_index(metric)); }
  // Writable view, for whoever fills the series (the recorder, tests).
  std::span<float> mutable_series(std::size_t index) {
    return {values_.data() + index * day_count(), day_count()};
  }

  // People in `group` in this replicate: the layout's size, except for a
  // plan group whose members the recorder was given (see SeriesLayout).
  std::uint32_t group_size(std::size_t group) const { return group_sizes_[group]; }
  const std::vector<std::uint32_t>& group_sizes() const { return group_sizes_; }
  // For whoever fills the series; throws std::invalid_argument unless
  // `group` is a plan group.
  void set_plan_group_size(std::size_t group, std::uint32_t size);

  // Indexed by cohort, layout().cohort_count() entries.
  const std::vector<CohortCounts>& cohorts() const { return cohorts_; }
  std::vector<CohortCounts>& mutable_cohorts() { return cohorts_; }
  // returned / first_users for the cohort; NaN when censored (see
  // SeriesLayout::cohort_return_available) or when the cohort is empty.
  double return_rate(std::size_t cohort, std::size_t return_index) const;

  // Bytes held by this replicate (the layout is shared and not counted).
  std::size_t memory_bytes() const;

 private:
  std::size_t day_count() const { return layout_->day_count(); }

  std::shared_ptr<const SeriesLayout> layout_;
  std::vector<float> values_;  // series-major: values_[series * day_count + day]
  std::vector<CohortCounts> cohorts_;
  std::vector<std::uint32_t> group_sizes_;  // by group
};

}  // namespace adoptsim::metrics
