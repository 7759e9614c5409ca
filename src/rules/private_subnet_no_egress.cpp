#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "advisor/wording.hpp"
#include "rules/remedy_prices.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"

namespace computefit {
namespace {

bool is_gateway_endpoint(std::string_view target) {
  return target == "s3" || target == "dynamodb";
}

// What a service must reach on a runtime: its own outbound calls and secrets store; containers also
// pull images (ECR API, ECR registry, S3 for layers), ship logs, and poll their queue.
std::set<std::string> targets(const Service& service, bool container) {
  std::set<std::string> out(service.outbound.begin(), service.outbound.end());
  if (service.secrets == SecretsSource::secretsmanager) out.insert("secretsmanager");
  if (service.secrets == SecretsSource::ssm) out.insert("ssm");
  if (container) {
    out.insert({"ecr.api", "ecr.dkr", "s3", "logs"});
    if (service.kind == ServiceKind::worker) out.insert("sqs");
  }
  return out;
}

std::vector<std::string> unreachable(const Service& service, bool container) {
  std::vector<std::string> missing;
  for (const std::string& target : targets(service, container)) {
    if (!has_route(service, target)) missing.push_back(target);
  }
  return missing;
}

std::string remedy(const Service& service, const std::vector<std::string>& missing,
                   const PriceCatalog& catalog) {
  const int azs = service.network.azs;
  std::vector<std::string> parts;
  if (auto nat = monthly_hourly_price(catalog, remedy_keys::kNatGatewayHour, azs)) {
    parts.push_back(
        fmt::format("a NAT gateway in each of the {} AZs reaches all of them for {}/"
                    "month plus {} per GB processed",
                    azs, money(*nat), money(unit_price(catalog, remedy_keys::kNatGatewayGb))));
  }
  std::vector<std::string> interface, gateway;
  for (const std::string& target : missing) {
    if (target == "internet") continue;
    (is_gateway_endpoint(target) ? gateway : interface).push_back(target);
  }
  if (!interface.empty() || !gateway.empty()) {
    std::string endpoints;
    if (!interface.empty()) {
      const auto cost = monthly_hourly_price(catalog, remedy_keys::kInterfaceEndpointHour,
                                             static_cast<double>(interface.size() * azs));
      endpoints = fmt::format("interface endpoints for {} cost {}/month", join_sentence(interface),
                              cost ? money(*cost) : "?");
    }
    if (!gateway.empty()) {
      endpoints += fmt::format("{}gateway endpoints for {} are free", endpoints.empty() ? "" : "; ",
                               join_sentence(gateway));
    }
    const bool internet = std::find(missing.begin(), missing.end(), "internet") != missing.end();
    parts.push_back(endpoints + (internet ? ", but the internet still needs the NAT gateway" : ""));
  }
  return join_list(parts);
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = private_subnet_no_egress_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (service.network.subnet != Subnet::private_subnet || service.network.nat_gateway) continue;
    const bool lambda = considers(service, RuntimeId::lambda);
    const bool containers = considers(service, RuntimeId::ecs_fargate) ||
                            considers(service, RuntimeId::ecs_ec2) ||
                            considers(service, RuntimeId::eks);
    const auto lambda_missing = lambda ? unreachable(service, false) : std::vector<std::string>{};
    const auto container_missing =
        containers ? unreachable(service, true) : std::vector<std::string>{};
    const std::string location = service_location(context.spec, service, "network.subnet");
    auto raise = [&](std::optional<RuntimeId> runtime, std::string_view where,
                     const std::vector<std::string>& missing) {
      out.push_back(
          {i, make_finding(rule, runtime,
                           fmt::format("{} runs in a private subnet with no NAT gateway and no VPC "
                                       "endpoint for {}{}: those calls fail. Fix: {}.",
                                       service.name, join_sentence(missing), where,
                                       remedy(service, missing, context.catalog)),
                           location)});
    };
    if (!lambda_missing.empty() && lambda_missing == container_missing) {
      raise(std::nullopt, "", lambda_missing);
      continue;
    }
    if (!lambda_missing.empty()) raise(RuntimeId::lambda, " on Lambda", lambda_missing);
    if (!container_missing.empty()) {
      raise(std::nullopt, " on ECS and EKS (image pulls, logs and the queue included)",
            container_missing);
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
          "need ECR and S3 to pull images and CloudWatch Logs to ship logs; tasks then fail to "
          "start or hang on their first call.",
          "Add a NAT gateway per AZ (hourly plus per-GB), or VPC interface endpoints for the AWS "
          "services called (hourly per AZ) and free gateway endpoints for S3 and DynamoDB.",
          check};
}

}  // namespace computefit
