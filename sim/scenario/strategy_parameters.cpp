// Rows of the parameter table for the rollout strategy of model.kind =
// "workplace": [strategy] (presets, pilots, champions, waves, incentives) and
// the phases of a custom strategy, [[strategy.phases]]. Defaults are read
// from strategy::StrategySpec.
#include <cmath>
#include <optional>

#include "adoptsim/analysis/champion_rule.hpp"
#include "workplace_rows.hpp"

namespace adoptsim::scenario::workplace_rows {
namespace {

// "custom" phase interventions by their scenario names.
std::vector<std::string_view> intervention_names() {
  std::vector<std::string_view> names;
  for (int kind = 0; kind < model::kInterventionKindCount; ++kind)
    names.push_back(model::to_string(static_cast<model::InterventionKind>(kind)));
  return names;
}

std::optional<model::InterventionKind> parse_intervention(std::string_view text) {
  for (int kind = 0; kind < model::kInterventionKindCount; ++kind) {
    if (model::to_string(static_cast<model::InterventionKind>(kind)) == text)
      return static_cast<model::InterventionKind>(kind);
  }
  return std::nullopt;
}

// strategy.champion_rule's choices: analysis's name table, in its order.
std::vector<std::string_view> champion_rule_choices() {
  std::vector<std::string_view> names;
  for (const analysis::ChampionRule rule : analysis::kChampionRules)
    names.push_back(analysis::to_string(rule));
  return names;
}

}  // namespace

void add_strategy_rows(Rows& rows) {
  const strategy::StrategySpec& spec = rows.defaults.strategy;
  rows.add(
      {.key = "strategy.preset",
       .kind = ValueKind::String,
       .default_value = Value{std::string{strategy::to_string(spec.preset)}},
       .choices = {"big_bang", "pilot_then_scale", "phased_by_department", "champion_network",
                   "manager_first", "custom"},
       .description =
           "The rollout. `big_bang`: access, one announcement and a generic webinar for everyone on day 0. "
           "`pilot_then_scale`: a pilot of 8–15 with daily check-ins and task-specific workshops who become "
           "champions; everyone else on scale_day or when the scale gate is met. `phased_by_department`: "
           "department waves. `champion_network`: one champion per people_per_champion, then everyone with "
           "champions' office hours. `manager_first`: managers get access and enablement, their teams "
           "manager_lead_days later. `custom`: the [[strategy.phases]] below. Every preset starts with the "
           "budget-lever phase (governance, feedback loop, incentives) when budget_lever_phase is true.",
       .source = "DESIGN.md, \"Rollout strategies\"; seeds 000–003.",
       .apply =
           [](const Value& v, Scenario& s) {
             if (s.workplace) s.workplace->strategy.preset = *strategy::parse_preset(as_string(v));
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (!s.workplace) return std::nullopt;
         return Value{std::string{strategy::to_string(s.workplace->strategy.preset)}};
       }});
  rows.integer<[](W& w) -> std::uint32_t& { return w.strategy.pilot_size; }>(
      "strategy.pilot_size", "people", "a pilot size", 1, 1000000,
      "People in the pilot of pilot_then_scale (with pilot_rule \"named\", the pilot is pilot_people "
      "instead). Outside 8–15, the figure for a mid-market firm, `validate` and `run` warn and the pilot "
      "runs as asked; larger organisations may want more.",
      "Seed 002: a 12-person pilot; DESIGN.md: 8–15 early adopters.",
      "strategy.preset = \"pilot_then_scale\"");
  rows.add({.key = "strategy.pilot_rule",
            .kind = ValueKind::String,
            .default_value = Value{std::string{"cross_department"}},
            .choices = {"cross_department", "single_department", "network_position", "named"},
            .description =
                "How the pilot is chosen: `cross_department` (random people, departments in turn), "
                "`single_department` (random people of pilot_department only), both drawn anew in every "
                "replicate and leaving executives out; `network_position` "
                "(the best by champion_rule's centrality, at least one per department while seats "
                "last, spread as evenly as the departments' sizes allow: at most pilot_size / "
                "departments rounded up per department when each has that many, else the smallest "
                "per-department limit that seats the pilot; executives left out) or `named` "
                "(pilot_people).",
            .source = "Seed 003: pilots confined to one department stay there (DESIGN.md F5).",
            .applies_when = "strategy.preset = \"pilot_then_scale\"",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (!s.workplace) return;
                  const std::string& rule = as_string(v);
                  auto& strategy = s.workplace->strategy;
                  s.workplace->pilot_by_network_position = rule == "network_position";
                  strategy.pilot_rule = rule == "single_department" ? strategy::PilotRule::SingleDepartment
                                        : rule == "named"           ? strategy::PilotRule::Named
                                                          : strategy::PilotRule::CrossDepartmentRandom;
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              if (s.workplace->pilot_by_network_position) return Value{std::string{"network_position"}};
              switch (s.workplace->strategy.pilot_rule) {
                case strategy::PilotRule::SingleDepartment:
                  return Value{std::string{"single_department"}};
                case strategy::PilotRule::Named:
                  return Value{std::string{"named"}};
                case strategy::PilotRule::CrossDepartmentRandom:
                  break;
              }
              return Value{std::string{"cross_department"}};
            }});
  rows.add({.key = "strategy.pilot_department",
            .kind = ValueKind::String,
            .quantity = "a department name",
            .default_value = Value{std::string{}},
            .description = "The pilot's department, with pilot_rule \"single_department\".",
            .applies_when = "strategy.pilot_rule = \"single_department\"",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (s.workplace) s.workplace->strategy.pilot_department = as_string(v);
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              return Value{s.workplace->strategy.pilot_department};
            }});
  rows.add({.key = "strategy.pilot_people",
            .kind = ValueKind::StringArray,
            .quantity = kPersonIdsQuantity,
            .default_value = Value{std::vector<std::string>{}},
            .description = "The pilot, with pilot_rule \"named\": person ids (see \"Person ids\" above).",
            .applies_when = "strategy.pilot_rule = \"named\"",
            .apply = [](const Value& v,
                        Scenario& s) { s.named_people.pilot = std::get<std::vector<std::string>>(v); },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              return Value{s.named_people.pilot};
            }});
  rows.number<[](W& w) -> double& { return w.strategy.check_in_days; }>(
      "strategy.check_in_days", "days", "a number of days", 0.0, kMaxDays,
      "Days of daily check-ins for the pilot of pilot_then_scale.", "Seed 002: two weeks of hypercare.");
  rows.number<[](W& w) -> double& { return w.strategy.scale_day; }>(
      "strategy.scale_day", "days", "a day", 0.0, kMaxDays,
      "Day everyone else gets access in pilot_then_scale; with a scale gate, the latest day.",
      "Seed 002: six weeks of pilot before the full launch.");
  rows.add({.key = "strategy.scale_gate_share",
            .kind = ValueKind::Float,
            .unit = "fraction",
            .quantity = "a share of the people with access",
            .default_value = Value{0.0},
            .minimum = 0,
            .maximum = 1,
            .description =
                "Scale as soon as this share of the people with access is weekly active (0: no gate, "
                "scale on scale_day). With a gate, scale_day is the latest day.",
            .applies_when = "strategy.preset = \"pilot_then_scale\"",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (!s.workplace) return;
                  auto& strategy = s.workplace->strategy;
                  if (as_float(v) <= 0.0) {
                    strategy.scale_gate.reset();
                  } else {
                    if (!strategy.scale_gate) strategy.scale_gate.emplace();
                    strategy.scale_gate->weekly_active_share_of_access = as_float(v);
                  }
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              const auto& gate = s.workplace->strategy.scale_gate;
              return Value{gate ? gate->weekly_active_share_of_access : 0.0};
            }});
  rows.add({.key = "strategy.scale_gate_earliest_day",
            .kind = ValueKind::Float,
            .unit = "days",
            .quantity = "a day",
            .default_value = Value{14.0},
            .minimum = 0,
            .maximum = kMaxDays,
            .description = "With a scale gate: the gate is not looked at before this day.",
            .source = "The pilot's two weeks of check-ins run first.",
            .applies_when = "strategy.scale_gate_share > 0",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (s.workplace && s.workplace->strategy.scale_gate)
                    s.workplace->strategy.scale_gate->earliest_day = as_float(v);
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace || !s.workplace->strategy.scale_gate) return std::nullopt;
              return Value{s.workplace->strategy.scale_gate->earliest_day};
            }});
  rows.add({.key = "strategy.wave_order",
            .kind = ValueKind::StringArray,
            .quantity = "an array of department names",
            .default_value = Value{std::vector<std::string>{}},
            .description = "Order of the department waves of phased_by_department; empty: largest department "
                           "first. Departments not listed follow, largest first.",
            .applies_when = "strategy.preset = \"phased_by_department\"",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (s.workplace) s.workplace->strategy.wave_order = std::get<std::vector<std::string>>(v);
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              return Value{s.workplace->strategy.wave_order};
            }});
  rows.number<[](W& w) -> double& { return w.strategy.wave_spacing_days; }>(
      "strategy.wave_spacing_days", "days", "a number of days", 0.0, kMaxDays,
      "Days between the waves of phased_by_department.", "Seed 003: a department a month.");
  rows.number<[](W& w) -> double& { return w.strategy.people_per_champion; }>(
      "strategy.people_per_champion", "people", "a number of people", 1.0, 1000000.0,
      "One champion for every this many people or part of them: ceil(people / people_per_champion), at "
      "least one and at most the people who may be champions; the same count for every champion_rule "
      "but `named`.",
      "Seed 003: a champion per team of 10–20.");
  rows.add({.key = "strategy.champion_rule",
            .kind = ValueKind::String,
            .default_value = Value{std::string{"random"}},
            .choices = champion_rule_choices(),
            .description =
                "How champions are chosen (and the pilot, with pilot_rule \"network_position\"): "
                "`random`; by a centrality of the org graph (`degree`, `betweenness`, `pagerank`, "
                "`eigenvector`, `department_spanning`: ties into other departments), highest first; "
                "`manager_nominated` (each manager names a report, round after round); or `named` "
                "(champion_people). `random` and the centralities leave executives out and respect "
                "max_champions_per_department; `random` draws anew in every replicate. `adoptsim "
                "champions` compares the rules with the same meaning.",
            .source = "Network position decides how far a champion's use is seen (Valente 2012).",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (s.workplace)
                    s.workplace->strategy.champion_rule = *analysis::parse_champion_rule(as_string(v));
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              return Value{std::string{analysis::to_string(s.workplace->strategy.champion_rule)}};
            }});
  rows.add(
      {.key = "strategy.champion_people",
       .kind = ValueKind::StringArray,
       .quantity = kPersonIdsQuantity,
       .default_value = Value{std::vector<std::string>{}},
       .description = "The champions, with champion_rule \"named\": person ids (see \"Person ids\" above).",
       .applies_when = "strategy.champion_rule = \"named\"",
       .apply = [](const Value& v,
                   Scenario& s) { s.named_people.champions = std::get<std::vector<std::string>>(v); },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (!s.workplace) return std::nullopt;
         return Value{s.named_people.champions};
       }});
  rows.integer<[](W& w) -> std::uint32_t& { return w.strategy.max_champions_per_department; }>(
      "strategy.max_champions_per_department", "people", "a whole number of people", 0, 1000000,
      "With `random` or a centrality rule: at most this many champions per department (0: no limit).");
  rows.number<[](W& w) -> double& { return w.strategy.manager_lead_days; }>(
      "strategy.manager_lead_days", "days", "a number of days", 0.0, kMaxDays,
      "manager_first: days between the managers' start and their teams'.",
      "Two weeks for managers to form a habit their teams can see (seed 002).");
  rows.add({.key = "strategy.champion_support_until_day",
            .kind = ValueKind::Float,
            .unit = "days",
            .quantity = "a day, or inf",
            .default_value = Value{spec.champion_support_until_day},
            .minimum = 0,
            .description = "pilot_then_scale and champion_network: the champions' office hours and monthly "
                           "exchanges end on this day (inf: they run to the horizon).",
            .source = "Seed 000, Anchor: the champion community must be maintained beyond the rollout (fact "
                      "F12).",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (s.workplace) s.workplace->strategy.champion_support_until_day = as_float(v);
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              return Value{s.workplace->strategy.champion_support_until_day};
            }});
  rows.number<[](W& w) -> double& { return w.strategy.incentive_level; }>(
      "strategy.incentive_level", "", "an incentive level", -1.0, 1.0,
      "The incentive the incentives budget puts in force for everyone, in [-1, 1] (negative: use is "
      "discouraged).");
  rows.add({.key = "strategy.budget_lever_phase",
            .kind = ValueKind::Boolean,
            .default_value = Value{spec.add_budget_lever_phase},
            .description =
                "Start with a day-0 phase for everyone that publishes governance, runs the feedback "
                "loop and sets incentives, each when its lever has money.",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (s.workplace) s.workplace->strategy.add_budget_lever_phase = as_bool(v);
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              return Value{s.workplace->strategy.add_budget_lever_phase};
            }});

  // --- custom phases
  rows.add(
      {.key = "strategy.phases",
       .kind = ValueKind::TableArray,
       .quantity = "an array of phase tables",
       .default_value = Value{std::vector<Record>{}},
       .description = "The phases of a `custom` strategy, in order: each has a `name`, a start (start_day, "
                      "or a gate), a cohort (departments, roles, champions_only, fraction, people) and "
                      "`interventions`. A phase with no department, role, champion or people filter "
                      "reaches everyone.",
       .source = "DESIGN.md: the seeds' frameworks (000–003) are custom strategies in scenarios/workplace/.",
       .applies_when = "strategy.preset = \"custom\"",
       .apply =
           [](const Value& v, Scenario& s) {
             if (!s.workplace) return;
             auto& phases = s.workplace->strategy.phases;
             phases.clear();
             s.named_people.phase_people.clear();
             for (const Record& record : std::get<std::vector<Record>>(v)) {
               strategy::CustomPhase phase;
               phase.name = std::get<std::string>(*record.find("name"));
               phase.start_day = field_or(record, "start_day", 0.0);
               const double gate_share = field_or(record, "gate_share", 0.0);
               if (gate_share > 0.0) {
                 phase.gated = true;
                 phase.gate.weekly_active_share_of_access = gate_share;
                 phase.gate.earliest_day = field_or(record, "start_day", 0.0);
                 phase.gate.latest_day = field_or(record, "gate_latest_day", kInf);
               }
               phase.cohort.departments = strings_or_empty(record, "departments");
               phase.cohort.roles = strings_or_empty(record, "roles");
               if (const Scalar* only = record.find("champions_only"))
                 phase.cohort.champions_only = std::get<bool>(*only);
               phase.cohort.fraction = field_or(record, "fraction", 1.0);
               s.named_people.phase_people.push_back(strings_or_empty(record, "people"));
               for (const std::string& name : strings_or_empty(record, "interventions")) {
                 strategy::CustomIntervention intervention;
                 intervention.kind = *parse_intervention(name);
                 switch (intervention.kind) {
                   case model::InterventionKind::DailyCheckIns:
                     intervention.duration_days = field_or(record, "check_in_days", 14.0);
                     break;
                   case model::InterventionKind::ChampionOfficeHours:
                     intervention.duration_days = field_or(record, "office_hours_days", kInf);
                     break;
                   case model::InterventionKind::FeedbackLoop:
                     intervention.duration_days = field_or(record, "feedback_days", kInf);
                     break;
                   case model::InterventionKind::IncentiveChange:
                     intervention.value = field_or(record, "incentive_value", 0.5);
                     break;
                   case model::InterventionKind::MonthlyExchange:
                   case model::InterventionKind::KpiCommunication:
                   case model::InterventionKind::KnowledgeMaintenance:
                   case model::InterventionKind::Onboarding:
                     intervention.duration_days = kInf;  // until the phase's until_day or the horizon
                     break;
                   case model::InterventionKind::CentreOfExcellence:
                     intervention.duration_days = kInf;
                     intervention.hours_per_week = field_or(record, "coe_hours_per_week", 40.0);
                     break;
                   default:
                     break;
                 }
                 phase.interventions.push_back(intervention);
               }
               phase.until_day = field_or(record, "until_day", kInf);
               phases.push_back(std::move(phase));
             }
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (!s.workplace) return std::nullopt;
         std::vector<Record> records;
         for (const strategy::CustomPhase& phase : s.workplace->strategy.phases) {
           Record record;
           const auto put = [&record](std::string name, Scalar value) {
             record.fields.emplace_back(std::move(name), std::move(value));
           };
           put("name", phase.name);
           put("start_day", phase.gated ? phase.gate.earliest_day : phase.start_day);
           if (phase.gated) {
             put("gate_share", phase.gate.weekly_active_share_of_access);
             put("gate_latest_day", phase.gate.latest_day);
           }
           if (!phase.cohort.departments.empty()) put("departments", phase.cohort.departments);
           if (!phase.cohort.roles.empty()) put("roles", phase.cohort.roles);
           if (phase.cohort.champions_only) put("champions_only", true);
           if (phase.cohort.fraction != 1.0) put("fraction", phase.cohort.fraction);
           const std::size_t index = records.size();
           if (index < s.named_people.phase_people.size() && !s.named_people.phase_people[index].empty())
             put("people", s.named_people.phase_people[index]);
           std::vector<std::string> names;
           for (const strategy::CustomIntervention& intervention : phase.interventions) {
             names.emplace_back(model::to_string(intervention.kind));
             switch (intervention.kind) {
               case model::InterventionKind::DailyCheckIns:
                 put("check_in_days", intervention.duration_days);
                 break;
               case model::InterventionKind::ChampionOfficeHours:
                 put("office_hours_days", intervention.duration_days);
                 break;
               case model::InterventionKind::FeedbackLoop:
                 put("feedback_days", intervention.duration_days);
                 break;
               case model::InterventionKind::IncentiveChange:
                 put("incentive_value", intervention.value);
                 break;
               case model::InterventionKind::CentreOfExcellence:
                 put("coe_hours_per_week", intervention.hours_per_week);
                 break;
               default:
                 break;
             }
           }
           put("interventions", std::move(names));
           if (!std::isinf(phase.until_day)) put("until_day", phase.until_day);
           records.push_back(std::move(record));
         }
         return Value{std::move(records)};
       }});
  const auto field = [&rows](Parameter parameter) {
    parameter.applies_when = "strategy.preset = \"custom\"";
    rows.add(std::move(parameter));
  };
  field({.key = "strategy.phases.name",
         .kind = ValueKind::String,
         .quantity = "a phase name",
         .description = "Name shown on plots (milestones) and in summary.json.",
         .check = [](const Value& v) -> std::string { return as_string(v).empty() ? "is empty" : ""; }});
  field({.key = "strategy.phases.start_day",
         .kind = ValueKind::Float,
         .unit = "days",
         .quantity = "a day",
         .default_value = Value{0.0},
         .minimum = 0,
         .maximum = kMaxDays,
         .description =
             "Day the phase starts; with a gate, the first day the gate is looked at. Phases start "
             "in order: never before the phase above."});
  field({.key = "strategy.phases.gate_share",
         .kind = ValueKind::Float,
         .unit = "fraction",
         .quantity = "a share of the people with access",
         .default_value = Value{0.0},
         .minimum = 0,
         .maximum = 1,
         .description = "Start when this share of the people with access is weekly active (0: no gate)."});
  field({.key = "strategy.phases.gate_latest_day",
         .kind = ValueKind::Float,
         .unit = "days",
         .quantity = "a day, or inf",
         .default_value = Value{kInf},
         .minimum = 0,
         .description =
             "With a gate: start on this day even if the gate is not met (inf: wait for the gate)."});
  field({.key = "strategy.phases.departments",
         .kind = ValueKind::StringArray,
         .quantity = "an array of department names",
         .default_value = Value{std::vector<std::string>{}},
         .description = "Only people of these departments (empty: any department)."});
  field({.key = "strategy.phases.roles",
         .kind = ValueKind::StringArray,
         .quantity = "an array of roles",
         .default_value = Value{std::vector<std::string>{}},
         .choices = {"individual_contributor", "manager", "executive"},
         .description = "Only people with these roles (empty: any role)."});
  field({.key = "strategy.phases.champions_only",
         .kind = ValueKind::Boolean,
         .default_value = Value{false},
         .description = "Only the strategy's champions (chosen by champion_rule, one per "
                        "people_per_champion)."});
  field({.key = "strategy.phases.fraction",
         .kind = ValueKind::Float,
         .unit = "fraction",
         .quantity = "a fraction",
         .default_value = Value{1.0},
         .minimum = 0,
         .maximum = 1,
         .description = "A random fraction of the people the filters match (per replicate)."});
  field({.key = "strategy.phases.people",
         .kind = ValueKind::StringArray,
         .quantity = kPersonIdsQuantity,
         .default_value = Value{std::vector<std::string>{}},
         .description = "Named people, added to the cohort: person ids (see \"Person ids\" above)."});
  field({.key = "strategy.phases.interventions",
         .kind = ValueKind::StringArray,
         .quantity = "an array of interventions",
         .choices = intervention_names(),
         .description =
             "What the phase does to its cohort (docs/model.md, \"Interventions\"): access, "
             "announcement, generic_webinar, task_workshop, daily_check_ins, champion_office_hours, "
             "manager_enablement, governance_publication, incentive_change, assign_champions, "
             "feedback_loop, monthly_exchange, kpi_communication, process_integration, "
             "knowledge_maintenance, onboarding, centre_of_excellence. Each is paid from its budget lever."});
  field({.key = "strategy.phases.until_day",
         .kind = ValueKind::Float,
         .unit = "days",
         .quantity = "a day, or inf",
         .default_value = Value{kInf},
         .minimum = 0,
         .description =
             "The phase's recurring interventions (daily_check_ins, champion_office_hours, "
             "monthly_exchange, kpi_communication, feedback_loop, knowledge_maintenance, onboarding, "
             "centre_of_excellence) end on this day at the latest (inf: when their duration ends, or at the "
             "horizon).",
         .source = "Seed 000, Anchor: what happens when the champions' community is no longer funded (fact "
                   "F12)."});
  field({.key = "strategy.phases.check_in_days",
         .kind = ValueKind::Float,
         .unit = "days",
         .quantity = "a number of days",
         .default_value = Value{14.0},
         .minimum = 0,
         .maximum = kMaxDays,
         .description = "Duration of daily_check_ins."});
  field({.key = "strategy.phases.office_hours_days",
         .kind = ValueKind::Float,
         .unit = "days",
         .quantity = "a number of days, or inf",
         .default_value = Value{kInf},
         .minimum = 0,
         .description = "Duration of champion_office_hours (inf: to the horizon)."});
  field({.key = "strategy.phases.feedback_days",
         .kind = ValueKind::Float,
         .unit = "days",
         .quantity = "a number of days, or inf",
         .default_value = Value{kInf},
         .minimum = 0,
         .description = "Duration of feedback_loop (inf: to the horizon)."});
  field({.key = "strategy.phases.coe_hours_per_week",
         .kind = ValueKind::Float,
         .unit = "hours per week",
         .quantity = "a number of hours a week",
         .default_value = Value{40.0},
         .minimum = 0,
         .maximum = 168000,
         .minimum_exclusive = true,
         .description = "Hours a week the centre_of_excellence's team spends building departments' use cases "
                        "(40: one expert full time). Requests wait in a queue when demand exceeds them "
                        "(docs/model.md, \"A centre of excellence\"). The hours are paid from the support "
                        "lever at budget.unit_cost_usd.support for the days the CoE runs, before the lever's "
                        "other interventions; when the lever cannot pay them all, the team works the hours "
                        "it can pay and validate and run warn.",
         .source = "Seed 002: \"if the CoE team is small relative to demand, business units wait months for "
                   "capacity\"; seed 003 establishes the CoE in months 6-12."});
  field({.key = "strategy.phases.incentive_value",
         .kind = ValueKind::Float,
         .quantity = "an incentive level",
         .default_value = Value{0.5},
         .minimum = -1,
         .maximum = 1,
         .description = "The incentive incentive_change puts in force for the cohort."});
}

}  // namespace adoptsim::scenario::workplace_rows
