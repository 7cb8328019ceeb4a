// The text formats: people and ties CSV, SNAP edge lists with department
// labels, and Krackhardt's matrices (read with import_records.cpp's reader).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "import_internal.hpp"

namespace adoptsim::org::detail {
namespace {

constexpr std::size_t kMaxTitleBytes = 256;

// Shortens a cell for a message (cells may be long or hold anything).
std::string shown(std::string_view cell) {
  if (cell.size() > 40) return std::string(cell.substr(0, 37)) + "...";
  return std::string(cell);
}

bool is_personal_column(std::string_view header) {
  std::string name = lower(trim(header));
  for (char& c : name) {
    if (c == ' ' || c == '-') c = '_';
  }
  static constexpr std::string_view kPersonal[] = {"name",    "full_name",     "first_name",   "last_name",
                                                   "surname", "given_name",    "email",        "e_mail",
                                                   "mail",    "email_address", "display_name", "phone"};
  return std::find(std::begin(kPersonal), std::end(kPersonal), name) != std::end(kPersonal);
}

// The index of the header matching `name`: exactly, else ignoring case and
// surrounding spaces. nullopt when none matches or `name` is empty.
std::optional<std::size_t> find_column(const std::vector<std::string>& header, std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (std::size_t index = 0; index < header.size(); ++index) {
    if (header[index] == name) return index;
  }
  const std::string wanted = lower(trim(name));
  for (std::size_t index = 0; index < header.size(); ++index) {
    if (lower(trim(header[index])) == wanted) return index;
  }
  return std::nullopt;
}

std::string header_list(const std::vector<std::string>& header) {
  std::string text;
  for (std::size_t index = 0; index < header.size() && index < 12; ++index) {
    text += (index == 0 ? "" : ", ") + std::string("\"") + shown(header[index]) + "\"";
  }
  if (header.size() > 12) text += ", ...";
  return text;
}

// Reads the header record; false (after reporting) when the file is unusable.
bool read_header(RecordReader& reader, std::vector<std::string>& header, IssueCollector& issues) {
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) {
    issues.error("empty file", issue_at(reader.display(), 0, 0,
                                        "is empty; expected a header line naming the columns, then one row "
                                        "per person or tie"));
    return false;
  }
  if (fields.size() == 1) {
    if (const auto delimiter = wrong_delimiter(fields[0])) {
      issues.error("delimiter",
                   issue_at(reader.display(), reader.line(), 1,
                            "the header is separated by " + std::string(*delimiter) +
                                ", not commas; save the file as comma-separated CSV (in a spreadsheet: "
                                "\"CSV UTF-8 (comma delimited)\") or convert it, e.g. with "
                                "`tr ';' ','` when no cell contains a comma"));
      return false;
    }
  }
  header.assign(fields.begin(), fields.end());
  return true;
}

// Checks the number of fields of a row; false (after reporting) when wrong.
bool check_width(IssueCollector& issues, const RecordReader& reader, std::size_t fields, std::size_t header) {
  if (fields == header) return true;
  issues.error(
      "row width",
      issue_at(reader.display(), reader.line(), 0,
               "has " + std::to_string(fields) + " fields but the header has " + std::to_string(header) +
                   (fields > header ? "; a cell probably holds an unquoted comma: put such cells in "
                                      "double quotes"
                                    : "; a comma is missing, or the row is cut short")));
  return false;
}

// Whether `cell` is a number too large (or small) for a double, e.g. 1e400.
bool is_out_of_range_number(std::string_view cell) {
  std::string_view text = trim(cell);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && error == std::errc::result_out_of_range && end == text.data() + text.size();
}

// Parses a weight cell; reports and returns nullopt when it is not a number >= 0.
std::optional<float> parse_weight(std::string_view cell, IssueCollector& issues, const std::string& file,
                                  std::size_t line, std::size_t column, std::string_view column_name) {
  const auto number = parse_number(cell);
  if (!number && is_out_of_range_number(cell)) {
    issues.error("weight", issue_at(file, line, column,
                                    std::string(column_name) + " \"" + shown(cell) +
                                        "\" is out of range; tie weights are numbers >= 0 and below 3e38"));
    return std::nullopt;
  }
  if (!number) {
    issues.error("weight", issue_at(file, line, column,
                                    std::string(column_name) + " \"" + shown(cell) +
                                        "\" is not a number; write a tie weight such as 1 or 0.5 (a decimal "
                                        "point, not a comma), or leave it empty for 1"));
    return std::nullopt;
  }
  if (*number < 0.0 || *number > 3.0e38) {
    issues.error("weight", issue_at(file, line, column,
                                    std::string(column_name) + " " + shown(cell) +
                                        " is negative or too large; tie weights are numbers >= 0 (how much "
                                        "a colleague's use is seen through the tie)"));
    return std::nullopt;
  }
  return static_cast<float>(*number);
}

// Adds a directed row (source → target) to `ties` by the import rules.
void add_tie_row(RawTies& ties, PersonId source, PersonId target, float weight, TieKind kind) {
  ++ties.counts.rows;
  // A weight-0 row is no tie at all (a matrix's diagonal included).
  if (weight == 0.0f) {
    ++ties.counts.zero_weight_dropped;
    return;
  }
  if (source == target) {
    ++ties.counts.self_ties_dropped;
    return;
  }
  ++ties.kept;
  if (ties.sink != nullptr) {
    ties.sink->add_tie(source, target, weight, kind);
  } else {
    ties.ties.push_back(Tie{source, target, weight, kind});
  }
}

std::optional<PersonId> resolve(const IdIndex& index, std::string_view id) { return index.find(id); }

void unknown_person(IssueCollector& issues, const std::string& file, std::size_t line, std::size_t column,
                    std::string_view column_name, std::string_view id, std::string_view people_file) {
  issues.error("unknown person",
               issue_at(file, line, column,
                        std::string(column_name) + " \"" + shown(id) + "\" names nobody in " +
                            std::string(people_file) +
                            "; add the person to the people file or remove the tie (exports of "
                            "collaboration data often include leavers and external addresses)"));
}

}  // namespace

