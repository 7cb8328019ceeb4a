#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <memory>

#include "adoptsim/io/results.hpp"
#include "adoptsim/org/csv.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/org/stats.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "commands.hpp"
#include "network_options.hpp"

namespace adoptsim::cli {
namespace {

struct OrgFlags {
  NetworkOptions network;
  std::string seed = "1";  // text, so that a negative or malformed seed gets our message
  std::string output_directory;
  bool force = false;
  std::string file;  // inspect: an org file to import, or a scenario (.toml)
  std::string ties_file;
  std::string format;  // empty: by the file's extension
};

bool has_extension(const std::string& file, std::initializer_list<const char*> extensions) {
  std::string extension = std::filesystem::path(file).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* candidate : extensions) {
    if (extension == candidate) return true;
  }
  return false;
}

void print_import_summary(const org::ImportedOrganisation& imported, std::ostream& out) {
  const org::TieCounts& ties = imported.ties;
  out << "\nImport\n";
  out << "  tie rows read: " << ties.rows << " (self-ties dropped: " << ties.self_ties_dropped
      << ", weight 0 dropped: " << ties.zero_weight_dropped
      << ", merged into an existing tie: " << ties.merged << ")\n";
  out << "  derived: " << ties.derived_reporting << " reporting-line and " << ties.derived_teammate
      << " teammate ties; added within departments: " << ties.added_department << "\n";
  if (!imported.attribute_names.empty()) {
    out << "  numeric attributes kept:";
    for (const std::string& name : imported.attribute_names) out << " " << name;
    out << "\n";
  }
  if (!imported.team_names.empty()) out << "  teams: " << imported.team_names.size() << "\n";
  if (!imported.location_names.empty()) out << "  locations: " << imported.location_names.size() << "\n";
  std::size_t isolated = 0;
  for (org::PersonId person = 0; person < imported.graph.person_count(); ++person) {
    isolated += imported.graph.degree(person) == 0 ? 1 : 0;
  }
  out << "  people without ties: " << isolated << "\n";
}

std::string percent(double share) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * share);
  return buffer;
}

void print_stats(const org::OrgGraph& graph, const org::OrgStats& stats, const std::string& description,
                 std::ostream& out) {
  out << "Organisation: " << description << "\n\n";
  if (graph.department_count() > 1 || stats.people_by_role[0] != stats.people) {
    out << "Departments\n";
    std::size_t name_width = 10;
    for (const auto& name : graph.department_names()) name_width = std::max(name_width, name.size());
    for (std::size_t department = 0; department < stats.department_sizes.size(); ++department) {
      const std::size_t size = stats.department_sizes[department];
      const std::string& name = graph.department_name(static_cast<org::DepartmentId>(department));
      out << "  " << name << std::string(name_width - name.size() + 2, ' ');
      char line[64];
      std::snprintf(
          line, sizeof line, "%7zu  %6s\n", size,
          percent(static_cast<double>(size) / static_cast<double>(std::max<std::size_t>(stats.people, 1)))
              .c_str());
      out << line;
    }
    out << "\nRoles\n";
    for (int role = 0; role < org::kRoleCount; ++role) {
      out << "  " << org::to_string(static_cast<org::Role>(role)) << ": " << stats.people_by_role[role]
          << "\n";
    }
  }
  out << "\nTies by kind\n";
  for (int kind = 0; kind < org::kTieKindCount; ++kind) {
    if (stats.ties_by_kind[kind] == 0) continue;
    out << "  " << org::to_string(static_cast<org::TieKind>(kind)) << ": " << stats.ties_by_kind[kind]
        << "\n";
  }
  char line[160];
  out << "\nDegree (ties per person)\n";
  std::snprintf(line, sizeof line, "  min %zu, median %.1f, mean %.2f, 90th percentile %zu, max %zu\n",
                stats.degree.min, stats.degree.median, stats.degree.mean, stats.degree.p90, stats.degree.max);
  out << line;
  std::size_t tallest = 1;
  for (std::size_t count : stats.degree.histogram) tallest = std::max(tallest, count);
  for (std::size_t bin = 0; bin < stats.degree.histogram.size(); ++bin) {
    const std::size_t count = stats.degree.histogram[bin];
    const std::size_t low = stats.degree.bin_edges[bin];
    const std::size_t high = stats.degree.bin_edges[bin + 1] - 1;
    const auto bar =
        static_cast<std::size_t>(40.0 * static_cast<double>(count) / static_cast<double>(tallest));
    std::snprintf(line, sizeof line, "  %6zu-%-6zu %8zu  ", low, high, count);
    out << line << std::string(bar, '#') << "\n";
  }
  out << "\n";
  std::snprintf(line, sizeof line, "Clustering (mean local coefficient): %.3f\n", stats.average_clustering);
  out << line;
  out << "Cross-department tie share: " << percent(stats.cross_department_tie_share) << "\n";
  out << "Hierarchy depth: " << stats.hierarchy_depth << " levels (" << stats.reporting_roots
      << (stats.reporting_roots == 1 ? " person" : " people") << " without a manager)\n";
  out << "Connected components: " << stats.connected_components << " (largest: " << stats.largest_component
      << " people)\n";
}

