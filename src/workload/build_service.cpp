// One item of `services`: its keys in the order they depend on each other (a task size before
// memory, memory before the vCPU default, the kind before traffic or a schedule), the blocks it
// holds, and its runtimes merged over the spec's.

#include <algorithm>
#include <cmath>

#include "workload/builder_internal.hpp"
#include "workload/defaults.hpp"
#include "workload/endpoint_services.hpp"
#include "workload/merge.hpp"
#include "workload/schedule.hpp"
#include "workload/suggest.hpp"
#include "workload/vocabulary.hpp"

namespace computefit {

void SpecBuilder::read_service(const NodeRef& node, std::size_t index,
                               const RuntimesOverlay& spec_runtimes) {
  const std::string fallback_name = "services[" + std::to_string(index) + "]";
  if (!expect_map(r_, node, fallback_name)) return;
  Service s;
  std::string where = fallback_name;
  // The first `name:` (a repeated one is reported as a duplicate key).
  for (const NodeRef entry : node) {
    if (entry.key_kind() != readers::NodeKind::string || entry.key() != "name") continue;
    if (entry.is_scalar() && !entry.text().empty()) {
      where = "service '" + std::string(entry.text().substr(0, 40)) + "'";
    }
    break;
  }
  const MapView m(r_, node, where, "", kServiceKeys, &s.marks);
  const SourceMark item_mark = mark_of(node);
  if (const Entry* k = m.get("name")) {
    if (auto v = read_string(r_, *k)) {
      if (!valid_name(*v, false)) {
        r_.error(mark_of(k->value), "invalid-value",
                 "service name '" + v->substr(0, 40) +
                     "' must be lowercase letters, digits and '-', starting with a letter or digit "
                     "(at most 63 characters)");
      }
      s.name = *v;
      for (const Service& other : spec_.services) {
        if (other.name == s.name) {
          r_.error(mark_of(k->value), "duplicate-name",
                   "duplicate service name '" + s.name + "' (first at line " +
                       std::to_string(other.mark_of("name").line) + ")");
        }
      }
    }
  } else {
    r_.error(item_mark, "missing-key", fallback_name + " needs a 'name'");
  }
  s.marks.emplace("name", item_mark);  // kept when `name:` is missing, so mark_of has a fallback
  bool kind_known = false;
  if (const Entry* k = m.get("kind")) {
    if (auto v = read_enum(r_, *k, kServiceKindNames)) {
      s.kind = *v;
      kind_known = true;
    }
  } else {
    r_.error(s.mark_of("name"), "missing-key",
             where + " needs a 'kind': one of http, worker, event, scheduled");
  }
  if (const Entry* k = m.get("language")) {
    if (auto v = read_enum(r_, *k, kLanguageNames)) s.language = *v;
  }
  if (const Entry* k = m.get("architecture")) {
    if (auto v = read_enum(r_, *k, kArchitectureNames)) s.architecture = *v;
  }
  if (const Entry* k = m.get("task_size")) read_task_size(*k, s);
  // A task definition's pair is what the service runs with unless vcpu/memory_mb say otherwise.
  if (s.task_size) s.memory_mb = s.task_size->memory_mb;
  if (const Entry* k = m.get("memory_mb")) {
    if (auto v = read_number(r_, *k, at_most(limits::kMaxMemoryMb, true))) s.memory_mb = *v;
  }
  s.vcpu = s.task_size ? s.task_size->vcpu : default_vcpu(s.memory_mb);
  if (const Entry* k = m.get("vcpu")) {
    if (auto v = read_number(r_, *k, at_most(limits::kMaxVcpu, true))) s.vcpu = *v;
  }
  s.duration_ms = default_duration();
  bool duration_known = true;
  if (const Entry* k = m.get("duration_ms")) {
    if (auto v = read_duration(*k)) {
      s.duration_ms = *v;
    } else {
      duration_known = false;
    }
  }
  if (const Entry* k = m.get("cpu_bound")) {
    if (auto v = read_bool(r_, *k)) s.cpu_bound = *v;
  }
  if (const Entry* k = m.get("cpu_ms_per_request")) read_cpu_ms_per_request(*k, s, duration_known);
  s.concurrency_per_instance = default_concurrency(s.kind);
  if (const Entry* k = m.get("concurrency_per_instance")) {
    if (auto v = read_int(r_, *k, {1, false, limits::kMaxCount})) s.concurrency_per_instance = *v;
  }
  const Entry* traffic = m.get("traffic");
  const Entry* schedule = m.get("schedule");
  if (kind_known && s.kind == ServiceKind::scheduled) {
    if (traffic) {
      r_.error(traffic->key_mark, "invalid-value",
               "traffic does not apply to a scheduled service: it runs on its schedule");
    }
    if (!schedule) {
      r_.error(s.mark_of("kind"), "missing-key",
               "a scheduled service needs a 'schedule', e.g. schedule: \"cron(0 3 * * ? *)\"");
    }
  } else if (kind_known) {
    if (schedule) {
      r_.error(schedule->key_mark, "invalid-value",
               "schedule applies only to kind: scheduled (this service is " +
                   std::string(to_string(s.kind)) + ")");
    }
    if (!traffic) {
      r_.error(s.mark_of("name"), "missing-key",
               where + " needs 'traffic' (e.g. traffic: { rps: 5 }): without arrivals, this " +
                   std::string(to_string(s.kind)) + " service would cost $0 and meet every SLO");
    }
  }
  if (traffic && s.kind != ServiceKind::scheduled) read_traffic(*traffic, s);
  if (schedule && s.kind == ServiceKind::scheduled) {
    if (auto text = read_string(r_, *schedule)) {
      ScheduleParse parsed = parse_schedule(*text);
      if (!parsed.schedule) {
        r_.error(mark_of(schedule->value), "bad-schedule",
                 "invalid schedule '" + text->substr(0, 60) + "': " + parsed.error);
      } else if (!next_run_seconds(*parsed.schedule, -1)) {
        r_.error(mark_of(schedule->value), "bad-schedule",
                 "schedule '" + *text + "' never runs after 2024-01-01");
      } else {
        s.schedule = std::move(parsed.schedule);
      }
    }
  }
  if (const Entry* k = m.get("slo")) read_slo(*k, s);
  for (auto [key, field] :
       {std::pair{"request_kb", &s.request_kb}, std::pair{"response_kb", &s.response_kb},
        std::pair{"outbound_kb_per_request", &s.outbound_kb_per_request},
        std::pair{"log_kb_per_request", &s.log_kb_per_request}}) {
    if (const Entry* k = m.get(key)) {
      if (auto v = read_number(r_, *k, at_most(limits::kMaxKb))) *field = *v;
    }
  }
  if (const Entry* k = m.get("uses")) read_uses(*k, s);
  bool outbound_ok = true;
  if (const Entry* k = m.get("outbound")) outbound_ok = read_outbound(*k, s);
  if (const Entry* k = m.get("outbound_kb_per_request"); k && outbound_ok) {
    check_outbound_kb(*k, s);
  }
  if (const Entry* k = m.get("network")) read_network(*k, s);
  if (const Entry* k = m.get("iam_role")) {
    if (auto v = read_string(r_, *k)) s.iam_role = *v;
  }
  if (const Entry* k = m.get("secrets")) {
    if (auto v = read_enum(r_, *k, kSecretsSourceNames)) s.secrets = *v;
  }
  if (const Entry* k = m.get("image_mb")) {
    if (auto v = read_number(r_, *k, at_most(limits::kMaxMemoryMb))) s.image_mb = *v;
  }
  if (const Entry* k = m.get("startup_seconds")) {
    if (auto v = read_number(r_, *k, at_most(limits::kMaxSeconds))) s.startup_seconds = *v;
  }
  s.interruption_tolerant = default_interruption_tolerant(s.kind);
  if (const Entry* k = m.get("interruption_tolerant")) {
    if (auto v = read_bool(r_, *k)) s.interruption_tolerant = *v;
  }
  if (const Entry* k = m.get("needs")) read_needs(*k, s);
  read_template_facts(m, s);
  RuntimesOverlay own;
  if (const Entry* k = m.get("runtimes")) own = read_runtimes(*k, s.marks);
  s.runtimes = merge_runtimes(spec_runtimes, own, s.kind, s.language);
  if (const Entry* k = m.get("suppress")) {
    read_suppress(*k, s.marks, s.name.empty() ? fallback_name : s.name);
  }
  spec_.services.push_back(std::move(s));
}

void SpecBuilder::read_uses(const Entry& e, Service& s) {
  if (!expect_list(r_, e.value, "uses")) return;
  const std::vector<NodeRef> items = items_of(e.value);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const NodeRef& item = items[i];
    const std::string path = "uses[" + std::to_string(i) + "]";
    if (!expect_map(r_, item, path)) continue;
    s.marks[path] = mark_of(item);
    const MapView m(r_, item, path, path + ".",
                    {"downstream", "connections_per_instance", "calls_per_request"}, &s.marks);
    Use use;
    use.mark = mark_of(item);
    const Entry* d = m.get("downstream");
    if (!d) {
      r_.error(use.mark, "missing-key",
               path + " needs 'downstream': the name of one of downstreams");
      continue;
    }
    const auto name = read_string(r_, *d);
    if (!name) continue;
    use.downstream = *name;
    if (const Entry* k = m.get("connections_per_instance")) {
      if (auto v = read_number(r_, *k, at_most(limits::kMaxCount)))
        use.connections_per_instance = *v;
    }
    if (const Entry* k = m.get("calls_per_request")) {
      if (auto v = read_number(r_, *k, at_most(limits::kMaxCallsPerRequest)))
        use.calls_per_request = *v;
    }
    const bool repeated = std::any_of(s.uses.begin(), s.uses.end(),
                                      [&](const Use& u) { return u.downstream == use.downstream; });
    if (repeated) {
      r_.error(mark_of(d->value), "duplicate-key",
               path + ".downstream: '" + use.downstream + "' is already used by this service");
      continue;
    }
    s.uses.push_back(std::move(use));
  }
}

