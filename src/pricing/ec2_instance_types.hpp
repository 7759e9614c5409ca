#pragma once
// The EC2 instance types computefit can place ECS tasks and EKS pods on, with their sources
// (docs/runtimes.md). Prices are not here: they come from the price catalog.

#include <string>
#include <string_view>
#include <vector>

#include "workload/spec.hpp"

namespace computefit {

enum class InstanceFamilyKind { general, compute, memory, burstable, gpu };

struct Ec2InstanceType {
  std::string name;  ///< "m6i.large"
  double vcpu = 0;
  double memory_gib = 0;
  int gpus = 0;
  Architecture architecture = Architecture::x86_64;
  InstanceFamilyKind kind = InstanceFamilyKind::general;
  int enis = 0;               ///< network interfaces
  int ipv4_per_eni = 0;       ///< private IPv4 addresses per interface
  std::string gpu_model;      ///< "NVIDIA L4"; empty without GPUs
  double gpu_memory_gib = 0;  ///< memory of each GPU
  /// The share of each vCPU the type sustains without spending CPU credits: AWS's baseline
  /// utilisation per vCPU for burstable types (t3.small 0.2), 1 for fixed-performance types.
  double baseline_per_vcpu = 1;
  /// vCPUs of sustained CPU the type runs at its baseline (t3.small: 2 x 20% = 0.4).
  double baseline_vcpus() const { return vcpu * baseline_per_vcpu; }
  /// EKS pods per node with the VPC CNI without prefix delegation: ENIs x (IPs - 1) + 2.
  int eks_max_pods() const { return enis * (ipv4_per_eni - 1) + 2; }
};

struct Ec2InstanceTable {
  std::vector<Ec2InstanceType> types;  ///< sorted by name
  std::string source;
  std::string as_of;
};

/// The one table of instance types.
const Ec2InstanceTable& ec2_instance_types();

/// The type named `name`, or nullptr when the table lacks it.
const Ec2InstanceType* find_instance_type(std::string_view name);

}  // namespace computefit
