// Writes a run's results: the files of docs/output-schema.md, and the KPI
// table printed on the terminal. A result set is written into a temporary
// directory beside its destination and renamed into place as a whole.
#pragma once

#include <array>
#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "adoptsim/metrics/compare.hpp"
#include "adoptsim/runner/scenario_runner.hpp"

namespace adoptsim::io {

// Every file write_results may write, in the order it writes them.
inline constexpr std::array<const char*, 9> kResultFiles = {
    "summary.json", "series.csv",  "kpis.csv",       "kpi_summary.csv",   "kpi_table.csv",
    "budget.csv",   "cohorts.csv", "comparison.csv", "rollout_people.csv"};
// The folder `--plot` draws the figures into, inside a result directory.
inline constexpr const char* kFiguresDirectory = "figures";

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

// Which series series.csv holds (`--series`), smallest first.
enum class SeriesScope {
  None,      // no series.csv
  Overall,   // group `all`: every metric
  Headline,  // Overall, and each department's headline metric as a share (the default)
  Groups,  // Overall, and every metric of every other group (departments, roles, pilot, champions) as a share
  All,     // every group, every metric, as a count and as a share
};
inline constexpr const char* kSeriesScopeNames = "none, overall, headline, groups or all";
std::optional<SeriesScope> parse_series_scope(std::string_view text);

struct WriteOptions {
  bool per_replicate = false;  // add statistic = replicate rows to series.csv and cohorts.csv
  SeriesScope series = SeriesScope::Headline;
  // With it, rollout_people.csv (write_rollout_people_csv) with these labels:
  // one vector per result, indexed by PersonId.
  const std::vector<std::vector<std::string>>* rollout_person_labels = nullptr;
  // Polled while writing; when it becomes true, writing stops with Interrupted.
  const std::atomic<bool>* stop = nullptr;
};

// Writing stopped because WriteOptions::stop was set.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

// A result directory being made: a hidden temporary directory beside the
// destination, which commit() renames into place as a whole, replacing what
// was there (and so every file of an earlier result set). Destroyed without
// commit(), it removes the temporary directory and everything in it.
class StagedDirectory {
 public:
  // Creates the parent of `destination` if needed, and the temporary
  // directory in it. Throws std::runtime_error when it cannot.
  explicit StagedDirectory(const std::filesystem::path& destination);
  ~StagedDirectory();
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  // Where to write the files.
  const std::filesystem::path& path() const { return staging_; }
  const std::filesystem::path& destination() const { return destination_; }
  // Moves the staged directory to the destination: atomically when the
  // destination does not exist or the file system can exchange two names
  // (Linux renameat2), else by two renames a moment apart. The replaced
  // directory is then removed. Throws std::runtime_error when it cannot.
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

// Writes the result files into `directory` (which must exist): comparison.csv
// only when `comparisons` is not empty, series.csv unless the scope is None.
// Throws std::runtime_error when a file cannot be written and Interrupted
// when options.stop is set.
void write_result_files(const std::filesystem::path& directory,
                        const std::vector<runner::ScenarioResult>& results,
                        const std::vector<Comparison>& comparisons, const WriteOptions& options);

// Stages, writes and commits a result set in one step: afterwards `directory`
// holds exactly these files, or, when it throws, is as it was.
void write_results(const std::filesystem::path& directory, const std::vector<runner::ScenarioResult>& results,
                   const std::vector<Comparison>& comparisons, const WriteOptions& options);

// A text cell of a CSV file meant for spreadsheets: quoted by RFC 4180 when
// it holds a comma, quote or line break (quotes doubled), and prefixed with
// an apostrophe when it begins with `=`, `+`, `-`, `@`, a tab, a carriage
// return or an apostrophe, so that no spreadsheet reads it as a formula
// (OWASP's "CSV injection"). Readers drop one leading apostrophe to get the
// text back. Numbers are never passed through here: -0.5 stays a number.
std::string csv_text(std::string_view text);

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
