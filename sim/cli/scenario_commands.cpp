#include <iostream>
#include <memory>

#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/parameters.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "scenario_runs.hpp"

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

Verb add_validate_command(CLI::App& app) {
  struct ValidateFlags {
    std::vector<std::string> files;
    bool print_reference = false;
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
      "  adoptsim validate --print-reference > scenarios/README.md   (the parameter reference)");
  validate->add_option("scenarios", flags->files, "Scenario files (TOML)");
  validate->add_flag("--print-reference", flags->print_reference,
                     "Print the reference of every scenario parameter (Markdown) instead");
  return {validate, [flags]() {
            if (flags->print_reference) {
              std::cout << scenario::parameter_reference_markdown();
              return kExitOk;
            }
            if (flags->files.empty()) {
              throw BadInput({"validate needs scenario files, e.g. `adoptsim validate scenarios/base.toml`"});
            }
            std::vector<std::string> problems;
            for (const std::string& file : flags->files) {
              const scenario::LoadResult loaded = scenario::load_scenario(file);
              for (const scenario::ScenarioError& warning : loaded.warnings)
                std::cerr << "adoptsim: warning: " << warning.message() << "\n";
              if (!loaded.ok()) {
                for (const scenario::ScenarioError& error : loaded.errors)
                  problems.push_back(error.message());
                continue;
              }
              // What `run` checks and warns about on the organisation, `validate` does too.
              const org::OrgGraph graph = runner::build_organisation(*loaded.scenario);
              const std::vector<std::string> runnable = runner::check_runnable(*loaded.scenario, graph);
              if (!runnable.empty()) {
                problems.insert(problems.end(), runnable.begin(), runnable.end());
                continue;
              }
              for (const std::string& warning : runner::runnable_warnings(*loaded.scenario, graph))
                std::cerr << "adoptsim: warning: " << warning << "\n";
              if (flags->files.size() > 1) std::cout << "# " << file << "\n";
              std::cout << scenario::resolved_toml(*loaded.scenario);
              if (flags->files.size() > 1) std::cout << "\n";
            }
            if (!problems.empty()) throw BadInput(problems);
            return kExitOk;
          }};
}

}  // namespace adoptsim::cli
