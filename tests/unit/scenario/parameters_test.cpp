// The parameter table: consistent rows, typo suggestions, TOML literals, and
// scenarios/README.md generated from it and committed up to date.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "adoptsim/scenario/parameters.hpp"

namespace fs = std::filesystem;
using adoptsim::scenario::Parameter;
using adoptsim::scenario::parameters;
using adoptsim::scenario::ValueKind;

TEST_CASE("every parameter row is complete and its default is valid", "[scenario]") {
  std::set<std::string_view> keys;
  for (const Parameter& parameter : parameters()) {
    INFO(parameter.key);
    CHECK(keys.insert(parameter.key).second);
    CHECK_FALSE(parameter.description.empty());
    CHECK((parameter.read == nullptr) == (parameter.apply == nullptr));
    if (parameter.apply != nullptr) CHECK(parameter.default_value.has_value());
    if (!parameter.default_value) continue;
    const auto& value = *parameter.default_value;
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      CHECK(parameter.kind == ValueKind::Integer);
      if (parameter.minimum) CHECK(static_cast<double>(*integer) >= *parameter.minimum);
      if (parameter.maximum) CHECK(static_cast<double>(*integer) <= *parameter.maximum);
    } else if (const auto* number = std::get_if<double>(&value)) {
      CHECK(parameter.kind == ValueKind::Float);
      if (parameter.minimum) CHECK(*number >= *parameter.minimum);
      if (parameter.maximum) CHECK(*number <= *parameter.maximum);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
      CHECK(parameter.kind == ValueKind::String);
      if (!parameter.choices.empty()) {
        CHECK(std::find(parameter.choices.begin(), parameter.choices.end(), *text) !=
              parameter.choices.end());
      }
    }
  }
}

TEST_CASE("the stated limits are the ones the brief promises", "[scenario]") {
  const Parameter* replicates = adoptsim::scenario::find_parameter("replicates");
  REQUIRE(replicates != nullptr);
  CHECK(replicates->bounds_text() == "[1, 100000]");
  CHECK(adoptsim::scenario::find_parameter("horizon_days")->bounds_text() == "[1, 3650]");
  CHECK(adoptsim::scenario::find_parameter("schema_version")->bounds_text() == "[1, 1]");
  CHECK(adoptsim::scenario::find_parameter("model.bass.innovation_p")->expected() ==
        "a probability per day in [0, 1]");
  CHECK(adoptsim::scenario::find_parameter("nonsense") == nullptr);
}

TEST_CASE("closest_parameter suggests likely typos only", "[scenario]") {
  using adoptsim::scenario::closest_parameter;
  CHECK(closest_parameter("horizon_day") == std::optional<std::string_view>{"horizon_days"});
  CHECK(closest_parameter("model.bass.imitaton_q") ==
        std::optional<std::string_view>{"model.bass.imitation_q"});
  CHECK(closest_parameter("organization.headcount") ==
        std::optional<std::string_view>{"organisation.headcount"});
  CHECK_FALSE(closest_parameter("completely.unrelated.thing").has_value());
}

TEST_CASE("values print as TOML literals", "[scenario]") {
  using adoptsim::scenario::Record;
  using adoptsim::scenario::Scalar;
  using adoptsim::scenario::to_toml_literal;
  using adoptsim::scenario::Value;
  CHECK(to_toml_literal(Value{0.03}) == "0.03");
  CHECK(to_toml_literal(Value{1.0}) == "1.0");
  CHECK(to_toml_literal(Value{std::int64_t{90}}) == "90");
  CHECK(to_toml_literal(Value{true}) == "true");
  CHECK(to_toml_literal(Value{std::string{"say \"hi\"\n"}}) == "\"say \\\"hi\\\"\\n\"");
  CHECK(to_toml_literal(Value{std::vector<std::int64_t>{1, 2}}) == "[1, 2]");
  CHECK(to_toml_literal(
            Value{std::vector<Record>{{{{"name", Scalar{std::string{"A"}}}, {"share", Scalar{1.0}}}}}}) ==
        "[{ name = \"A\", share = 1.0 }]");
}

// `make docs` rewrites the file (adoptsim validate --print-reference).
TEST_CASE("scenarios/README.md is generated from the parameter table", "[scenario][docs]") {
  const fs::path readme = fs::path(ADOPTSIM_SOURCE_DIR) / "scenarios" / "README.md";
  const std::string generated = adoptsim::scenario::parameter_reference_markdown();
  std::ifstream in(readme, std::ios::binary);
  std::ostringstream committed;
  committed << in.rdbuf();
  if (committed.str() != generated) FAIL("scenarios/README.md is stale: run `make docs`");
  SUCCEED();
}
