#pragma once
// The logic shared by the three container runtimes (ECS on Fargate, ECS on EC2, EKS): how many
// instances a rate needs, how target tracking follows the traffic, the queueing that results,
// scheduled runs, and packing tasks or pods onto EC2 hosts.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pricing/ec2_instance_types.hpp"
#include "pricing/price_catalog.hpp"
#include "pricing/usage.hpp"
#include "runtimes/latency.hpp"
#include "runtimes/traffic_profile.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// How one container fleet is set up on a runtime.
struct FleetPlan {
  int slots = 1;                ///< concurrency_per_instance
  DurationSpec duration;        ///< warm duration on this runtime
  double start_up_seconds = 0;  ///< from a scale-out decision to a new instance serving
  int min_instances = 1;
  int max_instances = 100;
  double target_utilization = 0.7;
  double queue_timeout_seconds = 60;  ///< the front door gives up after this long
};

/// A share of the month with a given number of running instances.
struct FleetLevel {
  int instances = 0;
  double time_fraction = 0;
};

struct FleetEstimate {
  std::vector<FleetLevel> levels;  ///< time fractions sum to 1
  /// The mean request rate while each level runs (parallel to `levels`): a segment's rate; for
  /// bursts, the month's mean at the base level and the peak rate at the raised one, as if the
  /// instances added for a burst ran at its rate all their life.
  std::vector<double> level_rps;
  double mean_instances = 0;
  int peak_instances = 0;
  int needed_peak_instances = 0;  ///< before clamping to max_instances
  double instance_starts_per_month = 0;
  LatencyQuantiles latency;
  std::vector<std::string> assumptions;
};

/// "2–6 tasks (mean 2.4)": the range of running instances, with `word` for one.
std::string instances_phrase(const FleetEstimate& fleet, const std::string& word);

/// Requests per second one instance completes at full concurrency: slots / mean duration.
double instance_throughput_rps(int slots, const DurationSpec& duration);

/// ceil(rps / (throughput x target)), clamped to [min, max].
int instances_for_rate(double rps, double throughput_rps, double target_utilization,
                       int min_instances, int max_instances);

/// Instances over the month and the latency they give, for a non-scheduled service.
FleetEstimate estimate_fleet(const Service& service, const TrafficProfile& traffic,
                             const FleetPlan& plan);

/// The duration on a runtime that gives `runtime_vcpu`: when the service is cpu_bound, scaled by
/// min(spec vcpu, 1) / min(runtime vcpu, 1), since a request runs on at most one vCPU; unchanged
/// otherwise.
DurationSpec duration_on(const Service& service, double runtime_vcpu);
/// The assumption that says how (sizing: what gives `runtime_vcpu`, e.g. "2,048 MB gives 1.16
/// vCPU (1,769 MB per vCPU)"); empty when the duration does not change.
std::string cpu_bound_assumption(const Service& service, double runtime_vcpu,
                                 std::string_view sizing);

/// Peak connections per downstream for `instances` running instances.
std::map<std::string, double> connections_for(const Service& service, double instances);

/// How long a queued request waits before it is dropped: the ALB's idle timeout for http, the
/// SQS default retention (4 days) for messages and events.
double queue_timeout_seconds(const Service& service);

/// Image pull seconds for the service's image.
double image_pull_seconds(const Service& service);

/// ALB capacity units a month for the service's traffic.
struct AlbCapacity {
  double lcu_hours = 0;
  double new_connections_per_second = 0;  ///< at the mean rate
  std::string binding;  ///< the dimension that sets most LCU-hours: "new connections", ...
};

/// Per segment of the traffic, the largest of the ALB's dimensions: new connections (rps /
/// traffic.requests_per_connection, 25 a second per LCU), active connections (requests in flight,
/// 3,000 per LCU) and processed bytes (request and response, 1 GB an hour per LCU; 0.4 GB for
/// Lambda targets).
AlbCapacity alb_capacity(const Service& service, const TrafficProfile& traffic,
                         const DurationSpec& duration, bool lambda_target);

/// The assumption that explains `capacity` ("ALB capacity units: ...").
std::string alb_capacity_assumption(const Service& service, const AlbCapacity& capacity);

/// Latency of a scheduled run: start-up plus the run.
LatencyQuantiles scheduled_latency(const DurationSpec& duration, double start_up_seconds);

// ---- EC2 hosts (ECS container instances, EKS nodes) ----

/// GPU memory each of the service's GPUs must have: needs.gpu_memory_gb, else the task's memory
/// per GPU (a model server loads the weights into host memory first, so a task sized for its
/// weights needs that much GPU memory); 0 without GPUs.
double gpu_memory_needed_gib(const Service& service);

