#include "adoptsim/experiment/evaluation.hpp"

#include <algorithm>
#include <stdexcept>

namespace adoptsim::experiment {

void evaluate(const std::vector<runner::KpiRunner>& points, const EvaluationSettings& settings,
              UnitResults& results, const BlockDone& block_done) {
  const std::size_t total = points.size() * settings.replicates;
  if (results.values.size() > total)
    throw std::invalid_argument("evaluate: more finished units than the design has");
  results.points = points.size();
  results.replicates = settings.replicates;
  const std::size_t block = std::max<std::size_t>(1, settings.block_units);
  while (results.values.size() < total) {
    const std::size_t first = results.values.size();
    const std::size_t end = std::min(total, first + block);
    std::vector<metrics::KpiValues> slots(end - first);
    runner::for_each_unit(slots.size(), settings.threads, settings.stop, [&](std::size_t index) {
      const std::size_t unit = first + index;
      slots[index] = points[unit % points.size()].run(static_cast<std::uint32_t>(unit / points.size()));
    });
    results.values.insert(results.values.end(), slots.begin(), slots.end());
    if (block_done) block_done(results, first, end);
  }
}

std::vector<PointSummary> summarise_points(const UnitResults& results) {
  std::vector<PointSummary> summaries(results.points);
  std::vector<double> values(results.replicates);
  for (std::size_t point = 0; point < results.points; ++point) {
    for (std::size_t kpi = 0; kpi < metrics::kKpiCount; ++kpi) {
      for (std::uint32_t replicate = 0; replicate < results.replicates; ++replicate)
        values[replicate] = results.at(point, replicate)[kpi];
      summaries[point][kpi] = metrics::kpi_definitions()[kpi].censored_at_horizon
                                  ? metrics::describe_censored(values)
                                  : metrics::describe(values);
    }
  }
  return summaries;
}

}  // namespace adoptsim::experiment
