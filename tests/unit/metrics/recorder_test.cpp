#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/metrics/recorder.hpp"
#include "adoptsim/model/observer.hpp"
#include "adoptsim/org/org_graph.hpp"

using namespace adoptsim;
using metrics::GroupMetric;
using metrics::TotalMetric;
using model::FunnelState;

namespace {

// Departments eng (0) and sales (1):
//   0 eng IC, 1 eng manager, 2 sales IC, 3 sales executive, 4 eng IC.
org::OrgGraph small_graph() {
  org::OrgGraphBuilder builder({"eng", "sales"});
  builder.add_person(org::Role::IndividualContributor, 0);
  builder.add_person(org::Role::Manager, 0);
  builder.add_person(org::Role::IndividualContributor, 1);
  builder.add_person(org::Role::Executive, 1);
  builder.add_person(org::Role::IndividualContributor, 0);
  return builder.build();
}

// A trace of `horizon` days, filled in by the test, then replayed.
struct Trace {
  std::vector<model::DayActivity> days;
  explicit Trace(std::int32_t horizon) : days(static_cast<std::size_t>(horizon)) {
    for (std::int32_t day = 0; day < horizon; ++day) days[static_cast<std::size_t>(day)].day = day;
  }
  model::DayActivity& operator[](std::int32_t day) { return days[static_cast<std::size_t>(day)]; }
  void use(std::int32_t day, org::PersonId person, int times = 1) {
    (*this)[day].uses.push_back({person, static_cast<std::uint32_t>(times)});
  }
  void change(std::int32_t day, org::PersonId person, FunnelState from, FunnelState to) {
    (*this)[day].state_changes.push_back({person, from, to});
  }
};

metrics::ReplicateSeries record(const org::OrgGraph& graph, const Trace& trace,
                                std::vector<FunnelState> initial = {}) {
  if (initial.empty()) initial.assign(graph.person_count(), FunnelState::Unaware);
  metrics::SeriesRecorder recorder(graph, static_cast<std::int32_t>(trace.days.size()));
  recorder.on_start(initial);
  for (const model::DayActivity& day : trace.days) recorder.on_day(day);
  return recorder.take_series();
}

std::vector<float> as_vector(std::span<const float> values) { return {values.begin(), values.end()}; }

}  // namespace

TEST_CASE("layout names groups and series, and finds them by name", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  const metrics::SeriesLayout layout(graph, 90);
  CHECK(layout.group_names() == std::vector<std::string>{"all", "department:eng", "department:sales",
                                                         "role:individual_contributor", "role:manager",
                                                         "role:executive"});
  CHECK(layout.group_sizes() == std::vector<std::uint32_t>{5, 3, 2, 3, 1, 1});
  CHECK(layout.day_count() == 91);
  CHECK(layout.series_count() == 6 * 11 + 20);
  CHECK(layout.find_series("weekly_active", "department:sales") ==
        layout.series_index(GroupMetric::WeeklyActive, 2));
  CHECK(layout.find_series("spend_licences_usd") == layout.series_index(TotalMetric::SpendLicencesUsd));
  CHECK_FALSE(layout.find_series("spend_total_usd", "role:manager").has_value());
  CHECK_FALSE(layout.find_series("no_such_metric").has_value());
  const metrics::SeriesKey key = layout.key(layout.series_index(GroupMetric::StateLapsed, 4));
  CHECK(key.metric == "state_lapsed");
  CHECK(layout.group_names()[key.group] == "role:manager");
  // The metric tables spell states and levers as the model does.
  for (int state = 0; state < model::kFunnelStateCount; ++state) {
    CHECK(metrics::info(metrics::state_metric(static_cast<FunnelState>(state))).name ==
          "state_" + std::string(model::to_string(static_cast<FunnelState>(state))));
  }
  for (int lever = 0; lever < model::kBudgetLeverCount; ++lever) {
    CHECK(metrics::info(metrics::spend_metric(static_cast<model::BudgetLever>(lever))).name ==
          "spend_" + std::string(model::to_string(static_cast<model::BudgetLever>(lever))) + "_usd");
  }
  CHECK_THROWS_AS(metrics::SeriesLayout(graph, -1), std::invalid_argument);
}

