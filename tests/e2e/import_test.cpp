// The real binary on imported organisations: inspect, dirty exports (exit 2,
// nothing written), personal data never in any output, and the scenarios on
// the two real networks.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "e2e/binary.hpp"

namespace {

namespace fs = std::filesystem;
using adoptsim::testing::quoted;
using adoptsim::testing::read_file;
using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;

const fs::path kSource = ADOPTSIM_SOURCE_DIR;
const fs::path kImportData = kSource / "tests/data/import";

// Every name, e-mail address and raw id of tests/data/import/people.csv.
std::vector<std::string> personal_data() {
  std::vector<std::string> values;
  std::ifstream in(kImportData / "people.csv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t comma = line.find(',');; comma = line.find(',', start)) {
      cells.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    REQUIRE(cells.size() >= 3);
    values.push_back(cells[1]);  // full name
    values.push_back(cells[2]);  // e-mail
    // Surnames alone, and the e-mail's user part.
    values.push_back(cells[1].substr(cells[1].find(' ') + 1));
    values.push_back(cells[2].substr(0, cells[2].find('@')));
  }
  return values;
}

void check_no_personal_data(const fs::path& directory) {
  const auto secrets = personal_data();
  REQUIRE(secrets.size() == 48);
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string text = read_file(entry.path());
    for (const std::string& secret : secrets) {
      INFO(entry.path().string() + " contains \"" + secret + "\"");
      CHECK(text.find(secret) == std::string::npos);
    }
    CHECK(text.find("@example.com") == std::string::npos);
  }
  CHECK(files > 0);
}

}  // namespace

TEST_CASE("org inspect describes an imported CSV and GraphML as a generated organisation", "[e2e][import]") {
  TempDirectory dir;
  {
    std::ofstream(dir.path() / "people.csv")
        << "id,manager_id,department\nA,,Eng\nB,A,Eng\nC,A,Sales\nD,B,Eng\n";
    std::ofstream(dir.path() / "ties.csv") << "source,target,weight\nC,D,0.5\nD,C,0.8\n";
  }
  const auto result = run_adoptsim("org inspect " + quoted(dir.path() / "people.csv") + " --ties " +
                                   quoted(dir.path() / "ties.csv"));
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  CHECK_THAT(result.out, Catch::Contains("(csv): 4 people, 2 departments, 1 ties") &&
                             Catch::Contains("Hierarchy depth: 3 levels") &&
                             Catch::Contains("tie rows read: 2") && Catch::Contains("collaboration: 1"));
  const auto graphml = run_adoptsim("org inspect " + quoted(kImportData / "org.graphml"));
  CHECK(graphml.exit_status == 0);
  CHECK_THAT(graphml.out, Catch::Contains("(graphml): 4 people, 3 departments, 2 ties"));
  CHECK_THAT(graphml.out, !Catch::Contains("Ada Lovelace"));
  const auto scenario = run_adoptsim("org inspect " + quoted(kImportData / "scenario.toml"));
  CHECK(scenario.exit_status == 0);
  CHECK_THAT(scenario.out, Catch::Contains("12 people, 4 departments") &&
                               Catch::Contains("numeric attributes kept: tenure relevance_override"));
}

