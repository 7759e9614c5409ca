#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "advisor/wording.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"

namespace computefit {
namespace {

// The most instances a runtime can be configured to run for the service, and the requests each
// serves at once.
struct Ceiling {
  RuntimeId runtime;
  double instances;
  double concurrency;
  std::string setting;  ///< what caps it, e.g. "max_tasks 100"
};

Ceiling ceiling(const Service& service, RuntimeId runtime) {
  if (runtime == RuntimeId::lambda) {
    const LambdaConfig& l = service.runtimes.lambda;
    if (l.reserved_concurrency) {
      return {runtime, static_cast<double>(*l.reserved_concurrency), 1,
              fmt::format("reserved concurrency {}", *l.reserved_concurrency)};
    }
    return {runtime, static_cast<double>(l.account_concurrency), 1,
            fmt::format("account concurrency {}", thousands(l.account_concurrency))};
  }
  const ContainerConfig& c = service.runtimes.container(runtime);
  return {runtime, static_cast<double>(c.max_tasks),
          static_cast<double>(service.concurrency_per_instance),
          fmt::format("{} {}", runtime == RuntimeId::eks ? "max_pods" : "max_tasks", c.max_tasks)};
}

std::string cap_setting(RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::lambda:
      return "reserved concurrency";
    case RuntimeId::eks:
      return "max_pods";
    default:
      return "max_tasks";
  }
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Spec& spec = context.spec;
  const Rule rule = scaling_outruns_downstream_rule();
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    const Service& service = spec.services[i];
    const double mean_s = service.duration_ms.mean() / 1000.0;
    for (const Use& use : service.uses) {
      const Downstream* downstream = spec.downstream(use.downstream);
      if (!downstream) continue;
      std::vector<std::string> over;
      std::vector<RuntimeId> runtimes;
      for (RuntimeId runtime : kAllRuntimes) {
        if (!feasible_estimate(context, i, runtime)) continue;
        const Ceiling c = ceiling(service, runtime);
        if (downstream->max_connections && !downstream->proxy && use.connections_per_instance > 0) {
          const double most = c.instances * use.connections_per_instance;
          if (most > *downstream->max_connections) {
            const double cap =
                std::floor(*downstream->max_connections / use.connections_per_instance);
            over.push_back(fmt::format(
                "{} can open {} connections ({} × {} each) against max_connections {}; "
                "{} {} keeps it under",
                runtime_label(runtime), thousands(most), c.setting,
                thousands(use.connections_per_instance, 0), thousands(*downstream->max_connections),
                cap_setting(runtime), thousands(cap)));
            runtimes.push_back(runtime);
          }
        }
        if (downstream->max_rps && use.calls_per_request > 0 && mean_s > 0) {
          const double most = c.instances * c.concurrency / mean_s * use.calls_per_request;
          if (most > *downstream->max_rps) {
            const double per_instance = c.concurrency / mean_s * use.calls_per_request;
            over.push_back(fmt::format(
                "{} can push {} calls/s ({}) against its limit of {}/s; {} {} keeps it under",
                runtime_label(runtime), thousands(most), c.setting, thousands(*downstream->max_rps),
                cap_setting(runtime),
                thousands(std::max(1.0, std::floor(*downstream->max_rps / per_instance)))));
            runtimes.push_back(runtime);
          }
        }
      }
      if (over.empty()) continue;
      runtimes.erase(std::unique(runtimes.begin(), runtimes.end()), runtimes.end());
      const std::optional<RuntimeId> runtime =
          runtimes.size() == 1 ? std::optional<RuntimeId>(runtimes.front()) : std::nullopt;
      std::string advice = service.kind == ServiceKind::worker || service.kind == ServiceKind::event
                               ? " Scale on queue depth with a maximum that the downstream can "
                                 "take; the queue absorbs the rest."
                               : " Cap scaling to what the downstream can take, and shed or queue "
                                 "the excess.";
      out.push_back(
          {i, make_finding(rule, runtime,
                           fmt::format("{} scales faster than {} can follow: {}.{}", service.name,
                                       downstream->name, join_list(over), advice),
                           spec.location(use.mark))});
    }
  }
}

}  // namespace

Rule scaling_outruns_downstream_rule() {
  return {"scaling-outruns-downstream",
          Severity::high,
          "Scaling can outrun a downstream's limit",
          "The most load the runtime can be configured to push — its maximum instances or "
          "concurrency times the connections or calls each makes — exceeds a downstream's "
          "connection or rate limit, so a burst or a retry storm overwhelms the downstream.",
          "Cap the runtime (reserved concurrency, max tasks or pods) at what the downstream takes, "
          "scale workers on queue depth, and put a proxy or a queue in front of fragile "
          "dependencies.",
          check};
}

}  // namespace computefit
