// The centre of excellence's queue (sim/model/use_case_queue.hpp): first come,
// first served at the team's hours, against the M/D/1 queue's closed form.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "adoptsim/engine/random.hpp"
#include "adoptsim/model/workplace_rules.hpp"
#include "adoptsim/org/generator.hpp"
#include "model/use_case_queue.hpp"

using namespace adoptsim;

namespace {

constexpr double kSevenths = 7.0;  // sevenths of an hour per hour

}  // namespace

TEST_CASE("use-case queue: first come, first served, work carried over but not banked",
          "[model][workplace]") {
  model::UseCaseQueue queue;
  std::vector<model::UseCaseDelivery> delivered;
  // 40 hours a week on use cases of 40 hours: one a week, each day a seventh of it.
  const double day_sevenths = 40.0;
  const double use_case_sevenths = 40.0 * kSevenths;
  queue.work(day_sevenths, use_case_sevenths, 0, delivered);  // idle: nothing banked
  queue.submit({2, 1});
  queue.submit({0, 1});
  queue.submit({1, 3});
  CHECK(queue.waiting() == 3);
  for (std::int32_t day = 1; day <= 21; ++day) queue.work(day_sevenths, use_case_sevenths, day, delivered);
  REQUIRE(delivered.size() == 3);
  // Seven days of work each (days 1-7, 8-14, 15-21): delivered on days 7, 14 and 21, oldest first.
  CHECK(delivered[0].department == 2);
  CHECK(delivered[0].waited_days == 6);
  CHECK(delivered[1].department == 0);
  CHECK(delivered[1].waited_days == 13);
  CHECK(delivered[2].department == 1);
  CHECK(delivered[2].waited_days == 18);
  CHECK(queue.waiting() == 0);

  // Hours that do not add up to a whole number a day still make a week: 10 h a
  // week on a 10-hour use case delivers on the seventh day of work exactly.
  delivered.clear();
  queue.submit({4, 30});
  for (std::int32_t day = 30; day < 37; ++day) queue.work(10.0, 10.0 * kSevenths, day, delivered);
  REQUIRE(delivered.size() == 1);
  CHECK(delivered[0].waited_days == 6);
}

TEST_CASE("use-case queue: the M/D/1 queue's mean length and Little's law", "[model][workplace]") {
  // One use case of work a day, Poisson(rho) requests a day: the queue at
  // the end of each day is the M/D/1 queue's waiting line, left behind at a
  // departure, whose mean is the Pollaczek-Khinchine Lq = rho^2 / (2 (1 - rho));
  // and each request waits (in whole days) as many day-ends as it spends in
  // the queue, so its mean wait is Lq / rho days (Little's law).
  for (const double rho : {0.5, 0.8}) {
    model::UseCaseQueue queue;
    std::vector<model::UseCaseDelivery> delivered;
    engine::RandomStream stream(engine::StreamKey{7, 0, 0, 99});
    constexpr std::int32_t kWarmUpDays = 1000;
    constexpr std::int32_t kBatches = 100, kBatchDays = 4000;
    std::vector<double> batch_means;
    double waited = 0.0;
    std::size_t waits = 0;
    for (std::int32_t day = 0; day < kWarmUpDays + kBatches * kBatchDays; ++day) {
      // use_case_requests on 365 people at rho requests a person a year: Poisson(rho).
      const std::uint32_t requests = model::use_case_requests(rho, 365, stream());
      for (std::uint32_t request = 0; request < requests; ++request) queue.submit({0, day});
      delivered.clear();
      queue.work(1.0, 1.0, day, delivered);
      if (day < kWarmUpDays) continue;
      if ((day - kWarmUpDays) % kBatchDays == 0) batch_means.push_back(0.0);
      batch_means.back() += static_cast<double>(queue.waiting()) / kBatchDays;
      for (const model::UseCaseDelivery& delivery : delivered) {
        waited += delivery.waited_days;
        ++waits;
      }
    }
    double mean = 0.0;
    for (const double value : batch_means) mean += value / kBatches;
    double variance = 0.0;
    for (const double value : batch_means) variance += (value - mean) * (value - mean) / (kBatches - 1);
    const double standard_error = std::sqrt(variance / kBatches);
    const double closed_form = rho * rho / (2.0 * (1.0 - rho));
    INFO("rho " << rho << ": mean queue " << mean << " ± " << standard_error << ", closed form "
                << closed_form);
    CHECK(std::abs(mean - closed_form) < 4.0 * standard_error);
    CHECK(standard_error < 0.05 * closed_form);  // the check is sharp, not vacuous
    // Little's law holds on the path itself, up to the requests still waiting at the end.
    const double mean_wait = waited / static_cast<double>(waits);
    CHECK(mean_wait == Approx(mean / rho).epsilon(0.01));
  }
}

