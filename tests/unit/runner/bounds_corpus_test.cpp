// validate and run agree: every numeric row of the parameter table, set to
// its minimum and to its maximum in a library scenario of the kind it applies
// to, either is refused when the scenario loads or gets through every check
// a run makes (runner::check_runnable, the strategy's plan and the model's
// input checks). The corpus is generated from the table, so a new row is
// covered without a new test.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adoptsim/model/workplace.hpp"
#include "adoptsim/org/org_graph.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/parameters.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "adoptsim/strategy/presets.hpp"
#include "unit/scenario/scenario_test_support.hpp"

namespace {

using adoptsim::scenario::Parameter;
using adoptsim::scenario::Record;
using adoptsim::scenario::Scalar;
using adoptsim::scenario::Value;
using adoptsim::scenario::ValueKind;
namespace runner = adoptsim::runner;
namespace scenario = adoptsim::scenario;

const std::string kScenarios = std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/";

// The library scenarios a row is tried in, by the row's `applies_when`. An
// empty list means the row cannot be tried in a library scenario (the reason
// is beside it); a condition missing here fails the test, so that a new kind
// of row is given a scenario.
const std::map<std::string, std::vector<std::string>>& bases_by_condition() {
  static const std::map<std::string, std::vector<std::string>> bases = {
      {"", {"reference/bass.toml", "workplace/pilot_then_scale.toml"}},
      {"model.kind = \"workplace\"", {"workplace/pilot_then_scale.toml", "workplace/frameworks/trust.toml"}},
      {"model.kind = \"bass\"", {"reference/bass.toml"}},
      {"model.kind = \"threshold\"", {"reference/threshold.toml"}},
      {"model.kind = \"cascade\"", {"reference/cascade.toml"}},
      {"model.kind is a reference model", {"reference/bass.toml", "reference/cascade.toml"}},
      {"organisation.source = \"generated\"", {"reference/bass.toml", "workplace/big_bang.toml"}},
      {"organisation.source = \"file\"", {"real/krackhardt.toml"}},
      // The library has no CSV or GraphML import scenario (the import tests cover these rows).
      {"organisation.format = \"csv\" or \"graphml\"", {}},
      {"strategy.preset = \"pilot_then_scale\"", {"workplace/pilot_then_scale.toml"}},
      {"strategy.preset = \"custom\"", {"workplace/frameworks/trust.toml"}},
      {"strategy.preset = \"phased_by_department\"", {"workplace/phased_by_department.toml"}},
      {"strategy.pilot_rule = \"single_department\"", {"workplace/facts/single_department_pilot.toml"}},
      {"strategy.scale_gate_share > 0", {"workplace/pilot_then_scale.toml"}},
      // Person ids: which exist depends on the organisation, so the run's
      // check (naming the person) is the rule, not the table's bounds.
      {"strategy.pilot_rule = \"named\"", {}},
      {"strategy.champion_rule = \"named\"", {}},
  };
  return bases;
}

// The row's bounds as values the table accepts: the bound itself, or the
// nearest number inside it when the bound is exclusive.
std::vector<double> bound_values(const Parameter& row) {
  std::vector<double> values;
  const bool integer = row.kind == ValueKind::Integer || row.kind == ValueKind::IntegerArray;
  if (row.minimum) {
    double low = *row.minimum;
    if (row.minimum_exclusive)
      low = integer ? low + 1 : std::nextafter(low, std::numeric_limits<double>::infinity());
    values.push_back(low);
  }
  if (row.maximum) {
    double high = *row.maximum;
    if (row.maximum_exclusive)
      high = integer ? high - 1 : std::nextafter(high, -std::numeric_limits<double>::infinity());
    values.push_back(high);
  }
  return values;
}

// A bound as an integer: 2^63 - 1 as a double rounds up past the largest int64.
std::int64_t integer_of(double number) {
  if (number >= 9.2e18) return std::numeric_limits<std::int64_t>::max();
  if (number <= -9.2e18) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(number);
}

Scalar scalar_of(const Parameter& row, double number) {
  switch (row.kind) {
    case ValueKind::Integer:
      return Scalar{integer_of(number)};
    case ValueKind::IntegerArray:
      return Scalar{std::vector<std::int64_t>{integer_of(number)}};
    default:
      return Scalar{number};
  }
}

Value value_of(const Parameter& row, double number) {
  switch (row.kind) {
    case ValueKind::Integer:
      return Value{integer_of(number)};
    case ValueKind::IntegerArray:
      return Value{std::vector<std::int64_t>{integer_of(number)}};
    case ValueKind::FloatArray:
      return Value{std::vector<double>{number}};
    default:
      return Value{number};
  }
}

bool is_numeric(ValueKind kind) {
  return kind == ValueKind::Integer || kind == ValueKind::Float || kind == ValueKind::IntegerArray ||
         kind == ValueKind::FloatArray;
}

// The TableArray row a record field belongs to, or nullptr.
const Parameter* record_parent(const Parameter& row) {
  const auto dot = row.key.rfind('.');
  if (dot == std::string_view::npos) return nullptr;
  const Parameter* parent = scenario::find_parameter(row.key.substr(0, dot));
  return parent != nullptr && parent->kind == ValueKind::TableArray ? parent : nullptr;
}

// What a run checks before it simulates, as run_scenarios would meet it: the
// organisation, check_runnable, and for the workplace model the plan built
// from the strategy and the model's own input checks on it. Empty when a
// run gets through.
std::vector<std::string> run_problems(const scenario::Scenario& loaded) {
  const runner::Organisation organisation = runner::load_organisation(loaded);
  const adoptsim::org::OrgGraph& graph = organisation.graph;
  std::vector<std::string> problems = runner::check_runnable(loaded, organisation);
  if (!problems.empty() || !loaded.workplace) return problems;
  try {
    const runner::WorkplaceInputs inputs = runner::prepare_workplace(loaded, organisation, loaded.seed);
    const adoptsim::model::RolloutPlan plan = adoptsim::strategy::build_plan(
        inputs.strategy, loaded.workplace->budget, graph, loaded.horizon_days, loaded.seed, 0);
    for (const std::string& problem : adoptsim::model::validate(inputs.params, plan, graph))
      problems.push_back("the model refuses the plan: " + problem);
  } catch (const std::exception& error) {
    problems.push_back(std::string("preparing the run threw: ") + error.what());
  }
  return problems;
}

}  // namespace

