#include "adoptsim/metrics/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include "adoptsim/metrics/quantile.hpp"

namespace adoptsim::metrics {

namespace {

constexpr std::array<std::string_view, kSeriesStatCount> kSeriesStatNames = {"mean", "q05", "q25",
                                                                             "q50",  "q75", "q95"};

bool same_shape(const SeriesLayout& a, const SeriesLayout& b) {
  return &a == &b || (a.horizon_days() == b.horizon_days() && a.group_names() == b.group_names());
}

// Exact summation of doubles (Shewchuk's non-overlapping partials, with the
// final correctly rounded step of Python's math.fsum): the result is the
// exact sum rounded to nearest, whatever the order of the terms.
class ExactSum {
 public:
  void add(double x) {
    std::size_t kept = 0;
    for (double y : partials_) {
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      const double hi = x + y;
      const double lo = y - (hi - x);
      if (lo != 0.0) partials_[kept++] = lo;
      x = hi;
    }
    partials_.resize(kept);
    if (x != 0.0) partials_.push_back(x);
  }

  double value() const {
    std::size_t n = partials_.size();
    if (n == 0) return 0.0;
    double hi = partials_[--n];
    double lo = 0.0;
    while (n > 0) {
      const double x = hi;
      const double y = partials_[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) break;
    }
    // Round half to even across partials: the rest decides a tie.
    if (n > 0 && ((lo < 0.0 && partials_[n - 1] < 0.0) || (lo > 0.0 && partials_[n - 1] > 0.0))) {
      const double y = lo * 2.0;
      const double x = hi + y;
      if (y == x - hi) hi = x;
    }
    return hi;
  }

