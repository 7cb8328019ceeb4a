#include "scenario_runs.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "adoptsim/io/results.hpp"
#include "adoptsim/io/rollout_people.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "adoptsim/version.hpp"
#include "cli_support.hpp"
#include "plots.hpp"

namespace adoptsim::cli {
namespace {

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
  command.add_option(
      "--precision", flags.precision,
      "Instead of a fixed count, add replicates until the 90% interval of the headline KPI's mean "
      "is within ± this share (e.g. 0.01 for ±1 percentage point)");
  command.add_option("--max-replicates", flags.max_replicates, "Upper limit of replicates under --precision")
      ->capture_default_str();
  command.add_flag("--per-replicate", flags.per_replicate,
                   "Also write every replicate's series to series.csv and cohorts.csv (large)");
  command
      .add_option("--series", flags.series,
                  "What series.csv holds: none, overall (group all), headline (overall and each "
                  "department's headline share: every default figure), groups (every group's shares) or "
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
  std::vector<std::vector<std::string>> person_labels(scenarios.size());
  for (std::size_t index = 0; index < scenarios.size(); ++index) {
    const scenario::Scenario& scenario = scenarios[index];
    // An import's warnings are said once, before the run.
    std::vector<org::ImportIssue> import_warnings;
    runner::Organisation organisation = runner::load_organisation(scenario, &import_warnings);
    for (const org::ImportIssue& warning : import_warnings)
      std::cerr << "adoptsim: " << warning.text() << "\n";
    problems.add_all(runner::check_runnable(scenario, organisation));
    for (const std::string& warning : runner::runnable_warnings(scenario, organisation))
      std::cerr << "adoptsim: warning: " << warning << "\n";
    if (!flags.write_cohorts) continue;
    person_labels[index] = std::move(organisation.person_ids);
    if (scenario.organisation_source == scenario::OrganisationSource::File && problems.empty()) {
      std::string note;
      const org::Pseudonymiser pseudonymise(pseudonym_key(key_files[index], note));
      for (std::string& label : person_labels[index]) label = pseudonymise(label);
      std::cout << io::kRolloutPeopleFile << " for " << scenario.name << ": " << note << "\n";
    }
  }
  problems.throw_if_any();

  runner::RunSettings settings;
  settings.threads = static_cast<std::uint32_t>(flags.threads);
  if (flags.replicates != -1) settings.replicates = static_cast<std::uint32_t>(flags.replicates);
  settings.seed = seed_flag;
  if (compare && !settings.seed) settings.seed = scenarios.front().seed;
  if (compare && !settings.replicates) settings.replicates = scenarios.front().replicates;
  if (flags.precision > 0.0) settings.precision = flags.precision;
  settings.max_replicates = static_cast<std::uint32_t>(flags.max_replicates);
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
