// What the importers share: the collector of data problems, a chunked CSV /
// whitespace tokenizer that checks UTF-8 as it goes, and the people and ties
// tables every format is read into before the organisation is assembled.
#pragma once

#include "adoptsim/common/edit_distance.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adoptsim/common/input_file.hpp"
#include "adoptsim/org/import.hpp"

namespace adoptsim::org::detail {

// Collects issues; after kMaxPerKind of one kind the rest are only counted.
class IssueCollector {
 public:
  static constexpr std::size_t kMaxPerKind = 20;

  void error(std::string_view kind, ImportIssue issue);
  void warning(ImportIssue issue);
  bool has_errors() const { return error_count_ > 0; }
  // Every error (with a line per kind that was capped) and the warnings.
  std::vector<ImportIssue> take_errors();
  std::vector<ImportIssue> take_warnings() { return std::move(warnings_); }

 private:
  struct Capped {
    std::size_t shown = 0;
    std::size_t hidden = 0;
    std::string file;
  };
  std::vector<ImportIssue> errors_;
  std::vector<ImportIssue> warnings_;
  std::map<std::string, Capped, std::less<>> kinds_;
  std::size_t error_count_ = 0;
};

ImportIssue issue_at(const std::string& file, std::size_t line, std::size_t column, std::string message);

// Cell text helpers shared by the formats.
inline std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}
inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Reads records from a file in large chunks. Csv: RFC 4180 (quoted fields
// may hold commas, doubled quotes and line breaks), surrounding spaces of
// unquoted fields trimmed. Whitespace: fields split on runs of spaces and
// tabs, no quoting, lines starting with '#' skipped. Both: a UTF-8 byte order
// mark is skipped, "\r\n" is accepted, blank lines are skipped, and bytes that
// are not UTF-8 are reported once (line and byte offset) with a count.
class RecordReader {
 public:
  enum class Mode : std::uint8_t { Csv, Whitespace };

  RecordReader(const std::filesystem::path& path, std::string display, Mode mode, IssueCollector& issues);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // False (after reporting it) when the file cannot be opened, or is not a
  // regular file of at most common::kMaxDataFileBytes.
  bool is_open() const { return input_.has_value(); }
  // The next record's fields, valid until the next call; false at the end.
  bool next(std::vector<std::string_view>& fields);
  // 1-based line where the last record returned starts.
  std::size_t line() const { return record_line_; }
  const std::string& display() const { return display_; }
  // Reports the encoding problems seen (call once at the end).
  void finish();
  // The whole file as one string (no records read before). False (after
  // reporting) when it is not UTF-8 or cannot be read; a byte order mark is
  // dropped.
  bool read_all(std::string& text);

 private:
  bool refill();
  std::size_t find_record_end(std::size_t from) const;
  void split(std::size_t begin, std::size_t end, std::vector<std::string_view>& fields);
  void check_utf8(std::size_t begin, std::size_t end);

  // The line where the quoted field left open at the end of the file begins.
  std::size_t unclosed_quote_line(std::size_t begin, std::size_t end) const;

  std::optional<common::InputFile> input_;
  std::FILE* file_ = nullptr;  // input_'s, while open
  std::uint64_t bytes_read_ = 0;
  std::string display_;
  Mode mode_;
  IssueCollector& issues_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // unread data is buffer_[begin_, end_)
  std::size_t end_ = 0;
  std::uint64_t buffer_file_offset_ = 0;  // file offset of buffer_[0]
  bool eof_ = false;
  bool first_chunk_ = true;
  std::size_t next_line_ = 1;
  std::size_t record_line_ = 0;
  std::size_t bad_utf8_ = 0;
  std::size_t first_bad_line_ = 0;
  std::uint64_t first_bad_offset_ = 0;
  unsigned first_bad_byte_ = 0;
};

// The header column closest to `wanted` (the mapped name of the `what`
// column: "id", "manager_id", ...): same name ignoring case, spaces and
// punctuation; one name containing the other or abbreviating it ("Dept",
// "Department"); a common synonym ("Reports To" for a manager); else the
// fewest edits when that is a likely typo. nullopt when nothing is close.
std::optional<std::string> closest_column(const std::vector<std::string>& header, std::string_view wanted,
                                          std::string_view what);
// `text` lower-cased with everything but letters and digits dropped.
std::string normalised_name(std::string_view text);
// Whether `short_name` (3 letters or more) abbreviates `long_name` (both
// normalised): its letters in order, starting with the same letter ("eng" /
// "engineering", "mktg" / "marketing").
bool abbreviates(std::string_view short_name, std::string_view long_name);
using common::edit_distance;

// Missing columns: one error per column, naming the header's columns and
// the closest. `key` is the scenario table that maps it ("organisation.columns").
void report_missing_column(IssueCollector& issues, const std::string& file, std::string_view what,
                           std::string_view name, const std::vector<std::string>& header,
                           std::string_view key, std::string_view header_has = "the header has",
                           std::size_t line = 1);

// Compiled role rules; `file` and the rules' problems go to `issues` when a
// pattern does not compile (the scenario checks them first).
struct CompiledRoleRules {
  std::vector<std::regex> patterns;
  std::vector<Role> roles;
  std::array<std::size_t, kRoleCount> counts{};
  std::size_t unmatched = 0;
  bool empty() const { return patterns.empty(); }
  // The role of the first rule matching `title` (counted), or nullopt (counted as unmatched).
  std::optional<Role> match(std::string_view title);
};
CompiledRoleRules compile_role_rules(const std::vector<RoleRule>& rules, const std::string& file,
                                     IssueCollector& issues);

// Names a delimiter found in a header that has a single field, or nullopt.
std::optional<std::string_view> wrong_delimiter(std::string_view header);

// Parses a whole field as a finite double.
std::optional<double> parse_number(std::string_view text);

// The people of an import, by row, before checks. Ids and manager ids are
// the file's strings.
struct RawPeople {
  std::string file;  // as messages show it
  std::vector<std::string> ids;
  std::vector<std::size_t> lines;  // where each person is (0 when unknown)
  // Per row, where the format has no fixed column (GraphML: each <node>'s
  // column); empty otherwise.
  std::vector<std::size_t> columns;
  std::vector<std::string> manager_ids;  // empty: none
  std::size_t id_column = 1;             // 1-based, for messages; 0 when not columnar
  std::size_t manager_column = 0;        // 0 when the file has no manager column
  bool has_hierarchy = false;            // the format carries managers
  std::vector<std::string> department_names;
  std::vector<std::uint32_t> department;  // index into department_names
  std::unordered_map<std::string, std::uint32_t> department_index;
  bool has_roles = false;
  std::vector<std::optional<Role>> roles;
  std::array<std::size_t, kRoleCount> roles_from_titles{};
  std::size_t titles_unmatched = 0;
  bool titles_unused = false;  // a title column without role rules or a role column
  std::vector<std::string> team_names;
  std::vector<std::int32_t> team;
  std::unordered_map<std::string, std::int32_t> team_index;
  bool has_team = false;
  std::vector<std::string> location_names;
  std::vector<std::int32_t> location;
  std::unordered_map<std::string, std::int32_t> location_index;
  std::vector<std::string> attribute_names;
  std::vector<std::vector<double>> attributes;

  std::uint32_t intern_department(const std::string& name);
  std::size_t id_column_of(std::size_t row) const { return columns.empty() ? id_column : columns[row]; }
  std::size_t manager_column_of(std::size_t row) const {
    return columns.empty() ? manager_column : columns[row];
  }
  static std::int32_t intern(std::string_view name, std::vector<std::string>& names,
                             std::unordered_map<std::string, std::int32_t>& index);
};

// Ties resolved to row indices of RawPeople: added to `sink` when set
// (large imports stream into the builder), else kept in `ties`.
struct RawTies {
  bool present = false;  // a ties source was given (even if empty)
  std::vector<Tie> ties;
  TieCounts counts;
  OrgGraphBuilder* sink = nullptr;
  std::size_t kept = 0;  // rows added to the sink or to ties
};

// Id → row, built once the people are read (duplicates reported there): an
// open-addressing table of (hash tag, row) words over the ids, so a lookup
// costs about one cache miss for the slot and one for the id it verifies.
class IdIndex {
 public:
  explicit IdIndex(const std::vector<std::string>& ids);
  // Adds `row`; returns the row already holding its id, if any.
  std::optional<PersonId> insert(PersonId row);
  std::optional<PersonId> find(std::string_view id) const;

 private:
  const std::vector<std::string>& ids_;
  std::vector<std::uint64_t> slots_;  // (hash >> 32) << 32 | (row + 1); 0 is empty
  std::uint64_t mask_ = 0;
};

// Parses a role cell by the rule in import.hpp; nullopt for an unknown word.
std::optional<Role> parse_role_cell(std::string_view text);

// Readers. Each fills its tables and reports problems to `issues`.
void read_people_csv(const ImportOptions& options, RawPeople& people, IssueCollector& issues);
void read_ties_csv(const std::filesystem::path& path, const TieColumns& columns, const IdIndex& index,
                   RawTies& ties, IssueCollector& issues);
void read_snap_people(const std::filesystem::path& path, RawPeople& people, IssueCollector& issues);
void read_snap_ties(const std::filesystem::path& path, const IdIndex& index, RawTies& ties,
                    IssueCollector& issues);
// Reads attributes.csv into people.
void read_krackhardt_people(const std::filesystem::path& attributes, RawPeople& people,
                            IssueCollector& issues);
// Reads the manager of each person from reports_to.csv beside attributes.csv.
void read_krackhardt_managers(const std::filesystem::path& attributes, const IdIndex& index,
                              RawPeople& people, IssueCollector& issues);
// Reads advice.csv and friendship.csv beside attributes.csv.
void read_krackhardt_ties(const std::filesystem::path& attributes, const IdIndex& index, RawTies& ties,
                          IssueCollector& issues);
// Reads nodes and edges; edges are kept as row pairs in `ties`.
void read_graphml(const ImportOptions& options, RawPeople& people, RawTies& ties, IssueCollector& issues);

}  // namespace adoptsim::org::detail
