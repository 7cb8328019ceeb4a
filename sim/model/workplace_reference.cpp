// The plain reference replicate of the workplace model (docs/model.md): the
// rules of workplace_rules.hpp and nothing else, person by person and step
// by step. No tables, batches or masks: each decision is decides_to_use on
// its word, each step's opportunities a Poisson inversion of its word, each
// decay an exp. Who sees a win is drawn by the witness table, the one
// sampler of that distribution (its tries are tested in witness_table_test).
#include <cmath>
#include <limits>
#include <vector>

#include "adoptsim/engine/calendar.hpp"
#include "adoptsim/engine/event_queue.hpp"
#include "adoptsim/engine/random.hpp"
#include "adoptsim/model/workplace.hpp"
#include "post_turnover.hpp"
#include "use_case_queue.hpp"
#include "witness_table.hpp"

namespace adoptsim::model {

namespace {

using engine::RandomStream;
using engine::SimTime;
using engine::StreamKey;
using org::PersonId;

struct Someone {
  PersonTraits traits;
  float habit = 0.0f;
  std::int64_t last_use_step = kNeverUsedStep;
  std::int64_t aware_step = 0;
  // Weighted sums of the neighbours using the tool and of all neighbours
  // (single precision, updated as each change lands, in event order).
  float using_weight = 0.0f, total_weight = 0.0f;
  std::uint32_t successful_uses = 0;
  std::uint8_t flags = 0;
};

class ReferenceReplicate {
 public:
  ReferenceReplicate(const org::OrgGraph& graph, const WorkplaceParams& params, const RolloutPlan& plan,
                     const ReplicateInput& input, ReplicateObserver& observer)
      : graph_(graph), params_(params), plan_(plan), input_(input), observer_(observer), witnesses_(graph) {
    if (params.every_day_working) {
      calendar_ = engine::Calendar(engine::Weekday::Monday, {true, true, true, true, true, true, true});
    }
    horizon_days_ = static_cast<std::int32_t>(std::min(input.horizon_days, 30000.0));
    step_days_ = 1.0 / static_cast<double>(params.dynamics.steps_per_day);
    organisation_.quality = params.dynamics.quality_start;
  }

  WorkplaceOutcome run() {
    const std::size_t people = graph_.person_count();
    state_.assign(people, FunnelState::NoAccess);
    people_.assign(people, Someone{});
    for (PersonId person = 0; person < people; ++person) {
      RandomStream stream(key(person, static_cast<std::uint32_t>(WorkplaceStream::Attributes)));
      people_[person].traits = draw_traits(profile(person), params_.innovativeness, stream);
    }
    turnover_.start(graph_, params_, input_, horizon_days_);
    // The social signal's denominator: the neighbours whose work the tool fits.
    for (PersonId person = 0; person < people; ++person) {
      const auto neighbours = graph_.neighbours(person);
      for (std::size_t index = 0; index < neighbours.size(); ++index) {
        if (people_[neighbours[index]].traits.fits) people_[person].total_weight += weight(person, index);
      }
    }
    observer_.on_start(state_);
    outcome_.phase_start_day.assign(plan_.phases.size(), std::numeric_limits<double>::quiet_NaN());
    activity_.clear_for(0);
    start_day(0);
    const std::int64_t steps_per_day = params_.dynamics.steps_per_day;
    for (day_ = 0; day_ < horizon_days_;) {
      for (std::int64_t step = day_ * steps_per_day; step < (day_ + 1) * steps_per_day; ++step) {
        // Awareness events in the step: aware from the next step.
        const SimTime step_end = SimTime::from_days(static_cast<double>(step + 1) * step_days_);
        while (!queue_.empty() && queue_.next_time() < step_end) {
          ++outcome_.events_processed;
          const engine::EventPayload event = queue_.pop().payload;
          if (event.kind == turnover_.holder(event.subject)) make_aware(event.subject, step + 1);
        }
        if (calendar_.is_working_day(day_)) take_step(step);
      }
      end_day();
    }
    return outcome_;
  }

