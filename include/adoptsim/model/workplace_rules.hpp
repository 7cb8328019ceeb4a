// The workplace model's rules (docs/model.md) as pure functions of explicit
// state: the use decision, what an opportunity's outcome does, funnel
// transitions and lapses, each intervention's effect on a person, and the
// organisation's daily updates. Both replicates run on them: the plain
// reference (run_workplace_reference) and the fast kernel (WorkplaceModel),
// which restates some of them in batched or table form and tests each such
// form against the rule here. A function that draws takes the stream and
// documents the words it takes, in order: that order is part of the model.
//
// Precision is part of the rules too: a person's attributes are kept in
// single precision from step to step (PersonTraits); within one person's
// step, habit, trust and skill are carried in double (Experience).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <optional>
#include <span>

#include "adoptsim/engine/random.hpp"
#include "adoptsim/model/observer.hpp"
#include "adoptsim/model/plan.hpp"
#include "adoptsim/model/workplace_params.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::model {

// ---- The use decision --------------------------------------------------

// One person's state as the decision sees it.
struct AgentView {
  double relevance = 0.5;
  double skill = 0.5;
  double anxiety = 0.0;
  double trust = 0.5;
  double habit = 0.0;  // already decayed to now
  double innovativeness = 0.0;
  double incentive = 0.0;
  double novelty = 0.0;  // in [0, 1]: exp(−days since becoming aware / novelty_days)
  bool in_check_in = false;
};

// What the organisation around the person says at the moment of decision.
struct Signals {
  double social_share = 0.0;      // weighted share of neighbours using the tool, [0, 1]
  double incident_penalty = 0.0;  // current trust-incident penalty, >= 0
};

// The utility of using the tool on one work opportunity (the link's
// argument), in two parts: the terms a use changes (habit, trust and skill:
// experience_utility) and the rest, fixed while a person takes a step's
// opportunities (standing_utility).
inline double standing_utility(const AgentView& agent, const Signals& signals,
                               const DecisionWeights& weights) {
  return weights.intercept + weights.relevance * (agent.relevance - 0.5) - weights.anxiety * agent.anxiety -
         weights.incident * signals.incident_penalty + weights.social * signals.social_share +
         weights.innovativeness * agent.innovativeness + weights.incentive * agent.incentive +
         weights.novelty * agent.novelty + (agent.in_check_in ? weights.check_in_bonus : 0.0);
}
inline double experience_utility(const AgentView& agent, const DecisionWeights& weights) {
  return weights.habit * agent.habit + weights.trust * (agent.trust - 0.5) +
         weights.skill * (agent.skill - 0.5);
}
inline double use_utility(const AgentView& agent, const Signals& signals, const DecisionWeights& weights) {
  return standing_utility(agent, signals, weights) + experience_utility(agent, weights);
}

inline double link_probability(double utility, LinkFunction link) {
  if (link == LinkFunction::Linear) return std::clamp(utility, 0.0, 1.0);
  return 1.0 / (1.0 + std::exp(-utility));
}

// Probability of using the tool on one work opportunity: a pure function of
// explicit state (unit-tested without the engine).
inline double use_probability(const AgentView& agent, const Signals& signals,
                              const DecisionWeights& weights) {
  return link_probability(use_utility(agent, signals, weights), weights.link);
}

// The use decision on one opportunity, from its decision word: use when the
// word falls below link_probability(utility) · 2^32 (RandomStream::chance on
// that word).
inline bool decides_to_use(double utility, LinkFunction link, std::uint32_t decision_word) {
  return static_cast<double>(decision_word) < link_probability(utility, link) * 0x1p32;
}

// ---- What an opportunity's outcome does --------------------------------

// Probability that a use succeeds.
inline double success_probability(double skill, double quality, bool in_check_in,
                                  const OutcomeParams& params) {
  const double base = quality * (params.success_floor + (1.0 - params.success_floor) * skill);
  // min and max rather than std::clamp: the same value, without branches.
  return std::min(std::max(base + (in_check_in ? params.check_in_success_bonus : 0.0), 0.0), 1.0);
}