TEST_CASE("recorder: activity windows at their boundaries, repeated uses counted once", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  Trace trace(40);
  trace.use(0, 0, 2);  // twice on day 0: one daily active, two uses
  trace.use(7, 0);
  trace.use(6, 2);
  const metrics::ReplicateSeries series = record(graph, trace);

  const auto uses = series.series(GroupMetric::Uses);
  const auto daily = series.series(GroupMetric::DailyActive);
  const auto weekly = series.series(GroupMetric::WeeklyActive);
  const auto monthly = series.series(GroupMetric::MonthlyActive);
  // Day 0 is the initial snapshot.
  CHECK(uses[0] == 0.0f);
  CHECK(daily[0] == 0.0f);
  CHECK(weekly[0] == 0.0f);
  // Activity of day k lands in day k + 1.
  CHECK(uses[1] == 2.0f);
  CHECK(daily[1] == 1.0f);
  CHECK(daily[2] == 0.0f);
  CHECK(daily[7] == 1.0f);  // person 2 on day 6
  CHECK(daily[8] == 1.0f);  // person 0 on day 7
  // Weekly at d is [d-7, d): person 0's day-0 use counts up to day 7.
  CHECK(weekly[1] == 1.0f);
  CHECK(weekly[6] == 1.0f);
  CHECK(weekly[7] == 2.0f);  // person 0 (day 0) and person 2 (day 6)
  CHECK(weekly[8] == 2.0f);  // person 0 (day 7) and person 2 (day 6)
  CHECK(weekly[13] == 2.0f);
  CHECK(weekly[14] == 1.0f);  // person 2's window ended
  CHECK(weekly[15] == 0.0f);  // person 0's day-7 use covers days 8 .. 14
  // Monthly at d is [d-30, d).
  CHECK(monthly[30] == 2.0f);
  CHECK(monthly[36] == 2.0f);
  CHECK(monthly[37] == 1.0f);
  CHECK(monthly[38] == 0.0f);
  // Groups: person 0 is eng IC, person 2 is sales IC.
  CHECK(series.series(GroupMetric::WeeklyActive, 1)[7] == 1.0f);
  CHECK(series.series(GroupMetric::WeeklyActive, 2)[7] == 1.0f);
  CHECK(series.series(GroupMetric::WeeklyActive,
                      series.layout().role_group(org::Role::IndividualContributor))[7] == 2.0f);
  CHECK(series.series(GroupMetric::WeeklyActive, series.layout().role_group(org::Role::Manager))[7] == 0.0f);
  CHECK(series.series(GroupMetric::Uses, 1)[1] == 2.0f);
  CHECK(series.series(GroupMetric::Uses, 2)[1] == 0.0f);
  // Depth of use: uses in [d-7, d) per weekly active.
  const auto depth = series.series(TotalMetric::UsesPerWeeklyActive);
  CHECK(depth[1] == 2.0f);
  CHECK(depth[7] == Approx(1.5));  // three uses (two by 0, one by 2) by two people
  CHECK(depth[8] == Approx(1.0));  // day-0 uses left the window
  CHECK(depth[20] == 0.0f);        // nobody active
}

TEST_CASE("recorder: windows agree with a brute-force count on a random trace", "[metrics]") {
  const std::uint32_t seed = 20240611;
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  org::OrgGraphBuilder builder({"a", "b", "c"});
  for (int person = 0; person < 40; ++person) {
    builder.add_person(static_cast<org::Role>(person % 3), static_cast<org::DepartmentId>((person / 3) % 3));
  }
  const org::OrgGraph graph = builder.build();
  const std::int32_t horizon = 75;
  Trace trace(horizon);
  std::vector<std::vector<std::int32_t>> use_days(graph.person_count());
  std::uniform_int_distribution<int> coin(0, 9);
  // Plan groups that overlap each other: every fourth person is in the
  // pilot, every third a champion.
  std::vector<org::PersonId> pilot;
  std::vector<org::PersonId> champions;
  for (org::PersonId person = 0; person < graph.person_count(); ++person) {
    if (person % 4 == 0) pilot.push_back(person);
    if (person % 3 == 0) champions.push_back(person);
  }
  for (std::int32_t day = 0; day < horizon; ++day) {
    for (org::PersonId person = 0; person < graph.person_count(); ++person) {
      if (coin(rng) < 2) {
        const int times = 1 + coin(rng) % 3;
        trace.use(day, person, times);
        use_days[person].push_back(day);
      }
    }
  }
  metrics::PlanGroupSizes plan_groups;
  plan_groups[0] = static_cast<std::uint32_t>(pilot.size());
  plan_groups[1] = static_cast<std::uint32_t>(champions.size());
  metrics::SeriesRecorder recorder(
      graph, std::make_shared<const metrics::SeriesLayout>(graph, horizon, plan_groups));
  recorder.set_members(metrics::PlanGroup::Pilot, pilot);
  recorder.set_members(metrics::PlanGroup::Champions, champions);
  recorder.on_start(std::vector<FunnelState>(graph.person_count(), FunnelState::Unaware));
  for (const model::DayActivity& day : trace.days) recorder.on_day(day);
  const metrics::ReplicateSeries series = recorder.take_series();
  const metrics::SeriesLayout& layout = series.layout();
  REQUIRE(layout.group_count() == 1 + 3 + 3 + 2);
  const std::size_t pilot_group = *layout.plan_group(metrics::PlanGroup::Pilot);
  const std::size_t champions_group = *layout.plan_group(metrics::PlanGroup::Champions);
  const std::array<std::pair<GroupMetric, std::int32_t>, 3> windows = {
      {{GroupMetric::DailyActive, 1}, {GroupMetric::WeeklyActive, 7}, {GroupMetric::MonthlyActive, 30}}};
  for (const auto& [metric, width] : windows) {
    for (std::size_t group = 0; group < layout.group_count(); ++group) {
      for (std::int32_t day = 0; day <= horizon; ++day) {
        std::uint32_t expected = 0;
        for (org::PersonId person = 0; person < graph.person_count(); ++person) {
          const bool in_group = group == 0 || group == layout.department_group(graph.department(person)) ||
                                group == layout.role_group(graph.role(person)) ||
                                (group == pilot_group && person % 4 == 0) ||
                                (group == champions_group && person % 3 == 0);
          if (!in_group) continue;
          for (std::int32_t use_day : use_days[person]) {
            if (use_day >= day - width && use_day < day) {
              ++expected;
              break;
            }
          }
        }
        INFO("window " << width << " group " << group << " day " << day);
        REQUIRE(series.series(metric, group)[static_cast<std::size_t>(day)] == static_cast<float>(expected));
      }
    }
  }
}

