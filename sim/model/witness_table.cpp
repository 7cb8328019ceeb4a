#include "witness_table.hpp"

#include <algorithm>
#include <cmath>
#include <span>

namespace adoptsim::model {

namespace {

// The tries' probabilities of `weights`' neighbours, then of nobody, into
// `probabilities` (resized to weights.size() + 1).
void fill_tried_probabilities(std::span<const float> weights, std::vector<double>& probabilities) {
  const std::size_t degree = weights.size();
  probabilities.resize(degree + 1);
  if (degree == 0) {
    probabilities.back() = 1.0;
    return;
  }
  // A try picks neighbour j with chance 1 / degree and keeps them with
  // chance a_j (the weight, clamped): each try succeeds with chance A =
  // mean(a), and given that it did, picked j with chance a_j / (degree · A).
  double accepted = 0.0;
  for (std::size_t index = 0; index < degree; ++index) {
    probabilities[index] = std::clamp(static_cast<double>(weights[index]), 0.0, 1.0);
    accepted += probabilities[index];
  }
  accepted /= static_cast<double>(degree);
  double tries_reached = 0.0;  // expected tries made: Σ_k (1 − A)^k, k < kTries
  double all_failed = 1.0;
  for (int attempt = 0; attempt < WitnessTable::kTries; ++attempt) {
    tries_reached += all_failed;
    all_failed *= 1.0 - accepted;
  }
  const double scale = tries_reached / static_cast<double>(degree);
  for (std::size_t index = 0; index < degree; ++index) probabilities[index] *= scale;
  probabilities.back() = all_failed;
}

}  // namespace

std::vector<double> WitnessTable::tried_probabilities(const org::OrgGraph& graph, org::PersonId person) {
  std::vector<double> probabilities;
  fill_tried_probabilities(graph.tie_weights(person), probabilities);
  return probabilities;
}

WitnessTable::WitnessTable(const org::OrgGraph& graph) {
  const std::size_t people = graph.person_count();
  first_slot_.resize(people + 1);
  first_slot_[0] = 0;
  for (org::PersonId person = 0; person < people; ++person) {
    first_slot_[person + 1] = first_slot_[person] + graph.degree(person) + 1;
  }
  slots_.resize(first_slot_[people]);
  // Reused from person to person: no allocation once the largest degree is seen.
  std::vector<double> scaled;
  std::vector<std::uint32_t> small, large;
  for (org::PersonId person = 0; person < people; ++person) {
    // Vose's construction: each slot takes an outcome below its share and
    // tops up from one above.
    fill_tried_probabilities(graph.tie_weights(person), scaled);
    const auto outcomes = static_cast<std::uint32_t>(scaled.size());
    small.resize(outcomes);
    large.resize(outcomes);
    std::size_t small_count = 0, large_count = 0;
    for (std::uint32_t outcome = 0; outcome < outcomes; ++outcome) {
      scaled[outcome] *= outcomes;
      if (scaled[outcome] < 1.0) {
        small[small_count++] = outcome;
      } else {
        large[large_count++] = outcome;
      }
    }
    Slot* slots = slots_.data() + first_slot_[person];
    while (small_count > 0 && large_count > 0) {
      const std::uint32_t under = small[--small_count];
      const std::uint32_t over = large[--large_count];
      // scaled < 1, so its threshold fits 32 bits after rounding down.
      slots[under] = {static_cast<std::uint32_t>(std::min(std::floor(scaled[under] * 0x1p32), 0x1p32 - 1.0)),
                      over};
      scaled[over] = (scaled[over] + scaled[under]) - 1.0;
      if (scaled[over] < 1.0) {
        small[small_count++] = over;
      } else {
        large[large_count++] = over;
      }
    }
    // What is left holds a whole slot (up to rounding): its own outcome
    // whichever the share.
    for (std::size_t index = 0; index < small_count; ++index) slots[small[index]] = {0, small[index]};
    for (std::size_t index = 0; index < large_count; ++index) slots[large[index]] = {0, large[index]};
  }
}

std::vector<double> WitnessTable::table_probabilities(org::PersonId person) const {
  const std::uint64_t first = first_slot_[person];
  const auto outcomes = static_cast<std::uint32_t>(first_slot_[person + 1] - first);
  std::vector<double> probabilities(outcomes, 0.0);
  for (std::uint32_t index = 0; index < outcomes; ++index) {
    const Slot& slot = slots_[first + index];
    const double own = static_cast<double>(slot.threshold) * 0x1p-32;
    probabilities[index] += own / outcomes;
    probabilities[slot.alias] += (1.0 - own) / outcomes;
  }
  return probabilities;
}

}  // namespace adoptsim::model
