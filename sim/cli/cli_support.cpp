#include "cli_support.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "adoptsim/common/input_file.hpp"
#include "adoptsim/io/results.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/scenario/scenario.hpp"

namespace adoptsim::cli {

BadInput::BadInput(std::vector<std::string> problems)
    : std::runtime_error(problems.empty() ? "bad input" : problems.front()), problems_(std::move(problems)) {}

void ProblemList::add_all(const std::vector<std::string>& problems, const std::string& prefix) {
  for (const auto& problem : problems) problems_.push_back(prefix + problem);
}

void ProblemList::throw_if_any() const {
  if (!problems_.empty()) throw BadInput(problems_);
}

ProgressBar::ProgressBar(std::string what, std::uint32_t total)
    : what_(std::move(what)),
      total_(total),
      enabled_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::uint32_t done) {
  if (!enabled_) return;
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  constexpr int kWidth = 30;
  const int filled = total_ == 0 ? kWidth : static_cast<int>(kWidth * static_cast<double>(done) / total_);
  std::ostringstream line;
  line << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
       << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << "] " << done << "/" << total_ << " "
       << what_;
  if (rate > 0) {
    line.precision(rate < 10 ? 2 : 0);
    line << std::fixed << ", " << rate << "/s";
    if (done < total_) line << ", about " << format_seconds((total_ - done) / rate) << " left";
  }
  line << "   ";
  std::cerr << line.str() << std::flush;
}

void ProgressBar::finish() {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  std::cerr << "\r" << std::string(100, ' ') << "\r" << std::flush;
}

void check_writable_location(const std::filesystem::path& directory, ProblemList& problems) {
  namespace fs = std::filesystem;
  const std::string flag = "-o " + directory.string();
  std::error_code error;
  fs::path absolute = fs::absolute(directory, error).lexically_normal();
  if (error) {
    problems.add(flag + ": cannot resolve this path (" + error.message() + ")");
    return;
  }
  if (absolute.filename().empty()) absolute = absolute.parent_path();
  // The nearest existing path at or above the directory must be a directory.
  fs::path existing = absolute;
  while (!fs::exists(fs::status(existing, error)) && existing.has_relative_path()) {
    existing = existing.parent_path();
  }
  if (!fs::is_directory(fs::status(existing, error))) {
    if (existing == absolute) {
      problems.add(flag + ": exists and is not a directory; name a directory to write into");
    } else {
      problems.add(flag + ": " + existing.string() +
                   " is a file, not a directory, so nothing can be made below it; choose another directory");
    }
    return;
  }
  // Results are staged beside the directory, so its parent must be writable
  // too; when the directory does not exist yet, the first existing folder
  // above it must let us create it.
  const fs::path probe_in = existing == absolute ? absolute.parent_path() : existing;
  std::string probe = (probe_in / ".adoptsim-write-check-XXXXXX").string();
  if (mkdtemp(probe.data()) == nullptr) {
    problems.add(flag + ": cannot create files in " + probe_in.string() + " (" + std::strerror(errno) +
                 "); choose a directory you can write to");
    return;
  }
  fs::remove(probe, error);
}

void check_output_directory(const std::filesystem::path& directory,
                            const std::vector<std::string>& file_names, bool force, ProblemList& problems) {
  namespace fs = std::filesystem;
  check_writable_location(directory, problems);
  if (!fs::is_directory(directory) || force) return;
  for (const auto& name : file_names) {
    if (fs::exists(directory / name)) {
      problems.add("-o " + directory.string() + ": " + name +
                   " already exists; pass --force to overwrite it, or choose another directory");
    }
  }
}

std::optional<std::uint64_t> parse_seed_flag(const std::string& text, ProblemList& problems) {
  std::uint64_t seed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    problems.add("--seed " + text + ": expected a whole number from 0 to 18446744073709551615");
    return std::nullopt;
  }
  return seed;
}

