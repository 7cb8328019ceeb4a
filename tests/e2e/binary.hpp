// Runs the real adoptsim binary for end-to-end tests and captures what it
// printed and its exit status.
#pragma once

#include <filesystem>
#include <string>

namespace adoptsim::testing {

struct CommandResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};

// Runs `adoptsim <arguments>` through the shell (arguments are passed as
// written, so quote as in a terminal), with stdin closed, in
// `working_directory` when given.
CommandResult run_adoptsim(const std::string& arguments, const std::filesystem::path& working_directory = {});

// A fresh, empty directory under the system temp directory, removed when
// the object goes out of scope.
class TempDirectory {
 public:
  TempDirectory();
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
// Writes `text` to `path` (replacing it).
void write_text(const std::filesystem::path& path, const std::string& text);
// `path` quoted for the shell, as run_adoptsim's arguments are written: 'path'.
std::string quoted(const std::filesystem::path& path);

}  // namespace adoptsim::testing
