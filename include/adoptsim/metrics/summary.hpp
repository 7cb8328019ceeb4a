// Summaries over replicates: quantile bands of every series, KPI
// distributions and the interval of the headline KPI's mean. Replicates may
// arrive in any order and the result is bit-identical whatever the order:
// series are folded into order-free frequency tables as they arrive, and the
// few per-replicate scalars kept (KPIs, cohort counts) are reduced in
// replicate order.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/metrics/series.hpp"

namespace adoptsim::metrics {

// The quantile levels of every band and distribution (type 7, see quantile.hpp).
inline constexpr std::array<double, 5> kQuantileLevels = {0.05, 0.25, 0.5, 0.75, 0.95};
inline constexpr std::array<std::string_view, 5> kQuantileNames = {"q05", "q25", "q50", "q75", "q95"};
// Two-sided 90% normal quantile, z_0.95 (the "1.645" of every 90% interval here).
inline constexpr double kZ90 = 1.6448536269514722;

struct Distribution {
  // Values that are not NaN (for a time-to-X KPI: replicates that reached X).
  std::size_t n = 0;
  // Censored distributions only (describe_censored): values censored at the
  // horizon, X never reached; n of n + censored replicates reached X.
  std::size_t censored = 0;
  double mean = std::numeric_limits<double>::quiet_NaN();
  // Sample standard deviation (divisor n - 1); NaN when n < 2.
  double sd = std::numeric_limits<double>::quiet_NaN();
  // At kQuantileLevels; NaN when n == 0.
  std::array<double, kQuantileLevels.size()> quantiles = {
      std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
      std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
      std::numeric_limits<double>::quiet_NaN()};
};

// Describes `values` skipping NaN; sums run in the order given.
Distribution describe(std::span<const double> values);

// Describes the times of a time-to-X KPI, where NaN means "X was not reached
// within the horizon": a value censored at the horizon, known only to be
// later than every observed one. All censoring happens at the same point, so
// the empirical quantiles are exact as far as the data go: the censored
// values rank above every observed one, and a quantile whose type-7
// interpolation touches a censored value is +inf ("later than the
// horizon"). n counts the observed values, censored the NaNs; mean and sd are
// NaN as soon as one value is censored (a mean of times that are partly
// unknown is not estimable), otherwise those of the values.
Distribution describe_censored(std::span<const double> values);

// 90% confidence interval of a mean by the normal approximation:
// mean ± kZ90 · sd / √n. half_width is +inf when n < 2 (not yet known), so
// a "half_width < precision" stopping rule keeps adding replicates.
struct MeanInterval {
  std::size_t n = 0;
  double mean = std::numeric_limits<double>::quiet_NaN();
  double half_width = std::numeric_limits<double>::infinity();
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
};
MeanInterval mean_interval_90(const Distribution& distribution);

// The values one series took on one day over replicates, as an exact
// frequency table: each distinct value and how many times it was added,
// sorted by value. The table does not depend on the order of the additions,
// so neither does anything read from it. Values are kept exactly as the
// replicate recorded them (float: every series, spend and ratios included),
// so the bands are those of the stored values, with no rounding.
// Memory is 8 bytes per distinct value. A count of people takes at most
// group size + 1 values however many replicates are added, and in practice
// only the spread of its distribution; a non-integer series (hours saved,
// uses per weekly active person, spend that differs between replicates) can
// take a new value in every replicate. Not thread-safe.
class ValueHistogram {
 public:
  // Precondition: fewer than 2^32 additions of one value. Throws
  // std::invalid_argument on NaN; -0 is counted as +0.
  void add(float value);

  std::uint64_t count() const;
  std::size_t distinct_count() const { return bins_.size(); }
  // The sum of every value added, correctly rounded from the exact sum: it
  // equals a sum in any order whose every step is exact (counts of people
  // always are), and is the same for every order of arrival otherwise.
  double sum() const;
  // Type-7 quantiles at `levels` (each in [0, 1]), equal bit for bit to
  // quantile_of_sorted over the values added, sorted. Precondition:
  // count() > 0 and out.size() == levels.size(). Fastest for ascending levels.
  void quantiles(std::span<const double> levels, std::span<double> out) const;
  // Bytes of the table (capacity included).
  std::size_t memory_bytes() const { return sizeof(*this) + bins_.capacity() * sizeof(Bin); }

