// The workplace model's rules (workplace_rules.hpp), worked by hand, and the
// kernel's restated forms of them (workplace_kernel.hpp, the opportunity
// table) against the rules on many random inputs.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "adoptsim/engine/random.hpp"
#include "adoptsim/model/workplace.hpp"
#include "model/workplace_kernel.hpp"
#include "model/workplace_tables.hpp"

using namespace adoptsim;
using model::FunnelState;

TEST_CASE("an opportunity's outcome and what it does, worked by hand", "[model][workplace]") {
  const model::OutcomeParams params;  // trust gain 0.05, loss 0.12, learning 0.02, visibility 0.5
  // Success chance 0.5: words below 2^31 succeed, below 2^30 are also seen.
  const auto seen = model::opportunity_outcome(true, 0.5, 0.5, 0x3fffffffu);
  CHECK((seen.used && seen.succeeded && seen.seen));
  const auto unseen = model::opportunity_outcome(true, 0.5, 0.5, 0x40000000u);
  CHECK((unseen.succeeded && !unseen.seen));
  const auto failed = model::opportunity_outcome(true, 0.5, 0.5, 0x80000000u);
  CHECK((failed.used && !failed.succeeded));
  CHECK_FALSE(model::opportunity_outcome(false, 1.0, 1.0, 0).succeeded);

  const model::Experience before{0.2, 0.5, 0.4};
  const double gain = model::habit_gain(false, params);
  const model::Experience after_success = model::after_opportunity(before, seen, gain, params);
  CHECK(after_success.habit == Approx(0.2 + 0.15 * 0.8));
  CHECK(after_success.trust == Approx(0.5 + 0.05 * 0.5));
  CHECK(after_success.skill == Approx(0.4 + 0.02 * 0.6));
  const model::Experience after_failure = model::after_opportunity(before, failed, gain, params);
  CHECK(after_failure.habit == 0.2);
  CHECK(after_failure.trust == Approx(0.5 - 0.12 * 0.5));
  CHECK(after_failure.skill == Approx(0.4 + 0.02 * 0.6));
  const model::Experience unused =
      model::after_opportunity(before, model::OpportunityOutcome{}, gain, params);
  CHECK((unused.habit == before.habit && unused.trust == before.trust && unused.skill == before.skill));
  CHECK(model::habit_gain(true, params) == 2.0 * params.habit_gain);
}

TEST_CASE("funnel transitions after uses and lapses", "[model][workplace]") {
  CHECK(model::next_state_after_uses(FunnelState::Aware, 0, 3) == FunnelState::Trying);
  CHECK(model::next_state_after_uses(FunnelState::Trying, 2, 3) == std::nullopt);
  CHECK(model::next_state_after_uses(FunnelState::Trying, 3, 3) == FunnelState::Active);
  CHECK(model::next_state_after_uses(FunnelState::Lapsed, 0, 3) == FunnelState::Active);
  CHECK(model::next_state_after_uses(FunnelState::Active, 9, 3) == std::nullopt);
  // Last use on day 10.0, 21 days to lapse: still using at the end of day 30, lapsed at the end of day 31.
  CHECK_FALSE(model::lapses(FunnelState::Active, 10.0, 31.0, 21.0));
  CHECK(model::lapses(FunnelState::Active, 10.0, 32.0, 21.0));
  CHECK(model::lapses(FunnelState::Trying, 10.0, 32.0, 21.0));
  CHECK_FALSE(model::lapses(FunnelState::Aware, 10.0, 32.0, 21.0));
  CHECK_FALSE(model::lapses(FunnelState::Active, 10.0, 1e6, std::numeric_limits<double>::infinity()));
  model::PersonTraits fits;
  model::PersonTraits unfit;
  unfit.fits = false;
  model::PersonTraits forgot;
  forgot.forgotten = true;
  CHECK(model::takes_opportunities(fits, FunnelState::Aware, 4, 4));
  CHECK_FALSE(model::takes_opportunities(fits, FunnelState::Aware, 5, 4));
  CHECK_FALSE(model::takes_opportunities(fits, FunnelState::Unaware, 0, 4));
  CHECK_FALSE(model::takes_opportunities(unfit, FunnelState::Active, 0, 4));   // the tool does not fit
  CHECK_FALSE(model::takes_opportunities(forgot, FunnelState::Lapsed, 0, 4));  // forgotten
  CHECK(model::forgets(FunnelState::Lapsed, false, 10.0, 53.0, 42.0));
  CHECK_FALSE(model::forgets(FunnelState::Lapsed, false, 10.0, 52.0, 42.0));
  CHECK_FALSE(model::forgets(FunnelState::Active, false, 10.0, 99.0, 42.0));
  CHECK(model::weekly_active(3.0, 10.0));
  CHECK_FALSE(model::weekly_active(2.75, 10.0));
}

