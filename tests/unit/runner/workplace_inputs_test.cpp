// How the runner turns a workplace scenario into the model's inputs
// (department profiles by name, champions and pilots chosen by a centrality,
// the departments an organisation lacks), and that workplace replicates
// reduce to the same summary for any thread count.
#include <catch2/catch.hpp>
#include <cstring>

#include <set>
#include <string>
#include <vector>

#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "unit/scenario/scenario_test_support.hpp"

using namespace adoptsim;
using adoptsim::scenario::load_scenario;
using adoptsim::scenario::Scenario;

using namespace adoptsim::scenario_testing;

namespace {

const std::string kWorkplace = "[model]\nkind = \"workplace\"\n";

std::string library(const std::string& relative) {
  return std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/workplace/" + relative;
}

}  // namespace

TEST_CASE("the runner turns a workplace scenario into the model's inputs", "[runner][workplace]") {
  SECTION("department profiles by name; champions by a centrality, at most K per department") {
    TempDir dir;
    const Scenario scenario = loaded(load_scenario(dir.write("w.toml", kWorkplace + R"(
[model.workplace]
departments = [{ name = "Finance", relevance_mean = 0.8 }]
[strategy]
preset = "champion_network"
people_per_champion = 15
champion_rule = "betweenness"
max_champions_per_department = 3
)")));
    const runner::Organisation organisation = runner::load_organisation(scenario);
    const org::OrgGraph& graph = organisation.graph;
    REQUIRE(runner::check_runnable(scenario, organisation).empty());
    const runner::WorkplaceInputs inputs = runner::prepare_workplace(scenario, organisation, scenario.seed);
    REQUIRE(inputs.params.departments.size() == graph.department_count());
    for (org::DepartmentId d = 0; d < graph.department_count(); ++d) {
      CHECK(inputs.params.departments[d].relevance.mean ==
            (graph.department_name(d) == "Finance"
                 ? 0.8
                 : scenario.workplace->params.default_profile.relevance.mean));
    }
    CHECK(inputs.strategy.champion_rule == analysis::ChampionRule::Named);
    CHECK(inputs.strategy.champion_people.size() == 12);  // 180 / 15
    std::vector<int> per_department(graph.department_count(), 0);
    for (const org::PersonId person : inputs.strategy.champion_people) {
      CHECK(graph.role(person) != org::Role::Executive);
      ++per_department[graph.department(person)];
    }
    for (const int count : per_department) CHECK(count <= 3);
  }
  SECTION("a pilot by network position spans the departments") {
    TempDir dir;
    const Scenario scenario = loaded(load_scenario(dir.write("w.toml", kWorkplace + R"(
[strategy]
preset = "pilot_then_scale"
pilot_size = 12
pilot_rule = "network_position"
champion_rule = "pagerank"
)")));
    const runner::Organisation organisation = runner::load_organisation(scenario);
    const org::OrgGraph& graph = organisation.graph;
    const runner::WorkplaceInputs inputs = runner::prepare_workplace(scenario, organisation, scenario.seed);
    CHECK(inputs.strategy.pilot_rule == strategy::PilotRule::Named);
    REQUIRE(inputs.strategy.pilot_people.size() == 12);
    std::set<org::DepartmentId> departments;
    for (const org::PersonId person : inputs.strategy.pilot_people)
      departments.insert(graph.department(person));
    CHECK(departments.size() == graph.department_count());
  }
  SECTION("a department an imported organisation lacks is named with the scenario's line") {
    const Scenario scenario = loaded(load_scenario(library("big_bang.toml")));
    Scenario renamed = scenario;
    renamed.workplace->department_profiles.push_back({"Legal", renamed.workplace->params.default_profile});
    renamed.set_at["model.workplace.departments"] = "x.toml:7:1";
    const auto problems = runner::check_runnable(renamed, runner::load_organisation(renamed));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("x.toml:7:1: model.workplace.departments[0].name = \"Legal\"") == 0);
  }
}

TEST_CASE("workplace replicates reduce to the same summary for any thread count", "[runner][workplace]") {
  const Scenario scenario = loaded(load_scenario(library("pilot_then_scale.toml")));
  runner::RunSettings one;
  one.threads = 1;
  one.replicates = 12;
  runner::RunSettings many = one;
  many.threads = 4;
  const auto a = runner::run_scenarios({&scenario}, one);
  const auto b = runner::run_scenarios({&scenario}, many);
  CHECK(a[0].headline_metric == "weekly_active");
  // Bit for bit, so that a KPI a replicate never reaches (NaN) compares too.
  REQUIRE(a[0].kpis.size() == b[0].kpis.size());
  for (std::size_t replicate = 0; replicate < a[0].kpis.size(); ++replicate) {
    CHECK(std::memcmp(a[0].kpis[replicate].data(), b[0].kpis[replicate].data(),
                      sizeof(double) * a[0].kpis[replicate].size()) == 0);
  }
  REQUIRE(a[0].milestones.size() == b[0].milestones.size());
  // budget levers, pilot, scale
  REQUIRE(a[0].milestones.size() == 3);
  CHECK(a[0].milestones[2].name == "scale");
  CHECK(a[0].milestones[2].median_day == 42.0);
}
