#include "adoptsim/runner/replicates.hpp"

#include <tbb/global_control.h>

#include <algorithm>
#include <optional>

#include "parallel.hpp"

namespace adoptsim::runner {

ReferenceRunResult run_reference_replicates(const org::OrgGraph& graph, const model::ReferenceModel& model,
                                            const ReplicatePlan& plan, const ProgressCallback& progress) {
  ReferenceRunResult result;
  result.adopted_by_day.resize(plan.replicates);
  std::vector<std::uint64_t> events(plan.replicates, 0);
  std::atomic<std::uint32_t> done{0};

  std::optional<tbb::global_control> thread_limit;
  if (plan.threads > 0) {
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism, plan.threads);
  }
  parallel_for_each_index(plan.replicates, [&](std::size_t index) {
    const auto replicate = static_cast<std::uint32_t>(index);
    const model::ReplicateInput input{plan.seed, replicate, static_cast<double>(plan.horizon_days)};
    model::ReplicateOutcome outcome = model::run_reference_model(graph, model, input);
    result.adopted_by_day[replicate] = model::adopted_by_day(outcome.adoption_day, plan.horizon_days);
    events[replicate] = outcome.events_processed;
    const std::uint32_t finished = ++done;
    if (progress) progress(finished);
  });
  for (std::uint64_t count : events) result.events_processed += count;
  return result;
}

}  // namespace adoptsim::runner
