#include "scenario_runs.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "adoptsim/io/results.hpp"
#include "adoptsim/metrics/series.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "adoptsim/version.hpp"
#include "cli_support.hpp"
#include "plots.hpp"

namespace adoptsim::cli {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void on_interrupt(int /*signal*/) { stop_requested.store(true); }

// Restores the default handler when the run is over, so a second Ctrl-C
// during output writing still ends the process.
class InterruptGuard {
 public:
  InterruptGuard() {
    stop_requested = false;
    previous_ = std::signal(SIGINT, on_interrupt);
  }
  ~InterruptGuard() { std::signal(SIGINT, previous_); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  void (*previous_)(int) = SIG_DFL;
};

std::optional<double> parse_precision(const std::string& text, ProblemList& problems) {
  double precision = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), precision);
  const bool number = !text.empty() && error == std::errc() && end == text.data() + text.size();
  if (!number || !std::isfinite(precision) || !(precision > 0.0 && precision < 1.0)) {
    problems.add("--precision " + text +
                 ": expected a share above 0 and below 1, e.g. 0.01 for ±1 percentage point "
                 "(leave the flag out for a fixed number of replicates)");
    return std::nullopt;
  }
  return precision;
}

}  // namespace

void add_scenario_run_options(CLI::App& command, ScenarioRunFlags& flags) {
  command.add_option("-r,--replicates", flags.replicates,
                     "Replicates per scenario (default: each scenario's own)");
  command.add_option("-j,--threads", flags.threads, "Worker threads (0: every core)")->capture_default_str();
  command.add_option("--seed", flags.seed, "Seed for every scenario (default: each scenario's own)");
  command.add_option("-o,--output", flags.output_directory,
                     "Directory for the result files (see docs/output-schema.md)");
  command.add_flag("--force", flags.force, "Overwrite result files already in the output directory");
  flags.command = &command;
  command.add_option(
      "--precision", flags.precision,
      "Instead of a fixed count, add replicates until the 90% interval of the headline KPI's mean "
      "is within ± this share, in (0, 1) (e.g. 0.01 for ±1 percentage point)");
  command.add_option("--max-replicates", flags.max_replicates, "Upper limit of replicates under --precision")
      ->capture_default_str();
  command.add_flag("--per-replicate", flags.per_replicate,
                   "Also write every replicate's series to series.csv and cohorts.csv (large)");
  command.add_flag("--plot", flags.plot, "After writing, draw the figures into OUTPUT/figures (needs -o)");
}

CheckedRunFlags check_scenario_run_flags(const ScenarioRunFlags& flags, ProblemList& problems) {
  const auto given = [&](const char* flag) {
    return flags.command != nullptr && flags.command->count(flag) > 0;
  };
  CheckedRunFlags checked;
  if (given("--replicates")) checked.replicates = check_replicates_flag(flags.replicates, problems);
  checked.threads = check_threads_flag(flags.threads, problems).value_or(0);
  if (given("--seed")) checked.seed = parse_seed_flag(flags.seed, problems);
  if (given("--precision")) checked.precision = parse_precision(flags.precision, problems);
  if (flags.max_replicates < 2 || flags.max_replicates > scenario::kMaxReplicates) {
    problems.add("--max-replicates " + std::to_string(flags.max_replicates) + ": expected 2 to " +
                 std::to_string(scenario::kMaxReplicates));
  } else {
    checked.max_replicates = static_cast<std::uint32_t>(flags.max_replicates);
  }
  if (given("--max-replicates") && !given("--precision")) {
    problems.add(
        "--max-replicates limits the replicates --precision adds; without --precision the count is "
        "fixed: set it with -r instead");
  }
  if (checked.replicates && checked.precision && *checked.replicates > checked.max_replicates) {
    problems.add("-r/--replicates " + std::to_string(*checked.replicates) + " is above --max-replicates " +
                 std::to_string(checked.max_replicates) + ": raise --max-replicates or lower -r");
  }
  return checked;
}

