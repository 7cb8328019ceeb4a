#include "adoptsim/io/results.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "adoptsim/io/rollout_people.hpp"
#include "adoptsim/strategy/budget_report.hpp"
#include "adoptsim/version.hpp"
#include "result_helpers.hpp"

namespace adoptsim::io {
namespace {

using detail::applies_to_reference;
using detail::budget_order;
using detail::headline_words;
using detail::is_reference;
using metrics::kKpiCount;
using metrics::Kpi;

void throw_if_stopped(const WriteOptions& options) {
  if (options.stop != nullptr && options.stop->load()) throw Interrupted();
}

nlohmann::json json_number(double value) {
  if (std::isnan(value)) return nullptr;
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

nlohmann::json distribution_json(const metrics::Distribution& distribution) {
  nlohmann::json entry;
  entry["mean"] = json_number(distribution.mean);
  entry["sd"] = json_number(distribution.sd);
  for (std::size_t level = 0; level < metrics::kQuantileNames.size(); ++level) {
    entry[std::string(metrics::kQuantileNames[level])] = json_number(distribution.quantiles[level]);
  }
  entry["n"] = distribution.n;
  return entry;
}

// summary.json's "budget": planned and spent money per category, why money
// stayed unspent, and who the plan appointed; null for reference models.
nlohmann::ordered_json budget_json(const metrics::BudgetSummary& budget) {
  if (!budget.applies) return nullptr;
  nlohmann::ordered_json entry;
  entry["total_usd"] = budget.total_usd;
  entry["planned_change_management_share"] = budget.planned_change_management_share;
  nlohmann::ordered_json categories;
  for (int lever = 0; lever < model::kBudgetLeverCount; ++lever) {
    const metrics::BudgetCategory& category = budget.categories[static_cast<std::size_t>(lever)];
    nlohmann::ordered_json item;
    item["planned_usd"] = category.planned_usd;
    item["spent_usd"] = distribution_json(category.spent_usd);
    item["unspent_usd"] = category.unspent_usd();
    item["unspent_reasons"] = category.unspent_reasons;
    categories[std::string(model::to_string(static_cast<model::BudgetLever>(lever)))] = item;
  }
  entry["categories"] = categories;
  entry["spent_total_usd"] = distribution_json(budget.spent_total_usd);
  entry["unspent_usd"] = distribution_json(budget.unspent_usd);
  entry["affordable_seats"] = budget.affordable_seats;
  entry["seats"] = distribution_json(budget.seats);
  entry["champions"] = distribution_json(budget.champions);
  entry["pilot_members"] = distribution_json(budget.pilot_members);
  return entry;
}

nlohmann::json comparison_json(const metrics::PairedComparison& comparison) {
  return {{"mean_difference", json_number(comparison.difference.mean)},
          {"interval_low", json_number(comparison.interval.low)},
          {"interval_high", json_number(comparison.interval.high)},
          {"difference_q05", json_number(comparison.difference.quantiles[0])},
          {"difference_q95", json_number(comparison.difference.quantiles[4])},
          {"p_beats_baseline", json_number(comparison.probability_b_beats_a)},
          {"p_tie", json_number(comparison.tie_share)},
          {"pairs", comparison.difference.n}};
}

void write_summary_json(std::ostream& out, const std::vector<runner::ScenarioResult>& results,
                        const std::vector<Comparison>& comparisons) {
  nlohmann::ordered_json summary;
  summary["adoptsim_version"] = kVersion;
  summary["git_revision"] = kGitRevision;
  summary["seed"] = results.empty() ? 0 : results.front().seed;
  nlohmann::ordered_json scenarios = nlohmann::ordered_json::array();
  for (const runner::ScenarioResult& result : results) {
    nlohmann::ordered_json entry;
    entry["name"] = scenario_name(result);
    entry["display_name"] =
        result.scenario->display_name.empty() ? scenario_name(result) : result.scenario->display_name;
    entry["file"] = result.scenario->source_path.string();
    entry["seed"] = result.seed;
    entry["overrides"] = result.scenario->overrides;
    // The scenario as it actually ran: --seed and -r override the file.
    scenario::Scenario as_run = *result.scenario;
    as_run.seed = result.seed;
    as_run.replicates = result.replicates;
    entry["resolved_toml"] = scenario::resolved_toml(as_run);
    entry["replicates"] = result.replicates;
    entry["people"] = result.graph->person_count();
    entry["departments"] = result.graph->department_names();
    std::vector<std::size_t> department_sizes(result.graph->department_count(), 0);
    for (std::size_t person = 0; person < result.graph->person_count(); ++person) {
      ++department_sizes[result.graph->department(static_cast<org::PersonId>(person))];
    }
    entry["department_sizes"] = department_sizes;
    entry["horizon_days"] = result.scenario->horizon_days;
    entry["headline_metric"] = result.headline_metric;
    entry["hard_review_day"] = result.kpi_settings.hard_review_day;
    if (result.precision_target > 0.0) {
      entry["precision"] = {{"target_half_width", result.precision_target},
                            {"kpi", metrics::kpi_name(result.summary.headline, result.kpi_settings)},
                            {"half_width", json_number(result.summary.headline_interval.half_width)},
                            {"reached", result.precision_reached}};
    } else {
      entry["precision"] = nullptr;
    }
    nlohmann::ordered_json milestones = nlohmann::ordered_json::array();
    for (const runner::Milestone& milestone : result.milestones) {
      milestones.push_back({{"day", json_number(milestone.median_day)},
                            {"label", milestone.name},
                            {"kind", milestone.kind},
                            {"day_q05", json_number(milestone.q05_day)},
                            {"day_q95", json_number(milestone.q95_day)},
                            {"share_of_replicates", milestone.share_of_replicates}});
    }
    entry["milestones"] = milestones;
    nlohmann::ordered_json kpis;
    for (int kpi = 0; kpi < kKpiCount; ++kpi) {
      const metrics::KpiDefinition& definition = metrics::kpi_definitions()[static_cast<std::size_t>(kpi)];
      nlohmann::ordered_json kpi_entry =
          distribution_json(result.summary.kpis[static_cast<std::size_t>(kpi)]);
      kpi_entry["unit"] = definition.unit;
      kpi_entry["description"] = definition.description;
      kpi_entry["definition"] =
          metrics::kpi_brief(static_cast<Kpi>(kpi), result.kpi_settings, headline_words(result));
      if (definition.censored_at_horizon) {
        kpi_entry["censored"] = result.summary.kpis[static_cast<std::size_t>(kpi)].censored;
      }
      kpis[metrics::kpi_name(static_cast<Kpi>(kpi), result.kpi_settings)] = kpi_entry;
    }
    entry["kpis"] = kpis;
    entry["budget"] = budget_json(result.budget);
    scenarios.push_back(entry);
  }
  summary["scenarios"] = scenarios;
  nlohmann::ordered_json comparison_list = nlohmann::ordered_json::array();
  for (const Comparison& comparison : comparisons) {
    nlohmann::ordered_json entry;
    entry["baseline"] = scenario_name(results[comparison.baseline]);
    entry["scenario"] = scenario_name(results[comparison.candidate]);
    nlohmann::ordered_json kpis;
    for (const metrics::PairedComparison& kpi : comparison.kpis) {
      kpis[metrics::kpi_name(kpi.kpi, results[comparison.baseline].kpi_settings)] = comparison_json(kpi);
    }
    entry["kpis"] = kpis;
    comparison_list.push_back(entry);
  }
  summary["comparisons"] = comparison_list;
  out << summary.dump(2) << "\n";
}

// Every (series index, name, is share) row of the schema for a layout: each
// group metric as a count and as a share of the group, then the totals.
struct SeriesColumn {
  std::size_t series;
  std::size_t group;
  std::string metric;
  bool share;
};

std::vector<SeriesColumn> series_columns(const metrics::SeriesLayout& layout, bool reference) {
  std::vector<SeriesColumn> columns;
  for (std::size_t group = 0; group < layout.group_count(); ++group) {
    for (int metric = 0; metric < metrics::kGroupMetricCount; ++metric) {
      const auto group_metric = static_cast<metrics::GroupMetric>(metric);
      if (reference && !applies_to_reference(group_metric)) continue;
      const std::string name(metrics::info(group_metric).name);
      const std::size_t series = layout.series_index(group_metric, group);
      columns.push_back({series, group, name, false});
      columns.push_back({series, group, name + "_share", true});
    }
  }
  for (int metric = 0; metric < metrics::kTotalMetricCount && !reference; ++metric) {
    const auto total_metric = static_cast<metrics::TotalMetric>(metric);
    columns.push_back({layout.series_index(total_metric), metrics::SeriesLayout::kAllGroup,
                       std::string(metrics::info(total_metric).name), false});
  }
  return columns;
}

// Whether series.csv holds `column` under `scope` (see SeriesScope).
bool in_scope(const SeriesColumn& column, const std::string& group_name, const std::string& headline_share,
              SeriesScope scope) {
  if (column.group == metrics::SeriesLayout::kAllGroup) return scope != SeriesScope::None;
  switch (scope) {
    case SeriesScope::None:
    case SeriesScope::Overall:
      return false;
    case SeriesScope::Headline:
      return column.share && column.metric == headline_share && group_name.rfind("department:", 0) == 0;
    case SeriesScope::Groups:
      return column.share;
    case SeriesScope::All:
      return true;
  }
  return false;
}

void write_series_csv(std::ostream& out, const std::vector<runner::ScenarioResult>& results,
                      const WriteOptions& options) {
  out << "scenario,statistic,replicate,group,metric,day,value\n";
  for (const runner::ScenarioResult& result : results) {
    const metrics::SeriesSummary& summary = result.summary.series;
    if (!summary.layout()) continue;
    const metrics::SeriesLayout& layout = *summary.layout();
    const std::string name = csv_text(scenario_name(result));
    const std::string headline_share = result.headline_metric + "_share";
    const auto stat_names = metrics::series_stat_names();
    for (const SeriesColumn& column : series_columns(layout, is_reference(result))) {
      if (!in_scope(column, layout.group_names()[column.group], headline_share, options.series)) continue;
      throw_if_stopped(options);
      const std::string group = csv_text(layout.group_names()[column.group]);
      const double size = column.share ? static_cast<double>(layout.group_sizes()[column.group]) : 1.0;
      for (int stat = 0; stat < metrics::kSeriesStatCount; ++stat) {
        const std::string prefix = name + "," + std::string(stat_names[static_cast<std::size_t>(stat)]) +
                                   ",," + group + "," + column.metric + ",";
        for (std::size_t day = 0; day < layout.day_count(); ++day) {
          const double value = summary.value(column.series, day, static_cast<metrics::SeriesStat>(stat));
          out << prefix << day << "," << format_number(size > 0 ? value / size : NAN) << "\n";
        }
      }
      if (!options.per_replicate) continue;
      for (std::size_t replicate = 0; replicate < result.replicate_series.size(); ++replicate) {
        const metrics::ReplicateSeries& replicate_series = result.replicate_series[replicate];
        const std::span<const float> values = replicate_series.series(column.series);
        // A plan group's share is of its size in this replicate (see SeriesLayout).
        const double replicate_size =
            column.share ? static_cast<double>(replicate_series.group_size(column.group)) : 1.0;
        const std::string prefix =
            name + ",replicate," + std::to_string(replicate) + "," + group + "," + column.metric + ",";
        for (std::size_t day = 0; day < values.size(); ++day) {
          out << prefix << day << ","
              << format_number(replicate_size > 0 ? values[day] / replicate_size : NAN) << "\n";
        }
      }
    }
  }
}

void write_kpis_csv(std::ostream& out, const std::vector<runner::ScenarioResult>& results) {
  // One header for every scenario: the runs share kpi.days and kpi.from_phase.
  out << "scenario,replicate";
  for (int kpi = 0; kpi < kKpiCount && !results.empty(); ++kpi)
    out << "," << metrics::kpi_name(static_cast<Kpi>(kpi), results.front().kpi_settings);
  out << "\n";
  for (const runner::ScenarioResult& result : results) {
    const std::string name = csv_text(scenario_name(result));
    for (std::size_t replicate = 0; replicate < result.kpis.size(); ++replicate) {
      out << name << "," << replicate;
      for (std::size_t kpi = 0; kpi < result.kpis[replicate].size(); ++kpi) {
        out << "," << detail::kpi_value_text(metrics::kpi_definitions()[kpi], result.kpis[replicate][kpi]);
      }
      out << "\n";
    }
  }
}

// budget.csv: per scenario and category, the money planned and spent, what
// stayed unspent and why; workplace scenarios only (reference models spend nothing).
void write_budget_csv(std::ostream& out, const std::vector<runner::ScenarioResult>& results) {
  out << "scenario,category,planned_usd,spent_mean_usd,spent_q05_usd,spent_q50_usd,spent_q95_usd,unspent_usd,"
         "unspent_reasons\n";
  for (const runner::ScenarioResult& result : results) {
    const metrics::BudgetSummary& budget = result.budget;
    if (!budget.applies) continue;
    const std::string name = csv_text(scenario_name(result));
    const auto row = [&](std::string_view category, double planned, const metrics::Distribution& spent,
                         double unspent, const std::vector<std::string>& reasons) {
      std::string joined;
      for (const std::string& reason : reasons) joined += (joined.empty() ? "" : "; ") + reason;
      out << name << "," << category << "," << format_number(planned) << "," << format_number(spent.mean)
          << "," << format_number(spent.quantiles[0]) << "," << format_number(spent.quantiles[2]) << ","
          << format_number(spent.quantiles[4]) << "," << format_number(unspent) << "," << csv_text(joined)
          << "\n";
    };
    for (const model::BudgetLever lever : budget_order()) {
      const metrics::BudgetCategory& category = budget.category(lever);
      row(model::to_string(lever), category.planned_usd, category.spent_usd, category.unspent_usd(),
          category.unspent_reasons);
    }
    row("total", budget.total_usd, budget.spent_total_usd, budget.unspent_usd.mean, {});
  }
}

void write_kpi_summary_csv(std::ostream& out, const std::vector<runner::ScenarioResult>& results) {
  out << "scenario,kpi,unit,statistic,value\n";
  for (const runner::ScenarioResult& result : results) {
    const std::string name = csv_text(scenario_name(result));
    for (int kpi = 0; kpi < kKpiCount; ++kpi) {
      const metrics::KpiDefinition& definition = metrics::kpi_definitions()[static_cast<std::size_t>(kpi)];
      const metrics::Distribution& distribution = result.summary.kpis[static_cast<std::size_t>(kpi)];
      const std::string prefix = name + "," + metrics::kpi_name(static_cast<Kpi>(kpi), result.kpi_settings) +
                                 "," + std::string(definition.unit) + ",";
      out << prefix << "mean," << format_number(distribution.mean) << "\n";
      out << prefix << "sd," << format_number(distribution.sd) << "\n";
      for (std::size_t level = 0; level < metrics::kQuantileNames.size(); ++level) {
        out << prefix << metrics::kQuantileNames[level] << "," << format_number(distribution.quantiles[level])
            << "\n";
      }
      out << prefix << "n," << distribution.n << "\n";
    }
  }
}

// One row per scenario, one column per KPI and statistic, for spreadsheets.
void write_kpi_table_csv(std::ostream& out, const std::vector<runner::ScenarioResult>& results) {
  static constexpr const char* kStatistics[] = {"median", "q05", "q95", "mean"};
  out << "scenario,replicates";
  for (const metrics::KpiDefinition& definition : metrics::kpi_definitions()) {
    for (const char* statistic : kStatistics) out << "," << definition.name << "_" << statistic;
  }
  out << "\n";
  for (const runner::ScenarioResult& result : results) {
    out << csv_text(scenario_name(result)) << "," << result.replicates;
    for (const metrics::Distribution& distribution : result.summary.kpis) {
      out << "," << format_number(distribution.quantiles[2]) << ","
          << format_number(distribution.quantiles[0]) << "," << format_number(distribution.quantiles[4])
          << "," << format_number(distribution.mean);
    }
    out << "\n";
  }
}

void write_cohorts_csv(std::ostream& out, const std::vector<runner::ScenarioResult>& results,
                       const WriteOptions& options) {
  out << "scenario,statistic,replicate,cohort_week,metric,value\n";
  static constexpr const char* kReturnNames[] = {"return_day3_share", "return_day7_share",
                                                 "return_day30_share"};
  for (const runner::ScenarioResult& result : results) {
    const std::string name = csv_text(scenario_name(result));
    const std::vector<metrics::CohortSummary>& cohorts = result.summary.cohorts;
    for (std::size_t cohort = 0; cohort < cohorts.size(); ++cohort) {
      const std::string week = std::to_string(cohort);
      out << name << ",mean,," << week << ",first_users," << format_number(cohorts[cohort].mean_first_users)
          << "\n";
      for (std::size_t index = 0; index < metrics::kReturnDays.size(); ++index) {
        const metrics::Distribution& rate = cohorts[cohort].return_rate[index];
        out << name << ",mean,," << week << "," << kReturnNames[index] << "," << format_number(rate.mean)
            << "\n";
        for (std::size_t level = 0; level < metrics::kQuantileNames.size(); ++level) {
          out << name << "," << metrics::kQuantileNames[level] << ",," << week << "," << kReturnNames[index]
              << "," << format_number(rate.quantiles[level]) << "\n";
        }
      }
    }
    if (!options.per_replicate) continue;
    for (std::size_t replicate = 0; replicate < result.replicate_series.size(); ++replicate) {
      const metrics::ReplicateSeries& series = result.replicate_series[replicate];
      for (std::size_t cohort = 0; cohort < series.cohorts().size(); ++cohort) {
        const std::string prefix =
            name + ",replicate," + std::to_string(replicate) + "," + std::to_string(cohort) + ",";
        out << prefix << "first_users," << series.cohorts()[cohort].first_users << "\n";
        for (std::size_t index = 0; index < metrics::kReturnDays.size(); ++index) {
          out << prefix << kReturnNames[index] << "," << format_number(series.return_rate(cohort, index))
              << "\n";
        }
      }
    }
  }
}

void write_comparison_csv(std::ostream& out, const std::vector<runner::ScenarioResult>& results,
                          const std::vector<Comparison>& comparisons) {
  out << "baseline,scenario,kpi,mean_difference,interval_low,interval_high,difference_q05,difference_q95,"
         "p_beats_baseline,p_tie,pairs\n";
  for (const Comparison& comparison : comparisons) {
    const std::string prefix = csv_text(scenario_name(results[comparison.baseline])) + "," +
                               csv_text(scenario_name(results[comparison.candidate])) + ",";
    for (const metrics::PairedComparison& kpi : comparison.kpis) {
      out << prefix << metrics::kpi_name(kpi.kpi, results[comparison.baseline].kpi_settings) << ","
          << format_number(kpi.difference.mean) << "," << format_number(kpi.interval.low) << ","
          << format_number(kpi.interval.high) << "," << format_number(kpi.difference.quantiles[0]) << ","
          << format_number(kpi.difference.quantiles[4]) << "," << format_number(kpi.probability_b_beats_a)
          << "," << format_number(kpi.tie_share) << "," << kpi.difference.n << "\n";
    }
  }
}

}  // namespace

std::string csv_text(std::string_view text) {
  std::string cell;
  cell.reserve(text.size() + 3);
  if (!text.empty() && std::string_view("=+-@\t\r'").find(text.front()) != std::string_view::npos) {
    cell += '\'';
  }
  cell += text;
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::optional<SeriesScope> parse_series_scope(std::string_view text) {
  if (text == "none") return SeriesScope::None;
  if (text == "overall") return SeriesScope::Overall;
  if (text == "headline") return SeriesScope::Headline;
  if (text == "groups") return SeriesScope::Groups;
  if (text == "all") return SeriesScope::All;
  return std::nullopt;
}

namespace detail {

std::string kpi_value_text(const metrics::KpiDefinition& definition, double value) {
  if (definition.censored_at_horizon && std::isnan(value)) return "inf";
  return format_number(value);
}

}  // namespace detail

std::string format_number(double value) {
  if (std::isnan(value)) return "";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[32];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 10);
  if (error != std::errc()) return "";
  std::string text(buffer, end);
  return text == "-0" ? "0" : text;
}

std::string scenario_name(const runner::ScenarioResult& result) { return result.scenario->name; }

std::vector<Comparison> compare_with_first(const std::vector<runner::ScenarioResult>& results) {
  std::vector<Comparison> comparisons;
  for (std::size_t candidate = 1; candidate < results.size(); ++candidate) {
    Comparison comparison;
    comparison.baseline = 0;
    comparison.candidate = candidate;
    comparison.kpis = metrics::compare_paired(results[0].kpis, results[candidate].kpis);
    comparisons.push_back(comparison);
  }
  return comparisons;
}

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  fs::path temporary = path;
  temporary.replace_filename(path.filename().string().insert(0, 1, '.').append(".partial"));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
    write(out);
    out.flush();
    if (!out) {
      out.close();
      fs::remove(temporary);
      throw std::runtime_error("writing " + path.string() + " failed (disk full?)");
    }
  }
  fs::rename(temporary, path);
}

