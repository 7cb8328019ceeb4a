// The workplace model's plain reference replicate (run_workplace_reference:
// the rules alone, person by person and step by step) against the fast
// kernel (WorkplaceModel::run) on the same plan: the champion_network
// preset, 365 days, $550 a head, the default generated firm, one thread,
// SeriesRecorder attached, as workplace_bench. The two run in turn, replicate
// by replicate, so that a slow spell of the machine slows both; reports each
// one's median seconds per replicate (CPU time of the thread) and the median
// of the replicates' ratios reference / kernel. The two give the same
// activity byte for byte (the equivalence test), which is checked here too.
//
// Usage: workplace_reference_bench [people ...]   (default: 180 10000)

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "adoptsim/metrics/recorder.hpp"
#include "adoptsim/model/workplace.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/strategy/presets.hpp"
#include "bench_support.hpp"
#include "workplace_plan.hpp"

namespace {

using adoptsim::bench::median;
using adoptsim::bench::thread_cpu_seconds;

constexpr std::uint64_t kSeed = adoptsim::bench::kWorkplaceSeed;
constexpr std::uint32_t kHorizonDays = adoptsim::bench::kWorkplaceHorizonDays;
constexpr double kBudgetPerPersonUsd = adoptsim::bench::kWorkplaceBudgetPerPersonUsd;

struct Row {
  std::uint32_t people = 0;
  int runs = 0;
  double kernel_seconds = 0.0;     // median CPU s per replicate
  double reference_seconds = 0.0;  // median CPU s per replicate
  double ratio = 0.0;              // median over replicates of reference / kernel
  bool identical = true;           // the same weekly active series in every replicate
};

Row measure(std::uint32_t people) {
  using namespace adoptsim;
  Row row;
  row.people = people;
  row.runs = people <= 1'000 ? 21 : 5;

  org::OrgSpec spec;
  spec.headcount = people;
  const org::OrgGraph graph = org::generate_organisation(spec, kSeed);
  const strategy::StrategySpec strategy_spec = bench::workplace_strategy();
  const strategy::Budget budget = bench::workplace_budget(people);
  const model::WorkplaceParams params = bench::workplace_params(graph);
  const auto layout = std::make_shared<const metrics::SeriesLayout>(graph, kHorizonDays);
  const model::WorkplaceModel kernel(graph, params);
  const strategy::PlanBuilder plans(strategy_spec, budget, graph, kHorizonDays);

  std::vector<double> kernel_seconds;
  std::vector<double> reference_seconds;
  std::vector<double> ratios;
  for (int run = 0; run < row.runs; ++run) {
    const auto replicate = static_cast<std::uint32_t>(run);
    const model::RolloutPlan plan = plans.build(kSeed, replicate).plan;
    const model::ReplicateInput input{kSeed, replicate, static_cast<double>(kHorizonDays)};

    metrics::SeriesRecorder kernel_recorder(graph, layout);
    double start = thread_cpu_seconds();
    kernel.run(plan, input, kernel_recorder);
    const metrics::ReplicateSeries kernel_series = kernel_recorder.take_series();
    kernel_seconds.push_back(thread_cpu_seconds() - start);

    metrics::SeriesRecorder reference_recorder(graph, layout);
    start = thread_cpu_seconds();
    model::run_workplace_reference(graph, params, plan, input, reference_recorder);
    const metrics::ReplicateSeries reference_series = reference_recorder.take_series();
    reference_seconds.push_back(thread_cpu_seconds() - start);

    ratios.push_back(reference_seconds.back() / kernel_seconds.back());
    const auto kernel_weekly = kernel_series.series(metrics::GroupMetric::WeeklyActive);
    const auto reference_weekly = reference_series.series(metrics::GroupMetric::WeeklyActive);
    for (std::size_t day = 0; day < kernel_weekly.size(); ++day)
      row.identical = row.identical && kernel_weekly[day] == reference_weekly[day];
  }
  row.kernel_seconds = median(kernel_seconds);
  row.reference_seconds = median(reference_seconds);
  row.ratio = median(ratios);
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::uint32_t> sizes;
  for (int index = 1; index < argc; ++index) {
    sizes.push_back(static_cast<std::uint32_t>(std::strtoul(argv[index], nullptr, 10)));
  }
  if (sizes.empty()) sizes = {180, 10'000};

  std::printf(
      "Workplace model, reference replicate against the kernel: champion_network preset, $%.0f a "
      "head,\n%u days, default calibration, the default generated firm (seed %llu), one thread.\n\n",
      kBudgetPerPersonUsd, kHorizonDays, static_cast<unsigned long long>(kSeed));
  std::printf("%9s %4s %14s %17s %19s %10s\n", "people", "runs", "kernel s/rep", "reference s/rep",
              "reference / kernel", "same days");
  int status = 0;
  for (const std::uint32_t people : sizes) {
    const Row row = measure(people);
    std::printf("%9u %4d %14.4f %17.4f %19.1f %10s\n", row.people, row.runs, row.kernel_seconds,
                row.reference_seconds, row.ratio, row.identical ? "yes" : "NO");
    std::fflush(stdout);
    if (!row.identical) status = 1;
  }
  std::printf(
      "\ns/rep: median over replicates of the thread's CPU time for one replicate (model and recorder, not "
      "the plan).\nreference / kernel: median over replicates of the ratio of the two, run in turn. same "
      "days: the weekly\nactive series of every replicate identical between the two.\n");
  return status;
}
