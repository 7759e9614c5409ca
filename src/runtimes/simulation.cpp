#include "runtimes/simulation.hpp"

#include <fmt/format.h>

#include <cmath>

#include "runtimes/autoscaling_defaults.hpp"
#include "runtimes/container_capacity.hpp"
#include "runtimes/ec2_instance_types.hpp"
#include "runtimes/fargate_sizes.hpp"
#include "runtimes/lambda_limits.hpp"
#include "runtimes/lambda_model.hpp"
#include "runtimes/runtime_model.hpp"
#include "runtimes/traffic_profile.hpp"
#include "runtimes/wording.hpp"
#include "sim/container_sim.hpp"
#include "sim/lambda_sim.hpp"
#include "sim/spec_inputs.hpp"
#include "spec/schedule.hpp"

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
  const std::uint64_t stream = pair_seed(seed, service, RuntimeId::lambda);
  const LambdaConfig& lambda = service.runtimes.lambda;
  // cpu_bound durations scale with the vCPU Lambda gives this memory size (as the estimate does).
  const DurationSpec warm = lambda_duration(service);
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
  config.traffic_seed = traffic_seed_for(seed, service);
  return sim::simulate_lambda(config, sim::arrivals_for(service.traffic), seconds, stream);
}

sim::ContainerRouting routing_of(Routing routing) {
  switch (routing) {
    case Routing::least_outstanding:
      return sim::ContainerRouting::least_outstanding;
    case Routing::random:
      return sim::ContainerRouting::random;
    case Routing::round_robin:
      break;
  }
  return sim::ContainerRouting::round_robin;
}

// A scheduled service is simulated over at least its first run, so that a weekly job has one.
constexpr double kLongestScheduledWindowSeconds = 31 * 86'400.0;

double scheduled_window_seconds(const Service& service, double requested_seconds) {
  if (!service.schedule) return requested_seconds;
  const std::optional<double> first = next_run_seconds(*service.schedule, -1);
  if (!first) return requested_seconds;
  const double run_seconds = service.duration_ms.mean() / 1000;
  return std::min(kLongestScheduledWindowSeconds,
                  std::max(requested_seconds, *first + 3 * run_seconds + 3600));
}

std::vector<double> run_times(const Service& service, double seconds) {
  std::vector<double> times;
  if (!service.schedule) return times;
  for (std::optional<double> t = next_run_seconds(*service.schedule, -1); t && *t < seconds;
       t = next_run_seconds(*service.schedule, *t)) {
    times.push_back(*t);
  }
  return times;
}