void SpecBuilder::read_cpu_ms_per_request(const Entry& e, Service& s, bool duration_known) {
  const auto v = read_number(r_, e, at_most(limits::kMaxDurationMs, true));
  if (!v) return;
  if (s.cpu_bound) {
    r_.error(e.key_mark, "invalid-value",
             "cpu_ms_per_request and cpu_bound: true must not both be given: cpu_bound is "
             "shorthand for cpu_ms_per_request equal to the whole duration");
    return;
  }
  if (!duration_known) return;  // the duration's own error says enough
  // CPU time is part of the duration, so a typical request (the median) holds at least that much.
  const DurationSpec& d = s.duration_ms;
  double median = d.fixed_ms;
  std::string limit = "it (" + format_number(median) + " ms)";
  if (d.kind == DurationSpec::Kind::lognormal) {
    median = d.p50_ms;
    limit = "its p50 (" + format_number(median) + " ms)";
  } else if (d.kind == DurationSpec::Kind::exponential) {
    median = d.mean_ms * std::log(2.0);
    limit = "its median (mean x ln 2 = " + format_number(std::round(median * 10) / 10) + " ms)";
  }
  if (s.marks.find("duration_ms") == s.marks.end()) {
    limit = "the default duration_ms (" + format_number(median) +
            " ms, fixed): give the service's own duration_ms";
  }
  if (*v > median) {
    r_.error(mark_of(e.value), "out-of-range",
             "cpu_ms_per_request (" + format_number(*v) +
                 ") is part of duration_ms and may not exceed " + limit);
    return;
  }
  s.cpu_ms_per_request = v;
}

