// load_scenario: reads the file and the files it extends with toml++, merges
// them, checks every key against the parameter table and resolves the
// Scenario. The only file of the module that sees toml++ types.
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "adoptsim/org/generator.hpp"
#include "adoptsim/scenario/parameters.hpp"
#include "adoptsim/scenario/scenario.hpp"

namespace adoptsim::scenario {
namespace {

namespace fs = std::filesystem;

constexpr double kShareTolerance = 1e-6;
constexpr std::size_t kMaxValueText = 60;

struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

Location location_of(const toml::source_region& region, const std::string& fallback_file) {
  Location location{region.path ? *region.path : fallback_file, static_cast<int>(region.begin.line),
                    static_cast<int>(region.begin.column)};
  return location;
}

ScenarioError make_error(const Location& where, std::string key, std::string value, std::string problem,
                         std::string expected = {}, std::string hint = {}) {
  return ScenarioError{where.file,       where.line,          where.column,       std::move(key),
                       std::move(value), std::move(expected), std::move(problem), std::move(hint)};
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
    std::ifstream in(display, std::ios::binary);
    if (!in || fs::is_directory(display, error)) {
      if (included_from) {
        errors_.push_back(make_error(*included_from, "extends", extends_text,
                                     "names a file that cannot be read: " + display.string(), {},
                                     "paths in `extends` are relative to the file that contains them"));
      } else {
        errors_.push_back(make_error({display.string(), 0, 0}, {}, {},
                                     "cannot be read: the scenario file does not exist or is not a file"));
      }
      return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();

    toml::table table;
    try {
      table = toml::parse(text.str(), display.string());
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

struct Found {
  Value value;
  Location where;
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
        unknown_key(location_of(key.source(), root_file_), name, name);
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

  void unknown_key(const Location& at, const std::string& shown, const std::string& lookup) {
    std::string hint;
    if (const auto suggestion = closest_parameter(lookup))
      hint = "did you mean `" + std::string(*suggestion) + "`?";
    errors_.push_back(make_error(at, shown, {}, "is not a known key", {}, std::move(hint)));
  }

  void wrong_type(const Parameter& parameter, const toml::node& node, const std::string& shown) {
    errors_.push_back(
        make_error(where(node), shown, node_text(node), "is " + type_phrase(node), parameter.expected()));
  }

  bool in_bounds(const Parameter& parameter, double number) const {
    if (std::isnan(number)) return false;
    if (parameter.minimum) {
      if (parameter.minimum_exclusive ? !(number > *parameter.minimum) : !(number >= *parameter.minimum)) {
        return false;
      }
    }
    if (parameter.maximum) {
      if (parameter.maximum_exclusive ? !(number < *parameter.maximum) : !(number <= *parameter.maximum)) {
        return false;
      }
    }
    return true;
  }

  // Checks bounds; reports and returns false when out of range.
  bool check_bounds(const Parameter& parameter, const toml::node& node, const std::string& shown,
                    double number) {
    if (in_bounds(parameter, number)) return true;
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
          value = std::visit([](auto&& v) { return Value{std::move(v)}; }, std::move(*scalar));
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
          unknown_key(location_of(key.source(), root_file_), field_shown, field_key);
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

// Rules that involve several keys, checked on the resolved scenario.
class CrossChecker {
 public:
  CrossChecker(std::vector<ScenarioError>& errors, std::vector<ScenarioError>& warnings,
               const std::map<std::string, Found>& found, std::string root_file)
      : errors_(errors), warnings_(warnings), found_(found), root_file_(std::move(root_file)) {}

  void check(const Scenario& scenario) {
    if (scenario.workplace) check_workplace(scenario, *scenario.workplace);
    if (scenario.organisation_source == OrganisationSource::File) {
      check_import(scenario);
    } else {
      check_generated(scenario);
    }
    if (scenario.kpi.by_day > scenario.horizon_days) {
      report({"kpi.by_day", "horizon_days"}, "kpi.by_day", std::to_string(scenario.kpi.by_day),
             "is after the horizon (horizon_days = " + std::to_string(scenario.horizon_days) + ")",
             "a day in [1, horizon_days]");
    }
    if (const auto* threshold = std::get_if<model::ThresholdParams>(&scenario.model)) {
      if (threshold->threshold_low > threshold->threshold_high) {
        report(
            {"model.threshold.threshold_low", "model.threshold.threshold_high"},
            "model.threshold.threshold_low", to_toml_literal(Value{threshold->threshold_low}),
            "is above model.threshold.threshold_high = " + to_toml_literal(Value{threshold->threshold_high}),
            "threshold_low <= threshold_high");
      }
    }
  }

 private:
  // An import's files must exist; its people are counted only when it runs.
  void check_import(const Scenario& scenario) {
    const org::ImportOptions& import = scenario.organisation_import;
    if (import.file.empty()) {
      report({"organisation.source"}, "organisation.source", "\"file\"", "needs organisation.file",
             "the path of the people file, relative to the scenario file",
             "add `file = \"people.csv\"` under [organisation]");
    } else {
      check_readable("organisation.file", import.file);
    }
    if (import.ties_file) {
      if (import.format != org::ImportFormat::Csv && import.format != org::ImportFormat::Snap) {
        report({"organisation.ties_file"}, "organisation.ties_file",
               to_toml_literal(Value{import.ties_file->string()}),
               "is not read for format \"" + std::string(org::to_string(import.format)) + "\"",
               "ties_file only with format \"csv\" or \"snap\"",
               "GraphML files hold their own edges; Krackhardt's ties are read beside attributes.csv");
      } else {
        check_readable("organisation.ties_file", *import.ties_file);
      }
    }
    if (!scenario.pseudonym_key_file.empty())
      check_readable("organisation.pseudonym_key_file", scenario.pseudonym_key_file);
  }

  void check_readable(const std::string& key, const fs::path& path) {
    std::error_code error;
    if (fs::is_regular_file(path, error)) return;
    report({key}, key, {}, "names a file that cannot be read: " + path.string(), {},
           "paths are relative to the scenario file that sets them");
  }

  void check_generated(const Scenario& scenario) {
    for (const char* key : {"organisation.ties_file", "organisation.file", "organisation.format"}) {
      if (const auto it = found_.find(key); it != found_.end()) {
        report({key}, key, to_toml_literal(it->second.value),
               "is set but organisation.source is \"generated\"", {},
               "add `source = \"file\"` under [organisation] to import the organisation");
      }
    }
    const org::OrgSpec& organisation = scenario.organisation;
    const std::size_t department_count = organisation.departments.size();
    if (department_count == 0) {
      report({"organisation.departments"}, "organisation.departments", "[]", "is empty",
             "at least one department");
    }
    double share_sum = 0.0;
    std::set<std::string> names;
    for (std::size_t i = 0; i < department_count; ++i) {
      share_sum += organisation.departments[i].headcount_share;
      if (!names.insert(organisation.departments[i].name).second) {
        report({"organisation.departments"}, "organisation.departments[" + std::to_string(i) + "].name",
               to_toml_literal(Value{organisation.departments[i].name}),
               "repeats an earlier department's name", "a name used by one department only");
      }
    }
    if (department_count > 0 && std::fabs(share_sum - 1.0) > kShareTolerance) {
      std::ostringstream sum;
      sum << share_sum;
      report({"organisation.departments"}, "organisation.departments", {},
             "has shares that sum to " + sum.str(), "shares that sum to 1",
             "adjust the `share` of one or more departments");
    }
    if (organisation.headcount < 1 + department_count) {
      report({"organisation.headcount", "organisation.departments"}, "organisation.headcount",
             std::to_string(organisation.headcount),
             "is too small for " + std::to_string(department_count) + " departments",
             "at least " + std::to_string(1 + department_count) + " (the CEO and one head per department)");
    }

    const model::InitialAdopters& initial = std::visit(
        [](const auto& params) -> const model::InitialAdopters& { return params.initial; }, scenario.model);
    std::set<org::PersonId> seen;
    for (std::size_t i = 0; i < initial.people.size(); ++i) {
      const org::PersonId person = initial.people[i];
      const std::string key = "model.initial_adopters.people[" + std::to_string(i) + "]";
      if (person >= organisation.headcount) {
        report({"model.initial_adopters.people"}, key, std::to_string(person), "is not a person",
               "an id in [0, " + std::to_string(organisation.headcount - 1) +
                   "] (organisation.headcount = " + std::to_string(organisation.headcount) + ")");
      } else if (!seen.insert(person).second) {
        report({"model.initial_adopters.people"}, key, std::to_string(person), "repeats an earlier person",
               "each person listed once");
      }
    }
    if (initial.random_count + initial.people.size() > organisation.headcount) {
      report({"model.initial_adopters.random_count", "model.initial_adopters.people"},
             "model.initial_adopters.random_count", std::to_string(initial.random_count),
             "with " + std::to_string(initial.people.size()) + " named people exceeds the headcount",
             "at most " + std::to_string(organisation.headcount) + " initial adopters in all");
    }

    if (const auto* threshold = std::get_if<model::ThresholdParams>(&scenario.model)) {
      if (!threshold->thresholds.empty() && threshold->thresholds.size() != organisation.headcount) {
        report({"model.threshold.thresholds"}, "model.threshold.thresholds", {},
               "has " + std::to_string(threshold->thresholds.size()) + " entries",
               "one per person: " + std::to_string(organisation.headcount) +
                   " (organisation.headcount), or none");
      }
    }
  }

  void check_workplace(const Scenario& scenario, const WorkplaceScenario& workplace) {
    const strategy::StrategySpec& spec = workplace.strategy;
    const bool generated = scenario.organisation_source == OrganisationSource::Generated;
    const auto horizon = static_cast<double>(scenario.horizon_days);

    // Lever shares.
    const double share_sum = workplace.budget.shares.sum();
    if (std::fabs(share_sum - 1.0) > kShareTolerance) {
      std::ostringstream sum;
      sum << share_sum;
      report({"budget.shares.training", "budget.shares.champions", "budget.shares.communications",
              "budget.shares.leadership", "budget.shares.governance", "budget.shares.support",
              "budget.shares.incentives"},
             "budget.shares", {}, "sum to " + sum.str(), "seven shares that sum to 1",
             "they split the change-management money; licences are paid from the rest of the total");
    }

    // Department names a generated organisation does not have.
    std::vector<std::string_view> departments;
    for (const auto& department : scenario.organisation.departments) departments.push_back(department.name);
    const auto check_department = [&](std::string_view at_key, const std::string& shown,
                                      const std::string& name) {
      if (!generated || std::find(departments.begin(), departments.end(), name) != departments.end()) return;
      std::string hint;
      if (const auto suggestion = closest_choice(name, departments)) {
        hint = "did you mean \"" + std::string(*suggestion) + "\"?";
      } else {
        hint = "the departments are";
        for (std::size_t i = 0; i < departments.size(); ++i)
          hint.append(i == 0 ? " \"" : ", \"").append(departments[i]).append("\"");
      }
      report({at_key}, shown, to_toml_literal(Value{name}), "is not a department of the organisation",
             "a name from organisation.departments", std::move(hint));
    };
    for (std::size_t i = 0; i < workplace.department_profiles.size(); ++i) {
      check_department("model.workplace.departments",
                       "model.workplace.departments[" + std::to_string(i) + "].name",
                       workplace.department_profiles[i].department);
    }

    const auto people = scenario.organisation.headcount;
    const auto check_people = [&](std::string_view at_key, const std::vector<org::PersonId>& ids) {
      if (!generated) return;
      for (std::size_t i = 0; i < ids.size(); ++i) {
        if (ids[i] >= people) {
          report({at_key}, std::string(at_key) + "[" + std::to_string(i) + "]", std::to_string(ids[i]),
                 "is not a person", "an id in [0, " + std::to_string(people - 1) + "]");
        }
      }
    };

    switch (spec.preset) {
      case strategy::Preset::PilotThenScale:
        if (spec.pilot_rule == strategy::PilotRule::SingleDepartment) {
          if (spec.pilot_department.empty()) {
            report({"strategy.pilot_rule"}, "strategy.pilot_rule", "\"single_department\"",
                   "needs strategy.pilot_department", "the name of the pilot's department");
          } else {
            check_department("strategy.pilot_department", "strategy.pilot_department", spec.pilot_department);
          }
        } else if (spec.pilot_rule == strategy::PilotRule::Named) {
          if (spec.pilot_people.empty()) {
            report({"strategy.pilot_rule"}, "strategy.pilot_rule", "\"named\"", "needs strategy.pilot_people",
                   "the pilot's person ids");
          }
          check_people("strategy.pilot_people", spec.pilot_people);
        }
        if (generated && spec.pilot_rule != strategy::PilotRule::Named && spec.pilot_size > people) {
          report({"strategy.pilot_size", "organisation.headcount"}, "strategy.pilot_size",
                 std::to_string(spec.pilot_size), "is larger than the organisation",
                 "at most organisation.headcount = " + std::to_string(people));
        }
        if (spec.scale_gate && spec.scale_gate->earliest_day >= horizon) {
          warn({"strategy.scale_gate_earliest_day"}, "strategy.scale_gate_earliest_day",
               to_toml_literal(Value{spec.scale_gate->earliest_day}),
               "is not before the horizon (horizon_days = " + std::to_string(scenario.horizon_days) +
                   "): the scale-up never happens");
        } else if (spec.scale_day >= horizon && !spec.scale_gate) {
          warn({"strategy.scale_day"}, "strategy.scale_day", to_toml_literal(Value{spec.scale_day}),
               "is not before the horizon: the scale-up never happens");
        }
        break;
      case strategy::Preset::PhasedByDepartment: {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < spec.wave_order.size(); ++i) {
          const std::string shown = "strategy.wave_order[" + std::to_string(i) + "]";
          check_department("strategy.wave_order", shown, spec.wave_order[i]);
          if (!seen.insert(spec.wave_order[i]).second) {
            report({"strategy.wave_order"}, shown, to_toml_literal(Value{spec.wave_order[i]}),
                   "repeats an earlier wave", "each department once");
          }
        }
        break;
      }
      case strategy::Preset::Custom: {
        const bool phases_rejected = std::any_of(errors_.begin(), errors_.end(), [](const ScenarioError& e) {
          return e.key.rfind("strategy.phases", 0) == 0;
        });
        if (spec.phases.empty() && !phases_rejected) {
          report({"strategy.preset"}, "strategy.preset", "\"custom\"", "has no phases",
                 "at least one [[strategy.phases]] table", "add the phases, or pick a preset");
        }
        double previous = 0.0;
        for (std::size_t i = 0; i < spec.phases.size(); ++i) {
          const strategy::CustomPhase& phase = spec.phases[i];
          const std::string shown = "strategy.phases[" + std::to_string(i) + "]";
          const double start = phase.gated ? phase.gate.earliest_day : phase.start_day;
          if (start < previous) {
            report({"strategy.phases"}, shown + ".start_day", to_toml_literal(Value{start}),
                   "is before the start of the phase above (day " + to_toml_literal(Value{previous}) + ")",
                   "phases in the order they start", "reorder the phases or fix the day");
          }
          previous = std::max(previous, start);
          for (std::size_t d = 0; d < phase.cohort.departments.size(); ++d) {
            check_department("strategy.phases", shown + ".departments[" + std::to_string(d) + "]",
                             phase.cohort.departments[d]);
          }
          check_people("strategy.phases", phase.cohort.people);
          if (phase.interventions.empty()) {
            report({"strategy.phases"}, shown + ".interventions", "[]", "is empty",
                   "at least one intervention");
          }
          if (start >= horizon) {
            warn({"strategy.phases"}, shown + ".start_day", to_toml_literal(Value{start}),
                 "is not before the horizon (horizon_days = " + std::to_string(scenario.horizon_days) +
                     "): the phase never starts");
          } else if (phase.gated && phase.gate.weekly_active_share_of_access >= 1.0 &&
                     !std::isfinite(phase.gate.latest_day)) {
            warn({"strategy.phases"}, shown + ".gate_share", "1.0",
                 "asks for everyone with access to be weekly active and has no gate_latest_day: the "
                 "phase may never start");
          }
        }
        break;
      }
      case strategy::Preset::BigBang:
      case strategy::Preset::ChampionNetwork:
      case strategy::Preset::ManagerFirst:
        break;
    }
    if (workplace.champion_selection == ChampionSelection::Named) {
      if (spec.champion_people.empty()) {
        report({"strategy.champion_rule"}, "strategy.champion_rule", "\"named\"",
               "needs strategy.champion_people", "the champions' person ids");
      }
      check_people("strategy.champion_people", spec.champion_people);
    }
    for (std::size_t i = 0; i < workplace.incidents.size(); ++i) {
      if (workplace.incidents[i].day >= horizon) {
        warn({"model.workplace.incidents"}, "model.workplace.incidents[" + std::to_string(i) + "].day",
             to_toml_literal(Value{workplace.incidents[i].day}),
             "is not before the horizon: the incident never happens");
      }
    }
    const auto& dynamics = workplace.params.dynamics;
    if (dynamics.quality_start > dynamics.quality_max) {
      report(
          {"model.workplace.dynamics.quality_start"}, "model.workplace.dynamics.quality_start",
          to_toml_literal(Value{dynamics.quality_start}),
          "is above model.workplace.dynamics.quality_max = " + to_toml_literal(Value{dynamics.quality_max}),
          "quality_start <= quality_max");
    }
  }

  Location location_of_first(std::initializer_list<std::string_view> keys) const {
    for (const std::string_view candidate : keys) {
      if (const auto it = found_.find(std::string(candidate)); it != found_.end()) return it->second.where;
    }
    return Location{root_file_, 0, 0};
  }

  // Reports at the first of `keys` the files set; at the scenario file when
  // every one of them is a default.
  void report(std::initializer_list<std::string_view> keys, std::string key, std::string value,
              std::string problem, std::string expected, std::string hint = {}) {
    errors_.push_back(make_error(location_of_first(keys), std::move(key), std::move(value),
                                 std::move(problem), std::move(expected), std::move(hint)));
  }
  void warn(std::initializer_list<std::string_view> keys, std::string key, std::string value,
            std::string problem) {
    warnings_.push_back(
        make_error(location_of_first(keys), std::move(key), std::move(value), std::move(problem)));
  }

  std::vector<ScenarioError>& errors_;
  std::vector<ScenarioError>& warnings_;
  const std::map<std::string, Found>& found_;
  std::string root_file_;
};

}  // namespace

LoadResult load_scenario(const std::filesystem::path& path) {
  LoadResult result;
  std::vector<ScenarioError>& errors = result.errors;
  const std::string root_file = path.string();

  ChainLoader chain(errors);
  const std::optional<toml::table> merged = chain.load(path, std::nullopt, {});
  if (!merged) return result;

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
    import.tie_weights = scenario.organisation.tie_weights;
    import.department_rewiring_probability = scenario.organisation.department_rewiring_probability;
    import.seed = scenario.organisation_seed;
  }
  scenario.source_path = path;
  scenario.files = chain.files();

  for (const auto& [key, found] : checker.found()) {
    const Location& at = found.where;
    scenario.set_at[key] = at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
  }
  CrossChecker(errors, result.warnings, checker.found(), root_file).check(scenario);
  if (errors.empty() && scenario.organisation_source == OrganisationSource::Generated) {
    // The generator's own rules, as a backstop for anything the table cannot express.
    for (const std::string& problem : org::validate(scenario.organisation)) {
      errors.push_back(
          make_error({root_file, 0, 0}, "organisation", {}, "is not a valid organisation: " + problem));
    }
  }
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [](const ScenarioError& a, const ScenarioError& b) {
      return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    return result;
  }
  result.scenario = std::move(scenario);
  return result;
}

}  // namespace adoptsim::scenario
