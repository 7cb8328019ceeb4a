// The workplace adoption model, one replicate at a time on one core: the
// default generated firm at 180, 10,000 and 1,000,000 people, 365 days, the
// champion_network preset (everyone has access from day 0, so nearly
// everyone is deciding on every work opportunity: the busiest of the
// presets) with a budget of $550 a head, recorded by the same SeriesRecorder
// the runner uses. Reports seconds per replicate (median, wall and CPU),
// events per second, and memory per person of the model and recorder.
//
// Usage: workplace_bench [people ...]   (default: 180 10000 1000000)

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "adoptsim/engine/stream_prefix.hpp"
#include "adoptsim/metrics/recorder.hpp"
#include "adoptsim/model/workplace.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/strategy/presets.hpp"
#include "bench_support.hpp"
#include "workplace_plan.hpp"

namespace {

using adoptsim::bench::Clock;
using adoptsim::bench::median;
using adoptsim::bench::peak_resident_mib;
using adoptsim::bench::resident_mib;
using adoptsim::bench::seconds_since;
using adoptsim::bench::thread_cpu_seconds;

constexpr std::uint64_t kSeed = adoptsim::bench::kWorkplaceSeed;
constexpr std::uint32_t kHorizonDays = adoptsim::bench::kWorkplaceHorizonDays;
constexpr double kBudgetPerPersonUsd = adoptsim::bench::kWorkplaceBudgetPerPersonUsd;

struct Row {
  std::uint32_t people = 0;
  double graph_seconds = 0.0;
  double plan_seconds = 0.0;
  double model_seconds = 0.0;  // the model's shared tables (WorkplaceModel), once per scenario
  int runs = 0;
  double median_seconds = 0.0;
  double median_cpu_seconds = 0.0;
  double mean_events = 0.0;
  double mean_opportunities = 0.0;
  double mean_weekly_active_share = 0.0;
  double run_bytes_per_person = 0.0;
  double graph_bytes_per_person = 0.0;
  double peak_mib = 0.0;
};

Row measure(std::uint32_t people) {
  using namespace adoptsim;
  Row row;
  row.people = people;
  row.runs = people <= 1'000 ? 21 : people <= 100'000 ? 7 : 1;

  org::OrgSpec spec;
  spec.headcount = people;
  const auto graph_start = Clock::now();
  const org::OrgGraph graph = org::generate_organisation(spec, kSeed);
  row.graph_seconds = seconds_since(graph_start);
  row.graph_bytes_per_person = static_cast<double>(graph.memory_bytes()) / people;

  const strategy::StrategySpec strategy_spec = bench::workplace_strategy();
  const strategy::Budget budget = bench::workplace_budget(people);
  const model::WorkplaceParams params = bench::workplace_params(graph);
  const auto layout = std::make_shared<const metrics::SeriesLayout>(graph, kHorizonDays);

  const double resident_before = resident_mib();
  // The tables every replicate of the scenario shares, built once as the runner does.
  const auto model_start = Clock::now();
  const model::WorkplaceModel model(graph, params);
  row.model_seconds = seconds_since(model_start);
  std::vector<double> seconds;
  std::vector<double> cpu_seconds;
  double events = 0.0;
  double opportunities = 0.0;
  double weekly = 0.0;
  for (int run = 0; run < row.runs; ++run) {
    const auto plan_start = Clock::now();
    const model::RolloutPlan plan = strategy::build_plan(strategy_spec, budget, graph, kHorizonDays, kSeed,
                                                         static_cast<std::uint32_t>(run));
    row.plan_seconds = seconds_since(plan_start);
    const auto start = Clock::now();
    const double cpu_start = thread_cpu_seconds();
    metrics::SeriesRecorder recorder(graph, layout);
    const model::WorkplaceOutcome outcome = model.run(
        plan, {kSeed, static_cast<std::uint32_t>(run), static_cast<double>(kHorizonDays)}, recorder);
    const metrics::ReplicateSeries series = recorder.take_series();
    cpu_seconds.push_back(thread_cpu_seconds() - cpu_start);
    seconds.push_back(seconds_since(start));
    events += static_cast<double>(outcome.events_processed);
    opportunities += static_cast<double>(outcome.opportunities);
    weekly += static_cast<double>(series.series(metrics::GroupMetric::WeeklyActive)[kHorizonDays]) / people;
  }
  row.peak_mib = peak_resident_mib();
  row.run_bytes_per_person = (row.peak_mib - resident_before) * 1024.0 * 1024.0 / people;
  row.median_seconds = median(seconds);
  row.median_cpu_seconds = median(cpu_seconds);
  row.mean_events = events / row.runs;
  row.mean_opportunities = opportunities / row.runs;
  row.mean_weekly_active_share = weekly / row.runs;
  return row;
}

const char* lanes_name(adoptsim::engine::PrefixLanes lanes) {
  switch (lanes) {
    case adoptsim::engine::PrefixLanes::Avx512:
      return "AVX-512";
    case adoptsim::engine::PrefixLanes::Avx2:
      return "AVX2";
    case adoptsim::engine::PrefixLanes::Sse2:
      return "SSE2";
    case adoptsim::engine::PrefixLanes::Scalar:
      break;
  }
  return "scalar (no SIMD)";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::uint32_t> sizes;
  for (int index = 1; index < argc; ++index) {
    sizes.push_back(static_cast<std::uint32_t>(std::strtoul(argv[index], nullptr, 10)));
  }
  if (sizes.empty()) sizes = {180, 10'000, 1'000'000};

  std::printf(
      "Workplace model benchmark: champion_network preset, $%.0f a head, %u days, default calibration,\n",
      kBudgetPerPersonUsd, kHorizonDays);
  std::printf("the default generated firm (seed %llu), one thread, SeriesRecorder attached;\n",
              static_cast<unsigned long long>(kSeed));
  std::printf("Philox stream prefixes in %s lanes.\n\n",
              lanes_name(adoptsim::engine::widest_supported_lanes()));
  std::printf("%9s %7s %7s %7s %4s %10s %10s %12s %10s %12s %11s %10s %10s %9s\n", "people", "graph s",
              "model s", "plan s", "runs", "wall s/rep", "cpu s/rep", "events/rep", "events/s", "opport./rep",
              "WAU day365", "run B/p", "graph B/p", "peak MiB");
  for (std::uint32_t people : sizes) {
    const Row row = measure(people);
    std::printf("%9u %7.2f %7.3f %7.3f %4d %10.4f %10.4f %12.3g %10.3g %12.3g %10.1f%% %10.0f %10.1f %9.0f\n",
                row.people, row.graph_seconds, row.model_seconds, row.plan_seconds, row.runs,
                row.median_seconds, row.median_cpu_seconds, row.mean_events,
                row.mean_events / row.median_cpu_seconds, row.mean_opportunities,
                100.0 * row.mean_weekly_active_share, row.run_bytes_per_person, row.graph_bytes_per_person,
                row.peak_mib);
    std::fflush(stdout);
  }
  std::printf(
      "\nmodel s: WorkplaceModel's tables (decision bounds, opportunity counts, who sees a win), built once\n"
      "per organisation and parameter set and shared by its replicates, as the runner does.\n"
      "s/rep: median over runs of one replicate (model and recorder, not the plan), wall clock and CPU "
      "time\n"
      "of the thread; events/s uses the CPU median; an event is a person's working step (their "
      "opportunities\n"
      "of the step: opport./rep counts them) or an awareness event. run B/p: growth of the resident set "
      "from before\n"
      "the model's tables to the end of the runs (tables, model state, event queue, recorder and its series) "
      "per person; graph B/p: OrgGraph::memory_bytes()\n"
      "/ people; peak MiB: process high-water mark so far.\n");
  return 0;
}
