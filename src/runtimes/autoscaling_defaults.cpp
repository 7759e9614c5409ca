#include "runtimes/autoscaling_defaults.hpp"

#include <algorithm>

namespace computefit {

const AutoscalingDefaults& autoscaling_defaults() {
  // Sources (docs/runtimes.md has the full list):
  // - target tracking: Application Auto Scaling user guide, "Target tracking scaling policies"
  //   (1-minute metrics, 3 breaching datapoints to scale out, 15 to scale in, 300 s cooldowns).
  // - Fargate provisioning ~10 s (ENI attach) and pull dominating: ECS best practices "Speeding
  //   up task launch"; Qiita kjm measurement; image pull throughput 30 MB/s is an estimate (C)
  //   from the same measurements (1 GB image ~30-40 s of pull).
  // - pod start: Kubernetes pod start-up SLO, p99 <= 5 s (sig-scalability); ~2 s typical.
  // - new EC2 host usable ~60 s: daemonology.net ec2-boot-bench (~25-30 s to SSH) plus agent or
  //   kubelet registration (derived, C). Karpenter ~45 s (30-60 s, dev.to 2024 benchmark median
  //   28 s to node); Cluster Autoscaler 180-240 s (kubernetes/autoscaler FAQ, blogs; C).
  // - ECS host: 256 MiB for the OS and agent (ECS_RESERVED_MEMORY guidance, C); 30 GB gp3 root
  //   volume of the ECS-optimized Amazon Linux 2023 AMI.
  // - EKS: kube-reserved formula and 100 MiB eviction from awslabs/amazon-eks-ami bootstrap;
  //   aws-node + kube-proxy requests ~0.1 vCPU / 0.3 GiB (add-on manifests, C); 20 GB disk is
  //   the EKS managed node group default (aws_eks_node_group disk_size).
  // - ALB LCU dimensions: aws.amazon.com/elasticloadbalancing/pricing (25 new connections/s,
  //   3,000 active connections/min, 1 GB/h for EC2/IP targets or 0.4 GB/h for Lambda, 1,000
  //   rule evaluations/s). ALB idle timeout 60 s, API Gateway integration timeout 29 s for REST
  //   APIs (a Regional REST API may raise it) and 30 s for HTTP APIs (API Gateway quotas, read
  //   2026-11-29).
  // - SQS default message retention 4 days: Amazon SQS developer guide, queue parameters.
  // - Lambda START/END/REPORT lines ~0.3 KB per invocation: the log formats of
  //   docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html (estimate, C).
  static const AutoscalingDefaults kDefaults;
  return kDefaults;
}

double eks_kube_reserved_vcpu(double vcpu) {
  double reserved = 0.06 * std::min(vcpu, 1.0);
  reserved += 0.01 * std::clamp(vcpu - 1, 0.0, 1.0);
  reserved += 0.005 * std::clamp(vcpu - 2, 0.0, 2.0);
  reserved += 0.0025 * std::max(vcpu - 4, 0.0);
  return reserved;
}

double eks_kube_reserved_memory_mib(int max_pods) {
  return 11.0 * max_pods + 255;
}

}  // namespace computefit