// Habit, trust and skill as a person's successive uses within one step move
// them (double precision; stored as float when the step ends).
struct Experience {
  double habit = 0.0;
  double trust = 0.5;
  double skill = 0.5;
};

struct OpportunityOutcome {
  bool used = false;
  bool succeeded = false;  // used and succeeded
  bool seen = false;       // succeeded and visible to a colleague
};

// The outcome of an opportunity from its outcome word: a use succeeds when
// the word falls below success_chance · 2^32, and is also seen when it falls
// below success_chance · win_visibility · 2^32 (given a success the word is
// uniform below success_chance · 2^32, so this is a win_visibility chance).
inline OpportunityOutcome opportunity_outcome(bool used, double success_chance, double win_visibility,
                                              std::uint32_t outcome_word) {
  const auto word = static_cast<double>(outcome_word);
  OpportunityOutcome outcome;
  outcome.used = used;
  outcome.succeeded = used && word < success_chance * 0x1p32;
  outcome.seen = outcome.succeeded && word < success_chance * win_visibility * 0x1p32;
  return outcome;
}

// Habit gained per success: doubled while daily check-ins run.
inline double habit_gain(bool in_check_in, const OutcomeParams& params) {
  return params.habit_gain * (in_check_in ? 2.0 : 1.0);
}

// A success moves habit and trust up, a failed use moves trust down, any use
// moves skill up; without a use nothing changes.
inline Experience after_opportunity(const Experience& before, const OpportunityOutcome& outcome,
                                    double habit_gain_per_success, const OutcomeParams& params) {
  Experience after = before;
  if (outcome.succeeded) {
    after.habit = before.habit + habit_gain_per_success * (1.0 - before.habit);
    after.trust = before.trust + params.trust_gain * (1.0 - before.trust);
  } else if (outcome.used) {
    after.trust = before.trust - params.trust_loss * before.trust;
  }
  if (outcome.used) after.skill = before.skill + params.learning_by_doing * (1.0 - before.skill);
  return after;
}

// ---- Opportunities, time and decay -------------------------------------

// Mean opportunities of one working step for a department's people.
inline double opportunities_per_step(const DepartmentProfile& profile, int steps_per_day) {
  return profile.opportunities_per_working_day * (1.0 / static_cast<double>(steps_per_day));
}

// A working step's opportunities, N ~ Poisson(mean), by inversion of one
// word: the least k with word < P(N <= k) · 2^32, the masses summed from
// k = 0 up; the sum stops once its tail is below 2^-34 (or the masses
// underflow past the mean), and its last threshold is taken as 2^32.
std::uint32_t poisson_count(double mean, std::uint32_t word);

// exp(−steps · step_days / e_folding_days), flushed to 0 below 2^-64: how
// much of a habit or of a new tool's novelty is left after `steps` steps.
inline double decay_factor(std::int64_t steps, double step_days, double e_folding_days) {
  const double value = std::exp(-static_cast<double>(steps) * step_days / e_folding_days);
  return value < 0x1p-64 ? 0.0 : value;
}
inline double habit_e_folding_days(const OutcomeParams& params) {
  return params.habit_half_life_days / std::numbers::ln2;
}

// A person who has never used the tool has this as their last use's step
// (habit 0; their last use lies before every horizon).
inline constexpr std::int64_t kNeverUsedStep = std::numeric_limits<std::int32_t>::min();

// The day a step starts.
inline double step_start_day(std::int64_t step, double step_days) {
  return static_cast<double>(step) * step_days;
}

// ---- The person ---------------------------------------------------------

// A person's attributes as kept from step to step.
struct PersonTraits {
  float relevance = 0.0f, skill = 0.0f, anxiety = 0.0f, trust = 0.0f, innovativeness = 0.0f;
  float incentive = 0.0f;
  float check_in_until = 0.0f;  // day the person's daily check-ins end
  // Relevance gains beyond this fade back to it (relevance_fade_days); it
  // starts at the drawn relevance and only process integration raises it.
  float relevance_baseline = 0.0f;
  std::uint8_t communications = 0;  // announcements and KPI communications received (up to 255)
  bool fits = true;                 // the tool fits the person's work (DepartmentProfile::fit_share)
  bool forgotten = false;           // lapsed long enough to forget the tool, not reminded since
};

