#include <catch2/catch.hpp>

#include "adoptsim/engine/event_queue.hpp"

using adoptsim::engine::EventQueue;
using adoptsim::engine::SimTime;

TEST_CASE("events pop in time order, ties in scheduling order", "[engine]") {
  EventQueue queue;
  queue.schedule(SimTime::from_days(2.0), {0, 20});
  queue.schedule(SimTime::from_days(1.0), {0, 10});
  queue.schedule(SimTime::from_days(2.0), {0, 21});
  queue.schedule(SimTime::from_days(1.0), {0, 11});
  std::vector<std::uint32_t> order;
  while (!queue.empty()) order.push_back(queue.pop().payload.subject);
  CHECK(order == std::vector<std::uint32_t>{10, 11, 20, 21});
}