TEST_CASE("interventions on a person, worked by hand", "[model][workplace]") {
  const model::WorkplaceParams params;
  engine::RandomStream stream(engine::StreamKey{5, 0, 0, 0});
  model::PersonTraits traits;
  traits.skill = 0.5f;
  traits.anxiety = 0.4f;
  model::Intervention champions{model::InterventionKind::AssignChampions, 0.5};
  auto effect = model::apply_intervention(champions, params, org::Role::IndividualContributor, true, 3.0,
                                          traits, stream);
  CHECK(effect.sets_flags == model::kChampionFlag);
  CHECK(effect.makes_aware);
  CHECK(traits.skill == static_cast<float>(0.5 + 0.4 * 0.5 * 0.5));
  CHECK(traits.innovativeness == static_cast<float>(2.0 * 0.5));

  model::Intervention managers{model::InterventionKind::ManagerEnablement, 1.0};
  const model::PersonTraits before = traits;
  effect = model::apply_intervention(managers, params, org::Role::IndividualContributor, true, 3.0, traits,
                                     stream);
  CHECK((effect.sets_flags == 0 && !effect.makes_aware && traits.skill == before.skill));
  effect = model::apply_intervention(managers, params, org::Role::Manager, false, 3.0, traits, stream);
  CHECK(effect.sets_flags == model::kEnabledManagerFlag);
  CHECK_FALSE(effect.makes_aware);  // no access
  CHECK(traits.anxiety == static_cast<float>(before.anxiety * 0.5));

  model::Intervention check_ins{model::InterventionKind::DailyCheckIns, 0.5, 14.0};
  model::apply_intervention(check_ins, params, org::Role::IndividualContributor, true, 3.0, traits, stream);
  CHECK(traits.check_in_until == 10.0f);

  // Access draws one uniform, then a wait only when it does not make aware.
  model::WorkplaceParams always = params;
  always.dynamics.aware_on_access = 1.0;
  model::Intervention access{model::InterventionKind::Access};
  effect =
      model::apply_intervention(access, always, org::Role::IndividualContributor, false, 0.0, traits, stream);
  CHECK((effect.grants_access && effect.makes_aware && std::isnan(effect.ambient_awareness_after_days)));
  always.dynamics.aware_on_access = 0.0;
  effect =
      model::apply_intervention(access, always, org::Role::IndividualContributor, false, 0.0, traits, stream);
  CHECK((effect.grants_access && !effect.makes_aware && effect.ambient_awareness_after_days > 0.0));
  effect =
      model::apply_intervention(access, always, org::Role::IndividualContributor, true, 0.0, traits, stream);
  CHECK_FALSE(effect.grants_access);
}

TEST_CASE("the organisation's day: quality, incidents and governance", "[model][workplace]") {
  model::DynamicsParams dynamics;
  model::OrganisationState state;
  state.quality = 0.6;
  const std::vector<model::TrustIncident> incidents{{10.0, 0.4}};
  model::begin_day(state, 0, incidents, dynamics);
  CHECK(state.quality == 0.6);  // improves from day 1
  CHECK(state.incident_penalty == 0.0);
  model::begin_day(state, 1, incidents, dynamics);
  // Improvement toward quality_max, then staleness toward quality_stale (no maintenance).
  const double improved = 0.6 + (0.92 - 0.6) * (1.0 - std::exp(-0.0005));
  CHECK(state.quality == Approx(improved - (improved - dynamics.quality_stale) *
                                               (1.0 - std::exp(-dynamics.quality_staleness_rate_per_day))));
  const model::Intervention governance{model::InterventionKind::GovernancePublication, 0.8};
  const double relief = model::apply_to_organisation(governance, 1.0, model::InterventionEffects{}, state);
  CHECK(relief == Approx(0.3 * 0.8));
  model::begin_day(state, 55, incidents, dynamics);
  CHECK(state.incident_penalty == Approx(0.4 * std::exp(-45.0 / 45.0) * (1.0 - 0.5 * 0.8)));
  const model::Intervention office_hours{model::InterventionKind::ChampionOfficeHours, 1.0, 30.0};
  model::apply_to_organisation(office_hours, 5.0, model::InterventionEffects{}, state);
  CHECK(model::office_hours_today(state, 5));
  CHECK_FALSE(model::office_hours_today(state, 6));
  CHECK(model::office_hours_today(state, 33));
  CHECK_FALSE(model::office_hours_today(state, 40));
}

