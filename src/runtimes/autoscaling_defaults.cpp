#include "runtimes/autoscaling_defaults.hpp"

#include <algorithm>

namespace computefit {

const AutoscalingDefaults& autoscaling_defaults() {
  // Sources (docs/runtimes.md has the full list). Scaling, start-up and front-door figures come
  // from sim::ContainerDefaults (src/sim/container_sim.hpp), which gives their sources.
  // - ECS host: 256 MiB for the OS and agent (ECS_RESERVED_MEMORY guidance, C); 30 GB gp3 root
  //   volume of the ECS-optimized Amazon Linux 2023 AMI.
  // - EKS: kube-reserved formula and 100 MiB eviction from awslabs/amazon-eks-ami bootstrap;
  //   aws-node + kube-proxy requests ~0.1 vCPU / 0.3 GiB (add-on manifests, C); 20 GB disk is
  //   the EKS managed node group default (aws_eks_node_group disk_size).
  // - ALB LCU dimensions: aws.amazon.com/elasticloadbalancing/pricing (25 new connections/s,
  //   3,000 active connections/min, 1 GB/h for EC2/IP targets or 0.4 GB/h for Lambda, 1,000
  //   rule evaluations/s).
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
