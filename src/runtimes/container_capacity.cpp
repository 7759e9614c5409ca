#include "runtimes/container_capacity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>

#include "pricing/pod_share.hpp"
#include "pricing/price_text.hpp"
#include "runtimes/autoscaling_defaults.hpp"
#include "runtimes/network_needs.hpp"
#include "runtimes/wording.hpp"
#include "stats/queueing.hpp"
#include "workload/month.hpp"
#include "workload/schedule.hpp"

namespace computefit {
namespace {

// A tolerance for "fits exactly" in packing (0.25 vCPU x 8 = 2 vCPU).
constexpr double kEps = 1e-9;

// The requests at `rps` for a share `weight` of the time, queueing at `instances` x `slots`.
// When the load reaches the capacity the backlog grows for `overload_seconds` (capped by the
// front door's timeout).
LatencyComponent queue_component(double rps, double weight, int instances, int slots,
                                 const DurationSpec& duration, double overload_seconds,
                                 double timeout_seconds) {
  LatencyComponent c;
  c.weight = rps * weight;
  if (c.weight <= 0) return c;
  const double mean_s = duration.mean() / 1000;
  // In double: 10^7 slots per instance times a fleet overflows an int.
  const double servers = static_cast<double>(std::max(0, instances)) * slots;
  const double capacity_rps = mean_s > 0 ? servers / mean_s : INFINITY;
  if (rps < capacity_rps) {
    const double load = rps * mean_s;
    c.wait_probability = servers > 0 ? stats::erlang_c(servers, load) : 1;
    c.wait_rate_per_ms = (capacity_rps - rps) / 1000;
  } else {
    const double growth = capacity_rps > 0 ? rps / capacity_rps - 1 : INFINITY;
    c.uniform_wait_max_ms = std::min(growth * overload_seconds, timeout_seconds) * 1000;
    if (c.uniform_wait_max_ms <= 0) c.uniform_wait_max_ms = timeout_seconds * 1000;
  }
  return c;
}

const ContainerConfig& config_for(const Service& service, RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::ecs_ec2:
      return service.runtimes.ecs_ec2;
    case RuntimeId::eks:
      return service.runtimes.eks;
    default:
      return service.runtimes.ecs_fargate;
  }
}

std::string host_word(RuntimeId runtime) {
  return runtime == RuntimeId::eks ? "node" : "host";
}
std::string task_word(RuntimeId runtime) {
  return runtime == RuntimeId::eks ? "pod" : "task";
}

// Seconds from a scale-out decision to a new task or pod serving on an existing host.
double start_on_host_seconds(const Service& service, RuntimeId runtime) {
  const AutoscalingDefaults& d = autoscaling_defaults();
  const double start = runtime == RuntimeId::eks ? d.pod_start_seconds : d.ecs_task_start_seconds;
  return start + image_pull_seconds(service) + service.startup_seconds;
}

// Seconds for a new host to become usable.
double new_host_seconds(const Service& service, RuntimeId runtime) {
  const AutoscalingDefaults& d = autoscaling_defaults();
  if (runtime != RuntimeId::eks) return d.ec2_host_ready_seconds;
  return service.runtimes.eks.autoscaler == NodeAutoscaler::karpenter
             ? d.karpenter_node_seconds
             : d.cluster_autoscaler_node_seconds;
}

// Requests around one burst: arrivals at the peak rate for the burst, then at the base rate;
// capacity of `base` instances until `ready_s`, of `peak` from then on (scaled-out instances stay
// past the burst). A fluid FIFO queue gives each arrival its wait; arrivals that find no backlog
// wait as in M/M/c at the instances then running.
struct BurstBacklog {
  std::vector<LatencyComponent> components;  ///< weights in rps x share of time, as elsewhere
  double drain_fraction = 0;                 ///< share of time after bursts spent draining
  double max_wait_seconds = 0;
};

BurstBacklog burst_backlog(const Bursts& b, double ready_s, int base, int peak,
                           const FleetPlan& plan) {
  BurstBacklog out;
  const double mean_s = plan.duration.mean() / 1000;
  const double per_instance = mean_s > 0 ? plan.slots / mean_s : INFINITY;
  const double cap_before = base * per_instance;
  const double cap_after = (std::isfinite(ready_s) ? peak : base) * per_instance;
  auto capacity = [&](double t) { return t < ready_s ? cap_before : cap_after; };
  // Work ahead of an arrival at t is served at the capacity of each moment from t on.
  auto wait_for = [&](double t, double queue) {
    if (queue <= 0) return 0.0;
    if (t < ready_s && std::isfinite(ready_s)) {
      const double first = cap_before * (ready_s - t);
      if (queue <= first) return queue / cap_before;
      return (ready_s - t) + (queue - first) / cap_after;
    }
    const double cap = capacity(t);
    return cap > 0 ? queue / cap : INFINITY;
  };
  // 400 steps over the burst; the drain after it at the same step, merged into at most ~400
  // components.
  constexpr int kSteps = 400;
  constexpr int kMaxDrainSteps = 40'000;
  const double dt = b.seconds / kSteps;
  const double per_second_weight = b.per_hour / 3600;  // share of time per second of one burst
  double queue = 0, t = 0;
  double mmc_peak_before = 0, mmc_peak_after = 0, mmc_base_after = 0;
  LatencyComponent pending;
  int pending_steps = 0;
  double pending_shift_sum = 0;
  auto flush = [&] {
    if (pending_steps == 0) return;
    pending.shift_ms = pending_shift_sum / pending_steps * 1000;
    out.components.push_back(pending);
    pending = {};
    pending_steps = 0;
    pending_shift_sum = 0;
  };
  for (int step = 0; step < kSteps + kMaxDrainSteps; ++step, t += dt) {
    const bool in_burst = step < kSteps;
    if (!in_burst && queue <= 0) break;
    const double rate = in_burst ? b.peak_rps : b.base_rps;
    const double weight = rate * dt * per_second_weight;
    if (!in_burst) out.drain_fraction += dt * per_second_weight;
    const double wait = std::min(wait_for(t, queue), plan.queue_timeout_seconds);
    if (wait * 1000 < 1) {
      flush();
      (in_burst ? (t < ready_s ? mmc_peak_before : mmc_peak_after) : mmc_base_after) += weight;
    } else {
      out.max_wait_seconds = std::max(out.max_wait_seconds, wait);
      pending.weight += weight;
      pending_shift_sum += wait;
      if (++pending_steps >= (in_burst ? 1 : 100)) flush();
    }
    queue = std::max(0.0, queue + (rate - capacity(t)) * dt);
  }
  flush();
  auto mmc = [&](double rate, double weight, int instances) {
    // The weight already carries the rate: pass a unit share of time scaled to it.
    LatencyComponent c = queue_component(rate, 1, instances, plan.slots, plan.duration, 0,
                                         plan.queue_timeout_seconds);
    c.weight = weight;
    c.uniform_wait_max_ms = 0;  // a backlog is the fluid queue's part, above
    return c;
  };
  if (mmc_peak_before > 0) out.components.push_back(mmc(b.peak_rps, mmc_peak_before, base));
  if (mmc_peak_after > 0) out.components.push_back(mmc(b.peak_rps, mmc_peak_after, peak));
  if (mmc_base_after > 0) {
    out.components.push_back(mmc(b.base_rps, mmc_base_after, std::isfinite(ready_s) ? peak : base));
  }
  return out;
}

// "1 instance", "3 instances".
std::string instance_count(int n) {
  return fmt::format("{} instance{}", n, n == 1 ? "" : "s");
}

// "1 task", "3 tasks".
std::string counted(int n, const std::string& word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// "2" or "1–3".
std::string range_phrase(int low, int high) {
  return low == high ? std::to_string(high) : fmt::format("{}–{}", low, high);
}

// "0 GPU", "1 GPU with 24 GiB": what a task needs.
std::string gpu_need_phrase(const Service& service) {
  if (service.needs.gpu <= 0) return "0 GPU";
  return fmt::format("{} GPU with {} GiB", service.needs.gpu,
                     short_number(gpu_memory_needed_gib(service)));
}

// "0 GPU", "1 NVIDIA L4 GPU of 24 GiB": what a type offers.
std::string gpu_offer_phrase(const Ec2InstanceType& type) {
  if (type.gpus <= 0) return "0 GPU";
  return fmt::format("{} {} GPU of {} GiB", type.gpus, type.gpu_model,
                     short_number(type.gpu_memory_gib));
}

// The hourly price a pod of `service` pays for its share of a node of `type` (its requests).
double pod_share_hourly(const Service& service, const Ec2InstanceType& type, double node_usd,
                        const PriceCatalog& catalog) {
  const PodShareRates rates = pod_share_rates(node_usd, type.vcpu, type.memory_gib, type.gpus,
                                              service.architecture, catalog);
  return service.vcpu * rates.usd_per_vcpu_hour +
         service.memory_mb / 1024.0 * rates.usd_per_gib_hour +
         service.needs.gpu * rates.usd_per_gpu_hour;
}

}  // namespace

/// "2–6 tasks (mean 2.4)" for a fleet.
std::string instances_phrase(const FleetEstimate& fleet, const std::string& word) {
  int low = fleet.peak_instances;
  for (const FleetLevel& level : fleet.levels) {
    if (level.time_fraction > 0) low = std::min(low, level.instances);
  }
  if (low == fleet.peak_instances) return fmt::format("{} {}s", low, word);
  return fmt::format("{}–{} {}s (mean {})", low, fleet.peak_instances, word,
                     short_number(fleet.mean_instances));
}

double instance_throughput_rps(int slots, const DurationSpec& duration) {
  const double mean_s = duration.mean() / 1000;
  return mean_s > 0 ? slots / mean_s : INFINITY;
}

int instances_for_rate(double rps, double throughput_rps, double target_utilization,
                       int min_instances, int max_instances) {
  double needed = 0;
  if (rps > 0 && std::isfinite(throughput_rps) && throughput_rps > 0) {
    needed = std::ceil(rps / (throughput_rps * target_utilization) - kEps);
  } else if (rps > 0) {
    needed = 1;
  }
  needed = std::min(needed, static_cast<double>(INT_MAX / 2));
  return std::clamp(static_cast<int>(needed), min_instances,
                    std::max(min_instances, max_instances));
}

DurationSpec duration_on(const Service& service, double runtime_vcpu) {
  if (!service.cpu_bound || runtime_vcpu <= 0 || service.vcpu <= 0) return service.duration_ms;
  // A request is one thread: it used at most one vCPU where it was measured and can use at most
  // one here (SPEC.md "CPU").
  return service.duration_ms.scaled(std::min(service.vcpu, 1.0) / std::min(runtime_vcpu, 1.0));
}

std::string cpu_bound_assumption(const Service& service, double runtime_vcpu,
                                 std::string_view sizing) {
  const double measured = std::min(service.vcpu, 1.0);
  const double here = std::min(runtime_vcpu, 1.0);
  if (!service.cpu_bound || runtime_vcpu <= 0 || service.vcpu <= 0 || measured == here) return "";
  return fmt::format(
      "cpu_bound: {}; a request runs on at most one vCPU, so durations scale by {} / {}", sizing,
      short_number(measured), short_number(here));
}

std::map<std::string, double> connections_for(const Service& service, double instances) {
  std::map<std::string, double> out;
  for (const Use& use : service.uses) {
    if (use.connections_per_instance > 0) {
      out[use.downstream] += instances * use.connections_per_instance;
    }
  }
  return out;
}

double queue_timeout_seconds(const Service& service) {
  // SPEC.md: an http request queued past the ALB's idle timeout is timed out; messages and events
  // wait in their queue (SQS keeps them for days), so their backlog is not cut short.
  if (service.kind == ServiceKind::http) return autoscaling_defaults().alb_idle_timeout_seconds;
  return autoscaling_defaults().sqs_retention_seconds;
}

double image_pull_seconds(const Service& service) {
  return service.image_mb / autoscaling_defaults().image_pull_mb_per_second;
}

FleetEstimate estimate_fleet(const Service& service, const TrafficProfile& traffic,
                             const FleetPlan& plan) {
  const AutoscalingDefaults& d = autoscaling_defaults();
  FleetEstimate f;
  const double throughput = instance_throughput_rps(plan.slots, plan.duration);
  const bool pinned = plan.min_instances == plan.max_instances;
  auto need = [&](double rps) {
    return instances_for_rate(rps, throughput, plan.target_utilization, plan.min_instances,
                              plan.max_instances);
  };
  f.needed_peak_instances = instances_for_rate(
      traffic.peak_rps, throughput, plan.target_utilization, plan.min_instances, INT_MAX / 2);
  std::vector<LatencyComponent> components;
  if (!traffic.bursts) {
    int previous = -1, first = -1;
    double starts_per_cycle = 0;
    for (const RateSegment& s : traffic.segments) {
      const int n = need(s.rps);
      f.levels.push_back({n, s.time_fraction});
      f.level_rps.push_back(s.rps);
      components.push_back(queue_component(s.rps, s.time_fraction, n, plan.slots, plan.duration,
                                           s.time_fraction * kSecondsPerMonth,
                                           plan.queue_timeout_seconds));
      if (previous >= 0 && n > previous) starts_per_cycle += n - previous;
      if (first < 0) first = n;
      previous = n;
    }
    if (previous >= 0 && first > previous) starts_per_cycle += first - previous;
    double cycles = 0;
    if (service.traffic.shape == TrafficShape::diurnal) cycles = kHoursPerMonth / kHoursPerDay;
    if (service.traffic.shape == TrafficShape::trace && service.traffic.trace_period_seconds > 0) {
      cycles = kSecondsPerMonth / service.traffic.trace_period_seconds;
    }
    f.instance_starts_per_month = starts_per_cycle * cycles;
    if (service.traffic.shape == TrafficShape::diurnal && !pinned) {
      f.assumptions.push_back(
          "target tracking follows the daily curve closely (it changes over hours, the loop "
          "reacts in minutes)");
    }
  } else {
    const Bursts& b = *traffic.bursts;
    const int base = need(b.base_rps);
    const int peak = need(b.peak_rps);
    const double trigger = d.scale_out_datapoints * d.metric_period_seconds;
    const bool scales = !pinned && peak > base && b.seconds >= trigger;
    const double ready = scales ? trigger + plan.start_up_seconds : INFINITY;
    const BurstBacklog backlog = burst_backlog(b, ready, base, peak, plan);
    components.push_back(
        queue_component(b.base_rps, std::max(0.0, 1 - b.time_fraction - backlog.drain_fraction),
                        base, plan.slots, plan.duration, 0, plan.queue_timeout_seconds));
    components.insert(components.end(), backlog.components.begin(), backlog.components.end());
    if (backlog.max_wait_seconds > 0) {
      f.assumptions.push_back(fmt::format(
          "a burst at {} rps outruns the {} running: a backlog builds and the longest wait is "
          "~{}{}",
          short_number(b.peak_rps), instance_count(base), seconds_phrase(backlog.max_wait_seconds),
          backlog.max_wait_seconds >= plan.queue_timeout_seconds ? " (the queue's timeout)" : ""));
    }
    double held = 0;
    if (!scales) {
      if (!pinned && peak > base) {
        f.assumptions.push_back(fmt::format(
            "a {} burst ends before target tracking reacts ({} one-minute datapoints): the {} "
            "running absorb it",
            seconds_phrase(b.seconds), d.scale_out_datapoints, instance_count(base)));
      }
    } else {
      // Scaled-out instances run from the alarm until the scale-in alarm (15 datapoints after the
      // burst) and its cooldown.
      const double hold_seconds = b.seconds - trigger +
                                  d.scale_in_datapoints * d.metric_period_seconds +
                                  d.scale_in_cooldown_seconds;
      held = std::min(1.0, b.per_hour * hold_seconds / 3600);
      f.instance_starts_per_month = b.per_hour * kHoursPerMonth * (peak - base);
      f.assumptions.push_back(fmt::format(
          "the first {} of each burst ({} one-minute datapoints, then start-up) is served by the "
          "{} running, the rest by {}; the extra instances stay until scale-in ({} low "
          "datapoints and a {} s cooldown)",
          seconds_phrase(std::min(b.seconds, ready)), d.scale_out_datapoints, instance_count(base),
          instance_count(peak), d.scale_in_datapoints, short_number(d.scale_in_cooldown_seconds)));
    }
    f.levels = {{base, 1 - held}, {scales ? peak : base, held}};
    f.level_rps = {traffic.mean_rps, b.peak_rps};
  }
  f.peak_instances = 0;
  for (const FleetLevel& level : f.levels) {
    f.mean_instances += level.instances * level.time_fraction;
    if (level.time_fraction > 0) f.peak_instances = std::max(f.peak_instances, level.instances);
  }
  if (f.needed_peak_instances > plan.max_instances) {
    f.assumptions.push_back(
        fmt::format("the peak needs {} instances but the fleet stops at {}: requests queue instead",
                    f.needed_peak_instances, plan.max_instances));
  }
  if (service.kind == ServiceKind::worker && !pinned) {
    f.assumptions.push_back(
        "workers scale on backlog per task; modelled as the same target on busy slots");
  }
  if (pinned) {
    f.assumptions.push_back(fmt::format("the fleet is pinned at {} instances", plan.min_instances));
  }
  f.latency = mixture_quantiles(plan.duration, components);
  return f;
}

AlbCapacity alb_capacity(const Service& service, const TrafficProfile& traffic,
                         const DurationSpec& duration, bool lambda_target) {
  const AutoscalingDefaults& d = autoscaling_defaults();
  const double gb_per_lcu = lambda_target ? d.alb_gb_per_lcu_hour_lambda : d.alb_gb_per_lcu_hour;
  const double per_connection = std::max(1.0, service.traffic.requests_per_connection);
  AlbCapacity out;
  out.new_connections_per_second = traffic.mean_rps / per_connection;
  // LCU-hours each dimension sets, to name the one that bills most.
  double by_new = 0, by_active = 0, by_bytes = 0;
  for (const RateSegment& s : traffic.segments) {
    const double hours = s.time_fraction * kSecondsPerMonth / 3600;
    const double new_connections = s.rps / per_connection / d.alb_new_connections_per_lcu;
    // A connection stays open at least while its requests run; idle time between a client's
    // requests is not known, so active connections are the requests in flight.
    const double active = s.rps * duration.mean() / 1000 / d.alb_active_connections_per_lcu;
    const double gb_per_hour = kb_to_gb(service.request_kb + service.response_kb, s.rps * 3600);
    const double processed = gb_per_hour / gb_per_lcu;
    const double lcu = std::max({new_connections, active, processed});
    out.lcu_hours += lcu * hours;
    if (lcu == new_connections) {
      by_new += lcu * hours;
    } else if (lcu == processed) {
      by_bytes += lcu * hours;
    } else {
      by_active += lcu * hours;
    }
  }
  out.binding = by_new >= by_bytes && by_new >= by_active
                    ? "new connections"
                    : (by_bytes >= by_active ? "processed bytes" : "active connections");
  return out;
}

std::string alb_capacity_assumption(const Service& service, const AlbCapacity& capacity) {
  const double per_connection = std::max(1.0, service.traffic.requests_per_connection);
  const std::string clients =
      per_connection <= 1
          ? std::string(
                "a new connection per request (traffic.requests_per_connection 1; "
                "keep-alive clients that reuse connections open fewer)")
          : fmt::format("{} requests per connection (traffic.requests_per_connection)",
                        short_number(per_connection));
  const double rate = capacity.new_connections_per_second;
  return fmt::format(
      "ALB capacity units: {}, {} new connections/s at the mean rate; {} set most of the "
      "LCU-hours",
      clients, rate >= 100 ? grouped(rate) : short_number(rate), capacity.binding);
}

LatencyQuantiles scheduled_latency(const DurationSpec& duration, double start_up_seconds) {
  return mixture_quantiles(duration, {{1, start_up_seconds * 1000, 0, 0, 0}});
}

HostAllocatable host_allocatable(const Ec2InstanceType& type, RuntimeId runtime) {
  const AutoscalingDefaults& d = autoscaling_defaults();
  HostAllocatable a;
  const double memory_mib = type.memory_gib * 1024;
  if (runtime == RuntimeId::eks) {
    const int max_pods = type.eks_max_pods();
    a.vcpu = type.vcpu - eks_kube_reserved_vcpu(type.vcpu) - d.eks_daemonset_vcpu;
    a.memory_mib = memory_mib - eks_kube_reserved_memory_mib(max_pods) - d.eks_eviction_memory_mib -
                   d.eks_daemonset_memory_mib;
    a.pods = std::max(0, max_pods - 2);  // aws-node and kube-proxy take two of the slots
  } else {
    a.vcpu = type.vcpu - d.ecs_host_reserved_vcpu;
    a.memory_mib = memory_mib - d.ecs_host_reserved_memory_mib;
  }
  return a;
}

double gpu_memory_needed_gib(const Service& service) {
  if (service.needs.gpu <= 0) return 0;
  if (service.needs.gpu_memory_gb) return *service.needs.gpu_memory_gb;
  return service.memory_mb / 1024.0 / service.needs.gpu;
}

int tasks_per_host(const Ec2InstanceType& type, RuntimeId runtime, const Service& service) {
  if (type.architecture != service.architecture) return 0;
  if (service.needs.gpu > type.gpus) return 0;
  if (service.needs.gpu > 0 && type.gpu_memory_gib + kEps < gpu_memory_needed_gib(service)) {
    return 0;
  }
  const HostAllocatable a = host_allocatable(type, runtime);
  if (service.vcpu <= 0 || service.memory_mb <= 0) return 0;
  int n = static_cast<int>(std::floor(a.vcpu / service.vcpu + kEps));
  n = std::min(n, static_cast<int>(std::floor(a.memory_mib / service.memory_mb + kEps)));
  if (service.needs.gpu > 0) n = std::min(n, type.gpus / service.needs.gpu);
  if (runtime == RuntimeId::eks) n = std::min(n, a.pods);
  return std::max(0, n);
}

int hosts_for(int instances, int per_host, const ContainerConfig& config) {
  const int needed = per_host > 0 ? (instances + per_host - 1) / per_host : 0;
  return std::clamp(needed, config.min_hosts, std::max(config.min_hosts, config.max_hosts));
}

int hosts_across_zones(int instances, int per_host, int azs, const ContainerConfig& config) {
  // As the simulator places them: instances dealt over the zones, each zone's share packed.
  const int zones = std::max(1, azs);
  int needed = 0;
  if (per_host > 0) {
    for (int a = 0; a < zones; ++a) {
      const int in_zone = instances / zones + (a < instances % zones ? 1 : 0);
      needed += (in_zone + per_host - 1) / per_host;
    }
  }
  return std::clamp(needed, config.min_hosts, std::max(config.min_hosts, config.max_hosts));
}

double cpu_seconds_per_request(const Service& service) {
  if (service.cpu_ms_per_request) return std::max(0.0, *service.cpu_ms_per_request) / 1000;
  // cpu_bound is cpu_ms_per_request equal to the whole duration, measured at the service's vcpu:
  // a request busy for its duration on min(vcpu, 1) of a vCPU (SPEC.md "CPU").
  if (service.cpu_bound) {
    const double share = service.vcpu > 0 ? std::min(service.vcpu, 1.0) : 1.0;
    return service.duration_ms.mean() / 1000 * share;
  }
  // A service that declares no CPU use is I/O-bound (SPEC.md defaults: duration_ms is all
  // waiting): no CPU is modelled beyond what it declares, so its tasks count as using none.
  return 0;
}

namespace {

// Whether the spec declares any CPU use for the service.
bool declares_cpu(const Service& service) {
  return service.cpu_ms_per_request.has_value() || service.cpu_bound;
}

// CPU seconds a request is held to for the burstable check. Undeclared CPU is not taken as none:
// a request is assumed to keep its slot's share of the task's vCPU busy while it runs (vcpu /
// concurrency_per_instance), the most the team's own sizing allows it. An I/O-bound service then
// looks busier than it is, so a burstable host is chosen only where even that fits its baseline,
// as for a small worker at a few messages a second, never for a busy API.
double cpu_seconds_for_host_choice(const Service& service) {
  if (declares_cpu(service)) return cpu_seconds_per_request(service);
  const double slots = std::max(1, service.concurrency_per_instance);
  return service.duration_ms.mean() / 1000 * service.vcpu / slots;
}

}  // namespace

double modelled_fleet_cpu_vcpus(const Service& service, double mean_rps) {
  const double cpu_s = cpu_seconds_for_host_choice(service);
  if (cpu_s <= 0) return 0;
  if (service.kind == ServiceKind::scheduled) {
    // One run on its host at a time: the run's CPU over the run's length.
    const double run_s = service.duration_ms.mean() / 1000;
    return run_s > 0 ? cpu_s / run_s : 0;
  }
  return std::max(0.0, mean_rps) * cpu_s;
}

std::vector<double> level_cpu_vcpus(const Service& service, const FleetEstimate& fleet) {
  std::vector<double> out;
  for (double rps : fleet.level_rps) out.push_back(modelled_fleet_cpu_vcpus(service, rps));
  return out;
}

double busiest_cpu_per_host(const std::vector<FleetLevel>& levels,
                            const std::vector<double>& level_cpu, int per_host, int azs,
                            const ContainerConfig& config) {
  double busiest = 0;
  for (std::size_t i = 0; i < levels.size() && i < level_cpu.size(); ++i) {
    if (levels[i].time_fraction <= 0 || level_cpu[i] <= 0) continue;
    const int hosts = std::max(1, hosts_across_zones(levels[i].instances, per_host, azs, config));
    busiest = std::max(busiest, level_cpu[i] / hosts);
  }
  return busiest;
}

bool within_cpu_baseline(const Ec2InstanceType& type, double cpu_per_host) {
  // AWS averages a burstable instance's CPU over 24 hours, or its life when shorter: below the
  // baseline it earns the credits that pay for peaks above it; only a mean above the baseline
  // bills surplus credits (unlimited, the T3/T4g default) or throttles (standard). Hosts added
  // for a peak live only while it lasts, so each level of the fleet is held to the baseline.
  if (type.kind != InstanceFamilyKind::burstable) return true;
  return cpu_per_host <= type.baseline_vcpus() + kEps;
}

std::optional<HostChoice> choose_instance_type(const Service& service, RuntimeId runtime,
                                               const ContainerConfig& config,
                                               const PriceCatalog& catalog,
                                               const std::vector<FleetLevel>& levels,
                                               const std::vector<double>& level_cpu,
                                               std::string* reason) {
  const std::string prefix(price_keys::kEc2OnDemandPrefix);
  if (config.instance_type != "auto") {
    const Ec2InstanceType* type = find_instance_type(config.instance_type);
    if (!type) {
      if (reason) {
        *reason = fmt::format(
            "instance_type {} is not one computefit knows (its table lists {} "
            "types, e.g. m6i.large)",
            config.instance_type, ec2_instance_types().types.size());
      }
      return std::nullopt;
    }
    const int per_host = tasks_per_host(*type, runtime, service);
    if (per_host < 1) {
      if (reason) {
        *reason = fmt::format(
            "one {} ({} vCPU, {} MB, {}, {}) does not fit on instance_type {} ({} vCPU, {} "
            "GiB, {}, {})",
            task_word(runtime), short_number(service.vcpu), grouped(service.memory_mb),
            gpu_need_phrase(service),
            service.architecture == Architecture::arm64 ? "arm64" : "x86_64", type->name,
            short_number(type->vcpu), short_number(type->memory_gib), gpu_offer_phrase(*type),
            type->architecture == Architecture::arm64 ? "arm64" : "x86_64");
      }
      return std::nullopt;
    }
    const PriceEntry* price = catalog.find(prefix + type->name);
    if (!price) {
      if (reason) {
        *reason = fmt::format("instance_type {} has no on-demand price in the {} catalog",
                              type->name, catalog.region());
      }
      return std::nullopt;
    }
    return HostChoice{type, price->usd, per_host};
  }
  // Types that hold the fleet's peak within max hosts come first; among them (or, when none
  // can, among all) the lowest monthly host cost wins.
  std::optional<HostChoice> best;
  double best_cost = INFINITY;
  bool best_holds = false;
  int peak_tasks = 0;
  for (const FleetLevel& level : levels) peak_tasks = std::max(peak_tasks, level.instances);
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    // A GPU host for a service that uses no GPU pays for accelerators it never touches, however
    // many of its tasks the host's CPUs hold; a GPU service needs one.
    if ((type.gpus > 0) != (service.needs.gpu > 0)) continue;
    const int per_host = tasks_per_host(type, runtime, service);
    if (per_host < 1) continue;
    const PriceEntry* price = catalog.find(prefix + type.name);
    if (!price) continue;
    // Uncapped host counts, so a type too small for the fleet does not look cheap.
    ContainerConfig uncapped = config;
    uncapped.max_hosts = INT_MAX / 2;
    // Hosts as the simulator places them, spread over the service's zones (two tasks in two
    // zones take two hosts however many one host holds).
    const int azs = service.network.azs;
    double cost = 0;
    for (const FleetLevel& level : levels) {
      cost += level.time_fraction * hosts_across_zones(level.instances, per_host, azs, uncapped) *
              price->usd;
    }
    // A burstable type qualifies while the fleet's modelled mean CPU per host stays within its
    // baseline at every level: past it, surplus credits would bill CPU this estimate does not
    // price.
    if (!within_cpu_baseline(type,
                             busiest_cpu_per_host(levels, level_cpu, per_host, azs, uncapped))) {
      continue;
    }
    const bool holds = static_cast<long long>(config.max_hosts) * per_host >= peak_tasks;
    if ((holds && !best_holds) || (holds == best_holds && cost < best_cost - 1e-12)) {
      best_cost = cost;
      best_holds = holds;
      best = HostChoice{&type, price->usd, per_host};
    }
  }
  if (!best && reason) {
    *reason = fmt::format(
        "no instance type that computefit knows and the {} catalog prices fits one {} ({} vCPU, "
        "{} MB, {}, {})",
        catalog.region(), task_word(runtime), short_number(service.vcpu),
        grouped(service.memory_mb), gpu_need_phrase(service),
        service.architecture == Architecture::arm64 ? "arm64" : "x86_64");
  }
  return best;
}

