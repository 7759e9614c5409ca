#pragma once
// Arrival processes for the traffic shapes of the spec: small structs whose `next(rng, after)`
// gives the first arrival after the previous one. All are (non-homogeneous) Poisson processes
// except the trace, which spreads each row's count evenly over its interval.

#include <array>
#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

#include "sim/random.hpp"
#include "sim/time.hpp"

namespace computefit::sim {

/// An arrival at `seconds` (continuous) as a tick, rounded half up; kNever beyond it.
inline Tick seconds_to_arrival_tick(double seconds) {
  const double ticks = seconds * static_cast<double>(kTicksPerSecond);
  if (ticks >= static_cast<double>(kNever)) return kNever;
  return static_cast<Tick>(ticks + 0.5);
}

/// Seconds in a simulated day; simulated time 0 is a Monday at 00:00 UTC.
inline constexpr double kSecondsPerDay = 86'400;
/// The hour of the day (UTC) at which the diurnal profile peaks (SPEC.md, traffic shapes).
inline constexpr double kDiurnalPeakHourUtc = 14;

/// Poisson arrivals at a constant rate.
struct SteadyArrivals {
  /// Arrivals at `rps` per second (0: none).
  explicit SteadyArrivals(double rps_in) : rps(rps_in), mean_gap_(rps_in > 0 ? 1.0 / rps_in : 0) {}

  double rps = 0;
  /// The arrival after `after` (rps <= 0: never, i.e. the largest tick).
  Tick next(Rng& rng, Tick /*after*/) {
    if (rps <= 0) return kNever;
    clock_seconds_ += standard_exponential(rng) * mean_gap_;
    return seconds_to_arrival_tick(clock_seconds_);
  }
  /// The rate at `seconds`.
  double rate_at(double /*seconds*/) const { return rps; }

 private:
  double mean_gap_;  // 1 / rps, seconds
  /// The last arrival, in continuous seconds: kept apart from the integer ticks so that rates far
  /// above one per tick keep their mean (rounding each gap to a tick would inflate them).
  double clock_seconds_ = 0;
};

/// A smooth daily profile peaking at 14:00 UTC with mean `rps` and maximum `peak_rps`: a cosine
/// about the mean when peak <= 2 x mean, else peak x ((1 + cos) / 2)^k with k chosen for the mean.
/// Sampled by thinning a Poisson process at the peak rate (Lewis and Shedler 1979).
struct DiurnalArrivals {
  /// The profile for a mean and a peak (peak >= mean > 0).
  DiurnalArrivals(double rps, double peak_rps);
  /// The arrival after `after`.
  Tick next(Rng& rng, Tick after);
  /// The rate at `seconds` from the start.
  double rate_at(double seconds) const;

  double rps;
  double peak_rps;
  double exponent = 1;       // k of the raised-cosine power; 0 = the cosine about the mean
  double clock_seconds = 0;  // the last candidate arrival, continuous (see SteadyArrivals)
};

/// Bursts at `peak_rps` lasting `burst_seconds`, starting as a Poisson process at `bursts_per_hour`
/// over the time outside bursts, on a base rate that makes the mean `rps`. When bursts alone would
/// exceed the mean they become rarer and the base rate is 0. Arrivals come from the piecewise-
/// constant rate by inversion of the integrated rate. Calls must come in time order.
struct BurstyArrivals {
  /// The process for the spec's parameters (peak_rps >= rps > 0, burst_seconds > 0).
  BurstyArrivals(double rps, double peak_rps, double burst_seconds, double bursts_per_hour);
  /// The arrival after `after`.
  Tick next(Rng& rng, Tick after);
  /// The long-run fraction of time inside bursts.
  double burst_fraction() const;

  double peak_rps;
  double burst_seconds;
  double bursts_per_hour;  // after the lowering described above
  double base_rps = 0;

 private:
  bool in_burst_ = false;
  bool started_ = false;
  double clock_seconds_ = 0;  // the last arrival, continuous (see SteadyArrivals)
  double segment_end_ = 0;    // seconds
};

/// One trace row: `count` arrivals in the interval starting `start_seconds` from the start.
struct TraceRow {
  double start_seconds = 0;
  std::int64_t count = 0;
};

/// A trace replayed in a loop: each row's count spread evenly over the interval up to the next row
/// (the last row's interval equals the previous one's, or one second for a single row).
/// Calls must come in time order.
struct TraceArrivals {
  /// The replay of `rows` (sorted by start, non-empty).
  explicit TraceArrivals(std::vector<TraceRow> rows);
  /// The arrival after `after` (the trace is deterministic; `rng` is unused).
  Tick next(Rng& rng, Tick after);
  /// The trace's mean rate over one loop.
  double mean_rps() const;

  std::vector<TraceRow> rows;
  double period_seconds = 0;

 private:
  double interval_seconds(std::size_t row) const;
  bool has_arrivals_ = false;
  std::size_t row_ = 0;
  std::int64_t index_in_row_ = 0;
  std::int64_t loop_ = 0;
};

/// Any of the traffic shapes.
using ArrivalProcess = std::variant<SteadyArrivals, DiurnalArrivals, BurstyArrivals, TraceArrivals>;

/// A process's arrivals drawn a block at a time, ahead of the event loop: the same ticks in the
/// same order as one call per arrival (the processes draw from a generator of their own and ignore
/// `after`), but in a tight loop whose independent logarithms the processor overlaps.
template <typename Process>
class ArrivalBuffer {
 public:
  ArrivalBuffer(Process& process, Rng& rng) : process_(process), rng_(rng) {}
  /// The next arrival (kNever once the process has none).
  Tick next() {
    if (index_ == ticks_.size()) refill();
    return ticks_[index_++];
  }

 private:
  void refill() {
    for (Tick& tick : ticks_) {
      if (last_ < kNever) last_ = process_.next(rng_, last_);
      tick = last_;
    }
    index_ = 0;
  }
  Process& process_;
  Rng& rng_;
  Tick last_ = 0;
  std::array<Tick, 256> ticks_{};
  std::size_t index_ = ticks_.size();
};

}  // namespace computefit::sim
