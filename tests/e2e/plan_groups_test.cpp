// End-to-end: the plan's pilot and champions are groups of series.csv, like
// departments and roles, when the plan has such people, and only then.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "e2e/binary.hpp"

using adoptsim::testing::quoted;
using adoptsim::testing::read_file;
using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;
namespace fs = std::filesystem;

namespace {

const std::string kSource = ADOPTSIM_SOURCE_DIR;
const std::string kWorkplace = kSource + "/scenarios/workplace/";

struct Row {
  std::string statistic;
  std::string replicate;
  std::string group;
  std::string metric;
  int day = 0;
  double value = 0.0;
};

// series.csv's rows (no field of these scenarios' rows is quoted).
std::vector<Row> series_rows(const fs::path& file) {
  std::vector<Row> rows;
  std::istringstream lines(read_file(file));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ',')) fields.push_back(cell);
    REQUIRE(fields.size() == 7);
    rows.push_back({fields[1], fields[2], fields[3], fields[4], std::stoi(fields[5]), std::stod(fields[6])});
  }
  return rows;
}

std::set<std::string> groups_of(const std::vector<Row>& rows) {
  std::set<std::string> groups;
  for (const Row& row : rows) groups.insert(row.group);
  return groups;
}

fs::path run_into(const TempDirectory& directory, const std::string& name, const std::string& arguments) {
  const fs::path output = directory.path() / name;
  const auto result = run_adoptsim("run " + arguments + " -o " + quoted(output));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  return output;
}

}  // namespace

TEST_CASE("pilot_then_scale writes its pilot and champions as groups of series.csv", "[e2e][io]") {
  TempDirectory directory;
  const fs::path groups =
      run_into(directory, "groups", kWorkplace + "pilot_then_scale.toml -r 4 --series groups");
  const std::vector<Row> rows = series_rows(groups / "series.csv");
  CHECK(groups_of(rows).count("pilot") == 1);
  CHECK(groups_of(rows).count("champions") == 1);
  std::map<std::string, int> weekly_days;
  for (const Row& row : rows) {
    if (row.group != "pilot" && row.group != "champions") continue;
    CHECK(row.metric.size() > 6);
    CHECK(row.metric.substr(row.metric.size() - 6) == "_share");  // --series groups: shares only
    if (row.metric != "weekly_active_share") continue;
    INFO(row.group << " " << row.statistic << " day " << row.day);
    CHECK(row.value >= 0.0);
    CHECK(row.value <= 1.0);
    if (row.day == 0) CHECK(row.value == 0.0);
    if (row.statistic == "q50") ++weekly_days[row.group];
  }
  CHECK(weekly_days["pilot"] == 181);  // days 0 .. 180, the horizon
  CHECK(weekly_days["champions"] == 181);

  // Counts: every replicate's pilot has the preset's pilot_size (12) people
  // in it every day, as rollout_people.csv lists them.
  const fs::path all = run_into(directory, "all",
                                kWorkplace +
                                    "pilot_then_scale.toml -r 3 --series all --per-replicate "
                                    "--write-cohorts");
  std::map<std::tuple<std::string, std::string, int>, double> people;  // (group, replicate, day)
  for (const Row& row : series_rows(all / "series.csv")) {
    if (row.statistic != "replicate" || row.metric.rfind("state_", 0) != 0) continue;
    if (row.metric.size() > 6 && row.metric.substr(row.metric.size() - 6) == "_share") continue;
    people[{row.group, row.replicate, row.day}] += row.value;
  }
  for (const std::string group : {"pilot", "champions"}) {
    for (const std::string replicate : {"0", "1", "2"}) {
      for (const int day : {0, 30, 90}) {
        INFO(group << " replicate " << replicate << " day " << day);
        CHECK(people[{group, replicate, day}] == 12.0);
      }
    }
  }
  std::map<std::string, int> listed;
  std::istringstream cohorts(read_file(all / "rollout_people.csv"));
  std::string line;
  std::getline(cohorts, line);
  while (std::getline(cohorts, line)) {
    if (line.find(",pilot,") != std::string::npos) ++listed[line.substr(0, line.find(",pilot,"))];
  }
  CHECK(listed == std::map<std::string, int>{
                      {"pilot_then_scale,0", 12}, {"pilot_then_scale,1", 12}, {"pilot_then_scale,2", 12}});
  const auto summary = nlohmann::json::parse(read_file(all / "summary.json"));
  CHECK(summary["scenarios"][0]["budget"]["pilot_members"]["mean"] == 12.0);
}

TEST_CASE("a plan without a pilot or champions has no such group, nor has a reference model", "[e2e][io]") {
  TempDirectory directory;
  const std::vector<Row> big_bang = series_rows(
      run_into(directory, "big_bang", kWorkplace + "big_bang.toml -r 2 --series all") / "series.csv");
  CHECK(groups_of(big_bang).count("all") == 1);
  CHECK(groups_of(big_bang).count("pilot") == 0);
  CHECK(groups_of(big_bang).count("champions") == 0);

  const fs::path network =
      run_into(directory, "network", kWorkplace + "champion_network.toml -r 2 --series all");
  const std::vector<Row> rows = series_rows(network / "series.csv");
  CHECK(groups_of(rows).count("pilot") == 0);
  REQUIRE(groups_of(rows).count("champions") == 1);
  const auto summary = nlohmann::json::parse(read_file(network / "summary.json"));
  double champions = 0.0;
  for (const Row& row : rows) {
    if (row.group == "champions" && row.statistic == "mean" && row.day == 0 &&
        row.metric.rfind("state_", 0) == 0 && row.metric.find("_share") == std::string::npos)
      champions += row.value;
  }
  CHECK(champions == summary["scenarios"][0]["budget"]["champions"]["mean"].get<double>());

  const std::vector<Row> bass =
      series_rows(run_into(directory, "bass", kSource + "/scenarios/reference/bass.toml -r 2 --series all") /
                  "series.csv");
  CHECK(groups_of(bass).count("pilot") == 0);
  CHECK(groups_of(bass).count("champions") == 0);
}

TEST_CASE("the default series.csv keeps its department-only figures free of the plan groups", "[e2e][io]") {
  TempDirectory directory;
  const std::vector<Row> rows =
      series_rows(run_into(directory, "default", kWorkplace + "pilot_then_scale.toml -r 2") / "series.csv");
  for (const std::string& group : groups_of(rows)) {
    INFO(group);
    CHECK((group == "all" || group.rfind("department:", 0) == 0));
  }
}
