// adoptsim sensitivity: which keys a KPI depends on. Sobol indices
// (Saltelli's design) or Morris screening over ranges of the parameter
// table's keys, every point on the same replicate streams, each point's KPI
// the mean over its replicates (docs/output-schema.md, "Sensitivity results").
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "adoptsim/analysis/sensitivity.hpp"
#include "adoptsim/experiment/evaluation.hpp"
#include "adoptsim/experiment/sensitivity_design.hpp"
#include "adoptsim/io/sensitivity_results.hpp"
#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/version.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "sweep_design.hpp"

namespace adoptsim::cli {
namespace {

struct SensitivityFlags {
  std::string file;
  std::string method = "sobol";
  std::vector<std::string> vary;
  std::string kpi = "active_share_day90";
  std::int64_t base_rows = 256;
  std::int64_t trajectories = 20;
  std::int64_t levels = 4;
  std::string design_seed = "1";
  std::int64_t bootstrap = 1000;
  std::int64_t replicates = -1;
  std::int64_t threads = 0;
  std::string seed;
  std::string output_directory;
  bool force = false;
  std::int64_t max_units = 2'000'000;
  std::vector<std::string> overrides;
};

std::string fixed(double value, int digits) {
  if (!std::isfinite(value)) return "—";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

int run_sensitivity(const SensitivityFlags& flags, const CLI::App& command) {
  ProblemList problems;
  const auto given = [&](const char* flag) { return command.count(flag) > 0; };
  std::optional<std::uint32_t> replicates;
  if (given("--replicates")) replicates = check_replicates_flag(flags.replicates, problems);
  const std::uint32_t threads = check_threads_flag(flags.threads, problems).value_or(0);
  std::optional<std::uint64_t> seed;
  if (given("--seed")) seed = parse_seed_flag(flags.seed, problems);
  const std::uint64_t design_seed = parse_seed_flag(flags.design_seed, problems).value_or(1);
  const bool sobol = flags.method == "sobol";
  if (!sobol && flags.method != "morris")
    problems.add("--method " + flags.method + ": expected sobol or morris");
  if (sobol && (given("--trajectories") || given("--levels") || given("--design-seed")))
    problems.add("--trajectories, --levels and --design-seed set up Morris screening (--method morris)");
  if (!sobol && (given("--base-rows") || given("--bootstrap")))
    problems.add("-N/--base-rows and --bootstrap set up Sobol indices (--method sobol)");
  if (flags.base_rows < 2 || flags.base_rows > 1'000'000)
    problems.add("-N " + std::to_string(flags.base_rows) + ": expected 2 to 1,000,000 base rows");
  if (flags.trajectories < 1 || flags.trajectories > 100'000)
    problems.add("--trajectories " + std::to_string(flags.trajectories) + ": expected 1 to 100,000");
  if (flags.levels < 2 || flags.levels > 100 || flags.levels % 2 != 0)
    problems.add("--levels " + std::to_string(flags.levels) + ": expected an even number from 2 to 100");
  if (flags.bootstrap < 0 || flags.bootstrap > 100'000)
    problems.add("--bootstrap " + std::to_string(flags.bootstrap) + ": expected 0 to 100,000 resamples");
  std::optional<metrics::Kpi> kpi;

  scenario::LoadResult base = scenario::load_scenario(flags.file, flags.overrides);
  for (const scenario::ScenarioError& warning : base.warnings)
    std::cerr << "adoptsim: warning: " << warning.message() << "\n";
  for (const scenario::ScenarioError& error : base.errors) problems.add(error.message());
  check_result_directory(flags.output_directory, flags.force, problems, io::kSensitivityFiles);
  problems.throw_if_any();
  const scenario::Scenario& base_scenario = *base.scenario;

  // The design.
  std::vector<experiment::KeyVariation> ranges;
  std::vector<std::string> specs;
  std::optional<experiment::SaltelliDesign> saltelli;
  std::optional<experiment::MorrisDesign> morris;
  try {
    for (const std::string& text : flags.vary) {
      ranges.push_back(experiment::parse_variation(text));
      specs.push_back(ranges.back().spec);
    }
    if (sobol) {
      saltelli = experiment::saltelli_design(ranges, static_cast<std::uint32_t>(flags.base_rows));
    } else {
      morris = experiment::morris_design(ranges, static_cast<std::uint32_t>(flags.trajectories),
                                         static_cast<std::uint32_t>(flags.levels), design_seed);
    }
  } catch (const experiment::DesignError& error) {
    problems.add(error.what());
  }
  problems.throw_if_any();
  const experiment::Design& design = sobol ? saltelli->design : morris->design;

  const std::uint32_t per_point = replicates.value_or(base_scenario.replicates);
  const std::uint64_t run_seed = seed.value_or(base_scenario.seed);
  const double units = static_cast<double>(design.points.size()) * per_point;
  if (units > static_cast<double>(flags.max_units)) {
    problems.add("the analysis has " + with_thousands(static_cast<double>(design.points.size())) +
                 " points × " + with_thousands(per_point) + " replicates = " + with_thousands(units) +
                 " units, more than --max-units " + with_thousands(static_cast<double>(flags.max_units)) +
                 "; use fewer base rows (-N) or trajectories, fewer replicates (-r), or raise --max-units");
    problems.throw_if_any();
  }
  PreparedPoints prepared =
      prepare_points(flags.file, flags.overrides, design, base_scenario, run_seed, problems);
  const metrics::KpiSettings& kpi_settings = prepared.runners.front().kpi_settings();
  for (int index = 0; index < metrics::kKpiCount; ++index) {
    if (metrics::kpi_name(static_cast<metrics::Kpi>(index), kpi_settings) == flags.kpi)
      kpi = static_cast<metrics::Kpi>(index);
  }
  if (!kpi) {
    std::string names;
    for (int index = 0; index < metrics::kKpiCount; ++index)
      names += (index == 0 ? "" : ", ") + metrics::kpi_name(static_cast<metrics::Kpi>(index), kpi_settings);
    throw BadInput({"--kpi " + flags.kpi + ": not a KPI of this scenario; its KPIs are " + names});
  }

  std::cout << "adoptsim " << kVersion << " (" << kGitRevision
            << "): " << (sobol ? "Sobol indices" : "Morris screening") << " of " << flags.kpi << " in "
            << base_scenario.name << " over " << ranges.size() << (ranges.size() == 1 ? " key, " : " keys, ")
            << design.points.size() << " points × " << per_point << " replicates, seed " << run_seed << "\n"
            << std::flush;

  InterruptScope interrupts;
  experiment::EvaluationSettings settings;
  settings.replicates = per_point;
  settings.threads = threads;
  settings.stop = &InterruptScope::requested();
  settings.block_units = std::max<std::size_t>(256, prepared.runners.size());
  experiment::UnitResults results;
  const auto start = std::chrono::steady_clock::now();
  {
    ProgressBar progress("units", static_cast<std::uint32_t>(units));
    try {
      experiment::evaluate(prepared.runners, settings, results,
                           [&](const experiment::UnitResults&, std::size_t, std::size_t end) {
                             progress.update(static_cast<std::uint32_t>(end));
                           });
    } catch (const runner::Interrupted&) {
      progress.finish();
      std::cerr << "adoptsim: interrupted; nothing was written.\n";
      return InterruptScope::exit_status();
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Each point's KPI: the mean over its replicates, and its Monte Carlo error.
  io::SensitivityReport report;
  report.method = flags.method;
  report.design = &design;
  report.specs = specs;
  report.kpi = flags.kpi;
  report.base = &base_scenario;
  report.seed = run_seed;
  report.replicates = per_point;
  const std::vector<experiment::PointSummary> summaries = experiment::summarise_points(results);
  const auto kpi_index = static_cast<std::size_t>(*kpi);
  double noise = 0.0;
  for (std::size_t point = 0; point < summaries.size(); ++point) {
    const metrics::Distribution& distribution = summaries[point][kpi_index];
    if (distribution.n == 0 || distribution.censored > 0 || !std::isfinite(distribution.mean)) {
      throw BadInput({flags.kpi + " is not defined in every replicate of point " + std::to_string(point) +
                      " (a day after the horizon, or a time-to-X not reached): choose another --kpi"});
    }
    report.point_mean.push_back(distribution.mean);
    const double mcse =
        distribution.n >= 2 ? distribution.sd / std::sqrt(static_cast<double>(distribution.n)) : std::nan("");
    report.point_mcse.push_back(mcse);
    report.point_n.push_back(static_cast<std::uint32_t>(distribution.n));
    if (std::isfinite(mcse)) noise += mcse * mcse;
  }
  report.noise_variance = noise / static_cast<double>(summaries.size());
  {
    double sum = 0.0;
    for (const double mean : report.point_mean) sum += mean;
    const double mean = sum / static_cast<double>(report.point_mean.size());
    double squares = 0.0;
    for (const double value : report.point_mean) squares += (value - mean) * (value - mean);
    report.output_variance = squares / static_cast<double>(report.point_mean.size() - 1);
  }
  if (sobol) {
    const analysis::SaltelliOutputs outputs = experiment::saltelli_outputs(*saltelli, report.point_mean);
    report.bootstrap = {static_cast<std::uint32_t>(flags.bootstrap), 0.9, run_seed};
    report.sobol = analysis::sobol_indices(outputs, report.bootstrap);
    report.base_rows = static_cast<std::uint32_t>(flags.base_rows);
    for (const std::size_t divisor : {8, 4, 2, 1}) {
      const std::size_t rows = saltelli->base_rows / divisor;
      if (rows >= 2) report.convergence.push_back(analysis::sobol_estimates(outputs, rows));
    }
  } else {
    report.morris =
        analysis::morris_indices(experiment::morris_with_outputs(*morris, report.point_mean), ranges.size());
    report.trajectories = static_cast<std::uint32_t>(flags.trajectories);
    report.levels = static_cast<std::uint32_t>(flags.levels);
    report.design_seed = design_seed;
  }
  io::write_sensitivity_results(flags.output_directory, report);

  // The table, most influential first.
  std::vector<std::size_t> order(ranges.size());
  for (std::size_t key = 0; key < order.size(); ++key) order[key] = key;
  const auto influence = [&](std::size_t key) {
    const double value = sobol ? report.sobol->total[key] : report.morris->mu_star[key];
    return std::isfinite(value) ? value : -1.0;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return influence(a) > influence(b); });
  std::size_t width = 3;
  for (const experiment::KeyVariation& range : ranges) width = std::max(width, range.key.size());
  std::cout << "\n"
            << std::string(width, ' ')
            << (sobol ? "   first order S [90% interval]     total ST [90% interval]\n"
                      : "        mu*       sigma          mu\n");
  for (const std::size_t key : order) {
    std::cout << ranges[key].key << std::string(width - ranges[key].key.size(), ' ');
    if (sobol) {
      const analysis::SobolIndices& s = *report.sobol;
      std::cout << "   " << fixed(s.first_order[key], 3) << " [" << fixed(s.first_order_interval[key].low, 3)
                << ", " << fixed(s.first_order_interval[key].high, 3) << "]     " << fixed(s.total[key], 3)
                << " [" << fixed(s.total_interval[key].low, 3) << ", " << fixed(s.total_interval[key].high, 3)
                << "]\n";
    } else {
      const analysis::MorrisIndices& m = *report.morris;
      std::cout << "   " << fixed(m.mu_star[key], 4) << "   " << fixed(m.sigma[key], 4) << "   "
                << fixed(m.mu[key], 4) << "\n";
    }
  }
  const double noise_share =
      report.output_variance > 0.0 ? report.noise_variance / report.output_variance : 1.0;
  std::cout
      << "\nReplicate noise is " << fixed(100.0 * noise_share, 1) << "% of the variance of " << flags.kpi
      << " over the design (each point the mean of " << per_point << " replicates)"
      << (noise_share > 0.1 ? ": the indices carry that noise; raise -r" : "") << ".\n"
      << (sobol ? "S: the share of the variance a key explains alone; ST: with its interactions (Saltelli "
                  "2010, Jansen 1999; bootstrap over base rows).\n"
                : "mu*: the mean absolute effect of moving a key by 2/3 of its range (Morris 1991, "
                  "Campolongo 2007); sigma: how much that effect depends on the other keys.\n")
      << "Evaluated " << with_thousands(units) << " units in " << format_seconds(seconds)
      << "; wrote results to " << flags.output_directory << "/\n";
  return kExitOk;
}

}  // namespace

Verb add_sensitivity_command(CLI::App& app) {
  auto flags = std::make_shared<SensitivityFlags>();
  CLI::App* sensitivity = app.add_subcommand(
      "sensitivity", "Which keys a KPI depends on: Sobol indices or Morris screening over ranges of keys");
  sensitivity->footer(
      "Examples:\n"
      "  adoptsim sensitivity scenarios/workplace/pilot_then_scale.toml --vary strategy.pilot_size=8..15 "
      "--vary budget.change_management_share=0.05..0.4 -N 128 -r 10 -o sensitivity\n"
      "  adoptsim sensitivity scenarios/workplace/big_bang.toml --method morris --vary "
      "model.workplace.effects.use_case_relevance_gain=0..0.3 --vary budget.total_usd=50000..200000 -o "
      "screening\n"
      "  Each point's KPI is the mean over its replicates, every point on the same replicate streams.");
  sensitivity->add_option("scenario", flags->file, "The scenario file the ranges vary")->required();
  sensitivity->add_option("--method", flags->method, "sobol (indices with intervals) or morris (screening)")
      ->capture_default_str();
  sensitivity
      ->add_option("--vary", flags->vary, "A key's range, KEY=low..high or KEY=low..high:log (repeatable)")
      ->type_name("KEY=RANGE");
  sensitivity->add_option("--kpi", flags->kpi, "The KPI analysed (a column of kpis.csv)")
      ->capture_default_str();
  sensitivity->add_option("-N,--base-rows", flags->base_rows, "Sobol: base rows N (N (k + 2) points)")
      ->capture_default_str();
  sensitivity->add_option("--bootstrap", flags->bootstrap, "Sobol: bootstrap resamples of the intervals")
      ->capture_default_str();
  sensitivity->add_option("--trajectories", flags->trajectories, "Morris: trajectories r (r (k + 1) points)")
      ->capture_default_str();
  sensitivity->add_option("--levels", flags->levels, "Morris: levels of the grid (even)")
      ->capture_default_str();
  sensitivity->add_option("--design-seed", flags->design_seed, "Morris: seed of the trajectories")
      ->capture_default_str();
  sensitivity->add_option("-r,--replicates", flags->replicates,
                          "Replicates per point (default: the scenario's own)");
  sensitivity->add_option("-j,--threads", flags->threads, "Worker threads (0: every core)")
      ->capture_default_str();
  sensitivity->add_option("--seed", flags->seed,
                          "Seed of every point's replicates (default: the scenario's own)");
  sensitivity->add_option("-o,--output", flags->output_directory, "Directory for the result files")
      ->required();
  sensitivity->add_flag("--force", flags->force, "Replace the result set already there");
  sensitivity->add_option("--max-units", flags->max_units, "Refuse more (point, replicate) units than this")
      ->capture_default_str();
  add_set_option(*sensitivity, flags->overrides);
  return {sensitivity, [flags, sensitivity]() { return run_sensitivity(*flags, *sensitivity); }};
}

}  // namespace adoptsim::cli
