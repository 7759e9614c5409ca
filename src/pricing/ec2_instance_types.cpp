#include "pricing/ec2_instance_types.hpp"

namespace computefit {

const Ec2InstanceTable& ec2_instance_types() {
  using K = InstanceFamilyKind;
  constexpr auto x86 = Architecture::x86_64;
  constexpr auto arm = Architecture::arm64;
  // Columns: name, vCPU, memory GiB, GPUs, architecture, family, ENIs, IPv4 per ENI, GPU model,
  // memory per GPU (GiB), baseline utilisation per vCPU (1 for fixed performance; for t3/t4g
  // AWS's credit table: nano 5%, micro 10%, small and medium 20%, large 30%, xlarge 40%).
  static const Ec2InstanceTable kTable{
      {
          {"c6i.12xlarge", 48, 96, 0, x86, K::compute, 8, 30, "", 0, 1},
          {"c6i.16xlarge", 64, 128, 0, x86, K::compute, 15, 50, "", 0, 1},
          {"c6i.2xlarge", 8, 16, 0, x86, K::compute, 4, 15, "", 0, 1},
          {"c6i.4xlarge", 16, 32, 0, x86, K::compute, 8, 30, "", 0, 1},
          {"c6i.8xlarge", 32, 64, 0, x86, K::compute, 8, 30, "", 0, 1},
          {"c6i.large", 2, 4, 0, x86, K::compute, 3, 10, "", 0, 1},
          {"c6i.xlarge", 4, 8, 0, x86, K::compute, 4, 15, "", 0, 1},
          {"c7g.12xlarge", 48, 96, 0, arm, K::compute, 8, 30, "", 0, 1},
          {"c7g.16xlarge", 64, 128, 0, arm, K::compute, 15, 50, "", 0, 1},
          {"c7g.2xlarge", 8, 16, 0, arm, K::compute, 4, 15, "", 0, 1},
          {"c7g.4xlarge", 16, 32, 0, arm, K::compute, 8, 30, "", 0, 1},
          {"c7g.8xlarge", 32, 64, 0, arm, K::compute, 8, 30, "", 0, 1},
          {"c7g.large", 2, 4, 0, arm, K::compute, 3, 10, "", 0, 1},
          {"c7g.xlarge", 4, 8, 0, arm, K::compute, 4, 15, "", 0, 1},
          {"c7i.12xlarge", 48, 96, 0, x86, K::compute, 8, 30, "", 0, 1},
          {"c7i.16xlarge", 64, 128, 0, x86, K::compute, 15, 50, "", 0, 1},
          {"c7i.2xlarge", 8, 16, 0, x86, K::compute, 4, 15, "", 0, 1},
          {"c7i.4xlarge", 16, 32, 0, x86, K::compute, 8, 30, "", 0, 1},
          {"c7i.8xlarge", 32, 64, 0, x86, K::compute, 8, 30, "", 0, 1},
          {"c7i.large", 2, 4, 0, x86, K::compute, 3, 10, "", 0, 1},
          {"c7i.xlarge", 4, 8, 0, x86, K::compute, 4, 15, "", 0, 1},
          {"g4dn.12xlarge", 48, 192, 4, x86, K::gpu, 8, 30, "NVIDIA T4", 16, 1},
          {"g4dn.16xlarge", 64, 256, 1, x86, K::gpu, 4, 15, "NVIDIA T4", 16, 1},
          {"g4dn.2xlarge", 8, 32, 1, x86, K::gpu, 3, 10, "NVIDIA T4", 16, 1},
          {"g4dn.4xlarge", 16, 64, 1, x86, K::gpu, 3, 10, "NVIDIA T4", 16, 1},
          {"g4dn.8xlarge", 32, 128, 1, x86, K::gpu, 4, 15, "NVIDIA T4", 16, 1},
          {"g4dn.xlarge", 4, 16, 1, x86, K::gpu, 3, 10, "NVIDIA T4", 16, 1},
          {"g5.12xlarge", 48, 192, 4, x86, K::gpu, 15, 50, "NVIDIA A10G", 24, 1},
          {"g5.16xlarge", 64, 256, 1, x86, K::gpu, 8, 30, "NVIDIA A10G", 24, 1},
          {"g5.24xlarge", 96, 384, 4, x86, K::gpu, 15, 50, "NVIDIA A10G", 24, 1},
          {"g5.2xlarge", 8, 32, 1, x86, K::gpu, 4, 15, "NVIDIA A10G", 24, 1},
          {"g5.48xlarge", 192, 768, 8, x86, K::gpu, 7, 50, "NVIDIA A10G", 24, 1},
          {"g5.4xlarge", 16, 64, 1, x86, K::gpu, 8, 30, "NVIDIA A10G", 24, 1},
          {"g5.8xlarge", 32, 128, 1, x86, K::gpu, 8, 30, "NVIDIA A10G", 24, 1},
          {"g5.xlarge", 4, 16, 1, x86, K::gpu, 4, 15, "NVIDIA A10G", 24, 1},
          {"g6.12xlarge", 48, 192, 4, x86, K::gpu, 8, 30, "NVIDIA L4", 24, 1},
          {"g6.16xlarge", 64, 256, 1, x86, K::gpu, 15, 50, "NVIDIA L4", 24, 1},
          {"g6.24xlarge", 96, 384, 4, x86, K::gpu, 15, 50, "NVIDIA L4", 24, 1},
          {"g6.2xlarge", 8, 32, 1, x86, K::gpu, 4, 15, "NVIDIA L4", 24, 1},
          {"g6.48xlarge", 192, 768, 8, x86, K::gpu, 15, 50, "NVIDIA L4", 24, 1},
          {"g6.4xlarge", 16, 64, 1, x86, K::gpu, 8, 30, "NVIDIA L4", 24, 1},
          {"g6.8xlarge", 32, 128, 1, x86, K::gpu, 8, 30, "NVIDIA L4", 24, 1},
          {"g6.xlarge", 4, 16, 1, x86, K::gpu, 4, 15, "NVIDIA L4", 24, 1},
          {"g6e.12xlarge", 48, 384, 4, x86, K::gpu, 10, 30, "NVIDIA L40S", 48, 1},
          {"g6e.16xlarge", 64, 512, 1, x86, K::gpu, 15, 50, "NVIDIA L40S", 48, 1},
          {"g6e.24xlarge", 96, 768, 4, x86, K::gpu, 10, 50, "NVIDIA L40S", 48, 1},
          {"g6e.2xlarge", 8, 64, 1, x86, K::gpu, 4, 15, "NVIDIA L40S", 48, 1},
          {"g6e.48xlarge", 192, 1536, 8, x86, K::gpu, 10, 50, "NVIDIA L40S", 48, 1},
          {"g6e.4xlarge", 16, 128, 1, x86, K::gpu, 8, 30, "NVIDIA L40S", 48, 1},
          {"g6e.8xlarge", 32, 256, 1, x86, K::gpu, 8, 30, "NVIDIA L40S", 48, 1},
          {"g6e.xlarge", 4, 32, 1, x86, K::gpu, 4, 15, "NVIDIA L40S", 48, 1},
          {"m5.large", 2, 8, 0, x86, K::general, 3, 10, "", 0, 1},
          {"m5.xlarge", 4, 16, 0, x86, K::general, 4, 15, "", 0, 1},
          {"m6g.12xlarge", 48, 192, 0, arm, K::general, 8, 30, "", 0, 1},
          {"m6g.16xlarge", 64, 256, 0, arm, K::general, 15, 50, "", 0, 1},
          {"m6g.2xlarge", 8, 32, 0, arm, K::general, 4, 15, "", 0, 1},
          {"m6g.4xlarge", 16, 64, 0, arm, K::general, 8, 30, "", 0, 1},
          {"m6g.8xlarge", 32, 128, 0, arm, K::general, 8, 30, "", 0, 1},
          {"m6g.large", 2, 8, 0, arm, K::general, 3, 10, "", 0, 1},
          {"m6g.xlarge", 4, 16, 0, arm, K::general, 4, 15, "", 0, 1},
          {"m6i.12xlarge", 48, 192, 0, x86, K::general, 8, 30, "", 0, 1},
          {"m6i.16xlarge", 64, 256, 0, x86, K::general, 15, 50, "", 0, 1},
          {"m6i.2xlarge", 8, 32, 0, x86, K::general, 4, 15, "", 0, 1},
          {"m6i.4xlarge", 16, 64, 0, x86, K::general, 8, 30, "", 0, 1},
          {"m6i.8xlarge", 32, 128, 0, x86, K::general, 8, 30, "", 0, 1},
          {"m6i.large", 2, 8, 0, x86, K::general, 3, 10, "", 0, 1},
          {"m6i.xlarge", 4, 16, 0, x86, K::general, 4, 15, "", 0, 1},
          {"m7g.12xlarge", 48, 192, 0, arm, K::general, 8, 30, "", 0, 1},
          {"m7g.16xlarge", 64, 256, 0, arm, K::general, 15, 50, "", 0, 1},
          {"m7g.2xlarge", 8, 32, 0, arm, K::general, 4, 15, "", 0, 1},
          {"m7g.4xlarge", 16, 64, 0, arm, K::general, 8, 30, "", 0, 1},
          {"m7g.8xlarge", 32, 128, 0, arm, K::general, 8, 30, "", 0, 1},
          {"m7g.large", 2, 8, 0, arm, K::general, 3, 10, "", 0, 1},
          {"m7g.xlarge", 4, 16, 0, arm, K::general, 4, 15, "", 0, 1},
          {"m7i.12xlarge", 48, 192, 0, x86, K::general, 8, 30, "", 0, 1},
          {"m7i.16xlarge", 64, 256, 0, x86, K::general, 15, 50, "", 0, 1},
          {"m7i.2xlarge", 8, 32, 0, x86, K::general, 4, 15, "", 0, 1},
          {"m7i.4xlarge", 16, 64, 0, x86, K::general, 8, 30, "", 0, 1},
          {"m7i.8xlarge", 32, 128, 0, x86, K::general, 8, 30, "", 0, 1},
          {"m7i.large", 2, 8, 0, x86, K::general, 3, 10, "", 0, 1},
          {"m7i.xlarge", 4, 16, 0, x86, K::general, 4, 15, "", 0, 1},
          {"p3.16xlarge", 64, 488, 8, x86, K::gpu, 8, 30, "NVIDIA V100", 16, 1},
          {"p3.2xlarge", 8, 61, 1, x86, K::gpu, 4, 15, "NVIDIA V100", 16, 1},
          {"p3.8xlarge", 32, 244, 4, x86, K::gpu, 8, 30, "NVIDIA V100", 16, 1},
          {"p4d.24xlarge", 96, 1152, 8, x86, K::gpu, 15, 50, "NVIDIA A100", 40, 1},
          {"p5.48xlarge", 192, 2048, 8, x86, K::gpu, 2, 50, "NVIDIA H100", 80, 1},
          {"p5.4xlarge", 16, 256, 1, x86, K::gpu, 4, 30, "NVIDIA H100", 80, 1},
          {"r6i.12xlarge", 48, 384, 0, x86, K::memory, 8, 30, "", 0, 1},
          {"r6i.16xlarge", 64, 512, 0, x86, K::memory, 15, 50, "", 0, 1},
          {"r6i.2xlarge", 8, 64, 0, x86, K::memory, 4, 15, "", 0, 1},
          {"r6i.4xlarge", 16, 128, 0, x86, K::memory, 8, 30, "", 0, 1},
          {"r6i.8xlarge", 32, 256, 0, x86, K::memory, 8, 30, "", 0, 1},
          {"r6i.large", 2, 16, 0, x86, K::memory, 3, 10, "", 0, 1},
          {"r6i.xlarge", 4, 32, 0, x86, K::memory, 4, 15, "", 0, 1},
          {"r7g.12xlarge", 48, 384, 0, arm, K::memory, 8, 30, "", 0, 1},
          {"r7g.16xlarge", 64, 512, 0, arm, K::memory, 15, 50, "", 0, 1},
          {"r7g.2xlarge", 8, 64, 0, arm, K::memory, 4, 15, "", 0, 1},
          {"r7g.4xlarge", 16, 128, 0, arm, K::memory, 8, 30, "", 0, 1},
          {"r7g.8xlarge", 32, 256, 0, arm, K::memory, 8, 30, "", 0, 1},
          {"r7g.large", 2, 16, 0, arm, K::memory, 3, 10, "", 0, 1},
          {"r7g.xlarge", 4, 32, 0, arm, K::memory, 4, 15, "", 0, 1},
          {"r7i.12xlarge", 48, 384, 0, x86, K::memory, 8, 30, "", 0, 1},
          {"r7i.16xlarge", 64, 512, 0, x86, K::memory, 15, 50, "", 0, 1},
          {"r7i.2xlarge", 8, 64, 0, x86, K::memory, 4, 15, "", 0, 1},
          {"r7i.4xlarge", 16, 128, 0, x86, K::memory, 8, 30, "", 0, 1},
          {"r7i.8xlarge", 32, 256, 0, x86, K::memory, 8, 30, "", 0, 1},
          {"r7i.large", 2, 16, 0, x86, K::memory, 3, 10, "", 0, 1},
          {"r7i.xlarge", 4, 32, 0, x86, K::memory, 4, 15, "", 0, 1},
          {"t3.large", 2, 8, 0, x86, K::burstable, 3, 12, "", 0, 0.3},
          {"t3.medium", 2, 4, 0, x86, K::burstable, 3, 6, "", 0, 0.2},
          {"t3.micro", 2, 1, 0, x86, K::burstable, 2, 2, "", 0, 0.1},
          {"t3.small", 2, 2, 0, x86, K::burstable, 3, 4, "", 0, 0.2},
          {"t3.xlarge", 4, 16, 0, x86, K::burstable, 4, 15, "", 0, 0.4},
          {"t4g.large", 2, 8, 0, arm, K::burstable, 3, 12, "", 0, 0.3},
          {"t4g.medium", 2, 4, 0, arm, K::burstable, 3, 6, "", 0, 0.2},
          {"t4g.micro", 2, 1, 0, arm, K::burstable, 2, 2, "", 0, 0.1},
          {"t4g.small", 2, 2, 0, arm, K::burstable, 3, 4, "", 0, 0.2},
          {"t4g.xlarge", 4, 16, 0, arm, K::burstable, 4, 15, "", 0, 0.4},
      },
      "docs.aws.amazon.com/ec2/latest/instancetypes/ (general purpose, compute optimized, memory "
      "optimized, accelerated computing: vCPUs, memory, GPUs, GPU model and memory per GPU, "
      "network interfaces, IPv4 per interface); baseline utilisation per vCPU of t3 and t4g from "
      "the EC2 User Guide's credit table (docs.aws.amazon.com/AWSEC2/latest/UserGuide/"
      "burstable-credits-baseline-concepts.html, as kept in awsdocs/amazon-ec2-user-guide "
      "doc_source/burstable-credits-baseline-concepts.md, read 2026-12-03); GPU rows checked "
      "against the instances.vantage.sh "
      "export in tsaol/aws-gpu data/*_instances.js (2026-01-21); CPU rows (c6i, c7g, c7i, m5, "
      "m6g, m6i, m7g, m7i, r6i, r7g, r7i, t3, t4g) checked against aws/karpenter-provider-aws "
      "website/content/en/preview/reference/instance-types.md (EC2 DescribeInstanceTypes, "
      "2026-07-11: vCPUs, memory, architecture, pods) and the vCPU and memory fields of AWS's "
      "on-demand price feed (2025-04-04, yeo/ec2.shop data/ec2); ENIs and IPv4 per ENI from "
      "aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go (2026-08-20); max pods = ENIs x "
      "(IPv4 per ENI - 1) + 2 as in awslabs/amazon-eks-ami eni-max-pods.txt",
      "2026-12-03"};
  return kTable;
}

const Ec2InstanceType* find_instance_type(std::string_view name) {
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

}  // namespace computefit