TEST_CASE("centre of excellence day: requests only while it runs, from departments with access",
          "[model][workplace]") {
  org::OrgSpec spec;
  spec.headcount = 60;
  const org::OrgGraph graph = org::generate_organisation(spec, 3);
  std::vector<model::FunnelState> states(graph.person_count(), model::FunnelState::NoAccess);
  model::DynamicsParams dynamics;
  dynamics.use_case_requests_per_person_per_year = 365.0;  // a request a day per person with access
  dynamics.hours_per_use_case = 1.0;
  const model::ReplicateInput input{11, 2, 100.0};
  model::OrganisationState state;
  model::UseCaseQueue queue;
  std::vector<model::UseCaseDelivery> delivered;
  // No CoE yet: nobody asks.
  CHECK(model::centre_of_excellence_day(queue, state, 0, graph, states, dynamics, input, delivered) == 0);

  model::Intervention coe{model::InterventionKind::CentreOfExcellence, 1.0, 1.0e9};
  coe.until_day = 20.0;
  coe.hours_per_week = 7.0;  // an hour a day: one use case a day
  model::apply_to_organisation(coe, 5.0, {}, state);
  CHECK(state.coe_hours_per_week == 7.0);
  // With nobody having access there is no demand.
  CHECK(model::centre_of_excellence_day(queue, state, 5, graph, states, dynamics, input, delivered) == 0);
  // Access for department 0 alone: only it asks; the CoE builds one use case a day.
  std::uint32_t in_department = 0;
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    if (graph.department(person) != 0) continue;
    states[person] = model::FunnelState::Unaware;
    ++in_department;
  }
  std::uint32_t submitted = 0;
  for (std::int32_t day = 6; day < 20; ++day)
    submitted +=
        model::centre_of_excellence_day(queue, state, day, graph, states, dynamics, input, delivered);
  CHECK(submitted > 10 * in_department);  // Poisson(in_department) a day, for 14 days
  REQUIRE(delivered.size() == 14);
  for (const model::UseCaseDelivery& delivery : delivered) CHECK(delivery.department == 0);
  // After until_day nobody asks and nothing is built; the queue stays.
  const std::size_t waiting = queue.waiting();
  CHECK(waiting == submitted - 14);
  CHECK(model::centre_of_excellence_day(queue, state, 20, graph, states, dynamics, input, delivered) == 0);
  CHECK(queue.waiting() == waiting);
  CHECK(delivered.size() == 14);

  // The same day's requests again, into another queue: the same words, the same count.
  model::UseCaseQueue first, second;
  std::vector<model::UseCaseDelivery> ignored;
  CHECK(model::centre_of_excellence_day(first, state, 7, graph, states, dynamics, input, ignored) ==
        model::centre_of_excellence_day(second, state, 7, graph, states, dynamics, input, ignored));
  CHECK(first.waiting() > 0);
}

TEST_CASE("a delivered use case raises its department's relevance and the baseline it fades back to",
          "[model][workplace]") {
  model::OrganisationState state;
  model::Intervention coe{model::InterventionKind::CentreOfExcellence, 0.5, 1.0e9};
  coe.hours_per_week = 40.0;
  model::apply_to_organisation(coe, 0.0, {}, state);
  model::InterventionEffects effects;
  model::PersonTraits traits;
  traits.relevance = 0.4f;
  traits.relevance_baseline = 0.3f;
  model::use_case_delivered(traits, state, effects);
  CHECK(traits.relevance == model::raised(0.4f, effects.use_case_relevance_gain * 0.5));
  CHECK(traits.relevance_baseline == model::raised(0.3f, effects.use_case_relevance_gain * 0.5));
}
