// The README's usage examples are run, so they cannot rot.
#include <catch2/catch.hpp>

#include <sstream>

#include "e2e/binary.hpp"

using adoptsim::testing::run_adoptsim;

TEST_CASE("every adoptsim example in the README runs", "[e2e][readme]") {
  const std::string readme = adoptsim::testing::read_file(std::string(ADOPTSIM_SOURCE_DIR) + "/README.md");
  adoptsim::testing::TempDirectory directory;
  std::istringstream lines(readme);
  std::string line;
  int examples = 0;
  bool in_code = false;
  while (std::getline(lines, line)) {
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    if (!in_code || line.rfind("adoptsim ", 0) != 0) continue;
    ++examples;
    // Output directories named in examples are created inside the temp directory.
    std::string arguments = line.substr(std::string("adoptsim ").size());
    const std::size_t output_flag = arguments.find(" -o ");
    if (output_flag != std::string::npos) {
      arguments.insert(output_flag + 4, "'" + directory.path().string() + "'/");
    }
    INFO(line);
    const auto result = run_adoptsim(arguments);
    INFO(result.err);
    CHECK(result.exit_status == 0);
  }
  CHECK(examples >= 5);
}
