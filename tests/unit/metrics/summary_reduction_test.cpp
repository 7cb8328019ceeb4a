// The bounded reduction behind SummaryAccumulator: series folded into exact
// frequency tables as replicates arrive must give what a computation over
// every stored series gives, bit for bit, in any order of arrival.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <span>
#include <stdexcept>
#include <vector>

#include "adoptsim/metrics/quantile.hpp"
#include "adoptsim/metrics/summary.hpp"
#include "adoptsim/model/observer.hpp"
#include "adoptsim/org/org_graph.hpp"

using namespace adoptsim;
using metrics::SeriesStat;

namespace {

std::shared_ptr<const metrics::SeriesLayout> small_layout(std::int32_t horizon_days) {
  org::OrgGraphBuilder builder({"a", "b", "c"});
  for (int person = 0; person < 30; ++person) {
    builder.add_person(static_cast<org::Role>(person % org::kRoleCount),
                       static_cast<org::DepartmentId>(person % 3));
  }
  return std::make_shared<const metrics::SeriesLayout>(builder.build(), horizon_days);
}

// A draw in [0, below), the same on every standard library.
std::uint32_t draw(std::mt19937& rng, std::uint32_t below) {
  return static_cast<std::uint32_t>(rng() % below);
}

// Equal bits (so +0 and -0 differ, and NaN equals NaN).
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The reference: every replicate's value kept, summed in replicate order and
// sorted for the quantiles.
struct BruteForce {
  double mean;
  std::array<double, metrics::kQuantileLevels.size()> quantiles;
};
BruteForce brute_force(std::vector<double> values) {
  BruteForce result{};
  double sum = 0.0;
  for (double value : values) sum += value;
  result.mean = sum / static_cast<double>(values.size());
  std::sort(values.begin(), values.end());
  for (std::size_t level = 0; level < metrics::kQuantileLevels.size(); ++level) {
    result.quantiles[level] = metrics::quantile_of_sorted(values, metrics::kQuantileLevels[level]);
  }
  return result;
}

metrics::KpiValues kpis_of(std::uint32_t replicate) {
  metrics::KpiValues values;
  values.fill(std::numeric_limits<double>::quiet_NaN());
  values[static_cast<std::size_t>(metrics::Kpi::ActiveShareDay90)] = 0.25 + 0.001 * replicate;
  return values;
}

// Checks every band of `summary` against brute_force over `stored` (replicate-major).
void check_against_brute_force(const metrics::Summary& summary,
                               const std::vector<metrics::ReplicateSeries>& stored) {
  const metrics::SeriesLayout& layout = stored.front().layout();
  std::vector<double> values(stored.size());
  for (std::size_t series = 0; series < layout.series_count(); ++series) {
    for (std::size_t day = 0; day < layout.day_count(); ++day) {
      for (std::size_t r = 0; r < stored.size(); ++r) values[r] = stored[r].series(series)[day];
      const BruteForce expected = brute_force(values);
      INFO("series " << series << " day " << day);
      REQUIRE(same_bits(summary.series.value(series, day, SeriesStat::Mean), expected.mean));
      for (std::size_t level = 0; level < expected.quantiles.size(); ++level) {
        REQUIRE(same_bits(summary.series.value(series, day, static_cast<SeriesStat>(level + 1)),
                          expected.quantiles[level]));
      }
    }
  }
}

void check_same_summary(const metrics::Summary& a, const metrics::Summary& b) {
  REQUIRE(a.replicate_count == b.replicate_count);
  const metrics::SeriesLayout& layout = *a.series.layout();
  for (std::size_t series = 0; series < layout.series_count(); ++series) {
    for (std::size_t day = 0; day < layout.day_count(); ++day) {
      for (int stat = 0; stat < metrics::kSeriesStatCount; ++stat) {
        REQUIRE(same_bits(a.series.value(series, day, static_cast<SeriesStat>(stat)),
                          b.series.value(series, day, static_cast<SeriesStat>(stat))));
      }
    }
  }
  REQUIRE(a.cohorts.size() == b.cohorts.size());
  for (std::size_t cohort = 0; cohort < a.cohorts.size(); ++cohort) {
    REQUIRE(same_bits(a.cohorts[cohort].mean_first_users, b.cohorts[cohort].mean_first_users));
    for (std::size_t index = 0; index < metrics::kReturnDays.size(); ++index) {
      const metrics::Distribution& x = a.cohorts[cohort].return_rate[index];
      const metrics::Distribution& y = b.cohorts[cohort].return_rate[index];
      REQUIRE(x.n == y.n);
      REQUIRE(same_bits(x.mean, y.mean));
      REQUIRE(same_bits(x.sd, y.sd));
      for (std::size_t level = 0; level < x.quantiles.size(); ++level) {
        REQUIRE(same_bits(x.quantiles[level], y.quantiles[level]));
      }
    }
  }
}

// Adds `stored` in `order` to a fresh accumulator and summarises.
metrics::Summary summarise_in(const std::vector<metrics::ReplicateSeries>& stored,
                              const std::vector<std::uint32_t>& order) {
  metrics::SummaryAccumulator accumulator;
  for (std::uint32_t r : order) accumulator.add(r, stored[r], kpis_of(r));
  return accumulator.summarise();
}

std::vector<std::uint32_t> identity_order(std::size_t n) {
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t r = 0; r < n; ++r) order[r] = r;
  return order;
}

}  // namespace

