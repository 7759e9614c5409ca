#include "runtimes/network_needs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "pricing/price_text.hpp"
#include "runtimes/traffic_profile.hpp"
#include "runtimes/wording.hpp"

namespace computefit {
namespace {

bool listed(const std::vector<std::string>& items, std::string_view target) {
  return std::find(items.begin(), items.end(), target) != items.end();
}

bool is_container(RuntimeId runtime) {
  return runtime != RuntimeId::lambda;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string money(double usd) {
  return fmt::format("${}", grouped(usd, 2));
}

double catalog_usd(const PriceCatalog& catalog, std::string_view key) {
  const PriceEntry* entry = catalog.find(key);
  return entry ? entry->usd : 0.0;
}

// How one target is reached from the service's subnet.
enum class Route { direct, gateway_endpoint, interface_endpoint, nat, missing };

struct Reach {
  bool private_subnet = false;
  bool nat = false;       // a NAT gateway the subnet can use (own, existing or the platform's)
  bool platform = false;  // an existing cluster: its nodes' routes are the platform's
  const Network* network = nullptr;
};

Reach reach_of(const Service& service, RuntimeId runtime, const Spec& spec) {
  Reach r;
  r.network = &service.network;
  r.private_subnet = service.network.subnet == Subnet::private_subnet;
  r.platform = on_existing_cluster(spec, runtime);
  r.nat = service.network.nat_gateway || spec.team.existing.nat_gateway || r.platform;
  return r;
}

Route route_to(const Reach& r, const std::string& target) {
  if (!r.private_subnet) return Route::direct;
  if (target != "internet" && lists_endpoint(r.network->vpc_endpoints, target)) {
    return is_gateway_endpoint(target) ? Route::gateway_endpoint : Route::interface_endpoint;
  }
  // An existing cluster's nodes reach what they need through the platform's egress.
  return r.nat ? Route::nat : Route::missing;
}

}  // namespace

bool is_gateway_endpoint(std::string_view target) {
  return target == "s3" || target == "dynamodb";
}

bool is_control_plane(std::string_view target) {
  return target == "secretsmanager" || target == "ssm" || target == "kms" || target == "sts" ||
         target == "logs";
}

bool lists_endpoint(const std::vector<std::string>& endpoints, std::string_view target) {
  if (listed(endpoints, target)) return true;
  return (target == "ecr.api" || target == "ecr.dkr") && listed(endpoints, "ecr");
}

bool on_existing_cluster(const Spec& spec, RuntimeId runtime) {
  return runtime == RuntimeId::eks && spec.team.existing.eks_cluster;
}

std::vector<std::string> network_targets(const Service& service, RuntimeId runtime) {
  std::set<std::string> out(service.outbound.begin(), service.outbound.end());
  if (service.secrets == SecretsSource::secretsmanager) out.insert("secretsmanager");
  if (service.secrets == SecretsSource::ssm) out.insert("ssm");
  if (is_container(runtime)) {
    out.insert({"ecr.api", "ecr.dkr", "s3", "logs"});
    // ECS fetches a task's `secrets` at start; on Kubernetes the secrets driver does.
    if (service.secrets == SecretsSource::injected) out.insert("secretsmanager");
    if (service.kind == ServiceKind::worker) out.insert("sqs");
  }
  // The hosts' own agents (docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html;
  // eks/latest/userguide/private-clusters.html).
  if (runtime == RuntimeId::ecs_ec2) out.insert({"ecs", "ecs-agent", "ecs-telemetry"});
  if (runtime == RuntimeId::eks) out.insert({"ec2", "sts"});
  return {out.begin(), out.end()};
}

std::map<std::string, double> outbound_gb_by_target(const Service& service, double requests,
                                                    std::vector<std::string>* notes) {
  std::map<std::string, double> out;
  for (const auto& [target, kb] : service.outbound_kb_by_target) {
    out[target] += kb_to_gb(kb, requests);
  }
  if (service.outbound_kb_per_request <= 0) return out;
  std::vector<std::string> open;  // targets without their own kb_per_request
  for (const std::string& target : service.outbound) {
    if (!service.outbound_kb_by_target.count(target) && !listed(open, target)) {
      open.push_back(target);
    }
  }
  const double gb = kb_to_gb(service.outbound_kb_per_request, requests);
  if (listed(open, "internet")) {
    out["internet"] += gb;
    return out;
  }
  std::vector<std::string> data;
  for (const std::string& target : open) {
    if (!is_control_plane(target)) data.push_back(target);
  }
  if (data.empty()) {
    if (notes) {
      notes->push_back(fmt::format(
          "outbound_kb_per_request ({} KB) is not priced: {} lists no internet or data service "
          "to send it to (control-plane calls such as secretsmanager carry no payload)",
          short_number(service.outbound_kb_per_request), service.name));
    }
    return out;
  }
  for (const std::string& target : data) out[target] += gb / data.size();
  return out;
}

RouteFixes route_fixes(const Service& service, RuntimeId runtime, const Spec& spec,
                       const PriceCatalog& catalog) {
  RouteFixes f;
  f.azs = std::max(1, service.network.azs);
  const Reach r = reach_of(service, runtime, spec);
  for (const std::string& target : network_targets(service, runtime)) {
    if (route_to(r, target) != Route::missing) continue;
    f.missing.push_back(target);
    if (target == "internet") {
      f.needs_internet = true;
    } else if (is_gateway_endpoint(target)) {
      f.gateway_targets.push_back(target);
    } else {
      f.interface_targets.push_back(target);
    }
  }
  f.nat_monthly_usd = catalog_usd(catalog, price_keys::kNatGatewayHour) * kHoursPerMonth * f.azs;
  f.nat_usd_per_gb = catalog_usd(catalog, price_keys::kNatGatewayGb);
  f.endpoints_monthly_usd = catalog_usd(catalog, price_keys::kVpcEndpointHour) * kHoursPerMonth *
                            f.azs * static_cast<double>(f.interface_targets.size());
  f.endpoint_usd_per_gb = catalog_usd(catalog, price_keys::kVpcEndpointGb);
  return f;
}

NetworkEstimate estimate_network(const Service& service, RuntimeId runtime, const Spec& spec,
                                 const PriceCatalog& catalog, double requests, double image_pulls,
                                 double log_gb) {
  NetworkEstimate n;
  n.shared.azs = service.network.azs;
  const Reach r = reach_of(service, runtime, spec);
  const bool container = is_container(runtime);

  // Bytes per target: the service's own calls, image layers (from S3) and logs for containers.
  std::map<std::string, double> gb = outbound_gb_by_target(service, requests, &n.assumptions);
  if (container && image_pulls > 0) gb["s3"] += service.image_mb / 1024.0 * image_pulls;
  if (container && log_gb > 0) gb["logs"] += log_gb;
  // Responses go back through the front door (load balancer, API Gateway), not a NAT gateway.
  if (service.kind == ServiceKind::http)
    n.internet_out_gb += kb_to_gb(service.response_kb, requests);

  std::map<std::string, Route> routes;
  for (const std::string& target : network_targets(service, runtime)) {
    routes[target] = route_to(r, target);
  }
  // Bytes to a target not in the list of needs (none today) still take its route.
  for (const auto& [target, unused] : gb) {
    if (!routes.count(target)) routes[target] = route_to(r, target);
  }

  // The cheaper fix that works for what is missing.
  const RouteFixes fixes = route_fixes(service, runtime, spec, catalog);
  n.missing = fixes.missing;
  if (!fixes.missing.empty()) {
    double interface_gb = 0;
    for (const std::string& target : fixes.interface_targets) {
      interface_gb += gb.count(target) ? gb.at(target) : 0.0;
    }
    double nat_gb = interface_gb + (gb.count("internet") ? gb.at("internet") : 0.0);
    const double nat_total = fixes.nat_monthly_usd + nat_gb * fixes.nat_usd_per_gb;
    const double endpoints_total =
        fixes.endpoints_monthly_usd + interface_gb * fixes.endpoint_usd_per_gb;
    const bool use_nat =
        fixes.needs_internet || (!fixes.interface_targets.empty() && nat_total < endpoints_total);
    std::string sentence = fmt::format("{} has no route from its private subnet to {}: priced ",
                                       service.name, join(fixes.missing));
    const std::string nat_phrase =
        fmt::format("NAT gateways in {} AZs ({}/month + {} per GB processed)", fixes.azs,
                    money(fixes.nat_monthly_usd), unit_price_text(fixes.nat_usd_per_gb));
    const std::string endpoints_phrase =
        fmt::format("interface endpoints for {} in {} AZs ({}/month + {} per GB)",
                    join(fixes.interface_targets), fixes.azs, money(fixes.endpoints_monthly_usd),
                    unit_price_text(fixes.endpoint_usd_per_gb));
    // With this service's bytes, when they change the sums.
    const bool bytes_count = nat_total - fixes.nat_monthly_usd >= 0.005;
    if (use_nat) {
      n.fix = "nat-gateway";
      n.shared.nat_gateway = true;
      sentence += nat_phrase;
      if (fixes.needs_internet) {
        sentence += ", which the internet needs";
      } else {
        sentence += ", cheaper here than " + endpoints_phrase;
        if (bytes_count) {
          sentence += fmt::format(": {} against {} a month with this service's {} GB",
                                  money(nat_total), money(endpoints_total), grouped(nat_gb, 1));
        }
      }
    } else if (!fixes.interface_targets.empty()) {
      n.fix = "vpc-endpoints";
      sentence += endpoints_phrase + ", cheaper here than " + nat_phrase;
      if (bytes_count) {
        sentence += fmt::format(": {} against {} a month with this service's {} GB",
                                money(endpoints_total), money(nat_total), grouped(nat_gb, 1));
      }
    }
    if (!fixes.gateway_targets.empty()) {
      sentence +=
          fmt::format("{}a free gateway endpoint for {}",
                      fixes.interface_targets.empty() && !fixes.needs_internet ? "" : ", and ",
                      join(fixes.gateway_targets));
      if (n.fix.empty()) n.fix = "vpc-endpoints";
    }
    n.assumptions.push_back(sentence);
    for (const std::string& target : fixes.missing) {
      if (is_gateway_endpoint(target)) {
        routes[target] = Route::gateway_endpoint;
      } else {
        routes[target] = use_nat || target == "internet" ? Route::nat : Route::interface_endpoint;
      }
    }
  }

  // Hours: the NAT gateways and interface endpoints this option uses and nobody else pays for.
  const bool own_nat =
      service.network.nat_gateway && !spec.team.existing.nat_gateway && !r.platform;
  std::vector<std::string> endpoints_used;
  for (const auto& [target, route] : routes) {
    if (route == Route::nat && own_nat) n.shared.nat_gateway = true;
    if (route != Route::interface_endpoint || r.platform) continue;
    if (lists_endpoint(spec.team.existing.vpc_endpoints, target)) continue;
    endpoints_used.push_back(target);
  }
  n.shared.interface_endpoints = endpoints_used;
  if (r.private_subnet && r.platform) {
    n.assumptions.push_back(
        "the existing cluster's NAT gateways and endpoints are the platform's: only this "
        "service's GB through them are charged");
  } else if (r.private_subnet && spec.team.existing.nat_gateway) {
    n.assumptions.push_back(
        "the NAT gateways already in the VPC (team.existing.nat_gateway) are paid for elsewhere: "
        "only this service's GB processed are charged");
  }

  // Bytes by route.
  for (const auto& [target, bytes] : gb) {
    if (bytes <= 0) continue;
    const Route route = routes.at(target);
    if (target == "internet") n.internet_out_gb += bytes;
    if (route == Route::nat) n.nat_processed_gb += bytes;
    if (route == Route::interface_endpoint) n.vpc_endpoint_gb += bytes;
  }
  return n;
}

}  // namespace computefit
