// Rollout strategies: named presets (and explicit custom phases) that expand,
// with a budget, into the model::RolloutPlan the workplace model executes.
//
// Expansion (build_plan), phase by phase; every preset plan starts with a
// day-0 "budget levers" phase for everyone carrying GovernancePublication,
// FeedbackLoop (for the whole horizon), IncentiveChange (value
// incentive_level) and KnowledgeMaintenance (for the whole horizon), each
// only when its lever has money:
// - BigBang: "launch", day 0, everyone: Access, Announcement, GenericWebinar.
// - PilotThenScale: "pilot", day 0, the pilot: Access, TaskWorkshop,
//   DailyCheckIns(check_in_days), AssignChampions; then "scale", on
//   scale_day, or with scale_gate when the gate is met and at the latest on
//   scale_day (the earlier of scale_day and the gate's own latest_day),
//   everyone else: Access, Announcement, TaskWorkshop, ChampionOfficeHours
//   and MonthlyExchange (to the horizon or champion_support_until_day),
//   KpiCommunication (to the horizon).
// - PhasedByDepartment: one wave per department, wave i on day
//   i · wave_spacing_days, in wave_order (or largest department first, ties
//   by department id): Access, Announcement, TaskWorkshop.
// - ChampionNetwork: "champions", day 0, the champions: Access,
//   AssignChampions, TaskWorkshop; then "launch", day 0, everyone: Access,
//   Announcement, ChampionOfficeHours and MonthlyExchange (to the horizon or
//   champion_support_until_day), KpiCommunication (to the horizon).
// - ManagerFirst: "managers", day 0, managers and executives: Access,
//   ManagerEnablement, Announcement; then "teams", day
//   manager_lead_days, individual contributors: Access, Announcement,
//   GenericWebinar (big_bang's package, so the two compare at equal budget).
// - Custom: the explicit phases, in order (no phase is added but the budget
//   levers phase, unless add_budget_lever_phase is false).
//
// Seats: the licence money pays for affordable_seats(budget, horizon) seats.
// Access is granted in phase order, and within a phase in a seeded random
// order, until seats run out; people of an Access phase left without a seat
// are dropped from that phase's cohort.
//
// Money: the pilot of pilot_then_scale is funded first: each of its
// interventions takes what intensity 0.9 costs for the pilot's members
// (usd_for_intensity), or what is left of its lever. A centre of excellence
// is paid next, by the hour: its coe_hours_per_week for the days it runs at
// the support lever's unit cost, or as many hours a week as what is left of
// the lever pays (CoeFunding); a paid team works at intensity 1. The rest of each lever's
// money is split over the other interventions that use it in proportion to
// the people each reaches (an organisation-wide intervention —
// GovernancePublication, FeedbackLoop, ChampionOfficeHours,
// KpiCommunication, KnowledgeMaintenance — reaches the
// whole organisation; Onboarding the joiners expected while it runs
// (joiners_per_day × its days from the phase's start to its until_day or the
// horizon);
// MonthlyExchange the plan's champions; ManagerEnablement the cohort's
// managers and executives), and each of them gets the intensity that money
// buys for the total reach (intensity_bought). cost_usd is the
// intervention's share of the money.
// Access costs nothing up front: the model accrues licences per seat-day
// (licence_cost_per_seat_day_usd). A lever no intervention uses is unspent.
//
// Lever of each intervention: Access → Licences; Announcement →
// Communications; GenericWebinar, TaskWorkshop, Onboarding → Training; DailyCheckIns,
// FeedbackLoop, CentreOfExcellence → Support; ChampionOfficeHours, AssignChampions,
// MonthlyExchange → Champions; KpiCommunication → Communications;
// ManagerEnablement → Leadership; GovernancePublication, ProcessIntegration
// → Governance; KnowledgeMaintenance → Knowledge;
// IncentiveChange → Incentives.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adoptsim/analysis/champion_rule.hpp"
#include "adoptsim/analysis/champions.hpp"
#include "adoptsim/engine/random.hpp"
#include "adoptsim/model/plan.hpp"
#include "adoptsim/org/org_graph.hpp"
#include "adoptsim/strategy/budget.hpp"

