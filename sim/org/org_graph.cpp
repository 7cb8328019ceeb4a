#include "adoptsim/org/org_graph.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace adoptsim::org {
namespace {

constexpr std::array<std::string_view, kRoleCount> kRoleNames = {"individual_contributor", "manager",
                                                                  "executive"};
constexpr std::array<std::string_view, kTieKindCount> kTieKindNames = {
    "reporting_line", "teammate", "department", "cross_department", "collaboration"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(std::string_view text, const std::array<std::string_view, N>& names) {
  for (std::size_t index = 0; index < N; ++index) {
    if (names[index] == text) return static_cast<Enum>(index);
  }
  return std::nullopt;
}

template <typename T>
std::size_t capacity_bytes(const std::vector<T>& values) {
  return values.capacity() * sizeof(T);
}

}  // namespace

std::string_view to_string(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }
std::string_view to_string(TieKind kind) { return kTieKindNames[static_cast<std::size_t>(kind)]; }
std::optional<Role> parse_role(std::string_view text) { return parse_enum<Role>(text, kRoleNames); }
std::optional<TieKind> parse_tie_kind(std::string_view text) {
  return parse_enum<TieKind>(text, kTieKindNames);
}

double OrgGraph::weighted_degree(PersonId person) const {
  double total = 0.0;
  for (float weight : tie_weights(person)) total += weight;
  return total;
}

std::size_t OrgGraph::memory_bytes() const {
  std::size_t bytes = capacity_bytes(role_) + capacity_bytes(department_) + capacity_bytes(manager_) +
                      capacity_bytes(offset_) + capacity_bytes(neighbour_) + capacity_bytes(weight_) +
                      capacity_bytes(kind_) + capacity_bytes(department_names_);
  for (const auto& name : department_names_) bytes += name.capacity();
  return bytes;
}

OrgGraphBuilder::OrgGraphBuilder(std::vector<std::string> department_names)
    : department_names_(std::move(department_names)) {
  if (department_names_.empty()) throw std::invalid_argument("an organisation needs at least one department");
  if (department_names_.size() > 0xffff) throw std::invalid_argument("at most 65535 departments are supported");
}

void OrgGraphBuilder::reserve(std::size_t people, std::size_t ties) {
  role_.reserve(people);
  department_.reserve(people);
  manager_.reserve(people);
  ties_.reserve(ties);
}

PersonId OrgGraphBuilder::add_person(Role role, DepartmentId department, PersonId manager) {
  if (department >= department_names_.size()) {
    throw std::invalid_argument("department index " + std::to_string(department) + " is out of range");
  }
  if (role_.size() >= kNoPerson) throw std::invalid_argument("too many people");
  role_.push_back(role);
  department_.push_back(department);
  manager_.push_back(manager);
  return static_cast<PersonId>(role_.size() - 1);
}

void OrgGraphBuilder::set_manager(PersonId person, PersonId manager) {
  if (person >= role_.size()) throw std::invalid_argument("person " + std::to_string(person) + " does not exist");
  manager_[person] = manager;
}

void OrgGraphBuilder::add_tie(PersonId first, PersonId second, float weight, TieKind kind) {
  if (first == second) return;
  if (!std::isfinite(weight) || weight < 0.0f) {
    throw std::invalid_argument("tie weight must be finite and non-negative, got " + std::to_string(weight));
  }
  ties_.push_back(Tie{first, second, weight, kind});
}

OrgGraph OrgGraphBuilder::build() {
  const std::size_t people = role_.size();
  for (std::size_t person = 0; person < people; ++person) {
    const PersonId manager = manager_[person];
    if (manager != kNoPerson && manager >= people) {
      throw std::invalid_argument("person " + std::to_string(person) + " has manager " + std::to_string(manager) +
                                  ", who does not exist");
    }
  }
  // Reporting cycles: walk up from each person, marking the walk; meeting the
  // current walk again is a cycle, meeting a finished walk is not.
  {
    std::vector<std::uint32_t> walk_of(people, 0);
    for (std::size_t start = 0; start < people; ++start) {
      if (walk_of[start] != 0) continue;
      const auto walk = static_cast<std::uint32_t>(start + 1);
      PersonId person = static_cast<PersonId>(start);
      while (person != kNoPerson && walk_of[person] == 0) {
        walk_of[person] = walk;
        person = manager_[person];
      }
      if (person != kNoPerson && walk_of[person] == walk) {
        throw std::invalid_argument("the reporting line of person " + std::to_string(person) + " is a cycle");
      }
    }
  }

  OrgGraph graph;
  std::vector<std::uint64_t> offset(people + 1, 0);
  for (const Tie& tie : ties_) {
    if (tie.first >= people || tie.second >= people) {
      throw std::invalid_argument("tie " + std::to_string(tie.first) + "-" + std::to_string(tie.second) +
                                  " names a person who does not exist");
    }
    ++offset[tie.first + 1];
    ++offset[tie.second + 1];
  }
  std::partial_sum(offset.begin(), offset.end(), offset.begin());

  struct HalfTie {
    PersonId neighbour;
    TieKind kind;
    float weight;
  };
  std::vector<HalfTie> half_ties(offset.back());
  {
    std::vector<std::uint64_t> cursor(offset.begin(), offset.end() - 1);
    for (const Tie& tie : ties_) {
      half_ties[cursor[tie.first]++] = HalfTie{tie.second, tie.kind, tie.weight};
      half_ties[cursor[tie.second]++] = HalfTie{tie.first, tie.kind, tie.weight};
    }
  }
  ties_.clear();
  ties_.shrink_to_fit();

  // Sort each row, keep the strongest tie per neighbour, and compact in place.
  std::uint64_t write = 0;
  graph.offset_.assign(people + 1, 0);
  for (std::size_t person = 0; person < people; ++person) {
    auto row_begin = half_ties.begin() + static_cast<std::ptrdiff_t>(offset[person]);
    auto row_end = half_ties.begin() + static_cast<std::ptrdiff_t>(offset[person + 1]);
    std::sort(row_begin, row_end, [](const HalfTie& a, const HalfTie& b) {
      if (a.neighbour != b.neighbour) return a.neighbour < b.neighbour;
      if (a.kind != b.kind) return a.kind < b.kind;
      return a.weight > b.weight;
    });
    for (auto it = row_begin; it != row_end; ++it) {
      if (it != row_begin && it->neighbour == (it - 1)->neighbour) continue;
      half_ties[write++] = *it;
    }
    graph.offset_[person + 1] = write;
  }
  graph.neighbour_.resize(write);
  graph.weight_.resize(write);
  graph.kind_.resize(write);
  for (std::uint64_t index = 0; index < write; ++index) {
    graph.neighbour_[index] = half_ties[index].neighbour;
    graph.weight_[index] = half_ties[index].weight;
    graph.kind_[index] = half_ties[index].kind;
  }

  graph.department_names_ = std::move(department_names_);
  graph.role_ = std::move(role_);
  graph.department_ = std::move(department_);
  graph.manager_ = std::move(manager_);
  graph.role_.shrink_to_fit();
  graph.department_.shrink_to_fit();
  graph.manager_.shrink_to_fit();
  department_names_.clear();
  role_.clear();
  department_.clear();
  manager_.clear();
  return graph;
}

}  // namespace adoptsim::org
