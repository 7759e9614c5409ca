#pragma once
// Turns the monthly usage of every (service, runtime) pair into cost line items. Done for the
// whole spec at once because AWS bills some things per account (internet egress tiers) and some
// resources are shared between services (ALB, NAT gateways, EKS control plane). The Lambda
// option's per-account tiers and Free Tier count each service's own usage: an option is priced
// as if that service alone moved to Lambda (lambda_pricing_assumption).

#include <map>
#include <string>
#include <vector>

#include "pricing/cost_item.hpp"
#include "pricing/price_catalog.hpp"
#include "pricing/usage.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// estimates[i] holds the estimates of spec.services[i], one per runtime it considers.
using EstimateTable = std::vector<std::map<RuntimeId, RuntimeEstimate>>;
/// items[i][runtime]: the cost items of that option (empty for infeasible options).
using CostTable = std::vector<std::map<RuntimeId, std::vector<CostItem>>>;

CostTable price_estimates(const Spec& spec, const EstimateTable& estimates,
                          const PriceCatalog& catalog);

/// The sentence that says how a multi-service spec's Lambda options count per-account tiers and
/// the Free Tier; empty for a spec of one service.
std::string lambda_pricing_assumption(const Spec& spec);

/// Sum of the items' monthly_usd, rounded to cents.
double monthly_total(const std::vector<CostItem>& items);

}  // namespace computefit
