// Rows of the parameter table for model.kind = "workplace": the model's
// weights and dynamics, department profiles, trust incidents and the budget
// (the strategy's rows are in strategy_parameters.cpp). Every default is read
// from the C++ structs (model::WorkplaceParams, strategy::StrategySpec,
// strategy::Budget), so the code and the table cannot disagree; `source`
// says why each value is what it is.
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "adoptsim/scenario/scenario.hpp"
#include "workplace_rows.hpp"

namespace adoptsim::scenario {
namespace {

using namespace workplace_rows;

// [model.workplace.default_profile] keys and department record fields.
struct ProfileKey {
  std::string_view name;
  std::string_view quantity;
  double minimum;
  double maximum;
  bool minimum_exclusive;
  bool maximum_exclusive;
  std::string_view description;
  ProfileField field;
  std::string_view unit{};
  std::string_view source{};
};

constexpr std::string_view kFitSource =
    "Seed 000: structured adoption is sustained at 60–80%, not 100% (fact F11); calibrated with the "
    "plateau of the structured plans at a year.";

constexpr std::string_view kProfileSource =
    "Seed 000's killers: most people do not see what the tool does for their own work (relevance below "
    "one half), lack the skill to use it well, and carry some fear of blame; trust starts neutral.";

constexpr std::string_view kAttritionSource =
    "An assumption for a typical office workforce (about one in eight leaves in a year), not from the "
    "seeds: set it from the organisation's HR data. Seed 000 (Anchor) asks that the tool reach new "
    "employees through onboarding, which only matters because people join.";

const std::vector<ProfileKey>& profile_keys() {
  static const std::vector<ProfileKey> keys = {
      {"relevance_mean", "a mean in (0, 1)", 0, 1, true, true,
       "Mean relevance of the tool to the department's daily work (Beta-distributed over people).",
       [](model::DepartmentProfile& p) -> double& { return p.relevance.mean; }},
      {"relevance_concentration", "a Beta concentration", 0, 10000, false, false,
       "Concentration a + b of the relevance distribution: higher is more alike; 0 puts everyone at the "
       "mean.",
       [](model::DepartmentProfile& p) -> double& { return p.relevance.concentration; }},
      {"skill_mean", "a mean in (0, 1)", 0, 1, true, true, "Mean starting skill with the tool.",
       [](model::DepartmentProfile& p) -> double& { return p.skill.mean; }},
      {"skill_concentration", "a Beta concentration", 0, 10000, false, false,
       "Concentration of the skill distribution.",
       [](model::DepartmentProfile& p) -> double& { return p.skill.concentration; }},
      {"anxiety_mean", "a mean in (0, 1)", 0, 1, true, true,
       "Mean anxiety: fear for one's job, of blame, that using AI is cheating.",
       [](model::DepartmentProfile& p) -> double& { return p.anxiety.mean; }},
      {"anxiety_concentration", "a Beta concentration", 0, 10000, false, false,
       "Concentration of the anxiety distribution.",
       [](model::DepartmentProfile& p) -> double& { return p.anxiety.concentration; }},
      {"trust_mean", "a mean in (0, 1)", 0, 1, true, true, "Mean starting trust in the tool's output.",
       [](model::DepartmentProfile& p) -> double& { return p.trust.mean; }},
      {"trust_concentration", "a Beta concentration", 0, 10000, false, false,
       "Concentration of the trust distribution.",
       [](model::DepartmentProfile& p) -> double& { return p.trust.concentration; }},
      {"opportunities_per_working_day", "a rate per working day", 0, 1000, true, false,
       "Work moments per person and working day where the tool could help (a Poisson stream).",
       [](model::DepartmentProfile& p) -> double& { return p.opportunities_per_working_day; },
       "per working day"},
      {"fit_share", "a share in [0, 1]", 0, 1, false, false,
       "Share of the department's people whose work the tool fits; the others never find a use for it, "
       "whatever the plan.",
       [](model::DepartmentProfile& p) -> double& { return p.fit_share; }, "", kFitSource},
      {"attrition_per_year", "a share in [0, 1)", 0, 1, false, true,
       "Share of the department's people who leave in a year; each is replaced the same day by a joiner in "
       "the same post, who starts afresh (docs/model.md, \"Joiners and leavers\"). 0: nobody leaves.",
       [](model::DepartmentProfile& p) -> double& { return p.attrition_per_year; }, "per year",
       kAttritionSource},
  };
  return keys;
}

template <std::size_t Index>
void apply_default_profile(const Value& v, Scenario& s) {
  if (s.workplace) profile_keys()[Index].field(s.workplace->params.default_profile) = as_float(v);
}
template <std::size_t Index>
std::optional<Value> read_default_profile(const Scenario& s) {
  if (!s.workplace) return std::nullopt;
  return Value{profile_keys()[Index].field(mutable_workplace(s).params.default_profile)};
}

template <std::size_t... Index>
void add_default_profile(Rows& rows, std::index_sequence<Index...>) {
  (rows.add({.key = intern(("model.workplace.default_profile." + std::string(profile_keys()[Index].name))),
             .kind = ValueKind::Float,
             .unit = profile_keys()[Index].unit,
             .quantity = profile_keys()[Index].quantity,
             .default_value = Value{profile_keys()[Index].field(rows.defaults.params.default_profile)},
             .minimum = profile_keys()[Index].minimum,
             .maximum = profile_keys()[Index].maximum,
             .minimum_exclusive = profile_keys()[Index].minimum_exclusive,
             .maximum_exclusive = profile_keys()[Index].maximum_exclusive,
             .description = profile_keys()[Index].description,
             .source = Index == 0 ? kProfileSource : profile_keys()[Index].source,
             .apply = apply_default_profile<Index>,
             .read = read_default_profile<Index>}),
   ...);
}

void add_model_rows(Rows& rows) {
  // --- decision weights
  rows.number<[](W& w) -> double& { return w.params.decision.intercept; }>(
      "model.workplace.decision.intercept", "", "a utility", -20.0, 20.0,
      "Utility of using the tool on one work opportunity for a person at the midpoint of every attribute, "
      "with no habit, no colleagues using it and no incentive; the use probability is σ(utility).",
      "Calibrated so that an announce-only launch leaves 5–15% daily active at day 90 (DESIGN.md F1; seed "
      "000: "
      "17 of 180).");
  rows.number<[](W& w) -> double& { return w.params.decision.relevance; }>(
      "model.workplace.decision.relevance", "", "a utility weight", 0.0, 50.0,
      "Weight of relevance − ½: does the tool fit my daily work?",
      "Seed 000 names relevance the first killer of adoption; the largest attribute weight.");
  rows.number<[](W& w) -> double& { return w.params.decision.skill; }>(
      "model.workplace.decision.skill", "", "a utility weight", 0.0, 50.0,
      "Weight of skill − ½: can I use it well?",
      "UTAUT's effort expectancy; smaller than relevance (seed 000 killer #4).");
  rows.number<[](W& w) -> double& { return w.params.decision.anxiety; }>(
      "model.workplace.decision.anxiety", "", "a utility weight", 0.0, 50.0,
      "Weight of anxiety, subtracted: fear for one's job, of blame.",
      "Seed 000 killer #2 (\"AI feels like cheating\"); eased by communications and governance.");
  rows.number<[](W& w) -> double& { return w.params.decision.trust; }>(
      "model.workplace.decision.trust", "", "a utility weight", 0.0, 50.0,
      "Weight of trust − ½: do I believe its output?", "Seed 001: trust is the precondition of use.");
  rows.number<[](W& w) -> double& { return w.params.decision.incident; }>(
      "model.workplace.decision.incident", "", "a utility weight", 0.0, 50.0,
      "Weight of the organisation-wide trust-incident penalty in force, subtracted; large enough to stop "
      "routine users too.",
      "Seed 001: \"trust incidents create adoption freezes\" — use stops across the organisation, not only "
      "among the doubtful (DESIGN.md F6).");
  rows.number<[](W& w) -> double& { return w.params.decision.habit; }>(
      "model.workplace.decision.habit", "", "a utility weight", 0.0, 50.0,
      "Weight of habit in [0, 1]: a routine user uses it almost always.",
      "Habit theory (Limayem et al. 2007): habit dominates continued use once formed.");
  rows.number<[](W& w) -> double& { return w.params.decision.social; }>(
      "model.workplace.decision.social", "", "a utility weight", 0.0, 50.0,
      "Weight of the weighted share of neighbours using the tool (a manager's use weighs more for their "
      "reports, a champion's for everyone around them).",
      "UTAUT's social influence; seeds 000 and 002: visible use by leaders and peers. Small enough that "
      "colleagues' use alone does not hold adoption up once the champions' support stops (DESIGN.md F12).");
  rows.number<[](W& w) -> double& { return w.params.decision.innovativeness; }>(
      "model.workplace.decision.innovativeness", "", "a utility weight", 0.0, 50.0,
      "Weight of the innovativeness score of the person's Rogers category.",
      "Rogers (2003): innovators try first, laggards last.");
  rows.number<[](W& w) -> double& { return w.params.decision.incentive; }>(
      "model.workplace.decision.incentive", "", "a utility weight", 0.0, 50.0,
      "Weight of the incentive in force, in [-1, 1].", "Performance expectancy: recognition and targets.");
  rows.number<[](W& w) -> double& { return w.params.decision.check_in_bonus; }>(
      "model.workplace.decision.check_in_bonus", "", "a utility", 0.0, 50.0,
      "Added to the utility while daily check-ins run for the person.",
      "Seed 000's activation: a daily nudge in the first weeks pushes first-week use up.");

  rows.number<[](W& w) -> double& { return w.params.decision.novelty; }>(
      "model.workplace.decision.novelty", "", "a utility weight", 0.0, 50.0,
      "Weight of novelty: curiosity about a new tool, 1 when a person becomes aware and decaying with "
      "dynamics.novelty_days.",
      "Seed 001: \"initial curiosity is high; people test it a few times\"; seed 000: about 18% use it in "
      "the first week (DESIGN.md F3).");

  // --- outcomes
  rows.number<[](W& w) -> double& { return w.params.outcome.success_floor; }>(
      "model.workplace.outcome.success_floor", "", "a share in [0, 1]", 0.0, 1.0,
      "Success probability at zero skill, as a share of tool quality; success = quality × (floor + (1 − "
      "floor) "
      "× skill).",
      "Novices get useful output about a third of the time (seed 001: early disappointment).");
  rows.number<[](W& w) -> double& { return w.params.outcome.check_in_success_bonus; }>(
      "model.workplace.outcome.check_in_success_bonus", "", "a probability", 0.0, 1.0,
      "Added to the success probability while check-ins run (help on the spot).");
  rows.number<[](W& w) -> double& { return w.params.outcome.habit_gain; }>(
      "model.workplace.outcome.habit_gain", "", "a share in [0, 1]", 0.0, 1.0,
      "Per success, habit += gain × (1 − habit); doubled during check-ins.",
      "About ten successful uses make a routine (Lally et al. 2010 report weeks of repetition).");
  rows.number<[](W& w) -> double& { return w.params.outcome.habit_half_life_days; }>(
      "model.workplace.outcome.habit_half_life_days", "days", "a number of days", 0.0, kMaxDays,
      "Half-life of habit without use.", "A routine fades over weeks without practice.");
  rows.exclusive_minimum();  // the model divides by it
  rows.number<[](W& w) -> double& { return w.params.outcome.trust_gain; }>(
      "model.workplace.outcome.trust_gain", "", "a share in [0, 1]", 0.0, 1.0,
      "Per success, trust += gain × (1 − trust).", "Seed 001: trust is built slowly by good experiences.");
  rows.number<[](W& w) -> double& { return w.params.outcome.trust_loss; }>(
      "model.workplace.outcome.trust_loss", "", "a share in [0, 1]", 0.0, 1.0,
      "Per failure, trust −= loss × trust.",
      "Seed 001: a bad answer costs more trust than a good one earns.");
  rows.number<[](W& w) -> double& { return w.params.outcome.learning_by_doing; }>(
      "model.workplace.outcome.learning_by_doing", "", "a share in [0, 1]", 0.0, 1.0,
      "Per use, skill += rate × (1 − skill).");
  rows.number<[](W& w) -> double& { return w.params.outcome.win_visibility; }>(
      "model.workplace.outcome.win_visibility", "", "a probability", 0.0, 1.0,
      "Chance that a success is seen by one neighbour (chosen by tie weight), who becomes aware.",
      "Seed 000: visible wins spread use; most work is not watched.");
  rows.number<[](W& w) -> double& { return w.params.outcome.relevance_from_seen_win; }>(
      "model.workplace.outcome.relevance_from_seen_win", "", "a share in [0, 1]", 0.0, 1.0,
      "A colleague of the same department who sees a win: relevance += rate × (1 − relevance).",
      "Seed 003: use cases spread within a department, rarely across.");
  rows.number<[](W& w) -> double& { return w.params.outcome.hours_saved_per_success; }>(
      "model.workplace.outcome.hours_saved_per_success", "hours", "a number of hours", 0.0, 24.0,
      "Hours saved by one successful use (reported, not used by decisions).");

  // --- dynamics
  rows.integer<[](W& w) -> int& { return w.params.dynamics.uses_to_active; }>(
      "model.workplace.dynamics.uses_to_active", "uses", "a whole number of successful uses", 1, 1000,
      "Successful uses that turn a person trying the tool into an active user.",
      "A few good experiences separate a trial from use (seed 000's first-use cohorts).");
  rows.number<[](W& w) -> double& { return w.params.dynamics.lapse_after_days; }>(
      "model.workplace.dynamics.lapse_after_days", "days", "a number of days", 0.0, kInf,
      "A person trying or using the tool who has not used it this long lapses (inf: never).",
      "Three weeks: longer than the 7-day active window, so a holiday week does not count as lapsing.");
  rows.exclusive_minimum();  // at 0 everyone would lapse the moment they start
  rows.number<[](W& w) -> double& { return w.params.dynamics.forget_after_days; }>(
      "model.workplace.dynamics.forget_after_days", "days", "a number of days", 0.0, kInf,
      "A lapsed person who has not used the tool this long forgets it: they take no work opportunities with "
      "it until something reminds them (an announcement or KPI communication reaching them, a workshop, "
      "office hours, a colleague's win seen); inf: never.",
      "Seeds 000 and 001: after an announce-only launch \"the system fades from awareness\" and \"most "
      "people quietly return to spreadsheets\" (fact F10).");
  rows.number<[](W& w) -> double& { return w.params.dynamics.ambient_awareness_per_day; }>(
      "model.workplace.dynamics.ambient_awareness_per_day", "per day", "a rate per day", 0.0, 100.0,
      "Rate at which a person with access but no announcement notices the tool on their own.",
      "Without communication, word gets round in a few months.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.aware_on_access; }>(
      "model.workplace.dynamics.aware_on_access", "", "a probability", 0.0, 1.0,
      "Chance that access alone (a licence appearing) makes a person aware.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.novelty_days; }>(
      "model.workplace.dynamics.novelty_days", "days", "a number of days", 0.0, kMaxDays,
      "e-folding time of the novelty term after a person becomes aware.",
      "Curiosity lasts about a week (seed 000's first-week figure).");
  rows.exclusive_minimum();  // the model divides by it
  rows.add({.key = "model.workplace.dynamics.relevance_fade_days",
            .kind = ValueKind::Float,
            .unit = "days",
            .quantity = "a number of days, or inf",
            .default_value = Value{rows.defaults.params.dynamics.relevance_fade_days},
            .minimum = 0,
            .minimum_exclusive = true,
            .description =
                "e-folding time of the relevance a person gained beyond their baseline (workshops, "
                "office hours, colleagues' wins, results communicated): what is not reinforced "
                "fades back (inf: never).",
            .source = "Seeds 000 and 001: without reinforcement \"the system fades from awareness\" and "
                      "people return to old workflows within months (fact F10).",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (s.workplace) s.workplace->params.dynamics.relevance_fade_days = as_float(v);
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              return Value{s.workplace->params.dynamics.relevance_fade_days};
            }});
  rows.number<[](W& w) -> double& { return w.params.dynamics.communication_fatigue; }>(
      "model.workplace.dynamics.communication_fatigue", "", "a factor in [0, 1]", 0.0, 1.0,
      "Each announcement or KPI communication a person has received scales the next one's effect on them "
      "by this factor (1: no fatigue).",
      "Communication fatigue: people stop reading the fifth announcement about the same tool.");
  rows.integer<[](W& w) -> int& { return w.params.dynamics.steps_per_day; }>(
      "model.workplace.dynamics.steps_per_day", "steps", "a whole number of steps per day", 1,
      model::kMaxStepsPerDay,
      "Steps the model divides a day into: within a step each person takes their work opportunities in turn, "
      "and colleagues see a change of use or a win from the next step.",
      "1: word of a colleague's use travels in about a working day, and habit, novelty and lapsing move over "
      "a "
      "week or more. More steps approach continuous time (the Bass reduction uses 64).");
  rows.number<[](W& w) -> double& { return w.params.dynamics.quality_start; }>(
      "model.workplace.dynamics.quality_start", "", "a quality in [0, 1]", 0.0, 1.0,
      "Tool quality at day 0: the success probability of a fully skilled user.",
      "Seed 001: early outputs are often wrong for the organisation's own tasks.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.quality_max; }>(
      "model.workplace.dynamics.quality_max", "", "a quality in [0, 1]", 0.0, 1.0,
      "Quality the tool approaches as it is improved.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.quality_base_rate_per_day; }>(
      "model.workplace.dynamics.quality_base_rate_per_day", "per day", "a rate per day", 0.0, 10.0,
      "Rate at which quality closes its gap to quality_max without a feedback loop.",
      "Vendor updates alone: a slow drift (a tenth of the gap closed in about seven months).");
  rows.number<[](W& w) -> double& { return w.params.dynamics.quality_feedback_rate_per_day; }>(
      "model.workplace.dynamics.quality_feedback_rate_per_day", "per day", "a rate per day", 0.0, 10.0,
      "Extra rate, × the feedback-loop intensity the support budget buys.",
      "Seed 000 killer #5: a feedback loop that fixes prompts and connectors closes the gap in weeks.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.quality_staleness_rate_per_day; }>(
      "model.workplace.dynamics.quality_staleness_rate_per_day", "per day", "a rate per day", 0.0, 10.0,
      "Rate at which quality falls toward quality_stale as the tool's knowledge goes out of date, × (1 − "
      "the knowledge-maintenance intensity the knowledge budget buys).",
      "Seed 002: \"a crisis two months after launch when users noticed the system didn't know about the "
      "new guidelines\" (fact F14).");
  rows.number<[](W& w) -> double& { return w.params.dynamics.quality_stale; }>(
      "model.workplace.dynamics.quality_stale", "", "a quality in [0, 1]", 0.0, 1.0,
      "Quality an unmaintained tool falls toward: it still answers general questions, not the "
      "organisation's own.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.incident_recovery_days; }>(
      "model.workplace.dynamics.incident_recovery_days", "days", "a number of days", 0.0, kMaxDays,
      "e-folding time of a trust incident's penalty: it falls at once and recovers over this many days.",
      "Seed 001: trust is lost in a day and regained over months (DESIGN.md F6).");
  rows.exclusive_minimum();  // the model divides by it
  rows.number<[](W& w) -> double& { return w.params.dynamics.governance_incident_softening; }>(
      "model.workplace.dynamics.governance_incident_softening", "", "a share in [0, 1]", 0.0, 1.0,
      "Share of an incident's penalty that published usage rules absorb, × governance intensity.",
      "Seed 001: clear rules tell people what to do when the tool fails.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.manager_weight; }>(
      "model.workplace.dynamics.manager_weight", "", "a multiplier", 0.0, 100.0,
      "How much more a manager's use counts for their own reports than a peer's, × tie weight.",
      "Seed 000 killer #3 and seed 002: people watch what their manager does.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.enabled_manager_weight; }>(
      "model.workplace.dynamics.enabled_manager_weight", "", "a multiplier", 0.0, 100.0,
      "The same once the manager has been through enablement and uses it visibly.",
      "Visible, deliberate role-modelling (seed 002).");
  rows.number<[](W& w) -> double& { return w.params.dynamics.champion_weight; }>(
      "model.workplace.dynamics.champion_weight", "", "a multiplier", 0.0, 100.0,
      "How much more a champion's use counts for the people around them.",
      "Seed 003: department champions carry use cases to their colleagues.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.use_case_requests_per_person_per_year; }>(
      "model.workplace.dynamics.use_case_requests_per_person_per_year", "per person per year",
      "a rate per person per year", 0.0, 365.0,
      "While a centre_of_excellence runs, each department asks it for use cases at this rate per person "
      "with access (a Poisson stream per department and day; docs/model.md, \"A centre of excellence\").",
      "Seed 003: the CoE \"assesses and prioritises incoming use-case ideas\" from every department; about "
      "seven a year for a department of 30 is an assumption, not from the seeds.");
  rows.number<[](W& w) -> double& { return w.params.dynamics.hours_per_use_case; }>(
      "model.workplace.dynamics.hours_per_use_case", "hours", "a number of hours", 0.0, 10000.0,
      "Hours of the centre of excellence's team one use case takes, from request to delivery "
      "(strategy.phases.coe_hours_per_week is the team's capacity).",
      "Seed 003: a \"minimum scalable product\" is small enough to ship quickly; a week of one expert's "
      "time is an assumption.");
  rows.exclusive_minimum();  // a use case takes some time

