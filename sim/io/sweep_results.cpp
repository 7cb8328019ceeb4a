#include "adoptsim/io/sweep_results.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <stdexcept>

#include "adoptsim/common/input_file.hpp"
#include "adoptsim/io/results.hpp"
#include "adoptsim/version.hpp"
#include "result_helpers.hpp"

namespace adoptsim::io {
namespace {

constexpr const char* kCheckpointTitle = "# adoptsim sweep checkpoint: finished units, exact";

std::uint64_t fnv1a(std::uint64_t hash, std::string_view text) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash ^ 0xffu;  // a separator, so ("ab", "c") and ("a", "bc") differ
}

// 17 significant digits: every double reads back as itself.
std::string exact(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
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

void write_kpis_csv(std::ostream& out, const SweepDescription& sweep,
                    const experiment::UnitResults& results) {
  out << "point,replicate";
  for (int kpi = 0; kpi < metrics::kKpiCount; ++kpi)
    out << "," << metrics::kpi_name(static_cast<metrics::Kpi>(kpi), sweep.kpi_settings);
  out << "\n";
  for (std::size_t point = 0; point < results.points; ++point) {
    for (std::uint32_t replicate = 0; replicate < results.replicates; ++replicate) {
      out << point << "," << replicate;
      const metrics::KpiValues& values = results.at(point, replicate);
      for (std::size_t kpi = 0; kpi < values.size(); ++kpi)
        out << "," << detail::kpi_value_text(metrics::kpi_definitions()[kpi], values[kpi]);
      out << "\n";
    }
  }
}

void write_kpi_summary_csv(std::ostream& out, const SweepDescription& sweep,
                           const std::vector<experiment::PointSummary>& summaries) {
  out << "point,kpi,unit,statistic,value\n";
  for (std::size_t point = 0; point < summaries.size(); ++point) {
    for (int kpi = 0; kpi < metrics::kKpiCount; ++kpi) {
      const metrics::KpiDefinition& definition = metrics::kpi_definitions()[static_cast<std::size_t>(kpi)];
      const metrics::Distribution& distribution = summaries[point][static_cast<std::size_t>(kpi)];
      const std::string prefix = std::to_string(point) + "," +
                                 metrics::kpi_name(static_cast<metrics::Kpi>(kpi), sweep.kpi_settings) + "," +
                                 std::string(definition.unit) + ",";
      // The Monte Carlo standard error of the mean: sd / sqrt(n).
      const double mcse = distribution.n >= 2
                              ? distribution.sd / std::sqrt(static_cast<double>(distribution.n))
                              : std::numeric_limits<double>::quiet_NaN();
      out << prefix << "mean," << format_number(distribution.mean) << "\n";
      out << prefix << "sd," << format_number(distribution.sd) << "\n";
      out << prefix << "mcse," << format_number(mcse) << "\n";
      for (std::size_t level = 0; level < metrics::kQuantileNames.size(); ++level) {
        out << prefix << metrics::kQuantileNames[level] << "," << format_number(distribution.quantiles[level])
            << "\n";
      }
      out << prefix << "n," << distribution.n << "\n";
    }
  }
}

void write_summary_json(std::ostream& out, const SweepDescription& sweep) {
  const experiment::Design& design = *sweep.design;
  nlohmann::ordered_json summary;
  summary["adoptsim_version"] = kVersion;
  summary["git_revision"] = kGitRevision;
  summary["command"] = "sweep";
  summary["seed"] = sweep.seed;
  summary["replicates_per_point"] = sweep.replicates;
  summary["points"] = design.points.size();
  summary["units"] = design.points.size() * sweep.replicates;
  nlohmann::ordered_json design_json;
  design_json["kind"] = std::string(experiment::to_string(design.kind));
  design_json["keys"] = design.keys;
  if (!sweep.specs.empty()) design_json["specs"] = sweep.specs;
  if (!sweep.points_file.empty()) design_json["points_file"] = sweep.points_file.string();
  if (design.kind == experiment::DesignKind::LatinHypercube || design.kind == experiment::DesignKind::Sobol)
    design_json["sample_points"] = sweep.sample_points;
  if (design.kind == experiment::DesignKind::LatinHypercube) design_json["design_seed"] = sweep.design_seed;
  summary["design"] = design_json;
  nlohmann::ordered_json base;
  base["name"] = sweep.base->name;
  base["file"] = sweep.base->source_path.string();
  base["overrides"] = sweep.base->overrides;
  scenario::Scenario as_run = *sweep.base;
  as_run.seed = sweep.seed;
  as_run.replicates = sweep.replicates;
  base["resolved_toml"] = scenario::resolved_toml(as_run);
  summary["base_scenario"] = base;
  nlohmann::ordered_json kpis = nlohmann::ordered_json::array();
  for (int kpi = 0; kpi < metrics::kKpiCount; ++kpi) {
    const metrics::KpiDefinition& definition = metrics::kpi_definitions()[static_cast<std::size_t>(kpi)];
    kpis.push_back({{"name", metrics::kpi_name(static_cast<metrics::Kpi>(kpi), sweep.kpi_settings)},
                    {"unit", definition.unit}});
  }
  summary["kpis"] = kpis;
  summary["files"] = {"points.csv", "kpis.csv", "kpi_summary.csv"};
  out << summary.dump(2) << "\n";
}

}  // namespace

void write_sweep_results(const std::filesystem::path& directory, const SweepDescription& sweep,
                         const experiment::UnitResults& results) {
  StagedDirectory staged(directory);
  const auto write = [&](const char* name, const std::function<void(std::ostream&)>& contents) {
    const std::filesystem::path path = staged.path() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
    contents(out);
    out.flush();
    if (!out) throw std::runtime_error("writing " + path.string() + " failed (disk full?)");
  };
  const std::vector<experiment::PointSummary> summaries = experiment::summarise_points(results);
  write("summary.json", [&](std::ostream& out) { write_summary_json(out, sweep); });
  write("points.csv", [&](std::ostream& out) { write_points_csv(out, *sweep.design); });
  write("kpis.csv", [&](std::ostream& out) { write_kpis_csv(out, sweep, results); });
  write("kpi_summary.csv", [&](std::ostream& out) { write_kpi_summary_csv(out, sweep, summaries); });
  staged.commit();
}

std::string sweep_fingerprint(const SweepDescription& sweep) {
  std::uint64_t hash = 14695981039346656037ull;
  hash = fnv1a(hash, kVersion);
  hash = fnv1a(hash, std::to_string(sweep.seed));
  hash = fnv1a(hash, std::to_string(sweep.replicates));
  scenario::Scenario as_run = *sweep.base;
  as_run.seed = sweep.seed;
  as_run.replicates = sweep.replicates;
  hash = fnv1a(hash, scenario::resolved_toml(as_run));
  for (const std::string& key : sweep.design->keys) hash = fnv1a(hash, key);
  for (const std::vector<std::string>& point : sweep.design->points) {
    for (const std::string& value : point) hash = fnv1a(hash, value);
  }
  char digest[24];
  std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(digest) + " " + std::to_string(sweep.design->points.size()) + " points × " +
         std::to_string(sweep.replicates) + " replicates, seed " + std::to_string(sweep.seed) +
         ", adoptsim " + kVersion;
}

std::filesystem::path sweep_checkpoint_path(const std::filesystem::path& directory) {
  std::filesystem::path path = directory;
  if (!path.has_filename()) path = path.parent_path();  // "out/" names "out"
  path += ".sweep-checkpoint";
  return path;
}

void start_checkpoint(const std::filesystem::path& path, const std::string& fingerprint) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << kCheckpointTitle << "\n"
        << "fingerprint," << fingerprint << "\n";
  });
}