// False when an item was wrong (and reported).
bool SpecBuilder::read_outbound(const Entry& e, Service& s) {
  if (!expect_list(r_, e.value, "outbound")) return false;
  std::vector<std::size_t> written_at;  // each target's index as written, for messages
  const std::vector<NodeRef> items = items_of(e.value);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const NodeRef& item = items[i];
    const std::string path = "outbound[" + std::to_string(i) + "]";
    s.marks[path] = mark_of(item);
    std::optional<std::string> name;
    SourceMark at = mark_of(item);
    std::optional<double> kb;
    bool kb_ok = true;
    if (item.is_mapping()) {
      const MapView m(r_, item, path, path + ".", {"to", "kb_per_request"}, &s.marks);
      const Entry* to = m.get("to");
      if (const Entry* k = m.get("kb_per_request")) {
        kb = read_number(r_, *k, at_most(limits::kMaxKb));
        kb_ok = kb.has_value();
      }
      if (!to) {
        r_.error(at, "missing-key",
                 path + " needs 'to': the AWS service (or 'internet') the bytes go to");
        continue;
      }
      name = read_string(r_, *to);
      at = mark_of(to->value);
    } else if (item.is_scalar()) {
      name = read_string_node(r_, item, path);
    } else {
      r_.error(at, "wrong-type",
               path + " must be a name or { to: NAME, kb_per_request: N }, got " + describe(item));
      continue;
    }
    if (!name || !kb_ok) continue;
    if (*name != "internet" && !find_endpoint_service(*name)) {
      std::string message = path + ": unknown target '" + name->substr(0, 40) + "'";
      if (auto near = worth_suggesting() ? suggest_endpoint_service(*name) : std::nullopt) {
        message += "; did you mean '" + std::string(*near) + "'?";
      } else if (nearest(*name, {"internet"})) {
        message += "; did you mean 'internet'?";
      } else {
        message +=
            ": name an AWS service by its endpoint name (s3, sqs, secretsmanager, ...; "
            "docs/spec.md lists them) or 'internet' for anything else";
      }
      r_.error(at, "invalid-value", std::move(message));
      continue;
    }
    const auto first = std::find(s.outbound.begin(), s.outbound.end(), *name);
    if (first != s.outbound.end()) {
      const std::string earlier =
          "outbound[" + std::to_string(written_at[first - s.outbound.begin()]) + "]";
      r_.error(at, "duplicate-key",
               path + ": '" + *name + "' is already listed (" + earlier +
                   "): give each target once, with the bytes of all its calls");
      continue;
    }
    s.outbound.push_back(*name);
    written_at.push_back(i);
    if (kb) s.outbound_kb_by_target[*name] = *kb;
  }
  return s.outbound.size() == e.value.size();
}

