#pragma once
// Arrival processes for the traffic shapes of the spec: small structs whose `next(rng, after)`
// gives the first arrival after the previous one. All are (non-homogeneous) Poisson processes
// except the trace, which spreads each row's count evenly over its interval.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
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
/// Sampled by thinning (Lewis and Shedler 1979) under a piecewise-constant envelope, the profile's
/// maximum over each 5-minute segment, so that nearly every candidate is accepted: the work is
/// proportional to the arrivals, however far the peak lies above the mean.
struct DiurnalArrivals {
  /// The profile for a mean and a peak (peak >= mean > 0); `start_seconds` is the time of day
  /// (seconds after Monday 00:00 UTC) at which the process starts.
  DiurnalArrivals(double rps, double peak_rps, double start_seconds = 0);
  /// The arrival after `after`.
  Tick next(Rng& rng, Tick after);
  /// The rate at `seconds` after Monday 00:00 UTC (the profile's own time).
  double rate_at(double seconds) const;
  /// The rate at `seconds` from the process's start.
  double rate_from_start(double seconds) const { return rate_at(seconds + start_seconds); }

  /// Length of one envelope segment.
  static constexpr double kSegmentSeconds = 300;

  double rps;
  double peak_rps;
  double start_seconds = 0;
  double exponent = 1;       // k of the raised-cosine power; 0 = the cosine about the mean
  double clock_seconds = 0;  // the last candidate arrival from the start, continuous

 private:
  void enter_segment(std::int64_t index);
  std::int64_t segment_ = -1;  // index of the current envelope segment (profile time / length)
  double segment_end_ = 0;     // its end, from the start
  double envelope_ = 0;        // the profile's maximum over it
  double floor_ = 0;           // below its minimum over it: a candidate under it is accepted
};

/// Where bursts fall in a representative sample: their starts within a period that repeats.
struct BurstSchedule {
  double base_rps = 0;
  double peak_rps = 0;
  double burst_seconds = 0;
  double period_seconds = 0;   ///< the pattern repeats after this
  std::vector<double> starts;  ///< sorted, in [0, period), bursts never overlap
  /// `count` bursts placed in `period_seconds` as a Poisson process conditioned on their number
  /// (sorted uniform points in the time outside bursts, drawn with `rng`).
  static BurstSchedule conditioned(double base_rps, double peak_rps, double burst_seconds,
                                   double period_seconds, int count, Rng& rng);
};

/// Bursts at `peak_rps` lasting `burst_seconds` on a base rate. Either random, starting as a
/// Poisson process at `bursts_per_hour` over the time outside bursts with a base rate that makes
/// the mean `rps` (when bursts alone would exceed the mean they become rarer and the base rate is
/// 0), or at the fixed times of a BurstSchedule. Arrivals come from the piecewise-constant rate by
/// inversion of the integrated rate. Calls must come in time order.
struct BurstyArrivals {
  /// Random bursts for the spec's parameters (peak_rps >= rps > 0, burst_seconds > 0).
  BurstyArrivals(double rps, double peak_rps, double burst_seconds, double bursts_per_hour);
  /// The bursts of `schedule`, starting at `start_seconds` of its pattern.
  BurstyArrivals(BurstSchedule schedule, double start_seconds);
  /// The arrival after `after`.
  Tick next(Rng& rng, Tick after);
  /// The long-run fraction of time inside bursts.
  double burst_fraction() const;

  double peak_rps;
  double burst_seconds;
  double bursts_per_hour;  // after the lowering described above
  double base_rps = 0;

 private:
  void next_segment(Rng& rng);
  BurstSchedule schedule_;      // fixed bursts (empty starts: random bursts)
  double start_seconds_ = 0;    // the schedule's pattern time at the process's start
  std::int64_t loop_ = 0;       // fixed bursts: the current repetition of the pattern
  std::size_t next_start_ = 0;  // fixed bursts: the next burst of the pattern
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
  /// The replay of `rows` (sorted by start, non-empty) from `start_seconds` into the trace (any
  /// value: it is taken modulo one loop). `end_seconds`, when after the last row's start, is where
  /// its interval ends (a trace whose rows were merged as it was read); else the rule above.
  explicit TraceArrivals(std::vector<TraceRow> rows, double start_seconds = 0,
                         double end_seconds = 0);
  /// The arrival after `after` (the trace is deterministic; `rng` is unused).
  Tick next(Rng& rng, Tick after);
  /// The trace's mean rate over one loop.
  double mean_rps() const;

  std::vector<TraceRow> rows;
  double period_seconds = 0;

