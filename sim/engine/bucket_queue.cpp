#include "adoptsim/engine/bucket_queue.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace adoptsim::engine {

BucketQueue::BucketQueue(int bucket_width_log2, std::uint32_t bucket_count) : width_log2_(bucket_width_log2) {
  if (bucket_count == 0 || (bucket_count & (bucket_count - 1)) != 0 || bucket_width_log2 < 0 ||
      bucket_width_log2 > 48) {
    throw std::invalid_argument(
        "BucketQueue: bucket_count must be a power of two and the width 2^0..2^48 ticks");
  }
  buckets_.resize(bucket_count);
}

void BucketQueue::place(const Entry& entry) {
  const std::int64_t bucket = bucket_of(entry.ticks);
  if (bucket >= current_ + static_cast<std::int64_t>(buckets_.size())) {
    overflow_.push_back(entry);
    std::push_heap(overflow_.begin(), overflow_.end(), Later{});
    return;
  }
  std::vector<Entry>& target = ring_bucket(bucket);
  if (bucket == current_ && current_is_sorted_) {
    target.insert(std::upper_bound(target.begin(), target.end(), entry, Later{}), entry);
  } else {
    target.push_back(entry);
  }
}

void BucketQueue::schedule(SimTime time, EventPayload payload) {
  assert(bucket_of(time.ticks()) >= current_);
  place(Entry{time.ticks(), next_sequence_++, payload});
  ++size_;
}

void BucketQueue::enter(std::int64_t bucket) {
  current_ = bucket;
  // The ring now reaches one bucket further for each bucket advanced.
  const std::int64_t ring_end = current_ + static_cast<std::int64_t>(buckets_.size());
  while (!overflow_.empty() && bucket_of(overflow_.front().ticks) < ring_end) {
    std::pop_heap(overflow_.begin(), overflow_.end(), Later{});
    const Entry entry = overflow_.back();
    overflow_.pop_back();
    ring_bucket(bucket_of(entry.ticks)).push_back(entry);
  }
  std::vector<Entry>& events = ring_bucket(current_);
  std::sort(events.begin(), events.end(), Later{});
  current_is_sorted_ = true;
}

bool BucketQueue::pop_before(SimTime limit, Event& event) {
  if (!current_is_sorted_) enter(current_);
  while (size_ > 0) {
    std::vector<Entry>& events = ring_bucket(current_);
    if (!events.empty()) {
      const Entry& entry = events.back();
      if (entry.ticks >= limit.ticks()) return false;
      event = Event{SimTime::from_ticks(entry.ticks), entry.sequence, entry.payload};
      events.pop_back();
      --size_;
      return true;
    }
    // The current bucket is drained: move on, but never past the limit's
    // bucket, where events may still be scheduled.
    if (current_ >= bucket_of(limit.ticks())) return false;
    if (overflow_.empty() || size_ > overflow_.size()) {
      enter(current_ + 1);
    } else {
      // Only far events are left: jump to the first of them (or the limit's bucket).
      enter(std::min(bucket_of(overflow_.front().ticks), bucket_of(limit.ticks())));
    }
  }
  return false;
}

}  // namespace adoptsim::engine