 private:
  const DepartmentProfile& profile(PersonId person) const {
    const std::size_t department = graph_.department(person);
    return department < params_.departments.size() ? params_.departments[department]
                                                   : params_.default_profile;
  }

  StreamKey key(PersonId person, std::uint32_t purpose) const {
    return StreamKey{input_.seed, input_.replicate, person, purpose};
  }

  // The weight `person` gives their index-th neighbour.
  float weight(PersonId person, std::size_t index) const {
    const PersonId neighbour = graph_.neighbours(person)[index];
    return static_cast<float>(
        graph_.tie_weights(person)[index] *
        tie_multiplier(graph_.manager(person) == neighbour, people_[neighbour].flags, params_.dynamics));
  }
  // The weight each neighbour of `person` gives them, in neighbour order.
  std::vector<float> weights_given_to(PersonId person) const {
    const auto neighbours = graph_.neighbours(person);
    const auto ties = graph_.tie_weights(person);
    std::vector<float> given(neighbours.size());
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      given[index] =
          static_cast<float>(ties[index] * tie_multiplier(graph_.manager(neighbours[index]) == person,
                                                          people_[person].flags, params_.dynamics));
    }
    return given;
  }

  // A change of use reaches the neighbours' using weight.
  void tell_neighbours(PersonId person, float sign) {
    const auto neighbours = graph_.neighbours(person);
    const std::vector<float> given = weights_given_to(person);
    for (std::size_t index = 0; index < neighbours.size(); ++index)
      people_[neighbours[index]].using_weight += sign * given[index];
  }

  // The person's weight for each neighbour, × sign, into the neighbours' totals.
  void count_in_totals(PersonId person, float sign) {
    const auto neighbours = graph_.neighbours(person);
    const std::vector<float> given = weights_given_to(person);
    for (std::size_t index = 0; index < neighbours.size(); ++index)
      people_[neighbours[index]].total_weight += sign * given[index];
  }

  // At the start of `day` the holder of `post` leaves; a joiner takes it.
  void replace_holder(PersonId post, std::int32_t day) {
    activity_.leavers.push_back(post);
    const bool had_access = state_[post] != FunnelState::NoAccess;
    change_state(post, FunnelState::NoAccess);
    if (people_[post].traits.fits) count_in_totals(post, -1.0f);
    const std::uint32_t holder = turnover_.next_holder(post);
    Someone joiner;
    joiner.using_weight = people_[post].using_weight;
    joiner.total_weight = people_[post].total_weight;
    RandomStream attributes(key(post, static_cast<std::uint32_t>(WorkplaceStream::Attributes)),
                            holder << kHolderBlockShift);
    joiner.traits = draw_traits(profile(post), params_.innovativeness, attributes);
    people_[post] = joiner;
    if (joiner.traits.fits) count_in_totals(post, 1.0f);
    RandomStream stream(key(post, static_cast<std::uint32_t>(WorkplaceStream::Turnover)),
                        holder << kTenureBlockShift);
    turnover_.schedule(post, leaving_day(day, turnover_.hazard_of(post), stream));
    if (!had_access) return;
    change_state(post, FunnelState::Unaware);
    const auto now = static_cast<double>(day);
    const Arrival arrival = arrive_with_access(people_[post].traits, organisation_, now, params_, stream);
    if (arrival.onboarded) ++activity_.joiners_onboarded;
    if (arrival.makes_aware)
      make_aware(post, day * static_cast<std::int64_t>(params_.dynamics.steps_per_day));
    if (now + arrival.ambient_awareness_after_days < static_cast<double>(horizon_days_))
      queue_.schedule(SimTime::from_days(now + arrival.ambient_awareness_after_days), {holder, post});
  }

