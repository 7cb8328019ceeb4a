// End-to-end: the adoptsim binary's `run --model` and `org` verbs, good and bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "adoptsim/scenario/parameters.hpp"
#include "e2e/binary.hpp"

using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;

namespace {
// The run's report without its timing line, which legitimately varies.
std::string without_timing(const std::string& report) {
  return std::regex_replace(report, std::regex("Simulated [0-9]+ events in [^\n]*\n"), "");
}
}  // namespace

TEST_CASE("run --model bass prints a weekly forecast with bands", "[e2e][cli]") {
  const auto result = run_adoptsim("run --model bass -r 40 --seed 3 --horizon 28");
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  CHECK(result.out.find("a generated organisation of 180 people in 6 departments") != std::string::npos);
  CHECK(result.out.find("adopted (median)") != std::string::npos);
  // Weeks 0..4 are printed, day 28 last.
  CHECK(std::regex_search(result.out, std::regex("\\n\\s+4\\s+28\\s+[0-9.]+%")));
  CHECK(result.out.find("Half adopted") != std::string::npos);
}

TEST_CASE("every reference model runs from the command line", "[e2e][cli]") {
  for (const char* arguments : {"run --model threshold --threshold-low 0.05 --threshold-high 0.3 -r 10",
                                "run --model cascade --activation-probability 0.3 -r 10",
                                "run --model bass --form per_tie --p 0 --beta 0.2 --initial-adopters 3 -r 10",
                                "run --model bass --network watts_strogatz --people 300 -r 10"}) {
    INFO(arguments);
    const auto result = run_adoptsim(arguments);
    INFO(result.err);
    CHECK(result.exit_status == 0);
    CHECK(result.out.find("adopted (median)") != std::string::npos);
  }
}

TEST_CASE("run gives the same forecast for any thread count", "[e2e][cli]") {
  const auto one = run_adoptsim("run --model bass -r 24 --seed 11 -j 1");
  const auto two = run_adoptsim("run --model bass -r 24 --seed 11 -j 2");
  const auto four = run_adoptsim("run --model bass -r 24 --seed 11 -j 4");
  REQUIRE(one.exit_status == 0);
  CHECK(without_timing(one.out) == without_timing(two.out));
  CHECK(without_timing(one.out) == without_timing(four.out));
  const auto other_seed = run_adoptsim("run --model bass -r 24 --seed 12 -j 2");
  CHECK(without_timing(one.out) != without_timing(other_seed.out));
}

TEST_CASE("bad flags are named, exit with status 2 and write nothing", "[e2e][cli][bad-input]") {
  struct Case {
    const char* arguments;
    const char* mentions;
  };
  const Case cases[] = {
      {"run --headcount -5", "--headcount -5"},
      {"run --headcount 4", "headcount"},
      {"run --departments \"Engineering=0.5,Sales=0.6\"", "sum to 1"},
      {"run --departments \"Engineering\"", "NAME=SHARE"},
      {"run --span-of-control 0.5", "span_of_control"},
      {"run --model bass --p 1.5", "1.5"},
      {"run --model bass --q -0.1", "-0.1"},
      {"run --model epidemic", "--model \"epidemic\""},
      {"run --model bass --form quadratic", "--form"},
      {"run -r 0", "--replicates 0"},
      {"run --horizon -3", "--horizon -3"},
      {"run --network lattice", "--network \"lattice\""},
      {"run --network erdos_renyi --people 1", "--people 1"},
      {"run --model threshold --threshold-low 0.5 --threshold-high 0.2", "threshold"},
      {"run --model cascade --activation-probability 2", "2"},
      {"run --model cascade --initial-adopters 500", "500"},
      {"run --replicates many", "many"},
  };
  for (const Case& bad : cases) {
    INFO(bad.arguments);
    const auto result = run_adoptsim(bad.arguments);
    INFO(result.err);
    CHECK(result.exit_status == 2);
    CHECK(result.err.find(bad.mentions) != std::string::npos);
    CHECK(result.out.find("adopted (median)") == std::string::npos);
  }
}

