// A future-event set for models with many events spread over time (one
// pending event per person, say): events fall into buckets of a fixed width
// of time on a ring, and only the bucket being drained is kept in order
// (sorted when the ring reaches it), so a pop is O(1) and a schedule O(1)
// except into the bucket being drained. Events come out in the same (time, sequence number) order as
// EventQueue's: a model can use either and get the same run. There is no
// cancel or reschedule.
//
// Events are taken with pop_before(limit): the earliest event before `limit`,
// if any. The queue never looks past `limit`, so after pop_before(limit)
// returns nothing, events may still be scheduled at any time >= limit.
// Scheduling before the last limit asked for is a precondition violation.
#pragma once

#include <cstdint>
#include <vector>

#include "adoptsim/engine/event_queue.hpp"
#include "adoptsim/engine/sim_time.hpp"

namespace adoptsim::engine {

class BucketQueue {
 public:
  // Buckets are 2^bucket_width_log2 ticks wide (default: 1/64 day) and the
  // ring holds bucket_count of them (default: 4 days, past a weekend); events further ahead
  // wait in an overflow heap until the ring reaches them.
  explicit BucketQueue(int bucket_width_log2 = 26, std::uint32_t bucket_count = 256);

  void schedule(SimTime time, EventPayload payload);
  // The earliest pending event with time < limit, removed into `event`; false
  // when there is none. `limit` must not decrease from one call to the next.
  bool pop_before(SimTime limit, Event& event);

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

 private:
  struct Entry {
    std::int64_t ticks = 0;
    std::uint64_t sequence = 0;
    EventPayload payload;
  };
  // The bucket being drained is sorted latest first, so its earliest event
  // is at the back.
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.ticks != b.ticks) return a.ticks > b.ticks;
      return a.sequence > b.sequence;
    }
  };
  std::int64_t bucket_of(std::int64_t ticks) const { return ticks >> width_log2_; }
  std::vector<Entry>& ring_bucket(std::int64_t bucket) {
    return buckets_[static_cast<std::size_t>(bucket) & (buckets_.size() - 1)];
  }
  void place(const Entry& entry);
  // Makes `bucket` the current one: pulls in overflow events that now fit
  // the ring and sorts the bucket.
  void enter(std::int64_t bucket);

  int width_log2_;
  std::vector<std::vector<Entry>> buckets_;
  std::vector<Entry> overflow_;  // a heap by Later: the earliest on top
  std::int64_t current_ = 0;     // the bucket being drained; earlier buckets are empty
  bool current_is_sorted_ = false;
  std::size_t size_ = 0;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace adoptsim::engine