std::optional<HostChoice> choose_pod_node_type(const Service& service,
                                               const ContainerConfig& config,
                                               const PriceCatalog& catalog,
                                               double cpu_per_pod_vcpus, std::string* reason) {
  if (config.instance_type != "auto") {
    return choose_instance_type(service, RuntimeId::eks, config, catalog, {{1, 1.0}},
                                {cpu_per_pod_vcpus}, reason);
  }
  const std::string prefix(price_keys::kEc2OnDemandPrefix);
  std::optional<HostChoice> best;
  double best_share = INFINITY;
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    // A GPU node's price is shared by GPU: pods without GPUs never land on one.
    if ((type.gpus > 0) != (service.needs.gpu > 0)) continue;
    const int per_host = tasks_per_host(type, RuntimeId::eks, service);
    if (per_host < 1) continue;
    // A burstable node qualifies when a node full of such pods stays within its baseline.
    if (!within_cpu_baseline(type, per_host * cpu_per_pod_vcpus)) continue;
    const PriceEntry* price = catalog.find(prefix + type.name);
    if (!price) continue;
    const double share = pod_share_hourly(service, type, price->usd, catalog);
    if (share < best_share - 1e-12) {
      best_share = share;
      best = HostChoice{&type, price->usd, per_host};
    }
  }
  if (!best) {
    choose_instance_type(service, RuntimeId::eks, config, catalog, {{1, 1.0}}, {cpu_per_pod_vcpus},
                         reason);
  }
  return best;
}

