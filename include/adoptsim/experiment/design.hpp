// A sweep's design: which keys of the parameter table vary and the points
// (one value per key) an experiment evaluates. Points are the texts `--set
// KEY=VALUE` takes, so a swept key gets the same types, bounds,
// applicability checks and messages as a key in a file.
//
// How a key varies (KEY=SPEC, the `--vary` flag and `[sweep.vary]`):
//   a,b,c              these values (numbers, or strings for a string key)
//   start:stop:step    start, start + step, ... up to stop (included when
//                      a whole number of steps reaches it)
//   low..high          a range, sampled uniformly by a Latin hypercube or
//                      Sobol design; low..high:log samples its logarithm
// Designs: grid (every combination of the keys' values, the first key
// varying slowest), zip (the keys' values side by side, all lists of one
// length), lhs (Latin hypercube of `points` points over the ranges, seeded),
// sobol (the first `points` points of the Sobol sequence over the ranges,
// Boost's Joe–Kuo directions, from (1/2, ..., 1/2): the origin is left
// out), and a CSV file of points
// (a header of keys, one row per point).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace adoptsim::experiment {

// A design that cannot be built, said as a colleague would, naming the flag
// or the key.
class DesignError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct KeyVariation {
  std::string origin;  // where it was written, for messages: "--vary KEY=SPEC", or a file's line
  std::string key;
  std::string spec;                 // as written after '='
  std::vector<std::string> values;  // a list or a start:stop:step (empty for a range)
  std::optional<double> low;        // a range low..high
  std::optional<double> high;
  bool log = false;
  bool is_range() const { return low.has_value(); }
};

// Parses "KEY=SPEC" written at `origin` (default "--vary KEY=SPEC"), which
// every message about it starts with. Throws DesignError for a missing '=',
// an empty key or spec, a malformed number, a step that never reaches stop,
// more than kMaxValuesPerKey values or a range with low > high. The key is
// not looked up here (see build_design).
KeyVariation parse_variation(std::string_view text, std::string origin = {});
inline constexpr std::size_t kMaxValuesPerKey = 100000;

enum class DesignKind : std::uint8_t { Grid, Zip, LatinHypercube, Sobol, Points };
std::string_view to_string(DesignKind kind);  // "grid", "zip", "lhs", "sobol", "points"
std::optional<DesignKind> parse_design_kind(std::string_view text);

struct DesignSpec {
  DesignKind kind = DesignKind::Grid;
  std::vector<KeyVariation> variations;  // grid, zip, lhs, sobol
  std::uint32_t points = 0;              // lhs, sobol
  std::uint64_t seed = 1;                // lhs
  std::filesystem::path points_file;     // points
};

struct Design {
  DesignKind kind = DesignKind::Grid;
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> points;  // [point][key]: the VALUE of --set KEY=VALUE
  // The point's overrides, "KEY=VALUE" in key order.
  std::vector<std::string> overrides(std::size_t point) const;
};

// Expands the spec into its points. Every key must be a key of the parameter
// table that `--set` can set (a suggestion when it is a likely typo), named
// once; a range's key must be numeric and the range within the key's bounds
// (a log range above 0); an integer key's range samples whole numbers. A
// grid or zip takes value lists only, lhs and sobol ranges only. Throws
// DesignError; an empty design is an error, and so is one over
// kMaxDesignPoints points.
Design build_design(const DesignSpec& spec);
inline constexpr std::size_t kMaxDesignPoints = 10'000'000;

// The value of a range's key at unit-interval coordinate u in [0, 1]: low +
// u (high − low), or its logarithm's for a log range; an integer key's
// whole numbers in [low, high] equally likely. Precondition: the variation is
// a range that check_ranges accepted.
std::string value_in_range(const KeyVariation& variation, double u);

// Every variation a range of a numeric, settable key within its bounds (a
// log range above 0), each key once; `design` names the design in messages
// ("a sobol design samples ranges"). Throws DesignError.
void check_ranges(const std::vector<KeyVariation>& variations, std::string_view design);

// "1.5", "0.1", "300": the shortest text that reads back as `value`.
std::string number_text(double value);

}  // namespace adoptsim::experiment
