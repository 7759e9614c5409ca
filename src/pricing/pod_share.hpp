#pragma once
// What a pod on a team's existing cluster costs: its share of a node, allocated as OpenCost and
// Kubecost do (SPEC.md "What is already paid for").

#include <string>

#include "pricing/price_catalog.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// A node type's hourly price split into the prices its pods pay.
struct PodShareRates {
  double usd_per_vcpu_hour = 0;
  double usd_per_gib_hour = 0;
  double usd_per_gpu_hour = 0;  ///< GPU nodes only
};

/// Splits `node_usd_per_hour`. A node without GPUs: into a price per vCPU-hour and per GiB-hour
/// whose ratio is `fargate_vcpu_usd` : `fargate_gb_usd` and which add up to the node's price over
/// its `vcpu` and `memory_gib`. A GPU node: by GPU, each GPU-hour 1/`gpus` of the node (the node
/// is bought for its GPUs; its CPU and memory come with them).
PodShareRates pod_share_rates(double node_usd_per_hour, double vcpu, double memory_gib, int gpus,
                              double fargate_vcpu_usd, double fargate_gb_usd);

/// The same with the Fargate prices of `architecture` from `catalog`.
PodShareRates pod_share_rates(double node_usd_per_hour, double vcpu, double memory_gib, int gpus,
                              Architecture architecture, const PriceCatalog& catalog);

}  // namespace computefit