std::vector<std::string> host_limits(const Service& service, RuntimeId runtime, const Spec& spec,
                                     const PriceCatalog& catalog) {
  std::string reason;
  const ContainerConfig& config = config_for(service, runtime);
  // Whether any type fits one task: its CPU is left out here (0), so burstable types count; the
  // estimate chooses among the types that fit.
  const bool fits =
      on_existing_cluster(spec, runtime)
          ? choose_pod_node_type(service, config, catalog, 0, &reason).has_value()
          : choose_instance_type(service, runtime, config, catalog, {{1, 1.0}}, {0}, &reason)
                .has_value();
  if (!fits) return {reason};
  return {};
}

void add_container_network(const Service& service, RuntimeId runtime, const Spec& spec,
                           const PriceCatalog& catalog, const TrafficProfile* traffic,
                           double requests, double starts, RuntimeEstimate& estimate) {
  const double log_gb = kb_to_gb(service.log_kb_per_request, requests);
  NetworkEstimate n = estimate_network(service, runtime, spec, catalog, requests, starts, log_gb);
  if (service.kind == ServiceKind::http && traffic) {
    const AlbCapacity alb = alb_capacity(service, *traffic, service.duration_ms, false);
    estimate.usage.alb_lcu_hours = alb.lcu_hours;
    estimate.assumptions.push_back(alb_capacity_assumption(service, alb));
    if (on_existing_cluster(spec, runtime)) {
      estimate.assumptions.push_back(
          "the existing cluster's ingress takes the route: no ALB hours, only this service's "
          "LCUs");
    } else if (spec.team.existing.load_balancer) {
      estimate.assumptions.push_back(
          "the existing load balancer (team.existing.load_balancer) takes another route: no ALB "
          "hours, only this service's LCUs");
    } else {
      n.shared.alb = true;
    }
  }
  estimate.shared.alb = n.shared.alb;
  estimate.shared.nat_gateway = n.shared.nat_gateway;
  estimate.shared.interface_endpoints = n.shared.interface_endpoints;
  estimate.shared.azs = n.shared.azs;
  estimate.usage.nat_processed_gb += n.nat_processed_gb;
  estimate.usage.vpc_endpoint_gb += n.vpc_endpoint_gb;
  estimate.usage.internet_out_gb += n.internet_out_gb;
  estimate.usage.log_ingest_gb += log_gb;
  for (std::string& a : n.assumptions) estimate.assumptions.push_back(std::move(a));
}