/// Tasks (ECS) or pods (EKS) of the service that fit on one host of `type` after what the host
/// keeps for itself; 0 when none fits (architecture, GPU count or GPU memory included).
int tasks_per_host(const Ec2InstanceType& type, RuntimeId runtime, const Service& service);

/// The vCPU and memory a host of `type` offers to tasks after its own reservations.
struct HostAllocatable {
  double vcpu = 0;
  double memory_mib = 0;
  int pods = 0;  ///< EKS pod slots left for the service (0 = no pod limit on ECS)
};
HostAllocatable host_allocatable(const Ec2InstanceType& type, RuntimeId runtime);

struct HostChoice {
  const Ec2InstanceType* type = nullptr;
  double hourly_usd = 0;
  int per_host = 0;
};

/// vCPU-seconds of CPU one request (or run) of `service` uses, as the simulator models it:
/// `cpu_ms_per_request`, or for `cpu_bound` its whole duration at the service's vcpu (at most one
/// vCPU); 0 when the spec declares no CPU use (an I/O-bound service).
double cpu_seconds_per_request(const Service& service);

/// The mean vCPUs of CPU the fleet of `service` is modelled to use at `mean_rps` (a scheduled
/// job: while one run lasts).
double modelled_fleet_cpu_vcpus(const Service& service, double mean_rps);

/// The fleet's modelled mean CPU (vCPUs) at each of `fleet`'s levels.
std::vector<double> level_cpu_vcpus(const Service& service, const FleetEstimate& fleet);

/// The highest modelled mean CPU per host over the levels that run (time fraction above 0), at
/// `per_host` tasks a host spread over `azs` zones (hosts_across_zones): each level's CPU
/// (`level_cpu`, parallel to `levels`) over its hosts.
double busiest_cpu_per_host(const std::vector<FleetLevel>& levels,
                            const std::vector<double>& level_cpu, int per_host, int azs,
                            const ContainerConfig& config);

/// Whether a burstable `type` runs `cpu_per_host` vCPUs (a mean over the host's life, at most
/// 24 hours) within its baseline; fixed-performance types always do.
bool within_cpu_baseline(const Ec2InstanceType& type, double cpu_per_host);

/// The instance type to run on: the pinned one (nullopt with a reason when it is unknown or too
/// small), else the type of the table priced in the catalog with the lowest monthly host cost
/// for `levels` of tasks (ties by name). A burstable type qualifies only when the fleet's
/// modelled mean CPU at each level (`level_cpu`, parallel to `levels`), spread over that level's
/// hosts, stays within its baseline (busiest_cpu_per_host). `reason` explains a nullopt.
std::optional<HostChoice> choose_instance_type(const Service& service, RuntimeId runtime,
                                               const ContainerConfig& config,
                                               const PriceCatalog& catalog,
                                               const std::vector<FleetLevel>& levels,
                                               const std::vector<double>& level_cpu,
                                               std::string* reason);

/// On a team's existing cluster: the node type whose share (pod_share_rates) costs the pod least,
/// among the priced types that fit one pod (GPU types for GPU pods only), or the pinned one. A
/// burstable node type qualifies when a node full of such pods, each at `cpu_per_pod_vcpus`
/// (its modelled mean CPU at the fleet's busiest level), stays within the baseline.
std::optional<HostChoice> choose_pod_node_type(const Service& service,
                                               const ContainerConfig& config,
                                               const PriceCatalog& catalog,
                                               double cpu_per_pod_vcpus, std::string* reason);

/// Hosts for `instances` tasks at `per_host` each, clamped to the configured host range.
int hosts_for(int instances, int per_host, const ContainerConfig& config);

/// Hosts for `instances` tasks as the simulator places them: dealt over `azs` zones, each zone's
/// share packed at `per_host`, clamped to the configured host range.
int hosts_across_zones(int instances, int per_host, int azs, const ContainerConfig& config);

/// Everything the ECS on EC2 and EKS models share: instance type, tasks, hosts, latency, usage.
/// On a team's existing cluster (EKS), pods are charged by share of a node instead of hosts.
RuntimeEstimate estimate_on_hosts(const Service& service, RuntimeId runtime, const Spec& spec,
                                  const PriceCatalog& catalog);

/// Limits shared by ECS on EC2 and EKS: an instance type that fits one task or pod.
std::vector<std::string> host_limits(const Service& service, RuntimeId runtime, const Spec& spec,
                                     const PriceCatalog& catalog);

/// Network, logs and the load balancer for a container service with `requests` a month and
/// `starts` instance starts a month; fills usage and shared needs. An existing load balancer or
/// cluster ingress charges only this service's LCUs.
void add_container_network(const Service& service, RuntimeId runtime, const Spec& spec,
                           const PriceCatalog& catalog, const TrafficProfile* traffic,
                           double requests, double starts, RuntimeEstimate& estimate);

}  // namespace computefit