// The container model set up as the estimate sized the fleet: the Fargate task size, or the
// instance type and how many instances it holds, with the platform delays of the one defaults
// table (autoscaling_defaults).
std::optional<sim::SimulationResult> simulate_container_service(const Service& service,
                                                                RuntimeId runtime,
                                                                const RuntimeEstimate& estimate,
                                                                double seconds,
                                                                std::uint64_t seed) {
  const AutoscalingDefaults& d = autoscaling_defaults();
  const ContainerConfig& config = service.runtimes.container(runtime);
  double task_vcpu = service.vcpu;
  double task_memory_gb = service.memory_mb / 1024;
  if (runtime == RuntimeId::ecs_fargate) {
    const auto size = smallest_fargate_size(service.vcpu, service.memory_mb);
    if (!size) return std::nullopt;
    task_vcpu = size->vcpu;
    task_memory_gb = size->memory_gb;
  }
  sim::ContainerSimConfig sim_config(sim::distribution_for(duration_on(service, task_vcpu)));
  sim_config.workload = service.kind == ServiceKind::http ? sim::ContainerWorkload::http
                                                          : sim::ContainerWorkload::worker;
  sim_config.concurrency_per_instance = std::max(1, service.concurrency_per_instance);
  sim_config.task_vcpu = task_vcpu;
  sim_config.task_memory_gb = task_memory_gb;
  sim_config.image_mb = service.image_mb;
  sim_config.startup_seconds = service.startup_seconds;
  sim_config.connections_per_instance =
      static_cast<int>(std::ceil(total_connections_per_instance(service)));
  sim_config.min_instances = config.min_tasks;
  sim_config.max_instances = config.max_tasks;
  sim_config.routing = routing_of(config.routing);
  sim_config.scaler =
      runtime == RuntimeId::eks ? sim::ContainerScaler::hpa : sim::ContainerScaler::target_tracking;
  sim_config.target_utilization = config.target_utilization;
  sim_config.metric_period_seconds = d.metric_period_seconds;
  sim_config.scale_out_datapoints = d.scale_out_datapoints;
  sim_config.scale_in_datapoints = d.scale_in_datapoints;
  sim_config.scale_out_cooldown_seconds = d.scale_out_cooldown_seconds;
  sim_config.scale_in_cooldown_seconds = d.scale_in_cooldown_seconds;
  sim_config.front_door_timeout_seconds = service.kind == ServiceKind::http
                                              ? std::optional<double>(d.alb_idle_timeout_seconds)
                                              : std::nullopt;
  sim_config.fargate_provisioning_seconds = d.fargate_provisioning_seconds;
  sim_config.image_pull_mb_per_second = d.image_pull_mb_per_second;
  sim_config.task_on_host_seconds =
      runtime == RuntimeId::eks ? d.pod_start_seconds : d.ecs_task_start_seconds;

  if (runtime == RuntimeId::ecs_fargate) {
    sim_config.platform = sim::ContainerPlatform::fargate;
  } else {
    const Ec2InstanceType* type = find_instance_type(estimate.usage.instance_type);
    if (!type) return std::nullopt;
    const int per_host = tasks_per_host(*type, runtime, service);
    if (per_host < 1) return std::nullopt;
    sim_config.platform = sim::ContainerPlatform::ec2;
    sim_config.instances_per_host = per_host;
    sim_config.min_hosts = config.min_hosts;
    sim_config.max_hosts = config.max_hosts;
    if (runtime == RuntimeId::eks) {
      const bool karpenter = config.autoscaler == NodeAutoscaler::karpenter;
      sim_config.provisioner =
          karpenter ? sim::HostProvisioner::karpenter : sim::HostProvisioner::cluster_autoscaler;
      sim_config.host_launch_seconds =
          karpenter ? d.karpenter_node_seconds : d.cluster_autoscaler_node_seconds;
    } else {
      sim_config.provisioner = sim::HostProvisioner::ecs_capacity_provider;
      sim_config.host_launch_seconds = d.ec2_host_ready_seconds;
    }
  }

  sim_config.traffic_seed = traffic_seed_for(seed, service);
  const std::uint64_t stream = pair_seed(seed, service, runtime);
  if (service.kind == ServiceKind::scheduled) {
    sim_config.run_times_seconds = run_times(service, seconds);
    if (sim_config.run_times_seconds.empty()) return std::nullopt;
    return sim::simulate_containers(sim_config, sim::SteadyArrivals{0}, seconds, stream);
  }
  return sim::simulate_containers(sim_config, sim::arrivals_for(service.traffic), seconds, stream);
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

double simulated_seconds_for(const Service& service, double requested_seconds) {
  if (service.kind == ServiceKind::scheduled) {
    return scheduled_window_seconds(service, requested_seconds);
  }
  const double rps = service.traffic.rps;
  if (rps <= 0) return requested_seconds;
  return std::min(requested_seconds, kMaxSimulatedRequests / rps);
}

bool can_simulate(const Service& service, RuntimeId runtime) {
  if (service.kind != ServiceKind::scheduled) return true;
  // A scheduled Lambda run is deterministic (the estimate is exact); a job on hosts kept by
  // min_hosts is priced as its share of them, which a fleet simulation does not give.
  if (runtime == RuntimeId::lambda) return false;
  return runtime == RuntimeId::ecs_fargate || service.runtimes.container(runtime).min_hosts == 0;
}

std::optional<sim::SimulationResult> simulate_runtime(const Service& service, RuntimeId runtime,
                                                      const Spec& /*spec*/,
                                                      const RuntimeEstimate& estimate,
                                                      double seconds, std::uint64_t seed) {
  if (!can_simulate(service, runtime) || !estimate.feasible) return std::nullopt;
  switch (runtime) {
    case RuntimeId::lambda:
      return simulate_lambda_service(service, seconds, seed);
    case RuntimeId::ecs_fargate:
    case RuntimeId::ecs_ec2:
    case RuntimeId::eks:
      return simulate_container_service(service, runtime, estimate, seconds, seed);
  }
  return std::nullopt;
}

namespace {

// Requests a month the steady-state estimate priced its per-request figures (front door, logs,
// data) for.
double estimated_monthly_requests(const Service& service, RuntimeId runtime, const Usage& usage) {
  if (runtime == RuntimeId::lambda) return usage.lambda_requests;
  if (service.kind == ServiceKind::scheduled) {
    return service.schedule ? scheduled_runs_per_month(*service.schedule) : 0.0;
  }
  return traffic_profile(service.traffic).mean_rps * kSecondsPerMonth;
}

// Simulated quantities to a month: by time, or for a scheduled service by runs (a short window
// holds a whole number of runs, not a fair share of the month's).
double month_factor(const Service& service, const sim::SimulationResult& result) {
  if (service.kind == ServiceKind::scheduled && service.schedule && result.requests > 0) {
    return scheduled_runs_per_month(*service.schedule) / static_cast<double>(result.requests);
  }
  return kSecondsPerMonth / result.simulated_seconds;
}

double ratio_or_one(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : 1.0;
}

void apply_lambda(const Service& service, const sim::SimulationResult& result, double to_month,
                  RuntimeEstimate& estimate) {
  Usage& u = estimate.usage;
  const Behaviour& b = estimate.behaviour;
  const double analytic_gb_s = u.lambda_gb_seconds + u.lambda_provisioned_duration_gb_seconds;
  const double simulated_gb_s =
      (result.usage.lambda_gb_seconds + result.usage.lambda_provisioned_duration_gb_seconds) *
      to_month;
  u.lambda_ephemeral_gb_seconds *= ratio_or_one(simulated_gb_s, analytic_gb_s);
  u.lambda_requests = result.usage.lambda_requests * to_month;
  u.lambda_gb_seconds = result.usage.lambda_gb_seconds * to_month;
  u.lambda_provisioned_gb_seconds = result.usage.lambda_provisioned_gb_seconds * to_month;
  u.lambda_provisioned_duration_gb_seconds =
      result.usage.lambda_provisioned_duration_gb_seconds * to_month;
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
  const int provisioned = lambda.provisioned_concurrency;
  estimate.sizing = fmt::format(
      "{} MB, peak {} environment{} (mean {}){}", grouped(service.memory_mb),
      grouped(b.peak_instances), b.peak_instances == 1 ? "" : "s", short_number(b.mean_instances),
      provisioned > 0 ? fmt::format(", {} provisioned", provisioned) : "");
}

std::string scaling_sentence(const Service& service, RuntimeId runtime,
                             const std::string& instance_type) {
  const AutoscalingDefaults& d = autoscaling_defaults();
  const std::string metric = service.kind == ServiceKind::http
                                 ? "busy slots against the target utilisation"
                                 : "the queue's backlog per task";
  if (runtime == RuntimeId::eks) {
    return fmt::format(
        "simulated request by request: the HPA scales pods on {} every {} s ({} tolerance, {} s "
        "scale-down window); new {} nodes come from {}",
        metric, short_number(sim::kContainerDefaults.hpa_sync_seconds),
        short_number(sim::kContainerDefaults.hpa_tolerance),
        short_number(sim::kContainerDefaults.hpa_scale_down_stabilization_seconds), instance_type,
        service.runtimes.eks.autoscaler == NodeAutoscaler::karpenter ? "Karpenter"
                                                                     : "the Cluster Autoscaler");
  }
  return fmt::format(
      "simulated request by request: target tracking on {} with {}-s datapoints ({} to scale "
      "out, {} to scale in, {} s cooldowns), as Application Auto Scaling runs it",
      metric, short_number(d.metric_period_seconds), d.scale_out_datapoints, d.scale_in_datapoints,
      short_number(d.scale_out_cooldown_seconds));
}

void apply_containers(const Service& service, RuntimeId runtime,
                      const sim::SimulationResult& result, double to_month,
                      RuntimeEstimate& estimate) {
  Usage& u = estimate.usage;
  Behaviour& b = estimate.behaviour;
  if (runtime == RuntimeId::ecs_fargate) {
    const double task_gb_hours = result.usage.task_gb_hours * to_month;
    u.task_extra_storage_gb_hours *= ratio_or_one(task_gb_hours, u.task_gb_hours);
    u.task_vcpu_hours = result.usage.task_vcpu_hours * to_month;
    u.task_gb_hours = task_gb_hours;
  } else {
    const double host_hours = result.usage.host_hours * to_month;
    u.ebs_gb_months *= ratio_or_one(host_hours, u.host_hours);
    u.host_hours = host_hours;
    b.peak_hosts = static_cast<int>(result.peak_hosts);
  }
  if (service.kind == ServiceKind::scheduled) return;

  auto& a = estimate.assumptions;
  const auto first =
      static_cast<std::ptrdiff_t>(std::min(estimate.fleet_assumptions_first, a.size()));
  const auto count = static_cast<std::ptrdiff_t>(
      std::min(estimate.fleet_assumptions_count, a.size() - static_cast<std::size_t>(first)));
  a.erase(a.begin() + first, a.begin() + first + count);
  a.insert(a.begin() + first, scaling_sentence(service, runtime, u.instance_type));
  estimate.fleet_assumptions_first = static_cast<std::size_t>(first);
  estimate.fleet_assumptions_count = 1;

  // "<size or instance type>, <fleet>": the fleet part now comes from the simulation.
  const std::string word = runtime == RuntimeId::eks ? "pod" : "task";
  const ContainerConfig& config = service.runtimes.container(runtime);
  const std::string fleet =
      fmt::format("{}-{} {}s (mean {})", config.min_tasks, grouped(b.peak_instances), word,
                  short_number(b.mean_instances));
  if (runtime == RuntimeId::ecs_fargate) {
    const std::size_t comma = estimate.sizing.find(", ");
    estimate.sizing = estimate.sizing.substr(0, comma) + ", " + fleet;
  } else {
    estimate.sizing = fmt::format("{} {}s, peak {}; {}", u.instance_type,
                                  runtime == RuntimeId::eks ? "node" : "instance",
                                  b.peak_hosts.value_or(0), fleet);
  }
}

}  // namespace

void apply_simulation(const Service& service, RuntimeId runtime,
                      const sim::SimulationResult& result, RuntimeEstimate& estimate) {
  const double to_month = month_factor(service, result);
  Usage& u = estimate.usage;
  Behaviour& b = estimate.behaviour;
  const double analytic_requests = estimated_monthly_requests(service, runtime, u);
  const double monthly_requests = static_cast<double>(result.requests) * to_month;
  // What scales with requests keeps the estimate's per-request figures.
  const double ratio = ratio_or_one(monthly_requests, analytic_requests);
  u.front_door_requests *= ratio;
  u.alb_lcu_hours *= ratio;
  u.internet_out_gb *= ratio;
  u.nat_processed_gb *= ratio;
  u.vpc_endpoint_gb *= ratio;
  u.log_ingest_gb *= ratio;
  b.p50_ms = result.latency_ms.p50;
  b.p95_ms = result.latency_ms.p95;
  b.p99_ms = result.latency_ms.p99;
  b.cold_start_fraction = result.cold_start_fraction;
  b.throttled_fraction = result.throttled_fraction;
  b.mean_instances = result.instances.mean;
  b.peak_instances = static_cast<double>(result.instances.peak);
  if (runtime == RuntimeId::lambda) {
    apply_lambda(service, result, to_month, estimate);
  } else {
    apply_containers(service, runtime, result, to_month, estimate);
  }
  b.peak_connections.clear();
  for (const Use& use : service.uses) {
    if (use.connections_per_instance > 0) {
      b.peak_connections[use.downstream] += b.peak_instances * use.connections_per_instance;
    }
  }
  BusiestHour hour;
  hour.start_seconds = result.busiest_hour.start_seconds;
  for (const sim::MinuteSample& m : result.busiest_hour.minutes) {
    hour.minutes.push_back({static_cast<double>(m.arrivals), static_cast<double>(m.peak_instances),
                            static_cast<double>(m.peak_connections),
                            static_cast<double>(m.peak_queued)});
  }
  b.busiest_hour = std::move(hour);
  if (result.p99_ms_interval) {
    b.p99_low_ms = result.p99_ms_interval->low;
    b.p99_high_ms = result.p99_ms_interval->high;
  }
  b.usage_relative_half_width = result.usage_relative_half_width;
}

RuntimeEstimate evaluate_simulated(const Service& service, RuntimeId runtime, const Spec& spec,
                                   const PriceCatalog& catalog, const SimulationBudget& budget) {
  RuntimeEstimate estimate = evaluate_runtime(service, runtime, spec, catalog);
  if (!estimate.feasible || !can_simulate(service, runtime)) return estimate;
  const double rps = service.traffic.rps;
  const double seconds =
      rps > 0 ? std::min(budget.seconds, budget.max_requests / rps) : budget.seconds;
  if (auto result = simulate_runtime(service, runtime, spec, estimate, seconds, budget.seed)) {
    apply_simulation(service, runtime, *result, estimate);
  }
  return estimate;
}

namespace {

std::uint64_t service_hash(std::uint64_t seed, const Service& service) {
  std::uint64_t h = splitmix64(seed);
  for (char c : service.name) h = splitmix64(h ^ static_cast<unsigned char>(c));
  return h;
}

}  // namespace

std::uint64_t pair_seed(std::uint64_t seed, const Service& service, RuntimeId runtime) {
  return splitmix64(service_hash(seed, service) ^ (static_cast<std::uint64_t>(runtime) + 1));
}

std::uint64_t traffic_seed_for(std::uint64_t seed, const Service& service) {
  return splitmix64(service_hash(seed, service) ^ 0x74726166666963ULL);  // "traffic"
}

}  // namespace computefit
