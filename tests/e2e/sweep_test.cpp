// End-to-end: adoptsim sweep: its result files, common random numbers with
// run, any thread count, bad input (exit 2, nothing written), and an
// interrupted sweep resumed to the bytes of one never interrupted.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/binary.hpp"

using adoptsim::testing::quoted;
using adoptsim::testing::read_file;
using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;
using adoptsim::testing::write_text;
namespace fs = std::filesystem;

namespace {

const std::string kSource = ADOPTSIM_SOURCE_DIR;
const std::string kBass = kSource + "/scenarios/reference/bass.toml";
const std::string kPilot = kSource + "/scenarios/workplace/pilot_then_scale.toml";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A CSV line without its first `skip` cells.
std::string after_cells(const std::string& line, int skip) {
  std::size_t position = 0;
  for (int cell = 0; cell < skip; ++cell) position = line.find(',', position) + 1;
  return line.substr(position);
}

}  // namespace

TEST_CASE("sweep writes the design, every unit's KPIs and each point's summary", "[e2e][sweep]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "sweep";
  const auto result =
      run_adoptsim("sweep " + kPilot +
                   " --vary strategy.pilot_size=8:16:4 --vary budget.change_management_share=0.1,0.3"
                   " -r 4 --seed 7 -o " +
                   quoted(output));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  CHECK(result.out.find("over 6 points (grid of 2 keys) × 4 replicates, seed 7") != std::string::npos);
  CHECK(read_file(output / "points.csv") ==
        "point,strategy.pilot_size,budget.change_management_share\n0,8,0.1\n1,8,0.3\n2,12,0.1\n3,12,0.3\n4,"
        "16,0.1\n"
        "5,16,0.3\n");
  const std::vector<std::string> kpis = lines_of(read_file(output / "kpis.csv"));
  REQUIRE(kpis.size() == 1 + 6 * 4);
  CHECK(kpis[0].rfind("point,replicate,active_share_day30,", 0) == 0);
  CHECK(kpis[5].rfind("1,0,", 0) == 0);  // point-major
  const std::string summary = read_file(output / "kpi_summary.csv");
  CHECK(summary.find("3,active_share_day90,share,mcse,") != std::string::npos);
  const nlohmann::json json = nlohmann::json::parse(read_file(output / "summary.json"));
  CHECK(json["command"] == "sweep");
  CHECK(json["design"]["kind"] == "grid");
  CHECK(json["design"]["specs"] == std::vector<std::string>{"8:16:4", "0.1,0.3"});
  CHECK(json["units"] == 24);
  CHECK(json["seed"] == 7);
  CHECK(json["base_scenario"]["resolved_toml"].get<std::string>().find("preset = \"pilot_then_scale\"") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(fs::path(output.string() + ".sweep-checkpoint")));

  // Point 2 is the scenario with those two overrides: run gives its KPIs bit for bit.
  const fs::path single = directory.path() / "run";
  const auto run = run_adoptsim("run " + kPilot +
                                " --set strategy.pilot_size=12 --set budget.change_management_share=0.1 -r 4 "
                                "--seed 7 -o " +
                                quoted(single));
  REQUIRE(run.exit_status == 0);
  const std::vector<std::string> run_kpis = lines_of(read_file(single / "kpis.csv"));
  for (int replicate = 0; replicate < 4; ++replicate) {
    INFO("replicate " << replicate);
    CHECK(after_cells(kpis[1 + 2 * 4 + replicate], 2) == after_cells(run_kpis[1 + replicate], 2));
  }

  // Any thread count, the same bytes.
  const fs::path one_thread = directory.path() / "one";
  REQUIRE(
      run_adoptsim("sweep " + kPilot +
                   " --vary strategy.pilot_size=8:16:4 --vary budget.change_management_share=0.1,0.3 -r 4 "
                   "--seed 7 -j 1 -o " +
                   quoted(one_thread))
          .exit_status == 0);
  for (const char* file : {"points.csv", "kpis.csv", "kpi_summary.csv", "summary.json"}) {
    INFO(file);
    CHECK(read_file(one_thread / file) == read_file(output / file));
  }
}

