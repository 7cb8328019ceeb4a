#include "adoptsim/model/reference.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "adoptsim/engine/event_queue.hpp"
#include "adoptsim/engine/random.hpp"
#include "adoptsim/engine/sim_time.hpp"

namespace adoptsim::model {

std::string_view to_string(BassForm form) {
  return form == BassForm::PerTie ? "per_tie" : "neighbour_fraction";
}

std::optional<BassForm> parse_bass_form(std::string_view name) {
  for (const BassForm form : {BassForm::NeighbourFraction, BassForm::PerTie}) {
    if (to_string(form) == name) return form;
  }
  return std::nullopt;
}
namespace {

using engine::EventHandle;
using engine::EventQueue;
using engine::RandomStream;
using engine::SimTime;
using engine::StreamKey;
using org::OrgGraph;
using org::PersonId;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kTicksPerDay = static_cast<double>(SimTime::kTicksPerDay);

// Next-event ticks of a person in run_bass: kNoEvent while nothing is
// pending, kAdopted once adopted. kAdopted is below every real time, so the
// hot loop's "is this candidate earlier than what is pending?" test also
// rejects people who have already adopted.
constexpr std::int64_t kNoEvent = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kAdopted = std::numeric_limits<std::int64_t>::min();

std::uint32_t purpose_code(ReferenceStream purpose) { return static_cast<std::uint32_t>(purpose); }

StreamKey key_for(const ReplicateInput& input, std::uint32_t agent, ReferenceStream purpose) {
  return StreamKey{input.seed, input.replicate, agent, purpose_code(purpose)};
}

// The horizon in ticks. A horizon beyond kMaxHorizonDays (or +inf) is
// clamped to it, which keeps every tick computation far from overflow.
std::int64_t horizon_ticks(double horizon_days) {
  assert(!(horizon_days < 0.0) && "horizon_days must be >= 0");
  const double clamped = std::min(horizon_days, kMaxHorizonDays);
  return SimTime::from_days(std::max(clamped, 0.0)).ticks();
}

// Ticks of a delay in days, at least one tick so a consequence always comes
// strictly after its cause; kNoEvent for delays at or beyond the horizon cap.
std::int64_t delay_ticks(double delay_days) {
  if (!(delay_days < kMaxHorizonDays)) return kNoEvent;
  return std::max<std::int64_t>(SimTime::from_days(delay_days).ticks(), 1);
}

double ticks_to_days(std::int64_t ticks) { return SimTime::from_ticks(ticks).days(); }

// Rounds a delay to the nearest tick, as SimTime::from_days does, without
// the library call: the hot loop converts one delay per tie. Precondition:
// 0 <= days < kMaxHorizonDays.
inline std::int64_t days_to_ticks(double days) {
  return static_cast<std::int64_t>(days * kTicksPerDay + 0.5);
}

// Position `index` of a virtual array [0, size) that a partial Fisher–Yates
// shuffle permutes in place, stored densely or sparsely: both give the same
// values, so the choice of storage never changes which people are drawn.
class VirtualShuffle {
 public:
  VirtualShuffle(std::uint32_t size, std::uint32_t draws) : dense_(draws >= size / 16) {
    if (dense_) {
      values_.resize(size);
      std::iota(values_.begin(), values_.end(), 0u);
    }
  }
  std::uint32_t get(std::uint32_t index) const {
    if (dense_) return values_[index];
    const auto found = sparse_.find(index);
    return found == sparse_.end() ? index : found->second;
  }
  void set(std::uint32_t index, std::uint32_t value) {
    if (dense_) {
      values_[index] = value;
    } else {
      sparse_[index] = value;
    }
  }