TEST_CASE("recorder: state counts per group, lapsing and returning, adopted", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  std::vector<FunnelState> initial(5, FunnelState::Unaware);
  initial[3] = FunnelState::NoAccess;
  initial[4] = FunnelState::Active;  // used before time 0
  Trace trace(20);
  trace.change(0, 0, FunnelState::Unaware, FunnelState::Aware);
  trace.change(1, 0, FunnelState::Aware, FunnelState::Trying);
  trace.use(1, 0);
  trace.change(2, 0, FunnelState::Trying, FunnelState::Active);
  trace.change(5, 3, FunnelState::NoAccess, FunnelState::Unaware);
  trace.change(10, 0, FunnelState::Active, FunnelState::Lapsed);
  trace.change(15, 0, FunnelState::Lapsed, FunnelState::Active);
  trace.use(15, 0);
  const metrics::ReplicateSeries series = record(graph, trace, initial);
  const auto all = [&](GroupMetric metric) { return series.series(metric); };

  CHECK(all(GroupMetric::StateUnaware)[0] == 3.0f);
  CHECK(all(GroupMetric::StateNoAccess)[0] == 1.0f);
  CHECK(all(GroupMetric::StateActive)[0] == 1.0f);
  CHECK(all(GroupMetric::Adopted)[0] == 1.0f);  // person 4 starts Active
  CHECK(all(GroupMetric::StateAware)[1] == 1.0f);
  CHECK(all(GroupMetric::StateUnaware)[1] == 2.0f);
  CHECK(all(GroupMetric::StateTrying)[2] == 1.0f);
  CHECK(all(GroupMetric::Adopted)[1] == 1.0f);
  CHECK(all(GroupMetric::Adopted)[2] == 2.0f);
  CHECK(all(GroupMetric::StateActive)[3] == 2.0f);
  CHECK(all(GroupMetric::StateNoAccess)[5] == 1.0f);
  CHECK(all(GroupMetric::StateNoAccess)[6] == 0.0f);
  CHECK(all(GroupMetric::StateLapsed)[10] == 0.0f);
  CHECK(all(GroupMetric::StateLapsed)[11] == 1.0f);
  CHECK(all(GroupMetric::StateActive)[11] == 1.0f);
  CHECK(all(GroupMetric::StateLapsed)[16] == 0.0f);
  CHECK(all(GroupMetric::StateActive)[16] == 2.0f);
  CHECK(all(GroupMetric::Adopted)[20] == 2.0f);  // lapsing and returning does not re-adopt
  // Per group: eng holds 0, 1, 4; sales holds 2, 3; the executive is 3.
  CHECK(series.series(GroupMetric::StateActive, 1)[16] == 2.0f);
  CHECK(series.series(GroupMetric::StateActive, 2)[16] == 0.0f);
  CHECK(series.series(GroupMetric::StateUnaware, 2)[20] == 2.0f);
  CHECK(series.series(GroupMetric::StateNoAccess, series.layout().role_group(org::Role::Executive))[0] ==
        1.0f);
  CHECK(series.series(GroupMetric::StateUnaware, series.layout().role_group(org::Role::Executive))[6] ==
        1.0f);
  // Every day, each group's state counts add up to its size.
  for (std::size_t group = 0; group < series.layout().group_count(); ++group) {
    for (std::size_t day = 0; day <= 20; ++day) {
      float total = 0.0f;
      for (int state = 0; state < model::kFunnelStateCount; ++state) {
        total += series.series(metrics::state_metric(static_cast<FunnelState>(state)), group)[day];
      }
      CHECK(total == static_cast<float>(series.layout().group_sizes()[group]));
    }
  }
  // The returning use counts in the windows; a use by person 4 never happened.
  CHECK(all(GroupMetric::WeeklyActive)[16] == 1.0f);
}

