#include "scenario_runs.hpp"

#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "adoptsim/io/results.hpp"
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

std::optional<std::uint64_t> parse_seed(const std::string& text, ProblemList& problems) {
  if (text.empty()) return std::nullopt;
  std::uint64_t seed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (error != std::errc() || end != text.data() + text.size()) {
    problems.add("--seed " + text + ": expected a whole number from 0 to 18446744073709551615");
    return std::nullopt;
  }
  return seed;
}

// What two organisations must share for a paired comparison to compare plans
// rather than organisations.
struct OrganisationFacts {
  std::size_t people = 0;
  std::size_t ties = 0;
  std::vector<std::string> departments;
  // FNV-1a over each person's role, department, manager and ties: the same
  // sizes with other people or ties (another generator seed) differ here.
  std::uint64_t fingerprint = 0;

  bool operator==(const OrganisationFacts&) const = default;
};

OrganisationFacts facts_of(const org::OrgGraph& graph) {
  std::uint64_t hash = 14695981039346656037ull;
  const auto mix = [&hash](std::uint64_t value) {
    for (int byte = 0; byte < 8; ++byte) {
      hash ^= (value >> (8 * byte)) & 0xffu;
      hash *= 1099511628211ull;
    }
  };
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    mix(static_cast<std::uint64_t>(graph.role(person)));
    mix(graph.department(person));
    mix(graph.manager(person));
    for (const org::PersonId neighbour : graph.neighbours(person)) mix(neighbour);
  }
  return {graph.person_count(), graph.tie_count(), graph.department_names(), hash};
}

std::string describe(const OrganisationFacts& facts) {
  return std::to_string(facts.people) + " people, " + std::to_string(facts.ties) + " ties, " +
         std::to_string(facts.departments.size()) + " departments";
}

// compare pairs replicate r of every scenario with replicate r of the first:
// a difference in horizon or organisation is then part of every paired
// difference, so it is said before the run.
std::vector<std::string> comparability_warnings(const std::vector<scenario::Scenario>& scenarios,
                                                const std::vector<OrganisationFacts>& organisations) {
  std::vector<std::string> warnings;
  const scenario::Scenario& baseline = scenarios.front();
  for (std::size_t index = 1; index < scenarios.size(); ++index) {
    const scenario::Scenario& other = scenarios[index];
    if (other.horizon_days != baseline.horizon_days) {
      warnings.push_back(other.source_path.string() +
                         ": horizon_days = " + std::to_string(other.horizon_days) + " but the baseline " +
                         baseline.source_path.string() + " has " + std::to_string(baseline.horizon_days) +
                         ": KPIs at or after the shorter horizon, spend and time-to-X censoring differ "
                         "for that reason alone; give both the same horizon_days");
    }
    const OrganisationFacts& a = organisations.front();
    const OrganisationFacts& b = organisations[index];
    if (!(a == b)) {
      const bool same_size = a.people == b.people && a.ties == b.ties && a.departments == b.departments;
      warnings.push_back(other.source_path.string() + ": its organisation is not the baseline's (" +
                         baseline.source_path.string() + "): " +
                         (same_size ? "the same size (" + describe(a) + ") but other people or ties"
                                    : describe(b) + " against " + describe(a)) +
                         "; the paired differences compare organisations as well as plans");
    }
  }
  return warnings;
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
  command.add_option(
      "--precision", flags.precision,
      "Instead of a fixed count, add replicates until the 90% interval of the headline KPI's mean "
      "is within ± this share (e.g. 0.01 for ±1 percentage point)");
  command.add_option("--max-replicates", flags.max_replicates, "Upper limit of replicates under --precision")
      ->capture_default_str();
  command.add_flag("--per-replicate", flags.per_replicate,
                   "Also write every replicate's series to series.csv and cohorts.csv (large)");
  command.add_flag("--plot", flags.plot, "After writing, draw the figures into OUTPUT/figures (needs -o)");
}

