// A scenario is the user's description of one forecast. load_scenario reads
// a TOML file (following `extends`), checks every key against the parameter
// table and returns the resolved Scenario with every default filled in, or
// every problem it found.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adoptsim/model/plan.hpp"
#include "adoptsim/model/reference.hpp"
#include "adoptsim/model/workplace.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/strategy/budget.hpp"
#include "adoptsim/strategy/presets.hpp"

namespace adoptsim::scenario {

inline constexpr std::int64_t kSchemaVersion = 1;
inline constexpr std::uint32_t kMaxReplicates = 100000;
inline constexpr std::uint32_t kMaxHorizonDays = 3650;
// Problems of one kind (one key, unknown keys, ...) a load reports before it
// only counts the rest, as the CSV importers do.
inline constexpr std::size_t kMaxScenarioErrorsPerKind = 20;

// Where the organisation comes from: generated from OrgSpec, or imported
// from files (an HR export, GraphML, or a research data set).
enum class OrganisationSource : std::uint8_t { Generated, File };

// The KPI a forecast is judged by: P(adopted share >= target_share by by_day).
struct KpiTarget {
  double target_share = 0.6;  // in (0, 1]
  std::uint32_t by_day = 90;  // in [1, horizon_days]
  // The days of the three active_share_day<N> KPIs, ascending, each >= 1.
  std::array<std::uint32_t, 3> days = {30, 60, 90};
  // When not empty: those days are counted from this phase's start in each
  // replicate ("90 days after the scale-up"), not from day 0.
  std::string from_phase;
  // The hard review: flagged when the headline share on this day (from day
  // 0) is low and barely rising (metrics::KpiSettings), >= its 30-day trend window.
  std::uint32_t hard_review_day = 90;
};

// A department's starting attributes, by department name.
struct NamedDepartmentProfile {
  std::string department;
  model::DepartmentProfile profile;
};

// Everything model.kind = "workplace" adds: the model's parameters, the
// rollout strategy, the budget and trust incidents.
struct WorkplaceScenario {
  // params.departments is empty here: the runner fills it, by department
  // name, from department_profiles once the organisation exists.
  model::WorkplaceParams params;
  std::vector<NamedDepartmentProfile> department_profiles;
  // strategy.champion_rule is strategy.champion_rule as the file writes it;
  // the runner names a centrality's champions once the organisation exists.
  strategy::StrategySpec strategy;
  // Pilot chosen by network position (pilot_rule "network_position").
  bool pilot_by_network_position = false;
  strategy::Budget budget;
  std::vector<model::TrustIncident> incidents;
};

// People a scenario names, by the organisation file's own ids, exactly as
// the file writes them (the people CSV's id column, GraphML node ids, SNAP
// and Krackhardt node numbers; a generated organisation's ids are "0" …
// "N−1", as `adoptsim org generate` writes them). The runner resolves them
// to people once the organisation exists (runner::resolve_named_people).
struct NamedPeople {
  std::vector<std::string> initial_adopters;  // model.initial_adopters.people (reference models)
  std::vector<std::string> pilot;             // strategy.pilot_people
  std::vector<std::string> champions;         // strategy.champion_people
  // strategy.phases[i].people, one entry per custom phase.
  std::vector<std::vector<std::string>> phase_people;

  bool empty() const;
};

// The [sweep] table: how `adoptsim sweep` varies the scenario when its
// flags do not say (the experiment module reads the texts; run, compare and
// validate only check and print them).
struct SweepTable {
  bool present = false;                                   // the file has a [sweep] table
  std::string design = "grid";                            // grid, zip, lhs or sobol
  std::int64_t points = 0;                                // lhs, sobol: points sampled (0: not set)
  std::uint64_t design_seed = 1;                          // lhs
  std::filesystem::path points_file;                      // absolute; empty when not given
  std::vector<std::pair<std::string, std::string>> vary;  // KEY = "SPEC", in the file's order
};

// The resolved scenario: built only by load_scenario, then read-only (pass it
// as const). A run is a pure function of this and the replicate's seed.
struct Scenario {
  std::string name;                   // defaults to the file's stem
  std::string display_name;           // how figures name it; empty: name
  std::string description;            // free text; may be empty
  std::filesystem::path source_path;  // the file given to load_scenario
  // The files that were merged, the most basic first, ending with source_path.
  std::vector<std::filesystem::path> files;
  std::int64_t schema_version = kSchemaVersion;

