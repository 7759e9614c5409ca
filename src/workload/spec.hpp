#pragma once
// The workload spec (version 1) after parsing, validation, defaulting and merging: every value
// here is final, so later stages never look at YAML or apply a default of their own.
// Names follow SPEC.md key by key.

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/diagnostic.hpp"

namespace computefit {

enum class ServiceKind { http, worker, event, scheduled };
enum class Language { nodejs, python, java, go, dotnet, ruby, rust, container };
enum class Architecture { x86_64, arm64 };
enum class RuntimeId { lambda, ecs_fargate, ecs_ec2, eks };
enum class TrafficShape { steady, diurnal, bursty, trace };
enum class OpsMaturity { low, medium, high };
enum class Commitment { none, savings_plan_1yr, savings_plan_3yr };
enum class Subnet { none, public_subnet, private_subnet };
enum class SecretsSource { none, env, secretsmanager, ssm, injected };
enum class FrontDoor { api_gateway_http, api_gateway_rest, function_url, alb };
enum class DownstreamKind { database, api, queue, cache, other };
enum class NodeAutoscaler { karpenter, cluster_autoscaler };
enum class Routing { round_robin, least_outstanding, random };

/// Every runtime, in the contract's tie-break order.
inline constexpr std::array<RuntimeId, 4> kAllRuntimes = {RuntimeId::lambda, RuntimeId::ecs_fargate,
                                                          RuntimeId::ecs_ec2, RuntimeId::eks};

/// The spelling used in specs and outputs ("ecs-fargate", "api-gateway-http", ...).
std::string_view to_string(ServiceKind v);
std::string_view to_string(Language v);
std::string_view to_string(Architecture v);
std::string_view to_string(RuntimeId v);
std::string_view to_string(TrafficShape v);
std::string_view to_string(OpsMaturity v);
std::string_view to_string(Commitment v);
std::string_view to_string(Subnet v);
std::string_view to_string(SecretsSource v);
std::string_view to_string(FrontDoor v);
std::string_view to_string(DownstreamKind v);
std::string_view to_string(NodeAutoscaler v);
std::string_view to_string(Routing v);
std::optional<RuntimeId> runtime_from_string(std::string_view s);

/// How long one request (or one scheduled run) takes on a warm instance.
struct DurationSpec {
  enum class Kind { fixed, lognormal, exponential };
  Kind kind = Kind::fixed;
  double fixed_ms = 0;  // Kind::fixed
  double p50_ms = 0;    // Kind::lognormal
  double p99_ms = 0;    // Kind::lognormal
  double mean_ms = 0;   // Kind::exponential

