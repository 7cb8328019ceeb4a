// The fast kernel (WorkplaceModel::run) against the plain reference replicate
// (run_workplace_reference): every day's activity, byte for byte, on every
// workplace scenario the library ships, three seeds, one and four steps a
// day, on the generated firm and on an imported real network.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "adoptsim/model/workplace.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/strategy/presets.hpp"

using namespace adoptsim;

namespace {

// Every byte of every day's activity, in order.
class ByteRecorder : public model::ReplicateObserver {
 public:
  void on_start(const std::vector<model::FunnelState>& states) override {
    append(states.data(), states.size() * sizeof(model::FunnelState));
  }
  void on_day(const model::DayActivity& activity) override {
    append(&activity.day, sizeof activity.day);
    for (const model::PersonUses& uses : activity.uses) {
      append(&uses.person, sizeof uses.person);
      append(&uses.count, sizeof uses.count);
    }
    append_separator();
    for (const model::StateChange& change : activity.state_changes) {
      append(&change.person, sizeof change.person);
      append(&change.from, sizeof change.from);
      append(&change.to, sizeof change.to);
    }
    append_separator();
    for (const org::PersonId post : activity.leavers) append(&post, sizeof post);
    leavers += activity.leavers.size();
    append(&activity.joiners_onboarded, sizeof activity.joiners_onboarded);
    append(&activity.use_case_requests, sizeof activity.use_case_requests);
    append(&activity.use_cases_delivered, sizeof activity.use_cases_delivered);
    append(&activity.use_case_wait_days, sizeof activity.use_case_wait_days);
    append(&activity.use_case_queue, sizeof activity.use_case_queue);
    use_cases_delivered += activity.use_cases_delivered;
    append(activity.spend_usd.data(), sizeof activity.spend_usd);
    append(&activity.hours_saved, sizeof activity.hours_saved);
  }
  std::vector<unsigned char> bytes;
  std::size_t leavers = 0;
  std::size_t use_cases_delivered = 0;

 private:
  void append(const void* data, std::size_t size) {
    const auto* begin = static_cast<const unsigned char*>(data);
    bytes.insert(bytes.end(), begin, begin + size);
  }
  void append_separator() { bytes.push_back(0xff); }
};

std::vector<std::string> scenario_files() {
  const std::filesystem::path root(ADOPTSIM_SOURCE_DIR);
  std::vector<std::string> files;
  for (const char* folder : {"scenarios/workplace", "scenarios/workplace/frameworks"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root / folder)) {
      if (entry.path().extension() == ".toml" && entry.path().filename() != "base.toml")
        files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  files.push_back((root / "tests/data/equivalence/email_eu_core_champions.toml").string());
  return files;
}

}  // namespace

TEST_CASE("kernel and reference replicate give the same days byte for byte", "[runner][workplace]") {
  const std::vector<std::string> files = scenario_files();
  REQUIRE(files.size() >= 10);
  std::size_t runs = 0, coe_runs = 0;
  for (const std::string& file : files) {
    for (const int steps_per_day : {1, 4}) {
      // Four steps a day also with people leaving and joining (a third of a year).
      std::vector<std::string> overrides{"model.workplace.dynamics.steps_per_day=" +
                                         std::to_string(steps_per_day)};
      if (steps_per_day == 4) overrides.push_back("model.workplace.default_profile.attrition_per_year=0.33");
      scenario::LoadResult loaded = scenario::load_scenario(file, overrides);
      INFO(file << ", " << steps_per_day << " steps a day");
      REQUIRE(loaded.ok());
      const scenario::Scenario& scenario = *loaded.scenario;
      REQUIRE(scenario.workplace);
      const runner::Organisation organisation = runner::load_organisation(scenario);
      REQUIRE(runner::check_runnable(scenario, organisation).empty());
      for (const std::uint64_t seed : {std::uint64_t{1}, std::uint64_t{20261130}, std::uint64_t{987654321}}) {
        const runner::WorkplaceInputs inputs = runner::prepare_workplace(scenario, organisation, seed);
        const model::WorkplaceModel model(organisation.graph, inputs.params);
        const std::uint32_t replicate = 3;
        strategy::BuiltPlan built =
            strategy::build_plan_detailed(inputs.strategy, scenario.workplace->budget, organisation.graph,
                                          scenario.horizon_days, seed, replicate);
        built.plan.incidents = scenario.workplace->incidents;
        const model::ReplicateInput input{seed, replicate, static_cast<double>(scenario.horizon_days)};
        ByteRecorder fast, plain;
        const model::WorkplaceOutcome kernel = model.run(built.plan, input, fast);
        const model::WorkplaceOutcome reference =
            model::run_workplace_reference(organisation.graph, inputs.params, built.plan, input, plain);
        INFO("seed " << seed);
        CHECK(fast.bytes.size() == plain.bytes.size());
        CHECK(fast.bytes == plain.bytes);
        CHECK(kernel.events_processed == reference.events_processed);
        CHECK(kernel.opportunities == reference.opportunities);
        CHECK(kernel.uses == reference.uses);
        CHECK(std::memcmp(kernel.phase_start_day.data(), reference.phase_start_day.data(),
                          kernel.phase_start_day.size() * sizeof(double)) == 0);
        CHECK(kernel.phase_start_day.size() == reference.phase_start_day.size());
        // Something happened: the comparison is not of two empty runs.
        CHECK(kernel.uses > 0);
        if (steps_per_day == 4) CHECK(fast.leavers > 0);
        // A plan with a centre of excellence has it build use cases.
        const bool has_coe =
            std::any_of(built.plan.phases.begin(), built.plan.phases.end(), [](const auto& phase) {
              return std::any_of(
                  phase.interventions.begin(), phase.interventions.end(),
                  [](const auto& item) { return item.kind == model::InterventionKind::CentreOfExcellence; });
            });
        if (has_coe) CHECK(fast.use_cases_delivered > 0);
        coe_runs += has_coe ? 1 : 0;
        ++runs;
      }
    }
  }
  CHECK(runs == files.size() * 6);
  CHECK(coe_runs >= 6);  // the library has a plan with a centre of excellence
}