// What a person is beyond their attributes, for the weight colleagues give them.
enum PersonFlag : std::uint8_t { kChampionFlag = 1, kEnabledManagerFlag = 2 };

// `value` moved `gain` of the way to 1, and `value` eased by `relief` (a
// share of it), stored in single precision.
inline float raised(float value, double gain) { return static_cast<float>(value + gain * (1.0 - value)); }
inline float relieved(float value, double relief) { return static_cast<float>(value * (1.0 - relief)); }

// A person's starting attributes. Words: relevance, skill, anxiety and
// trust from their Beta distributions (none for concentration 0), then one
// uniform for the adopter category, then one uniform against fit_share.
PersonTraits draw_traits(const DepartmentProfile& profile, const InnovativenessParams& innovativeness,
                         engine::RandomStream& stream);

// How much a neighbour weighs for a person, beyond their tie's weight: ×
// (enabled) manager weight when the neighbour is the person's manager, ×
// champion weight when the neighbour is a champion.
inline double tie_multiplier(bool neighbour_is_manager, std::uint8_t neighbour_flags,
                             const DynamicsParams& dynamics) {
  double factor = 1.0;
  if (neighbour_is_manager) {
    factor *=
        (neighbour_flags & kEnabledManagerFlag) ? dynamics.enabled_manager_weight : dynamics.manager_weight;
  }
  if (neighbour_flags & kChampionFlag) factor *= dynamics.champion_weight;
  return factor;
}

// The social signal from the running weighted sums of a person's using and
// all neighbours (single precision, as the replicates keep them): their
// ratio clamped to [0, 1], or 0 without neighbours.
inline double social_share(float using_weight, float total_weight) {
  const double total = total_weight;
  return total > 0.0 ? std::clamp(static_cast<double>(using_weight) / total, 0.0, 1.0) : 0.0;
}

// The person as the decision sees them at a step starting on `now_days`:
// habit decayed since the last use's step, novelty since the awareness
// step, by `habit_left(steps)` and `novelty_left(steps)` (decay_factor with
// the habit's and the novelty's e-folding times; the kernel reads them from
// tables).
template <typename HabitLeft, typename NoveltyLeft>
AgentView agent_view(const PersonTraits& traits, float habit, std::int64_t last_use_step,
                     std::int64_t aware_step, std::int64_t step, double now_days, HabitLeft&& habit_left,
                     NoveltyLeft&& novelty_left) {
  AgentView agent;
  agent.relevance = traits.relevance;
  agent.skill = traits.skill;
  agent.anxiety = traits.anxiety;
  agent.trust = traits.trust;
  agent.habit = habit * habit_left(step - last_use_step);
  agent.innovativeness = traits.innovativeness;
  agent.incentive = traits.incentive;
  agent.in_check_in = now_days < traits.check_in_until;
  agent.novelty = novelty_left(step - aware_step);
  return agent;
}

// ---- Funnel transitions and lapses --------------------------------------

constexpr bool is_using(FunnelState state) {
  return state == FunnelState::Trying || state == FunnelState::Active;
}

// Whether a person takes opportunities at `step`: the tool fits their work,
// they have not forgotten it, they have access, are aware, and their
// awareness has reached this step.
constexpr bool takes_opportunities(const PersonTraits& traits, FunnelState state, std::int64_t aware_step,
                                   std::int64_t step) {
  return traits.fits && !traits.forgotten && state != FunnelState::NoAccess &&
         state != FunnelState::Unaware && aware_step <= step;
}

// After a step with at least one use, the next state from `state`, or none:
// aware → trying, lapsed → active, trying → active once successful uses
// reach uses_to_active. Applied until it gives none (aware → trying → active
// in one step is two changes).
constexpr std::optional<FunnelState> next_state_after_uses(FunnelState state, std::uint32_t successful_uses,
                                                           int uses_to_active) {
  if (state == FunnelState::Aware) return FunnelState::Trying;
  if (state == FunnelState::Lapsed) return FunnelState::Active;
  if (state == FunnelState::Trying && successful_uses >= static_cast<std::uint32_t>(uses_to_active))
    return FunnelState::Active;
  return std::nullopt;
}

