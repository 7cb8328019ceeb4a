#include "adoptsim/metrics/kpi.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

namespace adoptsim::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr std::array<KpiDefinition, kKpiCount> kDefinitions = {{
    {"active_share_day30", "share",
     "headline metric (e.g. weekly active) as a share of people on the first of kpi.days (default day 30; "
     "the name and definition give the day)",
     Preference::HigherIsBetter, false},
    {"active_share_day60", "share",
     "headline metric as a share of people on the second of kpi.days (default day 60)",
     Preference::HigherIsBetter, false},
    {"active_share_day90", "share",
     "headline metric as a share of people on the third of kpi.days (default day 90)",
     Preference::HigherIsBetter, false},
    {"daily_active_share_day90", "share",
     "daily active people on an average working day of the week ending at day 90, as a share of people",
     Preference::HigherIsBetter, false},
    {"adopted_share_day90", "share", "people who ever used the tool by day 90 as a share of people",
     Preference::HigherIsBetter, false},
    {"days_to_50pct", "days",
     "first day the headline share is at least 0.5 (censored at the horizon if never reached)",
     Preference::LowerIsBetter, false, true, true},
    {"total_spend_usd", "usd", "spend on every lever up to the horizon", Preference::LowerIsBetter, false},
    {"change_management_spend_share", "share",
     "realised change-management share: spend on every lever but licences / total spend at the horizon "
     "(the scenario's budget.change_management_share is the planned share of the budget)",
     Preference::None, false},
    {"cost_per_active_usd", "usd_per_person", "spend up to day 90 / headline count at day 90",
     Preference::LowerIsBetter, false, true},
    {"reached_target", "indicator",
     "1 if the headline share reached kpi.target_share (default 0.6) by kpi.by_day (default day 90; the "
     "definition gives both)",
     Preference::HigherIsBetter, true},
    {"hard_review", "indicator",
     "1 if the headline share at day 90 is under the review threshold (default 0.2) and rose less than "
     "2 percentage points since day 60",
     Preference::LowerIsBetter, true},
}};

void set(KpiValues& values, Kpi kpi, double value) { values[static_cast<std::size_t>(kpi)] = value; }

}  // namespace

std::span<const KpiDefinition> kpi_definitions() { return kDefinitions; }

std::string kpi_brief(Kpi kpi, const KpiSettings& settings, std::string_view headline) {
  const std::string active(headline);
  const auto points = [](double share) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", 100.0 * share);
    return std::string(buffer);
  };
  const auto percent = [&](double share) { return points(share) + "%"; };
  switch (kpi) {
    case Kpi::ActiveShareDay30:
    case Kpi::ActiveShareDay60:
    case Kpi::ActiveShareDay90: {
      const std::int32_t day = settings.days[static_cast<std::size_t>(kpi)];
      if (!settings.from_phase.empty())
        return active + " / everyone, " + std::to_string(day) + " days after '" + settings.from_phase +
               "' starts";
      return active + " / everyone, day " + std::to_string(day);
    }
    case Kpi::DailyActiveShareDay90:
      return "daily active on a working day of the week to day 90";
    case Kpi::AdoptedShareDay90:
      return "ever used by day 90";
    case Kpi::DaysTo50Pct:
      return "first day " + active + " ≥ 50%";
    case Kpi::TotalSpendUsd:
      return "spent by the horizon";
    case Kpi::ChangeManagementSpendShare:
      return "spent on change levers / all spent";
    case Kpi::CostPerActiveUsd:
      return "spent by day 90 / " + active + " at day 90";
    case Kpi::ReachedTarget:
      return active + " ≥ " + percent(settings.target_share) + " by day " +
             std::to_string(settings.target_by_day);
    case Kpi::HardReview:
      return active + " < " + percent(settings.hard_review_share) + " at day " +
             std::to_string(settings.hard_review_day) + ", < +" + points(settings.min_upward_trend_share) +
             " pp since day " + std::to_string(settings.hard_review_day - settings.trend_window_days);
  }
  return "";
}

std::string kpi_name(Kpi kpi, const KpiSettings& settings) {
  const auto slot = static_cast<std::size_t>(kpi);
  if (slot >= settings.days.size()) return std::string(definition(kpi).name);
  std::string name = "active_share_day" + std::to_string(settings.days[slot]);
  if (!settings.from_phase.empty()) {
    name += "_after_";
    for (const char c : settings.from_phase) {
      const auto u = static_cast<unsigned char>(c);
      name += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
    }
  }
  return name;
}