namespace {

// The destination as an absolute path without a trailing separator, its
// symbolic links resolved, so that the staging directory is its sibling on
// the same file system.
std::filesystem::path normalised_destination(const std::filesystem::path& destination) {
  namespace fs = std::filesystem;
  fs::path path = fs::weakly_canonical(fs::absolute(destination));
  if (path.filename().empty()) path = path.parent_path();
  return path;
}

// A fresh hidden directory beside `destination`: ".NAME.<tag>-XXXXXX".
std::filesystem::path make_sibling_directory(const std::filesystem::path& destination, const char* tag) {
  std::string pattern =
      (destination.parent_path() / ("." + destination.filename().string() + "." + tag + "-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a directory beside " + destination.string() + ": " +
                             std::strerror(errno));
  }
  return pattern;
}

}  // namespace

StagedDirectory::StagedDirectory(const std::filesystem::path& destination)
    : destination_(normalised_destination(destination)) {
  std::filesystem::create_directories(destination_.parent_path());
  staging_ = make_sibling_directory(destination_, "adoptsim-staging");
  // mkdtemp makes the directory private (0700); the results are as readable
  // as any directory this process makes (0777 less the umask).
  const mode_t mask = umask(0);
  umask(mask);
  std::filesystem::permissions(staging_, static_cast<std::filesystem::perms>(0777 & ~mask));
}

