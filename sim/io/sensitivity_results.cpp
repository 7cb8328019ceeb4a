#include "adoptsim/io/sensitivity_results.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <stdexcept>

#include "adoptsim/io/results.hpp"
#include "adoptsim/version.hpp"

namespace adoptsim::io {
namespace {

nlohmann::json json_number(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

void write_indices_csv(std::ostream& out, const SensitivityReport& report) {
  out << "key,statistic,value,low,high\n";
  const std::vector<std::string>& keys = report.design->keys;
  for (std::size_t key = 0; key < keys.size(); ++key) {
    const std::string name = csv_text(keys[key]);
    if (report.sobol) {
      const analysis::SobolIndices& s = *report.sobol;
      out << name << ",first_order," << format_number(s.first_order[key]) << ","
          << format_number(s.first_order_interval[key].low) << ","
          << format_number(s.first_order_interval[key].high) << "\n";
      out << name << ",total," << format_number(s.total[key]) << ","
          << format_number(s.total_interval[key].low) << "," << format_number(s.total_interval[key].high)
          << "\n";
    }
    if (report.morris) {
      const analysis::MorrisIndices& m = *report.morris;
      out << name << ",mu," << format_number(m.mu[key]) << ",,\n";
      out << name << ",mu_star," << format_number(m.mu_star[key]) << ",,\n";
      out << name << ",sigma," << format_number(m.sigma[key]) << ",,\n";
    }
  }
}

void write_convergence_csv(std::ostream& out, const SensitivityReport& report) {
  out << "base_rows,key,first_order,total\n";
  for (const analysis::SobolIndices& step : report.convergence) {
    for (std::size_t key = 0; key < report.design->keys.size(); ++key) {
      out << step.base_rows << "," << csv_text(report.design->keys[key]) << ","
          << format_number(step.first_order[key]) << "," << format_number(step.total[key]) << "\n";
    }
  }
}

void write_points_csv(std::ostream& out, const experiment::Design& design) {
  out << "point";
  for (const std::string& key : design.keys) out << "," << csv_text(key);
  out << "\n";
  for (std::size_t point = 0; point < design.points.size(); ++point) {
    out << point;
    for (const std::string& value : design.points[point]) out << "," << csv_text(value);
    out << "\n";
  }
}

void write_point_kpis_csv(std::ostream& out, const SensitivityReport& report) {
  out << "point,mean,mcse,n\n";
  for (std::size_t point = 0; point < report.point_mean.size(); ++point) {
    out << point << "," << format_number(report.point_mean[point]) << ","
        << format_number(report.point_mcse[point]) << "," << report.point_n[point] << "\n";
  }
}

void write_summary_json(std::ostream& out, const SensitivityReport& report) {
  nlohmann::ordered_json summary;
  summary["adoptsim_version"] = kVersion;
  summary["git_revision"] = kGitRevision;
  summary["command"] = "sensitivity";
  summary["method"] = report.method;
  summary["kpi"] = report.kpi;
  summary["keys"] = report.design->keys;
  summary["ranges"] = report.specs;
  summary["seed"] = report.seed;
  summary["replicates_per_point"] = report.replicates;
  summary["points"] = report.design->points.size();
  if (report.sobol) {
    summary["base_rows"] = report.base_rows;
    summary["bootstrap"] = {{"resamples", report.bootstrap.resamples},
                            {"confidence", report.bootstrap.confidence},
                            {"seed", report.bootstrap.seed}};
  }
  if (report.morris) {
    summary["trajectories"] = report.trajectories;
    summary["levels"] = report.levels;
    summary["design_seed"] = report.design_seed;
  }
  summary["output_variance"] = json_number(report.output_variance);
  summary["noise_variance"] = json_number(report.noise_variance);
  summary["noise_share"] = json_number(
      report.output_variance > 0.0 ? report.noise_variance / report.output_variance : std::nan(""));
  nlohmann::ordered_json base;
  base["name"] = report.base->name;
  base["file"] = report.base->source_path.string();
  base["overrides"] = report.base->overrides;
  scenario::Scenario as_run = *report.base;
  as_run.seed = report.seed;
  as_run.replicates = report.replicates;
  base["resolved_toml"] = scenario::resolved_toml(as_run);
  summary["base_scenario"] = base;
  out << summary.dump(2) << "\n";
}

}  // namespace

void write_sensitivity_results(const std::filesystem::path& directory, const SensitivityReport& report) {
  StagedDirectory staged(directory);
  const auto write = [&](const char* name, const std::function<void(std::ostream&)>& contents) {
    const std::filesystem::path path = staged.path() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
    contents(out);
    out.flush();
    if (!out) throw std::runtime_error("writing " + path.string() + " failed (disk full?)");
  };
  write("summary.json", [&](std::ostream& out) { write_summary_json(out, report); });
  write("indices.csv", [&](std::ostream& out) { write_indices_csv(out, report); });
  if (report.sobol) write("convergence.csv", [&](std::ostream& out) { write_convergence_csv(out, report); });
  write("points.csv", [&](std::ostream& out) { write_points_csv(out, *report.design); });
  write("point_kpis.csv", [&](std::ostream& out) { write_point_kpis_csv(out, report); });
  staged.commit();
}

}  // namespace adoptsim::io
