#include "workload/spec_loader.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include "document/limits.hpp"
#include "document/yaml_document.hpp"
#include "workload/defaults.hpp"
#include "workload/endpoint_services.hpp"
#include "workload/schedule.hpp"
#include "workload/suggest.hpp"
#include "workload/trace_reader.hpp"
#include "workload/tree_reader.hpp"

namespace computefit {
namespace {

using Keys = std::vector<std::string_view>;

Range at_most(double max, bool exclusive_zero = false) {
  return {0, exclusive_zero, max};
}

const std::vector<std::pair<std::string_view, ServiceKind>> kKinds = {
    {"http", ServiceKind::http},
    {"worker", ServiceKind::worker},
    {"event", ServiceKind::event},
    {"scheduled", ServiceKind::scheduled}};
const std::vector<std::pair<std::string_view, Language>> kLanguages = {
    {"nodejs", Language::nodejs}, {"python", Language::python},      {"java", Language::java},
    {"go", Language::go},         {"dotnet", Language::dotnet},      {"ruby", Language::ruby},
    {"rust", Language::rust},     {"container", Language::container}};
const std::vector<std::pair<std::string_view, Architecture>> kArchitectures = {
    {"x86_64", Architecture::x86_64}, {"arm64", Architecture::arm64}};
const std::vector<std::pair<std::string_view, TrafficShape>> kShapes = {
    {"steady", TrafficShape::steady},
    {"diurnal", TrafficShape::diurnal},
    {"bursty", TrafficShape::bursty},
    {"trace", TrafficShape::trace}};
const std::vector<std::pair<std::string_view, OpsMaturity>> kMaturities = {
    {"low", OpsMaturity::low}, {"medium", OpsMaturity::medium}, {"high", OpsMaturity::high}};
const std::vector<std::pair<std::string_view, Commitment>> kCommitments = {
    {"none", Commitment::none},
    {"savings-plan-1yr", Commitment::savings_plan_1yr},
    {"savings-plan-3yr", Commitment::savings_plan_3yr}};
const std::vector<std::pair<std::string_view, Subnet>> kSubnets = {
    {"none", Subnet::none}, {"public", Subnet::public_subnet}, {"private", Subnet::private_subnet}};
const std::vector<std::pair<std::string_view, SecretsSource>> kSecrets = {
    {"none", SecretsSource::none},
    {"env", SecretsSource::env},
    {"secretsmanager", SecretsSource::secretsmanager},
    {"ssm", SecretsSource::ssm},
    {"injected", SecretsSource::injected}};
const std::vector<std::pair<std::string_view, FrontDoor>> kFrontDoors = {
    {"api-gateway-http", FrontDoor::api_gateway_http},
    {"api-gateway-rest", FrontDoor::api_gateway_rest},
    {"function-url", FrontDoor::function_url},
    {"alb", FrontDoor::alb}};
const std::vector<std::pair<std::string_view, DownstreamKind>> kDownstreamKinds = {
    {"database", DownstreamKind::database},
    {"api", DownstreamKind::api},
    {"queue", DownstreamKind::queue},
    {"cache", DownstreamKind::cache},
    {"other", DownstreamKind::other}};
const std::vector<std::pair<std::string_view, NodeAutoscaler>> kAutoscalers = {
    {"karpenter", NodeAutoscaler::karpenter},
    {"cluster-autoscaler", NodeAutoscaler::cluster_autoscaler}};
const std::vector<std::pair<std::string_view, Routing>> kRoutings = {
    {"round-robin", Routing::round_robin},
    {"least-outstanding", Routing::least_outstanding},
    {"random", Routing::random}};
const std::vector<std::pair<std::string_view, RuntimeId>> kRuntimeIds = {
    {"lambda", RuntimeId::lambda},
    {"ecs-fargate", RuntimeId::ecs_fargate},
    {"ecs-ec2", RuntimeId::ecs_ec2},
    {"eks", RuntimeId::eks}};
const std::vector<std::pair<std::string_view, bool>> kDistributions = {{"exponential", true}};

const Keys kTopKeys = {"version",     "name",     "region",   "team",     "priorities",  "pricing",
                       "downstreams", "services", "runtimes", "suppress", "iam_policies"};
const Keys kServiceKeys = {"name",
                           "kind",
                           "language",
                           "architecture",
                           "memory_mb",
                           "vcpu",
                           "duration_ms",
                           "cpu_bound",
                           "cpu_ms_per_request",
                           "concurrency_per_instance",
                           "traffic",
                           "schedule",
                           "slo",
                           "request_kb",
                           "response_kb",
                           "outbound_kb_per_request",
                           "uses",
                           "outbound",
                           "network",
                           "iam_role",
                           "secrets",
                           "image_mb",
                           "startup_seconds",
                           "interruption_tolerant",
                           "needs",
                           "runtimes",
                           "log_kb_per_request",
                           "suppress",
                           "execution_role",
                           "task_size",
                           "event_source",
                           "environment_bytes",
                           "environment_unresolved"};
const Keys kLambdaKeys = {"keep_alive_minutes",  "provisioned_concurrency", "reserved_concurrency",
                          "account_concurrency", "timeout_seconds",         "cold_start_ms",
                          "front_door"};
const Keys kFargateKeys = {"min_tasks", "max_tasks",         "spot", "health_check_grace_seconds",
                           "routing",   "target_utilization"};
const Keys kEc2Keys = {"instance_type",
                       "min_instances",
                       "max_instances",
                       "min_tasks",
                       "max_tasks",
                       "spot",
                       "health_check_grace_seconds",
                       "routing",
                       "target_utilization"};
const Keys kEksKeys = {"instance_type",
                       "min_nodes",
                       "max_nodes",
                       "min_pods",
                       "max_pods",
                       "spot",
                       "health_check_grace_seconds",
                       "routing",
                       "target_utilization",
                       "kubernetes_version",
                       "autoscaler"};

// What a runtimes: block says, key by key, before it is merged over the defaults.
struct LambdaOverlay {
  std::optional<double> keep_alive_minutes;
  std::optional<int> provisioned_concurrency;
  std::optional<int> reserved_concurrency;
  std::optional<int> account_concurrency;
  std::optional<double> timeout_seconds;
  std::optional<DurationSpec> cold_start_ms;
  std::optional<FrontDoor> front_door;
};

struct ContainerOverlay {
  std::optional<int> min_tasks, max_tasks, min_hosts, max_hosts;
  std::optional<bool> spot;
  std::optional<double> health_check_grace_seconds, target_utilization;
  std::optional<Routing> routing;
  std::optional<std::string> instance_type, kubernetes_version;
  std::optional<NodeAutoscaler> autoscaler;
};

struct RuntimesOverlay {
  std::optional<std::vector<RuntimeId>> consider;
  LambdaOverlay lambda;
  ContainerOverlay ecs_fargate, ecs_ec2, eks;
};

template <typename T>
std::optional<T> either(const std::optional<T>& over, const std::optional<T>& base) {
  return over ? over : base;
}

class Loader {
 public:
  Loader(std::string path, const FileSystem& fs) : path_(std::move(path)), fs_(fs), r_(path_) {}

