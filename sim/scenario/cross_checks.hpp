// What load_scenario shares with its cross-key checks: where a key was set,
// the error a check reports, and the rules across keys (cross_checks.cpp)
// that run on the resolved scenario.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "adoptsim/scenario/parameters.hpp"
#include "adoptsim/scenario/scenario.hpp"

namespace adoptsim::scenario {

struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Found {
  Value value;
  Location where;
};

inline ScenarioError make_error(const Location& where, std::string key, std::string value,
                                std::string problem, std::string expected = {}, std::string hint = {}) {
  return ScenarioError{where.file,       where.line,          where.column,       std::move(key),
                       std::move(value), std::move(expected), std::move(problem), std::move(hint)};
}

// Rules that involve several keys: errors and warnings at the line of the
// first key of each rule that a file sets, else at the root file.
void check_across_keys(const Scenario& scenario, const std::map<std::string, Found>& found,
                       const std::string& root_file, std::vector<ScenarioError>& errors,
                       std::vector<ScenarioError>& warnings);

}  // namespace adoptsim::scenario
