// `adoptsim champions`: the chosen people, the KPI table per rule, stable
// pseudonyms with a kept key, and bad flags.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "e2e/binary.hpp"

namespace {

namespace fs = std::filesystem;
using adoptsim::testing::read_file;
using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;

const std::string kKrackhardt =
    "'" + (fs::path(ADOPTSIM_SOURCE_DIR) / "scenarios/real/krackhardt.toml").string() + "'";

}  // namespace

TEST_CASE("champions --help shows an example", "[e2e][champions]") {
  const auto result = run_adoptsim("champions --help");
  CHECK(result.exit_status == 0);
  CHECK_THAT(result.out, Catch::Contains("Example:") && Catch::Contains("--k 12 --by pagerank"));
}

TEST_CASE("champions lists the chosen people and every rule's forecast", "[e2e][champions]") {
  TempDirectory dir;
  const std::string key = (dir.path() / "key").string();
  std::ofstream(key) << "0123456789abcdef0123456789abcdef\n";
  const auto result =
      run_adoptsim("champions " + kKrackhardt + " --k 4 --by betweenness -r 20 --key-file '" + key + "'");
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  CHECK_THAT(result.out, Catch::Contains("Champions: 4 by betweenness, executives excluded"));
  for (const char* rule :
       {"random", "degree", "betweenness", "pagerank", "eigenvector", "department_spanning"}) {
    CHECK_THAT(result.out, Catch::Contains(std::string("\n") + rule + " "));
  }
  CHECK_THAT(result.out, Catch::Contains("P(beats random)") && Catch::Contains("(baseline)"));
  CHECK_THAT(result.out, Catch::Contains("1    p"));
  // The same key gives the same pseudonyms; --show-ids shows the file's ids.
  const auto again =
      run_adoptsim("champions " + kKrackhardt + " --k 4 --by betweenness -r 20 --key-file '" + key + "'");
  CHECK(again.out == result.out);
  const auto ids =
      run_adoptsim("champions " + kKrackhardt + " --k 4 --by betweenness -r 5 --rules degree --show-ids");
  CHECK(ids.exit_status == 0);
  CHECK_THAT(ids.out, Catch::Contains("real ids shown"));
  CHECK_THAT(ids.out, !Catch::Contains("1    p"));
}