  SpecLoadResult run(const std::string& text);
  /// The same for a tree already read (its marks may point into several files).
  SpecLoadResult run(const readers::Document& document);

 private:
  SpecLoadResult finish();
  void read_spec(const NodeRef& root);
  void read_team(const Entry& e);
  void read_existing(const Entry& e);
  void read_priorities(const Entry& e);
  void read_pricing(const Entry& e);
  void read_downstreams(const Entry& e);
  void read_service(const NodeRef& node, std::size_t index, const RuntimesOverlay& spec_runtimes);
  void read_traffic(const Entry& e, Service& s);
  void read_uses(const Entry& e, Service& s);
  bool read_outbound(const Entry& e, Service& s);
  void check_outbound_kb(const Entry& e, const Service& s);
  void read_cpu_ms_per_request(const Entry& e, Service& s, bool duration_known);
  void read_network(const Entry& e, Service& s);
  void read_needs(const Entry& e, Service& s);
  void read_slo(const Entry& e, Service& s);
  void read_template_facts(const MapView& m, Service& s);
  void read_event_source(const Entry& e, Service& s);
  void read_task_size(const Entry& e, Service& s);
  std::vector<std::string> read_string_list(const Entry& e, std::vector<SourceMark>* marks);
  void read_iam_policies(const Entry& e);
  void read_suppress(const Entry& e, MarkMap& marks, const std::string& service);
  std::optional<DurationSpec> read_duration(const Entry& e);
  std::vector<std::string> read_endpoints(const Entry& e);
  RuntimesOverlay read_runtimes(const Entry& e, MarkMap& marks);
  LambdaOverlay read_lambda(const Entry& e, MarkMap& marks);
  ContainerOverlay read_container(const Entry& e, MarkMap& marks, RuntimeId id);
  RuntimesConfig merge(const RuntimesOverlay& spec_level, const RuntimesOverlay& own,
                       ServiceKind kind, Language language, const MarkMap& own_marks,
                       SourceMark fallback);
  void check_references();
  // Suggestions cost an edit distance per known name: past the problems that will be printed, a
  // hostile list of thousands of unknown names is reported without them.
  bool worth_suggesting() const { return r_.count() < limits::kMaxDiagnostics; }