// --- people CSV

void read_people_csv(const ImportOptions& options, RawPeople& people, IssueCollector& issues) {
  const std::string display = options.file.string();
  people.file = display;
  RecordReader reader(options.file, display, RecordReader::Mode::Csv, issues);
  if (!reader.is_open()) return;
  std::vector<std::string> header;
  if (!read_header(reader, header, issues)) {
    reader.finish();
    return;
  }
  const PeopleColumns& names = options.columns;
  const auto id_column = find_column(header, names.id);
  const auto department_column = find_column(header, names.department);
  const bool wants_manager = !names.manager_id.empty();
  // An empty name (manager_id = "": no hierarchy) matches no column.
  const auto manager_column = find_column(header, names.manager_id);
  const auto optional_column = [&](std::string_view what, const std::string& name) {
    const auto found = find_column(header, name);
    if (!found && names.is_mapped(what))
      report_missing_column(issues, display, what, name, header, "organisation.columns");
    return found;
  };
  // Every missing column is reported at once, the required ones first.
  if (!id_column) report_missing_column(issues, display, "id", names.id, header, "organisation.columns");
  if (!department_column)
    report_missing_column(issues, display, "department", names.department, header, "organisation.columns");
  if (wants_manager && !manager_column)
    report_missing_column(issues, display, "manager_id", names.manager_id, header, "organisation.columns");
  const auto role_column = optional_column("role", names.role);
  const auto team_column = optional_column("team", names.team);
  const auto location_column = optional_column("location", names.location);
  const auto tenure_column = optional_column("tenure", names.tenure);
  const auto title_column = optional_column("title", names.title);
  if (!options.role_rules.empty() && !title_column && !names.is_mapped("title")) {
    report_missing_column(issues, display, "title", names.title, header, "organisation.columns");
  }
  if (issues.has_errors()) {
    reader.finish();
    return;
  }
  CompiledRoleRules rules = compile_role_rules(options.role_rules, display, issues);
  people.id_column = *id_column + 1;
  people.has_hierarchy = manager_column.has_value();
  people.manager_column = manager_column ? *manager_column + 1 : 0;
  people.has_roles = role_column.has_value() || !rules.empty();
  people.has_team = team_column.has_value();
  people.titles_unused = title_column && rules.empty() && !role_column;

  // Every other column that is not personal is a numeric attribute candidate
  // until a cell is not a number.
  struct Candidate {
    std::size_t column;
    std::vector<double> values;
    bool numeric = true;
  };
  std::vector<Candidate> candidates;
  if (tenure_column) candidates.push_back({*tenure_column, {}, true});
  for (std::size_t column = 0; column < header.size(); ++column) {
    const bool named = column == *id_column || column == *department_column || column == manager_column ||
                       column == role_column || column == team_column || column == location_column ||
                       column == tenure_column || column == title_column;
    if (named || is_personal_column(header[column]) || trim(header[column]).empty()) continue;
    candidates.push_back({column, {}, true});
  }

  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string_view> fields;
  while (reader.next(fields)) {
    if (!check_width(issues, reader, fields.size(), header.size())) continue;
    const std::size_t line = reader.line();
    const std::string_view id = fields[*id_column];
    if (id.empty()) {
      issues.error("empty id", issue_at(display, line, *id_column + 1,
                                        "the " + names.id + " cell is empty; every person needs an id"));
      continue;
    }
    const std::string_view department = fields[*department_column];
    if (department.empty()) {
      issues.error("empty department",
                   issue_at(display, line, *department_column + 1,
                            "the " + names.department + " cell of \"" + shown(id) +
                                "\" is empty; every person needs a department (use e.g. \"Unassigned\" if "
                                "the HR system has none)"));
    }
    std::optional<Role> role;
    if (role_column && !fields[*role_column].empty()) {
      role = parse_role_cell(fields[*role_column]);
      if (!role) {
        issues.error("role",
                     issue_at(display, line, *role_column + 1,
                              names.role + " \"" + shown(fields[*role_column]) +
                                  "\" is not a role; use individual_contributor, manager or executive "
                                  "(or leave it empty to derive it from the reporting lines)"));
      }
    }
    if (!role && title_column && !rules.empty()) {
      const std::string_view title = fields[*title_column];
      if (title.size() > kMaxTitleBytes) {
        issues.error("title", issue_at(display, line, *title_column + 1,
                                       names.title + " is " + std::to_string(title.size()) +
                                           " bytes long; a job title is at most " +
                                           std::to_string(kMaxTitleBytes) + " (is this the right column?)"));
      } else if (!title.empty()) {
        role = rules.match(title);
      }
    }
    for (Candidate& candidate : candidates) {
      if (!candidate.numeric) continue;
      const std::string_view cell = fields[candidate.column];
      if (cell.empty()) {
        candidate.values.push_back(kNaN);
        continue;
      }
      const auto number = parse_number(cell);
      if (number) {
        candidate.values.push_back(*number);
      } else if (tenure_column && candidate.column == *tenure_column) {
        issues.error("tenure", issue_at(display, line, candidate.column + 1,
                                        names.tenure + " \"" + shown(cell) +
                                            "\" is not a number; write tenure in years, e.g. 3.5"));
        candidate.values.push_back(kNaN);
      } else {
        candidate.numeric = false;
        candidate.values.clear();
        candidate.values.shrink_to_fit();
      }
    }
    people.ids.emplace_back(id);
    people.lines.push_back(line);
    people.manager_ids.emplace_back(manager_column ? fields[*manager_column] : std::string_view{});
    people.department.push_back(people.intern_department(std::string(department)));
    people.roles.push_back(role);
    people.team.push_back(
        team_column ? RawPeople::intern(fields[*team_column], people.team_names, people.team_index) : -1);
    people.location.push_back(
        location_column
            ? RawPeople::intern(fields[*location_column], people.location_names, people.location_index)
            : -1);
  }
  reader.finish();
  people.roles_from_titles = rules.counts;
  people.titles_unmatched = rules.unmatched;
  for (Candidate& candidate : candidates) {
    if (!candidate.numeric) continue;
    const bool is_tenure = tenure_column && candidate.column == *tenure_column;
    people.attribute_names.push_back(is_tenure ? "tenure" : std::string(trim(header[candidate.column])));
    people.attributes.push_back(std::move(candidate.values));
  }
  if (people.ids.empty() && !issues.has_errors()) {
    issues.error("no people", issue_at(display, 0, 0, "has a header but no people; check the export"));
  }
}

