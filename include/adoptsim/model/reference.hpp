// The classical diffusion models, run on the event engine over an OrgGraph,
// so that the workplace model can be compared with, and reduced to, the
// literature: Bass (and its per-tie SI form), linear threshold
// (Granovetter / Watts) and independent cascade (Kempe, Kleinberg, Tardos).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::model {

// How people who adopt at time 0 are chosen.
struct InitialAdopters {
  std::uint32_t random_count = 0;     // drawn uniformly without replacement
  std::vector<org::PersonId> people;  // named explicitly (added to the random ones)
};

enum class BassForm : std::uint8_t {
  // hazard p + q · (weight of adopting neighbours / weight of all neighbours)
  NeighbourFraction,
  // hazard p + β · (weight of adopting neighbours): the network SI process
  PerTie,
};

// The forms' names, as scenario files and --form write them:
// "neighbour_fraction" and "per_tie".
std::string_view to_string(BassForm form);
std::optional<BassForm> parse_bass_form(std::string_view name);

// The defaults of these structs are the parameter table's defaults
// (scenarios/README.md, with their reasons): the table reads them.
struct BassParams {
  double innovation_p = 0.002;     // per day, in [0, 1]
  double imitation_q = 0.05;       // per day, in [0, 1]; used by NeighbourFraction
  double per_tie_rate_beta = 0.1;  // per day per unit tie weight, >= 0; used by PerTie
  BassForm form = BassForm::NeighbourFraction;
  InitialAdopters initial;
};

struct ThresholdParams {
  // Thresholds are drawn per person, uniform in [low, high] within [0, 1];
  // equal bounds give everyone the same threshold.
  double threshold_low = 0.1;
  double threshold_high = 0.4;
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
  bool use_tie_weights = true;
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

// The random streams a replicate draws from, as StreamKey::purpose. Each
// person's numbers come from their own stream (agent = person), the seeding
// draw from agent kGlobalAgent, so a replicate depends only on its inputs and
// two runs with one seed share common random numbers person by person.
enum class ReferenceStream : std::uint32_t {
  Seeding = 1,       // random initial adopters (agent kGlobalAgent)
  Innovation = 2,    // bass: a person's spontaneous adoption time, Exp(p)
  Transmission = 3,  // bass: an adopter's Exp(1) per neighbour, in neighbour order
  Threshold = 4,     // threshold: a person's threshold, when drawn
  Activation = 5,    // cascade: an adopter's uniform per neighbour, in neighbour order
};

// Horizons longer than this (including +inf) are treated as this long:
// about 2.9 million years, so "run until nothing is left to happen".
inline constexpr double kMaxHorizonDays = 1073741824.0;  // 2^30

// The people who adopt at time 0: initial.people in the given order, then
// initial.random_count people drawn uniformly without replacement from the
// rest (a partial Fisher–Yates shuffle on the Seeding stream). Precondition:
// the InitialAdopters part of validate() is clean for person_count.
std::vector<org::PersonId> choose_initial_adopters(const InitialAdopters& initial, std::size_t person_count,
                                                   std::uint64_t seed, std::uint32_t replicate);

// Runs one replicate. Preconditions (asserted): validate(model, graph) is
// empty and input.horizon_days >= 0.
//
// bass: competing exponentials, exact in continuous time (up to one tick).
// Each person has at most one pending event: the earliest of their
// spontaneous time Exp(p) and, for each adopted neighbour j, j's adoption
// time + Exp(r_ij). Neighbour-fraction form: r_ij = q w_ij / W_i with W_i the
// weighted degree (no imitation when W_i = 0); per-tie form: r_ij = β w_ij.
// events_processed counts adoptions (initial adopters included).
//
// threshold: a non-adopter whose adopted neighbours' weight reaches
// threshold × weighted degree adopts adoption_delay_days later (decided once;
// later adoptions around them change nothing). People with threshold 0 are
// innovators: they adopt adoption_delay_days after the start with no adopting
// neighbour. People without ties (or with only zero-weight ties) and a
// positive threshold never adopt. Drawn thresholds are uniform in
// [threshold_low, threshold_high) (the Threshold stream); equal bounds draw
// nothing.
//
// cascade: each adopter gets one chance per neighbour; the first success
// schedules the neighbour activation_delay_days later, later ones do nothing.
// Because every arc draws its number whatever the neighbour's state, a
// replicate is one live-edge graph and adoption day = delay × distance in it.
//
// In all three, the initial adopters adopt at time 0, and nothing happens at
// or after the horizon.
ReplicateOutcome run_bass(const org::OrgGraph& graph, const BassParams& params, const ReplicateInput& input);
ReplicateOutcome run_threshold(const org::OrgGraph& graph, const ThresholdParams& params,
                               const ReplicateInput& input);
ReplicateOutcome run_independent_cascade(const org::OrgGraph& graph, const CascadeParams& params,
                                         const ReplicateInput& input);
ReplicateOutcome run_reference_model(const org::OrgGraph& graph, const ReferenceModel& model,
                                     const ReplicateInput& input);

// Adopted count at each whole day 0 .. horizon_days: entry d counts people
// with adoption_day <= d.
std::vector<std::uint32_t> adopted_by_day(const std::vector<double>& adoption_day,
                                          std::uint32_t horizon_days);

// Bytes of working state run_bass holds per person, for memory budgets and
// benchmarks: its per-person arrays, the outcome's adoption_day, and the
// event queue at its worst (one pending event per person). On top come 4
// bytes per offer of an adoption time beyond the current time window (about
// 2 per person for SI on a sparse graph; the buckets are freed as the run
// passes them). The graph is extra (OrgGraph::memory_bytes()).
std::size_t bass_state_bytes_per_person(BassForm form);

// The Bass closed form F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}), p > 0.
// Returns 0 for p = 0 (the limit at finite t) and for t <= 0.
double bass_closed_form(double p, double q, double t_days);

}  // namespace adoptsim::model