TEST_CASE("layout: the plan's pilot and champions are groups after the roles, when the plan has them",
          "[metrics]") {
  const org::OrgGraph graph = small_graph();
  const metrics::SeriesLayout none(graph, 30);
  CHECK(none.group_count() == 6);
  CHECK_FALSE(none.plan_group(metrics::PlanGroup::Pilot).has_value());
  CHECK_FALSE(none.find_group("pilot").has_value());

  metrics::PlanGroupSizes sizes;
  sizes[static_cast<std::size_t>(metrics::PlanGroup::Champions)] = 2;
  const metrics::SeriesLayout champions_only(graph, 30, sizes);
  CHECK(champions_only.group_names().back() == "champions");
  CHECK(champions_only.plan_group(metrics::PlanGroup::Champions) == std::size_t{6});
  CHECK_FALSE(champions_only.plan_group(metrics::PlanGroup::Pilot).has_value());

  sizes[static_cast<std::size_t>(metrics::PlanGroup::Pilot)] = 3;
  const metrics::SeriesLayout both(graph, 30, sizes);
  CHECK(both.group_names() == std::vector<std::string>{"all", "department:eng", "department:sales",
                                                       "role:individual_contributor", "role:manager",
                                                       "role:executive", "pilot", "champions"});
  CHECK(both.group_sizes() == std::vector<std::uint32_t>{5, 3, 2, 3, 1, 1, 3, 2});
  CHECK(both.series_count() == 8 * 11 + 20);
  CHECK(both.find_series("weekly_active", "pilot") == both.series_index(GroupMetric::WeeklyActive, 6));
  CHECK_FALSE(both.find_series("hours_saved", "champions").has_value());
  CHECK_FALSE(both.is_plan_group(5));
  CHECK(both.is_plan_group(6));
  CHECK(both.is_plan_group(7));
  sizes[0] = 6;  // more people than the organisation has
  CHECK_THROWS_AS(metrics::SeriesLayout(graph, 30, sizes), std::invalid_argument);
}

