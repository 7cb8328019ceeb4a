// import_organisation: the formats, the stated rules (roles, undirected ties,
// derived ties), every kind of data problem, pseudonyms, and the two real
// networks in ../shared/datasets against the counts in their SOURCES.md.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>

#include "adoptsim/org/import.hpp"
#include "adoptsim/org/stats.hpp"
#include "e2e/binary.hpp"

namespace {

namespace fs = std::filesystem;
using adoptsim::org::DerivedTies;
using adoptsim::org::ImportedOrganisation;
using adoptsim::org::ImportError;
using adoptsim::org::ImportFormat;
using adoptsim::org::ImportIssue;
using adoptsim::org::ImportOptions;
using adoptsim::org::kNoPerson;
using adoptsim::org::PersonId;
using adoptsim::org::Role;
using adoptsim::org::TieKind;
using adoptsim::testing::TempDirectory;

fs::path write(const TempDirectory& dir, const std::string& name, const std::string& text) {
  const fs::path path = dir.path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

ImportOptions csv(const fs::path& people, std::optional<fs::path> ties = std::nullopt) {
  ImportOptions options;
  options.file = people;
  options.ties_file = std::move(ties);
  return options;
}

// The issues import_organisation throws; fails the test when it succeeds.
std::vector<ImportIssue> errors_of(const ImportOptions& options) {
  try {
    adoptsim::org::import_organisation(options);
  } catch (const ImportError& error) {
    return error.issues();
  }
  FAIL("the import succeeded but should have failed");
  return {};
}

std::string all_text(const std::vector<ImportIssue>& issues) {
  std::string text;
  for (const ImportIssue& issue : issues) text += issue.text() + "\n";
  return text;
}

PersonId person_with_id(const ImportedOrganisation& org, const std::string& id) {
  const auto found = std::find(org.external_ids.begin(), org.external_ids.end(), id);
  REQUIRE(found != org.external_ids.end());
  return static_cast<PersonId>(found - org.external_ids.begin());
}

float weight_between(const adoptsim::org::OrgGraph& graph, PersonId a, PersonId b, TieKind* kind = nullptr) {
  const auto neighbours = graph.neighbours(a);
  for (std::size_t i = 0; i < neighbours.size(); ++i) {
    if (neighbours[i] == b) {
      if (kind != nullptr) *kind = graph.tie_kinds(a)[i];
      return graph.tie_weights(a)[i];
    }
  }
  return -1.0f;
}

const std::string kPeople =
    "department,id,role,manager_id,name,email,score\n"
    "Exec,A,,,Ada Smith,ada@example.com,1\n"
    "Eng,B,,A,Bob Jones,bob@example.com,2.5\n"
    "Eng,C,ic,B,Cy Young,cy@example.com,\n"
    "Eng,D,,B,Di Lane,di@example.com,4\n"
    "Sales,E,Manager,A,Ed Wu,ed@example.com,5\n";

}  // namespace

TEST_CASE("a people CSV with columns in any order imports with the stated role rule", "[org][import]") {
  TempDirectory dir;
  const ImportedOrganisation org = adoptsim::org::import_organisation(csv(write(dir, "people.csv", kPeople)));
  const auto& graph = org.graph;
  REQUIRE(graph.person_count() == 5);
  CHECK(graph.department_count() == 3);
  const PersonId a = person_with_id(org, "A"), b = person_with_id(org, "B"), c = person_with_id(org, "C"),
                 d = person_with_id(org, "D"), e = person_with_id(org, "E");
  // Derived: a root with reports is an executive, someone with reports a manager.
  CHECK(graph.role(a) == Role::Executive);
  CHECK(graph.role(b) == Role::Manager);
  CHECK(graph.role(c) == Role::IndividualContributor);
  CHECK(graph.role(d) == Role::IndividualContributor);
  CHECK(graph.role(e) == Role::Manager);  // stated in the file, though without reports
  CHECK(graph.manager(c) == b);
  CHECK(graph.manager(a) == kNoPerson);
  CHECK(org.reporting_roots == 1);
  // Without a ties file: reporting lines (4) and teammates (B-E under A, C-D under B).
  CHECK(org.ties.derived_reporting == 4);
  CHECK(org.ties.derived_teammate == 2);
  TieKind kind{};
  CHECK(weight_between(graph, c, d, &kind) == Approx(0.7f));
  CHECK(kind == TieKind::Teammate);
  CHECK(weight_between(graph, c, b, &kind) == Approx(1.0f));
  CHECK(kind == TieKind::ReportingLine);
  CHECK(graph.tie_count() == 6);
  // Numeric columns are kept; names and e-mails are not read at all.
  REQUIRE(org.attribute_names == std::vector<std::string>{"score"});
  CHECK(org.attributes[0][b] == Approx(2.5));
  CHECK(std::isnan(org.attributes[0][c]));
  for (const auto& id : org.external_ids) CHECK(id.find('@') == std::string::npos);
  CHECK(org.warnings.empty());
}

TEST_CASE("a column map reads exports whose headers differ", "[org][import]") {
  TempDirectory dir;
  ImportOptions options = csv(write(dir, "people.csv",
                                    "Employee ID,Org Unit,Reports To\n"
                                    "1,Eng,\n2,Eng,1\n3,Eng,1\n"));
  options.columns.id = "Employee ID";
  options.columns.department = "org unit";  // matched ignoring case
  options.columns.manager_id = "Reports To";
  const ImportedOrganisation org = adoptsim::org::import_organisation(options);
  CHECK(org.graph.person_count() == 3);
  CHECK(org.graph.manager(person_with_id(org, "2")) == person_with_id(org, "1"));
}

TEST_CASE("ties are made undirected: the largest weight of both directions, self-ties dropped",
          "[org][import]") {
  TempDirectory dir;
  const fs::path people = write(dir, "people.csv", "id,department\nA,X\nB,X\nC,Y\n");
  const fs::path ties = write(dir, "ties.csv",
                              "source,target,weight,kind\n"
                              "A,B,2,\n"
                              "B,A,5,collaboration\n"
                              "A,C,,\n"
                              "C,C,1,\n"
                              "B,C,0,\n");
  const ImportedOrganisation org = adoptsim::org::import_organisation(csv(people, ties));
  const PersonId a = person_with_id(org, "A"), b = person_with_id(org, "B"), c = person_with_id(org, "C");
  CHECK(org.graph.tie_count() == 2);
  CHECK(weight_between(org.graph, a, b) == Approx(5.0f));
  CHECK(weight_between(org.graph, b, a) == Approx(5.0f));
  CHECK(weight_between(org.graph, a, c) == Approx(1.0f));  // default weight
  CHECK(weight_between(org.graph, b, c) < 0.0f);           // weight 0: no tie
  CHECK(org.ties.rows == 5);
  CHECK(org.ties.self_ties_dropped == 1);
  CHECK(org.ties.zero_weight_dropped == 1);
  CHECK(org.ties.merged == 1);
  // With a ties file, hierarchy ties are derived only when asked.
  CHECK(org.ties.derived_reporting == 0);
  REQUIRE(org.warnings.size() == 1);
  CHECK_THAT(org.warnings[0].text(), Catch::Contains("1 self-ties") && Catch::Contains("dropped"));
}

TEST_CASE("within-department small-world ties can be added to an import, deterministically",
          "[org][import]") {
  TempDirectory dir;
  std::string text = "id,department\n";
  for (int i = 0; i < 40; ++i) text += "P" + std::to_string(i) + "," + (i < 25 ? "A" : "B") + "\n";
  ImportOptions options = csv(write(dir, "people.csv", text));
  options.derived_ties = DerivedTies::Never;
  options.department_ties_per_person = 4;
  options.seed = 7;
  const ImportedOrganisation first = adoptsim::org::import_organisation(options);
  const ImportedOrganisation second = adoptsim::org::import_organisation(options);
  CHECK(first.ties.added_department == 40 * 2);
  CHECK(first.graph.tie_count() == second.graph.tie_count());
  const auto stats = adoptsim::org::compute_stats(first.graph);
  CHECK(stats.ties_by_kind[static_cast<int>(TieKind::Department)] == first.graph.tie_count());
  CHECK(stats.cross_department_tie_share == 0.0);
  CHECK(stats.degree.mean == Approx(4.0).margin(0.5));
}

TEST_CASE("a byte order mark, CRLF line ends and quoted cells are accepted", "[org][import]") {
  TempDirectory dir;
  const ImportedOrganisation org =
      adoptsim::org::import_organisation(csv(write(dir, "people.csv",
                                                   "\xEF\xBB\xBFid,department,name\r\n"
                                                   "A,\"Research, Europe\",\"Smith, \"\"Ada\"\"\"\r\n"
                                                   "B,Sales,Bob\r\n")));
  REQUIRE(org.graph.person_count() == 2);
  CHECK(org.external_ids[0] == "A");
  CHECK(org.graph.department_name(org.graph.department(0)) == "Research, Europe");
}

TEST_CASE("data problems are all reported in one pass with file, line and column", "[org][import]") {
  TempDirectory dir;
  SECTION("duplicate ids, unknown managers, empty departments and bad roles together") {
    const fs::path people = write(dir, "people.csv",
                                  "id,manager_id,department,role\n"
                                  "E1,,Eng,\n"
                                  "E2,E1,Eng,\n"
                                  "E2,E1,Eng,\n"
                                  "E3,E0451,Eng,\n"
                                  "E4,E1,,\n"
                                  "E5,E1,Eng,wizard\n");
    const auto issues = errors_of(csv(people));
    const std::string text = all_text(issues);
    INFO(text);
    CHECK_THAT(text, Catch::Contains(people.string() + ":4:1: id \"E2\" appears again (first on line 3)"));
    CHECK_THAT(text,
               Catch::Contains(people.string() +
                               ":5:2: manager_id \"E0451\" names nobody in the file; check the export or "
                               "leave manager_id empty for people at the top"));
    CHECK_THAT(text, Catch::Contains(people.string() + ":6:3: the department cell of \"E4\" is empty"));
    CHECK_THAT(text, Catch::Contains(people.string() + ":7:4: role \"wizard\" is not a role"));
    CHECK(issues.size() == 4);
  }
  SECTION("a reporting cycle") {
    const fs::path people = write(dir, "people.csv", "id,manager_id,department\nA,,X\nB,D,X\nC,B,X\nD,C,X\n");
    const std::string text = all_text(errors_of(csv(people)));
    CHECK_THAT(text, Catch::Contains(":3:2: the reporting line loops:") && Catch::Contains("\"B\"") &&
                         Catch::Contains("\"C\"") && Catch::Contains("\"D\""));
  }
  SECTION("a person who manages themself") {
    const fs::path people = write(dir, "people.csv", "id,manager_id,department\nA,A,X\n");
    CHECK_THAT(all_text(errors_of(csv(people))),
               Catch::Contains(":2:2: manager_id \"A\" is the person themself"));
  }
  SECTION("ties to unknown people and non-numeric or negative weights") {
    const fs::path people = write(dir, "people.csv", "id,department\nA,X\nB,X\n");
    const fs::path ties =
        write(dir, "ties.csv", "source,target,weight\nA,B,1\nA,Z9,1\nA,B,heavy\nB,A,-2\nA,B,\"1,5\"\n");
    const auto issues = errors_of(csv(people, ties));
    const std::string text = all_text(issues);
    INFO(text);
    CHECK_THAT(text, Catch::Contains(ties.string() + ":3:2: target \"Z9\" names nobody"));
    CHECK_THAT(text, Catch::Contains(ties.string() + ":4:3: weight \"heavy\" is not a number"));
    CHECK_THAT(text, Catch::Contains(ties.string() + ":5:3: weight -2 is negative"));
    CHECK_THAT(text, Catch::Contains(ties.string() + ":6:3: weight \"1,5\" is not a number"));
    CHECK(issues.size() == 4);
  }
  SECTION("a header separated by semicolons or tabs names the delimiter") {
    const auto semicolons = all_text(errors_of(csv(write(dir, "a.csv", "id;department\nA;X\n"))));
    CHECK_THAT(semicolons,
               Catch::Contains("a.csv:1:1: the header is separated by semicolons (;), not commas"));
    const auto tabs = all_text(errors_of(csv(write(dir, "b.csv", "id\tdepartment\nA\tX\n"))));
    CHECK_THAT(tabs, Catch::Contains("b.csv:1:1: the header is separated by tabs, not commas"));
  }
  SECTION("a file that is not UTF-8 is reported with its line and byte offset") {
    // "Zoë" in Windows-1252 on line 3: the byte 0xEB at offset 26.
    const fs::path people = write(dir, "people.csv", "id,department\nA,Sales\nB,Zo\xEB\n");
    const auto issues = errors_of(csv(people));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].line == 3);
    REQUIRE(issues[0].byte_offset.has_value());
    CHECK(*issues[0].byte_offset == 26);
    CHECK_THAT(issues[0].text(),
               Catch::Contains("is not UTF-8: byte 0xEB at byte offset 26") && Catch::Contains("iconv"));
  }
  SECTION("a missing required column names the header and the column map") {
    const std::string text = all_text(errors_of(csv(write(dir, "p.csv", "ident,department\nA,X\n"))));
    CHECK_THAT(text, Catch::Contains("has no id column \"id\"") && Catch::Contains("[organisation.columns]"));
  }
  SECTION("a row with an unquoted comma") {
    const std::string text = all_text(errors_of(csv(write(dir, "p.csv", "id,department\nA,Sales, EMEA\n"))));
    CHECK_THAT(text, Catch::Contains("p.csv:2: has 3 fields but the header has 2"));
  }
  SECTION("a missing file") {
    const std::string text = all_text(errors_of(csv(dir.path() / "nope.csv")));
    CHECK_THAT(text, Catch::Contains("nope.csv: cannot be read"));
  }
  SECTION("problems of one kind are capped with a count of the rest") {
    std::string text = "id,manager_id,department\n";
    for (int i = 0; i < 30; ++i) text += "P" + std::to_string(i) + ",nobody,X\n";
    const auto issues = errors_of(csv(write(dir, "p.csv", text)));
    CHECK(issues.size() == 21);
    CHECK_THAT(issues.back().text(), Catch::Contains("and 10 more problems of this kind"));
  }
}

