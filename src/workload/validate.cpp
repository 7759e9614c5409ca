#include "workload/validate.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "workload/suggest.hpp"

namespace computefit {
namespace {

// Where a runtimes key of the merged block was written: the service's own block first (`own`,
// null for the spec's block), then the spec's; `fallback` when neither wrote it.
struct RuntimeMarks {
  const MarkMap* own;
  const MarkMap& spec_level;
  SourceMark fallback;

  SourceMark operator()(const std::string& path) const {
    if (own) {
      if (auto it = own->find(path); it != own->end()) return it->second;
    }
    if (auto it = spec_level.find(path); it != spec_level.end()) return it->second;
    return fallback;
  }
};

void check_lambda_bounds(const LambdaConfig& l, const RuntimeMarks& where, Reporter& r) {
  if (l.reserved_concurrency && l.provisioned_concurrency > *l.reserved_concurrency) {
    r.error(where("runtimes.lambda.provisioned_concurrency"), "invalid-value",
            "runtimes.lambda.provisioned_concurrency (" +
                std::to_string(l.provisioned_concurrency) +
                ") must not exceed reserved_concurrency (" +
                std::to_string(*l.reserved_concurrency) + ")");
  }
  if (l.reserved_concurrency && *l.reserved_concurrency > l.account_concurrency) {
    r.error(where("runtimes.lambda.reserved_concurrency"), "invalid-value",
            "runtimes.lambda.reserved_concurrency (" + std::to_string(*l.reserved_concurrency) +
                ") must not exceed account_concurrency (" + std::to_string(l.account_concurrency) +
                ")");
  }
  if (l.provisioned_concurrency > l.account_concurrency) {
    r.error(where("runtimes.lambda.provisioned_concurrency"), "invalid-value",
            "runtimes.lambda.provisioned_concurrency (" +
                std::to_string(l.provisioned_concurrency) +
                ") must not exceed account_concurrency (" + std::to_string(l.account_concurrency) +
                ")");
  }
}

void check_container_bounds(const ContainerConfig& cc, RuntimeId id, const RuntimeMarks& where,
                            Reporter& r) {
  const bool eks = id == RuntimeId::eks;
  const std::string block = "runtimes." + std::string(to_string(id)) + ".";
  if (cc.min_tasks > cc.max_tasks) {
    const std::string lo = eks ? "min_pods" : "min_tasks";
    const std::string hi = eks ? "max_pods" : "max_tasks";
    r.error(where(block + lo), "invalid-value",
            block + lo + " (" + std::to_string(cc.min_tasks) + ") must not exceed " + hi + " (" +
                std::to_string(cc.max_tasks) + ")");
  }
  if (cc.min_hosts > cc.max_hosts) {
    const std::string lo = eks ? "min_nodes" : "min_instances";
    const std::string hi = eks ? "max_nodes" : "max_instances";
    r.error(where(block + lo), "invalid-value",
            block + lo + " (" + std::to_string(cc.min_hosts) + ") must not exceed " + hi + " (" +
                std::to_string(cc.max_hosts) + ")");
  }
}

void check_runtimes_block(const RuntimesConfig& c, const RuntimeMarks& where, Reporter& r) {
  check_lambda_bounds(c.lambda, where, r);
  check_container_bounds(c.ecs_fargate, RuntimeId::ecs_fargate, where, r);
  check_container_bounds(c.ecs_ec2, RuntimeId::ecs_ec2, where, r);
  check_container_bounds(c.eks, RuntimeId::eks, where, r);
}

}  // namespace

void validate_spec(const Spec& spec, Reporter& reporter) {
  check_runtime_bounds(spec, reporter);
  check_slo_order(spec, reporter);
  check_downstream_references(spec, reporter);
  check_existing_endpoints(spec, reporter);
  check_suppressed_services(spec, reporter);
}

void check_runtime_bounds(const Spec& spec, Reporter& r) {
  check_runtimes_block(spec.runtimes, {nullptr, spec.marks, {}}, r);
  for (const Service& s : spec.services) {
    check_runtimes_block(s.runtimes, {&s.marks, spec.marks, s.mark_of("name")}, r);
  }
}

void check_slo_order(const Spec& spec, Reporter& r) {
  for (const Service& s : spec.services) {
    const auto order = [&](const std::optional<double>& lo, const char* lo_name,
                           const std::optional<double>& hi, const char* hi_name) {
      if (lo && hi && *hi < *lo) {
        r.error(s.mark_of(std::string("slo.") + hi_name), "invalid-value",
                std::string("slo.") + hi_name + " (" + format_number(*hi) +
                    ") must be at least slo." + lo_name + " (" + format_number(*lo) + ")");
      }
    };
    order(s.slo.p50_ms, "p50_ms", s.slo.p95_ms, "p95_ms");
    order(s.slo.p95_ms, "p95_ms", s.slo.p99_ms, "p99_ms");
    if (!s.slo.p95_ms) order(s.slo.p50_ms, "p50_ms", s.slo.p99_ms, "p99_ms");
  }
}

void check_downstream_references(const Spec& spec, Reporter& r) {
  std::vector<std::string_view> downstream_names;
  for (const Downstream& d : spec.downstreams) downstream_names.push_back(d.name);
  for (const Service& s : spec.services) {
    for (std::size_t i = 0; i < s.uses.size(); ++i) {
      const Use& use = s.uses[i];
      if (spec.downstream(use.downstream)) continue;
      std::string message = "uses[" + std::to_string(i) + "].downstream: unknown downstream '" +
                            use.downstream.substr(0, 40) + "'";
      if (auto near = nearest(use.downstream, downstream_names)) {
        message += "; did you mean '" + std::string(*near) + "'?";
      } else if (downstream_names.empty()) {
        message += "; declare it under 'downstreams'";
      }
      r.error(s.mark_of("uses[" + std::to_string(i) + "].downstream"), "bad-reference", message);
    }
  }
}

void check_existing_endpoints(const Spec& spec, Reporter& r) {
  // existing.vpc_endpoints says which of the VPC's endpoints are paid for elsewhere; the routes
  // themselves are each service's network.vpc_endpoints, so one nobody routes through is a slip.
  for (const EndpointItem& item : spec.team.existing.vpc_endpoint_items) {
    std::string listed;  // the names no service routes through
    for (const std::string& n : item.names) {
      const bool routed =
          std::any_of(spec.services.begin(), spec.services.end(), [&](const Service& s) {
            const auto& eps = s.network.vpc_endpoints;
            return std::find(eps.begin(), eps.end(), n) != eps.end();
          });
      if (!routed) listed += (listed.empty() ? "" : " and ") + n;
    }
    if (listed.empty()) continue;
    r.error(item.mark, "bad-reference",
            "team.existing.vpc_endpoints: no service routes through " + listed +
                " (network.vpc_endpoints); existing says which of those endpoints are paid for "
                "elsewhere, so list it in the network of the services that use it");
  }
}

void check_suppressed_services(const Spec& spec, Reporter& r) {
  std::vector<std::string_view> service_names;
  for (const Service& s : spec.services) service_names.push_back(s.name);
  for (const Suppression& sup : spec.suppressions) {
    // Only a `service:` written in the entry is a reference: a service's own entries name it.
    if (!sup.service_mark) continue;
    if (std::find(service_names.begin(), service_names.end(), sup.service) != service_names.end())
      continue;
    std::string message = "suppress: unknown service '" + sup.service.substr(0, 40) + "'";
    if (auto near = nearest(sup.service, service_names))
      message += "; did you mean '" + std::string(*near) + "'?";
    r.error(*sup.service_mark, "bad-reference", message);
  }
}

}  // namespace computefit
