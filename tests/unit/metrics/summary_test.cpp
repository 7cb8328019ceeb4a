#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <stdexcept>
#include <vector>

#include "adoptsim/metrics/quantile.hpp"
#include "adoptsim/metrics/summary.hpp"
#include "adoptsim/org/org_graph.hpp"

using namespace adoptsim;
using metrics::GroupMetric;
using metrics::Kpi;
using metrics::SeriesStat;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::shared_ptr<const metrics::SeriesLayout> test_layout() {
  org::OrgGraphBuilder builder({"a", "b"});
  for (int person = 0; person < 20; ++person) {
    builder.add_person(org::Role::IndividualContributor, static_cast<org::DepartmentId>(person % 2));
  }
  return std::make_shared<const metrics::SeriesLayout>(builder.build(), 40);
}

// Replicate r: every series at day d holds a value depending on r, d and the
// series, with ties and values of very different magnitude in the KPIs so a
// reduction in another order would give different bits.
metrics::ReplicateSeries make_series(const std::shared_ptr<const metrics::SeriesLayout>& layout,
                                     std::uint32_t replicate) {
  metrics::ReplicateSeries series(layout);
  for (std::size_t index = 0; index < layout->series_count(); ++index) {
    auto values = series.mutable_series(index);
    for (std::size_t day = 0; day < values.size(); ++day) {
      values[day] =
          static_cast<float>((replicate * 7 + day * 3 + index) % 11) + 0.1f * static_cast<float>(replicate);
    }
  }
  auto& cohorts = series.mutable_cohorts();
  cohorts[0].first_users = 4 + replicate % 3;
  cohorts[0].returned = {replicate % 4, 1, 0};
  return series;
}

metrics::KpiValues make_kpis(std::uint32_t replicate) {
  metrics::KpiValues values;
  values.fill(kNaN);
  const double spread[] = {1e16, 1.0, -1e16, 3.0, 0.1, 0.2, 0.3, 1e-8};
  values[static_cast<std::size_t>(Kpi::ActiveShareDay90)] = 0.3 + 0.01 * (replicate % 5);
  values[static_cast<std::size_t>(Kpi::TotalSpendUsd)] = spread[replicate % 8];
  values[static_cast<std::size_t>(Kpi::ReachedTarget)] = replicate % 4 == 0 ? 0.0 : 1.0;
  values[static_cast<std::size_t>(Kpi::DaysTo50Pct)] = replicate % 3 == 0 ? kNaN : 40.0 + replicate;
  return values;
}

}  // namespace

TEST_CASE("describe: quantiles, mean and sd skip NaN", "[metrics]") {
  const std::vector<double> values = {4.0, kNaN, 1.0, 3.0, 2.0, 5.0};
  const metrics::Distribution d = metrics::describe(values);
  CHECK(d.n == 5);
  CHECK(d.mean == 3.0);
  CHECK(d.sd == Approx(std::sqrt(2.5)));
  CHECK(d.quantiles[0] == Approx(1.2));
  CHECK(d.quantiles[2] == 3.0);
  CHECK(d.quantiles[4] == Approx(4.8));
  const metrics::Distribution empty = metrics::describe(std::vector<double>{kNaN});
  CHECK(empty.n == 0);
  CHECK(std::isnan(empty.mean));
  const metrics::MeanInterval one = metrics::mean_interval_90(metrics::describe(std::vector<double>{1.0}));
  CHECK(std::isinf(one.half_width));
  CHECK_FALSE(one.half_width < 1e9);  // a precision rule keeps adding replicates
}

