// `--set KEY=VALUE` overrides: each parsed as the TOML snippet `KEY = VALUE`
// that load_scenario deep-merges over the files' merged table, so an
// overridden key goes through the same checks as a key in a file. A
// problem with an override is located at the flag ("--set KEY=VALUE"),
// which has no line.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adoptsim/scenario/scenario.hpp"

namespace adoptsim::scenario {

inline constexpr std::string_view kOverrideFlag = "--set ";

// Whether a location's file is an override's flag rather than a file.
bool is_override_location(const std::string& file);

// `KEY=VALUE` as a TOML table {KEY = VALUE}, its nodes' source named after
// the flag, and its key in `key_out`; nullopt after reporting why not
// (several lines, no key, `extends`, a value TOML cannot read). A string
// row's value may be written without quotes (`--set strategy.preset=big_bang`):
// it is then the whole text after `=`, taken literally.
std::optional<toml::table> override_table(const std::string& override_text, std::string& key_out,
                                          std::vector<ScenarioError>& errors);

// An override of a key the resolved scenario does not read is an error:
// a file may hold keys for several models (a base file shared by all), but
// an override is a request about this scenario. `override_keys` holds
// (flag text, key) in the order given.
void check_overrides_apply(const Scenario& scenario,
                           const std::vector<std::pair<std::string, std::string>>& override_keys,
                           std::vector<ScenarioError>& errors);

// Drops the line and column of every problem located at an override's flag.
void without_override_lines(std::vector<ScenarioError>& problems);

}  // namespace adoptsim::scenario
