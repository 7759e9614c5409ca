#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "rules/remedy_check.hpp"
#include "rules/remedy_prices.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "workload/month.hpp"

namespace computefit {
namespace {

// One service that holds connections to the database, and how many at its simulated peak.
struct User {
  std::size_t index;
  const Use* use = nullptr;
  std::optional<double> on_lambda;  ///< peak on Lambda, when Lambda can run it
  std::optional<double> elsewhere;  ///< least peak over its other feasible options
  /// What it adds to the sum: its Lambda peak when it can run there (the storm is Lambda's),
  /// else the least it holds on whatever runs it.
  double counted() const { return on_lambda ? *on_lambda : elsewhere.value_or(0); }
};

double peak_on(const RuntimeEstimate& estimate, const std::string& db) {
  auto it = estimate.behaviour.peak_connections.find(db);
  return it == estimate.behaviour.peak_connections.end() ? 0 : it->second;
}

std::vector<User> users_of(const RuleContext& context, const Downstream& db) {
  std::vector<User> users;
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    for (const Use& use : context.spec.services[i].uses) {
      if (use.downstream != db.name || use.connections_per_instance <= 0) continue;
      User u{i, &use, std::nullopt, std::nullopt};
      for (const auto& [runtime, estimate] : context.estimates.at(i)) {
        if (!estimate.feasible) continue;
        const double held = peak_on(estimate, db.name);
        if (runtime == RuntimeId::lambda) {
          u.on_lambda = held;
        } else {
          u.elsewhere = u.elsewhere ? std::min(*u.elsewhere, held) : held;
        }
      }
      users.push_back(u);
      break;  // a service's connections to one database are one use
    }
  }
  return users;
}

// Reserved concurrency that keeps the service's environments within what the others leave,
// simulated: what it costs in throttled (or delayed) requests.
std::string reserved_concurrency_remedy(const RuleContext& context, const User& u,
                                        const RuntimeEstimate& lambda, double room) {
  const Service& service = context.spec.services[u.index];
  const int cap =
      room > 0 ? static_cast<int>(std::floor(room / u.use->connections_per_instance)) : 0;
  if (cap < 1) return "";
  const std::string setting =
      fmt::format("reserved concurrency {} on {} keeps it under the limit ({} × {} = {})", cap,
                  service.name, cap, thousands(u.use->connections_per_instance, 0),
                  thousands(cap * u.use->connections_per_instance));
  if (!cap_would_bind(service, RuntimeId::lambda, lambda, cap)) {
    return setting;  // the simulated fleet stayed under it: the storm comes from the others
  }
  const RuntimeEstimate tried = try_setting(context, u.index, RuntimeId::lambda, [&](Service& s) {
    s.runtimes.lambda.reserved_concurrency = cap;
  });
  return fmt::format("{}; {} with it: {}", setting, judged_by(service, RuntimeId::lambda),
                     outcome_phrase(service, RuntimeId::lambda, tried));
}

double total_of(const std::vector<User>& users) {
  double total = 0;
  for (const User& u : users) total += u.counted();
  return total;
}

bool storms(const Downstream& db) {
  return db.kind == DownstreamKind::database && db.max_connections && !db.proxy;
}

// Raised on the services whose environments multiply their connections: one that holds as many
// elsewhere (a job that runs once at a time) is not what Lambda adds to the storm.
bool raised_on(const User& u) {
  return u.on_lambda && !(u.elsewhere && *u.on_lambda <= *u.elsewhere);
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Spec& spec = context.spec;
  const Rule rule = lambda_db_connection_storm_rule();
  for (const Downstream& db : spec.downstreams) {
    if (!storms(db)) continue;
    const std::vector<User> users = users_of(context, db);
    const double total = total_of(users);
    if (total <= *db.max_connections) continue;

    std::vector<std::string> shares;
    for (const User& u : users) {
      shares.push_back(fmt::format("{} {}{}", spec.services[u.index].name, thousands(u.counted()),
                                   u.on_lambda ? "" : " (not on Lambda)"));
    }
    std::string proxy_remedy = "RDS Proxy in front pools them";
    if (const PriceEntry* proxy = context.catalog.find(remedy_keys::kRdsProxyVcpuHour)) {
      const double vcpus = std::max(2.0, db.vcpu.value_or(2.0));
      proxy_remedy += fmt::format(" for {}/month ({} database vCPUs)",
                                  money(proxy->usd * kHoursPerMonth * vcpus), thousands(vcpus));
    }
    for (const User& u : users) {
      if (!raised_on(u)) continue;
      const Service& service = spec.services[u.index];
      const RuntimeEstimate& lambda = *feasible_estimate(context, u.index, RuntimeId::lambda);
      const double others = total - u.counted();
      std::vector<std::string> remedies = {proxy_remedy};
      const std::string reserved =
          reserved_concurrency_remedy(context, u, lambda, *db.max_connections - others);
      if (!reserved.empty()) remedies.push_back(reserved);
      if (const RuntimeEstimate* fargate =
              feasible_estimate(context, u.index, RuntimeId::ecs_fargate)) {
        remedies.push_back(fmt::format("on ECS on Fargate {} peaks at {} connections", service.name,
                                       thousands(peak_on(*fargate, db.name))));
      }
      const bool varying = service.traffic.shape == TrafficShape::bursty ||
                           service.traffic.shape == TrafficShape::diurnal;
      out.push_back(
          {u.index,
           make_finding(rule, RuntimeId::lambda,
                        fmt::format("On Lambda, the simulated peak holds {} connections to {} "
                                    "({}) against max_connections {}{}: each environment holds "
                                    "its own. Remedies: {}.",
                                    thousands(total), db.name, join_sentence(shares),
                                    thousands(*db.max_connections),
                                    varying ? fmt::format(" at the traffic peak of {} requests/s",
                                                          figure(peak_rate(service)))
                                            : "",
                                    join_list(remedies)),
                        spec.location(u.use->mark))});
    }
  }
}

}  // namespace

std::vector<std::size_t> lambda_storm_services(const RuleContext& context, const Downstream& db) {
  std::vector<std::size_t> raised;
  if (!storms(db)) return raised;
  const std::vector<User> users = users_of(context, db);
  if (total_of(users) <= *db.max_connections) return raised;
  for (const User& u : users) {
    if (raised_on(u)) raised.push_back(u.index);
  }
  return raised;
}

Rule lambda_db_connection_storm_rule() {
  return {"lambda-db-connection-storm",
          Severity::high,
          "Lambda environments exhaust database "
          "connections",
          "On Lambda every execution environment opens its own connections and holds them until "
          "it is reclaimed; in a burst the environments multiply and their connections exceed "
          "the database's max_connections, and new connections fail. Judged on the simulated "
          "peak of connections held, summed over the database's users (each on Lambda when it "
          "can run there, else at the least it holds on another runtime); raised on the users "
          "whose environments hold more than they would elsewhere.",
          "Put RDS Proxy (or pgbouncer) in front of the database, cap the function's reserved "
          "concurrency so that concurrency × connections stays under the limit (re-simulated in "
          "the finding: what it throttles), or run the service on containers with a bounded pool "
          "per task.",
          check};
}

}  // namespace computefit
