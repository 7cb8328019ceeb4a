// End-to-end: `adoptsim validate`, `run SCENARIO...` and `compare` on real
// scenario files, their output files, reproducibility and bad input.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <sys/wait.h>
#include <algorithm>

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
const std::string kCascade = kSource + "/scenarios/reference/cascade.toml";
const std::string kPilot = kSource + "/scenarios/workplace/pilot_then_scale.toml";

std::set<std::string> files_in(const fs::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) names.insert(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("validate prints the fully resolved scenario", "[e2e][scenario]") {
  const auto result = run_adoptsim("validate " + kBass);
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  // Inherited from base.toml and defaults alike are printed.
  for (const char* key :
       {"schema_version = 1", "headcount = 180", "innovation_p = 0.002", "[kpi]", "by_day = 90"}) {
    INFO(key);
    CHECK(result.out.find(key) != std::string::npos);
  }
}

TEST_CASE("validate lists every problem with file, line and column", "[e2e][scenario][bad-input]") {
  TempDirectory directory;
  const fs::path bad = directory.path() / "bad.toml";
  write_text(bad,
             "schema_version = 1\n"
             "horizon_days = -3\n"
             "replicats = 10\n"
             "[model.bass]\n"
             "innovation_p = 1.5\n");
  const auto result = run_adoptsim("validate " + quoted(bad));
  CHECK(result.exit_status == 2);
  CHECK(result.err.find("bad.toml:2:") != std::string::npos);
  CHECK(result.err.find("horizon_days") != std::string::npos);
  CHECK(result.err.find("did you mean") != std::string::npos);
  CHECK(result.err.find("bad.toml:5:") != std::string::npos);
  CHECK(result.err.find("innovation_p") != std::string::npos);
  CHECK(result.out.empty());
}

TEST_CASE("run writes every documented file, with version, seed and the resolved scenario",
          "[e2e][scenario]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const auto result = run_adoptsim("run " + kBass + " -r 20 --seed 7 -o " + quoted(output));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  CHECK(result.out.find("active_share_day90") != std::string::npos);
  CHECK(files_in(output) == std::set<std::string>{"summary.json", "series.csv", "kpis.csv", "kpi_summary.csv",
                                                  "kpi_table.csv", "budget.csv", "cohorts.csv"});
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  CHECK(summary["adoptsim_version"].get<std::string>().size() > 0);
  CHECK(summary["git_revision"].get<std::string>().size() > 0);
  CHECK(summary["seed"] == 7);
  REQUIRE(summary["scenarios"].size() == 1);
  CHECK(summary["scenarios"][0]["replicates"] == 20);
  CHECK(summary["scenarios"][0]["resolved_toml"].get<std::string>().find("innovation_p = 0.002") !=
        std::string::npos);
  // 20 replicates, one row each, plus the header.
  const std::string kpis = read_file(output / "kpis.csv");
  CHECK(std::count(kpis.begin(), kpis.end(), '\n') == 21);
}

TEST_CASE("the resolved scenario in summary.json reproduces the run", "[e2e][scenario]") {
  TempDirectory directory;
  const auto first = run_adoptsim("run " + kBass + " -r 10 -o " + quoted(directory.path() / "a"));
  REQUIRE(first.exit_status == 0);
  const auto summary = nlohmann::json::parse(read_file(directory.path() / "a" / "summary.json"));
  const fs::path resolved = directory.path() / "resolved.toml";
  write_text(resolved, summary["scenarios"][0]["resolved_toml"].get<std::string>());
  const auto second = run_adoptsim("run " + quoted(resolved) + " -r 10 -o " + quoted(directory.path() / "b"));
  INFO(second.err);
  REQUIRE(second.exit_status == 0);
  CHECK(read_file(directory.path() / "a" / "kpis.csv") == read_file(directory.path() / "b" / "kpis.csv"));
}

TEST_CASE("outputs are byte-identical for -j 1 and -j 4", "[e2e][scenario][determinism]") {
  TempDirectory directory;
  const std::string scenarios = kBass + " " + kCascade + " " + kPilot;
  const auto one = run_adoptsim("run " + scenarios + " -r 16 -j 1 -o " + quoted(directory.path() / "j1"));
  const auto four = run_adoptsim("run " + scenarios + " -r 16 -j 4 -o " + quoted(directory.path() / "j4"));
  REQUIRE(one.exit_status == 0);
  REQUIRE(four.exit_status == 0);
  const auto names = files_in(directory.path() / "j1");
  CHECK(names == files_in(directory.path() / "j4"));
  for (const std::string& name : names) {
    INFO(name);
    CHECK(read_file(directory.path() / "j1" / name) == read_file(directory.path() / "j4" / name));
  }
}

TEST_CASE("an existing output directory is not overwritten without --force", "[e2e][scenario]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  REQUIRE(run_adoptsim("run " + kBass + " -r 5 --seed 1 -o " + quoted(output)).exit_status == 0);
  const std::string before = read_file(output / "kpis.csv");
  const auto again = run_adoptsim("run " + kBass + " -r 5 --seed 2 -o " + quoted(output));
  CHECK(again.exit_status == 2);
  CHECK(again.err.find("--force") != std::string::npos);
  CHECK(read_file(output / "kpis.csv") == before);
  const auto forced = run_adoptsim("run " + kBass + " -r 5 --seed 2 --force -o " + quoted(output));
  CHECK(forced.exit_status == 0);
  CHECK(read_file(output / "kpis.csv") != before);
}

TEST_CASE("compare reports paired differences and P(beats) against the first", "[e2e][scenario]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "cmp";
  const auto result = run_adoptsim("compare " + kBass + " " + kCascade + " -r 30 -o " + quoted(output));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  CHECK(result.out.find("P(beats)") != std::string::npos);
  CHECK(result.out.find("common random numbers") != std::string::npos);
  const std::string comparison = read_file(output / "comparison.csv");
  CHECK(comparison.rfind("baseline,scenario,kpi,mean_difference,interval_low,interval_high,difference_q05,"
                         "difference_q95,p_beats_baseline,p_tie,pairs\n",
                         0) == 0);
  CHECK(comparison.find("reference-bass,reference-cascade,active_share_day90,") != std::string::npos);
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  CHECK(summary["comparisons"].size() == 1);
}

TEST_CASE("run with --precision adds replicates until the headline interval is narrow enough",
          "[e2e][scenario]") {
  const auto loose = run_adoptsim("run " + kBass + " --precision 0.05");
  const auto tight = run_adoptsim("run " + kBass + " --precision 0.01 --max-replicates 2000");
  INFO(loose.err << tight.err);
  REQUIRE(loose.exit_status == 0);
  REQUIRE(tight.exit_status == 0);
  CHECK(loose.out.find("precision reached") != std::string::npos);
  CHECK(tight.out.find("precision reached") != std::string::npos);
  const auto replicates_in = [](const std::string& out) {
    const std::size_t at = out.find(" replicates");
    std::size_t start = out.rfind(' ', at - 1);
    return std::stoi(out.substr(start + 1, at - start - 1));
  };
  // The interval narrows as 1/sqrt(n): a five times tighter target needs far more replicates.
  CHECK(replicates_in(tight.out) > 4 * replicates_in(loose.out));
  const auto capped = run_adoptsim("run " + kBass + " --precision 0.001 --max-replicates 100");
  CHECK(capped.exit_status == 0);
  CHECK(capped.out.find("precision NOT reached") != std::string::npos);
}

TEST_CASE("a gate that can never open is a warning: validate and run go on", "[e2e][scenario]") {
  TempDirectory directory;
  const fs::path never = directory.path() / "never.toml";
  write_text(never,
             "extends = \"" + kSource +
                 "/scenarios/workplace/pilot_then_scale.toml\"\nhorizon_days = 30\n[kpi]\nby_day = 30\n");
  const auto validated = run_adoptsim("validate " + quoted(never));
  CHECK(validated.exit_status == 0);
  CHECK_THAT(validated.err, Catch::Contains("warning:") && Catch::Contains("the scale-up never happens"));
  const auto ran = run_adoptsim("run " + quoted(never) + " -r 2");
  CHECK(ran.exit_status == 0);
  CHECK_THAT(ran.err, Catch::Contains("the scale-up never happens"));
}

TEST_CASE("bad scenario input exits 2 and writes nothing", "[e2e][scenario][bad-input]") {
  TempDirectory directory;
  const fs::path first = directory.path() / "a.toml";
  const fs::path second = directory.path() / "b.toml";
  write_text(first, "extends = \"b.toml\"\n");
  write_text(second, "extends = \"a.toml\"\n");
  const fs::path plan = directory.path() / "plan.toml";
  write_text(
      plan,
      "extends = \"" + kSource +
          "/scenarios/workplace/base.toml\"\n[strategy]\npreset = \"custom\"\n"
          "[[strategy.phases]]\nname = \"pilot\"\ndepartments = [\"Salse\"]\ninterventions = [\"access\"]\n");
  const fs::path budget = directory.path() / "budget.toml";
  write_text(budget, "extends = \"" + kSource +
                         "/scenarios/workplace/base.toml\"\n[budget.shares]\ntraining = 0.9\n");
  const fs::path output = directory.path() / "never";
  struct Case {
    std::string arguments;
    std::string mentions;
  };
  const Case cases[] = {
      {"run " + quoted(directory.path() / "missing.toml") + " -o " + quoted(output), "missing.toml"},
      {"run " + quoted(first) + " -o " + quoted(output), "cycle"},
      {"run " + kBass + " -r 0 -o " + quoted(output), "--replicates 0"},
      {"run " + kBass + " --precision 2 -o " + quoted(output), "--precision"},
      {"run " + kBass + " --seed banana -o " + quoted(output), "--seed banana"},
      {"compare " + kBass + " -o " + quoted(output), "at least two"},
      {"compare " + kBass + " " + kBass + " -o " + quoted(output), "name"},
      {"run " + kBass + " --model cascade", "--model"},
      {"run " + quoted(plan) + " -o " + quoted(output),
       "plan.toml:4:1: strategy.phases[0].departments[0] = \"Salse\""},
      {"run " + quoted(budget) + " -o " + quoted(output), "budget.shares"},
  };
  for (const Case& bad : cases) {
    INFO(bad.arguments);
    const auto result = run_adoptsim(bad.arguments);
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK(result.err.find(bad.mentions) != std::string::npos);
    CHECK_FALSE(fs::exists(output));
  }
}

TEST_CASE("Ctrl-C stops a run cleanly and leaves no output", "[e2e][scenario]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  // SIGINT after half a second, long before 100000 replicates finish.
  const std::string command = "timeout --preserve-status --signal=INT 0.5 '" + std::string(ADOPTSIM_BINARY) +
                              "' run " + kBass + " -r 100000 -o " + quoted(output) + " > /dev/null 2> " +
                              quoted(directory.path() / "err");
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(read_file(directory.path() / "err").find("interrupted") != std::string::npos);
  CHECK_FALSE(fs::exists(output));
}

TEST_CASE("plot draws the figures of a run, and --plot does it after the run", "[e2e][plot]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const auto result =
      run_adoptsim("compare " + kBass + " " + kCascade + " -r 10 --plot -o " + quoted(output));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  for (const char* figure : {"overlay.png", "fan_chart_reference-bass.png", "kpi_comparison.png"}) {
    INFO(figure);
    CHECK(fs::file_size(output / "figures" / figure) > 20000);
  }
  const auto svg =
      run_adoptsim("plot " + quoted(output) + " --format svg -o " + quoted(directory.path() / "svg"));
  INFO(svg.err);
  CHECK(svg.exit_status == 0);
  CHECK(fs::exists(directory.path() / "svg" / "overlay.svg"));

  const auto not_results = run_adoptsim("plot " + quoted(directory.path()));
  CHECK(not_results.exit_status == 2);
  CHECK(not_results.err.find("summary.json") != std::string::npos);
  const auto bad_format = run_adoptsim("plot " + quoted(output) + " --format gif");
  CHECK(bad_format.exit_status == 2);
  CHECK(bad_format.err.find("--format gif") != std::string::npos);
  const auto plot_without_output = run_adoptsim("run " + kBass + " --plot");
  CHECK(plot_without_output.exit_status == 2);
}

TEST_CASE("a key set with --set on run, validate, compare and champions, recorded in summary.json",
          "[e2e][scenario]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const auto run =
      run_adoptsim("run " + kBass + " --set model.bass.imitation_q=0.2 -r 8 -o " + quoted(output));
  INFO(run.err);
  REQUIRE(run.exit_status == 0);
  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  const auto& entry = summary["scenarios"][0];
  CHECK(entry["overrides"] == nlohmann::json::array({"model.bass.imitation_q=0.2"}));
  CHECK(entry["resolved_toml"].get<std::string>().find("imitation_q = 0.2\n") != std::string::npos);

  const auto validate = run_adoptsim("validate " + kBass + " --set model.bass.imitation_q=0.2");
  REQUIRE(validate.exit_status == 0);
  CHECK(validate.out.find("imitation_q = 0.2\n") != std::string::npos);

  const fs::path compared = directory.path() / "compared";
  const auto compare = run_adoptsim("compare " + kBass + " " + kCascade + " --set horizon_days=100 -r 4 -o " +
                                    quoted(compared));
  INFO(compare.err);
  REQUIRE(compare.exit_status == 0);
  const auto compare_summary = nlohmann::json::parse(read_file(compared / "summary.json"));
  for (const auto& scenario : compare_summary["scenarios"]) CHECK(scenario["horizon_days"] == 100);

  const auto champions = run_adoptsim("champions " + kPilot + " --set organisation.headcount=60 -k 3 -r 4");
  INFO(champions.err);
  CHECK(champions.exit_status == 0);
}

TEST_CASE("a bad --set is refused by run and validate alike, naming the flag, writing nothing",
          "[e2e][scenario][bad-input]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  for (const std::string& set :
       {std::string("model.bass.imitation_q=1.5"), std::string("strategy.preset=big_bang"),
        std::string("model.bass.imitaton_q=0.1")}) {
    INFO(set);
    const auto validate = run_adoptsim("validate " + kBass + " --set '" + set + "'");
    const auto run = run_adoptsim("run " + kBass + " --set '" + set + "'" + " -r 4 -o " + quoted(output));
    CHECK(validate.exit_status == 2);
    CHECK(run.exit_status == 2);
    CHECK(validate.err.find("--set " + set + ": ") != std::string::npos);
    CHECK(run.err.find("--set " + set + ": ") != std::string::npos);
    CHECK_FALSE(fs::exists(output));
  }
}
