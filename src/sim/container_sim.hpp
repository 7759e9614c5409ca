#pragma once
// The container model, request by request, for ECS on Fargate, ECS on EC2 and EKS: instances
// (tasks or pods) with a number of slots and a FIFO queue each behind a router, or one shared
// queue for workers; optionally each instance's vCPUs shared among its requests' CPU phases
// (processor sharing); target-tracking autoscaling as Application Auto Scaling runs it (or the
// Kubernetes HPA) on busy slots, CPU or messages per task; start-up delays; instances spread
// over availability zones and bin-packed onto hosts that launch and stop; and scheduled runs on
// fresh tasks.

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "sim/arrivals.hpp"
#include "sim/distribution.hpp"
#include "sim/simulation_result.hpp"
#include "sim/variate_stream.hpp"

namespace computefit::sim {

/// The containers' documented or measured behaviour used as defaults, each with its source
/// (reference/simulation.md §4.2-4.7; read 2026-11-29 unless a date is given).
struct ContainerDefaults {
  /// Target tracking (Application Auto Scaling user guide, "Target tracking scaling policies"):
  /// metrics at 1-minute periods; the scale-out alarm fires after 3 consecutive breaching
  /// datapoints, the scale-in alarm after 15 consecutive datapoints below the target.
  double metric_period_seconds = 60;
  int scale_out_datapoints = 3;
  int scale_in_datapoints = 15;
  /// Same guide: scale-out and scale-in cooldowns default to 300 s for ECS services.
  double scale_out_cooldown_seconds = 300;
  double scale_in_cooldown_seconds = 300;
  /// ECS `target_utilization` default of SPEC.md (fraction of slots in use).
  double target_utilization = 0.7;
  /// Kubernetes HPA (Kubernetes docs, "Horizontal Pod Autoscaling"): 15 s sync period, 0.1
  /// tolerance, 300 s scale-down stabilisation window; default scale-up policy: at most +100 % or
  /// +4 pods per 15 s, whichever is more.
  double hpa_sync_seconds = 15;
  double hpa_tolerance = 0.1;
  double hpa_scale_down_stabilization_seconds = 300;
  double hpa_scale_up_percent = 100;
  int hpa_scale_up_pods = 4;
  /// Fargate capacity + awsvpc ENI attach before the image pull: ~10 s (ECS best practices,
  /// "Speeding up task launch"; Qiita kjm measurement, 0.25 vCPU tasks, reference §4.2).
  double fargate_provisioning_seconds = 10;
  /// Image pull throughput, MB/s: ~30 MB/s, an estimate (conf. C) from the same Qiita
  /// measurements (1 GB images pull in ~30-40 s); Fargate has no image cache.
  double image_pull_mb_per_second = 30;
  /// A task on an existing ECS container instance, or a pod on an existing node, without the
  /// pull: ~2 s (Kubernetes pod start-up SLO, p99 <= 5 s excluding the pull, sig-scalability;
  /// reference §4.4 and §4.6 "1-2 s").
  double task_on_host_seconds = 2;
  /// A new EC2 host usable by ECS (or EKS through its node group): 60 s, the reference's suggested
  /// default (range 45-120 s): EC2 boot to SSH ~25-30 s (daemonology.net ec2-boot-bench 2021,
  /// brevdev 2025) plus the ECS agent's registration or the kubelet's join (reference §4.3, §4.6;
  /// derived, conf. C).
  double ecs_host_seconds = 60;
  /// Karpenter, pending pod to node ready: 30-60 s (dev.to 2024 benchmark, median 28 s to a
  /// provisioned node; reference §4.5-4.6); 45 s.
  double karpenter_node_seconds = 45;
  /// Cluster Autoscaler, pending pod to running: 180-240 s (kubernetes/autoscaler FAQ and blogs,
  /// conf. C; reference §4.5); the midpoint.
  double cluster_autoscaler_node_seconds = 210;
  /// Spread of every platform delay above: lognormal with the figure as median and p99 = 2.5 x
  /// the median (Karpenter: 28 s median, p99 - p50 = 42 s, so p99 / p50 = 2.5, reference §4.5;
  /// Kubernetes pods: ~2 s typical against the 5 s p99 SLO, also 2.5).
  double start_p99_over_p50 = 2.5;
  /// An empty host stops after: ECS capacity provider managed scaling is target tracking on
  /// CapacityProviderReservation, whose scale-in alarm needs 15 one-minute datapoints (900 s);
  /// Cluster Autoscaler removes a node unneeded for 10 min (kubernetes/autoscaler FAQ,
  /// --scale-down-unneeded-time); Karpenter consolidates an empty node after the NodePool's
  /// `consolidateAfter`, 1 min in Karpenter's example NodePools (conf. C: versions differ).
  double ecs_host_scale_in_seconds = 900;
  double cluster_autoscaler_unneeded_seconds = 600;
  double karpenter_consolidate_after_seconds = 60;
  /// Front doors: ALB idle timeout 60 s (ELB user guide); API Gateway integration timeout 29 s for
  /// REST APIs (a Regional REST API may raise it) and 30 s for HTTP APIs (API Gateway quotas,
  /// read 2026-11-29).
  double alb_idle_timeout_seconds = 60;
  double api_gateway_timeout_seconds = 29;
  double http_api_timeout_seconds = 30;
  /// Availability zones a service spans when the spec does not say: SPEC.md's default
  /// `network: { subnet: none, azs: 2 }`, AWS's own minimum for an ALB (two zones).
  int azs = 2;
  /// Fargate billing: per second from the start of the image pull, 1-minute minimum (Linux;
  /// aws.amazon.com/fargate/pricing, reference/aws-prices-and-limits.md).
  double fargate_minimum_billed_seconds = 60;
};

/// The one table of container defaults.
inline constexpr ContainerDefaults kContainerDefaults{};

/// Where instances run.
enum class ContainerPlatform {
  fargate,  ///< ECS on Fargate: every task gets its own capacity, no hosts
  ec2,      ///< ECS on EC2 or EKS on EC2 nodes: instances bin-packed onto hosts
};

/// Who launches a host when a pending instance has no room.
enum class HostProvisioner {
  ecs_capacity_provider,  ///< ECS managed scaling
  karpenter,
  cluster_autoscaler,
};

/// How a request picks an instance (http services).
enum class ContainerRouting {
  round_robin,        ///< ALB default
  least_outstanding,  ///< ALB option: fewest requests in service or queued
  random,             ///< Kubernetes Service (kube-proxy iptables mode)
};

/// How the fleet's size follows the load.
enum class ContainerScaler {
  target_tracking,  ///< Application Auto Scaling (ECS); also usable on EKS
  hpa,              ///< Kubernetes Horizontal Pod Autoscaler
};

/// How requests reach instances.
enum class ContainerWorkload {
  http,    ///< through a router to per-instance FIFO queues
  worker,  ///< one shared FIFO queue (SQS) that idle slots pull from; scales on messages per task
};

/// What target tracking (or the HPA) scales on.
enum class ScalingMetric {
  busy_slots,  ///< busy slots / slots of the serving instances, against target_utilization
  cpu,         ///< vCPU in use / vCPU of the serving instances (needs the CPU modelled)
  messages,    ///< (visible + in-flight) messages per serving instance
};

/// How a request uses its instance's CPU (SPEC.md, "CPU (revision 2)").
enum class CpuUse {
  none,         ///< I/O-bound: `duration` does not depend on the load
  per_request,  ///< a fixed CPU time per request (cpu_ms_per_request), at most one vCPU each
  cpu_bound,    ///< the whole duration is CPU (cpu_bound: true), at most one vCPU each
};

/// One service on one container runtime (plain values; the spec is wired in elsewhere).
struct ContainerSimConfig {
  /// A service with this per-request duration and every other setting at its default.
  explicit ContainerSimConfig(Distribution duration_seconds)
      : duration(std::move(duration_seconds)) {}

