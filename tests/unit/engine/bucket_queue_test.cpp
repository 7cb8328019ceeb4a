#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "adoptsim/engine/bucket_queue.hpp"
#include "adoptsim/engine/event_queue.hpp"

using adoptsim::engine::BucketQueue;
using adoptsim::engine::Event;
using adoptsim::engine::EventPayload;
using adoptsim::engine::EventQueue;
using adoptsim::engine::SimTime;

namespace {

// Schedules the same events in both queues and drains them day by day, with
// new events scheduled while draining, as a model does; returns whether every
// event came out of both in the same order.
bool same_order(int width_log2, std::uint32_t buckets, double spread_days, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  EventQueue reference;
  BucketQueue buckets_queue(width_log2, buckets);
  std::uint32_t subject = 0;
  const auto schedule_both = [&](double day) {
    const SimTime time = SimTime::from_days(day);
    reference.schedule(time, EventPayload{1, subject});
    buckets_queue.schedule(time, EventPayload{1, subject});
    ++subject;
  };
  for (int i = 0; i < 500; ++i) schedule_both(unit(random) * spread_days);
  // A few at identical times: ties are broken by scheduling order.
  for (int i = 0; i < 20; ++i) schedule_both(3.0);
  std::size_t compared = 0;
  for (int day = 0; day < 400; ++day) {
    const SimTime limit = SimTime::from_days(day + 1);
    Event from_buckets;
    while (buckets_queue.pop_before(limit, from_buckets)) {
      if (reference.empty() || !(reference.next_time() < limit)) return false;
      const Event expected = reference.pop();
      if (expected.time != from_buckets.time || expected.payload.subject != from_buckets.payload.subject)
        return false;
      ++compared;
      // The event schedules a follow-up, near or far.
      const double now = from_buckets.time.days();
      if (unit(random) < 0.8) schedule_both(now + unit(random) * (unit(random) < 0.1 ? 200.0 : 0.7));
    }
    if (!reference.empty() && reference.next_time() < limit) return false;
    // The start of the next day schedules at exactly the limit.
    if (day % 7 == 0) schedule_both(static_cast<double>(day + 1));
  }
  return compared > 500 && buckets_queue.size() == reference.size();
}

}  // namespace

TEST_CASE("the bucket queue gives the event queue's (time, sequence) order", "[engine]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    INFO("seed " << seed);
    CHECK(same_order(26, 256, 30.0, seed));  // the defaults: 1/64 day wide, 4 days of ring
    CHECK(same_order(30, 8, 100.0, seed));   // a short ring: most events pass through the overflow
    CHECK(same_order(20, 2, 5.0, seed));     // narrow buckets, tiny ring
  }
}

TEST_CASE("the bucket queue never looks past the limit", "[engine]") {
  BucketQueue queue;
  queue.schedule(SimTime::from_days(5.0), EventPayload{1, 7});
  Event event;
  CHECK_FALSE(queue.pop_before(SimTime::from_days(1.0), event));
  // Still allowed: an event at the limit asked for, earlier than the pending one.
  queue.schedule(SimTime::from_days(1.0), EventPayload{1, 8});
  REQUIRE(queue.pop_before(SimTime::from_days(2.0), event));
  CHECK(event.payload.subject == 8);
  REQUIRE(queue.pop_before(SimTime::from_days(6.0), event));
  CHECK(event.payload.subject == 7);
  CHECK(queue.empty());
  CHECK_THROWS_AS(BucketQueue(26, 1000), std::invalid_argument);
}
