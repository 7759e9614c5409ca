#include <fmt/format.h>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

// Reserved concurrency 0 is how AWS switches a function off: every invocation is throttled. In a
// template that deploys a live function it is a slip (a placeholder, a copied kill switch) that no
// load test catches until the first request.
void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = lambda_reserved_zero_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    const LambdaConfig& config = service.runtimes.lambda;
    if (config.reserved_concurrency != 0) continue;
    const RuntimeEstimate* lambda = feasible_estimate(context, i, RuntimeId::lambda);
    if (!lambda) continue;
    const Behaviour& b = lambda->behaviour;
    const std::string what =
        service.kind == ServiceKind::http
            ? "every caller gets HTTP 429"
            : "every event and message is retried until it expires or reaches its dead-letter "
              "queue";
    std::string message = fmt::format(
        "{} has reserved concurrency 0: Lambda throttles every invocation, {}{}. Reserved "
        "concurrency 0 is AWS's switch for turning a function off.",
        service.name, what,
        b.simulated ? fmt::format(" ({} of the simulated requests throttled)",
                                  fmt::format("{:.1f}%", 100 * b.throttled_fraction))
                    : std::string(""));
    Finding finding = make_finding(
        rule, RuntimeId::lambda, std::move(message),
        config_location(context.spec, service, "runtimes.lambda.reserved_concurrency", "name"));
    finding.remedy =
        "remove the reserved concurrency (the function then shares the account's unreserved "
        "pool) or reserve at least the concurrency its peak needs";
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule lambda_reserved_zero_rule() {
  return {"lambda-reserved-zero",
          Severity::high,
          "A Lambda function with reserved concurrency 0",
          "Reserved concurrency caps how many environments a function may run at once; 0 means "
          "none, so every invocation is throttled (synchronous callers get 429, asynchronous "
          "events are retried and then dropped). It is the documented way to switch a function "
          "off, and a slip anywhere else.",
          "Remove ReservedConcurrentExecutions (reserved_concurrent_executions = -1 in Terraform) "
          "or set it to at least the function's peak concurrency.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