TEST_CASE("ValueHistogram: quantiles and sum equal a brute force over the values", "[metrics]") {
  const std::uint32_t seed = 20261122;
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  for (const std::size_t n : std::array<std::size_t, 8>{1, 2, 3, 4, 7, 20, 101, 1000}) {
    for (const std::uint32_t range : std::array<std::uint32_t, 4>{1, 3, 50, 100000}) {
      std::vector<float> values(n);
      for (float& value : values) value = static_cast<float>(draw(rng, range));
      metrics::ValueHistogram histogram;
      for (float value : values) histogram.add(value);
      const BruteForce expected = brute_force(std::vector<double>(values.begin(), values.end()));
      std::array<double, metrics::kQuantileLevels.size()> actual{};
      histogram.quantiles(metrics::kQuantileLevels, actual);
      INFO("n " << n << " range " << range);
      CHECK(histogram.count() == n);
      CHECK(histogram.distinct_count() <= std::min<std::size_t>(n, range));
      CHECK(same_bits(histogram.sum() / static_cast<double>(n), expected.mean));
      for (std::size_t level = 0; level < actual.size(); ++level) {
        CHECK(same_bits(actual[level], expected.quantiles[level]));
      }
      // Levels in any order, and other levels than the five bands.
      const std::array<double, 4> levels = {1.0, 0.0, 0.5, 0.01};
      std::array<double, 4> unordered{};
      histogram.quantiles(levels, unordered);
      std::vector<double> sorted(values.begin(), values.end());
      std::sort(sorted.begin(), sorted.end());
      for (std::size_t level = 0; level < levels.size(); ++level) {
        CHECK(same_bits(unordered[level], metrics::quantile_of_sorted(sorted, levels[level])));
      }
    }
  }
}

TEST_CASE("ValueHistogram: its sum is exact, so order-free, where a running sum is not", "[metrics]") {
  const std::array<float, 4> values = {1e30f, 1.0f, -1e30f, 0.5f};
  metrics::ValueHistogram forward;
  metrics::ValueHistogram backward;
  for (float value : values) forward.add(value);
  for (auto it = values.rbegin(); it != values.rend(); ++it) backward.add(*it);
  CHECK(forward.sum() == 1.5);
  CHECK(backward.sum() == 1.5);
  // A running double sum loses the small terms in one order and not the other.
  double running = 0.0;
  for (float value : values) running += value;
  CHECK(running != 1.5);

  // Round half to even across partials: 2^53 + 1 + 2^-30 rounds up, 2^53 + 1 down.
  metrics::ValueHistogram tie;
  tie.add(9007199254740992.0f);  // 2^53
  tie.add(1.0f);
  CHECK(tie.sum() == 9007199254740992.0);
  tie.add(std::ldexp(1.0f, -30));
  CHECK(tie.sum() == 9007199254740994.0);
}

