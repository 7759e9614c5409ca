#include "runtimes/fargate_sizes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "runtimes/wording.hpp"

namespace computefit {

const FargateLimits& fargate_limits() {
  // The top tier is 16 vCPU / 120 GB: the ECS API's TaskDefinition memory reference and the
  // "task CPU and memory" table list nothing above it (searched 2026-11-29).
  static const FargateLimits kLimits{
      {
          {0.25, 1, 2, 1, {0.5}},
          {0.5, 1, 4, 1, {}},
          {1, 2, 8, 1, {}},
          {2, 4, 16, 1, {}},
          {4, 8, 30, 1, {}},
          {8, 16, 60, 4, {}},
          {16, 32, 120, 8, {}},
      },
      20,
      200,
      60,
      "docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html "
      "(task CPU and memory), task-cpu-memory-error.html, ECS API TaskDefinition memory; "
      "aws.amazon.com/fargate/pricing (storage, billing)",
      "2026-11-29"};
  return kLimits;
}

namespace {
// A tolerance so that 0.5 GB written as 512 MB still matches the 0.5 GB size exactly.
constexpr double kEps = 1e-9;
}  // namespace

const FargateCpuTier* fargate_tier(double vcpu) {
  for (const FargateCpuTier& tier : fargate_limits().tiers) {
    if (std::abs(tier.vcpu - vcpu) < kEps) return &tier;
  }
  return nullptr;
}

bool is_fargate_size(double vcpu, double memory_mb) {
  const FargateCpuTier* tier = fargate_tier(vcpu);
  if (!tier) return false;
  const double memory_gb = memory_mb / 1024;
  for (double extra : tier->memory_extra_gb) {
    if (std::abs(extra - memory_gb) < kEps) return true;
  }
  if (memory_gb + kEps < tier->memory_min_gb || memory_gb > tier->memory_max_gb + kEps) {
    return false;
  }
  const double steps = (memory_gb - tier->memory_min_gb) / tier->memory_step_gb;
  return std::abs(steps - std::round(steps)) < kEps;
}

std::string fargate_memory_text(const FargateCpuTier& tier) {
  const double grid_values = (tier.memory_max_gb - tier.memory_min_gb) / tier.memory_step_gb + 1;
  if (!tier.memory_extra_gb.empty() || grid_values <= 3) {
    // Few enough to list: "0.5, 1 or 2 GB".
    std::vector<double> values = tier.memory_extra_gb;
    for (double gb = tier.memory_min_gb; gb <= tier.memory_max_gb + kEps;
         gb += tier.memory_step_gb) {
      values.push_back(gb);
    }
    std::sort(values.begin(), values.end());
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
      out += short_number(values[i]);
    }
    return out + " GB";
  }
  return fmt::format("{}-{} GB in {} GB steps", short_number(tier.memory_min_gb),
                     short_number(tier.memory_max_gb), short_number(tier.memory_step_gb));
}

std::string fargate_cpu_text() {
  const std::vector<FargateCpuTier>& tiers = fargate_limits().tiers;
  std::string out;
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    if (i > 0) out += i + 1 == tiers.size() ? " or " : ", ";
    out += short_number(tiers[i].vcpu);
  }
  return out + " vCPU";
}

std::optional<FargateSize> smallest_fargate_size(double vcpu, double memory_mb) {
  const double memory_gb = memory_mb / 1024;
  for (const FargateCpuTier& tier : fargate_limits().tiers) {
    if (tier.vcpu + kEps < vcpu) continue;
    std::optional<double> best;
    for (double extra : tier.memory_extra_gb) {
      if (extra + kEps >= memory_gb && (!best || extra < *best)) best = extra;
    }
    if (memory_gb <= tier.memory_max_gb + kEps) {
      double steps = std::ceil((memory_gb - tier.memory_min_gb) / tier.memory_step_gb - kEps);
      const double on_grid = tier.memory_min_gb + std::max(0.0, steps) * tier.memory_step_gb;
      if (!best || on_grid < *best) best = on_grid;
    }
    if (best) return FargateSize{tier.vcpu, *best};
  }
  return std::nullopt;
}

}  // namespace computefit
