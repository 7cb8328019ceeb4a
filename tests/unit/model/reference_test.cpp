#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "adoptsim/model/reference.hpp"
#include "adoptsim/org/org_graph.hpp"

using namespace adoptsim;
using model::BassForm;
using model::BassParams;
using model::CascadeParams;
using model::ReplicateInput;
using model::ThresholdParams;
using org::OrgGraph;
using org::PersonId;

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

struct WeightedTie {
  PersonId first;
  PersonId second;
  float weight = 1.0f;
};

OrgGraph make_graph(std::uint32_t people, std::initializer_list<WeightedTie> ties) {
  org::OrgGraphBuilder builder({"all"});
  for (std::uint32_t person = 0; person < people; ++person)
    builder.add_person(org::Role::IndividualContributor, 0);
  for (const WeightedTie& tie : ties)
    builder.add_tie(tie.first, tie.second, tie.weight, org::TieKind::Collaboration);
  return builder.build();
}

OrgGraph make_path(std::uint32_t people) {
  org::OrgGraphBuilder builder({"all"});
  for (std::uint32_t person = 0; person < people; ++person)
    builder.add_person(org::Role::IndividualContributor, 0);
  for (std::uint32_t person = 1; person < people; ++person) {
    builder.add_tie(person - 1, person, 1.0f, org::TieKind::Collaboration);
  }
  return builder.build();
}

// A ring of `people` with a chord every seventh person: connected, a few
// hundred ties, cheap enough for every unit test.
OrgGraph make_ring_with_chords(std::uint32_t people) {
  org::OrgGraphBuilder builder({"all"});
  for (std::uint32_t person = 0; person < people; ++person)
    builder.add_person(org::Role::IndividualContributor, 0);
  for (std::uint32_t person = 0; person < people; ++person) {
    builder.add_tie(person, (person + 1) % people, 1.0f, org::TieKind::Collaboration);
    if (person % 7 == 0) builder.add_tie(person, (person * 13 + 5) % people, 0.5f, org::TieKind::Teammate);
  }
  return builder.build();
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& problem) { return problem.find(text) != std::string::npos; });
}

std::size_t adopted_count(const std::vector<double>& adoption_day) {
  return static_cast<std::size_t>(
      std::count_if(adoption_day.begin(), adoption_day.end(), [](double day) { return std::isfinite(day); }));
}

}  // namespace

TEST_CASE("model names", "[model]") {
  CHECK(model::model_name(BassParams{}) == "bass");
  CHECK(model::model_name(ThresholdParams{}) == "threshold");
  CHECK(model::model_name(CascadeParams{}) == "cascade");
}

TEST_CASE("default parameters are valid", "[model]") {
  const OrgGraph graph = make_path(5);
  CHECK(model::validate(BassParams{}, graph).empty());
  CHECK(model::validate(ThresholdParams{}, graph).empty());
  CHECK(model::validate(CascadeParams{}, graph).empty());
}

TEST_CASE("validate names every bad bass parameter with its value", "[model]") {
  const OrgGraph graph = make_path(5);
  BassParams params;
  params.innovation_p = -0.1;
  params.imitation_q = 1.5;
  params.per_tie_rate_beta = -2.0;
  const auto problems = model::validate(params, graph);
  INFO(problems.size());
  CHECK(problems.size() == 3);
  CHECK(mentions(problems, "innovation_p must be in [0, 1], got -0.1"));
  CHECK(mentions(problems, "imitation_q must be in [0, 1], got 1.5"));
  CHECK(mentions(problems, "per_tie_rate_beta"));
  CHECK(mentions(problems, "-2"));

  BassParams not_a_number;
  not_a_number.innovation_p = std::nan("");
  not_a_number.per_tie_rate_beta = kNever;
  const auto nan_problems = model::validate(not_a_number, graph);
  CHECK(nan_problems.size() == 2);
  CHECK(mentions(nan_problems, "innovation_p"));
  CHECK(mentions(nan_problems, "per_tie_rate_beta"));
}

