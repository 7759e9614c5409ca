// The `runtimes:` blocks, at the top of the spec or in a service: what each says, key by key,
// to be merged (merge.hpp).

#include <algorithm>
#include <regex>

#include "workload/builder_internal.hpp"
#include "workload/vocabulary.hpp"

namespace computefit {

LambdaOverlay SpecBuilder::read_lambda(const Entry& e, MarkMap& marks) {
  LambdaOverlay o;
  if (!expect_map(r_, e.value, e.path)) return o;
  const MapView m(r_, e.value, e.path, e.path + ".", kLambdaBlockKeys, &marks);
  if (const Entry* k = m.get("keep_alive_minutes")) {
    o.keep_alive_minutes = read_number(r_, *k, at_most(7 * 24 * 60, true));
  }
  if (const Entry* k = m.get("provisioned_concurrency")) {
    o.provisioned_concurrency = read_int(r_, *k, at_most(limits::kMaxCount));
  }
  if (const Entry* k = m.get("reserved_concurrency")) {
    o.reserved_concurrency = read_int(r_, *k, at_most(limits::kMaxCount));
  }
  if (const Entry* k = m.get("account_concurrency")) {
    o.account_concurrency = read_int(r_, *k, {1, false, limits::kMaxCount});
  }
  if (const Entry* k = m.get("timeout_seconds")) {
    if (const auto v = read_number(r_, *k, at_most(limits::kMaxSeconds, true))) {
      if (*v > limits::kLambdaMaxTimeoutSeconds) {
        r_.error(mark_of(k->value), "out-of-range",
                 k->path + " must be at most 900: Lambda's maximum timeout is 15 minutes, got " +
                     format_number(*v));
      } else {
        o.timeout_seconds = v;
      }
    }
  }
  if (const Entry* k = m.get("cold_start_ms")) o.cold_start_ms = read_duration(*k);
  if (const Entry* k = m.get("front_door")) o.front_door = read_enum(r_, *k, kFrontDoorNames);
  return o;
}

ContainerOverlay SpecBuilder::read_container(const Entry& e, MarkMap& marks, RuntimeId id) {
  ContainerOverlay o;
  if (!expect_map(r_, e.value, e.path)) return o;
  const Keys& keys = id == RuntimeId::eks       ? kEksBlockKeys
                     : id == RuntimeId::ecs_ec2 ? kEcsEc2BlockKeys
                                                : kEcsFargateBlockKeys;
  const MapView m(r_, e.value, e.path, e.path + ".", keys, &marks);
  const Range count = at_most(limits::kMaxCount);
  const Range positive_count{1, false, limits::kMaxCount};
  const bool eks = id == RuntimeId::eks;
  if (const Entry* k = m.get(eks ? "min_pods" : "min_tasks")) o.min_tasks = read_int(r_, *k, count);
  if (const Entry* k = m.get(eks ? "max_pods" : "max_tasks")) {
    o.max_tasks = read_int(r_, *k, positive_count);
  }
  if (const Entry* k = m.get(eks ? "min_nodes" : "min_instances"))
    o.min_hosts = read_int(r_, *k, count);
  if (const Entry* k = m.get(eks ? "max_nodes" : "max_instances")) {
    o.max_hosts = read_int(r_, *k, positive_count);
  }
  if (const Entry* k = m.get("spot")) o.spot = read_bool(r_, *k);
  if (const Entry* k = m.get("health_check_grace_seconds")) {
    o.health_check_grace_seconds = read_number(r_, *k, at_most(limits::kMaxSeconds));
  }
  if (const Entry* k = m.get("target_utilization")) {
    o.target_utilization = read_number(r_, *k, {0, true, 1});
  }
  if (const Entry* k = m.get("routing")) o.routing = read_enum(r_, *k, kRoutingNames);
  if (const Entry* k = m.get("instance_type")) {
    if (auto v = read_string(r_, *k)) {
      static const std::regex kType("auto|[a-z][a-z0-9-]*\\.[0-9]*[a-z0-9-]+");
      if (v->size() < 64 && std::regex_match(*v, kType)) {
        o.instance_type = v;
      } else {
        r_.error(mark_of(k->value), "invalid-value",
                 k->path + " must be 'auto' or an EC2 instance type like m7g.large, got '" +
                     v->substr(0, 40) + "'");
      }
    }
  }
  if (const Entry* k = m.get("kubernetes_version")) {
    if (auto v = read_string(r_, *k)) {
      static const std::regex kVersion("1\\.[0-9]{1,3}");
      if (v->size() < 16 && std::regex_match(*v, kVersion)) {
        o.kubernetes_version = v;
      } else {
        r_.error(mark_of(k->value), "invalid-value",
                 k->path + " must be a Kubernetes minor version like \"1.33\" (quote it), got '" +
                     v->substr(0, 40) + "'");
      }
    }
  }
  if (const Entry* k = m.get("autoscaler")) o.autoscaler = read_enum(r_, *k, kNodeAutoscalerNames);
  return o;
}

RuntimesOverlay SpecBuilder::read_runtimes(const Entry& e, MarkMap& marks) {
  RuntimesOverlay o;
  if (!expect_map(r_, e.value, e.path)) return o;
  const MapView m(r_, e.value, e.path, e.path + ".",
                  {"consider", "lambda", "ecs-fargate", "ecs-ec2", "eks"}, &marks);
  if (const Entry* k = m.get("consider")) {
    if (expect_list(r_, k->value, k->path)) {
      std::vector<RuntimeId> ids;
      bool ok = true;
      const std::vector<NodeRef> items = items_of(k->value);
      for (std::size_t i = 0; i < items.size(); ++i) {
        const Entry item{"", mark_of(items[i]), items[i], k->path + "[" + std::to_string(i) + "]"};
        const auto id = read_enum(r_, item, kRuntimeIdNames);
        if (!id) {
          ok = false;
          continue;
        }
        if (std::find(ids.begin(), ids.end(), *id) != ids.end()) {
          r_.error(item.key_mark, "duplicate-key",
                   item.path + ": '" + std::string(to_string(*id)) + "' is listed twice");
          ok = false;
          continue;
        }
        ids.push_back(*id);
      }
      if (ok && ids.empty()) {
        r_.error(mark_of(k->value), "invalid-value", k->path + " must name at least one runtime");
      } else if (ok) {
        // The contract's order, whatever order they were written in.
        std::sort(ids.begin(), ids.end());
        o.consider = ids;
      }
    }
  }
  if (const Entry* k = m.get("lambda")) o.lambda = read_lambda(*k, marks);
  if (const Entry* k = m.get("ecs-fargate"))
    o.ecs_fargate = read_container(*k, marks, RuntimeId::ecs_fargate);
  if (const Entry* k = m.get("ecs-ec2")) o.ecs_ec2 = read_container(*k, marks, RuntimeId::ecs_ec2);
  if (const Entry* k = m.get("eks")) o.eks = read_container(*k, marks, RuntimeId::eks);
  return o;
}

}  // namespace computefit
