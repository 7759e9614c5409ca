#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "rules/remedy_check.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/lambda_limits.hpp"
#include "runtimes/lambda_model.hpp"
#include "stats/queueing.hpp"

namespace computefit {
namespace {

// Above this share of throttled requests the limit is a design problem, not a rare event.
constexpr double kThrottledShare = 0.001;
// The blocking the recommended limit is sized for (the same share).
constexpr double kTargetBlocking = 0.001;
// Lambda keeps this much of the account's concurrency unreserved (lambda-concurrency.html,
// read 2026-11-29).
constexpr int kUnreservedMinimum = 100;

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = lambda_concurrency_throttling_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    const RuntimeEstimate* lambda = feasible_estimate(context, i, RuntimeId::lambda);
    if (!lambda || service.kind == ServiceKind::scheduled) continue;
    const Behaviour& b = lambda->behaviour;
    if (b.throttled_fraction <= kThrottledShare) continue;

    const LambdaConfig& config = service.runtimes.lambda;
    // Reserved concurrency 0 throttles by design: lambda-reserved-zero says so once.
    if (config.reserved_concurrency == 0) continue;
    const bool reserved = config.reserved_concurrency.has_value() &&
                          *config.reserved_concurrency < config.account_concurrency;
    const int limit = reserved ? *config.reserved_concurrency : config.account_concurrency;
    const bool sync = service.kind == ServiceKind::http;

    // Erlang B at the peak rate: the concurrency that turns away at most 0.1% of arrivals.
    const double d = lambda_duration(service).mean() / 1000;
    const double offered = peak_rate(service) * d;
    const int needed = stats::servers_for_blocking(offered, kTargetBlocking);

    // Each remedy names a setting, so it is simulated with that setting before it is offered.
    std::string setting;
    std::function<void(Service&)> change;
    if (needed > limit) {
      if (reserved && needed + kUnreservedMinimum <= config.account_concurrency) {
        setting = fmt::format("raise reserved concurrency from {} to {}", limit, needed);
        change = [&](Service& s) { s.runtimes.lambda.reserved_concurrency = needed; };
      } else {
        // Reserving leaves at least 100 of the account's concurrency unreserved.
        const int quota = needed + (reserved ? kUnreservedMinimum : 0);
        setting = fmt::format(
            "ask for an account concurrency quota of at least {} (now {}; the increase is free){}",
            thousands(quota), thousands(config.account_concurrency),
            reserved ? fmt::format(" and raise reserved concurrency to {}", needed) : "");
        change = [&](Service& s) {
          s.runtimes.lambda.account_concurrency = quota;
          if (reserved) s.runtimes.lambda.reserved_concurrency = needed;
        };
      }
    } else {
      // The steady peak fits: what throttles are bursts the scaling rate cannot follow.
      setting = fmt::format(
          "the limit of {} covers the steady peak, so the throttling comes from bursts: Lambda "
          "adds at most {} environments per {:g} s per function; provisioned concurrency {} "
          "keeps them ready",
          limit, lambda_limits().scale_environments, lambda_limits().scale_period_seconds, needed);
      change = [&](Service& s) {
        s.runtimes.lambda.provisioned_concurrency =
            std::max(s.runtimes.lambda.provisioned_concurrency, needed);
      };
    }
    const RuntimeEstimate tried = try_setting(context, i, RuntimeId::lambda, change);
    const double still = tried.feasible ? tried.behaviour.throttled_fraction : 1;
    std::vector<std::string> remedies = {
        fmt::format("{} ({} with it: {}{})", setting, judged_by(service, RuntimeId::lambda),
                    outcome_phrase(service, RuntimeId::lambda, tried),
                    still > kThrottledShare ? "; not enough on its own" : "")};
    for (RuntimeId runtime : {RuntimeId::ecs_fargate, RuntimeId::ecs_ec2, RuntimeId::eks}) {
      const RuntimeEstimate* container = feasible_estimate(context, i, runtime);
      if (!container) continue;
      remedies.push_back(fmt::format(
          "on {} requests queue instead of failing ({} at p99, {} instances at the peak)",
          runtime_label(runtime), milliseconds(container->behaviour.p99_ms),
          thousands(container->behaviour.peak_instances)));
      break;
    }

    std::string message = fmt::format(
        "On Lambda, {:.2f}% of {} {}: concurrency peaks at {} against a limit of {} ({}). At the "
        "peak of {} requests/s × {} mean duration the offered load is {} environments; Erlang B "
        "puts the limit that blocks under {:g}% at {}. Remedies: {}.",
        100 * b.throttled_fraction, sync ? "requests" : "deliveries",
        sync ? "are throttled (HTTP 429 to the caller)"
             : "are lost: throttled until their retries ran out of time (event age or queue "
               "retention)",
        thousands(b.peak_instances), thousands(limit),
        reserved ? "reserved concurrency" : "account concurrency", thousands(peak_rate(service), 1),
        milliseconds(d * 1000), thousands(offered, 1), 100 * kTargetBlocking, thousands(needed),
        join_list(remedies));
    const std::string location =
        reserved ? config_location(context.spec, service, "runtimes.lambda.reserved_concurrency",
                                   "traffic")
                 : config_location(context.spec, service, "runtimes.lambda.account_concurrency",
                                   "traffic");
    out.push_back({i, make_finding(rule, RuntimeId::lambda, std::move(message), location)});
  }
}

}  // namespace

Rule lambda_concurrency_throttling_rule() {
  return {
      "lambda-concurrency-throttling",
      Severity::high,
      "Lambda throttles at its concurrency limit",
      "On Lambda, more than 0.1% of simulated requests find every environment the function "
      "may run (its reserved concurrency, else the account's concurrency) busy and are refused: "
      "synchronous callers get HTTP 429; asynchronous events and queue messages are retried, "
      "and count here when their retries run out of time and they are lost.",
      "A concurrency limit sized with Erlang B for the peak (an account quota increase, a "
      "larger reserved concurrency), provisioned concurrency when bursts outrun Lambda's "
      "scaling rate, or a container runtime that queues requests instead of refusing them.",
      check};
}

}  // namespace computefit
