// Importing a real organisation: an HR export (people CSV, optional ties
// CSV), GraphML from network tools, and two public research formats (SNAP
// edge lists with department labels, Krackhardt's matrices). Every data
// problem is collected in one pass and thrown together; person ids from a
// file are personal data and leave this module only through a Pseudonymiser.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::org {

enum class ImportFormat : std::uint8_t {
  // people CSV (`file`) and an optional ties CSV (`ties_file`), comma-separated, header-named columns
  Csv,
  // one GraphML file: nodes are people, edges are ties (a reader of our own: line and column for
  // every problem, no entity expanded, no DTD read)
  GraphMl,
  // SNAP: `file` lists `node department` per line, `ties_file` lists `source target` per line
  // (whitespace-separated, no header, e.g. email-Eu-core)
  Snap,
  // Krackhardt's high-tech managers: `file` is attributes.csv (ID, LEVEL, DEPT, ...); reports_to.csv,
  // advice.csv and friendship.csv (ego,alter,edge) are read from the same folder
  Krackhardt,
};
std::string_view to_string(ImportFormat format);
std::optional<ImportFormat> parse_import_format(std::string_view text);

// Header names of the people CSV's columns (GraphML: the attr.name of the
// node keys). `id`, `department` and `manager_id` must be in the header;
// `manager_id = ""` says the file has no reporting lines. The optional
// columns may be absent (read as empty cells) unless listed in `mapped`.
// Header names match exactly, or else ignoring case and surrounding spaces.
// A missing column is reported with the header's columns and the closest.
struct PeopleColumns {
  std::string id = "id";
  std::string manager_id = "manager_id";  // empty cell: at the top of a reporting tree
  std::string department = "department";
  std::string role = "role";          // see the role rule below
  std::string team = "team";          // teammates share a team (else: share a manager)
  std::string location = "location";  // kept as a category
  std::string tenure = "tenure";      // years, a number >= 0
  std::string title = "title";        // job title, read only by role_rules
  // Optional columns the scenario names explicitly ("role", "team",
  // "location", "tenure", "title"): each must then be in the header.
  std::vector<std::string> mapped;

  bool is_mapped(std::string_view column) const;
};

// Header names of the ties CSV's columns; weight and kind are optional
// unless listed in `mapped` ("weight", "kind").
struct TieColumns {
  std::string source = "source";
  std::string target = "target";
  std::string weight = "weight";  // a number >= 0; default 1
  std::string kind = "kind";      // a TieKind name; default collaboration
  std::vector<std::string> mapped;

  bool is_mapped(std::string_view column) const;
};

// What a manager id that names nobody in the file (typically a leaver) means.
enum class UnknownManager : std::uint8_t {
  Error,  // an error at the cell (the default)
  Root,   // the person is at the top of their own reporting tree; counted in a warning
};
std::string_view to_string(UnknownManager unknown);
std::optional<UnknownManager> parse_unknown_manager(std::string_view text);

// A job-title rule: a person whose title matches `pattern` (ECMAScript
// regular expression, searched anywhere in the title; "(?i)" at the start
// makes it case-insensitive) gets `role`. Rules are tried in order and the
// first match wins. They apply where the role cell is empty or there is no
// role column; a title that matches no rule leaves the role to the
// hierarchy rule.
struct RoleRule {
  std::string pattern;
  Role role = Role::IndividualContributor;
};
// An error message when `pattern` is not a valid rule pattern, else empty.
std::string role_pattern_problem(std::string_view pattern);

// Which ties are derived from the hierarchy: the reporting line (person ↔
// manager) and teammates (people sharing a team, or a manager when there is
// no team column), with TieWeights' reporting_line and teammate weights.
enum class DerivedTies : std::uint8_t {
  WhenNoTiesFile,  // derive them only when no ties are imported (the default)
  Always,          // add them to the imported ties
  Never,
};
std::string_view to_string(DerivedTies derived);
std::optional<DerivedTies> parse_derived_ties(std::string_view text);

// The role rule. A `role` cell is read case-insensitively with spaces and
// hyphens as underscores: individual_contributor (also ic, employee, staff),
// manager (also mgr, supervisor, lead), executive (also exec, director, vp,
// vice_president, c_level, ceo). Anything else is an error. An empty cell,
// or a file without a role column, derives the role from the hierarchy:
// someone with direct reports and no manager is an executive, someone with
// direct reports a manager, everyone else an individual contributor.

struct ImportOptions {
  ImportFormat format = ImportFormat::Csv;
  std::filesystem::path file;                      // people (or GraphML, SNAP labels, Krackhardt attributes)
  std::optional<std::filesystem::path> ties_file;  // Csv and Snap only
  PeopleColumns columns;
  TieColumns tie_columns;
  DerivedTies derived_ties = DerivedTies::WhenNoTiesFile;
  // Weights of derived and added ties (reporting_line, teammate, department).
  TieWeights tie_weights;
  // Within-department small-world ties to add (the generator's rule: a ring
  // lattice of this many neighbours over each department in a random order,
  // each tie rewired with department_rewiring_probability); 0 adds none.
  std::uint32_t department_ties_per_person = 0;
  double department_rewiring_probability = 0.1;
  std::uint64_t seed = 1;  // of the added department ties
  UnknownManager unknown_manager = UnknownManager::Error;
  std::vector<RoleRule> role_rules;  // applied to columns.title, in order
  // Department spelling variants: (variant, canonical name); a person whose
  // department is a variant (exactly as written) is in the canonical one.
  std::vector<std::pair<std::string, std::string>> department_aliases;
};

