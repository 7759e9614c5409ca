// The builder's entry and the spec's top level: its own keys, the team, priorities, pricing,
// downstreams, suppressions and IAM policies, then each service (build_service.cpp); and the
// values read alike wherever they appear (durations, endpoint lists, string lists).

#include "workload/builder.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "workload/builder_internal.hpp"
#include "workload/endpoint_services.hpp"
#include "workload/merge.hpp"
#include "workload/suggest.hpp"
#include "workload/vocabulary.hpp"

namespace computefit {

void build_spec(const NodeRef& root, const FileSystem& fs, Reporter& reporter, Spec& spec) {
  SpecBuilder(fs, reporter, spec).read_spec(root);
}

void SpecBuilder::read_spec(const NodeRef& root) {
  if (!root.is_mapping()) {
    if (root.is_null()) {
      r_.error({}, "empty",
               "the spec is empty: expected a mapping with 'version: 1' and 'services'");
    } else {
      r_.error(
          mark_of(root), "wrong-type",
          "the spec must be a mapping with 'version: 1' and 'services', got " + describe(root));
    }
    return;
  }
  const MapView top(r_, root, "the spec", "", kSpecKeys, &spec_.marks, true);
  if (const Entry* e = top.get("version")) {
    if (const auto v = read_number(r_, *e, {0, false, 1e9})) {
      if (*v != 1) {
        r_.error(mark_of(e->value), "bad-version",
                 "unsupported version " + format_number(*v) + ": this computefit reads version 1");
      }
    }
  } else {
    r_.error(mark_of(root), "missing-key", "missing 'version: 1' (the spec format's version)");
  }
  if (const Entry* e = top.get("name")) {
    if (auto v = read_string(r_, *e)) spec_.name = *v;
  }
  if (const Entry* e = top.get("region")) {
    if (auto v = read_string(r_, *e)) {
      static const std::regex kRegion("[a-z]{2}(-gov)?-[a-z]+-[0-9]");
      if (v->size() < 64 && std::regex_match(*v, kRegion)) {
        spec_.region = *v;
      } else {
        r_.error(mark_of(e->value), "invalid-value",
                 "region must be an AWS region code like us-east-1 or eu-west-2, got '" +
                     v->substr(0, 40) + "'");
      }
    }
  }
  if (const Entry* e = top.get("team")) read_team(*e);
  if (const Entry* e = top.get("priorities")) read_priorities(*e);
  if (const Entry* e = top.get("pricing")) read_pricing(*e);
  if (const Entry* e = top.get("downstreams")) read_downstreams(*e);
  RuntimesOverlay spec_runtimes;
  if (const Entry* e = top.get("runtimes")) spec_runtimes = read_runtimes(*e, spec_.marks);
  spec_.runtimes = merge_runtimes(spec_runtimes, {}, ServiceKind::http, Language::container);
  if (const Entry* e = top.get("suppress")) read_suppress(*e, spec_.marks, "");
  if (const Entry* e = top.get("iam_policies")) read_iam_policies(*e);
  if (const Entry* e = top.get("services")) {
    if (expect_list(r_, e->value, "services")) {
      std::size_t i = 0;
      for (const NodeRef item : e->value) read_service(item, i++, spec_runtimes);
      if (e->value.size() == 0) {
        r_.error(mark_of(e->value), "missing-key",
                 "services is empty: describe at least one service");
      }
    }
  } else {
    r_.error(mark_of(root), "missing-key", "missing 'services': describe at least one service");
  }
}

void SpecBuilder::read_team(const Entry& e) {
  if (!expect_map(r_, e.value, "team")) return;
  const MapView m(r_, e.value, "team", "team.", {"kubernetes_platform", "existing", "ops_maturity"},
                  &spec_.marks);
  if (const Entry* k = m.get("kubernetes_platform")) {
    if (auto v = read_bool(r_, *k)) spec_.team.kubernetes_platform = *v;
  }
  // A staffed platform runs a cluster: unless told otherwise, it is the one a pod would join.
  spec_.team.existing.eks_cluster = spec_.team.kubernetes_platform;
  if (const Entry* k = m.get("existing")) read_existing(*k);
  if (const Entry* k = m.get("ops_maturity")) {
    if (auto v = read_enum(r_, *k, kOpsMaturityNames)) spec_.team.ops_maturity = *v;
  }
}

void SpecBuilder::read_existing(const Entry& e) {
  if (!expect_map(r_, e.value, e.path)) return;
  const MapView m(r_, e.value, e.path, e.path + ".",
                  {"eks_cluster", "load_balancer", "nat_gateway", "vpc_endpoints"}, &spec_.marks);
  ExistingPlatform& x = spec_.team.existing;
  for (auto [key, field] :
       {std::pair{"eks_cluster", &x.eks_cluster}, std::pair{"load_balancer", &x.load_balancer},
        std::pair{"nat_gateway", &x.nat_gateway}}) {
    if (const Entry* k = m.get(key)) {
      if (auto v = read_bool(r_, *k)) *field = *v;
    }
  }
  const Entry* k = m.get("vpc_endpoints");
  if (!k) return;
  x.vpc_endpoints = read_endpoints(*k);
  if (!k->value.is_sequence()) return;
  for (const NodeRef item : k->value) {
    if (!item.is_scalar()) continue;
    const std::string text(item.text());
    std::vector<std::string> names;
    for (std::string_view n : expand_endpoint_shorthand(text)) names.emplace_back(n);
    if (names.empty() && find_endpoint_service(text)) names.push_back(text);
    if (!names.empty()) x.vpc_endpoint_items.push_back({std::move(names), mark_of(item)});
  }
}

void SpecBuilder::read_priorities(const Entry& e) {
  if (!expect_map(r_, e.value, "priorities")) return;
  const MapView m(r_, e.value, "priorities", "priorities.", {"cost", "latency", "operability"},
                  &spec_.marks);
  Priorities& p = spec_.priorities;
  bool ok = true;
  for (auto [key, field] : {std::pair{"cost", &p.cost}, std::pair{"latency", &p.latency},
                            std::pair{"operability", &p.operability}}) {
    if (const Entry* k = m.get(key)) {
      if (auto v = read_number(r_, *k, at_most(1e6))) {
        *field = *v;
      } else {
        ok = false;
      }
    }
  }
  const double sum = p.cost + p.latency + p.operability;
  if (ok && !(sum > 0)) {
    r_.error(e.key_mark, "invalid-value", "priorities must not all be 0: they are weights");
    return;
  }
  if (ok) {
    p.cost /= sum;
    p.latency /= sum;
    p.operability /= sum;
  }
}

void SpecBuilder::read_pricing(const Entry& e) {
  if (!expect_map(r_, e.value, "pricing")) return;
  const MapView m(r_, e.value, "pricing", "pricing.", {"free_tier", "commitment"}, &spec_.marks);
  if (const Entry* k = m.get("free_tier")) {
    if (auto v = read_bool(r_, *k)) spec_.pricing.free_tier = *v;
  }
  if (const Entry* k = m.get("commitment")) {
    if (auto v = read_enum(r_, *k, kCommitmentNames)) spec_.pricing.commitment = *v;
  }
}

bool valid_name(const std::string& s, bool allow_upper) {
  if (s.empty() || s.size() > 63) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    (allow_upper && ((c >= 'A' && c <= 'Z') || c == '_' || c == '.')) ||
                    (c == '-' && i > 0);
    if (!ok) return false;
  }
  return true;
}