namespace adoptsim::strategy {

// The intensity a funded-first phase's interventions are bought at, when the
// lever can pay for it: full intensity has no finite price, and 0.9 keeps the
// rest of a small lever for the phases after it.
inline constexpr double kFundedFirstIntensity = 0.9;

// StreamKey::purpose of the strategy's random choices (agent kGlobalAgent).
inline constexpr std::uint32_t kStrategyStreamPurpose = 21;

enum class Preset : std::uint8_t {
  BigBang,
  PilotThenScale,
  PhasedByDepartment,
  ChampionNetwork,
  ManagerFirst,
  Custom
};
// "big_bang", "pilot_then_scale", "phased_by_department", "champion_network",
// "manager_first", "custom".
std::string_view to_string(Preset preset);
std::optional<Preset> parse_preset(std::string_view text);

// How the pilot is chosen (innovativeness is drawn inside the model, so it
// cannot be used here).
enum class PilotRule : std::uint8_t {
  // Departments in a random order, round-robin, one uniformly random member
  // of each per round: at most ceil(size / departments) per department.
  // Executives are left out, as they are of every random pilot.
  CrossDepartmentRandom,
  // Uniformly random members of pilot_department only (the "pilot stuck in
  // one department" of fact F5), executives left out.
  SingleDepartment,
  // Exactly pilot_people.
  Named,
};

// Who a phase reaches. People match when they are in one of `departments`
// (any, when empty), have one of `roles` (any, when empty; the
// org::to_string spellings) and, with champions_only, are the strategy's
// champions. With none of those filters set, nobody matches unless `people`
// is empty too, in which case everyone does. Then `fraction` of the matches
// (rounded to nearest) is drawn uniformly at random, and the named `people`
// are added. The result is sorted by id, without duplicates.
struct CohortSelector {
  std::vector<std::string> departments;
  std::vector<std::string> roles;
  bool champions_only = false;
  double fraction = 1.0;  // in [0, 1]
  std::vector<org::PersonId> people;
};

struct CustomIntervention {
  model::InterventionKind kind = model::InterventionKind::Access;
  // DailyCheckIns, ChampionOfficeHours, FeedbackLoop, MonthlyExchange,
  // KpiCommunication, KnowledgeMaintenance, Onboarding, CentreOfExcellence
  double duration_days = 0.0;
  double value = 0.0;  // IncentiveChange
  // Overrides the budget's intensity (the cost is still the lever's money).
  std::optional<double> intensity;
  double hours_per_week = 0.0;  // CentreOfExcellence: its team's hours on use cases
};

// A phase of a custom strategy: model::Phase with a cohort selector.
struct CustomPhase {
  std::string name;
  double start_day = 0.0;
  bool gated = false;
  model::Gate gate;
  CohortSelector cohort;
  std::vector<CustomIntervention> interventions;
  // The phase's recurring interventions (check-ins, office hours, monthly
  // exchanges, KPI communications, the feedback loop, knowledge maintenance)
  // end on this day at the latest.
  double until_day = std::numeric_limits<double>::infinity();
};

// When a custom phase starts, for the order of phases: its start_day, or
// with a gate the gate's earliest day.
double phase_start_day(const CustomPhase& phase);

// A custom phase that starts before a phase above it: phases start in the
// order they are written (each phase's phase_start_day not before the
// latest of those above). `previous_start_day` is that latest start.
struct PhaseOrderProblem {
  std::size_t index = 0;
  double start_day = 0.0;
  double previous_start_day = 0.0;
};

// The one rule of phase order, which validate() and the scenario files'
// checks both apply.
std::vector<PhaseOrderProblem> phases_out_of_order(const std::vector<CustomPhase>& phases);

struct StrategySpec {
  Preset preset = Preset::BigBang;