  // --- intervention effects
  const auto effect =
      [&rows]<auto Field>(std::string_view key, std::string_view description, std::string_view source = {}) {
    rows.number<Field>(key, "", "a share in [0, 1]", 0.0, 1.0, description, source);
  };
  effect.operator()<[](W& w) -> double& { return w.params.effects.announcement_reach; }>(
      "model.workplace.effects.announcement_reach",
      "Share of a cohort with access an announcement makes aware, at full communications intensity.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.announcement_anxiety_relief; }>(
      "model.workplace.effects.announcement_anxiety_relief",
      "Share of anxiety an announcement that explains the why removes, at full intensity.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.webinar_attendance; }>(
      "model.workplace.effects.webinar_attendance", "Share of a cohort that attends a generic webinar.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.webinar_skill_gain; }>(
      "model.workplace.effects.webinar_skill_gain",
      "Skill gain of a generic webinar, as a share of the gap to 1 (seed 000, 001: training that doesn't "
      "train).");
  effect.operator()<[](W& w) -> double& { return w.params.effects.workshop_attendance; }>(
      "model.workplace.effects.workshop_attendance",
      "Share of a cohort that attends a task-specific workshop.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.workshop_skill_gain; }>(
      "model.workplace.effects.workshop_skill_gain",
      "Skill gain of a task-specific workshop (DESIGN.md F8).");
  effect.operator()<[](W& w) -> double& { return w.params.effects.workshop_relevance_gain; }>(
      "model.workplace.effects.workshop_relevance_gain",
      "Relevance gain of a task-specific workshop: people see the tool on their own tasks.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.office_hours_skill_gain; }>(
      "model.workplace.effects.office_hours_skill_gain",
      "Weekly skill gain of champions' office hours for the champions' neighbours.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.office_hours_relevance_gain; }>(
      "model.workplace.effects.office_hours_relevance_gain",
      "Weekly relevance gain of office hours, at full champions intensity (the library's plans buy about a "
      "third of it).",
      "Seed 000: the champion community keeps usage high; stopping its office hours and exchanges at day "
      "90 costs the plan at least 10 points by day 270 (DESIGN.md F12).");
  effect.operator()<[](W& w) -> double& { return w.params.effects.manager_skill_gain; }>(
      "model.workplace.effects.manager_skill_gain", "Skill gain of manager enablement.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.manager_anxiety_relief; }>(
      "model.workplace.effects.manager_anxiety_relief", "Share of a manager's anxiety enablement removes.");
  rows.number<[](W& w) -> double& { return w.params.effects.manager_innovativeness_boost; }>(
      "model.workplace.effects.manager_innovativeness_boost", "", "an innovativeness score", 0.0, 10.0,
      "Added to an enabled manager's innovativeness score: they use it deliberately and visibly.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.governance_anxiety_relief; }>(
      "model.workplace.effects.governance_anxiety_relief",
      "Share of everyone's anxiety short, clear usage rules remove (seed 001).");
  effect.operator()<[](W& w) -> double& { return w.params.effects.champion_skill_gain; }>(
      "model.workplace.effects.champion_skill_gain", "Skill gain of being made a champion (their training).");
  rows.number<[](W& w) -> double& { return w.params.effects.champion_innovativeness_boost; }>(
      "model.workplace.effects.champion_innovativeness_boost", "", "an innovativeness score", 0.0, 10.0,
      "Added to a champion's innovativeness score.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.exchange_relevance_gain; }>(
      "model.workplace.effects.exchange_relevance_gain",
      "Relevance gain of each monthly exchange, to every champion (new use cases from the others).");
  effect.operator()<[](W& w) -> double& { return w.params.effects.exchange_skill_gain; }>(
      "model.workplace.effects.exchange_skill_gain",
      "Skill gain of each monthly exchange, to every champion.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.kpi_relevance_gain; }>(
      "model.workplace.effects.kpi_relevance_gain",
      "Relevance gain of a monthly KPI communication, to everyone with access (× communication fatigue).");
  effect.operator()<[](W& w) -> double& { return w.params.effects.process_relevance_gain; }>(
      "model.workplace.effects.process_relevance_gain",
      "Process integration: relevance gain of the cohort, and of the baseline it fades back to.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.onboarding_skill_gain; }>(
      "model.workplace.effects.onboarding_skill_gain",
      "Skill gain of a joiner whose onboarding includes the tool, at full intensity (as a task workshop's).",
      "Seed 000, Anchor: the tool in the onboarding materials for new employees; the gain is taken as a "
      "task workshop's (an assumption).");
  effect.operator()<[](W& w) -> double& { return w.params.effects.onboarding_relevance_gain; }>(
      "model.workplace.effects.onboarding_relevance_gain",
      "Relevance gain of a joiner whose onboarding includes the tool, and of the baseline it fades back to, "
      "at full intensity.");
  effect.operator()<[](W& w) -> double& { return w.params.effects.use_case_relevance_gain; }>(
      "model.workplace.effects.use_case_relevance_gain",
      "Relevance gain, and of the baseline it fades back to, of everyone with access in a department when "
      "the centre_of_excellence delivers a use case it asked for, at full intensity (it also reminds them "
      "of the tool).",
      "Seed 003: the CoE rolls successful pilots' use cases out to adjacent teams; seed 002: while a "
      "department waits for the CoE it gains nothing from it.");

