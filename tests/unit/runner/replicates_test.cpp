#include <catch2/catch.hpp>

#include "adoptsim/org/generator.hpp"
#include "adoptsim/runner/replicates.hpp"

using namespace adoptsim;

TEST_CASE("replicate results do not depend on the thread count", "[runner]") {
  const org::OrgGraph graph = org::generate_organisation(org::OrgSpec{}, 5);
  const model::ReferenceModel bass = model::BassParams{};
  runner::ReplicatePlan plan;
  plan.seed = 9;
  plan.replicates = 32;
  plan.horizon_days = 60;
  plan.threads = 1;
  const auto serial = runner::run_reference_replicates(graph, bass, plan);
  plan.threads = 4;
  std::atomic<std::uint32_t> calls{0};
  const auto parallel = runner::run_reference_replicates(graph, bass, plan, [&](std::uint32_t) { ++calls; });
  CHECK(serial.adopted_by_day == parallel.adopted_by_day);
  CHECK(serial.events_processed == parallel.events_processed);
  CHECK(calls == 32);
  REQUIRE(serial.adopted_by_day.size() == 32);
  CHECK(serial.adopted_by_day[0].size() == 61);
  // Replicates differ from one another: they draw from their own streams.
  CHECK(serial.adopted_by_day[0] != serial.adopted_by_day[1]);
}