TEST_CASE("recorder: counts the pilot and the champions, members given per replicate", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  metrics::PlanGroupSizes sizes;
  sizes[static_cast<std::size_t>(metrics::PlanGroup::Pilot)] = 2;
  sizes[static_cast<std::size_t>(metrics::PlanGroup::Champions)] = 2;
  const auto layout = std::make_shared<const metrics::SeriesLayout>(graph, 20, sizes);
  const std::size_t pilot = *layout->plan_group(metrics::PlanGroup::Pilot);
  const std::size_t champions = *layout->plan_group(metrics::PlanGroup::Champions);
  metrics::SeriesRecorder recorder(graph, layout);

  // The pilot is persons 0 and 2 (eng IC, sales IC); the champions 2 and 3.
  recorder.set_members(metrics::PlanGroup::Pilot, {0, 2});
  recorder.set_members(metrics::PlanGroup::Champions, {3, 2});
  Trace trace(20);
  trace.change(0, 0, FunnelState::Unaware, FunnelState::Trying);
  trace.use(0, 0, 3);
  trace.change(0, 1, FunnelState::Unaware, FunnelState::Trying);
  trace.use(0, 1);
  trace.change(2, 2, FunnelState::Unaware, FunnelState::Active);
  trace.use(2, 2);
  trace.use(9, 2);
  std::vector<FunnelState> initial(5, FunnelState::Unaware);
  initial[3] = FunnelState::NoAccess;
  recorder.on_start(initial);
  for (const model::DayActivity& day : trace.days) recorder.on_day(day);
  const metrics::ReplicateSeries series = recorder.take_series();

  CHECK(series.group_size(pilot) == 2);
  CHECK(series.group_size(champions) == 2);
  CHECK(as_vector(series.series(GroupMetric::StateNoAccess, champions))[0] == 1.0f);
  CHECK(series.series(GroupMetric::StateNoAccess, pilot)[0] == 0.0f);
  CHECK(series.series(GroupMetric::StateUnaware, pilot)[0] == 2.0f);
  CHECK(series.series(GroupMetric::StateTrying, pilot)[1] == 1.0f);  // person 0, not 1
  CHECK(series.series(GroupMetric::StateTrying, champions)[1] == 0.0f);
  CHECK(series.series(GroupMetric::StateActive, pilot)[3] == 1.0f);  // person 2 is in both
  CHECK(series.series(GroupMetric::StateActive, champions)[3] == 1.0f);
  CHECK(series.series(GroupMetric::Uses, pilot)[1] == 3.0f);  // person 1's use is not the pilot's
  CHECK(series.series(GroupMetric::Uses, champions)[1] == 0.0f);
  CHECK(series.series(GroupMetric::Uses, pilot)[3] == 1.0f);
  CHECK(series.series(GroupMetric::Adopted, pilot)[20] == 2.0f);
  CHECK(series.series(GroupMetric::Adopted, champions)[20] == 1.0f);
  // Weekly active: person 0 on day 0 covers days 1 .. 7, person 2 days 3 .. 9 and 10 .. 16.
  CHECK(series.series(GroupMetric::WeeklyActive, pilot)[1] == 1.0f);
  CHECK(series.series(GroupMetric::WeeklyActive, pilot)[3] == 2.0f);
  CHECK(series.series(GroupMetric::WeeklyActive, pilot)[8] == 1.0f);
  CHECK(series.series(GroupMetric::WeeklyActive, champions)[16] == 1.0f);
  CHECK(series.series(GroupMetric::WeeklyActive, champions)[17] == 0.0f);
  // The organisation's groups are as without plan groups.
  CHECK(series.series(GroupMetric::Uses)[1] == 4.0f);
  CHECK(series.series(GroupMetric::WeeklyActive, 1)[3] == 2.0f);
  for (const std::size_t group : {pilot, champions}) {
    for (std::size_t day = 0; day <= 20; ++day) {
      float total = 0.0f;
      for (int state = 0; state < model::kFunnelStateCount; ++state)
        total += series.series(metrics::state_metric(static_cast<FunnelState>(state)), group)[day];
      CHECK(total == 2.0f);
    }
  }

  // The next replicate's pilot is another person, one only: its own size.
  recorder.set_members(metrics::PlanGroup::Pilot, {4});
  recorder.on_start(std::vector<FunnelState>(5, FunnelState::Unaware));
  Trace second(20);
  second.use(5, 4);
  second.use(5, 0);
  for (const model::DayActivity& day : second.days) recorder.on_day(day);
  const metrics::ReplicateSeries next = recorder.take_series();
  CHECK(next.group_size(pilot) == 1);
  CHECK(next.group_size(champions) == 2);  // kept from the replicate before
  CHECK(next.layout().group_sizes()[pilot] == 2);
  CHECK(next.series(GroupMetric::WeeklyActive, pilot)[6] == 1.0f);
  CHECK(next.series(GroupMetric::StateUnaware, pilot)[0] == 1.0f);
  CHECK(next.series(GroupMetric::Uses, champions)[6] == 0.0f);
}

TEST_CASE("recorder: plan group members are checked", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  metrics::SeriesRecorder plain(graph, 10);
  CHECK_THROWS_AS(plain.set_members(metrics::PlanGroup::Pilot, {0}), std::invalid_argument);
  metrics::PlanGroupSizes sizes;
  sizes[static_cast<std::size_t>(metrics::PlanGroup::Pilot)] = 2;
  metrics::SeriesRecorder recorder(graph, std::make_shared<const metrics::SeriesLayout>(graph, 10, sizes));
  CHECK_THROWS_AS(recorder.set_members(metrics::PlanGroup::Champions, {0}), std::invalid_argument);
  CHECK_THROWS_AS(recorder.set_members(metrics::PlanGroup::Pilot, {0, 5}), std::invalid_argument);
  CHECK_THROWS_AS(recorder.set_members(metrics::PlanGroup::Pilot, {1, 0, 1}), std::invalid_argument);
  CHECK_NOTHROW(recorder.set_members(metrics::PlanGroup::Pilot, {1, 0}));
  // A layout with plan groups is still checked against the graph.
  org::OrgGraphBuilder builder({"x"});
  builder.add_person(org::Role::Manager, 0);
  CHECK_THROWS_AS(metrics::SeriesRecorder(builder.build(),
                                          std::make_shared<const metrics::SeriesLayout>(graph, 10, sizes)),
                  std::invalid_argument);
}

