// What every replicate of one organisation and parameter set reads, built
// once by WorkplaceModel: the decision's bounds, the opportunity counts and
// who sees a win. Internal to the workplace model.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "adoptsim/model/workplace.hpp"
#include "witness_table.hpp"

namespace adoptsim::model {

// Opportunities of one working step, N ~ Poisson(mean), by inversion of one
// 32-bit word: P(N <= k) · 2^32 up to the k where the tail falls below 2^-34
// (the last threshold raised to 2^32), and guide[b]: how many thresholds lie
// at or below b · 2^24, where a word of slice b starts its search.
struct OpportunityTable {
  explicit OpportunityTable(double mean);

  std::uint32_t count(std::uint32_t word) const {
    std::uint32_t count = guide[word >> 24];
    const auto draw = static_cast<double>(word);
    while (draw >= cumulative[count]) ++count;  // the last threshold is 2^32
    return count;
  }

  std::vector<double> cumulative;
  std::array<std::uint32_t, 256> guide{};
};

struct WorkplaceModel::Tables {
  Tables(const org::OrgGraph& graph, const WorkplaceParams& params);

  // The opportunity table of a department (the default profile's beyond
  // the parameters' departments).
  const OpportunityTable& opportunities_of(std::size_t department) const {
    return opportunities[std::min(department, opportunities.size() - 1)];
  }

  UseDecision decide;
  WitnessTable witnesses;
  // By department, then the default profile.
  std::vector<OpportunityTable> opportunities;
};

}  // namespace adoptsim::model
