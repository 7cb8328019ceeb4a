// What every adoptsim verb shares: how bad input is reported (exit status 2,
// every problem at once), progress on a terminal, and writing files so that
// an interrupted run leaves nothing half-written.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
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
  bool empty() const { return problems_.empty(); }
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

// The flags every verb that runs replicates shares, checked one way
// everywhere. Each adds a problem naming the flag and returns nullopt when
// the value is out of range.
inline constexpr std::int64_t kMaxThreads = 1024;
std::optional<std::uint64_t> parse_seed_flag(const std::string& text, ProblemList& problems);
std::optional<std::uint32_t> check_replicates_flag(std::int64_t replicates, ProblemList& problems);
std::optional<std::uint32_t> check_threads_flag(std::int64_t threads, ProblemList& problems);

// What this process may allocate: the machine's physical memory, or less when
// a limit (ulimit -v, -d) is set.
std::uintmax_t available_memory_bytes();

// What a run holds in memory, for the check before anything is allocated.
// Counts are doubles so that absurd flag values cannot overflow.
struct MemoryEstimate {
  double people = 0;
  double ties = 0;         // undirected
  double threads = 1;      // workers that each hold a model's per-person state
  bool workplace = false;  // the workplace model keeps more per person than a reference model
  // Bytes kept per replicate once it has run (its series when kept, its
  // daily counts for a reference run by flags), times the replicates.
  double replicates = 0;
  double kept_bytes_per_replicate = 0;
  double bytes() const;
};

// Ties of a generated organisation: its reporting lines, teammates,
// department and cross-department ties.
double estimated_generated_ties(double headcount, double span_of_control, double department_ties,
                                double cross_ties);

// Adds a problem, and returns false, when `estimate_bytes` exceeds what this process may
// allocate: "<what> needs about 42 GiB, more than the 23 GiB this machine
// has; <remedy>".
bool check_memory_fits(double estimate_bytes, const std::string& what, const std::string& remedy,
                       ProblemList& problems);

// "2,000,000 people and 10,000,000 ties".
std::string describe_size(const MemoryEstimate& estimate);
// 1234567 as "1,234,567".
std::string with_thousands(double count);

// "1.23 s", "45 ms": durations for people.
std::string format_seconds(double seconds);

}  // namespace adoptsim::cli
