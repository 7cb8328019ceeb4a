// load_scenario: reads the file and the files it extends with toml++, merges
// them, checks every key against the parameter table and resolves the
// Scenario. With overrides.cpp (the `--set` snippets), the only files of the
// module that see toml++ types.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "adoptsim/common/input_file.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/scenario/parameters.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "cross_checks.hpp"
#include "overrides.hpp"

namespace adoptsim::scenario {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxValueText = 60;

Location location_of(const toml::source_region& region, const std::string& fallback_file) {
  Location location{region.path ? *region.path : fallback_file, static_cast<int>(region.begin.line),
                    static_cast<int>(region.begin.column)};
  return location;
}

std::string type_phrase(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "an empty value";
}

// The value as TOML text, shortened for messages.
std::string node_text(const toml::node& node) {
  std::string text;
  if (const auto* string = node.as_string()) {
    text = to_toml_literal(Value{string->get()});
  } else if (const auto* integer = node.as_integer()) {
    text = std::to_string(integer->get());
  } else if (const auto* floating = node.as_floating_point()) {
    text = to_toml_literal(Value{floating->get()});
  } else if (const auto* boolean = node.as_boolean()) {
    text = boolean->get() ? "true" : "false";
  } else if (const auto* array = node.as_array()) {
    text = "[";
    for (std::size_t i = 0; i < array->size() && text.size() < kMaxValueText; ++i) {
      text += (i > 0 ? ", " : "") + node_text(*array->get(i));
    }
    text += "]";
  } else if (node.is_table()) {
    text = "{ ... }";
  } else {
    // Dates and times: print through toml++'s own formatter.
    node.visit([&text](const auto& concrete) {
      std::ostringstream out;
      out << concrete;
      text = out.str();
    });
  }
  if (text.size() > kMaxValueText) text = text.substr(0, kMaxValueText - 3) + "...";
  return text;
}

// Tables merge key by key; anything else in `overrides` replaces what `base`
// has. Nodes are moved so that they keep their source regions (file, line).
void deep_merge(toml::table& base, toml::table&& overrides) {
  for (auto&& [key, node] : overrides) {
    toml::table* base_table = base.get_as<toml::table>(key.str());
    if (base_table != nullptr && node.is_table()) {
      deep_merge(*base_table, std::move(*node.as_table()));
    } else {
      base.insert_or_assign(key, std::move(node));
    }
  }
}

// Reads one file of an `extends` chain and, recursively, the files it extends.
class ChainLoader {
 public:
  explicit ChainLoader(std::vector<ScenarioError>& errors) : errors_(errors) {}

  // `display` is the path as messages show it; `included_from` is where the
  // `extends` naming this file is written (nullopt for the scenario itself).
  std::optional<toml::table> load(const fs::path& display, const std::optional<Location>& included_from,
                                  const std::string& extends_text) {
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(display, error);
    const fs::path identity = error ? display.lexically_normal() : canonical;
    if (const auto cycle = std::find(stack_.begin(), stack_.end(), identity); cycle != stack_.end()) {
      std::string chain;
      for (auto it = cycle; it != stack_.end(); ++it) chain += display_of_[*it] + " -> ";
      chain += display.string();
      errors_.push_back(make_error(*included_from, "extends", extends_text, "makes a cycle: " + chain, {},
                                   "remove `extends` from one of these files"));
      return std::nullopt;
    }
    std::string text;
    try {
      text = common::read_input_file(display, common::kMaxScenarioFileBytes);
    } catch (const common::InputFileError& unreadable) {
      if (included_from) {
        errors_.push_back(
            make_error(*included_from, "extends", extends_text,
                       "names a file that cannot be read: " + display.string() + " " + unreadable.what(), {},
                       "paths in `extends` are relative to the file that contains them"));
      } else {
        errors_.push_back(
            make_error({display.string(), 0, 0}, {}, {},
                       std::string("cannot be read as a scenario file: it ") + unreadable.what()));
      }
      return std::nullopt;
    }

    toml::table table;
    try {
      table = toml::parse(text, display.string());
    } catch (const toml::parse_error& parse_error) {
      errors_.push_back(make_error(location_of(parse_error.source(), display.string()), {}, {},
                                   "is not valid TOML: " + std::string(parse_error.description())));
      return std::nullopt;
    }

    stack_.push_back(identity);
    display_of_[identity] = display.string();
    std::optional<toml::table> merged;
    if (toml::node* extends = table.get("extends")) {
      const Location where = location_of(extends->source(), display.string());
      if (const auto* path = extends->as_string()) {
        const std::string text_of_path = to_toml_literal(Value{path->get()});
        merged = load((display.parent_path() / path->get()).lexically_normal(), where, text_of_path);
      } else {
        errors_.push_back(make_error(where, "extends", node_text(*extends), "is " + type_phrase(*extends),
                                     find_parameter("extends")->expected()));
      }
      table.erase("extends");
    }
    stack_.pop_back();
    files_.push_back(display);
    if (!merged) return table;
    deep_merge(*merged, std::move(table));
    return merged;
  }

