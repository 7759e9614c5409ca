#pragma once
// A service's `runtimes:` block merged over the spec's, key by key: what each block says is kept
// apart (an overlay of optionals) until the two are merged and the rest defaulted, so a key a
// service leaves out is the spec's, and one neither gives is the default of SPEC.md's table.

#include <optional>
#include <string>
#include <vector>

#include "workload/spec.hpp"

namespace computefit {

/// What a `runtimes.lambda` block says, before it is merged.
struct LambdaOverlay {
  std::optional<double> keep_alive_minutes;
  std::optional<int> provisioned_concurrency;
  std::optional<int> reserved_concurrency;
  std::optional<int> account_concurrency;
  std::optional<double> timeout_seconds;
  std::optional<DurationSpec> cold_start_ms;
  std::optional<FrontDoor> front_door;
};

/// What a container runtime's block says (`ecs-fargate`, `ecs-ec2`, `eks`), before it is merged.
struct ContainerOverlay {
  std::optional<int> min_tasks, max_tasks, min_hosts, max_hosts;
  std::optional<bool> spot;
  std::optional<double> health_check_grace_seconds, target_utilization;
  std::optional<Routing> routing;
  std::optional<std::string> instance_type, kubernetes_version;
  std::optional<NodeAutoscaler> autoscaler;
};

/// What a whole `runtimes:` block says, before it is merged.
struct RuntimesOverlay {
  std::optional<std::vector<RuntimeId>> consider;
  LambdaOverlay lambda;
  ContainerOverlay ecs_fargate, ecs_ec2, eks;
};

/// The runtimes a service runs with: `own` (its block) over `spec_level` (the spec's), then the
/// defaults, some of which depend on the service's kind and language. Checks across the merged
/// values (min against max) are validate_spec()'s.
RuntimesConfig merge_runtimes(const RuntimesOverlay& spec_level, const RuntimesOverlay& own,
                              ServiceKind kind, Language language);

}  // namespace computefit