  // --- Rogers categories
  rows.add(
      {.key = "model.workplace.innovativeness.shares",
       .kind = ValueKind::FloatArray,
       .quantity = "five shares that sum to 1",
       .default_value = Value{std::vector<double>(rows.defaults.params.innovativeness.shares.begin(),
                                                  rows.defaults.params.innovativeness.shares.end())},
       .minimum = 0,
       .maximum = 1,
       .description = "Shares of innovators, early adopters, early majority, late majority and laggards.",
       .source = "Rogers (2003): 2.5%, 13.5%, 34%, 34%, 16%.",
       .apply =
           [](const Value& v, Scenario& s) {
             if (!s.workplace) return;
             const auto& values = std::get<std::vector<double>>(v);
             auto& shares = s.workplace->params.innovativeness.shares;
             for (std::size_t i = 0; i < shares.size() && i < values.size(); ++i) shares[i] = values[i];
           },
       .read = [](const Scenario& s) -> std::optional<Value> {
         if (!s.workplace) return std::nullopt;
         const auto& shares = s.workplace->params.innovativeness.shares;
         return Value{std::vector<double>(shares.begin(), shares.end())};
       },
       .check = [](const Value& v) -> std::string {
         const auto& values = std::get<std::vector<double>>(v);
         if (values.size() != 5) return "has " + std::to_string(values.size()) + " entries, not 5";
         double sum = 0.0;
         for (const double value : values) sum += value;
         return std::fabs(sum - 1.0) > 1e-6 ? "does not sum to 1" : "";
       }});
  rows.add({.key = "model.workplace.innovativeness.scores",
            .kind = ValueKind::FloatArray,
            .quantity = "five innovativeness scores",
            .default_value = Value{std::vector<double>(rows.defaults.params.innovativeness.scores.begin(),
                                                       rows.defaults.params.innovativeness.scores.end())},
            .minimum = -10,
            .maximum = 10,
            .description = "Innovativeness score of each category, in the order of `shares`; multiplied by "
                           "decision.innovativeness.",
            .source = "Innovators well above the mean, laggards well below; the early majority near zero.",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (!s.workplace) return;
                  const auto& values = std::get<std::vector<double>>(v);
                  auto& scores = s.workplace->params.innovativeness.scores;
                  for (std::size_t i = 0; i < scores.size() && i < values.size(); ++i) scores[i] = values[i];
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              const auto& scores = s.workplace->params.innovativeness.scores;
              return Value{std::vector<double>(scores.begin(), scores.end())};
            },
            .check = [](const Value& v) -> std::string {
              const auto size = std::get<std::vector<double>>(v).size();
              return size != 5 ? "has " + std::to_string(size) + " entries, not 5" : "";
            }});