 private:
  struct Bin {
    float value = 0.0f;
    std::uint32_t count = 0;
  };
  std::vector<Bin> bins_;  // ascending by value, distinct values
};

// Statistics of one series at one day over replicates.
enum class SeriesStat : std::uint8_t { Mean, Q05, Q25, Q50, Q75, Q95 };
inline constexpr int kSeriesStatCount = 6;
// "mean", "q05", ... indexed by SeriesStat.
std::span<const std::string_view> series_stat_names();

class SeriesSummary {
 public:
  SeriesSummary() = default;
  SeriesSummary(std::shared_ptr<const SeriesLayout> layout, std::size_t replicate_count);

  // Null when the replicates carried no series.
  const std::shared_ptr<const SeriesLayout>& layout() const { return layout_; }
  std::size_t replicate_count() const { return replicate_count_; }
  double value(std::size_t series, std::size_t day, SeriesStat stat) const {
    return values_[index(series, day, stat)];
  }
  void set(std::size_t series, std::size_t day, SeriesStat stat, double value) {
    values_[index(series, day, stat)] = value;
  }

 private:
  std::size_t index(std::size_t series, std::size_t day, SeriesStat stat) const {
    return (series * layout_->day_count() + day) * kSeriesStatCount + static_cast<std::size_t>(stat);
  }

  std::shared_ptr<const SeriesLayout> layout_;
  std::size_t replicate_count_ = 0;
  std::vector<double> values_;
};

struct CohortSummary {
  double mean_first_users = 0.0;
  // Per-replicate return rates on day kReturnDays[i]; n == 0 when censored.
  std::array<Distribution, kReturnDays.size()> return_rate;
};

struct Summary {
  std::size_t replicate_count = 0;
  SeriesSummary series;
  std::vector<CohortSummary> cohorts;  // empty when the replicates carried no series
  // Indexed by Kpi; for indicator KPIs the mean is the probability.
  std::array<Distribution, kKpiCount> kpis;
  Kpi headline = Kpi::ActiveShareDay90;
  MeanInterval headline_interval;
};

class SummaryAccumulator {
 public:
  // `headline` is the KPI whose mean's interval drives --precision.
  explicit SummaryAccumulator(Kpi headline = Kpi::ActiveShareDay90);

  // Folds replicate `replicate`'s series (may be empty, for KPIs only) into
  // the per-(series, day) tables and drops them; keeps its KPIs and cohort
  // counts. A plan group whose size in the replicate differs from the
  // layout's (see SeriesLayout) enters rescaled to the layout's size, count
  // × layout size / replicate size, so that a band divided by the layout's
  // size is a band of the replicates' own shares; a replicate in which the
  // group is empty enters as zeros (share 0). Throws std::invalid_argument, adding nothing, when the
  // replicate was already added, when its layout differs in shape from the first replicate's, when some
  // replicates carry series and others do not, or when a series value is NaN.
  void add(std::uint32_t replicate, ReplicateSeries series, const KpiValues& kpis);

  std::size_t replicate_count() const { return entries_.size(); }
  // Replicate indices added so far, ascending.
  std::vector<std::uint32_t> replicates() const;
  Kpi headline() const { return headline_; }

  Distribution kpi_distribution(Kpi kpi) const;
  MeanInterval headline_interval() const { return mean_interval_90(kpi_distribution(headline_)); }

  // Bands of every series and day, cohort return rates and KPI
  // distributions. Cost: O(series × days × distinct values) for the bands,
  // O(n log n) per KPI and cohort return rate.
  Summary summarise() const;

  // Bytes held: the series tables (see ValueHistogram) plus, per replicate,
  // its KPIs and cohort counts (16 bytes per first-use cohort).
  std::size_t memory_bytes() const;

 private:
  // What is kept of each replicate: a few scalars, reduced in replicate
  // order so sums over them do not depend on the order of arrival.
  struct Entry {
    std::uint32_t replicate = 0;
    KpiValues kpis{};
    std::vector<CohortCounts> cohorts;  // empty when the replicates carry no series
  };

  Kpi headline_;
  std::vector<Entry> entries_;  // kept sorted by replicate
  // The first replicate's layout; null when the replicates carry no series.
  std::shared_ptr<const SeriesLayout> layout_;
  std::vector<ValueHistogram> histograms_;  // [series * day_count + day]
};

}  // namespace adoptsim::metrics
