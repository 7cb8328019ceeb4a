#include "e2e/binary.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace adoptsim::testing {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

TempDirectory::TempDirectory() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("adoptsim-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDirectory::~TempDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

CommandResult run_adoptsim(const std::string& arguments, const std::filesystem::path& working_directory) {
  TempDirectory capture;
  const auto out_path = capture.path() / "stdout";
  const auto err_path = capture.path() / "stderr";
  const std::string change_directory =
      working_directory.empty() ? "" : "cd '" + working_directory.string() + "' && ";
  const std::string command = change_directory + "'" + ADOPTSIM_BINARY + "' " + arguments +
                              " < /dev/null > '" + out_path.string() + "' 2> '" + err_path.string() + "'";
  const int status = std::system(command.c_str());
  if (status == -1) throw std::runtime_error("could not start " + command);
  CommandResult result;
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

}  // namespace adoptsim::testing
