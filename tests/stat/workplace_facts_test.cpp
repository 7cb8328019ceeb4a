// The stylized facts F1–F14 of DESIGN.md, reproduced by the default
// calibration on the scenario library (scenarios/workplace/). F10–F14 look at
// a year: their scenarios run to a 365-day horizon. Each test runs
// its scenarios with a fixed seed, prints the seed and the figure it checks,
// and checks the median (over replicates) against the band DESIGN.md states.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/metrics/quantile.hpp"
#include "adoptsim/model/workplace_rules.hpp"
#include "adoptsim/runner/scenario_runner.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "adoptsim/strategy/presets.hpp"

using namespace adoptsim;

namespace {

constexpr std::uint64_t kSeed = 20261130;
constexpr std::uint32_t kReplicates = 100;
constexpr std::uint32_t kYearDays = 365;

scenario::Scenario load(const std::string& relative) {
  const std::string path = std::string(ADOPTSIM_SOURCE_DIR) + "/scenarios/workplace/" + relative;
  scenario::LoadResult loaded = scenario::load_scenario(path);
  INFO(scenario::format_errors(loaded.errors));
  REQUIRE(loaded.ok());
  return std::move(*loaded.scenario);
}

std::vector<runner::ScenarioResult> run(const std::vector<const scenario::Scenario*>& scenarios,
                                        std::uint32_t replicates = kReplicates, bool keep_series = false) {
  runner::RunSettings settings;
  settings.seed = kSeed;
  settings.replicates = replicates;
  settings.keep_replicate_series = keep_series;
  return runner::run_scenarios(scenarios, settings);
}

double median_kpi(const runner::ScenarioResult& result, metrics::Kpi kpi) {
  return result.summary.kpis[static_cast<std::size_t>(kpi)].quantiles[2];
}

double mean_kpi(const runner::ScenarioResult& result, metrics::Kpi kpi) {
  return result.summary.kpis[static_cast<std::size_t>(kpi)].mean;
}

// The median over replicates of a group's series, as a share of the group, by day.
std::vector<double> median_share(const runner::ScenarioResult& result, metrics::GroupMetric metric,
                                 std::size_t group = metrics::SeriesLayout::kAllGroup) {
  const metrics::SeriesSummary& series = result.summary.series;
  const metrics::SeriesLayout& layout = *series.layout();
  const double size = layout.group_sizes()[group];
  std::vector<double> shares;
  for (std::size_t day = 0; day < layout.day_count(); ++day) {
    shares.push_back(series.value(layout.series_index(metric, group), day, metrics::SeriesStat::Q50) / size);
  }
  return shares;
}

// A library scenario run over a year.
scenario::Scenario load_year(const std::string& relative) {
  scenario::Scenario loaded = load(relative);
  loaded.horizon_days = kYearDays;
  return loaded;
}

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return metrics::quantile_of_sorted(values, 0.5);
}

void report(const std::string& fact, const std::string& figure, double value) {
  std::cout << fact << " (seed " << kSeed << "): " << figure << " = " << value << "\n";
}

}  // namespace

TEST_CASE("F1: an announce-only big bang leaves 5-15% daily active at day 90",
          "[workplace][facts][stat][slow]") {
  const scenario::Scenario big_bang = load("big_bang.toml");
  const auto results = run({&big_bang});
  const double daily = median_kpi(results[0], metrics::Kpi::DailyActiveShareDay90);
  report("F1", "median daily active share at day 90, big_bang", daily);
  CHECK(daily >= 0.05);
  CHECK(daily <= 0.15);
}

TEST_CASE("F2: structured adoption reaches 60-80% weekly active at day 60",
          "[workplace][facts][stat][slow]") {
  const scenario::Scenario structured = load("frameworks/assess_activate_anchor.toml");
  const auto results = run({&structured});
  const double weekly = median_kpi(results[0], metrics::Kpi::ActiveShareDay60);
  report("F2", "median weekly active share at day 60, assess_activate_anchor", weekly);
  CHECK(weekly >= 0.60);
  CHECK(weekly <= 0.80);
}

