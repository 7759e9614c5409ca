#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/lambda_limits.hpp"
#include "runtimes/lambda_model.hpp"
#include "runtimes/traffic_profile.hpp"
#include "stats/queueing.hpp"
#include "workload/schedule.hpp"

namespace computefit {
namespace {

// A run's p99 above this share of the timeout leaves no margin for a slow day.
constexpr double kTimeoutMarginShare = 0.8;
// Runs expected to time out in a month from which the finding is high: they fail today.
constexpr double kFailingRunsPerMonth = 1;

// The share of runs longer than `timeout_ms` under the declared duration distribution.
double share_beyond(const DurationSpec& d, double timeout_ms) {
  switch (d.kind) {
    case DurationSpec::Kind::fixed:
      return d.fixed_ms > timeout_ms ? 1 : 0;
    case DurationSpec::Kind::lognormal:
      return 1 - stats::normal_cdf(std::log(timeout_ms / d.p50_ms) / d.lognormal_sigma());
    case DurationSpec::Kind::exponential:
      return std::exp(-timeout_ms / d.mean_ms);
  }
  return 0;
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = lambda_duration_cap_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    // A p99 past the timeout makes Lambda infeasible, and its reason already says so with the
    // same figures: the finding is folded into it.
    const RuntimeEstimate* lambda = feasible_estimate(context, i, RuntimeId::lambda);
    if (!lambda) continue;
    // The duration Lambda runs, cpu_bound scaling included: the one the infeasible reason uses.
    const DurationSpec duration = lambda_duration(service);
    const bool fixed = duration.kind == DurationSpec::Kind::fixed;
    const double timeout_s =
        std::min(service.runtimes.lambda.timeout_seconds, lambda_limits().timeout_seconds);
    const double p99_s = (fixed ? duration.fixed_ms : duration.quantile(0.99)) / 1000;
    if (p99_s <= kTimeoutMarginShare * timeout_s) continue;

    // Runs a month at the declared rate: the distribution's tail is judged on the month the
    // spec declares, not on how many arrivals one simulated window happened to draw.
    const double monthly = service.kind == ServiceKind::scheduled
                               ? (service.schedule ? runs_per_month(*service.schedule) : 0)
                               : service.traffic.rps * kSecondsPerMonth;
    const double share = share_beyond(duration, timeout_s * 1000);
    const double failing = share * monthly;
    const std::string run = service.kind == ServiceKind::scheduled ? "run" : "request";
    const std::string took =
        fixed ? fmt::format("every {} of {} takes {} s", run, service.name, figure(p99_s))
              : fmt::format("{}'s p99 {} time is {} s", service.name, run, figure(p99_s));
    std::string message;
    Finding finding = make_finding(rule, RuntimeId::lambda, "", "");
    if (failing >= kFailingRunsPerMonth) {
      message = fmt::format(
          "On Lambda, {}, {:.0f}% of its {} s timeout, and the tail beyond it times out: about "
          "{} {}s a month ({}%) run past {} s and are stopped. Split the work into steps (Step "
          "Functions, or SQS batches) each well under the cap, or run it on a container.",
          took, 100 * p99_s / timeout_s, thousands(timeout_s), figure(failing), run,
          thousands(100 * share, 2), thousands(timeout_s));
    } else {
      // Nothing fails at the declared durations; the margin for a slow day is what is missing.
      finding.severity = Severity::medium;
      message = fmt::format(
          "On Lambda, {}, {:.0f}% of its {} s timeout: {}, but a slow downstream or a larger "
          "input pushes {}s over the cap. Keep {}s under {:.0f}% of the timeout, or move the "
          "long path to a container.",
          took, 100 * p99_s / timeout_s, thousands(timeout_s),
          fixed ? std::string("none times out today")
                : fmt::format("at the declared durations fewer than one {} a month times out", run),
          run, run, 100 * kTimeoutMarginShare);
    }
    finding.message = std::move(message);
    finding.location = service_location(context.spec, service, "duration_ms");
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule lambda_duration_cap_rule() {
  return {"lambda-duration-cap",
          Severity::high,
          "Runs near or past Lambda's time limit",
          "On Lambda, a run's p99 (of the duration Lambda runs, scaled to its vCPU when "
          "cpu_bound) exceeds 80% of the function timeout. High when runs time out (at least one "
          "a month at the declared duration distribution), medium when none does and only the "
          "margin for a slow day is missing. A p99 above the timeout makes Lambda infeasible: "
          "the infeasible reason says so, and no finding is raised beside it. Lambda's hard cap "
          "is 15 minutes.",
          "Split long work into shorter steps (Step Functions, SQS batches) or run it as a "
          "container task.",
          check};
}

}  // namespace computefit
