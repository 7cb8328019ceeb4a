// A sweep's result files (docs/output-schema.md, "sweep"): points.csv (the
// design), kpis.csv (every unit's KPIs), kpi_summary.csv (per point: mean,
// sd, Monte Carlo standard error, quantiles) and summary.json (the design,
// the base scenario as resolved, seed, replicates, version). Memory and file
// size grow with points × replicates × KPIs, never with the series.
//
// While a sweep runs, its finished blocks are appended to a checkpoint
// beside the result directory (`DIR.sweep-checkpoint`), each value exact
// (17 significant digits), so `--resume` continues an interrupted sweep to
// the same bytes as one that was never interrupted.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "adoptsim/experiment/design.hpp"
#include "adoptsim/experiment/evaluation.hpp"
#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/scenario/scenario.hpp"

namespace adoptsim::io {

struct SweepDescription {
  const experiment::Design* design = nullptr;
  std::vector<std::string> specs;  // each key's SPEC as given (empty for a points file)
  std::filesystem::path points_file;
  std::uint32_t sample_points = 0;           // lhs, sobol: --points
  std::uint64_t design_seed = 0;             // lhs
  const scenario::Scenario* base = nullptr;  // the base scenario with its overrides, without the design
  std::uint64_t seed = 0;                    // of every point's replicates
  std::uint32_t replicates = 0;              // per point
  metrics::KpiSettings kpi_settings;         // the KPIs' names
};

inline constexpr const char* kSweepFiles[] = {"summary.json", "points.csv", "kpis.csv", "kpi_summary.csv"};

// Stages, writes and commits the result set: afterwards `directory` holds
// exactly these files, or, when it throws, is as it was.
void write_sweep_results(const std::filesystem::path& directory, const SweepDescription& sweep,
                         const experiment::UnitResults& results);

// What identifies a sweep for --resume: its design's points, the base
// scenario as resolved, seed, replicates and the adoptsim version, as one
// line of text (a 64-bit FNV-1a digest of them, and their sizes).
std::string sweep_fingerprint(const SweepDescription& sweep);

std::filesystem::path sweep_checkpoint_path(const std::filesystem::path& directory);

// Starts a checkpoint for `fingerprint` (replacing any) or appends units
// [first, end) of `results` to it, flushed before it returns. Throws
// std::runtime_error when it cannot write.
void start_checkpoint(const std::filesystem::path& path, const std::string& fingerprint);
void append_checkpoint(const std::filesystem::path& path, const experiment::UnitResults& results,
                       std::size_t first, std::size_t end);

// The finished units a checkpoint holds, in unit order (a partly written
// last line is dropped). Throws std::runtime_error, naming the file and line,
// when it is not a checkpoint of this sweep (another fingerprint) or a line
// is malformed.
std::vector<metrics::KpiValues> read_checkpoint(const std::filesystem::path& path,
                                                const std::string& fingerprint, std::size_t total_units);

}  // namespace adoptsim::io