TEST_CASE("champions keeps its key where the user says, never beside the results", "[e2e][champions]") {
  TempDirectory dir;
  const std::string output = (dir.path() / "out").string();
  // -o without a named key: the key would have to travel with the results.
  const auto unnamed =
      run_adoptsim("champions " + kKrackhardt + " --k 3 -r 5 --rules pagerank -o '" + output + "'");
  CHECK(unnamed.exit_status == 2);
  CHECK_THAT(unnamed.err, Catch::Contains("name where it lives with --key-file FILE"));
  CHECK_FALSE(fs::exists(output));
  // A key file inside the output directory is refused.
  const auto inside = run_adoptsim("champions " + kKrackhardt + " --k 3 -r 5 --rules pagerank -o '" + output +
                                   "' --key-file '" + output + "/pseudonym.key'");
  CHECK(inside.exit_status == 2);
  CHECK_THAT(inside.err, Catch::Contains("is inside the output directory"));
  CHECK_FALSE(fs::exists(output));

  // A named key that does not exist yet is made (mode 0600) and reused.
  const fs::path key = dir.path() / "keys" / "client.key";
  fs::create_directories(key.parent_path());
  const std::string flags =
      " --k 3 -r 5 --rules pagerank --key-file '" + key.string() + "' -o '" + output + "'";
  const auto first = run_adoptsim("champions " + kKrackhardt + flags);
  INFO(first.err);
  REQUIRE(first.exit_status == 0);
  CHECK_THAT(first.out, Catch::Contains("pseudonyms keyed by a new key, kept in " + key.string()));
  CHECK((fs::status(key).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  const std::string table = read_file(fs::path(output) / "champions.csv");
  CHECK_THAT(table, Catch::StartsWith("rule,rank,person,department,role,degree,betweenness,pagerank"));
  // Random champions are drawn anew in every replicate: no one set is listed as "random".
  CHECK(table.find("\nrandom,") == std::string::npos);
  CHECK(table.find("\npagerank,1,") != std::string::npos);
  CHECK_FALSE(fs::exists(fs::path(output) / "pseudonym.key"));
  const auto second = run_adoptsim("champions " + kKrackhardt + flags + " --force");
  REQUIRE(second.exit_status == 0);
  CHECK_THAT(second.out, Catch::Contains("pseudonyms keyed by " + key.string()));
  CHECK(read_file(fs::path(output) / "champions.csv") == table);
}

TEST_CASE("champions reports each rule's mean and its paired difference from a redrawn random baseline",
          "[e2e][champions]") {
  const auto result = run_adoptsim("champions " + kKrackhardt + " --k 4 -r 40 --rules degree --show-ids");
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  CHECK_THAT(result.out, Catch::Contains("random: 4 initial adopters drawn at random from everyone in every "
                                         "replicate"));
  CHECK_THAT(result.out, Catch::Contains("mean - random [90% interval]"));
  // degree's row: mean, median, band, then "+0.123 [0.100, 0.150]" or with a minus sign.
  const auto row = result.out.find("\ndegree ");
  REQUIRE(row != std::string::npos);
  const std::string line = result.out.substr(row + 1, result.out.find('\n', row + 1) - row - 1);
  CHECK_THAT(
      line,
      Catch::Matches(
          R"(degree +[0-9.]+ +[0-9.]+ +[0-9.]+-[0-9.]+ +[+-][0-9.]+ \[-?[0-9.]+, -?[0-9.]+\] +[0-9.]+ +[0-9.]+)"));
}

TEST_CASE("the ids champions --show-ids prints are the ids a scenario names people by", "[e2e][champions]") {
  TempDirectory dir;
  const auto shown =
      run_adoptsim("champions " + kKrackhardt + " --k 2 --by degree -r 2 --rules degree --show-ids");
  INFO(shown.err);
  REQUIRE(shown.exit_status == 0);
  // The first ranked row: "1    <id>  <department> ...".
  const auto rank = shown.out.find("\n1    ");
  REQUIRE(rank != std::string::npos);
  const std::string id = shown.out.substr(rank + 6, shown.out.find(' ', rank + 6) - rank - 6);
  REQUIRE_FALSE(id.empty());
  const fs::path scenario = dir.path() / "named.toml";
  std::ofstream(scenario) << "extends = '"
                          << (fs::path(ADOPTSIM_SOURCE_DIR) / "scenarios/real/krackhardt.toml").string()
                          << "'\n[model.initial_adopters]\nrandom_count = 0\npeople = [\"" << id << "\"]\n";
  const auto run = run_adoptsim("run '" + scenario.string() + "' -r 2");
  INFO(run.err);
  CHECK(run.exit_status == 0);
  // A row position is not an id: Krackhardt's ids start at 1, so "0" is nobody.
  std::ofstream(scenario) << "extends = '"
                          << (fs::path(ADOPTSIM_SOURCE_DIR) / "scenarios/real/krackhardt.toml").string()
                          << "'\n[model.initial_adopters]\npeople = [\"0\"]\n";
  const auto wrong = run_adoptsim("run '" + scenario.string() + "' -r 2");
  CHECK(wrong.exit_status == 2);
  CHECK_THAT(wrong.err,
             Catch::Contains("named.toml:3:10: model.initial_adopters.people[0] = \"0\" is not a "
                             "person of the organisation; ids are matched exactly as attributes.csv "
                             "writes them"));
}

TEST_CASE("champions rejects impossible selections with exit status 2", "[e2e][champions]") {
  const auto too_many = run_adoptsim("champions " + kKrackhardt + " --k 30 -r 5");
  CHECK(too_many.exit_status == 2);
  CHECK_THAT(too_many.err,
             Catch::Contains(
                 "30 champions were asked for but the organisation has 16 people who are not executives"));
  const auto one_each = run_adoptsim("champions " + kKrackhardt + " --k 2 --one-per-department -r 5");
  CHECK(one_each.exit_status == 2);
  CHECK_THAT(one_each.err, Catch::Contains("one champion in each of the 4 departments"));
  const auto bad_rule = run_adoptsim("champions " + kKrackhardt + " --by charisma");
  CHECK(bad_rule.exit_status == 2);
  CHECK_THAT(bad_rule.err, Catch::Contains("--by charisma: expected random, degree"));
}

TEST_CASE("run --write-cohorts writes who was in each replicate's pilot and who its champions were",
          "[e2e][champions]") {
  TempDirectory dir;
  const std::string pilot =
      "'" + (fs::path(ADOPTSIM_SOURCE_DIR) / "scenarios/workplace/pilot_then_scale.toml").string() + "'";
  const fs::path output = dir.path() / "out";
  const auto run = run_adoptsim("run " + pilot + " -r 3 --write-cohorts -o '" + output.string() + "'");
  INFO(run.err);
  REQUIRE(run.exit_status == 0);
  const std::string table = read_file(output / "rollout_people.csv");
  // 12 pilot members who become the champions, in each of 3 replicates, drawn anew each time.
  std::map<std::string, std::set<std::string>> members;
  std::istringstream lines(table);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "scenario,replicate,group,person");
  while (std::getline(lines, line)) {
    const auto first = line.find(','), second = line.find(',', first + 1), third = line.find(',', second + 1);
    members[line.substr(first + 1, second - first - 1) + " " + line.substr(second + 1, third - second - 1)]
        .insert(line.substr(third + 1));
  }
  REQUIRE(members.size() == 6);
  for (const char* replicate : {"0", "1", "2"}) {
    CHECK(members[std::string(replicate) + " pilot"].size() == 12);
    CHECK(members[std::string(replicate) + " pilot"] == members[std::string(replicate) + " champion"]);
  }
  CHECK(members["0 pilot"] != members["1 pilot"]);

  const auto no_output = run_adoptsim("run " + pilot + " -r 3 --write-cohorts");
  CHECK(no_output.exit_status == 2);
  CHECK_THAT(no_output.err,
             Catch::Contains("--write-cohorts writes rollout_people.csv among the result files"));
}

TEST_CASE("rollout_people.csv of an import holds the same pseudonyms champions prints with the same key",
          "[e2e][champions]") {
  TempDirectory dir;
  const fs::path scenario = dir.path() / "named.toml";
  std::ofstream(scenario) << "extends = '"
                          << (fs::path(ADOPTSIM_SOURCE_DIR) / "scenarios/real/krackhardt.toml").string()
                          << "'\n[model]\nkind = \"workplace\"\n[strategy]\npreset = \"champion_network\"\n"
                             "champion_rule = \"named\"\nchampion_people = [\"2\", \"14\"]\n";
  const fs::path output = dir.path() / "out";
  const auto unkeyed =
      run_adoptsim("run '" + scenario.string() + "' -r 2 --write-cohorts -o '" + output.string() + "'");
  CHECK(unkeyed.exit_status == 2);
  CHECK_THAT(unkeyed.err, Catch::Contains("rollout_people.csv holds pseudonymised ids"));
  CHECK_FALSE(fs::exists(output));

  const fs::path key = dir.path() / "client.key";
  const auto run = run_adoptsim("run '" + scenario.string() + "' -r 2 --write-cohorts --key-file '" +
                                key.string() + "' -o '" + output.string() + "'");
  INFO(run.err);
  REQUIRE(run.exit_status == 0);
  CHECK(fs::exists(key));
  const std::string table = read_file(output / "rollout_people.csv");
  CHECK(table.find(",champion,2\n") == std::string::npos);  // never the file's own id
  // The named champions' pseudonyms, as champions --show-ids would not and champions with the key does.
  const auto listed = run_adoptsim("champions '" + scenario.string() +
                                   "' --k 21 --by degree -r 1 --rules degree "
                                   "--include-executives --key-file '" +
                                   key.string() + "'");
  INFO(listed.err);
  REQUIRE(listed.exit_status == 0);
  std::size_t found = 0;
  std::istringstream rows(table);
  std::string row;
  std::getline(rows, row);
  while (std::getline(rows, row)) {
    const std::string person = row.substr(row.rfind(',') + 1);
    CHECK(row.find(",champion,") != std::string::npos);
    found += listed.out.find(" " + person + " ") != std::string::npos ? 1 : 0;
  }
  CHECK(found == 4);  // 2 champions × 2 replicates, each also in champions' list of everyone
}