TEST_CASE("F3: first-week use of 10-25% is pushed above 70% by activation measures",
          "[workplace][facts][stat][slow]") {
  const scenario::Scenario structured = load("frameworks/assess_activate_anchor.toml");
  const auto results = run({&structured}, kReplicates, true);
  const runner::ScenarioResult& result = results[0];
  const auto go_live = std::find_if(result.milestones.begin(), result.milestones.end(),
                                    [](const runner::Milestone& m) { return m.name == "go-live"; });
  REQUIRE(go_live != result.milestones.end());
  const auto first_week_end = static_cast<std::size_t>(go_live->median_day) + 7;
  // Weekly active as a share of the people with access, per replicate.
  const auto share_of_access = [&](std::size_t day) {
    std::vector<double> shares;
    for (const metrics::ReplicateSeries& series : result.replicate_series) {
      const double weekly = series.series(metrics::GroupMetric::WeeklyActive)[day];
      const double without = series.series(metrics::GroupMetric::StateNoAccess)[day];
      const double people = series.layout().group_sizes()[0];
      shares.push_back(weekly / (people - without));
    }
    return median_of(shares);
  };
  const double first_week = share_of_access(first_week_end);
  const double day_90 = share_of_access(90);
  report("F3", "median weekly active share of access, first week after go-live", first_week);
  report("F3", "median weekly active share of access, day 90", day_90);
  CHECK(first_week >= 0.10);
  CHECK(first_week <= 0.25);
  CHECK(day_90 > 0.70);
}

