// import_organisation: reads people and ties in the chosen format, checks the
// hierarchy (duplicates, unknown managers, cycles, several roots), derives
// roles and ties by the stated rules and builds the OrgGraph.
#include "adoptsim/org/import.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "adoptsim/engine/random.hpp"
#include "import_internal.hpp"
#include "shared_ties.hpp"

namespace adoptsim::org {
namespace {

using detail::issue_at;
using detail::IssueCollector;
using detail::RawPeople;
using detail::RawTies;

constexpr std::array<std::string_view, 4> kFormatNames = {"csv", "graphml", "snap", "krackhardt"};
constexpr std::array<std::string_view, 3> kDerivedNames = {"when_no_ties_file", "always", "never"};

// Purposes of the importer's random streams ("OR" prefix, as the generator's, then 0x01xx).
constexpr std::uint32_t kImportOrderPurpose = 0x4f520101u;
constexpr std::uint32_t kImportRewiringPurpose = 0x4f520102u;

std::string in_quotes(std::string_view id) {
  if (id.size() > 40) return "\"" + std::string(id.substr(0, 37)) + "...\"";
  return "\"" + std::string(id) + "\"";
}

detail::IdIndex index_people(const RawPeople& people, IssueCollector& issues) {
  detail::IdIndex index(people.ids);
  for (std::size_t row = 0; row < people.ids.size(); ++row) {
    const auto first = index.insert(static_cast<PersonId>(row));
    if (!first) continue;
    issues.error("duplicate id",
                 issue_at(people.file, people.lines[row], people.id_column_of(row),
                          "id " + in_quotes(people.ids[row]) + " appears again (first on line " +
                              std::to_string(people.lines[*first]) +
                              "); each person must appear once: remove the duplicate row or correct the id"));
  }
  return index;
}

// Resolves manager ids to rows (kNoPerson for none); reports unknown ids
// (or, with UnknownManager::Root, counts them in `unknown`), self-management
// and cycles.
std::vector<PersonId> resolve_managers(const RawPeople& people, const detail::IdIndex& index,
                                       UnknownManager unknown_manager, std::size_t& unknown,
                                       IssueCollector& issues) {
  const std::size_t count = people.ids.size();
  std::vector<PersonId> manager(count, kNoPerson);
  std::size_t first_unknown_line = 0;
  for (std::size_t row = 0; row < count; ++row) {
    const std::string& id = people.manager_ids[row];
    if (id.empty()) continue;
    const auto found = index.find(id);
    if (!found) {
      if (unknown_manager == UnknownManager::Root) {
        if (unknown++ == 0) first_unknown_line = people.lines[row];
        continue;
      }
      issues.error(
          "unknown manager",
          issue_at(people.file, people.lines[row], people.manager_column_of(row),
                   "manager_id " + in_quotes(id) +
                       " names nobody in the file (a leaver, or someone outside the export?); add "
                       "the manager, correct the id, leave manager_id empty for people at the top, "
                       "or set unknown_manager = \"root\" under [organisation] to put such people at "
                       "the top of their own reporting tree"));
      continue;
    }
    if (*found == row) {
      issues.error("cycle", issue_at(people.file, people.lines[row], people.manager_column_of(row),
                                     "manager_id " + in_quotes(id) +
                                         " is the person themself; leave manager_id empty for people at the "
                                         "top"));
      continue;
    }
    manager[row] = *found;
  }
  // Cycles: walk up from each person, marking the walk; meeting the current
  // walk again closes a cycle, which is reported once from its first member.
  std::vector<std::uint32_t> walk_of(count, 0);
  for (std::size_t start = 0; start < count; ++start) {
    if (walk_of[start] != 0) continue;
    const auto walk = static_cast<std::uint32_t>(start + 1);
    PersonId person = static_cast<PersonId>(start);
    while (person != kNoPerson && walk_of[person] == 0) {
      walk_of[person] = walk;
      person = manager[person];
    }
    if (person == kNoPerson || walk_of[person] != walk) continue;
    std::string loop = in_quotes(people.ids[person]);
    PersonId first = person;
    std::size_t length = 1;
    for (PersonId member = manager[person]; member != person && length < 8;
         member = manager[member], ++length) {
      loop += " -> " + in_quotes(people.ids[member]);
      if (people.lines[member] < people.lines[first]) first = member;
    }
    loop += length < 8 ? " -> " + in_quotes(people.ids[person]) : " -> ...";
    issues.error("cycle", issue_at(people.file, people.lines[first], people.manager_column_of(first),
                                   "the reporting line loops: " + loop +
                                       "; someone in the loop must report to a person outside it, or have an "
                                       "empty manager_id"));
    // Break the loop so the rest of the checks see a forest.
    manager[person] = kNoPerson;
  }
  if (unknown > 0) {
    issues.warning(issue_at(
        people.file, first_unknown_line, people.manager_column,
        std::to_string(unknown) +
            (unknown == 1 ? " person's manager_id names" : " people's manager_id names") +
            " nobody in the file (first on this line); with unknown_manager = \"root\" each is at the top of "
            "their own reporting tree"));
  }
  return manager;
}

// Applies the department aliases (variant -> canonical name): every person
// of a variant moves to the canonical department. Reports an alias whose
// canonical name is itself a variant (a chain) as an error.
void apply_department_aliases(RawPeople& people,
                              const std::vector<std::pair<std::string, std::string>>& aliases,
                              IssueCollector& issues) {
  if (aliases.empty()) return;
  std::unordered_map<std::string, std::string> canonical;
  for (const auto& [variant, name] : aliases) canonical.emplace(variant, name);
  for (const auto& [variant, name] : aliases) {
    if (canonical.count(name) > 0 && canonical[name] != name) {
      issues.error("department alias",
                   issue_at(people.file, 0, 0,
                            "organisation.department_aliases maps \"" + variant + "\" to \"" + name +
                                "\", which is itself mapped to \"" + canonical[name] +
                                "\"; map every variant straight to the canonical name"));
    }
  }
  RawPeople renamed;
  std::vector<std::uint32_t> new_index(people.department_names.size());
  for (std::size_t index = 0; index < people.department_names.size(); ++index) {
    const std::string& name = people.department_names[index];
    const auto found = canonical.find(name);
    new_index[index] = renamed.intern_department(found == canonical.end() ? name : found->second);
  }
  for (std::uint32_t& department : people.department) department = new_index[department];
  people.department_names = std::move(renamed.department_names);
  people.department_index = std::move(renamed.department_index);
}

// Warns about department names that look like spellings of one department:
// equal ignoring case, spaces and punctuation; or one abbreviating the other
// ("Eng" / "Engineering") or being its initials ("HR" / "Human Resources").
// A name that is the other's first words ("Sales" / "Sales Ops") is a
// sub-unit, not a spelling.
void warn_near_duplicate_departments(const RawPeople& people, IssueCollector& issues) {
  const std::vector<std::string>& names = people.department_names;
  if (names.size() > 2000) return;  // research data sets: numbered departments, thousands of pairs
  std::vector<std::size_t> sizes(names.size(), 0);
  for (const std::uint32_t department : people.department) ++sizes[department];
  // Groups of names equal once normalised; each group's largest name represents it.
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t index = 0; index < names.size(); ++index) {
    const std::string key = detail::normalised_name(names[index]);
    if (!key.empty()) groups[key].push_back(index);
  }
  const auto quoted = [&](std::size_t index) {
    return "\"" + names[index] + "\" (" + std::to_string(sizes[index]) +
           (sizes[index] == 1 ? " person)" : " people)");
  };
  const auto largest = [&](const std::vector<std::size_t>& members) {
    return *std::max_element(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      return sizes[a] < sizes[b] || (sizes[a] == sizes[b] && names[a] > names[b]);
    });
  };
  std::size_t reported = 0;
  const auto warn = [&](std::string message) {
    if (++reported <= 20) issues.warning(issue_at(people.file, 0, 0, std::move(message)));
  };
  for (auto& [key, members] : groups) {
    if (members.size() < 2) continue;
    std::sort(members.begin(), members.end(),
              [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
    const std::size_t keep = largest(members);
    std::string listed;
    std::string aliases;
    for (const std::size_t member : members) {
      listed += (listed.empty() ? "" : ", ") + quoted(member);
      if (member != keep)
        aliases += (aliases.empty() ? "" : ", ") + ("\"" + names[member] + "\" = \"" + names[keep] + "\"");
    }
    warn("departments " + listed +
         " differ only in case, spacing or punctuation; if they are one department, merge them "
         "under [organisation.department_aliases] with " +
         aliases);
  }
  // Words and initials (without "and", "of", "the") of each group's representative.
  struct Group {
    std::string key;
    std::size_t representative;
    std::vector<std::string> words;
    std::string initials;
  };
  std::vector<Group> list;
  for (const auto& [key, members] : groups) {
    Group group{key, largest(members), {}, {}};
    std::string word;
    const std::string& name = names[group.representative];
    for (std::size_t at = 0; at <= name.size(); ++at) {
      const auto byte = at < name.size() ? static_cast<unsigned char>(name[at]) : 0;
      if (at < name.size() && (std::isalnum(byte) != 0 || byte >= 0x80)) {
        word += static_cast<char>(std::tolower(byte));
      } else if (!word.empty()) {
        if (word != "and" && word != "of" && word != "the") group.initials += word.front();
        group.words.push_back(std::move(word));
        word.clear();
      }
    }
    list.push_back(std::move(group));
  }
  const auto is_leading_words = [](const std::string& key, const Group& other) {
    std::string prefix;
    for (const std::string& word : other.words) {
      prefix += word;
      if (prefix == key) return true;
      if (prefix.size() >= key.size()) return false;
    }
    return false;
  };
  for (std::size_t a = 0; a < list.size(); ++a) {
    for (std::size_t b = 0; b < list.size(); ++b) {
      if (a == b) continue;
      const Group& short_group = list[a];
      const Group& long_group = list[b];
      const std::string& short_key = short_group.key;
      if (short_key.size() >= long_group.key.size()) continue;
      if (short_key.find_first_not_of("0123456789") == std::string::npos) continue;  // numbered departments
      std::string why;
      if (long_group.words.size() >= 2 && long_group.initials.size() >= 2 &&
          short_key == long_group.initials) {
        why = "looks like the initials of";
      } else if (detail::abbreviates(short_key, long_group.key) && !is_leading_words(short_key, long_group)) {
        why = "looks like an abbreviation of";
      } else {
        continue;
      }
      warn("department " + quoted(short_group.representative) + " " + why + " " +
           quoted(long_group.representative) +
           "; if they are one department, merge them under [organisation.department_aliases] with "
           "\"" +
           names[short_group.representative] + "\" = \"" + names[long_group.representative] + "\"");
    }
  }
  if (reported > 20) {
    issues.warning(
        issue_at(people.file, 0, 0,
                 "and " + std::to_string(reported - 20) + " more similar department names not shown"));
  }
}

// Departments in name order (numbers by value, so "2" before "10"), so the
// order does not depend on the order of rows.
void sort_departments(RawPeople& people) {
  const auto as_number = [](const std::string& name) -> std::optional<long long> {
    long long value = 0;
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), value);
    if (error != std::errc() || end != name.data() + name.size()) return std::nullopt;
    return value;
  };
  std::vector<std::uint32_t> order(people.department_names.size());
  for (std::uint32_t index = 0; index < order.size(); ++index) order[index] = index;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto na = as_number(people.department_names[a]);
    const auto nb = as_number(people.department_names[b]);
    if (na && nb) return *na < *nb;
    if (na.has_value() != nb.has_value()) return na.has_value();
    return people.department_names[a] < people.department_names[b];
  });
  std::vector<std::uint32_t> new_index(order.size());
  std::vector<std::string> names(order.size());
  for (std::uint32_t rank = 0; rank < order.size(); ++rank) {
    new_index[order[rank]] = rank;
    names[rank] = std::move(people.department_names[order[rank]]);
  }
  people.department_names = std::move(names);
  for (std::uint32_t& department : people.department) department = new_index[department];
}

}  // namespace

