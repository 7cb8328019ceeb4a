#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "adoptsim/engine/random.hpp"
#include "adoptsim/metrics/recorder.hpp"
#include "adoptsim/model/workplace.hpp"
#include "adoptsim/org/generator.hpp"

using namespace adoptsim;
using model::AgentView;
using model::DecisionWeights;
using model::Signals;

TEST_CASE("the use decision responds to each attribute in the stated direction", "[model][workplace]") {
  const DecisionWeights weights;
  AgentView base;
  base.relevance = 0.5;
  base.skill = 0.5;
  base.anxiety = 0.3;
  base.trust = 0.5;
  const Signals quiet;
  const double p = model::use_probability(base, quiet, weights);
  REQUIRE(p > 0.0);
  REQUIRE(p < 1.0);
  // The logistic of the stated utility, computed by hand.
  CHECK(p == Approx(1.0 / (1.0 + std::exp(-(weights.intercept - weights.anxiety * 0.3)))));

  const auto with = [&](auto change) {
    AgentView agent = base;
    Signals signals = quiet;
    change(agent, signals);
    return model::use_probability(agent, signals, weights);
  };
  CHECK(with([](AgentView& a, Signals&) { a.relevance = 0.9; }) > p);
  CHECK(with([](AgentView& a, Signals&) { a.skill = 0.9; }) > p);
  CHECK(with([](AgentView& a, Signals&) { a.anxiety = 0.9; }) < p);
  CHECK(with([](AgentView& a, Signals&) { a.trust = 0.9; }) > p);
  CHECK(with([](AgentView& a, Signals&) { a.habit = 0.8; }) > p);
  CHECK(with([](AgentView& a, Signals&) { a.innovativeness = 2.0; }) > p);
  CHECK(with([](AgentView& a, Signals&) { a.incentive = 0.5; }) > p);
  CHECK(with([](AgentView& a, Signals&) { a.in_check_in = true; }) > p);
  CHECK(with([](AgentView&, Signals& s) { s.social_share = 0.6; }) > p);
  CHECK(with([](AgentView&, Signals& s) { s.incident_penalty = 0.3; }) < p);
}

TEST_CASE("the linear link is the Bass hazard per opportunity", "[model][workplace]") {
  const model::WorkplaceParams params = model::bass_equivalent_params(0.03, 0.38, 5.0);
  AgentView anyone;
  anyone.relevance = 0.9;
  anyone.anxiety = 0.9;
  anyone.habit = 0.7;
  Signals signals;
  signals.social_share = 0.25;
  // (p + q · share) / λ, whatever the person's attributes.
  CHECK(model::use_probability(anyone, signals, params.decision) == Approx((0.03 + 0.38 * 0.25) / 5.0));
  signals.social_share = 1.0;
  CHECK(params.decision.link == model::LinkFunction::Linear);
  CHECK(model::use_probability(anyone, signals, params.decision) == Approx(0.41 / 5.0));
}

TEST_CASE("success grows with skill and quality, and check-ins help", "[model][workplace]") {
  const model::OutcomeParams params;
  CHECK(model::success_probability(0.2, 0.8, false, params) <
        model::success_probability(0.8, 0.8, false, params));
  CHECK(model::success_probability(0.5, 0.6, false, params) <
        model::success_probability(0.5, 0.9, false, params));
  CHECK(model::success_probability(0.5, 0.6, true, params) ==
        Approx(model::success_probability(0.5, 0.6, false, params) + params.check_in_success_bonus));
  CHECK(model::success_probability(0.0, 1.0, false, params) == Approx(params.success_floor));
}

namespace {
metrics::ReplicateSeries run_once(const org::OrgGraph& graph, const model::WorkplaceParams& params,
                                  const model::RolloutPlan& plan, std::uint64_t seed, std::uint32_t replicate,
                                  std::int32_t horizon) {
  metrics::SeriesRecorder recorder(graph, horizon);
  model::run_workplace(graph, params, plan, {seed, replicate, static_cast<double>(horizon)}, recorder);
  return recorder.take_series();
}
}  // namespace

TEST_CASE("a workplace replicate is a pure function of its inputs", "[model][workplace]") {
  const org::OrgGraph graph = org::generate_organisation(org::OrgSpec{}, 3);
  const model::WorkplaceParams params;
  const model::RolloutPlan plan = model::everyone_at_day_zero(graph);
  const auto first = run_once(graph, params, plan, 5, 0, 60);
  const auto again = run_once(graph, params, plan, 5, 0, 60);
  const auto other = run_once(graph, params, plan, 5, 1, 60);
  const auto weekly = [](const metrics::ReplicateSeries& series) {
    const auto values = series.series(metrics::GroupMetric::WeeklyActive);
    return std::vector<float>(values.begin(), values.end());
  };
  CHECK(weekly(first) == weekly(again));
  CHECK(weekly(first) != weekly(other));
  // People use it: the series is not flat zero.
  CHECK(weekly(first).back() > 0.0f);
}