 private:
  bool dense_;
  std::vector<std::uint32_t> values_;
  std::unordered_map<std::uint32_t, std::uint32_t> sparse_;
};

}  // namespace

std::vector<PersonId> choose_initial_adopters(const InitialAdopters& initial, std::size_t person_count,
                                              std::uint64_t seed, std::uint32_t replicate) {
  std::vector<PersonId> chosen(initial.people);
  if (initial.random_count == 0) return chosen;

  std::vector<PersonId> named(initial.people);
  std::sort(named.begin(), named.end());
  assert(std::adjacent_find(named.begin(), named.end()) == named.end() && "named adopters must be distinct");
  assert(named.empty() || named.back() < person_count);
  const auto candidates = static_cast<std::uint32_t>(person_count - named.size());
  assert(initial.random_count <= candidates);

  // The x-th person who is not named is x + (number of named people s_i with
  // s_i - i <= x); s_i - i is non-decreasing, so that count is a binary search.
  const auto unnamed_person = [&named](std::uint32_t x) {
    std::size_t low = 0;
    std::size_t high = named.size();
    while (low < high) {
      const std::size_t middle = (low + high) / 2;
      if (named[middle] - middle <= x) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return static_cast<PersonId>(x + low);
  };

  RandomStream stream(
      StreamKey{seed, replicate, engine::kGlobalAgent, purpose_code(ReferenceStream::Seeding)});
  VirtualShuffle shuffle(candidates, initial.random_count);
  chosen.reserve(chosen.size() + initial.random_count);
  for (std::uint32_t draw = 0; draw < initial.random_count; ++draw) {
    const std::uint32_t pick = draw + stream.below(candidates - draw);
    const std::uint32_t value = shuffle.get(pick);
    shuffle.set(pick, shuffle.get(draw));
    chosen.push_back(unnamed_person(value));
  }
  return chosen;
}

std::string_view model_name(const ReferenceModel& model) {
  switch (model.index()) {
    case 0:
      return "bass";
    case 1:
      return "threshold";
    default:
      return "cascade";
  }
}

namespace {

std::string format_number(double value) {
  std::ostringstream text;
  text.precision(10);
  text << value;
  return text.str();
}

void check_unit_interval(std::vector<std::string>& problems, std::string_view model, std::string_view name,
                         double value) {
  if (!(value >= 0.0 && value <= 1.0)) {
    problems.push_back(std::string(model) + ": " + std::string(name) + " must be in [0, 1], got " +
                       format_number(value) + ".");
  }
}

void check_delay(std::vector<std::string>& problems, std::string_view model, std::string_view name,
                 double value) {
  if (!(value > 0.0 && std::isfinite(value))) {
    problems.push_back(std::string(model) + ": " + std::string(name) +
                       " must be a positive, finite number of days, got " + format_number(value) + ".");
  }
}

void check_initial(std::vector<std::string>& problems, std::string_view model, const InitialAdopters& initial,
                   std::size_t person_count) {
  const std::string prefix = std::string(model) + ": initial.";
  std::vector<PersonId> named;
  named.reserve(initial.people.size());
  for (std::size_t index = 0; index < initial.people.size(); ++index) {
    const PersonId person = initial.people[index];
    if (person >= person_count) {
      problems.push_back(prefix + "people[" + std::to_string(index) + "] = " + std::to_string(person) +
                         " is not a person of this organisation (expected 0 .. " +
                         std::to_string(static_cast<long long>(person_count) - 1) + ").");
    } else {
      named.push_back(person);
    }
  }
  std::sort(named.begin(), named.end());
  for (std::size_t index = 1; index < named.size(); ++index) {
    if (named[index] == named[index - 1] && (index == 1 || named[index - 2] != named[index])) {
      problems.push_back(prefix + "people names person " + std::to_string(named[index]) +
                         " more than once (expected distinct people).");
    }
  }
  const std::size_t distinct =
      static_cast<std::size_t>(std::unique(named.begin(), named.end()) - named.begin());
  const std::size_t available = person_count - distinct;
  if (initial.random_count > available) {
    problems.push_back(prefix + "random_count is " + std::to_string(initial.random_count) + " but only " +
                       std::to_string(available) + " of the organisation's " + std::to_string(person_count) +
                       " people are not already named initial adopters (expected 0 .. " +
                       std::to_string(available) + ").");
  }
}

void validate_params(std::vector<std::string>& problems, const BassParams& params, const OrgGraph& graph) {
  check_unit_interval(problems, "bass", "innovation_p", params.innovation_p);
  check_unit_interval(problems, "bass", "imitation_q", params.imitation_q);
  if (!(params.per_tie_rate_beta >= 0.0 && std::isfinite(params.per_tie_rate_beta))) {
    problems.push_back(
        "bass: per_tie_rate_beta must be a finite number >= 0 (per day per unit tie weight), got " +
        format_number(params.per_tie_rate_beta) + ".");
  }
  if (params.form != BassForm::NeighbourFraction && params.form != BassForm::PerTie) {
    problems.push_back("bass: form " + std::to_string(static_cast<int>(params.form)) +
                       " is not a BassForm (expected NeighbourFraction or PerTie).");
  }
  check_initial(problems, "bass", params.initial, graph.person_count());
}

void validate_params(std::vector<std::string>& problems, const ThresholdParams& params,
                     const OrgGraph& graph) {
  check_unit_interval(problems, "threshold", "threshold_low", params.threshold_low);
  check_unit_interval(problems, "threshold", "threshold_high", params.threshold_high);
  if (params.threshold_low > params.threshold_high) {
    problems.push_back("threshold: threshold_low (" + format_number(params.threshold_low) +
                       ") must not exceed threshold_high (" + format_number(params.threshold_high) + ").");
  }
  if (!params.thresholds.empty()) {
    if (params.thresholds.size() != graph.person_count()) {
      problems.push_back("threshold: thresholds has " + std::to_string(params.thresholds.size()) +
                         " entries but the organisation has " + std::to_string(graph.person_count()) +
                         " people (expected one per person, or none).");
    }
    // One sentence for all bad entries: a vector of a million people must not
    // produce a million messages.
    std::size_t bad_count = 0;
    std::size_t first_bad = 0;
    for (std::size_t index = 0; index < params.thresholds.size(); ++index) {
      const double value = params.thresholds[index];
      if (!(value >= 0.0 && value <= 1.0)) {
        if (bad_count == 0) first_bad = index;
        ++bad_count;
      }
    }
    if (bad_count > 0) {
      std::string message = "threshold: thresholds[" + std::to_string(first_bad) +
                            "] = " + format_number(params.thresholds[first_bad]) + " is outside [0, 1]";
      if (bad_count > 1) message += " (and " + std::to_string(bad_count - 1) + " more entries are)";
      problems.push_back(message + ".");
    }
  }
  check_delay(problems, "threshold", "adoption_delay_days", params.adoption_delay_days);
  check_initial(problems, "threshold", params.initial, graph.person_count());
}

void validate_params(std::vector<std::string>& problems, const CascadeParams& params, const OrgGraph& graph) {
  check_unit_interval(problems, "cascade", "activation_probability", params.activation_probability);
  check_delay(problems, "cascade", "activation_delay_days", params.activation_delay_days);
  check_initial(problems, "cascade", params.initial, graph.person_count());
}

}  // namespace

std::vector<std::string> validate(const ReferenceModel& model, const OrgGraph& graph) {
  std::vector<std::string> problems;
  std::visit([&](const auto& params) { validate_params(problems, params, graph); }, model);
  return problems;
}

// --- Bass --------------------------------------------------------------------

namespace {

// A person's pending adoption in run_bass: its time in ticks (kNoEvent while
// nothing is pending, kAdopted once adopted) and, once it is in the event
// queue, its handle there; side by side so an update touches one cache line.
struct PendingAdoptionEvent {
  std::int64_t ticks = kNoEvent;
  EventHandle handle;
};

// The pending adoptions of run_bass. Each person has at most one pending
// adoption; the EventQueue orders the ones due in the current time window
// and a staging area of time buckets holds the later ones, which enter the
// queue when their window opens. The queue thus stays a few thousand events
// deep instead of holding every person with a pending adoption, which makes
// each pop and reschedule touch memory that is in cache (at 10^6 people the
// whole-population heap made queue operations half the run time). Events
// still run in exact time order: an event is popped only when every bucket
// up to its time has been moved into the queue.
class BassSchedule {
 public:
  // Times in [0, horizon) are staged, in one bucket per kPeoplePerBucket
  // people (at least 1, at most kMaxBuckets): enough to keep the queue
  // shallow, few enough that a small graph does not pay for empty buckets.
  BassSchedule(std::size_t people, std::int64_t horizon) : pending_(people) {
    if (horizon > 0) {
      const auto bucket_count =
          std::clamp<std::int64_t>(static_cast<std::int64_t>(people / kPeoplePerBucket), 1, kMaxBuckets);
      bucket_ticks_ = std::max<std::int64_t>(1, (horizon + bucket_count - 1) / bucket_count);
      buckets_.resize(static_cast<std::size_t>((horizon + bucket_ticks_ - 1) / bucket_ticks_));
    }
  }

  const std::vector<PendingAdoptionEvent>& pending() const { return pending_; }
  std::int64_t due_ticks(PersonId person) const { return pending_[person].ticks; }

  // Makes `ticks` the person's adoption time. Precondition: earlier than the
  // pending one (if any), in [0, horizon), and the person has not adopted.
  void offer(PersonId person, std::int64_t ticks) {
    PendingAdoptionEvent& entry = pending_[person];
    entry.ticks = ticks;
    if (entry.handle.valid()) {
      queue_.reschedule(entry.handle, SimTime::from_ticks(ticks));  // earlier than a time in the window
    } else if (ticks < window_end_) {
      entry.handle = queue_.schedule(SimTime::from_ticks(ticks), {0, person});
    } else {
      // An earlier offer may have staged this person in a later bucket; that
      // entry is skipped when its bucket opens (the person is in the queue by
      // then, or adopted).
      buckets_[static_cast<std::size_t>(ticks / bucket_ticks_)].push_back(person);
    }
  }

  // Removes the next adoption in time order into `event`; false when none is left.
  bool pop(engine::Event& event) {
    while (queue_.empty() || queue_.next_time().ticks() >= window_end_) {
      if (next_bucket_ == buckets_.size()) {
        if (queue_.empty()) return false;
        break;
      }
      open_next_bucket();
    }
    event = queue_.pop();
    pending_[event.payload.subject].ticks = kAdopted;
    return true;
  }

 private:
  static constexpr std::size_t kPeoplePerBucket = 256;
  static constexpr std::int64_t kMaxBuckets = 4096;

  void open_next_bucket() {
    std::vector<PersonId> bucket;
    bucket.swap(buckets_[next_bucket_]);  // frees the bucket's memory once read
    ++next_bucket_;
    window_end_ = static_cast<std::int64_t>(next_bucket_) * bucket_ticks_;
    for (const PersonId person : bucket) {
      PendingAdoptionEvent& entry = pending_[person];
      // A person staged here has a time in this bucket unless they moved
      // earlier since (and are then queued or adopted).
      if (entry.ticks == kAdopted || entry.handle.valid()) continue;
      entry.handle = queue_.schedule(SimTime::from_ticks(entry.ticks), {0, person});
    }
  }

  EventQueue queue_;
  std::vector<PendingAdoptionEvent> pending_;  // by person
  std::vector<std::vector<PersonId>> buckets_;
  std::int64_t bucket_ticks_ = 1;
  std::size_t next_bucket_ = 0;  // buckets before it are in the queue
  std::int64_t window_end_ = 0;  // times before it go straight to the queue
};

// The Bass process proper. kPerTie selects the rate of a tie j -> i at compile
// time: beta * w_ij, or q * w_ij / W_i (rate_per_weight[i] = q / W_i).
template <bool kPerTie>
std::uint64_t run_bass_events(const OrgGraph& graph, double per_tie_rate_beta,
                              const std::vector<double>& rate_per_weight, const ReplicateInput& input,
                              std::int64_t horizon, BassSchedule& schedule,
                              std::vector<double>& adoption_day) {
  const double horizon_days = ticks_to_days(horizon);
  const PendingAdoptionEvent* const pending = schedule.pending().data();
  std::uint64_t events = 0;
  engine::Event event;
  while (schedule.pop(event)) {
    const PersonId adopter = event.payload.subject;
    const std::int64_t now = event.time.ticks();
    ++events;
    adoption_day[adopter] = event.time.days();

    // Transmission delays are Exp(1) / rate, one uniform per neighbour in
    // neighbour order whether or not that neighbour can still adopt: the arc
    // adopter -> neighbour then always gets the same number, so runs that
    // differ only in rates or seeds share their random numbers tie by tie.
    const double remaining_days = horizon_days - event.time.days();
    const auto neighbours = graph.neighbours(adopter);
    const auto weights = graph.tie_weights(adopter);
    // The neighbours' states are scattered through memory: ask for them all
    // now, so the loads overlap with the random number generation.
    for (const PersonId target : neighbours) __builtin_prefetch(&pending[target]);
    RandomStream stream(key_for(input, adopter, ReferenceStream::Transmission));
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      const double uniform = stream.uniform();
      const PersonId target = neighbours[index];
      const std::int64_t due = pending[target].ticks;
      if (due <= now) continue;  // adopted, or due no later than any candidate
      const double rate = kPerTie ? per_tie_rate_beta * static_cast<double>(weights[index])
                                  : rate_per_weight[target] * static_cast<double>(weights[index]);
      if (!(rate > 0.0)) continue;
      const double delay_days = -std::log(uniform) / rate;
      if (!(delay_days < remaining_days)) continue;
      const std::int64_t candidate = now + days_to_ticks(delay_days);
      if (candidate >= due || candidate >= horizon) continue;
      schedule.offer(target, candidate);
    }
  }
  return events;
}

}  // namespace

ReplicateOutcome run_bass(const OrgGraph& graph, const BassParams& params, const ReplicateInput& input) {
  assert(validate(params, graph).empty());
  const std::size_t people = graph.person_count();
  const std::int64_t horizon = horizon_ticks(input.horizon_days);
  const double horizon_days = ticks_to_days(horizon);

  ReplicateOutcome outcome;
  outcome.adoption_day.assign(people, kInfinity);
  BassSchedule schedule(people, horizon);

  if (horizon > 0) {
    for (PersonId person : choose_initial_adopters(params.initial, people, input.seed, input.replicate)) {
      schedule.offer(person, 0);
    }
  }
  if (params.innovation_p > 0.0) {
    for (PersonId person = 0; person < people; ++person) {
      if (schedule.due_ticks(person) != kNoEvent) continue;  // an initial adopter
      RandomStream stream(key_for(input, person, ReferenceStream::Innovation));
      const double delay_days = stream.exponential(params.innovation_p);
      if (!(delay_days < horizon_days)) continue;
      const std::int64_t ticks = days_to_ticks(delay_days);
      if (ticks < horizon) schedule.offer(person, ticks);
    }
  }

  std::vector<double> rate_per_weight;
  if (params.form == BassForm::PerTie) {
    outcome.events_processed = run_bass_events<true>(graph, params.per_tie_rate_beta, rate_per_weight, input,
                                                     horizon, schedule, outcome.adoption_day);
  } else {
    rate_per_weight.resize(people);
    for (PersonId person = 0; person < people; ++person) {
      const double weighted_degree = graph.weighted_degree(person);
      rate_per_weight[person] = weighted_degree > 0.0 ? params.imitation_q / weighted_degree : 0.0;
    }
    outcome.events_processed = run_bass_events<false>(graph, params.per_tie_rate_beta, rate_per_weight, input,
                                                      horizon, schedule, outcome.adoption_day);
  }
  return outcome;
}

std::size_t bass_state_bytes_per_person(BassForm form) {
  // adoption_day and the pending time and handle, plus the event queue at
  // worst holding one event per person: its slot (time, sequence, payload,
  // heap position, generation: 32 bytes) and its heap entry (4 bytes).
  // Staged offers (4 bytes each) come on top; see the declaration.
  constexpr std::size_t kQueueBytesPerEvent = 32 + 4;
  std::size_t bytes = sizeof(double) + sizeof(PendingAdoptionEvent) + kQueueBytesPerEvent;
  if (form == BassForm::NeighbourFraction) bytes += sizeof(double);  // rate_per_weight
  return bytes;
}

// --- Threshold and cascade ------------------------------------------------------
//
// Both models delay every consequence by one constant, so an event scheduled
// later never falls due earlier: a first-in first-out list holds the events
// in exactly the (time, sequence) order an EventQueue would give, at a
// fraction of the cost.

namespace {

enum class Progress : std::uint8_t { Idle, Scheduled, Adopted };

struct PendingAdoption {
  std::int64_t ticks;
  PersonId person;
};

}  // namespace

ReplicateOutcome run_threshold(const OrgGraph& graph, const ThresholdParams& params,
                               const ReplicateInput& input) {
  assert(validate(params, graph).empty());
  const std::size_t people = graph.person_count();
  const std::int64_t horizon = horizon_ticks(input.horizon_days);
  const std::int64_t delay = delay_ticks(params.adoption_delay_days);

  ReplicateOutcome outcome;
  outcome.adoption_day.assign(people, kInfinity);
  std::vector<Progress> progress(people, Progress::Idle);
  std::vector<double> threshold(people);
  std::vector<double> weighted_degree(people);
  std::vector<double> adopted_weight(people, 0.0);
  std::vector<PendingAdoption> fifo;
  fifo.reserve(people);

  for (PersonId person = 0; person < people; ++person) {
    weighted_degree[person] = graph.weighted_degree(person);
    if (!params.thresholds.empty()) {
      threshold[person] = params.thresholds[person];
    } else if (params.threshold_low == params.threshold_high) {
      threshold[person] = params.threshold_low;
    } else {
      RandomStream stream(key_for(input, person, ReferenceStream::Threshold));
      threshold[person] = stream.uniform(params.threshold_low, params.threshold_high);
    }
  }

  const auto schedule = [&](PersonId person, std::int64_t ticks) {
    progress[person] = Progress::Scheduled;
    if (ticks < horizon) fifo.push_back({ticks, person});
  };
  for (PersonId person : choose_initial_adopters(params.initial, people, input.seed, input.replicate)) {
    schedule(person, 0);
  }
  // Threshold 0 is met with no adopting neighbour: these are Watts's
  // innovators, and they adopt one delay after the start.
  for (PersonId person = 0; person < people; ++person) {
    if (progress[person] == Progress::Idle && threshold[person] <= 0.0 && delay != kNoEvent) {
      schedule(person, delay);
    }
  }

  // Fractions are compared with a little slack so that a threshold equal to a
  // fraction like 1/3 is reached even when the weight sums round differently.
  constexpr double kFractionSlack = 1e-12;
  for (std::size_t next = 0; next < fifo.size(); ++next) {
    const PendingAdoption event = fifo[next];
    progress[event.person] = Progress::Adopted;
    outcome.adoption_day[event.person] = ticks_to_days(event.ticks);
    ++outcome.events_processed;
    const auto neighbours = graph.neighbours(event.person);
    const auto weights = graph.tie_weights(event.person);
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      const PersonId target = neighbours[index];
      if (progress[target] != Progress::Idle) continue;
      adopted_weight[target] += static_cast<double>(weights[index]);
      if (weighted_degree[target] > 0.0 &&
          adopted_weight[target] / weighted_degree[target] >= threshold[target] - kFractionSlack &&
          delay != kNoEvent) {
        schedule(target, event.ticks + delay);
      }
    }
  }
  return outcome;
}