std::string_view to_string(ImportFormat format) { return kFormatNames[static_cast<std::size_t>(format)]; }

std::optional<ImportFormat> parse_import_format(std::string_view text) {
  for (std::size_t index = 0; index < kFormatNames.size(); ++index) {
    if (kFormatNames[index] == text) return static_cast<ImportFormat>(index);
  }
  return std::nullopt;
}

bool PeopleColumns::is_mapped(std::string_view column) const {
  return std::find(mapped.begin(), mapped.end(), column) != mapped.end();
}
bool TieColumns::is_mapped(std::string_view column) const {
  return std::find(mapped.begin(), mapped.end(), column) != mapped.end();
}

std::string_view to_string(UnknownManager unknown) {
  return unknown == UnknownManager::Root ? "root" : "error";
}
std::optional<UnknownManager> parse_unknown_manager(std::string_view text) {
  if (text == "error") return UnknownManager::Error;
  if (text == "root") return UnknownManager::Root;
  return std::nullopt;
}

std::string_view to_string(DerivedTies derived) { return kDerivedNames[static_cast<std::size_t>(derived)]; }

std::optional<DerivedTies> parse_derived_ties(std::string_view text) {
  for (std::size_t index = 0; index < kDerivedNames.size(); ++index) {
    if (kDerivedNames[index] == text) return static_cast<DerivedTies>(index);
  }
  return std::nullopt;
}

