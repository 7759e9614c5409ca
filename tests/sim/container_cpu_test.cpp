// The container model's processor-sharing CPU (SPEC.md, "CPU (revision 2)") against closed forms:
// M/M/1-PS and M/G/1-PS, whose mean response time is E[S] / (1 - rho) whatever the law of the
// service time (Kleinrock, "Queueing Systems" vol. 2, §4.4), and the c-vCPU sharing with at most
// one vCPU per request, a symmetric queue in Kelly's sense (Kelly, "Reversibility and Stochastic
// Networks", 1979, §3.3), hence insensitive too: its number in system is that of M/M/c, so its
// mean response time is M/M/c's, s + C(c, a) / (c mu - lambda).
//
// Each closed-form check runs 20 independent replications of 50,000 requests and takes the mean
// of the replications' mean response times with a Student t interval: the response times of one
// run are strongly correlated at rho = 0.8 (a busy period holds 5 requests on average and some
// hold hundreds), so their own standard error would be too small; replications are independent.
// Seven intervals are checked, each at 99.5% (t = 3.174, 19 degrees of freedom), so together at
// least 96.5% (Bonferroni). The empty start biases each replication's mean low by about the
// relaxation time over the run, 1 / (mu (1 - sqrt(rho))^2) = 90 s against 62,500 s (0.15%),
// which the interval, several percent wide, absorbs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "sim/container_sim.hpp"
#include "sim/fleet_stats.hpp"
#include "stats/queueing.hpp"

