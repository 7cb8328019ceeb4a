// The real binary on dirty HR exports: validate reads the organisation's data
// files as run does, missing columns, leavers as managers, department
// spellings, roles from job titles, unclosed quotes, GraphML problems and
// files that are not regular files; names and e-mail addresses never appear.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "e2e/binary.hpp"

namespace {

namespace fs = std::filesystem;
using adoptsim::testing::CommandResult;
using adoptsim::testing::quoted;
using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;

const fs::path kSource = ADOPTSIM_SOURCE_DIR;
const fs::path kImportData = kSource / "tests/data/import";

// Every name and e-mail address of tests/data/import/dirty_people.csv (columns 2 and 3).
std::vector<std::string> personal_data() {
  std::vector<std::string> values;
  std::ifstream in(kImportData / "dirty_people.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const std::size_t first = line.find(',');
    const std::size_t second = line.find(',', first + 1);
    const std::size_t third = line.find(',', second + 1);
    const std::string name = line.substr(first + 1, second - first - 1);
    const std::string mail = line.substr(second + 1, third - second - 1);
    values.push_back(name);
    values.push_back(name.substr(name.find(' ') + 1));  // the surname alone
    values.push_back(mail);
    values.push_back(mail.substr(0, mail.find('@')));
  }
  return values;
}

void check_no_personal_data(const CommandResult& result) {
  static const std::vector<std::string> secrets = personal_data();
  REQUIRE(secrets.size() == 48);
  for (const std::string& secret : secrets) {
    INFO("the output contains \"" + secret + "\"");
    CHECK(result.out.find(secret) == std::string::npos);
    CHECK(result.err.find(secret) == std::string::npos);
  }
  CHECK(result.err.find("client.example") == std::string::npos);
}

// A scenario importing `people` (an absolute path) with `organisation` TOML lines added under [organisation].
fs::path write_scenario(const TempDirectory& dir, const std::string& name, const fs::path& people,
                        const std::string& organisation, const std::string& tables = {}) {
  const fs::path path = dir.path() / name;
  std::ofstream(path) << "extends = " << quoted(kSource / "scenarios/base.toml")
                      << "\nreplicates = 3\n[organisation]\nsource = \"file\"\nfile = " << quoted(people)
                      << "\n"
                      << organisation << "\n"
                      << tables;
  return path;
}

const std::string kColumns =
    "[organisation.columns]\nid = \"Employee ID\"\ndepartment = \"Department\"\nmanager_id = \"Reports "
    "To\"\n";

}  // namespace

TEST_CASE("validate reads the organisation's data files as run does, and --no-data skips them",
          "[e2e][import]") {
  TempDirectory dir;
  const fs::path people = kImportData / "dirty_people.csv";
  // Without a manager column mapping: every missing column at once, with the closest.
  const fs::path unmapped =
      write_scenario(dir, "unmapped.toml", people, "",
                     "[organisation.columns]\nid = \"Employee ID\"\ndepartment = \"Dept\"\n");
  const auto missing = run_adoptsim("validate " + quoted(unmapped));
  INFO(missing.err);
  CHECK(missing.exit_status == 2);
  CHECK(missing.out.empty());
  CHECK_THAT(missing.err, Catch::Contains(people.string() + ":1: has no department column \"Dept\"") &&
                              Catch::Contains("the closest is \"Department\""));
  CHECK_THAT(missing.err, Catch::Contains(people.string() + ":1: has no manager_id column \"manager_id\"") &&
                              Catch::Contains("the closest is \"Reports To\"") &&
                              Catch::Contains("manager_id = \"\""));
  CHECK(missing.err.find("\"Employee ID\": map") == std::string::npos);
  check_no_personal_data(missing);
  CHECK(run_adoptsim("validate --no-data " + quoted(unmapped)).exit_status == 0);
  // run says the same, and nothing is written.
  const fs::path output = dir.path() / "out";
  const auto run = run_adoptsim("run " + quoted(unmapped) + " -o " + quoted(output));
  CHECK(run.exit_status == 2);
  CHECK_THAT(run.err, Catch::Contains("has no department column \"Dept\""));
  CHECK_FALSE(fs::exists(output));

  // Leavers as managers: an error at each cell by default.
  const fs::path leavers = write_scenario(dir, "leavers.toml", people, "", kColumns);
  const auto unknown = run_adoptsim("validate " + quoted(leavers));
  CHECK(unknown.exit_status == 2);
  CHECK_THAT(unknown.err,
             Catch::Contains(people.string() + ":9:5: manager_id \"E999\" names nobody in the file") &&
                 Catch::Contains(people.string() + ":11:5: manager_id \"E998\" names nobody") &&
                 Catch::Contains("unknown_manager = \"root\""));
  check_no_personal_data(unknown);
  CHECK(run_adoptsim("validate --no-data " + quoted(leavers)).exit_status == 0);
}

