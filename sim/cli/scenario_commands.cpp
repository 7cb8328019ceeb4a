#include <iostream>
#include <memory>

#include "adoptsim/common/input_file.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/parameters.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "scenario_runs.hpp"
#include "sweep_design.hpp"

namespace adoptsim::cli {

Verb add_compare_command(CLI::App& app) {
  auto flags = std::make_shared<ScenarioRunFlags>();
  CLI::App* compare = app.add_subcommand(
      "compare", "Compare scenarios against the first, replicate by replicate, with common random numbers");
  compare->footer(
      "Examples:\n"
      "  adoptsim compare scenarios/workplace/big_bang.toml scenarios/workplace/pilot_then_scale.toml -o "
      "cmp/\n"
      "  adoptsim compare scenarios/reference/bass.toml scenarios/reference/cascade.toml -r 200 -o cmp/\n"
      "  prints each KPI per scenario, the paired difference against the first with its 90% interval,\n"
      "  and P(beats the first). All scenarios run with one seed (--seed, or the first scenario's).");
  compare->add_option("scenarios", flags->files, "Scenario files: the baseline first")->required();
  add_scenario_run_options(*compare, *flags);
  return {compare, [flags]() { return run_scenario_files(*flags, true); }};
}

namespace {

// The pseudonym key file a scenario names, checked as run would open it.
void check_key_file_readable(const scenario::Scenario& scenario, ProblemList& problems) {
  if (scenario.pseudonym_key_file.empty()) return;
  if (const auto problem = common::input_file_problem(scenario.pseudonym_key_file, common::kMaxKeyFileBytes))
    problems.add(scenario.pseudonym_key_file.string() + ": the pseudonym key file " + *problem);
}

}  // namespace

Verb add_validate_command(CLI::App& app) {
  struct ValidateFlags {
    std::vector<std::string> files;
    bool print_reference = false;
    bool no_data = false;
    std::vector<std::string> overrides;
  };
  auto flags = std::make_shared<ValidateFlags>();
  CLI::App* validate = app.add_subcommand(
      "validate",
      "Check scenario files: print each fully resolved (every default filled in) or every problem");
  validate->footer(
      "Examples:\n"
      "  adoptsim validate scenarios/base.toml\n"
      "  adoptsim validate scenarios/workplace/frameworks/trust.toml   (a custom rollout, every default "
      "shown)\n"
      "  adoptsim validate --print-reference > scenarios/README.md   (the parameter reference)\n"
      "An imported organisation's files are read and checked as `run` reads them (every problem with\n"
      "file, line and column; the import's warnings printed); --no-data checks the scenario alone.");
  validate->add_option("scenarios", flags->files, "Scenario files (TOML)");
  validate->add_flag("--print-reference", flags->print_reference,
                     "Print the reference of every scenario parameter (Markdown) instead");
  validate->add_flag("--no-data", flags->no_data,
                     "Check the scenario files only, not the organisation's data files they name (by default "
                     "an imported organisation is read and checked as `run` does)");
  add_set_option(*validate, flags->overrides);
  return {validate, [flags]() {
            if (flags->print_reference) {
              std::cout << scenario::parameter_reference_markdown();
              return kExitOk;
            }
            if (flags->files.empty()) {
              throw BadInput({"validate needs scenario files, e.g. `adoptsim validate scenarios/base.toml`"});
            }
            // Loaded, and checked as `run` checks them before it simulates: what
            // validate accepts, run accepts.
            ProblemList problems;
            std::vector<scenario::Scenario> scenarios;
            for (const std::string& file : flags->files) {
              scenario::LoadResult loaded = scenario::load_scenario(file, flags->overrides);
              for (const scenario::ScenarioError& warning : loaded.warnings)
                std::cerr << "adoptsim: warning: " << warning.message() << "\n";
              if (!loaded.ok()) {
                for (const scenario::ScenarioError& error : loaded.errors) problems.add(error.message());
                continue;
              }
              scenarios.push_back(std::move(*loaded.scenario));
            }
            // With --no-data, an imported organisation's files are not read:
            // its scenario is checked on its own.
            std::vector<scenario::Scenario> with_data;
            for (const scenario::Scenario& scenario : scenarios) {
              if (flags->no_data && scenario.organisation_source == scenario::OrganisationSource::File)
                continue;
              with_data.push_back(scenario);
              check_key_file_readable(scenario, problems);
            }
            check_before_run(with_data, RunShape{}, problems);
            // A [sweep] table's design, as `sweep` would build it (its points
            // are checked when the sweep loads them).
            for (const scenario::Scenario& scenario : scenarios) {
              if (scenario.sweep.present)
                resolve_design(DesignFlags{}, scenario, scenario.source_path.string(), problems);
            }
            problems.throw_if_any();
            for (const scenario::Scenario& scenario : scenarios) {
              if (scenarios.size() > 1) std::cout << "# " << scenario.source_path.string() << "\n";
              std::cout << scenario::resolved_toml(scenario);
              if (scenarios.size() > 1) std::cout << "\n";
            }
            return kExitOk;
          }};
}

}  // namespace adoptsim::cli
