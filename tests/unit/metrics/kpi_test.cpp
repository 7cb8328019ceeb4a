#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <memory>
#include <set>
#include <stdexcept>
#include <string_view>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/metrics/series.hpp"
#include "adoptsim/org/org_graph.hpp"

using namespace adoptsim;
using metrics::GroupMetric;
using metrics::Kpi;
using metrics::TotalMetric;

namespace {

std::shared_ptr<const metrics::SeriesLayout> layout_of(std::size_t people, std::int32_t horizon) {
  org::OrgGraphBuilder builder({"only"});
  for (std::size_t person = 0; person < people; ++person)
    builder.add_person(org::Role::IndividualContributor, 0);
  return std::make_shared<const metrics::SeriesLayout>(builder.build(), horizon);
}

// A series whose headline (weekly active) count at day d is count(d).
metrics::ReplicateSeries with_weekly(const std::shared_ptr<const metrics::SeriesLayout>& layout,
                                     const std::function<float(std::size_t)>& count) {
  metrics::ReplicateSeries series(layout);
  auto weekly = series.mutable_series(layout->series_index(GroupMetric::WeeklyActive));
  for (std::size_t day = 0; day < weekly.size(); ++day) weekly[day] = count(day);
  return series;
}

double kpi(const metrics::KpiValues& values, Kpi which) { return values[static_cast<std::size_t>(which)]; }

}  // namespace

TEST_CASE("KPI table: unique names, units and preferences as data", "[metrics]") {
  const auto definitions = metrics::kpi_definitions();
  REQUIRE(definitions.size() == static_cast<std::size_t>(metrics::kKpiCount));
  std::set<std::string_view> names;
  for (const auto& definition : definitions) {
    CHECK_FALSE(definition.name.empty());
    CHECK_FALSE(definition.unit.empty());
    CHECK_FALSE(definition.description.empty());
    names.insert(definition.name);
  }
  CHECK(names.size() == definitions.size());
  CHECK(metrics::definition(Kpi::ActiveShareDay90).name == "active_share_day90");
  CHECK(metrics::definition(Kpi::HardReview).indicator);
  CHECK_FALSE(metrics::definition(Kpi::HardReview).higher_is_better());
  CHECK(metrics::definition(Kpi::ReachedTarget).higher_is_better());
  CHECK(metrics::definition(Kpi::DaysTo50Pct).preference == metrics::Preference::LowerIsBetter);
}

