#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "adoptsim/metrics/compare.hpp"

using namespace adoptsim;
using metrics::Kpi;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

metrics::KpiValues blank() {
  metrics::KpiValues values;
  values.fill(kNaN);
  return values;
}

void set(metrics::KpiValues& values, Kpi kpi, double value) { values[static_cast<std::size_t>(kpi)] = value; }

const metrics::PairedComparison& of(const std::array<metrics::PairedComparison, metrics::kKpiCount>& all,
                                    Kpi kpi) {
  return all[static_cast<std::size_t>(kpi)];
}

}  // namespace

TEST_CASE("paired comparison: a known difference, its quantiles and interval", "[metrics]") {
  std::vector<metrics::KpiValues> a(21, blank());
  std::vector<metrics::KpiValues> b(21, blank());
  for (std::size_t r = 0; r < a.size(); ++r) {
    // Baseline varies a lot between replicates; the candidate adds r / 100.
    const double base = 0.1 + 0.03 * static_cast<double>((r * 7) % 10);
    set(a[r], Kpi::ActiveShareDay90, base);
    set(b[r], Kpi::ActiveShareDay90, base + static_cast<double>(r) / 100.0);
  }
  const auto result = metrics::compare_paired(a, b);
  const auto& share = of(result, Kpi::ActiveShareDay90);
  CHECK(share.kpi == Kpi::ActiveShareDay90);
  CHECK(share.difference.n == 21);
  CHECK(share.difference.mean == Approx(0.10));          // mean of 0 .. 0.20
  CHECK(share.difference.quantiles[0] == Approx(0.01));  // 5% of 0 .. 0.20 (type 7)
  CHECK(share.difference.quantiles[4] == Approx(0.19));
  const double sd = std::sqrt(0.0077 / 2.0);  // sd of {0, .., 20} / 100
  CHECK(share.difference.sd == Approx(sd));
  CHECK(share.interval.half_width == Approx(1.6448536 * sd / std::sqrt(21.0)));
  CHECK(share.interval.low < 0.10);
  CHECK(share.interval.high > 0.10);
  // Replicate 0 ties, the other 20 are wins: a tie is not half a win.
  CHECK(share.probability_b_beats_a == Approx(20.0 / 21.0));
  CHECK(share.tie_share == Approx(1.0 / 21.0));
  CHECK(share.ranked_pairs == 21);
  CHECK_THROWS_AS(metrics::compare_paired(a, std::vector<metrics::KpiValues>(3, blank())),
                  std::invalid_argument);
}

TEST_CASE("paired comparison: P(B beats A) with ties, lower-is-better and NaN", "[metrics]") {
  std::vector<metrics::KpiValues> a(4, blank());
  std::vector<metrics::KpiValues> b(4, blank());
  const double reached_a[] = {1, 0, 1, 0};
  const double reached_b[] = {1, 1, 0, 0};
  const double review_a[] = {1, 1, 1, 0};
  const double review_b[] = {0, 1, 0, 0};
  const double days_a[] = {kNaN, 40, 50, kNaN};
  const double days_b[] = {30, 35, kNaN, kNaN};
  for (std::size_t r = 0; r < 4; ++r) {
    set(a[r], Kpi::ReachedTarget, reached_a[r]);
    set(b[r], Kpi::ReachedTarget, reached_b[r]);
    set(a[r], Kpi::HardReview, review_a[r]);
    set(b[r], Kpi::HardReview, review_b[r]);
    set(a[r], Kpi::DaysTo50Pct, days_a[r]);
    set(b[r], Kpi::DaysTo50Pct, days_b[r]);
    set(a[r], Kpi::ChangeManagementSpendShare, 0.1);
    set(b[r], Kpi::ChangeManagementSpendShare, 0.2);
    set(a[r], Kpi::ActiveShareDay30, r == 0 ? kNaN : 0.2);
    set(b[r], Kpi::ActiveShareDay30, 0.3);
  }
  const auto result = metrics::compare_paired(a, b);
  CHECK(of(result, Kpi::ReachedTarget).probability_b_beats_a == 0.25);  // tie, win, loss, tie
  CHECK(of(result, Kpi::ReachedTarget).tie_share == 0.5);
  CHECK(of(result, Kpi::ReachedTarget).difference.mean == 0.0);
  CHECK(of(result, Kpi::HardReview).probability_b_beats_a == 0.5);  // lower is better: win, tie, win, tie
  CHECK(of(result, Kpi::HardReview).tie_share == 0.5);
  // NaN days never reached 50%: worse than any day; two NaN tie.
  CHECK(of(result, Kpi::DaysTo50Pct).probability_b_beats_a == 0.5);  // win, win, loss, tie
  CHECK(of(result, Kpi::DaysTo50Pct).tie_share == 0.25);
  CHECK(of(result, Kpi::DaysTo50Pct).ranked_pairs == 4);
  CHECK(of(result, Kpi::DaysTo50Pct).difference.n == 1);
  CHECK(of(result, Kpi::DaysTo50Pct).difference.mean == -5.0);
  // No preference: no probability, but the difference is reported.
  CHECK(std::isnan(of(result, Kpi::ChangeManagementSpendShare).probability_b_beats_a));
  CHECK(std::isnan(of(result, Kpi::ChangeManagementSpendShare).tie_share));
  CHECK(of(result, Kpi::ChangeManagementSpendShare).difference.mean == Approx(0.1));
  // A NaN share is not ranked.
  CHECK(of(result, Kpi::ActiveShareDay30).ranked_pairs == 3);
  CHECK(of(result, Kpi::ActiveShareDay30).probability_b_beats_a == 1.0);
  CHECK(of(result, Kpi::ActiveShareDay30).tie_share == 0.0);
}

TEST_CASE("common random numbers: the paired interval is narrower than Welch's", "[metrics]") {
  const std::uint32_t seed = 42;
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  std::normal_distribution<double> replicate_noise(0.0, 0.1);
  std::normal_distribution<double> small_noise(0.0, 0.005);
  std::vector<metrics::KpiValues> a(200, blank());
  std::vector<metrics::KpiValues> b(200, blank());
  for (std::size_t r = 0; r < a.size(); ++r) {
    // Both scenarios see the same replicate-level noise (same seed, same streams).
    const double shared = replicate_noise(rng);
    set(a[r], Kpi::ActiveShareDay90, 0.30 + shared + small_noise(rng));
    set(b[r], Kpi::ActiveShareDay90, 0.32 + shared + small_noise(rng));
  }
  const auto paired = of(metrics::compare_paired(a, b), Kpi::ActiveShareDay90);
  const auto unpaired = metrics::compare_unpaired(a, b)[static_cast<std::size_t>(Kpi::ActiveShareDay90)];
  CHECK(unpaired.n_baseline == 200);
  CHECK(unpaired.mean_difference == Approx(paired.difference.mean));
  CHECK(paired.interval.half_width < unpaired.high - unpaired.mean_difference);
  const double unpaired_half_width = unpaired.high - unpaired.mean_difference;
  CHECK(paired.interval.half_width * 5.0 < unpaired_half_width);
  CHECK(paired.interval.low < 0.02);
  CHECK(paired.interval.high > 0.02);
  CHECK(paired.interval.low > 0.0);  // with CRN, 200 replicates resolve a 2-point difference
  CHECK(unpaired.welch_df == Approx(398.0).margin(5.0));
}
