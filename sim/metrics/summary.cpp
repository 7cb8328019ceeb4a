#include "adoptsim/metrics/summary.hpp"

#include <algorithm>
#include <cmath>
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
    const ReplicateSeries& first = entries_.front().series;
    if (first.empty() != series.empty()) {
      throw std::invalid_argument("SummaryAccumulator: replicates must all carry series or all carry none");
    }
    if (!series.empty() && !same_shape(first.layout(), series.layout())) {
      throw std::invalid_argument("SummaryAccumulator: replicate " + std::to_string(replicate) +
                                  " has a different series layout");
    }
  }
  entries_.insert(position, Entry{replicate, std::move(series), kpis});
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
  return describe(values);
}

Summary SummaryAccumulator::summarise() const {
  Summary summary;
  summary.replicate_count = entries_.size();
  summary.headline = headline_;
  for (int kpi = 0; kpi < kKpiCount; ++kpi) {
    summary.kpis[static_cast<std::size_t>(kpi)] = kpi_distribution(static_cast<Kpi>(kpi));
  }
  summary.headline_interval = mean_interval_90(summary.kpis[static_cast<std::size_t>(headline_)]);
  if (entries_.empty() || entries_.front().series.empty()) return summary;

  const std::shared_ptr<const SeriesLayout>& layout = entries_.front().series.shared_layout();
  const std::size_t n = entries_.size();
  summary.series = SeriesSummary(layout, n);
  std::vector<double> values(n);
  for (std::size_t series = 0; series < layout->series_count(); ++series) {
    for (std::size_t day = 0; day < layout->day_count(); ++day) {
      double sum = 0.0;
      for (std::size_t r = 0; r < n; ++r) {
        values[r] = static_cast<double>(entries_[r].series.series(series)[day]);
        sum += values[r];
      }
      summary.series.set(series, day, SeriesStat::Mean, sum / static_cast<double>(n));
      std::sort(values.begin(), values.end());
      for (std::size_t level = 0; level < kQuantileLevels.size(); ++level) {
        summary.series.set(series, day, static_cast<SeriesStat>(level + 1),
                           quantile_of_sorted(values, kQuantileLevels[level]));
      }
    }
  }

  summary.cohorts.resize(layout->cohort_count());
  for (std::size_t cohort = 0; cohort < layout->cohort_count(); ++cohort) {
    double first_users = 0.0;
    for (const Entry& entry : entries_) first_users += entry.series.cohorts()[cohort].first_users;
    summary.cohorts[cohort].mean_first_users = first_users / static_cast<double>(n);
    for (std::size_t index = 0; index < kReturnDays.size(); ++index) {
      for (std::size_t r = 0; r < n; ++r) values[r] = entries_[r].series.return_rate(cohort, index);
      summary.cohorts[cohort].return_rate[index] = describe(values);
    }
  }
  return summary;
}

}  // namespace adoptsim::metrics
