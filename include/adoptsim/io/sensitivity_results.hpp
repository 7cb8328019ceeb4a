// A sensitivity analysis's result files (docs/output-schema.md,
// "Sensitivity results"): indices.csv (each key's indices with their
// intervals), convergence.csv (Sobol: the indices from the first N/8, N/4,
// N/2 and N base rows), points.csv (the design), point_kpis.csv (each
// point's KPI over its replicates) and summary.json.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "adoptsim/analysis/sensitivity.hpp"
#include "adoptsim/experiment/design.hpp"
#include "adoptsim/scenario/scenario.hpp"

namespace adoptsim::io {

struct SensitivityReport {
  std::string method;  // "sobol" or "morris"
  const experiment::Design* design = nullptr;
  std::vector<std::string> specs;  // each key's range as given
  std::string kpi;                 // the KPI analysed
  const scenario::Scenario* base = nullptr;
  std::uint64_t seed = 0;
  std::uint32_t replicates = 0;    // per point
  std::vector<double> point_mean;  // the KPI's mean over each point's replicates
  std::vector<double> point_mcse;
  std::vector<std::uint32_t> point_n;  // replicates where the KPI is defined
  // The variance of the point means over the design, and the part of it
  // replicate noise explains: the mean over points of mcse².
  double output_variance = 0.0;
  double noise_variance = 0.0;
  std::optional<analysis::SobolIndices> sobol;
  std::vector<analysis::SobolIndices> convergence;  // sobol: N/8, N/4, N/2, N rows
  analysis::BootstrapSettings bootstrap;
  std::uint32_t base_rows = 0;  // sobol
  std::optional<analysis::MorrisIndices> morris;
  std::uint32_t trajectories = 0;  // morris
  std::uint32_t levels = 0;
  std::uint64_t design_seed = 0;
};

inline constexpr const char* kSensitivityFiles[] = {"summary.json", "indices.csv", "convergence.csv",
                                                    "points.csv", "point_kpis.csv"};

// Stages, writes and commits the set: afterwards `directory` holds exactly
// these files (convergence.csv only for Sobol), or, when it throws, is as
// it was.
void write_sensitivity_results(const std::filesystem::path& directory, const SensitivityReport& report);

}  // namespace adoptsim::io
