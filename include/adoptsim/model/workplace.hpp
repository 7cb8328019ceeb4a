// The workplace adoption model (docs/model.md): employees, managers and
// champions on the org graph decide, on each work opportunity, whether to use
// the tool; outcomes move habit and trust and are seen by colleagues; a
// rollout plan grants access and runs interventions. No I/O: a replicate's
// activity goes to a ReplicateObserver one day at a time.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adoptsim/engine/calendar.hpp"
#include "adoptsim/model/observer.hpp"
#include "adoptsim/model/plan.hpp"
#include "adoptsim/model/reference.hpp"
#include "adoptsim/org/org_graph.hpp"

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
};

enum class LinkFunction : std::uint8_t {
  Logistic,  // p = σ(utility): the workplace model
  Linear,    // p = clamp(intercept + social · share): nests the Bass model exactly
};

// Weights of the use decision (docs/model.md, "Events").
struct DecisionWeights {
  LinkFunction link = LinkFunction::Logistic;
  double intercept = -4.3;
  double relevance = 3.0;       // × (relevance − ½)
  double skill = 1.5;           // × (skill − ½)
  double anxiety = 2.0;         // × anxiety, subtracted
  double trust = 2.0;           // × (trust − ½)
  double incident = 6.0;        // × the trust-incident penalty in force, subtracted
  double habit = 4.0;           // × habit
  double social = 2.5;          // × weighted share of neighbours using the tool
  double innovativeness = 0.6;  // × innovativeness score
  double incentive = 1.0;       // × incentive in force
  double check_in_bonus = 1.0;  // added while daily check-ins run
  double novelty = 1.5;         // × novelty: curiosity about a new tool, 1 on becoming aware, decaying
};

// One person's state as the decision sees it.
struct AgentView {
  double relevance = 0.5;
  double skill = 0.5;
  double anxiety = 0.0;
  double trust = 0.5;
  double habit = 0.0;  // already decayed to now
  double innovativeness = 0.0;
  double incentive = 0.0;
  double novelty = 0.0;  // in [0, 1]: exp(−days since becoming aware / novelty_days)
  bool in_check_in = false;
};

// What the organisation around the person says at the moment of decision.
struct Signals {
  double social_share = 0.0;      // weighted share of neighbours using the tool, [0, 1]
  double incident_penalty = 0.0;  // current trust-incident penalty, >= 0
};

// The utility of using the tool on one work opportunity (the link's
// argument), in two parts: the terms a use changes (habit, trust and skill:
// experience_utility) and the rest, fixed while a person takes a step's
// opportunities (standing_utility).
inline double standing_utility(const AgentView& agent, const Signals& signals,
                               const DecisionWeights& weights) {
  return weights.intercept + weights.relevance * (agent.relevance - 0.5) - weights.anxiety * agent.anxiety -
         weights.incident * signals.incident_penalty + weights.social * signals.social_share +
         weights.innovativeness * agent.innovativeness + weights.incentive * agent.incentive +
         weights.novelty * agent.novelty + (agent.in_check_in ? weights.check_in_bonus : 0.0);
}
inline double experience_utility(const AgentView& agent, const DecisionWeights& weights) {
  return weights.habit * agent.habit + weights.trust * (agent.trust - 0.5) +
         weights.skill * (agent.skill - 0.5);
}
inline double use_utility(const AgentView& agent, const Signals& signals, const DecisionWeights& weights) {
  return standing_utility(agent, signals, weights) + experience_utility(agent, weights);
}

inline double link_probability(double utility, LinkFunction link) {
  if (link == LinkFunction::Linear) return std::clamp(utility, 0.0, 1.0);
  return 1.0 / (1.0 + std::exp(-utility));
}

// Probability of using the tool on one work opportunity: a pure function of
// explicit state (unit-tested without the engine).
inline double use_probability(const AgentView& agent, const Signals& signals,
                              const DecisionWeights& weights) {
  return link_probability(use_utility(agent, signals, weights), weights.link);
}

// Decides whether a uniform 32-bit word falls below link(utility) · 2^32:
// exactly RandomStream::chance(link_probability(utility, link)) on that
// word, but mostly without exp and off the chain of a person's successive
// decisions. The logistic is increasing, so word < σ(u) · 2^32 exactly when
// u lies above the logit of word / 2^32. A table holds, for each of the
// 2^10 slices of words sharing their top 10 bits, the logits of the slice's
// ends, widened by kMargin: a utility above the upper one uses the tool for
// every word of the slice, one at or below the lower one for none. Only a
// utility between the two (chance 2^-10 a word) computes the logistic. The
// table lookup depends on the word alone, so it runs before the utility is
// known; what depends on the utility is one comparison.
class UseDecision {
 public:
  explicit UseDecision(LinkFunction link);
  bool operator()(double utility, std::uint32_t word) const {
    const Bounds& slice = bounds(word);
    const bool above = utility > slice.upper;
    if (above | (utility <= slice.lower)) return above;
    return exact(utility, word);
  }

  // The slice of `word`: a utility above `upper` uses the tool, one at or
  // below `lower` does not; between the two, exact() decides. (With the
  // linear link every utility is between.)
  struct Bounds {
    double lower, upper;
  };
  const Bounds& bounds(std::uint32_t word) const { return slice_bounds_[word >> kSliceShift]; }
  bool exact(double utility, std::uint32_t word) const {
    return static_cast<double>(word) < link_probability(utility, link_) * 0x1p32;
  }

  // The bounds are widened by this much, in utility: far beyond the error of
  // the logistic in double precision (below 1e-12 inside the table's range),
  // far inside a slice (at least 0.004 wide).
  static constexpr double kMargin = 1e-9;

