#include "runtimes/simulation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <mutex>

#include "pricing/ec2_instance_types.hpp"
#include "runtimes/autoscaling_defaults.hpp"
#include "runtimes/container_capacity.hpp"
#include "runtimes/fargate_sizes.hpp"
#include "runtimes/lambda_limits.hpp"
#include "runtimes/lambda_model.hpp"
#include "runtimes/runtime_model.hpp"
#include "runtimes/traffic_profile.hpp"
#include "runtimes/wording.hpp"
#include "sim/container_sim.hpp"
#include "sim/lambda_sim.hpp"
#include "sim/sample_combine.hpp"
#include "sim/spec_inputs.hpp"
#include "workload/schedule.hpp"

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

// The front door's limit on a synchronous Lambda request (SPEC.md: the client gets a 504 once
// API Gateway's integration timeout passes, while the function runs on and bills).
std::optional<double> lambda_front_door_timeout(const Service& service) {
  if (service.kind != ServiceKind::http) return std::nullopt;
  const AutoscalingDefaults& d = autoscaling_defaults();
  switch (service.runtimes.lambda.front_door) {
    case FrontDoor::api_gateway_http:
      return d.http_api_timeout_seconds;
    case FrontDoor::api_gateway_rest:
      return d.api_gateway_timeout_seconds;
    case FrontDoor::function_url:
    case FrontDoor::alb:
      break;
  }
  return std::nullopt;
}

// The environments a rate keeps busy (SPEC.md's warm start for Lambda), within the function's
// concurrency limit.
int lambda_warm_environments(const Service& service, double rps) {
  const LambdaConfig& lambda = service.runtimes.lambda;
  const double busy = std::ceil(rps * lambda_duration(service).mean() / 1000 - 1e-9);
  const int limit = std::min(lambda.reserved_concurrency.value_or(lambda.account_concurrency),
                             lambda.account_concurrency);
  return static_cast<int>(std::clamp(busy, 0.0, static_cast<double>(std::max(limit, 0))));
}

// The window's arrivals: recorded ones when shared, else the plan's process.
sim::ArrivalProcess arrivals_of(const Service& service, const SamplePlan& plan, std::size_t index,
                                SharedDraws* draws) {
  if (draws) {
    if (auto ticks = draws->arrivals(index)) return sim::RecordedArrivals(std::move(ticks));
  }
  return window_arrivals(service, plan, plan.windows[index]);
}

