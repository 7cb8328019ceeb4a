#include "adoptsim/model/workplace.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <memory>
#include <numbers>
#include <span>

#include "adoptsim/engine/bucket_queue.hpp"
#include "adoptsim/engine/random.hpp"
#include "adoptsim/engine/stream_prefix.hpp"
#include "post_turnover.hpp"
#include "use_case_queue.hpp"
#include "workplace_kernel.hpp"
#include "workplace_tables.hpp"

namespace adoptsim::model {

namespace {

using engine::RandomStream;
using engine::SimTime;
using engine::StreamKey;
using kernel::Mask;
using org::PersonId;

// A person's Activity stream for step s has purpose Activity | s << 8: every
// (person, step) owns a whole Philox stream, so a step may draw any number of
// words without reaching another step's. Steps stay below 2^24
// (30,000 days × kMaxStepsPerDay).
constexpr std::uint32_t kStepShift = 8;

// The only event the model queues is ambient awareness; its EventPayload::kind
// is the post's holder (PostTurnover::holder) it was drawn for, so the event
// of a holder who has left is dropped.

// One replicate of the workplace model: the people's records, the queue of
// awareness events, and the day's steps (docs/model.md, "Steps").
class WorkplaceReplicate {
 public:
  WorkplaceReplicate(const org::OrgGraph& graph, const WorkplaceParams& params,
                     const WorkplaceModel::Tables& tables, const RolloutPlan& plan,
                     const ReplicateInput& input, ReplicateObserver& observer)
      : graph_(graph), params_(params), tables_(tables), plan_(plan), input_(input), observer_(observer) {
    if (params.every_day_working) {
      calendar_ = engine::Calendar(engine::Weekday::Monday, {true, true, true, true, true, true, true});
    }
    horizon_days_ = static_cast<std::int32_t>(std::min(input.horizon_days, 30000.0));
    steps_per_day_ = params.dynamics.steps_per_day;
    step_days_ = 1.0 / static_cast<double>(steps_per_day_);
    habit_decay_ = decay_table(habit_e_folding_days(params.outcome));
    novelty_decay_ = decay_table(params.dynamics.novelty_days);
    relevance_keep_ = relevance_keep_per_day(params.dynamics);
  }

  WorkplaceOutcome run() {
    initialise_people();
    observer_.on_start(state_);
    outcome_.phase_start_day.assign(plan_.phases.size(), std::numeric_limits<double>::quiet_NaN());
    activity_.clear_for(0);
    begin_day(0);
    // Day by day, step by step: a day's phases (begin_day) act at its first
    // step; a step first takes the awareness events that fall in it, then
    // sweeps the people (sweep_step).
    while (current_day_ < horizon_days_) {
      const bool working = calendar_.is_working_day(current_day_);
      for (std::int64_t step = first_step_of(current_day_); step < first_step_of(current_day_ + 1); ++step) {
        const SimTime step_end = SimTime::from_days(static_cast<double>(step + 1) * step_days_);
        engine::Event event;
        while (queue_.pop_before(step_end, event)) {
          ++outcome_.events_processed;
          // Aware from the first step that starts after the event.
          if (event.payload.kind == turnover_.holder(event.payload.subject))
            make_aware(event.payload.subject, step + 1);
        }
        if (working) sweep_step(step);
      }
      advance_day();
    }
    return outcome_;
  }

 private:
  const DepartmentProfile& profile(PersonId person) const {
    const std::size_t department = graph_.department(person);
    return department < params_.departments.size() ? params_.departments[department]
                                                   : params_.default_profile;
  }

  void initialise_people() {
    const std::size_t people = graph_.person_count();
    state_.assign(people, FunnelState::NoAccess);
    people_.assign(people, Person{});
    for (PersonId person = 0; person < people; ++person) {
      RandomStream stream(key(person, WorkplaceStream::Attributes));
      people_[person].traits = draw_traits(profile(person), params_.innovativeness, stream);
    }
    turnover_.start(graph_, params_, input_, horizon_days_);
    // The social signal weighs the neighbours whose work the tool fits.
    for (PersonId person = 0; person < people; ++person) {
      const auto neighbours = graph_.neighbours(person);
      const auto weights = graph_.tie_weights(person);
      float denominator = 0.0f;
      for (std::size_t index = 0; index < neighbours.size(); ++index) {
        if (!people_[neighbours[index]].traits.fits) continue;
        denominator += static_cast<float>(weights[index] * multiplier(person, neighbours[index]));
      }
      people_[person].social_denominator = denominator;
    }
  }