TEST_CASE("KPIs: shares, days to 50% and reaching the target", "[metrics]") {
  const auto layout = layout_of(100, 120);
  metrics::KpiSettings settings;

  SECTION("a step to 50% at day 45, 60% at day 90") {
    const auto series =
        with_weekly(layout, [](std::size_t day) { return day < 45 ? 10.0f : (day < 90 ? 50.0f : 60.0f); });
    const auto values = metrics::compute_kpis(series, settings);
    CHECK(kpi(values, Kpi::ActiveShareDay30) == Approx(0.1));
    CHECK(kpi(values, Kpi::ActiveShareDay60) == Approx(0.5));
    CHECK(kpi(values, Kpi::ActiveShareDay90) == Approx(0.6));
    CHECK(kpi(values, Kpi::DaysTo50Pct) == 45.0);
    CHECK(kpi(values, Kpi::ReachedTarget) == 1.0);  // day 90 itself counts
    CHECK(kpi(values, Kpi::HardReview) == 0.0);
    CHECK(std::isnan(kpi(values, Kpi::ChangeManagementSpendShare)));  // nothing spent
    CHECK(kpi(values, Kpi::TotalSpendUsd) == 0.0);
  }
  SECTION("60% only from day 91 misses the target; never 50% is NaN") {
    const auto late = with_weekly(layout, [](std::size_t day) { return day < 91 ? 49.0f : 60.0f; });
    const auto values = metrics::compute_kpis(late, settings);
    CHECK(kpi(values, Kpi::ReachedTarget) == 0.0);
    CHECK(kpi(values, Kpi::DaysTo50Pct) == 91.0);
    const auto never = with_weekly(layout, [](std::size_t) { return 49.0f; });
    CHECK(std::isnan(kpi(metrics::compute_kpis(never, settings), Kpi::DaysTo50Pct)));
  }
  SECTION("KPI days are configurable and may count from a phase's start") {
    // Weekly active = the day number, of 100 people: the share at day d is d / 100.
    const auto series = with_weekly(layout, [](std::size_t day) { return static_cast<float>(day); });
    settings.days = {10, 45, 80};
    auto values = metrics::compute_kpis(series, settings);
    CHECK(kpi(values, Kpi::ActiveShareDay30) == Approx(0.10));
    CHECK(kpi(values, Kpi::ActiveShareDay60) == Approx(0.45));
    CHECK(kpi(values, Kpi::ActiveShareDay90) == Approx(0.80));
    CHECK(metrics::kpi_name(Kpi::ActiveShareDay60, settings) == "active_share_day45");
    CHECK(metrics::kpi_name(Kpi::DaysTo50Pct, settings) == "days_to_50pct");
    // From a phase that started on day 15: days 25, 60 and 95.
    settings.from_phase = "Scale up";
    values = metrics::compute_kpis(series, settings, 15.0);
    CHECK(kpi(values, Kpi::ActiveShareDay30) == Approx(0.25));
    CHECK(kpi(values, Kpi::ActiveShareDay60) == Approx(0.60));
    CHECK(kpi(values, Kpi::ActiveShareDay90) == Approx(0.95));
    CHECK(kpi(values, Kpi::DaysTo50Pct) == 50.0);  // the other KPIs stay on day 0's clock
    CHECK(metrics::kpi_name(Kpi::ActiveShareDay90, settings) == "active_share_day80_after_scale_up");
    CHECK(metrics::kpi_brief(Kpi::ActiveShareDay90, settings, "weekly active") ==
          "weekly active / everyone, 80 days after 'Scale up' starts");
    // Past the horizon (120), or a phase that never started: no value.
    values = metrics::compute_kpis(series, settings, 45.0);
    CHECK(kpi(values, Kpi::ActiveShareDay60) == Approx(0.90));
    CHECK(std::isnan(kpi(values, Kpi::ActiveShareDay90)));  // day 125
    values = metrics::compute_kpis(series, settings, std::nan(""));
    CHECK(std::isnan(kpi(values, Kpi::ActiveShareDay30)));
    CHECK(kpi(values, Kpi::ReachedTarget) == 1.0);  // 60% on day 60, whatever the phase
  }
  SECTION("the denominator can be set (e.g. people with access)") {
    const auto series = with_weekly(layout, [](std::size_t) { return 30.0f; });
    settings.people = 50;
    const auto values = metrics::compute_kpis(series, settings);
    CHECK(kpi(values, Kpi::ActiveShareDay90) == Approx(0.6));
    CHECK(kpi(values, Kpi::ReachedTarget) == 1.0);
    CHECK(kpi(values, Kpi::DaysTo50Pct) == 0.0);
  }
  SECTION("the headline can be adopted (reference models)") {
    metrics::ReplicateSeries series(layout);
    auto adopted = series.mutable_series(layout->series_index(GroupMetric::Adopted));
    for (std::size_t day = 0; day < adopted.size(); ++day) adopted[day] = static_cast<float>(day) / 2.0f;
    settings.headline = GroupMetric::Adopted;
    const auto values = metrics::compute_kpis(series, settings);
    CHECK(kpi(values, Kpi::ActiveShareDay90) == Approx(0.45));
    CHECK(kpi(values, Kpi::AdoptedShareDay90) == Approx(0.45));
    CHECK(kpi(values, Kpi::DaysTo50Pct) == 100.0);
    CHECK(kpi(values, Kpi::ReachedTarget) == 0.0);
    settings.headline = GroupMetric::Uses;
    CHECK_THROWS_AS(metrics::compute_kpis(series, settings), std::invalid_argument);
  }
}

