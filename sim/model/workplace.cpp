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
#include "workplace_tables.hpp"

namespace adoptsim::model {

namespace {

using engine::RandomStream;
using engine::SimTime;
using engine::StreamKey;
using org::PersonId;

constexpr std::int32_t kNeverStep = std::numeric_limits<std::int32_t>::min();
// A person's Activity stream for step s has purpose Activity | s << 8: every
// (person, step) owns a whole Philox stream, so a step may draw any number of
// words without reaching another step's. Steps stay below 2^24
// (30,000 days × kMaxStepsPerDay).
constexpr std::uint32_t kStepShift = 8;

constexpr std::uint32_t kAmbientAwareness = 2;  // EventPayload::kind of the only event the model queues

enum Flag : std::uint8_t { kChampion = 1, kEnabledManager = 2 };

double clamp01(double value) { return std::clamp(value, 0.0, 1.0); }

double draw_beta(RandomStream& stream, const BetaSpec& spec) {
  if (spec.concentration <= 0.0) return spec.mean;
  return stream.beta(spec.mean * spec.concentration, (1.0 - spec.mean) * spec.concentration);
}

bool is_using(FunnelState state) { return state == FunnelState::Trying || state == FunnelState::Active; }

// A double in the low lane of an SSE register, and the all-ones or all-zeros
// mask a comparison of two gives: an outcome (a coin toss a branch would
// mispredict) then picks between values with bit operations, and a person's
// successive decisions wait only on comparisons and picks.
using Lane = double __attribute__((vector_size(16)));
using Mask = std::int64_t __attribute__((vector_size(16)));
Lane lane(double value) { return Lane{value, 0.0}; }
// `mask` set: `when_set`; clear: `otherwise`.
double pick(Mask mask, double when_set, double otherwise) {
  const Mask bits =
      (reinterpret_cast<Mask>(lane(when_set)) & mask) | (reinterpret_cast<Mask>(lane(otherwise)) & ~mask);
  return reinterpret_cast<Lane>(bits)[0];
}

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
    habit_decay_ = decay_table(params.outcome.habit_half_life_days / std::numbers::ln2);
    novelty_decay_ = decay_table(params.dynamics.novelty_days);
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
      const DepartmentProfile& department = profile(person);
      people_[person].relevance = static_cast<float>(draw_beta(stream, department.relevance));
      people_[person].skill = static_cast<float>(draw_beta(stream, department.skill));
      people_[person].anxiety = static_cast<float>(draw_beta(stream, department.anxiety));
      people_[person].trust = static_cast<float>(draw_beta(stream, department.trust));
      const double category = stream.uniform();
      double cumulative = 0.0;
      people_[person].innovativeness = static_cast<float>(params_.innovativeness.scores.back());
      for (std::size_t index = 0; index < params_.innovativeness.shares.size(); ++index) {
        cumulative += params_.innovativeness.shares[index];
        if (category < cumulative) {
          people_[person].innovativeness = static_cast<float>(params_.innovativeness.scores[index]);
          break;
        }
      }
      const auto neighbours = graph_.neighbours(person);
      const auto weights = graph_.tie_weights(person);
      float denominator = 0.0f;
      for (std::size_t index = 0; index < neighbours.size(); ++index) {
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
    double factor = 1.0;
    if (graph_.manager(person) == neighbour) {
      factor *= (people_[neighbour].flags & kEnabledManager) ? params_.dynamics.enabled_manager_weight
                                                             : params_.dynamics.manager_weight;
    }
    if (people_[neighbour].flags & kChampion) factor *= params_.dynamics.champion_weight;
    return factor;
  }

  // Adds `sign` × person's weight to the social signal of each neighbour.
  void broadcast_use(PersonId person, float sign) {
    const auto neighbours = graph_.neighbours(person);
    const auto weights = graph_.tie_weights(person);
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      const PersonId neighbour = neighbours[index];
      people_[neighbour].social_numerator +=
          sign * static_cast<float>(weights[index] * multiplier(neighbour, person));
    }
  }

  // A flag of `person` changes how much they weigh for their neighbours.
  void set_flag(PersonId person, Flag flag) {
    if (people_[person].flags & flag) return;
    const auto neighbours = graph_.neighbours(person);
    const auto weights = graph_.tie_weights(person);
    std::vector<double> before(neighbours.size());
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      before[index] = weights[index] * multiplier(neighbours[index], person);
    }
    people_[person].flags = static_cast<std::uint8_t>(people_[person].flags | flag);
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
  // (kNeverStep), a day long before any horizon.
  double last_use_day(PersonId person) const {
    return static_cast<double>(people_[person].last_use_step) * step_days_;
  }

