// Fuzzing the TOML scenario reader through the real binary: thousands of
// seeded mutations of the library's scenario files (byte flips, truncations,
// duplicated and removed lines, huge numbers, NaN and inf, deep nesting, odd
// UTF-8, swapped types) go through `adoptsim validate`, and a sample of those
// it accepts through `adoptsim run -r 1`. Fails on a signal, a time-out, an
// exit status other than 0 or 2, or an internal error. The seed is printed;
// ADOPTSIM_FUZZ_SEED=S replays a run and ADOPTSIM_FUZZ_CASE=N one case of it,
// and a failing case's file is kept under the temp directory.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "e2e/binary.hpp"

using adoptsim::testing::read_file;
using adoptsim::testing::TempDirectory;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kDefaultSeed = 20261203;
constexpr int kCases = 3000;
constexpr int kRunEvery = 15;                        // of the cases validate accepts
constexpr auto kBudget = std::chrono::seconds(420);  // the whole test, so the slow tier stays bounded
constexpr int kValidateTimeoutSeconds = 20;
constexpr int kRunTimeoutSeconds = 120;

std::optional<std::uint64_t> from_environment(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return std::nullopt;
  return std::stoull(text);
}

struct Outcome {
  int exit_status = -1;
  std::string err;
};

Outcome run_bounded(const std::string& arguments, const fs::path& scratch, int seconds) {
  const fs::path err = scratch / "stderr";
  const std::string command = "timeout -k 2 " + std::to_string(seconds) + " '" + ADOPTSIM_BINARY + "' " +
                              arguments + " < /dev/null > " + (scratch / "stdout").string() + " 2> " +
                              err.string();
  const int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  outcome.err = read_file(err);
  return outcome;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// One mutation of `text`, chosen by `random`; `what` says which, for replay.
std::string mutate(std::string text, std::mt19937_64& random, std::string& what) {
  const auto pick = [&](std::size_t count) {
    return count == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, count - 1)(random);
  };
  static const char* const kNumbers[] = {"1e308",
                                         "-1e308",
                                         "1e-320",
                                         "99999999999999999999",
                                         "-9223372036854775808",
                                         "9223372036854775807",
                                         "nan",
                                         "-nan",
                                         "inf",
                                         "-inf",
                                         "0",
                                         "-0.0",
                                         "-1",
                                         "4294967296",
                                         "0x7fffffffffffffff",
                                         "1_000_000_000",
                                         "2147483648",
                                         "\"12\"",
                                         "true",
                                         "[]",
                                         "{}",
                                         "1979-05-27T07:32:00Z"};
  // Overlong NUL, a surrogate, above U+10FFFF, a BOM, a lone continuation
  // byte, a UTF-16 BOM, a right-to-left override, control characters.
  static const char* const kOddBytes[] = {"\xC0\x80",     "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                          "\xEF\xBB\xBF", "\x80",         "\xFF\xFE",
                                          "\xE2\x80\xAE", "\r",           "\t\v\f"};
  switch (pick(10)) {
    case 0: {  // byte flips
      const std::size_t flips = 1 + pick(8);
      for (std::size_t i = 0; i < flips && !text.empty(); ++i)
        text[pick(text.size())] = static_cast<char>(pick(256));
      what = std::to_string(flips) + " byte flips";
      break;
    }
    case 1: {  // truncation
      const std::size_t at = pick(text.size() + 1);
      text.resize(at);
      what = "truncated at byte " + std::to_string(at);
      break;
    }
    case 2: {  // a duplicated line (often a duplicate key or table)
      auto lines = lines_of(text);
      if (!lines.empty()) {
        const std::size_t at = pick(lines.size());
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), lines[at]);
      }
      text = joined(lines);
      what = "a duplicated line";
      break;
    }
    case 3: {  // removed lines
      auto lines = lines_of(text);
      const std::size_t removals = 1 + pick(4);
      for (std::size_t i = 0; i < removals && !lines.empty(); ++i)
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(pick(lines.size())));
      text = joined(lines);
      what = std::to_string(removals) + " removed lines";
      break;
    }
    case 4:
    case 5: {  // a number (or any value) replaced by an extreme one
      // Values after `=`: scanned by hand (std::regex recurses per character
      // and overflows the stack on the long strings other mutations insert).
      std::vector<std::pair<std::size_t, std::size_t>> values;  // begin, length
      for (std::size_t at = text.find('='); at != std::string::npos; at = text.find('=', at + 1)) {
        std::size_t begin = at + 1;
        while (begin < text.size() && text[begin] == ' ') ++begin;
        std::size_t end = begin;
        if (end < text.size() && text[end] == '"') {
          end = text.find_first_of("\"\n", end + 1);
          end = end == std::string::npos ? text.size() : end + 1;
        } else {
          end = text.find_first_of(",\n#]} ", end);
          if (end == std::string::npos) end = text.size();
        }
        if (end > begin) values.emplace_back(begin, end - begin);
      }
      const std::string replacement = kNumbers[pick(std::size(kNumbers))];
      if (!values.empty()) {
        const auto [begin, length] = values[pick(values.size())];
        text.replace(begin, length, replacement);
      }
      what = "a value replaced by " + replacement;
      break;
    }
    case 6: {  // deep nesting
      const std::size_t depth = 1 + pick(3000);
      const bool arrays = pick(2) == 0;
      std::string nested = arrays ? std::string(depth, '[') + std::string(depth, ']') : "";
      if (!arrays) {
        for (std::size_t i = 0; i < depth; ++i) nested += "{ a = ";
        nested += "1";
        for (std::size_t i = 0; i < depth; ++i) nested += " }";
      }
      auto lines = lines_of(text);
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(pick(lines.size() + 1)), "deep = " + nested);
      text = joined(lines);
      what = "nesting " + std::to_string(depth) + (arrays ? " arrays" : " inline tables") + " deep";
      break;
    }
    case 7: {  // odd UTF-8 and control bytes
      const std::size_t choice = pick(std::size(kOddBytes) + 1);
      const std::string odd =
          choice == std::size(kOddBytes) ? std::string(1, '\0') : std::string(kOddBytes[choice]);
      text.insert(pick(text.size() + 1), odd);
      what = "odd bytes inserted";
      break;
    }
    case 8: {  // a table header or key repeated, or a table made an array of tables
      auto lines = lines_of(text);
      std::vector<std::size_t> headers;
      for (std::size_t i = 0; i < lines.size(); ++i)
        if (!lines[i].empty() && lines[i][0] == '[') headers.push_back(i);
      if (!headers.empty()) {
        const std::size_t at = headers[pick(headers.size())];
        lines[at] =
            lines[at].rfind("[[", 0) == 0 ? lines[at].substr(1, lines[at].size() - 2) : "[" + lines[at] + "]";
      }
      text = joined(lines);
      what = "a table header changed between [t] and [[t]]";
      break;
    }
    default: {  // a long value
      const std::size_t length = 1 + pick(1 << 20);
      auto lines = lines_of(text);
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(pick(lines.size() + 1)),
                   "name = \"" + std::string(length, 'x') + "\"");
      text = joined(lines);
      what = "a string of " + std::to_string(length) + " bytes";
      break;
    }
  }
  return text;
}