  // The files read, the most basic first.
  const std::vector<fs::path>& files() const { return files_; }

 private:
  std::vector<ScenarioError>& errors_;
  std::vector<fs::path> stack_;
  std::map<fs::path, std::string> display_of_;
  std::vector<fs::path> files_;
};

// Walks the merged table against the parameter table: every key known, every
// value of the right type and within bounds.
class Checker {
 public:
  Checker(std::vector<ScenarioError>& errors, std::string root_file)
      : errors_(errors), root_file_(std::move(root_file)) {
    for (const Parameter& parameter : parameters()) {
      std::string_view key = parameter.key;
      for (auto dot = key.rfind('.'); dot != std::string_view::npos; dot = key.rfind('.')) {
        key = key.substr(0, dot);
        table_prefixes_.insert(std::string(key));
      }
    }
  }

  void walk(const toml::table& table, const std::string& prefix) {
    for (auto&& [key, node] : table) {
      const std::string name =
          prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
      const Parameter* parameter = find_parameter(name);
      if (parameter != nullptr && !parameter->not_yet_available.empty()) {
        errors_.push_back(make_error(where(node), name, node_text(node),
                                     "is not available yet: " + std::string(parameter->not_yet_available)));
      } else if (parameter != nullptr && !is_record_field(*parameter)) {
        if (auto value = convert(*parameter, node, name)) {
          found_[name] = Found{std::move(*value), where(node)};
        }
      } else if (const auto* child = node.as_table()) {
        walk(*child, name);
      } else if (table_prefixes_.count(name) > 0) {
        errors_.push_back(make_error(where(node), name, node_text(node), "is " + type_phrase(node),
                                     "a table: write [" + name + "] and its keys below it"));
      } else {
        unknown_key(location_of(key.source(), root_file_), name);
      }
    }
  }

  const std::map<std::string, Found>& found() const { return found_; }

 private:
  static bool is_record_field(const Parameter& parameter) {
    const auto dot = parameter.key.rfind('.');
    if (dot == std::string_view::npos) return false;
    const Parameter* parent = find_parameter(parameter.key.substr(0, dot));
    return parent != nullptr && parent->kind == ValueKind::TableArray;
  }

  Location where(const toml::node& node) const { return location_of(node.source(), root_file_); }

  // The "did you mean" hint is added once the problems are capped
  // (add_suggestions): a file of 200,000 unknown keys must not cost 200,000
  // searches of the table.
  void unknown_key(const Location& at, const std::string& shown) {
    errors_.push_back(make_error(at, shown, {}, "is not a known key"));
  }

  void wrong_type(const Parameter& parameter, const toml::node& node, const std::string& shown) {
    errors_.push_back(
        make_error(where(node), shown, node_text(node), "is " + type_phrase(node), parameter.expected()));
  }

  // Checks bounds; reports and returns false when out of range.
  bool check_bounds(const Parameter& parameter, const toml::node& node, const std::string& shown,
                    double number) {
    if (parameter.in_bounds(number)) return true;
    errors_.push_back(
        make_error(where(node), shown, node_text(node), "is out of range", parameter.expected()));
    return false;
  }