  double mean() const;  ///< expected value, ms
  /// Standard deviation over mean: how many requests a sample needs for a steady mean.
  double coefficient_of_variation() const;
  double quantile(double q) const;  ///< q in (0, 1), ms
  double lognormal_sigma() const;   ///< sigma of ln(duration) for Kind::lognormal
  /// The same distribution with every time multiplied by `factor` (cpu_bound scaling).
  DurationSpec scaled(double factor) const;
};

/// One row of a trace file: `count` arrivals spread evenly over [seconds, next row's seconds).
struct TracePoint {
  double seconds = 0;
  double count = 0;
};

struct Traffic {
  TrafficShape shape = TrafficShape::steady;
  double rps = 0;                   ///< mean arrivals per second (derived for traces)
  std::optional<double> peak_rps;   ///< diurnal, bursty (derived for traces)
  double burst_seconds = 60;        ///< bursty
  double bursts_per_hour = 1;       ///< bursty, as given
  std::string trace_path;           ///< trace: the path as written in the spec
  std::string trace_resolved_path;  ///< trace: relative to the spec's folder
  std::vector<TracePoint> trace;    ///< trace: the rows, sorted by time
  double trace_period_seconds = 0;  ///< trace: length of one loop
  /// trace: where the last row's interval ends (its start plus the interval of the row before).
  double trace_end_seconds = 0;
  /// trace: rows the file holds, and how many of them each entry of `trace` merges (1 unless the
  /// file has more than limits::kMaxTraceIntervals rows).
  std::size_t trace_rows_read = 0;
  std::size_t trace_rows_per_interval = 1;
  /// http: requests a client sends per TCP connection (keep-alive clients send many); ALB LCUs.
  double requests_per_connection = 1;
};

/// An EventBridge schedule: `cron(min hour dom month dow year)` or `rate(N unit)`, UTC.
struct Schedule {
  std::string expression;
  bool is_rate = false;
  double rate_seconds = 0;  ///< rate(): the period
  // cron(): the allowed values of each field ("*" and "?" expand to every value).
  std::vector<int> minutes, hours, days_of_month, months, days_of_week, years;
  bool day_of_month_any = true;  ///< the day-of-month field was * or ?
  bool day_of_week_any = true;   ///< the day-of-week field was * or ?
  // Day-of-month specials: L (last day), W (nearest weekday), # in day-of-week (nth weekday).
  bool last_day_of_month = false;
  std::optional<int> nearest_weekday_to;           ///< "15W"
  std::optional<std::pair<int, int>> nth_weekday;  ///< "2#1": (day 2 = Monday, 1st)
  std::optional<int> last_weekday_of_month;        ///< "6L": the month's last Friday (day 6)
};

struct Slo {
  std::optional<double> p50_ms, p95_ms, p99_ms;
  bool any() const { return p50_ms || p95_ms || p99_ms; }
};

struct Use {
  std::string downstream;
  double connections_per_instance = 0;
  double calls_per_request = 0;
  SourceMark mark;  ///< the `- downstream:` entry
};

struct Network {
  Subnet subnet = Subnet::none;
  bool nat_gateway = false;
  std::vector<std::string> vpc_endpoints;
  int azs = 2;
  /// Tasks get a public IPv4 address (ECS `AssignPublicIp: ENABLED`); false by default, as in ECS.
  bool assign_public_ip = false;
};

/// A poll-based event source a function reads (SPEC.md "What they read"): the mapping's batch
/// settings and, for an SQS queue, the queue and its visibility timeout. Each is nullopt (empty)
/// when not given.
struct EventSource {
  std::optional<int> batch_size;                  ///< messages per invocation, at most
  std::optional<double> batching_window_seconds;  ///< MaximumBatchingWindowInSeconds
  std::optional<int> max_concurrency;             ///< ScalingConfig.MaximumConcurrency
  std::string queue;  ///< the SQS queue's resource (logical id, address)
  std::optional<double> visibility_timeout_seconds;  ///< the queue's
};

/// CPU and memory as a task definition declares them: a fixed pair, which Fargate accepts only
/// when it is one of its sizes (vcpu and memory_mb are what the workload needs, rounded up).
struct TaskSize {
  double vcpu = 0;
  double memory_mb = 0;
};

/// One statement of an IAM policy, as far as a rule on its grants needs it.
struct IamStatement {
  bool allow = true;  ///< Effect: Allow (else Deny)
  std::vector<std::string> actions;
  std::vector<std::string> not_actions;
  std::vector<std::string> resources;
  std::vector<std::string> not_resources;
  bool conditional = false;                  ///< it has a Condition
  SourceMark mark;                           ///< the statement (its first key)
  std::vector<SourceMark> action_marks;      ///< each of `actions`, in order
  std::vector<SourceMark> not_action_marks;  ///< each of `not_actions`, in order
};

/// An IAM policy attached to roles: a role's inline policies, a policy resource, a SAM function's
/// Policies. `id` names the resource that holds it (a logical id or a Terraform address).
struct IamPolicy {
  std::string id;
  std::vector<std::string> roles;  ///< as `iam_role` names them
  std::vector<IamStatement> statements;
  SourceMark mark;  ///< its key under iam_policies
};

struct Needs {
  int gpu = 0;
  /// Memory per GPU the model needs; nullopt: not given (docs/runtimes.md says what is assumed).
  std::optional<double> gpu_memory_gb;
  bool custom_ami = false;
  double payload_mb = 0;  ///< largest request or response body
  double ephemeral_storage_gb = 0;
};

struct LambdaConfig {
  double keep_alive_minutes = 10.7;
  int provisioned_concurrency = 0;
  std::optional<int> reserved_concurrency;
  int account_concurrency = 1000;
  double timeout_seconds = 900;
  DurationSpec cold_start_ms;  ///< defaulted from the language table
  FrontDoor front_door = FrontDoor::api_gateway_http;
};

/// The block shared by the three container runtimes; fields a runtime lacks are unused there.
struct ContainerConfig {
  int min_tasks = 2;  ///< min_tasks (ECS) or min_pods (EKS)
  int max_tasks = 100;
  bool spot = false;
  double health_check_grace_seconds = 60;
  Routing routing = Routing::round_robin;  ///< ALB (ECS) default; EKS defaults to random
  std::string instance_type = "auto";      ///< ecs-ec2, eks
  int min_hosts = 0;                       ///< min_instances (ECS) or min_nodes (EKS)
  int max_hosts = 20;                      ///< max_instances (ECS) or max_nodes (EKS)
  /// eks; nullopt: the newest version the price catalog has in standard support at its date.
  std::optional<std::string> kubernetes_version;
  NodeAutoscaler autoscaler = NodeAutoscaler::karpenter;  ///< eks
  /// Target of the target-tracking policy (fraction of capacity in use).
  double target_utilization = 0.7;
};

struct RuntimesConfig {
  std::vector<RuntimeId> consider = {kAllRuntimes.begin(), kAllRuntimes.end()};
  LambdaConfig lambda;
  ContainerConfig ecs_fargate;
  ContainerConfig ecs_ec2;
  ContainerConfig eks;
  const ContainerConfig& container(RuntimeId id) const;
};

struct Service {
  std::string name;
  ServiceKind kind = ServiceKind::http;
  Language language = Language::container;
  Architecture architecture = Architecture::x86_64;
  double memory_mb = 512;
  double vcpu = 0.25;
  DurationSpec duration_ms;
  bool cpu_bound = false;
  /// CPU time one request burns on one full vCPU (part of duration_ms); nullopt: the CPU never
  /// saturates (duration_ms is all waiting), unless cpu_bound.
  std::optional<double> cpu_ms_per_request;
  int concurrency_per_instance = 20;
  Traffic traffic;
  std::optional<Schedule> schedule;  ///< scheduled services only
  /// Read from templates that give it no traffic (a scheduled one: no duration), and no overlay
  /// adds it: judged on its limits and configuration alone, never simulated, priced or ranked;
  /// `traffic` then holds a stand-in nothing reads (SPEC.md "Without traffic").
  bool unranked = false;
  Slo slo;
  double request_kb = 4;
  double response_kb = 16;
  double outbound_kb_per_request = 0;
  std::vector<Use> uses;
  std::vector<std::string> outbound;  ///< every target named, plain or `{to, kb_per_request}`
  /// Targets given as `{to, kb_per_request}`: the bytes each request sends there.
  std::map<std::string, double, std::less<>> outbound_kb_by_target;
  Network network;
  std::string iam_role;  ///< empty when not given
  /// The template resource the service was read from (a CloudFormation logical id, a Terraform
  /// address), which findings on it name; empty for a hand-written service.
  std::string resource;
  /// The ECS task definition the service runs (its logical id or address), which findings on the
  /// task definition's own settings (its size, its roles) name; empty when not given.
  std::string task_definition;
  /// The ECS task execution role (the agent's: image pull, logs, secrets); empty when not given.
  std::string execution_role;
  /// The task definition's own CPU/memory pair; nullopt when the spec gives none.
  std::optional<TaskSize> task_size;
  std::optional<EventSource> event_source;  ///< poll-based sources only
  /// Size of the environment variables as Lambda measures it (bytes); nullopt when not given.
  /// With `environment_unresolved`, a lower bound: those variables' values are counted empty.
  std::optional<int> environment_bytes;
  std::vector<std::string> environment_unresolved;  ///< variables whose values are not known
  SecretsSource secrets = SecretsSource::none;
  double image_mb = 300;
  double startup_seconds = 5;
  bool interruption_tolerant = false;
  Needs needs;
  /// Application log volume per request (CloudWatch Logs). 0 by default: no typical figure exists,
  /// so only what the platform itself writes (Lambda's START/END/REPORT lines) is counted unless
  /// given.
  double log_kb_per_request = 0;
  RuntimesConfig runtimes;  ///< the spec's block with this service's merged over it

