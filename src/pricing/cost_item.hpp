#pragma once
// One priced line of an option's monthly cost, as it appears in the report.

#include <optional>
#include <string>

namespace computefit {

struct CostItem {
  std::string
      kind;  ///< SPEC.md's vocabulary: "lambda-requests", "fargate-vcpu", "load-balancer", ...
  std::string item;  ///< what a person reads: "Fargate vCPU-hours (x86_64)"
  double quantity = 0;
  std::string unit;
  double unit_price_usd = 0;  ///< for tiered prices: the average over the tiers this item spans
  double monthly_usd = 0;     ///< this service's share (after splitting shared resources)
  std::string source;
  std::string as_of;
  std::optional<int> shared_by;  ///< set for a resource split among services
  /// For a shared resource: which one ("alb@ecs-fargate", "nat-gateway@lambda", ...) and its whole
  /// monthly price, so totals count it once however many services share it.
  std::string shared_id;
  double shared_total_usd = 0;
};

}  // namespace computefit