  // The scalar for `parameter`, or nullopt after reporting why not.
  std::optional<Scalar> convert_scalar(const Parameter& parameter, const toml::node& node,
                                       const std::string& shown, ValueKind kind) {
    switch (kind) {
      case ValueKind::Integer:
      case ValueKind::IntegerArray: {
        const auto* integer = node.as_integer();
        if (integer == nullptr) break;
        if (!check_bounds(parameter, node, shown, static_cast<double>(integer->get()))) return std::nullopt;
        return Scalar{integer->get()};
      }
      case ValueKind::Float:
      case ValueKind::FloatArray: {
        double number = 0.0;
        if (const auto* floating = node.as_floating_point()) {
          number = floating->get();
        } else if (const auto* integer = node.as_integer()) {
          number = static_cast<double>(integer->get());
        } else {
          break;
        }
        if (!check_bounds(parameter, node, shown, number)) return std::nullopt;
        return Scalar{number};
      }
      case ValueKind::Boolean:
        if (const auto* boolean = node.as_boolean()) return Scalar{boolean->get()};
        break;
      case ValueKind::String:
      case ValueKind::StringArray:
        if (const auto* string = node.as_string()) return Scalar{string->get()};
        break;
      case ValueKind::TableArray:
      case ValueKind::StringTable:
        break;
    }
    wrong_type(parameter, node, shown);
    return std::nullopt;
  }

  // A string (or each string of an array) must be one of the row's choices.
  bool check_choice(const Parameter& parameter, const toml::node& node, const std::string& shown,
                    const std::string& text) {
    if (parameter.choices.empty() ||
        std::find(parameter.choices.begin(), parameter.choices.end(), text) != parameter.choices.end()) {
      return true;
    }
    std::string hint;
    if (const auto suggestion = closest_choice(text, parameter.choices))
      hint = "did you mean \"" + std::string(*suggestion) + "\"?";
    errors_.push_back(make_error(where(node), shown, node_text(node), "is not a known choice",
                                 parameter.expected(), std::move(hint)));
    return false;
  }

  // Runs the row's own rule and its list of choices.
  bool check_rules(const Parameter& parameter, const toml::node& node, const std::string& shown,
                   const Value& value) {
    if (parameter.check != nullptr) {
      if (std::string problem = parameter.check(value); !problem.empty()) {
        errors_.push_back(
            make_error(where(node), shown, node_text(node), std::move(problem), parameter.expected()));
        return false;
      }
    }
    if (parameter.kind == ValueKind::String)
      return check_choice(parameter, node, shown, std::get<std::string>(value));
    return true;
  }

  std::optional<Value> convert(const Parameter& parameter, const toml::node& node, const std::string& name) {
    std::optional<Value> value;
    switch (parameter.kind) {
      case ValueKind::Integer:
      case ValueKind::Float:
      case ValueKind::Boolean:
      case ValueKind::String:
        if (auto scalar = convert_scalar(parameter, node, name, parameter.kind)) {
          value =
              std::visit([](auto&& v) { return Value{std::forward<decltype(v)>(v)}; }, std::move(*scalar));
        }
        break;
      case ValueKind::IntegerArray:
      case ValueKind::FloatArray:
      case ValueKind::StringArray:
        value = convert_array(parameter, node, name);
        break;
      case ValueKind::TableArray:
        value = convert_records(parameter, node, name);
        break;
      case ValueKind::StringTable:
        value = convert_string_table(parameter, node, name);
        break;
    }
    if (value && !check_rules(parameter, node, name, *value)) return std::nullopt;
    return value;
  }

