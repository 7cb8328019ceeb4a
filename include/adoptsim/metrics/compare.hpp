// Comparisons of two scenarios' KPIs: a baseline A and a candidate B. The
// paired version assumes common random numbers (both run with the same
// seed, replicate r of A paired with replicate r of B), which removes most
// of the replicate-to-replicate noise from the difference.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <span>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/metrics/summary.hpp"

namespace adoptsim::metrics {

struct PairedComparison {
  Kpi kpi = Kpi::ActiveShareDay90;
  // Differences B − A over the pairs where both are defined (difference.n of
  // them; for a time-to-X KPI, the pairs in which both reached X):
  // mean, sd and quantiles (quantiles[0] and [4] are the 5% and 95% points).
  Distribution difference;
  // 90% interval of the mean difference, normal approximation:
  // mean ± kZ90 · sd / √n (see mean_interval_90).
  MeanInterval interval;
  // P(B beats A): the share of ranked pairs in which B is strictly better;
  // a tie is not half a win, it is counted in tie_share (so P(beats),
  // tie_share and the share in which A is better sum to 1). "Better" follows
  // the KPI's preference; for a KPI with nan_is_worst a NaN ranks below any
  // value (two NaNs tie), otherwise pairs with a NaN are left out. Both NaN
  // for a KPI without a preference or when no pair is ranked.
  double probability_b_beats_a = std::numeric_limits<double>::quiet_NaN();
  double tie_share = std::numeric_limits<double>::quiet_NaN();
  std::size_t ranked_pairs = 0;
};

// Replicate r of `baseline` is paired with replicate r of `candidate`.
// Throws std::invalid_argument when the two have different sizes.
std::array<PairedComparison, kKpiCount> compare_paired(std::span<const KpiValues> baseline,
                                                       std::span<const KpiValues> candidate);

// Independent samples (different seeds): difference of means B − A with
// Welch's standard error √(s_A²/n_A + s_B²/n_B) and the same normal 90%
// interval (± kZ90 · standard error), so it can be set beside the paired
// interval; welch_df is the Welch–Satterthwaite degrees of freedom, for
// callers who want a t quantile instead.
struct UnpairedComparison {
  Kpi kpi = Kpi::ActiveShareDay90;
  std::size_t n_baseline = 0;
  std::size_t n_candidate = 0;
  double mean_difference = std::numeric_limits<double>::quiet_NaN();
  double standard_error = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
  double welch_df = std::numeric_limits<double>::quiet_NaN();
};

std::array<UnpairedComparison, kKpiCount> compare_unpaired(std::span<const KpiValues> baseline,
                                                           std::span<const KpiValues> candidate);

}  // namespace adoptsim::metrics
