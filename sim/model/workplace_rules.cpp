#include "adoptsim/model/workplace_rules.hpp"

namespace adoptsim::model {

std::uint32_t poisson_count(double mean, std::uint32_t word) {
  const auto draw = static_cast<double>(word);
  double mass = std::exp(-mean);
  double total = 0.0;
  for (std::uint32_t count = 0;; ++count) {
    if (count > 0) mass *= mean / static_cast<double>(count);
    total += mass;
    const bool last = 1.0 - total < 0x1p-34 || (count > mean && mass == 0.0);
    if (last || draw < total * 0x1p32) return count;
  }
}

namespace {

double draw_beta(engine::RandomStream& stream, const BetaSpec& spec) {
  if (spec.concentration <= 0.0) return spec.mean;
  return stream.beta(spec.mean * spec.concentration, (1.0 - spec.mean) * spec.concentration);
}

}  // namespace

PersonTraits draw_traits(const DepartmentProfile& profile, const InnovativenessParams& innovativeness,
                         engine::RandomStream& stream) {
  PersonTraits traits;
  traits.relevance = static_cast<float>(draw_beta(stream, profile.relevance));
  traits.skill = static_cast<float>(draw_beta(stream, profile.skill));
  traits.anxiety = static_cast<float>(draw_beta(stream, profile.anxiety));
  traits.trust = static_cast<float>(draw_beta(stream, profile.trust));
  const double category = stream.uniform();
  double cumulative = 0.0;
  traits.innovativeness = static_cast<float>(innovativeness.scores.back());
  for (std::size_t index = 0; index < innovativeness.shares.size(); ++index) {
    cumulative += innovativeness.shares[index];
    if (category < cumulative) {
      traits.innovativeness = static_cast<float>(innovativeness.scores[index]);
      break;
    }
  }
  traits.fits = stream.uniform() < profile.fit_share;
  traits.relevance_baseline = traits.relevance;
  return traits;
}

InterventionOnPerson apply_intervention(const Intervention& intervention, const WorkplaceParams& params,
                                        org::Role role, bool has_access, double now_days,
                                        PersonTraits& traits, engine::RandomStream& stream) {
  const InterventionEffects& effects = params.effects;
  const double intensity = intervention.intensity;
  InterventionOnPerson result;
  switch (intervention.kind) {
    case InterventionKind::Access:
      if (has_access) break;
      result.grants_access = true;
      if (stream.uniform() < params.dynamics.aware_on_access) {
        result.makes_aware = true;
      } else if (params.dynamics.ambient_awareness_per_day > 0.0) {
        result.ambient_awareness_after_days = stream.exponential(params.dynamics.ambient_awareness_per_day);
      }
      break;
    case InterventionKind::Announcement: {
      const double effect =
          intensity * communication_effect(traits.communications, params.dynamics.communication_fatigue);
      count_communication(traits);
      traits.anxiety = relieved(traits.anxiety, effects.announcement_anxiety_relief * effect);
      result.makes_aware = has_access && stream.uniform() < effects.announcement_reach * effect;
      break;
    }
    case InterventionKind::ProcessIntegration:
      traits.relevance = raised(traits.relevance, effects.process_relevance_gain * intensity);
      traits.relevance_baseline =
          raised(traits.relevance_baseline, effects.process_relevance_gain * intensity);
      result.makes_aware = has_access;
      break;
    case InterventionKind::GenericWebinar:
      if (stream.uniform() < effects.webinar_attendance * intensity) {
        traits.skill = raised(traits.skill, effects.webinar_skill_gain);
        result.makes_aware = has_access;
      }
      break;
    case InterventionKind::TaskWorkshop:
      if (stream.uniform() < effects.workshop_attendance * intensity) {
        traits.skill = raised(traits.skill, effects.workshop_skill_gain);
        // Seeing the tool work on one's own tasks is learned, not a mood: the
        // baseline rises with it, so this gain does not fade.
        traits.relevance = raised(traits.relevance, effects.workshop_relevance_gain);
        traits.relevance_baseline = raised(traits.relevance_baseline, effects.workshop_relevance_gain);
        result.makes_aware = has_access;
      }
      break;
    case InterventionKind::DailyCheckIns:
      traits.check_in_until = static_cast<float>(
          std::max(static_cast<double>(traits.check_in_until),
                   std::min(now_days + intervention.duration_days * intensity, intervention.until_day)));
      result.makes_aware = has_access;
      break;
    case InterventionKind::ManagerEnablement:
      if (role == org::Role::IndividualContributor) break;
      traits.skill = raised(traits.skill, effects.manager_skill_gain * intensity);
      traits.anxiety = relieved(traits.anxiety, effects.manager_anxiety_relief * intensity);
      traits.innovativeness =
          static_cast<float>(traits.innovativeness + effects.manager_innovativeness_boost * intensity);
      result.sets_flags = kEnabledManagerFlag;
      result.makes_aware = has_access;
      break;
    case InterventionKind::IncentiveChange:
      traits.incentive = static_cast<float>(intervention.value * intensity);
      break;
    case InterventionKind::AssignChampions:
      traits.skill = raised(traits.skill, effects.champion_skill_gain * intensity);
      traits.innovativeness =
          static_cast<float>(traits.innovativeness + effects.champion_innovativeness_boost * intensity);
      result.sets_flags = kChampionFlag;
      result.makes_aware = has_access;
      break;
    case InterventionKind::GovernancePublication:
    case InterventionKind::ChampionOfficeHours:
    case InterventionKind::FeedbackLoop:
    case InterventionKind::MonthlyExchange:
    case InterventionKind::KpiCommunication:
    case InterventionKind::KnowledgeMaintenance:
    case InterventionKind::Onboarding:
    case InterventionKind::CentreOfExcellence:
      break;  // organisation-wide: see apply_to_organisation
  }
  return result;
}

double apply_to_organisation(const Intervention& intervention, double now_days,
                             const InterventionEffects& effects, OrganisationState& state) {
  const double intensity = intervention.intensity;
  const Programme programme{static_cast<std::int32_t>(now_days),
                            std::min(now_days + intervention.duration_days, intervention.until_day),
                            intensity};
  switch (intervention.kind) {
    case InterventionKind::GovernancePublication:
      state.governance_intensity = std::max(state.governance_intensity, intensity);
      return effects.governance_anxiety_relief * intensity;
    case InterventionKind::ChampionOfficeHours:
      state.office_hours = programme;
      return 0.0;
    case InterventionKind::FeedbackLoop:
      state.feedback = programme;
      return 0.0;
    case InterventionKind::MonthlyExchange:
      state.exchange = programme;
      return 0.0;
    case InterventionKind::KpiCommunication:
      state.kpi_report = programme;
      return 0.0;
    case InterventionKind::KnowledgeMaintenance:
      state.knowledge = programme;
      return 0.0;
    case InterventionKind::Onboarding:
      state.onboarding = programme;
      return 0.0;
    case InterventionKind::CentreOfExcellence:
      state.centre_of_excellence = programme;
      state.coe_hours_per_week = intervention.hours_per_week;
      return 0.0;
    default:
      return 0.0;
  }
}

std::int32_t leaving_day(std::int32_t arrival_day, double hazard_per_day, engine::RandomStream& stream) {
  if (!(hazard_per_day > 0.0)) return kNeverLeaves;
  const double tenure_days = std::max(1.0, std::ceil(stream.exponential(hazard_per_day)));
  const double day = static_cast<double>(arrival_day) + tenure_days;
  return day > 30000.0 ? kNeverLeaves : static_cast<std::int32_t>(day);
}

Arrival arrive_with_access(PersonTraits& traits, const OrganisationState& state, double day,
                           const WorkplaceParams& params, engine::RandomStream& stream) {
  Arrival arrival;
  const double onboarding = in_force(state.onboarding, day);
  if (onboarding > 0.0) {
    const InterventionEffects& effects = params.effects;
    traits.skill = raised(traits.skill, effects.onboarding_skill_gain * onboarding);
    traits.relevance = raised(traits.relevance, effects.onboarding_relevance_gain * onboarding);
    traits.relevance_baseline =
        raised(traits.relevance_baseline, effects.onboarding_relevance_gain * onboarding);
    arrival.makes_aware = true;
    arrival.onboarded = true;
  } else if (stream.uniform() < params.dynamics.aware_on_access) {
    arrival.makes_aware = true;
  } else if (params.dynamics.ambient_awareness_per_day > 0.0) {
    arrival.ambient_awareness_after_days = stream.exponential(params.dynamics.ambient_awareness_per_day);
  }
  return arrival;
}

void begin_day(OrganisationState& state, std::int32_t day, std::span<const TrustIncident> incidents,
               const DynamicsParams& dynamics) {
  const auto now = static_cast<double>(day);
  if (day > 0) {
    const double rate = dynamics.quality_base_rate_per_day +
                        dynamics.quality_feedback_rate_per_day * in_force(state.feedback, now);
    state.quality += (dynamics.quality_max - state.quality) * (1.0 - std::exp(-rate));
    const double staleness = dynamics.quality_staleness_rate_per_day * (1.0 - in_force(state.knowledge, now));
    if (state.quality > dynamics.quality_stale)
      state.quality -= (state.quality - dynamics.quality_stale) * (1.0 - std::exp(-staleness));
  }
  double penalty = 0.0;
  for (const TrustIncident& incident : incidents) {
    if (incident.day > now) continue;
    penalty += incident.severity * std::exp(-(now - incident.day) / dynamics.incident_recovery_days);
  }
  state.incident_penalty =
      penalty * (1.0 - dynamics.governance_incident_softening * state.governance_intensity);
}

}  // namespace adoptsim::model