TEST_CASE("recorder: cumulative spend, change-management spend and hours saved", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  Trace trace(10);
  trace[0].spend_usd[static_cast<std::size_t>(model::BudgetLever::Training)] = 100.0;
  trace[0].spend_usd[static_cast<std::size_t>(model::BudgetLever::Licences)] = 300.0;
  trace[1].spend_usd[static_cast<std::size_t>(model::BudgetLever::Champions)] = 50.0;
  trace[4].spend_usd[static_cast<std::size_t>(model::BudgetLever::Training)] = 25.0;
  trace[0].hours_saved = 1.5;
  trace[3].hours_saved = 2.0;
  const metrics::ReplicateSeries series = record(graph, trace);
  CHECK(series.series(TotalMetric::SpendTotalUsd)[0] == 0.0f);
  CHECK(series.series(TotalMetric::SpendTotalUsd)[1] == 400.0f);
  CHECK(series.series(TotalMetric::SpendTotalUsd)[2] == 450.0f);
  CHECK(series.series(TotalMetric::SpendTotalUsd)[10] == 475.0f);
  CHECK(series.series(TotalMetric::SpendTrainingUsd)[10] == 125.0f);
  CHECK(series.series(TotalMetric::SpendLicencesUsd)[10] == 300.0f);
  CHECK(series.series(TotalMetric::SpendChampionsUsd)[1] == 0.0f);
  CHECK(series.series(TotalMetric::ChangeManagementSpendUsd)[1] == 100.0f);
  CHECK(series.series(TotalMetric::ChangeManagementSpendUsd)[10] == 175.0f);
  CHECK(series.series(TotalMetric::HoursSaved)[1] == 1.5f);
  CHECK(series.series(TotalMetric::HoursSaved)[10] == 3.5f);
  metrics::KpiSettings settings;
  const metrics::KpiValues kpis = metrics::compute_kpis(series, settings);
  CHECK(kpis[static_cast<std::size_t>(metrics::Kpi::TotalSpendUsd)] == 475.0);
  CHECK(kpis[static_cast<std::size_t>(metrics::Kpi::ChangeManagementSpendShare)] == Approx(175.0 / 475.0));
}

TEST_CASE("recorder: first-use cohorts, returns on day 3/7/30 and censoring", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  Trace trace(60);
  // Person 0: first use day 0; day 3 is in [3, 10), day 13 in [7, 14), day 36 in [30, 37).
  trace.use(0, 0);
  trace.use(3, 0);
  trace.use(13, 0);
  trace.use(36, 0);
  // Person 1: first use day 2; day 4 is before [5, 12); day 12 is just past it but in [9, 16).
  trace.use(2, 1);
  trace.use(4, 1);
  trace.use(12, 1);
  // Person 2: first use day 7 (cohort 1); day 10 is in [10, 17).
  trace.use(7, 2);
  trace.use(10, 2, 3);
  // Person 4: first use day 50 (cohort 7), returns on day 53: censored for day 3.
  trace.use(50, 4);
  trace.use(53, 4);
  const metrics::ReplicateSeries series = record(graph, trace);
  const metrics::SeriesLayout& layout = series.layout();

  REQUIRE(layout.cohort_count() == 9);
  const auto& cohorts = series.cohorts();
  CHECK(cohorts[0].first_users == 2);
  CHECK(cohorts[0].returned == std::array<std::uint32_t, 3>{1, 2, 1});
  CHECK(cohorts[1].first_users == 1);
  CHECK(cohorts[1].returned == std::array<std::uint32_t, 3>{1, 0, 0});
  CHECK(cohorts[7].first_users == 1);
  CHECK(cohorts[7].returned[0] == 1);
  // Available when 7w + 6 + N + 7 <= 60.
  CHECK(layout.cohort_return_available(6, 0));
  CHECK_FALSE(layout.cohort_return_available(7, 0));
  CHECK(layout.cohort_return_available(5, 1));
  CHECK_FALSE(layout.cohort_return_available(6, 1));
  CHECK(layout.cohort_return_available(2, 2));
  CHECK_FALSE(layout.cohort_return_available(3, 2));
  // At the edge: cohort 2's last possible first use is day 20, its day-30
  // window [50, 57) is observed exactly when H >= 57.
  CHECK(metrics::SeriesLayout(graph, 57).cohort_return_available(2, 2));
  CHECK_FALSE(metrics::SeriesLayout(graph, 56).cohort_return_available(2, 2));
  CHECK(series.return_rate(0, 0) == 0.5);
  CHECK(series.return_rate(0, 1) == 1.0);
  CHECK(series.return_rate(0, 2) == 0.5);
  CHECK(series.return_rate(1, 2) == 0.0);
  CHECK(std::isnan(series.return_rate(7, 0)));  // censored
  CHECK(std::isnan(series.return_rate(2, 0)));  // empty
  // Every first use also counts as adoption.
  CHECK(series.series(GroupMetric::Adopted)[60] == 4.0f);
}

