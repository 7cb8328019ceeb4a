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
  // The layout mirrors a checkout (main/ with ../shared beside it), so
  // scenarios that name ../shared/datasets resolve as they do in the repo.
  adoptsim::testing::TempDirectory workspace;
  const std::filesystem::path checkout = workspace.path() / "main";
  std::filesystem::create_directory(checkout);
  std::filesystem::create_directory_symlink(std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios",
                                            checkout / "scenarios");
  std::filesystem::create_directory_symlink(std::filesystem::canonical(ADOPTSIM_SHARED_DIR),
                                            workspace.path() / "shared");
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
    const auto result = run_adoptsim(arguments, checkout);
    INFO(result.err);
    CHECK(result.exit_status == 0);
  }
  CHECK(examples >= 10);
}
