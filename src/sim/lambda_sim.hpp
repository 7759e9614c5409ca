#pragma once
// The Lambda model, request by request: one request per execution environment, cold starts,
// keep-alive with newest-first routing (as SimFaaS, validated against AWS), account/reserved
// concurrency, the per-function scaling rate, provisioned concurrency and the timeout.

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

#include "sim/arrivals.hpp"
#include "sim/distribution.hpp"
#include "sim/simulation_result.hpp"
#include "sim/variate_stream.hpp"

namespace computefit::sim {

/// Lambda's documented or measured behaviour used as defaults, each with its source.
struct LambdaDefaults {
  /// Keep-alive: pacslab/serverless-performance-modeling probes, us-east-1, June 2020: idle 635.8 s
  /// still warm, 645 s gone (reference/simulation.md §1.6); SPEC.md's default 10.7 min.
  double keep_alive_seconds = 642;
  /// Account concurrency quota per region: AWS Lambda quotas page (default 1,000).
  int account_concurrency = 1000;
  /// Scaling rate: 1,000 new environments per 10 s per function (AWS Lambda developer guide,
  /// "Lambda scaling behavior", since Nov 2023; reference/aws-prices-and-limits.md §1.2).
  int scaling_environments = 1000;
  double scaling_window_seconds = 10;
  /// Function timeout: SPEC.md's default (Lambda's maximum, 900 s).
  double timeout_seconds = 900;
  /// Asynchronous invocation: an event that finds no free concurrency waits in Lambda's internal
  /// queue, whose pollers take it once concurrency frees, for up to the maximum event age of 6 h
  /// (then it is dropped or sent to the on-failure destination). The backoff (1 s doubling to
  /// 5 min) applies only when every invocation is throttled, with reserved concurrency 0 (AWS
  /// Lambda developer guide, "Asynchronous invocation" and "Error handling for asynchronous
  /// invocation", read 2026-12-03).
  double event_retry_initial_seconds = 1;
  double event_retry_max_seconds = 300;
  double event_max_age_seconds = 21'600;
  /// SQS event source: a throttled message is redelivered after the visibility timeout (SQS
  /// default 30 s) and kept for the retention period (SQS default 4 days).
  double queue_redelivery_seconds = 30;
  double queue_retention_seconds = 345'600;
  /// SQS event source mapping: up to 10 messages per invocation by default (1-10,000), a batching
  /// window of 0 s by default (the poller invokes with what is waiting), and, when set, a maximum
  /// concurrency of 2-1,000 invocations (AWS Lambda developer guide, "Using Lambda with Amazon
  /// SQS": "Batching behavior" and "Configuring maximum concurrency for Amazon SQS event sources";
  /// CreateEventSourceMapping API reference; read 2026-12-03). Without an event source the spec
  /// gives one message per invocation.
  int queue_batch_size = 10;
  double queue_batching_window_seconds = 0;
  int queue_max_concurrency_min = 2;
  int queue_max_concurrency_max = 1000;
  /// Memory: Lambda's own default function size (AWS Lambda developer guide, 128 MB).
  double memory_mb = 128;
};

/// The one table of Lambda defaults.
inline constexpr LambdaDefaults kLambdaDefaults{};

/// How requests reach the function.
enum class Invocation {
  synchronous,  ///< http: a throttle is an error returned to the caller
  event,        ///< asynchronous: an event finding no free concurrency waits in Lambda's queue
  queue,  ///< SQS worker: messages wait in the queue; the event source mapping invokes in batches
};

/// One function's configuration for the simulator (plain values; the spec is wired in later).
struct LambdaSimConfig {
  /// A function with these durations and every other setting at Lambda's defaults.
  LambdaSimConfig(Distribution warm, Distribution cold)
      : warm_duration(std::move(warm)), cold_start(std::move(cold)) {}

