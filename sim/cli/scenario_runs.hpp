// Running scenario files: shared by `adoptsim run SCENARIO...` and
// `adoptsim compare A B ...`.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace adoptsim::cli {

struct ScenarioRunFlags {
  std::vector<std::string> files;
  std::int64_t replicates = -1;  // -1: each scenario's own
  std::int64_t threads = 0;
  std::string seed;  // empty: the scenario's own (compare: the first's)
  std::string output_directory;
  bool force = false;
  double precision = 0.0;  // 0: off
  std::int64_t max_replicates = 5000;
  bool per_replicate = false;
  std::string series = "headline";  // io::parse_series_scope
  bool plot = false;                // draw the figures into OUTPUT/figures after writing
  bool write_cohorts = false;       // rollout_people.csv: each replicate's pilot and champions
  std::string key_file;             // pseudonym key for an import's ids (else the scenario's)
};

// Adds -r, -j, --seed, -o, --force, --precision, --max-replicates,
// --per-replicate, --series and --plot to a verb.
void add_scenario_run_options(CLI::App& command, ScenarioRunFlags& flags);

// Loads, checks and runs the scenarios, prints the KPI table and writes the
// output directory when asked. `compare` runs them all with one seed and
// reports paired differences against the first. Returns the exit status.
int run_scenario_files(const ScenarioRunFlags& flags, bool compare);

}  // namespace adoptsim::cli
