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
#include <string>

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

/// The lag-1 autocorrelation of the batch values above which they are too correlated for the
/// t interval, which assumes independent batches: 1.96 / sqrt(kBatches), the two-sided 5% point
/// of the estimate's spread around 0 for independent batches (Law and Kelton, §9.5.3).
inline const double kMaxBatchCorrelation = 1.96 / std::sqrt(static_cast<double>(kBatches));

/// The lag-1 autocorrelation of the batch values (0 when they do not vary).
inline double lag1_correlation(const std::array<double, kBatches>& values) {
  double mean = 0;
  for (double v : values) mean += v;
  mean /= kBatches;
  double squares = 0, products = 0;
  for (int i = 0; i < kBatches; ++i) {
    squares += (values[i] - mean) * (values[i] - mean);
    if (i > 0) products += (values[i] - mean) * (values[i - 1] - mean);
  }
  return squares > 0 ? products / squares : 0.0;
}

/// Why an interval is left out, or empty when it holds: batches too thin, too correlated, or so
/// spread that the interval would reach below zero (a quantity that cannot be negative).
inline std::string interval_refusal(const std::array<double, kBatches>& values,
                                    const Interval& interval) {
  const double r1 = lag1_correlation(values);
  if (r1 > kMaxBatchCorrelation) {
    return "its batches are too correlated to support one (lag-1 correlation " +
           std::to_string(static_cast<int>(std::lround(r1 * 100))) + "%)";
  }
  if (interval.low < 0) return "its batches vary too much for a normal interval";
  return "";
}

/// Fills the result's intervals from the batches, or the reason they are left out.
template <typename Result>
void set_batch_intervals(const BatchValues& batches, Result& result) {
  for (std::int64_t n : batches.requests) {
    if (n < kMinRequestsPerBatch) {
      result.interval_note = "some of its ten batches hold fewer than 1,000 requests";
      return;
    }
  }
  const Interval p99 = batch_means_interval(batches.p99_ms);
  std::string refusal = interval_refusal(batches.p99_ms, p99);
  if (refusal.empty()) {
    result.p99_ms_interval = p99;
  } else {
    result.interval_note = "p99: " + refusal;
  }
  const Interval usage = batch_means_interval(batches.usage);
  const double mean = (usage.low + usage.high) / 2;
  refusal = interval_refusal(batches.usage, usage);
  if (mean > 0 && refusal.empty()) {
    result.usage_relative_half_width = (usage.high - usage.low) / 2 / mean;
  } else if (!refusal.empty()) {
    result.interval_note += (result.interval_note.empty() ? "" : "; ") + ("cost: " + refusal);
  }
}

}  // namespace computefit::sim
