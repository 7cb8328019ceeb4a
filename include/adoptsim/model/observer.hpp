// The trace hook every model exposes: a replicate's activity is handed to an
// observer one simulated day at a time (one virtual call per day, never per
// event), so metrics can be recorded without the model doing any I/O or
// knowing what is measured.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::model {

// The adoption funnel. Reference models use only Unaware (not adopted) and
// Active (adopted).
enum class FunnelState : std::uint8_t { NoAccess, Unaware, Aware, Trying, Active, Lapsed };
inline constexpr int kFunnelStateCount = 6;
std::string_view to_string(FunnelState state);
// True for the states of someone who has used the tool at least once.
constexpr bool has_used(FunnelState state) {
  return state == FunnelState::Trying || state == FunnelState::Active || state == FunnelState::Lapsed;
}

// Where money goes. Everything but Licences is change management.
enum class BudgetLever : std::uint8_t {
  Training,
  Champions,
  Communications,
  Leadership,
  Governance,
  Support,
  Incentives,
  Knowledge,  // knowledge maintenance: the tool's sources and pipelines kept current
  Licences
};
inline constexpr int kBudgetLeverCount = 9;
std::string_view to_string(BudgetLever lever);

struct StateChange {
  org::PersonId person = org::kNoPerson;
  FunnelState from = FunnelState::Unaware;
  FunnelState to = FunnelState::Unaware;
};

// Uses of the tool by one person (at one step of the day).
struct PersonUses {
  org::PersonId person = org::kNoPerson;
  std::uint32_t count = 1;
};

// Everything that happened on one simulated day [day, day + 1), in event order.
struct DayActivity {
  std::int32_t day = 0;
  std::vector<PersonUses> uses;  // a person may appear more than once

  std::vector<StateChange> state_changes;
  // Posts whose holder left at the day's start, each taken the same day by
  // a joiner who starts afresh (no use yet, not adopted); the leaving and
  // the joiner's arrival also appear in state_changes (to no_access, then to
  // unaware when the post had access). Before any of the day's uses.
  std::vector<org::PersonId> leavers;
  std::uint32_t joiners_onboarded = 0;  // joiners whose onboarding included the tool
  // A centre of excellence (the workplace model's): use cases asked for and
  // delivered today, the days those delivered waited in all, and the
  // requests still waiting at the day's end.
  std::uint32_t use_case_requests = 0;
  std::uint32_t use_cases_delivered = 0;
  std::uint64_t use_case_wait_days = 0;
  std::uint32_t use_case_queue = 0;
  std::array<double, kBudgetLeverCount> spend_usd{};
  double hours_saved = 0.0;

  void clear_for(std::int32_t next_day) {
    day = next_day;
    uses.clear();
    state_changes.clear();
    leavers.clear();
    joiners_onboarded = 0;
    use_case_requests = use_cases_delivered = use_case_queue = 0;
    use_case_wait_days = 0;
    spend_usd.fill(0.0);
    hours_saved = 0.0;
  }
};

class ReplicateObserver {
 public:
  virtual ~ReplicateObserver() = default;
  // Called once, before day 0, with every person's state at time 0.
  virtual void on_start(const std::vector<FunnelState>& initial_states) = 0;
  // Called for each day 0 .. horizon - 1 in order, also for days when nothing happened.
  virtual void on_day(const DayActivity& activity) = 0;
};

// Replays a reference model's outcome (adoption day per person, +inf for
// never) as days of activity: everyone starts Unaware; an adoption is a
// change Unaware → Active on its day. No uses, no spend.
void replay_adoptions(const std::vector<double>& adoption_day, std::int32_t horizon_days,
                      ReplicateObserver& observer);

}  // namespace adoptsim::model