  Distribution warm_duration;  ///< one request on a warm environment, seconds
  Distribution cold_start;     ///< init before a cold request's own duration, seconds
  double memory_mb = kLambdaDefaults.memory_mb;
  double keep_alive_seconds = kLambdaDefaults.keep_alive_seconds;
  int provisioned = 0;                      ///< pre-initialised environments, never reclaimed
  std::optional<int> reserved_concurrency;  ///< caps this function; else the account's
  int account_concurrency = kLambdaDefaults.account_concurrency;
  int scaling_environments = kLambdaDefaults.scaling_environments;
  double scaling_window_seconds = kLambdaDefaults.scaling_window_seconds;
  double timeout_seconds = kLambdaDefaults.timeout_seconds;
  int connections_per_instance = 0;  ///< held from an environment's start to its reclaim
  Invocation invocation = Invocation::synchronous;
  /// Seed of the arrival stream alone; unset: derived from the run's seed. Runs of one service on
  /// several runtimes share it, so they see the same requests (common random numbers).
  std::optional<std::uint64_t> traffic_seed;
  /// Seed of the requests' own durations; unset: derived from the run's seed. Runs on several
  /// runtimes that share it draw the same duration quantile for the n-th request that starts, so
  /// their latencies differ by what the runtimes do, not by which durations they drew.
  std::optional<std::uint64_t> duration_seed;
  /// The durations' stream drawn ahead (record_variates with the same distribution and seed), read
  /// instead of drawing it again; the same variates either way.
  std::shared_ptr<const RecordedVariates> recorded_durations;
  double event_retry_initial_seconds = kLambdaDefaults.event_retry_initial_seconds;
  double event_retry_max_seconds = kLambdaDefaults.event_retry_max_seconds;
  double event_max_age_seconds = kLambdaDefaults.event_max_age_seconds;
  double queue_redelivery_seconds = kLambdaDefaults.queue_redelivery_seconds;
  double queue_retention_seconds = kLambdaDefaults.queue_retention_seconds;
  /// Queue (SQS event source mapping): messages per invocation at most, how long the mapping
  /// gathers a batch while fewer are waiting, and its maximum concurrent invocations (unset: the
  /// function's limit). The defaults (1, 0, unset) invoke once per message as soon as it arrives.
  int batch_size = 1;
  double batching_window_seconds = 0;
  std::optional<int> max_concurrency;
  /// Warm start (SPEC.md "Start state"): on-demand environments alive and idle at time 0, as if
  /// just used (each reclaimed after the keep-alive unless a request takes it).
  int initial_environments = 0;
  /// More warm-start environments than this are held as a count of identical idle ones, each
  /// made an object only when a request takes it, the rest reclaimed together after the
  /// keep-alive: memory then follows the environments used, not the concurrency a spec allows
  /// (10^6 requests a second of 30 s want 3e7). Below it, every one is an object from the start.
  int idle_environment_objects = 10'000;
  /// Only what requests arriving from here on do is measured and billed; the time before it is a
  /// burn-in, simulated and discarded. `seconds` of simulate_lambda() counts from here.
  double measure_from_seconds = 0;
  /// Behind API Gateway: a client whose request takes longer than this gets a 504 while the
  /// function runs on and bills (SPEC.md): the request is timed_out. None: no front-door limit.
  std::optional<double> front_door_timeout_seconds;
  /// How the engine keeps a small fleet: in flat arrays (fast) until it outgrows them; false
  /// keeps every fleet in the large-fleet structures. Results are the same either way (tested).
  bool small_fleet_arrays = true;
};

/// Simulates `arrivals` on one function with generator seed `seed`: a burn-in of
/// `config.measure_from_seconds`, then `seconds` measured. Arrivals stop at the end; requests still
/// running or waiting for a retry then finish (their usage counts), while the time-weighted levels
/// cover the measured span. Asynchronous events and queue messages that find no free concurrency
/// wait in one first-in first-out line drained as concurrency frees (memory follows how long the
/// backlog is, not how many wait); past their maximum age (event age, queue retention) they are
/// dropped and count as throttled.
SimulationResult simulate_lambda(const LambdaSimConfig& config, ArrivalProcess arrivals,
                                 double seconds, std::uint64_t seed);

}  // namespace computefit::sim