 private:
  double interval_seconds(std::size_t row) const;
  double end_seconds_ = 0;
  bool has_arrivals_ = false;
  double offset_seconds_ = 0;  // trace time at the process's start, within the first loop
  std::size_t row_ = 0;
  std::int64_t index_in_row_ = 0;
  std::int64_t loop_ = 0;
};

/// Arrivals at given times (a schedule's runs), in seconds from the start, sorted.
struct FixedArrivals {
  explicit FixedArrivals(std::vector<double> times_in) : times(std::move(times_in)) {}
  /// The next time of the list (kNever after the last).
  Tick next(Rng& /*rng*/, Tick /*after*/) {
    return index_ < times.size() ? seconds_to_arrival_tick(times[index_++]) : kNever;
  }

  std::vector<double> times;

 private:
  std::size_t index_ = 0;
};

/// Arrival ticks drawn ahead of a run (record_arrivals), in order, kept as the gaps between them:
/// 4 bytes an arrival, a gap of 2^32 - 1 ticks (71 minutes, a night without traffic) or more
/// being marked and its tick kept aside. A window of a busy service holds millions of them while
/// its runtimes run.
class ArrivalRecord {
 public:
  /// Appends the next tick (not before the last one appended).
  void push_back(Tick tick) {
    const Tick gap = tick - last_;
    if (gap >= 0 && gap < static_cast<Tick>(kFar)) {
      gaps_.push_back(static_cast<std::uint32_t>(gap));
    } else {
      gaps_.push_back(kFar);
      far_.push_back(tick);
    }
    last_ = tick;
  }
  /// The number of ticks.
  std::size_t size() const { return gaps_.size(); }
  /// Makes room for `ticks` ticks in one allocation.
  void reserve(std::size_t ticks) { gaps_.reserve(ticks); }
  /// Frees the room reserved for more ticks, unless it is small beside what is kept: freeing it
  /// copies the whole record.
  void shrink_to_fit() {
    if (gaps_.capacity() - gaps_.size() > gaps_.size() / 8) gaps_.shrink_to_fit();
    far_.shrink_to_fit();
  }

  /// Reads the ticks in order.
  class Reader {
   public:
    explicit Reader(const ArrivalRecord& record) : record_(&record) {}
    /// The next tick (kNever after the last).
    Tick next() {
      if (index_ == record_->gaps_.size()) return kNever;
      const std::uint32_t gap = record_->gaps_[index_++];
      last_ = gap == kFar ? record_->far_[far_index_++] : last_ + static_cast<Tick>(gap);
      return last_;
    }

   private:
    const ArrivalRecord* record_;
    std::size_t index_ = 0;
    std::size_t far_index_ = 0;
    Tick last_ = 0;
  };

 private:
  static constexpr std::uint32_t kFar = UINT32_MAX;  // the tick is the next one of far_
  std::vector<std::uint32_t> gaps_;                  // the gap before each tick (from tick 0)
  std::vector<Tick> far_;                            // the ticks after a gap of kFar or more
  Tick last_ = 0;
};

/// Arrivals drawn once (record_arrivals) and replayed: several runs on the same arrivals (the
/// runtimes of one sample window) draw them once between them. Ticks in order; kNever after.
struct RecordedArrivals {
  explicit RecordedArrivals(std::shared_ptr<const ArrivalRecord> ticks_in)
      : ticks(std::move(ticks_in)), reader_(*ticks) {}
  /// The next recorded tick (kNever after the last).
  Tick next(Rng& /*rng*/, Tick /*after*/) { return reader_.next(); }

  std::shared_ptr<const ArrivalRecord> ticks;

 private:
  ArrivalRecord::Reader reader_;
};

/// Any of the traffic shapes.
using ArrivalProcess = std::variant<SteadyArrivals, DiurnalArrivals, BurstyArrivals, TraceArrivals,
                                    FixedArrivals, RecordedArrivals>;

/// The ticks `process` gives from a generator seeded with `traffic_seed` (as an engine draws them)
/// before `end`, and the first at or after it: an engine that stops at `end` replays them as it
/// would draw them. Nullopt when there are more than `max_ticks` of them (memory is about 4 bytes
/// a tick). `expected_ticks`, the count the caller expects, is reserved at once rather than grown
/// to by copies.
std::optional<ArrivalRecord> record_arrivals(ArrivalProcess process, std::uint64_t traffic_seed,
                                             Tick end, std::size_t max_ticks,
                                             std::size_t expected_ticks = 0);

/// The arrivals `process` draws from a generator seeded with `traffic_seed` (as an engine does)
/// in [from_seconds, to_seconds): the realised count of a sample window, known before it is run.
std::int64_t count_arrivals(ArrivalProcess process, std::uint64_t traffic_seed, double from_seconds,
                            double to_seconds);

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