void check_before_run(const std::vector<scenario::Scenario>& scenarios, const RunShape& shape,
                      ProblemList& problems) {
  const CheckedRunFlags& checked = shape.flags;
  const bool compare = shape.compare;
  // Every scenario's organisation and results are held at once: checked
  // before any is built (imports, whose size is known only once read, after).
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const auto estimate_for = [&](const scenario::Scenario& scenario, double people, double ties,
                                double departments) {
    MemoryEstimate estimate;
    estimate.people = people;
    estimate.ties = ties;
    estimate.workplace = scenario.workplace.has_value();
    std::uint32_t replicates = checked.replicates.value_or(
        compare && !scenarios.empty() ? scenarios.front().replicates : scenario.replicates);
    if (checked.precision) replicates = std::max(replicates, checked.max_replicates);
    estimate.replicates = replicates;
    estimate.threads = std::min<double>(checked.threads == 0 ? cores : checked.threads, replicates);
    const double days = static_cast<double>(scenario.horizon_days) + 1.0;
    // A replicate's KPIs and first-use cohorts; with --per-replicate also its
    // series (float per series and day, groups: all, departments, roles).
    estimate.kept_bytes_per_replicate = 256.0 + 16.0 * days / 7.0;
    if (shape.per_replicate) {
      const double series =
          (1.0 + departments + org::kRoleCount) * metrics::kGroupMetricCount + metrics::kTotalMetricCount;
      estimate.kept_bytes_per_replicate += 4.0 * series * days;
    }
    return estimate;
  };
  const std::string memory_remedy =
      "use a smaller organisation, fewer replicates (-r, --max-replicates), a shorter horizon, fewer "
      "threads (-j) or leave out --per-replicate";
  {
    double bytes = 0.0;
    std::string sizes;
    for (const scenario::Scenario& scenario : scenarios) {
      if (scenario.organisation_source != scenario::OrganisationSource::Generated) continue;
      const org::OrgSpec& spec = scenario.organisation;
      const MemoryEstimate estimate = estimate_for(
          scenario, spec.headcount,
          estimated_generated_ties(spec.headcount, spec.span_of_control, spec.department_ties_per_person,
                                   spec.cross_department_ties_per_person),
          static_cast<double>(spec.departments.size()));
      bytes += estimate.bytes();
      sizes += (sizes.empty() ? "" : "; ") + scenario.name + ": " + describe_size(estimate) + ", " +
               with_thousands(estimate.replicates) + " replicates";
    }
    // Nothing is built when it cannot fit.
    if (!check_memory_fits(bytes, "running " + sizes, memory_remedy, problems)) return;
  }
  double run_bytes = 0.0;
  std::string run_sizes;
  for (const scenario::Scenario& scenario : scenarios) {
    // An import's warnings are said once, before the run.
    std::vector<org::ImportIssue> import_warnings;
    const org::OrgGraph graph = runner::build_organisation(scenario, &import_warnings);
    for (const org::ImportIssue& warning : import_warnings)
      std::cerr << "adoptsim: " << warning.text() << "\n";
    problems.add_all(runner::check_runnable(scenario, graph));
    for (const std::string& warning : runner::runnable_warnings(scenario, graph))
      std::cerr << "adoptsim: warning: " << warning << "\n";
    const MemoryEstimate estimate =
        estimate_for(scenario, static_cast<double>(graph.person_count()),
                     static_cast<double>(graph.tie_count()), static_cast<double>(graph.department_count()));
    run_bytes += estimate.bytes();
    run_sizes += (run_sizes.empty() ? "" : "; ") + scenario.name + ": " + describe_size(estimate) + ", " +
                 with_thousands(estimate.replicates) + " replicates";
  }
  check_memory_fits(run_bytes, "running " + run_sizes, memory_remedy, problems);
}

