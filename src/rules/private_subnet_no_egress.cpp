#include <fmt/format.h>

#include <map>
#include <vector>

#include "pricing/price_text.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/network_needs.hpp"

namespace computefit {
namespace {

// "Lambda", "ECS on Fargate and ECS on EC2".
std::string runtimes_phrase(const std::vector<RuntimeId>& runtimes) {
  std::vector<std::string> labels;
  for (RuntimeId runtime : runtimes) labels.emplace_back(runtime_label(runtime));
  return join_sentence(labels);
}

// Both fixes with their prices, and the one the cost above was priced with.
std::string remedy(const RouteFixes& f, const RuntimeEstimate* estimate) {
  std::vector<std::string> parts;
  const std::string nat = fmt::format(
      "a NAT gateway in each of the {} AZs reaches all of them for {}/month plus {} per GB "
      "processed",
      f.azs, money(f.nat_monthly_usd), unit_price_text(f.nat_usd_per_gb));
  std::string endpoints;
  if (!f.interface_targets.empty()) {
    endpoints = fmt::format("interface endpoints for {} in {} AZs cost {}/month plus {} per GB",
                            join_sentence(f.interface_targets), f.azs,
                            money(f.endpoints_monthly_usd), unit_price_text(f.endpoint_usd_per_gb));
  }
  if (!f.gateway_targets.empty()) {
    endpoints += fmt::format("{}gateway endpoints for {} are free", endpoints.empty() ? "" : "; ",
                             join_sentence(f.gateway_targets));
  }
  if (f.needs_internet) {
    parts.push_back(nat + " (the internet needs it)");
    if (!f.gateway_targets.empty()) {
      parts.push_back(
          fmt::format("gateway endpoints for {} are free and keep that traffic off "
                      "the NAT gateway",
                      join_sentence(f.gateway_targets)));
    }
  } else if (f.interface_targets.empty()) {
    parts.push_back(endpoints);
  } else {
    parts.push_back(nat);
    parts.push_back("or " + endpoints);
  }
  std::string out = join_list(parts);
  if (estimate && !f.needs_internet && !f.interface_targets.empty()) {
    out += estimate->shared.nat_gateway ? ". The cost shown is priced with the NAT gateways, the "
                                          "cheaper for this traffic"
                                        : ". The cost shown is priced with the endpoints, the "
                                          "cheaper for this traffic";
  }
  return out;
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = private_subnet_no_egress_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (service.network.subnet != Subnet::private_subnet) continue;
    // Options that lack the same routes share one finding.
    std::map<std::vector<std::string>, std::vector<RuntimeId>> by_missing;
    std::map<std::vector<std::string>, RouteFixes> fixes;
    std::vector<RuntimeId> feasible;
    for (RuntimeId runtime : service.runtimes.consider) {
      if (!feasible_estimate(context, i, runtime)) continue;
      feasible.push_back(runtime);
      RouteFixes f = route_fixes(service, runtime, context.spec, context.catalog);
      if (f.missing.empty()) continue;
      by_missing[f.missing].push_back(runtime);
      fixes.emplace(f.missing, std::move(f));
    }
    const std::string location = service_location(context.spec, service, "network.subnet");
    for (const auto& [missing, runtimes] : by_missing) {
      const RouteFixes& f = fixes.at(missing);
      // One finding on no particular runtime when every option lacks the same routes; else one
      // per runtime, so that --fail-on counts it only where it applies.
      const bool everywhere = runtimes.size() == feasible.size();
      const std::vector<std::optional<RuntimeId>> targets =
          everywhere ? std::vector<std::optional<RuntimeId>>{std::nullopt}
                     : std::vector<std::optional<RuntimeId>>(runtimes.begin(), runtimes.end());
      for (const std::optional<RuntimeId>& runtime : targets) {
        const RuntimeId priced_runtime = runtime ? *runtime : runtimes.front();
        // The cost remark only where the option was priced (lint judges the spec alone).
        const bool priced = i < context.costs.size() && context.costs[i].contains(priced_runtime);
        const RuntimeEstimate* estimate =
            priced ? feasible_estimate(context, i, priced_runtime) : nullptr;
        const std::string where =
            everywhere ? "" : fmt::format(" on {}", runtimes_phrase({*runtime}));
        std::string fix = remedy(f, estimate);
        std::string message = fmt::format(
            "{} runs in a private subnet with no NAT gateway and no VPC endpoint for {}{}: those "
            "calls fail{}. Fix: {}.",
            service.name, join_sentence(missing), where,
            runtime && *runtime != RuntimeId::lambda ? " (image pulls and logs included)" : "",
            fix);
        Finding finding = make_finding(rule, runtime, std::move(message), location);
        finding.remedy = std::move(fix);
        out.push_back({i, std::move(finding)});
      }
    }
  }
}

}  // namespace

Rule private_subnet_no_egress_rule() {
  return {"private-subnet-no-egress",
          Severity::high,
          "A private subnet with no route to what the service calls",
          "A service in a private subnet calls something it has no route to: the internet without "
          "a NAT gateway, or an AWS service without a NAT gateway or VPC endpoint. Containers also "
          "need ECR (api and dkr) and S3 to pull images and CloudWatch Logs to ship logs, ECS on "
          "EC2 hosts the ECS agent's endpoints, EKS nodes EC2 and STS; tasks then fail to start "
          "or hang on their first call. Lambda needs routes only for what the function calls. The "
          "option's cost is priced with the cheaper fix that works.",
          "Add a NAT gateway per AZ (hourly plus per-GB), or VPC interface endpoints for the AWS "
          "services called (hourly per AZ each plus per-GB) and free gateway endpoints for S3 and "
          "DynamoDB; only a NAT gateway reaches the internet.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
