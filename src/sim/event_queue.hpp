#pragma once
// The engine's future-event list: a binary min-heap ordered by (time, sequence), so events at the
// same tick come out in the order they were scheduled, never by address.

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
    heap_.push_back(Event<Payload>{time, next_sequence_++, std::move(payload)});
    sift_up(heap_.size() - 1);
  }
  /// True when nothing is pending.
  bool empty() const { return heap_.empty(); }
  /// The number of pending events.
  std::size_t size() const { return heap_.size(); }
  /// The earliest event (the queue must not be empty).
  const Event<Payload>& top() const { return heap_.front(); }
  /// Removes and returns the earliest event (the queue must not be empty).
  Event<Payload> pop() {
    Event<Payload> result = std::move(heap_.front());
    heap_.front() = std::move(heap_.back());
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return result;
  }
  /// The sequence number the next push will get.
  std::uint64_t next_sequence() const { return next_sequence_; }

 private:
  static bool before(const Event<Payload>& a, const Event<Payload>& b) {
    return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
  }
  void sift_up(std::size_t i) {
    Event<Payload> moving = std::move(heap_[i]);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(moving, heap_[parent])) break;
      heap_[i] = std::move(heap_[parent]);
      i = parent;
    }
    heap_[i] = std::move(moving);
  }
  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    Event<Payload> moving = std::move(heap_[i]);
    while (true) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], moving)) break;
      heap_[i] = std::move(heap_[child]);
      i = child;
    }
    heap_[i] = std::move(moving);
  }

  std::vector<Event<Payload>> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace computefit::sim
