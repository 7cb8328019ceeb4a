// What is derived from the parameter table alone, as text: TOML literals,
// expected-value phrases, typo suggestions and the Markdown reference.
#include "adoptsim/scenario/parameters.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <type_traits>

#include "adoptsim/common/edit_distance.hpp"
#include "parameter_rows.hpp"

namespace adoptsim::scenario {
namespace {

std::string_view last_segment(std::string_view key) {
  const auto dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

std::string format_double(double number) {
  if (std::isinf(number)) return number > 0 ? "inf" : "-inf";
  if (std::isnan(number)) return "nan";
  char buffer[64];
  // Whole amounts (budgets, days) read as 100000.0, not 1e+05; other values
  // in the shortest form that reads back exactly.
  const bool whole = number == std::floor(number) && std::fabs(number) < 1e15;
  const auto result = whole ? std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed)
                            : std::to_chars(buffer, buffer + sizeof buffer, number);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string format_bound(double bound, ValueKind kind) {
  if (std::isinf(bound)) return bound > 0 ? "inf" : "-inf";
  if (kind == ValueKind::Integer || kind == ValueKind::IntegerArray || bound == std::floor(bound)) {
    // The largest TOML integer is 2^63 - 1, which a double rounds up to 2^63.
    if (bound >= kMaxSeed) return std::to_string(std::numeric_limits<std::int64_t>::max());
    if (std::fabs(bound) < 1e18) return std::to_string(static_cast<long long>(bound));
  }
  return format_double(bound);
}

std::string quote(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\t':
        quoted += "\\t";
        break;
      case '\r':
        quoted += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          static constexpr char kHex[] = "0123456789ABCDEF";
          quoted += "\\u00";
          quoted += kHex[(c >> 4) & 0xf];
          quoted += kHex[c & 0xf];
        } else {
          quoted += c;
        }
    }
  }
  return quoted + "\"";
}

std::string scalar_literal(const Scalar& scalar);

template <class T>
std::string array_literal(const std::vector<T>& values) {
  std::string text = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ", ";
    text += scalar_literal(Scalar{values[i]});
  }
  return text + "]";
}

std::string scalar_literal(const Scalar& scalar) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
        if constexpr (std::is_same_v<T, double>) return format_double(v);
        if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        if constexpr (std::is_same_v<T, std::string>) return quote(v);
        if constexpr (std::is_same_v<T, std::vector<std::int64_t>> ||
                      std::is_same_v<T, std::vector<std::string>>) {
          return array_literal(v);
        }
      },
      scalar);
}

// Markdown table cells may not contain a bare `|`.
std::string cell(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '|') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

}  // namespace

