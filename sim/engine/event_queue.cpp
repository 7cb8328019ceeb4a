#include "adoptsim/engine/event_queue.hpp"

#include <cassert>

namespace adoptsim::engine {
namespace {
// A 4-ary heap: shallower than a binary heap, and a node's children share a
// cache line, which matters when the queue holds one event per person.
constexpr std::uint32_t kArity = 4;
}  // namespace

void EventQueue::reserve(std::size_t count) {
  slots_.reserve(count);
  heap_.reserve(count);
}

void EventQueue::place(std::uint32_t position, const HeapEntry& entry) {
  heap_[position] = entry;
  slots_[entry.slot].heap_position = position;
}

void EventQueue::sift_up(std::uint32_t position) {
  const HeapEntry entry = heap_[position];
  while (position > 0) {
    const std::uint32_t parent = (position - 1) / kArity;
    if (!before(entry, heap_[parent])) break;
    place(position, heap_[parent]);
    position = parent;
  }
  place(position, entry);
}

void EventQueue::sift_down(std::uint32_t position) {
  const HeapEntry entry = heap_[position];
  const auto size = static_cast<std::uint32_t>(heap_.size());
  while (true) {
    const std::uint32_t first_child = position * kArity + 1;
    if (first_child >= size) break;
    std::uint32_t best = first_child;
    const std::uint32_t last_child = first_child + kArity < size ? first_child + kArity : size;
    for (std::uint32_t child = first_child + 1; child < last_child; ++child) {
      if (before(heap_[child], heap_[best])) best = child;
    }
    if (!before(heap_[best], entry)) break;
    place(position, heap_[best]);
    position = best;
  }
  place(position, entry);
}

EventHandle EventQueue::schedule(SimTime time, EventPayload payload) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  slots_[slot].payload = payload;
  heap_.push_back(HeapEntry{time, next_sequence_++, slot});
  sift_up(static_cast<std::uint32_t>(heap_.size() - 1));
  return EventHandle{slot, slots_[slot].generation};
}

bool EventQueue::live(EventHandle handle) const {
  return handle.slot < slots_.size() && slots_[handle.slot].generation == handle.generation &&
         slots_[handle.slot].heap_position < heap_.size() &&
         heap_[slots_[handle.slot].heap_position].slot == handle.slot;
}

bool EventQueue::pending(EventHandle handle) const { return live(handle); }

SimTime EventQueue::time_of(EventHandle handle) const {
  assert(live(handle));
  return heap_[slots_[handle.slot].heap_position].time;
}

void EventQueue::remove_at(std::uint32_t position) {
  const std::uint32_t slot = heap_[position].slot;
  ++slots_[slot].generation;  // every handle to this event is now stale
  free_slots_.push_back(slot);
  const HeapEntry last = heap_.back();
  heap_.pop_back();
  if (position == heap_.size()) return;
  place(position, last);
  if (position > 0 && before(last, heap_[(position - 1) / kArity])) {
    sift_up(position);
  } else {
    sift_down(position);
  }
}

bool EventQueue::cancel(EventHandle handle) {
  if (!live(handle)) return false;
  remove_at(slots_[handle.slot].heap_position);
  return true;
}

bool EventQueue::reschedule(EventHandle handle, SimTime time) {
  if (!live(handle)) return false;
  const std::uint32_t position = slots_[handle.slot].heap_position;
  HeapEntry& entry = heap_[position];
  const bool earlier = time < entry.time;
  entry.time = time;
  entry.sequence = next_sequence_++;
  // A fresh sequence number can only move the event later among equal times.
  if (earlier) {
    sift_up(position);
  } else {
    sift_down(position);
  }
  return true;
}

SimTime EventQueue::next_time() const {
  assert(!heap_.empty());
  return heap_.front().time;
}

Event EventQueue::pop() {
  assert(!heap_.empty());
  const HeapEntry& top = heap_.front();
  Event event{top.time, top.sequence, slots_[top.slot].payload};
  remove_at(0);
  return event;
}

void EventQueue::clear() {
  for (const HeapEntry& entry : heap_) {
    ++slots_[entry.slot].generation;
    free_slots_.push_back(entry.slot);
  }
  heap_.clear();
}

}  // namespace adoptsim::engine