std::string ImportIssue::text() const {
  std::string result = file;
  if (line > 0) {
    result.append(":").append(std::to_string(line));
    if (column > 0) result.append(":").append(std::to_string(column));
  }
  result += warning ? ": warning: " : ": ";
  result += message;
  return result;
}

namespace {
std::string join_issues(const std::vector<ImportIssue>& issues) {
  std::string text;
  for (const ImportIssue& issue : issues) text += (text.empty() ? "" : "\n") + issue.text();
  return text;
}
}  // namespace

ImportError::ImportError(std::vector<ImportIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

ImportedOrganisation import_organisation(const ImportOptions& options) {
  IssueCollector issues;
  RawPeople people;
  RawTies ties;
  const bool krackhardt = options.format == ImportFormat::Krackhardt;
  switch (options.format) {
    case ImportFormat::Csv:
      detail::read_people_csv(options, people, issues);
      break;
    case ImportFormat::Snap:
      detail::read_snap_people(options.file, people, issues);
      break;
    case ImportFormat::Krackhardt:
      detail::read_krackhardt_people(options.file, people, issues);
      break;
    case ImportFormat::GraphMl:
      detail::read_graphml(options, people, ties, issues);
      break;
  }
  const detail::IdIndex index = index_people(people, issues);
  if (krackhardt) detail::read_krackhardt_managers(options.file, index, people, issues);
  std::size_t unknown_managers = 0;
  const std::vector<PersonId> manager =
      resolve_managers(people, index, options.unknown_manager, unknown_managers, issues);
  apply_department_aliases(people, options.department_aliases, issues);
  warn_near_duplicate_departments(people, issues);
  const std::size_t titled =
      people.roles_from_titles[0] + people.roles_from_titles[1] + people.roles_from_titles[2];
  if (people.titles_unused && people.has_hierarchy) {
    issues.warning(issue_at(
        people.file, 1, 0,
        "the file has a job title column (\"" + options.columns.title +
            "\") but no role column, and no organisation.role_rules read it: every role comes from the "
            "reporting lines (executive: reports and no manager), so a VP who reports to the CEO is a "
            "manager. "
            "Add [[organisation.role_rules]] to give roles from titles"));
  }
  if (!options.role_rules.empty()) {
    std::string counts;
    for (int role = kRoleCount - 1; role >= 0; --role) {
      counts += std::to_string(people.roles_from_titles[static_cast<std::size_t>(role)]) + " " +
                std::string(to_string(static_cast<Role>(role))) + (role > 0 ? ", " : "");
    }
    issues.warning(issue_at(people.file, 0, 0,
                            "organisation.role_rules gave " + std::to_string(titled) +
                                " people their role (" + counts + "); " +
                                std::to_string(people.titles_unmatched) + " job titles matched no rule and " +
                                "took their role from the reporting lines; check these counts against the "
                                "client's org chart"));
  }

  const std::size_t count = people.ids.size();
  if (people.department_names.size() > 0xffff) {
    issues.error("departments", issue_at(people.file, 0, 0,
                                         "has " + std::to_string(people.department_names.size()) +
                                             " departments but at most 65535 are supported; group small "
                                             "units into their departments"));
  }
  if (count >= kNoPerson) {
    issues.error("size", issue_at(people.file, 0, 0, "has more people than the 4294967294 supported"));
  }
  if (people.department_names.size() > 0xffff || count >= kNoPerson) throw ImportError(issues.take_errors());

  // People first, so that ties can stream from their file into the builder.
  sort_departments(people);
  ImportedOrganisation result;
  std::vector<std::uint32_t> reports(count, 0);
  for (std::size_t row = 0; row < count; ++row) {
    if (manager[row] != kNoPerson) ++reports[manager[row]];
  }
  OrgGraphBuilder builder(people.department_names.empty() ? std::vector<std::string>{"all"}
                                                          : people.department_names);
  const bool reads_ties_file =
      options.ties_file && (options.format == ImportFormat::Csv || options.format == ImportFormat::Snap);
  std::size_t expected_ties = ties.ties.size();
  if (reads_ties_file) {
    std::error_code error;
    const auto bytes = std::filesystem::file_size(*options.ties_file, error);
    if (!error) expected_ties += static_cast<std::size_t>(bytes / 20);  // rows are rarely shorter
  }
  builder.reserve(count, expected_ties);
  for (std::size_t row = 0; row < count; ++row) {
    Role role = Role::IndividualContributor;
    if (people.roles[row]) {
      role = *people.roles[row];
    } else if (reports[row] > 0) {
      role = manager[row] == kNoPerson ? Role::Executive : Role::Manager;
    }
    builder.add_person(role, static_cast<DepartmentId>(people.department[row]), manager[row]);
  }
  for (const Tie& tie : ties.ties) builder.add_tie(tie.first, tie.second, tie.weight, tie.kind);
  ties.ties.clear();
  ties.ties.shrink_to_fit();
  ties.sink = &builder;
  if (reads_ties_file) {
    if (options.format == ImportFormat::Csv) {
      detail::read_ties_csv(*options.ties_file, options.tie_columns, index, ties, issues);
    } else {
      detail::read_snap_ties(*options.ties_file, index, ties, issues);
    }
  }
  if (krackhardt) detail::read_krackhardt_ties(options.file, index, ties, issues);
  if (issues.has_errors()) throw ImportError(issues.take_errors());

  if (people.has_hierarchy) {
    for (std::size_t row = 0; row < count; ++row) result.reporting_roots += manager[row] == kNoPerson ? 1 : 0;
    if (result.reporting_roots > 1) {
      std::size_t alone = 0;
      for (std::size_t row = 0; row < count; ++row) {
        alone += manager[row] == kNoPerson && reports[row] == 0 ? 1 : 0;
      }
      ImportIssue warning = issue_at(
          people.file, 0, 0,
          std::to_string(result.reporting_roots) + " people have no manager, so the organisation has " +
              std::to_string(result.reporting_roots) + " reporting trees (" + std::to_string(alone) +
              " of them without reports either). This is allowed (e.g. a partial export, contractors); "
              "fill in manager_id if it is not intended.");
      issues.warning(std::move(warning));
    }
  }

  const TieWeights& weights = options.tie_weights;
  const bool derive = options.derived_ties == DerivedTies::Always ||
                      (options.derived_ties == DerivedTies::WhenNoTiesFile && !ties.present);
  std::size_t added = ties.kept;
  TieCounts counts = ties.counts;
  // Krackhardt's reporting lines are data, not derived: always tied.
  if (derive || krackhardt) {
    for (std::size_t row = 0; row < count; ++row) {
      if (manager[row] == kNoPerson) continue;
      builder.add_tie(static_cast<PersonId>(row), manager[row], weights.reporting_line,
                      TieKind::ReportingLine);
      ++counts.derived_reporting;
    }
  }
  if (derive) {
    // Teams: the team column when there is one, else the direct reports of one manager.
    std::vector<std::vector<PersonId>> groups;
    if (people.has_team) {
      groups.resize(people.team_names.size());
      for (std::size_t row = 0; row < count; ++row) {
        if (people.team[row] >= 0)
          groups[static_cast<std::size_t>(people.team[row])].push_back(static_cast<PersonId>(row));
      }
    } else if (people.has_hierarchy) {
      std::vector<std::uint32_t> group_of(count, 0);
      for (std::size_t row = 0; row < count; ++row) {
        const PersonId boss = manager[row];
        if (boss == kNoPerson) continue;
        if (group_of[boss] == 0) {
          groups.emplace_back();
          group_of[boss] = static_cast<std::uint32_t>(groups.size());
        }
        groups[group_of[boss] - 1].push_back(static_cast<PersonId>(row));
      }
    }
    for (const auto& group : groups) {
      counts.derived_teammate += detail::add_team_ties(
          builder, static_cast<std::uint32_t>(group.size()), [&](std::uint32_t i) { return group[i]; },
          weights.teammate);
    }
  }
  added += counts.derived_reporting + counts.derived_teammate;
  if (options.department_ties_per_person > 0) {
    engine::RandomStream order(engine::StreamKey{options.seed, 0, engine::kGlobalAgent, kImportOrderPurpose});
    engine::RandomStream rewiring(
        engine::StreamKey{options.seed, 0, engine::kGlobalAgent, kImportRewiringPurpose});
    std::vector<std::vector<PersonId>> members(people.department_names.size());
    for (std::size_t row = 0; row < count; ++row)
      members[people.department[row]].push_back(static_cast<PersonId>(row));
    for (const auto& department : members) {
      counts.added_department += detail::add_department_small_world(
          builder, department, options.department_ties_per_person, options.department_rewiring_probability,
          weights.department, order, rewiring);
    }
    added += counts.added_department;
  }
  if (counts.self_ties_dropped > 0) {
    issues.warning(issue_at(
        options.ties_file ? options.ties_file->string() : people.file, 0, 0,
        std::to_string(counts.self_ties_dropped) + " self-ties (a person tied to themself) were dropped"));
  }

  result.graph = builder.build();
  counts.merged = added - result.graph.tie_count();
  result.ties = counts;
  result.external_ids = std::move(people.ids);
  result.team_names = std::move(people.team_names);
  result.team = std::move(people.team);
  result.location_names = std::move(people.location_names);
  result.location = std::move(people.location);
  result.attribute_names = std::move(people.attribute_names);
  result.attributes = std::move(people.attributes);
  result.unknown_managers = unknown_managers;
  result.roles_from_titles = people.roles_from_titles;
  result.titles_unmatched = people.titles_unmatched;
  result.warnings = issues.take_warnings();
  return result;
}

}  // namespace adoptsim::org
