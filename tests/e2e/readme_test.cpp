// The README's usage examples are run, so they cannot rot.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "e2e/binary.hpp"

using adoptsim::testing::run_adoptsim;

TEST_CASE("every adoptsim example in the README runs", "[e2e][readme]") {
  const std::string readme = adoptsim::testing::read_file(std::string(ADOPTSIM_SOURCE_DIR) + "/README.md");
  // Examples run in a scratch directory that sees the repository's
  // scenarios/, so the files they write never land in the repository.
  adoptsim::testing::TempDirectory directory;
  std::filesystem::create_directory_symlink(std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios",
                                            directory.path() / "scenarios");
  std::istringstream lines(readme);
  std::string line;
  int examples = 0;
  bool in_code = false;
  while (std::getline(lines, line)) {
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    if (!in_code || line.rfind("adoptsim ", 0) != 0) continue;
    ++examples;
    const std::string arguments = line.substr(std::string("adoptsim ").size());
    INFO(line);
    const auto result = run_adoptsim(arguments, directory.path());
    INFO(result.err);
    CHECK(result.exit_status == 0);
  }
  CHECK(examples >= 10);
}