namespace {

// The assumption a GPU service's host choice rests on when the spec leaves GPU memory out.
void add_gpu_memory_assumption(const Service& service, RuntimeEstimate& e) {
  if (service.needs.gpu <= 0 || service.needs.gpu_memory_gb) return;
  e.assumptions.push_back(fmt::format(
      "needs.gpu_memory_gb not given: assumed the model needs {} GiB of GPU memory per GPU, the "
      "task's memory per GPU (a model server loads the weights into host memory first); GPUs "
      "with less are left out",
      short_number(gpu_memory_needed_gib(service))));
}

// On a team's existing cluster: the pods' share of `choice`'s nodes replaces the hosts.
// `pod_hours` is the month's pod-hours; `cpu_hours` the vCPU-hours the requests burn.
void charge_pod_shares(const Service& service, const HostChoice& choice, double pod_hours,
                       double cpu_hours, const PriceCatalog& catalog, RuntimeEstimate& e) {
  const Ec2InstanceType& type = *choice.type;
  e.usage.host_hours = 0;
  e.usage.ebs_gb_months = 0;
  e.usage.pod_vcpu_hours = std::max(service.vcpu * pod_hours, cpu_hours);
  e.usage.pod_gb_hours = service.memory_mb / 1024.0 * pod_hours;
  e.usage.pod_gpu_hours = service.needs.gpu * pod_hours;
  const PodShareRates rates = pod_share_rates(choice.hourly_usd, type.vcpu, type.memory_gib,
                                              type.gpus, service.architecture, catalog);
  if (type.gpus > 0) {
    e.assumptions.push_back(fmt::format(
        "the team's existing cluster runs the pods: no control plane or dedicated nodes; the pods "
        "pay their GPUs' share of the {} nodes ({} per GPU-hour, 1/{} of a node) for the {} "
        "pod-hours they run",
        type.name, unit_price_text(rates.usd_per_gpu_hour), type.gpus, grouped(pod_hours)));
    return;
  }
  e.assumptions.push_back(fmt::format(
      "the team's existing cluster runs the pods: no control plane or dedicated nodes; the pods "
      "pay their share of the {} nodes as OpenCost allocates it, a node's {} an hour split in "
      "the ratio of Fargate's vCPU-hour and GB-hour prices ({} per vCPU-hour, {} per GiB-hour), "
      "on max(request, usage) for the {} pod-hours they run",
      type.name, unit_price_text(choice.hourly_usd), unit_price_text(rates.usd_per_vcpu_hour),
      unit_price_text(rates.usd_per_gib_hour), grouped(pod_hours)));
}

// "0.0123", "0.4": a CPU figure to three significant digits.
std::string cpu_figure(double vcpus) {
  return vcpus <= 0 ? std::string("0") : fmt::format("{:.3g}", vcpus);
}

// The sentences an automatic host choice rests on: why `choice`, and for a burstable type the
// modelled CPU (`cpu_per_host`, a mean in vCPUs) that keeps it within its baseline.
void add_host_choice_assumptions(const Service& service, RuntimeId runtime,
                                 const HostChoice& choice, double cpu_per_host, bool existing,
                                 RuntimeEstimate& e) {
  const Ec2InstanceType& type = *choice.type;
  const bool burstable = type.kind == InstanceFamilyKind::burstable;
  const std::string baseline = fmt::format(
      "{}% of each of its {} vCPUs, {} vCPU", short_number(type.baseline_per_vcpu * 100),
      short_number(type.vcpu), short_number(type.baseline_vcpus()));
  if (!existing) {
    const std::string cheapest =
        type.name + " is the cheapest priced type in computefit's table for this fleet";
    if (burstable && declares_cpu(service)) {
      e.assumptions.push_back(fmt::format(
          "{}: a burstable type, chosen because the fleet's modelled CPU, at most a mean of {} "
          "vCPU per host at any of its levels, stays within its baseline ({}); peaks above it "
          "spend the credits earned below it, and AWS bills surplus credits only when a host's "
          "mean over 24 hours (or its life, if shorter) exceeds it",
          cheapest, cpu_figure(cpu_per_host), baseline));
    } else if (burstable) {
      e.assumptions.push_back(fmt::format(
          "{}: a burstable type (baseline {}), chosen because even with each request holding its "
          "slot's share of the {}'s vCPU while it runs (below), the fleet's CPU stays at most a "
          "mean of {} vCPU per host",
          cheapest, baseline, task_word(runtime), cpu_figure(cpu_per_host)));
    } else if (declares_cpu(service)) {
      e.assumptions.push_back(fmt::format(
          "{} (a burstable t3 or t4g type qualifies only while the fleet's modelled CPU per host "
          "stays within its baseline, 10-40% of each vCPU by size, at every level of the fleet; "
          "here it reaches a mean of {} vCPU per {} host)",
          cheapest, cpu_figure(cpu_per_host), type.name));
    } else if (service.needs.gpu > 0) {
      e.assumptions.push_back(
          fmt::format("{} (GPU {}s run on GPU types only)", cheapest, task_word(runtime)));
    } else {
      e.assumptions.push_back(fmt::format(
          "{} (a burstable t3 or t4g type qualifies only while the fleet's CPU per host stays "
          "within its baseline; the spec declaring no CPU use, each request is taken to hold its "
          "slot's share of the {}'s vCPU while it runs, a mean of {} vCPU per {} host here)",
          cheapest, task_word(runtime), cpu_figure(cpu_per_host), type.name));
    }
  }
  if (burstable && !declares_cpu(service)) {
    e.assumptions.push_back(fmt::format(
        "no cpu_ms_per_request and not cpu_bound: for the burstable {}, each request is taken to "
        "keep its slot's share of the {}'s vCPU busy while it runs (vcpu / "
        "concurrency_per_instance), more than an I/O-bound service uses; declaring "
        "cpu_ms_per_request puts its real CPU against the baseline",
        type.name, task_word(runtime)));
  }
}

// vCPU-hours the service's requests burn in a month (cpu_seconds_per_request); 0 when the spec
// says nothing of its CPU.
double cpu_hours_used(const Service& service, double requests) {
  return requests * cpu_seconds_per_request(service) / 3600;
}

}  // namespace