  std::optional<Value> convert_array(const Parameter& parameter, const toml::node& node,
                                     const std::string& name) {
    const auto* array = node.as_array();
    if (array == nullptr) {
      wrong_type(parameter, node, name);
      return std::nullopt;
    }
    std::vector<std::int64_t> integers;
    std::vector<double> numbers;
    std::vector<std::string> strings;
    bool ok = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const std::string shown = name + "[" + std::to_string(i) + "]";
      const auto scalar = convert_scalar(parameter, *array->get(i), shown, parameter.kind);
      if (!scalar) {
        ok = false;
      } else if (parameter.kind == ValueKind::IntegerArray) {
        integers.push_back(std::get<std::int64_t>(*scalar));
      } else if (parameter.kind == ValueKind::StringArray) {
        strings.push_back(std::get<std::string>(*scalar));
        ok = check_choice(parameter, *array->get(i), shown, strings.back()) && ok;
      } else {
        numbers.push_back(std::get<double>(*scalar));
      }
    }
    if (!ok) return std::nullopt;
    if (parameter.kind == ValueKind::IntegerArray) return Value{std::move(integers)};
    if (parameter.kind == ValueKind::StringArray) return Value{std::move(strings)};
    return Value{std::move(numbers)};
  }

  // A table of free keys whose values are strings: one Record, fields in file order.
  std::optional<Value> convert_string_table(const Parameter& parameter, const toml::node& node,
                                            const std::string& name) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      wrong_type(parameter, node, name);
      return std::nullopt;
    }
    Record record;
    bool ok = true;
    for (auto&& [key, entry] : *table) {
      const std::string shown = name + ".\"" + std::string(key.str()) + "\"";
      const auto* string = entry.as_string();
      if (string == nullptr) {
        errors_.push_back(
            make_error(where(entry), shown, node_text(entry), "is " + type_phrase(entry), "a string"));
        ok = false;
        continue;
      }
      record.fields.emplace_back(std::string(key.str()), Scalar{string->get()});
    }
    if (!ok) return std::nullopt;
    return Value{std::vector<Record>{std::move(record)}};
  }

  std::optional<Value> convert_records(const Parameter& parameter, const toml::node& node,
                                       const std::string& name) {
    const auto* array = node.as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      if (array != nullptr && array->empty()) return Value{std::vector<Record>{}};
      wrong_type(parameter, node, name);
      return std::nullopt;
    }
    std::vector<Record> records;
    bool ok = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::table& table = *array->get(i)->as_table();
      const std::string shown = name + "[" + std::to_string(i) + "]";
      Record record;
      for (auto&& [key, field_node] : table) {
        const std::string field_key = name + "." + std::string(key.str());
        const std::string field_shown = shown + "." + std::string(key.str());
        const Parameter* field = find_parameter(field_key);
        if (field == nullptr) {
          unknown_key(location_of(key.source(), root_file_), field_shown);
          ok = false;
          continue;
        }
        std::optional<Value> field_value = convert(*field, field_node, field_shown);
        if (!field_value) {
          ok = false;
          continue;
        }
        record.fields.emplace_back(std::string(key.str()), to_scalar(std::move(*field_value)));
      }
      // A field without a default is required.
      const std::string prefix = name + ".";
      for (const Parameter& field : parameters()) {
        if (field.key.size() <= prefix.size() || field.key.substr(0, prefix.size()) != prefix) continue;
        const std::string_view field_name = field.key.substr(prefix.size());
        if (field.default_value) continue;
        if (!table.contains(field_name)) {
          errors_.push_back(make_error(where(table), shown, {}, "has no `" + std::string(field_name) + "`",
                                       field.expected()));
          ok = false;
        }
      }
      records.push_back(std::move(record));
    }
    if (!ok) return std::nullopt;
    return Value{std::move(records)};
  }

  // Record fields are scalars or arrays of integers or strings (the table
  // has no other kind of field).
  static Scalar to_scalar(Value&& value) {
    return std::visit(
        [](auto&& v) -> Scalar {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_constructible_v<Scalar, T>) {
            return Scalar{std::forward<decltype(v)>(v)};
          } else {
            throw std::logic_error("a record field of a kind records cannot hold");
          }
        },
        std::move(value));
  }

  std::vector<ScenarioError>& errors_;
  std::string root_file_;
  std::set<std::string> table_prefixes_;
  std::map<std::string, Found> found_;
};

// The length of the well-formed UTF-8 sequence at the start of `text`, or 0
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed).
std::size_t utf8_sequence_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;
    if (lead == 0xED && byte(1) > 0x9F) return 0;
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;
    if (lead == 0xF4 && byte(1) > 0x8F) return 0;
    return 4;
  }
  return 0;
}

