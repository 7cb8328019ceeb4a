// The parameter table: the general rows (the organisation's, the workplace
// model's and the strategy's are in organisation_parameters.cpp,
// workplace_parameters.cpp and strategy_parameters.cpp) and the lookups by
// key. What the table says as text is in parameter_text.cpp.
#include "adoptsim/scenario/parameters.hpp"

#include "adoptsim/scenario/scenario.hpp"
#include "parameter_rows.hpp"

namespace adoptsim::scenario {
namespace {

using model::BassForm;
using model::BassParams;
using model::CascadeParams;
using model::InitialAdopters;
using model::ThresholdParams;

InitialAdopters& initial_adopters(Scenario& scenario) {
  return std::visit([](auto& params) -> InitialAdopters& { return params.initial; }, scenario.model);
}
const InitialAdopters& initial_adopters(const Scenario& scenario) {
  return std::visit([](const auto& params) -> const InitialAdopters& { return params.initial; },
                    scenario.model);
}

// Applies `write` to the model's parameters when the scenario runs model T;
// another model's parameters are checked but not used.
template <class T, class Write>
void with_model(Scenario& scenario, Write write) {
  if (auto* params = std::get_if<T>(&scenario.model)) write(*params);
}
template <class T, class Read>
std::optional<Value> read_model(const Scenario& scenario, Read read) {
  if (scenario.workplace) return std::nullopt;
  if (const auto* params = std::get_if<T>(&scenario.model)) return Value{read(*params)};
  return std::nullopt;
}

std::vector<Parameter> build_table() {
  std::vector<Parameter> table;
  const auto add = [&table](Parameter parameter) { table.push_back(std::move(parameter)); };

  // --- the file itself
  add({.key = "schema_version",
       .kind = ValueKind::Integer,
       .quantity = "the scenario schema version",
       .default_value = Value{kSchemaVersion},
       .minimum = 1,
       .maximum = 1,
       .description = "Version of this file format. Only 1 exists; a later adoptsim that changes the "
                      "meaning of a key raises it.",
       .apply = [](const Value& v, Scenario& s) { s.schema_version = as_int(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.schema_version}; }});
  add({.key = "extends",
       .kind = ValueKind::String,
       .quantity = "a path to another scenario file",
       .description = "Scenario file this one builds on, relative to this file. Its keys are the "
                      "starting point: tables merge key by key, and a value or array set here replaces "
                      "the inherited one. Chains are allowed, cycles are not."});
  add({.key = "name",
       .kind = ValueKind::String,
       .default_value = Value{std::string{}},
       .description = "Short name shown in tables and plots. Empty means the file name without `.toml`.",
       .apply = [](const Value& v, Scenario& s) { s.name = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.name}; }});
  add({.key = "display_name",
       .kind = ValueKind::String,
       .default_value = Value{std::string{}},
       .description = "How figures name the scenario (\"Pilot, then everyone\"): any text, spaces and "
                      "punctuation included. Empty means `name`. Files, CSV rows and the terminal table "
                      "keep `name`.",
       .apply = [](const Value& v, Scenario& s) { s.display_name = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.display_name}; }});
  add({.key = "description",
       .kind = ValueKind::String,
       .default_value = Value{std::string{}},
       .description = "What the scenario tests and why, for the people reading its results.",
       .apply = [](const Value& v, Scenario& s) { s.description = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.description}; }});
  add({.key = "horizon_days",
       .kind = ValueKind::Integer,
       .unit = "days",
       .quantity = "a whole number of days",
       .default_value = Value{std::int64_t{180}},
       .minimum = 1,
       .maximum = kMaxHorizonDays,
       .description = "How long each replicate runs, from day 0 (access and initial adopters).",
       .source = "Six months covers the 90-day checkpoints the seed articles report and the slower "
                 "departments after them; ten years is a guard against typos.",
       .apply = [](const Value& v, Scenario& s) { s.horizon_days = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.horizon_days); }});
  add({.key = "replicates",
       .kind = ValueKind::Integer,
       .unit = "runs",
       .quantity = "a whole number of replicates",
       .default_value = Value{std::int64_t{100}},
       .minimum = 1,
       .maximum = kMaxReplicates,
       .description = "Monte Carlo replicates. Each has its own random streams, keyed by (seed, replicate).",
       .source = "With 100, P(share ≥ target) has a standard error of at most 5 percentage points "
                 "(binomial, sqrt(0.25 / 100)); 100000 is a guard against typos, not a performance limit.",
       .apply = [](const Value& v, Scenario& s) { s.replicates = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.replicates); }});
  add({.key = "seed",
       .kind = ValueKind::Integer,
       .quantity = "a non-negative integer seed",
       .default_value = Value{std::int64_t{1}},
       .minimum = 0,
       .maximum = kMaxSeed,
       .description = "Seed of the simulation's random streams. Scenarios compared with the same seed share "
                      "common random numbers.",
       .apply = [](const Value& v, Scenario& s) { s.seed = as_u64(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.seed); }});

  // --- the organisation and the column names of an import
  add_organisation_parameters(table);

  // --- the model
  add({.key = "model.kind",
       .kind = ValueKind::String,
       .default_value = Value{std::string{"bass"}},
       .choices = {"bass", "threshold", "cascade", "workplace"},
       .description = "Which model runs: `workplace`, the workplace adoption model (people, managers and "
                      "champions deciding on each work opportunity; docs/model.md), with [strategy], "
                      "[budget] and [model.workplace]; or a reference diffusion model: `bass` (adoption "
                      "hazard p + q × adopting fraction of neighbours), `threshold` (Granovetter/Watts) or "
                      "`cascade` (independent cascade, Kempe–Kleinberg–Tardos). Only the matching "
                      "[model.<kind>] table is read.",
       .apply =
           [](const Value& v, Scenario& s) {
             const std::string& kind = as_string(v);
             s.workplace.reset();
             if (kind == "workplace") {
               s.model = BassParams{};
               s.workplace.emplace();
             } else if (kind == "threshold") {
               s.model = ThresholdParams{};
             } else if (kind == "cascade") {
               s.model = CascadeParams{};
             } else {
               s.model = BassParams{};
             }
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.workplace) return Value{std::string{"workplace"}};
         if (std::holds_alternative<ThresholdParams>(s.model)) return Value{std::string{"threshold"}};
         if (std::holds_alternative<CascadeParams>(s.model)) return Value{std::string{"cascade"}};
         return Value{std::string{"bass"}};
       }});
  add({.key = "model.initial_adopters.random_count",
       .kind = ValueKind::Integer,
       .unit = "people",
       .quantity = "a whole number of people",
       .default_value = Value{std::int64_t{0}},
       .minimum = 0,
       .maximum = kMaxHeadcount,
       .description = "People who have adopted at day 0, drawn uniformly at random (per replicate). "
                      "Threshold and cascade models need some to start.",
       .applies_when = "model.kind is a reference model",
       .apply = [](const Value& v, Scenario& s) { initial_adopters(s).random_count = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.workplace) return std::nullopt;
         return int_value(initial_adopters(s).random_count);
       }});
  add({.key = "model.initial_adopters.people",
       .kind = ValueKind::StringArray,
       .quantity = kPersonIdsQuantity,
       .default_value = Value{std::vector<std::string>{}},
       .description = "People who have adopted at day 0, in addition to the random ones: person ids (see "
                      "\"Person ids\" above).",
       .applies_when = "model.kind is a reference model",
       .apply = [](const Value& v,
                   Scenario& s) { s.named_people.initial_adopters = std::get<std::vector<std::string>>(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (s.workplace) return std::nullopt;
         return Value{s.named_people.initial_adopters};
       }});

  add({.key = "model.bass.innovation_p",
       .kind = ValueKind::Float,
       .unit = "per day",
       .quantity = "a probability per day",
       .default_value = Value{BassParams{}.innovation_p},
       .minimum = 0,
       .maximum = 1,
       .description = "Adoption hazard from outside influence (communications, the tool itself).",
       .source = "Bass (1969). With q = 0.05 the mean-field curve reaches about 45% at day 60 and 80% at "
                 "day 90, the 60–80% of structured rollouts (seed 000, DESIGN.md F2).",
       .applies_when = "model.kind = \"bass\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<BassParams>(s, [&](BassParams& p) { p.innovation_p = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<BassParams>(s, [](const BassParams& p) { return p.innovation_p; });
           }});
  add({.key = "model.bass.imitation_q",
       .kind = ValueKind::Float,
       .unit = "per day",
       .quantity = "a probability per day",
       .default_value = Value{BassParams{}.imitation_q},
       .minimum = 0,
       .maximum = 1,
       .description = "Adoption hazard per unit of adopting-neighbour fraction (weighted by tie strength); "
                      "used by the `neighbour_fraction` form.",
       .source = "Bass (1969); q/p = 25 is within the range of the Sultan, Farley & Lehmann (1990) "
                 "meta-analysis (mean q/p about 13, wide spread), imitation-led as workplace tools are.",
       .applies_when = "model.kind = \"bass\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<BassParams>(s, [&](BassParams& p) { p.imitation_q = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<BassParams>(s, [](const BassParams& p) { return p.imitation_q; });
           }});
  add({.key = "model.bass.per_tie_rate_beta",
       .kind = ValueKind::Float,
       .unit = "per day per unit tie weight",
       .quantity = "a rate per day per unit tie weight",
       .default_value = Value{BassParams{}.per_tie_rate_beta},
       .minimum = 0,
       .maximum = 1000,
       .description = "Adoption hazard per unit weight of adopting neighbours; used by the `per_tie` form "
                      "(the network SI process).",
       .applies_when = "model.kind = \"bass\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<BassParams>(s, [&](BassParams& p) { p.per_tie_rate_beta = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<BassParams>(s, [](const BassParams& p) { return p.per_tie_rate_beta; });
           }});
  add({.key = "model.bass.form",
       .kind = ValueKind::String,
       .default_value = Value{std::string{model::to_string(BassParams{}.form)}},
       .choices = {model::to_string(BassForm::NeighbourFraction), model::to_string(BassForm::PerTie)},
       .description = "`neighbour_fraction`: hazard p + q × (adopting neighbour weight / all neighbour "
                      "weight), which on a complete graph matches the Bass closed form. `per_tie`: hazard "
                      "p + β × adopting neighbour weight.",
       .applies_when = "model.kind = \"bass\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<BassParams>(s, [&](BassParams& p) {
               p.form = *model::parse_bass_form(as_string(v));  // one of the row's choices
             });
           },
       .read =
           [](const Scenario& s) {
             return read_model<BassParams>(
                 s, [](const BassParams& p) { return std::string{model::to_string(p.form)}; });
           }});

  add({.key = "model.threshold.threshold_low",
       .kind = ValueKind::Float,
       .unit = "fraction",
       .quantity = "a fraction of neighbour weight",
       .default_value = Value{ThresholdParams{}.threshold_low},
       .minimum = 0,
       .maximum = 1,
       .description = "Lower end of the uniform distribution of personal thresholds; at most threshold_high.",
       .source = "Watts (2002): global cascades from a few early adopters need many thresholds low "
                 "relative to 1 / degree; [0.1, 0.4] mixes easy and reluctant adopters.",
       .applies_when = "model.kind = \"threshold\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<ThresholdParams>(s, [&](ThresholdParams& p) { p.threshold_low = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<ThresholdParams>(s, [](const ThresholdParams& p) { return p.threshold_low; });
           }});
  add({.key = "model.threshold.threshold_high",
       .kind = ValueKind::Float,
       .unit = "fraction",
       .quantity = "a fraction of neighbour weight",
       .default_value = Value{ThresholdParams{}.threshold_high},
       .minimum = 0,
       .maximum = 1,
       .description = "Upper end of the uniform distribution of personal thresholds; equal bounds give "
                      "everyone the same threshold.",
       .source = "As threshold_low.",
       .applies_when = "model.kind = \"threshold\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<ThresholdParams>(s, [&](ThresholdParams& p) { p.threshold_high = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<ThresholdParams>(s, [](const ThresholdParams& p) { return p.threshold_high; });
           }});
  add({.key = "model.threshold.thresholds",
       .kind = ValueKind::FloatArray,
       .unit = "fraction",
       .quantity = "an array of fractions",
       .default_value = Value{std::vector<double>{}},
       .minimum = 0,
       .maximum = 1,
       .description = "Explicit threshold per person (one entry per person, in id order). Empty means draw "
                      "them from [threshold_low, threshold_high].",
       .applies_when = "model.kind = \"threshold\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<ThresholdParams>(
                 s, [&](ThresholdParams& p) { p.thresholds = std::get<std::vector<double>>(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<ThresholdParams>(s, [](const ThresholdParams& p) { return p.thresholds; });
           }});
  add({.key = "model.threshold.adoption_delay_days",
       .kind = ValueKind::Float,
       .unit = "days",
       .quantity = "a delay in days",
       .default_value = Value{ThresholdParams{}.adoption_delay_days},
       .minimum = 0,
       .maximum = kMaxHorizonDays,
       .minimum_exclusive = true,
       .description = "Time from a person's threshold being reached to their adoption, so cascades advance "
                      "in rounds.",
       .source = "One working day: people react to what they saw colleagues do the day before.",
       .applies_when = "model.kind = \"threshold\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<ThresholdParams>(s, [&](ThresholdParams& p) { p.adoption_delay_days = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<ThresholdParams>(
                 s, [](const ThresholdParams& p) { return p.adoption_delay_days; });
           }});

  add({.key = "model.cascade.activation_probability",
       .kind = ValueKind::Float,
       .quantity = "a probability",
       .default_value = Value{CascadeParams{}.activation_probability},
       .minimum = 0,
       .maximum = 1,
       .description = "Chance that a newly adopting person converts a given neighbour (times the tie weight "
                      "when use_tie_weights is true; clamped to [0, 1]).",
       .source = "Kempe, Kleinberg & Tardos (2003) use uniform probabilities of 0.01–0.1.",
       .applies_when = "model.kind = \"cascade\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<CascadeParams>(s, [&](CascadeParams& p) { p.activation_probability = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<CascadeParams>(
                 s, [](const CascadeParams& p) { return p.activation_probability; });
           }});
  add({.key = "model.cascade.use_tie_weights",
       .kind = ValueKind::Boolean,
       .default_value = Value{CascadeParams{}.use_tie_weights},
       .description =
           "Scale each conversion chance by the tie weight, so managers and teammates convert more "
           "often than loose contacts.",
       .source = "The organisation's tie weights encode how visible a colleague's use is.",
       .applies_when = "model.kind = \"cascade\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<CascadeParams>(s, [&](CascadeParams& p) { p.use_tie_weights = as_bool(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<CascadeParams>(s, [](const CascadeParams& p) { return p.use_tie_weights; });
           }});
  add({.key = "model.cascade.activation_delay_days",
       .kind = ValueKind::Float,
       .unit = "days",
       .quantity = "a delay in days",
       .default_value = Value{CascadeParams{}.activation_delay_days},
       .minimum = 0,
       .maximum = kMaxHorizonDays,
       .minimum_exclusive = true,
       .description = "Time from a successful conversion to the adoption taking effect.",
       .source = "One working day, as for the threshold model.",
       .applies_when = "model.kind = \"cascade\"",
       .apply =
           [](const Value& v, Scenario& s) {
             with_model<CascadeParams>(s, [&](CascadeParams& p) { p.activation_delay_days = as_float(v); });
           },
       .read =
           [](const Scenario& s) {
             return read_model<CascadeParams>(s,
                                              [](const CascadeParams& p) { return p.activation_delay_days; });
           }});

  // --- the workplace model, its strategy and budget
  add_workplace_parameters(table);

  // --- the KPI
  add({.key = "kpi.target_share",
       .kind = ValueKind::Float,
       .unit = "fraction",
       .quantity = "a fraction of the headcount",
       .default_value = Value{0.6},
       .minimum = 0,
       .maximum = 1,
       .minimum_exclusive = true,
       .description = "Share of the headcount the forecast is judged against (weekly active people for the "
                      "workplace model, adopted people for reference models): results report P(share ≥ "
                      "target_share by by_day).",
       .source = "The low end of the 60–80% sustained usage of structured adoption (seed 000).",
       .apply = [](const Value& v, Scenario& s) { s.kpi.target_share = as_float(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.kpi.target_share}; }});
  add({.key = "kpi.by_day",
       .kind = ValueKind::Integer,
       .unit = "days",
       .quantity = "a whole number of days",
       .default_value = Value{std::int64_t{90}},
       .minimum = 1,
       .maximum = kMaxHorizonDays,
       .description = "Day by which the target share should be reached; at most horizon_days.",
       .source = "The three-month checkpoint used throughout the seed articles.",
       .apply = [](const Value& v, Scenario& s) { s.kpi.by_day = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.kpi.by_day); }});
  add({.key = "kpi.hard_review_day",
       .kind = ValueKind::Integer,
       .unit = "days",
       .quantity = "a whole number of days",
       .default_value = Value{std::int64_t{90}},
       .minimum = 30,
       .maximum = kMaxHorizonDays,
       .description =
           "Day of the hard review, from day 0: the hard_review KPI flags a replicate whose headline "
           "share there is under 20% and rose less than 2 points in the 30 days before, and the fan "
           "chart marks it. Set it three months after the plan's launch when the launch is late.",
       .source = "The seeds' three-month mark: \"three months after launch, 17 of 180 use it daily\".",
       .apply = [](const Value& v, Scenario& s) { s.kpi.hard_review_day = as_u32(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return int_value(s.kpi.hard_review_day); }});
  add({.key = "kpi.days",
       .kind = ValueKind::IntegerArray,
       .unit = "days",
       .quantity = "three whole numbers of days",
       .default_value = Value{std::vector<std::int64_t>{30, 60, 90}},
       .minimum = 1,
       .maximum = kMaxHorizonDays,
       .description = "Days of the three active_share_day<N> KPIs (the headline share on those days), "
                      "ascending; counted from day 0, or from the start of kpi.from_phase. The third is the "
                      "headline KPI --precision narrows. Scenarios run or compared together must share them.",
       .source = "The 30/60/90-day checkpoints of the seed articles.",
       .apply =
           [](const Value& v, Scenario& s) {
             const auto& days = std::get<std::vector<std::int64_t>>(v);
             for (std::size_t i = 0; i < s.kpi.days.size() && i < days.size(); ++i)
               s.kpi.days[i] = static_cast<std::uint32_t>(days[i]);
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         return Value{std::vector<std::int64_t>(s.kpi.days.begin(), s.kpi.days.end())};
       },
       .check = [](const Value& v) -> std::string {
         const auto& days = std::get<std::vector<std::int64_t>>(v);
         if (days.size() != 3) return "has " + std::to_string(days.size()) + " days, not three";
         if (!(days[0] < days[1] && days[1] < days[2])) return "is not strictly ascending";
         return "";
       }});
  add({.key = "kpi.from_phase",
       .kind = ValueKind::String,
       .quantity = "the name of a phase of the plan, or \"\"",
       .default_value = Value{std::string{}},
       .description =
           "When set, kpi.days count from this rollout phase's start in each replicate (e.g. "
           "\"scale\" for pilot_then_scale: \"90 days after the scale-up\"); a replicate in which "
           "the phase does not start, or whose day falls after the horizon, has no value. Only the "
           "active_share_day<N> KPIs move; the other day-90 KPIs stay at day 90.",
       .source = "Fact F9 (seed 002) is stated 90 days after the full launch.",
       .applies_when = "model.kind = \"workplace\"",
       .apply = [](const Value& v, Scenario& s) { s.kpi.from_phase = as_string(v); },
       .read = [](const Scenario& s) -> std::optional<Value> { return Value{s.kpi.from_phase}; }});

  // --- the sweep's design
  add_sweep_parameters(table);
  return table;
}

}  // namespace

const Scalar* Record::find(std::string_view field) const {
  for (const auto& [name, value] : fields) {
    if (name == field) return &value;
  }
  return nullptr;
}

std::span<const Parameter> parameters() {
  static const std::vector<Parameter> table = build_table();
  return table;
}

const Parameter* find_parameter(std::string_view key) {
  for (const Parameter& parameter : parameters()) {
    if (parameter.key == key) return &parameter;
  }
  return nullptr;
}

}  // namespace adoptsim::scenario