// Whether a trying or active person lapses at the end of a day: their last
// use started more than lapse_after_days before the day's end.
inline bool lapses(FunnelState state, double last_use_day, double day_end, double lapse_after_days) {
  return is_using(state) && last_use_day < day_end - lapse_after_days;
}

// Whether a lapsed person forgets the tool at the end of a day: their last
// use started more than forget_after_days before the day's end. Whatever
// would make an unaware person aware (an announcement reaching them, a
// workshop attended, office hours, a KPI communication, a colleague's win
// seen, …) reminds a forgotten person instead, from the same step.
inline bool forgets(FunnelState state, bool forgotten, double last_use_day, double day_end,
                    double forget_after_days) {
  return state == FunnelState::Lapsed && !forgotten && last_use_day < day_end - forget_after_days;
}

// Weekly active at `now_days`: a use that started within the last 7 days.
inline bool weekly_active(double last_use_day, double now_days) { return last_use_day >= now_days - 7.0; }

// Relevance after one more day without reinforcement: the part above the
// baseline shrinks by `keep_per_day` (exp(−1 / relevance_fade_days)).
inline float faded_relevance(float relevance, float baseline, double keep_per_day) {
  if (keep_per_day == 1.0) return relevance;  // relevance_fade_days = inf
  return static_cast<float>(baseline + (static_cast<double>(relevance) - baseline) * keep_per_day);
}
inline double relevance_keep_per_day(const DynamicsParams& dynamics) {
  return std::exp(-1.0 / dynamics.relevance_fade_days);
}

// What a communication still does to a person who has received
// `communications` before: fatigue^communications of its first effect.
inline double communication_effect(std::uint8_t communications, double fatigue) {
  return std::pow(fatigue, static_cast<double>(communications));
}
inline void count_communication(PersonTraits& traits) {
  if (traits.communications < 255) ++traits.communications;
}

// A colleague's win seen: relevance rises when the viewer is in the same department.
inline float relevance_after_seen_win(float relevance, bool same_department, const OutcomeParams& params) {
  return raised(relevance, same_department ? params.relevance_from_seen_win : 0.0);
}

// ---- Interventions -------------------------------------------------------

// What an intervention does to one person of its phase's cohort, beyond the
// attributes apply_intervention changes in place.
struct InterventionOnPerson {
  bool grants_access = false;  // no access → unaware (a seat)
  bool makes_aware = false;    // unaware → aware, from the day's first step (for a person with access)
  // Access without immediate awareness: the person notices the tool after
  // this many days (ambient awareness), unless something makes them aware first; NaN: no such event.
  double ambient_awareness_after_days = std::numeric_limits<double>::quiet_NaN();
  std::uint8_t sets_flags = 0;  // PersonFlag bits
};

// One intervention on one person with role `role`, who has access or not,
// on day `now_days`. Words, from the person's block for this (phase,
// intervention): Access (without access): a uniform against aware_on_access,
// then, when it fails and ambient awareness is on, an exponential wait;
// Announcement (with access): a uniform against its reach; webinar and
// workshop: a uniform against attendance. The rest draw nothing.
InterventionOnPerson apply_intervention(const Intervention& intervention, const WorkplaceParams& params,
                                        org::Role role, bool has_access, double now_days,
                                        PersonTraits& traits, engine::RandomStream& stream);

// ---- The organisation ----------------------------------------------------

// An organisation-wide programme that runs from a start day until a day
// (ChampionOfficeHours, MonthlyExchange, KpiCommunication, FeedbackLoop,
// KnowledgeMaintenance, Onboarding, CentreOfExcellence); never started, it
// runs on no day.
struct Programme {
  std::int32_t start_day = 0;
  double until_day = 0.0;
  double intensity = 0.0;
};
inline constexpr std::int32_t kOfficeHoursPeriodDays = 7;
inline constexpr std::int32_t kMonthlyPeriodDays = 30;  // monthly exchanges, KPI communications

