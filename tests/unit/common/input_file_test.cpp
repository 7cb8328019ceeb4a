#include "adoptsim/common/input_file.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "e2e/binary.hpp"

namespace fs = std::filesystem;
using adoptsim::common::format_bytes;
using adoptsim::common::input_file_problem;
using adoptsim::common::InputFileError;
using adoptsim::common::read_input_file;

namespace {

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("An input file is read whole when it is a regular file within its limit", "[common]") {
  adoptsim::testing::TempDirectory directory;
  const fs::path path = directory.path() / "scenario.toml";
  write(path, "name = \"x\"\n");
  CHECK(read_input_file(path, 11) == "name = \"x\"\n");
  CHECK_FALSE(input_file_problem(path, 11).has_value());
  write(path, "");
  CHECK(read_input_file(path, 0).empty());
}

TEST_CASE("An input file over its limit is refused with its size and the limit", "[common]") {
  adoptsim::testing::TempDirectory directory;
  const fs::path path = directory.path() / "big.csv";
  write(path, std::string(2048, 'x'));
  CHECK_THROWS_WITH(read_input_file(path, 1024),
                    Catch::Contains("is 2 KiB, more than the 1 KiB adoptsim reads"));
  CHECK(read_input_file(path, 2048).size() == 2048);
}

TEST_CASE("A directory, a FIFO, a socket, a device or a missing path is not an input file", "[common]") {
  adoptsim::testing::TempDirectory directory;
  CHECK(input_file_problem(directory.path(), 100).value() ==
        "is a directory, not a file; name the file inside it");
  CHECK(input_file_problem(directory.path() / "missing.toml", 100).value() ==
        "does not exist; check the path");
  CHECK(input_file_problem("/dev/zero", 100).value() ==
        "is a device, not a regular file; name a regular file");

  // A FIFO with no writer must be refused at once, not block the open.
  const fs::path fifo = directory.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_AS(read_input_file(fifo, 100), InputFileError);
  CHECK(input_file_problem(fifo, 100).value().rfind("is a pipe (FIFO)", 0) == 0);

  const fs::path socket_path = directory.path() / "sock";
  const int socket_descriptor = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(socket_descriptor >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket_path.c_str());
  REQUIRE(::bind(socket_descriptor, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  CHECK(input_file_problem(socket_path, 100).value().rfind("is a socket", 0) == 0);
  ::close(socket_descriptor);
}

TEST_CASE("Limits read as sizes", "[common]") {
  CHECK(format_bytes(512) == "512 bytes");
  CHECK(format_bytes(1024) == "1 KiB");
  CHECK(format_bytes(1536) == "1+ KiB");
  CHECK(format_bytes(16ull << 20) == "16 MiB");
  CHECK(format_bytes(4ull << 30) == "4 GiB");
}
