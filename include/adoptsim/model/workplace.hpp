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
#include "adoptsim/model/workplace_params.hpp"
#include "adoptsim/model/workplace_rules.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::model {

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
  Turnover = 14,  // a post's holders' tenures and arrivals (kTenureBlockShift)
  // A department's use-case requests to a centre of excellence: purpose
  // UseCases | day << kUseCaseDayShift, agent the department, one stream per day.
  UseCases = 15,
};
inline constexpr unsigned kUseCaseDayShift = 8;

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

// The model with its rules alone (workplace_rules.hpp): person by person,
// step by step, each step's draws from the person's own stream word by word,
// the social sums kept as the kernel keeps them. It draws the same words
// from the same streams as WorkplaceModel::run and gives the same activity,
// byte for byte (the equivalence test holds the two together). Slow: for
// tests and for reading the model in one sitting.
WorkplaceOutcome run_workplace_reference(const org::OrgGraph& graph, const WorkplaceParams& params,
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