void SpecBuilder::read_downstreams(const Entry& e) {
  if (!expect_map(r_, e.value, "downstreams")) return;
  std::vector<std::string_view> any;  // every name is allowed: collect them as "known"
  std::vector<std::string> names;
  for (const NodeRef entry : e.value) {
    if (entry.key_kind() == readers::NodeKind::string) names.emplace_back(entry.key());
  }
  any.assign(names.begin(), names.end());
  const MapView m(r_, e.value, "downstreams", "downstreams.", any, &spec_.marks);
  for (const Entry& d : m.entries()) {
    if (!valid_name(d.key, true)) {
      r_.error(d.key_mark, "invalid-value",
               "downstream name '" + d.key.substr(0, 40) +
                   "' must be letters, digits, '-', '_' or '.', starting with a letter or digit");
      continue;
    }
    Downstream ds;
    ds.name = d.key;
    ds.mark = d.key_mark;
    if (!expect_map(r_, d.value, d.path)) continue;
    const MapView dm(r_, d.value, "downstream '" + d.key + "'", d.path + ".",
                     {"kind", "max_connections", "max_rps", "proxy", "vcpu"}, &spec_.marks);
    if (const Entry* k = dm.get("kind")) {
      if (auto v = read_enum(r_, *k, kDownstreamKindNames)) ds.kind = *v;
    }
    if (const Entry* k = dm.get("max_connections")) {
      ds.max_connections = read_int(r_, *k, {1, false, limits::kMaxCount});
    }
    if (const Entry* k = dm.get("max_rps")) ds.max_rps = read_number(r_, *k, at_most(1e9, true));
    if (const Entry* k = dm.get("proxy")) {
      if (auto v = read_bool(r_, *k)) ds.proxy = *v;
    }
    if (const Entry* k = dm.get("vcpu"))
      ds.vcpu = read_number(r_, *k, at_most(limits::kMaxVcpu, true));
    spec_.downstreams.push_back(std::move(ds));
  }
}