TEST_CASE("sweep's sampled designs and points files", "[e2e][sweep]") {
  TempDirectory directory;
  const auto sobol = run_adoptsim("sweep " + kBass +
                                  " --design sobol --points 8 --vary model.bass.innovation_p=0.001..0.01:log "
                                  "--vary model.bass.imitation_q=0.05..0.5 -r 3 -o " +
                                  quoted(directory.path() / "sobol"));
  INFO(sobol.err);
  REQUIRE(sobol.exit_status == 0);
  CHECK(lines_of(read_file(directory.path() / "sobol" / "points.csv")).size() == 9);
  const fs::path points = directory.path() / "points.csv";
  write_text(points, "model.bass.imitation_q\n0.1\n0.4\n");
  const auto from_file = run_adoptsim("sweep " + kBass + " --points-file " + quoted(points) + " -r 3 -o " +
                                      quoted(directory.path() / "file"));
  INFO(from_file.err);
  REQUIRE(from_file.exit_status == 0);
  CHECK(read_file(directory.path() / "file" / "points.csv") ==
        "point,model.bass.imitation_q\n0,0.1\n1,0.4\n");
}

TEST_CASE("a scenario's [sweep] table is the design when no flag gives one", "[e2e][sweep]") {
  TempDirectory directory;
  const auto result =
      run_adoptsim("sweep " + kSource + "/scenarios/workplace/facts/budget_sweep.toml -r 3 -o " +
                   quoted(directory.path() / "f4"));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  CHECK(lines_of(read_file(directory.path() / "f4" / "points.csv")) ==
        std::vector<std::string>{"point,budget.change_management_share", "0,0.03", "1,0.05", "2,0.075",
                                 "3,0.1", "4,0.15", "5,0.2", "6,0.25", "7,0.3", "8,0.35", "9,0.4", "10,0.5"});
  // --vary replaces the table.
  const auto flags =
      run_adoptsim("sweep " + kSource + "/scenarios/workplace/facts/budget_sweep.toml -r 3 " +
                   "--vary budget.change_management_share=0.2 -o " + quoted(directory.path() / "one"));
  REQUIRE(flags.exit_status == 0);
  CHECK(read_file(directory.path() / "one" / "points.csv") ==
        "point,budget.change_management_share\n0,0.2\n");

  // A problem in the table names its line.
  const fs::path file = directory.path() / "bad.toml";
  write_text(file, "extends = \"" + kPilot + "\"\n[sweep]\ndesign = \"lhs\"\npoints = 4\n[sweep.vary]\n" +
                       "\"strategy.pilot_size\" = \"8,12\"\n");
  const auto bad = run_adoptsim("sweep " + quoted(file) + " -o " + quoted(directory.path() / "bad"));
  CHECK(bad.exit_status == 2);
  CHECK(bad.err.find(file.string() + ":5:1: [sweep.vary] \"strategy.pilot_size\" = \"8,12\": an lhs design "
                                     "samples ranges") != std::string::npos);
  CHECK_FALSE(fs::exists(directory.path() / "bad"));
  // validate checks the table's design as sweep builds it.
  const auto validated = run_adoptsim("validate " + quoted(file));
  CHECK(validated.exit_status == 2);
  CHECK(validated.err.find(":5:1: [sweep.vary] \"strategy.pilot_size\" = \"8,12\": an lhs design") !=
        std::string::npos);
  CHECK(run_adoptsim("validate " + kSource + "/scenarios/workplace/facts/budget_sweep.toml").exit_status ==
        0);
}

