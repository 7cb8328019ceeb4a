// A rollout plan as the workplace model executes it: phases that start on a
// day or when a KPI gate is met, each applying interventions to a cohort of
// people, plus organisation-wide trust incidents. The strategy module expands
// presets and budgets into a plan; the model only carries it out.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "adoptsim/model/observer.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::model {

enum class InterventionKind : std::uint8_t {
  Access,                 // licence seats for the cohort: no_access → unaware
  Announcement,           // communications: awareness, and the "why" eases anxiety
  GenericWebinar,         // generic training: a small skill gain
  TaskWorkshop,           // task-specific training: skill and relevance gains
  DailyCheckIns,          // hypercare for duration_days: nudges, help on failures, faster habit
  ChampionOfficeHours,    // champions help the people around them, weekly, for duration_days
  ManagerEnablement,      // managers learn and use the tool visibly; anxiety eases
  GovernancePublication,  // short, clear usage rules: anxiety eases, incidents bite less
  IncentiveChange,        // sets the incentive term of the cohort's decisions to `value`
  AssignChampions,        // flags the cohort as champions
  FeedbackLoop,           // the tool improves faster for duration_days
  MonthlyExchange,        // the champions' community meets every 30 days for duration_days
  KpiCommunication,       // results communicated to everyone every 30 days for duration_days
  ProcessIntegration,     // the tool written into the cohort's process documentation
  KnowledgeMaintenance,   // the tool's knowledge kept current for duration_days
  Onboarding,             // joiners learn the tool in their onboarding, for duration_days
  CentreOfExcellence,     // a CoE builds departments' use cases, hours_per_week, for duration_days
};
inline constexpr int kInterventionKindCount = 17;
std::string_view to_string(InterventionKind kind);

struct Intervention {
  InterventionKind kind = InterventionKind::Access;
  // What the budget bought, in [0, 1] (a saturating curve of spend).
  double intensity = 1.0;
  // DailyCheckIns, ChampionOfficeHours, FeedbackLoop, MonthlyExchange,
  // KpiCommunication, KnowledgeMaintenance, Onboarding, CentreOfExcellence: how long it
  // runs from its start (it ends then or on until_day, whichever comes first).
  double duration_days = 0.0;
  double value = 0.0;     // IncentiveChange: the incentive level, in [-1, 1]
  double cost_usd = 0.0;  // charged to `lever` on the day the phase starts
  BudgetLever lever = BudgetLever::Communications;
  double until_day = std::numeric_limits<double>::infinity();  // the recurring kinds end on it at the latest
  double hours_per_week = 0.0;  // CentreOfExcellence: the hours a week its team works on use cases
};

// A phase with a gate starts on the first day (at or after earliest_day) when
// the weekly active share of the people who have access reaches threshold,
// and at the latest on latest_day (never, when +inf).
struct Gate {
  double weekly_active_share_of_access = 0.5;  // in (0, 1]
  double earliest_day = 0.0;
  double latest_day = std::numeric_limits<double>::infinity();
};

struct Phase {
  std::string name;
  double start_day = 0.0;  // used when !gated
  bool gated = false;
  Gate gate;
  std::vector<org::PersonId> cohort;
  std::vector<Intervention> interventions;
};

// An organisation-wide loss of trust (a visible failure, a data scare): its
// penalty jumps by `severity` and decays with the model's recovery time.
struct TrustIncident {
  double day = 0.0;
  double severity = 0.3;  // in [0, 1]
};

struct RolloutPlan {
  // Phases run in order: a phase's start is never before the previous one's.
  std::vector<Phase> phases;
  std::vector<TrustIncident> incidents;
  double licence_cost_per_seat_day_usd = 0.0;
};

}  // namespace adoptsim::model