TEST_CASE("describe_censored: never-reached replicates are censored at the horizon, not missing",
          "[metrics]") {
  // 10 replicates, 3 never reached X (NaN). Sorted: 10 20 30 40 50 60 70 | c c c.
  const std::vector<double> values = {30.0, kNaN, 10.0, 70.0, kNaN, 50.0, 20.0, 60.0, kNaN, 40.0};
  const metrics::Distribution d = metrics::describe_censored(values);
  CHECK(d.n == 7);
  CHECK(d.censored == 3);  // 7 of 10 reached X
  // Type 7 at position q · 9: q05 = 0.45 → 10 + 0.45 · 10; q25 = 2.25 → 30 + 0.25 · 10;
  // q50 = 4.5 → 50 + 0.5 · 10; q75 = 6.75 interpolates rank 6 (70) with rank 7
  // (censored): later than the horizon; q95 = 8.55: censored.
  CHECK(d.quantiles[0] == Approx(14.5));
  CHECK(d.quantiles[1] == Approx(32.5));
  CHECK(d.quantiles[2] == Approx(55.0));
  CHECK(std::isinf(d.quantiles[3]));
  CHECK(d.quantiles[3] > 0.0);
  CHECK(std::isinf(d.quantiles[4]));
  // A mean of partly unknown times is not estimable.
  CHECK(std::isnan(d.mean));
  CHECK(std::isnan(d.sd));
  // describe() would have dropped the three and reported a median of 40: the silent wrong answer.
  CHECK(metrics::describe(values).quantiles[2] == 40.0);

  // 5 values, 3 censored: the median (rank 2) is censored; q25 at position 1 needs no interpolation.
  const metrics::Distribution most =
      metrics::describe_censored(std::vector<double>{kNaN, 12.0, kNaN, 8.0, kNaN});
  CHECK(most.n == 2);
  CHECK(most.censored == 3);
  CHECK(most.quantiles[0] == Approx(8.8));  // position 0.2: 8 + 0.2 · 4
  CHECK(most.quantiles[1] == 12.0);         // position 1 exactly: rank 1, no weight on the censored rank 2
  CHECK(std::isinf(most.quantiles[2]));

  // Nothing censored: the same as describe().
  const std::vector<double> all = {4.0, 1.0, 3.0, 2.0, 5.0};
  const metrics::Distribution none = metrics::describe_censored(all);
  CHECK(none.censored == 0);
  CHECK(none.n == 5);
  CHECK(none.mean == 3.0);
  CHECK(none.quantiles[2] == 3.0);
  // Every replicate censored.
  const metrics::Distribution never = metrics::describe_censored(std::vector<double>{kNaN, kNaN});
  CHECK(never.n == 0);
  CHECK(never.censored == 2);
  CHECK(std::isinf(never.quantiles[0]));
}

TEST_CASE("summary: a time-to-X KPI is summarised with censoring", "[metrics]") {
  metrics::SummaryAccumulator accumulator;
  for (std::uint32_t r = 0; r < 6; ++r) accumulator.add(r, metrics::ReplicateSeries{}, make_kpis(r));
  // make_kpis: replicates 0 and 3 never reach 50%; the others at 40 + r.
  const metrics::Distribution days = accumulator.kpi_distribution(Kpi::DaysTo50Pct);
  CHECK(days.n == 4);
  CHECK(days.censored == 2);
  CHECK(days.quantiles[0] == Approx(41.0 + 0.25 * 1.0));  // 41 42 44 45 | c c, position 0.25
  CHECK(std::isinf(days.quantiles[4]));
  CHECK(accumulator.kpi_distribution(Kpi::ActiveShareDay90).censored == 0);
}

