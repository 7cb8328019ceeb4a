#include "overrides.hpp"

#include "adoptsim/scenario/parameters.hpp"
#include "cross_checks.hpp"

namespace adoptsim::scenario {

bool is_override_location(const std::string& file) { return file.rfind(kOverrideFlag, 0) == 0; }

std::optional<toml::table> override_table(const std::string& override_text, std::string& key_out,
                                          std::vector<ScenarioError>& errors) {
  const std::string flag = std::string(kOverrideFlag) + override_text;
  const auto equals = override_text.find('=');
  const auto trim = [](const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t");
    return first == std::string::npos ? std::string{} : text.substr(first, last - first + 1);
  };
  const std::string key = equals == std::string::npos ? std::string{} : trim(override_text.substr(0, equals));
  if (override_text.find_first_of("\n\r") != std::string::npos) {
    errors.push_back(
        make_error({flag, 0, 0}, {}, {}, "spans more than one line", {}, "give one KEY=VALUE per --set"));
    return std::nullopt;
  }
  if (key.empty()) {
    errors.push_back(make_error({flag, 0, 0}, {}, {}, "is not KEY=VALUE", {},
                                "write a key of scenarios/README.md, `=`, and a value as TOML writes it, "
                                "e.g. --set model.bass.imitation_q=0.2"));
    return std::nullopt;
  }
  if (key == "extends") {
    errors.push_back(make_error({flag, 0, 0}, key, {}, "cannot be set from the command line", {},
                                "`extends` names a file to build on: write it in the scenario file"));
    return std::nullopt;
  }
  key_out = key;
  std::string value = trim(override_text.substr(equals + 1));
  const Parameter* row = find_parameter(key);
  if (row != nullptr && row->kind == ValueKind::String && !value.empty() && value.front() != '"' &&
      value.front() != '\'') {
    std::string quoted = "\"";
    for (const char c : value) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    value = quoted + "\"";
  }
  try {
    return toml::parse(key + " = " + value, flag);
  } catch (const toml::parse_error& parse_error) {
    errors.push_back(make_error(
        {flag, 0, 0}, {}, {}, "is not KEY=VALUE with a TOML value: " + std::string(parse_error.description()),
        {}, "strings may go without quotes; arrays as [1, 2]; true or false"));
    return std::nullopt;
  }
}

void check_overrides_apply(const Scenario& scenario,
                           const std::vector<std::pair<std::string, std::string>>& override_keys,
                           std::vector<ScenarioError>& errors) {
  for (const auto& [flag, key] : override_keys) {
    const Parameter* row = find_parameter(key);
    if (row == nullptr || row->read == nullptr || row->read(scenario)) continue;
    errors.push_back(make_error(
        {flag, 0, 0}, key, {}, "does not apply to this scenario", {},
        row->applies_when.empty() ? std::string("leave it out")
                                  : "it is read when " + std::string(row->applies_when) + "; leave it out"));
  }
}

void without_override_lines(std::vector<ScenarioError>& problems) {
  for (ScenarioError& problem : problems) {
    if (!is_override_location(problem.file)) continue;
    problem.line = 0;
    problem.column = 0;
  }
}

}  // namespace adoptsim::scenario
