// A deterministic future-event set: events are ordered by (time, sequence
// number), the sequence number being assigned when an event is scheduled or
// rescheduled, so events at the same tick run in the order they were
// (re)scheduled. Supports cancel and reschedule in O(log n).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "adoptsim/engine/sim_time.hpp"

namespace adoptsim::engine {

// What an event carries. The engine does not interpret it: `kind` and
// `subject` mean whatever the model says (e.g. kind = adoption, subject =
// person index).
struct EventPayload {
  std::uint32_t kind = 0;
  std::uint32_t subject = 0;
};

struct Event {
  SimTime time;
  std::uint64_t sequence = 0;
  EventPayload payload;
};

// Refers to a scheduled event. Becomes stale once the event fires or is
// cancelled; stale handles are detected (generation counter), never misused.
struct EventHandle {
  std::uint32_t slot = kInvalidSlot;
  std::uint32_t generation = 0;
  static constexpr std::uint32_t kInvalidSlot = 0xffffffffu;
  bool valid() const { return slot != kInvalidSlot; }
};

class EventQueue {
 public:
  EventQueue() = default;

  // Reserves room for `count` simultaneously pending events.
  void reserve(std::size_t count);

  EventHandle schedule(SimTime time, EventPayload payload);
  // Returns false (and does nothing) if the handle is stale.
  bool cancel(EventHandle handle);
  // Moves a pending event to `time` with a fresh sequence number. Returns false
  // (and does nothing) if the handle is stale.
  bool reschedule(EventHandle handle, SimTime time);
  // True if the handle refers to an event that is still pending.
  bool pending(EventHandle handle) const;
  // Time of a pending event; precondition: pending(handle).
  SimTime time_of(EventHandle handle) const;

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  // Precondition: !empty().
  SimTime next_time() const;
  // Removes and returns the earliest event. Precondition: !empty().
  Event pop();
  // Removes every event; outstanding handles become stale.
  void clear();

 private:
  // The heap holds each event's ordering key next to its slot, so sifting
  // compares contiguous memory instead of chasing slot indices.
  struct HeapEntry {
    SimTime time;
    std::uint64_t sequence = 0;
    std::uint32_t slot = 0;
  };
  struct Slot {
    EventPayload payload;
    std::uint32_t heap_position = 0;
    std::uint32_t generation = 0;
  };

  static bool before(const HeapEntry& a, const HeapEntry& b) {
    if (a.time != b.time) return a.time < b.time;
    return a.sequence < b.sequence;
  }
  void sift_up(std::uint32_t position);
  void sift_down(std::uint32_t position);
  void place(std::uint32_t position, const HeapEntry& entry);
  void remove_at(std::uint32_t position);
  bool live(EventHandle handle) const;

  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<HeapEntry> heap_;  // a 4-ary min-heap by (time, sequence)
  std::uint64_t next_sequence_ = 0;
};

}  // namespace adoptsim::engine
