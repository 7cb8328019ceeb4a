// What the experiment tools evaluate: many scenarios (a design's points),
// each for many replicates, reduced to KPIs alone. A KpiRunner is a scenario
// made ready once (organisation, the model's shared tables, the checked plan
// builder); its replicate r is the same replicate r that run_scenarios runs,
// drawn from the streams of (seed, r), so its KPIs are those of `run` bit for
// bit and every point of a design sees the same random numbers in replicate
// r (common random numbers).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"

namespace adoptsim::runner {

struct PreparedScenario;

class KpiRunner {
 public:
  // Precondition: check_runnable(scenario, *organisation) is empty. The
  // scenario must outlive the runner; the organisation is shared with it
  // (points with the same organisation_key may share one).
  KpiRunner(const scenario::Scenario& scenario, const std::shared_ptr<const Organisation>& organisation,
            std::uint64_t seed);
  ~KpiRunner();
  KpiRunner(KpiRunner&&) noexcept;
  KpiRunner& operator=(KpiRunner&&) noexcept;

  // Replicate `replicate`'s KPIs (NaN where a KPI is not defined, as in
  // run's kpis.csv). Thread-safe.
  metrics::KpiValues run(std::uint32_t replicate) const;
  const metrics::KpiSettings& kpi_settings() const;

 private:
  std::unique_ptr<const PreparedScenario> prepared_;
};

// What determines the organisation a scenario builds: every organisation.*
// key's value in force, as TOML. Scenarios with equal keys build the same
// organisation (a generated one from the same spec and seed, or the same
// files imported the same way).
std::string organisation_key(const scenario::Scenario& scenario);

// body(index) for every index in [0, count), each once, in any order, on
// `threads` workers (0: every core). Before each index the stop flag is
// read; when it is raised the loop ends early and throws Interrupted. The
// first exception a body throws is rethrown after the loop.
void for_each_unit(std::size_t count, std::uint32_t threads, const std::atomic<bool>* stop,
                   const std::function<void(std::size_t index)>& body);

}  // namespace adoptsim::runner