RuntimeEstimate estimate_on_hosts(const Service& service, RuntimeId runtime, const Spec& spec,
                                  const PriceCatalog& catalog) {
  const AutoscalingDefaults& d = autoscaling_defaults();
  const ContainerConfig& config = config_for(service, runtime);
  RuntimeEstimate e;
  const DurationSpec duration = duration_on(service, service.vcpu);
  const double ebs_gb = runtime == RuntimeId::eks ? d.eks_node_ebs_gb : d.ecs_host_ebs_gb;
  const bool existing = on_existing_cluster(spec, runtime);
  std::string reason;
  add_gpu_memory_assumption(service, e);

  if (service.kind == ServiceKind::scheduled) {
    const double runs = service.schedule ? runs_per_month(*service.schedule) : 0;
    const double run_cpu = modelled_fleet_cpu_vcpus(service, 0);
    auto choice = existing ? choose_pod_node_type(service, config, catalog, run_cpu, &reason)
                           : choose_instance_type(service, runtime, config, catalog, {{1, 1.0}},
                                                  {run_cpu}, &reason);
    if (!choice) {
      e.feasible = false;
      e.infeasible_reasons.push_back(reason);
      return e;
    }
    const double run_s = duration.mean() / 1000;
    double start_up = start_on_host_seconds(service, runtime);
    double host_seconds_per_run = 0;
    if (existing) {
      host_seconds_per_run = start_up + run_s;
    } else if (config.min_hosts == 0) {
      start_up += new_host_seconds(service, runtime);
      host_seconds_per_run = start_up + run_s;
      e.assumptions.push_back(
          fmt::format("a {} is launched for each run and stopped after it ({} start-up)",
                      host_word(runtime), seconds_phrase(start_up)));
    } else {
      host_seconds_per_run = (start_up + run_s) / choice->per_host;
      e.assumptions.push_back(fmt::format(
          "the job runs on {}s kept by min_{}: priced its share (1/{} of a {} while it runs), "
          "not the {}s themselves",
          host_word(runtime), runtime == RuntimeId::eks ? "nodes" : "instances", choice->per_host,
          host_word(runtime), host_word(runtime)));
    }
    // A job's host choice is explained only when it rests on a burstable baseline.
    if (config.instance_type == "auto" && choice->type->kind == InstanceFamilyKind::burstable) {
      add_host_choice_assumptions(service, runtime, *choice, run_cpu, existing, e);
    }
    e.usage.instance_type = choice->type->name;
    e.usage.host_hours = runs * host_seconds_per_run / 3600;
    e.usage.ebs_gb_months = e.usage.host_hours / kHoursPerMonth * ebs_gb;
    const LatencyQuantiles l = scheduled_latency(duration, start_up);
    e.behaviour.p50_ms = l.p50_ms;
    e.behaviour.p95_ms = l.p95_ms;
    e.behaviour.p99_ms = l.p99_ms;
    e.behaviour.mean_instances = runs * (start_up + run_s) / kSecondsPerMonth;
    e.behaviour.peak_instances = 1;
    e.behaviour.peak_hosts = 1;
    e.behaviour.peak_connections = connections_for(service, 1);
    // On the existing cluster a run is a pod on nodes that are already there, priced by its share.
    e.sizing = existing ? fmt::format(
                              "a pod per run on the existing cluster's {} nodes (its share "
                              "priced), {} runs a month",
                              choice->type->name, short_number(runs))
                        : fmt::format("{} {}, one per run, {} runs a month", choice->type->name,
                                      host_word(runtime) + "s", short_number(runs));
    if (existing) {
      charge_pod_shares(service, *choice, runs * (start_up + run_s) / 3600,
                        cpu_hours_used(service, runs), catalog, e);
    }
    add_container_network(service, runtime, spec, catalog, nullptr, runs, runs, e);
    e.shared.eks_cluster = runtime == RuntimeId::eks && !existing;
    return e;
  }

  const TrafficProfile traffic = traffic_profile(service.traffic);
  FleetPlan plan;
  plan.slots = std::max(1, service.concurrency_per_instance);
  plan.duration = duration;
  plan.start_up_seconds = start_on_host_seconds(service, runtime);
  plan.min_instances = config.min_tasks;
  plan.max_instances = config.max_tasks;
  plan.target_utilization = config.target_utilization;
  plan.queue_timeout_seconds = queue_timeout_seconds(service);
  FleetEstimate fleet = estimate_fleet(service, traffic, plan);
  const std::vector<double> level_cpu = level_cpu_vcpus(service, fleet);
  // A pod's modelled CPU at the fleet's busiest level, for a node shared by pods like it.
  double cpu_per_pod = 0;
  for (std::size_t i = 0; i < fleet.levels.size() && i < level_cpu.size(); ++i) {
    if (fleet.levels[i].time_fraction <= 0) continue;
    cpu_per_pod = std::max(cpu_per_pod, level_cpu[i] / std::max(1, fleet.levels[i].instances));
  }
  auto choice = existing ? choose_pod_node_type(service, config, catalog, cpu_per_pod, &reason)
                         : choose_instance_type(service, runtime, config, catalog, fleet.levels,
                                                level_cpu, &reason);
  if (!choice) {
    e.feasible = false;
    e.infeasible_reasons.push_back(reason);
    return e;
  }
  const int per_host = choice->per_host;
  std::vector<std::string> notes;
  const long long host_room = static_cast<long long>(config.max_hosts) * per_host;
  if (host_room < plan.max_instances) {
    plan.max_instances = static_cast<int>(std::max<long long>(plan.min_instances, host_room));
    if (fleet.needed_peak_instances > host_room) {
      notes.push_back(fmt::format("max {}s {} hold at most {} {}s ({} per {}); the peak needs {}",
                                  host_word(runtime), config.max_hosts, host_room,
                                  task_word(runtime), per_host, host_word(runtime),
                                  fleet.needed_peak_instances));
    }
  }
  // Scale-outs that need new hosts wait for them.
  fleet = estimate_fleet(service, traffic, plan);
  int low_hosts = INT_MAX, high_hosts = 0;
  for (const FleetLevel& level : fleet.levels) {
    if (level.time_fraction <= 0) continue;
    low_hosts = std::min(low_hosts, hosts_for(level.instances, per_host, config));
    high_hosts = std::max(high_hosts, hosts_for(level.instances, per_host, config));
  }
  if (high_hosts > low_hosts) {
    plan.start_up_seconds += new_host_seconds(service, runtime);
    fleet = estimate_fleet(service, traffic, plan);
  }
  double host_level_sum = 0;
  int peak_hosts = 0, min_hosts_seen = INT_MAX;
  for (const FleetLevel& level : fleet.levels) {
    const int hosts = hosts_for(level.instances, per_host, config);
    host_level_sum += hosts * level.time_fraction;
    if (level.time_fraction > 0) {
      peak_hosts = std::max(peak_hosts, hosts);
      min_hosts_seen = std::min(min_hosts_seen, hosts);
    }
  }
  if (min_hosts_seen == INT_MAX) min_hosts_seen = 0;
  const double requests = traffic.mean_rps * kSecondsPerMonth;
  e.usage.instance_type = choice->type->name;
  e.usage.host_hours = host_level_sum * kHoursPerMonth;
  e.usage.ebs_gb_months = host_level_sum * ebs_gb;
  e.behaviour.p50_ms = fleet.latency.p50_ms;
  e.behaviour.p95_ms = fleet.latency.p95_ms;
  e.behaviour.p99_ms = fleet.latency.p99_ms;
  e.behaviour.mean_instances = fleet.mean_instances;
  e.behaviour.peak_instances = fleet.peak_instances;
  e.behaviour.peak_hosts = peak_hosts;
  e.behaviour.peak_connections = connections_for(service, fleet.peak_instances);
  e.sizing =
      fmt::format("{} {}s, {} ({} per {}); {}", choice->type->name, host_word(runtime),
                  range_phrase(min_hosts_seen, peak_hosts), counted(per_host, task_word(runtime)),
                  host_word(runtime), instances_phrase(fleet, task_word(runtime)));
  e.fleet_assumptions_first = e.assumptions.size();
  e.fleet_assumptions_count = fleet.assumptions.size();
  for (std::string& a : fleet.assumptions) e.assumptions.push_back(std::move(a));
  for (std::string& a : notes) e.assumptions.push_back(std::move(a));
  e.assumptions.push_back(
      fmt::format("on {}, {} take {} vCPU and {} MiB of each {}", choice->type->name,
                  runtime == RuntimeId::eks ? "kube-reserved, eviction threshold and DaemonSets"
                                            : "the OS and the ECS agent",
                  short_number(choice->type->vcpu - host_allocatable(*choice->type, runtime).vcpu),
                  grouped(choice->type->memory_gib * 1024 -
                          host_allocatable(*choice->type, runtime).memory_mib),
                  host_word(runtime)));
  if (existing) {
    charge_pod_shares(service, *choice, fleet.mean_instances * kSecondsPerMonth / 3600,
                      cpu_hours_used(service, requests), catalog, e);
  }
  if (config.instance_type == "auto") {
    const double cpu_per_host =
        existing ? per_host * cpu_per_pod
                 : busiest_cpu_per_host(fleet.levels, level_cpu_vcpus(service, fleet), per_host,
                                        service.network.azs, config);
    add_host_choice_assumptions(service, runtime, *choice, cpu_per_host, existing, e);
  }
  add_container_network(service, runtime, spec, catalog, &traffic, requests,
                        fleet.instance_starts_per_month, e);
  e.shared.eks_cluster = runtime == RuntimeId::eks && !existing;
  return e;
}

}  // namespace computefit
