// import_organisation: reads people and ties in the chosen format, checks the
// hierarchy (duplicates, unknown managers, cycles, several roots), derives
// roles and ties by the stated rules and builds the OrgGraph.
#include "adoptsim/org/import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

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
                 issue_at(people.file, people.lines[row], people.id_column,
                          "id " + in_quotes(people.ids[row]) + " appears again (first on line " +
                              std::to_string(people.lines[*first]) +
                              "); each person must appear once: remove the duplicate row or correct the id"));
  }
  return index;
}

// Resolves manager ids to rows (kNoPerson for none); reports unknown ids,
// self-management and cycles. Returns the number of roots.
std::vector<PersonId> resolve_managers(const RawPeople& people, const detail::IdIndex& index,
                                       IssueCollector& issues) {
  const std::size_t count = people.ids.size();
  std::vector<PersonId> manager(count, kNoPerson);
  for (std::size_t row = 0; row < count; ++row) {
    const std::string& id = people.manager_ids[row];
    if (id.empty()) continue;
    const auto found = index.find(id);
    if (!found) {
      issues.error("unknown manager",
                   issue_at(people.file, people.lines[row], people.manager_column,
                            "manager_id " + in_quotes(id) +
                                " names nobody in the file; check the export or leave manager_id empty for "
                                "people at the top"));
      continue;
    }
    if (*found == row) {
      issues.error("cycle", issue_at(people.file, people.lines[row], people.manager_column,
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
    issues.error("cycle", issue_at(people.file, people.lines[first], people.manager_column,
                                   "the reporting line loops: " + loop +
                                       "; someone in the loop must report to a person outside it, or have an "
                                       "empty manager_id"));
    // Break the loop so the rest of the checks see a forest.
    manager[person] = kNoPerson;
  }
  return manager;
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
  const std::vector<PersonId> manager = resolve_managers(people, index, issues);

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
  result.warnings = issues.take_warnings();
  return result;
}

}  // namespace adoptsim::org
