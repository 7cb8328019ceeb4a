// validate and run agree by construction: on a corpus of scenarios, what
// validate refuses run refuses with the same error lines and writes nothing,
// and what validate accepts run runs, both printing the same warnings.
//
// The corpus: every scenario of the library (scenarios/), the valid files of
// tests/data/validate_run/valid/, and the invalid files of
// tests/data/validate_run/invalid/, each of which starts with one or more
// lines `# expect: TEXT`, texts its errors must hold (where a file names
// itself, the line the error must blame).
#include <catch2/catch.hpp>

#include <algorithm>
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
namespace fs = std::filesystem;

namespace {

const fs::path kSource = ADOPTSIM_SOURCE_DIR;
const fs::path kCorpus = kSource / "tests" / "data" / "validate_run";

std::vector<fs::path> toml_files(const fs::path& directory, bool recursive) {
  std::vector<fs::path> files;
  const auto add = [&](const fs::directory_entry& entry) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
  };
  if (recursive) {
    for (const auto& entry : fs::recursive_directory_iterator(directory)) add(entry);
  } else {
    for (const auto& entry : fs::directory_iterator(directory)) add(entry);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The lines of `text` that start with `prefix`, in order.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) lines.push_back(line);
  }
  return lines;
}

// A warning: "adoptsim: warning: ..." (scenario checks) or
// "adoptsim: FILE[:LINE]: warning: ..." (an import's reader).
bool is_warning(const std::string& line) {
  return line.rfind("adoptsim: warning: ", 0) == 0 || line.find(": warning: ") != std::string::npos;
}

std::vector<std::string> warning_lines(const std::string& text) {
  std::vector<std::string> warnings;
  for (const std::string& line : lines_starting(text, "adoptsim: ")) {
    if (is_warning(line)) warnings.push_back(line);
  }
  return warnings;
}

// Error lines: "adoptsim: " lines that are not warnings.
std::vector<std::string> error_lines(const std::string& text) {
  std::vector<std::string> errors;
  for (const std::string& line : lines_starting(text, "adoptsim: ")) {
    if (!is_warning(line)) errors.push_back(line);
  }
  return errors;
}

// The texts of the file's leading `# expect: TEXT` lines (at least one).
std::vector<std::string> expected_texts(const fs::path& file) {
  std::vector<std::string> texts;
  const std::string marker = "# expect: ";
  std::istringstream in(read_file(file));
  for (std::string line; std::getline(in, line) && line.rfind(marker, 0) == 0;)
    texts.push_back(line.substr(marker.size()));
  REQUIRE_FALSE(texts.empty());
  return texts;
}

}  // namespace

TEST_CASE("validate and run refuse the same invalid scenarios with the same errors, writing nothing",
          "[e2e][bad-input][validate-run]") {
  const auto files = toml_files(kCorpus / "invalid", false);
  REQUIRE(files.size() >= 10);
  for (const fs::path& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      const std::vector<std::string> expected = expected_texts(file);
      TempDirectory directory;
      const auto output = directory.path() / "never";
      const auto validated = run_adoptsim("validate " + quoted(file));
      const auto ran = run_adoptsim("run -r 2 " + quoted(file) + " -o " + quoted(output));
      INFO("validate:\n" << validated.err << "run:\n" << ran.err);
      CHECK(validated.exit_status == 2);
      CHECK(ran.exit_status == 2);
      for (const std::string& text : expected) CHECK_THAT(validated.err, Catch::Contains(text));
      const auto errors = error_lines(validated.err);
      CHECK_FALSE(errors.empty());
      CHECK(std::set<std::string>(errors.begin(), errors.end()).size() == errors.size());  // each once
      CHECK(error_lines(validated.err) == error_lines(ran.err));
      CHECK_FALSE(fs::exists(output));
    }
  }
}

TEST_CASE("validate and run accept the same valid scenarios with the same warnings", "[e2e][validate-run]") {
  auto files = toml_files(kSource / "scenarios", true);
  const auto valid = toml_files(kCorpus / "valid", false);
  REQUIRE(valid.size() >= 4);
  files.insert(files.end(), valid.begin(), valid.end());
  for (const fs::path& file : files) {
    DYNAMIC_SECTION(fs::relative(file, kSource).string()) {
      TempDirectory directory;
      const auto validated = run_adoptsim("validate " + quoted(file));
      const auto ran = run_adoptsim("run -r 2 --series none " + quoted(file) + " -o " +
                                    quoted(directory.path() / "results"));
      INFO("validate:\n" << validated.err << "run:\n" << ran.err);
      CHECK(validated.exit_status == 0);
      CHECK(ran.exit_status == 0);
      CHECK(error_lines(validated.err).empty());
      CHECK(warning_lines(validated.err) == warning_lines(ran.err));
    }
  }
}