  // --- department profiles
  add_default_profile(rows, std::make_index_sequence<11>{});
  rows.add({.key = "model.workplace.departments",
            .kind = ValueKind::TableArray,
            .quantity = "an array of tables with `name` and any default_profile key",
            .default_value = Value{std::vector<Record>{}},
            .description = "Department-level overrides of [model.workplace.default_profile], each "
                           "`{ name = \"Engineering\", relevance_mean = 0.6 }`; a key left out takes the "
                           "default profile's value. Names must be departments of the organisation.",
            .source = "Relevance differs by department: writing-heavy work gains most (seed 003).",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (!s.workplace) return;
                  s.workplace->department_profiles.clear();
                  for (const Record& record : std::get<std::vector<Record>>(v)) {
                    NamedDepartmentProfile named{std::get<std::string>(*record.find("name")),
                                                 s.workplace->params.default_profile};
                    for (const ProfileKey& key : profile_keys()) {
                      key.field(named.profile) = field_or(record, key.name, key.field(named.profile));
                    }
                    s.workplace->department_profiles.push_back(std::move(named));
                  }
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              std::vector<Record> records;
              for (NamedDepartmentProfile named : s.workplace->department_profiles) {
                Record record;
                record.fields.emplace_back("name", Scalar{named.department});
                for (const ProfileKey& key : profile_keys())
                  record.fields.emplace_back(std::string(key.name), Scalar{key.field(named.profile)});
                records.push_back(std::move(record));
              }
              return Value{std::move(records)};
            }});
  rows.add({.key = "model.workplace.departments.name",
            .kind = ValueKind::String,
            .quantity = "a department name",
            .description = "The department this profile applies to.",
            .check = [](const Value& v) -> std::string { return as_string(v).empty() ? "is empty" : ""; }});
  for (const ProfileKey& key : profile_keys()) {
    rows.add({.key = intern(("model.workplace.departments." + std::string(key.name))),
              .kind = ValueKind::Float,
              .quantity = key.quantity,
              .default_value = Value{key.field(rows.defaults.params.default_profile)},
              .minimum = key.minimum,
              .maximum = key.maximum,
              .minimum_exclusive = key.minimum_exclusive,
              .maximum_exclusive = key.maximum_exclusive,
              .description = "As in [model.workplace.default_profile], whose value a department left without "
                             "it takes."});
  }

  // --- trust incidents
  rows.add({.key = "model.workplace.incidents",
            .kind = ValueKind::TableArray,
            .quantity = "an array of tables with `day` and `severity`",
            .default_value = Value{std::vector<Record>{}},
            .description =
                "Organisation-wide trust incidents, each `{ day = 60, severity = 0.5 }`: a "
                "visible failure or a data scare. The trust penalty jumps by `severity` and decays "
                "with dynamics.incident_recovery_days.",
            .source = "Seed 001: one public failure freezes adoption for weeks (DESIGN.md F6).",
            .apply =
                [](const Value& v, Scenario& s) {
                  if (!s.workplace) return;
                  s.workplace->incidents.clear();
                  for (const Record& record : std::get<std::vector<Record>>(v)) {
                    s.workplace->incidents.push_back(
                        {field_or(record, "day", 0.0), field_or(record, "severity", 0.3)});
                  }
                },
            .read = [](const Scenario& s) -> std::optional<Value> {
              if (!s.workplace) return std::nullopt;
              std::vector<Record> records;
              for (const model::TrustIncident& incident : s.workplace->incidents) {
                records.push_back({{{"day", Scalar{incident.day}}, {"severity", Scalar{incident.severity}}}});
              }
              return Value{std::move(records)};
            }});
  rows.add({.key = "model.workplace.incidents.day",
            .kind = ValueKind::Float,
            .unit = "days",
            .quantity = "a day",
            .minimum = 0,
            .maximum = kMaxDays,
            .description = "Day of the incident."});
  rows.add({.key = "model.workplace.incidents.severity",
            .kind = ValueKind::Float,
            .quantity = "a severity in [0, 1]",
            .minimum = 0,
            .maximum = 1,
            .description = "Size of the jump in everyone's trust penalty."});
}

