// Records one replicate's daily series (see series.hpp for the metrics and
// the day convention) from a model's trace, in O(1) per use and per state
// change, with 10 bytes of state per person.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "adoptsim/metrics/series.hpp"
#include "adoptsim/model/observer.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::metrics {

// Usage: pass to a model (or model::replay_adoptions); after the model has
// called on_start and on_day for days 0 .. H-1, take_series() hands over
// the replicate's series. on_start starts a new replicate, so one recorder
// can be reused for many replicates (one at a time; not thread-safe). When
// the layout has plan groups (the pilot, the champions), set_members tells
// the recorder who is in them before on_start.
//
// Definitions:
//   - adopted: people who ever reached trying, active or lapsed (including
//     at time 0) or recorded a use. Reference models only report
//     Unaware → Active, so there it equals state_active.
//   - a person in a has-used state at time 0 has no first-use day (no
//     cohort) and counts as active in a window only once they use the tool.
//   - several uses by one person in one day count once in the active
//     windows and every time in uses.
//   - a leaver's post is taken by a joiner who starts afresh: the leaver
//     stops counting in the active windows from the day they leave and in
//     adopted, and the joiner counts once they use the tool (a new first-use
//     cohort member). Groups are posts: the joiner is in the post's
//     department, role and plan groups.
//
// on_day throws std::invalid_argument when the trace is inconsistent: a day
// out of order or beyond the horizon, a person out of range, or a state
// change whose `from` is not the person's current state. take_series throws
// std::logic_error before all H days have been observed.
class SeriesRecorder : public model::ReplicateObserver {
 public:
  // Keeps a reference to `graph`, which must outlive the recorder.
  SeriesRecorder(const org::OrgGraph& graph, std::int32_t horizon_days);
  // Shares `layout` (built from the same graph) with other recorders, so
  // every replicate of a run points at one layout.
  SeriesRecorder(const org::OrgGraph& graph, std::shared_ptr<const SeriesLayout> layout);

  // The members of a plan group from the next on_start on, for every
  // replicate until set again (none until then); the replicate's size of
  // the group is people.size(). Throws std::invalid_argument when the
  // layout does not have the group, or a person is out of range or listed
  // twice.
  void set_members(PlanGroup group, std::vector<org::PersonId> people);

  void on_start(const std::vector<model::FunnelState>& initial_states) override;
  void on_day(const model::DayActivity& activity) override;

  // Moves the finished replicate out; the recorder needs on_start again.
  ReplicateSeries take_series();

  const std::shared_ptr<const SeriesLayout>& layout() const { return layout_; }
  // Bytes of per-person and per-group working state (excluding the output).
  std::size_t working_memory_bytes() const;

 private:
  static constexpr std::uint16_t kNever = 0xffff;
  // Bits of PersonRecord::flags: ever used, then one "has returned" bit per
  // return day, then one membership bit per PlanGroup (kPlanGroupBit << group).
  static constexpr std::uint8_t kAdoptedBit = 1u;
  static constexpr std::uint8_t kPlanGroupBit = 1u << (1 + kReturnDays.size());
  static constexpr std::uint8_t kPlanGroupBits =
      static_cast<std::uint8_t>(((1u << kPlanGroupCount) - 1u) * kPlanGroupBit);
  static_assert(kPlanGroupBit << (kPlanGroupCount - 1) <= 0x80u, "the flags fit in 8 bits");
  static constexpr std::array<std::int32_t, 3> kWindowDays = {1, 7, 30};

  struct PersonRecord;
  // Calls visit(group) for each group the person is in: all, their
  // department and role, then their plan groups (a branch that is rarely
  // taken: few people are in one).
  template <typename Visit>
  void for_each_group(const PersonRecord& record, Visit&& visit) const;
  void mark_adopted(org::PersonId person);
  // The holder of the post left at the start of `day`; a joiner starts afresh.
  void start_afresh(org::PersonId person, std::int32_t day);
  void record_use(org::PersonId person, std::int32_t day, std::uint32_t count);
  // Adds `change` at `series_day` of a window's difference array, in each of the person's groups.
  void add_window_delta(std::size_t window, org::PersonId person, std::int32_t series_day,
                        std::int32_t change);
  void write_snapshot(std::size_t day);
  void finish_windows();

  const org::OrgGraph* graph_;
  std::shared_ptr<const SeriesLayout> layout_;
  ReplicateSeries series_;
  std::int32_t next_day_ = -1;  // -1 until on_start
  // Per PlanGroup: its index in the layout (unused when absent) and members.
  std::array<std::size_t, kPlanGroupCount> plan_group_index_{};
  std::array<std::vector<org::PersonId>, kPlanGroupCount> plan_members_;

  // 10 bytes, kept together (with a copy of the person's department and
  // role, and their plan groups in flags) so a use touches one cache line: uses arrive in no person order
  // and on a large organisation each one misses the cache.
  struct PersonRecord {
    std::uint16_t first_use_day = kNever;
    std::uint16_t last_use_day = kNever;
    org::DepartmentId department = 0;
    model::FunnelState state = model::FunnelState::Unaware;
    std::uint8_t flags = 0;
    org::Role role = org::Role::IndividualContributor;
  };
  static_assert(sizeof(PersonRecord) <= 10);
  std::vector<PersonRecord> person_;

  // Per group: current state and adopted counts, and today's uses.
  std::vector<std::uint32_t> state_count_;  // [group * kFunnelStateCount + state]
  std::vector<std::uint32_t> adopted_count_;
  std::vector<std::uint32_t> uses_today_;
  // Per window and group, a difference array over days 0 .. H+1: +1 where a
  // person's coverage of the window starts, -1 after it ends. A use on day k
  // covers series days k+1 .. k+W of a W-day window.
  std::vector<std::int32_t> window_delta_;  // [(window * groups + group) * (H + 2) + day]

  std::array<double, model::kBudgetLeverCount> spend_usd_{};
  double hours_saved_ = 0.0;
  std::uint64_t leavers_ = 0, joiners_onboarded_ = 0;
  std::uint64_t use_case_requests_ = 0, use_cases_delivered_ = 0, use_case_wait_days_ = 0;
  std::uint32_t use_case_queue_ = 0;
};

}  // namespace adoptsim::metrics
