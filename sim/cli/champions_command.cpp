// `adoptsim champions SCENARIO`: chooses champions by network position and
// forecasts each selection rule side by side (the champions seed the
// scenario's reference model), so a consultant sees which rule spreads
// adoption best in this organisation.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "adoptsim/analysis/centrality.hpp"
#include "adoptsim/analysis/champion_rule.hpp"
#include "adoptsim/analysis/champions.hpp"
#include "adoptsim/io/results.hpp"
#include "adoptsim/metrics/compare.hpp"
#include "adoptsim/model/reference.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "cli_support.hpp"
#include "commands.hpp"

namespace adoptsim::cli {
namespace {

namespace fs = std::filesystem;
using analysis::ChampionRule;

constexpr const char* kChampionsFileName = "champions.csv";

struct ChampionsFlags {
  std::string scenario;
  std::int64_t count = 12;
  std::string by = "pagerank";
  std::vector<std::string> rules;  // empty: every rule
  std::int64_t max_per_department = 0;
  bool one_per_department = false;
  bool include_executives = false;
  bool show_ids = false;
  std::vector<std::string> overrides;  // --set KEY=VALUE over the scenario file
  std::string key_file;
  std::int64_t replicates = -1;
  std::int64_t threads = 0;
  std::string seed;
  std::string output_directory;
  bool force = false;
  // The verb, to tell a flag given from its default.
  const CLI::App* command = nullptr;
};

// A rule that scores people (random and the centralities), by name.
std::optional<ChampionRule> parse_scored_rule(std::string_view name) {
  const auto rule = analysis::parse_champion_rule(name);
  if (rule && analysis::is_scored(*rule)) return rule;
  return std::nullopt;
}

// The rules in table order, from --rules or all of them; the baseline
// (random) always first.
std::vector<ChampionRule> rules_to_forecast(const ChampionsFlags& flags, ProblemList& problems) {
  std::vector<ChampionRule> rules{ChampionRule::Random};
  if (flags.rules.empty()) {
    for (std::size_t rule = 1; rule < analysis::kScoredRuleCount; ++rule)
      rules.push_back(analysis::kChampionRules[rule]);
    return rules;
  }
  for (const std::string& name : flags.rules) {
    const auto rule = parse_scored_rule(name);
    if (!rule) {
      problems.add("--rules " + name + ": expected " +
                   analysis::champion_rule_names(analysis::kScoredRuleCount));
    } else if (std::find(rules.begin(), rules.end(), *rule) == rules.end()) {
      rules.push_back(*rule);
    }
  }
  return rules;
}

std::string fixed(double value, int digits) {
  if (std::isnan(value)) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string pad(const std::string& text, std::size_t width, bool right = false) {
  if (text.size() >= width) return text;
  return right ? std::string(width - text.size(), ' ') + text : text + std::string(width - text.size(), ' ');
}

int run_champions(const ChampionsFlags& flags) {
  ProblemList problems;
  if (flags.count < 1 || flags.count > 1000000)
    problems.add("--k " + std::to_string(flags.count) + ": expected 1 to 1000000 champions");
  if (flags.max_per_department < 0) {
    problems.add("--max-per-department " + std::to_string(flags.max_per_department) +
                 ": expected 0 (no limit) or more");
  }
  if (flags.command->count("--replicates") > 0) check_replicates_flag(flags.replicates, problems);
  check_threads_flag(flags.threads, problems);
  const auto by = parse_scored_rule(flags.by);
  if (!by)
    problems.add("--by " + flags.by + ": expected " +
                 analysis::champion_rule_names(analysis::kScoredRuleCount));
  std::optional<std::uint64_t> seed_flag;
  if (flags.command->count("--seed") > 0) seed_flag = parse_seed_flag(flags.seed, problems);
  if (flags.command->count("--key-file") > 0 && flags.show_ids) {
    problems.add("--key-file keys the pseudonyms that --show-ids turns off; leave one of them out");
  }
  std::vector<ChampionRule> rules = rules_to_forecast(flags, problems);
  if (by && std::find(rules.begin(), rules.end(), *by) == rules.end()) rules.push_back(*by);
  const fs::path output(flags.output_directory);
  if (!flags.output_directory.empty())
    check_output_directory(output, {kChampionsFileName}, flags.force, problems);
  scenario::LoadResult loaded = scenario::load_scenario(flags.scenario, flags.overrides);
  for (const scenario::ScenarioError& warning : loaded.warnings)
    std::cerr << "adoptsim: warning: " << warning.message() << "\n";
  for (const scenario::ScenarioError& error : loaded.errors) problems.add(error.message());
  problems.throw_if_any();
  const scenario::Scenario& base = *loaded.scenario;
  const bool imported = base.organisation_source == scenario::OrganisationSource::File;
  if (!imported) {
    // The organisation, its centralities (a few numbers per person and rule)
    // and one model state per worker, before anything is built.
    const org::OrgSpec& spec = base.organisation;
    MemoryEstimate estimate;
    estimate.people = spec.headcount;
    estimate.ties =
        estimated_generated_ties(spec.headcount, spec.span_of_control, spec.department_ties_per_person,
                                 spec.cross_department_ties_per_person);
    estimate.workplace = base.workplace.has_value();
    estimate.threads = flags.threads == 0 ? std::max(1u, std::thread::hardware_concurrency())
                                          : static_cast<double>(flags.threads);
    estimate.replicates = static_cast<double>(analysis::kScoredRuleCount);
    estimate.kept_bytes_per_replicate = 8.0 * spec.headcount;
    check_memory_fits(estimate.bytes(), "choosing champions in " + describe_size(estimate),
                      "use a smaller organisation or fewer threads (-j)", problems);
    problems.throw_if_any();
  }

  // Pseudonyms protect the results only when their key does not travel with them.
  const fs::path key_file = flags.key_file.empty() ? base.pseudonym_key_file : fs::path(flags.key_file);
  if (imported && !flags.show_ids && !flags.output_directory.empty())
    check_key_file(key_file, !flags.key_file.empty(), output, "champions.csv", problems);
  problems.throw_if_any();

  // The organisation, with the file's ids (throws ImportError).
  std::vector<org::ImportIssue> import_warnings;
  const runner::Organisation organisation = runner::load_organisation(base, &import_warnings);
  for (const org::ImportIssue& warning : import_warnings) std::cerr << "adoptsim: " << warning.text() << "\n";
  const org::OrgGraph& graph = organisation.graph;

  analysis::SelectionConstraints constraints;
  constraints.count = static_cast<std::uint32_t>(flags.count);
  constraints.max_per_department = static_cast<std::uint32_t>(flags.max_per_department);
  constraints.at_least_one_per_department = flags.one_per_department;
  constraints.exclude_executives = !flags.include_executives;
  problems.add_all(analysis::check_selection(graph, constraints), "champions: ");
  problems.add_all(runner::check_runnable(base, organisation));
  problems.throw_if_any();

  const std::uint64_t seed = seed_flag.value_or(base.seed);
  std::vector<std::vector<double>> scores(analysis::kScoredRuleCount);
  for (std::size_t rule = 0; rule < analysis::kScoredRuleCount; ++rule)
    scores[rule] = analysis::centrality_scores(graph, analysis::kChampionRules[rule], seed);
  std::vector<std::vector<org::PersonId>> selections;
  for (const ChampionRule rule : rules) {
    selections.push_back(
        analysis::select_champions(graph, scores[static_cast<std::size_t>(rule)], constraints));
  }
  const std::size_t by_index =
      static_cast<std::size_t>(std::find(rules.begin(), rules.end(), *by) - rules.begin());
  const std::vector<org::PersonId>& chosen = selections[by_index];

  // Who is who: pseudonyms for imported people unless --show-ids, which
  // prints the ids a scenario names people by.
  std::string key_note;
  std::unique_ptr<org::Pseudonymiser> pseudonymiser;
  if (imported && !flags.show_ids)
    pseudonymiser = std::make_unique<org::Pseudonymiser>(pseudonym_key(key_file, key_note));
  const auto person_label = [&](org::PersonId person) -> std::string {
    const std::string& id = organisation.person_ids[person];
    return pseudonymiser ? (*pseudonymiser)(id) : id;
  };

  std::cout << "Organisation: " << graph.person_count() << " people, " << graph.department_count()
            << " departments, " << graph.tie_count() << " ties ("
            << (imported ? "imported from " + base.organisation_import.file.filename().string() : "generated")
            << ")\n";
  std::cout << "Champions: " << constraints.count << " by " << analysis::to_string(*by);
  if (constraints.exclude_executives) std::cout << ", executives excluded";
  if (constraints.max_per_department)
    std::cout << ", at most " << constraints.max_per_department << " per department";
  if (constraints.at_least_one_per_department) std::cout << ", at least one per department";
  std::cout << "\n";
  if (imported)
    std::cout << (pseudonymiser ? key_note : "real ids shown (--show-ids): do not share this output") << "\n";
  std::cout << "\n";

  std::size_t label_width = 6, department_width = 10;
  for (const org::PersonId person : chosen) {
    label_width = std::max(label_width, person_label(person).size());
    department_width = std::max(department_width, graph.department_name(graph.department(person)).size());
  }
  std::cout << pad("rank", 5) << pad("person", label_width + 2) << pad("department", department_width + 2)
            << pad("role", 24) << pad("degree", 8, true) << pad("betweenness", 13, true)
            << pad("pagerank", 10, true) << pad("eigenvector", 13, true) << pad("spanning", 10, true) << "\n";
  for (std::size_t rank = 0; rank < chosen.size(); ++rank) {
    const org::PersonId person = chosen[rank];
    std::cout << pad(std::to_string(rank + 1), 5) << pad(person_label(person), label_width + 2)
              << pad(graph.department_name(graph.department(person)), department_width + 2)
              << pad(std::string(org::to_string(graph.role(person))), 24)
              << pad(fixed(scores[1][person], 0), 8, true) << pad(fixed(scores[2][person], 1), 13, true)
              << pad(fixed(scores[3][person], 5), 10, true) << pad(fixed(scores[4][person], 4), 13, true)
              << pad(fixed(scores[5][person], 0), 10, true) << "\n";
  }

  // One scenario per rule: the champions are the initial adopters. The
  // random baseline is drawn anew in every replicate (as `random` in a
  // scenario is), not fixed once: a fixed set would be one lucky or unlucky
  // draw.
  const auto ids_of = [&](const std::vector<org::PersonId>& people) {
    std::vector<std::string> ids;
    for (const org::PersonId person : people) ids.push_back(organisation.person_ids[person]);
    return ids;
  };
  std::string random_meaning;
  std::vector<scenario::Scenario> variants;
  for (std::size_t index = 0; index < rules.size(); ++index) {
    scenario::Scenario variant = base;
    variant.name = base.name + "-" + std::string(analysis::to_string(rules[index]));
    const bool random = rules[index] == ChampionRule::Random;
    if (variant.workplace) {
      // The selection becomes the strategy's champions (pilot_then_scale: its pilot).
      scenario::WorkplaceScenario& workplace = *variant.workplace;
      workplace.pilot_by_network_position = false;
      if (workplace.strategy.preset == strategy::Preset::PilotThenScale) {
        if (random) {
          workplace.strategy.pilot_rule = strategy::PilotRule::CrossDepartmentRandom;
          workplace.strategy.pilot_size = constraints.count;
          random_meaning = "a pilot of " + std::to_string(constraints.count) +
                           " people drawn at random across departments in every replicate (the "
                           "scenario's cross_department rule)";
        } else {
          workplace.strategy.pilot_rule = strategy::PilotRule::Named;
          variant.named_people.pilot = ids_of(selections[index]);
        }
      } else {
        workplace.strategy.preset = strategy::Preset::ChampionNetwork;
        if (random) {
          workplace.strategy.champion_rule = ChampionRule::Random;
          workplace.strategy.champion_count = constraints.count;
          workplace.strategy.champions_include_executives = !constraints.exclude_executives;
          workplace.strategy.max_champions_per_department = constraints.max_per_department;
          random_meaning =
              std::to_string(constraints.count) + " champions drawn at random in every replicate" +
              (constraints.exclude_executives ? ", executives excluded" : "") +
              (constraints.max_per_department
                   ? ", at most " + std::to_string(constraints.max_per_department) + " per department"
                   : "");
        } else {
          workplace.strategy.champion_rule = ChampionRule::Named;
          variant.named_people.champions = ids_of(selections[index]);
        }
      }
    } else if (random) {
      std::visit([&](auto& params) { params.initial.random_count += constraints.count; }, variant.model);
      random_meaning = std::to_string(constraints.count) +
                       " initial adopters drawn at random from everyone in every replicate, beside the "
                       "scenario's own";
    } else {
      variant.named_people.initial_adopters = ids_of(selections[index]);
    }
    variants.push_back(std::move(variant));
  }
  std::vector<const scenario::Scenario*> pointers;
  for (const scenario::Scenario& variant : variants) pointers.push_back(&variant);
  runner::RunSettings settings;
  settings.threads = static_cast<std::uint32_t>(flags.threads);
  if (flags.replicates != -1) settings.replicates = static_cast<std::uint32_t>(flags.replicates);
  settings.seed = seed;  // one seed for every rule: common random numbers
  const std::uint32_t replicates = settings.replicates.value_or(base.replicates);
  const std::string model_name =
      base.workplace ? "workplace (the selection as champions)" : std::string(model::model_name(base.model));
  std::cout << "\nForecast: " << model_name << " model, " << replicates << " replicates per rule, seed "
            << seed << " for every rule (common random numbers)\n";
  std::vector<runner::ScenarioResult> results;
  {
    ProgressBar progress("replicates", replicates * static_cast<std::uint32_t>(variants.size()));
    settings.progress = [&progress](std::uint32_t done, std::uint32_t) { progress.update(done); };
    results = runner::run_scenarios(pointers, settings);
    progress.finish();
  }
  const metrics::Kpi kpi = metrics::Kpi::ActiveShareDay90;
  const auto kpi_index = static_cast<std::size_t>(kpi);
  const std::string kpi_name(metrics::definition(kpi).name);
  std::cout << "random: " << random_meaning << "\n\n"
            << pad("rule", 22) << pad("mean", 8, true) << pad("median", 8, true) << pad("90% band", 14, true)
            << pad("mean - random [90% interval]", 32, true) << pad("P(beats random)", 17, true)
            << pad("P(tie)", 8, true) << "\n";
  for (std::size_t index = 0; index < results.size(); ++index) {
    const metrics::Distribution& distribution = results[index].summary.kpis[kpi_index];
    std::string difference = "(baseline)";
    std::string beats = "(baseline)";
    std::string ties;
    if (index > 0) {
      const metrics::PairedComparison comparison =
          metrics::compare_paired(results[0].kpis, results[index].kpis)[kpi_index];
      difference = (comparison.interval.mean >= 0 ? "+" : "") + fixed(comparison.interval.mean, 3) + " [" +
                   fixed(comparison.interval.low, 3) + ", " + fixed(comparison.interval.high, 3) + "]";
      beats = fixed(comparison.probability_b_beats_a, 2);
      ties = fixed(comparison.tie_share, 2);
    }
    std::cout << pad(std::string(analysis::to_string(rules[index])), 22)
              << pad(fixed(distribution.mean, 3), 8, true)
              << pad(fixed(distribution.quantiles[2], 3), 8, true)
              << pad(fixed(distribution.quantiles[0], 3) + "-" + fixed(distribution.quantiles[4], 3), 14,
                     true)
              << pad(difference, 32, true) << pad(beats, 17, true) << pad(ties, 8, true) << "\n";
  }
  std::cout
      << "\n"
      << kpi_name << ": " << metrics::definition(kpi).description
      << "\nmean - random: the mean of the paired differences (replicate r of a rule against replicate r "
         "of random, common random numbers), with its 90% interval. P(beats random): the share of pairs in "
         "which the rule does strictly better; P(tie): in which the two are equal.\n";

  if (!flags.output_directory.empty()) {
    fs::create_directories(output);
    io::write_file_atomically(output / kChampionsFileName, [&](std::ostream& out) {
      out << "rule,rank,person,department,role,degree,betweenness,pagerank,eigenvector,department_spanning\n";
      for (std::size_t index = 0; index < rules.size(); ++index) {
        // Random champions are a new draw in every replicate: no one set to list.
        if (rules[index] == ChampionRule::Random) continue;
        for (std::size_t rank = 0; rank < selections[index].size(); ++rank) {
          const org::PersonId person = selections[index][rank];
          out << analysis::to_string(rules[index]) << ',' << rank + 1 << ','
              << io::csv_text(person_label(person)) << ','
              << io::csv_text(graph.department_name(graph.department(person))) << ','
              << org::to_string(graph.role(person));
          for (std::size_t rule = 1; rule < analysis::kScoredRuleCount; ++rule) {
            out << ',' << io::format_number(scores[rule][person]);
          }
          out << '\n';
        }
      }
    });
    std::cout << "Wrote " << (output / kChampionsFileName).string() << "\n";
  }
  return kExitOk;
}

}  // namespace

Verb add_champions_command(CLI::App& app) {
  auto flags = std::make_shared<ChampionsFlags>();
  CLI::App* command = app.add_subcommand(
      "champions", "Choose champions by network position and forecast each selection rule side by side");
  command->footer(
      "Example:\n"
      "  adoptsim champions scenarios/real/email_eu_core.toml --k 12 --by pagerank -r 100\n"
      "  prints the 12 people PageRank ranks highest (pseudonymised ids, department, every score), then\n"
      "  a forecast for each rule (" +
      analysis::champion_rule_names(analysis::kScoredRuleCount) +
      ")\n"
      "  with that rule's champions as the scenario's champions (pilot_then_scale: its pilot; a reference\n"
      "  model: its initial adopters), all with one seed: active_share_day90's mean, median and band, the\n"
      "  mean paired difference against random with its 90% interval, and P(the rule beats random).\n"
      "  The random baseline is drawn anew in every replicate.\n"
      "Imported ids are shown as keyed pseudonyms (HMAC-SHA256) unless --show-ids, which prints the ids a\n"
      "scenario names people by (strategy.champion_people, ...). The key comes from --key-file or the\n"
      "scenario's organisation.pseudonym_key_file (made, mode 0600, when the file is missing); with -o one\n"
      "must be named, outside the output directory, so the key never travels with the results.");
  flags->command = command;
  command->add_option("scenario", flags->scenario, "Scenario file (TOML)")->required();
  add_set_option(*command, flags->overrides);
  command->add_option("-k,--k", flags->count, "How many champions")->capture_default_str();
  command
      ->add_option(
          "--by", flags->by,
          "Rule whose champions are listed: " + analysis::champion_rule_names(analysis::kScoredRuleCount))
      ->capture_default_str();
  command
      ->add_option("--rules", flags->rules, "Rules to forecast (default: all); random is always the baseline")
      ->delimiter(',');
  command
      ->add_option("--max-per-department", flags->max_per_department,
                   "At most this many champions per department (0: no limit)")
      ->capture_default_str();
  command->add_flag("--one-per-department", flags->one_per_department,
                    "At least one champion in every department (needs --k >= departments)");
  command->add_flag("--include-executives", flags->include_executives, "Allow executives as champions");
  command->add_flag("--show-ids", flags->show_ids,
                    "Print the file's own person ids instead of pseudonyms (personal data)");
  command->add_option("--key-file", flags->key_file,
                      "File holding the pseudonym key (at least 16 characters; made when missing), kept "
                      "apart from the results");
  command->add_option("-r,--replicates", flags->replicates,
                      "Replicates per rule (default: the scenario's own)");
  command->add_option("-j,--threads", flags->threads, "Worker threads (0: every core)")
      ->capture_default_str();
  command->add_option("--seed", flags->seed, "Seed for every rule's forecast (default: the scenario's)");
  command->add_option("-o,--output", flags->output_directory,
                      "Directory for champions.csv (every rule's champions but random's, pseudonymised)");
  command->add_flag("--force", flags->force, "Overwrite champions.csv in the output directory");
  return {command, [flags]() { return run_champions(*flags); }};
}

}  // namespace adoptsim::cli
