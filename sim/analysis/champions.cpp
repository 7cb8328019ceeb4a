#include "adoptsim/analysis/champions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace adoptsim::analysis {
namespace {

bool eligible(const org::OrgGraph& graph, org::PersonId person, const SelectionConstraints& constraints) {
  return !(constraints.exclude_executives && graph.role(person) == org::Role::Executive);
}

}  // namespace

std::vector<std::string> check_selection(const org::OrgGraph& graph,
                                         const SelectionConstraints& constraints) {
  std::vector<std::string> problems;
  if (constraints.count == 0) problems.push_back("the number of champions is 0; choose at least one");
  std::vector<std::size_t> eligible_per_department(graph.department_count(), 0);
  std::size_t eligible_people = 0;
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    if (!eligible(graph, person, constraints)) continue;
    ++eligible_people;
    ++eligible_per_department[graph.department(person)];
  }
  std::size_t departments_with_people = 0;
  std::size_t reachable = 0;  // the most a per-department cap allows
  for (const std::size_t count : eligible_per_department) {
    departments_with_people += count > 0 ? 1 : 0;
    reachable += constraints.max_per_department == 0
                     ? count
                     : std::min<std::size_t>(count, constraints.max_per_department);
  }
  const std::string who = constraints.exclude_executives ? " people who are not executives" : " people";
  if (eligible_people < constraints.count) {
    problems.push_back(std::to_string(constraints.count) +
                       " champions were asked for but the organisation has " +
                       std::to_string(eligible_people) + who + "; ask for fewer");
  } else if (reachable < constraints.count) {
    problems.push_back("at most " + std::to_string(constraints.max_per_department) +
                       " champions per department allow only " + std::to_string(reachable) + " in all, not " +
                       std::to_string(constraints.count) +
                       "; raise the per-department limit or ask for fewer");
  }
  if (constraints.at_least_one_per_department && departments_with_people > constraints.count) {
    problems.push_back("one champion in each of the " + std::to_string(departments_with_people) +
                       " departments needs at least that many champions, not " +
                       std::to_string(constraints.count) +
                       "; ask for more, or drop the one-per-department constraint");
  }
  return problems;
}

std::vector<org::PersonId> select_champions(const org::OrgGraph& graph, std::span<const double> scores,
                                            const SelectionConstraints& constraints) {
  if (scores.size() != graph.person_count()) {
    throw std::invalid_argument("select_champions: " + std::to_string(scores.size()) + " scores for " +
                                std::to_string(graph.person_count()) + " people");
  }
  const std::vector<std::string> problems = check_selection(graph, constraints);
  if (!problems.empty()) throw std::invalid_argument(problems.front());

  std::vector<org::PersonId> ranked;
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    if (eligible(graph, person, constraints)) ranked.push_back(person);
  }
  // NaN ranks last; equal scores go to the lower id.
  const auto better = [&](org::PersonId a, org::PersonId b) {
    const double sa = std::isnan(scores[a]) ? -std::numeric_limits<double>::infinity() : scores[a];
    const double sb = std::isnan(scores[b]) ? -std::numeric_limits<double>::infinity() : scores[b];
    return sa != sb ? sa > sb : a < b;
  };
  std::sort(ranked.begin(), ranked.end(), better);

  std::vector<org::PersonId> chosen;
  std::vector<std::uint32_t> per_department(graph.department_count(), 0);
  std::vector<bool> taken(graph.person_count(), false);
  const auto take = [&](org::PersonId person) {
    chosen.push_back(person);
    taken[person] = true;
    ++per_department[graph.department(person)];
  };
  if (constraints.at_least_one_per_department) {
    for (const org::PersonId person : ranked) {
      if (per_department[graph.department(person)] == 0) take(person);
    }
  }
  for (const org::PersonId person : ranked) {
    if (chosen.size() >= constraints.count) break;
    if (taken[person]) continue;
    if (constraints.max_per_department != 0 &&
        per_department[graph.department(person)] >= constraints.max_per_department) {
      continue;
    }
    take(person);
  }
  std::sort(chosen.begin(), chosen.end(), better);
  return chosen;
}

std::vector<org::PersonId> select_champions(const org::OrgGraph& graph, ChampionRule rule,
                                            const SelectionConstraints& constraints, std::uint64_t seed) {
  const std::vector<double> scores = centrality_scores(graph, rule, seed);
  return select_champions(graph, scores, constraints);
}

}  // namespace adoptsim::analysis