TEST_CASE("sweep refuses a design it cannot honour, before it runs, and writes nothing", "[e2e][sweep]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const auto refused = [&](const std::string& arguments, const std::string& message) {
    const auto result = run_adoptsim("sweep " + arguments + " -o " + quoted(output));
    INFO(arguments);
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK(result.err.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(output));
    CHECK_FALSE(fs::exists(fs::path(output.string() + ".sweep-checkpoint")));
  };
  refused(kPilot + " --vary strategy.pilot_sise=8,12", "did you mean strategy.pilot_size?");
  refused(kPilot + " --design lhs --points 4 --vary budget.change_management_share=0..2",
          "2 is outside budget.change_management_share's bounds [0, 1]");
  refused(kPilot, "the design varies nothing: add --vary KEY=SPEC");
  refused(kPilot + " --vary strategy.pilot_size=8:16:1 -r 100 --max-units 500",
          "the design has 9 points × 100 replicates = 900 units, more than --max-units 500");
  refused(kPilot + " --vary strategy.pilot_size=12,-3",
          "sweep point 1 (strategy.pilot_size = -3): --set strategy.pilot_size=-3:");
  refused(kPilot + " --vary strategy.pilot_size=12 --resume",
          "--resume: there is no interrupted sweep to continue");
  refused(kPilot + " --vary strategy.pilot_size=8..12", "a range is sampled, not listed");
  refused(kPilot + " --design sobol --vary strategy.pilot_size=8..12",
          "--points 0: a sobol design needs 1 to 10,000,000 points (--points N, or sweep.points)");
}

TEST_CASE("an interrupted sweep resumes to the bytes of one never interrupted", "[e2e][sweep][slow]") {
  TempDirectory directory;
  const std::string design = " --vary model.bass.imitation_q=0.1,0.2,0.3 -r 6000 -j 1 -o ";
  const fs::path whole = directory.path() / "whole";
  REQUIRE(run_adoptsim("sweep " + kBass + design + quoted(whole)).exit_status == 0);

  const fs::path output = directory.path() / "out";
  const fs::path checkpoint = output.string() + ".sweep-checkpoint";
  // SIGINT after half a second, long before 18,000 units finish.
  const std::string command = "timeout --preserve-status --signal=INT 0.5 '" + std::string(ADOPTSIM_BINARY) +
                              "' sweep " + kBass + design + quoted(output) + " > /dev/null 2> " +
                              quoted(directory.path() / "err");
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  INFO(read_file(directory.path() / "err"));
  CHECK(read_file(directory.path() / "err").find("--resume to continue") != std::string::npos);
  CHECK_FALSE(fs::exists(output));
  REQUIRE(fs::exists(checkpoint));

  // Without --resume, the checkpoint is not silently overwritten.
  const auto again = run_adoptsim("sweep " + kBass + design + quoted(output));
  CHECK(again.exit_status == 2);
  CHECK(again.err.find("continue it with --resume, or start over with --force") != std::string::npos);
  // Another sweep's checkpoint is not continued.
  const auto other = run_adoptsim("sweep " + kBass + " --vary model.bass.imitation_q=0.1,0.2 -r 6000 -o " +
                                  quoted(output) + " --resume");
  CHECK(other.exit_status == 2);
  CHECK(other.err.find("the checkpoint is of another sweep") != std::string::npos);

  const auto resumed =
      run_adoptsim("sweep " + kBass + " --vary model.bass.imitation_q=0.1,0.2,0.3 -r 6000 -j 2 -o " +
                   quoted(output) + " --resume");
  INFO(resumed.err);
  REQUIRE(resumed.exit_status == 0);
  CHECK(resumed.out.find("Resuming: ") != std::string::npos);
  for (const char* file : {"points.csv", "kpis.csv", "kpi_summary.csv", "summary.json"}) {
    INFO(file);
    CHECK(read_file(output / file) == read_file(whole / file));
  }
  CHECK_FALSE(fs::exists(checkpoint));
}