TEST_CASE("validate names every bad threshold parameter", "[model]") {
  const OrgGraph graph = make_path(5);
  SECTION("bounds outside [0, 1]") {
    ThresholdParams params;
    params.threshold_low = -0.2;
    params.threshold_high = 1.2;
    const auto problems = model::validate(params, graph);
    CHECK(problems.size() == 2);
    CHECK(mentions(problems, "threshold_low must be in [0, 1], got -0.2"));
    CHECK(mentions(problems, "threshold_high must be in [0, 1], got 1.2"));
  }
  SECTION("low above high") {
    ThresholdParams params;
    params.threshold_low = 0.6;
    params.threshold_high = 0.4;
    const auto problems = model::validate(params, graph);
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems, "threshold_low (0.6) must not exceed threshold_high (0.4)"));
  }
  SECTION("explicit thresholds of the wrong size") {
    ThresholdParams params;
    params.thresholds = {0.1, 0.2};
    const auto problems = model::validate(params, graph);
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems, "thresholds has 2 entries but the organisation has 5 people"));
  }
  SECTION("explicit thresholds outside [0, 1], reported in one sentence") {
    ThresholdParams params;
    params.thresholds = {0.1, 1.5, 0.2, -1.0, 2.0};
    const auto problems = model::validate(params, graph);
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems, "thresholds[1] = 1.5 is outside [0, 1] (and 2 more entries are)"));
  }
  SECTION("delay not positive") {
    for (double delay : {0.0, -1.0, kNever}) {
      ThresholdParams params;
      params.adoption_delay_days = delay;
      const auto problems = model::validate(params, graph);
      REQUIRE(problems.size() == 1);
      CHECK(mentions(problems, "adoption_delay_days must be a positive, finite number of days"));
    }
  }
}

TEST_CASE("validate names every bad cascade parameter", "[model]") {
  const OrgGraph graph = make_path(5);
  CascadeParams params;
  params.activation_probability = 1.01;
  params.activation_delay_days = 0.0;
  const auto problems = model::validate(params, graph);
  CHECK(problems.size() == 2);
  CHECK(mentions(problems, "activation_probability must be in [0, 1], got 1.01"));
  CHECK(mentions(problems, "activation_delay_days must be a positive, finite number of days, got 0"));
}

TEST_CASE("validate checks initial adopters against the organisation", "[model]") {
  const OrgGraph graph = make_path(5);
  SECTION("too many random adopters") {
    CascadeParams params;
    params.initial.random_count = 6;
    const auto problems = model::validate(params, graph);
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems, "random_count is 6 but only 5 of the organisation's 5 people"));
  }
  SECTION("random adopters counted after the named ones") {
    CascadeParams params;
    params.initial.people = {0, 1};
    params.initial.random_count = 4;
    const auto problems = model::validate(params, graph);
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems, "random_count is 4 but only 3"));
    params.initial.random_count = 3;
    CHECK(model::validate(params, graph).empty());
  }
  SECTION("named adopter out of range") {
    ThresholdParams params;
    params.initial.people = {2, 7};
    const auto problems = model::validate(params, graph);
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems, "initial.people[1] = 7 is not a person of this organisation (expected 0 .. 4)"));
  }
  SECTION("duplicates, each reported once") {
    BassParams params;
    params.initial.people = {3, 1, 3, 3};
    const auto problems = model::validate(params, graph);
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems, "names person 3 more than once"));
  }
}

TEST_CASE("random initial adopters are distinct and exclude the named ones", "[model]") {
  model::InitialAdopters initial;
  initial.people = {4, 0, 9};
  initial.random_count = 7;
  const auto chosen = model::choose_initial_adopters(initial, 10, 42, 0);
  REQUIRE(chosen.size() == 10);
  CHECK(std::vector<PersonId>(chosen.begin(), chosen.begin() + 3) == initial.people);
  CHECK(std::set<PersonId>(chosen.begin(), chosen.end()).size() == 10);

  // Sparse draws from a large organisation: distinct, in range, replayable.
  initial.random_count = 50;
  const auto sparse = model::choose_initial_adopters(initial, 1'000'000, 42, 3);
  const std::set<PersonId> distinct(sparse.begin(), sparse.end());
  CHECK(distinct.size() == 53);
  CHECK(*distinct.rbegin() < 1'000'000);
  CHECK(model::choose_initial_adopters(initial, 1'000'000, 42, 3) == sparse);
  CHECK(model::choose_initial_adopters(initial, 1'000'000, 42, 4) != sparse);
}

