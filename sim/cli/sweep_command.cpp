// adoptsim sweep: one scenario evaluated over a design of overrides, every
// point on the same replicate streams (common random numbers), reduced to
// KPIs (docs/output-schema.md, "sweep").
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adoptsim/experiment/design.hpp"
#include "adoptsim/experiment/evaluation.hpp"
#include "adoptsim/io/results.hpp"
#include "adoptsim/io/sweep_results.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/runner/kpi_runner.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "adoptsim/version.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "sweep_design.hpp"

namespace adoptsim::cli {
namespace {

struct SweepFlags {
  std::string file;
  std::vector<std::string> vary;
  std::string design = "grid";
  std::int64_t points = 0;
  std::string design_seed = "1";
  std::string points_file;
  std::int64_t replicates = -1;
  std::int64_t threads = 0;
  std::string seed;
  std::string output_directory;
  bool force = false;
  bool resume = false;
  std::int64_t max_units = 2'000'000;
  std::vector<std::string> overrides;
};

int run_sweep(const SweepFlags& flags, const CLI::App& command) {
  ProblemList problems;
  const auto given = [&](const char* flag) { return command.count(flag) > 0; };
  std::optional<std::uint32_t> replicates;
  if (given("--replicates")) replicates = check_replicates_flag(flags.replicates, problems);
  const std::uint32_t threads = check_threads_flag(flags.threads, problems).value_or(0);
  std::optional<std::uint64_t> seed;
  if (given("--seed")) seed = parse_seed_flag(flags.seed, problems);
  if (flags.max_units < 1)
    problems.add("--max-units " + std::to_string(flags.max_units) + ": expected 1 or more");

  // The base scenario: its [sweep] table is the design when no flag gives one.
  scenario::LoadResult base = scenario::load_scenario(flags.file, flags.overrides);
  for (const scenario::ScenarioError& warning : base.warnings)
    std::cerr << "adoptsim: warning: " << warning.message() << "\n";
  for (const scenario::ScenarioError& error : base.errors) problems.add(error.message());
  problems.throw_if_any();
  const scenario::Scenario& base_scenario = *base.scenario;
  DesignFlags design_flags;
  design_flags.vary = flags.vary;
  if (given("--design")) design_flags.design = flags.design;
  if (given("--points")) design_flags.points = flags.points;
  if (given("--design-seed")) design_flags.design_seed = flags.design_seed;
  design_flags.points_file = flags.points_file;
  ResolvedDesign resolved = resolve_design(design_flags, base_scenario, flags.file, problems);
  std::optional<experiment::Design>& design = resolved.design;
  const experiment::DesignSpec& spec = resolved.spec;
  const std::vector<std::string>& specs = resolved.specs;

  const std::filesystem::path output(flags.output_directory);
  const std::filesystem::path checkpoint = io::sweep_checkpoint_path(output);
  std::error_code exists_error;
  const bool has_checkpoint = std::filesystem::exists(checkpoint, exists_error);
  if (flags.resume && flags.force)
    problems.add("--resume continues a sweep and --force starts it over: choose one");
  if (flags.resume && !has_checkpoint)
    problems.add("--resume: there is no interrupted sweep to continue (" + checkpoint.string() +
                 " does not exist); run without --resume");
  if (!flags.resume && has_checkpoint && !flags.force)
    problems.add("-o " + output.string() + ": an interrupted sweep left " + checkpoint.string() +
                 "; continue it with --resume, or start over with --force");
  check_result_directory(output, flags.force || flags.resume, problems, io::kSweepFiles);
  problems.throw_if_any();

  const std::uint32_t per_point = replicates.value_or(base_scenario.replicates);
  const std::uint64_t run_seed = seed.value_or(base_scenario.seed);
  const double units = static_cast<double>(design->points.size()) * per_point;
  if (units > static_cast<double>(flags.max_units)) {
    problems.add("the design has " + with_thousands(static_cast<double>(design->points.size())) +
                 " points × " + with_thousands(per_point) + " replicates = " + with_thousands(units) +
                 " units, more than --max-units " + with_thousands(static_cast<double>(flags.max_units)) +
                 "; use fewer points or replicates (-r), or raise --max-units");
    problems.throw_if_any();
  }

  PreparedPoints prepared =
      prepare_points(flags.file, flags.overrides, *design, base_scenario, run_seed, problems);
  std::vector<runner::KpiRunner>& runners = prepared.runners;

  io::SweepDescription description;
  description.design = &*design;
  description.specs = specs;
  description.points_file = spec.points_file;
  description.sample_points = spec.points;
  description.design_seed = spec.seed;
  description.base = &base_scenario;
  description.seed = run_seed;
  description.replicates = per_point;

  description.kpi_settings = runners.front().kpi_settings();
  const std::string fingerprint = io::sweep_fingerprint(description);

  experiment::UnitResults results;
  if (flags.resume) {
    try {
      results.values = io::read_checkpoint(checkpoint, fingerprint, static_cast<std::size_t>(units));
    } catch (const std::runtime_error& error) {
      throw BadInput({std::string("--resume: ") + error.what()});
    }
  }

  const std::size_t resumed_units = results.values.size();
  std::cout << "adoptsim " << kVersion << " (" << kGitRevision << "): sweeping " << base_scenario.name
            << " over " << design->points.size() << " points (" << experiment::to_string(design->kind)
            << " of " << design->keys.size() << (design->keys.size() == 1 ? " key" : " keys") << ") × "
            << per_point << " replicates, seed " << run_seed << "\n";
  if (flags.resume)
    std::cout << "Resuming: " << results.values.size() << " of " << with_thousands(units)
              << " units were done\n";
  std::cout << std::flush;

  InterruptScope interrupts;
  experiment::EvaluationSettings settings;
  settings.replicates = per_point;
  settings.threads = threads;
  settings.stop = &InterruptScope::requested();
  settings.block_units = std::max<std::size_t>(256, runners.size());
  if (!flags.resume) io::start_checkpoint(checkpoint, fingerprint);
  const auto start = std::chrono::steady_clock::now();
  {
    ProgressBar progress("units", static_cast<std::uint32_t>(units));
    progress.update(static_cast<std::uint32_t>(results.values.size()));
    try {
      experiment::evaluate(runners, settings, results,
                           [&](const experiment::UnitResults& done, std::size_t first, std::size_t end) {
                             io::append_checkpoint(checkpoint, done, first, end);
                             progress.update(static_cast<std::uint32_t>(end));
                           });
    } catch (const runner::Interrupted&) {
      progress.finish();
      std::cerr << "adoptsim: interrupted after "
                << with_thousands(static_cast<double>(results.values.size())) << " of "
                << with_thousands(units) << " units; nothing was written to " << output.string()
                << ". Run the same command with --resume to continue from " << checkpoint.string() << ".\n";
      return InterruptScope::exit_status();
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  io::write_sweep_results(output, description, results);
  std::filesystem::remove(checkpoint, exists_error);
  std::cout << "Evaluated " << with_thousands(units - static_cast<double>(resumed_units)) << " units in "
            << format_seconds(seconds)
            << (resumed_units > 0
                    ? " (and " + with_thousands(static_cast<double>(resumed_units)) + " from the checkpoint)"
                    : std::string())
            << "\n"
            << "Wrote results to " << output.string() << "/ (points.csv, kpis.csv, kpi_summary.csv, "
            << "summary.json)\n";
  return kExitOk;
}

}  // namespace

Verb add_sweep_command(CLI::App& app) {
  auto flags = std::make_shared<SweepFlags>();
  CLI::App* sweep = app.add_subcommand(
      "sweep", "Evaluate one scenario over a design of overrides, every point on the same random streams");
  sweep->footer(
      "Examples:\n"
      "  adoptsim sweep scenarios/workplace/pilot_then_scale.toml --vary strategy.pilot_size=8:16:2 -r 50 -o "
      "pilot_sizes\n"
      "  adoptsim sweep scenarios/workplace/big_bang.toml --vary budget.change_management_share=0:0.5:0.05 "
      "--vary budget.total_usd=100000,150000 -o shares\n"
      "  adoptsim sweep scenarios/reference/bass.toml --design sobol --points 256 --vary "
      "model.bass.innovation_p=0.001..0.01:log --vary model.bass.imitation_q=0.05..0.5 -r 10 -o bass\n"
      "  KEY=SPEC: a,b,c (values), start:stop:step, or low..high[:log] (a range, for lhs and sobol).\n"
      "  Replicate r of every point draws the same random numbers (common random numbers). An\n"
      "  interrupted sweep continues with --resume to the same results as an uninterrupted one.");
  sweep->add_option("scenario", flags->file, "The scenario file every point starts from")->required();
  sweep->add_option("--vary", flags->vary, "How a key varies, KEY=SPEC (repeatable)")->type_name("KEY=SPEC");
  sweep
      ->add_option("--design", flags->design,
                   "grid (every combination), zip (values side by side), lhs or sobol")
      ->capture_default_str();
  sweep->add_option("--points", flags->points, "Points an lhs or sobol design samples");
  sweep->add_option("--design-seed", flags->design_seed, "Seed of the Latin hypercube's draws (--design lhs)")
      ->capture_default_str();
  sweep->add_option("--points-file", flags->points_file,
                    "A CSV of points instead of --vary: a header of keys, one row of values per point");
  sweep->add_option("-r,--replicates", flags->replicates,
                    "Replicates per point (default: the scenario's own)");
  sweep->add_option("-j,--threads", flags->threads, "Worker threads (0: every core)")->capture_default_str();
  sweep->add_option("--seed", flags->seed, "Seed of every point's replicates (default: the scenario's own)");
  sweep->add_option("-o,--output", flags->output_directory, "Directory for the result files")->required();
  sweep->add_flag("--force", flags->force, "Replace the result set (or interrupted sweep) already there");
  sweep->add_flag("--resume", flags->resume, "Continue the interrupted sweep of the same command");
  sweep
      ->add_option("--max-units", flags->max_units,
                   "Refuse a design of more (point, replicate) units than this")
      ->capture_default_str();
  add_set_option(*sweep, flags->overrides);
  return {sweep, [flags, sweep]() { return run_sweep(*flags, *sweep); }};
}

}  // namespace adoptsim::cli
