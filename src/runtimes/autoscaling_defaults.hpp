#pragma once
// How fast fleets react and start, what a host keeps for itself, and the network constants the
// container and Lambda models use: one table, each value with its source in
// autoscaling_defaults.cpp and docs/runtimes.md.

#include <string>

#include "sim/container_sim.hpp"

namespace computefit {

/// The scaling, start-up and front-door figures come from the simulator's one table
/// (sim::kContainerDefaults, each with its source), so the estimates and the simulation cannot
/// disagree; the rest is this table's own.
struct AutoscalingDefaults {
  // Target tracking (Application Auto Scaling, ECS services).
  double metric_period_seconds = sim::kContainerDefaults.metric_period_seconds;
  int scale_out_datapoints = sim::kContainerDefaults.scale_out_datapoints;
  int scale_in_datapoints = sim::kContainerDefaults.scale_in_datapoints;
  double scale_out_cooldown_seconds = sim::kContainerDefaults.scale_out_cooldown_seconds;
  double scale_in_cooldown_seconds = sim::kContainerDefaults.scale_in_cooldown_seconds;
  // Start-up
  /// capacity + ENI attach before the pull
  double fargate_provisioning_seconds = sim::kContainerDefaults.fargate_provisioning_seconds;
  /// registry pull throughput, Fargate and EC2
  double image_pull_mb_per_second = sim::kContainerDefaults.image_pull_mb_per_second;
  /// pod on an existing node, task on an existing container instance (no pull)
  double pod_start_seconds = sim::kContainerDefaults.task_on_host_seconds;
  double ecs_task_start_seconds = sim::kContainerDefaults.task_on_host_seconds;
  /// new EC2 host launched to usable by ECS / EKS
  double ec2_host_ready_seconds = sim::kContainerDefaults.ecs_host_seconds;
  /// pending pod to new node ready (Karpenter), to running (Cluster Autoscaler)
  double karpenter_node_seconds = sim::kContainerDefaults.karpenter_node_seconds;
  double cluster_autoscaler_node_seconds = sim::kContainerDefaults.cluster_autoscaler_node_seconds;
  // What a host keeps for itself
  double ecs_host_reserved_vcpu = 0;
  double ecs_host_reserved_memory_mib = 256;  ///< OS + ECS agent
  double eks_daemonset_vcpu = 0.1;            ///< aws-node + kube-proxy requests
  double eks_daemonset_memory_mib = 300;
  double eks_eviction_memory_mib = 100;  ///< kubelet hard eviction threshold
  double ecs_host_ebs_gb = 30;           ///< ECS-optimized AMI root volume
  double eks_node_ebs_gb = 20;           ///< EKS managed node group default disk
  // Front doors and logs
  double alb_new_connections_per_lcu = 25;       ///< per second
  double alb_active_connections_per_lcu = 3000;  ///< per minute
  double alb_gb_per_lcu_hour = 1;                ///< processed bytes, EC2/IP targets
  double alb_gb_per_lcu_hour_lambda = 0.4;       ///< processed bytes, Lambda targets
  double alb_idle_timeout_seconds = sim::kContainerDefaults.alb_idle_timeout_seconds;
  /// REST APIs (default; Regional may raise it) and HTTP APIs (hard limit)
  double api_gateway_timeout_seconds = sim::kContainerDefaults.api_gateway_timeout_seconds;
  double http_api_timeout_seconds = sim::kContainerDefaults.http_api_timeout_seconds;
  double sqs_retention_seconds = 4 * 24 * 3600;  ///< default message retention (4 days)
  double lambda_platform_log_kb = 0.3;           ///< START, END and REPORT lines per invocation
  std::string as_of = "2026-11-29";
};

/// The one table of scaling, start-up, host-overhead and network defaults.
const AutoscalingDefaults& autoscaling_defaults();

/// EKS kube-reserved CPU (vCPU) for a node with `vcpu` cores: 6% of the first core, 1% of the
/// second, 0.5% of the next two, 0.25% of the rest (amazon-eks-ami bootstrap).
double eks_kube_reserved_vcpu(double vcpu);
/// EKS kube-reserved memory (MiB) for a node running at most `max_pods` pods: 11 x max_pods + 255.
double eks_kube_reserved_memory_mib(int max_pods);

}  // namespace computefit
