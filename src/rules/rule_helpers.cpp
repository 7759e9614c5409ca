#include "rules/rule_helpers.hpp"

#include <algorithm>
#include <cmath>

#include "rules/wording.hpp"
#include "runtimes/container_capacity.hpp"
#include "runtimes/fargate_sizes.hpp"
#include "runtimes/lambda_model.hpp"
#include "workload/schedule.hpp"

#include "runtimes/network_needs.hpp"
#include "workload/month.hpp"

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
  return entry->usd * kHoursPerMonth * count;
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

double mean_duration_seconds(const Service& service, RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::lambda:
      return lambda_duration(service).mean() / 1000;
    case RuntimeId::ecs_fargate:
      if (const auto size = smallest_fargate_size(service.vcpu, service.memory_mb)) {
        return duration_on(service, size->vcpu).mean() / 1000;
      }
      break;
    case RuntimeId::ecs_ec2:
    case RuntimeId::eks:
      break;
  }
  return duration_on(service, service.vcpu).mean() / 1000;
}

int most_runs_at_once(const Service& service) {
  if (!service.schedule) return 1;
  const DurationSpec& d = service.duration_ms;
  const double run_s = (d.kind == DurationSpec::Kind::fixed ? d.fixed_ms : d.quantile(0.99)) / 1000;
  // A week holds every pattern of a cron schedule but the monthly ones, whose runs are days
  // apart; the scan reaches one run time past it so that the week's last runs are counted.
  constexpr double kWeekSeconds = 7 * 86'400.0;
  std::vector<double> starts;
  for (std::optional<double> t = next_run_seconds(*service.schedule, -1);
       t && *t < kWeekSeconds + run_s; t = next_run_seconds(*service.schedule, *t)) {
    starts.push_back(*t);
  }
  int most = 1;
  std::size_t first = 0;
  for (std::size_t last = 0; last < starts.size(); ++last) {
    while (starts[last] - starts[first] >= run_s) ++first;
    most = std::max(most, static_cast<int>(last - first + 1));
  }
  return most;
}

double others_least_connections(const RuleContext& context, std::string_view db,
                                std::size_t except_service) {
  double total = 0;
  for (std::size_t j = 0; j < context.spec.services.size(); ++j) {
    if (j == except_service) continue;
    std::optional<double> least;
    for (const auto& [runtime, estimate] : context.estimates.at(j)) {
      if (!estimate.feasible) continue;
      auto it = estimate.behaviour.peak_connections.find(std::string(db));
      const double held = it == estimate.behaviour.peak_connections.end() ? 0 : it->second;
      least = least ? std::min(*least, held) : held;
    }
    total += least.value_or(0);
  }
  return total;
}

std::string figure(double value) {
  const double size = std::fabs(value);
  const int decimals = size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3;
  std::string text = thousands(value, decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string_view instance_noun(RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::lambda:
      return "environment";
    case RuntimeId::eks:
      return "pod";
    case RuntimeId::ecs_fargate:
    case RuntimeId::ecs_ec2:
      break;
  }
  return "task";
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
