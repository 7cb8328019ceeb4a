#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <vector>

#include "cli_support.hpp"
#include "commands.hpp"
#include "plots.hpp"

// POSIX has the program declare environ (glibc also does under _GNU_SOURCE).
extern char** environ;  // NOLINT(readability-redundant-declaration)

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

int render_figures(const std::filesystem::path& results_directory, const PlotOptions& options) {
  const std::string python = python_interpreter();
  const std::string script = (plots_directory() / "render.py").string();
  std::vector<std::string> arguments = {python, script, results_directory.string(), "--format",
                                        options.format};
  const auto add = [&arguments](const char* flag, const std::string& value) {
    if (value.empty()) return;
    arguments.emplace_back(flag);
    arguments.push_back(value);
  };
  add("-o", options.output_directory.string());
  add("--shown-as", options.shown_as.string());
  add("--only", options.only);
  add("--title", options.title);
  add("--subtitle", options.subtitle);
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  InterruptScope interrupts;
  pid_t child = 0;
  if (posix_spawn(&child, python.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    throw BadInput({"cannot start " + python + " to draw the figures; run `make setup` to install it"});
  }
  InterruptScope::set_child(child);
  // A signal that arrived before the child was registered is passed on now.
  if (InterruptScope::requested()) kill(child, SIGTERM);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  InterruptScope::set_child(0);
  // A script that finished put every figure in place, even if a signal came late.
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return kExitOk;
  if (InterruptScope::requested()) return InterruptScope::exit_status();
  return WIFEXITED(status) ? WEXITSTATUS(status) : kExitFailure;
}

Verb add_plot_command(CLI::App& app) {
  struct PlotFlags {
    std::string results_directory;
    PlotOptions options;
    std::string output_directory;
  };
  auto flags = std::make_shared<PlotFlags>();
  CLI::App* plot = app.add_subcommand(
      "plot", "Draw the forecast figures (fan chart, overlay, department heat map, funnel, KPIs, retention)");
  plot->footer(
      "Example:\n"
      "  adoptsim run scenarios/reference/bass.toml -o results/\n"
      "  adoptsim plot results/ --format svg -o deck/\n"
      "  adoptsim plot results/ --only overlay,kpi_comparison --title \"Pilot first\" --subtitle \"Acme, "
      "Q3\"\n"
      "  writes fan_chart.svg, department_heatmap_<scenario>.svg, ... (see plots/README.md);\n"
      "  a scenario's `display_name` key names it on the figures");
  plot->add_option("results", flags->results_directory,
                   "A results directory written by `run -o` or `compare -o`")
      ->required();
  plot->add_option("--format", flags->options.format, "png (for slides), svg or pdf")->capture_default_str();
  plot->add_option(
      "-o,--output", flags->output_directory,
      "Where to write the figures (default: RESULTS/figures); the folder is replaced as a whole");
  plot->add_option(
      "--only", flags->options.only,
      "Draw only these figures, comma-separated: fan_chart, overlay, department_heatmap, funnel, "
      "kpi_comparison, retention");
  plot->add_option(
      "--title", flags->options.title,
      "Title of the overlay (default: its finding, e.g. \"A reaches 71% weekly active by day 90; "
      "B 27%\")");
  plot->add_option("--subtitle", flags->options.subtitle, "A line under the title of every figure");
  return {plot, [flags]() {
            ProblemList problems;
            const std::string& format = flags->options.format;
            if (format != "png" && format != "svg" && format != "pdf") {
              problems.add("--format " + format + ": expected png, svg or pdf");
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
            const std::filesystem::path figures = flags->output_directory.empty()
                                                      ? results / "figures"
                                                      : std::filesystem::path(flags->output_directory);
            check_writable_location(figures, problems);
            problems.throw_if_any();
            PlotOptions options = flags->options;
            options.output_directory = figures;
            const int status = render_figures(results, options);
            if (status == kExitOk || status == kExitBadInput || status > 128) return status;
            return kExitFailure;
          }};
}

}  // namespace adoptsim::cli
