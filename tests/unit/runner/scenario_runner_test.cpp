#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "adoptsim/metrics/compare.hpp"
#include "adoptsim/runner/scenario_runner.hpp"

using namespace adoptsim;

namespace {
scenario::Scenario load_bass() {
  scenario::LoadResult loaded =
      scenario::load_scenario(std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/reference/bass.toml");
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}
}  // namespace

TEST_CASE("common random numbers make the paired interval narrower than independent runs", "[runner]") {
  const scenario::Scenario baseline = load_bass();
  scenario::Scenario candidate = baseline;
  candidate.name = "more-imitation";
  std::get<model::BassParams>(candidate.model).imitation_q *= 1.2;

  runner::RunSettings settings;
  settings.replicates = 200;
  settings.seed = 17;
  const auto same_seed = runner::run_scenarios({&baseline, &candidate}, settings);
  settings.seed = 18;
  const auto other_seed = runner::run_scenarios({&candidate}, settings);

  const auto paired = metrics::compare_paired(same_seed[0].kpis, same_seed[1].kpis);
  const auto unpaired = metrics::compare_unpaired(same_seed[0].kpis, other_seed[0].kpis);
  const auto kpi = static_cast<std::size_t>(metrics::Kpi::ActiveShareDay60);
  const double paired_width = paired[kpi].interval.high - paired[kpi].interval.low;
  const double unpaired_width = unpaired[kpi].high - unpaired[kpi].low;
  INFO("paired width " << paired_width << ", unpaired width " << unpaired_width << " (seeds 17, 18)");
  CHECK(paired_width < 0.5 * unpaired_width);
  // More imitation helps in nearly every paired replicate.
  CHECK(paired[kpi].probability_b_beats_a > 0.8);
}

TEST_CASE("scenario results do not depend on the thread count and honour --precision", "[runner]") {
  const scenario::Scenario bass = load_bass();
  runner::RunSettings settings;
  settings.replicates = 24;
  settings.threads = 1;
  const auto serial = runner::run_scenarios({&bass}, settings);
  settings.threads = 3;
  const auto parallel = runner::run_scenarios({&bass}, settings);
  REQUIRE(serial[0].kpis.size() == 24);
  for (std::size_t replicate = 0; replicate < 24; ++replicate) {
    for (std::size_t kpi = 0; kpi < metrics::kKpiCount; ++kpi) {
      const double a = serial[0].kpis[replicate][kpi];
      const double b = parallel[0].kpis[replicate][kpi];
      CHECK((a == b || (std::isnan(a) && std::isnan(b))));
    }
  }

  settings.replicates.reset();
  settings.precision = 0.02;
  settings.precision_batch = 25;
  const auto adaptive = runner::run_scenarios({&bass}, settings);
  CHECK(adaptive[0].precision_reached);
  CHECK(adaptive[0].replicates % 25 == 0);
  CHECK(adaptive[0].summary.headline_interval.half_width < 0.02);
  CHECK(adaptive[0].kpis.size() == adaptive[0].replicates);
}

TEST_CASE("a raised stop flag interrupts the run", "[runner]") {
  const scenario::Scenario bass = load_bass();
  std::atomic<bool> stop{true};
  runner::RunSettings settings;
  settings.stop = &stop;
  CHECK_THROWS_AS(runner::run_scenarios({&bass}, settings), runner::Interrupted);
}

TEST_CASE("a gated scale-up happens on scale_day at the latest, in every replicate", "[runner][workplace]") {
  scenario::LoadResult loaded = scenario::load_scenario(std::string(ADOPTSIM_SOURCE_DIR) +
                                                        "/scenarios/workplace/pilot_then_scale.toml");
  REQUIRE(loaded.ok());
  scenario::Scenario gated = *loaded.scenario;
  // A gate that asks for everyone with access to be weekly active is rarely met.
  gated.workplace->strategy.scale_gate = model::Gate{1.0, 14.0};
  gated.workplace->strategy.scale_day = 56.0;
  runner::RunSettings settings;
  settings.replicates = 40;
  settings.seed = 20261203;
  const auto results = runner::run_scenarios({&gated}, settings);
  const auto scale =
      std::find_if(results[0].milestones.begin(), results[0].milestones.end(),
                   [](const runner::Milestone& milestone) { return milestone.name == "scale"; });
  REQUIRE(scale != results[0].milestones.end());
  CHECK(scale->kind == "gate");
  CHECK(scale->share_of_replicates == 1.0);
  CHECK(scale->q95_day <= 56.0);
  CHECK(scale->q05_day >= 14.0);
}

TEST_CASE("a gated custom phase starts on its gate_latest_day at the latest, in every replicate",
          "[runner][workplace]") {
  scenario::LoadResult loaded = scenario::load_scenario(std::string(ADOPTSIM_SOURCE_DIR) +
                                                        "/scenarios/workplace/frameworks/trust.toml");
  REQUIRE(loaded.ok());
  scenario::Scenario gated = *loaded.scenario;
  // The scale phase asks for everyone with access to be weekly active: rarely met.
  const auto phase =
      std::find_if(gated.workplace->strategy.phases.begin(), gated.workplace->strategy.phases.end(),
                   [](const strategy::CustomPhase& p) { return p.gated; });
  REQUIRE(phase != gated.workplace->strategy.phases.end());
  phase->gate.weekly_active_share_of_access = 1.0;
  phase->gate.latest_day = 70.0;
  runner::RunSettings settings;
  settings.replicates = 30;
  settings.seed = 20261203;
  const auto results = runner::run_scenarios({&gated}, settings);
  const auto milestone =
      std::find_if(results[0].milestones.begin(), results[0].milestones.end(),
                   [&](const runner::Milestone& candidate) { return candidate.name == phase->name; });
  REQUIRE(milestone != results[0].milestones.end());
  CHECK(milestone->kind == "gate");
  CHECK(milestone->share_of_replicates == 1.0);
  CHECK(milestone->q95_day <= 70.0);
  CHECK(milestone->q05_day >= phase->gate.earliest_day);
}

namespace {
scenario::Scenario load_workplace(const std::string& file) {
  scenario::LoadResult loaded =
      scenario::load_scenario(std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/workplace/" + file);
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}
}  // namespace

TEST_CASE("the library's plans give their pilot and champions one size in every replicate",
          "[runner][workplace]") {
  for (const char* file :
       {"big_bang.toml", "pilot_then_scale.toml", "champion_network.toml", "manager_first.toml",
        "phased_by_department.toml", "frameworks/assess_activate_anchor.toml",
        "frameworks/coe_department_champions.toml", "frameworks/eight_stage.toml"}) {
    INFO(file);
    const scenario::Scenario scenario = load_workplace(file);
    runner::RunSettings settings;
    settings.replicates = 6;
    settings.keep_replicate_series = true;
    settings.keep_rollout_people = true;
    const auto results = runner::run_scenarios({&scenario}, settings);
    const metrics::SeriesLayout& layout = *results[0].summary.series.layout();
    const auto pilot = layout.plan_group(metrics::PlanGroup::Pilot);
    const auto champions = layout.plan_group(metrics::PlanGroup::Champions);
    for (std::size_t replicate = 0; replicate < 6; ++replicate) {
      const runner::RolloutPeople& people = results[0].rollout_people[replicate];
      const metrics::ReplicateSeries& series = results[0].replicate_series[replicate];
      CHECK(pilot.has_value() == !people.pilot.empty());
      CHECK(champions.has_value() == !people.champions.empty());
      if (pilot) {
        CHECK(series.group_size(*pilot) == layout.group_sizes()[*pilot]);
        CHECK(series.group_size(*pilot) == people.pilot.size());
      }
      if (champions) {
        CHECK(series.group_size(*champions) == layout.group_sizes()[*champions]);
        CHECK(series.group_size(*champions) == people.champions.size());
      }
    }
  }
  const scenario::Scenario pilot_then_scale = load_workplace("pilot_then_scale.toml");
  const auto results = runner::run_scenarios({&pilot_then_scale}, {});
  const metrics::SeriesLayout& layout = *results[0].summary.series.layout();
  CHECK(layout.group_sizes()[*layout.plan_group(metrics::PlanGroup::Pilot)] == 12);
  CHECK(layout.group_names().back() == "champions");
}

TEST_CASE("a plan whose champions differ in number between replicates: shares are of each one's own",
          "[runner][workplace]") {
  scenario::Scenario custom = load_workplace("big_bang.toml");
  strategy::StrategySpec& spec = custom.workplace->strategy;
  spec.preset = strategy::Preset::Custom;
  // Two random cohorts made champions: their union's size depends on how
  // much they overlap.
  strategy::CustomIntervention access;
  access.kind = model::InterventionKind::Access;
  strategy::CustomIntervention assign;
  assign.kind = model::InterventionKind::AssignChampions;
  strategy::CustomPhase everyone;
  everyone.name = "launch";
  everyone.interventions = {access};
  strategy::CustomPhase some;
  some.name = "some champions";
  some.interventions = {assign};
  some.cohort.fraction = 0.1;
  strategy::CustomPhase managers = some;
  managers.name = "managers as champions";
  managers.cohort.roles = {"manager"};
  managers.cohort.fraction = 0.5;
  spec.phases = {everyone, some, managers};
  runner::RunSettings settings;
  settings.replicates = 9;
  settings.seed = 20261204;
  settings.keep_replicate_series = true;
  const auto results = runner::run_scenarios({&custom}, settings);
  const metrics::SeriesLayout& layout = *results[0].summary.series.layout();
  REQUIRE(layout.plan_group(metrics::PlanGroup::Champions).has_value());
  CHECK_FALSE(layout.plan_group(metrics::PlanGroup::Pilot).has_value());
  const std::size_t champions = *layout.plan_group(metrics::PlanGroup::Champions);
  const double size = layout.group_sizes()[champions];
  CHECK(size == results[0].replicate_series[0].group_size(champions));
  std::set<std::uint32_t> sizes;
  for (const metrics::ReplicateSeries& series : results[0].replicate_series)
    sizes.insert(series.group_size(champions));
  INFO("seed 20261204");
  REQUIRE(sizes.size() > 1);
  const std::size_t index = layout.series_index(metrics::GroupMetric::Adopted, champions);
  for (const std::size_t day : {std::size_t{10}, std::size_t{60}, std::size_t{180}}) {
    std::vector<double> shares;
    for (const metrics::ReplicateSeries& series : results[0].replicate_series)
      shares.push_back(static_cast<double>(series.series(index)[day]) / series.group_size(champions));
    std::sort(shares.begin(), shares.end());
    INFO("day " << day);
    CHECK(results[0].summary.series.value(index, day, metrics::SeriesStat::Q50) / size ==
          Approx(shares[4]).epsilon(1e-6));
    CHECK(results[0].summary.series.value(index, day, metrics::SeriesStat::Q95) / size <= 1.0 + 1e-6);
  }
}
