#include "rules/rule_helpers.hpp"

#include <algorithm>

#include "runtimes/network_needs.hpp"

namespace computefit {

std::string service_location(const Spec& spec, const Service& service, std::string_view path) {
  return spec.location(service.mark_of(path));
}

const RuntimeEstimate* estimate_of(const RuleContext& context, std::size_t service_index,
                                   RuntimeId runtime) {
  const auto& row = context.estimates.at(service_index);
  auto it = row.find(runtime);
  return it == row.end() ? nullptr : &it->second;
}

const RuntimeEstimate* feasible_estimate(const RuleContext& context, std::size_t service_index,
                                         RuntimeId runtime) {
  const RuntimeEstimate* estimate = estimate_of(context, service_index, runtime);
  return estimate && estimate->feasible ? estimate : nullptr;
}

std::optional<double> monthly_hourly_price(const PriceCatalog& catalog, std::string_view key,
                                           double count) {
  const PriceEntry* entry = catalog.find(key);
  if (!entry) return std::nullopt;
  return entry->usd * 730.0 * count;
}

bool has_route(const Service& service, std::string_view target) {
  if (service.network.subnet != Subnet::private_subnet) return true;
  if (service.network.nat_gateway) return true;
  return target != "internet" && lists_endpoint(service.network.vpc_endpoints, target);
}

bool considers(const Service& service, RuntimeId runtime) {
  const auto& consider = service.runtimes.consider;
  return std::find(consider.begin(), consider.end(), runtime) != consider.end();
}

std::string config_location(const Spec& spec, const Service& service, std::string_view path,
                            std::string_view fallback) {
  if (auto it = service.marks.find(path); it != service.marks.end()) {
    return spec.location(it->second);
  }
  if (auto it = spec.marks.find(path); it != spec.marks.end()) return spec.location(it->second);
  return service_location(spec, service, fallback);
}

bool written(const Spec& spec, const Service& service, std::string_view path) {
  if (service.marks.find(path) != service.marks.end()) return true;
  return path.rfind("runtimes.", 0) == 0 && spec.marks.find(path) != spec.marks.end();
}

double peak_rate(const Service& service) {
  return service.traffic.peak_rps.value_or(service.traffic.rps);
}

Finding make_finding(const Rule& rule, std::optional<RuntimeId> runtime, std::string message,
                     std::string location) {
  Finding finding;
  finding.id = std::string(rule.id);
  finding.severity = rule.severity;
  finding.runtime = runtime;
  finding.message = std::move(message);
  finding.location = std::move(location);
  return finding;
}

}  // namespace computefit
