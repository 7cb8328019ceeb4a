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
#include "org/import_internal.hpp"

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

// A people file without reporting lines, said so as a scenario says it.
ImportOptions flat(const fs::path& people, std::optional<fs::path> ties = std::nullopt) {
  ImportOptions options = csv(people, std::move(ties));
  options.columns.manager_id = "";
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
  const ImportedOrganisation org = adoptsim::org::import_organisation(flat(people, ties));
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
  ImportOptions options = flat(write(dir, "people.csv", text));
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
      adoptsim::org::import_organisation(flat(write(dir, "people.csv",
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
               Catch::Contains(people.string() + ":5:2: manager_id \"E0451\" names nobody in the file") &&
                   Catch::Contains("unknown_manager = \"root\""));
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
    const fs::path ties = write(
        dir, "ties.csv", "source,target,weight\nA,B,1\nA,Z9,1\nA,B,heavy\nB,A,-2\nA,B,\"1,5\"\nA,B,1e400\n");
    const auto issues = errors_of(flat(people, ties));
    const std::string text = all_text(issues);
    INFO(text);
    CHECK_THAT(text, Catch::Contains(ties.string() + ":3:2: target \"Z9\" names nobody"));
    CHECK_THAT(text, Catch::Contains(ties.string() + ":4:3: weight \"heavy\" is not a number"));
    CHECK_THAT(text, Catch::Contains(ties.string() + ":5:3: weight -2 is negative"));
    CHECK_THAT(text, Catch::Contains(ties.string() + ":6:3: weight \"1,5\" is not a number"));
    CHECK_THAT(text, Catch::Contains(ties.string() + ":7:3: weight \"1e400\" is out of range"));
    CHECK(issues.size() == 5);
  }
  SECTION("a header separated by semicolons or tabs names the delimiter") {
    const auto semicolons = all_text(errors_of(flat(write(dir, "a.csv", "id;department\nA;X\n"))));
    CHECK_THAT(semicolons,
               Catch::Contains("a.csv:1:1: the header is separated by semicolons (;), not commas"));
    const auto tabs = all_text(errors_of(flat(write(dir, "b.csv", "id\tdepartment\nA\tX\n"))));
    CHECK_THAT(tabs, Catch::Contains("b.csv:1:1: the header is separated by tabs, not commas"));
  }
  SECTION("a file that is not UTF-8 is reported with its line and byte offset") {
    // "Zoë" in Windows-1252 on line 3: the byte 0xEB at offset 26.
    const fs::path people = write(dir, "people.csv", "id,department\nA,Sales\nB,Zo\xEB\n");
    const auto issues = errors_of(flat(people));
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
    const std::string text = all_text(errors_of(flat(write(dir, "p.csv", "id,department\nA,Sales, EMEA\n"))));
    CHECK_THAT(text, Catch::Contains("p.csv:2: has 3 fields but the header has 2"));
  }
  SECTION("a missing file") {
    const std::string text = all_text(errors_of(flat(dir.path() / "nope.csv")));
    CHECK_THAT(text, Catch::Contains("nope.csv: does not exist; check the path"));
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

TEST_CASE("GraphML nodes and edges import, with problems at their line and column", "[org][import]") {
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
             Catch::Contains("broken.graphml:1:42: the <node> element opened here never ends"));

  // Problems in a node or an edge point at its line and column.
  options.columns.manager_id = "";
  options.file = write(dir, "dirty.graphml",
                       "<graphml>\n"
                       "  <key id=\"d0\" for=\"node\" attr.name=\"department\" attr.type=\"string\"/>\n"
                       "  <key id=\"d1\" for=\"edge\" attr.name=\"weight\" attr.type=\"string\"/>\n"
                       "  <graph edgedefault=\"undirected\">\n"
                       "    <node id=\"a\"><data key=\"d0\">Sales</data></node>\n"
                       "    <node id=\"b\"/>\n"
                       "    <edge source=\"a\" target=\"b\"><data key=\"d1\">heavy</data></edge>\n"
                       "    <node id=\"a\"><data key=\"d0\">Sales</data></node>\n"
                       "    <edge source=\"a\" target=\"zz\"/>\n"
                       "    <edge source=\"a\" target=\"b\"><data key=\"d1\">1e400</data></edge>\n"
                       "  </graph>\n"
                       "</graphml>\n");
  const std::string dirty = all_text(errors_of(options));
  INFO(dirty);
  CHECK_THAT(dirty, Catch::Contains("dirty.graphml:6:5: node \"b\": has no department"));
  CHECK_THAT(dirty,
             Catch::Contains("dirty.graphml:7:5: edge \"a\" -> \"b\": weight \"heavy\" is not a number"));
  CHECK_THAT(dirty, Catch::Contains("dirty.graphml:8:5: id \"a\" appears again (first on line 5)"));
  CHECK_THAT(dirty, Catch::Contains("dirty.graphml:9:5: edge \"a\" -> \"zz\": target \"zz\" is not a "
                                    "declared <node>"));
  CHECK_THAT(dirty,
             Catch::Contains("dirty.graphml:10:5: edge \"a\" -> \"b\": weight \"1e400\" is out of range"));
}

TEST_CASE("GraphML that adoptsim cannot honour is an error at its line and column", "[org][import]") {
  TempDirectory dir;
  ImportOptions options;
  options.format = ImportFormat::GraphMl;
  options.columns.manager_id = "";
  const std::string keys = "<graphml>\n<key id=\"d0\" for=\"node\" attr.name=\"department\"/>\n";
  const auto problem = [&](const std::string& name, const std::string& text) {
    options.file = write(dir, name, text);
    return all_text(errors_of(options));
  };
  CHECK_THAT(problem("empty.graphml", ""),
             Catch::Contains("empty.graphml: is empty; expected a GraphML document"));
  CHECK_THAT(problem("blank.graphml", "  \n\n"), Catch::Contains("blank.graphml: is empty"));
  CHECK_THAT(problem("nested.graphml",
                     keys + "<graph>\n<node id=\"a\">\n  <graph id=\"inner\"/></node></graph></graphml>"),
             Catch::Contains("nested.graphml:5:3: a nested graph (a <graph> inside <node>)"));
  CHECK_THAT(problem("two.graphml", keys + "<graph/>\n<graph/></graphml>"),
             Catch::Contains("two.graphml:4:1: a second <graph>"));
  CHECK_THAT(problem("entity.graphml",
                     keys + "<graph><node id=\"a\"><data key=\"d0\">&xxe;</data></node></graph></graphml>"),
             Catch::Contains("entity.graphml:3:") &&
                 Catch::Contains("the entity &xxe; is not one of XML's five") &&
                 Catch::Contains("never expands"));
  CHECK_THAT(
      problem("dtd.graphml", "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n<!ENTITY x \"boom\">\n]>\n" +
                                 keys + "<graph/></graphml>"),
      Catch::Contains("dtd.graphml:2:1: declares a DTD with an internal subset"));
  CHECK_THAT(problem("notxml.graphml", "id,department\nA,X\n"),
             Catch::Contains("notxml.graphml:1:1: text before the <graphml> element"));
  CHECK_THAT(problem("root.graphml", "<gexf></gexf>"),
             Catch::Contains("root.graphml:1:1: the root element is <gexf>, not <graphml>"));
  CHECK_THAT(
      problem("mismatch.graphml", keys + "<graph><node id=\"a\"></edge></graph></graphml>"),
      Catch::Contains("mismatch.graphml:3:21: the end tag </edge> does not match <node> opened on line 3"));
  CHECK_THAT(problem("undeclared.graphml",
                     keys + "<graph><node id=\"a\"><data key=\"d9\">x</data></node></graph></graphml>"),
             Catch::Contains("undeclared.graphml:3:21: <data key=\"d9\"> names no declared <key>"));
  CHECK_THAT(problem("outside.graphml", keys + "<graph/><node id=\"a\"/></graphml>"),
             Catch::Contains("outside.graphml:3:9: a <node> outside the <graph> (inside <graphml>)"));
  CHECK_THAT(problem("hyper.graphml", keys + "<graph><hyperedge/></graph></graphml>"),
             Catch::Contains("hyper.graphml:3:8: a <hyperedge>"));
  std::string deep = keys + "<graph>";
  for (int i = 0; i < 100; ++i) deep += "<desc>";
  CHECK_THAT(problem("deep.graphml", deep), Catch::Contains("elements nest more than 64 deep"));

  // An external DTD is ignored with a warning; character references and CDATA are read.
  options.file = write(
      dir, "ok.graphml",
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE graphml SYSTEM \"http://graphml.graphdrawing.org/dtds/graphml.dtd\">\n" +
          keys +
          "<graph><!-- a comment -->\n"
          "<node id=\"a&amp;b\"><data key=\"d0\">R&#38;D</data></node>\n"
          "<node id=\"c\"><data key=\"d0\"><![CDATA[R&D]]></data><desc>anything <b>here</b></desc></node>\n"
          "<node id=\"e\">\n  <data key=\"d0\">\n    R&amp;D\n  </data>\n</node>\n"
          "</graph></graphml>\n");
  const ImportedOrganisation org = adoptsim::org::import_organisation(options);
  CHECK(org.external_ids == std::vector<std::string>{"a&b", "c", "e"});  // pretty-printed values are trimmed
  CHECK(org.graph.department_count() == 1);
  CHECK(org.graph.department_name(0) == "R&D");
  REQUIRE_FALSE(org.warnings.empty());
  CHECK_THAT(all_text(org.warnings),
             Catch::Contains("ok.graphml:2:1: warning: the <!DOCTYPE ...> declaration is ignored"));
}

TEST_CASE("a GraphML file without a manager attribute must say it has no hierarchy", "[org][import]") {
  TempDirectory dir;
  ImportOptions options;
  options.format = ImportFormat::GraphMl;
  options.file = write(dir, "flat.graphml",
                       "<graphml><key id=\"d0\" for=\"node\" attr.name=\"Department\"/>"
                       "<key id=\"d1\" for=\"node\" attr.name=\"Supervisor\"/><graph>"
                       "<node id=\"a\"><data key=\"d0\">X</data></node></graph></graphml>");
  const std::string text = all_text(errors_of(options));
  CHECK_THAT(text, Catch::Contains("has no manager_id column \"manager_id\" (its node keys are named "
                                   "\"Department\", \"Supervisor\"); the closest is \"Supervisor\"") &&
                       Catch::Contains("manager_id = \"\""));
  options.columns.manager_id = "";
  CHECK(adoptsim::org::import_organisation(options).graph.person_count() == 1);
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

TEST_CASE("every missing column is reported at once, with the header's closest column", "[org][import]") {
  TempDirectory dir;
  const fs::path people = write(dir, "people.csv",
                                "Employee ID,Full Name,Work Email,Department,Reports To,Job Title\n"
                                "E1,Ada Smith,ada@example.com,Eng,,CEO\n");
  ImportOptions options = csv(people);
  options.columns.id = "Employee ID";
  options.columns.department = "Dept";
  options.columns.location = "Office";
  options.columns.mapped = {"location"};
  const auto issues = errors_of(options);
  const std::string text = all_text(issues);
  INFO(text);
  REQUIRE(issues.size() == 3);
  CHECK_THAT(text, Catch::Contains(people.string() +
                                   ":1: has no department column \"Dept\" (the header has "
                                   "\"Employee ID\", \"Full Name\", \"Work Email\", \"Department\", "
                                   "\"Reports To\", \"Job Title\"); the closest is \"Department\""));
  CHECK_THAT(text, Catch::Contains("has no manager_id column \"manager_id\"") &&
                       Catch::Contains("the closest is \"Reports To\"") &&
                       Catch::Contains("say so with manager_id = \"\" in [organisation.columns]"));
  CHECK_THAT(text, Catch::Contains("has no location column \"Office\""));
  // Nothing of the data is in the messages.
  CHECK(text.find("Ada") == std::string::npos);
  CHECK(text.find("@example.com") == std::string::npos);
  // An optional column the scenario does not name may be absent.
  options.columns.department = "department";
  options.columns.manager_id = "reports to";
  options.columns.mapped.clear();
  CHECK(adoptsim::org::import_organisation(options).graph.person_count() == 1);
}

TEST_CASE("closest_column prefers the same name, then containment and abbreviations, then synonyms",
          "[org][import]") {
  using adoptsim::org::detail::closest_column;
  const std::vector<std::string> header{"Employee ID", "Name", "Dept.", "Manager", "Job Title"};
  CHECK(closest_column(header, "department", "department") == "Dept.");
  CHECK(closest_column(header, "Employe_ID", "id") == "Employee ID");
  CHECK(closest_column(header, "manager_id", "manager_id") == "Manager");
  CHECK(closest_column(header, "title", "title") == "Job Title");
  CHECK_FALSE(closest_column(header, "tenure", "tenure").has_value());
  CHECK(closest_column({"Employee ID", "Location"}, "Dept", "department") == std::nullopt);
  CHECK(closest_column({"Employee ID", "Org Unit"}, "Dept", "department") == "Org Unit");
  CHECK(closest_column({"id", "Departmnet"}, "department", "department") == "Departmnet");
}

TEST_CASE("an unknown manager is an error by default, or a root of its own tree when asked",
          "[org][import]") {
  TempDirectory dir;
  ImportOptions options =
      csv(write(dir, "people.csv", "id,manager_id,department\nA,,X\nB,A,X\nC,LEAVER,X\nD,C,X\nE,GONE,Y\n"));
  const std::string text = all_text(errors_of(options));
  CHECK_THAT(text, Catch::Contains(":4:2: manager_id \"LEAVER\" names nobody") &&
                       Catch::Contains(":6:2: manager_id \"GONE\" names nobody"));
  options.unknown_manager = adoptsim::org::UnknownManager::Root;
  const ImportedOrganisation org = adoptsim::org::import_organisation(options);
  CHECK(org.unknown_managers == 2);
  CHECK(org.reporting_roots == 3);
  CHECK(org.graph.manager(person_with_id(org, "C")) == kNoPerson);
  CHECK(org.graph.manager(person_with_id(org, "D")) == person_with_id(org, "C"));
  CHECK(org.graph.role(person_with_id(org, "C")) == Role::Executive);
  CHECK_THAT(all_text(org.warnings),
             Catch::Contains(":4:2: warning: 2 people's manager_id names nobody in the file"));
}

TEST_CASE("department aliases merge spelling variants and near-duplicates are warned about",
          "[org][import]") {
  TempDirectory dir;
  ImportOptions options =
      flat(write(dir, "people.csv",
                 "id,department\nA,Engineering\nB,Eng\nC,engineering \nD,Human Resources\n"
                 "E,HR\nF,Sales\nG,sales-ops\nH,1\nI,10\n"));
  const ImportedOrganisation before = adoptsim::org::import_organisation(options);
  CHECK(before.graph.department_count() == 9);
  const std::string warned = all_text(before.warnings);
  INFO(warned);
  CHECK_THAT(warned,
             Catch::Contains("department \"Eng\" (1 person) looks like an abbreviation of \"Engineering\" (1 "
                             "person); if they are one department, merge them under "
                             "[organisation.department_aliases] with \"Eng\" = \"Engineering\""));
  CHECK_THAT(warned,
             Catch::Contains("departments \"Engineering\" (1 person), \"engineering\" (1 person) differ only "
                             "in case, spacing or punctuation"));
  CHECK_THAT(warned,
             Catch::Contains(
                 "department \"HR\" (1 person) looks like the initials of \"Human Resources\" (1 person)"));
  CHECK(warned.find("\"1\"") == std::string::npos);      // numbered departments are not abbreviations
  CHECK(warned.find("sales-ops") == std::string::npos);  // a sub-unit, not a spelling
  options.department_aliases = {
      {"Eng", "Engineering"}, {"engineering", "Engineering"}, {"HR", "Human Resources"}};
  const ImportedOrganisation after = adoptsim::org::import_organisation(options);
  CHECK(after.graph.department_count() == 6);
  CHECK(after.graph.department(person_with_id(after, "B")) ==
        after.graph.department(person_with_id(after, "A")));
  CHECK(after.graph.department_name(after.graph.department(person_with_id(after, "E"))) == "Human Resources");
  CHECK(all_text(after.warnings).find("departments \"") == std::string::npos);
  options.department_aliases = {{"Eng", "engineering"}, {"engineering", "Engineering"}};
  CHECK_THAT(all_text(errors_of(options)), Catch::Contains("which is itself mapped to \"Engineering\""));
}

TEST_CASE("role rules give roles from job titles, first match wins, counted", "[org][import]") {
  TempDirectory dir;
  ImportOptions options = csv(write(dir, "people.csv",
                                    "id,manager_id,department,title,role\n"
                                    "A,,X,Chief Executive Officer,\n"
                                    "B,A,X,VP Engineering,\n"
                                    "C,B,X,Vice President of Sales,\n"
                                    "D,B,X,Engineering Manager,\n"
                                    "E,D,X,Software Engineer,\n"
                                    "F,D,X,VPN administrator,\n"
                                    "G,D,X,vp marketing,manager\n"
                                    "H,D,X,,\n"));
  options.role_rules = {{"(?i)\\bvp\\b|vice president|chief", Role::Executive},
                        {"Manager", Role::Manager},
                        {"(?i)engineer", Role::IndividualContributor}};
  const ImportedOrganisation org = adoptsim::org::import_organisation(options);
  const auto role = [&](const char* id) { return org.graph.role(person_with_id(org, id)); };
  CHECK(role("A") == Role::Executive);
  CHECK(role("B") == Role::Executive);  // a VP with the CEO above: an executive, not a manager
  CHECK(role("C") == Role::Executive);
  CHECK(role("D") == Role::Manager);
  CHECK(role("E") == Role::IndividualContributor);
  CHECK(role("F") == Role::IndividualContributor);  // "VPN" is no VP; no rule matches, no reports
  CHECK(role("G") == Role::Manager);                // the role cell wins over the title
  CHECK(org.roles_from_titles[static_cast<int>(Role::Executive)] == 3);
  CHECK(org.roles_from_titles[static_cast<int>(Role::Manager)] == 1);
  CHECK(org.roles_from_titles[static_cast<int>(Role::IndividualContributor)] == 1);
  CHECK(org.titles_unmatched == 1);
  CHECK_THAT(all_text(org.warnings),
             Catch::Contains("organisation.role_rules gave 5 people their role (3 executive, "
                             "1 manager, 1 individual_contributor); 1 job titles matched no rule"));
  CHECK(adoptsim::org::role_pattern_problem("(?i)vp|").empty());
  CHECK_THAT(adoptsim::org::role_pattern_problem("(unclosed"),
             Catch::Contains("is not a valid regular expression"));
  // Rules without a title column are an error naming the header.
  options.file = write(dir, "untitled.csv", "id,manager_id,department\nA,,X\n");
  CHECK_THAT(all_text(errors_of(options)), Catch::Contains("has no title column \"title\"") &&
                                               Catch::Contains("organisation.role_rules read job titles"));
}

TEST_CASE("a title column without role rules is pointed out", "[org][import]") {
  TempDirectory dir;
  const ImportedOrganisation org = adoptsim::org::import_organisation(
      csv(write(dir, "people.csv", "id,manager_id,department,title\nA,,X,CEO\nB,A,X,VP Sales\nC,B,X,Rep\n")));
  CHECK(org.graph.role(1) == Role::Manager);
  CHECK_THAT(all_text(org.warnings), Catch::Contains("a VP who reports to the CEO is a manager"));
}

TEST_CASE("a quoted field that never closes is an error at the line where it opens", "[org][import]") {
  TempDirectory dir;
  const fs::path people =
      write(dir, "people.csv", "id,manager_id,department\nA,,X\nB,A,\"Sales\nC,A,X\nD,A,X\n");
  const auto issues = errors_of(csv(people));
  const std::string text = all_text(issues);
  INFO(text);
  CHECK_THAT(text,
             Catch::Contains(people.string() + ":3: a quoted field opens on this line and never closes"));
  // A quoted line break that does close is one cell.
  const ImportedOrganisation org = adoptsim::org::import_organisation(
      csv(write(dir, "ok.csv", "id,manager_id,department\nA,,\"Sales\nEMEA\"\nB,A,X\n")));
  CHECK(org.graph.person_count() == 2);
  CHECK(org.graph.department_name(org.graph.department(0)) == "Sales\nEMEA");
}

TEST_CASE("a data file that is a directory, a FIFO or a device is an error naming it, never a hang",
          "[org][import]") {
  TempDirectory dir;
  const fs::path fifo = dir.path() / "people.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THAT(all_text(errors_of(csv(fifo))), Catch::Contains(fifo.string() + ": is a pipe (FIFO)"));
  CHECK_THAT(all_text(errors_of(csv(dir.path()))), Catch::Contains(": is a directory, not a file"));
  CHECK_THAT(all_text(errors_of(csv("/dev/zero"))), Catch::Contains("/dev/zero: is a device"));
  ImportOptions graphml;
  graphml.format = ImportFormat::GraphMl;
  graphml.file = fifo;
  CHECK_THAT(all_text(errors_of(graphml)), Catch::Contains("is a pipe (FIFO)"));
  const fs::path people = write(dir, "p.csv", "id,manager_id,department\nA,,X\n");
  CHECK_THAT(all_text(errors_of(csv(people, fifo))), Catch::Contains(fifo.string() + ": is a pipe (FIFO)"));
  CHECK_THROWS_WITH(adoptsim::org::read_pseudonym_key(fifo), Catch::Contains("is a pipe (FIFO)"));
  const fs::path big_key = dir.path() / "big.key";
  fs::resize_file(write(dir, "big.key", "x"), 1 << 20);
  CHECK_THROWS_WITH(adoptsim::org::read_pseudonym_key(big_key), Catch::Contains("more than the 64 KiB"));
}
