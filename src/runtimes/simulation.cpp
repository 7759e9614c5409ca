#include "runtimes/simulation.hpp"

#include <fmt/format.h>

#include <cmath>

#include "runtimes/container_capacity.hpp"
#include "runtimes/lambda_limits.hpp"
#include "runtimes/wording.hpp"
#include "sim/lambda_sim.hpp"
#include "sim/spec_inputs.hpp"

namespace computefit {
namespace {

sim::Invocation invocation_of(ServiceKind kind) {
  switch (kind) {
    case ServiceKind::http:
      return sim::Invocation::synchronous;
    case ServiceKind::event:
      return sim::Invocation::event;
    case ServiceKind::worker:
      return sim::Invocation::queue;
    case ServiceKind::scheduled:
      return sim::Invocation::event;
  }
  return sim::Invocation::synchronous;
}

double total_connections_per_instance(const Service& service) {
  double total = 0;
  for (const Use& use : service.uses) total += use.connections_per_instance;
  return total;
}

sim::SimulationResult simulate_lambda_service(const Service& service, double seconds,
                                              std::uint64_t seed) {
  const LambdaConfig& lambda = service.runtimes.lambda;
  // cpu_bound durations scale with the vCPU Lambda gives this memory size (as the estimate does).
  const DurationSpec warm = duration_on(service, lambda_vcpu(service.memory_mb));
  sim::LambdaSimConfig config(sim::distribution_for(warm),
                              sim::distribution_for(lambda.cold_start_ms));
  config.memory_mb = service.memory_mb;
  config.keep_alive_seconds = lambda.keep_alive_minutes * 60.0;
  config.provisioned = lambda.provisioned_concurrency;
  config.reserved_concurrency = lambda.reserved_concurrency;
  config.account_concurrency = lambda.account_concurrency;
  config.timeout_seconds = std::min(lambda.timeout_seconds, lambda_limits().timeout_seconds);
  config.connections_per_instance =
      static_cast<int>(std::ceil(total_connections_per_instance(service)));
  config.invocation = invocation_of(service.kind);
  return sim::simulate_lambda(config, sim::arrivals_for(service.traffic), seconds, seed);
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

double simulated_seconds_for(const Service& service, double requested_seconds) {
  const double rps = service.traffic.rps;
  if (rps <= 0) return requested_seconds;
  return std::min(requested_seconds, kMaxSimulatedRequests / rps);
}

bool can_simulate(const Service& service, RuntimeId runtime) {
  if (service.kind == ServiceKind::scheduled) return false;
  return runtime == RuntimeId::lambda;
}

std::optional<sim::SimulationResult> simulate_runtime(const Service& service, RuntimeId runtime,
                                                      const Spec& /*spec*/,
                                                      const RuntimeEstimate& estimate,
                                                      double seconds, std::uint64_t seed) {
  if (!can_simulate(service, runtime) || !estimate.feasible) return std::nullopt;
  switch (runtime) {
    case RuntimeId::lambda:
      return simulate_lambda_service(service, seconds, seed);
    default:
      return std::nullopt;
  }
}

void apply_simulation(const Service& service, RuntimeId runtime,
                      const sim::SimulationResult& result, RuntimeEstimate& estimate) {
  const double to_month = kSecondsPerMonth / result.simulated_seconds;
  Usage& u = estimate.usage;
  Behaviour& b = estimate.behaviour;
  const double analytic_requests = runtime == RuntimeId::lambda ? u.lambda_requests : 0.0;
  const double monthly_requests = static_cast<double>(result.requests) * to_month;
  // What scales with requests keeps the estimate's per-request figures.
  const double ratio = analytic_requests > 0 ? monthly_requests / analytic_requests : 1.0;
  u.front_door_requests *= ratio;
  u.alb_lcu_hours *= ratio;
  u.internet_out_gb *= ratio;
  u.nat_processed_gb *= ratio;
  u.vpc_endpoint_gb *= ratio;
  u.log_ingest_gb *= ratio;
  if (runtime == RuntimeId::lambda) {
    const double analytic_gb_s = u.lambda_gb_seconds + u.lambda_provisioned_duration_gb_seconds;
    const double simulated_gb_s =
        (result.usage.lambda_gb_seconds + result.usage.lambda_provisioned_duration_gb_seconds) *
        to_month;
    u.lambda_ephemeral_gb_seconds *= analytic_gb_s > 0 ? simulated_gb_s / analytic_gb_s : 1.0;
    u.lambda_requests = result.usage.lambda_requests * to_month;
    u.lambda_gb_seconds = result.usage.lambda_gb_seconds * to_month;
    u.lambda_provisioned_gb_seconds = result.usage.lambda_provisioned_gb_seconds * to_month;
    u.lambda_provisioned_duration_gb_seconds =
        result.usage.lambda_provisioned_duration_gb_seconds * to_month;
  } else {
    u.task_vcpu_hours = result.usage.task_vcpu_hours * to_month;
    u.task_gb_hours = result.usage.task_gb_hours * to_month;
    u.host_hours = result.usage.host_hours * to_month;
  }
  b.p50_ms = result.latency_ms.p50;
  b.p95_ms = result.latency_ms.p95;
  b.p99_ms = result.latency_ms.p99;
  b.cold_start_fraction = result.cold_start_fraction;
  b.throttled_fraction = result.throttled_fraction;
  b.mean_instances = result.instances.mean;
  b.peak_instances = static_cast<double>(result.instances.peak);
  if (runtime == RuntimeId::lambda) {
    // The steady-state estimate's approximations (warm pool, environments per burst) no longer
    // apply; what the simulation assumed does.
    const LambdaConfig& lambda = service.runtimes.lambda;
    estimate.assumptions.clear();
    estimate.assumptions.push_back(fmt::format(
        "environments stay warm {} after their last request (pacslab's 2020 probes); a request "
        "takes the newest idle environment (SimFaaS's routing, validated against AWS)",
        seconds_phrase(lambda.keep_alive_minutes * 60)));
    if (service.cpu_bound) {
      estimate.assumptions.push_back(fmt::format(
          "cpu_bound: {} MB gives {} vCPU (1,769 MB per vCPU), so durations scale by {} / {}",
          grouped(service.memory_mb), short_number(lambda_vcpu(service.memory_mb)),
          short_number(service.vcpu), short_number(lambda_vcpu(service.memory_mb))));
    }
    const int provisioned = service.runtimes.lambda.provisioned_concurrency;
    estimate.sizing = fmt::format(
        "{} MB, peak {} environment{} (mean {}){}", grouped(service.memory_mb),
        grouped(b.peak_instances), b.peak_instances == 1 ? "" : "s", short_number(b.mean_instances),
        provisioned > 0 ? fmt::format(", {} provisioned", provisioned) : "");
  }
  b.peak_connections.clear();
  for (const Use& use : service.uses) {
    if (use.connections_per_instance > 0) {
      b.peak_connections[use.downstream] += b.peak_instances * use.connections_per_instance;
    }
  }
}

std::uint64_t pair_seed(std::uint64_t seed, const Service& service, RuntimeId runtime) {
  std::uint64_t h = splitmix64(seed);
  for (char c : service.name) h = splitmix64(h ^ static_cast<unsigned char>(c));
  return splitmix64(h ^ (static_cast<std::uint64_t>(runtime) + 1));
}

}  // namespace computefit