// --- ties CSV

void read_ties_csv(const std::filesystem::path& path, const TieColumns& columns, const IdIndex& index,
                   RawTies& ties, IssueCollector& issues) {
  ties.present = true;
  const std::string display = path.string();
  RecordReader reader(path, display, RecordReader::Mode::Csv, issues);
  if (!reader.is_open()) return;
  std::vector<std::string> header;
  if (!read_header(reader, header, issues)) {
    reader.finish();
    return;
  }
  const auto source_column = find_column(header, columns.source);
  const auto target_column = find_column(header, columns.target);
  const auto weight_column = find_column(header, columns.weight);
  const auto kind_column = find_column(header, columns.kind);
  const char* key = "organisation.tie_columns";
  if (!source_column) report_missing_column(issues, display, "source", columns.source, header, key);
  if (!target_column) report_missing_column(issues, display, "target", columns.target, header, key);
  if (!weight_column && columns.is_mapped("weight"))
    report_missing_column(issues, display, "weight", columns.weight, header, key);
  if (!kind_column && columns.is_mapped("kind"))
    report_missing_column(issues, display, "kind", columns.kind, header, key);
  if (!source_column || !target_column || (!weight_column && columns.is_mapped("weight")) ||
      (!kind_column && columns.is_mapped("kind"))) {
    reader.finish();
    return;
  }
  const std::string people_file = "the people file";
  std::vector<std::string_view> fields;
  while (reader.next(fields)) {
    if (!check_width(issues, reader, fields.size(), header.size())) continue;
    const std::size_t line = reader.line();
    const auto source = resolve(index, fields[*source_column]);
    const auto target = resolve(index, fields[*target_column]);
    if (!source) {
      unknown_person(issues, display, line, *source_column + 1, columns.source, fields[*source_column],
                     people_file);
    }
    if (!target) {
      unknown_person(issues, display, line, *target_column + 1, columns.target, fields[*target_column],
                     people_file);
    }
    float weight = 1.0f;
    if (weight_column && !fields[*weight_column].empty()) {
      const auto parsed =
          parse_weight(fields[*weight_column], issues, display, line, *weight_column + 1, columns.weight);
      if (!parsed) continue;
      weight = *parsed;
    }
    TieKind kind = TieKind::Collaboration;
    if (kind_column && !fields[*kind_column].empty()) {
      const auto parsed = parse_tie_kind(lower(fields[*kind_column]));
      if (!parsed) {
        issues.error("kind", issue_at(display, line, *kind_column + 1,
                                      columns.kind + " \"" + shown(fields[*kind_column]) +
                                          "\" is not a tie kind; use collaboration (e-mail, chat, meetings), "
                                          "reporting_line, teammate, department or cross_department, or "
                                          "leave it empty for collaboration"));
        continue;
      }
      kind = *parsed;
    }
    if (source && target) add_tie_row(ties, *source, *target, weight, kind);
  }
  reader.finish();
}

