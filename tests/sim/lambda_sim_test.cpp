// The Lambda model against closed forms and published measurements
// (../shared/reference/simulation.md, cited per test as §n). Each test states its sample size and
// why its tolerance is what it is. The whole file runs in a few seconds in a Release build.
#include "sim/lambda_sim.hpp"
#include "sim/spec_inputs.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "stats/queueing.hpp"

namespace computefit::sim {
namespace {

LambdaSimConfig fixed_config(double warm_seconds, double cold_seconds, double keep_alive) {
  LambdaSimConfig config{Distribution::fixed(warm_seconds), Distribution::fixed(cold_seconds)};
  config.keep_alive_seconds = keep_alive;
  return config;
}

// §5.1: with concurrency limit c and no retries, throttling is Erlang B(c, a), whatever the
// service law (insensitivity); here exponential, no init, so the busy count is M/M/c/c.
// 50,000 simulated seconds (500,000 requests at a = 10); the blocking estimate's SE, with the
// correlation of a loss system over ~1 s service times, is about 0.0015, so 0.006 is 4 SE.
TEST(LambdaSim, ThrottlingIsErlangB) {
  struct Case {
    int servers;
    double load;
    double reference;  // §5.1 table
  };
  for (const Case& c : {Case{10, 10, 0.214582}, Case{10, 8, 0.121661}, Case{5, 2, 0.036697}}) {
    LambdaSimConfig config{Distribution::exponential(1.0), Distribution::fixed(0)};
    config.reserved_concurrency = c.servers;
    const auto result = simulate_lambda(config, SteadyArrivals{c.load}, 50'000, 1);
    EXPECT_NEAR(stats::erlang_b(c.servers, c.load), c.reference, 1e-6);
    EXPECT_NEAR(result.throttled_fraction, c.reference, 0.006) << c.servers << " " << c.load;
    EXPECT_LE(result.busy_instances.peak, c.servers);
  }
}

// A warm start held as a count (idle_environment_objects below it) serves as one of objects:
// no cold start while idle ones remain, the same latencies, and the unused reclaimed together.
TEST(LambdaSim, WarmStartAsACountMatchesObjects) {
  LambdaSimConfig config{Distribution::lognormal(0.05, 0.2), Distribution::fixed(0.3)};
  config.initial_environments = 50;
  const auto objects = simulate_lambda(config, SteadyArrivals{20}, 3'600, 3);
  config.idle_environment_objects = 0;
  const auto count = simulate_lambda(config, SteadyArrivals{20}, 3'600, 3);
  EXPECT_EQ(count.requests, objects.requests);
  EXPECT_EQ(count.completed, objects.completed);
  EXPECT_EQ(count.cold_starts, objects.cold_starts);
  EXPECT_DOUBLE_EQ(count.latency_ms.p99, objects.latency_ms.p99);
  EXPECT_DOUBLE_EQ(count.instances.peak, objects.instances.peak);
  EXPECT_NEAR(count.instances.mean, objects.instances.mean, 0.02 * objects.instances.mean);
  // Thirty million warm environments (10^6 requests a second of 30 s) and a trickle of requests.
  config.initial_environments = 30'000'000;
  config.account_concurrency = 30'000'000;
  const auto huge = simulate_lambda(config, SteadyArrivals{5}, 600, 4);
  EXPECT_EQ(huge.cold_starts, 0);
  EXPECT_EQ(huge.completed, huge.requests);
  EXPECT_DOUBLE_EQ(huge.instances.peak, 3e7);
}

// §5.3: with no limit, busy environments are M/G/inf: Poisson with mean lambda E[S], where
// E[S] = E[warm] + P(cold) E[init]. 20,000 s at 20 rps (400,000 requests); the time average of a
// Poisson(12) level with ~1 s correlation has SE ~0.3%, so 1% is over 3 SE.
TEST(LambdaSim, BusyEnvironmentsAreMGInfinity) {
  LambdaSimConfig config{Distribution::lognormal(0.5, 2.0), Distribution::fixed(0.2)};
  const double rate = 20;
  const auto result = simulate_lambda(config, SteadyArrivals{rate}, 20'000, 2);
  const double mean_service = config.warm_duration.mean() + result.cold_start_fraction * 0.2;
  EXPECT_NEAR(result.busy_instances.mean, rate * mean_service, 0.01 * rate * mean_service);
  EXPECT_EQ(result.throttled, 0);
  EXPECT_EQ(result.completed, result.requests);
}

// §5.4: at a low rate one environment serves nearly everything; a request is cold when the gap
// since the previous one exceeds T + d (the environment expired) or is under d (it is busy):
// P(cold) ~ e^(-lambda (T + d)) + lambda d, live environments ~ 1 - e^(-lambda (T + d)).
// 200,000 requests: SE of P(cold) ~0.001, so 0.005; the neglected second-environment terms are
// O(lambda^2 d (T + d)) ~ 0.005 for the instance count, so 0.015 there.
TEST(LambdaSim, LowRateKeepAliveClosedForm) {
  const double rate = 0.002;
  const double keep_alive = 600;
  const double d = 2;
  const auto config = fixed_config(d, 0, keep_alive);
  const auto result = simulate_lambda(config, SteadyArrivals{rate}, 200'000 / rate, 3);
  const double p_expired = std::exp(-rate * (keep_alive + d));
  EXPECT_NEAR(result.cold_start_fraction, p_expired + rate * d, 0.005);
  EXPECT_NEAR(result.instances.mean, 1 - p_expired, 0.015);
}

// SimFaaS README example (§1.1, pacslab/simfaas README): lambda = 0.9/s, exponential warm 1.991 s,
// cold 2.244 s (here an init of the difference), keep-alive 600 s: P(cold) ~ 0.0014 and ~7.7
// instances. 1,000,000 simulated seconds (900,000 requests, ~1,300 cold starts: SE ~3%);
// SimFaaS's own figure is one run of its model, whose cold service differs in law (exponential),
// so the check allows 25% on P(cold) and 5% on the instance count.
TEST(LambdaSim, ReproducesSimFaasReadmeExample) {
  LambdaSimConfig config{Distribution::exponential(1.991), Distribution::fixed(2.244 - 1.991)};
  config.keep_alive_seconds = 600;
  const auto result = simulate_lambda(config, SteadyArrivals{0.9}, 1'000'000, 4);
  std::printf("SimFaaS README: P(cold) %.5f, instances %.3f\n", result.cold_start_fraction,
              result.instances.mean);
  EXPECT_NEAR(result.cold_start_fraction, 0.0014, 0.25 * 0.0014);
  EXPECT_NEAR(result.instances.mean, 7.7, 0.05 * 7.7);
}

// §1.6: the 20 AWS Lambda experiments of pacslab (2020), run as a user would: defaults, a fixed
// warm time, cold_start = cold - warm, keep-alive both the experiments' assumed 10 min and our
// default 10.7 min. Reference: SimFaaS's notebook 04 scores a mean absolute percentage error of
// 12.23% on P(cold) and 3.05% on the mean instance count. 2,000,000 requests per row: at 200,000
// the MAPE estimate itself moved by +-1.5 points between seeds (9.8-12.8% at 642 s), too noisy to
// compare with 12.23%; at 2,000,000 it stays within 11.6-12.2% over seeds 1-8 at 642 s (12.3-13.4%
// at 600 s), instances 2.3-2.5%. So at the default keep-alive both are held to SimFaaS's figures;
// at 600 s the instance count to 3.05% and P(cold) to 15%, a guard against regressions.
struct AwsRow {
  double rate, warm_ms, cold_ms, p_cold, instances;
};
constexpr AwsRow kAwsRows[] = {
    {0.00186, 1955, 2563, 0.34299, 0.674}, {0.00246, 1954, 2463, 0.21083, 0.814},
    {0.00288, 1952, 2536, 0.14543, 0.779}, {0.00345, 1960, 2430, 0.11010, 0.908},
    {0.00425, 1958, 2398, 0.07948, 0.946}, {0.00572, 1952, 2359, 0.03828, 1.032},
    {0.00785, 1970, 2422, 0.03382, 1.129}, {0.01638, 1959, 2341, 0.01955, 1.270},
    {0.05012, 1967, 2192, 0.00854, 2.114}, {0.09987, 1973, 2310, 0.00595, 2.764},
    {0.10038, 1976, 2244, 0.00566, 2.889}, {0.19808, 1986, 2302, 0.00372, 3.719},
    {0.30179, 1992, 2271, 0.00294, 4.422}, {0.39749, 1998, 2181, 0.00208, 5.045},
    {0.49967, 2007, 2152, 0.00191, 5.694}, {0.59561, 2002, 2209, 0.00176, 6.419},
    {0.69727, 2013, 2184, 0.00175, 6.928}, {0.79794, 2015, 2183, 0.00156, 7.564},
    {0.90246, 2016, 2163, 0.00151, 7.870}, {1.00053, 2022, 2173, 0.00131, 8.397},
};

struct Mape {
  double p_cold = 0;
  double instances = 0;
};

Mape aws_mape(double keep_alive) {
  Mape mape;
  for (const AwsRow& row : kAwsRows) {
    const auto config =
        fixed_config(row.warm_ms / 1000, (row.cold_ms - row.warm_ms) / 1000, keep_alive);
    const auto result = simulate_lambda(config, SteadyArrivals{row.rate}, 2'000'000 / row.rate, 5);
    mape.p_cold += std::fabs(result.cold_start_fraction - row.p_cold) / row.p_cold;
    mape.instances += std::fabs(result.instances.mean - row.instances) / row.instances;
  }
  const double rows = std::size(kAwsRows);
  return {100 * mape.p_cold / rows, 100 * mape.instances / rows};
}

TEST(LambdaSim, MatchesAwsExperimentsLikeSimFaas) {
  const Mape ten_minutes = aws_mape(600);
  const Mape default_keep_alive = aws_mape(kLambdaDefaults.keep_alive_seconds);
  std::printf("AWS rows, keep-alive 600 s: MAPE P(cold) %.2f%%, instances %.2f%%\n",
              ten_minutes.p_cold, ten_minutes.instances);
  std::printf("AWS rows, keep-alive %.0f s: MAPE P(cold) %.2f%%, instances %.2f%%\n",
              kLambdaDefaults.keep_alive_seconds, default_keep_alive.p_cold,
              default_keep_alive.instances);
  EXPECT_LE(ten_minutes.instances, 3.05);
  EXPECT_LE(default_keep_alive.instances, 3.05);
  EXPECT_LE(ten_minutes.p_cold, 15.0);
  EXPECT_LE(default_keep_alive.p_cold, 12.23);
}

// §5.5: with a fixed warm time and an additive init, once cold starts exceed 1 - q of requests
// the q-th percentile includes the init; below that it does not (both sides of the rule).
TEST(LambdaSim, PercentileIncludesColdStartOnlyWhenColdStartsExceedItsTail) {
  const auto config = fixed_config(0.1, 0.5, 60);
  // lambda = 0.01, T + d = 60.1 s: P(cold) ~ e^(-0.6) ~ 0.55 > 1%.
  const auto rare = simulate_lambda(config, SteadyArrivals{0.01}, 1'000'000, 6);
  ASSERT_GT(rare.cold_start_fraction, 0.01);
  EXPECT_GE(rare.latency_ms.p99, 600 * (1 - 1.0 / 256));
  // lambda = 5: cold starts are well under 1% of requests.
  const auto busy = simulate_lambda(config, SteadyArrivals{5}, 10'000, 6);
  ASSERT_LT(busy.cold_start_fraction, 0.01);
  EXPECT_NEAR(busy.latency_ms.p99, 100, 100.0 / 256);
  EXPECT_NEAR(busy.latency_ms.max, 600, 1e-9);
}

TEST(LambdaSim, SameSeedSameResultOtherSeedOtherResult) {
  LambdaSimConfig config{Distribution::lognormal(0.05, 0.3), Distribution::lognormal(0.25, 0.8)};
  config.keep_alive_seconds = 30;
  config.connections_per_instance = 5;
  const ArrivalProcess arrivals = BurstyArrivals(20, 200, 60, 2);
  const auto a = simulate_lambda(config, arrivals, 3600, 9);
  const auto b = simulate_lambda(config, arrivals, 3600, 9);
  const auto c = simulate_lambda(config, arrivals, 3600, 10);
  EXPECT_EQ(a.requests, b.requests);
  EXPECT_EQ(a.cold_starts, b.cold_starts);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.latency_ms.mean, b.latency_ms.mean);
  EXPECT_EQ(a.latency_ms.p99, b.latency_ms.p99);
  EXPECT_EQ(a.instances.mean, b.instances.mean);
  EXPECT_EQ(a.instances.peak, b.instances.peak);
  EXPECT_EQ(a.usage.lambda_gb_seconds, b.usage.lambda_gb_seconds);
  EXPECT_NE(a.requests, c.requests);
  EXPECT_EQ(a.db_connections.peak, 5 * a.instances.peak);
  EXPECT_DOUBLE_EQ(a.db_connections.mean, 5 * a.instances.mean);
}

// AWS: "each function can scale by 1,000 execution environments every 10 seconds".
TEST(LambdaSim, ScalingRateCapsNewEnvironments) {
  const auto config = fixed_config(100, 0, 600);
  LambdaSimConfig roomy = config;
  roomy.account_concurrency = 100'000;
  const auto first_window = simulate_lambda(roomy, SteadyArrivals{1000}, 9.99, 7);
  EXPECT_EQ(first_window.cold_starts, 1000);
  EXPECT_EQ(first_window.throttled, first_window.requests - 1000);
  const auto three_windows = simulate_lambda(roomy, SteadyArrivals{1000}, 25, 7);
  EXPECT_EQ(three_windows.cold_starts, 3000);
}

TEST(LambdaSim, ProvisionedEnvironmentsServeWarmAndAreBilledApart) {
  auto config = fixed_config(0.5, 1.0, 600);
  config.provisioned = 10;  // busy ~ Poisson(0.5): P(>= 10) ~ 1e-11, so no on-demand env
  const auto result = simulate_lambda(config, SteadyArrivals{1}, 3600, 8);
  EXPECT_EQ(result.cold_starts, 0);
  EXPECT_DOUBLE_EQ(result.instances.mean, 10);
  EXPECT_EQ(result.usage.lambda_gb_seconds, 0);
  EXPECT_DOUBLE_EQ(result.usage.lambda_provisioned_gb_seconds, 10 * 0.125 * 3600);
  EXPECT_NEAR(result.usage.lambda_provisioned_duration_gb_seconds,
              static_cast<double>(result.requests) * 0.5 * 0.125, 1e-6);
}

TEST(LambdaSim, BilledDurationRoundsUpToTheMillisecondWithInit) {
  auto config = fixed_config(0.0451, 0.1, 600);
  config.memory_mb = 1024;
  const auto result = simulate_lambda(config, SteadyArrivals{10}, 1000, 9);
  const auto warm = static_cast<double>(result.requests - result.cold_starts);
  const auto cold = static_cast<double>(result.cold_starts);
  EXPECT_NEAR(result.usage.lambda_gb_seconds, warm * 0.046 + cold * 0.146, 1e-6);
  EXPECT_EQ(result.usage.lambda_requests, static_cast<double>(result.requests));
}

TEST(LambdaSim, RunsLongerThanTheTimeoutTimeOut) {
  auto config = fixed_config(2, 0, 600);
  config.timeout_seconds = 1;
  const auto result = simulate_lambda(config, SteadyArrivals{1}, 1000, 10);
  EXPECT_EQ(result.timed_out, result.requests);
  EXPECT_EQ(result.completed, 0);
  EXPECT_NEAR(result.latency_ms.max, 1000, 1e-9);
}

TEST(LambdaSim, AsynchronousThrottlesWaitNotLost) {
  auto config = fixed_config(1, 0, 600);
  config.reserved_concurrency = 1;
  config.invocation = Invocation::event;
  const auto event = simulate_lambda(config, SteadyArrivals{0.5}, 2000, 11);
  EXPECT_EQ(event.throttled, 0);
  EXPECT_GT(event.waited, 0);
  EXPECT_NEAR(event.waited_fraction,
              static_cast<double>(event.waited) / static_cast<double>(event.requests), 1e-12);
  EXPECT_EQ(event.completed, event.requests);
  EXPECT_GT(event.latency_ms.max, 1000);  // waited for the one environment
  EXPECT_GT(event.max_wait_ms, 0);
  EXPECT_NEAR(event.latency_ms.max, event.max_wait_ms + 1000, 0.01 * event.latency_ms.max);

  config.invocation = Invocation::queue;
  const auto queue = simulate_lambda(config, SteadyArrivals{0.5}, 2000, 11);
  EXPECT_EQ(queue.throttled, 0);
  EXPECT_GT(queue.waited, 0);
  EXPECT_EQ(queue.completed, queue.requests);
  config.invocation = Invocation::synchronous;
  const auto sync = simulate_lambda(config, SteadyArrivals{0.5}, 2000, 11);
  EXPECT_GT(sync.throttled, 0);
  EXPECT_EQ(sync.waited, 0);
  EXPECT_EQ(sync.completed + sync.throttled, sync.requests);
}

// §5.2: below its limit, an asynchronous function is M/M/c with FIFO waiting: Poisson events,
// exponential runs, c environments (no init; a keep-alive longer than any idle gap). The share of
// events that wait is Erlang C(c, a) and the mean response 1 / mu + C / (c mu - lambda). 50,000 s
// at 8 events/s (400,000 events, runs of 1 s): waiting comes in busy periods of a few seconds, so
// the share's standard error is about 0.005 (seeds 1-6 land within 0.013) and 0.02 is 4 SE; the
// mean response's is about 1% (seeds 1-6 within 2.3%), so 4%.
TEST(LambdaSim, AsynchronousWaitingIsErlangC) {
  struct Case {
    int servers;
    double load;
  };
  for (const Case& c : {Case{10, 8}, Case{4, 3}}) {
    LambdaSimConfig config{Distribution::exponential(1.0), Distribution::fixed(0)};
    config.reserved_concurrency = c.servers;
    config.keep_alive_seconds = 3'600;
    config.invocation = Invocation::event;
    const auto result = simulate_lambda(config, SteadyArrivals{c.load}, 50'000, 3);
    const double wait = stats::erlang_c(c.servers, c.load);
    EXPECT_NEAR(result.waited_fraction, wait, 0.02) << c.servers << " " << c.load;
    const double mean_response_s = 1 + wait / (c.servers - c.load);
    EXPECT_NEAR(result.latency_ms.mean / 1000, mean_response_s, 0.04 * mean_response_s)
        << c.servers << " " << c.load;
    EXPECT_EQ(result.throttled, 0);
    EXPECT_LE(result.busy_instances.peak, c.servers);
  }
}

// A saturated asynchronous function with limit c and service time d drains c / d events a second:
// arrivals at lambda > c / d leave a backlog of (lambda - c / d) T after T seconds, which the last
// arrival waits out at c / d: (lambda d / c - 1) T. Here 15/s on 10 environments of 1 s for 2,000
// s: 10,000 events behind, 1,000 s of wait (Poisson arrivals: sd ~ sqrt(30,000) = 173 events, 17
// s). Work and memory follow the events, never retries: a few events an arrival.
TEST(LambdaSim, SaturatedAsynchronousBacklogDrainsAtTheConcurrencyRate) {
  auto config = fixed_config(1, 0, 600);
  config.reserved_concurrency = 10;
  config.invocation = Invocation::event;
  const double lambda = 15, seconds = 2000;
  const auto result = simulate_lambda(config, SteadyArrivals{lambda}, seconds, 5);
  const double expected_wait_s = (lambda * 1 / 10 - 1) * seconds;
  EXPECT_NEAR(result.max_wait_ms / 1000, expected_wait_s, 0.05 * expected_wait_s);
  EXPECT_EQ(result.throttled, 0);
  EXPECT_EQ(result.completed, result.requests);
  EXPECT_GT(result.waited_fraction, 0.99);
  EXPECT_LT(result.events, 4 * result.requests);
  // The latest arrivals wait longest: the p99 is near the maximum, the median near half of it.
  EXPECT_GT(result.p99_wait_ms, 0.95 * result.max_wait_ms);
  EXPECT_NEAR(result.latency_ms.p50 / 1000, expected_wait_s / 2, 0.1 * expected_wait_s);
  // The backlog drains at 10 events a second after the last arrival.
  EXPECT_EQ(result.usage.lambda_requests, static_cast<double>(result.requests));
}

// A backlog that builds up in the burn-in and lasts into the measured span: the burn-in's events
// are drained first and never counted, so every count stays within the measured arrivals. (The
// line keeps arrivals close together as one run; a run that spanned the start of the measured
// span once let a few burn-in events through as measured ones, past 100% waited.)
TEST(LambdaSim, BurnInBacklogIsNeverCountedAsMeasured) {
  auto config = fixed_config(1, 0, 600);
  config.reserved_concurrency = 40;
  config.invocation = Invocation::event;
  config.measure_from_seconds = 600;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto result = simulate_lambda(config, SteadyArrivals{60}, 600, seed);
    EXPECT_EQ(result.completed, result.requests) << seed;
    EXPECT_EQ(result.waited, result.requests) << seed;
    EXPECT_LE(result.waited_fraction, 1.0) << seed;
    // The burn-in leaves (60 - 40) x 600 = 12,000 events, 300 s of draining at 40/s; an event
    // arriving t s into the span waits 300 + t (60 / 40 - 1): 300 s to 600 s, 450 s at the median.
    EXPECT_NEAR(result.max_wait_ms / 1000, 600, 30) << seed;
    EXPECT_NEAR(result.latency_ms.p50 / 1000, 450, 25) << seed;
  }
}

// Events waiting longer than the maximum event age are dropped and count as throttled (failed).
// 20/s on 10 environments of 1 s for 3 h with a 1 h maximum age: the wait grows by 1 s a second
// until it reaches the hour; from then on the environments run 10 events a second, always the
// oldest still under an hour, until the line empties an hour after the last arrival: 10/s for
// 4 h run, 144,000 of the 216,000 arrivals (2/3).
TEST(LambdaSim, EventsPastTheMaximumAgeAreDropped) {
  auto config = fixed_config(1, 0, 600);
  config.reserved_concurrency = 10;
  config.invocation = Invocation::event;
  config.event_max_age_seconds = 3600;
  const auto result = simulate_lambda(config, SteadyArrivals{20}, 3 * 3600, 6);
  EXPECT_GT(result.throttled, 0);
  EXPECT_EQ(result.completed + result.throttled, result.requests);
  EXPECT_LE(result.max_wait_ms, 3600 * 1000.0 + 1);
  EXPECT_NEAR(static_cast<double>(result.completed) / static_cast<double>(result.requests), 2.0 / 3,
              0.02);
  EXPECT_LT(result.events, 4 * result.requests);
}

// An SQS event source mapping with batch size b and a queue that is never empty invokes with full
// batches: ~arrivals / b invocations, each billed once for its duration. 60 messages/s on a
// mapping capped at 5 invocations of 1 s (50 messages/s): the queue only grows.
TEST(LambdaSim, QueueBatchesBillOneInvocationPerBatch) {
  auto config = fixed_config(1, 0, 600);
  config.invocation = Invocation::queue;
  config.batch_size = 10;
  config.max_concurrency = 5;
  const auto result = simulate_lambda(config, SteadyArrivals{60}, 1000, 7);
  EXPECT_EQ(result.completed, result.requests);
  EXPECT_EQ(result.throttled, 0);
  const double per_message = result.usage.lambda_requests / static_cast<double>(result.requests);
  EXPECT_NEAR(per_message, 0.1, 0.002);
  EXPECT_NEAR(result.usage.lambda_gb_seconds, result.usage.lambda_requests * 1.0 * 128 / 1024,
              1e-6 * result.usage.lambda_gb_seconds);
  EXPECT_LE(result.instances.peak, 5);
  EXPECT_GT(result.waited_fraction, 0.9);  // behind the mapping's maximum concurrency
  // 10 messages/s more than the mapping takes for 1,000 s: the last waits (60 / 50 - 1) 1,000 s.
  EXPECT_NEAR(result.max_wait_ms / 1000, 200, 15);
}

// With the default window of 0 s the mapping takes what is waiting: a light load goes one message
// an invocation. A batching window W gathers: at 1 message/s and W = 2 s an invocation carries the
// first message and the Poisson(2) arrivals of its window, 3 on average, and each waits up to W.
TEST(LambdaSim, QueueBatchingWindowGathersMessages) {
  auto config = fixed_config(0.1, 0, 600);
  config.invocation = Invocation::queue;
  config.batch_size = 10;
  const auto immediate = simulate_lambda(config, SteadyArrivals{1}, 20'000, 8);
  EXPECT_EQ(immediate.usage.lambda_requests, static_cast<double>(immediate.requests));
  EXPECT_EQ(immediate.waited, 0);

  config.batching_window_seconds = 2;
  const auto gathered = simulate_lambda(config, SteadyArrivals{1}, 20'000, 8);
  EXPECT_EQ(gathered.completed, gathered.requests);
  EXPECT_NEAR(gathered.usage.lambda_requests / static_cast<double>(gathered.requests), 1.0 / 3,
              0.02);
  EXPECT_LE(gathered.max_wait_ms, 2000 + 1e-6);
  EXPECT_EQ(gathered.waited, 0);  // waiting for a batch is not waiting for concurrency
}

// Reserved concurrency 0 (AWS's "Throttle" switch) throttles every invocation. An asynchronous
// event is retried with backoff (1 s doubling to 5 min) until it is 6 hours old: 9 retries take
// 511 s, then 70 more at 5 min reach 21,511 s, and the next would pass 21,600 s, so 79 retries. An
// SQS message returns every 30 s (visibility timeout) until the 4-day retention ends: 345,600 / 30
// = 11,520 retries. Those are the counts reported, while the events simulated stay one an arrival:
// retried one by one, a day at 5 messages a second would be 5 x 10^9 retries.
TEST(LambdaSim, ReservedZeroThrottlesEveryRequestWithoutSimulatingItsRetries) {
  struct Case {
    Invocation invocation;
    std::int64_t retries_each;
  };
  for (const Case& c : {Case{Invocation::synchronous, 0}, Case{Invocation::event, 79},
                        Case{Invocation::queue, 11'520}}) {
    auto config = fixed_config(0.1, 0.2, 600);
    config.reserved_concurrency = 0;
    config.invocation = c.invocation;
    const auto result = simulate_lambda(config, SteadyArrivals{5}, 86'400, 3);
    EXPECT_GT(result.requests, 400'000);
    EXPECT_EQ(result.throttled, result.requests);
    EXPECT_EQ(result.completed, 0);
    EXPECT_EQ(result.retries, c.retries_each * result.requests);
    EXPECT_EQ(result.usage.lambda_requests, 0);
    EXPECT_LE(result.events, result.requests + 1);  // the arrivals, nothing per retry
  }
}

// Accounting that must hold on every shape of traffic, with short keep-alives so environments churn
// (reclaims, slot reuse and the idle heap's compaction all run): every request has one outcome,
// live environments are never fewer than busy ones, connections follow environments.
TEST(LambdaSim, AccountingHoldsOnEveryTrafficShape) {
  LambdaSimConfig config{Distribution::lognormal(0.05, 0.5), Distribution::lognormal(0.25, 0.8)};
  config.keep_alive_seconds = 5;
  config.connections_per_instance = 2;
  config.reserved_concurrency = 40;
  const std::vector<ArrivalProcess> shapes = {
      SteadyArrivals{50}, DiurnalArrivals(50, 200, 12 * 3600), BurstyArrivals(50, 400, 60, 4),
      TraceArrivals({{0, 100}, {60, 5000}, {120, 0}, {180, 3000}})};
  for (const auto& shape : shapes) {
    // Three hours from noon for the diurnal shape: the night before carries about one request.
    const auto result = simulate_lambda(config, shape, 3 * 3600, 12);
    EXPECT_GT(result.requests, 0);
    EXPECT_EQ(result.completed + result.throttled + result.timed_out, result.requests);
    EXPECT_LE(result.cold_starts, result.requests - result.throttled);
    EXPECT_GE(result.instances.mean, result.busy_instances.mean);
    EXPECT_GE(result.instances.peak, result.busy_instances.peak);
    EXPECT_LE(result.busy_instances.peak, 40);
    EXPECT_EQ(result.db_connections.peak, 2 * result.instances.peak);
    EXPECT_LE(result.latency_ms.p50, result.latency_ms.p99);
    EXPECT_LE(result.latency_ms.p99, result.latency_ms.max);
  }
}

// Small fleets are kept in flat arrays, larger ones in an event heap and an idle set: two
// implementations of one model, so every observable must agree exactly between them, on runs that
// throttle, retry, time out, keep provisioned environments, and outgrow the arrays (the switch).
TEST(LambdaSim, SmallFleetArraysAgreeExactlyWithTheLargeFleetStructures) {
  struct Case {
    const char* name;
    LambdaSimConfig config;
    ArrivalProcess arrivals;
    double seconds;
  };
  const auto lognormal = [] {
    LambdaSimConfig config{Distribution::lognormal(0.045, 0.25),
                           Distribution::lognormal(0.25, 0.8)};
    config.connections_per_instance = 2;
    return config;
  };
  std::vector<Case> cases;
  {
    LambdaSimConfig config{Distribution::exponential(1.991), Distribution::fixed(0.253)};
    config.keep_alive_seconds = 600;
    cases.push_back({"simfaas", config, SteadyArrivals{0.9}, 20'000});
  }
  cases.push_back({"outgrows the arrays", lognormal(), SteadyArrivals{1000}, 300});
  cases.push_back({"diurnal", lognormal(), DiurnalArrivals(2, 8), 86'400});
  {
    LambdaSimConfig config = lognormal();
    config.keep_alive_seconds = 5;
    cases.push_back({"bursty, churning", config, BurstyArrivals(20, 400, 60, 4), 7200});
    // Bursts need ~180 environments, the quiet time between them a handful: the run moves to the
    // large-fleet structures and back again at every burst.
    config.keep_alive_seconds = 30;
    cases.push_back({"grows and shrinks", config, BurstyArrivals(20, 3000, 30, 6), 3600});
  }
  {
    LambdaSimConfig config{Distribution::exponential(1.0), Distribution::fixed(0)};
    config.reserved_concurrency = 10;
    cases.push_back({"throttled", config, SteadyArrivals{10}, 5000});
    config.invocation = Invocation::event;
    cases.push_back({"event retries", config, SteadyArrivals{10}, 5000});
    config.invocation = Invocation::queue;
    cases.push_back({"queue retries", config, SteadyArrivals{12}, 5000});
  }
  {
    LambdaSimConfig config{Distribution::lognormal(0.2, 1.0), Distribution::fixed(0.5)};
    config.provisioned = 5;
    config.timeout_seconds = 0.8;
    cases.push_back({"provisioned, timeouts", config, BurstyArrivals(10, 100, 30, 6), 5000});
    config.provisioned = 80;
    cases.push_back({"provisioned beyond the arrays", config, DiurnalArrivals(100, 300), 20'000});
    config.provisioned = 0;
    config.scaling_environments = 20;
    config.reserved_concurrency = 150;
    cases.push_back({"scaling rate", config, BurstyArrivals(20, 600, 30, 6), 5000});
  }
  for (auto& c : cases) {
    c.config.small_fleet_arrays = true;
    const auto small = simulate_lambda(c.config, c.arrivals, c.seconds, 31);
    c.config.small_fleet_arrays = false;
    const auto large = simulate_lambda(c.config, c.arrivals, c.seconds, 31);
    EXPECT_GT(small.requests, 1000) << c.name;
    EXPECT_EQ(small.events, large.events) << c.name;
    EXPECT_EQ(small.cold_starts, large.cold_starts) << c.name;
    EXPECT_EQ(small.throttled, large.throttled) << c.name;
    EXPECT_EQ(small.instances.mean, large.instances.mean) << c.name;
    EXPECT_EQ(small.busy_instances.peak, large.busy_instances.peak) << c.name;
    EXPECT_EQ(small.latency_ms.p99, large.latency_ms.p99) << c.name;
    EXPECT_TRUE(small == large) << c.name << ": some other field differs";
  }
  // Both implementations and the switches between them ran.
  EXPECT_GT(simulate_lambda(cases[1].config, cases[1].arrivals, 300, 31).instances.peak, 64);
  EXPECT_LE(simulate_lambda(cases[0].config, cases[0].arrivals, 20'000, 31).instances.peak, 64);
  ASSERT_STREQ(cases[4].name, "grows and shrinks");
  const auto bursts = simulate_lambda(cases[4].config, cases[4].arrivals, 3600, 31);
  EXPECT_GT(bursts.instances.peak, 2 * 64);
  EXPECT_LT(bursts.instances.mean, 32);
}

// A worker's event_source on the simulator: AWS's defaults where the spec leaves a key out (batch
// 10, window 0 s, no maximum concurrency), the maximum concurrency within AWS's 2-1,000, and the
// queue's visibility timeout as the redelivery delay.
TEST(LambdaSim, EventSourceTakesAwsDefaults) {
  LambdaSimConfig config{Distribution::fixed(1), Distribution::fixed(0)};
  apply_event_source(EventSource{}, config);
  EXPECT_EQ(config.batch_size, kLambdaDefaults.queue_batch_size);
  EXPECT_EQ(config.batch_size, 10);
  EXPECT_EQ(config.batching_window_seconds, 0);
  EXPECT_FALSE(config.max_concurrency.has_value());
  EXPECT_EQ(config.queue_redelivery_seconds, kLambdaDefaults.queue_redelivery_seconds);

  EventSource source;
  source.batch_size = 100;
  source.batching_window_seconds = 5;
  source.max_concurrency = 1;
  source.queue = "jobs";
  source.visibility_timeout_seconds = 120;
  apply_event_source(source, config);
  EXPECT_EQ(config.batch_size, 100);
  EXPECT_EQ(config.batching_window_seconds, 5);
  EXPECT_EQ(config.max_concurrency, 2);
  EXPECT_EQ(config.queue_redelivery_seconds, 120);
  source.max_concurrency = 5000;
  apply_event_source(source, config);
  EXPECT_EQ(config.max_concurrency, 1000);
}

}  // namespace
}  // namespace computefit::sim