// Rows of [budget.shares], [budget.unit_cost_usd], [budget.half_saturation_per_person].
template <double strategy::LeverValues::*Member>
struct LeverRow {
  template <strategy::LeverValues strategy::Budget::*Group>
  static void apply(const Value& v, Scenario& s) {
    if (s.workplace) (s.workplace->budget.*Group).*Member = as_float(v);
  }
  template <strategy::LeverValues strategy::Budget::*Group>
  static std::optional<Value> read(const Scenario& s) {
    if (!s.workplace) return std::nullopt;
    return Value{(s.workplace->budget.*Group).*Member};
  }
};

template <strategy::LeverValues strategy::Budget::*Group, double strategy::LeverValues::*Member>
void lever_row(Rows& rows, std::string_view prefix, std::string_view lever, std::string_view unit,
               std::string_view quantity, std::string_view description, std::string_view source,
               std::optional<double> maximum) {
  rows.add({.key = intern((std::string(prefix) + "." + std::string(lever))),
            .kind = ValueKind::Float,
            .unit = unit,
            .quantity = quantity,
            .default_value = Value{(rows.defaults.budget.*Group).*Member},
            .minimum = 0,
            .maximum = maximum,
            .description = description,
            .source = source,
            .apply = LeverRow<Member>::template apply<Group>,
            .read = LeverRow<Member>::template read<Group>});
}

