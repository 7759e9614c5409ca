#pragma once
// The EC2 instance types computefit can place ECS tasks and EKS pods on, with their sources
// (docs/runtimes.md). Prices are not here: they come from the price catalog.

#include <string>
#include <string_view>
#include <vector>

#include "spec/spec.hpp"

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