// ---- values read the same wherever they appear ------------------------------------------------

std::optional<DurationSpec> SpecBuilder::read_duration(const Entry& e) {
  DurationSpec d;
  if (e.value.is_scalar()) {
    const auto v = read_number(r_, e, at_most(limits::kMaxDurationMs, true));
    if (!v) return std::nullopt;
    d.kind = DurationSpec::Kind::fixed;
    d.fixed_ms = *v;
    return d;
  }
  if (!e.value.is_mapping()) {
    r_.error(mark_of(e.value), "wrong-type",
             e.path +
                 " must be a number of ms, {p50, p99} or {mean, distribution: exponential}, got " +
                 describe(e.value));
    return std::nullopt;
  }
  // Marks of a service's keys live in the service; a duration's own sub-keys are not needed.
  const MapView m(r_, e.value, e.path, e.path + ".", {"p50", "p99", "mean", "distribution"},
                  nullptr);
  const Entry* p50 = m.get("p50");
  const Entry* p99 = m.get("p99");
  const Entry* mean = m.get("mean");
  const Entry* dist = m.get("distribution");
  const Range range = at_most(limits::kMaxDurationMs, true);
  if (mean || dist) {
    if (p50 || p99) {
      r_.error(mark_of(e.value), "invalid-value",
               e.path + " takes either {p50, p99} or {mean, distribution: exponential}, not both");
      return std::nullopt;
    }
    if (!mean || !dist) {
      r_.error(mark_of(e.value), "missing-key",
               e.path + " with a mean needs 'distribution: exponential' (and the reverse)");
      return std::nullopt;
    }
    const auto m_ms = read_number(r_, *mean, range);
    const auto kind = read_enum(r_, *dist, kDistributionNames);
    if (!m_ms || !kind) return std::nullopt;
    d.kind = DurationSpec::Kind::exponential;
    d.mean_ms = *m_ms;
    return d;
  }
  if (!p50 || !p99) {
    r_.error(
        mark_of(e.value), "missing-key",
        e.path + " needs both p50 and p99 (a lognormal), or {mean, distribution: exponential}");
    return std::nullopt;
  }
  const auto a = read_number(r_, *p50, range);
  const auto b = read_number(r_, *p99, range);
  if (!a || !b) return std::nullopt;
  if (*b < *a) {
    r_.error(mark_of(p99->value), "invalid-value",
             e.path + ".p99 (" + format_number(*b) + ") must be at least p50 (" +
                 format_number(*a) + ")");
    return std::nullopt;
  }
  d.kind = DurationSpec::Kind::lognormal;
  d.p50_ms = *a;
  d.p99_ms = *b;
  return d;
}

