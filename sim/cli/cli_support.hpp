// What every adoptsim verb shares: how bad input is reported (exit status 2,
// every problem at once), progress on a terminal, and writing files so that
// an interrupted run leaves nothing half-written.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "adoptsim/io/results.hpp"

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
  std::size_t size() const { return problems_.size(); }
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

// Adds a problem when `directory` could not be made or written: it, or a
// folder above it, is not a directory, or the nearest existing folder above
// it does not let this process create entries (tried by making and removing
// a hidden directory there). Creates nothing that outlives the check.
void check_writable_location(const std::filesystem::path& directory, ProblemList& problems);

// check_writable_location, and a problem when any of `file_names` already
// exists in `directory` and `force` is false. Creates nothing: the directory
// is made only when files are written.
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

// For a result set that replaces its directory as a whole
// (io::StagedDirectory): check_writable_location; without `force`, a
// problem when `directory` already holds a result file; and, with or
// without it, a problem when `directory` holds anything adoptsim does not
// write there (a result set replaces the whole directory, so it would go).
// An empty directory is fine.
// `result_files`: the files of the verb's result set (default: run's).
void check_result_directory(const std::filesystem::path& directory, bool force, ProblemList& problems,
                            std::span<const char* const> result_files = io::kResultFiles);

// Catches SIGINT and SIGTERM while it lives (nested scopes share one
// handler): the handler only records the signal, and forwards SIGTERM to the
// child process registered with set_child, so that work in progress can stop
// at a safe point and clean up. The previous handlers come back when the
// outermost scope ends.
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  // True once a signal arrived; the runner and the writers poll it.
  static std::atomic<bool>& requested();
  // 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
  static int exit_status();
  // The child to forward a signal to (0: none).
  static void set_child(pid_t child);
};

// Pseudonym keys. An import's ids leave adoptsim only as keyed pseudonyms,
// and whoever holds the key can re-identify them, so a key never lives in
// the results it protects.
//
// Adds a problem when an output with pseudonymised ids (`what`, e.g.
// "champions.csv") is to be written to `output` and no key file is named
// (`key_file` empty), or the key file lies inside `output`. `from_flag`:
// the key was named by --key-file rather than organisation.pseudonym_key_file.
void check_key_file(const std::filesystem::path& key_file, bool from_flag,
                    const std::filesystem::path& output, const std::string& what, ProblemList& problems);
// The key in `key_file`, or a new one kept there (mode 0600) when the file
// does not exist; a one-off key when `key_file` is empty. `note` says which,
// for the terminal.
std::string pseudonym_key(const std::filesystem::path& key_file, std::string& note);

// "1.23 s", "45 ms": durations for people.
std::string format_seconds(double seconds);

// Adds `--set KEY=VALUE` (repeatable) to a verb that loads scenario files:
// any key of the parameter table over what the files say
// (scenario::load_scenario's overrides).
void add_set_option(CLI::App& command, std::vector<std::string>& overrides);

}  // namespace adoptsim::cli