  void set_flags(PersonId person, std::uint8_t flags) {
    if (people_[person].flags & flags) return;
    if (!people_[person].traits.fits) {  // in nobody's social signal
      people_[person].flags |= flags;
      return;
    }
    const auto neighbours = graph_.neighbours(person);
    const auto ties = graph_.tie_weights(person);
    std::vector<double> before(neighbours.size());
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      before[index] = ties[index] * tie_multiplier(graph_.manager(neighbours[index]) == person,
                                                   people_[person].flags, params_.dynamics);
    }
    people_[person].flags |= flags;
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      const double after = ties[index] * tie_multiplier(graph_.manager(neighbours[index]) == person,
                                                        people_[person].flags, params_.dynamics);
      const auto delta = static_cast<float>(after - before[index]);
      people_[neighbours[index]].total_weight += delta;
      if (is_using(state_[person])) people_[neighbours[index]].using_weight += delta;
    }
  }

  // Within a step, a change of use reaches colleagues when the step ends.
  void change_state(PersonId person, FunnelState to) {
    const FunnelState from = state_[person];
    if (from == to) return;
    activity_.state_changes.push_back({person, from, to});
    state_[person] = to;
    if (is_using(from) == is_using(to)) return;
    const float sign = is_using(to) ? 1.0f : -1.0f;
    if (in_step_) {
      told_at_step_end_.push_back({person, sign});
    } else {
      tell_neighbours(person, sign);
    }
  }

  void make_aware(PersonId person, std::int64_t first_step) {
    people_[person].traits.forgotten = false;  // reminded
    if (state_[person] != FunnelState::Unaware) return;
    change_state(person, FunnelState::Aware);
    people_[person].aware_step = first_step;
  }

  // One working step: everyone who takes opportunities takes them.
  void take_step(std::int64_t step) {
    const double now = step_start_day(step, step_days_);
    const double habit_e_folding = habit_e_folding_days(params_.outcome);
    in_step_ = true;
    std::vector<std::pair<PersonId, bool>> wins;  // (witness, same department), seen when the step ends
    for (PersonId person = 0; person < state_.size(); ++person) {
      Someone& someone = people_[person];
      if (!takes_opportunities(someone.traits, state_[person], someone.aware_step, step)) continue;
      ++outcome_.events_processed;
      RandomStream stream(key(person, static_cast<std::uint32_t>(WorkplaceStream::Activity) |
                                          static_cast<std::uint32_t>(step) << 8));
      const std::uint32_t opportunities =
          poisson_count(opportunities_per_step(profile(person), params_.dynamics.steps_per_day), stream());
      if (opportunities == 0) continue;
      outcome_.opportunities += opportunities;
      AgentView agent = agent_view(
          someone.traits, someone.habit, someone.last_use_step, someone.aware_step, step, now,
          [&](std::int64_t steps) { return decay_factor(steps, step_days_, habit_e_folding); },
          [&](std::int64_t steps) { return decay_factor(steps, step_days_, params_.dynamics.novelty_days); });
      const Signals signals{social_share(someone.using_weight, someone.total_weight),
                            organisation_.incident_penalty};
      const double standing = standing_utility(agent, signals, params_.decision);
      const double gain = habit_gain(agent.in_check_in, params_.outcome);
      Experience experience{agent.habit, agent.trust, agent.skill};
      std::uint32_t uses = 0, successes = 0, seen = 0;
      for (std::uint32_t opportunity = 0; opportunity < opportunities; ++opportunity) {
        const std::uint32_t decision_word = stream();
        const std::uint32_t outcome_word = stream();
        agent.habit = experience.habit;
        agent.trust = experience.trust;
        agent.skill = experience.skill;
        const bool used = decides_to_use(standing + experience_utility(agent, params_.decision),
                                         params_.decision.link, decision_word);
        const OpportunityOutcome result = opportunity_outcome(
            used,
            success_probability(experience.skill, organisation_.quality, agent.in_check_in, params_.outcome),
            params_.outcome.win_visibility, outcome_word);
        experience = after_opportunity(experience, result, gain, params_.outcome);
        uses += result.used;
        successes += result.succeeded;
        seen += result.seen;
      }
      if (uses == 0) continue;
      outcome_.uses += uses;
      successes_today_ += successes;
      activity_.uses.push_back({person, uses});
      someone.habit = static_cast<float>(experience.habit);
      someone.traits.trust = static_cast<float>(experience.trust);
      someone.traits.skill = static_cast<float>(experience.skill);
      someone.last_use_step = step;
      someone.successful_uses += successes;
      while (const auto next = next_state_after_uses(state_[person], someone.successful_uses,
                                                     params_.dynamics.uses_to_active))
        change_state(person, *next);
      for (std::uint32_t win = 0; win < seen; ++win) {
        const std::uint32_t choice = witnesses_.pick(person, stream());
        if (choice == WitnessTable::kNobody) continue;
        const PersonId witness = graph_.neighbours(person)[choice];
        wins.push_back({witness, graph_.department(witness) == graph_.department(person)});
      }
    }
    in_step_ = false;
    for (const auto& [person, sign] : told_at_step_end_) tell_neighbours(person, sign);
    told_at_step_end_.clear();
    for (const auto& [witness, same_department] : wins) {
      people_[witness].traits.relevance =
          relevance_after_seen_win(people_[witness].traits.relevance, same_department, params_.outcome);
      make_aware(witness, step + 1);
    }
  }

  void end_day() {
    const auto day_end = static_cast<double>(day_ + 1);
    for (PersonId person = 0; person < state_.size(); ++person) {
      const double last_use = step_start_day(people_[person].last_use_step, step_days_);
      if (lapses(state_[person], last_use, day_end, params_.dynamics.lapse_after_days))
        change_state(person, FunnelState::Lapsed);
      PersonTraits& traits = people_[person].traits;
      if (forgets(state_[person], traits.forgotten, last_use, day_end, params_.dynamics.forget_after_days))
        traits.forgotten = true;
    }
    activity_.hours_saved = static_cast<double>(successes_today_) * params_.outcome.hours_saved_per_success;
    successes_today_ = 0;
    activity_.spend_usd[static_cast<std::size_t>(BudgetLever::Licences)] +=
        static_cast<double>(seats_) * plan_.licence_cost_per_seat_day_usd;
    observer_.on_day(activity_);
    ++day_;
    activity_.clear_for(day_);
    if (day_ < horizon_days_) start_day(day_);
  }

  void start_day(std::int32_t day) {
    begin_day(organisation_, day, plan_.incidents, params_.dynamics);
    while (const std::optional<PersonId> post = turnover_.next_leaving(day)) replace_holder(*post, day);
    const std::int64_t first_step = day * static_cast<std::int64_t>(params_.dynamics.steps_per_day);
    const double keep = relevance_keep_per_day(params_.dynamics);
    for (Someone& someone : people_) {
      someone.traits.relevance =
          faded_relevance(someone.traits.relevance, someone.traits.relevance_baseline, keep);
    }
    if (office_hours_today(organisation_, day)) {
      for (PersonId champion = 0; champion < state_.size(); ++champion) {
        if (!(people_[champion].flags & kChampionFlag)) continue;
        for (const PersonId neighbour : graph_.neighbours(champion)) {
          office_hours_visit(people_[neighbour].traits, organisation_, params_.effects);
          make_aware(neighbour, first_step);
        }
      }
    }
    if (meets_today(organisation_.exchange, day, kMonthlyPeriodDays)) {
      for (Someone& someone : people_) {
        if (someone.flags & kChampionFlag) exchange_visit(someone.traits, organisation_, params_.effects);
      }
    }
    if (meets_today(organisation_.kpi_report, day, kMonthlyPeriodDays)) {
      for (PersonId person = 0; person < state_.size(); ++person) {
        if (state_[person] == FunnelState::NoAccess) continue;
        kpi_report_read(people_[person].traits, organisation_, params_.effects, params_.dynamics);
      }
    }
    for (; next_phase_ < plan_.phases.size(); ++next_phase_) {
      const Phase& phase = plan_.phases[next_phase_];
      if (!phase_due(phase, day, [&] { return weekly_active_share_of_access(day); })) break;
      outcome_.phase_start_day[next_phase_] = static_cast<double>(day);
      start_phase(phase, day, first_step);
    }
    std::vector<UseCaseDelivery> delivered;
    activity_.use_case_requests = centre_of_excellence_day(use_cases_, organisation_, day, graph_, state_,
                                                           params_.dynamics, input_, delivered);
    deliver_use_cases(delivered, graph_, state_, activity_, [&](PersonId person) {
      use_case_delivered(people_[person].traits, organisation_, params_.effects);
      make_aware(person, first_step);
    });
    activity_.use_case_queue = static_cast<std::uint32_t>(use_cases_.waiting());
  }

  double weekly_active_share_of_access(std::int32_t day) const {
    std::size_t with_access = 0, active = 0;
    for (PersonId person = 0; person < state_.size(); ++person) {
      if (state_[person] == FunnelState::NoAccess) continue;
      ++with_access;
      active += weekly_active(step_start_day(people_[person].last_use_step, step_days_), day);
    }
    return with_access == 0 ? 0.0 : static_cast<double>(active) / static_cast<double>(with_access);
  }

  void start_phase(const Phase& phase, std::int32_t day, std::int64_t first_step) {
    const auto now = static_cast<double>(day);
    for (std::size_t index = 0; index < phase.interventions.size(); ++index) {
      const Intervention& intervention = phase.interventions[index];
      activity_.spend_usd[static_cast<std::size_t>(intervention.lever)] += intervention.cost_usd;
      const double relief = apply_to_organisation(intervention, now, params_.effects, organisation_);
      if (relief != 0.0) {
        for (Someone& someone : people_) someone.traits.anxiety = relieved(someone.traits.anxiety, relief);
      }
      const auto block = static_cast<std::uint32_t>(next_phase_ * kMaxInterventionsPerPhase + index);
      for (const PersonId person : phase.cohort) {
        RandomStream stream(key(person, static_cast<std::uint32_t>(WorkplaceStream::Interventions)), block);
        const InterventionOnPerson effect =
            apply_intervention(intervention, params_, graph_.role(person),
                               state_[person] != FunnelState::NoAccess, now, people_[person].traits, stream);
        if (effect.grants_access) {
          ++seats_;
          change_state(person, FunnelState::Unaware);
        }
        if (effect.makes_aware) make_aware(person, first_step);
        if (now + effect.ambient_awareness_after_days < static_cast<double>(horizon_days_))
          queue_.schedule(SimTime::from_days(now + effect.ambient_awareness_after_days),
                          {turnover_.holder(person), person});
        if (effect.sets_flags != 0) set_flags(person, effect.sets_flags);
      }
    }
  }

  const org::OrgGraph& graph_;
  const WorkplaceParams& params_;
  const RolloutPlan& plan_;
  const ReplicateInput& input_;
  ReplicateObserver& observer_;
  WitnessTable witnesses_;
  engine::Calendar calendar_;
  engine::EventQueue queue_;  // ambient awareness
  std::int32_t horizon_days_ = 0;
  double step_days_ = 1.0;
  std::int32_t day_ = 0;
  std::vector<FunnelState> state_;
  std::vector<Someone> people_;
  PostTurnover turnover_;
  OrganisationState organisation_;
  UseCaseQueue use_cases_;
  bool in_step_ = false;
  std::vector<std::pair<PersonId, float>> told_at_step_end_;
  std::size_t next_phase_ = 0;
  std::uint64_t seats_ = 0;
  std::uint64_t successes_today_ = 0;
  DayActivity activity_;
  WorkplaceOutcome outcome_;
};

}  // namespace

WorkplaceOutcome run_workplace_reference(const org::OrgGraph& graph, const WorkplaceParams& params,
                                         const RolloutPlan& plan, const ReplicateInput& input,
                                         ReplicateObserver& observer) {
  return ReferenceReplicate(graph, params, plan, input, observer).run();
}

}  // namespace adoptsim::model