TEST_CASE(
    "a dirty export mapped with aliases, role rules and unknown_manager = root runs, and says what it did",
    "[e2e][import]") {
  const fs::path scenario = kImportData / "dirty_export.toml";
  const auto validate = run_adoptsim("validate " + quoted(scenario));
  INFO(validate.err);
  REQUIRE(validate.exit_status == 0);
  const std::string people = (kImportData / "dirty_people.csv").string();
  const auto check_warnings = [&](const std::string& err) {
    CHECK_THAT(err,
               Catch::Contains(people + ":9:5: warning: 2 people's manager_id names nobody in the file"));
    CHECK_THAT(err,
               Catch::Contains("organisation.role_rules gave 5 people their role (4 executive, 1 manager, 0 "
                               "individual_contributor); 7 job titles matched no rule"));
    CHECK(err.find("department_aliases] with") == std::string::npos);  // the aliases merged every variant
  };
  check_warnings(validate.err);
  CHECK_THAT(validate.out,
             Catch::Contains("department_aliases = { Eng = \"Engineering\", HR = \"Human Resources\", "
                             "engineering = \"Engineering\" }"));
  check_no_personal_data(validate);
  TempDirectory dir;
  const auto run = run_adoptsim("run " + quoted(scenario) + " -r 3 -o " + quoted(dir.path() / "out"));
  INFO(run.err);
  REQUIRE(run.exit_status == 0);
  check_warnings(run.err);
  check_no_personal_data(run);
  const auto inspect = run_adoptsim("org inspect " + quoted(scenario));
  REQUIRE(inspect.exit_status == 0);
  CHECK_THAT(inspect.out, Catch::Contains("12 people, 4 departments") && Catch::Contains("executive: 5") &&
                              Catch::Contains("Engineering             5"));
  check_no_personal_data(inspect);
  for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
    if (!entry.is_regular_file()) continue;
    const std::string text = adoptsim::testing::read_file(entry.path());
    CHECK(text.find("client.example") == std::string::npos);
    CHECK(text.find("Zenobia") == std::string::npos);
  }

  // Without the aliases, the near-duplicate departments are pointed out.
  TempDirectory plain;
  const fs::path without =
      write_scenario(plain, "plain.toml", people, "unknown_manager = \"root\"", kColumns);
  const auto warned = run_adoptsim("validate " + quoted(without));
  CHECK(warned.exit_status == 0);
  CHECK_THAT(warned.err,
             Catch::Contains(
                 "department \"Eng\" (1 person) looks like an abbreviation of \"Engineering\" (3 people)") &&
                 Catch::Contains("\"Eng\" = \"Engineering\""));
  CHECK_THAT(warned.err,
             Catch::Contains(
                 "department \"HR\" (1 person) looks like the initials of \"Human Resources\" (1 person)"));
  check_no_personal_data(warned);
}

TEST_CASE("a role rule whose pattern is not a regular expression is an error at its key", "[e2e][import]") {
  TempDirectory dir;
  const fs::path scenario = write_scenario(dir, "s.toml", kImportData / "dirty_people.csv", "",
                                           kColumns +
                                               "[[organisation.role_rules]]\npattern = \"(?i)(vp\"\n"
                                               "role = \"executive\"\n[[organisation.role_rules]]\n"
                                               "pattern = \"x\"\nrole = \"boss\"\n");
  const auto result = run_adoptsim("validate " + quoted(scenario));
  CHECK(result.exit_status == 2);
  CHECK_THAT(result.err,
             Catch::Contains("s.toml:12:11: organisation.role_rules[0].pattern = \"(?i)(vp\" is not a "
                             "valid regular expression"));
  CHECK_THAT(result.err,
             Catch::Contains("s.toml:16:8: organisation.role_rules[1].role = \"boss\" is not a known "
                             "choice"));
}

