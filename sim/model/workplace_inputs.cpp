// What goes into a workplace run, apart from running it: the checks of
// parameters and plans, the parameter sets and plans the tests build on
// (the Bass reduction, everyone at day 0), the decision's table of logit bounds
// and the interventions' names.
#include "adoptsim/model/workplace.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

namespace adoptsim::model {

using org::PersonId;

UseDecision::UseDecision(LinkFunction link) : link_(link) {
  constexpr std::size_t kSlices = std::size_t{1} << (32 - kSliceShift);
  if (link != LinkFunction::Logistic) {
    slice_bounds_.assign(kSlices,
                         {-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()});
    return;
  }
  const auto logit_of_edge = [&](std::size_t edge) {
    if (edge == 0) return -std::numeric_limits<double>::infinity();
    if (edge == kSlices) return std::numeric_limits<double>::infinity();
    const double share = static_cast<double>(edge) / static_cast<double>(kSlices);
    return std::log(share / (1.0 - share));
  };
  slice_bounds_.resize(kSlices);
  for (std::size_t slice = 0; slice < kSlices; ++slice) {
    slice_bounds_[slice] = {logit_of_edge(slice) - kMargin, logit_of_edge(slice + 1) + kMargin};
  }
}

std::string_view to_string(InterventionKind kind) {
  static constexpr std::array<std::string_view, kInterventionKindCount> kNames = {"access",
                                                                                  "announcement",
                                                                                  "generic_webinar",
                                                                                  "task_workshop",
                                                                                  "daily_check_ins",
                                                                                  "champion_office_hours",
                                                                                  "manager_enablement",
                                                                                  "governance_publication",
                                                                                  "incentive_change",
                                                                                  "assign_champions",
                                                                                  "feedback_loop",
                                                                                  "monthly_exchange",
                                                                                  "kpi_communication",
                                                                                  "process_integration",
                                                                                  "knowledge_maintenance",
                                                                                  "onboarding",
                                                                                  "centre_of_excellence"};
  return kNames[static_cast<std::size_t>(kind)];
}

std::vector<std::string> validate(const WorkplaceParams& params, const RolloutPlan& plan,
                                  const org::OrgGraph& graph) {
  std::vector<std::string> problems;
  const auto in_unit = [&](const std::string& name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      std::ostringstream message;
      message << name << " = " << value << " is outside [0, 1]";
      problems.push_back(message.str());
    }
  };
  const auto check_beta = [&](const std::string& name, const BetaSpec& spec) {
    if (!(spec.mean > 0.0 && spec.mean < 1.0))
      problems.push_back(name + ".mean must lie strictly between 0 and 1");
    if (!(spec.concentration >= 0.0)) problems.push_back(name + ".concentration must be 0 or more");
  };
  const auto check_profile = [&](const std::string& name, const DepartmentProfile& profile) {
    check_beta(name + ".relevance", profile.relevance);
    check_beta(name + ".skill", profile.skill);
    check_beta(name + ".anxiety", profile.anxiety);
    check_beta(name + ".trust", profile.trust);
    if (!(profile.opportunities_per_working_day > 0.0)) {
      problems.push_back(name + ".opportunities_per_working_day must be above 0");
    }
    in_unit(name + ".fit_share", profile.fit_share);
    if (!(profile.attrition_per_year >= 0.0 && profile.attrition_per_year < 1.0))
      problems.push_back(name + ".attrition_per_year must be in [0, 1)");
  };
  check_profile("default_profile", params.default_profile);
  for (std::size_t index = 0; index < params.departments.size(); ++index) {
    check_profile("departments[" + std::to_string(index) + "]", params.departments[index]);
  }
  in_unit("outcome.success_floor", params.outcome.success_floor);
  in_unit("outcome.win_visibility", params.outcome.win_visibility);
  in_unit("dynamics.aware_on_access", params.dynamics.aware_on_access);
  in_unit("dynamics.quality_start", params.dynamics.quality_start);
  in_unit("dynamics.quality_max", params.dynamics.quality_max);
  in_unit("dynamics.quality_stale", params.dynamics.quality_stale);
  in_unit("dynamics.communication_fatigue", params.dynamics.communication_fatigue);
  if (!(params.dynamics.relevance_fade_days > 0.0))
    problems.push_back("dynamics.relevance_fade_days must be above 0");
  if (!(params.dynamics.quality_staleness_rate_per_day >= 0.0))
    problems.push_back("dynamics.quality_staleness_rate_per_day must be 0 or more");
  if (params.dynamics.uses_to_active < 1) problems.push_back("dynamics.uses_to_active must be at least 1");
  if (!(params.dynamics.forget_after_days >= 0.0))
    problems.push_back("dynamics.forget_after_days must be 0 or more");
  if (!(params.dynamics.lapse_after_days > 0.0))
    problems.push_back("dynamics.lapse_after_days must be above 0");
  if (!(params.outcome.habit_half_life_days > 0.0))
    problems.push_back("outcome.habit_half_life_days must be above 0");
  if (!(params.dynamics.novelty_days > 0.0)) problems.push_back("dynamics.novelty_days must be above 0");
  if (params.dynamics.steps_per_day < 1 || params.dynamics.steps_per_day > kMaxStepsPerDay) {
    problems.push_back("dynamics.steps_per_day must be from 1 to " + std::to_string(kMaxStepsPerDay));
  }
  if (!(params.dynamics.use_case_requests_per_person_per_year >= 0.0))
    problems.push_back("dynamics.use_case_requests_per_person_per_year must be 0 or more");
  if (!(params.dynamics.hours_per_use_case > 0.0))
    problems.push_back("dynamics.hours_per_use_case must be above 0");
  in_unit("effects.use_case_relevance_gain", params.effects.use_case_relevance_gain);
  if (!(params.dynamics.incident_recovery_days > 0.0)) {
    problems.push_back("dynamics.incident_recovery_days must be above 0");
  }
  double previous_start = 0.0;
  for (std::size_t index = 0; index < plan.phases.size(); ++index) {
    const Phase& phase = plan.phases[index];
    const std::string name = "phase " + std::to_string(index + 1) + " (" + phase.name + ")";
    if (phase.interventions.size() > kMaxInterventionsPerPhase) {
      problems.push_back(name + " has more than " + std::to_string(kMaxInterventionsPerPhase) +
                         " interventions");
    }
    if (!phase.gated) {
      if (phase.start_day < previous_start) {
        problems.push_back(name + " starts on day " + std::to_string(phase.start_day) +
                           ", before the phase it follows; phases run in order");
      }
      previous_start = phase.start_day;
    }
    for (const PersonId person : phase.cohort) {
      if (person >= graph.person_count()) {
        problems.push_back(name + " names person " + std::to_string(person) + ", who does not exist");
        break;
      }
    }
    for (const Intervention& intervention : phase.interventions) {
      in_unit(name + " intensity", intervention.intensity);
      if (intervention.kind == InterventionKind::CentreOfExcellence &&
          !(intervention.hours_per_week >= 0.0 && intervention.hours_per_week <= 168.0 * 1000.0))
        problems.push_back(name + " centre_of_excellence hours_per_week must be in [0, 168000]");
    }
  }
  for (const TrustIncident& incident : plan.incidents) in_unit("trust incident severity", incident.severity);
  return problems;
}