// --- SNAP

void read_snap_people(const std::filesystem::path& path, RawPeople& people, IssueCollector& issues) {
  const std::string display = path.string();
  people.file = display;
  people.id_column = 1;
  RecordReader reader(path, display, RecordReader::Mode::Whitespace, issues);
  std::vector<std::string_view> fields;
  while (reader.next(fields)) {
    if (fields.size() != 2) {
      issues.error("row width", issue_at(display, reader.line(), 0,
                                         "has " + std::to_string(fields.size()) +
                                             " fields; a SNAP label file has two per line: node department"));
      continue;
    }
    people.ids.emplace_back(fields[0]);
    people.lines.push_back(reader.line());
    people.manager_ids.emplace_back();
    people.department.push_back(people.intern_department(std::string(fields[1])));
    people.roles.emplace_back();
    people.team.push_back(-1);
    people.location.push_back(-1);
  }
  reader.finish();
}

void read_snap_ties(const std::filesystem::path& path, const IdIndex& index, RawTies& ties,
                    IssueCollector& issues) {
  ties.present = true;
  const std::string display = path.string();
  RecordReader reader(path, display, RecordReader::Mode::Whitespace, issues);
  std::vector<std::string_view> fields;
  while (reader.next(fields)) {
    if (fields.size() != 2 && fields.size() != 3) {
      issues.error("row width", issue_at(display, reader.line(), 0,
                                         "has " + std::to_string(fields.size()) +
                                             " fields; a SNAP edge list has `source target` (and optionally "
                                             "a weight) per line"));
      continue;
    }
    const auto source = resolve(index, fields[0]);
    const auto target = resolve(index, fields[1]);
    if (!source) unknown_person(issues, display, reader.line(), 1, "source", fields[0], "the label file");
    if (!target) unknown_person(issues, display, reader.line(), 2, "target", fields[1], "the label file");
    float weight = 1.0f;
    if (fields.size() == 3) {
      const auto parsed = parse_weight(fields[2], issues, display, reader.line(), 3, "weight");
      if (!parsed) continue;
      weight = *parsed;
    }
    if (source && target) add_tie_row(ties, *source, *target, weight, TieKind::Collaboration);
  }
  reader.finish();
}

