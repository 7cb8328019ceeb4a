// Opening a user's input file safely: it must be a regular file (not a
// directory, FIFO, socket or device, which would fail late or block forever)
// no larger than a stated limit, checked on the opened descriptor itself.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace adoptsim::common {

// Size limits of the inputs adoptsim reads, in bytes. Each is far above any
// real file of its kind and far below what would exhaust memory.
inline constexpr std::uintmax_t kMaxScenarioFileBytes = 16ull << 20;  // a scenario or extends target
inline constexpr std::uintmax_t kMaxDataFileBytes = 4ull << 30;  // people/ties CSV, GraphML, SNAP, Krackhardt
inline constexpr std::uintmax_t kMaxKeyFileBytes = 64ull << 10;  // a pseudonym key file

// Why an input file cannot be used: a sentence without the path, which the
// caller places (e.g. "is a directory, not a file; name the file inside it").
class InputFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An open, checked input file; closes it on destruction.
class InputFile {
 public:
  // Opens `path` without blocking (a FIFO with no writer would block a plain
  // open), then checks on the descriptor that it is a regular file of at most
  // `max_bytes`. Throws InputFileError otherwise.
  InputFile(const std::filesystem::path& path, std::uintmax_t max_bytes);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  std::FILE* get() const { return file_; }
  std::uintmax_t size_bytes() const { return size_bytes_; }
  // The whole content. Reads at most the size checked at open plus one byte,
  // and throws InputFileError if the file grew past the limit meanwhile.
  std::string read_all();

 private:
  std::FILE* file_ = nullptr;
  std::uintmax_t size_bytes_ = 0;
  std::uintmax_t max_bytes_ = 0;
};

// The whole content of `path`, checked as InputFile does.
std::string read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes);

// The problem with `path` as an input file (as InputFileError's text), or
// nullopt when it opens as one; reads nothing.
std::optional<std::string> input_file_problem(const std::filesystem::path& path, std::uintmax_t max_bytes);

// "16 MiB", "4 GiB", "512 bytes": a limit for messages.
std::string format_bytes(std::uintmax_t bytes);

}  // namespace adoptsim::common
