#include <fmt/format.h>

#include <cmath>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/autoscaling_defaults.hpp"

namespace computefit {
namespace {

// The grace a remedy proposes: the start-up with half again as margin for a slow start.
constexpr double kGraceMargin = 1.5;

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = health_check_grace_short_rule();
  const AutoscalingDefaults& defaults = autoscaling_defaults();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    // Load-balancer health checks judge http services; the others have no target group.
    if (service.kind != ServiceKind::http) continue;
    for (RuntimeId runtime : {RuntimeId::ecs_fargate, RuntimeId::ecs_ec2, RuntimeId::eks}) {
      if (!feasible_estimate(context, i, runtime)) continue;
      const double grace = service.runtimes.container(runtime).health_check_grace_seconds;
      // The grace clock starts when the task is RUNNING (ECS startedAt) or the container starts
      // (a Kubernetes probe's initialDelaySeconds): after the image pull, so only the
      // application's own start has to fit in it.
      const double start = service.startup_seconds;
      if (start <= grace) continue;
      const double placement = runtime == RuntimeId::ecs_fargate
                                   ? defaults.fargate_provisioning_seconds
                               : runtime == RuntimeId::eks ? defaults.pod_start_seconds
                                                           : defaults.ecs_task_start_seconds;
      const double pull = service.image_mb / defaults.image_pull_mb_per_second;
      const double proposed = std::ceil(start * kGraceMargin);
      const bool eks = runtime == RuntimeId::eks;
      std::string message = fmt::format(
          "On {}, {} needs {} s to start its application once the {} running (and {} s from "
          "launch: {} s {}, {} s to pull {} MB at {} MB/s) against a health-check grace of {} s: "
          "health checks fail before it is ready, the {} restarted, and a scale-out adds no "
          "capacity while the service flaps. Remedy: {} of {} s (start-up × {:g}, rounded up).",
          runtime_label(runtime), service.name, thousands(start, 1),
          eks ? "container is" : "task is", thousands(placement + pull + start, 1),
          thousands(placement, 1), runtime == RuntimeId::ecs_fargate ? "provisioning" : "placement",
          thousands(pull, 1), thousands(service.image_mb),
          thousands(defaults.image_pull_mb_per_second), thousands(grace),
          eks ? "liveness probe kills the pod and it is" : "task is stopped and",
          eks ? "a startup probe (or liveness initialDelaySeconds)"
              : "healthCheckGracePeriodSeconds",
          thousands(proposed), kGraceMargin);
      out.push_back({i, make_finding(rule, runtime, std::move(message),
                                     config_location(context.spec, service,
                                                     "runtimes." + std::string(to_string(runtime)) +
                                                         ".health_check_grace_seconds",
                                                     "startup_seconds"))});
    }
  }
}

}  // namespace

Rule health_check_grace_short_rule() {
  return {"health-check-grace-short",
          Severity::medium,
          "Health checks start before the application is ready",
          "On a container runtime, an http service's start-up (startup_seconds, counted from the "
          "task reaching RUNNING or the container starting, after the image pull) is longer than "
          "its health_check_grace_seconds. Health checks then fail on every new instance: ECS "
          "stops the task (Kubernetes restarts the pod) before it serves, and the service flaps "
          "exactly when it needs to scale out.",
          "Set the grace (ECS healthCheckGracePeriodSeconds; a Kubernetes startup probe or the "
          "liveness probe's initialDelaySeconds) to the start-up × 1.5, rounded up, or make the "
          "application start faster.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
