// Fuzzing the CSV and GraphML readers through the real binary: a few
// thousand seeded mutations of valid people, ties and GraphML files, each
// read by `adoptsim org inspect` (and every eighth by `validate` on a
// scenario naming it). Every run must exit 0 or 2 within its time limit,
// never by a signal. A failure prints the seed and case that replay it:
// ADOPTSIM_FUZZ_SEED=<seed> adoptsim_tests "[fuzz]".
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "e2e/binary.hpp"

namespace {

namespace fs = std::filesystem;
using adoptsim::testing::TempDirectory;

constexpr std::uint64_t kDefaultSeed = 20261203;
constexpr int kCases = 3000;
constexpr auto kCaseTimeout = std::chrono::seconds(20);
constexpr auto kTotalBudget = std::chrono::seconds(420);

struct Outcome {
  bool timed_out = false;
  bool signalled = false;
  int status = -1;  // exit status, or the signal number when signalled
  std::string err;
};

// Runs the binary with `arguments` (no shell), stdin closed, killing it after kCaseTimeout.
Outcome run(const std::vector<std::string>& arguments, const fs::path& err_path) {
  std::vector<char*> argv;
  std::string binary = ADOPTSIM_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copies = arguments;
  for (std::string& argument : copies) argv.push_back(argument.data());
  argv.push_back(nullptr);
  // posix_spawn, not fork: the test process is large and copying its page tables dominates.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t child = 0;
  const int spawned = ::posix_spawn(&child, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(spawned == 0);
  Outcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + kCaseTimeout;
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      outcome.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  if (WIFSIGNALED(status)) {
    outcome.signalled = true;
    outcome.status = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    outcome.status = WEXITSTATUS(status);
  }
  outcome.err = adoptsim::testing::read_file(err_path);
  return outcome;
}

const std::string kPeople =
    "id,manager_id,department,role,team,location,tenure,title,name,email\n"
    "A1,,Executive,executive,,Berlin,12.5,Chief Executive,Ada Example,ada@example.org\n"
    "A2,A1,Engineering,,platform,Berlin,8,VP Engineering,\"Bo, Jr.\",bo@example.org\n"
    "A3,A2,Engineering,,platform,\"Paris, FR\",3,Engineer,Cy,cy@example.org\n"
    "A4,A2,Eng,ic,data,Paris,,\"Senior \"\"Data\"\" Engineer\",Di,di@example.org\n"
    "A5,A1,Sales,manager,,London,6,Head of Sales,Ed,ed@example.org\n"
    "A6,A5,Sales,,,London,1.5,Account Executive,Fy,fy@example.org\n"
    "A7,A5,sales,,,London,0,Rep,Gu,gu@example.org\n"
    "A8,A1,Human Resources,,,Berlin,4,HR Partner,Ha,ha@example.org\n"
    "A9,A8,HR,,,Berlin,2,Recruiter,Io,io@example.org\n";

const std::string kTies =
    "source,target,weight,kind\n"
    "A1,A2,1,reporting_line\nA3,A4,0.5,collaboration\nA4,A3,2,\nA6,A7,,teammate\nA9,A9,1,\nA2,A5,0,\n";

const std::string kGraphMl =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- exported by a network tool -->\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "  <key id=\"d0\" for=\"node\" attr.name=\"department\" "
    "attr.type=\"string\"><default>Unassigned</default></key>\n"
    "  <key id=\"d1\" for=\"node\" attr.name=\"manager_id\" attr.type=\"string\"/>\n"
    "  <key id=\"d2\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
    "  <key id=\"d3\" for=\"node\" attr.name=\"role\" attr.type=\"string\"/>\n"
    "  <key id=\"d4\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
    "  <graph id=\"G\" edgedefault=\"undirected\">\n"
    "    <node id=\"ceo\"><data key=\"d0\">Board</data><data key=\"d3\">executive</data></node>\n"
    "    <node id=\"a\"><data key=\"d0\">R&amp;D</data><data key=\"d1\">ceo</data></node>\n"
    "    <node id=\"b\"><data key=\"d0\"><![CDATA[R&D]]></data><data "
    "key=\"d1\">a</data><desc>x</desc></node>\n"
    "    <node id=\"c\"><data key=\"d1\">ceo</data></node>\n"
    "    <edge source=\"a\" target=\"b\"><data key=\"d2\">0.5</data></edge>\n"
    "    <edge id=\"e1\" source=\"b\" target=\"c\"><data key=\"d2\">2</data><data "
    "key=\"d4\">teammate</data></edge>\n"
    "    <edge source=\"c\" target=\"c\"/>\n"
    "  </graph>\n"
    "</graphml>\n";

// Tokens that reach the readers' edge cases.
const std::vector<std::string> kTokens = {"\"",
                                          "\"\"",
                                          ",",
                                          ",,",
                                          "\n",
                                          "\r\n",
                                          "\r",
                                          ";",
                                          "\t",
                                          "|",
                                          std::string(1, '\0'),
                                          "\xff",
                                          "\xc3",
                                          "\xef\xbb\xbf",
                                          "\xed\xa0\x80",
                                          "1e400",
                                          "-1",
                                          "NaN",
                                          "inf",
                                          "0",
                                          "3.5e38",
                                          "+",
                                          "<",
                                          ">",
                                          "&",
                                          "&amp;",
                                          "&lt;",
                                          "&#0;",
                                          "&#x110000;",
                                          "&#65;",
                                          "&xxe;",
                                          "<!DOCTYPE graphml [<!ENTITY x \"y\">]>",
                                          "<!DOCTYPE graphml SYSTEM \"g.dtd\">",
                                          "<![CDATA[",
                                          "]]>",
                                          "<!--",
                                          "-->",
                                          "<?",
                                          "?>",
                                          "<graph>",
                                          "</graph>",
                                          "<node id=\"a\"/>",
                                          "<node>",
                                          "</node>",
                                          "<edge source=\"a\" target=\"zz\"/>",
                                          "<data key=\"d9\">",
                                          "</data>",
                                          "<hyperedge/>",
                                          "<graphml>",
                                          "</graphml>",
                                          "'",
                                          "=",
                                          "/",
                                          "!",
                                          "E0451",
                                          "A1",
                                          "manager_id",
                                          "department",
                                          "id",
                                          "executive",
                                          "wizard"};

std::string mutate(const std::string& seed_text, std::mt19937_64& random) {
  std::string text = seed_text;
  const auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : std::size_t(random() % n); };
  const int steps = 1 + static_cast<int>(random() % 6);
  for (int step = 0; step < steps; ++step) {
    switch (random() % 9) {
      case 0:  // flip a byte
        if (!text.empty()) text[pick(text.size())] ^= static_cast<char>(1u << (random() % 8));
        break;
      case 1:  // a random byte
        text.insert(pick(text.size() + 1), 1, static_cast<char>(random() % 256));
        break;
      case 2:  // delete a range
        if (!text.empty()) {
          const std::size_t at = pick(text.size());
          text.erase(at, 1 + pick(std::min<std::size_t>(64, text.size() - at)));
        }
        break;
      case 3:  // duplicate a range
        if (!text.empty()) {
          const std::size_t at = pick(text.size());
          const std::string chunk = text.substr(at, 1 + pick(80));
          text.insert(pick(text.size() + 1), chunk);
        }
        break;
      case 4:  // truncate
        text.resize(pick(text.size() + 1));
        break;
      case 5:
      case 6:  // an interesting token
        text.insert(pick(text.size() + 1), kTokens[pick(kTokens.size())]);
        break;
      case 7:  // replace a byte with a token
        if (!text.empty()) text.replace(pick(text.size()), 1, kTokens[pick(kTokens.size())]);
        break;
      case 8:  // repeat a line many times (long files, many problems of one kind)
        if (!text.empty()) {
          const std::size_t at = text.rfind('\n', pick(text.size()));
          const std::size_t start = at == std::string::npos ? 0 : at + 1;
          const std::size_t end = text.find('\n', start);
          const std::string line =
              text.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
          std::string repeated;
          for (int k = 0; k < 50 + static_cast<int>(random() % 500); ++k) repeated += line;
          text.insert(start, repeated);
        }
        break;
    }
  }
  return text;
}

std::string printable(const std::string& text) {
  std::string shown;
  for (const char c : text.substr(0, 1500)) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      shown += "\\n\n";
    } else if (byte < 0x20 || byte >= 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      shown += hex;
    } else {
      shown += c;
    }
  }
  if (text.size() > 1500) shown += "... (" + std::to_string(text.size()) + " bytes)";
  return shown;
}

}  // namespace

