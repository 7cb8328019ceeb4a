#include "adoptsim/metrics/compare.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace adoptsim::metrics {

namespace {

// 1 when b beats a, 0.5 for a tie (a marker, not half a win), 0 when a
// beats b; NaN when the pair is not ranked.
double score(const KpiDefinition& definition, double a, double b) {
  const bool a_missing = std::isnan(a);
  const bool b_missing = std::isnan(b);
  if (a_missing || b_missing) {
    if (!definition.nan_is_worst) return std::nan("");
    if (a_missing && b_missing) return 0.5;
    return a_missing ? 1.0 : 0.0;
  }
  if (a == b) return 0.5;
  const bool b_higher = b > a;
  return b_higher == definition.higher_is_better() ? 1.0 : 0.0;
}

std::vector<double> column(std::span<const KpiValues> values, std::size_t kpi) {
  std::vector<double> result;
  result.reserve(values.size());
  for (const KpiValues& row : values) result.push_back(row[kpi]);
  return result;
}

}  // namespace

std::array<PairedComparison, kKpiCount> compare_paired(std::span<const KpiValues> baseline,
                                                       std::span<const KpiValues> candidate) {
  if (baseline.size() != candidate.size()) {
    throw std::invalid_argument("compare_paired: " + std::to_string(baseline.size()) + " baseline and " +
                                std::to_string(candidate.size()) + " candidate replicates");
  }
  std::array<PairedComparison, kKpiCount> result;
  std::vector<double> differences(baseline.size());
  for (std::size_t kpi = 0; kpi < result.size(); ++kpi) {
    const KpiDefinition& definition = kpi_definitions()[kpi];
    PairedComparison& comparison = result[kpi];
    comparison.kpi = static_cast<Kpi>(kpi);
    double score_sum = 0.0;
    std::size_t ties = 0;
    for (std::size_t r = 0; r < baseline.size(); ++r) {
      const double a = baseline[r][kpi];
      const double b = candidate[r][kpi];
      differences[r] = b - a;  // NaN when either is, and describe() skips it
      if (definition.preference == Preference::None) continue;
      const double pair_score = score(definition, a, b);
      if (std::isnan(pair_score)) continue;
      if (pair_score == 0.5) {
        ++ties;
      } else {
        score_sum += pair_score;
      }
      ++comparison.ranked_pairs;
    }
    comparison.difference = describe(differences);
    comparison.interval = mean_interval_90(comparison.difference);
    if (comparison.ranked_pairs > 0) {
      const auto ranked = static_cast<double>(comparison.ranked_pairs);
      comparison.probability_b_beats_a = score_sum / ranked;
      comparison.tie_share = static_cast<double>(ties) / ranked;
    }
  }
  return result;
}

std::array<UnpairedComparison, kKpiCount> compare_unpaired(std::span<const KpiValues> baseline,
                                                           std::span<const KpiValues> candidate) {
  std::array<UnpairedComparison, kKpiCount> result;
  for (std::size_t kpi = 0; kpi < result.size(); ++kpi) {
    UnpairedComparison& comparison = result[kpi];
    comparison.kpi = static_cast<Kpi>(kpi);
    const Distribution a = describe(column(baseline, kpi));
    const Distribution b = describe(column(candidate, kpi));
    comparison.n_baseline = a.n;
    comparison.n_candidate = b.n;
    if (a.n == 0 || b.n == 0) continue;
    comparison.mean_difference = b.mean - a.mean;
    if (a.n < 2 || b.n < 2) continue;
    const double variance_a = a.sd * a.sd / static_cast<double>(a.n);
    const double variance_b = b.sd * b.sd / static_cast<double>(b.n);
    comparison.standard_error = std::sqrt(variance_a + variance_b);
    comparison.low = comparison.mean_difference - kZ90 * comparison.standard_error;
    comparison.high = comparison.mean_difference + kZ90 * comparison.standard_error;
    const double denominator = variance_a * variance_a / static_cast<double>(a.n - 1) +
                               variance_b * variance_b / static_cast<double>(b.n - 1);
    if (denominator > 0.0) {
      comparison.welch_df = (variance_a + variance_b) * (variance_a + variance_b) / denominator;
    }
  }
  return result;
}

}  // namespace adoptsim::metrics
