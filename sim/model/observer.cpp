#include "adoptsim/model/observer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace adoptsim::model {

std::string_view to_string(FunnelState state) {
  static constexpr std::array<std::string_view, kFunnelStateCount> kNames = {
      "no_access", "unaware", "aware", "trying", "active", "lapsed"};
  return kNames[static_cast<std::size_t>(state)];
}

std::string_view to_string(BudgetLever lever) {
  static constexpr std::array<std::string_view, kBudgetLeverCount> kNames = {
      "training", "champions",  "communications", "leadership", "governance",
      "support",  "incentives", "knowledge",      "licences"};
  return kNames[static_cast<std::size_t>(lever)];
}

void replay_adoptions(const std::vector<double>& adoption_day, std::int32_t horizon_days,
                      ReplicateObserver& observer) {
  observer.on_start(std::vector<FunnelState>(adoption_day.size(), FunnelState::Unaware));
  // People in order of adoption; ties keep person order, so the replay is deterministic.
  std::vector<org::PersonId> order(adoption_day.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](org::PersonId a, org::PersonId b) { return adoption_day[a] < adoption_day[b]; });
  DayActivity activity;
  std::size_t next = 0;
  for (std::int32_t day = 0; day < horizon_days; ++day) {
    activity.clear_for(day);
    const double day_end = static_cast<double>(day) + 1.0;
    while (next < order.size() && adoption_day[order[next]] < day_end) {
      activity.state_changes.push_back({order[next], FunnelState::Unaware, FunnelState::Active});
      ++next;
    }
    observer.on_day(activity);
  }
}

}  // namespace adoptsim::model
