// ECS on Fargate: one task per instance at the smallest valid task size, billed per second.

#include <fmt/format.h>

#include <algorithm>

#include "runtimes/autoscaling_defaults.hpp"
#include "runtimes/container_capacity.hpp"
#include "runtimes/fargate_sizes.hpp"
#include "runtimes/models.hpp"
#include "runtimes/wording.hpp"
#include "workload/month.hpp"
#include "workload/schedule.hpp"

namespace computefit {
namespace {

std::string arch_name(Architecture a) {
  return a == Architecture::arm64 ? "arm64" : "x86_64";
}

}  // namespace

std::vector<std::string> fargate_check_limits(const Service& service, const Spec&,
                                              const PriceCatalog&) {
  const FargateLimits& limits = fargate_limits();
  std::vector<std::string> reasons;
  if (service.needs.gpu > 0) {
    reasons.push_back(fmt::format(
        "it needs {} GPU{}; Fargate offers no GPUs (ECS on EC2 or EKS with GPU hosts do)",
        service.needs.gpu, service.needs.gpu == 1 ? "" : "s"));
  }
  if (service.needs.custom_ami) {
    reasons.push_back(
        "it needs a custom AMI; Fargate runs tasks on AWS's own platform, with no "
        "AMI to choose");
  }
  if (service.task_size &&
      !is_fargate_size(service.task_size->vcpu, service.task_size->memory_mb)) {
    // The task definition fixes the pair and Fargate refuses to register it; the finding
    // fargate-invalid-size explains it and names the nearest sizes, this reason is its verdict.
    const FargateCpuTier* tier = fargate_tier(service.task_size->vcpu);
    reasons.push_back(fmt::format(
        "its task definition declares {} vCPU / {} GB, which is not a Fargate task size ({}; "
        "fargate-invalid-size)",
        short_number(service.task_size->vcpu), short_number(service.task_size->memory_mb / 1024),
        tier ? fmt::format("{} vCPU takes {}", short_number(tier->vcpu), fargate_memory_text(*tier))
             : fmt::format("Fargate's CPU sizes are {}", fargate_cpu_text())));
  } else if (!smallest_fargate_size(service.vcpu, service.memory_mb)) {
    const FargateCpuTier& top = limits.tiers.back();
    reasons.push_back(
        fmt::format("a task needs {} vCPU and {} MB; the largest Fargate task is {} vCPU / {} GB",
                    short_number(service.vcpu), grouped(service.memory_mb), short_number(top.vcpu),
                    short_number(top.memory_max_gb)));
  }
  if (service.needs.ephemeral_storage_gb > limits.storage_max_gb) {
    reasons.push_back(fmt::format(
        "it needs {} GB of ephemeral storage; a Fargate task has at most {} GB",
        short_number(service.needs.ephemeral_storage_gb), short_number(limits.storage_max_gb)));
  }
  if (service.runtimes.ecs_fargate.spot && service.architecture == Architecture::arm64) {
    reasons.push_back(
        "it asks for Fargate Spot on arm64; Fargate Spot runs x86_64 Linux tasks only");
  }
  return reasons;
}

RuntimeEstimate fargate_estimate(const Service& service, const Spec& spec,
                                 const PriceCatalog& catalog) {
  const AutoscalingDefaults& d = autoscaling_defaults();
  const FargateLimits& limits = fargate_limits();
  const ContainerConfig& config = service.runtimes.ecs_fargate;
  RuntimeEstimate e;
  const auto size = smallest_fargate_size(service.vcpu, service.memory_mb);
  if (!size) {
    e.feasible = false;
    e.infeasible_reasons.push_back("no Fargate task size holds the service");
    return e;
  }
  const DurationSpec duration = duration_on(service, size->vcpu);
  const double start_up =
      d.fargate_provisioning_seconds + image_pull_seconds(service) + service.startup_seconds;
  const double extra_storage_gb =
      std::max(0.0, service.needs.ephemeral_storage_gb - limits.storage_included_gb);
  const std::string size_phrase =
      fmt::format("Fargate {} vCPU / {} GB ({})", short_number(size->vcpu),
                  short_number(size->memory_gb), arch_name(service.architecture));
  if (size->vcpu > service.vcpu + 1e-9 || size->memory_gb * 1024 > service.memory_mb + 1e-9) {
    e.assumptions.push_back(fmt::format(
        "{} vCPU / {} MB rounds up to the Fargate size {} vCPU / {} GB", short_number(service.vcpu),
        grouped(service.memory_mb), short_number(size->vcpu), short_number(size->memory_gb)));
  }
  if (const std::string scaling = cpu_bound_assumption(
          service, size->vcpu, fmt::format("the task has {} vCPU", short_number(size->vcpu)));
      !scaling.empty()) {
    e.assumptions.push_back(scaling);
  }

  if (service.kind == ServiceKind::scheduled) {
    const double runs = service.schedule ? runs_per_month(*service.schedule) : 0;
    const double run_s = duration.mean() / 1000;
    // Billing starts with the image pull, per second, with a one-minute minimum.
    const double billed_s = std::max(limits.billing_minimum_seconds,
                                     image_pull_seconds(service) + service.startup_seconds + run_s);
    const double task_hours = runs * billed_s / 3600;
    e.usage.task_vcpu_hours = task_hours * size->vcpu;
    e.usage.task_gb_hours = task_hours * size->memory_gb;
    e.usage.task_extra_storage_gb_hours = task_hours * extra_storage_gb;
    const LatencyQuantiles l = scheduled_latency(duration, start_up);
    e.behaviour.p50_ms = l.p50_ms;
    e.behaviour.p95_ms = l.p95_ms;
    e.behaviour.p99_ms = l.p99_ms;
    e.behaviour.mean_instances = runs * (start_up + run_s) / kSecondsPerMonth;
    e.behaviour.peak_instances = 1;
    e.behaviour.peak_connections = connections_for(service, 1);
    e.sizing =
        fmt::format("{}, one task per run, {} runs a month", size_phrase, short_number(runs));
    e.assumptions.push_back(fmt::format(
        "each run is a task billed per second from its image pull, with a one-minute minimum: {} "
        "a run",
        seconds_phrase(billed_s)));
    add_container_network(service, RuntimeId::ecs_fargate, spec, catalog, nullptr, runs, runs, e);
    return e;
  }

  const TrafficProfile traffic = traffic_profile(service.traffic);
  FleetPlan plan;
  plan.slots = std::max(1, service.concurrency_per_instance);
  plan.duration = duration;
  plan.start_up_seconds = start_up;
  plan.min_instances = config.min_tasks;
  plan.max_instances = config.max_tasks;
  plan.target_utilization = config.target_utilization;
  plan.queue_timeout_seconds = queue_timeout_seconds(service);
  const FleetEstimate fleet = estimate_fleet(service, traffic, plan);
  const double task_hours = fleet.mean_instances * kHoursPerMonth;
  e.usage.task_vcpu_hours = task_hours * size->vcpu;
  e.usage.task_gb_hours = task_hours * size->memory_gb;
  e.usage.task_extra_storage_gb_hours = task_hours * extra_storage_gb;
  e.behaviour.p50_ms = fleet.latency.p50_ms;
  e.behaviour.p95_ms = fleet.latency.p95_ms;
  e.behaviour.p99_ms = fleet.latency.p99_ms;
  e.behaviour.mean_instances = fleet.mean_instances;
  e.behaviour.peak_instances = fleet.peak_instances;
  e.behaviour.peak_connections = connections_for(service, fleet.peak_instances);
  e.sizing = fmt::format("{}, {}", size_phrase, instances_phrase(fleet, "task"));
  e.fleet_assumptions_first = e.assumptions.size();
  e.fleet_assumptions_count = fleet.assumptions.size();
  for (const std::string& a : fleet.assumptions) e.assumptions.push_back(a);
  e.assumptions.push_back(fmt::format(
      "a new task serves {} after the scale-out decision (~{} s provisioning, image pull, "
      "startup_seconds)",
      seconds_phrase(start_up), short_number(d.fargate_provisioning_seconds)));
  add_container_network(service, RuntimeId::ecs_fargate, spec, catalog, &traffic,
                        traffic.mean_rps * kSecondsPerMonth, fleet.instance_starts_per_month, e);
  return e;
}

}  // namespace computefit
