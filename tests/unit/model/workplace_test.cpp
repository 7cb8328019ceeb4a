#include <catch2/catch.hpp>

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

TEST_CASE("success grows with skill and quality; check-ins help", "[model][workplace]") {
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