  OrganisationSource organisation_source = OrganisationSource::Generated;
  org::OrgSpec organisation;
  std::uint64_t organisation_seed = 1;  // seeds generate_organisation, independent of `seed`
  // What to import when organisation_source is File. Paths are absolute,
  // resolved against the scenario file that names them; tie weights,
  // rewiring probability and seed are copied from `organisation` and
  // organisation_seed.
  org::ImportOptions organisation_import;
  // Key file for pseudonymising imported person ids; empty when not given.
  std::filesystem::path pseudonym_key_file;

  // The reference model; unused when `workplace` is set.
  model::ReferenceModel model;
  // Set when model.kind = "workplace".
  std::optional<WorkplaceScenario> workplace;
  // The people the scenario names. The PersonId lists they stand for in
  // `model` and `workplace->strategy` stay empty until the runner fills them.
  NamedPeople named_people;

  // Where each key the files set was written ("file:line:column"), for
  // messages about problems found only once the organisation is built.
  std::map<std::string, std::string, std::less<>> set_at;
  // The `--set KEY=VALUE` overrides applied over the files, as given, in order.
  std::vector<std::string> overrides;

  std::uint32_t horizon_days = 180;
  std::uint32_t replicates = 100;
  std::uint64_t seed = 1;  // replicate r runs with (seed, r)
  KpiTarget kpi;
  SweepTable sweep;
};

// One problem with a scenario file. `line` and `column` are 1-based; 0 when
// the problem has no single place (then the message names the file only).
struct ScenarioError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string key;       // dotted key, e.g. "model.bass.innovation_p"; empty for file-level problems
  std::string value;     // the offending value as written in TOML; may be empty
  std::string expected;  // what a valid value looks like; may be empty
  std::string problem;   // what is wrong, as a phrase after the key: "is out of range"
  std::string hint;      // how to fix it, when there is more to say: "did you mean `seed`?"

  // "scenarios/x.toml:12:3: model.bass.innovation_p = 1.5 is out of range:
  // expected a probability per day in [0, 1]"
  std::string message() const;
};

// Either a scenario or every problem found (never both, never neither).
// Warnings (e.g. a gate that can never be met) come with either.
struct LoadResult {
  std::optional<Scenario> scenario;
  std::vector<ScenarioError> errors;
  std::vector<ScenarioError> warnings;

  bool ok() const { return scenario.has_value(); }
};

// Reads the scenario at `path`, merging the files it extends (deep merge of
// tables, arrays and values replace; `extends` paths are relative to the
// file that names them). Reports all problems in one pass: TOML syntax, a
// missing or cyclic `extends`, unknown keys (with a suggestion), wrong types,
// out-of-range values and inconsistent combinations. Never throws for bad
// input; errors are sorted by file, line and column, at most
// kMaxScenarioErrorsPerKind of a kind, then a line counting the rest. The
// files must be regular files of at most common::kMaxScenarioFileBytes.
//
// `overrides` are `KEY=VALUE` texts (the CLI's `--set`), applied in order
// over the merged files before anything is checked: a key of the parameter
// table and a TOML value (a string row's value may go without quotes), with
// the same types, bounds, applicability and cross-key rules as in a file.
// Their problems name the flag ("--set KEY=VALUE: ...") instead of a line.
LoadResult load_scenario(const std::filesystem::path& path, std::span<const std::string> overrides = {});

// Every message, one per line.
std::string format_errors(const std::vector<ScenarioError>& errors);

// The scenario as TOML with every parameter that applies to it, defaults
// included; loading this text gives back an equal scenario (up to files).
std::string resolved_toml(const Scenario& scenario);

}  // namespace adoptsim::scenario
