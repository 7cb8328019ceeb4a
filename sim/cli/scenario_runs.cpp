#include "scenario_runs.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "adoptsim/io/results.hpp"
#include "adoptsim/io/rollout_people.hpp"
#include "adoptsim/metrics/series.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "adoptsim/version.hpp"
#include "cli_support.hpp"
#include "plots.hpp"

namespace adoptsim::cli {
namespace {

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
  command.add_flag("--force", flags.force,
                   "Replace the result set already in the output directory (all of its files and figures)");
  flags.command = &command;
  add_set_option(command, flags.overrides);
  command.add_option(
      "--precision", flags.precision,
      "Instead of a fixed count, add replicates until the 90% interval of the headline KPI's mean "
      "is within ± this share, in (0, 1) (e.g. 0.01 for ±1 percentage point)");
  command.add_option("--max-replicates", flags.max_replicates, "Upper limit of replicates under --precision")
      ->capture_default_str();
  command.add_flag("--per-replicate", flags.per_replicate,
                   "Also write every replicate's series to series.csv and cohorts.csv (large)");
  command
      .add_option("--series", flags.series,
                  "What series.csv holds: none, overall (group all), headline (overall and each "
                  "department's headline share: every default figure), groups (the shares of every group: "
                  "departments, roles, and a workplace plan's pilot and champions) or "
                  "all (every group, counts and shares)")
      ->capture_default_str();
  command.add_flag("--plot", flags.plot,
                   "Also draw the figures into OUTPUT/figures; they are part of the result set (needs -o)");
  command.add_flag(
      "--write-cohorts", flags.write_cohorts,
      "Also write rollout_people.csv: who was in each replicate's pilot and who its champions were, "
      "by id (an import's ids pseudonymised; needs -o)");
  command.add_option(
      "--key-file", flags.key_file,
      "With --write-cohorts on an import: the pseudonym key's file, outside OUTPUT (made, mode "
      "0600, when missing; default: the scenario's organisation.pseudonym_key_file)");
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
                      ProblemList& problems, std::vector<std::vector<std::string>>* person_ids) {
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
    // series (float per series and day, groups: all, departments, roles,
    // and for a workplace plan at most its pilot and champions).
    estimate.kept_bytes_per_replicate = 256.0 + 16.0 * days / 7.0;
    if (shape.per_replicate) {
      const double plan_groups = estimate.workplace ? metrics::kPlanGroupCount : 0.0;
      const double series = (1.0 + departments + org::kRoleCount + plan_groups) * metrics::kGroupMetricCount +
                            metrics::kTotalMetricCount;
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
  std::vector<OrganisationFacts> organisations;
  for (const scenario::Scenario& scenario : scenarios) {
    // An import's warnings are said once, before the run.
    std::vector<org::ImportIssue> import_warnings;
    runner::Organisation organisation = runner::load_organisation(scenario, &import_warnings);
    const org::OrgGraph& graph = organisation.graph;
    for (const org::ImportIssue& warning : import_warnings)
      std::cerr << "adoptsim: " << warning.text() << "\n";
    problems.add_all(runner::check_runnable(scenario, organisation));
    for (const std::string& warning : runner::runnable_warnings(scenario, organisation))
      std::cerr << "adoptsim: warning: " << warning << "\n";
    const MemoryEstimate estimate =
        estimate_for(scenario, static_cast<double>(graph.person_count()),
                     static_cast<double>(graph.tie_count()), static_cast<double>(graph.department_count()));
    run_bytes += estimate.bytes();
    run_sizes += (run_sizes.empty() ? "" : "; ") + scenario.name + ": " + describe_size(estimate) + ", " +
                 with_thousands(estimate.replicates) + " replicates";
    organisations.push_back(facts_of(graph));
    if (person_ids != nullptr) person_ids->push_back(std::move(organisation.person_ids));
  }
  if (compare && problems.empty()) {
    for (const std::string& warning : comparability_warnings(scenarios, organisations))
      std::cerr << "adoptsim: warning: " << warning << "\n";
  }
  check_memory_fits(run_bytes, "running " + run_sizes, memory_remedy, problems);
}

int run_scenario_files(const ScenarioRunFlags& flags, bool compare) {
  ProblemList problems;
  const CheckedRunFlags checked = check_scenario_run_flags(flags, problems);
  const std::optional<io::SeriesScope> series_scope = io::parse_series_scope(flags.series);
  if (!series_scope) {
    problems.add("--series " + flags.series + ": expected " + io::kSeriesScopeNames);
  }
  if (flags.plot && flags.output_directory.empty()) {
    problems.add("--plot draws from the result files: add -o DIR to say where to write them");
  }
  if (flags.write_cohorts && flags.output_directory.empty()) {
    problems.add("--write-cohorts writes rollout_people.csv among the result files: add -o DIR");
  }
  if (!flags.key_file.empty() && !flags.write_cohorts) {
    problems.add("--key-file keys the pseudonyms of rollout_people.csv: it goes with --write-cohorts");
  }
  if (compare && flags.files.size() < 2) {
    problems.add("compare needs at least two scenario files: the baseline first, then the alternatives");
  }

  std::vector<scenario::Scenario> scenarios;
  for (const std::string& file : flags.files) {
    scenario::LoadResult loaded = scenario::load_scenario(file, flags.overrides);
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
    if (first.days != other.days || first.from_phase != other.from_phase ||
        first.hard_review_day != other.hard_review_day) {
      const bool review_differs = first.hard_review_day != other.hard_review_day;
      const auto days = [review_differs](const scenario::KpiTarget& kpi) {
        std::string text = "kpi.days = [" + std::to_string(kpi.days[0]) + ", " + std::to_string(kpi.days[1]) +
                           ", " + std::to_string(kpi.days[2]) + "]";
        if (!kpi.from_phase.empty()) text += " from phase \"" + kpi.from_phase + "\"";
        if (review_differs) text += ", kpi.hard_review_day = " + std::to_string(kpi.hard_review_day);
        return text;
      };
      problems.add(scenarios[index].source_path.string() + ": " + days(other) + " but " +
                   scenarios.front().source_path.string() + " has " + days(first) +
                   "; scenarios run or compared together must measure their KPIs on the same days");
    }
  }
  const std::filesystem::path output(flags.output_directory);
  if (!flags.output_directory.empty()) {
    check_result_directory(output, flags.force, problems);
  }
  // rollout_people.csv names people: an import's by keyed pseudonyms, whose key stays out of OUTPUT.
  std::vector<std::filesystem::path> key_files(scenarios.size());
  if (flags.write_cohorts && !flags.output_directory.empty()) {
    for (std::size_t index = 0; index < scenarios.size(); ++index) {
      if (scenarios[index].organisation_source != scenario::OrganisationSource::File) continue;
      key_files[index] = flags.key_file.empty() ? scenarios[index].pseudonym_key_file
                                                : std::filesystem::path(flags.key_file);
      check_key_file(key_files[index], !flags.key_file.empty(), output, io::kRolloutPeopleFile, problems);
    }
  }
  problems.throw_if_any();
  // With --write-cohorts, what rollout_people.csv says for each person.
  std::vector<std::vector<std::string>> person_labels;
  check_before_run(scenarios, RunShape{checked, compare, flags.per_replicate}, problems,
                   flags.write_cohorts ? &person_labels : nullptr);
  problems.throw_if_any();
  for (std::size_t index = 0; index < person_labels.size(); ++index) {
    if (scenarios[index].organisation_source != scenario::OrganisationSource::File) continue;
    std::string note;
    const org::Pseudonymiser pseudonymise(pseudonym_key(key_files[index], note));
    for (std::string& label : person_labels[index]) label = pseudonymise(label);
    std::cout << io::kRolloutPeopleFile << " for " << scenarios[index].name << ": " << note << "\n";
  }

  runner::RunSettings settings;
  settings.threads = checked.threads;
  settings.replicates = checked.replicates;
  settings.seed = checked.seed;
  if (compare && !settings.seed) settings.seed = scenarios.front().seed;
  if (compare && !settings.replicates) settings.replicates = scenarios.front().replicates;
  settings.precision = checked.precision;
  settings.max_replicates = checked.max_replicates;
  settings.keep_replicate_series = flags.per_replicate;
  settings.keep_rollout_people = flags.write_cohorts;
  settings.same_replicates = compare;
  // From here to the end, SIGINT and SIGTERM stop the work at a safe point:
  // the output directory then holds the complete result set or is untouched.
  InterruptScope interrupts;
  settings.stop = &InterruptScope::requested();

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
      return InterruptScope::exit_status();
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
    // The files, and with --plot the figures, are made in a staging
    // directory beside OUTPUT and moved into place together.
    bool figures_failed = false;
    try {
      io::StagedDirectory staged(output);
      io::WriteOptions options;
      options.per_replicate = flags.per_replicate;
      options.series = *series_scope;
      options.stop = &InterruptScope::requested();
      if (flags.write_cohorts) options.rollout_person_labels = &person_labels;
      io::write_result_files(staged.path(), results, comparisons, options);
      if (flags.plot) {
        PlotOptions plot;
        plot.output_directory = staged.path() / io::kFiguresDirectory;
        plot.shown_as = output / io::kFiguresDirectory;
        const int status = render_figures(staged.path(), plot);
        if (InterruptScope::requested()) throw io::Interrupted();
        if (status != 0) {
          figures_failed = true;
          std::filesystem::remove_all(staged.path() / io::kFiguresDirectory);
        }
      }
      if (InterruptScope::requested()) throw io::Interrupted();
      staged.commit();
    } catch (const io::Interrupted&) {
      std::cerr << "adoptsim: interrupted; nothing was written"
                << (std::filesystem::exists(output) ? " (" + output.string() + " is as it was)" : "")
                << ".\n";
      return InterruptScope::exit_status();
    }
    std::cout << "Wrote results to " << output.string() << "/\n";
    if (figures_failed) {
      std::cerr << "adoptsim: the results are written, but drawing the figures failed (see above)\n";
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace adoptsim::cli