// `text` with every byte that is not part of well-formed UTF-8 shown as
// \xNN, so a message can name it; nullopt when `text` is well-formed.
std::optional<std::string> escaped_if_not_utf8(std::string_view text) {
  std::string escaped;
  bool ill_formed = false;
  while (!text.empty()) {
    const std::size_t length = utf8_sequence_length(text);
    if (length == 0) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(text.front()));
      escaped += hex;
      ill_formed = true;
      text.remove_prefix(1);
    } else {
      escaped.append(text.substr(0, length));
      text.remove_prefix(length);
    }
  }
  if (!ill_formed) return std::nullopt;
  return escaped;
}

// The key without record or element indices: "strategy.phases[2].name" is
// the row "strategy.phases.name".
std::string without_indices(const std::string& key) {
  std::string bare;
  bool in_index = false;
  for (const char c : key) {
    if (c == '[') in_index = true;
    if (!in_index) bare += c;
    if (c == ']') in_index = false;
  }
  return bare;
}

// "did you mean `seed`?" for each unknown key that is a likely typo of a known one.
void add_suggestions(std::vector<ScenarioError>& problems) {
  for (ScenarioError& problem : problems) {
    if (problem.problem != "is not a known key" || !problem.hint.empty()) continue;
    if (const auto suggestion = closest_parameter(without_indices(problem.key)))
      problem.hint = "did you mean `" + std::string(*suggestion) + "`?";
  }
}

// The kind a problem counts under for the cap: the key without record or
// element indices ("strategy.phases.start_day"), or what the problem is when
// the key itself is the problem (an unknown key) or there is none.
std::string kind_of(const ScenarioError& error) {
  if (error.key.empty()) return error.problem;
  if (error.problem == "is not a known key") return "unknown key";
  return without_indices(error.key);
}

// Keeps the first kMaxScenarioErrorsPerKind problems of each kind, in order,
// and says at the end how many more of each kind there were (the policy and
// wording of the CSV importers).
void cap_per_kind(std::vector<ScenarioError>& problems, const std::string& file) {
  std::map<std::string, std::size_t> seen;
  std::vector<ScenarioError> kept;
  for (ScenarioError& problem : problems) {
    if (++seen[kind_of(problem)] <= kMaxScenarioErrorsPerKind) kept.push_back(std::move(problem));
  }
  for (const auto& [kind, count] : seen) {
    if (count <= kMaxScenarioErrorsPerKind) continue;
    kept.push_back(make_error({file, 0, 0}, {}, {},
                              "and " + std::to_string(count - kMaxScenarioErrorsPerKind) +
                                  " more problems of this kind (" + kind +
                                  ") not shown; fix the ones above and run again"));
  }
  problems = std::move(kept);
}

}  // namespace

