#include <fmt/format.h>

#include "advisor/wording.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"

namespace computefit {
namespace {

// A run's p99 above this share of the timeout leaves no margin for a slow day.
constexpr double kTimeoutMarginShare = 0.8;

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = lambda_duration_cap_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (!considers(service, RuntimeId::lambda)) continue;
    const double timeout_s = service.runtimes.lambda.timeout_seconds;
    const double p99_s = service.duration_ms.quantile(0.99) / 1000.0;
    if (p99_s <= kTimeoutMarginShare * timeout_s) continue;
    const std::string location = service_location(context.spec, service, "duration_ms");
    std::string message;
    if (p99_s > timeout_s) {
      message = fmt::format(
          "A run of {} takes {} s at p99 ({:.1f} min) but Lambda stops it at {} s: {} runs would "
          "time out. Split the work into steps (Step Functions, or SQS batches) each well under "
          "the cap, or run it as a scheduled ECS task.",
          service.name, thousands(p99_s), p99_s / 60, thousands(timeout_s),
          service.duration_ms.kind == DurationSpec::Kind::fixed ? "all" : "some");
    } else {
      message = fmt::format(
          "{}'s p99 run time {} s is {:.0f}% of its {} s Lambda timeout: a slow downstream pushes "
          "runs over the cap. Keep runs under {:.0f}% of the timeout, or move the long path to a "
          "container.",
          service.name, thousands(p99_s, 1), 100 * p99_s / timeout_s, thousands(timeout_s),
          100 * kTimeoutMarginShare);
    }
    out.push_back({i, make_finding(rule, RuntimeId::lambda, std::move(message), location)});
  }
}

}  // namespace

Rule lambda_duration_cap_rule() {
  return {"lambda-duration-cap",
          Severity::high,
          "Runs near or past Lambda's time limit",
          "On Lambda, a run's p99 exceeds 80% of the function timeout, or runs exceed it (a fixed "
          "duration or a p99 above the timeout makes Lambda infeasible). Lambda's hard cap is 15 "
          "minutes.",
          "Split long work into shorter steps (Step Functions, SQS batches) or run it as a "
          "container task.",
          check};
}

}  // namespace computefit
