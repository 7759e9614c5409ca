#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "rules/remedy_check.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/lambda_limits.hpp"
#include "runtimes/lambda_model.hpp"
#include "runtimes/traffic_profile.hpp"
#include "runtimes/wording.hpp"
#include "sim/lambda_sim.hpp"
#include "stats/queueing.hpp"

namespace computefit {
namespace {

// Above this share of throttled requests (or, asynchronous, of events that waited for
// concurrency) the limit is a design problem, not a rare event.
constexpr double kThrottledShare = 0.001;
// The blocking the recommended limit is sized for (the same share).
constexpr double kTargetBlocking = 0.001;
// An asynchronous wait this long is seen by whoever waits on the result (a thumbnail, an e-mail,
// a downstream record) and grows with every burst; shorter waits are Lambda's queue doing its job.
constexpr double kLongWaitMs = 60'000;
// A backlog an hour deep outlasts the burst that built it many times over: work done hours late
// (an invoice, a notification, a sync) fails its purpose for most consumers.
constexpr double kBacklogWaitMs = 3'600'000;
// Lambda keeps this much of the account's concurrency unreserved (lambda-concurrency.html,
// read 2026-11-29).
constexpr int kUnreservedMinimum = 100;

// When the busiest simulated hour starts, as " at the HH:MM UTC peak" (the simulation starts on a
// Monday at 00:00 UTC); empty for steady traffic, whose every hour is alike, or without one.
std::string peak_clock(const Service& service, const Behaviour& b) {
  if (service.traffic.shape == TrafficShape::steady) return {};
  if (!b.busiest_hour || b.busiest_hour->minutes.empty()) return {};
  const auto minute = static_cast<long long>(std::floor(b.busiest_hour->start_seconds / 60));
  const long long of_day = ((minute % 1440) + 1440) % 1440;
  return fmt::format(" at the {:02}:{:02} UTC peak", of_day / 60, of_day % 60);
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = lambda_concurrency_throttling_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    const RuntimeEstimate* lambda = feasible_estimate(context, i, RuntimeId::lambda);
    if (!lambda || service.kind == ServiceKind::scheduled) continue;
    const Behaviour& b = lambda->behaviour;
    const bool sync = service.kind == ServiceKind::http;
    // Asynchronous events and queue messages wait instead of failing: the share that waited is
    // what AWS's Throttles metric shows; those dropped past their age count as throttled.
    const double share =
        sync ? b.throttled_fraction : std::max(b.throttled_fraction, b.waited_fraction);
    if (share <= kThrottledShare) continue;

    const LambdaConfig& config = service.runtimes.lambda;
    // Reserved concurrency 0 throttles by design: lambda-reserved-zero says so once.
    if (config.reserved_concurrency == 0) continue;
    const bool reserved = config.reserved_concurrency.has_value() &&
                          *config.reserved_concurrency < config.account_concurrency;
    const int function_limit = reserved ? *config.reserved_concurrency : config.account_concurrency;
    // A worker's event source mapping may cap its invocations below the function's limit: the
    // messages then wait in the queue (a backlog, not throttles).
    const sim::LambdaDefaults& defaults = sim::kLambdaDefaults;
    std::optional<int> mapping;
    if (service.kind == ServiceKind::worker && service.event_source &&
        service.event_source->max_concurrency) {
      const int m =
          std::clamp(*service.event_source->max_concurrency, defaults.queue_max_concurrency_min,
                     defaults.queue_max_concurrency_max);
      if (m < function_limit) mapping = m;
    }
    const int limit = mapping.value_or(function_limit);

    // Erlang B at the peak rate: the concurrency that turns away at most 0.1% of arrivals. A
    // worker's invocation carries a batch of messages: full while they wait, and with room to
    // spare what arrives within the batching window after the first (1 without a window).
    const double d = lambda_duration(service).mean() / 1000;
    double batch = 1;
    double spare_batch = 1;
    if (service.kind == ServiceKind::worker && service.event_source) {
      const EventSource& source = *service.event_source;
      batch = std::max(1, source.batch_size.value_or(defaults.queue_batch_size));
      const double window = std::max(
          0.0, source.batching_window_seconds.value_or(defaults.queue_batching_window_seconds));
      spare_batch = std::min(batch, 1 + peak_rate(service) * window);
    }
    const double offered = peak_rate(service) / spare_batch * d;
    // Asynchronous work offered above the limit on average never drains: the backlog grows until
    // its oldest events pass their maximum age and are lost.
    const double mean_offered = traffic_profile(service.traffic).mean_rps / batch * d;
    const bool unbounded = !sync && mean_offered >= limit;
    int needed = stats::servers_for_blocking(offered, kTargetBlocking);
    // Asynchronous events queue rather than fail: Erlang C (the share that waits, never below
    // Erlang B's share blocked) sizes the limit instead.
    if (!sync) {
      const int most = 2 * needed + 10;
      while (needed < most && stats::erlang_c(needed, offered) > kTargetBlocking) ++needed;
    }

    // Each remedy names a setting, so it is simulated with that setting before it is offered.
    std::string setting;
    std::function<void(Service&)> change;
    if (mapping && needed > limit) {
      const int raised = std::min({needed, function_limit, defaults.queue_max_concurrency_max});
      setting = fmt::format("raise the event source mapping's maximum concurrency from {} to {}",
                            limit, raised);
      change = [raised](Service& s) { s.event_source->max_concurrency = raised; };
    } else if (needed > limit) {
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
    const Behaviour& t = tried.behaviour;
    const double still = !tried.feasible ? 1
                         : sync          ? t.throttled_fraction
                                         : std::max(t.throttled_fraction, t.waited_fraction);
    const std::string waited_then =
        !sync && tried.feasible
            ? fmt::format("; {:.2f}% waited for concurrency", 100 * t.waited_fraction)
            : std::string();
    std::vector<std::string> remedies = {
        fmt::format("{} ({} with it: {}{}{})", setting, judged_by(service, RuntimeId::lambda),
                    outcome_phrase(service, RuntimeId::lambda, tried), waited_then,
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

    const std::string limit_name = mapping    ? "the event source mapping's maximum concurrency"
                                   : reserved ? "reserved concurrency"
                                              : "account concurrency";
    std::string what;
    if (sync) {
      what = fmt::format("{:.2f}% of requests are throttled (HTTP 429 to the caller)",
                         100 * b.throttled_fraction);
    } else {
      const bool queue = service.kind == ServiceKind::worker;
      const double max_age =
          queue ? defaults.queue_retention_seconds : defaults.event_max_age_seconds;
      what = fmt::format(
          "{:.2f}% of {} waited {}{}: the oldest was {} old when its invocation started (p99 {}); "
          "{} older than {} {}{}",
          100 * b.waited_fraction, queue ? "messages" : "events",
          mapping ? "in the queue behind the mapping's maximum concurrency"
                  : "for concurrency (throttled, as AWS's Throttles metric counts them)",
          peak_clock(service, b), milliseconds(b.max_wait_ms), milliseconds(b.p99_wait_ms),
          queue ? "messages" : "events", span_text(max_age),
          queue ? "are deleted by SQS (its retention period)"
                : "are dropped (or sent to the on-failure destination)",
          b.throttled_fraction > 0 ? fmt::format(", as {:.2f}% were", 100 * b.throttled_fraction)
                                   : std::string());
      if (unbounded) {
        what += fmt::format(
            "; the mean load alone ({} environments) is at or above the limit, so the backlog "
            "never drains and grows with every hour run",
            thousands(mean_offered, 1));
      }
    }
    std::string message = fmt::format(
        "On Lambda, {}{} concurrency peaks at {} against a limit of {} ({}). At the peak of {} "
        "{}/s × {} mean duration the offered load is {} environments; {} at {}. Remedies: {}.",
        what, sync ? ":" : ";", thousands(b.peak_instances), thousands(limit), limit_name,
        thousands(peak_rate(service), 1),
        sync                                  ? "requests"
        : service.kind == ServiceKind::worker ? "messages"
                                              : "events",
        milliseconds(d * 1000), thousands(offered, 1),
        sync ? fmt::format("Erlang B puts the limit that blocks under {:g}%", 100 * kTargetBlocking)
             : fmt::format("Erlang C puts the limit at which under {:g}% wait",
                           100 * kTargetBlocking),
        thousands(needed), join_list(remedies));
    const std::string location =
        mapping ? config_location(context.spec, service, "event_source.max_concurrency", "traffic")
        : reserved ? config_location(context.spec, service, "runtimes.lambda.reserved_concurrency",
                                     "traffic")
                   : config_location(context.spec, service, "runtimes.lambda.account_concurrency",
                                     "traffic");
    Finding finding = make_finding(rule, RuntimeId::lambda, std::move(message), location);
    // Asynchronous events that wait are delayed, not lost: high when some are lost, the backlog
    // never drains, the oldest waited an hour or the wait breaks the declared p99; medium when
    // the oldest waited a minute or more; low otherwise.
    if (!sync && !unbounded && b.throttled_fraction <= kThrottledShare &&
        b.max_wait_ms < kBacklogWaitMs &&
        !(service.slo.p99_ms && b.p99_wait_ms > *service.slo.p99_ms)) {
      finding.severity = b.max_wait_ms >= kLongWaitMs ? Severity::medium : Severity::low;
    }
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule lambda_concurrency_throttling_rule() {
  return {"lambda-concurrency-throttling",
          Severity::high,
          "Lambda throttles at its concurrency limit",
          "On Lambda, more than 0.1% of simulated requests find every environment the function "
          "may run (its reserved concurrency, else the account's concurrency) busy: synchronous "
          "callers are refused with HTTP 429; asynchronous events wait in Lambda's queue and queue "
          "messages in SQS (behind an event source mapping's maximum concurrency too) until "
          "concurrency frees, and count here when they waited (AWS's Throttles metric); the "
          "finding gives their age, and events past 6 h (messages past the queue's retention) are "
          "lost. High for synchronous throttles, lost events, a mean load at or above the limit (a "
          "backlog that never drains), a wait of an hour or more or one past the declared p99; "
          "for waits alone, medium when the oldest waited a minute or more, else low.",
          "A concurrency limit sized with Erlang B for the peak (Erlang C for asynchronous "
          "events and queue messages; an account quota increase, a "
          "larger reserved concurrency), provisioned concurrency when bursts outrun Lambda's "
          "scaling rate, or a container runtime that queues requests instead of refusing them.",
          check};
}

}  // namespace computefit
