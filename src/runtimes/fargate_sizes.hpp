#pragma once
// Fargate's valid Linux task sizes and limits, with their source (docs/runtimes.md).

#include <optional>
#include <string>
#include <vector>

namespace computefit {

/// One CPU size and the memory it allows: min..max in steps, GB (= GiB).
struct FargateCpuTier {
  double vcpu = 0;
  double memory_min_gb = 0;
  double memory_max_gb = 0;
  double memory_step_gb = 1;
  std::vector<double> memory_extra_gb;  ///< allowed values off the step grid (0.5 GB at 0.25 vCPU)
};

struct FargateLimits {
  std::vector<FargateCpuTier> tiers;  ///< ascending vCPU
  double storage_included_gb = 20;    ///< ephemeral storage included in the task price
  double storage_max_gb = 200;
  double billing_minimum_seconds = 60;  ///< per-second billing, 1-minute minimum (Linux)
  std::string source;
  std::string as_of;
};

/// The one table of Fargate sizes and limits.
const FargateLimits& fargate_limits();

struct FargateSize {
  double vcpu = 0;
  double memory_gb = 0;
};

/// The tier of exactly `vcpu` (0.25, 0.5, 1, ...), or nullptr when Fargate has no such CPU size.
const FargateCpuTier* fargate_tier(double vcpu);

/// Whether `vcpu` with `memory_mb` is one of Fargate's task sizes (a task definition's pair).
bool is_fargate_size(double vcpu, double memory_mb);

/// The memory a tier allows, in words: "2-8 GB in 1 GB steps", "0.5, 1 or 2 GB".
std::string fargate_memory_text(const FargateCpuTier& tier);

/// The CPU sizes Fargate offers, in words: "0.25, 0.5, 1, 2, 4, 8 or 16 vCPU".
std::string fargate_cpu_text();

/// The smallest valid task (by vCPU, then memory) with at least `vcpu` and `memory_mb`; nullopt
/// when even the largest size is too small.
std::optional<FargateSize> smallest_fargate_size(double vcpu, double memory_mb);

}  // namespace computefit