// ±0 share one bin, so the table itself (not only what is read from it) is
// the same for either order.
TEST_CASE("ValueHistogram: -0 counts as +0 and NaN is refused", "[metrics]") {
  metrics::ValueHistogram negative_first;
  negative_first.add(-0.0f);
  negative_first.add(0.0f);
  metrics::ValueHistogram positive_first;
  positive_first.add(0.0f);
  positive_first.add(-0.0f);
  for (const metrics::ValueHistogram* histogram : {&negative_first, &positive_first}) {
    CHECK(histogram->distinct_count() == 1);
    std::array<double, 1> median{};
    histogram->quantiles(std::array<double, 1>{0.5}, median);
    CHECK_FALSE(std::signbit(median[0]));
    CHECK_FALSE(std::signbit(histogram->sum()));
  }
  metrics::ValueHistogram histogram;
  CHECK_THROWS_AS(histogram.add(std::numeric_limits<float>::quiet_NaN()), std::invalid_argument);
  CHECK(histogram.count() == 0);
  std::array<double, 1> out{};
  CHECK_THROWS_AS(histogram.quantiles(std::array<double, 1>{0.5}, out), std::invalid_argument);
}

TEST_CASE("summary: random counts, any order of arrival, equal a brute force over stored series",
          "[metrics]") {
  const auto layout = small_layout(30);
  const std::uint32_t seed = 7031;
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  // Each series gets its own range of counts: constant, a few values (many
  // ties), or wide (few ties); values stay below 2^24 as the recorder's do.
  std::vector<std::uint32_t> range(layout->series_count());
  for (std::uint32_t& r : range) r = std::array<std::uint32_t, 4>{1, 4, 60, 1u << 20}[draw(rng, 4)];
  const std::size_t n = 57;
  std::vector<metrics::ReplicateSeries> stored;
  for (std::size_t r = 0; r < n; ++r) {
    metrics::ReplicateSeries series(layout);
    for (std::size_t index = 0; index < layout->series_count(); ++index) {
      for (float& value : series.mutable_series(index)) value = static_cast<float>(draw(rng, range[index]));
    }
    for (metrics::CohortCounts& cohort : series.mutable_cohorts()) {
      cohort.first_users = draw(rng, 9);
      for (std::uint32_t& returned : cohort.returned)
        returned = cohort.first_users == 0 ? 0 : draw(rng, cohort.first_users + 1);
    }
    stored.push_back(std::move(series));
  }

  std::vector<std::uint32_t> order = identity_order(n);
  const metrics::Summary in_order = summarise_in(stored, order);
  check_against_brute_force(in_order, stored);
  // Cohorts: the per-replicate rates, in replicate order.
  std::vector<double> rates(n);
  for (std::size_t r = 0; r < n; ++r) rates[r] = stored[r].return_rate(0, 1);
  const metrics::Distribution expected_rate = metrics::describe(rates);
  CHECK(same_bits(in_order.cohorts[0].return_rate[1].mean, expected_rate.mean));
  CHECK(same_bits(in_order.cohorts[0].return_rate[1].sd, expected_rate.sd));

  for (int trial = 0; trial < 4; ++trial) {
    std::shuffle(order.begin(), order.end(), rng);
    INFO("trial " << trial);
    check_same_summary(summarise_in(stored, order), in_order);
  }
}