TEST_CASE("initial adopters adopt at time 0 in every model", "[model]") {
  const OrgGraph graph = make_ring_with_chords(60);
  const ReplicateInput input{7, 0, 30.0};
  BassParams bass;
  bass.innovation_p = 0.0;
  bass.initial.people = {5, 17};
  bass.initial.random_count = 3;
  ThresholdParams threshold;
  threshold.initial = bass.initial;
  CascadeParams cascade;
  cascade.initial = bass.initial;
  for (const model::ReferenceModel& reference :
       {model::ReferenceModel{bass}, model::ReferenceModel{threshold}, model::ReferenceModel{cascade}}) {
    INFO(model::model_name(reference));
    const auto outcome = model::run_reference_model(graph, reference, input);
    const auto at_zero = std::count(outcome.adoption_day.begin(), outcome.adoption_day.end(), 0.0);
    CHECK(at_zero == 5);
    CHECK(outcome.adoption_day[5] == 0.0);
    CHECK(outcome.adoption_day[17] == 0.0);
  }
}

TEST_CASE("bass without innovation, imitation or seeds: nobody adopts", "[model]") {
  const OrgGraph graph = make_ring_with_chords(50);
  BassParams params;
  params.innovation_p = 0.0;
  params.imitation_q = 0.0;
  const auto outcome = model::run_bass(graph, params, {1, 0, 1000.0});
  CHECK(adopted_count(outcome.adoption_day) == 0);
  CHECK(outcome.events_processed == 0);

  // Seeds but no imitation: only the seeds.
  params.initial.random_count = 4;
  const auto seeded = model::run_bass(graph, params, {1, 0, 1000.0});
  CHECK(adopted_count(seeded.adoption_day) == 4);
  CHECK(seeded.events_processed == 4);
}

TEST_CASE("bass is a pure function of the seed and replicate", "[model]") {
  const OrgGraph graph = make_ring_with_chords(200);
  for (BassForm form : {BassForm::NeighbourFraction, BassForm::PerTie}) {
    BassParams params;
    params.form = form;
    params.innovation_p = 0.01;
    params.initial.random_count = 2;
    const auto first = model::run_bass(graph, params, {2024, 3, 60.0});
    const auto again = model::run_bass(graph, params, {2024, 3, 60.0});
    const auto other_replicate = model::run_bass(graph, params, {2024, 4, 60.0});
    const auto other_seed = model::run_bass(graph, params, {2025, 3, 60.0});
    CHECK(first.adoption_day == again.adoption_day);
    CHECK(first.events_processed == again.events_processed);
    CHECK(first.adoption_day != other_replicate.adoption_day);
    CHECK(first.adoption_day != other_seed.adoption_day);
    CHECK(adopted_count(first.adoption_day) > 10);
    CHECK(first.events_processed == adopted_count(first.adoption_day));
  }
}

TEST_CASE("per-tie bass shares random numbers tie by tie: doubling beta halves every time", "[model]") {
  // With p = 0 and one seed, adoption times are first-passage times over
  // tie delays Exp(1) / β, and each tie keeps its number whatever β is.
  const OrgGraph graph = make_ring_with_chords(120);
  BassParams params;
  params.form = BassForm::PerTie;
  params.innovation_p = 0.0;
  params.initial.people = {0};
  params.per_tie_rate_beta = 0.2;
  const auto slow = model::run_bass(graph, params, {99, 0, 1e6});
  params.per_tie_rate_beta = 0.4;
  const auto fast = model::run_bass(graph, params, {99, 0, 1e6});
  REQUIRE(adopted_count(slow.adoption_day) == 120);
  REQUIRE(adopted_count(fast.adoption_day) == 120);
  for (std::size_t person = 0; person < 120; ++person) {
    // Each tie's delay rounds to a tick (2^-32 day); paths have < 120 ties.
    CHECK(fast.adoption_day[person] == Approx(slow.adoption_day[person] / 2.0).margin(1e-6));
  }
}

TEST_CASE("bass horizon cuts events", "[model]") {
  const OrgGraph graph = make_ring_with_chords(300);
  BassParams params;
  params.innovation_p = 0.02;
  const auto full = model::run_bass(graph, params, {5, 0, 100.0});
  const auto cut = model::run_bass(graph, params, {5, 0, 10.0});
  CHECK(cut.events_processed < full.events_processed);
  CHECK(cut.events_processed == adopted_count(cut.adoption_day));
  for (std::size_t person = 0; person < 300; ++person) {
    // Same random numbers: the cut run is the full run truncated.
    if (full.adoption_day[person] < 10.0) {
      CHECK(cut.adoption_day[person] == full.adoption_day[person]);
    } else {
      CHECK(cut.adoption_day[person] == kNever);
    }
  }
  const auto nothing = model::run_bass(graph, params, {5, 0, 0.0});
  CHECK(nothing.events_processed == 0);
}