TEST_CASE(
    "F4: day-90 adoption rises steeply with the change-management share, then flattens, and the best share "
    "is "
    "12-30%",
    "[workplace][facts][stat][slow]") {
  const scenario::Scenario base = load("facts/budget_sweep.toml");
  const std::vector<double> shares = {0.03, 0.05, 0.075, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.50};
  std::vector<scenario::Scenario> variants;
  for (const double share : shares) {
    scenario::Scenario variant = base;
    variant.name = "cm_" + std::to_string(share);
    variant.workplace->budget.change_management_share = share;
    variants.push_back(std::move(variant));
  }
  std::vector<const scenario::Scenario*> pointers;
  for (const scenario::Scenario& variant : variants) pointers.push_back(&variant);
  const auto results = run(pointers);
  std::map<double, double> adoption;
  for (std::size_t index = 0; index < shares.size(); ++index) {
    adoption[shares[index]] = mean_kpi(results[index], metrics::Kpi::ActiveShareDay90);
    report("F4",
           "mean weekly active share at day 90, change-management share " + std::to_string(shares[index]),
           adoption[shares[index]]);
  }
  const auto best = std::max_element(adoption.begin(), adoption.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  report("F4", "best change-management share", best->first);
  CHECK(best->first >= 0.12);
  CHECK(best->first <= 0.30);
  // Steep from 3%: ten points of budget buy at least ten points of adoption.
  CHECK(adoption[0.15] - adoption[0.03] >= 0.10);
  // Flattens: each point of share buys less above 15% than below it.
  const double slope_low = (adoption[0.15] - adoption[0.03]) / 0.12;
  const double slope_high = (best->second - adoption[0.15]) / std::max(best->first - 0.15, 0.05);
  CHECK(slope_high < slope_low);
  // Beyond the best share, change management costs seats.
  CHECK(adoption[0.50] < best->second);
}

TEST_CASE("F5: a pilot in one department stays in that department", "[workplace][facts][stat][slow]") {
  const scenario::Scenario pilot = load("facts/single_department_pilot.toml");
  const auto results = run({&pilot});
  const metrics::SeriesLayout& layout = *results[0].summary.series.layout();
  double pilot_share = 0.0;
  std::vector<double> others;
  for (std::size_t group = 1; group < layout.group_count(); ++group) {
    const std::string& name = layout.group_names()[group];
    if (name.rfind("department:", 0) != 0) continue;
    const double share = median_share(results[0], metrics::GroupMetric::WeeklyActive, group)[180];
    if (name == "department:Operations") {
      pilot_share = share;
    } else {
      others.push_back(share);
    }
  }
  const double other_median = median_of(others);
  report("F5", "pilot department (Operations) weekly active share at day 180", pilot_share);
  report("F5", "median other department's weekly active share at day 180", other_median);
  CHECK(pilot_share >= 0.50);
  CHECK(other_median <= 0.15);
}

TEST_CASE("F6: a trust incident drops use within days and recovery takes at least three times as long",
          "[workplace][facts][stat][slow]") {
  const scenario::Scenario incident = load("facts/trust_incident.toml");
  REQUIRE(incident.workplace->incidents.size() == 1);
  const auto incident_day = static_cast<std::size_t>(incident.workplace->incidents[0].day);
  const auto results = run({&incident});
  const std::vector<double> weekly = median_share(results[0], metrics::GroupMetric::WeeklyActive);
  const double before = weekly[incident_day];
  std::size_t trough_day = incident_day;
  for (std::size_t day = incident_day; day <= incident_day + 60 && day < weekly.size(); ++day) {
    if (weekly[day] < weekly[trough_day]) trough_day = day;
  }
  const double drop = before - weekly[trough_day];
  std::size_t recovered_day = weekly.size() - 1;
  for (std::size_t day = trough_day; day < weekly.size(); ++day) {
    if (weekly[day] >= weekly[trough_day] + 0.9 * drop) {
      recovered_day = day;
      break;
    }
  }
  const double fall_days = static_cast<double>(trough_day - incident_day);
  const double recovery_days = static_cast<double>(recovered_day - trough_day);
  report("F6", "drop in weekly active share", drop);
  report("F6", "days to the trough", fall_days);
  report("F6", "days from the trough to 90% recovery", recovery_days);
  CHECK(drop >= 0.05);
  CHECK(fall_days <= 21.0);
  CHECK(recovery_days >= 3.0 * fall_days);
}

TEST_CASE("F7 and F8: visible leadership use, and training that trains, win at equal budget",
          "[workplace][facts][stat][slow]") {
  const scenario::Scenario big_bang = load("big_bang.toml");
  const scenario::Scenario manager_first = load("manager_first.toml");
  const scenario::Scenario generic = load("facts/generic_training.toml");
  const scenario::Scenario task = load("facts/task_training.toml");
  const auto results = run({&big_bang, &manager_first, &generic, &task});
  // Paired over replicates: the same seed gives common random numbers.
  const auto paired_mean_difference = [&](std::size_t a, std::size_t b, metrics::Kpi kpi) {
    double sum = 0.0;
    for (std::uint32_t r = 0; r < kReplicates; ++r) {
      sum += results[a].kpis[r][static_cast<std::size_t>(kpi)] -
             results[b].kpis[r][static_cast<std::size_t>(kpi)];
    }
    return sum / kReplicates;
  };
  const double leadership = paired_mean_difference(1, 0, metrics::Kpi::ActiveShareDay90);
  report("F7", "manager_first − big_bang, weekly active share at day 90", leadership);
  CHECK(leadership > 0.0);
  CHECK(median_kpi(results[1], metrics::Kpi::ActiveShareDay90) >
        median_kpi(results[0], metrics::Kpi::ActiveShareDay90));
  CHECK(paired_mean_difference(1, 0, metrics::Kpi::TotalSpendUsd) ==
        Approx(0.0).margin(0.1 * mean_kpi(results[0], metrics::Kpi::TotalSpendUsd)));

  const double training = paired_mean_difference(3, 2, metrics::Kpi::ActiveShareDay90);
  report("F8", "task-specific − generic training, weekly active share at day 90", training);
  CHECK(training > 0.0);
  CHECK(median_kpi(results[3], metrics::Kpi::ActiveShareDay90) >
        median_kpi(results[2], metrics::Kpi::ActiveShareDay90));
  // Equal spend: the same money, spent on a different kind of training.
  CHECK(paired_mean_difference(3, 2, metrics::Kpi::TotalSpendUsd) == Approx(0.0).margin(1.0));
}

TEST_CASE("F9: pilot_then_scale on a 1,000-person engineering firm reaches 65-90% 90 days after scale-up",
          "[workplace][facts][stat][slow]") {
  // The scenario counts its KPI days from each replicate's own scale-up (kpi.from_phase = "scale"),
  // so the third day KPI is the weekly active share 90 days after that replicate's scale-up.
  const scenario::Scenario engineering = load("facts/engineering_pilot_1000.toml");
  REQUIRE(engineering.kpi.from_phase == "scale");
  const auto results = run({&engineering}, 60);
  const metrics::Distribution& after =
      results[0].summary.kpis[static_cast<std::size_t>(metrics::Kpi::ActiveShareDay90)];
  CHECK(metrics::kpi_name(metrics::Kpi::ActiveShareDay90, results[0].kpi_settings) ==
        "active_share_day90_after_scale");
  CHECK(after.n ==
        60);  // the scale-up happened, and 90 days later lies within the horizon, in every replicate
  const double weekly = after.quantiles[2];
  report("F9", "median over replicates of the weekly active share 90 days after each one's scale-up", weekly);
  CHECK(weekly >= 0.65);
  CHECK(weekly <= 0.90);
}

TEST_CASE("F10: an announce-only launch fades", "[workplace][facts][stat][slow]") {
  const scenario::Scenario big_bang = load_year("big_bang.toml");
  const auto results = run({&big_bang});
  const std::vector<double> weekly = median_share(results[0], metrics::GroupMetric::WeeklyActive);
  report("F10", "median weekly active share at day 120, big_bang", weekly[120]);
  report("F10", "median weekly active share at day 180, big_bang", weekly[180]);
  CHECK(weekly[180] <= 0.25);
  CHECK(weekly[180] <= weekly[120]);
}

TEST_CASE("F11: structured adoption plateaus at 60-80%", "[workplace][facts][stat][slow]") {
  const scenario::Scenario framework = load_year("frameworks/assess_activate_anchor.toml");
  const scenario::Scenario pilot = load_year("pilot_then_scale.toml");
  const scenario::Scenario champions = load_year("champion_network.toml");
  const std::vector<const scenario::Scenario*> plans = {&framework, &pilot, &champions};
  const auto results = run(plans);
  for (std::size_t index = 0; index < results.size(); ++index) {
    const std::string& name = plans[index]->name;
    const std::vector<double> weekly = median_share(results[index], metrics::GroupMetric::WeeklyActive);
    REQUIRE(weekly.size() == kYearDays + 1);
    report("F11", "median weekly active share at day 180, " + name, weekly[180]);
    report("F11", "median weekly active share at day 365, " + name, weekly[kYearDays]);
    CHECK(weekly[180] >= 0.55);
    CHECK(weekly[180] <= 0.85);
    CHECK(weekly[kYearDays] <= 0.90);
  }
}

TEST_CASE("F12: the champion community must be maintained beyond the rollout",
          "[workplace][facts][stat][slow]") {
  const scenario::Scenario maintained = load_year("pilot_then_scale.toml");
  REQUIRE(std::isinf(maintained.workplace->strategy.champion_support_until_day));
  scenario::Scenario stopped = maintained;
  stopped.name = "pilot_then_scale_support_stopped_day90";
  stopped.workplace->strategy.champion_support_until_day = 90.0;
  const auto results = run({&maintained, &stopped});
  const double kept = median_share(results[0], metrics::GroupMetric::WeeklyActive)[270];
  const double ended = median_share(results[1], metrics::GroupMetric::WeeklyActive)[270];
  report("F12", "median weekly active share at day 270, office hours and exchanges kept", kept);
  report("F12", "median weekly active share at day 270, office hours and exchanges stopped at day 90", ended);
  CHECK(kept - ended >= 0.10);
}

TEST_CASE("F13: the pilot team's intensive support works while it lasts", "[workplace][facts][stat][slow]") {
  const scenario::Scenario plan = load("pilot_then_scale.toml");
  const double check_in_days = plan.workplace->strategy.check_in_days;
  REQUIRE(check_in_days >= 7.0);
  const auto results = run({&plan});
  const std::optional<std::size_t> pilot =
      results[0].summary.series.layout()->plan_group(metrics::PlanGroup::Pilot);
  REQUIRE(pilot);
  const std::vector<double> weekly = median_share(results[0], metrics::GroupMetric::WeeklyActive, *pilot);
  for (std::size_t day = 7; static_cast<double>(day) <= check_in_days; day += 7) {
    report("F13", "the pilot's median weekly active share at day " + std::to_string(day) + " (check-ins)",
           weekly[day]);
    CHECK(weekly[day] >= 0.70);
  }
  report("F13", "the pilot's median weekly active share at day 42 (week 6)", weekly[42]);
  CHECK(weekly[42] >= 0.60);
}

namespace {

// The tool's quality by day under the organisation-wide programmes of the
// scenario's plan (replicate 0): the organisation's daily rules alone.
std::vector<double> quality_by_day(const scenario::Scenario& scenario) {
  const runner::Organisation organisation = runner::load_organisation(scenario);
  const runner::WorkplaceInputs inputs = runner::prepare_workplace(scenario, organisation, kSeed);
  const model::RolloutPlan plan = strategy::build_plan(inputs.strategy, scenario.workplace->budget,
                                                       organisation.graph, scenario.horizon_days, kSeed, 0);
  model::OrganisationState state;
  state.quality = inputs.params.dynamics.quality_start;
  std::vector<double> quality;
  for (std::int32_t day = 0; day <= static_cast<std::int32_t>(scenario.horizon_days); ++day) {
    model::begin_day(state, day, {}, inputs.params.dynamics);
    for (const model::Phase& phase : plan.phases) {
      if (phase.gated || phase.start_day != static_cast<double>(day)) continue;
      for (const model::Intervention& intervention : phase.interventions) {
        model::apply_to_organisation(intervention, day, inputs.params.effects, state);
      }
    }
    quality.push_back(state.quality);
  }
  return quality;
}

}  // namespace

TEST_CASE("F14: stale knowledge erodes trust", "[workplace][facts][stat][slow]") {
  const scenario::Scenario funded = load_year("pilot_then_scale.toml");
  REQUIRE(funded.workplace->budget.shares.knowledge > 0.0);
  // The same money, its knowledge share moved to communications.
  scenario::Scenario unfunded = funded;
  unfunded.name = "pilot_then_scale_knowledge_unfunded";
  unfunded.workplace->budget.shares.communications += unfunded.workplace->budget.shares.knowledge;
  unfunded.workplace->budget.shares.knowledge = 0.0;

  const std::vector<double> stale = quality_by_day(unfunded);
  const std::vector<double> kept = quality_by_day(funded);
  report("F14", "tool quality at day 0, knowledge unfunded", stale[0]);
  report("F14", "tool quality at day 60, knowledge unfunded", stale[60]);
  report("F14", "tool quality at day 60, knowledge funded", kept[60]);
  CHECK(stale[60] < stale[0]);
  CHECK(stale[180] < stale[60]);
  CHECK(kept[60] > stale[60]);

  const auto results = run({&funded, &unfunded});
  const double with = median_share(results[0], metrics::GroupMetric::WeeklyActive)[180];
  const double without = median_share(results[1], metrics::GroupMetric::WeeklyActive)[180];
  report("F14", "median weekly active share at day 180, knowledge maintained", with);
  report("F14", "median weekly active share at day 180, knowledge unfunded", without);
  CHECK(with - without >= 0.10);
}

TEST_CASE("the seed frameworks run 12 to 15 months and plateau where structured adoption does",
          "[workplace][facts][stat][slow]") {
  // Seed 000: structured adoption is sustained at 60-80% (F11's band, 55-85%
  // weekly active); a plateau: the median moves by at most 5 points over the
  // last three months of the horizon.
  std::vector<scenario::Scenario> frameworks;
  const std::filesystem::path folder =
      std::filesystem::path(ADOPTSIM_SOURCE_DIR) / "scenarios/workplace/frameworks";
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".toml") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  REQUIRE(names.size() >= 4);
  for (const std::string& name : names) frameworks.push_back(load("frameworks/" + name));
  std::vector<const scenario::Scenario*> plans;
  for (const scenario::Scenario& framework : frameworks) plans.push_back(&framework);
  const auto results = run(plans);
  for (std::size_t index = 0; index < results.size(); ++index) {
    const std::string& name = plans[index]->name;
    const auto horizon = static_cast<std::size_t>(plans[index]->horizon_days);
    INFO(name << ", horizon " << horizon << " days");
    CHECK(horizon >= 365);
    CHECK(horizon <= 457);
    const std::vector<double> weekly = median_share(results[index], metrics::GroupMetric::WeeklyActive);
    REQUIRE(weekly.size() == horizon + 1);
    report("frameworks",
           "median weekly active share at the horizon (day " + std::to_string(horizon) + "), " + name,
           weekly[horizon]);
    report("frameworks", "its change over the last 90 days, " + name, weekly[horizon] - weekly[horizon - 90]);
    CHECK(weekly[horizon] >= 0.55);
    CHECK(weekly[horizon] <= 0.85);
    CHECK(std::abs(weekly[horizon] - weekly[horizon - 90]) <= 0.05);
  }
}

