// `adoptsim champions`: the chosen people, the KPI table per rule, stable
// pseudonyms with a kept key, and bad flags.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

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

TEST_CASE("champions keeps a generated key beside its outputs and reuses it", "[e2e][champions]") {
  TempDirectory dir;
  const std::string output = (dir.path() / "out").string();
  const auto first =
      run_adoptsim("champions " + kKrackhardt + " --k 3 -r 5 --rules pagerank -o '" + output + "'");
  REQUIRE(first.exit_status == 0);
  const std::string table = read_file(fs::path(output) / "champions.csv");
  CHECK_THAT(table, Catch::StartsWith("rule,rank,person,department,role,degree,betweenness,pagerank"));
  const auto second =
      run_adoptsim("champions " + kKrackhardt + " --k 3 -r 5 --rules pagerank --force -o '" + output + "'");
  REQUIRE(second.exit_status == 0);
  CHECK_THAT(second.out, Catch::Contains("kept from an earlier run"));
  CHECK(read_file(fs::path(output) / "champions.csv") == table);
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