TEST_CASE("a dirty export is reported in full, exits 2 and nothing is written", "[e2e][import]") {
  TempDirectory dir;
  {
    std::ofstream(dir.path() / "people.csv", std::ios::binary)
        << "id,manager_id,department\r\nE1,,Eng\r\nE2,E1,Eng\r\nE2,E1,Eng\r\nE3,E0451,\r\n";
    std::ofstream(dir.path() / "ties.csv", std::ios::binary)
        << "source,target,weight\nE1,E2,x\nE1,E9,1\nE2,E2,1\n";
    std::ofstream(dir.path() / "scenario.toml")
        << "extends = \"" << (kSource / "scenarios/base.toml").string()
        << "\"\n[organisation]\nsource = \"file\"\nfile = \"people.csv\"\nties_file = \"ties.csv\"\n";
  }
  const fs::path output = dir.path() / "out";
  const auto result =
      run_adoptsim("run " + quoted(dir.path() / "scenario.toml") + " -r 3 -o " + quoted(output));
  CHECK(result.exit_status == 2);
  const std::string people = (dir.path() / "people.csv").string();
  const std::string ties = (dir.path() / "ties.csv").string();
  CHECK_THAT(result.err, Catch::Contains(people + ":4:1: id \"E2\" appears again (first on line 3)"));
  CHECK_THAT(result.err, Catch::Contains(people + ":5:2: manager_id \"E0451\" names nobody in the file"));
  CHECK_THAT(result.err, Catch::Contains(people + ":5:3: the department cell of \"E3\" is empty"));
  CHECK_THAT(result.err, Catch::Contains(ties + ":2:3: weight \"x\" is not a number"));
  CHECK_THAT(result.err, Catch::Contains(ties + ":3:2: target \"E9\" names nobody"));
  CHECK_THAT(result.err, Catch::Contains("Nothing was run or written."));
  CHECK_FALSE(fs::exists(output));

  const auto inspect = run_adoptsim("org inspect " + quoted(dir.path() / "people.csv"));
  CHECK(inspect.exit_status == 2);
  const auto semicolons = [&] {
    std::ofstream(dir.path() / "semi.csv") << "id;department\nA;X\n";
    return run_adoptsim("org inspect " + quoted(dir.path() / "semi.csv"));
  }();
  CHECK(semicolons.exit_status == 2);
  CHECK_THAT(semicolons.err, Catch::Contains("separated by semicolons (;), not commas"));
}

TEST_CASE("a scenario naming a missing organisation file fails validation", "[e2e][import]") {
  TempDirectory dir;
  std::ofstream(dir.path() / "s.toml") << "[organisation]\nsource = \"file\"\nfile = \"missing.csv\"\n";
  const auto result = run_adoptsim("validate " + quoted(dir.path() / "s.toml"));
  CHECK(result.exit_status == 2);
  CHECK_THAT(result.err, Catch::Contains("s.toml:3:8: organisation.file names a file that cannot be read") &&
                             Catch::Contains("missing.csv"));
}

TEST_CASE("no output of a run on an import with names contains a name or e-mail address", "[e2e][import]") {
  TempDirectory dir;
  const fs::path runs = dir.path() / "run";
  const auto run = run_adoptsim("run " + quoted(kImportData / "scenario.toml") + " -r 4 --per-replicate -o " +
                                quoted(runs));
  INFO(run.err);
  REQUIRE(run.exit_status == 0);
  CHECK_THAT(run.out, Catch::Contains("12 people"));
  // The import's warnings are said before the run.
  CHECK_THAT(run.err, Catch::Contains("ties.csv: warning: 1 self-ties"));
  const fs::path champions = dir.path() / "champions";
  const fs::path key = dir.path() / "client.key";
  const auto chosen = run_adoptsim("champions " + quoted(kImportData / "scenario.toml") + " --k 3 -r 4 -o " +
                                   quoted(champions) + " --key-file " + quoted(key));
  INFO(chosen.err);
  REQUIRE(chosen.exit_status == 0);
  std::ofstream(dir.path() / "stdout.txt") << run.out << run.err << chosen.out << chosen.err;
  check_no_personal_data(dir.path());
  // Ids are pseudonymised too, and the generated key is kept where the user said, not beside the outputs.
  const std::string table = read_file(champions / "champions.csv");
  CHECK(table.find(",E0") == std::string::npos);
  CHECK(chosen.out.find(" E0") == std::string::npos);
  CHECK_FALSE(fs::exists(champions / "pseudonym.key"));
  CHECK(fs::exists(key));
  CHECK((fs::status(key).permissions() & fs::perms::group_all) == fs::perms::none);
}

TEST_CASE("the scenarios on the real networks run", "[e2e][import]") {
  for (const char* name : {"email_eu_core", "krackhardt"}) {
    INFO(name);
    const auto result =
        run_adoptsim("run " + quoted(kSource / "scenarios/real" / (std::string(name) + ".toml")) + " -r 5");
    INFO(result.err);
    CHECK(result.exit_status == 0);
    CHECK_THAT(result.out, Catch::Contains(std::string(name) == "krackhardt" ? "21 people" : "1005 people"));
  }
}
