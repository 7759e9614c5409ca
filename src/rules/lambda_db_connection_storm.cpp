#include <fmt/format.h>

#include <cmath>

#include "advisor/wording.hpp"
#include "rules/remedy_prices.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "stats/queueing.hpp"

namespace computefit {
namespace {

struct User {
  std::size_t index;
  const Use* use;
  double peak_connections;
};

std::string reserved_concurrency_remedy(const Service& service, const Use& use, double budget) {
  const int cap = static_cast<int>(std::floor(budget / use.connections_per_instance));
  if (cap < 1) return "";
  const double offered = peak_rate(service) * service.duration_ms.mean() / 1000.0;
  const double blocked = stats::erlang_b(cap, offered);
  const bool sync = service.kind == ServiceKind::http;
  return fmt::format(
      "reserved concurrency {} on {} keeps it under the limit, but at the peak of {} requests/s "
      "(offered load {:.0f} environments) {} {:.1f}% of requests",
      cap, service.name, thousands(peak_rate(service), 1), offered,
      sync ? "throttles (HTTP 429)" : "delays (retried)", 100 * blocked);
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Spec& spec = context.spec;
  const Rule rule = lambda_db_connection_storm_rule();
  for (const Downstream& db : spec.downstreams) {
    if (db.kind != DownstreamKind::database || !db.max_connections || db.proxy) continue;
    std::vector<User> users;
    double total = 0;
    for (std::size_t i = 0; i < spec.services.size(); ++i) {
      const RuntimeEstimate* lambda = feasible_estimate(context, i, RuntimeId::lambda);
      if (!lambda) continue;
      for (const Use& use : spec.services[i].uses) {
        if (use.downstream != db.name || use.connections_per_instance <= 0) continue;
        auto it = lambda->behaviour.peak_connections.find(db.name);
        const double peak = it == lambda->behaviour.peak_connections.end() ? 0 : it->second;
        users.push_back({i, &use, peak});
        total += peak;
      }
    }
    if (total <= *db.max_connections) continue;

    std::vector<std::string> shares;
    for (const User& u : users) {
      shares.push_back(
          fmt::format("{} {}", spec.services[u.index].name, thousands(u.peak_connections)));
    }
    std::string proxy_remedy = "RDS Proxy in front pools them";
    if (const PriceEntry* proxy = context.catalog.find(remedy_keys::kRdsProxyVcpuHour)) {
      const double vcpus = std::max(2.0, db.vcpu.value_or(2.0));
      proxy_remedy += fmt::format(" for {}/month ({} database vCPUs)",
                                  money(proxy->usd * 730 * vcpus), thousands(vcpus));
    }
    for (const User& u : users) {
      const Service& service = spec.services[u.index];
      const double others = total - u.peak_connections;
      std::vector<std::string> remedies = {proxy_remedy};
      const std::string reserved =
          reserved_concurrency_remedy(service, *u.use, *db.max_connections - others);
      if (!reserved.empty()) remedies.push_back(reserved);
      if (const RuntimeEstimate* fargate =
              feasible_estimate(context, u.index, RuntimeId::ecs_fargate)) {
        auto it = fargate->behaviour.peak_connections.find(db.name);
        if (it != fargate->behaviour.peak_connections.end()) {
          remedies.push_back(fmt::format("on ECS on Fargate {} peaks at {} connections",
                                         service.name, thousands(it->second)));
        }
      }
      const bool bursty = service.traffic.shape == TrafficShape::bursty ||
                          service.traffic.shape == TrafficShape::diurnal;
      out.push_back(
          {u.index,
           make_finding(rule, RuntimeId::lambda,
                        fmt::format("On Lambda, peak {} connections to {} ({}) against "
                                    "max_connections {}{}: each environment holds its own. "
                                    "Remedies: {}.",
                                    thousands(total), db.name, join_sentence(shares),
                                    thousands(*db.max_connections),
                                    bursty ? fmt::format(" at the traffic peak of {} requests/s",
                                                         thousands(peak_rate(service), 1))
                                           : "",
                                    join_list(remedies)),
                        spec.location(u.use->mark))});
    }
  }
}

}  // namespace

Rule lambda_db_connection_storm_rule() {
  return {"lambda-db-connection-storm",
          Severity::high,
          "Lambda environments exhaust database "
          "connections",
          "On Lambda every execution environment opens its own connections and holds them until "
          "it is reclaimed; in a burst the environments multiply and their connections exceed "
          "the database's max_connections, and new connections fail.",
          "Put RDS Proxy (or pgbouncer) in front of the database, cap the function's reserved "
          "concurrency so that concurrency × connections stays under the limit, or run the "
          "service on containers with a bounded pool per task.",
          check};
}

}  // namespace computefit
