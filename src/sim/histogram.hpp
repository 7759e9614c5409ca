#pragma once
// Streaming metrics whose memory does not grow with the number of samples: a log-bucketed
// histogram (HdrHistogram-like) and time-weighted levels.

#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace computefit::sim {

/// Non-negative integer values in log-linear buckets: exact below 256, then 128 buckets per power
/// of two, so a reported quantile is within 1/256 (0.4%) of a recorded value's true rank value.
class LogHistogram {
 public:
  LogHistogram();
  /// Records one value (negative values count as 0; values above 2^47 are clamped).
  void record(std::int64_t value) {
    if (value < 0) value = 0;
    if (value > kMaxValue) value = kMaxValue;
    const auto bucket = static_cast<std::size_t>(bucket_of(value));
    if (bucket >= counts_.size()) [[unlikely]]
      grow_to(bucket);
    ++counts_[bucket];
    ++count_;
    sum_ += static_cast<double>(value);
    if (value > max_) max_ = value;
    if (value < min_) min_ = value;
  }
  /// The q-quantile (0 <= q <= 1): the smallest recorded value v with at least ceil(q * count)
  /// values <= v, reported as its bucket's midpoint clamped to [min, max]; 0 when empty.
  double quantile(double q) const;
  /// The number of recorded values.
  std::int64_t count() const { return count_; }
  /// The exact mean of the recorded values; 0 when empty.
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0.0; }
  /// The exact largest value; 0 when empty.
  std::int64_t max() const { return count_ ? max_ : 0; }
  /// Adds another histogram's counts.
  void merge(const LogHistogram& other);
  /// The sum of the recorded values.
  double sum() const { return sum_; }
  /// The q-quantile of several histograms' values pooled, each histogram's values counted
  /// `weight` times (a stratified sample): as quantile() for one histogram of weight 1.
  static double weighted_quantile(const std::vector<std::pair<const LogHistogram*, double>>& parts,
                                  double q);
  bool operator==(const LogHistogram&) const = default;

  /// The largest value kept exactly (larger ones are clamped to it).
  static constexpr std::int64_t kMaxValue = (std::int64_t{1} << 47) - 1;

 private:
  static constexpr int kSubBits = 7;  // 128 sub-buckets per power of two
  static int bucket_of(std::int64_t value) {
    if (value < (2 << kSubBits)) return static_cast<int>(value);
    const int msb = 63 - __builtin_clzll(static_cast<unsigned long long>(value));
    const int shift = msb - kSubBits;
    const auto mantissa = static_cast<int>(value >> shift);  // in [128, 256)
    return (2 << kSubBits) + (shift - 1) * (1 << kSubBits) + (mantissa - (1 << kSubBits));
  }
  static void bucket_bounds(int bucket, std::int64_t& lower, std::int64_t& upper);
  // Out of line, so that record() stays small enough to inline.
  void grow_to(std::size_t bucket);

  // Up to the largest value's bucket: a run records a few thousand buckets' worth of latencies
  // at most, and the thousands of short runs of a sweep would otherwise each zero and scan all
  // 6,000 (48 KiB) several times over.
  std::vector<std::int64_t> counts_;
  std::int64_t count_ = 0;
  double sum_ = 0;
  std::int64_t max_ = 0;
  std::int64_t min_ = kMaxValue;
};

/// A level that changes at event times (instances, connections): its time-weighted mean and
/// its peak over the measured span [start, end), where start is 0 unless start_measuring() moved
/// it (a discarded burn-in before it).
class TimeWeightedLevel {
 public:
  /// Sets the level from `now` on (calls must come in time order).
  void set(Tick now, std::int64_t level) {
    area_ += static_cast<Wide>(level_) * (now - last_);
    last_ = now;
    level_ = level;
    if (level > peak_) peak_ = level;
  }
  /// Adds `delta` to the level from `now` on.
  void add(Tick now, std::int64_t delta) { set(now, level_ + delta); }
  /// Starts the measured span at `now` (>= the last change): the mean and the peak count from
  /// here on; area_until() still counts from 0.
  void start_measuring(Tick now) {
    set(now, level_);
    start_ = now;
    area_at_start_ = area_;
    peak_ = level_;
  }
  /// The current level.
  std::int64_t level() const { return level_; }
  /// The largest level in the measured span so far.
  std::int64_t peak() const { return peak_; }
  /// The level integrated over [0, end), in level x ticks (end >= the last change).
  double area_until(Tick end) const {
    return static_cast<double>(area_ + static_cast<Wide>(level_) * (end - last_));
  }
  /// The time-weighted mean over the measured span [start, end) (end >= the last change).
  double mean_until(Tick end) const {
    if (end <= start_) return static_cast<double>(level_);
    const Wide area = area_ + static_cast<Wide>(level_) * (end - last_) - area_at_start_;
    return static_cast<double>(area) / static_cast<double>(end - start_);
  }

 private:
  // level x ticks: 10^7 instances over ten years of microseconds pass 2^63, so 128 bits.
  __extension__ using Wide = __int128;
  std::int64_t level_ = 0;
  std::int64_t peak_ = 0;
  Tick last_ = 0;
  Tick start_ = 0;
  Wide area_ = 0;
  Wide area_at_start_ = 0;
};

}  // namespace computefit::sim