TEST_CASE("recorder: reference models through replay_adoptions", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  const double never = std::numeric_limits<double>::infinity();
  metrics::SeriesRecorder recorder(graph, 5);
  model::replay_adoptions({0.5, 2.0, never, 2.9, 10.0}, 5, recorder);
  const metrics::ReplicateSeries series = recorder.take_series();
  CHECK(as_vector(series.series(GroupMetric::StateActive)) == std::vector<float>{0, 1, 1, 3, 3, 3});
  CHECK(as_vector(series.series(GroupMetric::Adopted)) == std::vector<float>{0, 1, 1, 3, 3, 3});
  CHECK(as_vector(series.series(GroupMetric::StateUnaware)) == std::vector<float>{5, 4, 4, 2, 2, 2});
  CHECK(as_vector(series.series(GroupMetric::Adopted, 2)) == std::vector<float>{0, 0, 0, 1, 1, 1});
  CHECK(as_vector(series.series(GroupMetric::WeeklyActive)) == std::vector<float>(6, 0.0f));
  metrics::KpiSettings settings;
  settings.headline = GroupMetric::Adopted;
  const metrics::KpiValues kpis = metrics::compute_kpis(series, settings);
  CHECK(kpis[static_cast<std::size_t>(metrics::Kpi::DaysTo50Pct)] == 3.0);  // 3 of 5 at day 3
  CHECK(std::isnan(kpis[static_cast<std::size_t>(metrics::Kpi::ActiveShareDay30)]));

  // The recorder is reusable: a second replicate starts from scratch.
  model::replay_adoptions({never, never, never, never, 0.0}, 5, recorder);
  const metrics::ReplicateSeries second = recorder.take_series();
  CHECK(second.series(GroupMetric::Adopted)[5] == 1.0f);
  CHECK(&second.layout() == &series.layout());  // shared, not copied
}

TEST_CASE("recorder rejects inconsistent traces", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  metrics::SeriesRecorder recorder(graph, 3);
  model::DayActivity day;
  CHECK_THROWS_AS(recorder.on_day(day), std::invalid_argument);  // before on_start
  CHECK_THROWS_AS(recorder.on_start(std::vector<FunnelState>(4, FunnelState::Unaware)),
                  std::invalid_argument);
  recorder.on_start(std::vector<FunnelState>(5, FunnelState::Unaware));
  day.clear_for(1);
  CHECK_THROWS_AS(recorder.on_day(day), std::invalid_argument);  // day 0 skipped
  day.clear_for(0);
  day.state_changes.push_back({0, FunnelState::Aware, FunnelState::Trying});
  CHECK_THROWS_AS(recorder.on_day(day), std::invalid_argument);  // person 0 is Unaware
  recorder.on_start(std::vector<FunnelState>(5, FunnelState::Unaware));
  day.clear_for(0);
  day.uses.push_back({5, 1});
  CHECK_THROWS_AS(recorder.on_day(day), std::invalid_argument);
  recorder.on_start(std::vector<FunnelState>(5, FunnelState::Unaware));
  day.clear_for(0);
  recorder.on_day(day);
  CHECK_THROWS_AS(recorder.take_series(), std::logic_error);  // two days missing
  day.clear_for(1);
  recorder.on_day(day);
  day.clear_for(2);
  recorder.on_day(day);
  day.clear_for(3);
  CHECK_THROWS_AS(recorder.on_day(day), std::invalid_argument);  // beyond the horizon
  CHECK_NOTHROW(recorder.take_series());
}

TEST_CASE("recorder keeps a few bytes per person", "[metrics]") {
  org::OrgGraphBuilder builder({"only"});
  const std::size_t people = 200000;
  for (std::size_t person = 0; person < people; ++person)
    builder.add_person(org::Role::IndividualContributor, 0);
  const org::OrgGraph graph = builder.build();
  metrics::SeriesRecorder recorder(graph, 365);
  recorder.on_start(std::vector<FunnelState>(people, FunnelState::Unaware));
  const std::size_t per_group_bytes = 3 * 5 * 367 * sizeof(std::int32_t) + 5 * 8 * sizeof(std::uint32_t);
  CHECK(recorder.working_memory_bytes() <= 10 * people + per_group_bytes);
}

