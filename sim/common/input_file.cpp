#include "adoptsim/common/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace adoptsim::common {
namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory, not a file; name the file inside it";
  if (S_ISFIFO(mode)) return "is a pipe (FIFO), not a regular file; save the data to a file and name that";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file; name a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file; name a regular file";
  return "is not a regular file; name a regular file";
}

std::string too_large(std::uintmax_t size, std::uintmax_t limit) {
  return "is " + format_bytes(size) + ", more than the " + format_bytes(limit) +
         " adoptsim reads for a file of this kind; check that this is the file you meant";
}

}  // namespace

InputFile::InputFile(const std::filesystem::path& path, std::uintmax_t max_bytes) : max_bytes_(max_bytes) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (descriptor < 0) {
    const int error = errno;
    // A socket (ENXIO) or another special file may refuse the open itself: say what it is.
    struct stat status {};
    if (::stat(path.c_str(), &status) == 0 && !S_ISREG(status.st_mode))
      throw InputFileError(kind_of(status.st_mode));
    if (error == ENOENT) throw InputFileError("does not exist; check the path");
    if (error == EACCES) throw InputFileError("cannot be read: permission denied");
    throw InputFileError("cannot be read: " + std::string(std::strerror(error)));
  }
  struct stat status {};
  if (::fstat(descriptor, &status) != 0) {
    const int error = errno;
    ::close(descriptor);
    throw InputFileError("cannot be read: " + std::string(std::strerror(error)));
  }
  if (!S_ISREG(status.st_mode)) {
    ::close(descriptor);
    throw InputFileError(kind_of(status.st_mode));
  }
  size_bytes_ = static_cast<std::uintmax_t>(status.st_size);
  if (size_bytes_ > max_bytes_) {
    ::close(descriptor);
    throw InputFileError(too_large(size_bytes_, max_bytes_));
  }
  // Regular files never block; clear O_NONBLOCK so reads behave as usual.
  const int flags = ::fcntl(descriptor, F_GETFL);
  if (flags >= 0) ::fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK);
  file_ = ::fdopen(descriptor, "rb");
  if (file_ == nullptr) {
    const int error = errno;
    ::close(descriptor);
    throw InputFileError("cannot be read: " + std::string(std::strerror(error)));
  }
}

InputFile::~InputFile() {
  if (file_ != nullptr) std::fclose(file_);
}

std::string InputFile::read_all() {
  std::string content;
  content.resize(static_cast<std::size_t>(size_bytes_) + 1);
  std::size_t total = 0;
  while (true) {
    if (total == content.size()) {
      if (content.size() > max_bytes_) throw InputFileError(too_large(content.size(), max_bytes_));
      content.resize(content.size() * 2);
    }
    const std::size_t read = std::fread(content.data() + total, 1, content.size() - total, file_);
    total += read;
    if (read == 0) break;
  }
  if (std::ferror(file_) != 0) throw InputFileError("cannot be read: " + std::string(std::strerror(errno)));
  if (total > max_bytes_) throw InputFileError(too_large(total, max_bytes_));
  content.resize(total);
  return content;
}

std::string read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  InputFile file(path, max_bytes);
  return file.read_all();
}

std::optional<std::string> input_file_problem(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  try {
    InputFile file(path, max_bytes);
  } catch (const InputFileError& error) {
    return std::string(error.what());
  }
  return std::nullopt;
}

std::string format_bytes(std::uintmax_t bytes) {
  constexpr std::uintmax_t kKiB = 1024;
  const auto whole = [](std::uintmax_t value, std::uintmax_t unit, const char* name) {
    return std::to_string(value / unit) + (value % unit == 0 ? "" : "+") + " " + name;
  };
  if (bytes >= kKiB * kKiB * kKiB) return whole(bytes, kKiB * kKiB * kKiB, "GiB");
  if (bytes >= kKiB * kKiB) return whole(bytes, kKiB * kKiB, "MiB");
  if (bytes >= kKiB) return whole(bytes, kKiB, "KiB");
  return std::to_string(bytes) + " bytes";
}

}  // namespace adoptsim::common
