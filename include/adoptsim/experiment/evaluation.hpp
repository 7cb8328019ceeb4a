// One evaluation layer under every experiment: a unit is (design point,
// replicate). Each point is a scenario made ready once (runner::KpiRunner);
// replicate r of every point draws from the streams of (seed, r), so
// differences between points are not blurred by different noise (common
// random numbers). Units run in parallel, each result lands in its slot, and
// whatever reads the slots does so in slot order, so results are
// bit-identical for any thread count.
//
// Work is done in unit order, replicate-major (unit u is replicate
// u / points of point u % points), in blocks: a sweep stopped after a block
// has every point at the same replicate count, or one fewer, and continues
// from the next unit.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/metrics/summary.hpp"
#include "adoptsim/runner/kpi_runner.hpp"

namespace adoptsim::experiment {

struct EvaluationSettings {
  std::uint32_t replicates = 1;  // per point
  std::uint32_t threads = 0;     // 0: every core
  // Checked before each unit; when raised, the evaluation ends after
  // discarding the unfinished block and throws runner::Interrupted.
  const std::atomic<bool>* stop = nullptr;
  // Units per block (at least one); the last block may be shorter.
  std::size_t block_units = 256;
};

// The KPIs of every unit, by slot: values[replicate * points + point].
struct UnitResults {
  std::size_t points = 0;
  std::uint32_t replicates = 0;
  std::vector<metrics::KpiValues> values;
  const metrics::KpiValues& at(std::size_t point, std::uint32_t replicate) const {
    return values[static_cast<std::size_t>(replicate) * points + point];
  }
};

// Called after each block with the units [first, end) now final in
// `results`, from the calling thread (write a checkpoint, show progress).
using BlockDone = std::function<void(const UnitResults& results, std::size_t first, std::size_t end)>;

// Runs units [results.values.size() ... points × replicates) of `points`
// (a resumed evaluation passes the finished prefix in `results`; a new one
// an empty vector). Precondition: results.values.size() <= points ×
// replicates.
void evaluate(const std::vector<runner::KpiRunner>& points, const EvaluationSettings& settings,
              UnitResults& results, const BlockDone& block_done = {});

// Each point's KPIs over its replicates, in replicate order: mean, sd and
// quantiles of the values (a time-to-X KPI's censored at the horizon, as a
// run's kpi_summary.csv describes it). Indexed [point][kpi]. Precondition:
// every unit is finished.
using PointSummary = std::array<metrics::Distribution, metrics::kKpiCount>;
std::vector<PointSummary> summarise_points(const UnitResults& results);

}  // namespace adoptsim::experiment
