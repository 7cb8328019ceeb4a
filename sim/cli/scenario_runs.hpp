// Running scenario files: shared by `adoptsim run SCENARIO...` and
// `adoptsim compare A B ...`.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adoptsim/scenario/scenario.hpp"
#include "cli_support.hpp"

namespace adoptsim::cli {

struct ScenarioRunFlags {
  std::vector<std::string> files;
  std::int64_t replicates = -1;  // -1: each scenario's own
  std::int64_t threads = 0;
  std::string seed;  // empty: the scenario's own (compare: the first's)
  std::string output_directory;
  bool force = false;
  std::string precision;  // empty (the flag absent): a fixed number of replicates
  std::int64_t max_replicates = 5000;
  bool per_replicate = false;
  std::string series = "headline";     // io::parse_series_scope
  bool plot = false;                   // draw the figures into OUTPUT/figures after writing
  bool write_cohorts = false;          // rollout_people.csv: each replicate's pilot and champions
  std::string key_file;                // pseudonym key for an import's ids (else the scenario's)
  std::vector<std::string> overrides;  // --set KEY=VALUE, over every scenario file
  // The verb these flags were added to, to tell a flag given from its default.
  const CLI::App* command = nullptr;
};

// Adds -r, -j, --seed, -o, --force, --precision, --max-replicates,
// --per-replicate, --series and --plot to a verb.
void add_scenario_run_options(CLI::App& command, ScenarioRunFlags& flags);

// The run flags as checked values: every problem added to `problems`, one
// sentence per flag (the one place these flags are checked, for every verb
// that runs scenarios).
struct CheckedRunFlags {
  std::optional<std::uint32_t> replicates;
  std::uint32_t threads = 0;
  std::optional<std::uint64_t> seed;
  std::optional<double> precision;
  std::uint32_t max_replicates = 5000;
};
CheckedRunFlags check_scenario_run_flags(const ScenarioRunFlags& flags, ProblemList& problems);

// How the scenarios will be run, for the checks before it: the run flags,
// whether they are compared (the first's replicates for all), and whether
// every replicate's series is kept.
struct RunShape {
  CheckedRunFlags flags;
  bool compare = false;
  bool per_replicate = false;
};

// Every check a run makes before it simulates, after the scenarios loaded:
// the memory the organisations and results need (before any is built), each
// organisation built (an import's data problems throw org::ImportError) and
// runner::check_runnable on it. Import and strategy warnings are printed.
// `validate` runs these too, so what it accepts, `run` accepts. With
// `person_ids`, each scenario's runner::Organisation::person_ids are kept
// there, in scenario order (an import's are personal data: pseudonymise them
// before they are written).
void check_before_run(const std::vector<scenario::Scenario>& scenarios, const RunShape& shape,
                      ProblemList& problems, std::vector<std::vector<std::string>>* person_ids = nullptr);

// Loads, checks and runs the scenarios, prints the KPI table and writes the
// output directory when asked. `compare` runs them all with one seed and
// reports paired differences against the first. Returns the exit status.
int run_scenario_files(const ScenarioRunFlags& flags, bool compare);

}  // namespace adoptsim::cli
