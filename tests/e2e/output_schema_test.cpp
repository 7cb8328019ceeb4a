// docs/output-schema.md is checked against what the writers write: every
// column documented is written, and every column, metric, KPI and
// summary.json key written is documented.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <sstream>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/metrics/series.hpp"
#include "e2e/binary.hpp"

using adoptsim::testing::read_file;
using adoptsim::testing::run_adoptsim;
namespace fs = std::filesystem;

namespace {

const std::string kSource = ADOPTSIM_SOURCE_DIR;

// The section of the document under "## `name`", up to the next "## ".
std::string section(const std::string& document, const std::string& name) {
  const std::string heading = "## `" + name + "`";
  const std::size_t start = document.find(heading);
  if (start == std::string::npos) return "";
  const std::size_t end = document.find("\n## ", start + heading.size());
  return document.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The backticked names in the first column of the first table of `text`.
std::vector<std::string> first_column_names(const std::string& text) {
  std::vector<std::string> names;
  std::istringstream lines(text);
  std::string line;
  bool in_table = false;
  const std::regex cell("^\\| `([a-z0-9_]+)`");
  while (std::getline(lines, line)) {
    if (line.rfind("|", 0) == 0) {
      in_table = true;
      std::smatch match;
      if (std::regex_search(line, match, cell)) names.push_back(match[1]);
    } else if (in_table) {
      break;
    }
  }
  return names;
}

std::vector<std::string> csv_header(const std::string& contents) {
  std::vector<std::string> columns;
  std::istringstream header(contents.substr(0, contents.find('\n')));
  std::string column;
  while (std::getline(header, column, ',')) columns.push_back(column);
  return columns;
}

bool documented(const std::string& document, const std::string& name) {
  return document.find("`" + name + "`") != std::string::npos;
}

}  // namespace

TEST_CASE("docs/output-schema.md matches the files the writers produce", "[e2e][io][docs]") {
  const std::string document = read_file(kSource + "/docs/output-schema.md");
  REQUIRE(!document.empty());
  adoptsim::testing::TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const auto result = run_adoptsim(
      "compare " + kSource + "/scenarios/reference/bass.toml " + kSource +
      "/scenarios/reference/threshold.toml -r 6 --per-replicate --series all -o '" + output.string() + "'");
  INFO(result.err);
  REQUIRE(result.exit_status == 0);

  for (const char* file : {"series.csv", "kpi_summary.csv", "budget.csv", "comparison.csv", "cohorts.csv"}) {
    INFO(file);
    const std::vector<std::string> documented_columns = first_column_names(section(document, file));
    CHECK(csv_header(read_file(output / file)) == documented_columns);
  }
  {
    const fs::path rollout = directory.path() / "rollout";
    const auto written = run_adoptsim("run " + kSource +
                                      "/scenarios/workplace/pilot_then_scale.toml -r 2 "
                                      "--write-cohorts -o '" +
                                      rollout.string() + "'");
    INFO(written.err);
    REQUIRE(written.exit_status == 0);
    CHECK(csv_header(read_file(rollout / "rollout_people.csv")) ==
          first_column_names(section(document, "rollout_people.csv")));
  }
  {
    // kpis.csv: scenario, replicate, then one column per KPI, each documented in the KPI table.
    std::vector<std::string> expected = first_column_names(section(document, "kpis.csv"));
    for (const auto& definition : adoptsim::metrics::kpi_definitions())
      expected.emplace_back(definition.name);
    CHECK(csv_header(read_file(output / "kpis.csv")) == expected);
    const std::vector<std::string> kpi_table = first_column_names(document.substr(document.find("## KPIs")));
    std::vector<std::string> kpi_names;
    for (const auto& definition : adoptsim::metrics::kpi_definitions())
      kpi_names.emplace_back(definition.name);
    CHECK(kpi_table == kpi_names);

    // kpi_table.csv: scenario, replicates, then <kpi>_<statistic> for each KPI and the documented statistics.
    const std::string wide = section(document, "kpi_table.csv");
    std::vector<std::string> wide_expected = first_column_names(wide);
    for (const auto& definition : adoptsim::metrics::kpi_definitions()) {
      for (const char* statistic : {"median", "q05", "q95", "mean"}) {
        CHECK(documented(wide, std::string("<kpi>_") + statistic));
        wide_expected.push_back(std::string(definition.name) + "_" + statistic);
      }
    }
    CHECK(csv_header(read_file(output / "kpi_table.csv")) == wide_expected);
  }

  // Every metric name the writers know is documented (states and levers by their parts).
  for (const auto& info : adoptsim::metrics::group_metric_info()) {
    const std::string name(info.name);
    INFO(name);
    if (name.rfind("state_", 0) == 0) {
      CHECK(documented(document, name.substr(6)));
    } else {
      CHECK(documented(document, name));
    }
  }
  for (const auto& info : adoptsim::metrics::total_metric_info()) {
    const std::string name(info.name);
    INFO(name);
    if (name.rfind("spend_", 0) == 0 && name != "spend_total_usd") {
      CHECK(documented(document, name.substr(6, name.size() - 6 - 4)));
    } else {
      CHECK(documented(document, name));
    }
  }

  // Every metric that appears in series.csv is one of those, possibly with _share.
  std::set<std::string> written_metrics;
  {
    std::istringstream rows(read_file(output / "series.csv"));
    std::string row;
    std::getline(rows, row);
    while (std::getline(rows, row)) {
      std::vector<std::string> fields;
      std::istringstream cells(row);
      std::string cell;
      while (std::getline(cells, cell, ',')) fields.push_back(cell);
      REQUIRE(fields.size() == 7);
      written_metrics.insert(fields[4]);
    }
  }
  CHECK(written_metrics.count("adopted_share") == 1);
  for (const std::string& metric : written_metrics) {
    INFO(metric);
    const std::string base = metric.size() > 6 && metric.substr(metric.size() - 6) == "_share"
                                 ? metric.substr(0, metric.size() - 6)
                                 : metric;
    const bool state = base.rfind("state_", 0) == 0 && documented(document, base.substr(6));
    CHECK((documented(document, base) || state));
  }

  // Every key of summary.json is documented.
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  for (const auto& [key, value] : summary.items()) {
    INFO(key);
    CHECK(documented(document, key));
  }
  for (const auto& [key, value] : summary["scenarios"][0].items()) {
    INFO(key);
    CHECK(documented(document, key));
  }
}

TEST_CASE("docs/output-schema.md documents the budget of a workplace run", "[e2e][io][docs]") {
  const std::string document = read_file(kSource + "/docs/output-schema.md");
  adoptsim::testing::TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const auto result = run_adoptsim("run " + kSource + "/scenarios/workplace/pilot_then_scale.toml -r 4 -o '" +
                                   output.string() + "'");
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  const auto& budget = summary["scenarios"][0]["budget"];
  REQUIRE(budget.is_object());
  for (const auto& [key, value] : budget.items()) {
    INFO(key);
    CHECK(documented(document, key));
  }
  // Nested keys are documented as "key" in their object's row.
  const auto listed = [&](const std::string& key) {
    return document.find("\"" + key + "\"") != std::string::npos;
  };
  for (const auto& [category, fields] : budget["categories"].items()) {
    INFO(category);
    CHECK(documented(document, category));
    for (const auto& [key, value] : fields.items()) {
      INFO(key);
      CHECK(listed(key));
    }
  }
  for (const auto& [key, value] : summary["scenarios"][0]["kpis"]["days_to_50pct"].items()) {
    INFO(key);
    CHECK(listed(key));
  }
  const std::string budget_csv = read_file(output / "budget.csv");
  CHECK(csv_header(budget_csv) == first_column_names(section(document, "budget.csv")));
  CHECK(budget_csv.find("\npilot_then_scale,leadership,3000,0,0,0,0,3000,") != std::string::npos);
}

TEST_CASE("docs/output-schema.md documents a sweep's files", "[e2e][io][docs][sweep]") {
  const std::string document = read_file(kSource + "/docs/output-schema.md");
  const std::size_t sweep_start = document.find("## Sweep results");
  REQUIRE(sweep_start != std::string::npos);
  const std::string sweep = document.substr(sweep_start);
  const auto sweep_section = [&](const std::string& file) {
    const std::string heading = "### `" + file + "` (sweep)";
    const std::size_t start = sweep.find(heading);
    REQUIRE(start != std::string::npos);
    return sweep.substr(start, sweep.find("\n### ", start + heading.size()) - start);
  };
  adoptsim::testing::TempDirectory directory;
  const fs::path output = directory.path() / "sweep";
  const auto result = run_adoptsim("sweep " + kSource +
                                   "/scenarios/reference/bass.toml --design lhs --points 3 --vary "
                                   "model.bass.imitation_q=0.1..0.3 -r 2 -o '" +
                                   output.string() + "'");
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  // points.csv: point, then the varied keys.
  std::vector<std::string> points = first_column_names(sweep_section("points.csv"));
  points.emplace_back("model.bass.imitation_q");
  CHECK(csv_header(read_file(output / "points.csv")) == points);
  std::vector<std::string> kpis = first_column_names(sweep_section("kpis.csv"));
  for (const auto& definition : adoptsim::metrics::kpi_definitions()) kpis.emplace_back(definition.name);
  CHECK(csv_header(read_file(output / "kpis.csv")) == kpis);
  const std::string summary_doc = sweep_section("kpi_summary.csv");
  CHECK(csv_header(read_file(output / "kpi_summary.csv")) == first_column_names(summary_doc));
  std::istringstream rows(read_file(output / "kpi_summary.csv"));
  std::string row;
  std::getline(rows, row);
  std::set<std::string> statistics;
  while (std::getline(rows, row)) {
    const std::size_t last = row.rfind(',');
    const std::size_t before = row.rfind(',', last - 1);
    statistics.insert(row.substr(before + 1, last - before - 1));
  }
  for (const std::string& statistic : statistics) {
    INFO(statistic);
    CHECK(documented(summary_doc, statistic));
  }
  const std::string json_doc = sweep_section("summary.json");
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  for (const auto& [key, value] : summary.items()) {
    INFO(key);
    CHECK(documented(json_doc, key));
    if (!value.is_object()) continue;
    for (const auto& [inner, ignored] : value.items()) {
      INFO(inner);
      CHECK(documented(json_doc, inner));
    }
  }
}

TEST_CASE("docs/output-schema.md documents a sensitivity analysis's files", "[e2e][io][docs][sensitivity]") {
  const std::string document = read_file(kSource + "/docs/output-schema.md");
  const std::size_t start = document.find("## Sensitivity results");
  REQUIRE(start != std::string::npos);
  const std::string part = document.substr(start);
  const auto part_section = [&](const std::string& file) {
    const std::string heading = "### `" + file + "` (sensitivity)";
    const std::size_t at = part.find(heading);
    REQUIRE(at != std::string::npos);
    return part.substr(at, part.find("\n### ", at + heading.size()) - at);
  };
  adoptsim::testing::TempDirectory directory;
  const fs::path output = directory.path() / "sobol";
  const auto result =
      run_adoptsim("sensitivity " + kSource +
                   "/scenarios/reference/bass.toml --vary model.bass.imitation_q=0.1..0.3 -N 4 -r 2 "
                   "--bootstrap 10 -o '" +
                   output.string() + "'");
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  for (const char* file : {"convergence.csv", "point_kpis.csv"}) {
    INFO(file);
    CHECK(csv_header(read_file(output / file)) == first_column_names(part_section(file)));
  }
  // indices.csv: low and high share a row of the table.
  CHECK(csv_header(read_file(output / "indices.csv")) ==
        std::vector<std::string>{"key", "statistic", "value", "low", "high"});
  const std::string indices_doc = part_section("indices.csv");
  for (const char* name :
       {"key", "statistic", "value", "low", "high", "first_order", "total", "mu", "mu_star", "sigma"})
    CHECK(documented(indices_doc, name));
  const std::string json_doc = part_section("summary.json");
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  for (const auto& [key, value] : summary.items()) {
    INFO(key);
    CHECK(documented(json_doc, key));
  }
}
