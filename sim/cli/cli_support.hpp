// What every adoptsim verb shares: how bad input is reported (exit status 2,
// every problem at once), progress on a terminal, and writing files so that
// an interrupted run leaves nothing half-written.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace adoptsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Thrown when user input is wrong; carries every problem found, each a
// sentence naming the flag or key, the value and what was expected.
class BadInput : public std::runtime_error {
 public:
  explicit BadInput(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Collects problems while flags are checked, then throws them all at once.
class ProblemList {
 public:
  void add(std::string problem) { problems_.push_back(std::move(problem)); }
  void add_all(const std::vector<std::string>& problems, const std::string& prefix = "");
  // Throws BadInput if any problem was added.
  void throw_if_any() const;

 private:
  std::vector<std::string> problems_;
};

// A progress line on stderr when it is a terminal ("120/200 replicates,
// 85/s, about 1 s left"), nothing otherwise. Thread-safe; redraws at most
// ten times a second.
class ProgressBar {
 public:
  ProgressBar(std::string what, std::uint32_t total);
  ~ProgressBar();
  void update(std::uint32_t done);
  void finish();

 private:
  std::string what_;
  std::uint32_t total_;
  bool enabled_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mutex_;
};

// Adds a problem when `directory` is not a directory, or when any of
// `file_names` already exists in it and `force` is false. Creates nothing:
// the directory is made only when results are written.
void check_output_directory(const std::filesystem::path& directory,
                            const std::vector<std::string>& file_names, bool force, ProblemList& problems);

// "1.23 s", "45 ms": durations for people.
std::string format_seconds(double seconds);

}  // namespace adoptsim::cli
