// End-to-end: every input is bounded and checked before work starts (issue
// 13, section 1), on the real binary. Unusable scenario files (FIFO, device,
// directory, oversize, a file name that is not UTF-8), flags out of range or
// that do not apply, runs that cannot fit in memory, the cap on error lines,
// validate and run agreeing, and the exit status of every class of failure.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "e2e/binary.hpp"

using adoptsim::testing::CommandResult;
using adoptsim::testing::quoted;
using adoptsim::testing::read_file;
using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;
using adoptsim::testing::write_text;
namespace fs = std::filesystem;

namespace {

// AddressSanitizer reserves terabytes of address space for its shadow memory
// at start-up, so under a virtual-memory limit (ulimit -v) an instrumented
// binary aborts before main.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

const std::string kSource = ADOPTSIM_SOURCE_DIR;
const std::string kBass = kSource + "/scenarios/reference/bass.toml";
const std::string kPilot = kSource + "/scenarios/workplace/pilot_then_scale.toml";

// `adoptsim ARGUMENTS` with `environment` (e.g. "ulimit -v 2000000;" or
// "VAR=value") before it, killed after `seconds`: a hang fails the test
// (exit status 124 or 137) instead of stopping the suite.
CommandResult run_bounded(const std::string& arguments, const std::string& environment = "",
                          int seconds = 60) {
  TempDirectory capture;
  const fs::path out = capture.path() / "stdout";
  const fs::path err = capture.path() / "stderr";
  const std::string command = environment + " timeout -k 5 " + std::to_string(seconds) + " '" +
                              ADOPTSIM_BINARY + "' " + arguments + " < /dev/null > " + quoted(out) + " 2> " +
                              quoted(err);
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

// What no failure may print: a library's own text instead of a sentence.
void check_no_raw_exception(const std::string& text) {
  for (const char* raw : {"std::bad_alloc", "filesystem error", "basic_string", "terminate called",
                          "[json.exception", "vector::_M", "what():"}) {
    INFO(raw);
    CHECK(text.find(raw) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("a scenario that is a FIFO, a device, a directory or oversize is refused at once",
          "[e2e][bad-input][robust]") {
  TempDirectory directory;
  const fs::path fifo = directory.path() / "pipe.toml";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const fs::path folder = directory.path() / "folder.toml";
  fs::create_directory(folder);
  const fs::path huge = directory.path() / "huge.toml";
  write_text(huge, "# a comment\n");
  fs::resize_file(huge, (16u << 20) + 1);  // one byte over the limit; sparse, so cheap
  struct Case {
    fs::path file;
    std::string says;
  };
  const Case cases[] = {
      {fifo, "is a pipe (FIFO)"},
      {"/dev/zero", "is a device"},
      {folder, "is a directory"},
      {huge, "more than the 16 MiB"},
      {directory.path() / "missing.toml", "does not exist"},
  };
  for (const Case& bad : cases) {
    for (const char* verb : {"validate", "run"}) {
      INFO(verb << " " << bad.file);
      const auto start = std::chrono::steady_clock::now();
      const auto result = run_bounded(std::string(verb) + " " + quoted(bad.file), "", 20);
      INFO(result.err);
      CHECK(result.exit_status == 2);
      CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
      CHECK_THAT(result.err, Catch::Contains(bad.file.string()) && Catch::Contains(bad.says));
      check_no_raw_exception(result.err);
    }
  }
}

TEST_CASE("an extends target that is a FIFO or a directory names the extends line",
          "[e2e][bad-input][robust]") {
  TempDirectory directory;
  const fs::path fifo = directory.path() / "base_pipe.toml";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  fs::create_directory(directory.path() / "base_folder.toml");
  const std::pair<std::string, std::string> targets[] = {{"base_pipe.toml", "is a pipe (FIFO)"},
                                                         {"base_folder.toml", "is a directory"}};
  for (const auto& [target, says] : targets) {
    const fs::path scenario = directory.path() / "child.toml";
    write_text(scenario, "name = \"child\"\nextends = \"" + target + "\"\n");
    const auto result = run_bounded("validate " + quoted(scenario), "", 20);
    INFO(result.err);
    CHECK(result.exit_status == 2);
    // file:line:column of the `extends`, and the target's own path and kind.
    CHECK_THAT(result.err, Catch::Contains(scenario.string() + ":2:11: extends = \"" + target + "\"") &&
                               Catch::Contains((directory.path() / target).string()) &&
                               Catch::Contains(says));
  }
}

TEST_CASE("a scenario file name that is not UTF-8 is refused before any work, naming it",
          "[e2e][bad-input][robust]") {
  TempDirectory directory;
  // Latin-1 "café" (0xE9 alone is not UTF-8), as an old file server might name it.
  const fs::path file = directory.path() / std::string("caf\xE9.toml");
  write_text(file, "extends = \"" + kBass + "\"\n");
  REQUIRE(fs::exists(file));
  const fs::path output = directory.path() / "out";
  for (const std::string& verb : {std::string("validate "), "run -r 2 -o " + quoted(output) + " "}) {
    const auto result = run_bounded(verb + quoted(file));
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK_THAT(result.err, Catch::Contains("caf\\xE9.toml") && Catch::Contains("not valid UTF-8") &&
                               Catch::Contains("rename"));
    check_no_raw_exception(result.err);
  }
  CHECK_FALSE(fs::exists(output));
}

TEST_CASE("the precision flag must be a share in (0, 1) and leaving it out means a fixed count",
          "[e2e][bad-input][robust]") {
  for (const char* value : {"0", "-0.1", "1", "1.5", "nan", "inf", "-inf", "abc"}) {
    INFO("--precision " << value);
    const auto result = run_adoptsim("run " + kBass + " -r 2 --precision " + value);
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK_THAT(result.err, Catch::Contains("--precision") && Catch::Contains("above 0 and below 1"));
  }
  const auto fixed = run_adoptsim("run " + kBass + " -r 3");
  INFO(fixed.err);
  CHECK(fixed.exit_status == 0);
  CHECK_THAT(fixed.out, Catch::Contains("3 replicates") && !Catch::Contains("precision"));
  const auto orphan = run_adoptsim("run " + kBass + " -r 3 --max-replicates 50");
  CHECK(orphan.exit_status == 2);
  CHECK_THAT(orphan.err, Catch::Contains("--max-replicates") && Catch::Contains("without --precision"));
}

TEST_CASE("every verb's flags are checked before work, each problem naming its flag",
          "[e2e][bad-input][robust]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  struct Case {
    std::string arguments;
    std::string mentions;
  };
  const Case cases[] = {
      {"run " + kBass + " -r 0", "-r/--replicates 0"},
      {"run " + kBass + " -r -1", "-r/--replicates -1"},
      {"run " + kBass + " -r 100001", "-r/--replicates 100001"},
      {"run " + kBass + " -j -1", "-j/--threads -1"},
      {"run " + kBass + " -j 5000", "-j/--threads 5000"},
      {"run " + kBass + " --seed -1", "--seed -1"},
      {"run " + kBass + " --seed 18446744073709551616", "--seed 18446744073709551616"},
      {"run " + kBass + " --precision 0.01 --max-replicates 1", "--max-replicates 1"},
      {"compare " + kBass + " " + kPilot + " -j -2", "-j/--threads -2"},
      {"run " + kBass + " --p 0.5", "--p sets up a reference model"},
      {"run " + kBass + " --people 100", "--people sets up a reference model"},
      {"run --model bass -r 0", "-r/--replicates 0"},
      {"run --model bass --seed x", "--seed x"},
      {"run --model bass --p 1.5", "--p 1.5"},
      {"run --model bass --q nan", "--q nan"},
      {"run --model bass --form per_tie --beta -1", "--beta -1"},
      {"run --model bass --threshold-low 0.2", "--threshold-low applies to --model threshold"},
      {"run --model threshold --threshold-low 0.6 --threshold-high 0.4", "--threshold-low 0.6 is above"},
      {"run --model cascade --activation-probability 2", "--activation-probability 2"},
      {"run --model cascade --delay-days -1", "--delay-days -1"},
      {"run --model bass --initial-adopters -3", "--initial-adopters -3"},
      {"run --model bass --horizon 0", "--horizon 0"},
      {"run --model bass --precision 0.01", "--precision applies to scenario runs"},
      {"run --model bass -o " + quoted(output), "--output applies to scenario runs"},
      {"run --model bass --network erdos_renyi --people 1", "--people 1"},
      {"run --model bass --network erdos_renyi --people 100 --mean-degree nan", "--mean-degree nan"},
      {"run --model bass --network org --people 100", "--people applies to --network complete"},
      {"run --model bass --mean-degree 4", "--mean-degree applies to --network erdos_renyi"},
      {"org generate --headcount 0 -o " + quoted(output), "--headcount 0"},
      {"org generate --seed -5 -o " + quoted(output), "--seed -5"},
      {"org inspect --network ring_lattice --people 10 --neighbours 3", "--neighbours 3"},
      {"org inspect --ties ties.csv", "--ties describes a FILE"},
      {"org inspect " + kSource + "/scenarios/real/krackhardt.toml --headcount 50", "--headcount describes"},
      {"champions " + kPilot + " -r 0", "-r/--replicates 0"},
      {"champions " + kPilot + " -j 9999", "-j/--threads 9999"},
      {"champions " + kPilot + " --seed 1.5", "--seed 1.5"},
      {"champions " + kPilot + " --k 0", "--k 0"},
      {"plot " + quoted(directory.path() / "nothing"), "is not a directory"},
      {"plot " + quoted(directory.path()) + " --format gif", "--format gif"},
  };
  for (const Case& bad : cases) {
    INFO(bad.arguments);
    const auto result = run_adoptsim(bad.arguments);
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK(result.err.find(bad.mentions) != std::string::npos);
    CHECK(result.out.find("Simulated") == std::string::npos);
    CHECK_FALSE(fs::exists(output));
  }
}

TEST_CASE("a run that cannot fit in memory is refused before allocating, with the estimate",
          "[e2e][bad-input][robust]") {
  // In range flag by flag; together, hundreds of GiB.
  const auto network =
      run_bounded("run --model bass --network erdos_renyi --people 100000000 --mean-degree 1000");
  INFO(network.err);
  CHECK(network.exit_status == 2);
  CHECK_THAT(network.err, Catch::Contains("100,000,000 people and 50,000,000,000 ties") &&
                              Catch::Contains("GiB of memory, more than the") && Catch::Contains("fewer"));
  const auto generated = run_bounded("org generate --headcount 100000000 -o /nonexistent/never");
  CHECK(generated.exit_status == 2);
  CHECK_THAT(generated.err, Catch::Contains("needs about") && Catch::Contains("GiB"));
  // Every replicate's series kept: about 1.8 MB each over ten years.
  TempDirectory directory;
  const fs::path long_run = directory.path() / "long.toml";
  write_text(long_run, "extends = \"" + kBass + "\"\nhorizon_days = 3650\n");
  const auto replicates = run_bounded("run " + quoted(long_run) + " -r 100000 --per-replicate -o " +
                                      quoted(directory.path() / "out"));
  INFO(replicates.err);
  CHECK(replicates.exit_status == 2);
  CHECK_THAT(replicates.err, Catch::Contains("100,000 replicates") && Catch::Contains("--per-replicate"));
  // A memory limit (ulimit -v, in KiB) counts as the machine's memory.
  if (kAddressSanitizer) {
    WARN("AddressSanitizer build: the ulimit -v case is not exercised");
  } else {
    const auto limited =
        run_bounded("run " + quoted(long_run) + " -r 2000 --per-replicate", "ulimit -v 2000000;");
    INFO(limited.err);
    CHECK(limited.exit_status == 2);
    CHECK_THAT(limited.err, Catch::Contains("needs about") && Catch::Contains("this process may use"));
    check_no_raw_exception(limited.err);
  }
  CHECK_FALSE(fs::exists(directory.path() / "out"));
}

TEST_CASE("scenario error lines are capped per kind, with a count of the rest", "[e2e][bad-input][robust]") {
  TempDirectory directory;
  const fs::path file = directory.path() / "many.toml";
  std::string text = "extends = \"" + kBass + "\"\n";
  for (int key = 0; key < 200000; ++key) text += "unknown_key_" + std::to_string(key) + " = 1\n";
  text += "horizon_days = -1\n";
  write_text(file, text);
  const auto start = std::chrono::steady_clock::now();
  const auto result = run_bounded("validate " + quoted(file));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  CHECK(result.exit_status == 2);
  CHECK_THAT(result.err,
             Catch::Contains("many.toml:2:1: unknown_key_0 is not a known key") &&
                 Catch::Contains("and 199980 more problems of this kind (unknown key) not shown") &&
                 Catch::Contains("horizon_days = -1 is out of range"));
  CHECK(std::count(result.err.begin(), result.err.end(), '\n') < 30);
}

TEST_CASE("validate and run agree: a value validate refuses is blamed on the user's line",
          "[e2e][bad-input][robust]") {
  TempDirectory directory;
  // Durations the model needs above 0: refused by the table, at this file's line.
  for (const std::string key :
       {"model.workplace.outcome.habit_half_life_days", "model.workplace.dynamics.lapse_after_days",
        "model.workplace.dynamics.novelty_days", "model.workplace.dynamics.incident_recovery_days"}) {
    const fs::path file = directory.path() / "zero.toml";
    write_text(file, "extends = \"" + kPilot + "\"\n" + key + " = 0\n");
    for (const char* verb : {"validate", "run -r 1"}) {
      INFO(verb << " with " << key << " = 0");
      const auto result = run_adoptsim(std::string(verb) + " " + quoted(file));
      INFO(result.err);
      CHECK(result.exit_status == 2);
      CHECK_THAT(result.err, Catch::Contains(file.string() + ":2:") && Catch::Contains(key + " = 0") &&
                                 Catch::Contains("out of range"));
      CHECK(result.err.find("base.toml") == std::string::npos);
    }
    // Just above 0 is accepted by both.
    write_text(file, "extends = \"" + kPilot + "\"\n" + key + " = 0.001\n");
    CHECK(run_adoptsim("validate " + quoted(file)).exit_status == 0);
    CHECK(run_adoptsim("run -r 1 " + quoted(file)).exit_status == 0);
  }
  // What only the organisation can tell (a department profile for a
  // department it lacks) is refused by validate as by run.
  const fs::path department = directory.path() / "department.toml";
  write_text(department,
             "extends = \"" + kPilot +
                 "\"\n[[model.workplace.departments]]\nname = \"Nowhere\"\nrelevance_mean = 0.5\n");
  for (const char* verb : {"validate", "run -r 1"}) {
    INFO(verb);
    const auto result = run_adoptsim(std::string(verb) + " " + quoted(department));
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK_THAT(result.err, Catch::Contains("\"Nowhere\" is not a department of the organisation"));
  }
}

TEST_CASE("exit status: 2 with a sentence for input, flags and machine, 1 only for an internal error",
          "[e2e][bad-input][robust]") {
  TempDirectory directory;
  const fs::path regular = directory.path() / "a_file";
  write_text(regular, "not a directory\n");
  SECTION("an output path through a regular file") {
    const auto result = run_bounded("run " + kBass + " -r 2 -o " + quoted(regular / "out"));
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK_THAT(result.err, Catch::Contains(regular.string()));
    CHECK(result.err.find("internal error") == std::string::npos);
    check_no_raw_exception(result.err);
  }
  SECTION("an output directory that cannot be created (even by root)") {
    const auto result = run_bounded("run " + kBass + " -r 2 -o /proc/self/adoptsim-out");
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK_THAT(result.err, Catch::Contains("/proc/self/adoptsim-out"));
    CHECK(result.err.find("internal error") == std::string::npos);
    check_no_raw_exception(result.err);
  }
  SECTION("out of memory") {
    const auto result = run_bounded("validate " + kBass, "ADOPTSIM_TEST_FAULT=bad_alloc");
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK_THAT(result.err,
               Catch::StartsWith("adoptsim: out of memory") && Catch::Contains("fewer replicates"));
    check_no_raw_exception(result.err);
  }
  SECTION("a bug") {
    for (const char* fault : {"logic_error", "unknown"}) {
      INFO(fault);
      const auto result = run_bounded("validate " + kBass, std::string("ADOPTSIM_TEST_FAULT=") + fault);
      INFO(result.err);
      CHECK(result.exit_status == 1);
      CHECK_THAT(result.err, Catch::StartsWith("adoptsim: internal error: ") &&
                                 Catch::Contains(", please report it (with the command and the scenario)"));
    }
  }
  SECTION("bad flags for the parser itself") {
    const auto result = run_adoptsim("run " + kBass + " -r many");
    CHECK(result.exit_status == 2);
    CHECK_THAT(result.err, Catch::Contains("--replicates"));
  }
}