TEST_CASE("the CSV and GraphML readers exit 0 or 2 on thousands of mutated inputs, never hang or crash",
          "[e2e][import][fuzz][slow]") {
  std::uint64_t seed = kDefaultSeed;
  if (const char* text = std::getenv("ADOPTSIM_FUZZ_SEED")) seed = std::strtoull(text, nullptr, 10);
  WARN("fuzz seed " << seed << " (replay: ADOPTSIM_FUZZ_SEED=" << seed << " adoptsim_tests \"[fuzz]\")");
  TempDirectory dir;
  const fs::path people = dir.path() / "people.csv";
  std::ofstream(people, std::ios::binary) << kPeople;
  const fs::path err = dir.path() / "stderr";
  const auto start = std::chrono::steady_clock::now();
  int ran = 0;
  int exit_ok = 0;
  int exit_bad_input = 0;
  for (int index = 0; index < kCases; ++index) {
    if (std::chrono::steady_clock::now() - start > kTotalBudget) break;
    std::mt19937_64 random(seed * 1000003u + static_cast<std::uint64_t>(index));
    const int kind = index % 3;  // 0 people CSV, 1 ties CSV, 2 GraphML
    const std::string& base = kind == 0 ? kPeople : kind == 1 ? kTies : kGraphMl;
    const std::string input = mutate(base, random);
    const fs::path file = dir.path() / (kind == 2 ? "input.graphml" : "input.csv");
    std::ofstream(file, std::ios::binary | std::ios::trunc) << input;
    std::vector<std::string> arguments;
    if (index % 8 == 7) {
      const fs::path scenario = dir.path() / "s.toml";
      std::ofstream(scenario, std::ios::trunc)
          << "replicates = 1\n[organisation]\nsource = \"file\"\nformat = \""
          << (kind == 2 ? "graphml" : "csv") << "\"\nfile = '" << (kind == 1 ? people : file).string()
          << "'\n"
          << (kind == 1 ? "ties_file = '" + file.string() + "'\n" : std::string())
          << "unknown_manager = \"root\"\n[organisation.department_aliases]\n\"Eng\" = \"Engineering\"\n"
          << "[[organisation.role_rules]]\npattern = \"(?i)\\\\bvp\\\\b|chief|head of\"\nrole = "
             "\"executive\"\n";
      arguments = {"validate", scenario.string()};
    } else if (kind == 1) {
      arguments = {"org", "inspect", people.string(), "--ties", file.string()};
    } else {
      arguments = {"org", "inspect", file.string()};
    }
    const Outcome outcome = run(arguments, err);
    ++ran;
    exit_ok += !outcome.signalled && outcome.status == 0 ? 1 : 0;
    exit_bad_input += !outcome.signalled && outcome.status == 2 ? 1 : 0;
    const bool fine =
        !outcome.timed_out && !outcome.signalled && (outcome.status == 0 || outcome.status == 2);
    if (!fine) {
      INFO("seed " << seed << ", case " << index << ": " << arguments[0] << " " << arguments[1]
                   << (outcome.timed_out   ? " timed out"
                       : outcome.signalled ? " died of signal " + std::to_string(outcome.status)
                                           : " exited " + std::to_string(outcome.status))
                   << "\nstderr:\n"
                   << outcome.err.substr(0, 2000) << "\ninput:\n"
                   << printable(input));
      CHECK(fine);
      break;
    }
  }
  WARN(ran << " inputs read: " << exit_ok << " exited 0, " << exit_bad_input << " exited 2");
  CHECK(ran >= 1000);
  // The mutations reach both outcomes: neither all accepted nor all refused.
  CHECK(exit_ok > ran / 20);
  CHECK(exit_bad_input > ran / 20);
}