int inspect_file(const OrgFlags& flags, const CLI::App& inspect) {
  ProblemList problems;
  // The file names the organisation: flags that would generate one are not read.
  check_network_flags_unused(
      inspect, "describes an organisation to generate; with a FILE to describe, leave it out", problems);
  if (inspect.count("--seed") > 0 && !has_extension(flags.file, {".toml"})) {
    problems.add("--seed seeds a generated organisation; an imported FILE has none, leave it out");
  }
  org::ImportOptions options;
  std::string description;
  if (has_extension(flags.file, {".toml"})) {
    if (!flags.ties_file.empty() || !flags.format.empty()) {
      problems.add("--ties and --format describe a file to import; a scenario names its own files");
    }
    scenario::LoadResult loaded = scenario::load_scenario(flags.file);
    for (const scenario::ScenarioError& error : loaded.errors) problems.add(error.message());
    problems.throw_if_any();
    const scenario::Scenario& scenario = *loaded.scenario;
    if (scenario.organisation_source == scenario::OrganisationSource::Generated) {
      const org::OrgGraph graph = runner::build_organisation(scenario);
      print_stats(graph, org::compute_stats(graph),
                  "generated for scenario " + scenario.name + " (" + std::to_string(graph.person_count()) +
                      " people)",
                  std::cout);
      return kExitOk;
    }
    options = scenario.organisation_import;
    description = "imported for scenario " + scenario.name + " from " + options.file.filename().string();
  } else {
    options.file = flags.file;
    if (!flags.ties_file.empty()) options.ties_file = flags.ties_file;
    if (flags.format.empty()) {
      options.format = has_extension(flags.file, {".graphml", ".xml"}) ? org::ImportFormat::GraphMl
                                                                       : org::ImportFormat::Csv;
    } else if (const auto format = org::parse_import_format(flags.format)) {
      options.format = *format;
    } else {
      problems.add("--format " + flags.format + ": expected csv, graphml, snap or krackhardt");
    }
    problems.throw_if_any();
    description = "imported from " + std::filesystem::path(flags.file).filename().string();
  }
  const org::ImportedOrganisation imported = org::import_organisation(options);
  for (const org::ImportIssue& warning : imported.warnings)
    std::cerr << "adoptsim: " << warning.text() << "\n";
  const org::OrgGraph& graph = imported.graph;
  description += " (" + std::string(org::to_string(options.format)) +
                 "): " + std::to_string(graph.person_count()) + " people, " +
                 std::to_string(graph.department_count()) + " departments, " +
                 std::to_string(graph.tie_count()) + " ties";
  print_stats(graph, org::compute_stats(graph), description, std::cout);
  print_import_summary(imported, std::cout);
  return kExitOk;
}

}  // namespace

