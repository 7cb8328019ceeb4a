#include "cli_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

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

void check_output_directory(const std::filesystem::path& directory,
                            const std::vector<std::string>& file_names, bool force, ProblemList& problems) {
  namespace fs = std::filesystem;
  if (fs::exists(directory) && !fs::is_directory(directory)) {
    problems.add("-o " + directory.string() +
                 ": exists and is not a directory; name a directory to write into");
    return;
  }
  if (force) return;
  for (const auto& name : file_names) {
    if (fs::exists(directory / name)) {
      problems.add("-o " + directory.string() + ": " + name +
                   " already exists; pass --force to overwrite it, or choose another directory");
    }
  }
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

}  // namespace adoptsim::cli