TEST_CASE("summary: spend and ratio series keep their exact float values, in any order of arrival",
          "[metrics]") {
  const auto layout = small_layout(60);
  const std::uint32_t seed = 99;
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  const std::size_t n = 41;
  std::vector<metrics::ReplicateSeries> stored;
  for (std::size_t r = 0; r < n; ++r) {
    metrics::ReplicateSeries series(layout);
    // Spend as the recorder writes it: a cumulative double of daily amounts
    // (whole cents, and fractions of a cent as a per-seat-day price gives),
    // stored as float, so above $131,072 coarser than a cent. Every nonzero
    // value is at least $1 and at most about $3M, so a running double sum
    // of 41 of them is exact and the mean must match it bit for bit.
    for (int lever = 0; lever < model::kBudgetLeverCount; ++lever) {
      double cumulative = 0.0;
      std::span<float> values = series.mutable_series(
          layout->series_index(metrics::spend_metric(static_cast<model::BudgetLever>(lever))));
      for (float& value : values) {
        if (draw(rng, 3) == 0) cumulative += 1.0 + static_cast<double>(draw(rng, 5000000)) / 100.0;
        if (draw(rng, 5) == 0) cumulative += 37.0 * (2000.0 / 365.0);
        value = static_cast<float>(cumulative);
      }
    }
    // Uses per weekly active person: a ratio of counts, or 0 (a running sum
    // of these is exact too: from 1/29 to 299).
    std::span<float> depth =
        series.mutable_series(layout->series_index(metrics::TotalMetric::UsesPerWeeklyActive));
    for (float& value : depth) {
      const std::uint32_t weekly = draw(rng, 30);
      value = weekly == 0 ? 0.0f : static_cast<float>(static_cast<double>(draw(rng, 300)) / weekly);
    }
    stored.push_back(std::move(series));
  }

  // These series take most values once: the tables hold them exactly.
  std::vector<std::uint32_t> order = identity_order(n);
  const metrics::Summary in_order = summarise_in(stored, order);
  check_against_brute_force(in_order, stored);
  for (int trial = 0; trial < 4; ++trial) {
    std::shuffle(order.begin(), order.end(), rng);
    INFO("trial " << trial);
    check_same_summary(summarise_in(stored, order), in_order);
  }
}

TEST_CASE("summary: memory stays bounded as replicates of bounded counts are added", "[metrics]") {
  const auto layout = small_layout(40);
  const std::size_t series_bytes = layout->series_count() * layout->day_count() * sizeof(float);
  const std::uint32_t seed = 5;
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  metrics::SummaryAccumulator accumulator;
  std::size_t bytes_at_200 = 0;
  for (std::uint32_t r = 0; r < 2000; ++r) {
    metrics::ReplicateSeries series(layout);
    for (std::size_t index = 0; index < layout->series_count(); ++index) {
      for (float& value : series.mutable_series(index)) value = static_cast<float>(draw(rng, 31));
    }
    accumulator.add(r, std::move(series), kpis_of(r));
    if (r + 1 == 200) bytes_at_200 = accumulator.memory_bytes();
  }
  const std::size_t growth = accumulator.memory_bytes() - bytes_at_200;
  INFO("bytes at 200 replicates " << bytes_at_200 << ", at 2000 " << accumulator.memory_bytes()
                                  << ", one replicate's series " << series_bytes);
  // 1,800 more replicates: only their KPIs and cohort counts (and vector
  // slack), a small fraction of the series they carried.
  CHECK(growth < 1800 * series_bytes / 20);
  CHECK(accumulator.memory_bytes() < 2000 * series_bytes / 10);
}

TEST_CASE("summary: a replicate with a NaN in its series is refused and adds nothing", "[metrics]") {
  const auto layout = small_layout(10);
  metrics::SummaryAccumulator accumulator;
  metrics::ReplicateSeries good(layout);
  good.mutable_series(3)[4] = 2.0f;
  accumulator.add(0, good, kpis_of(0));
  metrics::ReplicateSeries bad(layout);
  bad.mutable_series(3)[4] = 7.0f;
  bad.mutable_series(5)[2] = std::numeric_limits<float>::quiet_NaN();
  CHECK_THROWS_AS(accumulator.add(1, bad, kpis_of(1)), std::invalid_argument);
  CHECK(accumulator.replicate_count() == 1);
  accumulator.add(1, good, kpis_of(1));
  const metrics::Summary summary = accumulator.summarise();
  CHECK(summary.series.value(3, 4, SeriesStat::Mean) == 2.0);
  CHECK(summary.series.value(3, 4, SeriesStat::Q95) == 2.0);
}
