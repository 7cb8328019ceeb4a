// Runs many replicates of a model in parallel (TBB). Replicate r always uses
// the random streams of replicate r, so results are identical for any thread
// count; they are returned in replicate order.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "adoptsim/model/reference.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::runner {

struct ReplicatePlan {
  std::uint64_t seed = 1;
  std::uint32_t replicates = 100;
  std::uint32_t horizon_days = 90;
  // Worker threads; 0 means every core.
  std::uint32_t threads = 0;
};

// Called from worker threads after each replicate, with the count finished
// so far; must be thread-safe and cheap.
using ProgressCallback = std::function<void(std::uint32_t replicates_done)>;

struct ReferenceRunResult {
  // adopted[r][d]: people adopted by whole day d in replicate r.
  std::vector<std::vector<std::uint32_t>> adopted_by_day;
  std::uint64_t events_processed = 0;
};

// Precondition: model::validate(model, graph) is empty.
ReferenceRunResult run_reference_replicates(const org::OrgGraph& graph, const model::ReferenceModel& model,
                                            const ReplicatePlan& plan, const ProgressCallback& progress = {});

}  // namespace adoptsim::runner