std::vector<std::string> SpecBuilder::read_endpoints(const Entry& e) {
  std::vector<std::string> out;
  if (!expect_list(r_, e.value, e.path)) return out;
  const auto add = [&](std::string_view name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
  };
  const std::vector<NodeRef> items = items_of(e.value);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = e.path + "[" + std::to_string(i) + "]";
    const auto v = read_string_node(r_, items[i], path);
    if (!v) continue;
    if (const auto parts = expand_endpoint_shorthand(*v); !parts.empty()) {
      for (std::string_view part : parts) add(part);
    } else if (find_endpoint_service(*v)) {
      add(*v);
    } else {
      std::string message = path + ": unknown VPC endpoint service '" + v->substr(0, 40) + "'";
      if (auto near = worth_suggesting() ? suggest_endpoint_service(*v) : std::nullopt) {
        message += "; did you mean '" + std::string(*near) + "'?";
      } else {
        message +=
            ": give the name after com.amazonaws.REGION. (s3, ecr.api, logs, ...; docs/spec.md "
            "lists the known ones)";
      }
      r_.error(mark_of(items[i]), "invalid-value", std::move(message));
    }
  }
  return out;
}

std::vector<std::string> SpecBuilder::read_string_list(const Entry& e,
                                                       std::vector<SourceMark>* marks) {
  std::vector<std::string> out;
  if (!expect_list(r_, e.value, e.path)) return out;
  const std::vector<NodeRef> items = items_of(e.value);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = e.path + "[" + std::to_string(i) + "]";
    auto v = read_string_node(r_, items[i], path);
    if (!v) continue;
    if (v->empty()) {
      r_.error(mark_of(items[i]), "invalid-value", path + " must not be empty");
      continue;
    }
    out.push_back(std::move(*v));
    if (marks) marks->push_back(mark_of(items[i]));
  }
  return out;
}

// ---- the spec-level lists
// ------------------------------------------------------------------------

void SpecBuilder::read_suppress(const Entry& e, MarkMap& marks, const std::string& service) {
  if (!expect_list(r_, e.value, e.path)) return;
  const bool top = service.empty();
  const std::vector<NodeRef> items = items_of(e.value);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const NodeRef& item = items[i];
    const std::string path = e.path + "[" + std::to_string(i) + "]";
    if (!expect_map(r_, item, path)) continue;
    marks[path] = mark_of(item);
    const Keys keys = {"id", "service", "resource", "reason"};
    const MapView m(r_, item, path, path + ".", keys, &marks);
    Suppression sup;
    sup.mark = mark_of(item);
    sup.service = service;
    if (const Entry* k = m.get("id")) {
      const auto id = read_string(r_, *k);
      if (id && !valid_name(*id, false)) {
        r_.error(
            mark_of(k->value), "invalid-value",
            k->path + " must be a finding id like secrets-in-env, got '" + id->substr(0, 40) + "'");
      } else if (id) {
        sup.id = *id;
      }
    } else {
      r_.error(sup.mark, "missing-key", path + " needs 'id': the finding to suppress");
    }
    if (const Entry* k = m.get("reason")) {
      if (auto v = read_string(r_, *k)) sup.reason = *v;
    } else {
      r_.error(sup.mark, "missing-key",
               path + " needs 'reason': why the team accepts this finding");
    }
    if (const Entry* k = m.get("service")) {
      if (auto v = read_string(r_, *k); v && !top && *v != service) {
        r_.error(mark_of(k->value), "invalid-value",
                 k->path + " '" + v->substr(0, 40) + "' is not this service ('" + service +
                     "'): suppress it under the spec's own suppress list");
      } else if (v) {
        sup.service = *v;
        sup.service_mark = mark_of(k->value);
      }
    }
    if (const Entry* k = m.get("resource")) {
      if (auto v = read_string(r_, *k)) sup.resource = *v;
    }
    // Kept when a key of it was wrong too (and reported), so its service is still checked
    // against the services (validate.hpp): a spec with problems is never returned.
    spec_.suppressions.push_back(std::move(sup));
  }
}