TEST_CASE("programmes end on their until_day, and maintained knowledge does not go stale",
          "[model][workplace]") {
  model::DynamicsParams dynamics;
  dynamics.quality_base_rate_per_day = 0.0;
  model::OrganisationState state;
  state.quality = 0.8;
  model::Intervention exchange{model::InterventionKind::MonthlyExchange, 1.0, 1000.0};
  exchange.until_day = 65.0;
  model::apply_to_organisation(exchange, 5.0, model::InterventionEffects{}, state);
  CHECK(model::meets_today(state.exchange, 5, model::kMonthlyPeriodDays));
  CHECK_FALSE(model::meets_today(state.exchange, 6, model::kMonthlyPeriodDays));
  CHECK(model::meets_today(state.exchange, 35, model::kMonthlyPeriodDays));
  CHECK_FALSE(model::meets_today(state.exchange, 65, model::kMonthlyPeriodDays));   // ended on day 65
  CHECK_FALSE(model::meets_today(state.kpi_report, 0, model::kMonthlyPeriodDays));  // never started

  const model::Intervention maintenance{model::InterventionKind::KnowledgeMaintenance, 1.0, 30.0};
  model::apply_to_organisation(maintenance, 0.0, model::InterventionEffects{}, state);
  for (std::int32_t day = 1; day < 30; ++day) model::begin_day(state, day, {}, dynamics);
  CHECK(state.quality == 0.8);  // full maintenance: no staleness while it runs
  model::begin_day(state, 30, {}, dynamics);
  CHECK(state.quality == Approx(0.8 - (0.8 - dynamics.quality_stale) *
                                          (1.0 - std::exp(-dynamics.quality_staleness_rate_per_day))));
}

TEST_CASE("relevance fades to its baseline, communications tire and process integration anchors",
          "[model][workplace]") {
  model::DynamicsParams sixty_days;
  sixty_days.relevance_fade_days = 60.0;
  const double keep = model::relevance_keep_per_day(sixty_days);
  CHECK(keep == Approx(std::exp(-1.0 / 60.0)));
  float relevance = 0.9f;
  for (int day = 0; day < 60; ++day) relevance = model::faded_relevance(relevance, 0.3f, keep);
  CHECK(relevance == Approx(0.3 + 0.6 * std::exp(-1.0)).epsilon(1e-5));
  CHECK(model::faded_relevance(0.9f, 0.3f, 1.0) == 0.9f);  // relevance_fade_days = inf

  model::WorkplaceParams params;
  params.effects.announcement_reach = 1.0;
  params.dynamics.communication_fatigue = 0.5;
  model::PersonTraits traits;
  traits.anxiety = 0.5f;
  const model::Intervention announcement{model::InterventionKind::Announcement, 1.0};
  engine::RandomStream stream(engine::StreamKey{8, 0, 0, 0});
  model::apply_intervention(announcement, params, org::Role::IndividualContributor, true, 0.0, traits,
                            stream);
  CHECK(traits.communications == 1);
  CHECK(traits.anxiety == Approx(0.5 * (1.0 - 0.15)));
  model::apply_intervention(announcement, params, org::Role::IndividualContributor, true, 0.0, traits,
                            stream);
  CHECK(traits.communications == 2);
  CHECK(traits.anxiety == Approx(0.5 * (1.0 - 0.15) * (1.0 - 0.15 * 0.5)));  // half the relief
  // The reach tires too: at fatigue 0 a second announcement reaches nobody.
  params.dynamics.communication_fatigue = 0.0;
  for (int trial = 0; trial < 100; ++trial) {
    CHECK_FALSE(model::apply_intervention(announcement, params, org::Role::IndividualContributor, true, 0.0,
                                          traits, stream)
                    .makes_aware);
  }

  model::OrganisationState state;
  model::apply_to_organisation({model::InterventionKind::KpiCommunication, 1.0, 100.0}, 0.0, params.effects,
                               state);
  model::PersonTraits reader;
  reader.relevance = reader.relevance_baseline = 0.4f;
  model::kpi_report_read(reader, state, params.effects, model::DynamicsParams{});
  CHECK(reader.relevance == Approx(0.4 + 0.1 * 0.6));
  CHECK(reader.communications == 1);

  model::PersonTraits anchored;
  anchored.relevance = 0.6f;
  anchored.relevance_baseline = 0.4f;
  const auto effect = model::apply_intervention({model::InterventionKind::ProcessIntegration, 1.0}, params,
                                                org::Role::Manager, true, 0.0, anchored, stream);
  CHECK(effect.makes_aware);
  CHECK(anchored.relevance == Approx(0.6 + 0.3 * 0.4));
  CHECK(anchored.relevance_baseline == Approx(0.4 + 0.3 * 0.6));
}

