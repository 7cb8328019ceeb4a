// Import at scale: writes a 1,000,000-person people CSV (a reporting tree of
// span 8, 50 departments, a tenure column) and a 20,000,000-row ties CSV
// (random pairs with weights) into a temp folder, imports them with
// import_organisation and prints the seconds and the peak resident memory
// (VmHWM from /proc/self/status). Run a Release build:
//   build/<dir>/bench/import_bench [people] [ties]
// The files are removed at the end.
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "adoptsim/org/import.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A status line of /proc/self/status in MiB (e.g. "VmHWM"), or -1.
double status_mib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::atof(line.c_str() + std::string(field).size() + 1) / 1024.0;
  }
  return -1.0;
}

// Appends to a large buffer and flushes it to the file when full.
class Writer {
 public:
  explicit Writer(const fs::path& path) : file_(std::fopen(path.c_str(), "wb")) { buffer_.reserve(kSize); }
  ~Writer() {
    flush();
    std::fclose(file_);
  }
  void text(std::string_view part) { buffer_.append(part); }
  void number(std::uint64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    buffer_.append(digits, end);
    if (buffer_.size() > kSize - 64) flush();
  }
  void flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kSize = std::size_t{1} << 22;
  std::FILE* file_;
  std::string buffer_;
};

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t people = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::uint64_t ties = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20000000;
  const fs::path folder = fs::temp_directory_path() / ("adoptsim-import-bench-" + std::to_string(getpid()));
  fs::create_directories(folder);

  auto start = Clock::now();
  {
    Writer out(folder / "people.csv");
    out.text("id,manager_id,department,tenure\n");
    for (std::uint64_t person = 0; person < people; ++person) {
      out.text("E");
      out.number(person);
      out.text(",");
      if (person > 0) {
        out.text("E");
        out.number((person - 1) / 8);
      }
      out.text(",Dept");
      out.number(person * 50 / people);
      out.text(",");
      out.number(person % 30);
      out.text("\n");
    }
  }
  {
    Writer out(folder / "ties.csv");
    out.text("source,target,weight\n");
    std::mt19937_64 random(42);
    for (std::uint64_t tie = 0; tie < ties; ++tie) {
      out.text("E");
      out.number(random() % people);
      out.text(",E");
      out.number(random() % people);
      out.text(",0.");
      out.number(1 + random() % 9);
      out.text("\n");
    }
  }
  const double write_seconds = seconds_since(start);
  const double people_mib = static_cast<double>(fs::file_size(folder / "people.csv")) / 1048576.0;
  const double ties_mib = static_cast<double>(fs::file_size(folder / "ties.csv")) / 1048576.0;
  const double before_mib = status_mib("VmHWM:");

  adoptsim::org::ImportOptions options;
  options.file = folder / "people.csv";
  options.ties_file = folder / "ties.csv";
  start = Clock::now();
  const adoptsim::org::ImportedOrganisation imported = adoptsim::org::import_organisation(options);
  const double import_seconds = seconds_since(start);
  const double peak_mib = status_mib("VmHWM:");

  std::printf("import_bench: %llu people (%.0f MiB), %llu tie rows (%.0f MiB), written in %.1f s\n",
              static_cast<unsigned long long>(people), people_mib, static_cast<unsigned long long>(ties),
              ties_mib, write_seconds);
  std::printf(
      "  imported in %.1f s: %zu people, %zu departments, %zu ties (%zu self-ties dropped, %zu merged)\n",
      import_seconds, imported.graph.person_count(), imported.graph.department_count(),
      imported.graph.tie_count(), imported.ties.self_ties_dropped, imported.ties.merged);
  std::printf("  graph %.0f MiB; peak resident memory (VmHWM) %.0f MiB (%.0f MiB before the import)\n",
              static_cast<double>(imported.graph.memory_bytes()) / 1048576.0, peak_mib, before_mib);
  fs::remove_all(folder);
  return 0;
}