TEST_CASE("several people without a manager are allowed, with a warning", "[org][import]") {
  TempDirectory dir;
  const ImportedOrganisation org = adoptsim::org::import_organisation(
      csv(write(dir, "people.csv", "id,manager_id,department\nA,,X\nB,A,X\nC,,Y\nD,,Y\n")));
  CHECK(org.reporting_roots == 3);
  REQUIRE(org.warnings.size() == 1);
  CHECK(org.warnings[0].warning);
  CHECK_THAT(org.warnings[0].text(), Catch::Contains("warning: 3 people have no manager") &&
                                         Catch::Contains("3 reporting trees (2 of them without reports"));
}

TEST_CASE("GraphML nodes and edges import through Boost.Graph's reader", "[org][import]") {
  ImportOptions options;
  options.format = ImportFormat::GraphMl;
  options.file = fs::path(ADOPTSIM_SOURCE_DIR) / "tests/data/import/org.graphml";
  const ImportedOrganisation org = adoptsim::org::import_organisation(options);
  REQUIRE(org.graph.person_count() == 4);
  CHECK(org.external_ids == std::vector<std::string>{"ceo", "a", "b", "c"});
  CHECK(org.graph.manager(2) == 1);
  CHECK(org.graph.role(0) == Role::Executive);
  CHECK(org.graph.role(1) == Role::Manager);
  CHECK(org.graph.tie_count() == 2);
  CHECK(weight_between(org.graph, 2, 3) == Approx(2.0f));
  CHECK(org.ties.self_ties_dropped == 1);

  TempDirectory dir;
  options.file = write(dir, "broken.graphml", "<graphml><graph edgedefault=\"undirected\"><node id=\"a\">");
  CHECK_THAT(all_text(errors_of(options)),
             Catch::Contains("broken.graphml: is not GraphML that can be read"));

  // Problems in a node or an edge point at its line and column.
  options.file = write(dir, "dirty.graphml",
                       "<graphml>\n"
                       "  <key id=\"d0\" for=\"node\" attr.name=\"department\" attr.type=\"string\"/>\n"
                       "  <key id=\"d1\" for=\"edge\" attr.name=\"weight\" attr.type=\"string\"/>\n"
                       "  <graph edgedefault=\"undirected\">\n"
                       "    <node id=\"a\"><data key=\"d0\">Sales</data></node>\n"
                       "    <node id=\"b\"/>\n"
                       "    <edge source=\"a\" target=\"b\"><data key=\"d1\">heavy</data></edge>\n"
                       "  </graph>\n"
                       "</graphml>\n");
  const std::string dirty = all_text(errors_of(options));
  CHECK_THAT(dirty, Catch::Contains("dirty.graphml:6:5: node \"b\": has no department"));
  CHECK_THAT(dirty, Catch::Contains("dirty.graphml:7:5: edge a -> b: weight \"heavy\" is not a number"));
}