TEST_CASE("the fit word comes after the adopter category", "[model][workplace]") {
  model::DepartmentProfile profile;
  const model::InnovativenessParams innovativeness;
  std::size_t fits = 0;
  constexpr int kPeople = 20000;
  for (int person = 0; person < kPeople; ++person) {
    engine::RandomStream stream(engine::StreamKey{3, 0, static_cast<std::uint32_t>(person), 0});
    const model::PersonTraits traits = model::draw_traits(profile, innovativeness, stream);
    CHECK(traits.relevance_baseline == traits.relevance);
    fits += traits.fits;
  }
  // 85% fit: within five standard errors.
  CHECK(static_cast<double>(fits) / kPeople == Approx(0.85).margin(5.0 * std::sqrt(0.85 * 0.15 / kPeople)));
  profile.fit_share = 1.0;
  engine::RandomStream stream(engine::StreamKey{3, 0, 0, 0});
  CHECK(model::draw_traits(profile, innovativeness, stream).fits);
}

TEST_CASE("the kernel's masked decision and outcome are the rules", "[model][workplace]") {
  const model::OutcomeParams params;
  engine::RandomStream stream(engine::StreamKey{41, 0, 0, 0});
  for (const model::LinkFunction link : {model::LinkFunction::Logistic, model::LinkFunction::Linear}) {
    const model::UseDecision decide(link);
    for (int trial = 0; trial < 200000; ++trial) {
      const double utility =
          link == model::LinkFunction::Logistic ? stream.uniform(-12.0, 12.0) : stream.uniform(-0.2, 1.2);
      const std::uint32_t decision_word = stream();
      const std::uint32_t outcome_word = stream();
      const double success = stream.uniform();
      const double gain = stream.uniform(0.0, 0.3);
      const model::Experience before{stream.uniform(), stream.uniform(), stream.uniform()};

      const bool used = model::decides_to_use(utility, link, decision_word);
      const model::OpportunityOutcome outcome =
          model::opportunity_outcome(used, success, params.win_visibility, outcome_word);
      const model::Experience after = model::after_opportunity(before, outcome, gain, params);

      const model::kernel::Mask use = model::kernel::use_mask(decide, utility, decision_word);
      double habit = before.habit, trust = before.trust, skill = before.skill;
      const model::kernel::OutcomeMasks masks =
          model::kernel::take_outcome(use, outcome_word, success, gain, params, habit, trust, skill);
      INFO("utility " << utility << ", words " << decision_word << ", " << outcome_word);
      REQUIRE(model::kernel::is_set(use) == used);
      REQUIRE(model::kernel::is_set(masks.success) == outcome.succeeded);
      REQUIRE(model::kernel::is_set(masks.seen) == outcome.seen);
      REQUIRE(habit == after.habit);
      REQUIRE(trust == after.trust);
      REQUIRE(skill == after.skill);
    }
  }
}

TEST_CASE("the kernel's opportunity table is the Poisson inversion rule", "[model][workplace]") {
  engine::RandomStream stream(engine::StreamKey{43, 0, 0, 0});
  for (const double mean : {0.0, 0.01, 0.5, 2.0 / 4.0, 2.0, 7.5, 40.0}) {
    const model::OpportunityTable table(mean);
    for (int trial = 0; trial < 50000; ++trial) {
      const std::uint32_t word = trial < 3 ? std::uint32_t{0} - static_cast<std::uint32_t>(trial) : stream();
      INFO("mean " << mean << ", word " << word);
      REQUIRE(table.count(word) == model::poisson_count(mean, word));
    }
    // Every threshold and the words either side of it.
    for (const double threshold : table.cumulative) {
      if (threshold >= 0x1p32) continue;
      const auto at = static_cast<std::uint32_t>(threshold);
      for (const std::uint32_t word : {at - 1, at, at + 1})
        REQUIRE(table.count(word) == model::poisson_count(mean, word));
    }
  }
}

