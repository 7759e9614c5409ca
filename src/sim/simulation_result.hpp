#pragma once
// What one simulated run of one service on one runtime gives: the fields of SPEC.md's
// `simulate --format json`, plus a few the engine's tests and benchmarks use.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/histogram.hpp"

namespace computefit::sim {

/// Latency percentiles of the requests that ran, in milliseconds (from a log-bucketed histogram:
/// within 0.4% of the exact order statistic; mean and max are exact to the microsecond).
struct LatencySummaryMs {
  double mean = 0;
  double p50 = 0;
  double p90 = 0;
  double p95 = 0;
  double p99 = 0;
  double p999 = 0;
  double max = 0;
  bool operator==(const LatencySummaryMs&) const = default;
};

/// A level over the simulated time: its time-weighted mean and its peak.
struct LevelSummary {
  double mean = 0;
  std::int64_t peak = 0;
  bool operator==(const LevelSummary&) const = default;
};

/// Billable quantities over the simulated time (not scaled to a month).
struct SimulationUsage {
  double lambda_requests = 0;
  double lambda_gb_seconds = 0;                       ///< on-demand billed duration, init included
  double lambda_provisioned_gb_seconds = 0;           ///< provisioned concurrency allocated
  double lambda_provisioned_duration_gb_seconds = 0;  ///< invocations served by provisioned envs
  double task_vcpu_hours = 0;
  double task_gb_hours = 0;
  double host_hours = 0;
  bool operator==(const SimulationUsage&) const = default;
};

/// One minute of a run: its arrivals and the peaks of the levels.
struct MinuteSample {
  std::int64_t arrivals = 0;
  std::int64_t peak_instances = 0;
  std::int64_t peak_connections = 0;
  std::int64_t peak_queued = 0;
  bool operator==(const MinuteSample&) const = default;
};

/// The clock hour with the most arrivals, minute by minute (fewer minutes when the run is shorter).
struct BusiestHourProfile {
  double start_seconds = 0;
  std::vector<MinuteSample> minutes;
  bool operator==(const BusiestHourProfile&) const = default;
};

/// A 95% confidence interval.
struct Interval {
  double low = 0;
  double high = 0;
  bool operator==(const Interval&) const = default;
};

/// The outcome of one run.
struct SimulationResult {
  double simulated_seconds = 0;
  std::uint64_t seed = 0;
  std::int64_t requests = 0;   ///< arrivals in the simulated time
  std::int64_t completed = 0;  ///< ran to the end within the timeout
  std::int64_t throttled = 0;  ///< synchronous: rejected; asynchronous: dropped after max age
  double throttled_fraction = 0;
  std::int64_t timed_out = 0;
  std::int64_t cold_starts = 0;
  double cold_start_fraction = 0;
  LatencySummaryMs latency_ms;
  LevelSummary instances;       ///< live environments or instances, idle ones included
  LevelSummary db_connections;  ///< connections held (instances x connections_per_instance)
  SimulationUsage usage;

  // Beyond the output contract.
  LevelSummary busy_instances;  ///< instances running a request
  std::int64_t retries = 0;  ///< retries counted for reserved concurrency 0 (every one throttled)
  /// Lambda, asynchronous events and queue messages: those that waited for a free environment
  /// within the concurrency limit (or the mapping's maximum concurrency) before their invocation
  /// started (AWS's Throttles metric counts the asynchronous ones), as a share of `requests`, and
  /// the wait before an invocation started (the event's age, a message's age in the queue, a
  /// batching window included): its p99 over every invocation's messages and its maximum.
  std::int64_t waited = 0;
  double waited_fraction = 0;
  double p99_wait_ms = 0;
  double max_wait_ms = 0;
  std::int64_t events = 0;           ///< events processed: arrivals, departures, reclaims, retries
  LevelSummary busy_slots;           ///< containers: slots running a request
  LevelSummary queued;               ///< containers: requests waiting in queues
  std::int64_t peak_hosts = 0;       ///< containers on EC2: hosts launched or running at once
  std::int64_t instance_starts = 0;  ///< containers: instances launched after time 0
  BusiestHourProfile busiest_hour;
  /// 95% batch-means intervals (sim/batch_means.hpp), when every batch had enough requests:
  /// the p99 latency, and the half-width of the billed usage relative to its mean (Lambda
  /// GB-seconds, Fargate task time, EC2 host time).
  std::optional<Interval> p99_ms_interval;
  std::optional<double> usage_relative_half_width;
  /// Why an interval above is left out (too few requests per batch, batches too correlated, a
  /// stratified sample); empty when both are given.
  std::string interval_note;
  /// Every measured request's latency in ticks, for pooling several windows of a stratified sample.
  LogHistogram latency_histogram;
  bool operator==(const SimulationResult&) const = default;
};

}  // namespace computefit::sim