// --- Krackhardt

namespace {

// Reads an ego,alter,edge file; calls add(ego_row, alter_row, line) for each edge 1.
template <typename Add>
void read_krackhardt_matrix(const std::filesystem::path& path, const IdIndex& index, IssueCollector& issues,
                            Add add) {
  const std::string display = path.string();
  RecordReader reader(path, display, RecordReader::Mode::Csv, issues);
  if (!reader.is_open()) return;
  std::vector<std::string> header;
  if (!read_header(reader, header, issues)) return;
  const auto ego = find_column(header, "ego");
  const auto alter = find_column(header, "alter");
  const auto edge = find_column(header, "edge");
  if (!ego || !alter || !edge) {
    issues.error("missing column", issue_at(display, 1, 0,
                                            "needs the columns ego, alter and edge (the header has " +
                                                header_list(header) + ")"));
    return;
  }
  std::vector<std::string_view> fields;
  while (reader.next(fields)) {
    if (!check_width(issues, reader, fields.size(), header.size())) continue;
    const auto value = parse_number(fields[*edge]);
    if (!value || (*value != 0.0 && *value != 1.0)) {
      issues.error("weight", issue_at(display, reader.line(), *edge + 1,
                                      "edge \"" + shown(fields[*edge]) + "\" is not 0 or 1"));
      continue;
    }
    const auto from = resolve(index, fields[*ego]);
    const auto to = resolve(index, fields[*alter]);
    if (!from)
      unknown_person(issues, display, reader.line(), *ego + 1, "ego", fields[*ego], "attributes.csv");
    if (!to)
      unknown_person(issues, display, reader.line(), *alter + 1, "alter", fields[*alter], "attributes.csv");
    if (from && to) add(*from, *to, *value, reader.line(), *alter + 1);
  }
  reader.finish();
}

}  // namespace