  std::string path_;
  const FileSystem& fs_;
  Reporter r_;
  Spec spec_;
  std::vector<std::pair<std::string, SourceMark>> suppress_services_;  // to check once all are read
  // team.existing.vpc_endpoints as written (a shorthand expanded), to check against the services'.
  std::vector<std::pair<std::vector<std::string>, SourceMark>> existing_endpoints_;
};

// A spec is a few kilobytes and a few hundred values, six levels deep: its YAML is read within
// those bounds (limits.hpp), so an alias bomb or a recursive anchor is refused before anything
// walks it.
readers::YamlReadOptions spec_yaml_options() {
  readers::YamlReadOptions o;
  o.what = "a spec";
  o.max_bytes = limits::kMaxSpecBytes;
  o.size_note = "a workload spec is a few kilobytes";
  o.max_nodes = limits::kMaxNodes;
  o.max_depth = limits::kMaxDepth;
  o.expansion_note = "a spec is far smaller";
  o.nesting_note = "a spec nests a few levels";
  return o;
}

SpecLoadResult Loader::run(const std::string& text) {
  spec_.file = path_;
  try {
    readers::DocumentResult read = readers::read_yaml_document(path_, text, spec_yaml_options());
    for (Diagnostic& d : read.diagnostics)
      r_.error(d.mark, std::move(d.code), std::move(d.message));
    if (read.document) read_spec(read.document->root());
  } catch (const std::exception& e) {
    r_.error({}, "internal", std::string("could not read the spec: ") + e.what());
  }
  return finish();
}

SpecLoadResult Loader::run(const readers::Document& document) {
  spec_.file = path_;
  spec_.files = document.files();
  spec_.files.front() = path_;
  r_.set_files(spec_.files);
  try {
    read_spec(document.root());
  } catch (const std::exception& e) {
    r_.error({}, "internal", std::string("could not read the spec: ") + e.what());
  }
  return finish();
}

SpecLoadResult Loader::finish() {
  SpecLoadResult result;
  Diagnostics diagnostics = r_.take();
  // Reported once: a spec-level problem found while merging into each service repeats.
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tuple(a.mark.file, a.mark.line, a.mark.column) <
                            std::tuple(b.mark.file, b.mark.line, b.mark.column);
                   });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [](const Diagnostic& a, const Diagnostic& b) {
                                  return a.mark.file == b.mark.file && a.mark.line == b.mark.line &&
                                         a.mark.column == b.mark.column && a.message == b.message;
                                }),
                    diagnostics.end());
  if (diagnostics.size() > limits::kMaxDiagnostics) {
    const std::size_t more = diagnostics.size() - limits::kMaxDiagnostics;
    diagnostics.resize(limits::kMaxDiagnostics);
    diagnostics.push_back(
        {path_, {}, "too-many", "and " + std::to_string(more) + " more problems"});
  }
  if (diagnostics.empty()) {
    result.spec = std::move(spec_);
  }
  result.diagnostics = std::move(diagnostics);
  return result;
}

void Loader::read_spec(const NodeRef& root) {
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
  const MapView top(r_, root, "the spec", "", kTopKeys, &spec_.marks, true);
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
  spec_.runtimes =
      merge(spec_runtimes, {}, ServiceKind::http, Language::container, spec_.marks, mark_of(root));
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
  check_references();
}

void Loader::read_team(const Entry& e) {
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
    if (auto v = read_enum(r_, *k, kMaturities)) spec_.team.ops_maturity = *v;
  }
}

void Loader::read_existing(const Entry& e) {
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
    if (!names.empty()) existing_endpoints_.emplace_back(std::move(names), mark_of(item));
  }
}

