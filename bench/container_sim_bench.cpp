// Speed of the container model: simulated requests and events per wall second on Poisson traffic
// to a few instances of 20 slots (pinned, and with target tracking; without and with the CPU
// modelled), the floor of drawing the same random variates alone, a simulated day at 1,000 rps
// with autoscaling, and one processor-sharing CPU's cost per event against the requests on it.
#include <benchmark/benchmark.h>

#include <chrono>

#include "sim/container_sim.hpp"
#include "sim/processor_sharing.hpp"
#include "sim/random.hpp"

namespace computefit::sim {
namespace {

constexpr double kRequestsPerRun = 1'000'000;
// 4 instances x 20 slots, exponential 100 ms requests, 70% busy: 560 rps.
constexpr double kServiceSeconds = 0.1;
constexpr double kRate = 0.7 * 4 * 20 / kServiceSeconds;

ContainerSimConfig four_instances(bool autoscaling, bool cpu = false) {
  ContainerSimConfig config{Distribution::exponential(kServiceSeconds)};
  config.concurrency_per_instance = 20;
  config.min_instances = autoscaling ? 2 : 4;
  config.max_instances = autoscaling ? 20 : 4;
  if (cpu) {
    // 20 ms of CPU in each request (of its 100 ms mean) on 4-vCPU tasks: E[min(D, 0.02)] =
    // 0.1 (1 - e^-0.2) = 18 ms, so 140 rps use 2.5 of each task's 4 vCPU (63%).
    config.task_vcpu = 4;
    config.cpu_use = CpuUse::per_request;
    config.cpu_seconds_per_request = 0.02;
  }
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
void run_poisson(benchmark::State& state, bool autoscaling, bool cpu = false) {
  const auto config = four_instances(autoscaling, cpu);
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

// The first benchmark with the CPU modelled: each request's I/O share, then its CPU part by
// processor sharing of its task's vCPUs (an I/O event and a CPU completion per request, beside
// the arrival).
void BM_ContainerPoissonFourInstancesCpu(benchmark::State& state) {
  run_poisson(state, false, true);
}
BENCHMARK(BM_ContainerPoissonFourInstancesCpu)->Unit(benchmark::kMillisecond);

// The same with target tracking on CPU utilisation from 2 to 20 tasks.
void BM_ContainerPoissonCpuTargetTracking(benchmark::State& state) {
  run_poisson(state, true, true);
}
BENCHMARK(BM_ContainerPoissonCpuTargetTracking)->Unit(benchmark::kMillisecond);

// A small API's function on Fargate as the traffic sweep sees it: lognormal p50 18 ms / p99 95 ms,
// 20 slots per task, target tracking from 2 tasks, Poisson arrivals at the argument's rate (35
// rps: about one request in flight, so the future-event list holds a few events; 3,500 rps: about
// a hundred), 1 million requests a run.
void BM_ContainerSmallApi(benchmark::State& state) {
  const auto rate = static_cast<double>(state.range(0));
  ContainerSimConfig config{Distribution::lognormal(0.018, 0.095)};
  config.concurrency_per_instance = 20;
  std::uint64_t seed = 1;
  double requests = 0;
  for (auto _ : state) {
    const auto result =
        simulate_containers(config, SteadyArrivals{rate}, kRequestsPerRun / rate, seed++);
    requests += static_cast<double>(result.requests);
  }
  state.counters["requests_per_s"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ContainerSmallApi)->Arg(35)->Arg(350)->Arg(3500)->Unit(benchmark::kMillisecond);

// One processor-sharing CPU holding `n` requests: each iteration takes the first to finish and
// adds a new one, so the cost per event against n shows the heap's O(log n).
void BM_ProcessorSharingEvent(benchmark::State& state) {
  const auto n = static_cast<std::uint32_t>(state.range(0));
  ProcessorSharing cpu(4, 1);
  Rng rng(5);
  for (std::uint32_t j = 0; j < n; ++j) cpu.add(0, exponential(rng, 0.1), j);
  for (auto _ : state) {
    const Tick now = cpu.next_completion();
    const std::uint32_t job = cpu.pop(now);
    cpu.add(now, exponential(rng, 0.1), job);
  }
  state.counters["events_per_s"] =
      benchmark::Counter(2 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ProcessorSharingEvent)->Arg(16)->Arg(256)->Arg(4096)->Arg(65536);

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
