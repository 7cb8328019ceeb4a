// The designs of a sensitivity analysis over k ranges (each a KeyVariation
// range, checked by check_ranges), as points an evaluation runs:
//
// Saltelli's design for Sobol indices: N base rows of the 2k-dimensional
// Sobol sequence (Boost's, from (1/2, ..., 1/2)), the first k coordinates a
// row of A, the last k its row of B; point j is A's row j, point N + j B's,
// point (2 + i) N + j AB_i's (A's row with key i from B): N (k + 2) points.
//
// Morris's trajectories on a p-level grid {0, 1/(p−1), ..., 1} with step
// Δ = p / (2 (p − 1)): each of r trajectories starts on a random level of
// every key and moves the keys one at a time, in a random order, by +Δ from
// the lower half of the levels and −Δ from the upper half: k + 1 points,
// trajectory t at points [t (k + 1), (t + 1) (k + 1)). Random draws come from
// the stream {seed, 0, t, kMorrisPurpose}.
#pragma once

#include <cstdint>
#include <vector>

#include "adoptsim/analysis/sensitivity.hpp"
#include "adoptsim/experiment/design.hpp"

namespace adoptsim::experiment {

struct SaltelliDesign {
  Design design;  // kind Sobol
  std::size_t base_rows = 0;
  std::size_t inputs = 0;
};
SaltelliDesign saltelli_design(const std::vector<KeyVariation>& ranges, std::uint32_t base_rows);

// Splits per-point outputs of a Saltelli design into A, B and AB_i.
analysis::SaltelliOutputs saltelli_outputs(const SaltelliDesign& design, const std::vector<double>& outputs);

struct MorrisDesign {
  Design design;                                         // kind Points
  std::vector<analysis::MorrisTrajectory> trajectories;  // steps filled in, outputs empty
  std::uint32_t levels = 4;
};
inline constexpr std::uint32_t kMorrisPurpose = 32;
// Throws DesignError for fewer than two levels, an odd number of them, or no trajectories.
MorrisDesign morris_design(const std::vector<KeyVariation>& ranges, std::uint32_t trajectories,
                           std::uint32_t levels, std::uint64_t seed);

// The trajectories with their outputs: outputs[point] of each trajectory's points.
std::vector<analysis::MorrisTrajectory> morris_with_outputs(const MorrisDesign& design,
                                                            const std::vector<double>& outputs);

}  // namespace adoptsim::experiment