TEST_CASE("a quoted field that never closes is an error at the line it opens, not a silent import",
          "[e2e][import]") {
  TempDirectory dir;
  const fs::path people = dir.path() / "people.csv";
  std::ofstream(people) << "id,manager_id,department\nA,,Eng\nB,A,\"Sales\nC,A,Eng\nD,B,Eng\n";
  const auto result = run_adoptsim("org inspect " + quoted(people));
  CHECK(result.exit_status == 2);
  CHECK_THAT(result.err,
             Catch::Contains(people.string() + ":3: a quoted field opens on this line and never closes"));
}

TEST_CASE("GraphML problems are named with file, line and column", "[e2e][import]") {
  TempDirectory dir;
  const fs::path file = dir.path() / "org.graphml";
  std::ofstream(file) << "<?xml version=\"1.0\"?>\n<graphml>\n"
                         "  <key id=\"d0\" for=\"node\" attr.name=\"department\"/>\n"
                         "  <key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n"
                         "  <graph edgedefault=\"undirected\">\n"
                         "    <node id=\"a\"><data key=\"d0\">X</data></node>\n"
                         "    <node id=\"a\"><data key=\"d0\">X</data></node>\n"
                         "    <edge source=\"a\" target=\"ghost\"/>\n"
                         "    <edge source=\"a\" target=\"a\"><data key=\"w\">NaN</data></edge>\n"
                         "  </graph>\n</graphml>\n";
  const auto result = run_adoptsim("org inspect " + quoted(file));
  INFO(result.err);
  CHECK(result.exit_status == 2);
  CHECK_THAT(result.err, Catch::Contains(file.string() + ": has no manager_id column"));
  TempDirectory scenario_dir;
  const fs::path scenario = scenario_dir.path() / "s.toml";
  std::ofstream(scenario) << "extends = " << quoted(kSource / "scenarios/base.toml")
                          << "\n[organisation]\nsource = \"file\"\nformat = \"graphml\"\nfile = "
                          << quoted(file) << "\n[organisation.columns]\nmanager_id = \"\"\n";
  const auto validate = run_adoptsim("validate " + quoted(scenario));
  INFO(validate.err);
  CHECK(validate.exit_status == 2);
  CHECK_THAT(validate.err, Catch::Contains(file.string() + ":7:5: id \"a\" appears again (first on line 6)"));
  CHECK_THAT(validate.err,
             Catch::Contains(file.string() + ":8:5: edge \"a\" -> \"ghost\": target \"ghost\" is not a "
                                             "declared <node>"));
  CHECK_THAT(validate.err,
             Catch::Contains(file.string() + ":9:5: edge \"a\" -> \"a\": weight \"NaN\" is not a number"));
  CHECK(validate.err.find("unspecified file") == std::string::npos);
  std::ofstream(file, std::ios::trunc) << "";
  const auto empty = run_adoptsim("validate " + quoted(scenario));
  CHECK(empty.exit_status == 2);
  CHECK_THAT(empty.err, Catch::Contains(file.string() + ": is empty; expected a GraphML document"));
}

TEST_CASE("an organisation file that is a FIFO, a directory or a device is an error naming it, never a hang",
          "[e2e][import]") {
  TempDirectory dir;
  const fs::path fifo = dir.path() / "people.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto inspect = run_adoptsim("org inspect " + quoted(fifo));
  CHECK(inspect.exit_status == 2);
  CHECK_THAT(inspect.err, Catch::Contains(fifo.string() + ": is a pipe (FIFO)"));
  for (const fs::path& file : {fifo, dir.path(), fs::path("/dev/zero")}) {
    const fs::path scenario = write_scenario(dir, "s.toml", file, "");
    const auto validate = run_adoptsim("validate " + quoted(scenario));
    INFO(validate.err);
    CHECK(validate.exit_status == 2);
    CHECK_THAT(validate.err,
               Catch::Contains("organisation.file names a file that cannot be read: " + file.string()));
  }
  const fs::path people = dir.path() / "ok.csv";
  std::ofstream(people) << "id,manager_id,department\nA,,X\n";
  const fs::path keyed = write_scenario(dir, "k.toml", people, "pseudonym_key_file = " + quoted(fifo));
  const auto key = run_adoptsim("validate " + quoted(keyed));
  CHECK(key.exit_status == 2);
  CHECK_THAT(key.err, Catch::Contains("organisation.pseudonym_key_file names a file that cannot be read") &&
                          Catch::Contains("is a pipe (FIFO)"));
}