std::optional<std::string_view> closest_choice(std::string_view text,
                                               std::span<const std::string_view> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = std::max<std::size_t>(2, text.size() / 3) + 1;
  for (const std::string_view candidate : candidates) {
    if (const std::size_t distance = common::edit_distance(text, candidate); distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::optional<std::string_view> closest_parameter(std::string_view key) {
  // A typo within the key: a few edits of the whole dotted name.
  std::optional<std::string_view> best;
  std::size_t best_distance = std::max<std::size_t>(2, key.size() / 5) + 1;
  for (const Parameter& parameter : parameters()) {
    const std::size_t distance = common::edit_distance(key, parameter.key);
    if (distance < best_distance) {
      best_distance = distance;
      best = parameter.key;
    }
  }
  if (best) return best;
  // A key in the wrong table: the last segment matches, or nearly.
  const std::string_view last = last_segment(key);
  best_distance = std::max<std::size_t>(1, last.size() / 4) + 1;
  for (const Parameter& parameter : parameters()) {
    const std::size_t distance = common::edit_distance(last, last_segment(parameter.key));
    if (distance < best_distance) {
      best_distance = distance;
      best = parameter.key;
    }
  }
  return best;
}

std::string_view to_string(ValueKind kind) {
  switch (kind) {
    case ValueKind::Integer:
      return "integer";
    case ValueKind::Float:
      return "float";
    case ValueKind::Boolean:
      return "boolean";
    case ValueKind::String:
      return "string";
    case ValueKind::IntegerArray:
      return "array of integers";
    case ValueKind::FloatArray:
      return "array of floats";
    case ValueKind::StringArray:
      return "array of strings";
    case ValueKind::TableArray:
      return "array of tables";
    case ValueKind::StringTable:
      return "table of strings";
  }
  return "value";
}

bool Parameter::in_bounds(double number) const {
  if (std::isnan(number)) return false;
  if (minimum && (minimum_exclusive ? !(number > *minimum) : !(number >= *minimum))) return false;
  if (maximum && (maximum_exclusive ? !(number < *maximum) : !(number <= *maximum))) return false;
  return true;
}

std::string Parameter::bounds_text() const {
  if (minimum && maximum) {
    return std::string(minimum_exclusive ? "(" : "[") + format_bound(*minimum, kind) + ", " +
           format_bound(*maximum, kind) + (maximum_exclusive ? ")" : "]");
  }
  if (minimum) return std::string(minimum_exclusive ? "> " : ">= ") + format_bound(*minimum, kind);
  if (maximum) return std::string(maximum_exclusive ? "< " : "<= ") + format_bound(*maximum, kind);
  return "";
}

std::string Parameter::expected() const {
  std::string text;
  if (!quantity.empty()) {
    text = quantity;
  } else {
    switch (kind) {
      case ValueKind::Integer:
        text = "an integer";
        break;
      case ValueKind::Float:
        text = "a number";
        break;
      case ValueKind::Boolean:
        text = "true or false";
        break;
      case ValueKind::String:
        text = "a string";
        break;
      case ValueKind::IntegerArray:
        text = "an array of integers";
        break;
      case ValueKind::FloatArray:
        text = "an array of numbers";
        break;
      case ValueKind::StringArray:
        text = "an array of strings";
        break;
      case ValueKind::TableArray:
        text = "an array of tables";
        break;
      case ValueKind::StringTable:
        text = "a table of strings";
        break;
    }
  }
  if (!choices.empty()) {
    text = kind == ValueKind::StringArray ? "an array of strings, each one of " : "one of ";
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (i > 0) text += i + 1 == choices.size() ? " or " : ", ";
      text += quote(choices[i]);
    }
    return text;
  }
  const std::string bounds = bounds_text();
  if (bounds.empty()) return text;
  const bool is_array = kind == ValueKind::IntegerArray || kind == ValueKind::FloatArray;
  if (bounds.front() == '[' || bounds.front() == '(') {
    return text + (is_array ? ", each in " : " in ") + bounds;
  }
  return text + (is_array ? ", each " : " ") + bounds;
}

std::string to_toml_literal(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::vector<std::int64_t>> ||
                      std::is_same_v<T, std::vector<double>> || std::is_same_v<T, std::vector<std::string>>) {
          return array_literal(v);
        } else if constexpr (std::is_same_v<T, std::vector<Record>>) {
          std::string text = "[";
          for (std::size_t i = 0; i < v.size(); ++i) text += (i > 0 ? ", " : "") + to_toml_literal(v[i]);
          return text + "]";
        } else {
          return scalar_literal(Scalar{v});
        }
      },
      value);
}

std::string to_toml_literal(const Record& record) {
  std::string text = "{";
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    // Bare keys are letters, digits, '_' and '-'; any other key is quoted.
    const std::string& key = record.fields[i].first;
    const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
    });
    text += (i > 0 ? ", " : " ") + (bare ? key : to_toml_literal(Value{key})) + " = " +
            scalar_literal(record.fields[i].second);
  }
  return text + " }";
}

