// The adoptsim verbs. Each registers its flags on a CLI11 subcommand and
// returns a function that runs it after parsing; runners throw BadInput for
// bad input and return an exit status otherwise.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace adoptsim::cli {

struct Verb {
  CLI::App* command = nullptr;
  std::function<int()> run;
};

Verb add_org_command(CLI::App& app);
Verb add_run_command(CLI::App& app);
Verb add_compare_command(CLI::App& app);
Verb add_validate_command(CLI::App& app);
Verb add_plot_command(CLI::App& app);
Verb add_champions_command(CLI::App& app);
Verb add_sweep_command(CLI::App& app);
Verb add_sensitivity_command(CLI::App& app);

}  // namespace adoptsim::cli