  // pilot_then_scale
  std::uint32_t pilot_size = 12;  // 8–15
  PilotRule pilot_rule = PilotRule::CrossDepartmentRandom;
  std::string pilot_department;             // PilotRule::SingleDepartment
  std::vector<org::PersonId> pilot_people;  // PilotRule::Named
  double check_in_days = 14.0;
  // The scale-up's day (six weeks, as in seed 002); with scale_gate, its latest day.
  double scale_day = 42.0;
  std::optional<model::Gate> scale_gate;

  // phased_by_department
  std::vector<std::string> wave_order;  // department names; empty: largest first
  double wave_spacing_days = 30.0;

  // champion_network (and the selector's champions_only)
  double people_per_champion = 15.0;
  // Exactly this many champions when > 0 (`adoptsim champions --k`); 0: champion_count's rule.
  std::uint32_t champion_count = 0;
  // Who may be a champion, by every rule but Named and ManagerNominated:
  // executives are left out unless champions_include_executives, at most
  // max_champions_per_department per department (0: no limit).
  bool champions_include_executives = false;
  std::uint32_t max_champions_per_department = 0;
  // Random draws in every replicate; a centrality ranks people by
  // analysis::select_champions (the runner does so once, for every
  // replicate, and names them: Named); ManagerNominated draws nominations.
  analysis::ChampionRule champion_rule = analysis::ChampionRule::Random;
  std::vector<org::PersonId> champion_people;  // ChampionRule::Named

  // manager_first
  double manager_lead_days = 14.0;

  // pilot_then_scale and champion_network: champions' office hours and
  // monthly exchanges end on this day (inf: they run to the horizon).
  double champion_support_until_day = std::numeric_limits<double>::infinity();

  // custom
  std::vector<CustomPhase> phases;

  // Budget levers phase and incentives.
  bool add_budget_lever_phase = true;
  double incentive_level = 0.5;  // IncentiveChange value, in [-1, 1]