Verb add_org_command(CLI::App& app) {
  auto flags = std::make_shared<OrgFlags>();
  CLI::App* org_command = app.add_subcommand("org", "Generate an organisation, or describe one");
  org_command->require_subcommand(1);

  CLI::App* generate =
      org_command->add_subcommand("generate", "Write a generated organisation as CSV (people.csv, ties.csv)");
  generate->footer(
      "Example:\n  adoptsim org generate --headcount 1000 --seed 7 -o acme/\n"
      "  writes acme/people.csv (id,department,role,manager_id) and acme/ties.csv "
      "(source,target,weight,kind)");
  add_network_options(*generate, flags->network);
  generate
      ->add_option("--seed", flags->seed,
                   "Random seed (0 to 2^64 - 1); the same seed gives the same organisation")
      ->capture_default_str();
  generate
      ->add_option("-o,--output", flags->output_directory, "Directory to write people.csv and ties.csv into")
      ->required();
  generate->add_flag("--force", flags->force, "Overwrite existing files");

  CLI::App* inspect = org_command->add_subcommand(
      "inspect",
      "Describe an organisation: departments, degrees, clustering, hierarchy, cross-department ties");
  inspect->footer(
      "Examples:\n  adoptsim org inspect --headcount 10000 --seed 3\n  adoptsim org inspect --network "
      "watts_strogatz --people 500\n  adoptsim org inspect people.csv --ties ties.csv\n"
      "  adoptsim org inspect scenarios/real/krackhardt.toml\n"
      "  adoptsim org inspect --format snap labels.txt --ties edges.txt\n"
      "People CSV: id,manager_id,department[,role,team,location,tenure,...]; names and e-mails are never "
      "read.");
  add_network_options(*inspect, flags->network);
  inspect->add_option("--seed", flags->seed, "Random seed of the generated organisation")
      ->capture_default_str();
  inspect->add_option(
      "file", flags->file,
      "An organisation to import instead: a people CSV, a GraphML file, or a scenario (.toml) "
      "whose organisation to describe");
  inspect->add_option("--ties", flags->ties_file,
                      "Ties to import with FILE (csv: source,target,weight,kind)");
  inspect->add_option("--format", flags->format,
                      "Format of FILE: csv, graphml, snap or krackhardt (default: graphml for .graphml/.xml "
                      "files, csv otherwise)");

  return {org_command, [flags, generate, inspect]() {
            if (inspect->parsed() && !flags->file.empty()) return inspect_file(*flags, *inspect);
            ProblemList problems;
            if (inspect->parsed()) {
              for (const char* flag : {"--ties", "--format"}) {
                if (inspect->count(flag) > 0)
                  problems.add(std::string(flag) + " describes a FILE to import: name the file too");
              }
            }
            const org::OrgSpec spec = check_network_options(flags->network, problems);
            const std::uint64_t seed = parse_seed_flag(flags->seed, problems).value_or(1);
            if (problems.empty()) {
              // The network and, to describe it, its statistics (a few numbers per person).
              MemoryEstimate estimate = estimate_network_memory(flags->network, spec);
              estimate.threads = 0;
              check_memory_fits(estimate.bytes(), "an organisation of " + describe_size(estimate),
                                "use fewer people or fewer ties per person", problems);
            }
            const std::filesystem::path directory(flags->output_directory);
            if (generate->parsed())
              check_output_directory(directory, {"people.csv", "ties.csv"}, flags->force, problems);
            problems.throw_if_any();
            if (generate->parsed()) {
              std::filesystem::create_directories(directory);
              const org::OrgGraph graph = build_network(flags->network, spec, seed);
              io::write_file_atomically(directory / "people.csv",
                                        [&](std::ostream& out) { org::write_people_csv(graph, out); });
              io::write_file_atomically(directory / "ties.csv",
                                        [&](std::ostream& out) { org::write_ties_csv(graph, out); });
              std::cout << "Wrote " << describe_network(flags->network, graph) << " to " << directory.string()
                        << "/people.csv and ties.csv\n";
              return kExitOk;
            }
            const org::OrgGraph graph = build_network(flags->network, spec, seed);
            print_stats(graph, org::compute_stats(graph), describe_network(flags->network, graph), std::cout);
            return kExitOk;
          }};
}

}  // namespace adoptsim::cli
