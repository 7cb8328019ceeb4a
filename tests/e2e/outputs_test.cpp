// End-to-end: the result set of `run -o` / `compare -o` as a whole: checked
// before the run, replaced as a whole with --force, sized by --series, the
// wide kpi_table.csv, CSV cells safe for spreadsheets, and SIGINT / SIGTERM
// at any moment leaving the complete set or nothing.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "adoptsim/metrics/kpi.hpp"
#include "e2e/binary.hpp"

extern char** environ;

using adoptsim::testing::quoted;
using adoptsim::testing::read_file;
using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;
using adoptsim::testing::write_text;
namespace fs = std::filesystem;

namespace {

const std::string kSource = ADOPTSIM_SOURCE_DIR;
const std::string kBass = kSource + "/scenarios/reference/bass.toml";
const std::string kCascade = kSource + "/scenarios/reference/cascade.toml";
const std::string kPilot = kSource + "/scenarios/workplace/pilot_then_scale.toml";
const std::string kBigBang = kSource + "/scenarios/workplace/big_bang.toml";

// Every path below `directory`, relative to it ("figures/overlay.png").
std::set<std::string> tree(const fs::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    names.insert(fs::relative(entry.path(), directory).string());
  }
  return names;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted_field = false;
  for (std::size_t index = 0; index < line.size(); ++index) {
    const char c = line[index];
    if (quoted_field) {
      if (c == '"' && index + 1 < line.size() && line[index + 1] == '"') {
        field += '"';
        ++index;
      } else if (c == '"') {
        quoted_field = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted_field = true;
    } else if (c == ',') {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

// (group, metric) pairs of series.csv.
std::set<std::pair<std::string, std::string>> series_keys(const fs::path& file) {
  std::set<std::pair<std::string, std::string>> keys;
  std::istringstream rows(read_file(file));
  std::string row;
  std::getline(rows, row);
  while (std::getline(rows, row)) {
    const std::vector<std::string> fields = split_csv_line(row);
    keys.emplace(fields.at(3), fields.at(4));
  }
  return keys;
}

}  // namespace

TEST_CASE("a forced run replaces the whole result set: no file of an earlier run survives", "[e2e][io]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const auto first = run_adoptsim("compare " + kBass + " " + kCascade + " -r 4 -o " + quoted(output));
  INFO(first.err);
  REQUIRE(first.exit_status == 0);
  REQUIRE(fs::exists(output / "comparison.csv"));
  fs::create_directories(output / "figures");
  write_text(output / "figures" / "overlay.png", "an old figure");

  const auto refused = run_adoptsim("run " + kBass + " -r 4 -o " + quoted(output));
  CHECK(refused.exit_status == 2);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK(fs::exists(output / "comparison.csv"));

  const auto forced = run_adoptsim("run " + kBass + " -r 4 --force -o " + quoted(output));
  INFO(forced.err);
  REQUIRE(forced.exit_status == 0);
  CHECK_FALSE(fs::exists(output / "comparison.csv"));
  CHECK_FALSE(fs::exists(output / "figures"));
  CHECK(tree(output) == std::set<std::string>{"summary.json", "series.csv", "kpis.csv", "kpi_summary.csv",
                                              "kpi_table.csv", "budget.csv", "cohorts.csv"});
  // Nothing is left beside the directory either.
  CHECK(tree(directory.path()).size() == tree(output).size() + 1);
  CHECK((fs::status(output).permissions() & fs::perms::others_read) != fs::perms::none);
}

TEST_CASE("the output directory is checked before any simulation", "[e2e][io][bad-input]") {
  TempDirectory directory;
  write_text(directory.path() / "plain_file", "x");

  SECTION("below a regular file") {
    const auto result =
        run_adoptsim("run " + kBass + " -r 2 -o " + quoted(directory.path() / "plain_file" / "out"));
    CHECK(result.exit_status == 2);
    CHECK(result.err.find("is a file, not a directory") != std::string::npos);
    CHECK(result.out.find("running") == std::string::npos);
  }
  SECTION("a regular file") {
    const auto result = run_adoptsim("run " + kBass + " -r 2 -o " + quoted(directory.path() / "plain_file"));
    CHECK(result.exit_status == 2);
    CHECK(result.err.find("not a directory") != std::string::npos);
  }
  SECTION("a directory holding files adoptsim did not write, with or without --force") {
    const fs::path output = directory.path() / "mine";
    fs::create_directories(output);
    write_text(output / "notes.txt", "keep me");
    for (const char* force : {"", " --force"}) {
      const auto result = run_adoptsim("run " + kBass + " -r 2" + force + " -o " + quoted(output));
      CHECK(result.exit_status == 2);
      CHECK(result.err.find("notes.txt") != std::string::npos);
      CHECK(read_file(output / "notes.txt") == "keep me");
      CHECK_FALSE(fs::exists(output / "summary.json"));
    }
  }
  SECTION("an empty directory is used") {
    const fs::path output = directory.path() / "empty";
    fs::create_directories(output);
    CHECK(run_adoptsim("run " + kBass + " -r 2 -o " + quoted(output)).exit_status == 0);
    CHECK(fs::exists(output / "summary.json"));
  }
  SECTION("a folder that cannot be written") {
    if (geteuid() == 0) {
      WARN("running as root, who may write anywhere: the unwritable-folder check is not exercised");
      return;
    }
    const fs::path locked = directory.path() / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    const auto result = run_adoptsim("run " + kBass + " -r 2 -o " + quoted(locked / "out"));
    fs::permissions(locked, fs::perms::owner_all);
    CHECK(result.exit_status == 2);
    CHECK(result.err.find("cannot create files in") != std::string::npos);
  }
}

TEST_CASE("the series flag sets what series.csv holds", "[e2e][io]") {
  TempDirectory directory;
  const auto run_with = [&](const std::string& scope) {
    const fs::path output = directory.path() / (scope.empty() ? "default" : scope);
    const auto result = run_adoptsim("run " + kPilot + " -r 3" + (scope.empty() ? "" : " --series " + scope) +
                                     " -o " + quoted(output));
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    return output;
  };
  const auto groups_of = [](const std::set<std::pair<std::string, std::string>>& keys) {
    std::set<std::string> groups;
    for (const auto& [group, metric] : keys) groups.insert(group);
    return groups;
  };
  const auto all = series_keys(run_with("all") / "series.csv");
  const auto groups = series_keys(run_with("groups") / "series.csv");
  const auto headline = series_keys(run_with("headline") / "series.csv");
  const auto overall = series_keys(run_with("overall") / "series.csv");
  CHECK(series_keys(run_with("") / "series.csv") == headline);  // the default
  CHECK_FALSE(fs::exists(run_with("none") / "series.csv"));
  CHECK(fs::exists(directory.path() / "none" / "kpi_summary.csv"));

  CHECK(groups_of(overall) == std::set<std::string>{"all"});
  CHECK(groups_of(all).count("role:manager") == 1);
  CHECK(groups_of(all).count("department:Engineering") == 1);
  CHECK(groups_of(groups) == groups_of(all));
  for (const auto& [group, metric] : all) {
    INFO(group << " " << metric);
    const bool share = metric.size() > 6 && metric.substr(metric.size() - 6) == "_share";
    CHECK(groups.count({group, metric}) == (group == "all" || share ? 1U : 0U));
    CHECK(overall.count({group, metric}) == (group == "all" ? 1U : 0U));
    const bool department_headline = group.rfind("department:", 0) == 0 && metric == "weekly_active_share";
    CHECK(headline.count({group, metric}) == (group == "all" || department_headline ? 1U : 0U));
  }
  const auto bad =
      run_adoptsim("run " + kPilot + " -r 3 --series some -o " + quoted(directory.path() / "bad"));
  CHECK(bad.exit_status == 2);
  CHECK(bad.err.find("--series some: expected none, overall, headline, groups or all") != std::string::npos);
  CHECK_FALSE(fs::exists(directory.path() / "bad"));
}

TEST_CASE("kpi_table.csv has one row per scenario and a column per KPI statistic", "[e2e][io]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const auto result = run_adoptsim("compare " + kBigBang + " " + kPilot + " -r 5 -o " + quoted(output));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  std::istringstream rows(read_file(output / "kpi_table.csv"));
  std::string header_line;
  std::string big_bang;
  std::string pilot;
  std::string extra;
  std::getline(rows, header_line);
  std::getline(rows, big_bang);
  std::getline(rows, pilot);
  CHECK_FALSE(std::getline(rows, extra));
  const std::vector<std::string> header = split_csv_line(header_line);
  REQUIRE(header.size() == 2 + 4 * adoptsim::metrics::kpi_definitions().size());
  CHECK(header[0] == "scenario");
  CHECK(header[1] == "replicates");
  CHECK(header[2] == std::string(adoptsim::metrics::kpi_definitions()[0].name) + "_median");
  CHECK(split_csv_line(big_bang).at(0) == "big_bang");
  CHECK(split_csv_line(pilot).at(0) == "pilot_then_scale");
  CHECK(split_csv_line(pilot).at(1) == "5");
  CHECK(split_csv_line(pilot).size() == header.size());
  // The same medians as kpi_summary.csv.
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  const std::string first_kpi(adoptsim::metrics::kpi_definitions()[0].name);
  CHECK(std::stod(split_csv_line(pilot).at(2)) ==
        Approx(summary["scenarios"][1]["kpis"][first_kpi]["q50"].get<double>()));
}

TEST_CASE("CSV text cells are RFC 4180 and cannot run as spreadsheet formulas", "[e2e][io]") {
  TempDirectory directory;
  const fs::path scenario = directory.path() / "formula.toml";
  write_text(scenario, "extends = '" + kPilot +
                           "'\n"
                           "name = '=HYPERLINK(\"x\")'\n"
                           "[organisation]\n"
                           "departments = [ { name = '-Ops, \"East\"', share = 0.5 },"
                           " { name = '@Sales', share = 0.5 } ]\n");
  const fs::path output = directory.path() / "out";
  const auto result = run_adoptsim("run " + quoted(scenario) + " -r 3 -o " + quoted(output));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  const std::string series = read_file(output / "series.csv");
  // The name is neutralised and quoted, its quotes doubled.
  CHECK(series.find("\n\"'=HYPERLINK(\"\"x\"\")\",q05,,all,") != std::string::npos);
  CHECK(series.find(",\"department:-Ops, \"\"East\"\"\",weekly_active_share,") != std::string::npos);
  const std::string kpi_table = read_file(output / "kpi_table.csv");
  CHECK(kpi_table.find("\n\"'=HYPERLINK(\"\"x\"\")\",3,") != std::string::npos);
  // Every row has the header's number of fields, and no cell starts a formula.
  for (const char* file :
       {"series.csv", "kpis.csv", "kpi_summary.csv", "kpi_table.csv", "budget.csv", "cohorts.csv"}) {
    INFO(file);
    std::istringstream rows(read_file(output / file));
    std::string row;
    std::getline(rows, row);
    const std::size_t columns = split_csv_line(row).size();
    while (std::getline(rows, row)) {
      const std::vector<std::string> fields = split_csv_line(row);
      REQUIRE(fields.size() == columns);
      for (const std::string& field : fields) {
        if (field.empty() || std::string("=+-@").find(field[0]) == std::string::npos) continue;
        // Only numbers may start with a minus sign.
        INFO(field);
        CHECK(field[0] == '-');
        std::size_t used = 0;
        CHECK_NOTHROW(std::stod(field, &used));
        CHECK(used == field.size());
      }
    }
  }
  // summary.json keeps the names as they are.
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  CHECK(summary["scenarios"][0]["name"] == "=HYPERLINK(\"x\")");
}

namespace {

struct Interrupted {
  int exit_status = -1;
  bool killed = false;  // ended by the signal itself (it came before adoptsim set its handlers)
  std::string err;
};

// Starts adoptsim in its own process group, sends `signal_number` after
// `delay` (to the whole group, as a terminal's Ctrl-C does, or to the
// process only, as `kill PID` does), and waits for it (at most two minutes).
Interrupted run_and_signal(const std::vector<std::string>& arguments, std::chrono::milliseconds delay,
                           int signal_number, bool to_group, const fs::path& err_file) {
  std::vector<std::string> argv_strings = {ADOPTSIM_BINARY};
  argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& argument : argv_strings) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t child = 0;
  const int spawned = posix_spawn(&child, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  REQUIRE(spawned == 0);
  std::this_thread::sleep_for(delay);
  kill(to_group ? -child : child, signal_number);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-child, SIGKILL);
      waitpid(child, &status, 0);
      FAIL("adoptsim did not end within two minutes of the signal");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Interrupted result;
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.killed = WIFSIGNALED(status);
  result.err = read_file(err_file);
  return result;
}

}  // namespace

TEST_CASE("SIGINT or SIGTERM at any moment leaves the complete result set or nothing", "[e2e][io][slow]") {
  TempDirectory directory;
  const std::vector<std::string> common = {"compare", kBigBang, kPilot, "-r", "60", "-j", "1", "--plot"};
  // The complete set, and how long it takes to make.
  const fs::path reference = directory.path() / "reference";
  std::vector<std::string> arguments = common;
  arguments.insert(arguments.end(), {"-o", reference.string()});
  const auto start = std::chrono::steady_clock::now();
  {
    std::string command;
    for (std::size_t index = 0; index < arguments.size(); ++index) command += "'" + arguments[index] + "' ";
    const auto result = run_adoptsim(command);
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
  }
  const auto full =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  const std::set<std::string> complete = tree(reference);
  REQUIRE(complete.count("figures/overlay.png") == 1);

  // Signals spread over the whole run: simulating, writing, drawing, committing.
  constexpr int kTrials = 16;
  int interrupted = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const auto delay = std::chrono::milliseconds(full.count() * trial / (kTrials - 2));
    const int signal_number = trial % 2 == 0 ? SIGINT : SIGTERM;
    const bool to_group = trial % 4 < 2;
    const fs::path parent = directory.path() / ("trial" + std::to_string(trial));
    fs::create_directories(parent);
    const fs::path output = parent / "out";
    std::vector<std::string> trial_arguments = common;
    trial_arguments.insert(trial_arguments.end(), {"-o", output.string()});
    INFO("trial " << trial << ": signal " << signal_number << (to_group ? " to the group" : " to the process")
                  << " after " << delay.count() << " ms of a " << full.count() << " ms run");
    const Interrupted result =
        run_and_signal(trial_arguments, delay, signal_number, to_group, directory.path() / "err");
    INFO(result.err);
    CHECK(result.err.find("Traceback") == std::string::npos);
    CHECK(result.err.find(".partial") == std::string::npos);
    if (result.exit_status == 0) {
      CHECK(tree(output) == complete);
    } else {
      ++interrupted;
      CHECK(result.exit_status == 128 + signal_number);
      if (!result.killed) CHECK(result.err.find("interrupted") != std::string::npos);
      CHECK_FALSE(fs::exists(output));
    }
    // Nothing half-made beside it: no staging directory, no stray file.
    CHECK(tree(parent) == (fs::exists(output) ? [&] {
            std::set<std::string> names = {"out"};
            for (const std::string& name : complete) names.insert("out/" + name);
            return names;
          }()
                                                 : std::set<std::string>{}));
  }
  CHECK(interrupted >= kTrials / 2);
}

TEST_CASE("an interrupted plot names the figures it did not draw and leaves the folder as it was",
          "[e2e][plot][slow]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  REQUIRE(
      run_adoptsim("compare " + kBigBang + " " + kPilot + " -r 5 --plot -o " + quoted(output)).exit_status ==
      0);
  const std::set<std::string> before = tree(output / "figures");
  fs::remove(output / "figures" / "overlay.png");
  const std::set<std::string> damaged = tree(output / "figures");
  for (const int delay_ms : {300, 1200, 2500}) {
    INFO("after " << delay_ms << " ms");
    const Interrupted result = run_and_signal({"plot", output.string()}, std::chrono::milliseconds(delay_ms),
                                              SIGINT, true, directory.path() / "err");
    INFO(result.err);
    CHECK(result.err.find("Traceback") == std::string::npos);
    if (result.exit_status == 0) {
      CHECK(tree(output / "figures") == before);
      break;
    }
    CHECK(result.exit_status == 130);
    CHECK(result.err.find("interrupted") != std::string::npos);
    CHECK(tree(output / "figures") == damaged);
    CHECK(tree(output).count("figures") == 1);
  }
}