TEST_CASE("nobody uses the tool without access", "[model][workplace]") {
  const org::OrgGraph graph = org::generate_organisation(org::OrgSpec{}, 3);
  const auto series = run_once(graph, model::WorkplaceParams{}, model::RolloutPlan{}, 1, 0, 30);
  CHECK(series.series(metrics::GroupMetric::Adopted).back() == 0.0f);
  CHECK(series.series(metrics::GroupMetric::StateNoAccess).back() == 180.0f);
}

TEST_CASE("a rollout that grants access later starts from an empty organisation", "[model][workplace]") {
  // Nobody has access until day 14: the run must still process the events the
  // day-14 phase schedules.
  const org::OrgGraph graph = org::generate_organisation(org::OrgSpec{}, 3);
  model::RolloutPlan plan = model::everyone_at_day_zero(graph);
  plan.phases[0].start_day = 14.0;
  const auto series = run_once(graph, model::WorkplaceParams{}, plan, 1, 0, 60);
  const auto adopted = series.series(metrics::GroupMetric::Adopted);
  const auto no_access = series.series(metrics::GroupMetric::StateNoAccess);
  CHECK(no_access[14] == 180.0f);
  CHECK(adopted[14] == 0.0f);
  CHECK(no_access[15] == 0.0f);
  CHECK(adopted.back() > 0.0f);
}

TEST_CASE("a trust incident lowers the use probability by its weight", "[model][workplace]") {
  const DecisionWeights weights;
  AgentView agent;
  Signals calm;
  Signals shaken;
  shaken.incident_penalty = 0.5;
  const auto logit = [](double p) { return std::log(p / (1.0 - p)); };
  CHECK(logit(model::use_probability(agent, calm, weights)) -
            logit(model::use_probability(agent, shaken, weights)) ==
        Approx(weights.incident * 0.5));
  // Novelty: a person who just became aware is more likely to try.
  AgentView curious = agent;
  curious.novelty = 1.0;
  CHECK(logit(model::use_probability(curious, calm, weights)) -
            logit(model::use_probability(agent, calm, weights)) ==
        Approx(weights.novelty));
}

namespace {
// Records every person-step's uses and every person's first day of use.
struct UseLog final : model::ReplicateObserver {
  std::vector<std::vector<model::PersonUses>> by_day;
  std::vector<std::int32_t> first_use_day;
  void on_start(const std::vector<model::FunnelState>& states) override {
    first_use_day.assign(states.size(), -1);
  }
  void on_day(const model::DayActivity& activity) override {
    by_day.push_back(activity.uses);
    for (const model::PersonUses& uses : activity.uses) {
      if (first_use_day[uses.person] < 0) first_use_day[uses.person] = activity.day;
    }
  }
};

// Everyone uses the tool on every opportunity and never lapses.
model::WorkplaceParams always_use() {
  model::WorkplaceParams params = model::bass_equivalent_params(0.0, 0.0, 2.0);
  params.every_day_working = false;
  params.dynamics.steps_per_day = 1;
  params.decision.intercept = 1.0;
  return params;
}
}  // namespace

TEST_CASE("a working step's opportunities are Poisson at the department's rate", "[model][workplace]") {
  const org::OrgGraph graph = org::generate_organisation(org::OrgSpec{}, 3);
  for (const int steps_per_day : {1, 4}) {
    model::WorkplaceParams params = always_use();
    params.default_profile.opportunities_per_working_day = 2.5;
    params.dynamics.steps_per_day = steps_per_day;
    REQUIRE(model::validate(params, model::everyone_at_day_zero(graph), graph).empty());
    UseLog log;
    const std::int32_t horizon = 56;  // eight weeks from a Monday: 40 working days
    model::run_workplace(graph, params, model::everyone_at_day_zero(graph), {7, 0, double(horizon)}, log);
    // Uses per person and working day: everyone uses every opportunity.
    std::vector<double> per_person_day;
    for (std::int32_t day = 0; day < horizon; ++day) {
      const auto& uses = log.by_day[static_cast<std::size_t>(day)];
      if (day % 7 >= 5) {
        CHECK(uses.empty());  // weekends: no opportunities
        continue;
      }
      std::vector<double> count(graph.person_count(), 0.0);
      for (const model::PersonUses& entry : uses) count[entry.person] += entry.count;
      per_person_day.insert(per_person_day.end(), count.begin(), count.end());
    }
    REQUIRE(per_person_day.size() == 40 * graph.person_count());
    double sum = 0.0;
    double sum_squares = 0.0;
    for (const double value : per_person_day) {
      sum += value;
      sum_squares += value * value;
    }
    const auto n = static_cast<double>(per_person_day.size());
    const double mean = sum / n;
    const double variance = sum_squares / n - mean * mean;
    INFO(steps_per_day << " steps a day: mean " << mean << ", variance " << variance);
    // 7,200 Poisson(2.5) counts: the mean's SE is 0.019, the variance's about 0.05.
    CHECK(std::abs(mean - 2.5) < 0.08);
    CHECK(std::abs(variance - 2.5) < 0.25);
  }
}

