#include "adoptsim/runner/kpi_runner.hpp"

#include <tbb/global_control.h>

#include <optional>
#include <string_view>

#include "adoptsim/scenario/parameters.hpp"
#include "parallel.hpp"
#include "prepared.hpp"

namespace adoptsim::runner {

KpiRunner::KpiRunner(const scenario::Scenario& scenario,
                     const std::shared_ptr<const Organisation>& organisation, std::uint64_t seed)
    : prepared_(prepare_scenario(scenario, seed, organisation)) {}

KpiRunner::~KpiRunner() = default;
KpiRunner::KpiRunner(KpiRunner&&) noexcept = default;
KpiRunner& KpiRunner::operator=(KpiRunner&&) noexcept = default;

metrics::KpiValues KpiRunner::run(std::uint32_t replicate) const {
  return simulate_replicate(*prepared_, replicate).kpis;
}

const metrics::KpiSettings& KpiRunner::kpi_settings() const { return prepared_->kpi_settings; }

std::string organisation_key(const scenario::Scenario& scenario) {
  std::string key;
  for (const scenario::Parameter& parameter : scenario::parameters()) {
    if (!parameter.key.starts_with("organisation.") || parameter.read == nullptr) continue;
    const std::optional<scenario::Value> value = parameter.read(scenario);
    if (!value) continue;
    key += std::string(parameter.key) + " = " + scenario::to_toml_literal(*value) + "\n";
  }
  return key;
}

void for_each_unit(std::size_t count, std::uint32_t threads, const std::atomic<bool>* stop,
                   const std::function<void(std::size_t index)>& body) {
  std::optional<tbb::global_control> thread_limit;
  if (threads > 0) thread_limit.emplace(tbb::global_control::max_allowed_parallelism, threads);
  parallel_for_each_index(count, [&](std::size_t index) {
    if (stop != nullptr && stop->load()) return;
    body(index);
  });
  if (stop != nullptr && stop->load()) throw Interrupted();
}

}  // namespace adoptsim::runner