TEST_CASE("plot takes --only, --title, --subtitle, and a scenario's display_name names it", "[e2e][plot]") {
  TempDirectory directory;
  const fs::path scenario = directory.path() / "pilot.toml";
  write_text(scenario, "extends = '" + kPilot + "'\ndisplay_name = 'Pilot, then everyone'\n");
  const fs::path output = directory.path() / "out";
  const auto result =
      run_adoptsim("compare " + kBigBang + " " + quoted(scenario) + " -r 4 -o " + quoted(output));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  CHECK(summary["scenarios"][1]["name"] == "pilot_then_scale");
  CHECK(summary["scenarios"][1]["display_name"] == "Pilot, then everyone");
  CHECK(summary["scenarios"][0]["display_name"] == "big_bang");

  const fs::path deck = directory.path() / "deck";
  const auto plot = run_adoptsim(
      "plot " + quoted(output) + " --format svg --only overlay,kpi_comparison " +
      "--title 'Pilot first wins' --subtitle 'Acme Corp, board of 3 December' -o " + quoted(deck));
  INFO(plot.err);
  REQUIRE(plot.exit_status == 0);
  CHECK(tree(deck) == std::set<std::string>{"overlay.svg", "kpi_comparison.svg"});
  // What the title and subtitle do to each figure is checked in plots/tests/test_deck.py.
  CHECK(plot.out.find("wrote " + (deck / "overlay.svg").string()) != std::string::npos);
  const auto unknown = run_adoptsim("plot " + quoted(output) + " --only pie_chart");
  CHECK(unknown.exit_status == 2);
  CHECK(unknown.err.find("pie_chart") != std::string::npos);
}