TEST_CASE("a colleague's first use reaches the social signal at the next step, whatever the sweep order",
          "[model][workplace]") {
  // Two colleagues; one has an incentive that makes every opportunity a use,
  // the other uses the tool with probability equal to the share of their
  // neighbours already using it. The second's first use comes the next
  // working day, whether they are swept before or after the first.
  const org::OrgGraph graph = org::complete_graph(2);
  model::WorkplaceParams params = always_use();
  params.decision.intercept = 0.0;
  params.decision.social = 1.0;
  params.decision.incentive = 1.0;
  params.default_profile.opportunities_per_working_day = 20.0;  // a use on day 1 is all but certain
  for (const org::PersonId leader : {org::PersonId{0}, org::PersonId{1}}) {
    model::RolloutPlan plan = model::everyone_at_day_zero(graph);
    model::Phase incentive;
    incentive.name = "incentive";
    incentive.cohort = {leader};
    incentive.interventions = {
        {model::InterventionKind::IncentiveChange, 1.0, 0.0, 1.0, 0.0, model::BudgetLever::Incentives}};
    plan.phases.push_back(incentive);
    REQUIRE(model::validate(params, plan, graph).empty());
    UseLog log;
    model::run_workplace(graph, params, plan, {11, 0, 7.0}, log);
    INFO("leader " << leader);
    CHECK(log.first_use_day[leader] == 0);
    CHECK(log.first_use_day[1 - leader] == 1);
  }
}

TEST_CASE("steps per day outside 1 to 64 are rejected", "[model][workplace]") {
  const org::OrgGraph graph = org::complete_graph(3);
  model::WorkplaceParams params;
  for (const int steps : {0, model::kMaxStepsPerDay + 1}) {
    params.dynamics.steps_per_day = steps;
    const auto problems = model::validate(params, model::everyone_at_day_zero(graph), graph);
    REQUIRE(problems.size() == 1);
    CHECK(problems.front().find("steps_per_day") != std::string::npos);
  }
}

TEST_CASE("UseDecision decides exactly as chance(link probability) on the same word", "[model][workplace]") {
  // Words at and around the threshold itself, where the table must defer to
  // the logistic, and random words everywhere else.
  const model::UseDecision logistic(model::LinkFunction::Logistic);
  const model::UseDecision linear(model::LinkFunction::Linear);
  engine::RandomStream stream(engine::StreamKey{99, 0, 0, 0});
  for (int trial = 0; trial < 20000; ++trial) {
    const double utility = stream.uniform(-20.0, 20.0);
    for (const model::LinkFunction link : {model::LinkFunction::Logistic, model::LinkFunction::Linear}) {
      const model::UseDecision& decide = link == model::LinkFunction::Logistic ? logistic : linear;
      const double scaled = model::link_probability(utility, link) * 0x1p32;
      const auto threshold = static_cast<std::uint32_t>(std::min(scaled, 4294967295.0));
      for (const std::uint32_t word : {threshold - 1, threshold, threshold + 1, stream(), stream(),
                                       std::uint32_t{0}, ~std::uint32_t{0}}) {
        const bool expected = static_cast<double>(word) < scaled;
        INFO("utility " << utility << ", word " << word);
        REQUIRE(decide(utility, word) == expected);
      }
    }
  }
  // Utilities at and around the logit of each slice edge, where the table's
  // bounds (widened by the margin) meet: the words either side of the edge
  // and of the exact threshold.
  for (std::uint32_t slice = 1; slice < 1024; ++slice) {
    const std::uint32_t edge = slice << 22;
    const double share = static_cast<double>(slice) / 1024.0;
    const double edge_logit = std::log(share / (1.0 - share));
    for (const double offset : {-2e-9, -1e-9, -1e-12, 0.0, 1e-12, 1e-9, 2e-9}) {
      const double utility = edge_logit + offset;
      const double scaled = model::link_probability(utility, model::LinkFunction::Logistic) * 0x1p32;
      const auto threshold = static_cast<std::uint32_t>(scaled);
      for (const std::uint32_t word : {edge - 1, edge, edge + 1, threshold - 1, threshold, threshold + 1}) {
        INFO("utility " << utility << ", word " << word);
        REQUIRE(logistic(utility, word) == (static_cast<double>(word) < scaled));
      }
    }
  }
}
