#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <vector>

#include "cli_support.hpp"
#include "commands.hpp"
#include "plots.hpp"

extern char** environ;

namespace adoptsim::cli {
namespace {

// Where plots/render.py lives: ADOPTSIM_PLOTS_DIR, else the source tree this
// binary was built from.
std::filesystem::path plots_directory() {
  if (const char* overridden = std::getenv("ADOPTSIM_PLOTS_DIR")) return overridden;
  return ADOPTSIM_PLOTS_DIR;
}

// Debian's interpreter, which has python3-matplotlib; ADOPTSIM_PYTHON overrides.
std::string python_interpreter() {
  if (const char* overridden = std::getenv("ADOPTSIM_PYTHON")) return overridden;
  return "/usr/bin/python3";
}

}  // namespace

int render_figures(const std::filesystem::path& results_directory, const std::string& format,
                   const std::filesystem::path& output_directory) {
  const std::string python = python_interpreter();
  const std::string script = (plots_directory() / "render.py").string();
  std::vector<std::string> arguments = {python, script, results_directory.string(), "--format", format};
  if (!output_directory.empty()) {
    arguments.push_back("-o");
    arguments.push_back(output_directory.string());
  }
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  if (posix_spawn(&child, python.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    throw BadInput({"cannot start " + python + " to draw the figures; run `make setup` to install it"});
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : kExitFailure;
}

Verb add_plot_command(CLI::App& app) {
  struct PlotFlags {
    std::string results_directory;
    std::string format = "png";
    std::string output_directory;
  };
  auto flags = std::make_shared<PlotFlags>();
  CLI::App* plot = app.add_subcommand(
      "plot", "Draw the forecast figures (fan chart, overlay, department heat map, funnel, KPIs, retention)");
  plot->footer(
      "Example:\n"
      "  adoptsim run scenarios/reference/bass.toml -o results/\n"
      "  adoptsim plot results/ --format svg -o deck/\n"
      "  writes fan_chart.svg, department_heatmap_<scenario>.svg, ... (see plots/README.md)");
  plot->add_option("results", flags->results_directory,
                   "A results directory written by `run -o` or `compare -o`")
      ->required();
  plot->add_option("--format", flags->format, "png (for slides), svg or pdf")->capture_default_str();
  plot->add_option("-o,--output", flags->output_directory,
                   "Where to write the figures (default: RESULTS/figures)");
  return {plot, [flags]() {
            ProblemList problems;
            if (flags->format != "png" && flags->format != "svg" && flags->format != "pdf") {
              problems.add("--format " + flags->format + ": expected png, svg or pdf");
            }
            const std::filesystem::path results(flags->results_directory);
            std::error_code error;
            if (!std::filesystem::is_directory(results, error)) {
              problems.add(flags->results_directory +
                           ": is not a directory; name a directory written by `adoptsim run ... -o DIR`");
            } else if (!std::filesystem::is_regular_file(results / "summary.json", error)) {
              problems.add(flags->results_directory +
                           ": no summary.json here; name a directory written by `adoptsim run ... -o DIR`");
            }
            problems.throw_if_any();
            const int status = render_figures(results, flags->format, flags->output_directory);
            return status == 0 ? kExitOk : (status == kExitBadInput ? kExitBadInput : kExitFailure);
          }};
}

}  // namespace adoptsim::cli