TEST_CASE("summary: bands equal a direct computation, in any order of arrival", "[metrics]") {
  const auto layout = test_layout();
  const std::uint32_t n = 23;
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t r = 0; r < n; ++r) order[r] = r;

  metrics::SummaryAccumulator in_order;
  for (std::uint32_t r : order) in_order.add(r, make_series(layout, r), make_kpis(r));
  const metrics::Summary expected = in_order.summarise();
  REQUIRE(expected.replicate_count == n);

  // Direct computation for a few series and days.
  for (const std::size_t index : {layout->series_index(GroupMetric::WeeklyActive, 2),
                                  layout->series_index(metrics::TotalMetric::HoursSaved)}) {
    for (const std::size_t day : {std::size_t{0}, std::size_t{17}, std::size_t{40}}) {
      std::vector<double> values;
      for (std::uint32_t r = 0; r < n; ++r) values.push_back(make_series(layout, r).series(index)[day]);
      const double levels[] = {0.05, 0.25, 0.5, 0.75, 0.95};
      const auto direct = metrics::quantiles(values, levels);
      double sum = 0.0;
      for (double value : values) sum += value;
      CHECK(expected.series.value(index, day, SeriesStat::Mean) == Approx(sum / n));
      CHECK(expected.series.value(index, day, SeriesStat::Q05) == direct[0]);
      CHECK(expected.series.value(index, day, SeriesStat::Q25) == direct[1]);
      CHECK(expected.series.value(index, day, SeriesStat::Q50) == direct[2]);
      CHECK(expected.series.value(index, day, SeriesStat::Q75) == direct[3]);
      CHECK(expected.series.value(index, day, SeriesStat::Q95) == direct[4]);
    }
  }
  // KPIs: the mean of an indicator is a probability; NaN are not counted.
  const auto& reached = expected.kpis[static_cast<std::size_t>(Kpi::ReachedTarget)];
  CHECK(reached.n == n);
  CHECK(reached.mean == Approx(17.0 / 23.0));  // replicates 0, 4, .., 20 missed
  // days_to_50pct is censored, not missing: 15 of 23 reached 50%, 8 never did.
  CHECK(expected.kpis[static_cast<std::size_t>(Kpi::DaysTo50Pct)].n == 15);
  CHECK(expected.kpis[static_cast<std::size_t>(Kpi::DaysTo50Pct)].censored == 8);
  CHECK(expected.kpis[static_cast<std::size_t>(Kpi::HardReview)].n == 0);
  // Headline interval: mean ± 1.645 sd / √n.
  const auto& headline = expected.kpis[static_cast<std::size_t>(Kpi::ActiveShareDay90)];
  CHECK(expected.headline_interval.half_width == Approx(1.645 * headline.sd / std::sqrt(23.0)).epsilon(1e-4));
  CHECK(expected.headline_interval.low == Approx(headline.mean - expected.headline_interval.half_width));
  CHECK(in_order.headline_interval().half_width == expected.headline_interval.half_width);
  // Cohorts: per-replicate return rates.
  REQUIRE(expected.cohorts.size() == layout->cohort_count());
  CHECK(expected.cohorts[0].return_rate[1].n == n);
  CHECK(expected.cohorts[5].return_rate[0].n == 0);  // censored for 40 days

  const std::uint32_t seed = 7;
  INFO("shuffle seed " << seed);
  std::mt19937 rng(seed);
  for (int trial = 0; trial < 3; ++trial) {
    std::shuffle(order.begin(), order.end(), rng);
    metrics::SummaryAccumulator shuffled;
    for (std::uint32_t r : order) shuffled.add(r, make_series(layout, r), make_kpis(r));
    const metrics::Summary actual = shuffled.summarise();
    for (std::size_t index = 0; index < layout->series_count(); ++index) {
      for (std::size_t day = 0; day < layout->day_count(); ++day) {
        for (int stat = 0; stat < metrics::kSeriesStatCount; ++stat) {
          REQUIRE(actual.series.value(index, day, static_cast<SeriesStat>(stat)) ==
                  expected.series.value(index, day, static_cast<SeriesStat>(stat)));
        }
      }
    }
    for (std::size_t kpi = 0; kpi < expected.kpis.size(); ++kpi) {
      const auto& a = actual.kpis[kpi];
      const auto& e = expected.kpis[kpi];
      REQUIRE(a.n == e.n);
      if (e.n == 0) continue;
      // Bit-identical: the spend KPI mixes 1e16 and 1, so another summation order would differ.
      REQUIRE((a.mean == e.mean || (std::isnan(a.mean) && std::isnan(e.mean))));
      REQUIRE(a.censored == e.censored);
      REQUIRE((a.sd == e.sd || (std::isnan(a.sd) && std::isnan(e.sd))));
      REQUIRE(a.quantiles == e.quantiles);
    }
    CHECK(actual.cohorts[0].return_rate[0].mean == expected.cohorts[0].return_rate[0].mean);
    CHECK(shuffled.replicates() == in_order.replicates());
  }
}

