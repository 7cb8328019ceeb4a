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
// can be reused for many replicates (one at a time; not thread-safe).
//
// Definitions:
//   - adopted: people who ever reached trying, active or lapsed (including
//     at time 0) or recorded a use. Reference models only report
//     Unaware → Active, so there it equals state_active.
//   - a person in a has-used state at time 0 has no first-use day (no
//     cohort) and counts as active in a window only once they use the tool.
//   - several uses by one person in one day count once in the active
//     windows and every time in uses.
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

  void on_start(const std::vector<model::FunnelState>& initial_states) override;
  void on_day(const model::DayActivity& activity) override;

  // Moves the finished replicate out; the recorder needs on_start again.
  ReplicateSeries take_series();

  const std::shared_ptr<const SeriesLayout>& layout() const { return layout_; }
  // Bytes of per-person and per-group working state (excluding the output).
  std::size_t working_memory_bytes() const;

 private:
  static constexpr std::uint16_t kNever = 0xffff;
  // Bits of PersonRecord::flags: ever used, then one "has returned" bit per return day.
  static constexpr std::uint8_t kAdoptedBit = 1u;
  static constexpr std::array<std::int32_t, 3> kWindowDays = {1, 7, 30};

  std::array<std::size_t, 3> groups_of(org::PersonId person) const;
  void mark_adopted(org::PersonId person, const std::array<std::size_t, 3>& groups);
  void record_use(org::PersonId person, std::int32_t day, std::uint32_t count);
  // Adds `change` at `series_day` of a window's difference array, per group.
  void add_window_delta(std::size_t window, const std::array<std::size_t, 3>& groups, std::int32_t series_day,
                        std::int32_t change);
  void write_snapshot(std::size_t day);
  void finish_windows();

  const org::OrgGraph* graph_;
  std::shared_ptr<const SeriesLayout> layout_;
  ReplicateSeries series_;
  std::int32_t next_day_ = -1;  // -1 until on_start

  // 10 bytes, kept together (with a copy of the person's department and
  // role) so a use touches one cache line: uses arrive in no person order
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
};

}  // namespace adoptsim::metrics