// headcount × horizon of a resolved scenario, so the run sample skips
// scenarios that are valid but would take minutes.
double run_size(const std::string& resolved) {
  const auto number = [&](const char* key, double fallback) {
    const std::string prefix = std::string("\n") + key + " = ";
    const std::size_t at = resolved.find(prefix);
    if (at == std::string::npos) return fallback;
    const char* digits = resolved.c_str() + at + prefix.size();
    char* end = nullptr;
    const double value = std::strtod(digits, &end);
    return end == digits ? fallback : value;
  };
  return number("headcount", 1000) * number("horizon_days", 180);
}

}  // namespace

TEST_CASE("fuzzing the TOML scenario reader: only exit 0 or 2, never a signal, hang or internal error",
          "[e2e][fuzz][slow]") {
  const std::uint64_t seed = from_environment("ADOPTSIM_FUZZ_SEED").value_or(kDefaultSeed);
  const std::optional<std::uint64_t> only_case = from_environment("ADOPTSIM_FUZZ_CASE");
  WARN("TOML fuzz seed " << seed << " (replay: ADOPTSIM_FUZZ_SEED=" << seed
                         << ", one case: ADOPTSIM_FUZZ_CASE=N)");

  // The library, copied so that mutated files sit where their `extends`
  // resolve; ../../../shared (the data sets) is linked beside it.
  TempDirectory work;
  const fs::path library = work.path() / "tree" / "scenarios";
  fs::create_directories(library.parent_path());
  fs::copy(fs::path(ADOPTSIM_SOURCE_DIR) / "scenarios", library, fs::copy_options::recursive);
  std::error_code ignored;
  fs::create_directory_symlink(ADOPTSIM_SHARED_DIR, work.path() / "shared", ignored);
  std::vector<fs::path> sources;
  for (const auto& entry : fs::recursive_directory_iterator(library))
    if (entry.path().extension() == ".toml") sources.push_back(entry.path());
  std::sort(sources.begin(), sources.end());
  REQUIRE(sources.size() >= 10);

  const auto start = std::chrono::steady_clock::now();
  int done = 0;
  int accepted = 0;
  int ran = 0;
  for (int index = 0; index < kCases; ++index) {
    if (only_case && static_cast<std::uint64_t>(index) != *only_case) continue;
    if (!only_case && std::chrono::steady_clock::now() - start > kBudget) break;
    // Each case from its own stream: one case replays without the others.
    std::seed_seq case_seed{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                            static_cast<std::uint32_t>(index)};
    std::mt19937_64 random(case_seed);
    const fs::path& source =
        sources[std::uniform_int_distribution<std::size_t>(0, sources.size() - 1)(random)];
    const std::string original = read_file(source);
    std::string text = original;
    std::string what;
    const int mutations = 1 + static_cast<int>(random() % 3);
    for (int i = 0; i < mutations; ++i) {
      std::string one;
      text = mutate(std::move(text), random, one);
      what += (i > 0 ? ", " : "") + one;
    }
    const fs::path mutated = source.parent_path() / ("fuzz_" + source.filename().string());
    {
      std::ofstream out(mutated, std::ios::binary);
      out << text;
    }
    const std::string label = "case " + std::to_string(index) + " (seed " + std::to_string(seed) +
                              "): " + fs::relative(source, library).string() + " with " + what;
    const auto check = [&](const std::string& verb, const Outcome& outcome) {
      const bool bad = (outcome.exit_status != 0 && outcome.exit_status != 2) ||
                       outcome.err.find("internal error") != std::string::npos;
      if (bad) {
        // Kept for replay after the temp directory is gone.
        const fs::path kept = fs::temp_directory_path() / ("adoptsim-fuzz-failure-" + std::to_string(seed) +
                                                           "-" + std::to_string(index) + ".toml");
        fs::copy_file(mutated, kept, fs::copy_options::overwrite_existing, ignored);
        FAIL_CHECK(verb << " " << label << " exited " << outcome.exit_status << " (124/137: time-out, "
                        << ">128: a signal); kept as " << kept.string() << "\n"
                        << outcome.err.substr(0, 2000));
      }
      return !bad;
    };
    const Outcome validated =
        run_bounded("validate " + mutated.string(), work.path(), kValidateTimeoutSeconds);
    check("validate", validated);
    if (validated.exit_status == 0) {
      ++accepted;
      if (accepted % kRunEvery == 0 && run_size(read_file(work.path() / "stdout")) <= 1000.0 * 400.0) {
        ++ran;
        check("run -r 1", run_bounded("run -r 1 -j 1 " + mutated.string(), work.path(), kRunTimeoutSeconds));
      }
    }
    fs::remove(mutated);
    ++done;
  }
  WARN(done << " cases, " << accepted << " accepted by validate, " << ran << " run");
  if (!only_case) {
    CHECK(done >= 1000);
    // The mutations are not all rejected: accepted ones reach the run.
    CHECK(accepted > done / 20);
    CHECK(ran > 0);
  }
}