sim::SimulationResult simulate_lambda_window(const Service& service, const SamplePlan& plan,
                                             std::size_t index, std::uint64_t stream,
                                             SharedDraws* draws) {
  const PlannedWindow& window = plan.windows[index];
  const LambdaConfig& lambda = service.runtimes.lambda;
  sim::LambdaSimConfig config(sim::distribution_for(lambda_duration(service)),
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
  if (service.kind == ServiceKind::worker && service.event_source) {
    sim::apply_event_source(*service.event_source, config);
  }
  config.front_door_timeout_seconds = lambda_front_door_timeout(service);
  config.traffic_seed = plan.window_seed(index);
  config.duration_seed = plan.duration_seed(index);
  config.measure_from_seconds = window.burn_in_seconds;
  config.initial_environments =
      std::max(0, lambda_warm_environments(service, window.opening_rps) - config.provisioned);
  if (draws) config.recorded_durations = draws->durations(index, config.warm_duration);
  return sim::simulate_lambda(config, arrivals_of(service, plan, index, draws),
                              window.measured_seconds, stream);
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

// The container model set up as the estimate sized the fleet: the Fargate task size, or the
// instance type and how many instances it holds, with the platform delays of the one defaults
// table (autoscaling_defaults).
std::optional<sim::SimulationResult> simulate_container_window(
    const Service& service, RuntimeId runtime, bool existing_cluster,
    const RuntimeEstimate& estimate, const SamplePlan& plan, std::size_t index,
    std::uint64_t stream, SharedDraws* draws) {
  const PlannedWindow& window = plan.windows[index];
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
  // The CPU by processor sharing (SPEC.md "CPU (revision 2)"): the engine scales a cpu_bound
  // request's work itself, so it takes the duration as measured at the spec's vcpu.
  const bool cpu_modelled = service.cpu_ms_per_request.has_value() || service.cpu_bound;
  sim::ContainerSimConfig sim_config(
      sim::distribution_for(cpu_modelled ? service.duration_ms : duration_on(service, task_vcpu)));
  if (service.cpu_ms_per_request) {
    sim_config.cpu_use = sim::CpuUse::per_request;
    sim_config.cpu_seconds_per_request = *service.cpu_ms_per_request / 1000;
  } else if (service.cpu_bound) {
    sim_config.cpu_use = sim::CpuUse::cpu_bound;
    sim_config.cpu_measured_vcpu = service.vcpu;
  }
  sim_config.workload = service.kind == ServiceKind::http ? sim::ContainerWorkload::http
                                                          : sim::ContainerWorkload::worker;
  // Event consumers take from a queue but scale like http services, on busy slots or CPU
  // (SPEC.md); only workers scale on messages per task.
  if (service.kind == ServiceKind::event) {
    sim_config.scaling_metric =
        cpu_modelled ? sim::ScalingMetric::cpu : sim::ScalingMetric::busy_slots;
  }
  sim_config.azs = std::max(1, service.network.azs);
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
  } else if (runtime == RuntimeId::eks && existing_cluster) {
    // Pods on the team's existing cluster land on nodes that are already there: each starts as a
    // pod on a node does (pull and start), and is charged by the time it runs.
    sim_config.platform = sim::ContainerPlatform::fargate;
    sim_config.fargate_provisioning_seconds = d.pod_start_seconds;
    sim_config.fargate_minimum_billed_seconds = 0;
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

  sim_config.traffic_seed = plan.window_seed(index);
  sim_config.duration_seed = plan.duration_seed(index);
  if (service.kind == ServiceKind::scheduled) {
    sim_config.run_times_seconds = plan.run_times_seconds;
    if (sim_config.run_times_seconds.empty()) return std::nullopt;
    return sim::simulate_containers(sim_config, sim::SteadyArrivals{0}, window.measured_seconds,
                                    stream);
  }
  // The warm start: the fleet target tracking settles at for the opening rate (SPEC.md).
  const double offered = window.opening_rps * duration_on(service, task_vcpu).mean() / 1000;
  const double per_instance = sim_config.concurrency_per_instance * config.target_utilization;
  sim_config.initial_instances =
      static_cast<int>(std::min(std::ceil(offered / per_instance - 1e-9), 1e7));
  sim_config.measure_from_seconds = window.burn_in_seconds;
  if (draws) sim_config.recorded_durations = draws->durations(index, sim_config.duration);
  return sim::simulate_containers(sim_config, arrivals_of(service, plan, index, draws),
                                  window.measured_seconds, stream);
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

struct SharedDraws::Window {
  std::mutex mutex;
  int users = 0;
  bool drawn = false;
  std::shared_ptr<const sim::ArrivalRecord> arrivals;
  std::vector<std::shared_ptr<const sim::RecordedVariates>> durations;
};

SharedDraws::SharedDraws(const Service& service, const SamplePlan& plan, int users)
    : service_(service), plan_(plan) {
  for (std::size_t i = 0; i < plan.windows.size(); ++i) {
    windows_.push_back(std::make_unique<Window>());
    windows_.back()->users = users;
  }
}

SharedDraws::~SharedDraws() = default;

std::shared_ptr<const sim::ArrivalRecord> SharedDraws::arrivals(std::size_t index) {
  // A scheduled job's runs are a list of times, not drawn.
  if (service_.kind == ServiceKind::scheduled || index >= windows_.size()) return nullptr;
  Window& w = *windows_[index];
  const std::lock_guard lock(w.mutex);
  if (!w.drawn && w.users > 0) {
    w.drawn = true;
    const PlannedWindow& window = plan_.windows[index];
    const sim::Tick end =
        sim::to_ticks(window.burn_in_seconds) + sim::to_ticks(window.measured_seconds);
    // The window's expected count and a little over: a Poisson count rarely exceeds it by 1%.
    const double expected = window.expected_arrivals + window.opening_rps * window.burn_in_seconds;
    const auto reserve = static_cast<std::size_t>(
        std::min(1.01 * expected + 64, static_cast<double>(kMaxSharedDraws)));
    if (auto ticks =
            sim::record_arrivals(window_arrivals(service_, plan_, window), plan_.window_seed(index),
                                 end, kMaxSharedDraws, reserve)) {
      w.arrivals = std::make_shared<const sim::ArrivalRecord>(std::move(*ticks));
    }
  }
  return w.arrivals;
}

std::shared_ptr<const sim::RecordedVariates> SharedDraws::durations(
    std::size_t index, const sim::Distribution& distribution) {
  if (index >= windows_.size()) return nullptr;
  const std::shared_ptr<const sim::ArrivalRecord> ticks = arrivals(index);
  if (!ticks) return nullptr;
  Window& w = *windows_[index];
  const std::lock_guard lock(w.mutex);
  if (w.users <= 0) return nullptr;
  for (const auto& recorded : w.durations) {
    if (recorded->distribution == distribution) return recorded;
  }
  // One duration a request; a run that needs more (retries) draws on from where these end.
  w.durations.push_back(std::make_shared<const sim::RecordedVariates>(
      sim::record_variates(distribution, plan_.duration_seed(index), ticks->size())));
  return w.durations.back();
}

void SharedDraws::release(std::size_t index) {
  if (index >= windows_.size()) return;
  Window& w = *windows_[index];
  const std::lock_guard lock(w.mutex);
  if (--w.users > 0) return;
  w.arrivals.reset();
  w.durations.clear();
}

SamplePlan plan_for(const Service& service, const SimulationBudget& budget, bool exact) {
  SampleRequest request;
  request.seconds = budget.seconds;
  request.max_requests = budget.max_requests;
  request.traffic_seed = traffic_seed_for(budget.seed, service);
  request.exact = exact;
  return plan_sample(service, request);
}

bool can_simulate(const Service& service, RuntimeId runtime) {
  if (service.kind != ServiceKind::scheduled) return true;
  // A job on hosts kept by min_hosts is priced as its share of them, which a fleet simulation
  // does not give.
  if (runtime == RuntimeId::lambda || runtime == RuntimeId::ecs_fargate) return true;
  return service.runtimes.container(runtime).min_hosts == 0;
}

std::optional<sim::SimulationResult> simulate_runtime(const Service& service, RuntimeId runtime,
                                                      const Spec& spec,
                                                      const RuntimeEstimate& estimate,
                                                      const SamplePlan& plan, std::uint64_t seed,
                                                      SharedDraws* draws) {
  if (!can_simulate(service, runtime) || !estimate.feasible || plan.windows.empty()) {
    return std::nullopt;
  }
  // Every window this runtime does not get to is released too, so its draws are not kept.
  struct Releaser {
    SharedDraws* draws;
    std::size_t windows;
    std::size_t next = 0;
    void through(std::size_t end) {
      for (; draws && next < end; ++next) draws->release(next);
    }
    ~Releaser() { through(windows); }
  } releaser{draws, plan.windows.size()};
  std::vector<sim::SimulationResult> results;
  results.reserve(plan.windows.size());
  const std::uint64_t pair = pair_seed(seed, service, runtime);
  for (std::size_t i = 0; i < plan.windows.size(); ++i) {
    // Each window draws its own stream, so a stratum's result does not depend on the others.
    const std::uint64_t stream = i == 0 ? pair : splitmix64(pair + i);
    if (runtime == RuntimeId::lambda) {
      results.push_back(simulate_lambda_window(service, plan, i, stream, draws));
    } else {
      auto result = simulate_container_window(service, runtime, spec.team.existing.eks_cluster,
                                              estimate, plan, i, stream, draws);
      if (!result) return std::nullopt;
      results.push_back(std::move(*result));
    }
    releaser.through(i + 1);
  }
  std::vector<sim::WeightedResult> parts;
  for (std::size_t i = 0; i < results.size(); ++i) {
    parts.push_back({&results[i], plan.windows[i].time_weight, plan.windows[i].arrival_weight});
  }
  sim::SimulationResult combined = sim::combine_samples(parts);
  combined.seed = seed;
  return combined;
}

namespace {

// Requests a month the steady-state estimate priced its per-request figures (front door, logs,
// data) for.
double estimated_monthly_requests(const Service& service, RuntimeId runtime, const Usage& usage) {
  if (runtime == RuntimeId::lambda) return usage.lambda_requests;
  if (service.kind == ServiceKind::scheduled) {
    return service.schedule ? runs_per_month(*service.schedule) : 0.0;
  }
  return traffic_profile(service.traffic).mean_rps * kSecondsPerMonth;
}

// Simulated quantities to a month: by time, or for a scheduled service by runs (a short window
// holds a whole number of runs, not a fair share of the month's).
double month_factor(const Service& service, const sim::SimulationResult& result) {
  if (service.kind == ServiceKind::scheduled && service.schedule && result.requests > 0) {
    return runs_per_month(*service.schedule) / static_cast<double>(result.requests);
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
  // The steady-state model's approximations (warm pool, environments per burst) no longer
  // apply; what the simulation assumed does. The network's sentences stay.
  const LambdaConfig& lambda = service.runtimes.lambda;
  auto& a = estimate.assumptions;
  const auto first =
      static_cast<std::ptrdiff_t>(std::min(estimate.fleet_assumptions_first, a.size()));
  const auto count = static_cast<std::ptrdiff_t>(
      std::min(estimate.fleet_assumptions_count, a.size() - static_cast<std::size_t>(first)));
  a.erase(a.begin() + first, a.begin() + first + count);
  estimate.fleet_assumptions_first = a.size();
  estimate.assumptions.push_back(fmt::format(
      "environments stay warm {} after their last request (pacslab's 2020 probes); a request "
      "takes the newest idle environment (SimFaaS's routing, validated against AWS)",
      seconds_phrase(lambda.keep_alive_minutes * 60)));
  if (const std::string scaling = lambda_cpu_bound_assumption(service); !scaling.empty()) {
    estimate.assumptions.push_back(scaling);
  }
  estimate.fleet_assumptions_count = a.size() - estimate.fleet_assumptions_first;
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

void apply_containers(const Service& service, RuntimeId runtime, bool existing_cluster,
                      const sim::SimulationResult& result, double to_month,
                      RuntimeEstimate& estimate) {
  Usage& u = estimate.usage;
  Behaviour& b = estimate.behaviour;
  if (runtime == RuntimeId::eks && existing_cluster) {
    // Charged by share of the cluster's nodes for the time each pod runs (SPEC.md).
    u.pod_vcpu_hours = result.usage.task_vcpu_hours * to_month;
    u.pod_gb_hours = result.usage.task_gb_hours * to_month;
    u.pod_gpu_hours = service.vcpu > 0 ? u.pod_vcpu_hours / service.vcpu * service.needs.gpu : 0.0;
    u.host_hours = 0;
    u.ebs_gb_months = 0;
    b.peak_hosts.reset();
  } else if (runtime == RuntimeId::ecs_fargate) {
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
  } else if (runtime == RuntimeId::eks && existing_cluster) {
    // No node of its own: the pods' share of the existing cluster's nodes is what is priced.
    estimate.sizing = fmt::format(
        "pods on the existing cluster's {} nodes (their share priced); {}", u.instance_type, fleet);
  } else {
    estimate.sizing = fmt::format("{} {}s, peak {}; {}", u.instance_type,
                                  runtime == RuntimeId::eks ? "node" : "instance",
                                  b.peak_hosts.value_or(0), fleet);
  }
}

}  // namespace

void apply_simulation(const Service& service, RuntimeId runtime, const Spec& spec,
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
  b.waited_fraction = result.waited_fraction;
  b.p99_wait_ms = result.p99_wait_ms;
  b.max_wait_ms = result.max_wait_ms;
  b.mean_instances = result.instances.mean;
  b.peak_instances = static_cast<double>(result.instances.peak);
  if (runtime == RuntimeId::lambda) {
    apply_lambda(service, result, to_month, estimate);
  } else {
    apply_containers(service, runtime, spec.team.existing.eks_cluster, result, to_month, estimate);
  }
  // The simulator's own level of connections held (instances that hold them: Lambda environments
  // from start to reclaim, containers while running), shared out per database.
  b.peak_connections.clear();
  const double per_instance = total_connections_per_instance(service);
  for (const Use& use : service.uses) {
    if (use.connections_per_instance > 0 && per_instance > 0) {
      b.peak_connections[use.downstream] += static_cast<double>(result.db_connections.peak) *
                                            use.connections_per_instance / std::ceil(per_instance);
    }
  }
  b.simulated = true;
  b.latency_measured = result.completed + result.timed_out > 0;
  b.failed_fraction = result.requests > 0
                          ? static_cast<double>(result.throttled + result.timed_out) /
                                static_cast<double>(result.requests)
                          : 0.0;
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
  b.interval_note = result.interval_note;
}

RuntimeEstimate evaluate_simulated(const Service& service, RuntimeId runtime, const Spec& spec,
                                   const PriceCatalog& catalog, const SimulationBudget& budget) {
  RuntimeEstimate estimate = evaluate_runtime(service, runtime, spec, catalog);
  if (!estimate.feasible || !can_simulate(service, runtime)) return estimate;
  const SamplePlan plan = plan_for(service, budget);
  if (auto result = simulate_runtime(service, runtime, spec, estimate, plan, budget.seed)) {
    apply_simulation(service, runtime, spec, *result, estimate);
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
