#include "workload/merge.hpp"

#include <algorithm>

#include "workload/defaults.hpp"

namespace computefit {
namespace {

template <typename T>
std::optional<T> either(const std::optional<T>& over, const std::optional<T>& base) {
  return over ? over : base;
}

ContainerConfig merge_container(const ContainerOverlay& x, const ContainerOverlay& y, RuntimeId id,
                                ServiceKind kind) {
  ContainerConfig cc;
  cc.routing = id == RuntimeId::eks ? Routing::random : Routing::round_robin;
  const auto min_tasks = either(x.min_tasks, y.min_tasks);
  const auto max_tasks = either(x.max_tasks, y.max_tasks);
  const auto min_hosts = either(x.min_hosts, y.min_hosts);
  const auto max_hosts = either(x.max_hosts, y.max_hosts);
  // A default gives way to a value the user wrote: max_tasks: 1 alone means min 1, not 2 > 1.
  cc.max_tasks = max_tasks.value_or(std::max(cc.max_tasks, min_tasks.value_or(0)));
  cc.min_tasks = min_tasks.value_or(std::min(default_min_tasks(kind), cc.max_tasks));
  cc.max_hosts = max_hosts.value_or(std::max(cc.max_hosts, min_hosts.value_or(0)));
  cc.min_hosts = min_hosts.value_or(std::min(cc.min_hosts, cc.max_hosts));
  if (auto v = either(x.spot, y.spot)) cc.spot = *v;
  if (auto v = either(x.health_check_grace_seconds, y.health_check_grace_seconds)) {
    cc.health_check_grace_seconds = *v;
  }
  if (auto v = either(x.routing, y.routing)) cc.routing = *v;
  if (auto v = either(x.instance_type, y.instance_type)) cc.instance_type = *v;
  if (auto v = either(x.kubernetes_version, y.kubernetes_version)) cc.kubernetes_version = *v;
  if (auto v = either(x.autoscaler, y.autoscaler)) cc.autoscaler = *v;
  cc.target_utilization =
      either(x.target_utilization, y.target_utilization).value_or(default_target_utilization(kind));
  return cc;
}

}  // namespace

RuntimesConfig merge_runtimes(const RuntimesOverlay& spec_level, const RuntimesOverlay& own,
                              ServiceKind kind, Language language) {
  RuntimesConfig c;
  if (auto v = either(own.consider, spec_level.consider)) c.consider = *v;

  const LambdaOverlay& a = own.lambda;
  const LambdaOverlay& b = spec_level.lambda;
  LambdaConfig& l = c.lambda;
  if (auto v = either(a.keep_alive_minutes, b.keep_alive_minutes)) l.keep_alive_minutes = *v;
  if (auto v = either(a.provisioned_concurrency, b.provisioned_concurrency))
    l.provisioned_concurrency = *v;
  l.reserved_concurrency = either(a.reserved_concurrency, b.reserved_concurrency);
  if (auto v = either(a.account_concurrency, b.account_concurrency)) l.account_concurrency = *v;
  if (auto v = either(a.timeout_seconds, b.timeout_seconds)) l.timeout_seconds = *v;
  l.cold_start_ms = either(a.cold_start_ms, b.cold_start_ms).value_or(default_cold_start(language));
  if (auto v = either(a.front_door, b.front_door)) l.front_door = *v;

  c.ecs_fargate =
      merge_container(own.ecs_fargate, spec_level.ecs_fargate, RuntimeId::ecs_fargate, kind);
  c.ecs_ec2 = merge_container(own.ecs_ec2, spec_level.ecs_ec2, RuntimeId::ecs_ec2, kind);
  c.eks = merge_container(own.eks, spec_level.eks, RuntimeId::eks, kind);
  return c;
}

}  // namespace computefit