void SpecBuilder::check_outbound_kb(const Entry& e, const Service& s) {
  if (!(s.outbound_kb_per_request > 0)) return;
  if (s.outbound.empty()) {
    r_.error(e.key_mark, "missing-key",
             "outbound_kb_per_request needs 'outbound' to say where the bytes go, e.g. "
             "outbound: [internet]");
  } else if (s.outbound_kb_by_target.size() == s.outbound.size()) {
    r_.error(e.key_mark, "invalid-value",
             "outbound_kb_per_request applies to the outbound targets without their own "
             "kb_per_request, and every target has one");
  }
}

void SpecBuilder::read_network(const Entry& e, Service& s) {
  if (!expect_map(r_, e.value, "network")) return;
  const MapView m(r_, e.value, "network", "network.",
                  {"subnet", "nat_gateway", "vpc_endpoints", "azs", "assign_public_ip"}, &s.marks);
  if (const Entry* k = m.get("subnet")) {
    if (auto v = read_enum(r_, *k, kSubnetNames)) s.network.subnet = *v;
  }
  if (const Entry* k = m.get("nat_gateway")) {
    if (auto v = read_bool(r_, *k)) s.network.nat_gateway = *v;
  }
  if (const Entry* k = m.get("vpc_endpoints")) s.network.vpc_endpoints = read_endpoints(*k);
  if (const Entry* k = m.get("azs")) {
    if (auto v = read_int(r_, *k, {1, false, limits::kMaxAzs})) s.network.azs = *v;
  }
  if (const Entry* k = m.get("assign_public_ip")) {
    if (auto v = read_bool(r_, *k)) s.network.assign_public_ip = *v;
  }
}

void SpecBuilder::read_needs(const Entry& e, Service& s) {
  if (!expect_map(r_, e.value, "needs")) return;
  const MapView m(r_, e.value, "needs", "needs.",
                  {"gpu", "gpu_memory_gb", "custom_ami", "payload_mb", "ephemeral_storage_gb"},
                  &s.marks);
  bool gpu_known = true;
  if (const Entry* k = m.get("gpu")) {
    if (auto v = read_int(r_, *k, at_most(limits::kMaxGpus))) {
      s.needs.gpu = *v;
    } else {
      gpu_known = false;
    }
  }
  if (const Entry* k = m.get("gpu_memory_gb")) {
    const auto v = read_number(r_, *k, at_most(limits::kMaxGpuMemoryGb));
    // 0 beside gpu: 0 says "no GPU" twice (SPEC.md's example writes it so); a GPU needs memory.
    if (v && gpu_known && s.needs.gpu == 0 && *v > 0) {
      r_.error(mark_of(k->value), "invalid-value",
               "needs.gpu_memory_gb is memory per GPU and needs needs.gpu of at least 1 (it is " +
                   std::to_string(s.needs.gpu) + ")");
    } else if (v && s.needs.gpu > 0 && *v == 0) {
      r_.error(mark_of(k->value), "out-of-range",
               "needs.gpu_memory_gb must be greater than 0 with needs.gpu " +
                   std::to_string(s.needs.gpu) + ": it is the memory each GPU must have");
    } else if (v && *v > 0) {
      s.needs.gpu_memory_gb = *v;
    }
  }
  if (const Entry* k = m.get("custom_ami")) {
    if (auto v = read_bool(r_, *k)) s.needs.custom_ami = *v;
  }
  if (const Entry* k = m.get("payload_mb")) {
    if (auto v = read_number(r_, *k, at_most(limits::kMaxKb / 1024))) s.needs.payload_mb = *v;
  }
  if (const Entry* k = m.get("ephemeral_storage_gb")) {
    if (auto v = read_number(r_, *k, at_most(limits::kMaxKb / 1024 / 1024))) {
      s.needs.ephemeral_storage_gb = *v;
    }
  }
}