TEST_CASE("several bad flags are all reported in one pass", "[e2e][cli][bad-input]") {
  const auto result = run_adoptsim("run --headcount -5 -r 0 --horizon 0 --model bass --p 2");
  CHECK(result.exit_status == 2);
  CHECK(result.err.find("--headcount") != std::string::npos);
  CHECK(result.err.find("--replicates") != std::string::npos);
  CHECK(result.err.find("--horizon") != std::string::npos);
}

TEST_CASE("org generate writes people and ties, and never overwrites without --force", "[e2e][cli][org]") {
  TempDirectory directory;
  const auto target = directory.path() / "acme";
  const std::string arguments = "org generate --seed 4 -o '" + target.string() + "'";
  const auto first = run_adoptsim(arguments + " --headcount 250");
  INFO(first.err);
  REQUIRE(first.exit_status == 0);
  const std::string people = adoptsim::testing::read_file(target / "people.csv");
  const std::string ties = adoptsim::testing::read_file(target / "ties.csv");
  CHECK(people.rfind("id,department,role,manager_id\n", 0) == 0);
  CHECK(std::count(people.begin(), people.end(), '\n') == 251);
  CHECK(ties.rfind("source,target,weight,kind\n", 0) == 0);
  CHECK(people.find("executive") != std::string::npos);

  const auto again = run_adoptsim(arguments + " --headcount 250");
  CHECK(again.exit_status == 2);
  CHECK(again.err.find("--force") != std::string::npos);

  const auto forced = run_adoptsim(arguments + " --headcount 300 --force");
  INFO(forced.err);
  REQUIRE(forced.exit_status == 0);
  const std::string regenerated = adoptsim::testing::read_file(target / "people.csv");
  CHECK(std::count(regenerated.begin(), regenerated.end(), '\n') == 301);
  // Nothing temporary is left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(target), std::filesystem::directory_iterator()) ==
        2);
}

TEST_CASE("org generate with bad flags creates nothing", "[e2e][cli][org][bad-input]") {
  TempDirectory directory;
  const auto target = directory.path() / "never";
  const auto result = run_adoptsim("org generate --headcount -5 -o '" + target.string() + "'");
  CHECK(result.exit_status == 2);
  CHECK(result.err.find("--headcount -5") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(target));
}

TEST_CASE("org inspect describes the default organisation", "[e2e][cli][org]") {
  const auto result = run_adoptsim("org inspect");
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  for (const char* section : {"180 people", "Engineering", "Degree", "Clustering",
                              "Cross-department tie share", "Hierarchy depth", "Connected components"}) {
    INFO(section);
    CHECK(result.out.find(section) != std::string::npos);
  }
}

TEST_CASE("every verb has --help with an example", "[e2e][cli]") {
  for (const char* verb : {"run", "org generate", "org inspect"}) {
    INFO(verb);
    const auto result = run_adoptsim(std::string(verb) + " --help");
    CHECK(result.exit_status == 0);
    CHECK(result.out.find("Example") != std::string::npos);
  }
}