// One data problem: where it is and what to do. line and column are 1-based
// (0 when the problem has no single place); byte_offset is set for encoding
// problems.
struct ImportIssue {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::optional<std::size_t> byte_offset;
  std::string message;  // "manager_id \"E0451\" names nobody in the file; ..."
  bool warning = false;

  // "people.csv:17:2: manager_id ..." (warnings: "people.csv: warning: ...").
  std::string text() const;
};

// Thrown by import_organisation with every error found (and the warnings
// seen before them). what() is every issue's text, one per line.
class ImportError : public std::runtime_error {
 public:
  explicit ImportError(std::vector<ImportIssue> issues);
  const std::vector<ImportIssue>& issues() const { return issues_; }

 private:
  std::vector<ImportIssue> issues_;
};

// How the ties of an import were counted.
struct TieCounts {
  std::size_t rows = 0;                 // tie rows read (directed entries)
  std::size_t self_ties_dropped = 0;    // a person tied to themself
  std::size_t zero_weight_dropped = 0;  // weight 0 (a matrix's "no tie")
  std::size_t merged = 0;             // rows that fell onto a pair already tied (e.g. the reverse direction)
  std::size_t derived_reporting = 0;  // reporting-line ties derived from manager ids
  std::size_t derived_teammate = 0;   // teammate ties derived from teams
  std::size_t added_department = 0;   // small-world ties added within departments
};

struct ImportedOrganisation {
  OrgGraph graph;
  // The file's id of each person, by PersonId. Personal data: never print or
  // write it; pass it through a Pseudonymiser.
  std::vector<std::string> external_ids;
  // Optional columns, by PersonId: index into the names, or -1 when empty.
  std::vector<std::string> team_names;
  std::vector<std::int32_t> team;
  std::vector<std::string> location_names;
  std::vector<std::int32_t> location;
  // Numeric columns (tenure and every other column whose cells are all
  // numbers or empty), by PersonId; NaN for an empty cell.
  std::vector<std::string> attribute_names;
  std::vector<std::vector<double>> attributes;
  TieCounts ties;
  std::size_t reporting_roots = 0;   // people without a manager (when the file has a hierarchy)
  std::size_t unknown_managers = 0;  // people whose manager id named nobody (unknown_manager = "root")
  // People whose role came from role_rules, by Role; and titles no rule matched.
  std::array<std::size_t, kRoleCount> roles_from_titles{};
  std::size_t titles_unmatched = 0;
  // Accepted oddities (several roots, dropped self-ties, a byte order mark ...).
  std::vector<ImportIssue> warnings;
};

// Reads and checks everything, then builds the graph. Rules:
// - Ties are undirected: rows for a pair in either direction (and repeats)
//   merge into one tie with the strongest kind and, within it, the largest
//   weight (OrgGraphBuilder's rule). Self-ties and weight-0 rows are dropped
//   and counted.
// - Several people without a manager are allowed (several reporting trees),
//   with a warning; a reporting cycle is an error.
// - A byte order mark and CRLF line ends are accepted; a header separated by
//   ';' or tabs, bytes that are not UTF-8, a quoted field that never closes,
//   duplicate ids, unknown manager (unless UnknownManager::Root) or tie ids,
//   empty ids or departments, bad weights, roles and kinds, and missing
//   columns (see PeopleColumns) are errors.
// - Every file read must be a regular file of at most
//   common::kMaxDataFileBytes (a FIFO, device or directory is an error).
// - Department aliases apply before anything else sees the departments;
//   names that look like variants of one another are warned about.
// - Columns named name, full_name, first_name, last_name, email, e_mail or
//   mail (any case), and any text column not listed in PeopleColumns, are
//   never read into memory beyond the line being parsed.
// Throws ImportError with every problem (capped at 20 per kind, with a count
// of the rest) when there is any error.
ImportedOrganisation import_organisation(const ImportOptions& options);

// Keyed pseudonyms: "p" followed by the first 16 hex digits of
// HMAC-SHA256(key, id). The same key and id always give the same pseudonym;
// without the key the id cannot be recovered or tested.
class Pseudonymiser {
 public:
  // Throws std::invalid_argument when the key is shorter than 16 bytes.
  explicit Pseudonymiser(std::string key);
  std::string operator()(std::string_view id) const;

 private:
  std::string key_;
};

// A fresh key: 64 hex digits (32 random bytes from OpenSSL's RAND_bytes).
std::string generate_pseudonym_key();
// The key in `path` (surrounding white space dropped). Throws
// std::runtime_error naming the file when it cannot be read or is shorter
// than 16 characters.
std::string read_pseudonym_key(const std::filesystem::path& path);
// Writes `key` to `path` with mode 0600 (owner read/write only). Throws
// std::runtime_error when the file cannot be written.
void write_pseudonym_key(const std::filesystem::path& path, const std::string& key);

}  // namespace adoptsim::org
