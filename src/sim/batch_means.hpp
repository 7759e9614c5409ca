#pragma once
// Batch means (Law and Kelton, "Simulation Modeling and Analysis", §9.5.3): the simulated time is
// cut into kBatches equal batches; a statistic computed per batch varies from batch to batch, and
// Student's t over the batches gives a 95% confidence interval for it. The batches of one run are
// not independent and, under a daily profile, not identically distributed either: the interval is
// then wider than the statistic's own spread (conservative), never narrower.

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>

#include "sim/simulation_result.hpp"
#include "sim/time.hpp"

namespace computefit::sim {

inline constexpr int kBatches = 10;
/// Student's t, 0.975 quantile, kBatches - 1 = 9 degrees of freedom (any t table).
inline constexpr double kStudentT975Df9 = 2.2622;

/// The t interval of the mean of the per-batch values.
inline Interval batch_means_interval(const std::array<double, kBatches>& values) {
  double mean = 0;
  for (double v : values) mean += v;
  mean /= kBatches;
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double half = kStudentT975Df9 * std::sqrt(squares / (kBatches - 1) / kBatches);
  return {mean - half, mean + half};
}

/// Which batch of the measured span [start, end) the simulated clock is in; requests that finish
/// after the end count in the last, those before the start (a burn-in) in the first.
class BatchClock {
 public:
  BatchClock(Tick start, Tick end) : start_(start), span_(end - start), next_(boundary(1)) {}
  /// Whether `now` lies past the current batch (call step() after closing it, and again).
  bool due(Tick now) const { return now >= next_ && index_ < kBatches - 1; }
  /// Moves to the next batch.
  void step() {
    ++index_;
    next_ = boundary(index_ + 1);
  }
  int index() const { return index_; }
  /// The next tick at which due() turns true (kNever in the last batch).
  Tick next_boundary() const { return index_ < kBatches - 1 ? next_ : kNever; }
  /// The end of the current batch.
  Tick batch_end() const { return next_; }
  /// The start of batch `i` (i = kBatches: the end).
  Tick boundary(int i) const {
    return start_ + span_ / kBatches * i + span_ % kBatches * i / kBatches;
  }

 private:
  Tick start_;
  Tick span_;
  Tick next_;
  int index_ = 0;
};

/// The per-batch statistics a run collects, turned into intervals at its end.
struct BatchValues {
  std::array<double, kBatches> p99_ms{};
  std::array<std::int64_t, kBatches> requests{};
  std::array<double, kBatches> usage{};  ///< the billed quantity that drives the run's cost
};

/// The smallest number of requests in every batch for a p99 interval: a batch's p99 then rests
/// on at least ten requests above it.
inline constexpr std::int64_t kMinRequestsPerBatch = 1000;

/// Fills the result's intervals from the batches (left unset when a batch is too thin).
template <typename Result>
void set_batch_intervals(const BatchValues& batches, Result& result) {
  for (std::int64_t n : batches.requests) {
    if (n < kMinRequestsPerBatch) return;
  }
  result.p99_ms_interval = batch_means_interval(batches.p99_ms);
  const Interval usage = batch_means_interval(batches.usage);
  const double mean = (usage.low + usage.high) / 2;
  if (mean > 0) result.usage_relative_half_width = (usage.high - usage.low) / 2 / mean;
}

}  // namespace computefit::sim