void SpecBuilder::read_slo(const Entry& e, Service& s) {
  if (!expect_map(r_, e.value, "slo")) return;
  const MapView m(r_, e.value, "slo", "slo.", {"p50_ms", "p95_ms", "p99_ms"}, &s.marks);
  const Range range = at_most(limits::kMaxDurationMs, true);
  if (const Entry* k = m.get("p50_ms")) s.slo.p50_ms = read_number(r_, *k, range);
  if (const Entry* k = m.get("p95_ms")) s.slo.p95_ms = read_number(r_, *k, range);
  if (const Entry* k = m.get("p99_ms")) s.slo.p99_ms = read_number(r_, *k, range);
}

// ---- facts a template gives that rules use (SPEC.md "One model") ------------------------------

void SpecBuilder::read_template_facts(const MapView& m, Service& s) {
  if (const Entry* k = m.get("resource")) {
    if (auto v = read_string(r_, *k)) s.resource = *v;
  }
  if (const Entry* k = m.get("task_definition")) {
    if (auto v = read_string(r_, *k)) s.task_definition = *v;
  }
  if (const Entry* k = m.get("execution_role")) {
    if (auto v = read_string(r_, *k)) s.execution_role = *v;
  }
  if (const Entry* k = m.get("event_source")) read_event_source(*k, s);
  if (const Entry* k = m.get("environment_bytes")) {
    if (auto v = read_int(r_, *k, at_most(limits::kMaxCount))) s.environment_bytes = *v;
  }
  if (const Entry* k = m.get("environment_unresolved")) {
    s.environment_unresolved = read_string_list(*k, nullptr);
    if (!m.get("environment_bytes")) {
      r_.error(k->key_mark, "missing-key",
               "environment_unresolved names variables of environment_bytes: give "
               "environment_bytes too (the size of the variables that are known)");
    }
  }
}

void SpecBuilder::read_event_source(const Entry& e, Service& s) {
  if (!expect_map(r_, e.value, "event_source")) return;
  const MapView m(r_, e.value, "event_source", "event_source.",
                  {"batch_size", "batching_window_seconds", "max_concurrency", "queue",
                   "visibility_timeout_seconds"},
                  &s.marks);
  EventSource source;
  if (const Entry* k = m.get("batch_size")) {
    source.batch_size = read_int(r_, *k, {1, false, limits::kMaxCount});
  }
  if (const Entry* k = m.get("batching_window_seconds")) {
    source.batching_window_seconds = read_number(r_, *k, at_most(limits::kMaxSeconds));
  }
  if (const Entry* k = m.get("max_concurrency")) {
    source.max_concurrency = read_int(r_, *k, {1, false, limits::kMaxCount});
  }
  if (const Entry* k = m.get("queue")) {
    if (auto v = read_string(r_, *k)) {
      if (v->empty()) {
        r_.error(mark_of(k->value), "invalid-value",
                 "event_source.queue must name the queue read (its logical id or address)");
      }
      source.queue = *v;
    }
  }
  if (const Entry* k = m.get("visibility_timeout_seconds")) {
    source.visibility_timeout_seconds = read_number(r_, *k, at_most(limits::kMaxSeconds));
    if (!m.get("queue")) {
      r_.error(k->key_mark, "missing-key",
               "event_source.visibility_timeout_seconds is a queue's: give event_source.queue, "
               "the queue it belongs to");
    }
  }
  s.event_source = std::move(source);
}

void SpecBuilder::read_task_size(const Entry& e, Service& s) {
  if (!expect_map(r_, e.value, "task_size")) return;
  const MapView m(r_, e.value, "task_size", "task_size.", {"vcpu", "memory_mb"}, &s.marks);
  const Entry* vcpu = m.get("vcpu");
  const Entry* memory = m.get("memory_mb");
  if (!vcpu || !memory) {
    r_.error(mark_of(e.value), "missing-key",
             "task_size needs both 'vcpu' and 'memory_mb': the pair a task definition declares");
    return;
  }
  const auto v = read_number(r_, *vcpu, at_most(limits::kMaxVcpu, true));
  const auto mb = read_number(r_, *memory, at_most(limits::kMaxMemoryMb, true));
  // Any positive pair is a valid spec: whether Fargate offers it is a finding, not bad input.
  if (v && mb) s.task_size = TaskSize{*v, *mb};
}

}  // namespace computefit