  Distribution duration;  ///< one request (or one scheduled run), seconds
  ContainerWorkload workload = ContainerWorkload::http;
  int concurrency_per_instance = 20;  ///< slots per instance (Service::concurrency_per_instance)
  double task_vcpu = 0.25;            ///< Service::vcpu
  double task_memory_gb = 0.5;        ///< Service::memory_mb / 1024
  double image_mb = 300;              ///< Service::image_mb
  double startup_seconds = 5;         ///< the application's own start (Service::startup_seconds)
  int connections_per_instance = 0;   ///< held while an instance runs its application

  int min_instances = 2;  ///< ContainerConfig::min_tasks
  int max_instances = 100;
  /// Warm start (SPEC.md "Start state"): the instances serving at time 0, clamped to
  /// [min_instances, max_instances], with the hosts they need; unset: min_instances.
  std::optional<int> initial_instances;
  /// A warm fleet of more instances than this (without hosts or scale to zero) is held as a
  /// count of identical idle instances, each made an object only while it has work: memory then
  /// follows the instances busy at once, not min_tasks (a spec may keep 10^7 tasks). Below it,
  /// every instance is an object from the start, as the results of small fleets were measured.
  int idle_instance_objects = 10'000;
  /// Only what requests arriving from here on do is measured, and usage is billed from here; the
  /// time before it is a burn-in, simulated and discarded. `seconds` of simulate_containers()
  /// counts from here.
  double measure_from_seconds = 0;
  ContainerRouting routing = ContainerRouting::round_robin;
  ContainerScaler scaler = ContainerScaler::target_tracking;
  /// Target of the utilisation metric (busy slots / slots of serving instances, averaged over
  /// the metric period): ContainerConfig::target_utilization.
  double target_utilization = kContainerDefaults.target_utilization;
  /// The metric scaled on. Unset: http on CPU when it is modelled, else on busy slots; workers
  /// on messages, and with the CPU modelled on CPU too, as two policies that scale out when
  /// either would and in only when both would (Application Auto Scaling's rule for several
  /// target tracking policies; the HPA takes the highest of its metrics' recommendations), since
  /// messages alone have no fixed point once CPU contention stretches the durations. `cpu`
  /// without the CPU modelled means busy slots.
  std::optional<ScalingMetric> scaling_metric;
  /// The `messages` metric's target of messages per serving instance, counting visible and
  /// in-flight messages (ApproximateNumberOfMessagesVisible +
  /// ApproximateNumberOfMessagesNotVisible, as KEDA's SQS scaler does by default:
  /// keda.sh/docs/scalers/aws-sqs, `scaleOnInFlight`); 0: concurrency_per_instance x
  /// target_utilization, whose fixed point is the busy fleet (SPEC.md).
  double target_messages_per_instance = 0;
  double metric_period_seconds = kContainerDefaults.metric_period_seconds;
  int scale_out_datapoints = kContainerDefaults.scale_out_datapoints;
  int scale_in_datapoints = kContainerDefaults.scale_in_datapoints;
  double scale_out_cooldown_seconds = kContainerDefaults.scale_out_cooldown_seconds;
  double scale_in_cooldown_seconds = kContainerDefaults.scale_in_cooldown_seconds;
  double hpa_sync_seconds = kContainerDefaults.hpa_sync_seconds;
  double hpa_tolerance = kContainerDefaults.hpa_tolerance;
  double hpa_scale_down_stabilization_seconds =
      kContainerDefaults.hpa_scale_down_stabilization_seconds;
  double hpa_scale_up_percent = kContainerDefaults.hpa_scale_up_percent;
  int hpa_scale_up_pods = kContainerDefaults.hpa_scale_up_pods;
  /// A request waiting in a queue longer than this is `timed_out` (the front door gave up; the
  /// instance, which cannot tell, still serves it). None: never.
  std::optional<double> front_door_timeout_seconds = kContainerDefaults.alb_idle_timeout_seconds;