  StreamKey key(PersonId person, WorkplaceStream purpose) const {
    return StreamKey{input_.seed, input_.replicate, person, static_cast<std::uint32_t>(purpose)};
  }

  // How much `neighbour` weighs for `person`, beyond their tie weight.
  double multiplier(PersonId person, PersonId neighbour) const {
    return tie_multiplier(graph_.manager(person) == neighbour, people_[neighbour].flags, params_.dynamics);
  }

  // Adds `sign` × person's weight (with their flags now) to each
  // neighbour's social signal: to its numerator (a change of use), or to its
  // denominator (the person entering or leaving the neighbours' signal).
  void add_to_neighbours(PersonId person, float sign, bool to_denominator) {
    const auto neighbours = graph_.neighbours(person);
    const auto weights = graph_.tie_weights(person);
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      Person& neighbour = people_[neighbours[index]];
      float& sum = to_denominator ? neighbour.social_denominator : neighbour.social_numerator;
      sum += sign * static_cast<float>(weights[index] * multiplier(neighbours[index], person));
    }
  }
  void broadcast_use(PersonId person, float sign) { add_to_neighbours(person, sign, false); }
  void add_to_denominators(PersonId person, float sign) { add_to_neighbours(person, sign, true); }

  // The holder of `post` leaves at the start of `day` and a joiner takes the
  // post (docs/model.md, "Joiners and leavers").
  void replace_holder(PersonId post, std::int32_t day) {
    activity_.leavers.push_back(post);
    const bool had_access = state_[post] != FunnelState::NoAccess;
    change_state(post, FunnelState::NoAccess);  // their use leaves the colleagues' signal
    if (people_[post].traits.fits) add_to_denominators(post, -1.0f);
    const std::uint32_t holder = turnover_.next_holder(post);
    Person joiner;
    joiner.social_numerator = people_[post].social_numerator;  // the post's colleagues, as before
    joiner.social_denominator = people_[post].social_denominator;
    RandomStream attributes(key(post, WorkplaceStream::Attributes), holder << kHolderBlockShift);
    joiner.traits = draw_traits(profile(post), params_.innovativeness, attributes);
    people_[post] = joiner;
    if (joiner.traits.fits) add_to_denominators(post, 1.0f);
    RandomStream stream(key(post, WorkplaceStream::Turnover), holder << kTenureBlockShift);
    turnover_.schedule(post, leaving_day(day, turnover_.hazard_of(post), stream));
    if (!had_access) return;
    change_state(post, FunnelState::Unaware);
    const auto now = static_cast<double>(day);
    const Arrival arrival = arrive_with_access(people_[post].traits, organisation_, now, params_, stream);
    activity_.joiners_onboarded += arrival.onboarded ? 1u : 0u;
    if (arrival.makes_aware) make_aware(post, first_step_of(day));
    const double wait = arrival.ambient_awareness_after_days;
    if (now + wait < static_cast<double>(horizon_days_))  // false for NaN: no event
      queue_.schedule(SimTime::from_days(now + wait), {holder, post});
  }

