// Rows of [sweep]: the design `adoptsim sweep` runs when its flags give none.
// The texts are checked here for their types; what a SPEC means, and whether
// its key can vary, is checked by the sweep itself (experiment::build_design),
// which names the key's line.
#include "adoptsim/scenario/scenario.hpp"
#include "parameter_rows.hpp"

namespace adoptsim::scenario {
namespace {

std::optional<Value> if_present(const Scenario& s, Value value) {
  if (!s.sweep.present) return std::nullopt;
  return value;
}

}  // namespace

void add_sweep_parameters(std::vector<Parameter>& table) {
  const auto add = [&table](Parameter parameter) { table.push_back(std::move(parameter)); };
  add({.key = "sweep.design",
       .kind = ValueKind::String,
       .default_value = Value{std::string{"grid"}},
       .choices = {"grid", "zip", "lhs", "sobol"},
       .description = "How `adoptsim sweep` combines the keys of [sweep.vary]: grid (every combination, the "
                      "last key fastest), zip (their values side by side), lhs (a Latin hypercube of "
                      "sweep.points points over their ranges) or sobol (the first sweep.points points of "
                      "the Sobol sequence). The sweep's --design flag overrides it; validate checks the "
                      "design, and run and compare ignore [sweep].",
       .apply = [](const Value& v, Scenario& s) { s.sweep.design = as_string(v); },
       .read = [](const Scenario& s) { return if_present(s, Value{s.sweep.design}); }});
  add({.key = "sweep.points",
       .kind = ValueKind::Integer,
       .unit = "points",
       .quantity = "a whole number of design points",
       .default_value = Value{std::int64_t{0}},
       .minimum = 0,
       .maximum = 10000000,
       .description = "Points an lhs or sobol design samples (0: not set; --points overrides it).",
       .apply = [](const Value& v, Scenario& s) { s.sweep.points = as_int(v); },
       .read = [](const Scenario& s) { return if_present(s, Value{s.sweep.points}); }});
  add({.key = "sweep.design_seed",
       .kind = ValueKind::Integer,
       .quantity = "a non-negative integer seed",
       .default_value = Value{std::int64_t{1}},
       .minimum = 0,
       .maximum = kMaxSeed,
       .description =
           "Seed of a Latin hypercube's draws (sweep.design = \"lhs\"; --design-seed overrides it); "
           "independent of `seed`, which the replicates of every point use.",
       .apply = [](const Value& v, Scenario& s) { s.sweep.design_seed = as_u64(v); },
       .read = [](const Scenario& s) { return if_present(s, int_value(s.sweep.design_seed)); }});
  add({.key = "sweep.points_file",
       .kind = ValueKind::String,
       .default_value = Value{std::string{}},
       .description =
           "A CSV of points instead of [sweep.vary]: a header of keys, one row of values per point; "
           "relative to the scenario file. Empty: none.",
       .apply = [](const Value& v, Scenario& s) { s.sweep.points_file = as_string(v); },
       .read = [](const Scenario& s) { return if_present(s, Value{s.sweep.points_file.string()}); }});
  add({.key = "sweep.vary",
       .kind = ValueKind::StringTable,
       .quantity = "a table of KEY = \"SPEC\"",
       .default_value = Value{std::vector<Record>{}},
       .description = "The keys `adoptsim sweep` varies and how, each a key of this table as a quoted name "
                      "and a SPEC: \"a,b,c\" (values), \"start:stop:step\" or \"low..high\" (a range, "
                      "\"low..high:log\" on a log scale, for lhs and sobol), e.g. "
                      "`\"budget.change_management_share\" = \"0:0.5:0.05\"`. A grid varies the keys in "
                      "the order of their names (a TOML table has no order; --vary flags keep theirs), "
                      "the last fastest. --vary flags replace the whole table.",
       .apply =
           [](const Value& v, Scenario& s) {
             s.sweep.vary.clear();
             for (const Record& record : std::get<std::vector<Record>>(v)) {
               for (const auto& [key, spec] : record.fields)
                 s.sweep.vary.emplace_back(key, std::get<std::string>(spec));
             }
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (!s.sweep.present) return std::nullopt;
         Record record;
         for (const auto& [key, spec] : s.sweep.vary) record.fields.emplace_back(key, Scalar{spec});
         std::vector<Record> records;
         if (!record.fields.empty()) records.push_back(std::move(record));
         return Value{std::move(records)};
       }});
}

}  // namespace adoptsim::scenario
