// The one table of scenario parameters: every key a scenario file may set,
// with its type, unit, default, bounds, description and source. Loading,
// validation, defaults, the resolved TOML and scenarios/README.md are all
// driven by this table; adding a parameter is adding a row to it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace adoptsim::scenario {

struct Scenario;

enum class ValueKind : std::uint8_t {
  Integer,       // a TOML integer (64-bit)
  Float,         // a TOML float; an integer is accepted and converted
  Boolean,       // true or false
  String,        // a TOML string, optionally restricted to `choices`
  IntegerArray,  // an array of integers, each within the bounds
  FloatArray,    // an array of numbers, each within the bounds
  StringArray,   // an array of strings, each one of `choices` when there are any
  TableArray,    // an array of tables whose fields are the rows keyed "<key>.<field>"
  StringTable,   // a table of free keys, each value a string (a map); held as one Record
};

// A field of a record of a TableArray: a scalar, or an array of integers or strings.
using Scalar = std::variant<std::int64_t, double, bool, std::string, std::vector<std::int64_t>,
                            std::vector<std::string>>;
// A record of a TableArray: its fields in the order of the file.
struct Record {
  std::vector<std::pair<std::string, Scalar>> fields;
  // The field's value, or nullptr when the record lacks it.
  const Scalar* find(std::string_view field) const;
};

using Value = std::variant<std::int64_t, double, bool, std::string, std::vector<std::int64_t>,
                           std::vector<double>, std::vector<Record>, std::vector<std::string>>;

struct Parameter;
// Stores a checked value into the scenario being resolved.
using ApplyFn = void (*)(const Value& value, Scenario& scenario);
// The value in force in a resolved scenario, or nullopt when the parameter
// does not apply to it (for example, another model's parameter).
using ReadFn = std::optional<Value> (*)(const Scenario& scenario);
// Extra rule on a well-typed, in-bounds value: empty when fine, otherwise
// the problem as a phrase that follows the key ("is not even").
using CheckFn = std::string (*)(const Value& value);

struct Parameter {
  std::string_view key{};  // dotted name, e.g. "model.bass.innovation_p"
  ValueKind kind = ValueKind::Float;
  std::string_view unit{};      // e.g. "days", "per day", "people"; empty when dimensionless
  std::string_view quantity{};  // what the value is, for messages: "a probability per day"
  // nullopt when the parameter has no default: a key that only makes sense
  // when set (`extends`), or a TableArray field every record must have. A
  // field with a default may be left out of a record.
  std::optional<Value> default_value{};
  std::optional<double> minimum{};  // numeric bounds; for arrays, bounds of each element
  std::optional<double> maximum{};
  bool minimum_exclusive = false;
  bool maximum_exclusive = false;
  std::vector<std::string_view> choices{};  // allowed strings; empty means any string
  std::string_view description{};
  std::string_view source{};        // where the default comes from, or why it is what it is
  std::string_view applies_when{};  // e.g. `model.kind = "bass"`; empty when always read
  // Non-empty for a key that is documented but not available yet: setting it
  // is an error whose message says this (why, and what to do instead).
  std::string_view not_yet_available{};
  ApplyFn apply = nullptr;  // nullptr for keys the loader handles itself (extends)
  ReadFn read = nullptr;    // nullptr for keys the resolved scenario does not print
  CheckFn check = nullptr;

  // "a probability per day in [0, 1]": what a valid value looks like.
  std::string expected() const;
  // "[0, 1]", "(0, 3650]", ">= 0", or empty when unbounded.
  std::string bounds_text() const;
  // Whether `number` (not NaN) lies within the row's bounds.
  bool in_bounds(double number) const;
};

// Every parameter, in the order the resolved TOML and the reference print
// them (a table's keys after its parent's scalar keys).
std::span<const Parameter> parameters();
// The row for `key`, or nullptr.
const Parameter* find_parameter(std::string_view key);
// The known key closest to `key` by edit distance, when one is close enough
// to be a likely typo; nullopt otherwise.
std::optional<std::string_view> closest_parameter(std::string_view key);

// The candidate closest to `text` by edit distance when it is a likely typo
// (at most max(2, |text| / 3) edits), for "did you mean" hints; nullopt otherwise.
std::optional<std::string_view> closest_choice(std::string_view text,
                                               std::span<const std::string_view> candidates);

// The value as a TOML literal: 0.03, 90, true, "bass", [1, 2],
// [{ name = "Sales", share = 0.2 }].
std::string to_toml_literal(const Value& value);
// One record as an inline table: { name = "Sales", share = 0.2 }.
std::string to_toml_literal(const Record& record);
std::string_view to_string(ValueKind kind);

// scenarios/README.md: the parameter reference, generated from the table.
std::string parameter_reference_markdown();

}  // namespace adoptsim::scenario