  // A flag of `person` changes how much they weigh for their neighbours.
  void set_flag(PersonId person, std::uint8_t flag) {
    if (people_[person].flags & flag) return;
    if (!people_[person].traits.fits) {  // in nobody's social signal
      people_[person].flags |= flag;
      return;
    }
    const auto neighbours = graph_.neighbours(person);
    const auto weights = graph_.tie_weights(person);
    std::vector<double> before(neighbours.size());
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      before[index] = weights[index] * multiplier(neighbours[index], person);
    }
    people_[person].flags |= flag;
    const bool using_now = is_using(state_[person]);
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      const PersonId neighbour = neighbours[index];
      const auto delta = static_cast<float>(weights[index] * multiplier(neighbour, person) - before[index]);
      people_[neighbour].social_denominator += delta;
      if (using_now) people_[neighbour].social_numerator += delta;
    }
  }

  void change_state(PersonId person, FunnelState to) {
    const FunnelState from = state_[person];
    if (from == to) return;
    activity_.state_changes.push_back({person, from, to});
    state_[person] = to;
    if (is_using(from) == is_using(to)) return;
    const float sign = is_using(to) ? 1.0f : -1.0f;
    if (sweeping_) {
      pending_broadcasts_.push_back({person, sign});
    } else {
      broadcast_use(person, sign);
    }
  }

  std::int64_t first_step_of(std::int64_t day) const { return day * steps_per_day_; }

  // The start of the step of the person's last use, in days; before any use
  // (kNeverUsedStep), a day long before any horizon.
  double last_use_day(PersonId person) const {
    return step_start_day(people_[person].last_use_step, step_days_);
  }

  // decay_factor(k, …) for k = 0, 1, … until it is 0 or the horizon ends,
  // then 0 for every later step: the steps a replicate can ask for, since
  // only a person who never used the tool (habit 0) is further from a use.
  std::vector<double> decay_table(double e_folding_days) const {
    std::vector<double> table;
    const std::int64_t steps = first_step_of(horizon_days_) + 1;
    for (std::int64_t k = 0; k < steps; ++k) {
      const double value = decay_factor(k, step_days_, e_folding_days);
      if (value == 0.0) break;
      table.push_back(value);
    }
    table.push_back(0.0);  // every later step reads this
    return table;
  }
  static double decayed(const std::vector<double>& table, std::int64_t steps) {
    return table[std::min(static_cast<std::size_t>(steps), table.size() - 1)];
  }

  // Opportunities of one working step (one 32-bit word).
  std::uint32_t draw_opportunities(PersonId person, RandomStream& stream) const {
    return tables_.opportunities_of(graph_.department(person)).count(stream());
  }

  // `person` is aware from step `first_step` on (their first opportunities).
  void make_aware(PersonId person, std::int64_t first_step) {
    people_[person].traits.forgotten = false;  // reminded
    if (state_[person] != FunnelState::Unaware) return;
    change_state(person, FunnelState::Aware);
    people_[person].aware_step = static_cast<std::int32_t>(first_step);
  }

  AgentView view(PersonId person) const {
    const Person& someone = people_[person];
    return agent_view(
        someone.traits, someone.habit, someone.last_use_step, someone.aware_step, current_step_, now_days_,
        [this](std::int64_t steps) { return decayed(habit_decay_, steps); },
        [this](std::int64_t steps) { return decayed(novelty_decay_, steps); });
  }

  // One working step (docs/model.md, "Steps"): each person aware by its start
  // takes their opportunities in turn. A colleague's change of use and a seen
  // win take effect when the step ends, so people are independent within a
  // step and the sweep's order does not matter.
  void sweep_step(std::int64_t step) {
    now_days_ = static_cast<double>(step) * step_days_;
    current_step_ = step;
    sweeping_ = true;
    const auto purpose = static_cast<std::uint32_t>(WorkplaceStream::Activity) |
                         static_cast<std::uint32_t>(step) << kStepShift;
    // Everyone is written, the count moves past those swept: no branch on
    // who is aware, which early in a rollout is a coin toss.
    const std::size_t people = state_.size();
    swept_.resize(people);
    std::size_t swept = 0;
    for (PersonId person = 0; person < people; ++person) {
      const FunnelState state = state_[person];
      swept_[swept] = person;
      const Person& someone = people_[person];
      swept += static_cast<std::size_t>(takes_opportunities(someone.traits, state, someone.aware_step, step));
    }
    swept_.resize(swept);
    outcome_.events_processed += swept;
    // The first blocks of the swept people's streams, a batch at a time.
    for (std::size_t start = 0; start < swept_.size(); start += prefixes_.size()) {
      const std::span<const PersonId> batch(swept_.data() + start,
                                            std::min(prefixes_.size(), swept_.size() - start));
      engine::fill_prefixes(input_.seed, input_.replicate, purpose, batch, prefixes_);
      for (std::size_t index = 0; index < batch.size(); ++index) {
        const PersonId person = batch[index];
        RandomStream stream(StreamKey{input_.seed, input_.replicate, person, purpose}, prefixes_[index]);
        const std::uint32_t opportunities = draw_opportunities(person, stream);
        if (opportunities == 0) continue;
        outcome_.opportunities += opportunities;
        AgentView agent = view(person);
        const Person& someone = people_[person];
        const Signals signals{social_share(someone.social_numerator, someone.social_denominator),
                              organisation_.incident_penalty};
        take_opportunities(person, opportunities, standing_utility(agent, signals, params_.decision), agent,
                           stream);
      }
    }
    sweeping_ = false;
    for (const auto& [person, sign] : pending_broadcasts_) broadcast_use(person, sign);
    pending_broadcasts_.clear();
    for (const auto& [witness, same_department] : pending_wins_) {
      float& relevance = people_[witness].traits.relevance;
      relevance = relevance_after_seen_win(relevance, same_department, params_.outcome);
      make_aware(witness, step + 1);
    }
    pending_wins_.clear();
  }

  // `person` takes the step's opportunities in turn. `agent` carries their
  // habit, trust and skill from use to use in double precision; the record
  // keeps them as float from one step to the next. Each opportunity draws
  // two words: one decides the use, the other its outcome — below success ·
  // 2^32 it succeeds, below success · win_visibility · 2^32 it is also seen
  // (given a success the word is uniform below success · 2^32). The updates
  // pick by the outcomes rather than branch on them (see pick). The funnel moves, and the wins seen
  // find their witnesses, once the person's step is done: nothing in the
  // step depends on either.
  void take_opportunities(PersonId person, std::uint32_t opportunities, double standing, AgentView& agent,
                          RandomStream& stream) {
    const OutcomeParams& outcome = params_.outcome;
    const double gain = habit_gain(agent.in_check_in, outcome);
    std::uint32_t uses = 0;
    std::uint32_t successes = 0;
    std::uint32_t wins_seen = 0;
    for (std::uint32_t opportunity = 0; opportunity < opportunities; ++opportunity) {
      const std::uint32_t decision_word = stream();
      const std::uint32_t outcome_word = stream();
      const double utility = standing + experience_utility(agent, params_.decision);
      const Mask use = kernel::use_mask(tables_.decide, utility, decision_word);
      const double success_chance =
          success_probability(agent.skill, organisation_.quality, agent.in_check_in, outcome);
      const kernel::OutcomeMasks result = kernel::take_outcome(
          use, outcome_word, success_chance, gain, outcome, agent.habit, agent.trust, agent.skill);
      uses += static_cast<std::uint32_t>(kernel::is_set(use));
      successes += static_cast<std::uint32_t>(kernel::is_set(result.success));
      wins_seen += static_cast<std::uint32_t>(kernel::is_set(result.seen));
    }
    if (uses == 0) return;
    Person& someone = people_[person];
    outcome_.uses += uses;
    successes_today_ += successes;
    activity_.uses.push_back({person, uses});
    someone.habit = static_cast<float>(agent.habit);
    someone.traits.trust = static_cast<float>(agent.trust);
    someone.traits.skill = static_cast<float>(agent.skill);
    someone.last_use_step = static_cast<std::int32_t>(current_step_);
    someone.successful_uses += successes;
    while (const auto next = next_state_after_uses(state_[person], someone.successful_uses,
                                                   params_.dynamics.uses_to_active))
      change_state(person, *next);
    for (std::uint32_t win = 0; win < wins_seen; ++win) show_win(person, stream);
  }

  // One neighbour may see the win, when the step ends (WitnessTable: tried
  // by tie weight, up to four tries).
  void show_win(PersonId person, RandomStream& stream) {
    const std::uint32_t choice = tables_.witnesses.pick(person, stream());
    if (choice == WitnessTable::kNobody) return;
    const PersonId witness = graph_.neighbours(person)[choice];
    pending_wins_.push_back({witness, graph_.department(witness) == graph_.department(person)});
  }

  // Closes day `current_day_` and opens the next.
  void advance_day() {
    const double day_end = static_cast<double>(current_day_ + 1);
    if (std::isfinite(params_.dynamics.lapse_after_days)) {
      for (PersonId person = 0; person < state_.size(); ++person) {
        const double last_use = last_use_day(person);
        if (lapses(state_[person], last_use, day_end, params_.dynamics.lapse_after_days))
          change_state(person, FunnelState::Lapsed);
        PersonTraits& traits = people_[person].traits;
        if (forgets(state_[person], traits.forgotten, last_use, day_end, params_.dynamics.forget_after_days))
          traits.forgotten = true;
      }
    }
    activity_.hours_saved = static_cast<double>(successes_today_) * params_.outcome.hours_saved_per_success;
    successes_today_ = 0;
    activity_.spend_usd[static_cast<std::size_t>(BudgetLever::Licences)] +=
        static_cast<double>(seats_) * plan_.licence_cost_per_seat_day_usd;
    observer_.on_day(activity_);
    ++current_day_;
    activity_.clear_for(current_day_);
    if (current_day_ < horizon_days_) begin_day(current_day_);
  }

  // Day-start processes: tool quality, trust incidents, office hours, phases.
  void begin_day(std::int32_t day) {
    now_days_ = static_cast<double>(day);
    model::begin_day(organisation_, day, plan_.incidents, params_.dynamics);
    while (const std::optional<PersonId> post = turnover_.next_leaving(day)) replace_holder(*post, day);
    if (relevance_keep_ != 1.0) {
      for (Person& someone : people_) {
        someone.traits.relevance =
            faded_relevance(someone.traits.relevance, someone.traits.relevance_baseline, relevance_keep_);
      }
    }
    if (office_hours_today(organisation_, day)) hold_office_hours();
    if (meets_today(organisation_.exchange, day, kMonthlyPeriodDays)) {
      for (Person& someone : people_) {
        if (someone.flags & kChampionFlag) exchange_visit(someone.traits, organisation_, params_.effects);
      }
    }
    if (meets_today(organisation_.kpi_report, day, kMonthlyPeriodDays)) report_results();
    start_due_phases(day);
    activity_.use_case_requests = centre_of_excellence_day(use_cases_, organisation_, day, graph_, state_,
                                                           params_.dynamics, input_, deliveries_);
    const std::int64_t now = first_step_of(day);
    deliver_use_cases(deliveries_, graph_, state_, activity_, [&](PersonId person) {
      use_case_delivered(people_[person].traits, organisation_, params_.effects);
      make_aware(person, now);
    });
    deliveries_.clear();
    activity_.use_case_queue = static_cast<std::uint32_t>(use_cases_.waiting());
  }

  // The month's results, read by everyone with access.
  void report_results() {
    for (PersonId person = 0; person < state_.size(); ++person) {
      if (state_[person] == FunnelState::NoAccess) continue;
      kpi_report_read(people_[person].traits, organisation_, params_.effects, params_.dynamics);
    }
  }

  void hold_office_hours() {
    const std::int64_t now = first_step_of(current_day_);
    for (PersonId champion = 0; champion < state_.size(); ++champion) {
      if (!(people_[champion].flags & kChampionFlag)) continue;
      for (const PersonId neighbour : graph_.neighbours(champion)) {
        office_hours_visit(people_[neighbour].traits, organisation_, params_.effects);
        make_aware(neighbour, now);
      }
    }
  }

  double weekly_active_share_of_access() const {
    std::size_t with_access = 0;
    std::size_t active = 0;
    for (PersonId person = 0; person < state_.size(); ++person) {
      if (state_[person] == FunnelState::NoAccess) continue;
      ++with_access;
      if (weekly_active(last_use_day(person), now_days_)) ++active;
    }
    return with_access == 0 ? 0.0 : static_cast<double>(active) / static_cast<double>(with_access);
  }

  void start_due_phases(std::int32_t day) {
    while (next_phase_ < plan_.phases.size()) {
      const Phase& phase = plan_.phases[next_phase_];
      if (!phase_due(phase, day, [this] { return weekly_active_share_of_access(); })) return;
      outcome_.phase_start_day[next_phase_] = static_cast<double>(day);
      start_phase(next_phase_);
      ++next_phase_;
    }
  }

  void start_phase(std::size_t phase_index) {
    const Phase& phase = plan_.phases[phase_index];
    for (std::size_t index = 0; index < phase.interventions.size(); ++index) {
      const Intervention& intervention = phase.interventions[index];
      activity_.spend_usd[static_cast<std::size_t>(intervention.lever)] += intervention.cost_usd;
      const double relief = apply_to_organisation(intervention, now_days_, params_.effects, organisation_);
      if (relief != 0.0) {
        for (Person& someone : people_) someone.traits.anxiety = relieved(someone.traits.anxiety, relief);
      }
      const auto block = static_cast<std::uint32_t>(phase_index * kMaxInterventionsPerPhase + index);
      for (const PersonId person : phase.cohort) {
        RandomStream stream(key(person, WorkplaceStream::Interventions), block);
        apply_to_person(intervention, person, stream);
      }
    }
  }

  void apply_to_person(const Intervention& intervention, PersonId person, RandomStream& stream) {
    const std::int64_t now = first_step_of(current_day_);
    const bool has_access = state_[person] != FunnelState::NoAccess;
    const InterventionOnPerson effect = apply_intervention(
        intervention, params_, graph_.role(person), has_access, now_days_, people_[person].traits, stream);
    if (effect.grants_access) {
      ++seats_;
      change_state(person, FunnelState::Unaware);
    }
    if (effect.makes_aware) make_aware(person, now);
    const double wait = effect.ambient_awareness_after_days;
    if (now_days_ + wait < static_cast<double>(horizon_days_)) {  // false for NaN: no event
      queue_.schedule(SimTime::from_days(now_days_ + wait), {turnover_.holder(person), person});
    }
    if (effect.sets_flags != 0) set_flag(person, effect.sets_flags);
  }

  const org::OrgGraph& graph_;
  const WorkplaceParams& params_;
  const WorkplaceModel::Tables& tables_;
  const RolloutPlan& plan_;
  const ReplicateInput& input_;
  ReplicateObserver& observer_;
  engine::Calendar calendar_;
  engine::BucketQueue queue_;  // awareness events: same order as EventQueue, cheap with one per person
  std::int32_t horizon_days_ = 0;
  std::int64_t steps_per_day_ = 1;
  double step_days_ = 1.0;
  std::vector<double> habit_decay_, novelty_decay_;  // by steps elapsed (decay_table)
  double relevance_keep_ = 1.0;                      // relevance_keep_per_day
  std::int64_t current_step_ = 0;
  std::uint64_t successes_today_ = 0;  // each saves hours_saved_per_success

  // The people a step sweeps, and the first words of a batch of their streams.
  std::vector<PersonId> swept_;
  std::array<engine::StreamPrefix, 64> prefixes_{};

  // Effects that wait for the end of the step (see sweep_step), in sweep order.
  bool sweeping_ = false;
  std::vector<std::pair<PersonId, float>> pending_broadcasts_;  // (person, ±1): their use changed
  std::vector<std::pair<PersonId, bool>> pending_wins_;         // (witness, same department)

  // Per person: funnel states apart (the sweep skips people by state alone).
  std::vector<FunnelState> state_;
  // One record per person: an event reads and writes one person's fields
  // together, so they share a cache line or two instead of one each.
  struct Person {
    PersonTraits traits;
    float habit = 0.0f;
    std::int32_t last_use_step = static_cast<std::int32_t>(kNeverUsedStep);  // habit decays from it
    std::int32_t aware_step = 0;  // first step with opportunities (read only once aware)
    float social_numerator = 0.0f, social_denominator = 0.0f;
    std::uint32_t successful_uses = 0;
    std::uint8_t flags = 0;
  };
  std::vector<Person> people_;
  PostTurnover turnover_;

  // Organisation-wide.
  double now_days_ = 0.0;
  std::int32_t current_day_ = 0;
  OrganisationState organisation_{.quality = params_.dynamics.quality_start};
  UseCaseQueue use_cases_;
  std::vector<UseCaseDelivery> deliveries_;  // the day's, until delivered
  std::size_t next_phase_ = 0;
  std::uint64_t seats_ = 0;
  DayActivity activity_;
  WorkplaceOutcome outcome_;
};

}  // namespace

WorkplaceModel::WorkplaceModel(const org::OrgGraph& graph, WorkplaceParams params)
    : graph_(&graph), params_(std::move(params)), tables_(std::make_unique<const Tables>(graph, params_)) {}

WorkplaceModel::~WorkplaceModel() = default;

WorkplaceOutcome WorkplaceModel::run(const RolloutPlan& plan, const ReplicateInput& input,
                                     ReplicateObserver& observer) const {
  assert(validate(params_, plan, *graph_).empty());
  WorkplaceReplicate replicate(*graph_, params_, *tables_, plan, input, observer);
  return replicate.run();
}

WorkplaceOutcome run_workplace(const org::OrgGraph& graph, const WorkplaceParams& params,
                               const RolloutPlan& plan, const ReplicateInput& input,
                               ReplicateObserver& observer) {
  return WorkplaceModel(graph, params).run(plan, input, observer);
}

}  // namespace adoptsim::model