  /// Scale to zero (http, min_instances 0; Knative or KEDA's HTTP add-on on EKS): an instance
  /// with nothing in service or queued for this long stops, and a request that finds no serving
  /// instance waits at the front door while one starts (a cold start). Unset: no scale to zero
  /// (with no serving instance a request is refused).
  std::optional<double> idle_stop_seconds;

  /// CPU (SPEC.md "CPU (revision 2)"). With `per_request` or `cpu_bound`, a request first waits
  /// its I/O share, then gets its CPU work by processor sharing of the instance's `task_vcpu`
  /// among the requests in their CPU phase, and target tracking (or the HPA) scales http
  /// services on CPU utilisation (ECSServiceAverageCPUUtilization: vCPU in use / task_vcpu of the
  /// serving instances) against `target_utilization` instead of busy slots (see scaling_metric).
  CpuUse cpu_use = CpuUse::none;
  /// per_request: the CPU time of one request on one full vCPU, seconds
  /// (Service::cpu_ms_per_request / 1000). Its work is min(this, its sampled duration), the rest
  /// of the duration is I/O, and it runs at most at one vCPU: alone on an instance of one vCPU
  /// or more it takes its sampled duration.
  double cpu_seconds_per_request = 0;
  /// cpu_bound: the vCPU at which `duration` was measured (Service::vcpu). A request's work is
  /// its sampled duration x min(this, 1), with no I/O (SPEC.md: cpu_bound is cpu_ms_per_request
  /// equal to the whole duration, and a request runs on at most one vCPU): alone it takes
  /// duration x min(cpu_measured_vcpu, 1) / min(task_vcpu, 1). Give `duration` unscaled.
  double cpu_measured_vcpu = 1;