 private:
  static constexpr unsigned kSliceShift = 22;  // 2^10 slices of 2^22 words
  LinkFunction link_;
  // By slice k: logit(k · 2^-10) − margin and logit((k + 1) · 2^-10) +
  // margin, −∞ and +∞ at the ends; −∞ and +∞ throughout for the linear link.
  std::vector<Bounds> slice_bounds_;
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

// Probability that a use succeeds.
inline double success_probability(double skill, double quality, bool in_check_in,
                                  const OutcomeParams& params) {
  const double base = quality * (params.success_floor + (1.0 - params.success_floor) * skill);
  // min and max rather than std::clamp: the same value, without branches.
  return std::min(std::max(base + (in_check_in ? params.check_in_success_bonus : 0.0), 0.0), 1.0);
}

struct DynamicsParams {
  int uses_to_active = 3;                   // successful uses that make a trying person active
  double lapse_after_days = 21.0;           // no use this long: trying/active → lapsed; +inf: never
  double ambient_awareness_per_day = 0.01;  // an unaware person with access notices the tool
  double aware_on_access = 0.1;             // chance access alone makes one aware
  double novelty_days = 7.0;                // e-folding time of a new tool's novelty
  // Steps per day (1 to kMaxStepsPerDay): within a step each person takes
  // their opportunities in turn, and colleagues see a change of use or a win
  // from the next step. 1 = the next working day; more approach continuous time.
  int steps_per_day = 1;
  double quality_start = 0.6;
  double quality_max = 0.92;
  double quality_base_rate_per_day = 0.0005;    // improvement without a feedback loop
  double quality_feedback_rate_per_day = 0.02;  // extra, × feedback-loop intensity
  double incident_recovery_days = 45.0;         // e-folding time of an incident's penalty
  double governance_incident_softening = 0.5;   // share of an incident governance absorbs
  double manager_weight = 2.0;                  // a manager's tie to their reports, × tie weight
  double enabled_manager_weight = 4.0;          // once the manager is enabled
  double champion_weight = 2.0;                 // a champion's ties, × tie weight
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
  double office_hours_relevance_gain = 0.05;
  double manager_skill_gain = 0.3;
  double manager_anxiety_relief = 0.5;
  double manager_innovativeness_boost = 1.5;
  double governance_anxiety_relief = 0.3;
  double champion_skill_gain = 0.4;
  double champion_innovativeness_boost = 2.0;
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

// Every problem with the parameters or the plan for this graph.
std::vector<std::string> validate(const WorkplaceParams& params, const RolloutPlan& plan,
                                  const org::OrgGraph& graph);

// Random streams of the workplace model (StreamKey::purpose); each person's
// draws come from their own streams, so scenarios run with one seed share
// common random numbers person by person.
enum class WorkplaceStream : std::uint32_t {
  Attributes = 11,  // a person's starting attributes
  Activity = 12,    // opportunities, decisions, outcomes: purpose Activity | step << 8, one stream per step
  Interventions = 13,
};

inline constexpr int kMaxStepsPerDay = 64;
// Interventions a phase may hold: each (phase, intervention) has its own
// block of a person's Interventions stream.
inline constexpr std::size_t kMaxInterventionsPerPhase = 32;

struct WorkplaceOutcome {
  // Person-steps swept (a person aware by a working step's start) plus
  // awareness events taken from the event queue.
  std::uint64_t events_processed = 0;
  std::uint64_t opportunities = 0;
  std::uint64_t uses = 0;
  // Day each gated phase started (NaN when it never did), by phase index.
  std::vector<double> phase_start_day;
};

// The model for one organisation and one parameter set: the tables every
// replicate reads (the decision's bounds, opportunity counts, who sees a
// win) are built once, and run() — const, safe from many threads at once —
// runs one replicate. Keeps a reference to `graph`.
class WorkplaceModel {
 public:
  WorkplaceModel(const org::OrgGraph& graph, WorkplaceParams params);
  ~WorkplaceModel();
  WorkplaceModel(const WorkplaceModel&) = delete;
  WorkplaceModel& operator=(const WorkplaceModel&) = delete;

  // One replicate for input.horizon_days, reporting every day to
  // `observer`. Precondition: validate(params, plan, graph) is empty.
  WorkplaceOutcome run(const RolloutPlan& plan, const ReplicateInput& input,
                       ReplicateObserver& observer) const;

  struct Tables;  // defined where the model runs

 private:
  const org::OrgGraph* graph_;
  WorkplaceParams params_;
  std::unique_ptr<const Tables> tables_;
};

// One replicate, building the model's tables for it alone (tests, one-offs):
// WorkplaceModel(graph, params).run(plan, input, observer).
WorkplaceOutcome run_workplace(const org::OrgGraph& graph, const WorkplaceParams& params,
                               const RolloutPlan& plan, const ReplicateInput& input,
                               ReplicateObserver& observer);

// The workplace parameters under which the model is the Bass model: linear
// link with intercept p/λ and social weight q/λ (λ = opportunities per day,
// every day a working day), no attribute terms, no lapsing, one use makes a
// person active, no awareness friction, neighbours weighed by tie weight
// only, kMaxStepsPerDay steps a day. With a plan granting everyone access
// and awareness at day 0, first use has hazard p + q · (weighted share of
// neighbours who had used it by the step's start).
WorkplaceParams bass_equivalent_params(double innovation_p, double imitation_q, double opportunities_per_day);
// Access and an announcement reaching everyone, at day 0.
RolloutPlan everyone_at_day_zero(const org::OrgGraph& graph);

}  // namespace adoptsim::model
