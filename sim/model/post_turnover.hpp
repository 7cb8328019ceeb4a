// Who holds each post and on which day they leave, for both replicates of
// the workplace model (docs/model.md, "Joiners and leavers"). Internal to the
// workplace model.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <utility>
#include <vector>

#include "adoptsim/engine/random.hpp"
#include "adoptsim/model/workplace.hpp"

namespace adoptsim::model {

class PostTurnover {
 public:
  // Every post's first holder (holder 0), who leaves on the day drawn from
  // block 0 of the post's Turnover stream (leaving_day from day 0).
  void start(const org::OrgGraph& graph, const WorkplaceParams& params, const ReplicateInput& input,
             std::int32_t horizon_days) {
    graph_ = &graph;
    horizon_days_ = horizon_days;
    hazard_.assign(graph.department_count(), 0.0);
    for (std::size_t department = 0; department < hazard_.size(); ++department) {
      const DepartmentProfile& profile =
          department < params.departments.size() ? params.departments[department] : params.default_profile;
      hazard_[department] = leaving_hazard_per_day(profile.attrition_per_year);
    }
    holder_.assign(graph.person_count(), 0);
    leaving_ = {};
    for (org::PersonId post = 0; post < graph.person_count(); ++post) {
      if (!(hazard_of(post) > 0.0)) continue;
      engine::RandomStream stream(engine::StreamKey{input.seed, input.replicate, post,
                                                    static_cast<std::uint32_t>(WorkplaceStream::Turnover)});
      schedule(post, leaving_day(0, hazard_of(post), stream));
    }
  }

  // The post's current holder: 0 for the first, t for the t-th joiner.
  std::uint32_t holder(org::PersonId post) const { return holder_[post]; }
  // A joiner takes the post: their holder index.
  std::uint32_t next_holder(org::PersonId post) { return ++holder_[post]; }
  double hazard_of(org::PersonId post) const { return hazard_[graph_->department(post)]; }

  // The post's holder leaves at the start of `day` (nothing when past the horizon).
  void schedule(org::PersonId post, std::int32_t day) {
    if (day < horizon_days_) leaving_.push({day, post});
  }
  // The next post, in post order, whose holder leaves on `day`; none once
  // there are no more. Days are asked in order.
  std::optional<org::PersonId> next_leaving(std::int32_t day) {
    if (leaving_.empty() || leaving_.top().first != day) return std::nullopt;
    const org::PersonId post = leaving_.top().second;
    leaving_.pop();
    return post;
  }

 private:
  const org::OrgGraph* graph_ = nullptr;
  std::int32_t horizon_days_ = 0;
  std::vector<double> hazard_;  // by department: leaving_hazard_per_day
  std::vector<std::uint32_t> holder_;
  using Leaving = std::pair<std::int32_t, org::PersonId>;  // (day, post)
  std::priority_queue<Leaving, std::vector<Leaving>, std::greater<>> leaving_;
};

}  // namespace adoptsim::model