KpiValues compute_kpis(const ReplicateSeries& series, const KpiSettings& settings, double origin_day) {
  if (settings.headline == GroupMetric::Uses) {
    throw std::invalid_argument("compute_kpis: the headline must count people, not uses");
  }
  if (settings.target_by_day < 0 || settings.hard_review_day < 0 || settings.trend_window_days < 0 ||
      settings.trend_window_days > settings.hard_review_day) {
    throw std::invalid_argument(
        "compute_kpis: day settings must be non-negative, trend window <= review day");
  }
  const SeriesLayout& layout = series.layout();
  const std::int32_t horizon = layout.horizon_days();
  const double people = settings.people > 0
                            ? static_cast<double>(settings.people)
                            : static_cast<double>(layout.group_sizes()[SeriesLayout::kAllGroup]);
  const std::span<const float> headline = series.series(settings.headline);
  const std::span<const float> daily = series.series(GroupMetric::DailyActive);
  const std::span<const float> adopted = series.series(GroupMetric::Adopted);
  const std::span<const float> spend = series.series(TotalMetric::SpendTotalUsd);
  const std::span<const float> change_management = series.series(TotalMetric::ChangeManagementSpendUsd);

  const auto at = [&](std::span<const float> values, std::int32_t day) -> double {
    return day <= horizon ? static_cast<double>(values[static_cast<std::size_t>(day)]) : kNaN;
  };
  const auto share = [&](std::span<const float> values, std::int32_t day) -> double {
    return people > 0.0 ? at(values, day) / people : kNaN;
  };

  KpiValues values;
  values.fill(kNaN);
  for (std::size_t slot = 0; slot < settings.days.size(); ++slot) {
    if (std::isnan(origin_day)) continue;
    const double day = std::round(origin_day) + static_cast<double>(settings.days[slot]);
    if (day < 0.0 || day > static_cast<double>(horizon)) continue;
    set(values, static_cast<Kpi>(slot), share(headline, static_cast<std::int32_t>(day)));
  }
  if (horizon >= 90 && people > 0.0) {
    // Series value d covers day index d - 1: the week ending at day 90 is series days 84..90.
    double sum = 0.0;
    int working_days = 0;
    for (std::int32_t day = 84; day <= 90; ++day) {
      if (((settings.working_weekdays >> ((day - 1) % 7)) & 1) == 0) continue;
      sum += share(daily, day);
      ++working_days;
    }
    if (working_days > 0) set(values, Kpi::DailyActiveShareDay90, sum / working_days);
  }
  set(values, Kpi::AdoptedShareDay90, share(adopted, 90));

  if (people > 0.0) {
    for (std::int32_t day = 0; day <= horizon; ++day) {
      if (share(headline, day) >= 0.5) {
        set(values, Kpi::DaysTo50Pct, static_cast<double>(day));
        break;
      }
    }
    bool reached = false;
    const std::int32_t last_target_day = std::min(settings.target_by_day, horizon);
    for (std::int32_t day = 0; day <= last_target_day && !reached; ++day) {
      reached = share(headline, day) >= settings.target_share;
    }
    if (reached) {
      set(values, Kpi::ReachedTarget, 1.0);
    } else if (horizon >= settings.target_by_day) {
      set(values, Kpi::ReachedTarget, 0.0);
    }
    if (horizon >= settings.hard_review_day) {
      const double share_now = share(headline, settings.hard_review_day);
      const double share_before = share(headline, settings.hard_review_day - settings.trend_window_days);
      const bool low = share_now < settings.hard_review_share;
      const bool flat = share_now - share_before < settings.min_upward_trend_share;
      set(values, Kpi::HardReview, low && flat ? 1.0 : 0.0);
    }
  }

  const double total_usd = at(spend, horizon);
  set(values, Kpi::TotalSpendUsd, total_usd);
  if (total_usd > 0.0)
    set(values, Kpi::ChangeManagementSpendShare, at(change_management, horizon) / total_usd);
  const double active_day90 = at(headline, 90);
  if (active_day90 > 0.0) set(values, Kpi::CostPerActiveUsd, at(spend, 90) / active_day90);
  return values;
}

}  // namespace adoptsim::metrics
