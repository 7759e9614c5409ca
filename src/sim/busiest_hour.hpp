#pragma once
// The busiest clock hour of a run, minute by minute: what a chart of a burst shows. Only the
// current hour and the best one so far are kept, so memory does not grow with the simulated time.

#include <algorithm>
#include <array>
#include <cstdint>

#include "sim/simulation_result.hpp"
#include "sim/time.hpp"

namespace computefit::sim {

class BusiestHourRecorder {
 public:
  static constexpr Tick kMinute = 60 * kTicksPerSecond;

  /// Records the measured span [start, end); start_seconds in the profile count from `start`.
  BusiestHourRecorder(Tick start, Tick end)
      : start_(start), end_(end), minute_end_(start + kMinute), hour_start_(start) {}

  /// Closes the minutes that ended before `now`; call before handling an event at `now`.
  void advance(Tick now) {
    if (now > end_) now = end_;
    while (now >= minute_end_) close_minute();
  }
  /// The next tick at which advance() has work to do (kNever once the last minute closed).
  Tick next_boundary() const { return minute_end_ <= end_ ? minute_end_ : kNever; }
  /// One more arrival in the current minute (measured arrivals only).
  void arrival() { ++minute_.arrivals; }
  /// The levels after an event at `now` (they hold until the next event): raises the current
  /// minute's peaks.
  void observe(Tick now, std::int64_t instances, std::int64_t connections, std::int64_t queued) {
    // Unchanged levels move nothing (most events change none of them): the current minute's
    // peaks already hold the levels, and in the burn-in, where no arrival is counted, the minute
    // already carries them.
    if (instances == instances_ && connections == connections_ && queued == queued_) return;
    if (now >= end_) return;
    instances_ = instances;
    connections_ = connections;
    queued_ = queued;
    if (now < start_) {  // the burn-in: the levels carry into the first minute
      minute_ = {0, instances, connections, queued};
      return;
    }
    minute_.peak_instances = std::max(minute_.peak_instances, instances);
    minute_.peak_connections = std::max(minute_.peak_connections, connections);
    minute_.peak_queued = std::max(minute_.peak_queued, queued);
  }

  /// The busiest clock hour (most arrivals; the earliest on a tie), once the run reached `end`.
  BusiestHourProfile finish() {
    advance(end_);
    if (minute_end_ - kMinute < end_) close_minute();  // the partial last minute
    if (minute_index_ > 0) close_hour(minute_index_);  // the partial last hour
    return best_;
  }

 private:
  void close_minute() {
    hour_[static_cast<std::size_t>(minute_index_)] = minute_;
    hour_arrivals_ += minute_.arrivals;
    minute_ = {0, instances_, connections_, queued_};
    minute_end_ += kMinute;
    if (++minute_index_ == 60) close_hour(60);
  }

  void close_hour(int minutes) {
    if (best_.minutes.empty() || hour_arrivals_ > best_arrivals_) {
      best_arrivals_ = hour_arrivals_;
      best_.start_seconds = to_seconds(hour_start_ - start_);
      best_.minutes.assign(hour_.begin(), hour_.begin() + minutes);
    }
    hour_start_ += 60 * kMinute;
    hour_arrivals_ = 0;
    minute_index_ = 0;
  }

  Tick start_;
  Tick end_;
  Tick minute_end_;
  Tick hour_start_;
  int minute_index_ = 0;
  std::int64_t hour_arrivals_ = 0;
  std::int64_t best_arrivals_ = -1;
  std::int64_t instances_ = 0, connections_ = 0, queued_ = 0;
  MinuteSample minute_;
  std::array<MinuteSample, 60> hour_{};
  BusiestHourProfile best_;
};

}  // namespace computefit::sim
