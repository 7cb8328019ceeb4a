// WitnessTable: one word draws who sees a win from the distribution of the
// documented tries (a random neighbour kept with chance equal to the tie's
// weight, up to four tries, else nobody) — exactly in the table's
// probabilities, and in frequency against the tries themselves run on
// their own random numbers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "adoptsim/engine/random.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/org_graph.hpp"
#include "model/witness_table.hpp"

using namespace adoptsim;
using model::WitnessTable;

namespace {

// Person 0 with ties of weights 1, 0.5, 0.25, 0 and 2 (heavier than 1: kept
// on every try); person 6 alone; the rest tied to 0 only.
org::OrgGraph star() {
  org::OrgGraphBuilder builder({"only"});
  for (int person = 0; person < 7; ++person) builder.add_person(org::Role::IndividualContributor, 0);
  const float weights[] = {1.0f, 0.5f, 0.25f, 0.0f, 2.0f};
  for (org::PersonId neighbour = 1; neighbour <= 5; ++neighbour) {
    builder.add_tie(0, neighbour, weights[neighbour - 1], org::TieKind::Collaboration);
  }
  return builder.build();
}

}  // namespace

TEST_CASE("the tries' probabilities, worked by hand for a star", "[model][workplace]") {
  const org::OrgGraph graph = star();
  // Kept on a try: mean(1, 0.5, 0.25, 0, 1) = 0.55; four failed tries: 0.45^4.
  const double none = std::pow(0.45, 4);
  const std::vector<double> probabilities = WitnessTable::tried_probabilities(graph, 0);
  REQUIRE(probabilities.size() == 6);
  const double tries = (1.0 - none) / 0.55;
  CHECK(probabilities[0] == Approx(1.0 / 5 * tries));
  CHECK(probabilities[1] == Approx(0.5 / 5 * tries));
  CHECK(probabilities[2] == Approx(0.25 / 5 * tries));
  CHECK(probabilities[3] == 0.0);
  CHECK(probabilities[4] == Approx(1.0 / 5 * tries));
  CHECK(probabilities[5] == Approx(none));
  // A leaf tied at weight 0 is never seen; the lone person's wins never are.
  CHECK(WitnessTable::tried_probabilities(graph, 4) == std::vector<double>{0.0, 1.0});
  CHECK(WitnessTable::tried_probabilities(graph, 6) == std::vector<double>{1.0});
}

TEST_CASE("the witness table holds the tries' probabilities for every person", "[model][workplace]") {
  for (const org::OrgGraph& graph : {star(), org::generate_organisation(org::OrgSpec{}, 5)}) {
    const WitnessTable table(graph);
    for (org::PersonId person = 0; person < graph.person_count(); ++person) {
      const std::vector<double> tried = WitnessTable::tried_probabilities(graph, person);
      const std::vector<double> held = table.table_probabilities(person);
      REQUIRE(held.size() == tried.size());
      for (std::size_t outcome = 0; outcome < tried.size(); ++outcome) {
        INFO("person " << person << ", outcome " << outcome << " of " << tried.size());
        // Thresholds are whole multiples of 2^-32 of a slot.
        REQUIRE(std::abs(held[outcome] - tried[outcome]) < 1e-9);
      }
    }
  }
}

TEST_CASE("one word per win draws as often as the tries themselves", "[model][workplace]") {
  const org::OrgGraph graph = star();
  const WitnessTable table(graph);
  const auto neighbours = graph.neighbours(0);
  const auto weights = graph.tie_weights(0);
  constexpr int kDraws = 400000;
  std::vector<double> picked(neighbours.size() + 1, 0.0), tried(neighbours.size() + 1, 0.0);
  engine::RandomStream table_words(engine::StreamKey{7, 0, 0, 1});
  engine::RandomStream try_words(engine::StreamKey{7, 0, 0, 2});
  for (int draw = 0; draw < kDraws; ++draw) {
    const std::uint32_t choice = table.pick(0, table_words());
    picked[choice == WitnessTable::kNobody ? neighbours.size() : choice] += 1.0;
    std::size_t outcome = neighbours.size();
    for (int attempt = 0; attempt < WitnessTable::kTries; ++attempt) {
      const std::uint32_t index = try_words.below(static_cast<std::uint32_t>(neighbours.size()));
      if (try_words.chance(weights[index])) {
        outcome = index;
        break;
      }
    }
    tried[outcome] += 1.0;
  }
  const std::vector<double> expected = WitnessTable::tried_probabilities(graph, 0);
  for (std::size_t outcome = 0; outcome < expected.size(); ++outcome) {
    // Each count against the exact probability, within 5 standard errors.
    const double tolerance = 5.0 * std::sqrt(expected[outcome] * (1.0 - expected[outcome]) / kDraws) + 1e-12;
    INFO("outcome " << outcome);
    CHECK(std::abs(picked[outcome] / kDraws - expected[outcome]) <= tolerance);
    CHECK(std::abs(tried[outcome] / kDraws - expected[outcome]) <= tolerance);
  }
  CHECK(picked[3] == 0.0);  // the tie of weight 0
}
