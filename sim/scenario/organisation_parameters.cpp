// Rows of the parameter table about the organisation: [organisation] (a
// generated firm or an imported file), its tie weights, and the column
// names of an import (lookups and the other rows are in parameters.cpp).
#include <charconv>

#include "adoptsim/scenario/scenario.hpp"
#include "parameter_rows.hpp"

namespace adoptsim::scenario {
namespace {

// The double whose shortest text is the float's (0.7f reads back as 0.7, not
// 0.699999988079071), so tie weights print as they were written.
double widen(float number) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
  double wide = 0.0;
  std::from_chars(buffer, end, wide);
  return wide;
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

}  // namespace

void add_organisation_parameters(std::vector<Parameter>& table) {
  const auto add = [&table](Parameter parameter) { table.push_back(std::move(parameter)); };
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
}

}  // namespace adoptsim::scenario