ReplicateOutcome run_independent_cascade(const OrgGraph& graph, const CascadeParams& params,
                                         const ReplicateInput& input) {
  assert(validate(params, graph).empty());
  const std::size_t people = graph.person_count();
  const std::int64_t horizon = horizon_ticks(input.horizon_days);
  const std::int64_t delay = delay_ticks(params.activation_delay_days);

  ReplicateOutcome outcome;
  outcome.adoption_day.assign(people, kInfinity);
  std::vector<Progress> progress(people, Progress::Idle);
  std::vector<PendingAdoption> fifo;
  fifo.reserve(std::min<std::size_t>(people, 1u << 16));

  const auto schedule = [&](PersonId person, std::int64_t ticks) {
    progress[person] = Progress::Scheduled;
    if (ticks < horizon) fifo.push_back({ticks, person});
  };
  for (PersonId person : choose_initial_adopters(params.initial, people, input.seed, input.replicate)) {
    schedule(person, 0);
  }

  const double probability = params.activation_probability;
  for (std::size_t next = 0; next < fifo.size(); ++next) {
    const PendingAdoption event = fifo[next];
    progress[event.person] = Progress::Adopted;
    outcome.adoption_day[event.person] = ticks_to_days(event.ticks);
    ++outcome.events_processed;
    // One uniform per arc in neighbour order, drawn whether or not the
    // neighbour can still be converted: arc adopter -> neighbour is "live"
    // exactly when its number is below the probability, so a replicate is
    // one draw of the live-edge graph and the spread is what the seeds reach.
    const auto neighbours = graph.neighbours(event.person);
    const auto weights = graph.tie_weights(event.person);
    RandomStream stream(key_for(input, event.person, ReferenceStream::Activation));
    const bool reachable = delay != kNoEvent && event.ticks + delay < horizon;
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      const double uniform = stream.uniform();
      const PersonId target = neighbours[index];
      if (progress[target] != Progress::Idle || !reachable) continue;
      const double arc_probability =
          params.use_tie_weights ? std::clamp(probability * static_cast<double>(weights[index]), 0.0, 1.0)
                                 : probability;
      if (uniform < arc_probability) schedule(target, event.ticks + delay);
    }
  }
  return outcome;
}

