// The organisation as the simulation sees it: people (role, department,
// manager) and weighted, undirected ties of several kinds, stored as flat
// arrays with a CSR adjacency for the hot loop. Immutable once built.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adoptsim::org {

// Dense index of a person, 0 .. person_count() - 1.
using PersonId = std::uint32_t;
using DepartmentId = std::uint16_t;
inline constexpr PersonId kNoPerson = 0xffffffffu;

enum class Role : std::uint8_t { IndividualContributor, Manager, Executive };
inline constexpr int kRoleCount = 3;

// Why two people are tied. A pair tied for several reasons keeps one tie,
// of the kind listed first here (the strongest relationship).
enum class TieKind : std::uint8_t { ReportingLine, Teammate, Department, CrossDepartment, Collaboration };
inline constexpr int kTieKindCount = 5;

std::string_view to_string(Role role);
std::string_view to_string(TieKind kind);
// Accepts the to_string() spellings ("individual_contributor", "manager",
// "executive"; "reporting_line", ...). Returns nullopt for anything else.
std::optional<Role> parse_role(std::string_view text);
std::optional<TieKind> parse_tie_kind(std::string_view text);

struct Tie {
  PersonId first = kNoPerson;
  PersonId second = kNoPerson;
  float weight = 1.0f;
  TieKind kind = TieKind::Collaboration;
};

class OrgGraph {
 public:
  OrgGraph() = default;

  std::size_t person_count() const { return role_.size(); }
  // Undirected ties; each is stored twice in the adjacency.
  std::size_t tie_count() const { return neighbour_.size() / 2; }
  std::size_t department_count() const { return department_names_.size(); }

  Role role(PersonId person) const { return role_[person]; }
  DepartmentId department(PersonId person) const { return department_[person]; }
  // kNoPerson for people at the top of a reporting tree.
  PersonId manager(PersonId person) const { return manager_[person]; }
  const std::string& department_name(DepartmentId department) const { return department_names_[department]; }
  const std::vector<std::string>& department_names() const { return department_names_; }

  // Neighbours of `person`, sorted by id, with the weight and kind of each
  // tie at the same index.
  std::span<const PersonId> neighbours(PersonId person) const {
    return {neighbour_.data() + offset_[person], neighbour_.data() + offset_[person + 1]};
  }
  std::span<const float> tie_weights(PersonId person) const {
    return {weight_.data() + offset_[person], weight_.data() + offset_[person + 1]};
  }
  std::span<const TieKind> tie_kinds(PersonId person) const {
    return {kind_.data() + offset_[person], kind_.data() + offset_[person + 1]};
  }
  std::size_t degree(PersonId person) const { return offset_[person + 1] - offset_[person]; }
  // Sum of the weights of a person's ties.
  double weighted_degree(PersonId person) const;

  // Bytes held by the graph's arrays (capacity, not just size).
  std::size_t memory_bytes() const;

 private:
  friend class OrgGraphBuilder;

  std::vector<std::string> department_names_;
  std::vector<Role> role_;
  std::vector<DepartmentId> department_;
  std::vector<PersonId> manager_;
  std::vector<std::uint64_t> offset_{0};  // CSR row starts, person_count() + 1 entries
  std::vector<PersonId> neighbour_;
  std::vector<float> weight_;
  std::vector<TieKind> kind_;
};

// Collects people and ties, then builds an OrgGraph. Throws
// std::invalid_argument on a person or department index out of range, a
// weight that is negative or not finite, or a reporting cycle.
class OrgGraphBuilder {
 public:
  explicit OrgGraphBuilder(std::vector<std::string> department_names);

  void reserve(std::size_t people, std::size_t ties);
  PersonId add_person(Role role, DepartmentId department, PersonId manager = kNoPerson);
  void set_manager(PersonId person, PersonId manager);
  std::size_t person_count() const { return role_.size(); }
  // Self-ties are ignored. When a pair is added more than once, the tie keeps
  // the strongest kind (lowest TieKind) and, among ties of that kind, the
  // largest weight.
  void add_tie(PersonId first, PersonId second, float weight, TieKind kind);
  // Ties every pair of the people in the builder when build() runs, as if
  // add_tie() were called for each pair (so the merge rule above applies to
  // ties also added one by one). build() then lays the complete graph out
  // directly: a complete graph of n people costs the graph's own
  // 9 n (n - 1) bytes and no per-tie staging.
  void add_ties_between_all(float weight, TieKind kind);

  // Builds the graph; the builder is left empty.
  OrgGraph build();

 private:
  OrgGraph build_all_pairs() const;
  OrgGraph build_from_ties();

  std::vector<std::string> department_names_;
  std::vector<Role> role_;
  std::vector<DepartmentId> department_;
  std::vector<PersonId> manager_;
  std::vector<Tie> ties_;
  // Set by add_ties_between_all(): the weight and kind of every pair's tie.
  std::optional<Tie> all_pairs_tie_;
};

}  // namespace adoptsim::org
