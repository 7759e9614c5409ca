#include "pricing/pod_share.hpp"

namespace computefit {

PodShareRates pod_share_rates(double node_usd_per_hour, double vcpu, double memory_gib, int gpus,
                              double fargate_vcpu_usd, double fargate_gb_usd) {
  PodShareRates rates;
  if (gpus > 0) {
    rates.usd_per_gpu_hour = node_usd_per_hour / gpus;
    return rates;
  }
  // cpu x vcpu + gib x memory = node price, with cpu / gib = Fargate's vCPU-hour / GB-hour.
  const double ratio = fargate_gb_usd > 0 ? fargate_vcpu_usd / fargate_gb_usd : 0;
  const double weight = ratio * vcpu + memory_gib;
  if (weight <= 0) return rates;
  rates.usd_per_gib_hour = node_usd_per_hour / weight;
  rates.usd_per_vcpu_hour = rates.usd_per_gib_hour * ratio;
  return rates;
}

PodShareRates pod_share_rates(double node_usd_per_hour, double vcpu, double memory_gib, int gpus,
                              Architecture architecture, const PriceCatalog& catalog) {
  const bool arm = architecture == Architecture::arm64;
  return pod_share_rates(
      node_usd_per_hour, vcpu, memory_gib, gpus,
      catalog.at(arm ? price_keys::kFargateVcpuArm : price_keys::kFargateVcpuX86).usd,
      catalog.at(arm ? price_keys::kFargateMemoryArm : price_keys::kFargateMemoryX86).usd);
}

}  // namespace computefit