ReplicateOutcome run_reference_model(const OrgGraph& graph, const ReferenceModel& model,
                                     const ReplicateInput& input) {
  switch (model.index()) {
    case 0:
      return run_bass(graph, std::get<BassParams>(model), input);
    case 1:
      return run_threshold(graph, std::get<ThresholdParams>(model), input);
    default:
      return run_independent_cascade(graph, std::get<CascadeParams>(model), input);
  }
}

std::vector<std::uint32_t> adopted_by_day(const std::vector<double>& adoption_day,
                                          std::uint32_t horizon_days) {
  // Bucket each adoption by the first whole day d with adoption_day <= d,
  // i.e. ceil(adoption_day), then accumulate.
  std::vector<std::uint32_t> counts(static_cast<std::size_t>(horizon_days) + 1, 0);
  for (double day : adoption_day) {
    if (!(day <= static_cast<double>(horizon_days))) continue;  // later, never (+inf) or NaN
    const double first_day = std::ceil(std::max(day, 0.0));
    ++counts[static_cast<std::size_t>(first_day)];
  }
  std::partial_sum(counts.begin(), counts.end(), counts.begin());
  return counts;
}

double bass_closed_form(double p, double q, double t_days) {
  assert(p >= 0.0 && q >= 0.0);
  // The limit as p -> 0 at finite t: nobody adopts without innovators.
  if (!(p > 0.0)) return 0.0;
  if (t_days <= 0.0) return 0.0;
  const double decay = std::exp(-(p + q) * t_days);
  return (1.0 - decay) / (1.0 + (q / p) * decay);
}

}  // namespace adoptsim::model