  // Joiners the organisation expects a day (the model's attrition: the sum
  // over posts of their daily hazard of leaving), the people Onboarding
  // reaches; set by the runner from the model's parameters, 0: nobody joins.
  double joiners_per_day = 0.0;
};

// One problem with a spec: the StrategySpec field it is about, which is its
// key under `strategy.` in a scenario file ("pilot_size", "phases"; empty
// when it is about the organisation), for the message's location, and the
// sentence.
struct SpecProblem {
  std::string field;
  std::string text;
};

struct SpecValidation {
  std::vector<SpecProblem> errors;    // the spec cannot be built
  std::vector<SpecProblem> warnings;  // it can, but something will not work as meant
};

// Problems with the spec on this graph over `horizon_days`: unknown
// department names or roles, a custom strategy without phases or with
// phases out of order (phases_out_of_order), a pilot larger than
// the organisation, bad fractions or champion parameters (errors). Plans
// that run but not as meant (warnings), each saying what will happen
// instead: gates whose threshold lies outside (0, 1] (never met, or met at
// once); a pilot outside 8–15, smaller than asked for want of candidates, or
// always holding the one person of a tiny department; manager_first without
// managers, or with the teams' start past the horizon; department waves that
// start past the horizon; more champions wanted than people who can be one.
SpecValidation validate(const StrategySpec& spec, const org::OrgGraph& graph,
                        double horizon_days = std::numeric_limits<double>::infinity());

// The people a selector picks. Throws std::invalid_argument on an unknown
// department or role, or a person id out of range.
std::vector<org::PersonId> resolve(const CohortSelector& selector, const org::OrgGraph& graph,
                                   const std::vector<org::PersonId>& champions, engine::RandomStream& stream);

// How many champions a strategy appoints, for every rule that chooses them:
// spec.champion_count when set, else one for every people_per_champion
// people or part of them, ceil(people / people_per_champion); at least one,
// at most `eligible` (the people who may be champions).
std::uint32_t champion_count(const StrategySpec& spec, std::size_t people, std::size_t eligible);

// The people ChampionRule::Random and the centralities may choose: everyone, less executives unless
// spec.champions_include_executives.
std::size_t champions_eligible(const StrategySpec& spec, const org::OrgGraph& graph);

// What a centrality's champions are chosen under: champion_count of them,
// the spec's per-department limit and executives.
analysis::SelectionConstraints champion_constraints(const StrategySpec& spec, const org::OrgGraph& graph);

// The pilot and the champions as the rules pick them (sorted by id).
std::vector<org::PersonId> choose_pilot(const StrategySpec& spec, const org::OrgGraph& graph,
                                        engine::RandomStream& stream);
std::vector<org::PersonId> choose_champions(const StrategySpec& spec, const org::OrgGraph& graph,
                                            engine::RandomStream& stream);
// Departments, largest first (ties: lower id).
std::vector<org::DepartmentId> departments_largest_first(const org::OrgGraph& graph);

// A centre of excellence's team as the budget pays for it: its stated hours
// a week for the days it runs, at the support lever's unit cost (a support
// hour). The team works funded_hours_per_week.
struct CoeFunding {
  std::size_t phase = 0;  // index in plan.phases
  double stated_hours_per_week = 0.0;
  double funded_hours_per_week = 0.0;
  double days = 0.0;       // from the phase's start to its until_day, its duration or the horizon
  double price_usd = 0.0;  // the stated hours for those days
  double cost_usd = 0.0;   // what its lever paid (<= price_usd)
};

struct BuiltPlan {
  model::RolloutPlan plan;
  std::vector<CoeFunding> centre_of_excellence;  // one per CentreOfExcellence intervention, in plan order
  std::uint32_t seats = 0;                       // people granted access by the plan
  std::uint32_t seats_wanted = 0;                // people the plan would grant access without a licence limit
  std::vector<org::PersonId> champions;          // chosen champions (pilot_then_scale: the pilot)
  // pilot_then_scale: the index in plan.phases of the pilot's phase.
  std::optional<std::size_t> pilot_phase;
  std::array<double, model::kBudgetLeverCount> planned_usd{};  // charged to interventions
};

// A spec and a budget checked once against one organisation, expanding into
// each replicate's plan (see the top of this file) without checking again:
// what a run builds many times. Deterministic for its inputs; random choices
// come from the stream {seed, replicate, kGlobalAgent, kStrategyStreamPurpose}.
// `graph` must outlive the builder; build() may be called from any thread.
class PlanBuilder {
 public:
  // Throws std::invalid_argument when validate(spec, graph) or
  // validate(budget) has errors.
  PlanBuilder(StrategySpec spec, Budget budget, const org::OrgGraph& graph, std::uint32_t horizon_days);
  BuiltPlan build(std::uint64_t seed, std::uint32_t replicate) const;

 private:
  StrategySpec spec_;
  Budget budget_;
  const org::OrgGraph* graph_;
  std::uint32_t horizon_days_;
};

// One replicate's plan: PlanBuilder(spec, budget, graph, horizon_days).build(seed, replicate).
BuiltPlan build_plan_detailed(const StrategySpec& spec, const Budget& budget, const org::OrgGraph& graph,
                              std::uint32_t horizon_days, std::uint64_t seed, std::uint32_t replicate);
model::RolloutPlan build_plan(const StrategySpec& spec, const Budget& budget, const org::OrgGraph& graph,
                              std::uint32_t horizon_days, std::uint64_t seed, std::uint32_t replicate);

// The lever an intervention kind is charged to.
model::BudgetLever lever_of(model::InterventionKind kind);

}  // namespace adoptsim::strategy
