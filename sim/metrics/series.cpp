#include "adoptsim/metrics/series.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace adoptsim::metrics {

namespace {

constexpr std::array<MetricInfo, kGroupMetricCount> kGroupMetrics = {{
    {"state_no_access", "people", "people without access to the tool at the end of the day"},
    {"state_unaware", "people", "people with access who do not know about the tool"},
    {"state_aware", "people", "people who know about the tool and have not used it"},
    {"state_trying", "people", "people trying the tool"},
    {"state_active", "people", "people using the tool habitually"},
    {"state_lapsed", "people", "people who used the tool and stopped"},
    {"adopted", "people", "people who ever used the tool (reached trying, active or lapsed), cumulative"},
    {"daily_active", "people", "distinct users during the day [d-1, d)"},
    {"weekly_active", "people", "distinct users during [d-7, d)"},
    {"monthly_active", "people", "distinct users during [d-30, d)"},
    {"uses", "uses", "uses of the tool during the day [d-1, d)"},
}};

constexpr std::array<MetricInfo, kTotalMetricCount> kTotalMetrics = {{
    {"spend_training_usd", "usd", "cumulative spend on training"},
    {"spend_champions_usd", "usd", "cumulative spend on the champions network"},
    {"spend_communications_usd", "usd", "cumulative spend on communications"},
    {"spend_leadership_usd", "usd", "cumulative spend on leadership engagement"},
    {"spend_governance_usd", "usd", "cumulative spend on governance"},
    {"spend_support_usd", "usd", "cumulative spend on support"},
    {"spend_incentives_usd", "usd", "cumulative spend on incentives"},
    {"spend_knowledge_usd", "usd", "cumulative spend on knowledge maintenance"},
    {"spend_licences_usd", "usd", "cumulative spend on licences"},
    {"spend_total_usd", "usd", "cumulative spend on every lever"},
    {"change_management_spend_usd", "usd", "cumulative spend on every lever but licences"},
    {"hours_saved", "hours", "cumulative hours saved by using the tool"},
    {"uses_per_weekly_active", "uses_per_person",
     "uses during [d-7, d) per weekly active person; 0 when nobody is weekly active"},
    {"leavers", "people", "cumulative people who left; each post was taken the same day by a joiner"},
    {"joiners_onboarded", "people", "cumulative joiners whose onboarding included the tool"},
    {"use_case_requests", "use_cases", "cumulative use cases departments asked the centre of excellence for"},
    {"use_cases_delivered", "use_cases", "cumulative use cases the centre of excellence delivered"},
    {"use_case_queue", "use_cases", "use cases asked for and not yet delivered, at the end of the day"},
    {"use_case_wait_days", "days",
     "cumulative days the delivered use cases waited from request to delivery; / use_cases_delivered: the "
     "mean wait"},
    {"seats", "people",
     "licence seats in use at the end of the day: people with access (a joiner keeps the leaver's seat)"},
}};

}  // namespace

std::string_view to_string(PlanGroup group) {
  switch (group) {
    case PlanGroup::Pilot:
      return "pilot";
    case PlanGroup::Champions:
      return "champions";
  }
  return "?";
}

std::span<const MetricInfo> group_metric_info() { return kGroupMetrics; }
std::span<const MetricInfo> total_metric_info() { return kTotalMetrics; }

