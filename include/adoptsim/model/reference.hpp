// The classical diffusion models, run on the event engine over an OrgGraph,
// so that the workplace model can be compared with, and reduced to, the
// literature: Bass (and its per-tie SI form), linear threshold
// (Granovetter / Watts) and independent cascade (Kempe, Kleinberg, Tardos).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::model {

// How people who adopt at time 0 are chosen.
struct InitialAdopters {
  std::uint32_t random_count = 0;         // drawn uniformly without replacement
  std::vector<org::PersonId> people;      // named explicitly (added to the random ones)
};

enum class BassForm : std::uint8_t {
  // hazard p + q · (weight of adopting neighbours / weight of all neighbours)
  NeighbourFraction,
  // hazard p + β · (weight of adopting neighbours): the network SI process
  PerTie,
};

struct BassParams {
  double innovation_p = 0.03;       // per day, in [0, 1]
  double imitation_q = 0.38;        // per day, in [0, 1]; used by NeighbourFraction
  double per_tie_rate_beta = 0.1;   // per day per unit tie weight, >= 0; used by PerTie
  BassForm form = BassForm::NeighbourFraction;
  InitialAdopters initial;
};

struct ThresholdParams {
  // Thresholds are drawn per person, uniform in [low, high] within [0, 1];
  // equal bounds give everyone the same threshold.
  double threshold_low = 0.3;
  double threshold_high = 0.3;
  // Optional explicit thresholds by person (overrides the draw when not empty;
  // must have one entry per person).
  std::vector<double> thresholds;
  // A person whose weighted adopting-neighbour fraction reaches their threshold
  // adopts this long afterwards (days, > 0), so cascades advance in rounds.
  double adoption_delay_days = 1.0;
  InitialAdopters initial;
};

struct CascadeParams {
  // Each newly adopting person gets one chance to convert each non-adopting
  // neighbour, succeeding with probability activation_probability × tie
  // weight (clamped to [0, 1]), or activation_probability alone when
  // use_tie_weights is false.
  double activation_probability = 0.1;
  bool use_tie_weights = false;
  // A successful conversion takes effect this long afterwards (days, > 0).
  double activation_delay_days = 1.0;
  InitialAdopters initial;
};

using ReferenceModel = std::variant<BassParams, ThresholdParams, CascadeParams>;

std::string_view model_name(const ReferenceModel& model);

// Every problem with the parameters for this graph, one sentence each.
std::vector<std::string> validate(const ReferenceModel& model, const org::OrgGraph& graph);

struct ReplicateInput {
  std::uint64_t seed = 0;
  std::uint32_t replicate = 0;
  double horizon_days = 90.0;  // events at or after the horizon do not happen
};

// What one replicate produced: each person's adoption time in days, or +inf
// for people who had not adopted by the horizon; and how many events ran.
struct ReplicateOutcome {
  std::vector<double> adoption_day;
  std::uint64_t events_processed = 0;
};

ReplicateOutcome run_bass(const org::OrgGraph& graph, const BassParams& params, const ReplicateInput& input);
ReplicateOutcome run_threshold(const org::OrgGraph& graph, const ThresholdParams& params,
                               const ReplicateInput& input);
ReplicateOutcome run_independent_cascade(const org::OrgGraph& graph, const CascadeParams& params,
                                         const ReplicateInput& input);
ReplicateOutcome run_reference_model(const org::OrgGraph& graph, const ReferenceModel& model,
                                     const ReplicateInput& input);

// Adopted count at each whole day 0 .. horizon_days: entry d counts people
// with adoption_day <= d.
std::vector<std::uint32_t> adopted_by_day(const std::vector<double>& adoption_day, std::uint32_t horizon_days);

// The Bass closed form F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}), p > 0.
double bass_closed_form(double p, double q, double t_days);

}  // namespace adoptsim::model