namespace computefit::sim {
namespace {

constexpr int kReplications = 20;
constexpr double kT = 3.174;  // Student t, 0.9975 quantile, 19 degrees of freedom
constexpr double kRequests = 50'000;

// One pinned instance of `vcpu` vCPUs with enough slots that none ever waits for one: the CPU
// is the only queue.
ContainerSimConfig pinned(Distribution duration, double vcpu) {
  ContainerSimConfig config{std::move(duration)};
  config.concurrency_per_instance = 100'000;
  config.min_instances = 1;
  config.max_instances = 1;
  config.task_vcpu = vcpu;
  config.front_door_timeout_seconds.reset();
  return config;
}

// A request's whole duration is CPU work measured at the instance's own vCPU, and it may use all
// of it: the CPU is a single processor-sharing server whose service time is the duration.
ContainerSimConfig single_server(Distribution duration) {
  auto config = pinned(std::move(duration), 1);
  config.cpu_use = CpuUse::cpu_bound;
  config.cpu_measured_vcpu = 1;
  return config;
}

struct Estimate {
  double mean = 0;
  double half_width = 0;
};

// The mean response time, seconds, over the replications, with its t half-width.
Estimate replicated_mean_response(const ContainerSimConfig& config, double rate) {
  std::vector<double> means;
  for (int r = 0; r < kReplications; ++r) {
    const auto result = simulate_containers(config, SteadyArrivals{rate}, kRequests / rate,
                                            2000 + static_cast<std::uint64_t>(r));
    EXPECT_EQ(result.completed, result.requests);
    means.push_back(result.latency_ms.mean / 1000);
  }
  double mean = 0;
  for (double m : means) mean += m;
  mean /= kReplications;
  double variance = 0;
  for (double m : means) variance += (m - mean) * (m - mean);
  variance /= kReplications - 1;
  return {mean, kT * std::sqrt(variance / kReplications)};
}

void expect_mean_response(const char* name, const ContainerSimConfig& config, double rate,
                          double reference) {
  const Estimate e = replicated_mean_response(config, rate);
  std::printf("%s: mean response %.4f +- %.4f s (closed form %.4f)\n", name, e.mean, e.half_width,
              reference);
  EXPECT_NEAR(e.mean, reference, e.half_width) << name;
}

// M/M/1-PS: exponential 1 s at rho = 0.5 and 0.8: E[R] = 1 / (1 - rho) = 2 and 5 s.
TEST(ContainerCpu, MM1ProcessorSharing) {
  const auto config = single_server(Distribution::exponential(1));
  expect_mean_response("M/M/1-PS, rho 0.5", config, 0.5, 2);
  expect_mean_response("M/M/1-PS, rho 0.8", config, 0.8, 5);
}

// M/G/1-PS is insensitive to the law of S: deterministic 1 s at rho = 0.8 gives 5 s (FIFO M/D/1
// would give 1 + 0.8 / (2 x 0.2) = 3 s), and a lognormal with p50 1 s and p99 5 s (mean
// e^(sigma^2 / 2) = 1.2705 s) at rho = 0.8 gives 1.2705 / 0.2 = 6.35 s.
TEST(ContainerCpu, MG1ProcessorSharingIsInsensitive) {
  expect_mean_response("M/D/1-PS, rho 0.8", single_server(Distribution::fixed(1)), 0.8, 5);
  const Distribution lognormal = Distribution::lognormal(1, 5);
  const double mean = lognormal.mean();
  expect_mean_response("M/G/1-PS lognormal, rho 0.8", single_server(lognormal), 0.8 / mean,
                       mean / 0.2);
}

// cpu_ms_per_request on one vCPU: a request waits its I/O share (duration - CPU part), then its
// CPU part (at most 0.1 s of CPU, min(D, 0.1)) is served by processor sharing. The I/O is an
// infinite server, whose departures are again Poisson with the work marks independent (the
// displacement theorem), so the CPU is M/G/1-PS with S = min(D, 0.1):
// E[R] = E[D] - E[S] + E[S] / (1 - lambda E[S]). D lognormal, p50 0.3 s, p99 1.5 s; 8 requests/s.
TEST(ContainerCpu, IoThenSharedCpu) {
  const double p50 = 0.3;
  const double sigma = std::log(5.0) / kNormalQuantile99;
  const double cpu = 0.1;
  const double mean_duration = p50 * std::exp(sigma * sigma / 2);
  // E[min(D, c)] = E[D 1{D < c}] + c P(D >= c) for a lognormal.
  const double z = std::log(cpu / p50) / sigma;
  const double mean_work =
      mean_duration * stats::normal_cdf(z - sigma) + cpu * (1 - stats::normal_cdf(z));
  const double rate = 8;
  const double rho = rate * mean_work;
  auto config = pinned(Distribution::lognormal(p50, 5 * p50), 1);
  config.cpu_use = CpuUse::per_request;
  config.cpu_seconds_per_request = cpu;
  std::printf("I/O then CPU: rho %.4f\n", rho);
  expect_mean_response("I/O + M/G/1-PS", config, rate,
                       mean_duration - mean_work + mean_work / (1 - rho));
}

// Four vCPUs, at most one per request (cpu_ms_per_request equal to the whole duration, 0.5 s):
// M/M/4 means whatever the law. 6 requests/s: a = 3, C(4, 3) = 0.5094, E[R] = 0.5 + C / (8 - 6)
// = 0.7547 s, with deterministic and with exponential work.
TEST(ContainerCpu, SeveralVcpusOneEachIsInsensitive) {
  const double s = 0.5;
  const double rate = 6;
  const double reference = s + stats::erlang_c(4, rate * s) / (4 / s - rate);
  for (const Distribution& d : {Distribution::fixed(s), Distribution::exponential(s)}) {
    auto config = pinned(d, 4);
    config.cpu_use = CpuUse::per_request;
    config.cpu_seconds_per_request = 1e9;  // all of every duration is CPU
    expect_mean_response(d.kind() == Distribution::Kind::fixed ? "4 vCPU, 1 each, fixed"
                                                               : "4 vCPU, 1 each, exponential",
                         config, rate, reference);
  }
}

// A lone request: cpu_bound work measured at 0.5 vCPU takes duration x 0.5 / 2 on a 2-vCPU task
// (revision 1's scaling, exactly); a 0.1 s CPU part on a 0.25-vCPU task takes 0.4 s after its
// 0.2 s of I/O; with the CPU not modelled the duration is what it is. Requests 10 s apart, so
// each is alone.
TEST(ContainerCpu, LoneRequestsTakeTheirScaledDuration) {
  const TraceArrivals spaced({{0, 1}, {10, 1}});
  auto bound = pinned(Distribution::fixed(1), 2);
  bound.cpu_use = CpuUse::cpu_bound;
  bound.cpu_measured_vcpu = 0.5;
  const auto a = simulate_containers(bound, spaced, 3600, 81);
  EXPECT_EQ(a.completed, 360);
  // 1 s measured at 0.5 vCPU is 0.5 vCPU-seconds of work; a lone request is one thread and runs on
  // one of the task's two vCPUs (SPEC.md "CPU": at most one vCPU each): 500 ms, not 250.
  EXPECT_DOUBLE_EQ(a.latency_ms.max, 500);
  EXPECT_DOUBLE_EQ(a.latency_ms.mean, 500);
  // Measured at 2 vCPU, it had one of them too: 1 s on the same task.
  bound.cpu_measured_vcpu = 2;
  EXPECT_DOUBLE_EQ(simulate_containers(bound, spaced, 3600, 81).latency_ms.mean, 1000);

  auto small = pinned(Distribution::fixed(0.3), 0.25);
  small.cpu_use = CpuUse::per_request;
  small.cpu_seconds_per_request = 0.1;
  const auto b = simulate_containers(small, spaced, 3600, 82);
  EXPECT_DOUBLE_EQ(b.latency_ms.max, 600);
  EXPECT_DOUBLE_EQ(b.latency_ms.mean, 600);

  small.cpu_use = CpuUse::none;
  const auto c = simulate_containers(small, spaced, 3600, 83);
  EXPECT_DOUBLE_EQ(c.latency_ms.mean, 300);
}

// Common random numbers: runs with different seeds but one duration seed draw the same duration
// for the n-th request, so two runtimes' latencies differ by what the runtimes do (here nothing),
// not by their draws; without it they differ by sampling noise.
TEST(ContainerCpu, ADurationSeedSharesTheDrawsAcrossRuns) {
  const TraceArrivals spaced({{0, 1}, {10, 1}});
  auto config = pinned(Distribution::lognormal(100, 2000), 1);
  config.duration_seed = 42;
  const auto a = simulate_containers(config, spaced, 3600, 1);
  const auto b = simulate_containers(config, spaced, 3600, 2);
  EXPECT_EQ(a.latency_ms.mean, b.latency_ms.mean);
  EXPECT_EQ(a.latency_ms.max, b.latency_ms.max);
  config.duration_seed.reset();
  EXPECT_NE(simulate_containers(config, spaced, 3600, 1).latency_ms.mean,
            simulate_containers(config, spaced, 3600, 2).latency_ms.mean);
}

// Latency grows as an instance nears saturation: the M/D/1-PS mean 0.1 / (1 - rho) at rho = 0.5,
// 0.8, 0.9 (single runs of 200,000 requests; each mean within 10% of its closed form, several
// times the replications' spread above, and strictly increasing).
TEST(ContainerCpu, LatencyGrowsTowardsSaturation) {
  auto config = pinned(Distribution::fixed(0.1), 1);
  config.cpu_use = CpuUse::per_request;
  config.cpu_seconds_per_request = 0.1;
  double previous = 0;
  for (double rho : {0.5, 0.8, 0.9}) {
    const double rate = rho / 0.1;
    const auto result = simulate_containers(config, SteadyArrivals{rate}, 2e5 / rate, 84);
    const double mean = result.latency_ms.mean / 1000;
    std::printf("M/D/1-PS, rho %.1f: mean %.4f s (closed form %.4f), p99 %.4f s\n", rho, mean,
                0.1 / (1 - rho), result.latency_ms.p99 / 1000);
    EXPECT_NEAR(mean, 0.1 / (1 - rho), 0.1 * 0.1 / (1 - rho));
    EXPECT_GT(mean, previous);
    previous = mean;
  }
}

// Target tracking on CPU (ECSServiceAverageCPUUtilization) and the HPA's CPU target: 50
// requests/s of 0.2 s of which 0.1 s is CPU on 1-vCPU tasks at target 0.7 need 5 vCPU, so the
// fleet settles at N* = ceil(5 / 0.7) = 8 within 1 (x = 7.14), its mean in [x - 0.5, N* + 0.5]
// for target tracking (a one-minute CPU average has an SD of sqrt(50 x 0.01 / 60) = 0.09 vCPU,
// 0.13 task) and [x - 0.5, N* + 1] for the HPA (the highest of 20 recommendations from 15 s
// averages), after a burn-in of an hour, over 3 hours. With the CPU not modelled the same service
// scales on busy slots, 10 of 2 x 80, and stays at its minimum of 2.
TEST(ContainerCpu, ScalesOnCpuUtilisation) {
  ContainerSimConfig config{Distribution::fixed(0.2)};
  config.concurrency_per_instance = 80;
  config.task_vcpu = 1;
  config.min_instances = 2;
  config.max_instances = 30;
  config.measure_from_seconds = 3600;
  config.cpu_use = CpuUse::per_request;
  config.cpu_seconds_per_request = 0.1;
  const double x = 50 * 0.1 / 0.7;
  for (ContainerScaler scaler : {ContainerScaler::target_tracking, ContainerScaler::hpa}) {
    config.scaler = scaler;
    ContainerTrace trace;
    const auto result = simulate_containers(config, SteadyArrivals{50}, 3 * 3600, 85, &trace);
    const FleetStats fleet = serving_between(trace, 3600, 4 * 3600, config.min_instances);
    const bool hpa = scaler == ContainerScaler::hpa;
    std::printf("CPU scaling (%s): fleet mean %.3f sd %.3f range %d-%d (N* 8), p99 %.1f ms\n",
                hpa ? "HPA" : "target tracking", fleet.mean, fleet.sd, fleet.low, fleet.high,
                result.latency_ms.p99);
    EXPECT_GE(fleet.low, 7);
    EXPECT_LE(fleet.high, 9);
    EXPECT_GE(fleet.mean, x - 0.5);
    EXPECT_LE(fleet.mean, hpa ? 9.0 : 8.5);
  }
  config.scaler = ContainerScaler::target_tracking;
  config.cpu_use = CpuUse::none;
  const auto slots = simulate_containers(config, SteadyArrivals{50}, 3 * 3600, 85);
  EXPECT_DOUBLE_EQ(slots.instances.mean, 2);
}

// A worker whose CPU is the bottleneck: 50 messages/s of 0.2 s with 0.1 s of CPU, 80 slots on
// 1 vCPU, 2 to 30 tasks. On messages alone there is no fixed point: a fleet of N tasks has its
// CPU at rho = 5 / N, in-flight messages 50 x (0.1 + 0.1 / (1 - rho)), and ceil(messages / 56)
// is 1 wherever 5 + 5 / (1 - rho) <= 56, rho <= 0.90 (N >= 6): the fleet is cut to its minimum,
// saturates, builds a backlog and is sent back up (SD 12 tasks over 2-30). With the CPU policy
// beside it (the default when the CPU is modelled) it settles at the CPU's N* = ceil(5 / 0.7) =
// 8 within 1, SD under 1, as in the test above.
TEST(ContainerCpu, WorkerWithCpuScalesOnMessagesAndCpu) {
  ContainerSimConfig config{Distribution::fixed(0.2)};
  config.workload = ContainerWorkload::worker;
  config.concurrency_per_instance = 80;
  config.task_vcpu = 1;
  config.min_instances = 2;
  config.max_instances = 30;
  config.measure_from_seconds = 3600;
  config.cpu_use = CpuUse::per_request;
  config.cpu_seconds_per_request = 0.1;
  ContainerTrace both;
  simulate_containers(config, SteadyArrivals{50}, 3 * 3600, 87, &both);
  const FleetStats fleet = serving_between(both, 3600, 4 * 3600, config.min_instances);
  config.scaling_metric = ScalingMetric::messages;
  ContainerTrace messages;
  simulate_containers(config, SteadyArrivals{50}, 3 * 3600, 87, &messages);
  const FleetStats alone = serving_between(messages, 3600, 4 * 3600, config.min_instances);
  std::printf(
      "CPU-bound worker: messages and CPU: mean %.3f sd %.3f range %d-%d (N* 8); "
      "messages alone: mean %.3f sd %.3f range %d-%d\n",
      fleet.mean, fleet.sd, fleet.low, fleet.high, alone.mean, alone.sd, alone.low, alone.high);
  EXPECT_GE(fleet.low, 7);
  EXPECT_LE(fleet.high, 9);
  EXPECT_LT(fleet.sd, 1.0);
  EXPECT_GT(alone.sd, 1.0);
}

// Same seed, same result, with the CPU modelled.
TEST(ContainerCpu, Deterministic) {
  auto config = single_server(Distribution::lognormal(0.05, 0.4));
  config.max_instances = 5;
  const auto a = simulate_containers(config, SteadyArrivals{12}, 3600, 86);
  const auto b = simulate_containers(config, SteadyArrivals{12}, 3600, 86);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace computefit::sim
