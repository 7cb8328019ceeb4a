// `adoptsim champions SCENARIO`: chooses champions by network position and
// forecasts each selection rule side by side (the champions seed the
// scenario's reference model), so a consultant sees which rule spreads
// adoption best in this organisation.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "adoptsim/analysis/centrality.hpp"
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
using analysis::CentralityRule;

constexpr const char* kKeyFileName = "pseudonym.key";
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
  std::string key_file;
  std::int64_t replicates = -1;
  std::int64_t threads = 0;
  std::string seed;
  std::string output_directory;
  bool force = false;
};

// The rules in table order, from --rules or all of them; the baseline
// (random) always first.
std::vector<CentralityRule> rules_to_forecast(const ChampionsFlags& flags, ProblemList& problems) {
  std::vector<CentralityRule> rules{CentralityRule::Random};
  if (flags.rules.empty()) {
    for (int rule = 1; rule < analysis::kCentralityRuleCount; ++rule)
      rules.push_back(static_cast<CentralityRule>(rule));
    return rules;
  }
  for (const std::string& name : flags.rules) {
    const auto rule = analysis::parse_centrality_rule(name);
    if (!rule) {
      problems.add("--rules " + name +
                   ": expected random, degree, betweenness, pagerank, eigenvector or department_spanning");
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

// The key for pseudonyms: --key-file, the scenario's key file, OUTPUT's kept
// key, or a new one (kept in OUTPUT when there is one). `note` says which.
std::string pseudonym_key(const ChampionsFlags& flags, const scenario::Scenario& scenario, bool& generated,
                          std::string& note) {
  generated = false;
  if (!flags.key_file.empty()) {
    note = "pseudonyms keyed by " + flags.key_file;
    return org::read_pseudonym_key(flags.key_file);
  }
  if (!scenario.pseudonym_key_file.empty()) {
    note = "pseudonyms keyed by " + scenario.pseudonym_key_file.string();
    return org::read_pseudonym_key(scenario.pseudonym_key_file);
  }
  if (!flags.output_directory.empty()) {
    const fs::path kept = fs::path(flags.output_directory) / kKeyFileName;
    std::error_code error;
    if (fs::exists(kept, error)) {
      note = "pseudonyms keyed by " + kept.string() + " (kept from an earlier run)";
      return org::read_pseudonym_key(kept);
    }
    generated = true;
    note = "pseudonyms keyed by a new key, kept in " + kept.string() + " (mode 0600)";
    return org::generate_pseudonym_key();
  }
  generated = true;
  note =
      "pseudonyms keyed by a one-off key: they will differ next run; pass --key-file or -o DIR to keep one";
  return org::generate_pseudonym_key();
}

int run_champions(const ChampionsFlags& flags) {
  ProblemList problems;
  if (flags.count < 1 || flags.count > 1000000)
    problems.add("--k " + std::to_string(flags.count) + ": expected 1 to 1000000 champions");
  if (flags.max_per_department < 0) {
    problems.add("--max-per-department " + std::to_string(flags.max_per_department) +
                 ": expected 0 (no limit) or more");
  }
  if (flags.replicates != -1 && (flags.replicates < 1 || flags.replicates > scenario::kMaxReplicates)) {
    problems.add("-r/--replicates " + std::to_string(flags.replicates) + ": expected 1 to " +
                 std::to_string(scenario::kMaxReplicates));
  }
  if (flags.threads < 0 || flags.threads > 1024)
    problems.add("-j/--threads " + std::to_string(flags.threads) + ": expected 0 to 1024");
  const auto by = analysis::parse_centrality_rule(flags.by);
  if (!by) {
    problems.add("--by " + flags.by +
                 ": expected random, degree, betweenness, pagerank, eigenvector or department_spanning");
  }
  std::optional<std::uint64_t> seed_flag;
  if (!flags.seed.empty()) {
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(flags.seed.data(), flags.seed.data() + flags.seed.size(), seed);
    if (error != std::errc() || end != flags.seed.data() + flags.seed.size()) {
      problems.add("--seed " + flags.seed + ": expected a whole number from 0 to 18446744073709551615");
    } else {
      seed_flag = seed;
    }
  }
  std::vector<CentralityRule> rules = rules_to_forecast(flags, problems);
  if (by && std::find(rules.begin(), rules.end(), *by) == rules.end()) rules.push_back(*by);
  const fs::path output(flags.output_directory);
  if (!flags.output_directory.empty())
    check_output_directory(output, {kChampionsFileName}, flags.force, problems);
  scenario::LoadResult loaded = scenario::load_scenario(flags.scenario);
  for (const scenario::ScenarioError& error : loaded.errors) problems.add(error.message());
  problems.throw_if_any();
  const scenario::Scenario& base = *loaded.scenario;
  const bool imported = base.organisation_source == scenario::OrganisationSource::File;

  // The organisation, with the file's ids when imported (throws ImportError).
  std::optional<org::ImportedOrganisation> import;
  org::OrgGraph generated_graph;
  if (imported) {
    import = org::import_organisation(base.organisation_import);
    for (const org::ImportIssue& warning : import->warnings)
      std::cerr << "adoptsim: " << warning.text() << "\n";
  } else {
    generated_graph = runner::build_organisation(base);
  }
  const org::OrgGraph& graph = imported ? import->graph : generated_graph;

  analysis::SelectionConstraints constraints;
  constraints.count = static_cast<std::uint32_t>(flags.count);
  constraints.max_per_department = static_cast<std::uint32_t>(flags.max_per_department);
  constraints.at_least_one_per_department = flags.one_per_department;
  constraints.exclude_executives = !flags.include_executives;
  problems.add_all(analysis::check_selection(graph, constraints), "champions: ");
  problems.add_all(runner::check_runnable(base, graph));
  problems.throw_if_any();

  const std::uint64_t seed = seed_flag.value_or(base.seed);
  std::vector<std::vector<double>> scores(analysis::kCentralityRuleCount);
  for (int rule = 0; rule < analysis::kCentralityRuleCount; ++rule) {
    scores[rule] = analysis::centrality_scores(graph, static_cast<CentralityRule>(rule), seed);
  }
  std::vector<std::vector<org::PersonId>> selections;
  for (const CentralityRule rule : rules) {
    selections.push_back(
        analysis::select_champions(graph, scores[static_cast<std::size_t>(rule)], constraints));
  }
  const std::size_t by_index =
      static_cast<std::size_t>(std::find(rules.begin(), rules.end(), *by) - rules.begin());
  const std::vector<org::PersonId>& chosen = selections[by_index];

  // Who is who: pseudonyms for imported people unless --show-ids.
  std::string key;
  bool key_generated = false;
  std::string key_note;
  std::unique_ptr<org::Pseudonymiser> pseudonymiser;
  if (imported && !flags.show_ids) {
    key = pseudonym_key(flags, base, key_generated, key_note);
    pseudonymiser = std::make_unique<org::Pseudonymiser>(key);
  }
  const auto person_label = [&](org::PersonId person) -> std::string {
    if (!imported) return std::to_string(person);
    if (pseudonymiser) return (*pseudonymiser)(import->external_ids[person]);
    return import->external_ids[person];
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

  // One scenario per rule: the champions are the initial adopters.
  std::vector<scenario::Scenario> variants;
  for (std::size_t index = 0; index < rules.size(); ++index) {
    scenario::Scenario variant = base;
    variant.name = base.name + "-" + std::string(analysis::to_string(rules[index]));
    if (variant.workplace) {
      // The selection becomes the strategy's champions (pilot_then_scale: its pilot).
      scenario::WorkplaceScenario& workplace = *variant.workplace;
      if (workplace.strategy.preset == strategy::Preset::PilotThenScale) {
        workplace.strategy.pilot_rule = strategy::PilotRule::Named;
        workplace.pilot_by_network_position = false;
        workplace.strategy.pilot_people = selections[index];
      } else {
        workplace.strategy.preset = strategy::Preset::ChampionNetwork;
        workplace.champion_selection = scenario::ChampionSelection::Named;
        workplace.strategy.champion_people = selections[index];
      }
    } else {
      std::visit([&](auto& params) { params.initial.people = selections[index]; }, variant.model);
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
  const std::string kpi_name(metrics::definition(kpi).name);
  std::cout << "\n"
            << pad("rule", 22) << pad(kpi_name + " median", 28, true) << pad("90% band", 18, true)
            << pad("P(beats random)", 18, true) << "\n";
  for (std::size_t index = 0; index < results.size(); ++index) {
    const metrics::Distribution& distribution = results[index].summary.kpis[static_cast<std::size_t>(kpi)];
    std::string beats = "(baseline)";
    if (index > 0) {
      const auto comparison = metrics::compare_paired(results[0].kpis, results[index].kpis);
      beats = fixed(comparison[static_cast<std::size_t>(kpi)].probability_b_beats_a, 2);
    }
    std::cout << pad(std::string(analysis::to_string(rules[index])), 22)
              << pad(fixed(distribution.quantiles[2], 3), 28, true)
              << pad(fixed(distribution.quantiles[0], 3) + "-" + fixed(distribution.quantiles[4], 3), 18,
                     true)
              << pad(beats, 18, true) << "\n";
  }
  std::cout << "\n" << kpi_name << ": " << metrics::definition(kpi).description << "\n";

  if (!flags.output_directory.empty()) {
    fs::create_directories(output);
    const fs::path key_path = output / kKeyFileName;
    if (key_generated) org::write_pseudonym_key(key_path, key);
    io::write_file_atomically(output / kChampionsFileName, [&](std::ostream& out) {
      out << "rule,rank,person,department,role,degree,betweenness,pagerank,eigenvector,department_spanning\n";
      for (std::size_t index = 0; index < rules.size(); ++index) {
        for (std::size_t rank = 0; rank < selections[index].size(); ++rank) {
          const org::PersonId person = selections[index][rank];
          out << analysis::to_string(rules[index]) << ',' << rank + 1 << ','
              << io::csv_text(person_label(person)) << ','
              << io::csv_text(graph.department_name(graph.department(person))) << ','
              << org::to_string(graph.role(person));
          for (int rule = 1; rule < analysis::kCentralityRuleCount; ++rule) {
            out << ',' << io::format_number(scores[rule][person]);
          }
          out << '\n';
        }
      }
    });
    std::cout << "Wrote " << (output / kChampionsFileName).string()
              << (key_generated ? " and " + key_path.string() : std::string()) << "\n";
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
      "  a forecast for each rule (random, degree, betweenness, pagerank, eigenvector, department_spanning)\n"
      "  with that rule's champions as the scenario's initial adopters, all with one seed: the median\n"
      "  active_share_day90 and P(the rule beats random).\n"
      "Imported ids are shown as keyed pseudonyms (HMAC-SHA256): the key comes from --key-file, the\n"
      "scenario's organisation.pseudonym_key_file, or OUTPUT/pseudonym.key (made, mode 0600, when missing).");
  command->add_option("scenario", flags->scenario, "Scenario file (TOML)")->required();
  command->add_option("-k,--k", flags->count, "How many champions")->capture_default_str();
  command
      ->add_option("--by", flags->by,
                   "Rule whose champions are listed: random, degree, betweenness, pagerank, eigenvector or "
                   "department_spanning")
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
                      "File holding the pseudonym key (at least 16 characters)");
  command->add_option("-r,--replicates", flags->replicates,
                      "Replicates per rule (default: the scenario's own)");
  command->add_option("-j,--threads", flags->threads, "Worker threads (0: every core)")
      ->capture_default_str();
  command->add_option("--seed", flags->seed, "Seed for every rule's forecast (default: the scenario's)");
  command->add_option(
      "-o,--output", flags->output_directory,
      "Directory for champions.csv (every rule's champions, pseudonymised) and pseudonym.key");
  command->add_flag("--force", flags->force, "Overwrite champions.csv in the output directory");
  return {command, [flags]() { return run_champions(*flags); }};
}

}  // namespace adoptsim::cli
