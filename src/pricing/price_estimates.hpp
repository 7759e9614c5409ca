#pragma once
// Turns the monthly usage of every (service, runtime) pair into cost line items. Done for the
// whole spec at once because AWS bills some things per account (Lambda duration tiers, the Free
// Tier) and some resources are shared between services (ALB, NAT gateways, EKS control plane).

#include <map>
#include <vector>

#include "pricing/cost_item.hpp"
#include "pricing/price_catalog.hpp"
#include "pricing/usage.hpp"
#include "spec/spec.hpp"

namespace computefit {

/// estimates[i] holds the estimates of spec.services[i], one per runtime it considers.
using EstimateTable = std::vector<std::map<RuntimeId, RuntimeEstimate>>;
/// items[i][runtime]: the cost items of that option (empty for infeasible options).
using CostTable = std::vector<std::map<RuntimeId, std::vector<CostItem>>>;

CostTable price_estimates(const Spec& spec, const EstimateTable& estimates,
                          const PriceCatalog& catalog);

/// Sum of the items' monthly_usd, rounded to cents.
double monthly_total(const std::vector<CostItem>& items);

}  // namespace computefit
