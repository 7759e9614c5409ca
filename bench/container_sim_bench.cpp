// Speed of the container model: simulated requests and events per wall second on Poisson traffic
// to a few instances of 20 slots (pinned, and with target tracking), the floor of drawing the
// same random variates alone, and a simulated day at 1,000 rps with autoscaling.
#include <benchmark/benchmark.h>

#include <chrono>

#include "sim/container_sim.hpp"
#include "sim/random.hpp"

namespace computefit::sim {
namespace {

constexpr double kRequestsPerRun = 1'000'000;
// 4 instances x 20 slots, exponential 100 ms requests, 70% busy: 560 rps.
constexpr double kServiceSeconds = 0.1;
constexpr double kRate = 0.7 * 4 * 20 / kServiceSeconds;

ContainerSimConfig four_instances(bool autoscaling) {
  ContainerSimConfig config{Distribution::exponential(kServiceSeconds)};
  config.concurrency_per_instance = 20;
  config.min_instances = autoscaling ? 2 : 4;
  config.max_instances = autoscaling ? 20 : 4;
  return config;
}

using Clock = std::chrono::steady_clock;

// Seconds to draw the variates of `requests` requests: an inter-arrival and a duration each.
double variate_floor_seconds(const ContainerSimConfig& config, double requests) {
  Rng rng(1);
  double sum = 0;
  const auto start = Clock::now();
  for (int i = 0; i < static_cast<int>(requests); ++i) {
    sum += exponential(rng, 1 / kRate);
    sum += config.duration.sample(rng);
  }
  benchmark::DoNotOptimize(sum);
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Also reports x_variate_floor, as the Lambda benchmark does.
void run_poisson(benchmark::State& state, bool autoscaling) {
  const auto config = four_instances(autoscaling);
  std::uint64_t seed = 1;
  double requests = 0;
  double events = 0;
  double instances = 0;
  double simulated_seconds = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    const auto result =
        simulate_containers(config, SteadyArrivals{kRate}, kRequestsPerRun / kRate, seed++);
    simulated_seconds += std::chrono::duration<double>(Clock::now() - start).count();
    requests += static_cast<double>(result.requests);
    events += static_cast<double>(result.events);
    instances = result.instances.mean;
  }
  state.counters["requests_per_s"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
  state.counters["events_per_s"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.counters["mean_instances"] = instances;
  state.counters["x_variate_floor"] = simulated_seconds / variate_floor_seconds(config, requests);
}

void BM_ContainerPoissonFourInstances(benchmark::State& state) {
  run_poisson(state, false);
}
BENCHMARK(BM_ContainerPoissonFourInstances)->Unit(benchmark::kMillisecond);

void BM_ContainerPoissonTargetTracking(benchmark::State& state) {
  run_poisson(state, true);
}
BENCHMARK(BM_ContainerPoissonTargetTracking)->Unit(benchmark::kMillisecond);

// The variates the runs above draw per request: an inter-arrival and a duration.
void BM_ContainerVariateFloor(benchmark::State& state) {
  const auto config = four_instances(false);
  Rng rng(1);
  double requests = 0;
  for (auto _ : state) {
    double sum = 0;
    for (int i = 0; i < static_cast<int>(kRequestsPerRun); ++i) {
      sum += exponential(rng, 1 / kRate);
      sum += config.duration.sample(rng);
    }
    benchmark::DoNotOptimize(sum);
    requests += kRequestsPerRun;
  }
  state.counters["requests_per_s"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ContainerVariateFloor)->Unit(benchmark::kMillisecond);

// SPEC.md's example service on Fargate: lognormal p50 45 ms / p99 250 ms, 20 slots per task,
// target tracking from 2 tasks, 1,000 rps for a day (86.4 million requests).
void BM_ContainerDayAt1000Rps(benchmark::State& state) {
  ContainerSimConfig config{Distribution::lognormal(0.045, 0.250)};
  config.concurrency_per_instance = 20;
  double requests = 0;
  double instances = 0;
  for (auto _ : state) {
    const auto result = simulate_containers(config, SteadyArrivals{1000}, 86'400, 1);
    requests += static_cast<double>(result.requests);
    instances = result.instances.mean;
  }
  state.counters["requests_per_s"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
  state.counters["mean_instances"] = instances;
}
BENCHMARK(BM_ContainerDayAt1000Rps)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace computefit::sim