void append_checkpoint(const std::filesystem::path& path, const experiment::UnitResults& results,
                       std::size_t first, std::size_t end) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  if (!out)
    throw std::runtime_error("cannot write the checkpoint " + path.string() + ": " + std::strerror(errno));
  for (std::size_t unit = first; unit < end; ++unit) {
    out << unit;
    for (const double value : results.values[unit]) out << "," << exact(value);
    out << "\n";
  }
  out.flush();
  if (!out) throw std::runtime_error("writing the checkpoint " + path.string() + " failed (disk full?)");
}

std::vector<metrics::KpiValues> read_checkpoint(const std::filesystem::path& path,
                                                const std::string& fingerprint, std::size_t total_units) {
  std::string text;
  try {
    text = common::read_input_file(path, common::kMaxDataFileBytes);
  } catch (const common::InputFileError& error) {
    throw std::runtime_error(path.string() + ": " + error.what());
  }
  std::vector<metrics::KpiValues> units;
  std::size_t start = 0;
  std::size_t line_number = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a line cut short when the sweep stopped
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_number;
    const std::string where = path.string() + ":" + std::to_string(line_number) + ": ";
    if (line_number == 1) {
      if (line != kCheckpointTitle) throw std::runtime_error(where + "not an adoptsim sweep checkpoint");
      continue;
    }
    if (line_number == 2) {
      const std::string_view found = line.substr(std::min<std::size_t>(line.size(), 12));
      if (!line.starts_with("fingerprint,") || found != fingerprint) {
        throw std::runtime_error(where + "the checkpoint is of another sweep (" + std::string(found) +
                                 "), not of this one (" + fingerprint +
                                 "): run the command that started it, or start over with --force");
      }
      continue;
    }
    metrics::KpiValues values{};
    std::size_t field = 0;
    std::size_t position = 0;
    bool ok = true;
    while (ok && position <= line.size()) {
      const std::size_t comma = std::min(line.find(',', position), line.size());
      const std::string_view cell = line.substr(position, comma - position);
      if (field == 0) {
        std::size_t unit = 0;
        const auto [ptr, error] = std::from_chars(cell.data(), cell.data() + cell.size(), unit);
        ok = error == std::errc() && ptr == cell.data() + cell.size() && unit == units.size();
      } else if (field <= values.size()) {
        double value = 0.0;
        const auto [ptr, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
        ok = error == std::errc() && ptr == cell.data() + cell.size();
        values[field - 1] = value;
      } else {
        ok = false;
      }
      ++field;
      position = comma + 1;
    }
    if (!ok || field != values.size() + 1)
      throw std::runtime_error(where + "expected unit " + std::to_string(units.size()) + " and " +
                               std::to_string(values.size()) +
                               " KPI values; the checkpoint is damaged: "
                               "start over with --force");
    units.push_back(values);
    if (units.size() > total_units)
      throw std::runtime_error(where + "more units than the sweep has; start over with --force");
  }
  if (line_number < 2) throw std::runtime_error(path.string() + ": not an adoptsim sweep checkpoint");
  return units;
}

}  // namespace adoptsim::io
