// Golden outputs: a few result sets pinned in tests/golden/, so that any
// change to what the model computes fails here and is accepted only by
// regenerating them (`make golden`) in a commit that says why.
//
// Each set is a real run of the binary from the repository's root. Every
// file of the result set is compared byte for byte, except that
// summary.json is compared without the fields that name the build
// (adoptsim_version, git_revision), the absolute paths of the datasets
// beside the repository are written `<shared>` and those inside it
// `<repository>` (the resolved scenario names the files it read), and a file larger than kLargeFileBytes
// is pinned by its SHA-256 and size (`<name>.sha256`, as `sha256sum`
// prints it) instead of its text. With ADOPTSIM_GOLDEN_UPDATE=1 in the
// environment the test writes the pinned files instead of comparing.
#include <catch2/catch.hpp>

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/binary.hpp"

using adoptsim::testing::quoted;
using adoptsim::testing::read_file;
using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;
using adoptsim::testing::write_text;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = ADOPTSIM_SOURCE_DIR;
const fs::path kGoldenDirectory = kSource / "tests" / "golden";
constexpr std::size_t kLargeFileBytes = 256 * 1024;

struct GoldenSet {
  std::string name;
  // The verb and its arguments, paths relative to the repository's root;
  // `-o DIR` is appended.
  std::string arguments;
};

// The demo's three plans (compared with common random numbers), a reference
// model, and the workplace model on an imported real network.
const std::vector<GoldenSet> kGoldenSets = {
    {"demo",
     "compare scenarios/workplace/big_bang.toml scenarios/workplace/pilot_then_scale.toml "
     "scenarios/workplace/champion_network.toml -r 20 --series overall"},
    {"bass", "run scenarios/reference/bass.toml -r 20 --series overall"},
    {"email_eu_core_champions",
     "run tests/data/equivalence/email_eu_core_champions.toml -r 8 --series overall"},
};

bool updating() {
  const char* value = std::getenv("ADOPTSIM_GOLDEN_UPDATE");
  return value != nullptr && std::string(value) == "1";
}

std::string sha256_line(const std::string& contents, const std::string& file_name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  REQUIRE(EVP_Digest(contents.data(), contents.size(), digest, &digest_length, EVP_sha256(), nullptr) == 1);
  std::string hex;
  for (unsigned int index = 0; index < digest_length; ++index) {
    char byte[3];
    std::snprintf(byte, sizeof byte, "%02x", digest[index]);
    hex += byte;
  }
  return hex + "  " + file_name + "\n";
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// What is pinned of one result file: its name under the golden set and the
// text to compare.
std::pair<std::string, std::string> pinned_form(const std::string& file_name, const std::string& contents) {
  if (file_name == "summary.json") {
    auto summary = nlohmann::json::parse(contents);
    summary.erase("adoptsim_version");
    summary.erase("git_revision");
    auto text = summary.dump(2) + "\n";
    // The loader makes a scenario's relative paths absolute from the working
    // directory (the repository's physical path), lexically.
    const auto repository = fs::canonical(kSource);
    replace_all(text, (repository.parent_path() / "shared").string(), "<shared>");
    replace_all(text, repository.string(), "<repository>");
    return {file_name, text};
  }
  if (contents.size() > kLargeFileBytes) return {file_name + ".sha256", sha256_line(contents, file_name)};
  return {file_name, contents};
}

std::set<std::string> file_names(const fs::path& directory) {
  std::set<std::string> names;
  if (!fs::is_directory(directory)) return names;
  for (const auto& entry : fs::directory_iterator(directory)) names.insert(entry.path().filename().string());
  return names;
}

// Where two texts first differ, for the failure message.
std::string first_difference(const std::string& pinned, const std::string& now) {
  std::istringstream pinned_lines(pinned);
  std::istringstream now_lines(now);
  std::string pinned_line;
  std::string now_line;
  for (int line = 1;; ++line) {
    const bool more_pinned = static_cast<bool>(std::getline(pinned_lines, pinned_line));
    const bool more_now = static_cast<bool>(std::getline(now_lines, now_line));
    if (!more_pinned && !more_now) return "they differ only in line endings";
    if (!more_pinned || !more_now || pinned_line != now_line) {
      return "line " + std::to_string(line) + ": pinned \"" + (more_pinned ? pinned_line : "<end>") +
             "\", now \"" + (more_now ? now_line : "<end>") + "\"";
    }
  }
}

}  // namespace

TEST_CASE("the golden result sets are what this build computes", "[e2e][golden]") {
  for (const auto& set : kGoldenSets) {
    DYNAMIC_SECTION(set.name) {
      TempDirectory output;
      const auto result_directory = output.path() / "results";
      const auto run = run_adoptsim(set.arguments + " -o " + quoted(result_directory), kSource);
      INFO("adoptsim " << set.arguments << "\n" << run.err);
      REQUIRE(run.exit_status == 0);

      std::set<std::string> pinned_now;
      const auto pinned_directory = kGoldenDirectory / set.name;
      if (updating()) {
        fs::remove_all(pinned_directory);
        fs::create_directories(pinned_directory);
      }
      for (const auto& file_name : file_names(result_directory)) {
        const auto [pinned_name, text] = pinned_form(file_name, read_file(result_directory / file_name));
        pinned_now.insert(pinned_name);
        const auto pinned_path = pinned_directory / pinned_name;
        if (updating()) {
          write_text(pinned_path, text);
          continue;
        }
        INFO("tests/golden/"
             << set.name << "/" << pinned_name
             << " is not what this build computes. If the model's behaviour changed on purpose, "
                "run `make golden` and commit the new files with a message that says why.");
        REQUIRE(fs::exists(pinned_path));
        const auto pinned_text = read_file(pinned_path);
        INFO(first_difference(pinned_text, text));
        CHECK(pinned_text == text);
      }
      INFO("the files of tests/golden/" << set.name
                                        << " are the result set's files (run `make golden` after a "
                                           "change to what a run writes)");
      CHECK(file_names(pinned_directory) == pinned_now);
    }
  }
}
