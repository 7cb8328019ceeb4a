// Who sees a person's win (docs/model.md, "Outcome"): a neighbour tried at
// random and accepted with probability equal to the tie's weight (clamped
// to [0, 1]), up to kTries tries, else nobody. WitnessTable draws from the
// distribution those tries give in one step, from one 32-bit word, by
// Walker's alias method: per person, a slot for each neighbour and one for
// nobody. Internal to the workplace model.
#pragma once

#include <cstdint>
#include <vector>

#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::model {

class WitnessTable {
 public:
  static constexpr int kTries = 4;
  static constexpr std::uint32_t kNobody = ~std::uint32_t{0};

  explicit WitnessTable(const org::OrgGraph& graph);

  // The index (into graph.neighbours(person)) of the neighbour who sees the
  // win, or kNobody. A uniform word gives each outcome its probability to
  // within (degree + 1) · 2^-32.
  std::uint32_t pick(org::PersonId person, std::uint32_t word) const {
    const std::uint64_t first = first_slot_[person];
    const auto outcomes = static_cast<std::uint32_t>(first_slot_[person + 1] - first);
    // The high half of word × outcomes is a uniform slot, the low half a
    // uniform share of it: the slot's own outcome below its threshold, its
    // alias above.
    const std::uint64_t scaled = std::uint64_t{word} * outcomes;
    const auto slot_index = static_cast<std::uint32_t>(scaled >> 32);
    const Slot& slot = slots_[first + slot_index];
    // A mask rather than a branch: which side of the threshold the word
    // falls is a coin toss.
    const std::uint32_t own =
        0u - static_cast<std::uint32_t>(static_cast<std::uint32_t>(scaled) < slot.threshold);
    const std::uint32_t outcome = (slot_index & own) | (slot.alias & ~own);
    return outcome + 1 == outcomes ? kNobody : outcome;
  }

  // Probability of each outcome of `person` (neighbours in order, then
  // nobody): as the tries give it, and as the table holds it.
  static std::vector<double> tried_probabilities(const org::OrgGraph& graph, org::PersonId person);
  std::vector<double> table_probabilities(org::PersonId person) const;

 private:
  struct Slot {
    std::uint32_t threshold = 0;  // the slot's own outcome below it (of 2^32)
    std::uint32_t alias = 0;      // the outcome above it
  };
  std::vector<std::uint64_t> first_slot_;  // per person, and one past the last
  std::vector<Slot> slots_;
};

}  // namespace adoptsim::model