TEST_CASE("a centre of excellence small relative to demand makes departments wait months",
          "[workplace][facts][stat][slow]") {
  // Seed 002: "if the CoE team is small relative to demand, business units
  // wait months for capacity". Seed 003's fifteen months with its CoE at 40
  // hours a week, at 10, and without one.
  const scenario::Scenario planned = load("frameworks/pilots_to_coe_15_months.toml");
  scenario::Scenario small = planned, none = planned;
  small.name = "small CoE";
  none.name = "no CoE";
  std::size_t found = 0;
  for (strategy::CustomPhase& phase : small.workplace->strategy.phases) {
    for (strategy::CustomIntervention& item : phase.interventions) {
      if (item.kind != model::InterventionKind::CentreOfExcellence) continue;
      CHECK(item.hours_per_week == 40.0);
      item.hours_per_week = 10.0;
      ++found;
    }
  }
  REQUIRE(found == 1);
  for (strategy::CustomPhase& phase : none.workplace->strategy.phases) {
    std::erase_if(phase.interventions, [](const strategy::CustomIntervention& item) {
      return item.kind == model::InterventionKind::CentreOfExcellence;
    });
  }
  const auto results = run({&planned, &small, &none});
  const auto horizon = static_cast<std::size_t>(planned.horizon_days);
  const auto mean_at_horizon = [&](const runner::ScenarioResult& result, metrics::TotalMetric metric) {
    const metrics::SeriesSummary& series = result.summary.series;
    return series.value(series.layout()->series_index(metric), horizon, metrics::SeriesStat::Mean);
  };
  const auto mean_wait_days = [&](const runner::ScenarioResult& result) {
    return mean_at_horizon(result, metrics::TotalMetric::UseCaseWaitDays) /
           mean_at_horizon(result, metrics::TotalMetric::UseCasesDelivered);
  };
  report("CoE", "mean wait in days of a delivered use case, 40 hours a week", mean_wait_days(results[0]));
  report("CoE", "mean wait in days of a delivered use case, 10 hours a week", mean_wait_days(results[1]));
  report("CoE", "mean use cases waiting at the horizon, 40 hours a week",
         mean_at_horizon(results[0], metrics::TotalMetric::UseCaseQueue));
  report("CoE", "mean use cases waiting at the horizon, 10 hours a week",
         mean_at_horizon(results[1], metrics::TotalMetric::UseCaseQueue));
  CHECK(mean_wait_days(results[1]) >= 60.0);
  CHECK(mean_wait_days(results[0]) <= 30.0);
  CHECK(mean_at_horizon(results[1], metrics::TotalMetric::UseCaseQueue) >=
        5.0 * mean_at_horizon(results[0], metrics::TotalMetric::UseCaseQueue));
  CHECK(mean_at_horizon(results[2], metrics::TotalMetric::UseCaseRequests) == 0.0);
  // The use cases it delivers are what the CoE adds.
  const auto weekly_mean = [&](const runner::ScenarioResult& result) {
    const metrics::SeriesSummary& series = result.summary.series;
    const metrics::SeriesLayout& layout = *series.layout();
    return series.value(
               layout.series_index(metrics::GroupMetric::WeeklyActive, metrics::SeriesLayout::kAllGroup),
               horizon, metrics::SeriesStat::Mean) /
           layout.group_sizes()[metrics::SeriesLayout::kAllGroup];
  };
  report("CoE", "mean weekly active share at the horizon, 40 hours a week", weekly_mean(results[0]));
  report("CoE", "mean weekly active share at the horizon, 10 hours a week", weekly_mean(results[1]));
  report("CoE", "mean weekly active share at the horizon, no CoE", weekly_mean(results[2]));
  CHECK(weekly_mean(results[0]) > weekly_mean(results[2]));
}