// The programme's intensity on `day`: its intensity while it runs, else 0.
inline double in_force(const Programme& programme, double day) {
  return day < programme.until_day ? programme.intensity : 0.0;
}
// Whether a periodic programme meets on `day`: every `period_days` from its
// start day, while it runs.
inline bool meets_today(const Programme& programme, std::int32_t day, std::int32_t period_days) {
  return static_cast<double>(day) < programme.until_day && day >= programme.start_day &&
         (day - programme.start_day) % period_days == 0;
}

struct OrganisationState {
  double quality = 0.6;           // of the tool: a use's success scales with it
  double incident_penalty = 0.0;  // trust incidents' penalty in force
  double governance_intensity = 0.0;
  Programme feedback{}, knowledge{};  // continuous: quality improves, knowledge stays current
  Programme onboarding{};             // joiners learn the tool in their onboarding
  Programme office_hours{}, exchange{}, kpi_report{};  // periodic: weekly, monthly, monthly
  Programme centre_of_excellence{};                    // takes and builds departments' use cases
  double coe_hours_per_week = 0.0;                     // its team's hours on use cases
};

// The organisation-wide part of an intervention started on `now_days`:
// governance and the programmes change `state`. Returns the share by which
// everyone's anxiety eases (governance), else 0.
double apply_to_organisation(const Intervention& intervention, double now_days,
                             const InterventionEffects& effects, OrganisationState& state);

// The start of `day`: the tool improves (from day 1, faster while a feedback
// loop runs) and its knowledge goes stale (slower while it is maintained),
// and the incidents so far set the penalty, softened by governance.
void begin_day(OrganisationState& state, std::int32_t day, std::span<const TrustIncident> incidents,
               const DynamicsParams& dynamics);

// Whether champions hold office hours on `day`: weekly from the day they started, while they run.
inline bool office_hours_today(const OrganisationState& state, std::int32_t day) {
  return meets_today(state.office_hours, day, kOfficeHoursPeriodDays);
}

// A champion's neighbour at office hours: skill and relevance rise (the
// neighbour also becomes aware, if they have access).
inline void office_hours_visit(PersonTraits& traits, const OrganisationState& state,
                               const InterventionEffects& effects) {
  const double intensity = state.office_hours.intensity;
  traits.skill = raised(traits.skill, effects.office_hours_skill_gain * intensity);
  traits.relevance = raised(traits.relevance, effects.office_hours_relevance_gain * intensity);
}

// A champion at the community's monthly exchange: new use cases and
// techniques from the other champions (relevance and skill rise).
inline void exchange_visit(PersonTraits& traits, const OrganisationState& state,
                           const InterventionEffects& effects) {
  const double intensity = state.exchange.intensity;
  traits.relevance = raised(traits.relevance, effects.exchange_relevance_gain * intensity);
  traits.skill = raised(traits.skill, effects.exchange_skill_gain * intensity);
}

// A person with access reading the month's results: relevance rises, less
// with every communication received before (communication_fatigue). A
// report neither makes anyone aware nor reminds the forgotten: it is read by
// those who already follow the tool.
inline void kpi_report_read(PersonTraits& traits, const OrganisationState& state,
                            const InterventionEffects& effects, const DynamicsParams& dynamics) {
  const double effect = state.kpi_report.intensity *
                        communication_effect(traits.communications, dynamics.communication_fatigue);
  traits.relevance = raised(traits.relevance, effects.kpi_relevance_gain * effect);
  count_communication(traits);
}

// ---- A centre of excellence ---------------------------------------------

// While a centre of excellence runs, each department asks it for use cases
// built for its work, and the CoE's team builds them in the order asked, at
// its stated hours a week (docs/model.md, "A centre of excellence"). The
// queue itself is in sim/model/use_case_queue.hpp.

