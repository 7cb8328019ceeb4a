// A centre of excellence's queue of use-case requests, for both replicates
// of the workplace model (docs/model.md, "A centre of excellence"). Internal
// to the workplace model.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "adoptsim/engine/random.hpp"
#include "adoptsim/model/workplace.hpp"

namespace adoptsim::model {

struct UseCaseRequest {
  org::DepartmentId department = 0;
  std::int32_t submitted_day = 0;
};

struct UseCaseDelivery {
  org::DepartmentId department = 0;
  std::int32_t waited_days = 0;  // from the day it was asked for to the day it was delivered
};

// First come, first served. Work is counted in sevenths of an hour, so that
// a day's share of a week's hours (hours_per_week / 7) adds up over seven
// days to exactly the week's hours, whatever they are.
class UseCaseQueue {
 public:
  void submit(const UseCaseRequest& request) { waiting_.push_back(request); }

  // A day's work on the requests in order, `sevenths` of an hour of it: each
  // request takes `sevenths_per_use_case`; whatever a day leaves on an
  // unfinished request carries to the next, but an idle team banks nothing.
  // Appends each request finished on `day` to `delivered`, oldest first.
  void work(double sevenths, double sevenths_per_use_case, std::int32_t day,
            std::vector<UseCaseDelivery>& delivered) {
    if (waiting_.empty()) return;
    done_on_first_ += sevenths;
    while (!waiting_.empty() && done_on_first_ >= sevenths_per_use_case) {
      done_on_first_ -= sevenths_per_use_case;
      delivered.push_back({waiting_.front().department, day - waiting_.front().submitted_day});
      waiting_.pop_front();
    }
    if (waiting_.empty()) done_on_first_ = 0.0;
  }

  // Requests asked for and not yet delivered (the one being built among them).
  std::size_t waiting() const { return waiting_.size(); }

 private:
  std::deque<UseCaseRequest> waiting_;
  double done_on_first_ = 0.0;  // sevenths of an hour already spent on the oldest request
};

// The centre of excellence's day, after the day's phases: while it is in
// force (in_force(centre_of_excellence, day) > 0), each department, in
// department order, submits use_case_requests on the first word of the
// stream {seed, replicate, department, UseCases | day << 8}, asked for by its
// people with access at the day's start; then the team works the day's
// sevenths (coe_sevenths_per_day) on the queue. Outside it, nobody asks and
// nothing is built: what was waiting stays waiting. Returns the requests
// submitted today; appends the day's deliveries to `delivered`.
inline std::uint32_t centre_of_excellence_day(UseCaseQueue& queue, const OrganisationState& state,
                                              std::int32_t day, const org::OrgGraph& graph,
                                              const std::vector<FunnelState>& states,
                                              const DynamicsParams& dynamics, const ReplicateInput& input,
                                              std::vector<UseCaseDelivery>& delivered) {
  if (!(in_force(state.centre_of_excellence, static_cast<double>(day)) > 0.0)) return 0;
  std::vector<std::uint32_t> with_access(graph.department_count(), 0);
  for (org::PersonId person = 0; person < states.size(); ++person)
    with_access[graph.department(person)] += states[person] != FunnelState::NoAccess ? 1 : 0;
  std::uint32_t submitted = 0;
  for (std::size_t department = 0; department < with_access.size(); ++department) {
    engine::RandomStream stream(engine::StreamKey{input.seed, input.replicate,
                                                  static_cast<std::uint32_t>(department),
                                                  static_cast<std::uint32_t>(WorkplaceStream::UseCases) |
                                                      static_cast<std::uint32_t>(day) << kUseCaseDayShift});
    const std::uint32_t requests =
        use_case_requests(dynamics.use_case_requests_per_person_per_year, with_access[department], stream());
    for (std::uint32_t request = 0; request < requests; ++request)
      queue.submit({static_cast<org::DepartmentId>(department), day});
    submitted += requests;
  }
  queue.work(coe_sevenths_per_day(state), 7.0 * dynamics.hours_per_use_case, day, delivered);
  return submitted;
}

// The day's deliveries counted into `activity` (use_cases_delivered,
// use_case_wait_days), each to the people of its department with access:
// `to_person(person)` applies use_case_delivered to them and reminds them.
template <typename ToPerson>
void deliver_use_cases(const std::vector<UseCaseDelivery>& delivered, const org::OrgGraph& graph,
                       const std::vector<FunnelState>& states, DayActivity& activity, ToPerson&& to_person) {
  for (const UseCaseDelivery& delivery : delivered) {
    ++activity.use_cases_delivered;
    activity.use_case_wait_days += static_cast<std::uint64_t>(delivery.waited_days);
    for (org::PersonId person = 0; person < states.size(); ++person) {
      if (graph.department(person) == delivery.department && states[person] != FunnelState::NoAccess)
        to_person(person);
    }
  }
}

}  // namespace adoptsim::model
