// Times the organisation generator and compute_stats on the default
// 180-person firm, 10,000 and 1,000,000 people (default spec otherwise), and
// the complete graph of 10,000 people that the Bass tests use. Run a Release
// build: build/<dir>/bench/org_bench. Wall and CPU seconds are both shown:
// on a busy machine the CPU figure is the steadier one (all work is on one
// thread).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/stats.hpp"

namespace {

using adoptsim::org::OrgGraph;
using Clock = std::chrono::steady_clock;

struct Timing {
  double wall_seconds;
  double cpu_seconds;
};

class Stopwatch {
 public:
  Timing elapsed() const {
    return {std::chrono::duration<double>(Clock::now() - wall_start_).count(),
            static_cast<double>(std::clock() - cpu_start_) / CLOCKS_PER_SEC};
  }

 private:
  Clock::time_point wall_start_ = Clock::now();
  std::clock_t cpu_start_ = std::clock();
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

struct Case {
  std::string name;
  int runs;
  std::function<OrgGraph(std::uint64_t seed)> generate;
};

}  // namespace

int main() {
  const auto organisation = [](std::uint32_t headcount) {
    return [headcount](std::uint64_t seed) {
      adoptsim::org::OrgSpec spec;
      spec.headcount = headcount;
      return adoptsim::org::generate_organisation(spec, seed);
    };
  };
  const std::vector<Case> cases = {
      {"org 180 (default)", 5, organisation(180)},
      {"org 10,000", 5, organisation(10'000)},
      {"org 1,000,000", 3, organisation(1'000'000)},
      {"complete 10,000", 3, [](std::uint64_t) { return adoptsim::org::complete_graph(10'000); }},
  };

  std::printf("%-18s %4s %10s %10s %10s %12s %12s %10s %10s\n", "network", "runs", "gen wall s", "gen cpu s",
              "people", "ties", "bytes/person", "stats wall", "stats cpu");
  for (const Case& bench_case : cases) {
    std::vector<double> wall_seconds;
    std::vector<double> cpu_seconds;
    OrgGraph graph;
    for (int run = 0; run < bench_case.runs; ++run) {
      graph = OrgGraph();  // free the previous graph outside the timed region
      const Stopwatch stopwatch;
      graph = bench_case.generate(static_cast<std::uint64_t>(run + 1));
      const Timing timing = stopwatch.elapsed();
      wall_seconds.push_back(timing.wall_seconds);
      cpu_seconds.push_back(timing.cpu_seconds);
    }
    const Stopwatch stopwatch;
    const auto stats = adoptsim::org::compute_stats(graph);
    const Timing stats_timing = stopwatch.elapsed();
    std::printf("%-18s %4d %10.4f %10.4f %10zu %12zu %12.1f %10.4f %10.4f\n", bench_case.name.c_str(),
                bench_case.runs, median(wall_seconds), median(cpu_seconds), stats.people, stats.ties,
                static_cast<double>(graph.memory_bytes()) / static_cast<double>(graph.person_count()),
                stats_timing.wall_seconds, stats_timing.cpu_seconds);
  }
  return 0;
}
