#include "adoptsim/org/org_graph.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

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

// The merge rule for a pair tied more than once: the lower kind wins, then the larger weight.
bool stronger(TieKind kind, float weight, TieKind other_kind, float other_weight) {
  return kind != other_kind ? kind < other_kind : weight > other_weight;
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
  if (department_names_.size() > 0xffff)
    throw std::invalid_argument("at most 65535 departments are supported");
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
  if (person >= role_.size())
    throw std::invalid_argument("person " + std::to_string(person) + " does not exist");
  manager_[person] = manager;
}

void OrgGraphBuilder::add_tie(PersonId first, PersonId second, float weight, TieKind kind) {
  if (first == second) return;
  if (!std::isfinite(weight) || weight < 0.0f) {
    throw std::invalid_argument("tie weight must be finite and non-negative, got " + std::to_string(weight));
  }
  ties_.push_back(Tie{first, second, weight, kind});
}

void OrgGraphBuilder::add_ties_between_all(float weight, TieKind kind) {
  if (!std::isfinite(weight) || weight < 0.0f) {
    throw std::invalid_argument("tie weight must be finite and non-negative, got " + std::to_string(weight));
  }
  if (all_pairs_tie_ && !stronger(kind, weight, all_pairs_tie_->kind, all_pairs_tie_->weight)) return;
  all_pairs_tie_ = Tie{kNoPerson, kNoPerson, weight, kind};
}

OrgGraph OrgGraphBuilder::build() {
  const std::size_t people = role_.size();
  for (std::size_t person = 0; person < people; ++person) {
    const PersonId manager = manager_[person];
    if (manager != kNoPerson && manager >= people) {
      throw std::invalid_argument("person " + std::to_string(person) + " has manager " +
                                  std::to_string(manager) + ", who does not exist");
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

  for (const Tie& tie : ties_) {
    if (tie.first >= people || tie.second >= people) {
      throw std::invalid_argument("tie " + std::to_string(tie.first) + "-" + std::to_string(tie.second) +
                                  " names a person who does not exist");
    }
  }
  OrgGraph graph = all_pairs_tie_ ? build_all_pairs() : build_from_ties();
  ties_.clear();
  ties_.shrink_to_fit();
  all_pairs_tie_.reset();

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

OrgGraph OrgGraphBuilder::build_all_pairs() const {
  // Row p holds everyone but p, in id order; explicit ties then merge into
  // their two entries, found by index arithmetic.
  const std::size_t people = role_.size();
  OrgGraph graph;
  const std::size_t row_length = people == 0 ? 0 : people - 1;
  graph.offset_.resize(people + 1);
  for (std::size_t person = 0; person <= people; ++person) graph.offset_[person] = person * row_length;
  graph.neighbour_.resize(people * row_length);
  graph.weight_.assign(people * row_length, all_pairs_tie_->weight);
  graph.kind_.assign(people * row_length, all_pairs_tie_->kind);
  for (std::size_t person = 0; person < people; ++person) {
    PersonId* row = graph.neighbour_.data() + person * row_length;
    for (std::size_t other = 0; other < people; ++other) {
      if (other != person) *row++ = static_cast<PersonId>(other);
    }
  }
  auto merge = [&](PersonId person, PersonId other, const Tie& tie) {
    const std::size_t at = person * row_length + other - (other > person ? 1 : 0);
    if (stronger(tie.kind, tie.weight, graph.kind_[at], graph.weight_[at])) {
      graph.kind_[at] = tie.kind;
      graph.weight_[at] = tie.weight;
    }
  };
  for (const Tie& tie : ties_) {
    merge(tie.first, tie.second, tie);
    merge(tie.second, tie.first, tie);
  }
  return graph;
}

OrgGraph OrgGraphBuilder::build_from_ties() {
  // Scatter each tie into both ends' rows of the final arrays, so the only
  // memory beyond the graph itself is the builder's tie list.
  const std::size_t people = role_.size();
  OrgGraph graph;
  std::vector<std::uint64_t> offset(people + 1, 0);
  for (const Tie& tie : ties_) {
    ++offset[tie.first + 1];
    ++offset[tie.second + 1];
  }
  std::partial_sum(offset.begin(), offset.end(), offset.begin());
  const std::uint64_t half_tie_count = offset.back();
  graph.neighbour_.resize(half_tie_count);
  graph.weight_.resize(half_tie_count);
  graph.kind_.resize(half_tie_count);
  {
    std::vector<std::uint64_t> cursor(offset.begin(), offset.end() - 1);
    for (const Tie& tie : ties_) {
      const std::uint64_t at_first = cursor[tie.first]++;
      const std::uint64_t at_second = cursor[tie.second]++;
      graph.neighbour_[at_first] = tie.second;
      graph.neighbour_[at_second] = tie.first;
      graph.weight_[at_first] = graph.weight_[at_second] = tie.weight;
      graph.kind_[at_first] = graph.kind_[at_second] = tie.kind;
    }
  }
  ties_.clear();
  ties_.shrink_to_fit();

  // Sort each row, keep the strongest tie per neighbour, and compact in place
  // (a row never moves to a later position, so copying forward is safe).
  // Rows that arrive sorted without duplicates, as they do when ties are
  // added in order, are only moved.
  struct HalfTie {
    PersonId neighbour;
    TieKind kind;
    float weight;
  };
  std::vector<HalfTie> row;
  std::uint64_t write = 0;
  graph.offset_.assign(people + 1, 0);
  for (std::size_t person = 0; person < people; ++person) {
    const std::uint64_t row_begin = offset[person];
    const std::uint64_t row_end = offset[person + 1];
    const auto* neighbours = graph.neighbour_.data();
    bool strictly_sorted = true;
    for (std::uint64_t index = row_begin + 1; index < row_end && strictly_sorted; ++index) {
      strictly_sorted = neighbours[index - 1] < neighbours[index];
    }
    if (strictly_sorted) {
      if (write != row_begin) {
        for (std::uint64_t index = row_begin; index < row_end; ++index, ++write) {
          graph.neighbour_[write] = graph.neighbour_[index];
          graph.weight_[write] = graph.weight_[index];
          graph.kind_[write] = graph.kind_[index];
        }
      } else {
        write = row_end;
      }
    } else {
      row.clear();
      for (std::uint64_t index = row_begin; index < row_end; ++index) {
        row.push_back(HalfTie{graph.neighbour_[index], graph.kind_[index], graph.weight_[index]});
      }
      std::sort(row.begin(), row.end(), [](const HalfTie& a, const HalfTie& b) {
        if (a.neighbour != b.neighbour) return a.neighbour < b.neighbour;
        return stronger(a.kind, a.weight, b.kind, b.weight);
      });
      for (std::size_t index = 0; index < row.size(); ++index) {
        if (index != 0 && row[index].neighbour == row[index - 1].neighbour) continue;
        graph.neighbour_[write] = row[index].neighbour;
        graph.weight_[write] = row[index].weight;
        graph.kind_[write] = row[index].kind;
        ++write;
      }
    }
    graph.offset_[person + 1] = write;
  }
  // Merged duplicates leave spare capacity; it is returned only when worth
  // the copy (more than an eighth of the arrays).
  graph.neighbour_.resize(write);
  graph.weight_.resize(write);
  graph.kind_.resize(write);
  if (half_tie_count - write > half_tie_count / 8) {
    graph.weight_.resize(write);
    graph.kind_.resize(write);
    graph.neighbour_.shrink_to_fit();
    graph.weight_.shrink_to_fit();
    graph.kind_.shrink_to_fit();
  }
  return graph;
}

}  // namespace adoptsim::org
