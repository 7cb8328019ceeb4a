// Shared by the files that build the rows of model.kind = "workplace"
// (workplace_parameters.cpp: the model and the budget;
// strategy_parameters.cpp: the strategy): the row builder, typed access to
// the workplace part of a scenario, and readers of record fields.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "adoptsim/scenario/scenario.hpp"
#include "parameter_rows.hpp"

namespace adoptsim::scenario::workplace_rows {

using W = WorkplaceScenario;
using ProfileField = double& (*)(model::DepartmentProfile&);

inline constexpr std::string_view kWhenWorkplace = "model.kind = \"workplace\"";
inline constexpr double kMaxDays = 3650.0;
inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Keys built at run time live as long as the table, which holds string_views.
inline std::string_view intern(std::string key) {
  static std::deque<std::string> keys;
  return keys.emplace_back(std::move(key));
}

inline W& mutable_workplace(const Scenario& scenario) { return const_cast<W&>(*scenario.workplace); }

template <auto Field>
void apply_double(const Value& v, Scenario& s) {
  if (s.workplace) Field(*s.workplace) = as_float(v);
}
template <auto Field>
std::optional<Value> read_double(const Scenario& s) {
  if (!s.workplace) return std::nullopt;
  return Value{Field(mutable_workplace(s))};
}
template <auto Field>
void apply_integer(const Value& v, Scenario& s) {
  if (!s.workplace) return;
  auto& field = Field(*s.workplace);
  field = static_cast<std::remove_reference_t<decltype(field)>>(as_int(v));
}
template <auto Field>
std::optional<Value> read_integer(const Scenario& s) {
  if (!s.workplace) return std::nullopt;
  return Value{static_cast<std::int64_t>(Field(mutable_workplace(s)))};
}

// Builds rows; `defaults` supplies every default value.
struct Rows {
  std::vector<Parameter>& table;
  W defaults;

  void add(Parameter parameter) {
    if (parameter.applies_when.empty()) parameter.applies_when = kWhenWorkplace;
    table.push_back(std::move(parameter));
  }

  template <auto Field>
  void number(std::string_view key, std::string_view unit, std::string_view quantity,
              std::optional<double> minimum, std::optional<double> maximum, std::string_view description,
              std::string_view source = {}) {
    add({.key = key,
         .kind = ValueKind::Float,
         .unit = unit,
         .quantity = quantity,
         .default_value = Value{Field(defaults)},
         .minimum = minimum,
         .maximum = maximum,
         .description = description,
         .source = source,
         .apply = apply_double<Field>,
         .read = read_double<Field>});
  }

  // Makes the row just added exclude its minimum: "(0, 3650]" rather than
  // "[0, 3650]", for a quantity the model divides by or needs above zero.
  void exclusive_minimum() { table.back().minimum_exclusive = true; }

  // A whole-number field; `applies_when` defaults to any workplace scenario.
  template <auto Field>
  void integer(std::string_view key, std::string_view unit, std::string_view quantity, std::int64_t minimum,
               std::int64_t maximum, std::string_view description, std::string_view source = {},
               std::string_view applies_when = {}) {
    add({.key = key,
         .kind = ValueKind::Integer,
         .unit = unit,
         .quantity = quantity,
         .default_value = Value{static_cast<std::int64_t>(Field(defaults))},
         .minimum = minimum,
         .maximum = maximum,
         .description = description,
         .source = source,
         .applies_when = applies_when,
         .apply = apply_integer<Field>,
         .read = read_integer<Field>});
  }
};

inline double field_or(const Record& record, std::string_view name, double fallback) {
  const Scalar* value = record.find(name);
  if (value == nullptr) return fallback;
  if (const auto* number = std::get_if<double>(value)) return *number;
  return static_cast<double>(std::get<std::int64_t>(*value));
}
inline std::vector<std::string> strings_or_empty(const Record& record, std::string_view name) {
  const Scalar* value = record.find(name);
  return value == nullptr ? std::vector<std::string>{} : std::get<std::vector<std::string>>(*value);
}

// [strategy] and [[strategy.phases]] (strategy_parameters.cpp).
void add_strategy_rows(Rows& rows);

}  // namespace adoptsim::scenario::workplace_rows