TEST_CASE("pseudonyms are keyed, stable and reveal nothing of the id", "[org][import]") {
  const adoptsim::org::Pseudonymiser first(std::string(32, 'k'));
  const adoptsim::org::Pseudonymiser other(std::string(32, 'x'));
  CHECK(first("E0451") == first("E0451"));
  CHECK(first("E0451") != first("E0452"));
  CHECK(first("E0451") != other("E0451"));
  CHECK(first("E0451").size() == 17);
  CHECK(first("E0451").find("0451") == std::string::npos);
  CHECK_THROWS_AS(adoptsim::org::Pseudonymiser("short"), std::invalid_argument);

  TempDirectory dir;
  const std::string key = adoptsim::org::generate_pseudonym_key();
  CHECK(key.size() == 64);
  CHECK(key != adoptsim::org::generate_pseudonym_key());
  const fs::path path = dir.path() / "pseudonym.key";
  adoptsim::org::write_pseudonym_key(path, key);
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(adoptsim::org::read_pseudonym_key(path) == key);
}

TEST_CASE("SNAP email-Eu-core imports with the counts of SOURCES.md", "[org][import]") {
  const fs::path folder = fs::path(ADOPTSIM_SHARED_DIR) / "datasets/email-eu-core";
  ImportOptions options;
  options.format = ImportFormat::Snap;
  options.file = folder / "email-Eu-core-department-labels.txt";
  options.ties_file = folder / "email-Eu-core.txt";
  options.derived_ties = DerivedTies::Never;
  const ImportedOrganisation org = adoptsim::org::import_organisation(options);
  const auto& graph = org.graph;
  CHECK(graph.person_count() == 1005);
  CHECK(graph.department_count() == 42);
  CHECK(org.ties.rows == 25571);
  CHECK(org.ties.self_ties_dropped == 642);
  CHECK(graph.tie_count() == 16064);
  std::size_t isolated = 0, max_degree = 0;
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    isolated += graph.degree(person) == 0 ? 1 : 0;
    max_degree = std::max(max_degree, graph.degree(person));
  }
  CHECK(isolated == 19);
  CHECK(max_degree == 345);
  const auto stats = adoptsim::org::compute_stats(graph);
  CHECK(stats.largest_component == 986);
  CHECK(stats.average_clustering == Approx(0.3994).margin(0.0001));
  CHECK(1.0 - stats.cross_department_tie_share == Approx(0.336).margin(0.001));
  CHECK(*std::max_element(stats.department_sizes.begin(), stats.department_sizes.end()) == 109);
}

