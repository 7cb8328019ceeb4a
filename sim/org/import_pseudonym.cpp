// Keyed pseudonyms for person ids (HMAC-SHA256, OpenSSL) and their key files.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "adoptsim/org/import.hpp"

#include "adoptsim/common/input_file.hpp"

namespace adoptsim::org {
namespace {

constexpr std::size_t kMinKeyBytes = 16;
constexpr char kHex[] = "0123456789abcdef";

std::string hex(const unsigned char* bytes, std::size_t count) {
  std::string text;
  text.reserve(2 * count);
  for (std::size_t index = 0; index < count; ++index) {
    text += kHex[bytes[index] >> 4];
    text += kHex[bytes[index] & 0xf];
  }
  return text;
}

}  // namespace

Pseudonymiser::Pseudonymiser(std::string key) : key_(std::move(key)) {
  if (key_.size() < kMinKeyBytes) {
    throw std::invalid_argument(
        "a pseudonym key needs at least 16 characters; generate one with e.g. "
        "`openssl rand -hex 32`");
  }
}

std::string Pseudonymiser::operator()(std::string_view id) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(id.data()), id.size(), digest, &length);
  // 64 bits: collisions are unlikely below billions of people (birthday bound).
  return "p" + hex(digest, 8);
}

std::string generate_pseudonym_key() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("could not draw a random pseudonym key");
  return hex(bytes, sizeof bytes);
}

std::string read_pseudonym_key(const std::filesystem::path& path) {
  std::string key;
  try {
    key = common::read_input_file(path, common::kMaxKeyFileBytes);
  } catch (const common::InputFileError& error) {
    throw std::runtime_error(path.string() + ": the pseudonym key file " + error.what());
  }
  const auto first = key.find_first_not_of(" \t\r\n");
  const auto last = key.find_last_not_of(" \t\r\n");
  key = first == std::string::npos ? std::string() : key.substr(first, last - first + 1);
  if (key.size() < kMinKeyBytes) {
    throw std::runtime_error(path.string() + ": the pseudonym key has " + std::to_string(key.size()) +
                             " characters but needs at least 16; generate one with `openssl rand -hex 32 > " +
                             path.string() + "`");
  }
  return key;
}

void write_pseudonym_key(const std::filesystem::path& path, const std::string& key) {
  const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, S_IRUSR | S_IWUSR);
  if (descriptor < 0) {
    throw std::runtime_error(path.string() + ": cannot write the pseudonym key: " + std::strerror(errno));
  }
  ::fchmod(descriptor, S_IRUSR | S_IWUSR);
  const std::string line = key + "\n";
  const bool written = ::write(descriptor, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(descriptor);
  if (!written) throw std::runtime_error(path.string() + ": cannot write the pseudonym key");
}

}  // namespace adoptsim::org