TEST_CASE("threshold model: a hand-worked cascade", "[model]") {
  // Ties (weight 1 unless stated): 0-1, 0-2, 1-2, 2-3, 3-4, 3-5, 4-5 (weight
  // 2); 6 and 7 have no ties. Seed 0; thresholds below; delay 1 day.
  //   t=0  0 adopts (seed). 1: 1/2 >= 0.5, due at 1. 2: 1/3 < 0.6.
  //        4 (threshold 0, an innovator) and 7 (threshold 0, no ties): due at 1.
  //   t=1  4 adopts: 3 has 1/3 >= 0.3, due at 2; 5 has 2/3 < 0.9.
  //        1 adopts: 2 has 2/3 >= 0.6, due at 2.   7 adopts.
  //   t=2  3 adopts: 5 has 3/3 >= 0.9, due at 3.   2 adopts.
  //   t=3  5 adopts. 6 (threshold 0.1, no ties) never adopts.
  const OrgGraph graph = make_graph(8, {{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 4}, {3, 5}, {4, 5, 2.0f}});
  ThresholdParams params;
  params.thresholds = {0.0, 0.5, 0.6, 0.3, 0.0, 0.9, 0.1, 0.0};
  params.initial.people = {0};
  params.adoption_delay_days = 1.0;
  REQUIRE(model::validate(params, graph).empty());

  const auto outcome = model::run_threshold(graph, params, {1, 0, 100.0});
  CHECK(outcome.adoption_day == std::vector<double>{0, 1, 2, 2, 1, 3, kNever, 1});
  CHECK(outcome.events_processed == 7);

  params.adoption_delay_days = 0.25;  // exact in ticks
  const auto quick = model::run_threshold(graph, params, {1, 0, 100.0});
  CHECK(quick.adoption_day == std::vector<double>{0, 0.25, 0.5, 0.5, 0.25, 0.75, kNever, 0.25});

  // The horizon: events at or after day 2 do not happen.
  params.adoption_delay_days = 1.0;
  const auto cut = model::run_threshold(graph, params, {1, 0, 2.0});
  CHECK(cut.adoption_day == std::vector<double>{0, 1, kNever, kNever, 1, kNever, kNever, 1});
  CHECK(cut.events_processed == 4);

  // Raising 3's threshold above 1/3 makes 3 wait for a second adopting
  // neighbour (2, at day 2), and 5 waits for 3.
  params.thresholds[3] = 0.34;
  const auto later = model::run_threshold(graph, params, {1, 0, 100.0});
  CHECK(later.adoption_day == std::vector<double>{0, 1, 2, 3, 1, 4, kNever, 1});
  // Above 2/3, 3 needs all three neighbours, but 5 needs 3 first: a stall.
  params.thresholds[3] = 0.7;
  const auto stalled = model::run_threshold(graph, params, {1, 0, 100.0});
  CHECK(stalled.adoption_day == std::vector<double>{0, 1, 2, kNever, 1, kNever, kNever, 1});
}

TEST_CASE("threshold model draws thresholds per person and replays", "[model]") {
  const OrgGraph graph = make_ring_with_chords(200);
  ThresholdParams params;
  params.threshold_low = 0.1;
  params.threshold_high = 0.6;
  params.initial.random_count = 10;
  const auto first = model::run_threshold(graph, params, {11, 0, 200.0});
  const auto again = model::run_threshold(graph, params, {11, 0, 200.0});
  const auto other = model::run_threshold(graph, params, {11, 1, 200.0});
  CHECK(first.adoption_day == again.adoption_day);
  CHECK(first.adoption_day != other.adoption_day);
  // Everyone adopts on whole days (delay 1).
  for (double day : first.adoption_day) {
    if (std::isfinite(day)) CHECK(day == std::floor(day));
  }

  // Threshold 0 for everyone: all adopt by day 1, seeds at 0.
  ThresholdParams zero;
  zero.threshold_low = zero.threshold_high = 0.0;
  const auto innovators = model::run_threshold(graph, zero, {11, 0, 5.0});
  CHECK(std::all_of(innovators.adoption_day.begin(), innovators.adoption_day.end(),
                    [](double day) { return day == 1.0; }));
}

