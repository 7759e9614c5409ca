#include <fmt/format.h>

#include <algorithm>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/autoscaling_defaults.hpp"
#include "runtimes/lambda_model.hpp"

namespace computefit {
namespace {

bool behind_api_gateway(const Service& service) {
  const FrontDoor door = service.runtimes.lambda.front_door;
  return door == FrontDoor::api_gateway_http || door == FrontDoor::api_gateway_rest;
}

// The p99 a request takes: the option's (cold starts and queueing included) or the warm one on
// that runtime, whichever is longer. A simulated Lambda behind API Gateway records the requests
// cut off by the gateway at its timeout, so their own length comes from the duration.
double p99_ms(const Service& service, RuntimeId runtime, const RuntimeEstimate& estimate) {
  const double warm = runtime == RuntimeId::lambda ? lambda_duration(service).quantile(0.99)
                                                   : service.duration_ms.quantile(0.99);
  return std::max(estimate.behaviour.p99_ms, warm);
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = api_gateway_timeout_rule();
  const AutoscalingDefaults& limits = autoscaling_defaults();
  const double alb_s = limits.alb_idle_timeout_seconds;
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (service.kind != ServiceKind::http) continue;

    if (const RuntimeEstimate* lambda = feasible_estimate(context, i, RuntimeId::lambda);
        lambda && behind_api_gateway(service)) {
      const double p99_s = p99_ms(service, RuntimeId::lambda, *lambda) / 1000;
      const double gateway_s = service.runtimes.lambda.front_door == FrontDoor::api_gateway_http
                                   ? limits.http_api_timeout_seconds
                                   : limits.api_gateway_timeout_seconds;
      if (p99_s > gateway_s) {
        const double timeout_s = service.runtimes.lambda.timeout_seconds;
        std::string message = fmt::format(
            "On Lambda behind API Gateway ({}), {}'s p99 is {} s against the gateway's {} s "
            "integration timeout: the slowest requests get HTTP 504 while the function runs on "
            "(and is billed) up to its {} s timeout. Remedies: accept the request and answer "
            "asynchronously (put it on a queue, return 202 with a status URL to poll); or front "
            "the function with a function URL or an ALB, whose limit is the function timeout "
            "({} s){}.",
            to_string(service.runtimes.lambda.front_door), service.name, thousands(p99_s, 1),
            thousands(gateway_s), thousands(timeout_s), thousands(timeout_s),
            service.runtimes.lambda.front_door == FrontDoor::api_gateway_rest
                ? "; a Regional REST API can also ask for a longer integration timeout (a quota "
                  "increase that may lower its account-level throttle quota)"
                : "");
        out.push_back(
            {i, make_finding(rule, RuntimeId::lambda, std::move(message),
                             config_location(context.spec, service, "runtimes.lambda.front_door",
                                             "duration_ms"))});
      }
    }

    // Containers sit behind an ALB; its idle timeout cuts a response that takes longer.
    for (RuntimeId runtime : {RuntimeId::ecs_fargate, RuntimeId::ecs_ec2, RuntimeId::eks}) {
      const RuntimeEstimate* container = feasible_estimate(context, i, runtime);
      if (!container) continue;
      const double p99_s = p99_ms(service, runtime, *container) / 1000;
      if (p99_s <= alb_s) continue;
      Finding finding = make_finding(
          rule, runtime,
          fmt::format("On {}, {}'s p99 is {} s against the ALB's default {} s idle timeout: the "
                      "load balancer closes the slowest connections (HTTP 504). Raise the idle "
                      "timeout above the p99 (up to 4,000 s) or answer asynchronously.",
                      runtime_label(runtime), service.name, thousands(p99_s, 1), thousands(alb_s)),
          service_location(context.spec, service, "duration_ms"));
      // The idle timeout is a setting of the load balancer, not a hard limit.
      finding.severity = Severity::medium;
      out.push_back({i, std::move(finding)});
    }
  }
}

}  // namespace

Rule api_gateway_timeout_rule() {
  return {"api-gateway-timeout",
          Severity::high,
          "Requests outlast the front door's timeout",
          "An http service on Lambda behind API Gateway has a p99 above the gateway's "
          "integration timeout (29 s for a REST API, 30 s for an HTTP API), so the slowest "
          "requests fail with HTTP 504 while the function "
          "keeps running. On containers the ALB's 60 s idle timeout does the same; as it can be "
          "raised, that finding is medium.",
          "Answer long requests asynchronously (queue the work, return 202 and a status URL), "
          "front the function with a function URL or an ALB (limited by the function timeout), "
          "or raise the ALB idle timeout above the p99.",
          check};
}

}  // namespace computefit
