#pragma once
// One instance's vCPUs shared among the requests in their CPU phase (processor sharing), in
// virtual time: with n requests present each is served at min(cap, vcpu / n) vCPU, the same rate
// for all, so the service every present request has received since the queue was last empty is
// one number, the virtual time. A request that arrives needing w vCPU-seconds finishes when the
// virtual time reaches its arrival value + w, so the requests are kept in a heap by that finish
// tag and no arrival or departure ever touches the others: O(log n) per request whatever n is.
// (Kleinrock, "Queueing Systems" vol. 2, §4.4; the same idea as the virtual clock of fair
// queueing schedulers.)

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace computefit::sim {

/// Egalitarian processor sharing of `vcpu` vCPUs, each request served at most `cap` vCPU.
/// Its own clock is continuous: a request leaves at its exact finish, and only the completion
/// handed to the event list is rounded up to a whole tick, so rounding never accumulates.
class ProcessorSharing {
 public:
  /// A CPU of `vcpu` vCPUs (> 0); a request uses at most `cap_vcpu` (> 0) of them.
  ProcessorSharing(double vcpu, double cap_vcpu)
      : vcpu_(vcpu), cap_(std::min(cap_vcpu, vcpu)), rate_(cap_) {}

  /// Adds request `job`, which needs `work` vCPU-seconds, at `now` (calls in time order).
  void add(Tick now, double work, std::uint32_t job) {
    advance(to_seconds(now));
    heap_.push_back(Entry{virtual_time_ + std::max(work, 0.0), next_sequence_++, job});
    std::push_heap(heap_.begin(), heap_.end(), later);
    update_rate();
  }
  /// The first whole tick at or after the moment the first request present finishes (kNever
  /// when none is present).
  Tick next_completion() const {
    if (heap_.empty()) return kNever;
    const double exact = first_finish_seconds() * static_cast<double>(kTicksPerSecond);
    // The slack (a few units in the last place, at least 1e-6 tick) keeps a finish that is a
    // whole tick in exact arithmetic from rounding up on a last-bit error.
    const double ticks = std::ceil(exact - (1e-6 + exact * 1e-14));
    return static_cast<Tick>(std::clamp(ticks, 0.0, kMaxTicks));
  }
  /// Removes the request that finishes first and returns its id (call at next_completion();
  /// not empty).
  std::uint32_t pop(Tick now) {
    const double now_seconds = to_seconds(now);
    advance(std::min(first_finish_seconds(), now_seconds));
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const std::uint32_t job = heap_.back().job;
    heap_.pop_back();
    // Back to zero whenever the CPU empties, so the virtual time stays small and exact.
    if (heap_.empty()) virtual_time_ = 0;
    update_rate();
    advance(now_seconds);  // the rest of the tick at the new rate
    return job;
  }
  /// The requests in their CPU phase.
  std::size_t size() const { return heap_.size(); }
  /// vCPU in use now: min(n x cap, vcpu).
  double vcpu_in_use() const {
    return heap_.empty() ? 0.0 : rate_ * static_cast<double>(heap_.size());
  }
  /// The rate of each present request, vCPU (the request alone: cap).
  double rate() const { return rate_; }

 private:
  struct Entry {
    double finish;  // virtual time at which the request has received its work
    std::uint64_t sequence;
    std::uint32_t job;
  };
  // Far beyond any run, far from overflow (as kMaxSampledSeconds).
  static constexpr double kMaxTicks = kMaxSampledSeconds * static_cast<double>(kTicksPerSecond);

  // The heap's order: the earliest finish on top, ties in order of arrival.
  static bool later(const Entry& a, const Entry& b) {
    return a.finish > b.finish || (a.finish == b.finish && a.sequence > b.sequence);
  }
  double first_finish_seconds() const {
    return clock_ + (heap_.front().finish - virtual_time_) / rate_;
  }
  void advance(double seconds) {
    if (seconds <= clock_) return;
    if (!heap_.empty()) virtual_time_ += rate_ * (seconds - clock_);
    clock_ = seconds;
  }
  // min(cap, vcpu / n), n >= 1 (the rate a request would get alone when none is present).
  void update_rate() {
    const auto n = static_cast<double>(std::max<std::size_t>(heap_.size(), 1));
    rate_ = n * cap_ <= vcpu_ ? cap_ : vcpu_ / n;
  }

  double vcpu_;
  double cap_;
  double rate_;              // of each present request, vCPU
  double virtual_time_ = 0;  // vCPU-seconds each present request has received since empty
  double clock_ = 0;         // seconds: the moment virtual_time_ holds for
  std::uint64_t next_sequence_ = 0;
  std::vector<Entry> heap_;
};

}  // namespace computefit::sim
