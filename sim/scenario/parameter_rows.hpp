// Shared by the files that build rows of the parameter table and write it
// as text: typed access to checked values, and the largest seed.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "adoptsim/scenario/parameters.hpp"

namespace adoptsim::scenario {

// The largest seed: TOML integers are signed 64-bit; as a double this is
// 2^63, which the reference prints as the largest int64.
inline constexpr double kMaxSeed = 9223372036854775807.0;

// What every key naming people holds: the organisation file's own ids, as
// strings (scenarios/README.md, "Person ids", says how they are matched).
inline constexpr std::string_view kPersonIdsQuantity = "an array of person ids as strings, e.g. [\"E1042\"]";

// The value of a row already checked against its kind.
inline std::int64_t as_int(const Value& value) { return std::get<std::int64_t>(value); }
inline double as_float(const Value& value) { return std::get<double>(value); }
inline bool as_bool(const Value& value) { return std::get<bool>(value); }
inline const std::string& as_string(const Value& value) { return std::get<std::string>(value); }
inline std::uint32_t as_u32(const Value& value) { return static_cast<std::uint32_t>(as_int(value)); }
inline std::uint64_t as_u64(const Value& value) { return static_cast<std::uint64_t>(as_int(value)); }
inline Value int_value(std::uint64_t number) { return Value{static_cast<std::int64_t>(number)}; }

// The largest headcount a generated organisation may have.
inline constexpr double kMaxHeadcount = 1000000.0;

// Rows of [organisation] and of an import's column names, appended in the
// order the reference prints them.
void add_organisation_parameters(std::vector<Parameter>& table);

// Rows of model.kind = "workplace": [model.workplace.*], [strategy],
// [budget] and `incidents`, appended in the order the reference prints them.
void add_workplace_parameters(std::vector<Parameter>& table);

// Rows of [sweep], the design `adoptsim sweep` runs when its flags give none.
void add_sweep_parameters(std::vector<Parameter>& table);

}  // namespace adoptsim::scenario