TEST_CASE("KPIs: hard review both ways", "[metrics]") {
  const auto layout = layout_of(100, 90);
  const metrics::KpiSettings settings;
  const auto hard_review = [&](float at60, float at90) {
    const auto series =
        with_weekly(layout, [&](std::size_t day) { return day < 60 ? at60 : (day < 90 ? at60 : at90); });
    return kpi(metrics::compute_kpis(series, settings), Kpi::HardReview);
  };
  CHECK(hard_review(10.0f, 10.0f) == 1.0);  // low and flat
  CHECK(hard_review(10.0f, 11.0f) == 1.0);  // low, one point up: not an upward trend
  CHECK(hard_review(12.0f, 8.0f) == 1.0);   // low and falling
  CHECK(hard_review(10.0f, 13.0f) == 0.0);  // low but rising three points
  CHECK(hard_review(25.0f, 20.0f) == 0.0);  // not low (exactly 20% is not under 20%)
  CHECK(hard_review(30.0f, 19.0f) == 1.0);
}

TEST_CASE("KPIs: NaN when the horizon is too short", "[metrics]") {
  const auto layout = layout_of(10, 60);
  const metrics::KpiSettings settings;
  const auto low = with_weekly(layout, [](std::size_t) { return 2.0f; });
  const auto values = metrics::compute_kpis(low, settings);
  CHECK(kpi(values, Kpi::ActiveShareDay30) == Approx(0.2));
  CHECK(kpi(values, Kpi::ActiveShareDay60) == Approx(0.2));
  CHECK(std::isnan(kpi(values, Kpi::ActiveShareDay90)));
  CHECK(std::isnan(kpi(values, Kpi::DailyActiveShareDay90)));
  CHECK(std::isnan(kpi(values, Kpi::AdoptedShareDay90)));
  CHECK(std::isnan(kpi(values, Kpi::CostPerActiveUsd)));
  CHECK(std::isnan(kpi(values, Kpi::HardReview)));
  CHECK(std::isnan(kpi(values, Kpi::ReachedTarget)));  // not reached yet, outcome unknown
  CHECK(std::isnan(kpi(values, Kpi::DaysTo50Pct)));
  // Reaching the target early is known even on a short horizon.
  const auto high = with_weekly(layout, [](std::size_t day) { return day >= 50 ? 7.0f : 0.0f; });
  CHECK(kpi(metrics::compute_kpis(high, settings), Kpi::ReachedTarget) == 1.0);
}

TEST_CASE("KPIs: spend, change-management share and cost per active", "[metrics]") {
  const auto layout = layout_of(10, 100);
  auto series = with_weekly(layout, [](std::size_t day) { return day >= 90 ? 4.0f : 0.0f; });
  auto total = series.mutable_series(layout->series_index(TotalMetric::SpendTotalUsd));
  auto change = series.mutable_series(layout->series_index(TotalMetric::ChangeManagementSpendUsd));
  for (std::size_t day = 0; day < total.size(); ++day) {
    total[day] = 10.0f * static_cast<float>(day);
    change[day] = 2.0f * static_cast<float>(day);
  }
  const auto values = metrics::compute_kpis(series, metrics::KpiSettings{});
  CHECK(kpi(values, Kpi::TotalSpendUsd) == 1000.0);
  CHECK(kpi(values, Kpi::ChangeManagementSpendShare) == Approx(0.2));
  CHECK(kpi(values, Kpi::CostPerActiveUsd) == Approx(900.0 / 4.0));
  const auto nobody = with_weekly(layout, [](std::size_t) { return 0.0f; });
  CHECK(std::isnan(kpi(metrics::compute_kpis(nobody, metrics::KpiSettings{}), Kpi::CostPerActiveUsd)));
}
