#include "runtimes/network_needs.hpp"

#include <algorithm>
#include <set>

namespace computefit {
namespace {

bool is_gateway_endpoint(const std::string& target) {
  return target == "s3" || target == "dynamodb";
}

bool has_endpoint(const Service& service, const std::string& target) {
  const auto& eps = service.network.vpc_endpoints;
  return std::find(eps.begin(), eps.end(), target) != eps.end();
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace

std::vector<std::string> network_targets(const Service& service, bool container) {
  std::set<std::string> out(service.outbound.begin(), service.outbound.end());
  if (service.secrets == SecretsSource::secretsmanager) out.insert("secretsmanager");
  if (service.secrets == SecretsSource::ssm) out.insert("ssm");
  if (container) {
    out.insert({"ecr.api", "ecr.dkr", "s3", "logs"});
    if (service.kind == ServiceKind::worker) out.insert("sqs");
  }
  return {out.begin(), out.end()};
}

NetworkEstimate estimate_network(const Service& service, bool container, double requests,
                                 double image_pulls) {
  NetworkEstimate n;
  n.shared.azs = service.network.azs;
  const bool is_private = service.network.subnet == Subnet::private_subnet;
  // Calls the service makes: outbound_kb_per_request split evenly over its outbound targets.
  const auto& outbound = service.outbound;
  const double per_target_gb =
      outbound.empty() ? 0 : kb_to_gb(service.outbound_kb_per_request, requests) / outbound.size();
  if (service.kind == ServiceKind::http) {
    n.internet_out_gb += kb_to_gb(service.response_kb, requests);
  }
  if (!is_private) {
    for (const std::string& target : outbound) {
      if (target == "internet") n.internet_out_gb += per_target_gb;
    }
    return n;
  }
  for (const std::string& ep : service.network.vpc_endpoints) {
    if (!is_gateway_endpoint(ep)) n.shared.interface_endpoints.push_back(ep);
  }
  std::vector<std::string> unrouted;
  for (const std::string& target : network_targets(service, container)) {
    if (target != "internet" && has_endpoint(service, target)) continue;
    unrouted.push_back(target);
  }
  n.shared.nat_gateway = service.network.nat_gateway || !unrouted.empty();
  if (!unrouted.empty() && !service.network.nat_gateway) {
    n.assumptions.push_back("priced a NAT gateway: " + service.name + " must reach " +
                            join(unrouted) + " from a private subnet");
  }
  for (const std::string& target : outbound) {
    if (target == "internet") {
      n.nat_processed_gb += per_target_gb;
      n.internet_out_gb += per_target_gb;
    } else if (has_endpoint(service, target)) {
      if (!is_gateway_endpoint(target)) n.vpc_endpoint_gb += per_target_gb;
    } else {
      n.nat_processed_gb += per_target_gb;
    }
  }
  if (container && image_pulls > 0) {
    // Image layers come from S3: free through the gateway endpoint, else through the NAT.
    const double image_gb = service.image_mb / 1024.0 * image_pulls;
    if (!has_endpoint(service, "s3")) n.nat_processed_gb += image_gb;
  }
  return n;
}

}  // namespace computefit
