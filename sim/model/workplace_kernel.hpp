// The fast kernel's forms of the use decision and of an opportunity's
// outcome: the same rules as workplace_rules.hpp (decides_to_use,
// opportunity_outcome, after_opportunity), with each outcome as a mask that
// picks between values, so a person's successive decisions wait only on
// comparisons and picks, never on a mispredicted branch. Tested against
// the rules in tests/unit/model/workplace_rules_test.cpp. Internal to the
// workplace model.
#pragma once

#include <cstdint>

#include "adoptsim/model/workplace.hpp"

namespace adoptsim::model::kernel {

// A double in the low lane of an SSE register, and the all-ones or
// all-zeros mask a comparison of two gives.
using Lane = double __attribute__((vector_size(16)));
using Mask = std::int64_t __attribute__((vector_size(16)));
inline Lane lane(double value) { return Lane{value, 0.0}; }
// `mask` set: `when_set`; clear: `otherwise`.
inline double pick(Mask mask, double when_set, double otherwise) {
  const Mask bits =
      (reinterpret_cast<Mask>(lane(when_set)) & mask) | (reinterpret_cast<Mask>(lane(otherwise)) & ~mask);
  return reinterpret_cast<Lane>(bits)[0];
}
inline bool is_set(Mask mask) { return (mask[0] & 1) != 0; }

// decides_to_use(utility, link, word) as a mask, through the decision's
// table (UseDecision; a bool turned into a mask would cost the loop).
inline Mask use_mask(const UseDecision& decide, double utility, std::uint32_t decision_word) {
  const UseDecision::Bounds& bounds = decide.bounds(decision_word);
  Mask use = lane(utility) > lane(bounds.upper);
  if (!((utility > bounds.upper) | (utility <= bounds.lower))) [[unlikely]] {
    use = Mask{} - (decide.exact(utility, decision_word) ? 1 : 0);
  }
  return use;
}

struct OutcomeMasks {
  Mask success, seen;
};

// opportunity_outcome and after_opportunity in mask form: the outcome of a
// use (mask `use`) from its outcome word, and habit, trust and skill moved
// by it in place.
inline OutcomeMasks take_outcome(Mask use, std::uint32_t outcome_word, double success_chance,
                                 double habit_gain_per_success, const OutcomeParams& params, double& habit,
                                 double& trust, double& skill) {
  const auto word = static_cast<double>(outcome_word);
  const Mask success = use & (lane(word) < lane(success_chance * 0x1p32));
  const Mask seen = success & (lane(word) < lane(success_chance * params.win_visibility * 0x1p32));
  // Each value the outcome leads to, then the one it did.
  const double habit_before = habit, trust_before = trust, skill_before = skill;
  habit = pick(success, habit_before + habit_gain_per_success * (1.0 - habit_before), habit_before);
  trust = pick(success, trust_before + params.trust_gain * (1.0 - trust_before),
               pick(use, trust_before - params.trust_loss * trust_before, trust_before));
  skill = pick(use, skill_before + params.learning_by_doing * (1.0 - skill_before), skill_before);
  return {success, seen};
}

}  // namespace adoptsim::model::kernel
