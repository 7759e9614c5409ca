#pragma once
// What one service uses on one runtime in a 730-hour month, and how it behaves there: what the
// pricing stage reads. The runtime models above fill it, from their steady-state estimates or
// from the simulator.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace computefit {

/// Monthly quantities that the price catalog turns into money.
struct Usage {
  // Lambda
  double lambda_requests = 0;
  double lambda_gb_seconds = 0;                       ///< on-demand billed duration, init included
  double lambda_provisioned_gb_seconds = 0;           ///< provisioned concurrency allocated
  double lambda_provisioned_duration_gb_seconds = 0;  ///< invocations served by provisioned envs
  double lambda_ephemeral_gb_seconds = 0;             ///< /tmp above 512 MB x execution time
  // Fargate tasks
  double task_vcpu_hours = 0;
  double task_gb_hours = 0;
  double task_extra_storage_gb_hours = 0;  ///< ephemeral storage above the 20 GB included
  // EC2 hosts (ECS container instances or EKS nodes)
  std::string instance_type;  ///< empty when no hosts
  double host_hours = 0;
  double ebs_gb_months = 0;
  // Pods on a team's existing cluster (team.existing.eks_cluster): charged by share of
  // `instance_type`'s price as OpenCost allocates it, max(request, usage) of each. When set, they
  // replace host_hours and ebs_gb_months (the nodes are the platform's).
  double pod_vcpu_hours = 0;
  double pod_gb_hours = 0;
  double pod_gpu_hours = 0;  ///< GPUs requested x pod-hours (GPU node types are shared by GPU)
  // Front door and network
  double front_door_requests = 0;  ///< API Gateway requests (Lambda); ALB: see alb_lcu_hours
  double alb_lcu_hours = 0;        ///< this service's LCU usage on the shared ALB
  double internet_out_gb = 0;      ///< responses and outbound calls leaving AWS
  double nat_processed_gb = 0;
  double vpc_endpoint_gb = 0;
  double log_ingest_gb = 0;
};

/// Shared resources an option needs; the pricing stage splits each among the services that need
/// it on the same runtime.
struct SharedNeeds {
  bool alb = false;                              ///< an Application Load Balancer in front
  bool eks_cluster = false;                      ///< an EKS control plane
  bool nat_gateway = false;                      ///< one NAT gateway per AZ
  std::vector<std::string> interface_endpoints;  ///< VPC interface endpoints (per AZ)
  int azs = 2;
};

/// One minute of the busiest simulated hour.
struct MinuteProfile {
  double arrivals = 0;          ///< requests that arrived in the minute
  double peak_instances = 0;    ///< live environments, tasks or pods
  double peak_connections = 0;  ///< database connections held, all downstreams
  double peak_queued = 0;       ///< requests waiting (containers; 0 on Lambda)
};

/// The simulated hour with the most arrivals, minute by minute (what a chart of a burst shows).
struct BusiestHour {
  double start_seconds = 0;  ///< from the start of the simulation (a Monday, 00:00 UTC)
  std::vector<MinuteProfile> minutes;
};

/// How the service behaves on the runtime (from the steady-state estimate or the simulator).
struct Behaviour {
  double p50_ms = 0, p95_ms = 0, p99_ms = 0;
  double cold_start_fraction = 0;
  double throttled_fraction = 0;
  double mean_instances = 0;
  double peak_instances = 0;
  std::optional<int> peak_hosts;  ///< EC2 hosts; nullopt on Lambda and Fargate
  /// Peak connections this service holds, per downstream name.
  std::map<std::string, double> peak_connections;
  double peak_connections_total() const {
    double total = 0;
    for (const auto& [name, value] : peak_connections) total += value;
    return total;
  }
  std::optional<BusiestHour> busiest_hour;  ///< simulated options only
  /// Simulated options with enough requests: the 95% batch-means interval of p99, and the
  /// half-width of the billed usage (GB-seconds, task or host time) relative to its mean.
  std::optional<double> p99_low_ms, p99_high_ms;
  std::optional<double> usage_relative_half_width;
  std::string interval_note;  ///< why the intervals above are left out
  /// Lambda, asynchronous events and queue messages: the share that waited for a free
  /// environment within the concurrency limit (or an event source's maximum concurrency), and
  /// their wait before the invocation started (event or message age): p99 over all and maximum.
  double waited_fraction = 0;
  double p99_wait_ms = 0, max_wait_ms = 0;
  /// Requests that failed (throttled, timed out, dropped) as a share of all.
  double failed_fraction = 0;
  bool simulated = false;  ///< filled by the simulator rather than the steady-state estimate
  /// False when no request ran to the end or timed out (every one was throttled): the latency
  /// percentiles above are then no measurement and the report shows none.
  bool latency_measured = true;
};

/// One (service, runtime) pair after the limit check and the capacity estimate.
struct RuntimeEstimate {
  bool feasible = true;
  std::vector<std::string> infeasible_reasons;  ///< one sentence each
  Usage usage;
  SharedNeeds shared;
  Behaviour behaviour;
  std::string sizing;                    ///< e.g. "0.5 vCPU / 1 GB tasks, 2-4 running"
  std::vector<std::string> assumptions;  ///< what this estimate assumed, in words
  /// assumptions[first, first + count) describe the steady-state fleet model (how scaling follows
  /// the traffic): a simulation replaces them with what it simulated.
  std::size_t fleet_assumptions_first = 0;
  std::size_t fleet_assumptions_count = 0;
};

}  // namespace computefit
