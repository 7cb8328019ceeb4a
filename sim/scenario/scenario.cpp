// Error messages and the resolved scenario as TOML, both driven by the
// parameter table.
#include "adoptsim/scenario/scenario.hpp"

#include "adoptsim/scenario/parameters.hpp"

namespace adoptsim::scenario {

bool NamedPeople::empty() const {
  for (const auto& people : phase_people) {
    if (!people.empty()) return false;
  }
  return initial_adopters.empty() && pilot.empty() && champions.empty();
}

std::string ScenarioError::message() const {
  std::string text = file;
  // Appended piece by piece: GCC 12 reports a false -Wrestrict on `"literal" + std::string`.
  if (line > 0) {
    text.append(":").append(std::to_string(line)).append(":").append(std::to_string(column));
  }
  text += ": ";
  if (!key.empty()) {
    text += key;
    if (!value.empty()) text += " = " + value;
    text += " ";
  }
  text += problem;
  if (!expected.empty()) text += ": expected " + expected;
  if (!hint.empty()) text += "; " + hint;
  return text;
}

std::string format_errors(const std::vector<ScenarioError>& errors) {
  std::string text;
  for (const ScenarioError& error : errors) text += error.message() + "\n";
  return text;
}

std::string resolved_toml(const Scenario& scenario) {
  std::string text = "# The resolved scenario: every parameter that applies, defaults filled in.\n# Files:";
  for (const auto& file : scenario.files) text.append(" ").append(file.string());
  text += "\n";
  for (const std::string& override_text : scenario.overrides)
    text += "# Override: --set " + override_text + "\n";
  // Rows of one table are contiguous in the parameter table, and top-level
  // keys come first, as TOML requires.
  std::string section;
  for (const Parameter& parameter : parameters()) {
    if (parameter.read == nullptr) continue;
    const std::optional<Value> value = parameter.read(scenario);
    if (!value) continue;
    const std::string_view key = parameter.key;
    const auto dot = key.rfind('.');
    const std::string row_section = dot == std::string_view::npos ? "" : std::string(key.substr(0, dot));
    const std::string_view name = dot == std::string_view::npos ? key : key.substr(dot + 1);
    if (row_section != section) {
      section = row_section;
      text.append("\n[").append(section).append("]\n");
    }
    if (parameter.kind == ValueKind::StringTable) {
      const auto& records = std::get<std::vector<Record>>(*value);
      text += std::string(name) + " = " +
              (records.empty() ? std::string("{}") : to_toml_literal(records.front())) + "\n";
    } else if (const auto* records = std::get_if<std::vector<Record>>(&*value)) {
      text += std::string(name) + " = [\n";
      for (const Record& record : *records) text += "  " + to_toml_literal(record) + ",\n";
      text += "]\n";
    } else {
      text += std::string(name) + " = " + to_toml_literal(*value) + "\n";
    }
  }
  return text;
}

}  // namespace adoptsim::scenario