  // exp(−k · step / e_folding_days) for k = 0, 1, … until it falls below
  // 2^-64 or the horizon ends, then 0 for every later step.
  std::vector<double> decay_table(double e_folding_days) const {
    std::vector<double> table;
    const std::int64_t steps = first_step_of(horizon_days_) + 1;
    for (std::int64_t k = 0; k < steps; ++k) {
      const double value = std::exp(-static_cast<double>(k) * step_days_ / e_folding_days);
      if (value < 0x1p-64) break;
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
    if (state_[person] != FunnelState::Unaware) return;
    change_state(person, FunnelState::Aware);
    people_[person].aware_step = static_cast<std::int32_t>(first_step);
  }

  AgentView view(PersonId person) const {
    const Person& someone = people_[person];
    AgentView agent;
    agent.relevance = someone.relevance;
    agent.skill = someone.skill;
    agent.anxiety = someone.anxiety;
    agent.trust = someone.trust;
    agent.habit = someone.habit * decayed(habit_decay_, current_step_ - someone.last_use_step);
    agent.innovativeness = someone.innovativeness;
    agent.incentive = someone.incentive;
    agent.in_check_in = now_days_ < someone.check_in_until;
    agent.novelty = decayed(novelty_decay_, current_step_ - someone.aware_step);
    return agent;
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
      swept += static_cast<std::size_t>((state != FunnelState::NoAccess) & (state != FunnelState::Unaware) &
                                        (people_[person].aware_step <= step));
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
        const double denominator = someone.social_denominator;
        const Signals signals{denominator > 0.0 ? clamp01(someone.social_numerator / denominator) : 0.0,
                              incident_penalty_};
        take_opportunities(person, opportunities, standing_utility(agent, signals, params_.decision), agent,
                           stream);
      }
    }
    sweeping_ = false;
    for (const auto& [person, sign] : pending_broadcasts_) broadcast_use(person, sign);
    pending_broadcasts_.clear();
    for (const auto& [witness, same_department] : pending_wins_) {
      // A gain of 0 outside the department: the same relevance, without a
      // branch on a coin toss.
      const double gain = same_department ? params_.outcome.relevance_from_seen_win : 0.0;
      people_[witness].relevance =
          static_cast<float>(people_[witness].relevance + gain * (1.0 - people_[witness].relevance));
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
    const double habit_gain = outcome.habit_gain * (agent.in_check_in ? 2.0 : 1.0);
    std::uint32_t uses = 0;
    std::uint32_t successes = 0;
    std::uint32_t wins_seen = 0;
    for (std::uint32_t opportunity = 0; opportunity < opportunities; ++opportunity) {
      const std::uint32_t decision_word = stream();
      const auto outcome_word = static_cast<double>(stream());
      const double utility = standing + experience_utility(agent, params_.decision);
      // UseDecision::operator() with the answer as a mask: its bool turned
      // into a mask costs a replicate 7% (measured with bench/ab_workplace.sh).
      const UseDecision::Bounds& bounds = tables_.decide.bounds(decision_word);
      Mask use = lane(utility) > lane(bounds.upper);
      if (!((utility > bounds.upper) | (utility <= bounds.lower))) [[unlikely]] {
        use = Mask{} - (tables_.decide.exact(utility, decision_word) ? 1 : 0);
      }
      const double success_chance = success_probability(agent.skill, quality_, agent.in_check_in, outcome);
      const Mask success = use & (lane(outcome_word) < lane(success_chance * 0x1p32));
      const Mask seen =
          success & (lane(outcome_word) < lane(success_chance * outcome.win_visibility * 0x1p32));
      // Each value the outcome leads to, then the one it did: a success moves
      // habit and trust up, a failure trust down, a use skill up.
      const double habit = agent.habit, trust = agent.trust, skill = agent.skill;
      agent.habit = pick(success, habit + habit_gain * (1.0 - habit), habit);
      agent.trust = pick(success, trust + outcome.trust_gain * (1.0 - trust),
                         pick(use, trust - outcome.trust_loss * trust, trust));
      agent.skill = pick(use, skill + outcome.learning_by_doing * (1.0 - skill), skill);
      uses += static_cast<std::uint32_t>(use[0] & 1);
      successes += static_cast<std::uint32_t>(success[0] & 1);
      wins_seen += static_cast<std::uint32_t>(seen[0] & 1);
    }
    if (uses == 0) return;
    Person& someone = people_[person];
    outcome_.uses += uses;
    successes_today_ += successes;
    activity_.uses.push_back({person, uses});
    someone.habit = static_cast<float>(agent.habit);
    someone.trust = static_cast<float>(agent.trust);
    someone.skill = static_cast<float>(agent.skill);
    someone.last_use_step = static_cast<std::int32_t>(current_step_);
    someone.successful_uses += successes;
    if (state_[person] == FunnelState::Aware) change_state(person, FunnelState::Trying);
    if (state_[person] == FunnelState::Lapsed) change_state(person, FunnelState::Active);
    if (state_[person] == FunnelState::Trying &&
        someone.successful_uses >= static_cast<std::uint32_t>(params_.dynamics.uses_to_active)) {
      change_state(person, FunnelState::Active);
    }
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
      const double idle_since = day_end - params_.dynamics.lapse_after_days;
      for (PersonId person = 0; person < state_.size(); ++person) {
        // One branch, rarely taken, for the two conditions (`&` on their bits, not `&&`).
        if (static_cast<unsigned>(is_using(state_[person])) &
            static_cast<unsigned>(last_use_day(person) < idle_since))
          change_state(person, FunnelState::Lapsed);
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
    const DynamicsParams& dynamics = params_.dynamics;
    const double feedback = now_days_ < feedback_until_ ? feedback_intensity_ : 0.0;
    const double rate =
        dynamics.quality_base_rate_per_day + dynamics.quality_feedback_rate_per_day * feedback;
    if (day > 0) quality_ += (dynamics.quality_max - quality_) * (1.0 - std::exp(-rate));
    incident_penalty_ = 0.0;
    for (const TrustIncident& incident : plan_.incidents) {
      if (incident.day > now_days_) continue;
      incident_penalty_ +=
          incident.severity * std::exp(-(now_days_ - incident.day) / dynamics.incident_recovery_days);
    }
    incident_penalty_ *= 1.0 - dynamics.governance_incident_softening * governance_intensity_;
    if (now_days_ < office_hours_until_ && (day - office_hours_start_) % 7 == 0) hold_office_hours();
    start_due_phases(day);
  }

  void hold_office_hours() {
    const InterventionEffects& effects = params_.effects;
    const std::int64_t now = first_step_of(current_day_);
    for (PersonId champion = 0; champion < state_.size(); ++champion) {
      if (!(people_[champion].flags & kChampion)) continue;
      for (const PersonId neighbour : graph_.neighbours(champion)) {
        people_[neighbour].skill = static_cast<float>(
            people_[neighbour].skill +
            effects.office_hours_skill_gain * office_hours_intensity_ * (1.0 - people_[neighbour].skill));
        people_[neighbour].relevance = static_cast<float>(
            people_[neighbour].relevance + effects.office_hours_relevance_gain * office_hours_intensity_ *
                                               (1.0 - people_[neighbour].relevance));
        make_aware(neighbour, now);
      }
    }
  }

  double weekly_active_share_of_access() const {
    std::size_t with_access = 0;
    std::size_t active = 0;
    const double since = now_days_ - 7.0;
    for (PersonId person = 0; person < state_.size(); ++person) {
      if (state_[person] == FunnelState::NoAccess) continue;
      ++with_access;
      if (last_use_day(person) >= since) ++active;
    }
    return with_access == 0 ? 0.0 : static_cast<double>(active) / static_cast<double>(with_access);
  }

  void start_due_phases(std::int32_t day) {
    while (next_phase_ < plan_.phases.size()) {
      const Phase& phase = plan_.phases[next_phase_];
      bool due;
      if (!phase.gated) {
        due = static_cast<double>(day) >= phase.start_day;
      } else {
        due = static_cast<double>(day) >= phase.gate.earliest_day &&
              (static_cast<double>(day) >= phase.gate.latest_day ||
               weekly_active_share_of_access() >= phase.gate.weekly_active_share_of_access);
      }
      if (!due) return;
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
      apply_to_organisation(intervention);
      const auto block = static_cast<std::uint32_t>(phase_index * kMaxInterventionsPerPhase + index);
      for (const PersonId person : phase.cohort) {
        RandomStream stream(key(person, WorkplaceStream::Interventions), block);
        apply_to_person(intervention, person, stream);
      }
    }
  }

  // The organisation-wide part of an intervention.
  void apply_to_organisation(const Intervention& intervention) {
    const double intensity = intervention.intensity;
    switch (intervention.kind) {
      case InterventionKind::GovernancePublication: {
        governance_intensity_ = std::max(governance_intensity_, intensity);
        const double relief = params_.effects.governance_anxiety_relief * intensity;
        for (Person& someone : people_)
          someone.anxiety = static_cast<float>(someone.anxiety * (1.0 - relief));
        break;
      }
      case InterventionKind::ChampionOfficeHours:
        office_hours_start_ = static_cast<std::int32_t>(now_days_);
        office_hours_until_ = now_days_ + intervention.duration_days;
        office_hours_intensity_ = intensity;
        break;
      case InterventionKind::FeedbackLoop:
        feedback_until_ = now_days_ + intervention.duration_days;
        feedback_intensity_ = intensity;
        break;
      default:
        break;
    }
  }

  void apply_to_person(const Intervention& intervention, PersonId person, RandomStream& stream) {
    const InterventionEffects& effects = params_.effects;
    const double intensity = intervention.intensity;
    const std::int64_t now = first_step_of(current_day_);
    const bool has_access = state_[person] != FunnelState::NoAccess;
    const auto raise = [](float& value, double gain) {
      value = static_cast<float>(value + gain * (1.0 - value));
    };
    switch (intervention.kind) {
      case InterventionKind::Access: {
        if (has_access) break;
        ++seats_;
        change_state(person, FunnelState::Unaware);
        if (stream.uniform() < params_.dynamics.aware_on_access) {
          make_aware(person, now);
        } else if (params_.dynamics.ambient_awareness_per_day > 0.0) {
          const double wait = stream.exponential(params_.dynamics.ambient_awareness_per_day);
          if (now_days_ + wait < static_cast<double>(horizon_days_)) {
            queue_.schedule(SimTime::from_days(now_days_ + wait), {kAmbientAwareness, person});
          }
        }
        break;
      }
      case InterventionKind::Announcement:
        people_[person].anxiety = static_cast<float>(people_[person].anxiety *
                                                     (1.0 - effects.announcement_anxiety_relief * intensity));
        if (has_access && stream.uniform() < effects.announcement_reach * intensity) make_aware(person, now);
        break;
      case InterventionKind::GenericWebinar:
        if (stream.uniform() < effects.webinar_attendance * intensity) {
          raise(people_[person].skill, effects.webinar_skill_gain);
          if (has_access) make_aware(person, now);
        }
        break;
      case InterventionKind::TaskWorkshop:
        if (stream.uniform() < effects.workshop_attendance * intensity) {
          raise(people_[person].skill, effects.workshop_skill_gain);
          raise(people_[person].relevance, effects.workshop_relevance_gain);
          if (has_access) make_aware(person, now);
        }
        break;
      case InterventionKind::DailyCheckIns:
        people_[person].check_in_until =
            static_cast<float>(std::max(static_cast<double>(people_[person].check_in_until),
                                        now_days_ + intervention.duration_days * intensity));
        if (has_access) make_aware(person, now);
        break;
      case InterventionKind::ManagerEnablement:
        if (graph_.role(person) == org::Role::IndividualContributor) break;
        raise(people_[person].skill, effects.manager_skill_gain * intensity);
        people_[person].anxiety =
            static_cast<float>(people_[person].anxiety * (1.0 - effects.manager_anxiety_relief * intensity));
        people_[person].innovativeness = static_cast<float>(people_[person].innovativeness +
                                                            effects.manager_innovativeness_boost * intensity);
        set_flag(person, kEnabledManager);
        if (has_access) make_aware(person, now);
        break;
      case InterventionKind::IncentiveChange:
        people_[person].incentive = static_cast<float>(intervention.value * intensity);
        break;
      case InterventionKind::AssignChampions:
        raise(people_[person].skill, effects.champion_skill_gain * intensity);
        people_[person].innovativeness = static_cast<float>(
            people_[person].innovativeness + effects.champion_innovativeness_boost * intensity);
        set_flag(person, kChampion);
        if (has_access) make_aware(person, now);
        break;
      case InterventionKind::GovernancePublication:
      case InterventionKind::ChampionOfficeHours:
      case InterventionKind::FeedbackLoop:
        break;  // organisation-wide: see apply_to_organisation
    }
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
    float relevance = 0.0f, skill = 0.0f, anxiety = 0.0f, trust = 0.0f, innovativeness = 0.0f;
    float habit = 0.0f, incentive = 0.0f, check_in_until = 0.0f;
    std::int32_t last_use_step = kNeverStep;  // habit decays from it
    std::int32_t aware_step = 0;              // first step with opportunities (read only once aware)
    float social_numerator = 0.0f, social_denominator = 0.0f;
    std::uint32_t successful_uses = 0;
    std::uint8_t flags = 0;
  };
  std::vector<Person> people_;

  // Organisation-wide.
  double now_days_ = 0.0;
  std::int32_t current_day_ = 0;
  double quality_ = params_.dynamics.quality_start;
  double incident_penalty_ = 0.0;
  double governance_intensity_ = 0.0;
  double feedback_until_ = 0.0;
  double feedback_intensity_ = 0.0;
  std::int32_t office_hours_start_ = 0;
  double office_hours_until_ = 0.0;
  double office_hours_intensity_ = 0.0;
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