std::string parameter_reference_markdown() {
  std::ostringstream out;
  out << "# Scenario parameters\n\n"
      << "<!-- Generated from the parameter table in sim/scenario/parameters.cpp by `make docs`; "
         "do not edit by hand. -->\n\n"
      << "A scenario is a TOML file. Every key below is optional: a key left out takes its default, "
         "and `adoptsim validate` prints the scenario with every default filled in. A file may build on "
         "another with `extends = \"base.toml\"` (relative to the file): tables merge key by key and a "
         "value or array set in the file replaces the inherited one. Unknown keys, wrong types and "
         "out-of-range values are errors that name the file, line and column.\n\n"
      << "Files here: `base.toml` (the 180-person default organisation with the Bass model); "
         "`reference/` (the reference diffusion models); `real/` (the real networks of ../shared/datasets); "
         "`workplace/` (the workplace adoption model: `workplace/base.toml`, one file per rollout strategy, "
         "`workplace/frameworks/` for the seeds' frameworks and `workplace/facts/` for the stylized facts "
         "the calibration reproduces).\n\n"
      << "The workplace model's defaults below are its calibration: each row's *Source* says why the value "
         "is what it is, and the calibration is checked by the stylized-fact tests in "
         "tests/stat/workplace_facts_test.cpp.\n\n"
      << "### Person ids\n\n"
         "Keys that name people (`model.initial_adopters.people`, `strategy.pilot_people`, "
         "`strategy.champion_people`, a phase's `people`) take the organisation file's own ids, as strings, "
         "exactly as the file writes them: the people CSV's id column (`[\"E1042\", \"E0007\"]`), GraphML "
         "node ids, SNAP and Krackhardt node numbers (`[\"17\"]`). A generated organisation's ids are "
         "\"0\" to \"N-1\", as `adoptsim org generate` writes them. `adoptsim champions --show-ids` prints "
         "the same ids. An id the organisation does not have, or a person named twice, is an error: "
         "`validate` checks them against the organisation's file, `run` before it starts.\n";
  std::string section = "\x01";  // matches no real section, so the first row opens one
  for (const Parameter& parameter : parameters()) {
    const std::string_view key = parameter.key;
    const auto dot = key.rfind('.');
    std::string row_section = dot == std::string_view::npos ? "" : std::string(key.substr(0, dot));
    // The fields of an array of tables are listed with the array.
    const Parameter* parent = find_parameter(row_section);
    const bool is_field = parent != nullptr && parent->kind == ValueKind::TableArray;
    if (is_field) row_section = row_section.substr(0, row_section.rfind('.'));
    if (row_section != section) {
      section = row_section;
      out << "\n## " << (section.empty() ? "Top level" : "[" + section + "]") << "\n\n"
          << "| key | type | unit | default | allowed | description |\n"
          << "|---|---|---|---|---|---|\n";
    }
    std::string allowed = parameter.choices.empty() ? parameter.bounds_text() : parameter.expected();
    std::string description(parameter.description);
    if (!parameter.not_yet_available.empty()) {
      description += " Not available yet: " + std::string(parameter.not_yet_available) + ".";
    }
    if (!parameter.applies_when.empty()) {
      description += " Read when `" + std::string(parameter.applies_when) + "`.";
    }
    if (!parameter.source.empty()) description += " *Source:* " + std::string(parameter.source);
    std::string default_text = "none";
    if (is_field && !parameter.default_value) {
      default_text = "required";
    } else if (parameter.kind == ValueKind::TableArray) {
      default_text = "see below";
    } else if (parameter.kind == ValueKind::StringTable) {
      default_text = "`{}`";
    } else if (parameter.default_value) {
      default_text = "`" + to_toml_literal(*parameter.default_value) + "`";
    } else if (!parameter.not_yet_available.empty()) {
      default_text = "not available yet";
    }
    out << "| `" << key << "` | " << to_string(parameter.kind) << " | " << cell(parameter.unit) << " | "
        << cell(default_text) << " | " << cell(allowed) << " | " << cell(description) << " |\n";
  }
  for (const Parameter& parameter : parameters()) {
    if (parameter.kind != ValueKind::TableArray || !parameter.default_value) continue;
    if (std::get<std::vector<Record>>(*parameter.default_value).empty()) continue;
    out << "\nDefault `" << parameter.key << "`:\n\n```toml\n"
        << parameter.key.substr(parameter.key.rfind('.') + 1) << " = [\n";
    for (const Record& record : std::get<std::vector<Record>>(*parameter.default_value)) {
      out << "  " << to_toml_literal(record) << ",\n";
    }
    out << "]\n```\n";
  }
  return out.str();
}

}  // namespace adoptsim::scenario
