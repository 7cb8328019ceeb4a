// Helpers of the scenario tests: a scratch directory for scenario files and
// accessors that fail the test with every message when a load goes wrong.
#pragma once

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "adoptsim/scenario/scenario.hpp"

namespace adoptsim::scenario_testing {

namespace fs = std::filesystem;
using adoptsim::scenario::LoadResult;
using adoptsim::scenario::Scenario;
using adoptsim::scenario::ScenarioError;

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static std::atomic<unsigned> counter{0};
    std::random_device entropy;
    path_ = fs::temp_directory_path() /
            ("adoptsim-scenario-" + std::to_string(entropy()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `text` to `relative` (creating folders) and returns its full path.
  fs::path write(const std::string& relative, const std::string& text) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline std::string all_messages(const LoadResult& result) {
  return adoptsim::scenario::format_errors(result.errors);
}

// The only error of `result`; fails the test when there is not exactly one.
inline ScenarioError only_error(const LoadResult& result) {
  INFO(all_messages(result));
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.errors.size() == 1);
  return result.errors.front();
}

inline Scenario loaded(const LoadResult& result) {
  INFO(all_messages(result));
  REQUIRE(result.ok());
  REQUIRE(result.errors.empty());
  return *result.scenario;
}

}  // namespace adoptsim::scenario_testing