 private:
  std::vector<double> partials_;  // non-overlapping, increasing magnitude
};

// ReplicateSeries::return_rate, from the cohort counts a summary keeps.
double return_rate(const SeriesLayout& layout, const std::vector<CohortCounts>& cohorts, std::size_t cohort,
                   std::size_t return_index) {
  const CohortCounts& counts = cohorts.at(cohort);
  if (!layout.cohort_return_available(cohort, return_index) || counts.first_users == 0) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return static_cast<double>(counts.returned.at(return_index)) / static_cast<double>(counts.first_users);
}

// Type 7 from the two order statistics around position q · (n - 1), as
// quantile_of_sorted computes it (the same operations, so the same bits).
template <typename OrderStatistic>
double type7_quantile(std::uint64_t n, double q, OrderStatistic&& at) {
  const double position = q * static_cast<double>(n - 1);
  const auto lower = static_cast<std::uint64_t>(std::floor(position));
  const std::uint64_t upper = std::min(lower + 1, n - 1);
  const double fraction = position - static_cast<double>(lower);
  const double low_value = at(lower);
  const double high_value = at(upper);
  return low_value + fraction * (high_value - low_value);
}

}  // namespace

Distribution describe(std::span<const double> values) {
  std::vector<double> defined;
  defined.reserve(values.size());
  for (double value : values) {
    if (!std::isnan(value)) defined.push_back(value);
  }
  Distribution result;
  result.n = defined.size();
  if (defined.empty()) return result;
  double sum = 0.0;
  for (double value : defined) sum += value;
  const double n = static_cast<double>(defined.size());
  result.mean = sum / n;
  if (defined.size() >= 2) {
    double squares = 0.0;
    for (double value : defined) squares += (value - result.mean) * (value - result.mean);
    result.sd = std::sqrt(squares / (n - 1.0));
  }
  std::sort(defined.begin(), defined.end());
  for (std::size_t level = 0; level < kQuantileLevels.size(); ++level) {
    result.quantiles[level] = quantile_of_sorted(defined, kQuantileLevels[level]);
  }
  return result;
}

Distribution describe_censored(std::span<const double> values) {
  Distribution result = describe(values);
  const std::size_t observed = result.n;
  result.censored = values.size() - observed;
  if (result.censored == 0) return result;
  result.mean = std::numeric_limits<double>::quiet_NaN();
  result.sd = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> sorted;
  sorted.reserve(observed);
  for (double value : values) {
    if (!std::isnan(value)) sorted.push_back(value);
  }
  std::sort(sorted.begin(), sorted.end());
  constexpr double kLater = std::numeric_limits<double>::infinity();
  const std::uint64_t n = values.size();
  for (std::size_t level = 0; level < kQuantileLevels.size(); ++level) {
    // Censored values sit at ranks observed .. n - 1: a quantile is known
    // only while the order statistics it interpolates with weight are observed.
    const double position = kQuantileLevels[level] * static_cast<double>(n - 1);
    const auto lower = static_cast<std::uint64_t>(std::floor(position));
    const std::uint64_t upper = std::min(lower + 1, n - 1);
    const bool weighted_upper = position > static_cast<double>(lower);
    if (lower >= observed || (weighted_upper && upper >= observed)) {
      result.quantiles[level] = kLater;
    } else if (!weighted_upper) {
      result.quantiles[level] = sorted[lower];
    } else {
      result.quantiles[level] =
          type7_quantile(n, kQuantileLevels[level], [&](std::uint64_t rank) { return sorted[rank]; });
    }
  }
  return result;
}

MeanInterval mean_interval_90(const Distribution& distribution) {
  MeanInterval interval;
  interval.n = distribution.n;
  interval.mean = distribution.mean;
  if (distribution.n >= 2) {
    interval.half_width = kZ90 * distribution.sd / std::sqrt(static_cast<double>(distribution.n));
    interval.low = interval.mean - interval.half_width;
    interval.high = interval.mean + interval.half_width;
  }
  return interval;
}

std::span<const std::string_view> series_stat_names() { return kSeriesStatNames; }

SeriesSummary::SeriesSummary(std::shared_ptr<const SeriesLayout> layout, std::size_t replicate_count)
    : layout_(std::move(layout)), replicate_count_(replicate_count) {
  if (layout_ == nullptr) throw std::invalid_argument("SeriesSummary needs a layout");
  values_.assign(layout_->series_count() * layout_->day_count() * kSeriesStatCount, 0.0);
}

void ValueHistogram::add(float value) {
  if (std::isnan(value)) throw std::invalid_argument("ValueHistogram: NaN value");
  if (value == 0.0f) value = 0.0f;  // one bin for ±0, whichever arrives first
  const auto position = std::lower_bound(bins_.begin(), bins_.end(), value,
                                         [](const Bin& bin, float v) { return bin.value < v; });
  if (position != bins_.end() && position->value == value) {
    ++position->count;
    return;
  }
  const auto index = static_cast<std::size_t>(position - bins_.begin());
  // Grow by half rather than double: the tables are most of a summary's
  // memory, and most stop growing early, so their slack would stay.
  if (bins_.size() == bins_.capacity()) bins_.reserve(bins_.size() + bins_.size() / 2 + 1);
  bins_.insert(bins_.begin() + static_cast<std::ptrdiff_t>(index), Bin{value, 1});
}

std::uint64_t ValueHistogram::count() const {
  std::uint64_t total = 0;
  for (const Bin& bin : bins_) total += bin.count;
  return total;
}

double ValueHistogram::sum() const {
  ExactSum sum;
  for (const Bin& bin : bins_) {
    const auto value = static_cast<double>(bin.value);
    // value · count is exact while the count has at most 29 bits (a float
    // has 24); above that the count is split in two exact products.
    constexpr std::uint32_t kExactCount = 1u << 29;
    if (bin.count < kExactCount) {
      sum.add(value * static_cast<double>(bin.count));
    } else {
      const std::uint32_t low = bin.count & 0xffffu;
      sum.add(value * static_cast<double>(low));
      sum.add(value * static_cast<double>(bin.count - low));
    }
  }
  return sum.value();
}

void ValueHistogram::quantiles(std::span<const double> levels, std::span<double> out) const {
  if (out.size() != levels.size()) throw std::invalid_argument("ValueHistogram::quantiles: sizes differ");
  const std::uint64_t n = count();
  if (n == 0) throw std::invalid_argument("ValueHistogram::quantiles: no values");
  // A cursor over the bins: `below` values lie in the bins before `bin`.
  std::size_t bin = 0;
  std::uint64_t below = 0;
  const auto at = [&](std::uint64_t rank) {
    if (rank < below) {
      bin = 0;
      below = 0;
    }
    while (below + bins_[bin].count <= rank) below += bins_[bin++].count;
    return static_cast<double>(bins_[bin].value);
  };
  for (std::size_t level = 0; level < levels.size(); ++level) {
    out[level] = type7_quantile(n, levels[level], at);
  }
}

SummaryAccumulator::SummaryAccumulator(Kpi headline) : headline_(headline) {}

void SummaryAccumulator::add(std::uint32_t replicate, ReplicateSeries series, const KpiValues& kpis) {
  const auto position =
      std::lower_bound(entries_.begin(), entries_.end(), replicate,
                       [](const Entry& entry, std::uint32_t r) { return entry.replicate < r; });
  if (position != entries_.end() && position->replicate == replicate) {
    throw std::invalid_argument("SummaryAccumulator: replicate " + std::to_string(replicate) +
                                " added twice");
  }
  if (!entries_.empty()) {
    if ((layout_ == nullptr) != series.empty()) {
      throw std::invalid_argument("SummaryAccumulator: replicates must all carry series or all carry none");
    }
    if (!series.empty() && !same_shape(*layout_, series.layout())) {
      throw std::invalid_argument("SummaryAccumulator: replicate " + std::to_string(replicate) +
                                  " has a different series layout");
    }
  }
  // Every check before the first change, so a throw adds nothing.
  const std::size_t series_count = series.empty() ? 0 : series.layout().series_count();
  for (std::size_t index = 0; index < series_count; ++index) {
    for (const float value : series.series(index)) {
      if (std::isnan(value)) {
        throw std::invalid_argument("SummaryAccumulator: replicate " + std::to_string(replicate) +
                                    " has a NaN in series " + std::to_string(index));
      }
    }
  }

  Entry entry{replicate, kpis, {}};
  if (!series.empty()) entry.cohorts = std::move(series.mutable_cohorts());
  const auto slot = static_cast<std::size_t>(position - entries_.begin());
  if (entries_.size() == entries_.capacity()) entries_.reserve(2 * entries_.size() + 1);

  if (entries_.empty() && !series.empty()) {
    layout_ = series.shared_layout();
    histograms_.assign(layout_->series_count() * layout_->day_count(), ValueHistogram{});
  }
  const std::size_t day_count = series.empty() ? 0 : layout_->day_count();
  const std::size_t group_series = series.empty() ? 0 : layout_->group_count() * kGroupMetricCount;
  for (std::size_t index = 0; index < series_count; ++index) {
    const std::span<const float> values = series.series(index);
    ValueHistogram* histograms = histograms_.data() + index * day_count;
    const std::size_t group = index / kGroupMetricCount;
    const std::uint32_t size = index < group_series ? series.group_size(group) : 0;
    if (size == 0 || size == layout_->group_sizes()[group]) {
      for (std::size_t day = 0; day < day_count; ++day) histograms[day].add(values[day]);
      continue;
    }
    // A plan group of another size than the layout's: rescaled to the
    // layout's size, so that value / layout size is this replicate's share.
    const double scale = static_cast<double>(layout_->group_sizes()[group]) / static_cast<double>(size);
    for (std::size_t day = 0; day < day_count; ++day)
      histograms[day].add(static_cast<float>(static_cast<double>(values[day]) * scale));
  }
  entries_.insert(entries_.begin() + static_cast<std::ptrdiff_t>(slot), std::move(entry));
}

std::vector<std::uint32_t> SummaryAccumulator::replicates() const {
  std::vector<std::uint32_t> result;
  result.reserve(entries_.size());
  for (const Entry& entry : entries_) result.push_back(entry.replicate);
  return result;
}

Distribution SummaryAccumulator::kpi_distribution(Kpi kpi) const {
  std::vector<double> values;
  values.reserve(entries_.size());
  for (const Entry& entry : entries_) values.push_back(entry.kpis[static_cast<std::size_t>(kpi)]);
  return definition(kpi).censored_at_horizon ? describe_censored(values) : describe(values);
}

Summary SummaryAccumulator::summarise() const {
  Summary summary;
  summary.replicate_count = entries_.size();
  summary.headline = headline_;
  for (int kpi = 0; kpi < kKpiCount; ++kpi) {
    summary.kpis[static_cast<std::size_t>(kpi)] = kpi_distribution(static_cast<Kpi>(kpi));
  }
  summary.headline_interval = mean_interval_90(summary.kpis[static_cast<std::size_t>(headline_)]);
  if (layout_ == nullptr) return summary;

  const std::size_t n = entries_.size();
  summary.series = SeriesSummary(layout_, n);
  std::array<double, kQuantileLevels.size()> bands{};
  for (std::size_t series = 0; series < layout_->series_count(); ++series) {
    for (std::size_t day = 0; day < layout_->day_count(); ++day) {
      const ValueHistogram& histogram = histograms_[series * layout_->day_count() + day];
      summary.series.set(series, day, SeriesStat::Mean, histogram.sum() / static_cast<double>(n));
      histogram.quantiles(kQuantileLevels, bands);
      for (std::size_t level = 0; level < kQuantileLevels.size(); ++level) {
        summary.series.set(series, day, static_cast<SeriesStat>(level + 1), bands[level]);
      }
    }
  }

  std::vector<double> values(n);
  summary.cohorts.resize(layout_->cohort_count());
  for (std::size_t cohort = 0; cohort < layout_->cohort_count(); ++cohort) {
    double first_users = 0.0;
    for (const Entry& entry : entries_) first_users += entry.cohorts[cohort].first_users;
    summary.cohorts[cohort].mean_first_users = first_users / static_cast<double>(n);
    for (std::size_t index = 0; index < kReturnDays.size(); ++index) {
      for (std::size_t r = 0; r < n; ++r)
        values[r] = return_rate(*layout_, entries_[r].cohorts, cohort, index);
      summary.cohorts[cohort].return_rate[index] = describe(values);
    }
  }
  return summary;
}

std::size_t SummaryAccumulator::memory_bytes() const {
  std::size_t bytes = sizeof(*this) + entries_.capacity() * sizeof(Entry) +
                      (histograms_.capacity() - histograms_.size()) * sizeof(ValueHistogram);
  for (const ValueHistogram& histogram : histograms_) bytes += histogram.memory_bytes();
  for (const Entry& entry : entries_) bytes += entry.cohorts.capacity() * sizeof(CohortCounts);
  return bytes;
}

}  // namespace adoptsim::metrics
