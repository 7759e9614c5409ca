#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/lambda_limits.hpp"

namespace computefit {
namespace {

// AWS's advice for a queue a Lambda function reads: a visibility timeout of at least six times
// the function's timeout plus MaximumBatchingWindowInSeconds, so that a batch throttled and
// retried is not delivered again while it waits; below the timeout itself, CreateEventSourceMapping
// fails (docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html, with-sqs.html).
constexpr double kAdvisedTimeoutMultiple = 6;

// The runtimes on which a service reads its queue itself (an ECS worker, a pod): a message stays
// invisible while it is processed, so the visibility timeout must outlast the run.
constexpr std::array<RuntimeId, 3> kContainerRuntimes = {RuntimeId::ecs_fargate, RuntimeId::ecs_ec2,
                                                         RuntimeId::eks};

std::string seconds(double s) {
  return fmt::format("{} s", figure(s));
}

// A Lambda consumer: judged on its configuration (the two timeouts and the batching window).
void check_lambda(const RuleContext& context, std::size_t i, double visibility,
                  std::vector<RaisedFinding>& out) {
  const Service& service = context.spec.services[i];
  const EventSource& source = *service.event_source;
  if (!feasible_estimate(context, i, RuntimeId::lambda)) return;
  const double timeout =
      std::min(service.runtimes.lambda.timeout_seconds, lambda_limits().timeout_seconds);
  const double window = source.batching_window_seconds.value_or(0);
  const double advised = kAdvisedTimeoutMultiple * timeout + window;
  if (visibility >= advised) return;
  const std::string advice = window > 0
                                 ? fmt::format("{:g} × the timeout + the {} batching window",
                                               kAdvisedTimeoutMultiple, seconds(window))
                                 : fmt::format("{:g} × the timeout", kAdvisedTimeoutMultiple);
  Finding finding = make_finding(
      sqs_visibility_timeout_rule(), RuntimeId::lambda, "",
      service_location(context.spec, service, "event_source.visibility_timeout_seconds"));
  if (visibility < timeout) {
    finding.message = fmt::format(
        "Queue {}'s visibility timeout {} is below {}'s function timeout {}: Lambda refuses to "
        "create the event source mapping (CreateEventSourceMapping fails), so the deploy fails; "
        "set VisibilityTimeout ≥ {}, {}, AWS's advice.",
        source.queue, seconds(visibility), service.name, seconds(timeout), seconds(advised),
        advice);
  } else {
    finding.severity = Severity::medium;
    finding.message = fmt::format(
        "Queue {}'s visibility timeout {} is below {}, {} ({}'s timeout is {}), AWS's advice: a "
        "batch that is throttled and retried, or still running, becomes visible again and is "
        "delivered twice, and each delivery counts towards the redrive policy's "
        "maxReceiveCount; set VisibilityTimeout ≥ {}.",
        source.queue, seconds(visibility), seconds(advised), advice, service.name, seconds(timeout),
        seconds(advised));
  }
  finding.remedy = fmt::format("VisibilityTimeout: {:g}", std::ceil(advised));
  finding.resource = source.queue;
  out.push_back({i, std::move(finding)});
}

// A consumer that reads the queue itself: judged on its simulated run time, so only when the
// service was simulated (it has traffic and durations from the spec or the overlay).
void check_container(const RuleContext& context, std::size_t i, RuntimeId runtime,
                     double visibility, std::vector<RaisedFinding>& out) {
  const Service& service = context.spec.services[i];
  const RuntimeEstimate* estimate = feasible_estimate(context, i, runtime);
  if (!estimate || !estimate->behaviour.simulated || !estimate->behaviour.latency_measured) return;
  const double p99 = estimate->behaviour.p99_ms / 1000;
  if (visibility >= p99) return;
  const std::string& queue = service.event_source->queue;
  Finding finding = make_finding(
      sqs_visibility_timeout_rule(), runtime,
      fmt::format(
          "Queue {}'s visibility timeout {} is below {}'s simulated p99 time to process a "
          "message on {}, {}: more than one message in a hundred becomes visible again while it "
          "is still being processed and is received and processed a second time (and reaches "
          "the dead-letter queue after maxReceiveCount receives); set VisibilityTimeout above "
          "the longest a message takes to process and delete, AWS's advice (here more than {}), "
          "or extend it from the consumer with ChangeMessageVisibility.",
          queue, seconds(visibility), service.name, runtime_label(runtime), seconds(p99),
          seconds(p99)),
      service_location(context.spec, service, "event_source.visibility_timeout_seconds"));
  finding.severity = Severity::medium;
  finding.resource = queue;
  out.push_back({i, std::move(finding)});
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    // A queue no service reads raises nothing; an unknown visibility is never guessed.
    if (!service.event_source || service.event_source->queue.empty() ||
        !service.event_source->visibility_timeout_seconds) {
      continue;
    }
    const double visibility = *service.event_source->visibility_timeout_seconds;
    check_lambda(context, i, visibility, out);
    for (RuntimeId runtime : kContainerRuntimes) {
      check_container(context, i, runtime, visibility, out);
    }
  }
}

}  // namespace

Rule sqs_visibility_timeout_rule() {
  return {"sqs-visibility-timeout",
          Severity::high,
          "A queue's visibility timeout is shorter than its consumer's run",
          "A message an SQS consumer has received stays invisible for the queue's visibility "
          "timeout; if it is not deleted by then, it is delivered again. For a Lambda consumer "
          "(an event source mapping) AWS refuses a visibility timeout below the function's "
          "timeout (high: the deploy fails) and advises at least 6 × the timeout + "
          "MaximumBatchingWindowInSeconds (medium below that: throttled or slow batches are "
          "processed twice) (docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html). "
          "For a consumer that reads the queue itself (an ECS worker, a pod), it is raised "
          "(medium) when the timeout is below the simulated p99 time to process a message: that "
          "part reads simulated figures, so it is judged only for a service with traffic and "
          "durations, and the configuration part alone without them. A queue no service reads "
          "raises nothing, and an unknown visibility timeout is never guessed.",
          "Set the queue's VisibilityTimeout (visibility_timeout_seconds in Terraform) to at "
          "least 6 × the function's timeout + its batching window, or above the longest a "
          "worker takes to process and delete a message.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