TEST_CASE("cascade with probability 1 reaches the component at BFS distance", "[model]") {
  // Component A: a tree 0-1, 0-2, 1-3, 3-4, 2-4 (a cycle 0-1-3-4-2), 4-5.
  // Component B: 6-7. Seed 0, delay 0.5 days.
  const OrgGraph graph = make_graph(8, {{0, 1}, {0, 2}, {1, 3}, {3, 4}, {2, 4}, {4, 5}, {6, 7}});
  CascadeParams params;
  params.activation_probability = 1.0;
  params.activation_delay_days = 0.5;
  params.initial.people = {0};
  const auto outcome = model::run_independent_cascade(graph, params, {3, 0, 100.0});
  CHECK(outcome.adoption_day == std::vector<double>{0, 0.5, 0.5, 1.0, 1.0, 1.5, kNever, kNever});
  CHECK(outcome.events_processed == 6);

  // Tie weights scale the probability: a zero-weight tie never converts.
  const OrgGraph weighted = make_graph(3, {{0, 1, 0.0f}, {1, 2}, {0, 2, 3.0f}});
  params.use_tie_weights = true;
  const auto through_weights = model::run_independent_cascade(weighted, params, {3, 0, 100.0});
  CHECK(through_weights.adoption_day == std::vector<double>{0, 1.0, 0.5});

  // The horizon: nothing at or after day 1.
  params.use_tie_weights = false;
  const auto cut = model::run_independent_cascade(graph, params, {3, 0, 1.0});
  CHECK(cut.adoption_day == std::vector<double>{0, 0.5, 0.5, kNever, kNever, kNever, kNever, kNever});
}

TEST_CASE("cascade with probability 0 stays at the seeds", "[model]") {
  const OrgGraph graph = make_ring_with_chords(100);
  CascadeParams params;
  params.activation_probability = 0.0;
  params.initial.random_count = 5;
  const auto outcome = model::run_independent_cascade(graph, params, {8, 0, 100.0});
  CHECK(adopted_count(outcome.adoption_day) == 5);
  CHECK(outcome.events_processed == 5);
}

TEST_CASE("cascade is a pure function of the seed and replicate", "[model]") {
  const OrgGraph graph = make_ring_with_chords(300);
  CascadeParams params;
  params.activation_probability = 0.6;
  params.initial.random_count = 3;
  const auto first = model::run_independent_cascade(graph, params, {77, 2, 500.0});
  const auto again = model::run_independent_cascade(graph, params, {77, 2, 500.0});
  const auto other = model::run_independent_cascade(graph, params, {77, 5, 500.0});
  CHECK(first.adoption_day == again.adoption_day);
  CHECK(first.adoption_day != other.adoption_day);
}

TEST_CASE("adopted_by_day counts adoptions up to each whole day", "[model]") {
  const std::vector<double> days = {0.0, 0.5, 1.0, 1.0001, 2.9, 3.0, kNever, 7.5};
  CHECK(model::adopted_by_day(days, 4) == std::vector<std::uint32_t>{1, 3, 4, 6, 6});
  CHECK(model::adopted_by_day({}, 2) == std::vector<std::uint32_t>{0, 0, 0});
}

TEST_CASE("bass closed form", "[model]") {
  CHECK(model::bass_closed_form(0.03, 0.38, 0.0) == 0.0);
  // F(t) for q = 0 is the exponential distribution 1 - e^{-pt}.
  CHECK(model::bass_closed_form(0.1, 0.0, 5.0) == Approx(1.0 - std::exp(-0.5)));
  // A value worked by hand: p = 0.03, q = 0.38, t = 10: e^{-4.1} = 0.016573;
  // F = 0.983427 / (1 + 12.6667 * 0.016573) = 0.983427 / 1.209921 = 0.812803.
  CHECK(model::bass_closed_form(0.03, 0.38, 10.0) == Approx(0.812803).epsilon(1e-5));
  CHECK(model::bass_closed_form(0.03, 0.38, 1000.0) == Approx(1.0));
  CHECK(model::bass_closed_form(0.0, 0.38, 10.0) == 0.0);
}