int run_scenario_files(const ScenarioRunFlags& flags, bool compare) {
  ProblemList problems;
  if (flags.replicates != -1 && (flags.replicates < 1 || flags.replicates > scenario::kMaxReplicates)) {
    problems.add("-r/--replicates " + std::to_string(flags.replicates) + ": expected 1 to " +
                 std::to_string(scenario::kMaxReplicates) + " replicates");
  }
  if (flags.threads < 0 || flags.threads > 1024) {
    problems.add("-j/--threads " + std::to_string(flags.threads) + ": expected 0 (every core) to 1024");
  }
  if (flags.precision < 0.0 || flags.precision >= 1.0) {
    problems.add("--precision " + std::to_string(flags.precision) +
                 ": expected a share above 0 and below 1, e.g. 0.01 for ±1 percentage point");
  }
  if (flags.max_replicates < 2 || flags.max_replicates > scenario::kMaxReplicates) {
    problems.add("--max-replicates " + std::to_string(flags.max_replicates) + ": expected 2 to " +
                 std::to_string(scenario::kMaxReplicates));
  }
  if (flags.plot && flags.output_directory.empty()) {
    problems.add("--plot draws from the result files: add -o DIR to say where to write them");
  }
  if (compare && flags.files.size() < 2) {
    problems.add("compare needs at least two scenario files: the baseline first, then the alternatives");
  }
  const std::optional<std::uint64_t> seed_flag = parse_seed(flags.seed, problems);

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
  // One KPI column per day KPI in kpis.csv, and compare pairs KPI with KPI:
  // the scenarios must measure the same days.
  for (std::size_t index = 1; index < scenarios.size(); ++index) {
    const scenario::KpiTarget& first = scenarios.front().kpi;
    const scenario::KpiTarget& other = scenarios[index].kpi;
    if (first.days != other.days || first.from_phase != other.from_phase) {
      const auto days = [](const scenario::KpiTarget& kpi) {
        std::string text = "kpi.days = [" + std::to_string(kpi.days[0]) + ", " + std::to_string(kpi.days[1]) +
                           ", " + std::to_string(kpi.days[2]) + "]";
        if (!kpi.from_phase.empty()) text += " from phase \"" + kpi.from_phase + "\"";
        return text;
      };
      problems.add(scenarios[index].source_path.string() + ": " + days(other) + " but " +
                   scenarios.front().source_path.string() + " has " + days(first) +
                   "; scenarios run or compared together must measure their KPIs on the same days");
    }
  }
  const std::filesystem::path output(flags.output_directory);
  if (!flags.output_directory.empty()) {
    check_output_directory(output, {io::kResultFiles.begin(), io::kResultFiles.end()}, flags.force, problems);
  }
  problems.throw_if_any();
  std::vector<OrganisationFacts> organisations;
  for (const scenario::Scenario& scenario : scenarios) {
    // An import's warnings are said once, before the run.
    std::vector<org::ImportIssue> import_warnings;
    const org::OrgGraph graph = runner::build_organisation(scenario, &import_warnings);
    organisations.push_back(facts_of(graph));
    for (const org::ImportIssue& warning : import_warnings)
      std::cerr << "adoptsim: " << warning.text() << "\n";
    problems.add_all(runner::check_runnable(scenario, graph));
    for (const std::string& warning : runner::runnable_warnings(scenario, graph))
      std::cerr << "adoptsim: warning: " << warning << "\n";
  }
  problems.throw_if_any();
  if (compare) {
    for (const std::string& warning : comparability_warnings(scenarios, organisations))
      std::cerr << "adoptsim: warning: " << warning << "\n";
  }

  runner::RunSettings settings;
  settings.threads = static_cast<std::uint32_t>(flags.threads);
  if (flags.replicates != -1) settings.replicates = static_cast<std::uint32_t>(flags.replicates);
  settings.seed = seed_flag;
  if (compare && !settings.seed) settings.seed = scenarios.front().seed;
  if (compare && !settings.replicates) settings.replicates = scenarios.front().replicates;
  if (flags.precision > 0.0) settings.precision = flags.precision;
  settings.max_replicates = static_cast<std::uint32_t>(flags.max_replicates);
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