  /// Where a key of this service was written: `path` relative to the service, e.g.
  /// "traffic.rps", "uses[0]", "network.subnet". Falls back to the `name:` key.
  SourceMark mark_of(std::string_view path) const;
  std::map<std::string, SourceMark, std::less<>> marks;
};

struct Downstream {
  std::string name;
  DownstreamKind kind = DownstreamKind::other;
  std::optional<int> max_connections;
  std::optional<double> max_rps;
  bool proxy = false;
  std::optional<double> vcpu;  ///< database size (RDS Proxy is priced per database vCPU)
  SourceMark mark;
};

/// One item of a `vpc_endpoints` list as written: the endpoint services it names (a shorthand such
/// as `ecr` names several) and where it was written.
struct EndpointItem {
  std::vector<std::string> names;
  SourceMark mark;
};

/// What already runs and is paid for elsewhere (SPEC.md "What is already paid for").
struct ExistingPlatform {
  bool eks_cluster = false;                ///< defaults to Team::kubernetes_platform
  bool load_balancer = false;              ///< an ALB or ingress that can take another route
  bool nat_gateway = false;                ///< NAT gateways already in the VPC
  std::vector<std::string> vpc_endpoints;  ///< interface endpoints paid for elsewhere
  /// `vpc_endpoints` item by item, so one no service routes through is reported where written.
  std::vector<EndpointItem> vpc_endpoint_items;
};

struct Team {
  bool kubernetes_platform = false;
  OpsMaturity ops_maturity = OpsMaturity::medium;
  ExistingPlatform existing;
};

struct Priorities {
  double cost = 0.4, latency = 0.3, operability = 0.3;  ///< normalised to sum to 1
};

struct PricingOptions {
  bool free_tier = false;
  Commitment commitment = Commitment::none;
};

/// A finding the team has accepted: still reported, marked with the reason, never failing
/// `--fail-on`. An empty `service` matches every service; a `resource` matches only the findings
/// that name it (a template's logical id or address: a queue, a policy, a cluster, a task
/// definition), the form `--fail-on` names a finding on no service in (`ID@RESOURCE`).
struct Suppression {
  std::string id;
  std::string service;
  std::string reason;
  SourceMark mark;  ///< the `- id:` entry
  /// The `service:` value when the entry names one (a service's own entries need not).
  std::optional<SourceMark> service_mark = std::nullopt;
  std::string resource = {};  ///< empty: whatever resource the finding names
};

struct Spec {
  std::string file;  ///< as given on the command line (used in locations)
  /// Every file a mark may point into, by SourceMark::file: files[0] is `file`; a spec read from
  /// templates and an overlay lists them all, and each value keeps its own. Empty means {file}.
  std::vector<std::string> files;
  int version = 1;
  std::string name;
  std::string region = "us-east-1";
  Team team;
  Priorities priorities;
  PricingOptions pricing;
  std::vector<Downstream> downstreams;  ///< in the order written
  std::vector<Service> services;        ///< in the order written
  RuntimesConfig runtimes;              ///< the spec-level block (already merged into services)
  /// Spec-level entries, then each service's (with `service` set to it), in the order written.
  std::vector<Suppression> suppressions;
  std::vector<IamPolicy> iam_policies;  ///< in the order written

  /// Where spec-level keys were written, by path: "region", "runtimes.lambda.timeout_seconds", ...
  std::map<std::string, SourceMark, std::less<>> marks;

  const Downstream* downstream(std::string_view name) const;
  /// The file a mark points into (files[mark.file], else `file`).
  const std::string& file_of(SourceMark mark) const;
  /// "FILE:LINE:COLUMN" for a mark of one of this spec's files ("FILE" when it has no position).
  std::string location(SourceMark mark) const;
};

}  // namespace computefit