  ContainerPlatform platform = ContainerPlatform::fargate;
  /// ec2: the availability zones hosts spread over (Network::azs; SPEC.md's default is 2). An
  /// instance goes to the zone with the fewest instances, so two or more instances run on at
  /// least min(azs, instances) hosts: ECS spreads a service's tasks on
  /// attribute:ecs.availability-zone (developer guide, "Task placement strategies"), Kubernetes
  /// on topology.kubernetes.io/zone ("Pod Topology Spread Constraints"). Within a zone instances
  /// are packed onto the fewest hosts, where managed scaling at 100% target capacity and
  /// Karpenter's consolidation bring a fleet. At max_hosts an instance takes room in any zone.
  int azs = kContainerDefaults.azs;
  HostProvisioner provisioner = HostProvisioner::ecs_capacity_provider;
  int instances_per_host = 1;  ///< ec2: how many instances fit on one host (the caller packs)
  int min_hosts = 0;
  int max_hosts = 20;
  /// Platform start-up figures (see ContainerDefaults); the image pull and the application's
  /// start come on top of them.
  double fargate_provisioning_seconds = kContainerDefaults.fargate_provisioning_seconds;
  double image_pull_mb_per_second = kContainerDefaults.image_pull_mb_per_second;
  double task_on_host_seconds = kContainerDefaults.task_on_host_seconds;
  /// A new host's launch to usable; unset: the provisioner's figure from the table.
  std::optional<double> host_launch_seconds;
  /// An empty host stops after this; unset: the provisioner's figure from the table.
  std::optional<double> host_scale_in_seconds;
  /// Spread of the platform delays (p99 / p50 of a lognormal around each figure); 1: fixed.
  double start_p99_over_p50 = kContainerDefaults.start_p99_over_p50;
  double fargate_minimum_billed_seconds = kContainerDefaults.fargate_minimum_billed_seconds;

  /// Scheduled service: the run start times in seconds (sorted). When non-empty, the arrivals are
  /// ignored, no fleet is kept (min_instances is not used) and each run gets a fresh task.
  std::vector<double> run_times_seconds;
  /// Seed of the arrival stream alone; unset: derived from the run's seed. Runs of one service on
  /// several runtimes share it, so they see the same requests (common random numbers).
  std::optional<std::uint64_t> traffic_seed;
  /// Seed of the requests' own durations; unset: derived from the run's seed. Runs on several
  /// runtimes that share it draw the same duration quantile for the n-th request that starts, so
  /// their latencies differ by what the runtimes do, not by which durations they drew.
  std::optional<std::uint64_t> duration_seed;
  /// The durations' stream drawn ahead (record_variates with the same distribution and seed), read
  /// instead of drawing it again; the same variates either way.
  std::shared_ptr<const RecordedVariates> recorded_durations;

  /// The host launch delay in effect (the override or the provisioner's figure).
  double effective_host_launch_seconds() const;
  /// The empty-host scale-in delay in effect.
  double effective_host_scale_in_seconds() const;
  /// The image pull, seconds.
  double image_pull_seconds() const {
    return image_pull_mb_per_second > 0 ? image_mb / image_pull_mb_per_second : 0.0;
  }
};

/// What happened to the fleet, for tests and the `simulate` command's timeline.
enum class FleetChange {
  scale_out,         ///< desired instances raised
  scale_in,          ///< desired instances lowered
  instance_ready,    ///< an instance started serving
  instance_stopped,  ///< an instance stopped
  host_launched,
  host_ready,
  host_stopped,
};

/// One entry of the fleet's timeline.
struct FleetEvent {
  double seconds = 0;
  FleetChange change = FleetChange::scale_out;
  int desired = 0;    ///< desired instances after the change
  int serving = 0;    ///< instances serving after the change
  int hosts = 0;      ///< hosts launched or running after the change
  double metric = 0;  ///< the datapoint that decided a scaling change
};

/// One published datapoint of the scaling metric.
struct MetricDatapoint {
  double seconds = 0;  ///< the end of its period
  double value = 0;
};

/// Optional record of a run (memory grows with its length: for tests and short timelines).
struct ContainerTrace {
  std::vector<FleetEvent> fleet;
  std::vector<MetricDatapoint> datapoints;
};

/// Simulates `arrivals` on one container service with generator seed `seed`: a burn-in of
/// `config.measure_from_seconds`, then `seconds` measured. Arrivals stop at the end; requests still
/// queued or running then finish (their latency counts), while the time-weighted levels and usage
/// cover the measured span. `trace`, when given,
/// receives the fleet's timeline and the metric's datapoints.
SimulationResult simulate_containers(const ContainerSimConfig& config, ArrivalProcess arrivals,
                                     double seconds, std::uint64_t seed,
                                     ContainerTrace* trace = nullptr);

}  // namespace computefit::sim
