#pragma once
// The engine's future-event list, ordered by (time, sequence), so events at the same tick come out
// in the order they were scheduled, never by address. A few events pending (the usual case: the
// requests in flight on a small fleet) are kept in a sorted array, earliest last: a pop is a
// pop_back and a push a short shift, about half the time of a heap's sifts, whose compares the
// processor cannot predict. Past kSortedMost events the array becomes a binary min-heap (an
// ascending array already is one), and back below kSortedLeast it is sorted again; the gap
// between the two keeps a queue that hovers about one size from switching at each event.

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/time.hpp"

namespace computefit::sim {

/// A pending event carrying a `Payload`.
template <typename Payload>
struct Event {
  Tick time = 0;
  std::uint64_t sequence = 0;
  Payload payload{};
};

/// Events ordered by (time, sequence); memory is the number of pending events.
template <typename Payload>
class EventQueue {
 public:
  /// Schedules `payload` at `time`.
  void push(Tick time, Payload payload) {
    // The new event is written field by field into its slot once the hole is there: building it
    // whole on the stack and copying it made the processor wait for stores it could not forward
    // to the wider loads of the copy. It has the largest sequence number of all, so it goes after
    // every pending event at its time: comparing times alone places it.
    const std::uint64_t sequence = next_sequence_++;
    std::size_t i = heap_.size();
    if (sorted_) {
      if (i < kSortedMost) {
        // Later events lie towards the front: shift the earlier ones up by one.
        heap_.emplace_back();
        while (i > 0 && heap_[i - 1].time <= time) {
          heap_[i] = heap_[i - 1];
          --i;
        }
        place(i, time, sequence, payload);
        return;
      }
      std::reverse(heap_.begin(), heap_.end());  // ascending: a min-heap as it stands
      sorted_ = false;
    }
    heap_.emplace_back();
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (heap_[parent].time <= time) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    place(i, time, sequence, payload);
  }
  /// True when nothing is pending.
  bool empty() const { return heap_.empty(); }
  /// The number of pending events.
  std::size_t size() const { return heap_.size(); }
  /// The earliest event (the queue must not be empty).
  const Event<Payload>& top() const { return sorted_ ? heap_.back() : heap_.front(); }
  /// Removes and returns the earliest event (the queue must not be empty).
  Event<Payload> pop() {
    if (sorted_) {
      Event<Payload> result = std::move(heap_.back());
      heap_.pop_back();
      return result;
    }
    Event<Payload> result = std::move(heap_.front());
    Event<Payload> last = std::move(heap_.back());
    heap_.pop_back();
    if (!heap_.empty()) refill_root(std::move(last));
    if (heap_.size() < kSortedLeast) {
      std::sort(heap_.begin(), heap_.end(),
                [](const Event<Payload>& a, const Event<Payload>& b) { return before(b, a); });
      sorted_ = true;
    }
    return result;
  }
  /// Drops every pending event (sequence numbers go on).
  void clear() {
    heap_.clear();
    sorted_ = true;
  }
  /// The sequence number the next push will get.
  std::uint64_t next_sequence() const { return next_sequence_; }

 private:
  void place(std::size_t i, Tick time, std::uint64_t sequence, Payload payload) {
    Event<Payload>& slot = heap_[i];
    slot.time = time;
    slot.sequence = sequence;
    slot.payload = payload;
  }
  // Without short-circuits, so the choice between children compiles to a conditional move: which
  // child is earlier is unpredictable, and a mispredicted branch costs more than both compares.
  static bool before(const Event<Payload>& a, const Event<Payload>& b) {
    return (a.time < b.time) | ((a.time == b.time) & (a.sequence < b.sequence));
  }
  // Floyd's bottom-up deletion: move the hole at the root down along the smaller children to a
  // leaf, then sift `last` up from there; about half the comparisons of the textbook sift-down,
  // since `last` usually belongs near the bottom.
  void refill_root(Event<Payload> last) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    while (true) {
      std::size_t child = 2 * i + 1;
      if (child + 1 < n) {
        child += static_cast<std::size_t>(before(heap_[child + 1], heap_[child]));
      } else if (child >= n) {
        break;
      }
      heap_[i] = std::move(heap_[child]);
      i = child;
    }
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(last, heap_[parent])) break;
      heap_[i] = std::move(heap_[parent]);
      i = parent;
    }
    heap_[i] = std::move(last);
  }

  static constexpr std::size_t kSortedMost = 48;
  static constexpr std::size_t kSortedLeast = 16;

  std::vector<Event<Payload>> heap_;  // sorted_: latest first; else a binary min-heap
  bool sorted_ = true;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace computefit::sim
