// The container model against closed forms and hand calculations
// (../shared/reference/simulation.md, cited per test as §n). Each test states its sample size and
// why its tolerance is what it is. Under AddressSanitizer the samples of the statistical tests
// shrink (kSampleScale) and their tolerances widen by the square root of the ratio; the sizes
// are stated as "Release / sanitizers".
#include "sim/container_sim.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "stats/queueing.hpp"

namespace computefit::sim {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr double kSampleScale = 0.2;
#else
constexpr double kSampleScale = 1.0;
#endif
// Tolerances grow as 1 / sqrt(sample size).
const double kToleranceScale = 1 / std::sqrt(kSampleScale);

// P(R > t) for M/M/c with FIFO service (§5.2): with C the Erlang C probability and
// alpha = c mu - lambda, (1 - C) e^(-mu t) + C (alpha e^(-mu t) - mu e^(-alpha t)) / (alpha - mu);
// when alpha = mu the waiting and service exponentials add to an Erlang-2: C e^(-mu t) (1 + mu t).
double mmc_response_survival(int c, double lambda, double mu, double t) {
  const double wait = stats::erlang_c(c, lambda / mu);
  const double alpha = c * mu - lambda;
  const double no_wait = (1 - wait) * std::exp(-mu * t);
  if (std::abs(alpha - mu) < 1e-9 * mu) return no_wait + wait * std::exp(-mu * t) * (1 + mu * t);
  return no_wait + wait * (alpha * std::exp(-mu * t) - mu * std::exp(-alpha * t)) / (alpha - mu);
}

// The p-quantile of R by bisection on the survival function (decreasing in t).
double mmc_response_quantile(int c, double lambda, double mu, double p) {
  double lo = 0;
  double hi = 1;
  while (mmc_response_survival(c, lambda, mu, hi) > 1 - p) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = (lo + hi) / 2;
    (mmc_response_survival(c, lambda, mu, mid) > 1 - p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// One pinned instance with `c` slots and exponential service: M/M/c.
ContainerSimConfig pinned_mmc(int c, double mu) {
  ContainerSimConfig config{Distribution::exponential(1 / mu)};
  config.concurrency_per_instance = c;
  config.min_instances = 1;
  config.max_instances = 1;
  config.front_door_timeout_seconds.reset();
  return config;
}

struct QuantileCase {
  int c;
  double lambda;
  double p50, p95, p99;  // §5.2 table, seconds (mu = 1)
};

// The closed form in this file against the §5.2 table (scipy brentq values, 6 digits).
TEST(ContainerSim, ResponseQuantileClosedFormMatchesTable) {
  for (const QuantileCase& q : {QuantileCase{2, 1, 0.974412, 3.81646, 5.66596},
                                QuantileCase{10, 8, 0.912145, 3.32827, 4.94611},
                                QuantileCase{1, 0.5, 1.38629, 5.99146, 9.21034},
                                QuantileCase{10, 9.5, 2.09077, 6.97011, 10.2085},
                                QuantileCase{50, 45, 0.77647, 3.0828, 4.69223},
                                QuantileCase{1, 0.9, 6.93147, 29.9573, 46.0517}}) {
    EXPECT_NEAR(mmc_response_quantile(q.c, q.lambda, 1, 0.50), q.p50, 2e-5 * q.p50);
    EXPECT_NEAR(mmc_response_quantile(q.c, q.lambda, 1, 0.95), q.p95, 2e-5 * q.p95);
    EXPECT_NEAR(mmc_response_quantile(q.c, q.lambda, 1, 0.99), q.p99, 2e-5 * q.p99);
  }
}

// §5.2: one pinned instance with c slots and its FIFO queue is M/M/c. 10^6 / 2 x 10^5 requests
// per case at loads up to rho = 0.8. The quantile estimate's standard error, inflated for the
// correlation of successive waits, is under 0.7% at 10^6, and the histogram adds at most 0.4%,
// so 2% (4.5% at the smaller sample) is well outside chance.
TEST(ContainerSim, PinnedInstanceIsMMc) {
  const double requests = 1e6 * kSampleScale;
  const double tolerance = 0.02 * kToleranceScale;
  for (const QuantileCase& q : {QuantileCase{2, 1, 0.974412, 3.81646, 5.66596},
                                QuantileCase{10, 8, 0.912145, 3.32827, 4.94611},
                                QuantileCase{1, 0.5, 1.38629, 5.99146, 9.21034}}) {
    const auto config = pinned_mmc(q.c, 1);
    const auto result =
        simulate_containers(config, SteadyArrivals{q.lambda}, requests / q.lambda, 11);
    std::printf("M/M/%d, lambda %g: p50 %.5f, p95 %.5f, p99 %.5f s\n", q.c, q.lambda,
                result.latency_ms.p50 / 1000, result.latency_ms.p95 / 1000,
                result.latency_ms.p99 / 1000);
    EXPECT_NEAR(result.latency_ms.p50 / 1000, q.p50, tolerance * q.p50) << q.c << " " << q.lambda;
    EXPECT_NEAR(result.latency_ms.p95 / 1000, q.p95, tolerance * q.p95) << q.c << " " << q.lambda;
    EXPECT_NEAR(result.latency_ms.p99 / 1000, q.p99, tolerance * q.p99) << q.c << " " << q.lambda;
    EXPECT_LE(result.busy_slots.peak, q.c);
    EXPECT_EQ(result.instance_starts, 0);
  }
}

// §5.2 at heavier loads (c = 10, lambda = 9.5; c = 50, lambda = 45; c = 1, rho = 0.9), where
// waits are long and strongly correlated, so a single run's error is hard to bound: 20
// independent replications of 10^5 requests each, under sanitizers too (a replication of
// 2 x 10^4 requests at c = 10, rho = 0.95 misses too many of the rare long congestion episodes,
// and its p99 comes out 17% low: the empty start and the short run bias it, which no interval
// on the mean of the replications covers). The slowest case's relaxation time
// 1 / (mu (1 - sqrt(rho))^2) ~ 380 s is under 0.4% of a replication. The test takes the
// mean of the 20 quantile estimates with a Student t interval. Nine intervals are checked, so
// each is at 99.5% (t = 3.174 for 19 degrees of freedom): together at least 95% (Bonferroni).
// The interval also gets the histogram's 0.4% bucket error added to its half-width.
TEST(ContainerSim, HeavyLoadQuantilesWithinReplicationInterval) {
  constexpr int kReplications = 20;
  constexpr double kT = 3.174;
  const double requests = 1e5;
  for (const QuantileCase& q : {QuantileCase{10, 9.5, 2.09077, 6.97011, 10.2085},
                                QuantileCase{50, 45, 0.77647, 3.0828, 4.69223},
                                QuantileCase{1, 0.9, 6.93147, 29.9573, 46.0517}}) {
    const auto config = pinned_mmc(q.c, 1);
    std::vector<std::vector<double>> estimates(3);
    for (int r = 0; r < kReplications; ++r) {
      const auto result = simulate_containers(config, SteadyArrivals{q.lambda}, requests / q.lambda,
                                              1000 + static_cast<std::uint64_t>(r));
      estimates[0].push_back(result.latency_ms.p50 / 1000);
      estimates[1].push_back(result.latency_ms.p95 / 1000);
      estimates[2].push_back(result.latency_ms.p99 / 1000);
    }
    const double reference[3] = {q.p50, q.p95, q.p99};
    for (int k = 0; k < 3; ++k) {
      double mean = 0;
      for (double x : estimates[k]) mean += x;
      mean /= kReplications;
      double variance = 0;
      for (double x : estimates[k]) variance += (x - mean) * (x - mean);
      variance /= kReplications - 1;
      const double half_width = kT * std::sqrt(variance / kReplications) + 0.004 * mean;
      std::printf("M/M/%d, lambda %g, quantile %d: %.4f +- %.4f s\n", q.c, q.lambda, k, mean,
                  half_width);
      EXPECT_NEAR(mean, reference[k], half_width)
          << "c=" << q.c << " lambda=" << q.lambda << " quantile " << k;
    }
  }
}

// Throughput conservation and Little's law on the M/M/10 at lambda = 8 (§5.2: E[R] = 1.20459):
// every request completes once, and the time-average number in the system (busy slots + queued)
// equals the arrival rate times the mean response. 10^6 / 2 x 10^5 requests; L's time average
// has a relative SE ~0.3% at 10^6, so 1% (2.2%).
// A warm fleet held as a count (idle_instance_objects below it) serves the same requests as one of
// objects: at a load no instance queues at, every request takes its own duration, so the counts,
// the latencies and the billed task time agree exactly; 10^7 configured tasks then cost nothing.
TEST(ContainerSim, WarmFleetAsACountMatchesObjects) {
  for (const auto routing : {ContainerRouting::round_robin, ContainerRouting::least_outstanding,
                             ContainerRouting::random}) {
    ContainerSimConfig config{Distribution::lognormal(0.05, 0.2)};
    config.min_instances = 40;
    config.max_instances = 40;
    config.routing = routing;
    config.measure_from_seconds = 600;
    const auto objects = simulate_containers(config, SteadyArrivals{20}, 3'600, 5);
    config.idle_instance_objects = 0;
    const auto count = simulate_containers(config, SteadyArrivals{20}, 3'600, 5);
    EXPECT_EQ(count.requests, objects.requests);
    EXPECT_EQ(count.completed, objects.completed);
    EXPECT_EQ(count.throttled, 0);
    EXPECT_DOUBLE_EQ(count.latency_ms.p99, objects.latency_ms.p99);
    EXPECT_DOUBLE_EQ(count.usage.task_vcpu_hours, objects.usage.task_vcpu_hours);
    EXPECT_DOUBLE_EQ(count.instances.mean, objects.instances.mean);
  }
  ContainerSimConfig huge{Distribution::lognormal(0.05, 0.2)};
  huge.min_instances = 10'000'000;
  huge.max_instances = 10'000'000;
  const auto result = simulate_containers(huge, SteadyArrivals{5}, 600, 6);
  EXPECT_EQ(result.completed, result.requests);
  EXPECT_DOUBLE_EQ(result.instances.peak, 1e7);
  EXPECT_NEAR(result.usage.task_vcpu_hours, 1e7 * 0.25 * 600 / 3600, 1);
}

// Scale-in retires dormant instances too, and billing follows: 10^5 warm tasks, at most 100 kept.
TEST(ContainerSim, WarmFleetAsACountScalesIn) {
  ContainerSimConfig config{Distribution::lognormal(0.05, 0.2)};
  config.min_instances = 2;
  config.max_instances = 100'000;
  config.initial_instances = 100'000;
  const auto result = simulate_containers(config, SteadyArrivals{5}, 7'200, 7);
  EXPECT_EQ(result.completed, result.requests);
  EXPECT_LT(result.instances.mean, 100'000);
  EXPECT_EQ(result.instances.peak, 100'000);
}

TEST(ContainerSim, ConservationAndLittlesLaw) {
  const double seconds = 1e6 * kSampleScale / 8;
  const auto result = simulate_containers(pinned_mmc(10, 1), SteadyArrivals{8}, seconds, 12);
  EXPECT_EQ(result.completed + result.timed_out + result.throttled, result.requests);
  EXPECT_EQ(result.timed_out, 0);
  const double rate = static_cast<double>(result.requests) / seconds;
  const double in_system = result.busy_slots.mean + result.queued.mean;
  const double mean_response = result.latency_ms.mean / 1000;
  std::printf("Little: L %.5f, lambda x mean R %.5f, mean R %.5f s\n", in_system,
              rate * mean_response, mean_response);
  EXPECT_NEAR(in_system, rate * mean_response, 0.01 * kToleranceScale * in_system);
  EXPECT_NEAR(mean_response, 1.20459, 0.01 * kToleranceScale * 1.20459);
}

// Workers share one FIFO queue that every idle slot pulls from: two pinned instances of five
// slots are one M/M/10 (§5.2, lambda = 8: p50 0.912145, p95 3.32827, p99 4.94611). Sizes and
// tolerance as in PinnedInstanceIsMMc.
TEST(ContainerSim, WorkersShareOneQueue) {
  ContainerSimConfig config{Distribution::exponential(1)};
  config.workload = ContainerWorkload::worker;
  config.concurrency_per_instance = 5;
  config.min_instances = 2;
  config.max_instances = 2;
  const double tolerance = 0.02 * kToleranceScale;
  const auto result = simulate_containers(config, SteadyArrivals{8}, 1e6 * kSampleScale / 8, 13);
  std::printf("workers as M/M/10: p50 %.5f, p95 %.5f, p99 %.5f s\n", result.latency_ms.p50 / 1000,
              result.latency_ms.p95 / 1000, result.latency_ms.p99 / 1000);
  EXPECT_NEAR(result.latency_ms.p50 / 1000, 0.912145, tolerance * 0.912145);
  EXPECT_NEAR(result.latency_ms.p95 / 1000, 3.32827, tolerance * 3.32827);
  EXPECT_NEAR(result.latency_ms.p99 / 1000, 4.94611, tolerance * 4.94611);
  EXPECT_EQ(result.completed, result.requests);
}

// §5.4: one instance that scales to zero, serves any number of requests at once (here 1,000
// slots) and stops T after its last request ends, with no start-up delay: a request is cold iff
// the gap since the previous one exceeds T + d, so P(cold) = e^(-lambda (T + d)) and the instance
// lives a fraction 1 - e^(-lambda (T + d)) of the time. 2 x 10^5 / 4 x 10^4 requests per case;
// the SE of P(cold) is at most 0.0011 (0.0024), so 0.005 (0.011); the alive fraction's renewal
// cycles are about as many as the cold starts, so the same.
TEST(ContainerSim, ScaleToZeroKeepAliveClosedForm) {
  struct Case {
    double rate, keep_alive, duration;
  };
  for (const Case& k : {Case{1.0 / 900, 900, 0}, Case{0.001, 600, 0}, Case{0.01, 600, 2}}) {
    ContainerSimConfig config{Distribution::fixed(k.duration)};
    config.concurrency_per_instance = 1000;
    config.min_instances = 0;
    config.max_instances = 1;
    config.idle_stop_seconds = k.keep_alive;
    config.image_mb = 0;
    config.startup_seconds = 0;
    config.fargate_provisioning_seconds = 0;
    const double requests = 2e5 * kSampleScale;
    const auto result = simulate_containers(config, SteadyArrivals{k.rate}, requests / k.rate, 14);
    const double p_cold = std::exp(-k.rate * (k.keep_alive + k.duration));
    std::printf("scale to zero, lambda %g: P(cold) %.5f, alive %.5f\n", k.rate,
                result.cold_start_fraction, result.instances.mean);
    const double tolerance = 0.005 * kToleranceScale;
    EXPECT_NEAR(result.cold_start_fraction, p_cold, tolerance) << k.rate;
    EXPECT_NEAR(result.instances.mean, 1 - p_cold, tolerance) << k.rate;
    EXPECT_EQ(result.completed, result.requests);
    EXPECT_EQ(result.instance_starts, result.cold_starts);
  }
}

// ---- autoscaling -----------------------------------------------------------------------------

// 6 rps for 10 min, 30 rps for 10 min, then 6 rps for 40 min, evenly spaced (a trace, so the
// timeline is deterministic), on a fleet of 2 instances x 10 slots with 1 s requests:
// utilisation 0.3, then 1.5 (saturated), then 0.3 of the starting fleet.
ArrivalProcess step_load() {
  return TraceArrivals(
      {{0, 3600}, {600, 18000}, {1200, 3600}, {1800, 3600}, {2400, 3600}, {3000, 3600}});
}

ContainerSimConfig step_config() {
  ContainerSimConfig config{Distribution::fixed(1)};
  config.concurrency_per_instance = 10;
  config.min_instances = 2;
  config.max_instances = 10;
  config.start_p99_over_p50 = 1;  // fixed delays: 10 s provisioning + 300 MB / 30 MB/s + 5 s
  return config;
}

std::vector<FleetEvent> changes(const ContainerTrace& trace, FleetChange change) {
  std::vector<FleetEvent> out;
  for (const FleetEvent& e : trace.fleet) {
    if (e.change == change) out.push_back(e);
  }
  return out;
}

// Hand calculation (target 0.7, Application Auto Scaling defaults). Datapoints every 60 s read
// 0.3 up to t = 600. The periods ending 660, 720 and 780 read ~1.0 (2 x 10 slots busy, queues
// building), so the alarm fires on the third, at 780: desired = ceil(2 x ~0.99 / 0.7) = 3. The
// new task serves 25 s later (805). The period ending 840 is still ~1.0 (the old tasks keep their
// queues; the new one gets a third of 30 rps = its capacity): desired = ceil(3 x ~0.997 / 0.7) =
// 5, serving at 865.
TEST(ContainerSim, StepLoadScaleOutTimelineMatchesHandCalculation) {
  ContainerTrace trace;
  const auto config = step_config();
  const auto result = simulate_containers(config, step_load(), 3600, 21, &trace);
  ASSERT_GE(trace.datapoints.size(), 59U);
  for (std::size_t i = 1; i < 10; ++i) EXPECT_NEAR(trace.datapoints[i].value, 0.3, 0.005) << i;
  EXPECT_NEAR(trace.datapoints[10].value, 0.99, 0.01);
  const auto outs = changes(trace, FleetChange::scale_out);
  ASSERT_GE(outs.size(), 2U);
  EXPECT_DOUBLE_EQ(outs[0].seconds, 780);
  EXPECT_EQ(outs[0].desired, 3);
  EXPECT_DOUBLE_EQ(outs[1].seconds, 840);
  EXPECT_EQ(outs[1].desired, 5);
  const auto ready = changes(trace, FleetChange::instance_ready);
  ASSERT_GE(ready.size(), 3U);
  EXPECT_DOUBLE_EQ(ready[0].seconds, 805);
  EXPECT_EQ(ready[0].serving, 3);
  EXPECT_DOUBLE_EQ(ready[1].seconds, 865);
  EXPECT_DOUBLE_EQ(ready[2].seconds, 865);
  EXPECT_EQ(ready[2].serving, 5);
  EXPECT_GT(result.timed_out, 0);  // queued over the ALB's 60 s before the fleet caught up
  EXPECT_EQ(result.completed + result.timed_out, result.requests);
}

// The alarm rules over the whole step: every scale-out follows 3 consecutive datapoints above
// the target; every scale-in follows 15 consecutive datapoints below it and comes at least the
// scale-in cooldown after the previous scale-in and the scale-out cooldown after the last
// scale-out; the fleet stays within [min, max] and is back near its minimum after 40 min at 6
// rps (6 busy slots need 1 instance at 0.7, the minimum is 2).
TEST(ContainerSim, StepLoadFollowsAlarmAndCooldownRules) {
  ContainerTrace trace;
  const auto config = step_config();
  simulate_containers(config, step_load(), 3600, 22, &trace);
  auto index_of = [&](double seconds) {
    for (std::size_t i = 0; i < trace.datapoints.size(); ++i) {
      if (trace.datapoints[i].seconds == seconds) return static_cast<int>(i);
    }
    return -1;
  };
  double last_in = -1e9;
  double last_out = -1e9;
  int scale_ins = 0;
  for (const FleetEvent& e : trace.fleet) {
    if (e.change != FleetChange::scale_out && e.change != FleetChange::scale_in) continue;
    const int k = index_of(e.seconds);
    ASSERT_GE(k, 0);
    EXPECT_GE(e.desired, config.min_instances);
    EXPECT_LE(e.desired, config.max_instances);
    if (e.change == FleetChange::scale_out) {
      ASSERT_GE(k, 2);
      for (int j = k - 2; j <= k; ++j) EXPECT_GT(trace.datapoints[j].value, 0.7);
      last_out = e.seconds;
    } else {
      ++scale_ins;
      ASSERT_GE(k, 14);
      for (int j = k - 14; j <= k; ++j) EXPECT_LT(trace.datapoints[j].value, 0.7);
      EXPECT_GE(e.seconds - last_in, 300);
      EXPECT_GE(e.seconds - last_out, 300);
      last_in = e.seconds;
    }
  }
  EXPECT_GE(scale_ins, 1);
  int last_desired = 0;
  for (const FleetEvent& e : trace.fleet) last_desired = e.desired;
  EXPECT_EQ(last_desired, 2);
}

// min == max pins the fleet: the same step never scales, and the queues take the overload.
TEST(ContainerSim, PinnedFleetNeverScales) {
  ContainerTrace trace;
  auto config = step_config();
  config.max_instances = 2;
  const auto result = simulate_containers(config, step_load(), 3600, 23, &trace);
  EXPECT_TRUE(changes(trace, FleetChange::scale_out).empty());
  EXPECT_TRUE(trace.datapoints.empty());
  EXPECT_EQ(result.instances.peak, 2);
  EXPECT_DOUBLE_EQ(result.instances.mean, 2);
  EXPECT_EQ(result.instance_starts, 0);
  EXPECT_GT(result.queued.peak, 1000);
}

// The Kubernetes HPA on the same step: it syncs every 15 s; the 15 s ending at 615 read ~0.97,
// outside the 0.1 tolerance of 0.7, so the Deployment goes to ceil(2 x 0.97 / 0.7) = 3 at 615
// (then 5 at 645 and 7 at 675 as pods become ready). Scale-down never comes within the 300 s
// stabilisation window of a scale-up, whose recommendation is still in the window.
TEST(ContainerSim, HpaReactsAtTheFirstSync) {
  ContainerTrace trace;
  auto config = step_config();
  config.scaler = ContainerScaler::hpa;
  simulate_containers(config, step_load(), 3600, 24, &trace);
  const auto outs = changes(trace, FleetChange::scale_out);
  ASSERT_FALSE(outs.empty());
  EXPECT_DOUBLE_EQ(outs[0].seconds, 615);
  EXPECT_EQ(outs[0].desired, 3);
  // A scale-out's recommendation stays in the 300 s window, so no scale-down follows within it.
  double last_out = -1e9;
  int scale_ins = 0;
  for (const FleetEvent& e : trace.fleet) {
    if (e.change == FleetChange::scale_out) last_out = e.seconds;
    if (e.change == FleetChange::scale_in) {
      ++scale_ins;
      EXPECT_GE(e.seconds - last_out, 300);
    }
  }
  EXPECT_GE(scale_ins, 1);
}

// Workers scale on messages per task: 20 messages/s of 1 s on one 10-slot task build a backlog;
// the fleet grows until the backlog is served, and every message is processed.
TEST(ContainerSim, WorkersScaleOnBacklog) {
  ContainerTrace trace;
  ContainerSimConfig config{Distribution::fixed(1)};
  config.workload = ContainerWorkload::worker;
  config.concurrency_per_instance = 10;
  config.min_instances = 1;
  config.max_instances = 10;
  const auto result = simulate_containers(config, SteadyArrivals{20}, 3600, 25, &trace);
  const auto outs = changes(trace, FleetChange::scale_out);
  ASSERT_FALSE(outs.empty());
  EXPECT_DOUBLE_EQ(outs[0].seconds, 180);  // third breaching 1-minute datapoint
  EXPECT_GE(result.instances.peak, 2);
  EXPECT_EQ(result.completed, result.requests);
  EXPECT_EQ(result.timed_out, 0);  // no front door for workers
}

// ---- hosts -----------------------------------------------------------------------------------

// Bin-packing: 3 instances per host, 7 pinned instances need 3 hosts, for the whole run.
TEST(ContainerSim, BinPacksInstancesOntoHosts) {
  ContainerSimConfig config{Distribution::fixed(0.1)};
  config.platform = ContainerPlatform::ec2;
  config.instances_per_host = 3;
  config.min_instances = 7;
  config.max_instances = 7;
  const auto result = simulate_containers(config, SteadyArrivals{10}, 3600, 31);
  EXPECT_EQ(result.peak_hosts, 3);
  EXPECT_NEAR(result.usage.host_hours, 3, 1e-9);
  EXPECT_EQ(result.instances.peak, 7);
}

// A scale-out with no room on the running host waits for a new one: the step's scale-out at
// 780 (see the hand calculation above) launches a host (ECS capacity provider, 75 s), and the
// task then starts on it: 2 s placement + the image pull (10 s, a new host has no cache) + 5 s.
// One zone, so that both initial tasks share the one host.
TEST(ContainerSim, HostLaunchDelaysPendingInstances) {
  ContainerTrace trace;
  auto config = step_config();
  config.platform = ContainerPlatform::ec2;
  config.azs = 1;
  config.instances_per_host = 2;
  config.max_instances = 3;
  const auto result = simulate_containers(config, step_load(), 1200, 32, &trace);
  const auto launched = changes(trace, FleetChange::host_launched);
  const auto host_ready = changes(trace, FleetChange::host_ready);
  const auto ready = changes(trace, FleetChange::instance_ready);
  ASSERT_EQ(launched.size(), 1U);
  ASSERT_EQ(host_ready.size(), 1U);
  ASSERT_GE(ready.size(), 1U);
  EXPECT_DOUBLE_EQ(launched[0].seconds, 780);
  EXPECT_DOUBLE_EQ(host_ready[0].seconds, 780 + kContainerDefaults.ecs_host_seconds);
  EXPECT_DOUBLE_EQ(ready[0].seconds, 780 + kContainerDefaults.ecs_host_seconds + 2 + 10 + 5);
  EXPECT_EQ(result.peak_hosts, 2);
}

// Spread over availability zones (SPEC.md, "Containers"): two pinned instances that would fit
// on one host (4 per host) run on two hosts in a 2-zone service, one in each, for the whole run
// (2 host-hours an hour); in one zone they share one host.
TEST(ContainerSim, TwoInstancesInTwoZonesRunOnTwoHosts) {
  ContainerSimConfig config{Distribution::fixed(0.1)};
  config.platform = ContainerPlatform::ec2;
  config.instances_per_host = 4;
  config.min_instances = 2;
  config.max_instances = 2;
  const auto spread = simulate_containers(config, SteadyArrivals{10}, 3600, 33);
  EXPECT_EQ(spread.peak_hosts, 2);
  EXPECT_NEAR(spread.usage.host_hours, 2, 1e-9);
  config.azs = 1;
  const auto packed = simulate_containers(config, SteadyArrivals{10}, 3600, 33);
  EXPECT_EQ(packed.peak_hosts, 1);
  EXPECT_NEAR(packed.usage.host_hours, 1, 1e-9);
}

// At least min(azs, instances) hosts, each zone's share bin-packed: instances dealt over the
// zones as evenly as they go, ceil(share / per host) hosts in each.
TEST(ContainerSim, PinnedFleetsSpreadOverZones) {
  struct Case {
    int azs, instances, per_host, hosts;
  };
  for (const Case& c : {Case{2, 1, 4, 1}, Case{2, 2, 4, 2}, Case{3, 2, 4, 2}, Case{3, 7, 4, 3},
                        Case{2, 9, 4, 3}, Case{3, 3, 1, 3}, Case{2, 5, 4, 2}, Case{3, 10, 2, 6}}) {
    ContainerSimConfig config{Distribution::fixed(0.1)};
    config.platform = ContainerPlatform::ec2;
    config.azs = c.azs;
    config.instances_per_host = c.per_host;
    config.min_instances = c.instances;
    config.max_instances = c.instances;
    const auto result = simulate_containers(config, SteadyArrivals{1}, 600, 34);
    EXPECT_EQ(result.peak_hosts, c.hosts)
        << c.azs << " zones, " << c.instances << " instances, " << c.per_host << " per host";
    EXPECT_GE(result.peak_hosts, std::min(c.azs, c.instances));
    EXPECT_NEAR(result.usage.host_hours, c.hosts * 600 / 3600.0, 1e-9);
  }
}

// The spread is a preference: at max_hosts an instance takes room in any zone, as ECS's spread
// strategy places on what exists rather than leave the task pending.
TEST(ContainerSim, SpreadGivesWayToMaxHosts) {
  ContainerSimConfig config{Distribution::fixed(0.1)};
  config.platform = ContainerPlatform::ec2;
  config.instances_per_host = 4;
  config.min_instances = 2;
  config.max_instances = 2;
  config.max_hosts = 1;
  const auto result = simulate_containers(config, SteadyArrivals{10}, 3600, 35);
  EXPECT_EQ(result.peak_hosts, 1);
  EXPECT_DOUBLE_EQ(result.instances.mean, 2);
  EXPECT_EQ(result.throttled, 0);
}

// Scale-out and scale-in keep the zones balanced. The step load on 2 hosts of 2 (one task in
// each zone): the scale-out to 3 (780 s) and then to 5 (840 s) fills the two hosts' free room
// first, and the fifth task launches a host in the zone that has fewer tasks; once the load falls
// the fleet returns to 2 tasks, one in each zone (retiring from the zone with more tasks), and the
// empty hosts stop: 2 hosts at the end, not both tasks on one.
TEST(ContainerSim, ScalingKeepsTheZonesBalanced) {
  ContainerTrace trace;
  auto config = step_config();
  config.platform = ContainerPlatform::ec2;
  config.instances_per_host = 2;
  const auto result = simulate_containers(config, step_load(), 2 * 3600, 36, &trace);
  const auto launched = changes(trace, FleetChange::host_launched);
  ASSERT_FALSE(launched.empty());
  EXPECT_DOUBLE_EQ(launched[0].seconds, 840);
  EXPECT_EQ(launched[0].desired, 5);
  ASSERT_FALSE(trace.fleet.empty());
  EXPECT_EQ(trace.fleet.back().desired, 2);
  EXPECT_EQ(trace.fleet.back().hosts, 2);
  EXPECT_GE(result.peak_hosts, 3);
}

// A scale-in of several at once keeps the zones balanced: a 2-minute burst to 4 tasks (2 per
// host, one host per zone) and back; when the fleet returns to 2, one task is left in each zone,
// so both hosts stay and none stops. (Counting a draining task in its zone let two retirements in
// a row come from one zone, whose host then stopped: 1 host for a 2-zone service's 2 tasks.)
TEST(ContainerSim, ScaleInKeepsOneTaskPerZone) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    ContainerTrace trace;
    ContainerSimConfig config{Distribution::lognormal(0.2, 10)};
    config.platform = ContainerPlatform::ec2;
    config.concurrency_per_instance = 80;
    config.min_instances = 2;
    config.max_instances = 4;
    config.instances_per_host = 2;
    // 20 requests/s, 1,500/s from 600 to 720 s, then 20/s again (counts per interval).
    const TraceArrivals load({{0, 12'000}, {600, 180'000}, {720, 201'600}, {3 * 3600, 0}});
    const auto result = simulate_containers(config, load, 3 * 3600, seed, &trace);
    EXPECT_EQ(result.instances.peak, 4) << "seed " << seed;
    EXPECT_TRUE(changes(trace, FleetChange::host_stopped).empty()) << "seed " << seed;
    EXPECT_NEAR(result.usage.host_hours, 2 * 3, 1e-9) << "seed " << seed;
  }
}

// ---- scheduled runs ---------------------------------------------------------------------------

// A 40-minute job once a day for 3 days on Fargate (0.5 vCPU, 1 GB, 300 MB image, 5 s start):
// each run is billed from the image pull (10 s) through the app start (5 s) and the run (2,400 s),
// not the 10 s of provisioning before the pull; its latency is all of them (2,425 s).
TEST(ContainerSim, ScheduledJobOnFargate) {
  ContainerSimConfig config{Distribution::fixed(2400)};
  config.task_vcpu = 0.5;
  config.task_memory_gb = 1;
  config.start_p99_over_p50 = 1;
  config.run_times_seconds = {3600, 3600 + 86'400, 3600 + 2 * 86'400};
  const auto result = simulate_containers(config, SteadyArrivals{0}, 3 * 86'400, 41);
  const double billed_hours = 3 * (10 + 5 + 2400) / 3600.0;
  EXPECT_EQ(result.requests, 3);
  EXPECT_EQ(result.completed, 3);
  EXPECT_DOUBLE_EQ(result.cold_start_fraction, 1);
  EXPECT_NEAR(result.usage.task_vcpu_hours, billed_hours * 0.5, 1e-9);
  EXPECT_NEAR(result.usage.task_gb_hours, billed_hours * 1, 1e-9);
  EXPECT_NEAR(result.latency_ms.mean, 2'425'000, 1e-6);
  EXPECT_EQ(result.instances.peak, 1);
  EXPECT_DOUBLE_EQ(result.usage.host_hours, 0);
}

// Fargate's 1-minute minimum: a 10 s job with no image to pull and no start is billed 60 s.
TEST(ContainerSim, FargateBillsAtLeastOneMinute) {
  ContainerSimConfig config{Distribution::fixed(10)};
  config.image_mb = 0;
  config.startup_seconds = 0;
  config.task_vcpu = 1;
  config.run_times_seconds = {100};
  const auto result = simulate_containers(config, SteadyArrivals{0}, 3600, 42);
  EXPECT_NEAR(result.usage.task_vcpu_hours, 60.0 / 3600, 1e-12);
}

// A scheduled job on EKS with Karpenter and no node running: the node launches at the run time
// (45 s), the pod starts (2 s), pulls (10 s) and starts (5 s), runs 2,400 s, and the empty node
// is consolidated 60 s later: host time 45 + 2 + 10 + 5 + 2,400 + 60 s per run.
TEST(ContainerSim, ScheduledJobLaunchesAndStopsAHost) {
  ContainerSimConfig config{Distribution::fixed(2400)};
  config.platform = ContainerPlatform::ec2;
  config.provisioner = HostProvisioner::karpenter;
  config.instances_per_host = 4;
  config.start_p99_over_p50 = 1;
  config.run_times_seconds = {3600, 3600 + 86'400};
  const auto result = simulate_containers(config, SteadyArrivals{0}, 2 * 86'400, 43);
  EXPECT_EQ(result.completed, 2);
  EXPECT_EQ(result.peak_hosts, 1);
  EXPECT_NEAR(result.usage.host_hours, 2 * (45 + 2 + 10 + 5 + 2400 + 60) / 3600.0, 1e-9);
  EXPECT_NEAR(result.latency_ms.mean, (45 + 2 + 10 + 5 + 2400) * 1000.0, 1e-6);
}

// ---- connections, determinism ---------------------------------------------------------------

// Each running instance holds its connections: 3 pinned instances x 5.
TEST(ContainerSim, ConnectionsFollowRunningInstances) {
  ContainerSimConfig config{Distribution::fixed(0.05)};
  config.min_instances = 3;
  config.max_instances = 3;
  config.connections_per_instance = 5;
  const auto result = simulate_containers(config, SteadyArrivals{5}, 600, 51);
  EXPECT_DOUBLE_EQ(result.db_connections.mean, 15);
  EXPECT_EQ(result.db_connections.peak, 15);
}

// Routing: least outstanding requests beats round robin on the tail when service times vary
// (lognormal), and random (Kubernetes) is worst; all three conserve requests. 200,000 requests.
TEST(ContainerSim, RoutingPoliciesOrderTheTail) {
  ContainerSimConfig config{Distribution::lognormal(0.2, 2.0)};
  config.concurrency_per_instance = 2;
  config.min_instances = 4;
  config.max_instances = 4;
  const double rate = 0.7 * 8 / config.duration.mean();
  double p99[3];
  int k = 0;
  for (ContainerRouting routing : {ContainerRouting::least_outstanding,
                                   ContainerRouting::round_robin, ContainerRouting::random}) {
    config.routing = routing;
    const auto result = simulate_containers(config, SteadyArrivals{rate}, 2e5 / rate, 52);
    EXPECT_EQ(result.completed + result.timed_out, result.requests);
    p99[k++] = result.latency_ms.p99;
    std::printf("routing %d: p99 %.0f ms\n", k - 1, result.latency_ms.p99);
  }
  EXPECT_LT(p99[0], p99[1]);
  EXPECT_LT(p99[1], p99[2]);
}

// Same config and seed: identical results; another seed: different ones.
TEST(ContainerSim, Deterministic) {
  auto config = step_config();
  config.start_p99_over_p50 = kContainerDefaults.start_p99_over_p50;
  config.duration = Distribution::lognormal(0.5, 2);
  const auto a = simulate_containers(config, SteadyArrivals{15}, 3600, 61);
  const auto b = simulate_containers(config, SteadyArrivals{15}, 3600, 61);
  const auto c = simulate_containers(config, SteadyArrivals{15}, 3600, 62);
  EXPECT_EQ(a.requests, b.requests);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.latency_ms.p99, b.latency_ms.p99);
  EXPECT_EQ(a.instances.mean, b.instances.mean);
  EXPECT_EQ(a.usage.task_vcpu_hours, b.usage.task_vcpu_hours);
  EXPECT_NE(a.latency_ms.mean, c.latency_ms.mean);
}

}  // namespace
}  // namespace computefit::sim