TEST_CASE("summary rejects duplicates and mixed layouts", "[metrics]") {
  const auto layout = test_layout();
  metrics::SummaryAccumulator accumulator;
  accumulator.add(3, make_series(layout, 3), make_kpis(3));
  CHECK_THROWS_AS(accumulator.add(3, make_series(layout, 3), make_kpis(3)), std::invalid_argument);
  CHECK_THROWS_AS(accumulator.add(4, metrics::ReplicateSeries{}, make_kpis(4)), std::invalid_argument);
  org::OrgGraphBuilder builder({"x"});
  builder.add_person(org::Role::Manager, 0);
  const auto other = std::make_shared<const metrics::SeriesLayout>(builder.build(), 40);
  CHECK_THROWS_AS(accumulator.add(5, metrics::ReplicateSeries(other), make_kpis(5)), std::invalid_argument);
  CHECK(accumulator.replicate_count() == 1);

  // KPIs only (no series) is fine.
  metrics::SummaryAccumulator kpis_only(Kpi::ReachedTarget);
  kpis_only.add(1, {}, make_kpis(1));
  kpis_only.add(0, {}, make_kpis(0));
  const metrics::Summary summary = kpis_only.summarise();
  CHECK(summary.series.layout() == nullptr);
  CHECK(summary.headline == Kpi::ReachedTarget);
  CHECK(summary.headline_interval.mean == 0.5);
}

TEST_CASE("summary: a plan group of another size in a replicate is summarised by its own share",
          "[metrics]") {
  org::OrgGraphBuilder builder({"a"});
  for (int person = 0; person < 20; ++person) builder.add_person(org::Role::IndividualContributor, 0);
  const org::OrgGraph graph = builder.build();
  metrics::PlanGroupSizes sizes;
  sizes[static_cast<std::size_t>(metrics::PlanGroup::Champions)] = 4;  // replicate 0's size
  const auto layout = std::make_shared<const metrics::SeriesLayout>(graph, 10, sizes);
  const std::size_t champions = *layout->plan_group(metrics::PlanGroup::Champions);
  const std::size_t index = layout->series_index(GroupMetric::WeeklyActive, champions);
  // Replicate r has 4 + r champions, r + 1 of them weekly active on every
  // day (shares 1/4, 2/5, 3/6, 4/7, 5/8), and everyone is weekly active.
  metrics::SummaryAccumulator accumulator;
  for (std::uint32_t r = 0; r < 5; ++r) {
    metrics::ReplicateSeries series(layout);
    series.set_plan_group_size(champions, 4 + r);
    for (float& value : series.mutable_series(index)) value = static_cast<float>(r + 1);
    for (float& value : series.mutable_series(layout->series_index(GroupMetric::WeeklyActive))) value = 20.0f;
    accumulator.add(r, std::move(series), make_kpis(r));
  }
  const metrics::Summary summary = accumulator.summarise();
  const std::vector<double> shares = {1.0 / 4, 2.0 / 5, 3.0 / 6, 4.0 / 7, 5.0 / 8};
  const double levels[] = {0.05, 0.25, 0.5, 0.75, 0.95};
  const auto direct = metrics::quantiles(shares, levels);
  for (std::size_t level = 0; level < 5; ++level) {
    CHECK(summary.series.value(index, 7, static_cast<SeriesStat>(level + 1)) / 4.0 ==
          Approx(direct[level]).epsilon(1e-6));
  }
  double mean = 0.0;
  for (const double share : shares) mean += share / 5.0;
  CHECK(summary.series.value(index, 7, SeriesStat::Mean) / 4.0 == Approx(mean).epsilon(1e-6));
  // Groups of the organisation are never rescaled.
  CHECK(summary.series.value(layout->series_index(GroupMetric::WeeklyActive), 7, SeriesStat::Q05) == 20.0);
  // Only a plan group's size may be set.
  metrics::ReplicateSeries series(layout);
  CHECK_THROWS_AS(series.set_plan_group_size(0, 3), std::invalid_argument);
}
