// The parameter table: the general rows (the workplace model's and the
// strategy's are in workplace_parameters.cpp and strategy_parameters.cpp) and
// the lookups by key. What the table says as text is in parameter_text.cpp.
#include "adoptsim/scenario/parameters.hpp"

#include <charconv>

#include "adoptsim/scenario/scenario.hpp"
#include "parameter_rows.hpp"

namespace adoptsim::scenario {
namespace {

using model::BassForm;
using model::BassParams;
using model::CascadeParams;
using model::InitialAdopters;
using model::ThresholdParams;

constexpr double kMaxHeadcount = 1000000.0;

// The double whose shortest text is the float's (0.7f reads back as 0.7, not
// 0.699999988079071), so tie weights print as they were written.
double widen(float number) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
  double wide = 0.0;
  std::from_chars(buffer, end, wide);
  return wide;
}

InitialAdopters& initial_adopters(Scenario& scenario) {
  return std::visit([](auto& params) -> InitialAdopters& { return params.initial; }, scenario.model);
}
const InitialAdopters& initial_adopters(const Scenario& scenario) {
  return std::visit([](const auto& params) -> const InitialAdopters& { return params.initial; },
                    scenario.model);
}

// Applies `write` to the model's parameters when the scenario runs model T;
// another model's parameters are checked but not used.
template <class T, class Write>
void with_model(Scenario& scenario, Write write) {
  if (auto* params = std::get_if<T>(&scenario.model)) write(*params);
}
template <class T, class Read>
std::optional<Value> read_model(const Scenario& scenario, Read read) {
  if (scenario.workplace) return std::nullopt;
  if (const auto* params = std::get_if<T>(&scenario.model)) return Value{read(*params)};
  return std::nullopt;
}

// Rows of [organisation.columns] and [organisation.tie_columns]: one header name each.
template <std::string org::PeopleColumns::*Field>
void apply_people_column(const Value& v, Scenario& s) {
  s.organisation_import.columns.*Field = as_string(v);
}
template <std::string org::PeopleColumns::*Field>
std::optional<Value> read_people_column(const Scenario& s) {
  if (s.organisation_source != OrganisationSource::File) return std::nullopt;
  return Value{s.organisation_import.columns.*Field};
}
template <std::string org::TieColumns::*Field>
void apply_tie_column(const Value& v, Scenario& s) {
  s.organisation_import.tie_columns.*Field = as_string(v);
}
template <std::string org::TieColumns::*Field>
std::optional<Value> read_tie_column(const Scenario& s) {
  if (s.organisation_source != OrganisationSource::File) return std::nullopt;
  return Value{s.organisation_import.tie_columns.*Field};
}

std::string check_column_name(const Value& v) {
  return as_string(v).empty() ? "is empty (only manager_id may be empty: a file without reporting lines)"
                              : "";
}

std::vector<Parameter> build_table() {
  std::vector<Parameter> table;
  const auto add = [&table](Parameter parameter) { table.push_back(std::move(parameter)); };

  // --- the file itself
  add({.key = "schema_version",
       .kind = ValueKind::Integer,
       .quantity = "the scenario schema version",
       .default_value = Value{kSchemaVersion},
       .minimum = 1,
       .maximum = 1,
       .description = "Version of this file format. Only 1 exists; a later adoptsim that changes the "
                      "meaning of a key raises it.",
       .apply = [](const Value& v, Scenario& s) { s.schema_version = as_int(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.schema_version}; }});
  add({.key = "extends",
       .kind = ValueKind::String,
       .quantity = "a path to another scenario file",
       .description = "Scenario file this one builds on, relative to this file. Its keys are the "
                      "starting point: tables merge key by key, and a value or array set here replaces "
                      "the inherited one. Chains are allowed, cycles are not."});
  add({.key = "name",
       .kind = ValueKind::String,
       .default_value = Value{std::string{}},
       .description = "Short name shown in tables and plots. Empty means the file name without `.toml`.",
       .apply = [](const Value& v, Scenario& s) { s.name = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.name}; }});
  add({.key = "display_name",
       .kind = ValueKind::String,
       .default_value = Value{std::string{}},
       .description = "How figures name the scenario (\"Pilot, then everyone\"): any text, spaces and "
                      "punctuation included. Empty means `name`. Files, CSV rows and the terminal table "
                      "keep `name`.",
       .apply = [](const Value& v, Scenario& s) { s.display_name = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.display_name}; }});
  add({.key = "description",
       .kind = ValueKind::String,
       .default_value = Value{std::string{}},
       .description = "What the scenario tests and why, for the people reading its results.",
       .apply = [](const Value& v, Scenario& s) { s.description = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.description}; }});
  add({.key = "horizon_days",
       .kind = ValueKind::Integer,
       .unit = "days",
       .quantity = "a whole number of days",
       .default_value = Value{std::int64_t{180}},
       .minimum = 1,
       .maximum = kMaxHorizonDays,
       .description = "How long each replicate runs, from day 0 (access and initial adopters).",
       .source = "Six months covers the 90-day checkpoints the seed articles report and the slower "
                 "departments after them; ten years is a guard against typos.",
       .apply = [](const Value& v, Scenario& s) { s.horizon_days = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.horizon_days); }});
  add({.key = "replicates",
       .kind = ValueKind::Integer,
       .unit = "runs",
       .quantity = "a whole number of replicates",
       .default_value = Value{std::int64_t{100}},
       .minimum = 1,
       .maximum = kMaxReplicates,
       .description = "Monte Carlo replicates. Each has its own random streams, keyed by (seed, replicate).",
       .source = "With 100, P(share ≥ target) has a standard error of at most 5 percentage points "
                 "(binomial, sqrt(0.25 / 100)); 100000 is a guard against typos, not a performance limit.",
       .apply = [](const Value& v, Scenario& s) { s.replicates = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.replicates); }});
  add({.key = "seed",
       .kind = ValueKind::Integer,
       .quantity = "a non-negative integer seed",
       .default_value = Value{std::int64_t{1}},
       .minimum = 0,
       .maximum = kMaxSeed,
       .description = "Seed of the simulation's random streams. Scenarios compared with the same seed share "
                      "common random numbers.",
       .apply = [](const Value& v, Scenario& s) { s.seed = as_u64(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.seed); }});

  // --- the organisation
  add({.key = "organisation.source",
       .kind = ValueKind::String,
       .default_value = Value{std::string{"generated"}},
       .choices = {"generated", "file"},
       .description =
           "Where the organisation comes from: `generated` builds a synthetic firm from the keys "
           "marked for it below; `file` imports one (an HR export, GraphML or a research data set) "
           "from `file` and `ties_file` in the given `format`.",
       .apply =
           [](const Value& v, Scenario& s) {
             s.organisation_source =
                 as_string(v) == "file" ? OrganisationSource::File : OrganisationSource::Generated;
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         return Value{std::string{s.organisation_source == OrganisationSource::File ? "file" : "generated"}};
       }});
  add({.key = "organisation.format",
       .kind = ValueKind::String,
       .default_value = Value{std::string{"csv"}},
       .choices = {"csv", "graphml", "snap", "krackhardt"},
       .description =
           "Format of the imported files. `csv`: a people CSV (`file`; header-named columns, see "
           "[organisation.columns]) and an optional ties CSV (`ties_file`: source, target, weight, kind). "
           "`graphml`: one GraphML file whose nodes carry the people columns as attributes and whose edges "
           "carry weight and kind. `snap`: `file` lists `node department` per line and `ties_file` "
           "`source target` (SNAP's email-Eu-core). `krackhardt`: `file` is Krackhardt's attributes.csv "
           "(ID, LEVEL, DEPT; LEVEL 1 and 2 are executives, 3 managers), with reports_to.csv (the managers), "
           "advice.csv and friendship.csv (collaboration ties) beside it. Directed ties are made undirected: "
           "a pair tied in either direction, or several times, keeps one tie with the strongest kind and the "
           "largest weight; self-ties and weight-0 rows are dropped.",
       .applies_when = "organisation.source = \"file\"",
       .apply = [](const Value& v,
                   Scenario& s) { s.organisation_import.format = *org::parse_import_format(as_string(v)); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source != OrganisationSource::File) return std::nullopt;
         return Value{std::string{org::to_string(s.organisation_import.format)}};
       }});
  add({.key = "organisation.file",
       .kind = ValueKind::String,
       .quantity = "a path to the people file, relative to this scenario file",
       .default_value = Value{std::string{}},
       .description =
           "The people to import (an HR export's CSV, a GraphML file, SNAP department labels or "
           "Krackhardt's attributes.csv), relative to the scenario file that sets it. Roles: the "
           "role column accepts individual_contributor, manager and executive (and ic, employee, "
           "staff / mgr, supervisor, lead / exec, director, vp, ceo); where it is empty or absent, "
           "someone with reports and no manager is an executive, someone with reports a manager, "
           "everyone else an individual contributor. Several people without a manager are allowed "
           "with a warning. Names and e-mail columns are never read.",
       .applies_when = "organisation.source = \"file\"",
       .apply = [](const Value& v, Scenario& s) { s.organisation_import.file = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source != OrganisationSource::File) return std::nullopt;
         return Value{s.organisation_import.file.string()};
       }});
  add({.key = "organisation.ties_file",
       .kind = ValueKind::String,
       .quantity = "a path to the ties file, relative to this scenario file",
       .default_value = Value{std::string{}},
       .description =
           "Optional ties to import (`csv`: source, target, weight >= 0 (default 1), kind (default "
           "collaboration); `snap`: an edge list), relative to the scenario file that sets it. "
           "Empty: none.",
       .applies_when = "organisation.source = \"file\"",
       .apply =
           [](const Value& v, Scenario& s) {
             if (as_string(v).empty()) {
               s.organisation_import.ties_file.reset();
             } else {
               s.organisation_import.ties_file = as_string(v);
             }
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source != OrganisationSource::File) return std::nullopt;
         return Value{s.organisation_import.ties_file ? s.organisation_import.ties_file->string()
                                                      : std::string()};
       }});
  add({.key = "organisation.derived_ties",
       .kind = ValueKind::String,
       .default_value = Value{std::string{"when_no_ties_file"}},
       .choices = {"when_no_ties_file", "always", "never"},
       .description = "When to derive ties from the hierarchy of an import, as the generator does: the "
                      "reporting line (person and manager) and teammates (people sharing a `team`, or a "
                      "manager when there is no team column), weighted by [organisation.tie_weights].",
       .source = "An HR export without collaboration data still says who works with whom through its "
                 "reporting lines; with collaboration data, the observed ties speak for themselves.",
       .applies_when = "organisation.source = \"file\"",
       .apply =
           [](const Value& v, Scenario& s) {
             s.organisation_import.derived_ties = *org::parse_derived_ties(as_string(v));
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source != OrganisationSource::File) return std::nullopt;
         return Value{std::string{org::to_string(s.organisation_import.derived_ties)}};
       }});
  add({.key = "organisation.unknown_manager",
       .kind = ValueKind::String,
       .default_value = Value{std::string{"error"}},
       .choices = {"error", "root"},
       .description =
           "What a manager id that names nobody in the file means (typically a leaver, or a "
           "manager outside the export): `error` reports each at its cell; `root` puts such people "
           "at the top of their own reporting tree, and `validate` and `run` print how many.",
       .applies_when = "organisation.source = \"file\"",
       .apply =
           [](const Value& v, Scenario& s) {
             s.organisation_import.unknown_manager = *org::parse_unknown_manager(as_string(v));
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source != OrganisationSource::File) return std::nullopt;
         return Value{std::string{org::to_string(s.organisation_import.unknown_manager)}};
       }});
  add({.key = "organisation.department_aliases",
       .kind = ValueKind::StringTable,
       .quantity = "a table of department names: variant = \"canonical name\"",
       .default_value = Value{std::vector<Record>{}},
       .description =
           "Spelling variants of department names in the file, each mapped to the name to use, e.g. "
           "`[organisation.department_aliases]` with `\"Eng\" = \"Engineering\"` and `\"human resources\" = "
           "\"HR\"`. Variants match exactly as written. Names that differ only by case, spacing or "
           "punctuation, or where one abbreviates the other (\"Eng\" and \"Engineering\", \"HR\" and \"Human "
           "Resources\"), are reported as a warning suggesting the alias.",
       .applies_when = "organisation.source = \"file\"",
       .apply =
           [](const Value& v, Scenario& s) {
             auto& aliases = s.organisation_import.department_aliases;
             aliases.clear();
             for (const Record& record : std::get<std::vector<Record>>(v)) {
               for (const auto& [variant, name] : record.fields)
                 aliases.emplace_back(variant, std::get<std::string>(name));
             }
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source != OrganisationSource::File) return std::nullopt;
         Record record;
         for (const auto& [variant, name] : s.organisation_import.department_aliases)
           record.fields.emplace_back(variant, Scalar{name});
         std::vector<Record> records;
         if (!record.fields.empty()) records.push_back(std::move(record));
         return Value{std::move(records)};
       }});
  add({.key = "organisation.role_rules",
       .kind = ValueKind::TableArray,
       .quantity = "an array of { pattern, role } tables",
       .default_value = Value{std::vector<Record>{}},
       .description =
           "Roles from job titles (the `title` column of [organisation.columns]): each rule's `pattern` is a "
           "regular expression (ECMAScript syntax, searched anywhere in the title; a leading `(?i)` ignores "
           "case) and its `role` the role it gives. The first matching rule wins; they apply where the role "
           "cell is empty or the file has no role column, and a title no rule matches leaves the role to the "
           "reporting lines. None by default. For example `[[organisation.role_rules]]` with `pattern = "
           "\"(?i)\\\\b(VP|vice president|chief|head of)\\\\b\"` and `role = \"executive\"`, then one for "
           "`\"(?i)manager|lead\"` giving `manager`. `validate` and `run` print how many people each role "
           "got "
           "from the rules, so \"executives excluded\" can be checked against the client's org chart.",
       .source = "HR exports carry titles more often than roles; the hierarchy rule alone makes a VP with a "
                 "CEO above them a manager.",
       .applies_when = "organisation.source = \"file\"",
       .apply =
           [](const Value& v, Scenario& s) {
             auto& rules = s.organisation_import.role_rules;
             rules.clear();
             for (const Record& record : std::get<std::vector<Record>>(v)) {
               org::RoleRule rule;
               rule.pattern = std::get<std::string>(*record.find("pattern"));
               rule.role = *org::parse_role(std::get<std::string>(*record.find("role")));
               rules.push_back(std::move(rule));
             }
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source != OrganisationSource::File) return std::nullopt;
         std::vector<Record> records;
         for (const org::RoleRule& rule : s.organisation_import.role_rules) {
           Record record;
           record.fields.emplace_back("pattern", Scalar{rule.pattern});
           record.fields.emplace_back("role", Scalar{std::string{org::to_string(rule.role)}});
           records.push_back(std::move(record));
         }
         return Value{std::move(records)};
       }});
  add({.key = "organisation.role_rules.pattern",
       .kind = ValueKind::String,
       .quantity = "a regular expression (ECMAScript)",
       .description = "Matched against the job title; `(?i)` at the start ignores case.",
       .check = [](const Value& v) -> std::string { return org::role_pattern_problem(as_string(v)); }});
  add({.key = "organisation.role_rules.role",
       .kind = ValueKind::String,
       .choices = {"individual_contributor", "manager", "executive"},
       .description = "The role a matching title gives."});
  add({.key = "organisation.added_department_ties_per_person",
       .kind = ValueKind::Integer,
       .unit = "ties",
       .quantity = "an even number of ties",
       .default_value = Value{std::int64_t{0}},
       .minimum = 0,
       .maximum = 1000,
       .description = "Within-department small-world ties to add to an import (the generator's rule: a ring "
                      "lattice of this many neighbours over each department in a random order, rewired with "
                      "department_rewiring_probability, seeded by organisation.seed); 0 adds none.",
       .applies_when = "organisation.source = \"file\"",
       .apply = [](const Value& v,
                   Scenario& s) { s.organisation_import.department_ties_per_person = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source != OrganisationSource::File) return std::nullopt;
         return int_value(s.organisation_import.department_ties_per_person);
       },
       .check = [](const Value& v) -> std::string { return as_int(v) % 2 == 0 ? "" : "is odd"; }});
  add({.key = "organisation.pseudonym_key_file",
       .kind = ValueKind::String,
       .quantity = "a path to a key file, relative to this scenario file",
       .default_value = Value{std::string{}},
       .description = "Key for the keyed hash (HMAC-SHA256) that pseudonymises imported person ids in every "
                      "output, so the same person gets the same pseudonym across runs. Without it, a key is "
                      "generated and kept beside the outputs (OUTPUT/pseudonym.key, mode 0600). Keep it "
                      "secret: with the key and the HR export, pseudonyms can be traced back to people.",
       .applies_when = "organisation.source = \"file\"",
       .apply = [](const Value& v, Scenario& s) { s.pseudonym_key_file = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source != OrganisationSource::File) return std::nullopt;
         return Value{s.pseudonym_key_file.string()};
       }});
  add({.key = "organisation.seed",
       .kind = ValueKind::Integer,
       .quantity = "a non-negative integer seed",
       .default_value = Value{std::int64_t{1}},
       .minimum = 0,
       .maximum = kMaxSeed,
       .description = "Seed of the generated organisation, separate from `seed` so that every replicate and "
                      "every compared scenario runs on the same people and ties.",
       .apply = [](const Value& v, Scenario& s) { s.organisation_seed = as_u64(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.organisation_seed); }});
  add({.key = "organisation.headcount",
       .kind = ValueKind::Integer,
       .unit = "people",
       .quantity = "a whole number of people",
       .default_value = Value{std::int64_t{180}},
       .minimum = 2,
       .maximum = kMaxHeadcount,
       .description = "Everyone in the organisation, the CEO included. Must be at least 1 + the number of "
                      "departments (a CEO and one head per department).",
       .source = "The mid-market firm of DESIGN.md; seed 000 counts 17 of 180 daily active after an "
                 "announce-only launch.",
       .applies_when = "organisation.source = \"generated\"",
       .apply = [](const Value& v, Scenario& s) { s.organisation.headcount = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source == OrganisationSource::File) return std::nullopt;
         return int_value(s.organisation.headcount);
       }});
  add({.key = "organisation.span_of_control",
       .kind = ValueKind::Float,
       .unit = "people",
       .quantity = "a mean number of direct reports",
       .default_value = Value{7.0},
       .minimum = 1,
       .maximum = 1000,
       .description = "Mean number of direct reports per manager; actual spans vary around it.",
       .source = "Spans of 5–10 are usual in mid-sized firms; 7 is a common planning figure.",
       .applies_when = "organisation.source = \"generated\"",
       .apply = [](const Value& v, Scenario& s) { s.organisation.span_of_control = as_float(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source == OrganisationSource::File) return std::nullopt;
         return Value{s.organisation.span_of_control};
       }});
  add({.key = "organisation.department_ties_per_person",
       .kind = ValueKind::Integer,
       .unit = "ties",
       .quantity = "an even number of ties",
       .default_value = Value{std::int64_t{6}},
       .minimum = 0,
       .maximum = 1000,
       .description = "Ring-lattice neighbours of each person within their department before rewiring "
                      "(a Watts–Strogatz small world per department).",
       .source = "Close working contacts in a department: about half a dozen.",
       .applies_when = "organisation.source = \"generated\"",
       .apply = [](const Value& v, Scenario& s) { s.organisation.department_ties_per_person = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source == OrganisationSource::File) return std::nullopt;
         return int_value(s.organisation.department_ties_per_person);
       },
       .check = [](const Value& v) -> std::string { return as_int(v) % 2 == 0 ? "" : "is odd"; }});
  add({.key = "organisation.department_rewiring_probability",
       .kind = ValueKind::Float,
       .quantity = "a probability",
       .default_value = Value{0.1},
       .minimum = 0,
       .maximum = 1,
       .description = "Probability that a within-department tie is rewired to a random colleague of the "
                      "same department.",
       .source = "Watts & Strogatz (1998): around 0.1 gives short paths while keeping clustering high.",
       .apply = [](const Value& v,
                   Scenario& s) { s.organisation.department_rewiring_probability = as_float(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         return Value{s.organisation.department_rewiring_probability};
       }});
  add({.key = "organisation.cross_department_ties_per_person",
       .kind = ValueKind::Float,
       .unit = "ties",
       .quantity = "a mean number of ties",
       .default_value = Value{0.5},
       .minimum = 0,
       .maximum = 1000,
       .description = "Mean number of ties per person to people in other departments.",
       .source = "Sparse bridges: seed 003 describes pilots that stay inside one department.",
       .applies_when = "organisation.source = \"generated\"",
       .apply = [](const Value& v,
                   Scenario& s) { s.organisation.cross_department_ties_per_person = as_float(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source == OrganisationSource::File) return std::nullopt;
         return Value{s.organisation.cross_department_ties_per_person};
       }});
  add({.key = "organisation.departments",
       .kind = ValueKind::TableArray,
       .quantity = "an array of tables with `name` and `share`",
       .default_value = Value{std::vector<Record>{
           {{{"name", Scalar{std::string{"Engineering"}}}, {"share", Scalar{0.30}}}},
           {{{"name", Scalar{std::string{"Sales"}}}, {"share", Scalar{0.20}}}},
           {{{"name", Scalar{std::string{"Operations"}}}, {"share", Scalar{0.15}}}},
           {{{"name", Scalar{std::string{"Customer Support"}}}, {"share", Scalar{0.15}}}},
           {{{"name", Scalar{std::string{"Finance"}}}, {"share", Scalar{0.10}}}},
           {{{"name", Scalar{std::string{"People"}}}, {"share", Scalar{0.10}}}},
       }},
       .description = "The departments, each `{ name = \"...\", share = ... }`. Shares are fractions of the "
                      "headcount below the CEO and must sum to 1.",
       .source = "A mid-market firm weighted towards engineering and sales.",
       .applies_when = "organisation.source = \"generated\"",
       .apply =
           [](const Value& v, Scenario& s) {
             s.organisation.departments.clear();
             for (const Record& record : std::get<std::vector<Record>>(v)) {
               s.organisation.departments.push_back(
                   {std::get<std::string>(*record.find("name")), std::get<double>(*record.find("share"))});
             }
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.organisation_source == OrganisationSource::File) return std::nullopt;
         std::vector<Record> records;
         for (const auto& department : s.organisation.departments) {
           records.push_back(
               {{{"name", Scalar{department.name}}, {"share", Scalar{department.headcount_share}}}});
         }
         return Value{std::move(records)};
       }});
  add({.key = "organisation.departments.name",
       .kind = ValueKind::String,
       .quantity = "a non-empty department name",
       .description = "Department name, unique within the organisation.",
       .check = [](const Value& v) -> std::string { return as_string(v).empty() ? "is empty" : ""; }});
  add({.key = "organisation.departments.share",
       .kind = ValueKind::Float,
       .unit = "fraction",
       .quantity = "a fraction of the headcount",
       .minimum = 0,
       .maximum = 1,
       .minimum_exclusive = true,
       .description = "Fraction of the non-CEO headcount in this department."});

  const auto tie_weight = [&add](std::string_view key, float default_weight, std::string_view description,
                                 ApplyFn apply, ReadFn read) {
    add({.key = key,
         .kind = ValueKind::Float,
         .quantity = "a tie weight",
         .default_value = Value{widen(default_weight)},
         .minimum = 0,
         .maximum = 1,
         .minimum_exclusive = true,
         .description = description,
         .source = "Relative visibility of a colleague's use through each relationship: the reporting line "
                   "weighs most (seed 000, 002: leaders' visible use), loose cross-department ties least.",
         .apply = apply,
         .read = read});
  };
  const org::TieWeights default_weights;
  tie_weight(
      "organisation.tie_weights.reporting_line", default_weights.reporting_line,
      "Weight of the tie between a person and their manager.",
      [](const Value& v, Scenario& s) {
        s.organisation.tie_weights.reporting_line = static_cast<float>(as_float(v));
      },
      [](const Scenario& s) -> std::optional<Value> {
        return Value{widen(s.organisation.tie_weights.reporting_line)};
      });
  tie_weight(
      "organisation.tie_weights.teammate", default_weights.teammate,
      "Weight of the tie between direct reports of the same manager.",
      [](const Value& v, Scenario& s) {
        s.organisation.tie_weights.teammate = static_cast<float>(as_float(v));
      },
      [](const Scenario& s) -> std::optional<Value> {
        return Value{widen(s.organisation.tie_weights.teammate)};
      });
  tie_weight(
      "organisation.tie_weights.department", default_weights.department,
      "Weight of a small-world tie within a department.",
      [](const Value& v, Scenario& s) {
        s.organisation.tie_weights.department = static_cast<float>(as_float(v));
      },
      [](const Scenario& s) -> std::optional<Value> {
        return Value{widen(s.organisation.tie_weights.department)};
      });
  tie_weight(
      "organisation.tie_weights.cross_department", default_weights.cross_department,
      "Weight of a tie between people in different departments.",
      [](const Value& v, Scenario& s) {
        s.organisation.tie_weights.cross_department = static_cast<float>(as_float(v));
      },
      [](const Scenario& s) -> std::optional<Value> {
        return Value{widen(s.organisation.tie_weights.cross_department)};
      });

  // --- column names of an import
  const auto column = [&add](std::string_view key, std::string_view default_name,
                             std::string_view description, ApplyFn apply, ReadFn read) {
    add({.key = key,
         .kind = ValueKind::String,
         .quantity = "a column name of the header",
         .default_value = Value{std::string{default_name}},
         .description = description,
         .applies_when = "organisation.format = \"csv\" or \"graphml\"",
         .apply = apply,
         .read = read,
         .check = key == "organisation.columns.manager_id" ? nullptr : check_column_name});
  };
  using org::PeopleColumns;
  using org::TieColumns;
  column("organisation.columns.id", "id",
         "Header of the person id column (required). Ids are pseudonymised in every output.",
         apply_people_column<&PeopleColumns::id>, read_people_column<&PeopleColumns::id>);
  column(
      "organisation.columns.manager_id", "manager_id",
      "Header of the manager's id column (required); an empty cell marks someone at the top. A file "
      "without the column is an error naming the header's columns and the closest one; an export that "
      "really has no reporting lines says so with `manager_id = \"\"` (no hierarchy: no reporting-line "
      "ties, roles from the role column and role_rules only). Every column named in [organisation.columns] "
      "must be in the file; the optional ones left out of the scenario may be absent.",
      apply_people_column<&PeopleColumns::manager_id>, read_people_column<&PeopleColumns::manager_id>);
  column("organisation.columns.department", "department", "Header of the department column (required).",
         apply_people_column<&PeopleColumns::department>, read_people_column<&PeopleColumns::department>);
  column(
      "organisation.columns.role", "role",
      "Header of the role column (optional; see organisation.file for the values and the rule when empty).",
      apply_people_column<&PeopleColumns::role>, read_people_column<&PeopleColumns::role>);
  column("organisation.columns.team", "team",
         "Header of the team column (optional): teammates share a team; without it, a manager.",
         apply_people_column<&PeopleColumns::team>, read_people_column<&PeopleColumns::team>);
  column("organisation.columns.location", "location", "Header of the location column (optional).",
         apply_people_column<&PeopleColumns::location>, read_people_column<&PeopleColumns::location>);
  column("organisation.columns.tenure", "tenure",
         "Header of the tenure column (optional, years). Every other column whose cells are all numbers is "
         "kept as a numeric attribute; other text columns are ignored.",
         apply_people_column<&PeopleColumns::tenure>, read_people_column<&PeopleColumns::tenure>);
  column("organisation.columns.title", "title",
         "Header of the job title column (optional), read only by organisation.role_rules. Job titles are "
         "personal data of a kind and never leave the import.",
         apply_people_column<&PeopleColumns::title>, read_people_column<&PeopleColumns::title>);
  column("organisation.tie_columns.source", "source", "Header of the ties file's first person column.",
         apply_tie_column<&TieColumns::source>, read_tie_column<&TieColumns::source>);
  column("organisation.tie_columns.target", "target", "Header of the ties file's second person column.",
         apply_tie_column<&TieColumns::target>, read_tie_column<&TieColumns::target>);
  column("organisation.tie_columns.weight", "weight",
         "Header of the tie weight column (optional; a number >= 0, empty or absent means 1).",
         apply_tie_column<&TieColumns::weight>, read_tie_column<&TieColumns::weight>);
  column("organisation.tie_columns.kind", "kind",
         "Header of the tie kind column (optional; collaboration, reporting_line, teammate, department or "
         "cross_department; empty or absent means collaboration).",
         apply_tie_column<&TieColumns::kind>, read_tie_column<&TieColumns::kind>);

  // --- the model
  add({.key = "model.kind",
       .kind = ValueKind::String,
       .default_value = Value{std::string{"bass"}},
       .choices = {"bass", "threshold", "cascade", "workplace"},
       .description = "Which model runs: `workplace`, the workplace adoption model (people, managers and "
                      "champions deciding on each work opportunity; docs/model.md), with [strategy], "
                      "[budget] and [model.workplace]; or a reference diffusion model: `bass` (adoption "
                      "hazard p + q × adopting fraction of neighbours), `threshold` (Granovetter/Watts) or "
                      "`cascade` (independent cascade, Kempe–Kleinberg–Tardos). Only the matching "
                      "[model.<kind>] table is read.",
       .apply =
           [](const Value& v, Scenario& s) {
             const std::string& kind = as_string(v);
             s.workplace.reset();
             if (kind == "workplace") {
               s.model = BassParams{};
               s.workplace.emplace();
             } else if (kind == "threshold") {
               s.model = ThresholdParams{};
             } else if (kind == "cascade") {
               s.model = CascadeParams{};
             } else {
               s.model = BassParams{};
             }
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.workplace) return Value{std::string{"workplace"}};
         if (std::holds_alternative<ThresholdParams>(s.model)) return Value{std::string{"threshold"}};
         if (std::holds_alternative<CascadeParams>(s.model)) return Value{std::string{"cascade"}};
         return Value{std::string{"bass"}};
       }});
  add({.key = "model.initial_adopters.random_count",
       .kind = ValueKind::Integer,
       .unit = "people",
       .quantity = "a whole number of people",
       .default_value = Value{std::int64_t{0}},
       .minimum = 0,
       .maximum = kMaxHeadcount,
       .description = "People who have adopted at day 0, drawn uniformly at random (per replicate). "
                      "Threshold and cascade models need some to start.",
       .applies_when = "model.kind is a reference model",
       .apply = [](const Value& v, Scenario& s) { initial_adopters(s).random_count = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.workplace) return std::nullopt;
         return int_value(initial_adopters(s).random_count);
       }});
  add({.key = "model.initial_adopters.people",
       .kind = ValueKind::StringArray,
       .quantity = kPersonIdsQuantity,
       .default_value = Value{std::vector<std::string>{}},
       .description = "People who have adopted at day 0, in addition to the random ones: person ids (see "
                      "\"Person ids\" above).",
       .applies_when = "model.kind is a reference model",
       .apply = [](const Value& v,
                   Scenario& s) { s.named_people.initial_adopters = std::get<std::vector<std::string>>(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.workplace) return std::nullopt;
         return Value{s.named_people.initial_adopters};
       }});

  add({.key = "model.bass.innovation_p",
       .kind = ValueKind::Float,
       .unit = "per day",
       .quantity = "a probability per day",
       .default_value = Value{BassParams{}.innovation_p},
       .minimum = 0,
       .maximum = 1,
       .description = "Adoption hazard from outside influence (communications, the tool itself).",
       .source = "Bass (1969). With q = 0.05 the mean-field curve reaches about 45% at day 60 and 80% at "
                 "day 90, the 60–80% of structured rollouts (seed 000, DESIGN.md F2).",
       .applies_when = "model.kind = \"bass\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<BassParams>(s, [&](BassParams& p) { p.innovation_p = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<BassParams>(s, [](const BassParams& p) { return p.innovation_p; });
           }});
  add({.key = "model.bass.imitation_q",
       .kind = ValueKind::Float,
       .unit = "per day",
       .quantity = "a probability per day",
       .default_value = Value{BassParams{}.imitation_q},
       .minimum = 0,
       .maximum = 1,
       .description = "Adoption hazard per unit of adopting-neighbour fraction (weighted by tie strength); "
                      "used by the `neighbour_fraction` form.",
       .source = "Bass (1969); q/p = 25 is within the range of the Sultan, Farley & Lehmann (1990) "
                 "meta-analysis (mean q/p about 13, wide spread), imitation-led as workplace tools are.",
       .applies_when = "model.kind = \"bass\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<BassParams>(s, [&](BassParams& p) { p.imitation_q = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<BassParams>(s, [](const BassParams& p) { return p.imitation_q; });
           }});
  add({.key = "model.bass.per_tie_rate_beta",
       .kind = ValueKind::Float,
       .unit = "per day per unit tie weight",
       .quantity = "a rate per day per unit tie weight",
       .default_value = Value{BassParams{}.per_tie_rate_beta},
       .minimum = 0,
       .maximum = 1000,
       .description = "Adoption hazard per unit weight of adopting neighbours; used by the `per_tie` form "
                      "(the network SI process).",
       .applies_when = "model.kind = \"bass\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<BassParams>(s, [&](BassParams& p) { p.per_tie_rate_beta = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<BassParams>(s, [](const BassParams& p) { return p.per_tie_rate_beta; });
           }});
  add({.key = "model.bass.form",
       .kind = ValueKind::String,
       .default_value = Value{std::string{model::to_string(BassParams{}.form)}},
       .choices = {model::to_string(BassForm::NeighbourFraction), model::to_string(BassForm::PerTie)},
       .description = "`neighbour_fraction`: hazard p + q × (adopting neighbour weight / all neighbour "
                      "weight), which on a complete graph matches the Bass closed form. `per_tie`: hazard "
                      "p + β × adopting neighbour weight.",
       .applies_when = "model.kind = \"bass\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<BassParams>(s, [&](BassParams& p) {
               p.form = *model::parse_bass_form(as_string(v));  // one of the row's choices
             });
           },
       .read =
           [](const Scenario& s) {
             return read_model<BassParams>(
                 s, [](const BassParams& p) { return std::string{model::to_string(p.form)}; });
           }});

  add({.key = "model.threshold.threshold_low",
       .kind = ValueKind::Float,
       .unit = "fraction",
       .quantity = "a fraction of neighbour weight",
       .default_value = Value{ThresholdParams{}.threshold_low},
       .minimum = 0,
       .maximum = 1,
       .description = "Lower end of the uniform distribution of personal thresholds; at most threshold_high.",
       .source = "Watts (2002): global cascades from a few early adopters need many thresholds low "
                 "relative to 1 / degree; [0.1, 0.4] mixes easy and reluctant adopters.",
       .applies_when = "model.kind = \"threshold\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<ThresholdParams>(s, [&](ThresholdParams& p) { p.threshold_low = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<ThresholdParams>(s, [](const ThresholdParams& p) { return p.threshold_low; });
           }});
  add({.key = "model.threshold.threshold_high",
       .kind = ValueKind::Float,
       .unit = "fraction",
       .quantity = "a fraction of neighbour weight",
       .default_value = Value{ThresholdParams{}.threshold_high},
       .minimum = 0,
       .maximum = 1,
       .description = "Upper end of the uniform distribution of personal thresholds; equal bounds give "
                      "everyone the same threshold.",
       .source = "As threshold_low.",
       .applies_when = "model.kind = \"threshold\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<ThresholdParams>(s, [&](ThresholdParams& p) { p.threshold_high = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<ThresholdParams>(s, [](const ThresholdParams& p) { return p.threshold_high; });
           }});
  add({.key = "model.threshold.thresholds",
       .kind = ValueKind::FloatArray,
       .unit = "fraction",
       .quantity = "an array of fractions",
       .default_value = Value{std::vector<double>{}},
       .minimum = 0,
       .maximum = 1,
       .description = "Explicit threshold per person (one entry per person, in id order). Empty means draw "
                      "them from [threshold_low, threshold_high].",
       .applies_when = "model.kind = \"threshold\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<ThresholdParams>(
                 s, [&](ThresholdParams& p) { p.thresholds = std::get<std::vector<double>>(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<ThresholdParams>(s, [](const ThresholdParams& p) { return p.thresholds; });
           }});
  add({.key = "model.threshold.adoption_delay_days",
       .kind = ValueKind::Float,
       .unit = "days",
       .quantity = "a delay in days",
       .default_value = Value{ThresholdParams{}.adoption_delay_days},
       .minimum = 0,
       .maximum = kMaxHorizonDays,
       .minimum_exclusive = true,
       .description = "Time from a person's threshold being reached to their adoption, so cascades advance "
                      "in rounds.",
       .source = "One working day: people react to what they saw colleagues do the day before.",
       .applies_when = "model.kind = \"threshold\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<ThresholdParams>(s, [&](ThresholdParams& p) { p.adoption_delay_days = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<ThresholdParams>(
                 s, [](const ThresholdParams& p) { return p.adoption_delay_days; });
           }});

  add({.key = "model.cascade.activation_probability",
       .kind = ValueKind::Float,
       .quantity = "a probability",
       .default_value = Value{CascadeParams{}.activation_probability},
       .minimum = 0,
       .maximum = 1,
       .description = "Chance that a newly adopting person converts a given neighbour (times the tie weight "
                      "when use_tie_weights is true; clamped to [0, 1]).",
       .source = "Kempe, Kleinberg & Tardos (2003) use uniform probabilities of 0.01–0.1.",
       .applies_when = "model.kind = \"cascade\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<CascadeParams>(s, [&](CascadeParams& p) { p.activation_probability = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<CascadeParams>(
                 s, [](const CascadeParams& p) { return p.activation_probability; });
           }});
  add({.key = "model.cascade.use_tie_weights",
       .kind = ValueKind::Boolean,
       .default_value = Value{CascadeParams{}.use_tie_weights},
       .description =
           "Scale each conversion chance by the tie weight, so managers and teammates convert more "
           "often than loose contacts.",
       .source = "The organisation's tie weights encode how visible a colleague's use is.",
       .applies_when = "model.kind = \"cascade\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<CascadeParams>(s, [&](CascadeParams& p) { p.use_tie_weights = as_bool(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<CascadeParams>(s, [](const CascadeParams& p) { return p.use_tie_weights; });
           }});
  add({.key = "model.cascade.activation_delay_days",
       .kind = ValueKind::Float,
       .unit = "days",
       .quantity = "a delay in days",
       .default_value = Value{CascadeParams{}.activation_delay_days},
       .minimum = 0,
       .maximum = kMaxHorizonDays,
       .minimum_exclusive = true,
       .description = "Time from a successful conversion to the adoption taking effect.",
       .source = "One working day, as for the threshold model.",
       .applies_when = "model.kind = \"cascade\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<CascadeParams>(s, [&](CascadeParams& p) { p.activation_delay_days = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<CascadeParams>(s,
                                              [](const CascadeParams& p) { return p.activation_delay_days; });
           }});

  // --- the workplace model, its strategy and budget
  add_workplace_parameters(table);

  // --- the KPI
  add({.key = "kpi.target_share",
       .kind = ValueKind::Float,
       .unit = "fraction",
       .quantity = "a fraction of the headcount",
       .default_value = Value{0.6},
       .minimum = 0,
       .maximum = 1,
       .minimum_exclusive = true,
       .description = "Share of the headcount the forecast is judged against (weekly active people for the "
                      "workplace model, adopted people for reference models): results report P(share ≥ "
                      "target_share by by_day).",
       .source = "The low end of the 60–80% sustained usage of structured adoption (seed 000).",
       .apply = [](const Value& v, Scenario& s) { s.kpi.target_share = as_float(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.kpi.target_share}; }});
  add({.key = "kpi.by_day",
       .kind = ValueKind::Integer,
       .unit = "days",
       .quantity = "a whole number of days",
       .default_value = Value{std::int64_t{90}},
       .minimum = 1,
       .maximum = kMaxHorizonDays,
       .description = "Day by which the target share should be reached; at most horizon_days.",
       .source = "The three-month checkpoint used throughout the seed articles.",
       .apply = [](const Value& v, Scenario& s) { s.kpi.by_day = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.kpi.by_day); }});
  add({.key = "kpi.hard_review_day",
       .kind = ValueKind::Integer,
       .unit = "days",
       .quantity = "a whole number of days",
       .default_value = Value{std::int64_t{90}},
       .minimum = 30,
       .maximum = kMaxHorizonDays,
       .description =
           "Day of the hard review, from day 0: the hard_review KPI flags a replicate whose headline "
           "share there is under 20% and rose less than 2 points in the 30 days before, and the fan "
           "chart marks it. Set it three months after the plan's launch when the launch is late.",
       .source = "The seeds' three-month mark: \"three months after launch, 17 of 180 use it daily\".",
       .apply = [](const Value& v, Scenario& s) { s.kpi.hard_review_day = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.kpi.hard_review_day); }});
  add({.key = "kpi.days",
       .kind = ValueKind::IntegerArray,
       .unit = "days",
       .quantity = "three whole numbers of days",
       .default_value = Value{std::vector<std::int64_t>{30, 60, 90}},
       .minimum = 1,
       .maximum = kMaxHorizonDays,
       .description = "Days of the three active_share_day<N> KPIs (the headline share on those days), "
                      "ascending; counted from day 0, or from the start of kpi.from_phase. The third is the "
                      "headline KPI --precision narrows. Scenarios run or compared together must share them.",
       .source = "The 30/60/90-day checkpoints of the seed articles.",
       .apply =
           [](const Value& v, Scenario& s) {
             const auto& days = std::get<std::vector<std::int64_t>>(v);
             for (std::size_t i = 0; i < s.kpi.days.size() && i < days.size(); ++i)
               s.kpi.days[i] = static_cast<std::uint32_t>(days[i]);
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         return Value{std::vector<std::int64_t>(s.kpi.days.begin(), s.kpi.days.end())};
       },
       .check = [](const Value& v) -> std::string {
         const auto& days = std::get<std::vector<std::int64_t>>(v);
         if (days.size() != 3) return "has " + std::to_string(days.size()) + " days, not three";
         if (!(days[0] < days[1] && days[1] < days[2])) return "is not strictly ascending";
         return "";
       }});
  add({.key = "kpi.from_phase",
       .kind = ValueKind::String,
       .quantity = "the name of a phase of the plan, or \"\"",
       .default_value = Value{std::string{}},
       .description =
           "When set, kpi.days count from this rollout phase's start in each replicate (e.g. "
           "\"scale\" for pilot_then_scale: \"90 days after the scale-up\"); a replicate in which "
           "the phase does not start, or whose day falls after the horizon, has no value. Only the "
           "active_share_day<N> KPIs move; the other day-90 KPIs stay at day 90.",
       .source = "Fact F9 (seed 002) is stated 90 days after the full launch.",
       .applies_when = "model.kind = \"workplace\"",
       .apply = [](const Value& v, Scenario& s) { s.kpi.from_phase = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.kpi.from_phase}; }});
  return table;
}

}  // namespace

const Scalar* Record::find(std::string_view field) const {
  for (const auto& [name, value] : fields) {
    if (name == field) return &value;
  }
  return nullptr;
}

std::span<const Parameter> parameters() {
  static const std::vector<Parameter> table = build_table();
  return table;
}

const Parameter* find_parameter(std::string_view key) {
  for (const Parameter& parameter : parameters()) {
    if (parameter.key == key) return &parameter;
  }
  return nullptr;
}

}  // namespace adoptsim::scenario