template <strategy::LeverValues strategy::Budget::*Group>
void lever_group(Rows& rows, std::string_view prefix, std::string_view unit, std::string_view quantity,
                 std::optional<double> maximum, const std::array<std::string_view, 8>& descriptions,
                 std::string_view source) {
  using L = strategy::LeverValues;
  lever_row<Group, &L::training>(rows, prefix, "training", unit, quantity, descriptions[0], source, maximum);
  lever_row<Group, &L::champions>(rows, prefix, "champions", unit, quantity, descriptions[1], {}, maximum);
  lever_row<Group, &L::communications>(rows, prefix, "communications", unit, quantity, descriptions[2], {},
                                       maximum);
  lever_row<Group, &L::leadership>(rows, prefix, "leadership", unit, quantity, descriptions[3], {}, maximum);
  lever_row<Group, &L::governance>(rows, prefix, "governance", unit, quantity, descriptions[4], {}, maximum);
  lever_row<Group, &L::support>(rows, prefix, "support", unit, quantity, descriptions[5], {}, maximum);
  lever_row<Group, &L::incentives>(rows, prefix, "incentives", unit, quantity, descriptions[6], {}, maximum);
  lever_row<Group, &L::knowledge>(rows, prefix, "knowledge", unit, quantity, descriptions[7], {}, maximum);
}