TEST_CASE("a leaver stops counting the day they leave and the joiner starts afresh", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  Trace trace(40);
  trace.change(1, 0, FunnelState::Unaware, FunnelState::Aware);
  trace.use(1, 0);
  trace.change(1, 0, FunnelState::Aware, FunnelState::Trying);
  trace.use(2, 2);
  trace.change(2, 2, FunnelState::Unaware, FunnelState::Trying);
  // Person 0's holder leaves at the start of day 4; a joiner takes the post, unaware.
  trace[4].leavers.push_back(0);
  trace.change(4, 0, FunnelState::Trying, FunnelState::NoAccess);
  trace.change(4, 0, FunnelState::NoAccess, FunnelState::Unaware);
  // Person 2 leaves on day 20, long after their last use: nothing to close early.
  trace[20].leavers.push_back(2);
  trace[20].joiners_onboarded = 1;
  trace.change(20, 2, FunnelState::Lapsed, FunnelState::NoAccess);
  trace.change(20, 2, FunnelState::NoAccess, FunnelState::Unaware);
  trace.change(19, 2, FunnelState::Trying, FunnelState::Lapsed);
  // The joiner in post 0 uses the tool on day 10: a new first user.
  trace.change(10, 0, FunnelState::Unaware, FunnelState::Aware);
  trace.use(10, 0);
  trace.change(10, 0, FunnelState::Aware, FunnelState::Trying);
  const metrics::ReplicateSeries series = record(graph, trace);

  const auto weekly = series.series(GroupMetric::WeeklyActive);
  const auto adopted = series.series(GroupMetric::Adopted);
  CHECK(weekly[2] == 1.0f);
  CHECK(weekly[4] == 2.0f);  // the end of day 3: both
  CHECK(weekly[5] == 1.0f);  // the end of day 4: person 0's holder has left
  CHECK(weekly[9] == 1.0f);  // person 2's day-2 use covers days 3 .. 9
  CHECK(weekly[10] == 0.0f);
  CHECK(weekly[11] == 1.0f);  // the joiner
  CHECK(weekly[17] == 1.0f);
  CHECK(weekly[18] == 0.0f);
  CHECK(adopted[4] == 2.0f);
  CHECK(adopted[5] == 1.0f);  // the leaver no longer counts
  CHECK(adopted[11] == 2.0f);
  CHECK(adopted[21] == 1.0f);                                 // person 2's holder left on day 20
  CHECK(series.series(GroupMetric::Adopted, 1)[21] == 1.0f);  // eng: the joiner in post 0
  CHECK(series.series(TotalMetric::Leavers)[4] == 0.0f);
  CHECK(series.series(TotalMetric::Leavers)[5] == 1.0f);
  CHECK(series.series(TotalMetric::Leavers)[21] == 2.0f);
  CHECK(series.series(TotalMetric::JoinersOnboarded)[21] == 1.0f);
  // First users: the first holder (week 0), person 2 (week 0), the joiner (week 1).
  CHECK(series.cohorts()[0].first_users == 2);
  CHECK(series.cohorts()[1].first_users == 1);
}

TEST_CASE("a centre of excellence's requests, deliveries, waits and queue land on the day after",
          "[metrics]") {
  const org::OrgGraph graph = small_graph();
  Trace trace(10);
  trace[2].use_case_requests = 3;
  trace[2].use_case_queue = 3;
  trace[3].use_case_queue = 3;
  trace[4].use_cases_delivered = 2;
  trace[4].use_case_wait_days = 5;  // waited 2 and 3 days
  trace[4].use_case_queue = 1;
  for (int day = 5; day < 10; ++day) trace[day].use_case_queue = 1;
  const metrics::ReplicateSeries series = record(graph, trace);
  const auto requests = series.series(TotalMetric::UseCaseRequests);
  const auto delivered = series.series(TotalMetric::UseCasesDelivered);
  const auto queue = series.series(TotalMetric::UseCaseQueue);
  const auto waits = series.series(TotalMetric::UseCaseWaitDays);
  CHECK(requests[2] == 0.0f);
  CHECK(requests[3] == 3.0f);  // cumulative, from the end of day 2
  CHECK(requests[10] == 3.0f);
  CHECK(queue[3] == 3.0f);  // a level, not a sum
  CHECK(queue[5] == 1.0f);
  CHECK(queue[10] == 1.0f);
  CHECK(delivered[4] == 0.0f);
  CHECK(delivered[5] == 2.0f);
  CHECK(waits[5] == 5.0f);
  CHECK(waits[10] == 5.0f);
}

TEST_CASE("seats count the people with access at the end of each day", "[metrics]") {
  const org::OrgGraph graph = small_graph();
  Trace trace(10);
  trace.change(2, 1, FunnelState::NoAccess, FunnelState::Unaware);
  trace.change(2, 3, FunnelState::NoAccess, FunnelState::Unaware);
  // A leaver with a seat: the joiner keeps it the same day.
  trace[5].leavers.push_back(1);
  trace.change(5, 1, FunnelState::Unaware, FunnelState::NoAccess);
  trace.change(5, 1, FunnelState::NoAccess, FunnelState::Unaware);
  const metrics::ReplicateSeries series =
      record(graph, trace, std::vector<FunnelState>(graph.person_count(), FunnelState::NoAccess));
  const auto seats = series.series(TotalMetric::Seats);
  CHECK(seats[0] == 0.0f);
  CHECK(seats[2] == 0.0f);
  CHECK(seats[3] == 2.0f);  // the end of day 2
  CHECK(seats[6] == 2.0f);
  CHECK(seats[10] == 2.0f);
}