TEST_CASE("decay leaves exp of the elapsed days and flushes tiny values to zero", "[model][workplace]") {
  CHECK(model::decay_factor(0, 0.25, 7.0) == 1.0);
  CHECK(model::decay_factor(28, 0.25, 7.0) == Approx(std::exp(-1.0)));
  CHECK(model::decay_factor(10000, 1.0, 7.0) == 0.0);
  CHECK(model::decay_factor(14, 1.0, model::habit_e_folding_days(model::OutcomeParams{})) == Approx(0.5));
}

TEST_CASE("leavers and joiners: tenure from the attrition share, arrival with or without onboarding",
          "[model][workplace]") {
  // A share a of a post's holders leaves within a year.
  for (const double share : {0.05, 0.12, 0.5}) {
    CHECK(1.0 - std::exp(-365.0 * model::leaving_hazard_per_day(share)) == Approx(share).epsilon(1e-12));
  }
  CHECK(model::leaving_hazard_per_day(0.0) == 0.0);

  const engine::StreamKey key{7, 1, 3, static_cast<std::uint32_t>(model::WorkplaceStream::Turnover)};
  {
    engine::RandomStream stream(key);
    CHECK(model::leaving_day(10, 0.0, stream) == model::kNeverLeaves);
    CHECK(stream.words_drawn() == 0);  // nobody leaves: no word
  }
  {
    // The tenure is the exponential of the block's first uniform, rounded up, at least a day.
    engine::RandomStream stream(key), same(key);
    const double hazard = model::leaving_hazard_per_day(0.12);
    const std::int32_t day = model::leaving_day(10, hazard, stream);
    CHECK(day ==
          10 + static_cast<std::int32_t>(std::max(1.0, std::ceil(-std::log(same.uniform()) / hazard))));
    CHECK(stream.words_drawn() == 2);
    CHECK(day > 10);
    engine::RandomStream sure(key);
    CHECK(model::leaving_day(29990, 1.0, sure) <= 30000);  // a day at most 30000, or never
  }

  // Arrival with onboarding in force: aware, gains by intensity, no word drawn.
  model::WorkplaceParams params;
  model::OrganisationState state;
  model::Intervention onboarding{model::InterventionKind::Onboarding, 0.5, 1.0e9};
  onboarding.until_day = 200.0;
  model::apply_to_organisation(onboarding, 20.0, params.effects, state);
  model::PersonTraits traits;
  traits.skill = 0.2f;
  traits.relevance = traits.relevance_baseline = 0.4f;
  {
    engine::RandomStream stream(key);
    const model::Arrival arrival = model::arrive_with_access(traits, state, 50.0, params, stream);
    CHECK(arrival.makes_aware);
    CHECK(arrival.onboarded);
    CHECK(std::isnan(arrival.ambient_awareness_after_days));
    CHECK(stream.words_drawn() == 0);
    CHECK(traits.skill == model::raised(0.2f, params.effects.onboarding_skill_gain * 0.5));
    CHECK(traits.relevance == model::raised(0.4f, params.effects.onboarding_relevance_gain * 0.5));
    CHECK(traits.relevance_baseline == traits.relevance);  // learned: it does not fade
  }
  // After the programme's until_day, and before it ever started, arrival is as access alone brings it.
  for (const bool started : {true, false}) {
    model::OrganisationState without = started ? state : model::OrganisationState{};
    model::PersonTraits joiner;
    params.dynamics.aware_on_access = 0.0;  // the uniform fails: an exponential wait follows
    engine::RandomStream stream(key), same(key);
    const model::Arrival arrival = model::arrive_with_access(joiner, without, 200.0, params, stream);
    CHECK_FALSE(arrival.onboarded);
    CHECK_FALSE(arrival.makes_aware);
    same.uniform();
    CHECK(arrival.ambient_awareness_after_days ==
          same.exponential(params.dynamics.ambient_awareness_per_day));
    CHECK(joiner.skill == 0.0f);
  }
  params.dynamics.aware_on_access = 1.0;
  model::PersonTraits lucky;
  engine::RandomStream stream(key);
  CHECK(model::arrive_with_access(lucky, model::OrganisationState{}, 0.0, params, stream).makes_aware);
  CHECK(stream.words_drawn() == 2);
}