void SpecBuilder::read_iam_policies(const Entry& e) {
  if (!expect_map(r_, e.value, "iam_policies")) return;
  std::set<std::string, std::less<>> seen;
  for (const NodeRef entry : e.value) {
    if (entry.key_kind() != readers::NodeKind::string || entry.key().empty()) {
      r_.error(entry.key_mark(), "wrong-type",
               "keys in iam_policies must name the policy's resource (a logical id or address)");
      continue;
    }
    IamPolicy policy;
    policy.id = std::string(entry.key());
    policy.mark = entry.key_mark();
    const std::string where = "iam_policies." + policy.id;
    if (!seen.insert(policy.id).second) {
      r_.error(policy.mark, "duplicate-key",
               "duplicate policy '" + policy.id + "' in iam_policies");
      continue;
    }
    if (!expect_map(r_, entry, where)) continue;
    MarkMap marks;
    const MapView m(r_, entry, where, where + ".", {"roles", "statements"}, &marks);
    if (const Entry* k = m.get("roles")) policy.roles = read_string_list(*k, nullptr);
    const Entry* statements = m.get("statements");
    if (!statements) {
      r_.error(policy.mark, "missing-key",
               where +
                   " needs 'statements': the policy's statements (effect, actions, "
                   "resources)");
      continue;
    }
    if (!expect_list(r_, statements->value, statements->path)) continue;
    const std::vector<NodeRef> items = items_of(statements->value);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = statements->path + "[" + std::to_string(i) + "]";
      if (!expect_map(r_, items[i], path)) continue;
      const MapView sm(
          r_, items[i], path, path + ".",
          {"effect", "actions", "not_actions", "resources", "not_resources", "conditional"},
          &marks);
      IamStatement statement;
      statement.mark = mark_of(items[i]);
      if (const Entry* k = sm.get("effect")) {
        static const std::vector<std::pair<std::string_view, bool>> kEffects = {{"Allow", true},
                                                                                {"Deny", false}};
        if (auto v = read_enum(r_, *k, kEffects)) statement.allow = *v;
      } else {
        r_.error(statement.mark, "missing-key", path + " needs 'effect': Allow or Deny");
      }
      if (const Entry* k = sm.get("actions")) {
        statement.actions = read_string_list(*k, &statement.action_marks);
      }
      if (const Entry* k = sm.get("not_actions")) {
        statement.not_actions = read_string_list(*k, &statement.not_action_marks);
      }
      if (!sm.get("actions") && !sm.get("not_actions")) {
        r_.error(statement.mark, "missing-key",
                 path + " needs 'actions' (or 'not_actions'): what the statement allows or denies");
      }
      if (const Entry* k = sm.get("resources")) statement.resources = read_string_list(*k, nullptr);
      if (const Entry* k = sm.get("not_resources")) {
        statement.not_resources = read_string_list(*k, nullptr);
      }
      if (const Entry* k = sm.get("conditional")) {
        if (auto v = read_bool(r_, *k)) statement.conditional = *v;
      }
      policy.statements.push_back(std::move(statement));
    }
    spec_.iam_policies.push_back(std::move(policy));
  }
}

}  // namespace computefit
