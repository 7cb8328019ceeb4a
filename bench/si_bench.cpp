// The Bass model as a pure SI process (per-tie form, p = 0, beta = 0.1 per
// adopting neighbour per day, 10 random initial adopters, 100 days) on
// Erdős–Rényi graphs of mean degree 10, one core. Reports seconds per
// replicate (median), adoptions and events per second, and memory per person
// of the model state and of the graph.
//
// Usage: si_bench [people ...]   (default: 100000 1000000)

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "adoptsim/model/reference.hpp"
#include "adoptsim/org/generator.hpp"
#include "bench_support.hpp"

namespace {

using adoptsim::bench::Clock;
using adoptsim::bench::median;
using adoptsim::bench::peak_resident_mib;
using adoptsim::bench::seconds_since;
using adoptsim::bench::thread_cpu_seconds;

constexpr std::uint64_t kSeed = 20'240'601;
constexpr double kMeanDegree = 10.0;
constexpr double kHorizonDays = 100.0;

struct Row {
  std::uint32_t people = 0;
  std::size_t ties = 0;
  double graph_seconds = 0.0;
  int runs = 0;
  double median_seconds = 0.0;
  double median_cpu_seconds = 0.0;
  double min_seconds = 0.0;
  double max_seconds = 0.0;
  double mean_adoptions = 0.0;
  double mean_events = 0.0;
  double model_bytes_per_person = 0.0;
  double graph_bytes_per_person = 0.0;
  double peak_mib = 0.0;
};

Row measure(std::uint32_t people) {
  Row row;
  row.people = people;
  row.runs = people <= 200'000 ? 7 : 3;

  const auto graph_start = Clock::now();
  const adoptsim::org::OrgGraph graph = adoptsim::org::erdos_renyi_graph(people, kMeanDegree, kSeed);
  row.graph_seconds = seconds_since(graph_start);
  row.ties = graph.tie_count();

  adoptsim::model::BassParams params;
  params.form = adoptsim::model::BassForm::PerTie;
  params.innovation_p = 0.0;
  params.per_tie_rate_beta = 0.1;
  params.initial.random_count = 10;

  std::vector<double> seconds;
  std::vector<double> cpu_seconds;
  double adoptions = 0.0;
  double events = 0.0;
  for (int run = 0; run < row.runs; ++run) {
    const auto start = Clock::now();
    const double cpu_start = thread_cpu_seconds();
    const auto outcome =
        adoptsim::model::run_bass(graph, params, {kSeed, static_cast<std::uint32_t>(run), kHorizonDays});
    cpu_seconds.push_back(thread_cpu_seconds() - cpu_start);
    seconds.push_back(seconds_since(start));
    events += static_cast<double>(outcome.events_processed);
    adoptions += static_cast<double>(std::count_if(outcome.adoption_day.begin(), outcome.adoption_day.end(),
                                                   [](double day) { return day <= kHorizonDays; }));
  }
  row.median_seconds = median(seconds);
  row.median_cpu_seconds = median(cpu_seconds);
  row.min_seconds = *std::min_element(seconds.begin(), seconds.end());
  row.max_seconds = *std::max_element(seconds.begin(), seconds.end());
  row.mean_adoptions = adoptions / row.runs;
  row.mean_events = events / row.runs;
  row.model_bytes_per_person = static_cast<double>(adoptsim::model::bass_state_bytes_per_person(params.form));
  row.graph_bytes_per_person = static_cast<double>(graph.memory_bytes()) / people;
  row.peak_mib = peak_resident_mib();
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::uint32_t> sizes;
  for (int index = 1; index < argc; ++index) {
    sizes.push_back(static_cast<std::uint32_t>(std::strtoul(argv[index], nullptr, 10)));
  }
  if (sizes.empty()) sizes = {100'000, 1'000'000};

  std::printf("SI benchmark: bass per-tie form, p = 0, beta = 0.1/day, 10 random seeds, %.0f days,\n",
              kHorizonDays);
  std::printf("Erdos-Renyi graphs of mean degree %.0f (seed %llu), one thread.\n\n", kMeanDegree,
              static_cast<unsigned long long>(kSeed));
  std::printf("%9s %9s %7s %4s %10s %17s %10s %9s %11s %11s %9s %9s %8s\n", "people", "ties", "graph s",
              "runs", "wall s/rep", "(wall min..max)", "cpu s/rep", "adoptions", "adoptions/s", "events/s",
              "model B/p", "graph B/p", "peak MiB");
  for (std::uint32_t people : sizes) {
    const Row row = measure(people);
    char range[40];
    std::snprintf(range, sizeof range, "(%.3f..%.3f)", row.min_seconds, row.max_seconds);
    std::printf("%9u %9zu %7.2f %4d %10.4f %17s %10.4f %9.0f %11.3g %11.3g %9.0f %9.1f %8.0f\n", row.people,
                row.ties, row.graph_seconds, row.runs, row.median_seconds, range, row.median_cpu_seconds,
                row.mean_adoptions, row.mean_adoptions / row.median_cpu_seconds,
                row.mean_events / row.median_cpu_seconds, row.model_bytes_per_person,
                row.graph_bytes_per_person, row.peak_mib);
  }
  std::printf(
      "\ns/rep: median over runs of one replicate (wall clock, and CPU time of the thread); the rates use\n"
      "the CPU median. model B/p: run_bass working state per person at its worst\n"
      "(bass_state_bytes_per_person); graph B/p: OrgGraph::memory_bytes() / people; peak MiB: process\n"
      "high-water mark so far.\n");
  return 0;
}