TEST_CASE("every reference-model flag defaults to its key's default in the parameter table", "[e2e][cli]") {
  namespace scenario = adoptsim::scenario;
  const auto help = run_adoptsim("run --help");
  REQUIRE(help.exit_status == 0);
  const std::pair<const char*, const char*> flags[] = {
      {"--p", "model.bass.innovation_p"},
      {"--q", "model.bass.imitation_q"},
      {"--form", "model.bass.form"},
      {"--beta", "model.bass.per_tie_rate_beta"},
      {"--threshold-low", "model.threshold.threshold_low"},
      {"--threshold-high", "model.threshold.threshold_high"},
      {"--delay-days", "model.threshold.adoption_delay_days"},
      {"--delay-days", "model.cascade.activation_delay_days"},
      {"--activation-probability", "model.cascade.activation_probability"},
  };
  for (const auto& [flag, key] : flags) {
    INFO(flag << " and " << key);
    const scenario::Parameter* row = scenario::find_parameter(key);
    REQUIRE(row != nullptr);
    REQUIRE(row->default_value);
    // CLI11 writes `--p FLOAT=0.002`; the table's literal of a string is quoted.
    std::string literal = scenario::to_toml_literal(*row->default_value);
    literal.erase(std::remove(literal.begin(), literal.end(), '"'), literal.end());
    const std::regex shown(std::string("\\n\\s+") + flag + " [A-Z]+=([^\\s]+)");
    std::smatch match;
    REQUIRE(std::regex_search(help.out, match, shown));
    if (row->kind == scenario::ValueKind::Float) {
      CHECK(std::stod(match[1].str()) == std::get<double>(*row->default_value));
    } else {
      CHECK(match[1].str() == literal);
    }
    // Bounds as well: the first value past a bound is refused, naming the key.
    if (row->maximum) {
      const std::string model = std::string(key).substr(6, std::string(key).find('.', 6) - 6);
      const auto beyond = run_adoptsim("run --model " + model + " " + flag + " " +
                                       std::to_string(*row->maximum + 1.0) + " -r 2 --horizon 7");
      CHECK(beyond.exit_status == 2);
      CHECK(beyond.err.find(std::string("(as ") + key + " in a scenario file)") != std::string::npos);
    }
  }
  // --weighted is a switch: on by default, as model.cascade.use_tie_weights.
  const scenario::Parameter* weights = scenario::find_parameter("model.cascade.use_tie_weights");
  REQUIRE(weights != nullptr);
  CHECK(std::get<bool>(*weights->default_value));
  const auto weighted = run_adoptsim("run --model cascade -r 4 --horizon 14 --seed 2");
  const auto explicit_weighted = run_adoptsim("run --model cascade --weighted -r 4 --horizon 14 --seed 2");
  const auto unweighted = run_adoptsim("run --model cascade --unweighted -r 4 --horizon 14 --seed 2");
  REQUIRE(weighted.exit_status == 0);
  REQUIRE(unweighted.exit_status == 0);
  CHECK(without_timing(weighted.out) == without_timing(explicit_weighted.out));
  CHECK(weighted.out.find("× tie weight") != std::string::npos);
  CHECK(unweighted.out.find("× tie weight") == std::string::npos);
}

TEST_CASE("run --model bass runs the model a file with model.kind = bass runs", "[e2e][cli]") {
  TempDirectory directory;
  const auto file = directory.path() / "bass.toml";
  adoptsim::testing::write_text(file, "schema_version = 1\n[model]\nkind = \"bass\"\n");
  const auto resolved = run_adoptsim("validate " + adoptsim::testing::quoted(file));
  INFO(resolved.err);
  REQUIRE(resolved.exit_status == 0);
  std::smatch p, q;
  REQUIRE(std::regex_search(resolved.out, p, std::regex("\ninnovation_p = ([0-9.e-]+)\n")));
  REQUIRE(std::regex_search(resolved.out, q, std::regex("\nimitation_q = ([0-9.e-]+)\n")));
  const auto by_flags = run_adoptsim("run --model bass -r 4 --horizon 7");
  INFO(by_flags.err);
  REQUIRE(by_flags.exit_status == 0);
  CHECK(by_flags.out.find("p = " + p[1].str() + "/day, q = " + q[1].str() + "/day") != std::string::npos);
}

TEST_CASE("scenario-run flags are refused by a reference model set by flags, not ignored",
          "[e2e][cli][bad-input]") {
  for (const char* flag : {"--set seed=3", "--series all", "--write-cohorts", "--key-file key.txt"}) {
    INFO(flag);
    const auto result = run_adoptsim(std::string("run --model bass -r 2 --horizon 7 ") + flag);
    CHECK(result.exit_status == 2);
    const std::string name = std::string(flag).substr(0, std::string(flag).find(' '));
    CHECK(result.err.find(name + " applies to scenario runs") != std::string::npos);
    CHECK(result.out.empty());
  }
}
