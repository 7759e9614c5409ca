// Speed of the Lambda model: simulated requests and events per wall second on Poisson traffic with
// about 8 live environments (SimFaaS's README workload: lambda 0.9/s, exponential warm 1.991 s,
// init 0.253 s, keep-alive 600 s), the floor of drawing the same random variates alone, and a
// simulated day at 1,000 rps (86.4 million requests).
#include <benchmark/benchmark.h>

#include <chrono>

#include "sim/lambda_sim.hpp"
#include "sim/random.hpp"

namespace computefit::sim {
namespace {

constexpr double kRate = 0.9;
constexpr double kRequestsPerRun = 1'000'000;

LambdaSimConfig eight_environments() {
  LambdaSimConfig config{Distribution::exponential(1.991), Distribution::fixed(2.244 - 1.991)};
  config.keep_alive_seconds = 600;
  return config;
}

using Clock = std::chrono::steady_clock;

// Seconds to draw the variates of `requests` requests: an inter-arrival and a warm duration each
// (the rare cold start's init is fixed and draws nothing).
double variate_floor_seconds(const LambdaSimConfig& config, double requests) {
  Rng rng(1);
  double sum = 0;
  const auto start = Clock::now();
  for (int i = 0; i < static_cast<int>(requests); ++i) {
    sum += exponential(rng, 1 / kRate);
    sum += config.warm_duration.sample(rng);
  }
  benchmark::DoNotOptimize(sum);
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Also reports x_variate_floor: the simulation's time over the floor's for as many requests,
// both measured in this run (the VM's speed drifts between runs; a ratio within one run less so).
void BM_LambdaPoissonEightEnvironments(benchmark::State& state) {
  const auto config = eight_environments();
  std::uint64_t seed = 1;
  double requests = 0;
  double events = 0;
  double instances = 0;
  double simulated_seconds = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    const auto result =
        simulate_lambda(config, SteadyArrivals{kRate}, kRequestsPerRun / kRate, seed++);
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
BENCHMARK(BM_LambdaPoissonEightEnvironments)->Unit(benchmark::kMillisecond);

// The variates the run above draws per request: an inter-arrival and a warm duration (the rare
// cold start's init is fixed and draws nothing).
void BM_VariateFloor(benchmark::State& state) {
  const auto config = eight_environments();
  Rng rng(1);
  double requests = 0;
  for (auto _ : state) {
    double sum = 0;
    for (int i = 0; i < static_cast<int>(kRequestsPerRun * 1.0); ++i) {
      sum += exponential(rng, 1 / kRate);
      sum += config.warm_duration.sample(rng);
    }
    benchmark::DoNotOptimize(sum);
    requests += kRequestsPerRun;
  }
  state.counters["requests_per_s"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VariateFloor)->Unit(benchmark::kMillisecond);

// SPEC.md's example service: lognormal warm p50 45 ms / p99 250 ms, lognormal init p50 250 ms /
// p99 800 ms, default keep-alive, 1,000 rps for a day.
void BM_SimulatedDayAt1000Rps(benchmark::State& state) {
  const LambdaSimConfig config{Distribution::lognormal(0.045, 0.250),
                               Distribution::lognormal(0.250, 0.800)};
  double requests = 0;
  double instances = 0;
  for (auto _ : state) {
    const auto result = simulate_lambda(config, SteadyArrivals{1000}, 86'400, 1);
    requests += static_cast<double>(result.requests);
    instances = result.instances.mean;
  }
  state.counters["requests_per_s"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
  state.counters["mean_instances"] = instances;
}
BENCHMARK(BM_SimulatedDayAt1000Rps)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace computefit::sim