void read_krackhardt_people(const std::filesystem::path& attributes, RawPeople& people,
                            IssueCollector& issues) {
  const std::string display = attributes.string();
  people.file = display;
  RecordReader reader(attributes, display, RecordReader::Mode::Csv, issues);
  if (!reader.is_open()) return;
  std::vector<std::string> header;
  if (!read_header(reader, header, issues)) return;
  const auto id = find_column(header, "ID");
  const auto level = find_column(header, "LEVEL");
  const auto department = find_column(header, "DEPT");
  if (!id || !level || !department) {
    issues.error("missing column", issue_at(display, 1, 0,
                                            "needs the columns ID, LEVEL and DEPT of Krackhardt's attribute "
                                            "file (the header has " +
                                                header_list(header) + ")"));
    return;
  }
  people.id_column = *id + 1;
  people.has_hierarchy = true;
  people.has_roles = true;
  std::vector<std::size_t> numeric;
  for (std::size_t column = 0; column < header.size(); ++column) {
    if (column != *id && column != *level && column != *department) numeric.push_back(column);
  }
  for (std::size_t column : numeric) {
    std::string name = lower(trim(header[column]));
    people.attribute_names.push_back(name);
  }
  people.attributes.resize(numeric.size());
  std::vector<std::string_view> fields;
  while (reader.next(fields)) {
    if (!check_width(issues, reader, fields.size(), header.size())) continue;
    // LEVEL 1 is the CEO and 2 a vice-president (both executives); 3 a manager.
    const auto level_value = parse_number(fields[*level]);
    std::optional<Role> role;
    if (level_value == 1.0 || level_value == 2.0) role = Role::Executive;
    if (level_value == 3.0) role = Role::Manager;
    if (!role) {
      issues.error("role", issue_at(display, reader.line(), *level + 1,
                                    "LEVEL \"" + shown(fields[*level]) +
                                        "\" is not 1 (CEO), 2 (vice-president) or 3 (manager)"));
    }
    people.ids.emplace_back(fields[*id]);
    people.lines.push_back(reader.line());
    people.manager_ids.emplace_back();
    people.department.push_back(people.intern_department(std::string(fields[*department])));
    people.roles.push_back(role);
    people.team.push_back(-1);
    people.location.push_back(-1);
    for (std::size_t k = 0; k < numeric.size(); ++k) {
      people.attributes[k].push_back(parse_number(fields[numeric[k]]).value_or(std::nan("")));
    }
  }
  reader.finish();
}

void read_krackhardt_ties(const std::filesystem::path& attributes, const IdIndex& index, RawTies& ties,
                          IssueCollector& issues) {
  ties.present = true;
  const std::filesystem::path folder = attributes.parent_path();
  for (const char* name : {"advice.csv", "friendship.csv"}) {
    read_krackhardt_matrix(folder / name, index, issues,
                           [&](PersonId ego, PersonId alter, double edge, std::size_t, std::size_t) {
                             add_tie_row(ties, ego, alter, static_cast<float>(edge), TieKind::Collaboration);
                           });
  }
}

// The reporting lines of Krackhardt's data: reports_to.csv beside attributes.csv.
void read_krackhardt_managers(const std::filesystem::path& attributes, const IdIndex& index,
                              RawPeople& people, IssueCollector& issues) {
  const std::filesystem::path path = attributes.parent_path() / "reports_to.csv";
  const std::string display = path.string();
  people.manager_column = 2;
  read_krackhardt_matrix(
      path, index, issues,
      [&](PersonId ego, PersonId alter, double edge, std::size_t line, std::size_t column) {
        if (edge == 0.0 || ego == alter) return;
        std::string& manager = people.manager_ids[ego];
        if (!manager.empty() && manager != people.ids[alter]) {
          issues.error("two managers",
                       issue_at(display, line, column,
                                "manager " + people.ids[ego] + " reports to both " + manager + " and " +
                                    people.ids[alter] + "; a person has one manager"));
          return;
        }
        manager = people.ids[alter];
      });
}

}  // namespace adoptsim::org::detail
