#include "runtimes/ec2_instance_types.hpp"

namespace computefit {

const Ec2InstanceTable& ec2_instance_types() {
  using K = InstanceFamilyKind;
  constexpr auto x86 = Architecture::x86_64;
  constexpr auto arm = Architecture::arm64;
  static const Ec2InstanceTable kTable{
      {
          {"c6i.large", 2, 4, 0, x86, K::compute, 3, 10},
          {"c6i.xlarge", 4, 8, 0, x86, K::compute, 4, 15},
          {"c7g.large", 2, 4, 0, arm, K::compute, 3, 10},
          {"g4dn.xlarge", 4, 16, 1, x86, K::gpu, 3, 10},
          {"g5.xlarge", 4, 16, 1, x86, K::gpu, 4, 15},
          {"m5.large", 2, 8, 0, x86, K::general, 3, 10},
          {"m5.xlarge", 4, 16, 0, x86, K::general, 4, 15},
          {"m6g.large", 2, 8, 0, arm, K::general, 3, 10},
          {"m6g.xlarge", 4, 16, 0, arm, K::general, 4, 15},
          {"m6i.2xlarge", 8, 32, 0, x86, K::general, 4, 15},
          {"m6i.large", 2, 8, 0, x86, K::general, 3, 10},
          {"m6i.xlarge", 4, 16, 0, x86, K::general, 4, 15},
          {"m7g.large", 2, 8, 0, arm, K::general, 3, 10},
          {"p3.2xlarge", 8, 61, 1, x86, K::gpu, 4, 15},
          {"r6i.large", 2, 16, 0, x86, K::memory, 3, 10},
          {"t3.large", 2, 8, 0, x86, K::burstable, 3, 12},
          {"t3.medium", 2, 4, 0, x86, K::burstable, 3, 6},
      },
      "docs.aws.amazon.com/ec2/latest/instancetypes/ (general purpose, compute optimized, memory "
      "optimized, accelerated computing: vCPUs, memory, GPUs, network interfaces, IPv4 per "
      "interface); max pods = ENIs x (IPv4 per ENI - 1) + 2 as in awslabs/amazon-eks-ami "
      "eni-max-pods.txt",
      "2026-11-29"};
  return kTable;
}

const Ec2InstanceType* find_instance_type(std::string_view name) {
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

}  // namespace computefit