TEST_CASE("every row of the parameter table at its bounds: what loads, runs", "[scenario][bounds]") {
  adoptsim::scenario_testing::TempDir directory;
  std::size_t tried = 0;
  std::size_t loaded_count = 0;
  std::map<std::string, std::string> refused;  // "key = value in base" -> why
  for (const Parameter& row : scenario::parameters()) {
    if (!is_numeric(row.kind) || !row.not_yet_available.empty()) continue;
    const Parameter* parent = record_parent(row);
    const std::string condition(parent != nullptr ? parent->applies_when : row.applies_when);
    const auto bases = bases_by_condition().find(condition);
    INFO("row " << row.key << " applies when `" << condition << "`");
    REQUIRE(bases != bases_by_condition().end());
    for (const std::string& base : bases->second) {
      // The base resolved, so that a record field is set in the records it already has.
      const scenario::LoadResult base_loaded = scenario::load_scenario(kScenarios + base);
      REQUIRE(base_loaded.ok());
      for (const double number : bound_values(row)) {
        std::string assignment;
        if (parent != nullptr) {
          if (parent->read == nullptr) continue;
          std::optional<Value> records = parent->read(*base_loaded.scenario);
          if (!records) continue;
          auto& list = std::get<std::vector<Record>>(*records);
          if (list.empty()) continue;  // this base has no record to set the field in
          const std::string field(row.key.substr(parent->key.size() + 1));
          bool replaced = false;
          for (auto& [name, value] : list.front().fields) {
            if (name == field) {
              value = scalar_of(row, number);
              replaced = true;
            }
          }
          if (!replaced) list.front().fields.emplace_back(field, scalar_of(row, number));
          assignment = std::string(parent->key) + " = " + scenario::to_toml_literal(*records);
        } else {
          assignment = std::string(row.key) + " = " + scenario::to_toml_literal(value_of(row, number));
        }
        const std::string text = "extends = \"" + kScenarios + base + "\"\n" + assignment + "\n";
        const auto file = directory.write("case_" + std::to_string(tried++) + ".toml", text);
        const scenario::LoadResult loaded = scenario::load_scenario(file);
        const std::string label = assignment + " in " + base;
        if (!loaded.ok()) {
          refused[label] = loaded.errors.front().message();
          continue;
        }
        ++loaded_count;
        INFO(label);
        CHECK(run_problems(*loaded.scenario) == std::vector<std::string>{});
      }
    }
  }
  // Most bounds load: the corpus exercises the run's checks, not only the loader.
  INFO(loaded_count << " of " << tried << " loaded");
  CHECK(tried > 300);
  CHECK(loaded_count * 10 > tried * 8);
  for (const auto& [label, why] : refused) UNSCOPED_INFO("refused: " << label << ": " << why);
  CHECK(refused.size() * 10 < tried * 2);
}
