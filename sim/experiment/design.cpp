#include "adoptsim/experiment/design.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <set>

#include "adoptsim/common/input_file.hpp"
#include "adoptsim/engine/random.hpp"
#include "adoptsim/scenario/parameters.hpp"

namespace adoptsim::experiment {
namespace {

// StreamKey::purpose of a Latin hypercube's draws (agent: the key's index).
constexpr std::uint32_t kLatinHypercubePurpose = 31;
// A points file is a few thousand short rows; far more is a mistake.
constexpr std::uintmax_t kMaxPointsFileBytes = 64ull << 20;

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(trim(text.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

double number_or_throw(const std::string& text, std::string_view what, const std::string& origin) {
  const std::optional<double> value = parse_number(text);
  if (!value) throw DesignError(origin + ": " + std::string(what) + " \"" + text + "\" is not a number");
  return *value;
}

const scenario::Parameter& settable_row(const std::string& key, std::string_view context) {
  const scenario::Parameter* row = scenario::find_parameter(key);
  if (row == nullptr) {
    std::string hint;
    if (const auto close = scenario::closest_parameter(key))
      hint = "; did you mean " + std::string(*close) + "?";
    throw DesignError(std::string(context) + ": \"" + key + "\" is not a key of the parameter table" + hint +
                      " (scenarios/README.md lists them)");
  }
  return *row;
}

bool numeric(const scenario::Parameter& row) {
  return row.kind == scenario::ValueKind::Integer || row.kind == scenario::ValueKind::Float;
}

// The design's value for unit-interval coordinate `u` of `variation`.
std::string value_at(const KeyVariation& variation, const scenario::Parameter& row, double u) {
  const double low = *variation.low;
  const double high = *variation.high;
  if (row.kind == scenario::ValueKind::Integer) {
    // Every whole number in [low, high] equally likely.
    const double first = std::ceil(low);
    const double last = std::floor(high);
    const double value = std::min(last, std::floor(first + u * (last - first + 1.0)));
    return number_text(value);
  }
  if (variation.log) return number_text(std::exp(std::log(low) + u * (std::log(high) - std::log(low))));
  return number_text(low + u * (high - low));
}

void check_range(const KeyVariation& variation, const scenario::Parameter& row) {
  const std::string& context = variation.origin;
  if (!numeric(row)) {
    throw DesignError(context + ": " + variation.key + " is " + std::string(scenario::to_string(row.kind)) +
                      ", not a number: a range needs a numeric key; list its values instead (a,b,c)");
  }
  for (const double end : {*variation.low, *variation.high}) {
    if (!row.in_bounds(end)) {
      throw DesignError(context + ": " + number_text(end) + " is outside " + variation.key + "'s bounds " +
                        row.bounds_text() + " (" + row.expected() + ")");
    }
  }
  if (variation.log && !(*variation.low > 0.0)) throw DesignError(context + ": a log range needs low > 0");
  if (row.kind == scenario::ValueKind::Integer && std::ceil(*variation.low) > std::floor(*variation.high))
    throw DesignError(context + ": " + variation.key + " is a whole number and the range holds none");
}

Design from_points_file(const std::filesystem::path& path) {
  std::string text;
  try {
    text = common::read_input_file(path, kMaxPointsFileBytes);
  } catch (const common::InputFileError& error) {
    throw DesignError(path.string() + ": " + error.what());
  }
  Design design;
  design.kind = DesignKind::Points;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> cells = split(line, ',');
    for (std::string& cell : cells) {
      if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
        cell = cell.substr(1, cell.size() - 2);
    }
    const std::string where = path.string() + ":" + std::to_string(line_number);
    if (design.keys.empty()) {
      std::set<std::string> seen;
      for (const std::string& key : cells) {
        if (key.empty()) throw DesignError(where + ": an empty column name; the header names the keys");
        settable_row(key, where);
        if (!seen.insert(key).second) throw DesignError(where + ": column " + key + " appears twice");
      }
      design.keys = cells;
      continue;
    }
    if (cells.size() != design.keys.size()) {
      throw DesignError(where + ": " + std::to_string(cells.size()) + " values, but the header names " +
                        std::to_string(design.keys.size()) + " keys");
    }
    for (std::size_t column = 0; column < cells.size(); ++column) {
      if (cells[column].empty())
        throw DesignError(where + ": no value for " + design.keys[column] + " (column " +
                          std::to_string(column + 1) + ")");
    }
    design.points.push_back(std::move(cells));
    if (design.points.size() > kMaxDesignPoints)
      throw DesignError(where + ": more than " + std::to_string(kMaxDesignPoints) + " points");
  }
  if (design.keys.empty()) throw DesignError(path.string() + ": no header: the first line names the keys");
  if (design.points.empty()) throw DesignError(path.string() + ": a header but no points");
  return design;
}

}  // namespace

std::string number_text(double value) {
  if (value == 0.0) return "0";  // never "-0"
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  return std::string(buffer, end);
}

std::string value_in_range(const KeyVariation& variation, double u) {
  return value_at(variation, *scenario::find_parameter(variation.key), u);
}

void check_ranges(const std::vector<KeyVariation>& variations, std::string_view design) {
  std::vector<std::string> keys;
  for (const KeyVariation& variation : variations) {
    const scenario::Parameter& row = settable_row(variation.key, variation.origin);
    if (std::find(keys.begin(), keys.end(), variation.key) != keys.end())
      throw DesignError(variation.origin + ": " + variation.key + " is varied twice; vary it once");
    keys.push_back(variation.key);
    if (!variation.is_range())
      throw DesignError(variation.origin + ": " + std::string(design) +
                        " samples ranges: write low..high (or low..high:log)");
    check_range(variation, row);
  }
}

std::vector<std::string> Design::overrides(std::size_t point) const {
  std::vector<std::string> texts;
  texts.reserve(keys.size());
  for (std::size_t key = 0; key < keys.size(); ++key) texts.push_back(keys[key] + "=" + points[point][key]);
  return texts;
}

std::string_view to_string(DesignKind kind) {
  switch (kind) {
    case DesignKind::Grid:
      return "grid";
    case DesignKind::Zip:
      return "zip";
    case DesignKind::LatinHypercube:
      return "lhs";
    case DesignKind::Sobol:
      return "sobol";
    case DesignKind::Points:
      return "points";
  }
  return "grid";
}

std::optional<DesignKind> parse_design_kind(std::string_view text) {
  for (const DesignKind kind : {DesignKind::Grid, DesignKind::Zip, DesignKind::LatinHypercube,
                                DesignKind::Sobol, DesignKind::Points}) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

KeyVariation parse_variation(std::string_view text, std::string origin) {
  if (origin.empty()) origin = "--vary " + std::string(text);
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos)
    throw DesignError(origin + ": expected KEY=SPEC, e.g. strategy.pilot_size=8,12,16");
  KeyVariation variation;
  variation.origin = origin;
  variation.key = trim(text.substr(0, equals));
  variation.spec = trim(text.substr(equals + 1));
  if (variation.key.empty()) throw DesignError(origin + ": no key before '='");
  if (variation.spec.empty())
    throw DesignError(origin + ": no values after '=' (a,b,c, start:stop:step or low..high)");
  const std::string& spec = variation.spec;
  if (const std::size_t dots = spec.find(".."); dots != std::string::npos) {
    std::string high_text = spec.substr(dots + 2);
    if (high_text.ends_with(":log")) {
      variation.log = true;
      high_text.resize(high_text.size() - 4);
    }
    variation.low = number_or_throw(trim(spec.substr(0, dots)), "the range's low end", origin);
    variation.high = number_or_throw(trim(high_text), "the range's high end", origin);
    if (*variation.low > *variation.high)
      throw DesignError(origin + ": the range's low end is above its high end");
    return variation;
  }
  if (spec.find(':') != std::string::npos) {
    const std::vector<std::string> parts = split(spec, ':');
    if (parts.size() != 3) throw DesignError(origin + ": expected start:stop:step, three numbers");
    const double start = number_or_throw(parts[0], "start", origin);
    const double stop = number_or_throw(parts[1], "stop", origin);
    const double step = number_or_throw(parts[2], "step", origin);
    if (!(step != 0.0) || (stop - start) / step < 0.0)
      throw DesignError(origin + ": a step of " + parts[2] + " never goes from " + parts[0] + " to " +
                        parts[1]);
    // Steps are counted, not added, so 0:1:0.1 ends on 1 and not 0.9999999999999999.
    const double steps = std::floor((stop - start) / step + 1e-9);
    if (steps + 1.0 > static_cast<double>(kMaxValuesPerKey))
      throw DesignError(origin + ": more than " + std::to_string(kMaxValuesPerKey) + " values");
    const auto count = static_cast<std::size_t>(steps) + 1;
    for (std::size_t index = 0; index < count; ++index) {
      // Twelve significant digits hide the steps' rounding (0.30000000000000004).
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.12g", start + static_cast<double>(index) * step);
      variation.values.push_back(number_text(*parse_number(buffer)));
    }
    return variation;
  }
  variation.values = split(spec, ',');
  for (const std::string& value : variation.values) {
    if (value.empty()) throw DesignError(origin + ": an empty value in the list");
  }
  if (variation.values.size() > kMaxValuesPerKey)
    throw DesignError(origin + ": more than " + std::to_string(kMaxValuesPerKey) + " values");
  return variation;
}

Design build_design(const DesignSpec& spec) {
  if (spec.kind == DesignKind::Points) {
    if (!spec.variations.empty())
      throw DesignError("a points file holds the whole design: leave out --vary (or [sweep.vary])");
    return from_points_file(spec.points_file);
  }
  if (spec.variations.empty())
    throw DesignError("the design varies nothing: add --vary KEY=SPEC (or a [sweep.vary] table)");
  Design design;
  design.kind = spec.kind;
  std::vector<const scenario::Parameter*> rows;
  for (const KeyVariation& variation : spec.variations) {
    const std::string& context = variation.origin;
    rows.push_back(&settable_row(variation.key, context));
    if (std::find(design.keys.begin(), design.keys.end(), variation.key) != design.keys.end())
      throw DesignError(context + ": " + variation.key + " is varied twice; vary it once");
    design.keys.push_back(variation.key);
    const bool sampled = spec.kind == DesignKind::LatinHypercube || spec.kind == DesignKind::Sobol;
    if (sampled && !variation.is_range()) {
      throw DesignError(context + (spec.kind == DesignKind::LatinHypercube ? ": an " : ": a ") +
                        std::string(to_string(spec.kind)) +
                        " design samples ranges: write low..high (or low..high:log)");
    }
    if (!sampled && variation.is_range()) {
      throw DesignError(context +
                        ": a range is sampled, not listed: use --design lhs or sobol with "
                        "--points N, or list values (a,b,c or start:stop:step)");
    }
    if (variation.is_range()) check_range(variation, *rows.back());
  }

  const std::size_t keys = spec.variations.size();
  switch (spec.kind) {
    case DesignKind::Grid: {
      double count = 1.0;
      for (const KeyVariation& variation : spec.variations)
        count *= static_cast<double>(variation.values.size());
      if (count > static_cast<double>(kMaxDesignPoints))
        throw DesignError("the grid has " + number_text(count) + " points, more than " +
                          std::to_string(kMaxDesignPoints) + "; vary fewer keys or fewer values");
      std::vector<std::size_t> index(keys, 0);
      for (std::size_t point = 0; point < static_cast<std::size_t>(count); ++point) {
        std::vector<std::string> values(keys);
        for (std::size_t key = 0; key < keys; ++key) values[key] = spec.variations[key].values[index[key]];
        design.points.push_back(std::move(values));
        for (std::size_t key = keys; key-- > 0;) {  // the last key varies fastest
          if (++index[key] < spec.variations[key].values.size()) break;
          index[key] = 0;
        }
      }
      break;
    }
    case DesignKind::Zip: {
      const std::size_t count = spec.variations.front().values.size();
      for (const KeyVariation& variation : spec.variations) {
        if (variation.values.size() != count) {
          throw DesignError("--design zip pairs the keys' values one to one: " + spec.variations.front().key +
                            " has " + std::to_string(count) + " values, " + variation.key + " " +
                            std::to_string(variation.values.size()));
        }
      }
      for (std::size_t point = 0; point < count; ++point) {
        std::vector<std::string> values(keys);
        for (std::size_t key = 0; key < keys; ++key) values[key] = spec.variations[key].values[point];
        design.points.push_back(std::move(values));
      }
      break;
    }
    case DesignKind::LatinHypercube:
    case DesignKind::Sobol: {
      if (spec.points == 0)
        throw DesignError("--design " + std::string(to_string(spec.kind)) + " needs --points N, N >= 1");
      if (spec.points > kMaxDesignPoints)
        throw DesignError("--points " + std::to_string(spec.points) + ": at most " +
                          std::to_string(kMaxDesignPoints));
      design.points.assign(spec.points, std::vector<std::string>(keys));
      if (spec.kind == DesignKind::LatinHypercube) {
        for (std::size_t key = 0; key < keys; ++key) {
          engine::RandomStream stream(
              engine::StreamKey{spec.seed, 0, static_cast<std::uint32_t>(key), kLatinHypercubePurpose});
          std::vector<std::uint32_t> stratum(spec.points);
          std::iota(stratum.begin(), stratum.end(), 0u);
          for (std::uint32_t index = spec.points; index > 1; --index)  // Fisher–Yates
            std::swap(stratum[index - 1], stratum[stream.below(index)]);
          for (std::size_t point = 0; point < spec.points; ++point) {
            const double u = (static_cast<double>(stratum[point]) + stream.uniform()) / spec.points;
            design.points[point][key] = value_at(spec.variations[key], *rows[key], u);
          }
        }
      } else {
        boost::random::sobol sequence(keys);
        for (std::size_t point = 0; point < spec.points; ++point) {
          for (std::size_t key = 0; key < keys; ++key) {
            const double u = std::ldexp(static_cast<double>(sequence()), -64);
            design.points[point][key] = value_at(spec.variations[key], *rows[key], u);
          }
        }
      }
      break;
    }
    case DesignKind::Points:
      break;
  }
  return design;
}

}  // namespace adoptsim::experiment