LoadResult load_scenario(const std::filesystem::path& path, std::span<const std::string> overrides) {
  LoadResult result;
  std::vector<ScenarioError>& errors = result.errors;
  const std::string root_file = path.string();

  // The path is written into the result files (JSON, CSV) and the resolved
  // TOML, which hold only UTF-8: refused here, before any work, rather than
  // failing when the results are written.
  if (const auto escaped = escaped_if_not_utf8(root_file)) {
    errors.push_back(
        make_error({*escaped, 0, 0}, {}, {},
                   "the file name is not valid UTF-8 (the bytes shown as \\xNN), and result "
                   "files can only name it in UTF-8; rename the file (or its folder) and run again"));
    return result;
  }

  ChainLoader chain(errors);
  std::optional<toml::table> merged = chain.load(path, std::nullopt, {});
  if (!merged) return result;
  // Overrides in the order given, each over the files and the ones before it.
  std::vector<std::pair<std::string, std::string>> override_keys;  // (flag text, key)
  for (const std::string& override_text : overrides) {
    std::string key;
    if (std::optional<toml::table> table = override_table(override_text, key, errors)) {
      deep_merge(*merged, std::move(*table));
      override_keys.emplace_back(std::string(kOverrideFlag) + override_text, key);
    }
  }

  Checker checker(errors, root_file);
  checker.walk(*merged, "");

  // Resolve: each row's value from the files, else its default, in table order
  // (model.kind comes before the parameters of the model it selects).
  Scenario scenario;
  for (const Parameter& parameter : parameters()) {
    if (parameter.apply == nullptr) continue;
    if (const auto it = checker.found().find(std::string(parameter.key)); it != checker.found().end()) {
      parameter.apply(it->second.value, scenario);
    } else if (parameter.default_value) {
      parameter.apply(*parameter.default_value, scenario);
    }
  }
  if (scenario.name.empty()) scenario.name = path.stem().string();
  for (const auto& [key, found] : checker.found()) {
    if (key.starts_with("sweep.")) scenario.sweep.present = true;
  }
  // A sweep's points file is relative to the file that names it.
  if (!scenario.sweep.points_file.empty() && scenario.sweep.points_file.is_relative()) {
    const auto found = checker.found().find("sweep.points_file");
    const fs::path base = found == checker.found().end() ? path : fs::path(found->second.where.file);
    std::error_code error;
    scenario.sweep.points_file =
        fs::absolute(base.parent_path() / scenario.sweep.points_file, error).lexically_normal();
  }
  if (scenario.organisation_source == OrganisationSource::File) {
    // Paths are relative to the file that sets them; stored absolute so the
    // resolved scenario means the same from anywhere.
    const auto anchor = [&](const char* key, fs::path& value) {
      if (value.empty() || value.is_absolute()) return;
      const auto found = checker.found().find(key);
      const fs::path base = found == checker.found().end() ? path : fs::path(found->second.where.file);
      std::error_code error;
      value = fs::absolute(base.parent_path() / value, error).lexically_normal();
    };
    org::ImportOptions& import = scenario.organisation_import;
    anchor("organisation.file", import.file);
    if (import.ties_file) anchor("organisation.ties_file", *import.ties_file);
    anchor("organisation.pseudonym_key_file", scenario.pseudonym_key_file);
    // Optional columns a file maps to a header name of its own must be in the
    // data file (a resolved scenario, which restates the defaults, maps none).
    const auto mapped = [&](const std::string& key) {
      const auto found = checker.found().find(key);
      const Parameter* row = find_parameter(key);
      if (found == checker.found().end() || row == nullptr || !row->default_value) return false;
      return std::get<std::string>(found->second.value) != std::get<std::string>(*row->default_value);
    };
    for (const char* column : {"role", "team", "location", "tenure", "title"}) {
      if (mapped(std::string("organisation.columns.") + column)) import.columns.mapped.emplace_back(column);
    }
    for (const char* column : {"weight", "kind"}) {
      if (mapped(std::string("organisation.tie_columns.") + column))
        import.tie_columns.mapped.emplace_back(column);
    }
    import.tie_weights = scenario.organisation.tie_weights;
    import.department_rewiring_probability = scenario.organisation.department_rewiring_probability;
    import.seed = scenario.organisation_seed;
  }
  scenario.source_path = path;
  scenario.files = chain.files();

  for (const auto& [key, found] : checker.found()) {
    const Location& at = found.where;
    scenario.set_at[key] = is_override_location(at.file)
                               ? at.file
                               : at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
  }
  scenario.overrides.assign(overrides.begin(), overrides.end());
  check_overrides_apply(scenario, override_keys, errors);
  check_across_keys(scenario, checker.found(), root_file, errors, result.warnings);
  if (errors.empty() && scenario.organisation_source == OrganisationSource::Generated) {
    // The generator's own rules, as a backstop for anything the table cannot express.
    for (const std::string& problem : org::validate(scenario.organisation)) {
      errors.push_back(
          make_error({root_file, 0, 0}, "organisation", {}, "is not a valid organisation: " + problem));
    }
  }
  // A problem with an override names the flag, which has no lines.
  for (std::vector<ScenarioError>* list : {&errors, &result.warnings}) without_override_lines(*list);
  cap_per_kind(result.warnings, root_file);
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [](const ScenarioError& a, const ScenarioError& b) {
      return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    cap_per_kind(errors, root_file);
    add_suggestions(errors);
    return result;
  }
  result.scenario = std::move(scenario);
  return result;
}

}  // namespace adoptsim::scenario