int run_scenario_files(const ScenarioRunFlags& flags, bool compare) {
  ProblemList problems;
  const CheckedRunFlags checked = check_scenario_run_flags(flags, problems);
  if (flags.plot && flags.output_directory.empty()) {
    problems.add("--plot draws from the result files: add -o DIR to say where to write them");
  }
  if (compare && flags.files.size() < 2) {
    problems.add("compare needs at least two scenario files: the baseline first, then the alternatives");
  }

  std::vector<scenario::Scenario> scenarios;
  for (const std::string& file : flags.files) {
    scenario::LoadResult loaded = scenario::load_scenario(file);
    for (const scenario::ScenarioError& warning : loaded.warnings)
      std::cerr << "adoptsim: warning: " << warning.message() << "\n";
    if (!loaded.ok()) {
      for (const scenario::ScenarioError& error : loaded.errors) problems.add(error.message());
      continue;
    }
    scenarios.push_back(std::move(*loaded.scenario));
  }
  // Names identify scenarios in every output; two with one name would mix.
  for (std::size_t first = 0; first < scenarios.size(); ++first) {
    for (std::size_t second = first + 1; second < scenarios.size(); ++second) {
      if (scenarios[first].name == scenarios[second].name) {
        problems.add(scenarios[second].source_path.string() + ": its name \"" + scenarios[second].name +
                     "\" is also the name of " + scenarios[first].source_path.string() +
                     "; give one of them another `name`");
      }
    }
  }
  const std::filesystem::path output(flags.output_directory);
  if (!flags.output_directory.empty()) {
    check_output_directory(output, {io::kResultFiles.begin(), io::kResultFiles.end()}, flags.force, problems);
  }
  problems.throw_if_any();
  check_before_run(scenarios, RunShape{checked, compare, flags.per_replicate}, problems);
  problems.throw_if_any();

  runner::RunSettings settings;
  settings.threads = checked.threads;
  settings.replicates = checked.replicates;
  settings.seed = checked.seed;
  if (compare && !settings.seed) settings.seed = scenarios.front().seed;
  if (compare && !settings.replicates) settings.replicates = scenarios.front().replicates;
  settings.precision = checked.precision;
  settings.max_replicates = checked.max_replicates;
  settings.keep_replicate_series = flags.per_replicate;
  settings.same_replicates = compare;
  settings.stop = &stop_requested;

  std::vector<const scenario::Scenario*> pointers;
  std::uint32_t planned = 0;
  for (const scenario::Scenario& scenario : scenarios) {
    pointers.push_back(&scenario);
    planned += settings.replicates.value_or(scenario.replicates);
  }
  std::cout << "adoptsim " << kVersion << " (" << kGitRevision
            << "): " << (compare ? "comparing " : "running ") << scenarios.size()
            << (scenarios.size() == 1 ? " scenario" : " scenarios");
  if (settings.seed) std::cout << " with seed " << *settings.seed;
  std::cout << "\n" << std::flush;

  const auto start = std::chrono::steady_clock::now();
  std::vector<runner::ScenarioResult> results;
  {
    InterruptGuard guard;
    ProgressBar progress("replicates", planned);
    settings.progress = [&progress](std::uint32_t done, std::uint32_t total) {
      (void)total;
      progress.update(done);
    };
    try {
      results = runner::run_scenarios(pointers, settings);
    } catch (const runner::Interrupted&) {
      progress.finish();
      std::cerr << "adoptsim: interrupted; nothing was written.\n";
      return 130;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (const runner::ScenarioResult& result : results) {
    std::cout << "  " << io::scenario_name(result) << ": " << result.graph->person_count() << " people, "
              << result.replicates << " replicates, seed " << result.seed << ", "
              << result.scenario->horizon_days << " days";
    if (settings.precision) {
      std::cout << (result.precision_reached ? " (precision reached)"
                                             : " (precision NOT reached: raise --max-replicates)");
    }
    std::cout << "\n";
  }
  std::cout << "\n";
  const std::vector<io::Comparison> comparisons =
      compare ? io::compare_with_first(results) : std::vector<io::Comparison>{};
  io::print_kpi_table(results, comparisons, std::cout);
  std::cout << "\nSimulated in " << format_seconds(seconds) << "\n";
  if (!flags.output_directory.empty()) {
    io::write_results(output, results, comparisons, io::WriteOptions{flags.per_replicate});
    std::cout << "Wrote results to " << output.string() << "/\n";
    if (flags.plot && render_figures(output, "png", {}) != 0) {
      std::cerr << "adoptsim: the results are written, but drawing the figures failed (see above)\n";
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace adoptsim::cli