WorkplaceParams bass_equivalent_params(double innovation_p, double imitation_q,
                                       double opportunities_per_day) {
  WorkplaceParams params;
  params.every_day_working = true;
  params.default_profile.opportunities_per_working_day = opportunities_per_day;
  params.default_profile.fit_share = 1.0;
  params.default_profile.attrition_per_year = 0.0;
  DecisionWeights& decision = params.decision;
  decision = DecisionWeights{};
  decision.link = LinkFunction::Linear;
  decision.intercept = innovation_p / opportunities_per_day;
  decision.social = imitation_q / opportunities_per_day;
  decision.relevance = decision.skill = decision.anxiety = decision.trust = decision.habit = 0.0;
  decision.innovativeness = decision.incentive = decision.check_in_bonus = decision.novelty = 0.0;
  decision.incident = 0.0;
  params.dynamics.uses_to_active = 1;
  params.dynamics.steps_per_day = kMaxStepsPerDay;
  params.dynamics.lapse_after_days = std::numeric_limits<double>::infinity();
  params.dynamics.forget_after_days = std::numeric_limits<double>::infinity();
  params.dynamics.manager_weight = params.dynamics.enabled_manager_weight = params.dynamics.champion_weight =
      1.0;
  params.effects.announcement_reach = 1.0;
  return params;
}

RolloutPlan everyone_at_day_zero(const org::OrgGraph& graph) {
  RolloutPlan plan;
  Phase phase;
  phase.name = "everyone";
  phase.cohort.resize(graph.person_count());
  for (PersonId person = 0; person < graph.person_count(); ++person) phase.cohort[person] = person;
  phase.interventions = {{InterventionKind::Access, 1.0, 0.0, 0.0, 0.0, BudgetLever::Licences},
                         {InterventionKind::Announcement, 1.0, 0.0, 0.0, 0.0, BudgetLever::Communications}};
  plan.phases.push_back(std::move(phase));
  return plan;
}

}  // namespace adoptsim::model