StagedDirectory::~StagedDirectory() {
  if (committed_) return;
  std::error_code ignored;
  std::filesystem::remove_all(staging_, ignored);
}

void StagedDirectory::commit() {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status existing = fs::symlink_status(destination_, error);
  if (!fs::exists(existing)) {
    fs::rename(staging_, destination_);
    committed_ = true;
    return;
  }
  if (!fs::is_directory(existing)) {
    throw std::runtime_error(destination_.string() + " exists and is not a directory");
  }
  // Exchange the two names in one step: readers see the old set or the new.
  if (renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) == 0) {
    committed_ = true;
    fs::remove_all(staging_, error);
    return;
  }
  // A file system without the exchange: move the old set aside, then the new in.
  const fs::path old = make_sibling_directory(destination_, "adoptsim-replaced");
  fs::remove(old);
  fs::rename(destination_, old);
  fs::rename(staging_, destination_);
  committed_ = true;
  fs::remove_all(old, error);
}

void write_result_files(const std::filesystem::path& directory,
                        const std::vector<runner::ScenarioResult>& results,
                        const std::vector<Comparison>& comparisons, const WriteOptions& options) {
  const auto write = [&](const char* name, const std::function<void(std::ostream&)>& contents) {
    throw_if_stopped(options);
    const std::filesystem::path path = directory / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
    contents(out);
    out.flush();
    if (!out) throw std::runtime_error("writing " + path.string() + " failed (disk full?)");
  };
  write("summary.json", [&](std::ostream& out) { write_summary_json(out, results, comparisons); });
  if (options.series != SeriesScope::None) {
    write("series.csv", [&](std::ostream& out) { write_series_csv(out, results, options); });
  }
  write("kpis.csv", [&](std::ostream& out) { write_kpis_csv(out, results); });
  write("kpi_summary.csv", [&](std::ostream& out) { write_kpi_summary_csv(out, results); });
  write("kpi_table.csv", [&](std::ostream& out) { write_kpi_table_csv(out, results); });
  write("budget.csv", [&](std::ostream& out) { write_budget_csv(out, results); });
  write("cohorts.csv", [&](std::ostream& out) { write_cohorts_csv(out, results, options); });
  if (!comparisons.empty()) {
    write("comparison.csv", [&](std::ostream& out) { write_comparison_csv(out, results, comparisons); });
  }
  if (options.rollout_person_labels != nullptr) {
    write(kRolloutPeopleFile,
          [&](std::ostream& out) { write_rollout_people_csv(out, results, *options.rollout_person_labels); });
  }
  throw_if_stopped(options);
}

void write_results(const std::filesystem::path& directory, const std::vector<runner::ScenarioResult>& results,
                   const std::vector<Comparison>& comparisons, const WriteOptions& options) {
  StagedDirectory staged(directory);
  write_result_files(staged.path(), results, comparisons, options);
  staged.commit();
}

}  // namespace adoptsim::io