TEST_CASE("Krackhardt's high-tech managers import with the counts of SOURCES.md", "[org][import]") {
  ImportOptions options;
  options.format = ImportFormat::Krackhardt;
  options.file = fs::path(ADOPTSIM_SHARED_DIR) / "datasets/krackhardt-hightech/attributes.csv";
  options.derived_ties = DerivedTies::Never;
  const ImportedOrganisation org = adoptsim::org::import_organisation(options);
  const auto& graph = org.graph;
  REQUIRE(graph.person_count() == 21);
  const auto stats = adoptsim::org::compute_stats(graph);
  CHECK(stats.ties_by_kind[static_cast<int>(TieKind::ReportingLine)] == 20);
  CHECK(org.ties.derived_reporting == 20);
  CHECK(stats.reporting_roots == 1);
  const PersonId ceo = person_with_id(org, "7");
  CHECK(graph.manager(ceo) == kNoPerson);
  CHECK(graph.role(ceo) == Role::Executive);
  std::vector<std::string> vice_presidents;
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    if (graph.manager(person) == ceo) {
      vice_presidents.push_back(org.external_ids[person]);
      CHECK(graph.role(person) == Role::Executive);
    } else if (person != ceo) {
      CHECK(graph.manager(graph.manager(person)) == ceo);  // every other manager reports to a VP
    }
  }
  std::sort(vice_presidents.begin(), vice_presidents.end());
  CHECK(vice_presidents == std::vector<std::string>{"14", "18", "2", "21"});
  // advice 190 + friendship 102 directed ties; union made undirected.
  CHECK(org.ties.rows == 2 * 441);
  CHECK(org.ties.zero_weight_dropped == 2 * 441 - 190 - 102);
  std::vector<std::size_t> sizes = stats.department_sizes;
  std::sort(sizes.begin(), sizes.end());
  CHECK(sizes == std::vector<std::size_t>{1, 3, 4, 5, 8});
  REQUIRE(org.attribute_names == std::vector<std::string>{"age", "tenure"});
  CHECK(org.attributes[1][ceo] == Approx(30.0));
}
