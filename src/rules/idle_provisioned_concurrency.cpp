#include <fmt/format.h>

#include <algorithm>

#include "rules/remedy_check.hpp"
#include "rules/remedy_prices.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/traffic_profile.hpp"
#include "stats/queueing.hpp"

namespace computefit {
namespace {

// Below this share of the provisioned environments in use on average, most of them sit idle.
constexpr double kBusyShare = 0.3;
// A right-sized pool serves this share of requests warm at the mean rate (Erlang B).
constexpr double kWarmShare = 0.99;

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = idle_provisioned_concurrency_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    const int provisioned = service.runtimes.lambda.provisioned_concurrency;
    const RuntimeEstimate* lambda = feasible_estimate(context, i, RuntimeId::lambda);
    if (!lambda || provisioned <= 0) continue;
    const Usage& u = lambda->usage;
    const double gb = service.memory_mb / 1024;
    // Busy environments on average (Little's law): billed duration over the month's seconds.
    const double busy =
        (u.lambda_gb_seconds + u.lambda_provisioned_duration_gb_seconds) / (gb * kSecondsPerMonth);
    if (busy >= kBusyShare * provisioned) continue;

    const double price = unit_price(context.catalog, service.architecture == Architecture::arm64
                                                         ? remedy_keys::kLambdaProvisionedArm
                                                         : remedy_keys::kLambdaProvisionedX86);
    const double allocated_usd = u.lambda_provisioned_gb_seconds * price;
    const double idle_gb_s =
        std::max(0.0, u.lambda_provisioned_gb_seconds - u.lambda_provisioned_duration_gb_seconds);
    const double idle_usd = idle_gb_s * price;
    const int right = std::max(1, stats::servers_for_blocking(busy, 1 - kWarmShare));
    std::string remedy;
    if (right < provisioned) {
      // The smaller pool is a setting: simulated before it is offered, so the finding says what
      // it does to cold starts and the SLO.
      const double right_usd = right * gb * kSecondsPerMonth * price;
      const RuntimeEstimate tried = try_setting(context, i, RuntimeId::lambda, [&](Service& s) {
        s.runtimes.lambda.provisioned_concurrency = right;
      });
      remedy = fmt::format(
          "provisioned concurrency {} (Erlang B: {:g}% of requests warm at the mean load) for "
          "{}/month, {} less ({} with it: {}){}; or schedule it (Application Auto Scaling) for "
          "the hours that need it",
          right, 100 * kWarmShare, money(right_usd), money(allocated_usd - right_usd),
          judged_by(service, RuntimeId::lambda), outcome_phrase(service, RuntimeId::lambda, tried),
          tried.feasible && service.slo.any() && !meets_slo(service, tried.behaviour) &&
                  meets_slo(service, lambda->behaviour)
              ? "; it gives up the SLO, so keep the larger pool for the busy hours only"
              : "");
    } else {
      remedy = "schedule it (Application Auto Scaling) for the hours that need it";
    }
    std::string message = fmt::format(
        "On Lambda, {} keeps {} provisioned environments ({}/month allocated) but {} are busy on "
        "average ({}%): {}/month pays for idle provisioned GB-seconds. Remedy: {}.",
        service.name, provisioned, money(allocated_usd), thousands(busy, 2),
        thousands(100 * busy / provisioned, 1), money(idle_usd), remedy);
    out.push_back(
        {i, make_finding(rule, RuntimeId::lambda, std::move(message),
                         config_location(context.spec, service,
                                         "runtimes.lambda.provisioned_concurrency", "runtimes"))});
  }
}

}  // namespace

Rule idle_provisioned_concurrency_rule() {
  return {"idle-provisioned-concurrency",
          Severity::low,
          "Provisioned concurrency sits idle",
          "On Lambda, provisioned concurrency is configured but fewer than 30% of the provisioned "
          "environments are busy on average (billed duration over the month, Little's law): the "
          "rest is paid for by the GB-second to stay warm with nothing to do.",
          "Size it to the load it must keep warm (Erlang B at the mean rate, priced in the "
          "finding), schedule it for the busy hours only, or drop it where cold starts do not "
          "break the SLO.",
          check};
}

}  // namespace computefit