SeriesLayout::SeriesLayout(const org::OrgGraph& graph, std::int32_t horizon_days,
                           const PlanGroupSizes& plan_groups)
    : horizon_days_(horizon_days), department_count_(graph.department_count()) {
  if (horizon_days < 0 || horizon_days > kMaxHorizonDays) {
    throw std::invalid_argument("horizon_days must be in [0, " + std::to_string(kMaxHorizonDays) + "], got " +
                                std::to_string(horizon_days));
  }
  group_names_.reserve(1 + department_count_ + org::kRoleCount + kPlanGroupCount);
  group_names_.emplace_back("all");
  for (const std::string& name : graph.department_names()) group_names_.push_back("department:" + name);
  for (int role = 0; role < org::kRoleCount; ++role) {
    group_names_.push_back("role:" + std::string(org::to_string(static_cast<org::Role>(role))));
  }
  group_sizes_.assign(group_names_.size(), 0);
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    ++group_sizes_[kAllGroup];
    ++group_sizes_[department_group(graph.department(person))];
    ++group_sizes_[role_group(graph.role(person))];
  }
  for (std::size_t group = 0; group < plan_groups.size(); ++group) {
    if (!plan_groups[group]) continue;
    if (*plan_groups[group] > graph.person_count()) {
      throw std::invalid_argument("SeriesLayout: a plan group of " + std::to_string(*plan_groups[group]) +
                                  " people in an organisation of " + std::to_string(graph.person_count()));
    }
    plan_group_[group] = group_names_.size();
    group_names_.emplace_back(to_string(static_cast<PlanGroup>(group)));
    group_sizes_.push_back(*plan_groups[group]);
  }
}

std::optional<std::size_t> SeriesLayout::find_group(std::string_view name) const {
  for (std::size_t group = 0; group < group_names_.size(); ++group) {
    if (group_names_[group] == name) return group;
  }
  return std::nullopt;
}

SeriesKey SeriesLayout::key(std::size_t series) const {
  const std::size_t group_series = group_count() * kGroupMetricCount;
  if (series < group_series) {
    const MetricInfo& metric = kGroupMetrics[series % kGroupMetricCount];
    return {metric.name, metric.unit, series / kGroupMetricCount};
  }
  const MetricInfo& metric = kTotalMetrics.at(series - group_series);
  return {metric.name, metric.unit, kAllGroup};
}

std::optional<std::size_t> SeriesLayout::find_series(std::string_view metric, std::string_view group) const {
  const std::optional<std::size_t> group_index = find_group(group);
  if (!group_index) return std::nullopt;
  for (std::size_t m = 0; m < kGroupMetrics.size(); ++m) {
    if (kGroupMetrics[m].name == metric) return series_index(static_cast<GroupMetric>(m), *group_index);
  }
  if (*group_index != kAllGroup) return std::nullopt;
  for (std::size_t m = 0; m < kTotalMetrics.size(); ++m) {
    if (kTotalMetrics[m].name == metric) return series_index(static_cast<TotalMetric>(m));
  }
  return std::nullopt;
}

bool SeriesLayout::cohort_return_available(std::size_t cohort, std::size_t return_index) const {
  const auto last_first_use_day = static_cast<std::int64_t>(cohort) * kCohortDays + kCohortDays - 1;
  return last_first_use_day + kReturnDays.at(return_index) + kReturnWindowDays <= horizon_days_;
}

ReplicateSeries::ReplicateSeries(std::shared_ptr<const SeriesLayout> layout) : layout_(std::move(layout)) {
  if (layout_ == nullptr) throw std::invalid_argument("ReplicateSeries needs a layout");
  values_.assign(layout_->series_count() * layout_->day_count(), 0.0f);
  cohorts_.assign(layout_->cohort_count(), CohortCounts{});
  group_sizes_ = layout_->group_sizes();
}

void ReplicateSeries::set_plan_group_size(std::size_t group, std::uint32_t size) {
  if (!layout_->is_plan_group(group)) {
    throw std::invalid_argument("ReplicateSeries: group " + std::to_string(group) + " is not a plan group");
  }
  group_sizes_[group] = size;
}

double ReplicateSeries::return_rate(std::size_t cohort, std::size_t return_index) const {
  const CohortCounts& counts = cohorts_.at(cohort);
  if (!layout_->cohort_return_available(cohort, return_index) || counts.first_users == 0) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return static_cast<double>(counts.returned.at(return_index)) / static_cast<double>(counts.first_users);
}

std::size_t ReplicateSeries::memory_bytes() const {
  return sizeof(*this) + values_.capacity() * sizeof(float) + cohorts_.capacity() * sizeof(CohortCounts) +
         group_sizes_.capacity() * sizeof(std::uint32_t);
}

}  // namespace adoptsim::metrics