// The requests one department submits on one day: Poisson with mean
// requests_per_person_per_year / 365 × its people with access, by
// inversion of one word (poisson_count).
inline std::uint32_t use_case_requests(double requests_per_person_per_year, std::uint32_t people_with_access,
                                       std::uint32_t word) {
  return poisson_count(requests_per_person_per_year / 365.0 * static_cast<double>(people_with_access), word);
}

// The CoE's work on one day, in sevenths of an hour: its hours a week, so
// that seven days add up to exactly a week's hours.
inline double coe_sevenths_per_day(const OrganisationState& state) { return state.coe_hours_per_week; }

// A use case delivered to a person with access in its department: built for
// their work, it is learned, not a mood (relevance and its baseline rise by
// use_case_relevance_gain × the CoE's intensity), and it reminds them of the
// tool (the replicates make them aware, from the day's first step).
inline void use_case_delivered(PersonTraits& traits, const OrganisationState& state,
                               const InterventionEffects& effects) {
  const double gain = effects.use_case_relevance_gain * state.centre_of_excellence.intensity;
  traits.relevance = raised(traits.relevance, gain);
  traits.relevance_baseline = raised(traits.relevance_baseline, gain);
}

// ---- Joiners and leavers -------------------------------------------------

// A post is held by one person at a time: its first holder from day 0, then
// each joiner who replaces a leaver on the day they leave. Holder t of a
// post (t = 0, 1, …) draws their attributes from block t << kHolderBlockShift
// of the post's Attributes stream and their tenure and arrival from block
// t << kTenureBlockShift of its Turnover stream.
inline constexpr unsigned kHolderBlockShift = 16;  // 2^18 words for one holder's attributes
inline constexpr unsigned kTenureBlockShift = 2;   // 16 words for one holder's tenure and arrival
// A day beyond every horizon: the holder never leaves.
inline constexpr std::int32_t kNeverLeaves = std::numeric_limits<std::int32_t>::max();

// The daily hazard of leaving for a yearly attrition share a in [0, 1):
// −ln(1 − a) / 365, so that a share a of a department leaves within a year.
inline double leaving_hazard_per_day(double attrition_per_year) {
  return -std::log1p(-attrition_per_year) / 365.0;
}

// The day a holder who arrived on `arrival_day` leaves, at that day's
// start: after an exponential tenure at `hazard_per_day` (the first words
// of the holder's Turnover block: one uniform), rounded up and at least a
// day; kNeverLeaves for hazard 0 (no word drawn) or a day past 30000.
std::int32_t leaving_day(std::int32_t arrival_day, double hazard_per_day, engine::RandomStream& stream);

// How a joiner arriving in a post with access comes to the tool.
struct Arrival {
  bool makes_aware = false;  // aware from the day's first step
  // Notices the tool after this many days (ambient awareness); NaN: no such event.
  double ambient_awareness_after_days = std::numeric_limits<double>::quiet_NaN();
  bool onboarded = false;  // their onboarding included the tool
};

// A joiner arriving on `day` in a post whose holder had access (they
// inherit the seat). While onboarding is in force, it includes the tool:
// they are aware and their skill, relevance and its baseline rise by the
// onboarding gains × intensity (no words). Without it they come to the tool
// as access alone brings anyone: the next words of their Turnover block, a
// uniform against aware_on_access, then, when it fails and ambient
// awareness is on, an exponential wait.
Arrival arrive_with_access(PersonTraits& traits, const OrganisationState& state, double day,
                           const WorkplaceParams& params, engine::RandomStream& stream);

// Whether a phase starts on `day`: on its start day, or for a gated phase
// from its earliest day once the weekly active share of those with access
// reaches the gate, and on its latest day regardless. `weekly_active_share`
// is read only for a gated phase between its earliest and latest days.
template <typename WeeklyActiveShare>
bool phase_due(const Phase& phase, std::int32_t day, WeeklyActiveShare&& weekly_active_share) {
  const auto now = static_cast<double>(day);
  if (!phase.gated) return now >= phase.start_day;
  return now >= phase.gate.earliest_day &&
         (now >= phase.gate.latest_day || weekly_active_share() >= phase.gate.weekly_active_share_of_access);
}

}  // namespace adoptsim::model
