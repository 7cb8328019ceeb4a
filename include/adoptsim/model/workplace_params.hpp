// The workplace model's parameters (docs/model.md): where a department's
// people start, the weights of the use decision, what outcomes do, the
// organisation's dynamics and the interventions' effects. Defaults here are
// the parameter table's defaults (sim/scenario/parameters.cpp reads them).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace adoptsim::model {

// A Beta distribution by its mean in (0, 1) and concentration a + b > 0;
// concentration 0 means "everyone exactly at the mean".
struct BetaSpec {
  double mean = 0.5;
  double concentration = 10.0;
};

// Where a department's people start. Attributes are in [0, 1].
struct DepartmentProfile {
  BetaSpec relevance{0.5, 8.0};
  BetaSpec skill{0.3, 8.0};
  BetaSpec anxiety{0.4, 8.0};
  BetaSpec trust{0.5, 8.0};
  double opportunities_per_working_day = 2.0;  // moments the tool could help, per person
  // Share of the department's people whose work the tool fits; the others
  // never find a use for it, whatever the plan (the plateau of fact F11).
  double fit_share = 0.85;
  // Share of the department's people who leave in a year. Each leaver is
  // replaced the same day by a joiner in the same post (docs/model.md,
  // "Joiners and leavers"); 0: nobody leaves.
  double attrition_per_year = 0.0;
};

enum class LinkFunction : std::uint8_t {
  Logistic,  // p = σ(utility): the workplace model
  Linear,    // p = clamp(intercept + social · share): nests the Bass model exactly
};

// Weights of the use decision (docs/model.md, "Events").
struct DecisionWeights {
  LinkFunction link = LinkFunction::Logistic;
  double intercept = -3.9;
  double relevance = 6.0;       // × (relevance − ½)
  double skill = 1.5;           // × (skill − ½)
  double anxiety = 2.0;         // × anxiety, subtracted
  double trust = 2.0;           // × (trust − ½)
  double incident = 6.0;        // × the trust-incident penalty in force, subtracted
  double habit = 3.0;           // × habit
  double social = 1.5;          // × weighted share of neighbours using the tool
  double innovativeness = 0.6;  // × innovativeness score
  double incentive = 1.0;       // × incentive in force
  double check_in_bonus = 1.0;  // added while daily check-ins run
  double novelty = 1.5;         // × novelty: curiosity about a new tool, 1 on becoming aware, decaying
};

struct OutcomeParams {
  double success_floor = 0.35;  // success probability at zero skill, as a share of quality
  double check_in_success_bonus = 0.15;
  double habit_gain = 0.15;  // habit += gain · (1 − habit) per success (doubled in check-ins)
  double habit_half_life_days = 14.0;
  double trust_gain = 0.05;              // per success, × (1 − trust)
  double trust_loss = 0.12;              // per failure, × trust
  double learning_by_doing = 0.02;       // skill += · (1 − skill) per use
  double win_visibility = 0.5;           // chance a success is seen by one neighbour
  double relevance_from_seen_win = 0.1;  // same-department viewer: relevance += · (1 − relevance)
  double hours_saved_per_success = 0.5;
};

struct DynamicsParams {
  int uses_to_active = 3;          // successful uses that make a trying person active
  double lapse_after_days = 21.0;  // no use this long: trying/active → lapsed; +inf: never
  // A lapsed person who has not used the tool this long forgets it: they
  // take no opportunities until something reminds them (docs/model.md); +inf: never.
  double forget_after_days = 42.0;
  double ambient_awareness_per_day = 0.01;  // an unaware person with access notices the tool
  double aware_on_access = 0.1;             // chance access alone makes one aware
  double novelty_days = 7.0;                // e-folding time of a new tool's novelty
  // e-folding time in days of relevance gained beyond a person's baseline
  // (workshops, office hours, colleagues' wins, results communicated): what
  // is not reinforced fades back (fact F10); +inf: gains never fade.
  double relevance_fade_days = 30.0;
  // Each communication (announcement, KPI communication) a person has
  // already received scales the next one's effect on them by this factor.
  double communication_fatigue = 0.8;
  // Steps per day (1 to kMaxStepsPerDay): within a step each person takes
  // their opportunities in turn, and colleagues see a change of use or a win
  // from the next step. 1 = the next working day; more approach continuous time.
  int steps_per_day = 1;
  double quality_start = 0.6;
  double quality_max = 0.92;
  double quality_base_rate_per_day = 0.0005;    // improvement without a feedback loop
  double quality_feedback_rate_per_day = 0.02;  // extra, × feedback-loop intensity
  // Without knowledge maintenance the tool's knowledge goes stale: quality
  // falls toward quality_stale at this rate, × (1 − maintenance intensity).
  double quality_staleness_rate_per_day = 0.02;
  double quality_stale = 0.25;
  double incident_recovery_days = 45.0;        // e-folding time of an incident's penalty
  double governance_incident_softening = 0.5;  // share of an incident governance absorbs
  double manager_weight = 2.0;                 // a manager's tie to their reports, × tie weight
  double enabled_manager_weight = 4.0;         // once the manager is enabled
  double champion_weight = 2.0;                // a champion's ties, × tie weight
  // While a centre of excellence runs, each person with access asks it for
  // this many use cases a year (their department's request), each taking
  // hours_per_use_case of its team's time (docs/model.md, "A centre of excellence").
  double use_case_requests_per_person_per_year = 0.25;
  double hours_per_use_case = 40.0;
};

struct InterventionEffects {
  double announcement_reach = 0.7;  // share made aware at full intensity
  double announcement_anxiety_relief = 0.15;
  double webinar_attendance = 0.6;  // at full intensity
  double webinar_skill_gain = 0.08;
  double workshop_attendance = 0.8;
  double workshop_skill_gain = 0.3;
  double workshop_relevance_gain = 0.4;
  double office_hours_skill_gain = 0.08;  // per week, to champions' neighbours
  double office_hours_relevance_gain = 0.6;
  double manager_skill_gain = 0.3;
  double manager_anxiety_relief = 0.5;
  double manager_innovativeness_boost = 1.5;
  double governance_anxiety_relief = 0.3;
  double champion_skill_gain = 0.4;
  double champion_innovativeness_boost = 2.0;
  double exchange_relevance_gain = 0.15;  // per monthly exchange, to every champion
  double exchange_skill_gain = 0.1;
  double kpi_relevance_gain = 0.1;         // per KPI communication, to everyone with access
  double process_relevance_gain = 0.3;     // process integration: relevance and its baseline
  double onboarding_skill_gain = 0.3;      // a joiner onboarded with the tool, × intensity
  double onboarding_relevance_gain = 0.3;  // relevance and its baseline, × intensity
  double use_case_relevance_gain = 0.15;   // a delivered use case, to its department: relevance and baseline
};

// Rogers' adopter categories: shares and the innovativeness score of each.
struct InnovativenessParams {
  std::array<double, 5> shares = {0.025, 0.135, 0.34, 0.34, 0.16};
  std::array<double, 5> scores = {2.0, 1.0, 0.3, -0.4, -1.2};
};

struct WorkplaceParams {
  // By department id; a graph department without a profile uses default_profile.
  std::vector<DepartmentProfile> departments;
  DepartmentProfile default_profile;
  DecisionWeights decision;
  OutcomeParams outcome;
  DynamicsParams dynamics;
  InterventionEffects effects;
  InnovativenessParams innovativeness;
  // Working week; with `every_day_working`, every day is a working day.
  bool every_day_working = false;
};

}  // namespace adoptsim::model
