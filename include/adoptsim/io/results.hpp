// Writes a run's results: the files of docs/output-schema.md, and the KPI
// table printed on the terminal. Files are written under temporary names and
// renamed into place only once all of them are complete.
#pragma once

#include <array>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "adoptsim/metrics/compare.hpp"
#include "adoptsim/runner/scenario_runner.hpp"

namespace adoptsim::io {

// Every file write_results may write, in the order it writes them.
inline constexpr std::array<const char*, 7> kResultFiles = {"summary.json",    "series.csv", "kpis.csv",
                                                            "kpi_summary.csv", "budget.csv", "cohorts.csv",
                                                            "comparison.csv"};

struct Comparison {
  std::size_t baseline = 0;   // index into the results
  std::size_t candidate = 0;  // index into the results
  std::array<metrics::PairedComparison, metrics::kKpiCount> kpis;
};

// Each result after the first compared with the first, replicate by
// replicate. Precondition: all ran the same number of replicates.
std::vector<Comparison> compare_with_first(const std::vector<runner::ScenarioResult>& results);

// The name a scenario goes by in outputs.
std::string scenario_name(const runner::ScenarioResult& result);

struct WriteOptions {
  bool per_replicate = false;  // add statistic = replicate rows to series.csv and cohorts.csv
};

// Writes the result files into `directory`, creating it if needed. comparison.csv
// is written only when `comparisons` is not empty. Throws std::runtime_error
// when a file cannot be written; then none of the files is in place.
void write_results(const std::filesystem::path& directory, const std::vector<runner::ScenarioResult>& results,
                   const std::vector<Comparison>& comparisons, const WriteOptions& options);

// The KPI table for the terminal: one column per scenario; with comparisons,
// the paired difference, its 90% interval and P(beats the first).
void print_kpi_table(const std::vector<runner::ScenarioResult>& results,
                     const std::vector<Comparison>& comparisons, std::ostream& out);

// Writes a file through a temporary name in the same directory and renames
// it into place, so readers never see a partial file.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write);

// Shortest text that reads back as the same double, up to 10 significant
// digits; empty for NaN. The one number format of every output file.
std::string format_number(double value);

}  // namespace adoptsim::io