void Loader::read_priorities(const Entry& e) {
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

void Loader::read_pricing(const Entry& e) {
  if (!expect_map(r_, e.value, "pricing")) return;
  const MapView m(r_, e.value, "pricing", "pricing.", {"free_tier", "commitment"}, &spec_.marks);
  if (const Entry* k = m.get("free_tier")) {
    if (auto v = read_bool(r_, *k)) spec_.pricing.free_tier = *v;
  }
  if (const Entry* k = m.get("commitment")) {
    if (auto v = read_enum(r_, *k, kCommitments)) spec_.pricing.commitment = *v;
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

void Loader::read_downstreams(const Entry& e) {
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
      if (auto v = read_enum(r_, *k, kDownstreamKinds)) ds.kind = *v;
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

std::optional<DurationSpec> Loader::read_duration(const Entry& e) {
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
    const auto kind = read_enum(r_, *dist, kDistributions);
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

std::vector<std::string> Loader::read_endpoints(const Entry& e) {
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

LambdaOverlay Loader::read_lambda(const Entry& e, MarkMap& marks) {
  LambdaOverlay o;
  if (!expect_map(r_, e.value, e.path)) return o;
  const MapView m(r_, e.value, e.path, e.path + ".", kLambdaKeys, &marks);
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
  if (const Entry* k = m.get("front_door")) o.front_door = read_enum(r_, *k, kFrontDoors);
  return o;
}

ContainerOverlay Loader::read_container(const Entry& e, MarkMap& marks, RuntimeId id) {
  ContainerOverlay o;
  if (!expect_map(r_, e.value, e.path)) return o;
  const Keys& keys = id == RuntimeId::eks       ? kEksKeys
                     : id == RuntimeId::ecs_ec2 ? kEc2Keys
                                                : kFargateKeys;
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
  if (const Entry* k = m.get("routing")) o.routing = read_enum(r_, *k, kRoutings);
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
  if (const Entry* k = m.get("autoscaler")) o.autoscaler = read_enum(r_, *k, kAutoscalers);
  return o;
}

RuntimesOverlay Loader::read_runtimes(const Entry& e, MarkMap& marks) {
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
        const auto id = read_enum(r_, item, kRuntimeIds);
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

RuntimesConfig Loader::merge(const RuntimesOverlay& spec_level, const RuntimesOverlay& own,
                             ServiceKind kind, Language language, const MarkMap& own_marks,
                             SourceMark fallback) {
  // Where a merged key was written: the service's block first, then the spec's.
  auto where = [&](const std::string& path) {
    if (auto it = own_marks.find(path); it != own_marks.end()) return it->second;
    if (auto it = spec_.marks.find(path); it != spec_.marks.end()) return it->second;
    return fallback;
  };
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
  if (l.reserved_concurrency && l.provisioned_concurrency > *l.reserved_concurrency) {
    r_.error(where("runtimes.lambda.provisioned_concurrency"), "invalid-value",
             "runtimes.lambda.provisioned_concurrency (" +
                 std::to_string(l.provisioned_concurrency) +
                 ") must not exceed reserved_concurrency (" +
                 std::to_string(*l.reserved_concurrency) + ")");
  }
  if (l.reserved_concurrency && *l.reserved_concurrency > l.account_concurrency) {
    r_.error(where("runtimes.lambda.reserved_concurrency"), "invalid-value",
             "runtimes.lambda.reserved_concurrency (" + std::to_string(*l.reserved_concurrency) +
                 ") must not exceed account_concurrency (" + std::to_string(l.account_concurrency) +
                 ")");
  }
  if (l.provisioned_concurrency > l.account_concurrency) {
    r_.error(where("runtimes.lambda.provisioned_concurrency"), "invalid-value",
             "runtimes.lambda.provisioned_concurrency (" +
                 std::to_string(l.provisioned_concurrency) +
                 ") must not exceed account_concurrency (" + std::to_string(l.account_concurrency) +
                 ")");
  }

  const auto container = [&](const ContainerOverlay& x, const ContainerOverlay& y, RuntimeId id) {
    ContainerConfig cc;
    const bool eks = id == RuntimeId::eks;
    const std::string block = "runtimes." + std::string(to_string(id)) + ".";
    cc.routing = eks ? Routing::random : Routing::round_robin;
    const auto min_tasks = either(x.min_tasks, y.min_tasks);
    const auto max_tasks = either(x.max_tasks, y.max_tasks);
    const auto min_hosts = either(x.min_hosts, y.min_hosts);
    const auto max_hosts = either(x.max_hosts, y.max_hosts);
    // A default gives way to a value the user wrote: max_tasks: 1 alone means min 1, not 2 > 1.
    cc.max_tasks = max_tasks.value_or(std::max(cc.max_tasks, min_tasks.value_or(0)));
    cc.min_tasks = min_tasks.value_or(std::min(default_min_tasks(kind), cc.max_tasks));
    cc.max_hosts = max_hosts.value_or(std::max(cc.max_hosts, min_hosts.value_or(0)));
    cc.min_hosts = min_hosts.value_or(std::min(cc.min_hosts, cc.max_hosts));
    if (cc.min_tasks > cc.max_tasks) {
      const std::string lo = eks ? "min_pods" : "min_tasks";
      const std::string hi = eks ? "max_pods" : "max_tasks";
      r_.error(where(block + lo), "invalid-value",
               block + lo + " (" + std::to_string(cc.min_tasks) + ") must not exceed " + hi + " (" +
                   std::to_string(cc.max_tasks) + ")");
    }
    if (cc.min_hosts > cc.max_hosts) {
      const std::string lo = eks ? "min_nodes" : "min_instances";
      const std::string hi = eks ? "max_nodes" : "max_instances";
      r_.error(where(block + lo), "invalid-value",
               block + lo + " (" + std::to_string(cc.min_hosts) + ") must not exceed " + hi + " (" +
                   std::to_string(cc.max_hosts) + ")");
    }
    if (auto v = either(x.spot, y.spot)) cc.spot = *v;
    if (auto v = either(x.health_check_grace_seconds, y.health_check_grace_seconds)) {
      cc.health_check_grace_seconds = *v;
    }
    if (auto v = either(x.routing, y.routing)) cc.routing = *v;
    if (auto v = either(x.instance_type, y.instance_type)) cc.instance_type = *v;
    if (auto v = either(x.kubernetes_version, y.kubernetes_version)) cc.kubernetes_version = *v;
    if (auto v = either(x.autoscaler, y.autoscaler)) cc.autoscaler = *v;
    cc.target_utilization = either(x.target_utilization, y.target_utilization)
                                .value_or(default_target_utilization(kind));
    return cc;
  };
  c.ecs_fargate = container(own.ecs_fargate, spec_level.ecs_fargate, RuntimeId::ecs_fargate);
  c.ecs_ec2 = container(own.ecs_ec2, spec_level.ecs_ec2, RuntimeId::ecs_ec2);
  c.eks = container(own.eks, spec_level.eks, RuntimeId::eks);
  return c;
}

void Loader::read_traffic(const Entry& e, Service& s) {
  if (!expect_map(r_, e.value, "traffic")) return;
  const std::size_t problems_before = r_.count();
  const MapView m(r_, e.value, "traffic", "traffic.",
                  {"rps", "peak_rps", "shape", "burst_seconds", "bursts_per_hour", "trace",
                   "requests_per_connection"},
                  &s.marks);
  // A misspelt key (`rpss`) is reported as such, not again as a missing rps.
  const bool keys_known = r_.count() == problems_before;
  Traffic& t = s.traffic;
  bool shape_known = true;
  if (const Entry* k = m.get("shape")) {
    if (auto v = read_enum(r_, *k, kShapes)) {
      t.shape = *v;
    } else {
      shape_known = false;
    }
  }
  const Entry* rps = m.get("rps");
  const Entry* peak = m.get("peak_rps");
  const Entry* trace = m.get("trace");
  const std::string shape(to_string(t.shape));
  if (const Entry* k = m.get("requests_per_connection")) {
    if (s.kind != ServiceKind::http) {
      r_.error(k->key_mark, "invalid-value",
               "traffic.requests_per_connection applies only to http services (the connections "
               "a load balancer counts), and this service is " +
                   std::string(to_string(s.kind)));
    } else if (auto v = read_number(r_, *k, {1, false, limits::kMaxCount})) {
      t.requests_per_connection = *v;
    }
  }
  std::optional<double> rps_value;
  if (rps && t.shape != TrafficShape::trace) {
    rps_value = read_number(r_, *rps, at_most(limits::kMaxRps));
    if (rps_value) t.rps = *rps_value;
  }
  if (peak && t.shape != TrafficShape::trace) {
    if (t.shape == TrafficShape::steady) {
      r_.error(peak->key_mark, "invalid-value",
               "traffic.peak_rps applies only to diurnal or bursty traffic, and shape is steady");
    } else if (auto v = read_number(r_, *peak, at_most(limits::kMaxRps, true))) {
      t.peak_rps = *v;
      if (*v < t.rps) {
        r_.error(mark_of(peak->value), "invalid-value",
                 "traffic.peak_rps (" + format_number(*v) + ") must be at least traffic.rps (" +
                     format_number(t.rps) + ")");
      }
    }
  }
  // Without arrivals a service would cost $0 and meet every SLO: a mean rate is required.
  if (shape_known && t.shape != TrafficShape::trace) {
    if (!rps && keys_known) {
      r_.error(e.key_mark, "missing-key", "traffic.rps (the mean) is required with shape " + shape);
    } else if (rps_value && *rps_value == 0) {
      r_.error(mark_of(rps->value), "invalid-value",
               "traffic.rps must be greater than 0 with shape " + shape);
    }
  }
  if (t.shape == TrafficShape::diurnal || t.shape == TrafficShape::bursty) {
    if (!peak) {
      r_.error(e.key_mark, "missing-key", "traffic.peak_rps is required with shape " + shape);
    }
  }
  for (const char* key : {"burst_seconds", "bursts_per_hour"}) {
    const Entry* k = m.get(key);
    if (!k) continue;
    if (t.shape != TrafficShape::bursty) {
      r_.error(
          k->key_mark, "invalid-value",
          "traffic." + std::string(key) + " applies only to bursty traffic, and shape is " + shape);
      continue;
    }
    const bool seconds = std::string_view(key) == "burst_seconds";
    if (auto v = read_number(r_, *k, at_most(seconds ? 86400 : 3600, true))) {
      (seconds ? t.burst_seconds : t.bursts_per_hour) = *v;
    }
  }
  if (t.shape != TrafficShape::trace) {
    if (trace) {
      r_.error(trace->key_mark, "invalid-value",
               "traffic.trace needs shape: trace (shape is " + shape + ")");
    }
    return;
  }
  for (const Entry* k : {rps, peak}) {
    if (k) {
      r_.error(k->key_mark, "invalid-value",
               k->path + " must not be given with shape trace: it is derived from the trace");
    }
  }
  if (!trace) {
    r_.error(e.key_mark, "missing-key", "traffic.trace (a CSV file) is required with shape trace");
    return;
  }
  const auto file = read_string(r_, *trace);
  if (!file) return;
  t.trace_path = *file;
  // Relative to the file that names it: an overlay's trace sits beside the overlay, not beside
  // the template it is merged over.
  const std::string& named_in = spec_.file_of(mark_of(trace->value));
  const auto slash = named_in.find_last_of('/');
  t.trace_resolved_path = file->front() == '/' || slash == std::string::npos
                              ? *file
                              : named_in.substr(0, slash + 1) + *file;
  const auto text = fs_.read(t.trace_resolved_path);
  const SourceMark at = mark_of(trace->value);
  if (!text) {
    r_.error(at, "bad-trace", "cannot read the trace file '" + t.trace_resolved_path + "'");
    return;
  }
  if (text->size() > limits::kMaxTraceBytes) {
    r_.error(at, "bad-trace",
             "the trace file '" + t.trace_resolved_path + "' is larger than 256 MiB");
    return;
  }
  const TraceRead read = read_trace(*text);
  if (!read.error.empty()) {
    r_.error(at, "bad-trace",
             "trace '" + t.trace_resolved_path + "'" +
                 (read.error_line > 0 ? " line " + std::to_string(read.error_line) : "") + ": " +
                 read.error);
    return;
  }
  t.trace = read.points;
  t.trace_period_seconds = read.period_seconds;
  t.trace_end_seconds = read.end_seconds;
  t.trace_rows_read = read.rows_read;
  t.trace_rows_per_interval = read.rows_per_interval;
  t.rps = read.mean_rps;
  t.peak_rps = read.peak_rps;
  if (t.peak_rps > limits::kMaxRps) {
    r_.error(at, "bad-trace",
             "trace '" + t.trace_resolved_path + "' peaks at " + format_number(*t.peak_rps) +
                 " requests per second, above the limit of " + format_number(limits::kMaxRps));
  }
}

void Loader::read_uses(const Entry& e, Service& s) {
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

void Loader::read_cpu_ms_per_request(const Entry& e, Service& s, bool duration_known) {
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
bool Loader::read_outbound(const Entry& e, Service& s) {
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

void Loader::check_outbound_kb(const Entry& e, const Service& s) {
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

void Loader::read_network(const Entry& e, Service& s) {
  if (!expect_map(r_, e.value, "network")) return;
  const MapView m(r_, e.value, "network", "network.",
                  {"subnet", "nat_gateway", "vpc_endpoints", "azs", "assign_public_ip"}, &s.marks);
  if (const Entry* k = m.get("subnet")) {
    if (auto v = read_enum(r_, *k, kSubnets)) s.network.subnet = *v;
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

void Loader::read_needs(const Entry& e, Service& s) {
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

void Loader::read_slo(const Entry& e, Service& s) {
  if (!expect_map(r_, e.value, "slo")) return;
  const MapView m(r_, e.value, "slo", "slo.", {"p50_ms", "p95_ms", "p99_ms"}, &s.marks);
  const Range range = at_most(limits::kMaxDurationMs, true);
  if (const Entry* k = m.get("p50_ms")) s.slo.p50_ms = read_number(r_, *k, range);
  if (const Entry* k = m.get("p95_ms")) s.slo.p95_ms = read_number(r_, *k, range);
  if (const Entry* k = m.get("p99_ms")) s.slo.p99_ms = read_number(r_, *k, range);
  const auto order = [&](const std::optional<double>& lo, const char* lo_name,
                         const std::optional<double>& hi, const char* hi_name) {
    if (lo && hi && *hi < *lo) {
      r_.error(s.mark_of(std::string("slo.") + hi_name), "invalid-value",
               std::string("slo.") + hi_name + " (" + format_number(*hi) +
                   ") must be at least slo." + lo_name + " (" + format_number(*lo) + ")");
    }
  };
  order(s.slo.p50_ms, "p50_ms", s.slo.p95_ms, "p95_ms");
  order(s.slo.p95_ms, "p95_ms", s.slo.p99_ms, "p99_ms");
  if (!s.slo.p95_ms) order(s.slo.p50_ms, "p50_ms", s.slo.p99_ms, "p99_ms");
}

void Loader::read_suppress(const Entry& e, MarkMap& marks, const std::string& service) {
  if (!expect_list(r_, e.value, e.path)) return;
  const bool top = service.empty();
  const std::vector<NodeRef> items = items_of(e.value);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const NodeRef& item = items[i];
    const std::string path = e.path + "[" + std::to_string(i) + "]";
    if (!expect_map(r_, item, path)) continue;
    marks[path] = mark_of(item);
    const Keys keys = {"id", "service", "reason"};
    const MapView m(r_, item, path, path + ".", keys, &marks);
    Suppression sup;
    sup.mark = mark_of(item);
    sup.service = service;
    bool ok = true;
    if (const Entry* k = m.get("id")) {
      const auto id = read_string(r_, *k);
      if (id && !valid_name(*id, false)) {
        r_.error(
            mark_of(k->value), "invalid-value",
            k->path + " must be a finding id like secrets-in-env, got '" + id->substr(0, 40) + "'");
        ok = false;
      } else if (id) {
        sup.id = *id;
      } else {
        ok = false;
      }
    } else {
      r_.error(sup.mark, "missing-key", path + " needs 'id': the finding to suppress");
      ok = false;
    }
    if (const Entry* k = m.get("reason")) {
      if (auto v = read_string(r_, *k))
        sup.reason = *v;
      else
        ok = false;
    } else {
      r_.error(sup.mark, "missing-key",
               path + " needs 'reason': why the team accepts this finding");
      ok = false;
    }
    if (const Entry* k = m.get("service")) {
      if (auto v = read_string(r_, *k); v && !top && *v != service) {
        r_.error(mark_of(k->value), "invalid-value",
                 k->path + " '" + v->substr(0, 40) + "' is not this service ('" + service +
                     "'): suppress it under the spec's own suppress list");
        ok = false;
      } else if (v) {
        sup.service = *v;
        suppress_services_.emplace_back(*v, mark_of(k->value));
      } else {
        ok = false;
      }
    }
    if (ok) spec_.suppressions.push_back(std::move(sup));
  }
}

void Loader::read_service(const NodeRef& node, std::size_t index,
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
    if (auto v = read_enum(r_, *k, kKinds)) {
      s.kind = *v;
      kind_known = true;
    }
  } else {
    r_.error(s.mark_of("name"), "missing-key",
             where + " needs a 'kind': one of http, worker, event, scheduled");
  }
  if (const Entry* k = m.get("language")) {
    if (auto v = read_enum(r_, *k, kLanguages)) s.language = *v;
  }
  if (const Entry* k = m.get("architecture")) {
    if (auto v = read_enum(r_, *k, kArchitectures)) s.architecture = *v;
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
    if (auto v = read_enum(r_, *k, kSecrets)) s.secrets = *v;
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
  s.runtimes = merge(spec_runtimes, own, s.kind, s.language, s.marks, s.mark_of("name"));
  if (const Entry* k = m.get("suppress")) {
    read_suppress(*k, s.marks, s.name.empty() ? fallback_name : s.name);
  }
  spec_.services.push_back(std::move(s));
}

// ---- facts a template gives that rules use (SPEC.md "One model") ------------------------------

void Loader::read_template_facts(const MapView& m, Service& s) {
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

void Loader::read_event_source(const Entry& e, Service& s) {
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

void Loader::read_task_size(const Entry& e, Service& s) {
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

std::vector<std::string> Loader::read_string_list(const Entry& e, std::vector<SourceMark>* marks) {
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

void Loader::read_iam_policies(const Entry& e) {
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
      if (const Entry* k = sm.get("not_actions"))
        statement.not_actions = read_string_list(*k, nullptr);
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

void Loader::check_references() {
  std::vector<std::string_view> downstream_names;
  for (const Downstream& d : spec_.downstreams) downstream_names.push_back(d.name);
  for (const Service& s : spec_.services) {
    for (std::size_t i = 0; i < s.uses.size(); ++i) {
      const Use& use = s.uses[i];
      if (spec_.downstream(use.downstream)) continue;
      std::string message = "uses[" + std::to_string(i) + "].downstream: unknown downstream '" +
                            use.downstream.substr(0, 40) + "'";
      if (auto near = nearest(use.downstream, downstream_names)) {
        message += "; did you mean '" + std::string(*near) + "'?";
      } else if (downstream_names.empty()) {
        message += "; declare it under 'downstreams'";
      }
      r_.error(s.mark_of("uses[" + std::to_string(i) + "].downstream"), "bad-reference", message);
    }
  }
  // existing.vpc_endpoints says which of the VPC's endpoints are paid for elsewhere; the routes
  // themselves are each service's network.vpc_endpoints, so one nobody routes through is a slip.
  for (const auto& [names, mark] : existing_endpoints_) {
    std::string listed;  // the names no service routes through
    for (const std::string& n : names) {
      const bool routed =
          std::any_of(spec_.services.begin(), spec_.services.end(), [&](const Service& s) {
            const auto& eps = s.network.vpc_endpoints;
            return std::find(eps.begin(), eps.end(), n) != eps.end();
          });
      if (!routed) listed += (listed.empty() ? "" : " and ") + n;
    }
    if (listed.empty()) continue;
    r_.error(mark, "bad-reference",
             "team.existing.vpc_endpoints: no service routes through " + listed +
                 " (network.vpc_endpoints); existing says which of those endpoints are paid for "
                 "elsewhere, so list it in the network of the services that use it");
  }
  std::vector<std::string_view> service_names;
  for (const Service& s : spec_.services) service_names.push_back(s.name);
  for (const auto& [name, mark] : suppress_services_) {
    if (std::find(service_names.begin(), service_names.end(), name) != service_names.end())
      continue;
    std::string message = "suppress: unknown service '" + name.substr(0, 40) + "'";
    if (auto near = nearest(name, service_names))
      message += "; did you mean '" + std::string(*near) + "'?";
    r_.error(mark, "bad-reference", message);
  }
}

}  // namespace

SpecLoadResult parse_spec(const std::string& text, const std::string& path, const FileSystem& fs) {
  return Loader(path, fs).run(text);
}

SpecLoadResult load_spec_document(const readers::Document& document, const std::string& path,
                                  const FileSystem& fs) {
  return Loader(path, fs).run(document);
}

SpecLoadResult load_spec(const std::string& path, const FileSystem& fs) {
  const auto text = fs.read(path);
  if (!text) {
    SpecLoadResult result;
    result.diagnostics.push_back(
        {path, {}, "io-error", "cannot read the file (missing, not a regular file, or too large)"});
    return result;
  }
  return parse_spec(*text, path, fs);
}

}  // namespace computefit
