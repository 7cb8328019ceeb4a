// Key performance indicators of one replicate, computed from its series.
// The table of KPIs (name, unit, description, direction) is data, so writers
// and docs can list them.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "adoptsim/metrics/series.hpp"

namespace adoptsim::metrics {

// "active" in a KPI name means the headline metric of KpiSettings (weekly
// active people for the workplace model, adopted people for reference
// models); "share" means a fraction of KpiSettings::people. Days are series
// days (see series.hpp): "day 90" is time 90, the end of the 90th day.
// The first three are the headline share on KpiSettings::days (30, 60 and 90
// by default, hence their names).
enum class Kpi : std::uint8_t {
  ActiveShareDay30,
  ActiveShareDay60,
  ActiveShareDay90,
  DailyActiveShareDay90,
  AdoptedShareDay90,
  DaysTo50Pct,
  TotalSpendUsd,
  ChangeManagementSpendShare,
  CostPerActiveUsd,
  ReachedTarget,
  HardReview,
};
inline constexpr int kKpiCount = 11;

// Which way a comparison prefers a KPI.
enum class Preference : std::uint8_t { HigherIsBetter, LowerIsBetter, None };

struct KpiDefinition {
  std::string_view name;
  std::string_view unit;  // "share", "days", "usd", "usd_per_person", "indicator"
  std::string_view description;
  Preference preference = Preference::HigherIsBetter;
  // A 0/1 KPI: its mean over replicates is a probability.
  bool indicator = false;
  // NaN means "worse than any value" (never reached 50%, nobody active), so
  // a comparison ranks a replicate with NaN below one with a value.
  bool nan_is_worst = false;
  // A time-to-X KPI: NaN means "X not reached within the horizon", a value
  // censored at the horizon, not a missing one. Summaries count the
  // replicates that reached X and rank the censored ones above every value
  // (see describe_censored in summary.hpp).
  bool censored_at_horizon = false;

  bool higher_is_better() const { return preference == Preference::HigherIsBetter; }
};

// Indexed by Kpi.
std::span<const KpiDefinition> kpi_definitions();
inline const KpiDefinition& definition(Kpi kpi) { return kpi_definitions()[static_cast<std::size_t>(kpi)]; }

// One replicate's KPI values, indexed by Kpi; NaN where a KPI is not defined.
using KpiValues = std::array<double, kKpiCount>;

struct KpiSettings {
  // The series "active" KPIs are about: WeeklyActive for the workplace
  // model, Adopted for reference models.
  GroupMetric headline = GroupMetric::WeeklyActive;
  // Denominator of every share (e.g. people with access); 0 means everyone
  // in the organisation (the layout's "all" group).
  std::uint32_t people = 0;
  // Days of the three active_share_day<N> KPIs, ascending; counted from the
  // origin day compute_kpis is given (day 0, or a phase's start).
  std::array<std::int32_t, 3> days = {30, 60, 90};
  // Name of the phase whose start is the origin of `days` (empty: day 0); for
  // KPI names only ("active_share_day90_after_scale").
  std::string from_phase;
  // reached_target: headline share >= target_share at some day <= target_by_day.
  double target_share = 0.6;
  std::int32_t target_by_day = 90;
  // hard_review: headline share at hard_review_day < hard_review_share and no
  // upward trend, i.e. share(hard_review_day) - share(hard_review_day -
  // trend_window_days) < min_upward_trend_share (2 percentage points). The
  // headline is a windowed or cumulative count, so the point difference is
  // not dominated by weekday noise.
  // Working days, by weekday (bit w: day index d with d % 7 == w, day 0 a
  // Monday): daily_active_share_day90 averages the working days of the week
  // ending at day 90, so it does not fall on a Saturday's zero. All seven for
  // models without a working week.
  std::uint8_t working_weekdays = 0x7f;
  double hard_review_share = 0.2;
  std::int32_t hard_review_day = 90;
  std::int32_t trend_window_days = 30;
  double min_upward_trend_share = 0.02;
};

// A short definition of `kpi` with the numbers of `settings`, for a table
// row: "weekly active ≥ 60% by day 90" for reached_target. `headline` names
// the headline metric in words ("weekly active", "adopted").
std::string kpi_brief(Kpi kpi, const KpiSettings& settings, std::string_view headline);

// The KPI's name under `settings`: the definition's name, except for the
// three day KPIs, "active_share_day<N>" with N from settings.days and, with
// from_phase, "_after_<phase>" (the phase name in lower case, every other
// character than a letter or digit as "_").
std::string kpi_name(Kpi kpi, const KpiSettings& settings);

// KPIs of one replicate. NaN when a KPI is undefined:
//   - day-N KPIs, cost_per_active_usd and hard_review when H < N;
//   - days_to_50pct when the headline share never reaches 0.5 within H;
//   - change_management_spend_share when nothing was spent;
//   - cost_per_active_usd when nobody is active at day 90;
//   - reached_target when the target was not reached and H < target_by_day
//     (the outcome is unknown);
//   - every share when there are no people.
// Throws std::invalid_argument when the headline is Uses (not a count of
// people) or a day setting is negative.
// `origin_day` is where settings.days count from (a phase's start day); NaN
// (the phase never started) leaves the three day KPIs NaN, as does a day
// after the horizon.
KpiValues compute_kpis(const ReplicateSeries& series, const KpiSettings& settings, double origin_day = 0.0);

}  // namespace adoptsim::metrics