void add_budget_rows(Rows& rows) {
  rows.number<[](W& w) -> double& { return w.budget.total_usd; }>(
      "budget.total_usd", "USD", "an amount in USD", 0.0, 1e12,
      "Total rollout budget over the horizon: licences plus change management.",
      "About $550 a head for the 180-person default: six months of licences for everyone cost about $180 a "
      "head, so seats never run short below a two-thirds change-management share (budget_sweep tightens "
      "this for fact F4).");
  rows.number<[](W& w) -> double& { return w.budget.change_management_share; }>(
      "budget.change_management_share", "fraction", "a share of the total", 0.0, 1.0,
      "Share of the total spent on change management (the levers below); the rest buys licence seats, so a "
      "larger share leaves fewer seats (fact F4).",
      "Seed 002: most organisations spend 3–7%; 15–25% gives the highest adoption.");
  rows.number<[](W& w) -> double& { return w.budget.licence_cost_per_seat_month_usd; }>(
      "budget.licence_cost_per_seat_month_usd", "USD per seat-month", "an amount in USD", 0.0, 1e6,
      "Licence cost of one seat for a month; every seat is paid from day 0 to the horizon.",
      "List prices of enterprise LLM assistants are around $30 per seat-month.");
  lever_group<&strategy::Budget::shares>(
      rows, "budget.shares", "fraction", "a share of the change-management money", 1.0,
      {"Share of the change-management money for training (webinars and task-specific workshops).",
       "Share for champions (designation, training and office hours).", "Share for communications.",
       "Share for leadership (manager enablement).", "Share for governance (short, clear usage rules).",
       "Share for support (hypercare check-ins and the feedback loop).", "Share for incentives.",
       "Share for knowledge maintenance (the tool's sources and pipelines kept current)."},
      "The eight shares must sum to 1; the default weights training and support, as seeds 000 and 002 "
      "advise, and keeps a tenth for knowledge maintenance (seed 002: the tool that did not know the new "
      "guidelines).");
  lever_group<&strategy::Budget::unit_cost_usd>(
      rows, "budget.unit_cost_usd", "USD", "a unit cost in USD", 1e9,
      {"Cost of one training seat-hour.", "Cost of one champion hour.", "Cost of one communication.",
       "Cost of one manager enablement seat-hour.", "Cost of one governance document.",
       "Cost of one support hour.", "Cost of the incentive for one person.",
       "Cost of one knowledge-maintenance hour (refreshing sources, pipelines)."},
      "Loaded internal rates of a mid-market firm; a consultant replaces them with the client's.");
  lever_group<&strategy::Budget::half_saturation_per_person>(
      rows, "budget.half_saturation_per_person", "units per person", "a quantity per person", 1e9,
      {"Training seat-hours per trainee that buy half the full effect.",
       "Champion hours per person in the organisation that buy half the effect.",
       "Communications per person that buy half the effect.",
       "Enablement seat-hours per manager that buy half the effect.",
       "Governance documents per person that buy half the effect.",
       "Support hours per person supported that buy half the effect.",
       "Incentives per person that buy half the effect.",
       "Knowledge-maintenance hours per person in the organisation that buy half the effect."},
      "Intensity = 1 − exp(−ln 2 × quantity per person / half-saturation): diminishing returns.");
}

}  // namespace

void add_workplace_parameters(std::vector<Parameter>& table) {
  Rows rows{table, WorkplaceScenario{}};
  add_model_rows(rows);
  add_strategy_rows(rows);
  add_budget_rows(rows);
}

}  // namespace adoptsim::scenario