std::optional<std::uint32_t> check_replicates_flag(std::int64_t replicates, ProblemList& problems) {
  if (replicates < 1 || replicates > scenario::kMaxReplicates) {
    problems.add("-r/--replicates " + std::to_string(replicates) + ": expected 1 to " +
                 std::to_string(scenario::kMaxReplicates) + " replicates");
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(replicates);
}

std::optional<std::uint32_t> check_threads_flag(std::int64_t threads, ProblemList& problems) {
  if (threads < 0 || threads > kMaxThreads) {
    problems.add("-j/--threads " + std::to_string(threads) + ": expected 0 (every core) to " +
                 std::to_string(kMaxThreads) + " threads");
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(threads);
}

std::uintmax_t available_memory_bytes() {
  std::uintmax_t available = std::numeric_limits<std::uintmax_t>::max();
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages > 0 && page_size > 0) {
    available = static_cast<std::uintmax_t>(pages) * static_cast<std::uintmax_t>(page_size);
  }
  for (const int resource : {RLIMIT_AS, RLIMIT_DATA}) {
    rlimit limit{};
    if (getrlimit(resource, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
      available = std::min<std::uintmax_t>(available, limit.rlim_cur);
    }
  }
  return available;
}

double MemoryEstimate::bytes() const {
  // Measured with /usr/bin/time (maximum resident size) on erdos_renyi
  // networks and generated organisations of 10^5 to 4·10^6 people, rounded
  // up: per tie the builder's list and the CSR arrays in both directions;
  // per person the graph's attributes and, per worker, the model's state.
  constexpr double kBytesPerTie = 40.0;
  constexpr double kGraphBytesPerPerson = 40.0;
  constexpr double kReferenceStateBytesPerPerson = 40.0;
  constexpr double kWorkplaceStateBytesPerPerson = 120.0;
  const double state = workplace ? kWorkplaceStateBytesPerPerson : kReferenceStateBytesPerPerson;
  return kBytesPerTie * ties + people * (kGraphBytesPerPerson + state * std::max(threads, 1.0)) +
         replicates * kept_bytes_per_replicate;
}

double estimated_generated_ties(double headcount, double span_of_control, double department_ties,
                                double cross_ties) {
  return headcount * (1.0 + span_of_control / 2.0 + department_ties / 2.0 + cross_ties / 2.0);
}

std::string with_thousands(double count) {
  if (!(count < 1e18)) return "more than 10^18";
  std::string digits = std::to_string(static_cast<std::uint64_t>(std::max(count, 0.0)));
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

std::string describe_size(const MemoryEstimate& estimate) {
  return with_thousands(estimate.people) + " people and " + with_thousands(estimate.ties) + " ties";
}

bool check_memory_fits(double bytes, const std::string& what, const std::string& remedy,
                       ProblemList& problems) {
  const std::uintmax_t available = available_memory_bytes();
  if (!(bytes > static_cast<double>(available))) return true;
  const std::uintmax_t shown =
      bytes >= 1.8e19 ? std::numeric_limits<std::uintmax_t>::max() : static_cast<std::uintmax_t>(bytes);
  problems.add(what + " needs about " + common::format_bytes(shown) + " of memory, more than the " +
               common::format_bytes(available) + " this process may use; " + remedy);
  return false;
}
void check_result_directory(const std::filesystem::path& directory, bool force, ProblemList& problems,
                            std::span<const char* const> result_files) {
  namespace fs = std::filesystem;
  check_writable_location(directory, problems);
  std::error_code error;
  if (!fs::is_directory(directory, error)) return;
  std::vector<std::string> results;
  std::vector<std::string> others;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    const bool result_file =
        std::find(result_files.begin(), result_files.end(), name) != result_files.end() &&
        entry.is_regular_file(error);
    const bool figures = name == io::kFiguresDirectory && entry.is_directory(error);
    (result_file || figures ? results : others).push_back(name);
  }
  std::sort(results.begin(), results.end());
  std::sort(others.begin(), others.end());
  const auto listed = [](const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t index = 0; index < names.size() && index < 5; ++index) {
      text += (index == 0 ? "" : ", ") + names[index];
    }
    if (names.size() > 5) text += " and " + std::to_string(names.size() - 5) + " more";
    return text;
  };
  if (!others.empty()) {
    problems.add("-o " + directory.string() + ": holds " + listed(others) +
                 ", which adoptsim did not write; a result set replaces its whole directory, so name a new "
                 "or empty directory (or one an earlier run wrote)");
  } else if (!results.empty() && !force) {
    problems.add("-o " + directory.string() + ": holds the results of an earlier run (" + listed(results) +
                 "); pass --force to replace them all, or choose another directory");
  }
}

namespace {

std::atomic<bool> interrupt_requested{false};
std::atomic<int> interrupt_signal{0};
std::atomic<pid_t> interrupt_child{0};
int interrupt_depth = 0;
struct sigaction previous_int;
struct sigaction previous_term;

extern "C" void on_interrupt(int signal_number) {
  interrupt_signal.store(signal_number);
  interrupt_requested.store(true);
  const pid_t child = interrupt_child.load();
  if (child > 0) kill(child, SIGTERM);
}

}  // namespace

InterruptScope::InterruptScope() {
  if (interrupt_depth++ > 0) return;
  interrupt_requested = false;
  interrupt_signal = 0;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

InterruptScope::~InterruptScope() {
  if (--interrupt_depth > 0) return;
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

std::atomic<bool>& InterruptScope::requested() { return interrupt_requested; }

int InterruptScope::exit_status() {
  const int signal_number = interrupt_signal.load();
  return 128 + (signal_number == 0 ? SIGINT : signal_number);
}

void InterruptScope::set_child(pid_t child) { interrupt_child.store(child); }

namespace {

// Whether `path` lies inside `directory` (both made absolute and normal).
bool is_inside(const std::filesystem::path& path, const std::filesystem::path& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path file = fs::weakly_canonical(fs::absolute(path, error), error);
  const fs::path folder = fs::weakly_canonical(fs::absolute(directory, error), error);
  const auto mismatch = std::mismatch(folder.begin(), folder.end(), file.begin(), file.end());
  return mismatch.first == folder.end();
}

}  // namespace

void check_key_file(const std::filesystem::path& key_file, bool from_flag,
                    const std::filesystem::path& output, const std::string& what, ProblemList& problems) {
  if (key_file.empty()) {
    problems.add("-o " + output.string() + ": " + what +
                 " holds pseudonymised ids, so their key must be kept, and kept apart from the results: "
                 "name where it lives with --key-file FILE (outside " +
                 output.string() +
                 "; made, mode 0600, when missing) or the scenario's "
                 "organisation.pseudonym_key_file");
  } else if (is_inside(key_file, output)) {
    problems.add(
        std::string(from_flag ? "--key-file " : "organisation.pseudonym_key_file ") + key_file.string() +
        ": is inside the output directory " + output.string() +
        ", so whoever receives the results could re-identify everyone in them; keep the key elsewhere");
  }
}

std::string pseudonym_key(const std::filesystem::path& key_file, std::string& note) {
  if (key_file.empty()) {
    note =
        "pseudonyms keyed by a one-off key: they will differ next run; name a key file with --key-file "
        "to keep them stable";
    return org::generate_pseudonym_key();
  }
  std::error_code error;
  if (std::filesystem::exists(key_file, error)) {
    note = "pseudonyms keyed by " + key_file.string();
    return org::read_pseudonym_key(key_file);
  }
  std::string key = org::generate_pseudonym_key();
  org::write_pseudonym_key(key_file, key);
  note = "pseudonyms keyed by a new key, kept in " + key_file.string() + " (mode 0600)";
  return key;
}

std::string format_seconds(double seconds) {
  char buffer[32];
  if (seconds < 1.0) {
    std::snprintf(buffer, sizeof buffer, "%.0f ms", seconds * 1000.0);
  } else if (seconds < 120.0) {
    std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f min", seconds / 60.0);
  }
  return buffer;
}

void add_set_option(CLI::App& command, std::vector<std::string>& overrides) {
  command
      .add_option("--set", overrides,
                  "Set a scenario key over the files, e.g. --set model.bass.imitation_q=0.2 or --set "
                  "strategy.preset=big_bang (repeatable; any key of scenarios/README.md, checked as in a "
                  "file; recorded in the resolved scenario and summary.json)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
}

}  // namespace adoptsim::cli
