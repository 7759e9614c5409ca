// Good specs: SPEC.md's defaults, the merge of runtimes blocks, source marks, traces and the
// extensions, all through the public loader.
#include "workload/spec_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "document/limits.hpp"
#include "workload/source_tree.hpp"

namespace computefit {
namespace {

SpecLoadResult parse(const std::string& text, const FileSystem& fs = MemoryFileSystem{}) {
  return parse_spec(text, "spec.yaml", fs);
}

Spec parse_ok(const std::string& text, const FileSystem& fs = MemoryFileSystem{}) {
  SpecLoadResult r = parse(text, fs);
  for (const Diagnostic& d : r.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  return r.spec.value_or(Spec{});
}

Spec load_ok(const std::string& path) {
  const testing::SourceTreeFileSystem fs;
  SpecLoadResult r = load_spec(path, fs);
  for (const Diagnostic& d : r.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  return r.spec.value_or(Spec{});
}

// Where `needle` first appears at or after line `from_line` of `path`, found by text search:
// an account of marks independent of the YAML parser.
SourceMark position_of(const std::string& path, const std::string& needle, int from_line = 1) {
  const auto text = testing::SourceTreeFileSystem{}.read(path).value_or("");
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string row = text.substr(start, end - start);
    if (const auto col = row.find(needle); line >= from_line && col != std::string::npos) {
      return {line, static_cast<int>(col) + 1};
    }
    start = end + 1;
    ++line;
  }
  return {};
}

bool same(SourceMark a, SourceMark b) {
  return a.line == b.line && a.column == b.column;
}

TEST(SpecLoader, MinimalSpecTakesEveryDefault) {
  const Spec spec = load_ok("tests/workload/good/minimal.yaml");
  EXPECT_EQ(spec.region, "us-east-1");
  EXPECT_FALSE(spec.team.kubernetes_platform);
  EXPECT_EQ(spec.team.ops_maturity, OpsMaturity::medium);
  EXPECT_DOUBLE_EQ(spec.priorities.cost, 0.4);
  EXPECT_DOUBLE_EQ(spec.priorities.latency, 0.3);
  EXPECT_FALSE(spec.pricing.free_tier);
  EXPECT_EQ(spec.pricing.commitment, Commitment::none);
  ASSERT_EQ(spec.services.size(), 1u);
  const Service& s = spec.services[0];
  EXPECT_EQ(s.language, Language::container);
  EXPECT_EQ(s.architecture, Architecture::x86_64);
  EXPECT_EQ(s.memory_mb, 512);
  EXPECT_EQ(s.vcpu, 0.25);
  EXPECT_EQ(s.concurrency_per_instance, 20);
  EXPECT_EQ(s.traffic.shape, TrafficShape::steady);
  EXPECT_EQ(s.traffic.burst_seconds, 60);
  EXPECT_EQ(s.traffic.bursts_per_hour, 1);
  EXPECT_EQ(s.network.subnet, Subnet::none);
  EXPECT_EQ(s.network.azs, 2);
  EXPECT_EQ(s.secrets, SecretsSource::none);
  EXPECT_EQ(s.request_kb, 4);
  EXPECT_EQ(s.response_kb, 16);
  EXPECT_EQ(s.outbound_kb_per_request, 0);
  EXPECT_EQ(s.image_mb, 300);
  EXPECT_EQ(s.startup_seconds, 5);
  EXPECT_FALSE(s.interruption_tolerant);
  EXPECT_EQ(s.log_kb_per_request, 0.0);
  EXPECT_EQ(s.duration_ms.kind, DurationSpec::Kind::fixed);
  EXPECT_EQ(s.duration_ms.fixed_ms, 100);
  EXPECT_EQ(s.runtimes.consider.size(), 4u);
  const LambdaConfig& l = s.runtimes.lambda;
  EXPECT_EQ(l.keep_alive_minutes, 10.7);
  EXPECT_EQ(l.provisioned_concurrency, 0);
  EXPECT_FALSE(l.reserved_concurrency);
  EXPECT_EQ(l.account_concurrency, 1000);
  EXPECT_EQ(l.timeout_seconds, 900);
  EXPECT_EQ(l.front_door, FrontDoor::api_gateway_http);
  EXPECT_EQ(l.cold_start_ms.kind, DurationSpec::Kind::lognormal);
  EXPECT_EQ(l.cold_start_ms.p50_ms, 800);  // container (image) row of SPEC.md's table
  EXPECT_EQ(l.cold_start_ms.p99_ms, 2500);
  for (RuntimeId id : {RuntimeId::ecs_fargate, RuntimeId::ecs_ec2, RuntimeId::eks}) {
    const ContainerConfig& c = s.runtimes.container(id);
    EXPECT_EQ(c.min_tasks, 2);
    EXPECT_EQ(c.max_tasks, 100);
    EXPECT_EQ(c.min_hosts, 0);
    EXPECT_EQ(c.max_hosts, 20);
    EXPECT_FALSE(c.spot);
    EXPECT_EQ(c.instance_type, "auto");
    EXPECT_EQ(c.target_utilization, 0.7);
  }
  EXPECT_EQ(s.runtimes.ecs_fargate.routing, Routing::round_robin);
  EXPECT_EQ(s.runtimes.eks.routing, Routing::random);
  EXPECT_EQ(s.runtimes.eks.autoscaler, NodeAutoscaler::karpenter);
  // Revision 2: nothing is already paid for, no CPU model, one request per connection, and the
  // EKS version is left to the price catalog.
  EXPECT_FALSE(spec.team.existing.eks_cluster);
  EXPECT_FALSE(spec.team.existing.load_balancer);
  EXPECT_FALSE(spec.team.existing.nat_gateway);
  EXPECT_TRUE(spec.team.existing.vpc_endpoints.empty());
  EXPECT_FALSE(s.cpu_ms_per_request);
  EXPECT_EQ(s.traffic.requests_per_connection, 1);
  EXPECT_TRUE(s.outbound.empty());
  EXPECT_TRUE(s.outbound_kb_by_target.empty());
  EXPECT_FALSE(s.needs.gpu_memory_gb);
  for (RuntimeId id : {RuntimeId::ecs_fargate, RuntimeId::ecs_ec2, RuntimeId::eks}) {
    EXPECT_FALSE(s.runtimes.container(id).kubernetes_version);
  }
}

TEST(SpecLoader, KindDefaults) {
  const Spec spec = parse_ok(R"y(version: 1
services:
  - { name: w, kind: worker, memory_mb: 3000, traffic: { rps: 1 } }
  - { name: e, kind: event, language: java, traffic: { rps: 1 } }
  - { name: s, kind: scheduled, schedule: "rate(5 minutes)" }
)y");
  ASSERT_EQ(spec.services.size(), 3u);
  const Service& w = spec.services[0];
  EXPECT_EQ(w.concurrency_per_instance, 1);
  EXPECT_TRUE(w.interruption_tolerant);
  EXPECT_EQ(w.runtimes.ecs_fargate.min_tasks, 1);
  EXPECT_EQ(w.runtimes.eks.min_tasks, 1);
  EXPECT_EQ(w.vcpu, 0.5);  // 3000 MB needs the 0.5 vCPU size
  const Service& e = spec.services[1];
  EXPECT_EQ(e.concurrency_per_instance, 10);
  EXPECT_EQ(e.runtimes.lambda.cold_start_ms.p50_ms, 1500);
  const Service& s = spec.services[2];
  EXPECT_EQ(s.concurrency_per_instance, 1);
  ASSERT_TRUE(s.schedule);
  EXPECT_EQ(s.schedule->rate_seconds, 300);
}

TEST(SpecLoader, FullSpecReadsEveryKey) {
  const Spec spec = load_ok("tests/workload/good/full.yaml");
  EXPECT_EQ(spec.name, "shop");
  ASSERT_EQ(spec.downstreams.size(), 2u);
  const Downstream* db = spec.downstream("orders-db");
  ASSERT_TRUE(db);
  EXPECT_EQ(db->kind, DownstreamKind::database);
  EXPECT_EQ(db->max_connections, 400);
  EXPECT_EQ(db->vcpu, 2.0);
  EXPECT_EQ(spec.downstream("payments")->max_rps, 100.0);
  EXPECT_FALSE(spec.downstream("nothing"));
  ASSERT_EQ(spec.services.size(), 2u);
  const Service& api = spec.services[0];
  EXPECT_EQ(api.language, Language::nodejs);
  EXPECT_EQ(api.vcpu, 0.5);
  EXPECT_EQ(api.duration_ms.p50_ms, 45);
  EXPECT_EQ(api.duration_ms.p99_ms, 250);
  EXPECT_EQ(api.traffic.shape, TrafficShape::bursty);
  EXPECT_EQ(api.traffic.peak_rps, 400.0);
  EXPECT_EQ(api.slo.p99_ms, 300.0);
  EXPECT_FALSE(api.slo.p50_ms);
  ASSERT_EQ(api.uses.size(), 2u);
  EXPECT_EQ(api.uses[0].connections_per_instance, 5);
  EXPECT_EQ(api.uses[1].calls_per_request, 1);
  EXPECT_EQ(api.outbound, (std::vector<std::string>{"s3", "secretsmanager", "internet"}));
  EXPECT_EQ(api.network.subnet, Subnet::private_subnet);
  EXPECT_EQ(api.network.vpc_endpoints, (std::vector<std::string>{"s3"}));
  EXPECT_EQ(api.iam_role, "api-role");
  EXPECT_EQ(api.secrets, SecretsSource::env);
  EXPECT_TRUE(api.interruption_tolerant);
  EXPECT_EQ(api.needs.payload_mb, 1);
  EXPECT_EQ(api.runtimes.consider,
            (std::vector<RuntimeId>{RuntimeId::lambda, RuntimeId::ecs_fargate}));
  EXPECT_EQ(api.runtimes.lambda.cold_start_ms.p50_ms, 250);
  const Service& nightly = spec.services[1];
  EXPECT_EQ(nightly.duration_ms.fixed_ms, 2400000);
  EXPECT_EQ(nightly.vcpu, 0.5);  // 4096 MB fits the 0.5 vCPU size
  EXPECT_EQ(nightly.runtimes.consider.size(), 4u);
  EXPECT_EQ(nightly.runtimes.lambda.cold_start_ms.p50_ms, 250);  // the spec's block wins
}

// SPEC.md's own example must load, and mean what its comments say.
TEST(SpecLoader, SpecExampleLoadsWithTheValuesItStates) {
  const Spec spec = load_ok("tests/workload/good/spec-example.yaml");
  EXPECT_EQ(spec.name, "shop");
  EXPECT_FALSE(spec.team.kubernetes_platform);
  EXPECT_FALSE(spec.team.existing.eks_cluster);
  EXPECT_FALSE(spec.team.existing.load_balancer);
  EXPECT_FALSE(spec.team.existing.nat_gateway);
  EXPECT_TRUE(spec.team.existing.vpc_endpoints.empty());
  EXPECT_EQ(spec.team.ops_maturity, OpsMaturity::medium);
  EXPECT_DOUBLE_EQ(spec.priorities.cost, 0.4);
  EXPECT_EQ(spec.pricing.commitment, Commitment::none);
  ASSERT_EQ(spec.downstreams.size(), 2u);
  EXPECT_EQ(spec.downstream("orders-db")->max_connections, 400);
  EXPECT_EQ(spec.downstream("orders-db")->vcpu, 2.0);
  EXPECT_EQ(spec.downstream("payments")->max_rps, 100.0);
  ASSERT_EQ(spec.services.size(), 2u);
  const Service& api = spec.services[0];
  EXPECT_EQ(api.kind, ServiceKind::http);
  EXPECT_EQ(api.language, Language::nodejs);
  EXPECT_EQ(api.memory_mb, 1024);
  EXPECT_EQ(api.vcpu, 0.5);
  EXPECT_EQ(api.duration_ms.kind, DurationSpec::Kind::lognormal);
  EXPECT_EQ(api.duration_ms.p50_ms, 45);
  EXPECT_EQ(api.duration_ms.p99_ms, 250);
  EXPECT_FALSE(api.cpu_bound);
  EXPECT_EQ(api.concurrency_per_instance, 80);
  EXPECT_EQ(api.cpu_ms_per_request, 4.0);
  EXPECT_EQ(api.traffic.rps, 50);
  EXPECT_EQ(api.traffic.peak_rps, 400.0);
  EXPECT_EQ(api.traffic.shape, TrafficShape::bursty);
  EXPECT_EQ(api.traffic.burst_seconds, 60);
  EXPECT_EQ(api.traffic.bursts_per_hour, 1);
  EXPECT_EQ(api.traffic.requests_per_connection, 1);
  EXPECT_EQ(api.slo.p99_ms, 300.0);
  EXPECT_EQ(api.request_kb, 4);
  ASSERT_EQ(api.uses.size(), 2u);
  EXPECT_EQ(api.uses[0].connections_per_instance, 5);
  EXPECT_EQ(api.uses[1].calls_per_request, 1);
  EXPECT_EQ(api.outbound, (std::vector<std::string>{"s3", "secretsmanager", "internet"}));
  EXPECT_TRUE(api.outbound_kb_by_target.empty());
  EXPECT_EQ(api.network.subnet, Subnet::private_subnet);
  EXPECT_FALSE(api.network.nat_gateway);
  EXPECT_EQ(api.network.vpc_endpoints, (std::vector<std::string>{"s3"}));
  EXPECT_EQ(api.network.azs, 2);
  EXPECT_EQ(api.iam_role, "api-role");
  EXPECT_EQ(api.secrets, SecretsSource::env);
  EXPECT_EQ(api.image_mb, 300);
  EXPECT_EQ(api.startup_seconds, 8);
  EXPECT_TRUE(api.interruption_tolerant);
  EXPECT_EQ(api.needs.gpu, 0);
  EXPECT_FALSE(api.needs.gpu_memory_gb);  // 0 beside gpu: 0 says there is no GPU
  EXPECT_FALSE(api.needs.custom_ami);
  EXPECT_EQ(api.needs.payload_mb, 1);
  EXPECT_EQ(api.needs.ephemeral_storage_gb, 1);
  EXPECT_EQ(api.runtimes.consider,
            (std::vector<RuntimeId>{RuntimeId::lambda, RuntimeId::ecs_fargate}));
  const LambdaConfig& l = api.runtimes.lambda;
  EXPECT_EQ(l.keep_alive_minutes, 10.7);
  EXPECT_FALSE(l.reserved_concurrency);
  EXPECT_EQ(l.account_concurrency, 1000);
  EXPECT_EQ(l.cold_start_ms.p99_ms, 800);
  EXPECT_EQ(l.front_door, FrontDoor::api_gateway_http);
  EXPECT_EQ(api.runtimes.ecs_fargate.health_check_grace_seconds, 60);
  EXPECT_EQ(api.runtimes.ecs_ec2.max_hosts, 20);
  EXPECT_EQ(api.runtimes.eks.kubernetes_version, "1.35");
  EXPECT_EQ(api.runtimes.eks.autoscaler, NodeAutoscaler::karpenter);
  EXPECT_EQ(api.runtimes.eks.min_tasks, 2);
  const Service& nightly = spec.services[1];
  EXPECT_EQ(nightly.kind, ServiceKind::scheduled);
  ASSERT_TRUE(nightly.schedule);
  EXPECT_EQ(nightly.schedule->expression, "cron(0 3 * * ? *)");
  EXPECT_EQ(nightly.duration_ms.fixed_ms, 2400000);
  EXPECT_EQ(nightly.memory_mb, 4096);
  EXPECT_EQ(nightly.runtimes.consider.size(), 4u);
}

TEST(SpecLoader, RevisionTwoKeysFillTheModel) {
  const Spec spec = load_ok("tests/workload/good/revision-2.yaml");
  const ExistingPlatform& existing = spec.team.existing;
  EXPECT_TRUE(existing.eks_cluster);  // follows kubernetes_platform
  EXPECT_TRUE(existing.load_balancer);
  EXPECT_TRUE(existing.nat_gateway);
  EXPECT_EQ(existing.vpc_endpoints, (std::vector<std::string>{"ecr.api", "ecr.dkr", "logs"}));
  ASSERT_EQ(spec.services.size(), 3u);
  const Service& api = spec.services[0];
  EXPECT_EQ(api.cpu_ms_per_request, 40.0);
  EXPECT_EQ(api.traffic.requests_per_connection, 50);
  EXPECT_EQ(api.outbound,
            (std::vector<std::string>{"s3", "internet", "dynamodb", "secretsmanager"}));
  EXPECT_EQ(api.outbound_kb_by_target.size(), 2u);
  EXPECT_EQ(api.outbound_kb_by_target.at("s3"), 200);
  EXPECT_EQ(api.outbound_kb_by_target.at("dynamodb"), 2);
  EXPECT_EQ(api.outbound_kb_per_request, 8);
  // `ecr` stands for both ECR endpoints, in place; a name given again collapses.
  EXPECT_EQ(api.network.vpc_endpoints,
            (std::vector<std::string>{"s3", "ecr.api", "ecr.dkr", "logs", "dynamodb"}));
  EXPECT_EQ(api.secrets, SecretsSource::injected);
  EXPECT_TRUE(same(api.mark_of("outbound[2].kb_per_request"),
                   position_of("tests/workload/good/revision-2.yaml", "kb_per_request: 2 }")));
  const Service& infer = spec.services[1];
  EXPECT_EQ(infer.cpu_ms_per_request, 693.0);
  EXPECT_EQ(infer.needs.gpu, 1);
  EXPECT_EQ(infer.needs.gpu_memory_gb, 24.0);
  EXPECT_EQ(spec.services[2].cpu_ms_per_request, 60000.0);
  for (const Service& s : spec.services) EXPECT_FALSE(s.runtimes.eks.kubernetes_version);
}

TEST(SpecLoader, TemplateFactsFillTheModelWithTheirMarks) {
  const std::string path = "tests/workload/good/template-facts.yaml";
  const Spec spec = load_ok(path);
  ASSERT_EQ(spec.services.size(), 2u);
  const Service& fn = spec.services[0];
  ASSERT_TRUE(fn.event_source);
  EXPECT_EQ(fn.event_source->queue, "ThumbnailQueue");
  EXPECT_EQ(fn.event_source->visibility_timeout_seconds, 30.0);
  EXPECT_EQ(fn.event_source->batch_size, 10);
  EXPECT_EQ(fn.event_source->batching_window_seconds, 0.0);
  EXPECT_EQ(fn.event_source->max_concurrency, 5);
  EXPECT_TRUE(same(fn.mark_of("event_source.visibility_timeout_seconds"),
                   position_of(path, "visibility_timeout_seconds")));
  EXPECT_EQ(fn.environment_bytes, 3180);
  EXPECT_EQ(fn.environment_unresolved, (std::vector<std::string>{"TABLE_NAME"}));
  EXPECT_TRUE(same(fn.mark_of("environment_bytes"), position_of(path, "environment_bytes")));
  EXPECT_FALSE(fn.task_size);
  EXPECT_TRUE(fn.execution_role.empty());
  EXPECT_FALSE(fn.network.assign_public_ip);

  // A pair Fargate does not offer is a valid spec (a finding judges it), and vcpu/memory_mb
  // follow it when not written.
  const Service& task = spec.services[1];
  ASSERT_TRUE(task.task_size);
  EXPECT_EQ(task.task_size->vcpu, 1.0);
  EXPECT_EQ(task.task_size->memory_mb, 1024.0);
  EXPECT_EQ(task.vcpu, 1.0);
  EXPECT_EQ(task.memory_mb, 1024.0);
  EXPECT_TRUE(same(task.mark_of("task_size.memory_mb"), position_of(path, "memory_mb: 1024")));
  EXPECT_EQ(task.iam_role, "reports-role");
  EXPECT_EQ(task.execution_role, "reports-role");
  EXPECT_TRUE(task.network.assign_public_ip);
  EXPECT_TRUE(
      same(task.mark_of("network.assign_public_ip"), position_of(path, "assign_public_ip")));
  EXPECT_FALSE(task.event_source);
  EXPECT_FALSE(task.environment_bytes);

  ASSERT_EQ(spec.iam_policies.size(), 2u);
  const IamPolicy& p = spec.iam_policies[0];
  EXPECT_EQ(p.id, "ExportPolicy");
  EXPECT_TRUE(same(p.mark, position_of(path, "ExportPolicy:")));
  EXPECT_EQ(p.roles, (std::vector<std::string>{"thumbnail-role"}));
  ASSERT_EQ(p.statements.size(), 2u);
  EXPECT_TRUE(p.statements[0].allow);
  EXPECT_EQ(p.statements[0].actions, (std::vector<std::string>{"s3:*"}));
  EXPECT_EQ(p.statements[0].resources, (std::vector<std::string>{"*"}));
  ASSERT_EQ(p.statements[0].action_marks.size(), 1u);
  EXPECT_TRUE(same(p.statements[0].action_marks[0], position_of(path, "\"s3:*\"")));
  EXPECT_FALSE(p.statements[1].allow);
  EXPECT_TRUE(p.statements[1].actions.empty());
  EXPECT_EQ(p.statements[1].not_actions, (std::vector<std::string>{"s3:GetObject"}));
  EXPECT_EQ(p.statements[1].not_resources, (std::vector<std::string>{"arn:aws:s3:::reports/*"}));
  EXPECT_TRUE(p.statements[1].conditional);
  EXPECT_EQ(spec.iam_policies[1].id, "aws_iam_role_policy.lambda");
  EXPECT_TRUE(spec.iam_policies[1].roles.empty());
}

TEST(SpecLoader, TemplateFactsAreAbsentUnlessWritten) {
  const Spec spec =
      parse_ok("version: 1\nservices:\n  - { name: a, kind: worker, traffic: { rps: 1 } }\n");
  ASSERT_EQ(spec.services.size(), 1u);
  const Service& s = spec.services[0];
  EXPECT_FALSE(s.event_source);
  EXPECT_FALSE(s.task_size);
  EXPECT_FALSE(s.environment_bytes);
  EXPECT_TRUE(s.execution_role.empty());
  EXPECT_FALSE(s.network.assign_public_ip);
  EXPECT_TRUE(spec.iam_policies.empty());
}

TEST(SpecLoader, ExistingClusterFollowsThePlatformUnlessWritten) {
  const auto existing_cluster = [](const std::string& team) {
    return parse_ok("version: 1\nteam: " + team +
                    "\nservices: [{ name: a, kind: http, traffic: { rps: 1 } }]\n")
        .team.existing.eks_cluster;
  };
  EXPECT_TRUE(existing_cluster("{ kubernetes_platform: true }"));
  EXPECT_FALSE(existing_cluster("{ kubernetes_platform: false }"));
  EXPECT_FALSE(existing_cluster("{ kubernetes_platform: true, existing: { eks_cluster: false } }"));
  EXPECT_TRUE(existing_cluster("{ existing: { eks_cluster: true } }"));
  EXPECT_TRUE(existing_cluster("{ existing: { eks_cluster: true }, kubernetes_platform: false }"));
}

TEST(SpecLoader, KubernetesVersionIsKeptWhenWrittenAndLeftUnsetOtherwise) {
  const Spec spec = parse_ok(R"y(version: 1
runtimes: { eks: { kubernetes_version: "1.34" } }
services:
  - { name: a, kind: http, traffic: { rps: 1 } }
  - { name: b, kind: http, traffic: { rps: 1 }, runtimes: { eks: { kubernetes_version: "1.35" } } }
)y");
  EXPECT_EQ(spec.services.at(0).runtimes.eks.kubernetes_version, "1.34");
  EXPECT_EQ(spec.services.at(1).runtimes.eks.kubernetes_version, "1.35");
  const Spec bare =
      parse_ok("version: 1\nservices: [{ name: a, kind: http, traffic: { rps: 1 } }]\n");
  EXPECT_FALSE(bare.runtimes.eks.kubernetes_version);
  EXPECT_FALSE(bare.services.at(0).runtimes.eks.kubernetes_version);
}

// cpu_ms_per_request may equal the duration's median, and no more: the median of each form.
TEST(SpecLoader, CpuTimeMayReachTheMedianDurationButNotPassIt) {
  const auto problems = [](const std::string& duration, const std::string& cpu) {
    return parse(
               "version: 1\nservices: [{ name: a, kind: http, traffic: { rps: 1 }, "
               "duration_ms: " +
               duration + ", cpu_ms_per_request: " + cpu + " }]\n")
        .diagnostics.size();
  };
  EXPECT_EQ(problems("50", "50"), 0u);
  EXPECT_EQ(problems("50", "50.001"), 1u);
  EXPECT_EQ(problems("{ p50: 45, p99: 250 }", "45"), 0u);
  EXPECT_EQ(problems("{ p50: 45, p99: 250 }", "45.001"), 1u);
  // Exponential with mean 1000: median 1000 ln 2 = 693.147 ms.
  EXPECT_EQ(problems("{ mean: 1000, distribution: exponential }", "693.14"), 0u);
  EXPECT_EQ(problems("{ mean: 1000, distribution: exponential }", "693.15"), 1u);
  // Without duration_ms: the default, a fixed 100 ms.
  EXPECT_EQ(parse("version: 1\nservices: [{ name: a, kind: http, traffic: { rps: 1 }, "
                  "cpu_ms_per_request: 100 }]\n")
                .diagnostics.size(),
            0u);
  // cpu_bound: false says nothing about CPU time, so both may be written.
  EXPECT_EQ(problems("50 , cpu_bound: false", "10"), 0u);
}

TEST(SpecLoader, EndpointsPaidForElsewhereMustBeRoutedBySomeService) {
  const SpecLoadResult r = parse(R"y(version: 1
team: { existing: { vpc_endpoints: [ecr, sts] } }
services:
  - name: a
    kind: http
    traffic: { rps: 1 }
    network: { subnet: private, vpc_endpoints: [ecr.api] }
  - name: b
    kind: worker
    traffic: { rps: 1 }
    network: { subnet: private, vpc_endpoints: [sts] }
)y");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "bad-reference");
  EXPECT_NE(r.diagnostics[0].message.find("no service routes through ecr.dkr ("), std::string::npos)
      << r.diagnostics[0].message;
  EXPECT_EQ(r.diagnostics[0].mark.line, 2);
}

// A scheduled service runs on its schedule: traffic is refused there, as it is required elsewhere.
TEST(SpecLoader, TrafficIsRequiredExactlyWhenTheServiceIsNotScheduled) {
  for (const char* kind : {"http", "worker", "event"}) {
    SCOPED_TRACE(kind);
    const SpecLoadResult r =
        parse(std::string("version: 1\nservices:\n  - name: a\n    kind: ") + kind + "\n");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].code, "missing-key");
    EXPECT_EQ(r.diagnostics[0].mark.line, 3);  // at the service's name
    EXPECT_EQ(r.diagnostics[0].mark.column, 5);
    EXPECT_NE(r.diagnostics[0].message.find("$0 and meet every SLO"), std::string::npos);
  }
  const SpecLoadResult scheduled = parse(
      "version: 1\nservices:\n  - { name: a, kind: scheduled, schedule: \"rate(1 hour)\", "
      "traffic: { rps: 1 } }\n");
  ASSERT_EQ(scheduled.diagnostics.size(), 1u);
  EXPECT_NE(scheduled.diagnostics[0].message.find("does not apply to a scheduled service"),
            std::string::npos);
}

TEST(SpecLoader, MarksPointAtTheKeys) {
  const std::string path = "tests/workload/good/full.yaml";
  const Spec spec = load_ok(path);
  const Service& api = spec.services.at(0);
  const int api_line = position_of(path, "- name: api").line;
  EXPECT_TRUE(same(api.mark_of("name"), position_of(path, "name: api")));
  EXPECT_TRUE(same(api.mark_of("traffic.rps"), position_of(path, "rps:", api_line)));
  EXPECT_TRUE(same(api.mark_of("uses[0]"), position_of(path, "downstream: orders-db")));
  EXPECT_TRUE(same(api.mark_of("uses[0].connections_per_instance"),
                   position_of(path, "connections_per_instance")));
  EXPECT_TRUE(
      same(api.mark_of("uses[1].calls_per_request"), position_of(path, "calls_per_request")));
  EXPECT_TRUE(same(api.mark_of("network.subnet"), position_of(path, "subnet:")));
  EXPECT_TRUE(same(api.mark_of("secrets"), position_of(path, "secrets: env")));
  EXPECT_TRUE(same(api.mark_of("runtimes"), position_of(path, "runtimes: { consider")));
  // Absent keys fall back to the service's name.
  EXPECT_TRUE(same(api.mark_of("log_kb_per_request"), api.mark_of("name")));
  EXPECT_TRUE(same(spec.marks.at("region"), position_of(path, "region:")));
  EXPECT_TRUE(
      same(spec.marks.at("runtimes.lambda.timeout_seconds"), position_of(path, "timeout_seconds")));
  EXPECT_TRUE(same(spec.marks.at("downstreams.orders-db.max_connections"),
                   position_of(path, "max_connections")));
  EXPECT_EQ(spec.location(api.mark_of("iam_role")),
            path + ":" + std::to_string(position_of(path, "iam_role").line) + ":5");
}

TEST(SpecLoader, ServiceRuntimesMergeOverTheSpecsKeyByKey) {
  const Spec spec = load_ok("tests/workload/good/extensions.yaml");
  ASSERT_EQ(spec.services.size(), 3u);
  const Service& api = spec.services[0];
  EXPECT_EQ(api.runtimes.consider,
            (std::vector<RuntimeId>{RuntimeId::lambda, RuntimeId::ecs_fargate}));  // replaced
  EXPECT_EQ(api.runtimes.ecs_fargate.min_tasks, 4);                                // the service's
  EXPECT_EQ(api.runtimes.ecs_fargate.max_tasks, 50);                               // the spec's
  EXPECT_TRUE(api.runtimes.ecs_fargate.spot);                                      // the spec's
  EXPECT_EQ(api.runtimes.ecs_fargate.target_utilization, 0.6);
  EXPECT_EQ(api.runtimes.ecs_fargate.routing, Routing::least_outstanding);
  EXPECT_EQ(api.runtimes.eks.min_tasks, 3);  // min_pods
  EXPECT_EQ(api.runtimes.eks.max_hosts, 8);  // max_nodes
  EXPECT_EQ(api.runtimes.eks.routing, Routing::random);
  EXPECT_EQ(api.runtimes.ecs_ec2.min_hosts, 1);  // min_instances
  EXPECT_EQ(api.runtimes.ecs_ec2.max_hosts, 4);
  EXPECT_EQ(api.runtimes.ecs_ec2.instance_type, "m7g.large");
  EXPECT_EQ(api.runtimes.lambda.reserved_concurrency, 50);
  EXPECT_EQ(api.runtimes.lambda.provisioned_concurrency, 5);
  // The spec's cold start replaces the language default (go: 100 ms).
  EXPECT_EQ(api.runtimes.lambda.cold_start_ms.p50_ms, 400);
  EXPECT_EQ(api.log_kb_per_request, 0.5);
  const Service& worker = spec.services[1];
  EXPECT_EQ(worker.runtimes.consider.size(), 4u);
  EXPECT_EQ(worker.runtimes.ecs_fargate.min_tasks, 1);
  EXPECT_EQ(worker.runtimes.ecs_fargate.max_tasks, 50);
  EXPECT_FALSE(worker.runtimes.lambda.reserved_concurrency);
  EXPECT_EQ(spec.runtimes.ecs_fargate.max_tasks, 50);
  EXPECT_EQ(spec.region, "eu-west-2");
}

TEST(SpecLoader, DefaultsGiveWayToWrittenLimits) {
  const Spec spec = parse_ok(R"y(version: 1
services:
  - name: api
    kind: http
    traffic: { rps: 1 }
    runtimes:
      ecs-fargate: { max_tasks: 1 }
      ecs-ec2: { min_tasks: 150, min_instances: 30 }
)y");
  const Service& s = spec.services.at(0);
  EXPECT_EQ(s.runtimes.ecs_fargate.min_tasks, 1);
  EXPECT_EQ(s.runtimes.ecs_ec2.max_tasks, 150);
  EXPECT_EQ(s.runtimes.ecs_ec2.max_hosts, 30);
}

TEST(SpecLoader, SuppressionsFromSpecAndServices) {
  const Spec spec = load_ok("tests/workload/good/extensions.yaml");
  ASSERT_EQ(spec.suppressions.size(), 2u);
  EXPECT_EQ(spec.suppressions[0].id, "shared-iam-role");
  EXPECT_EQ(spec.suppressions[0].service, "worker");
  EXPECT_EQ(spec.suppressions[0].reason, "one role per team is our policy");
  EXPECT_EQ(spec.suppressions[1].id, "secrets-in-env");
  EXPECT_EQ(spec.suppressions[1].service, "worker");
  EXPECT_TRUE(spec.suppressions[1].mark.known());
}

TEST(SpecLoader, MergeKeysAndExtensionKeys) {
  const Spec spec = load_ok("tests/workload/good/merge-keys.yaml");
  ASSERT_EQ(spec.services.size(), 2u);
  EXPECT_EQ(spec.services[0].kind, ServiceKind::worker);
  EXPECT_EQ(spec.services[0].language, Language::python);
  EXPECT_EQ(spec.services[0].memory_mb, 4096);  // written beside the merge: it wins
  EXPECT_EQ(spec.services[1].memory_mb, 2048);
  EXPECT_EQ(spec.services[1].vcpu, 0.25);
  const SpecLoadResult r = parse(
      "version: 1\nx: &d { kind: http, rps: 3 }\nservices: [{ <<: *d, name: a, traffic: { rps: 3 } "
      "}]\n");
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "spec.yaml:2:1: error: unknown key 'x' in the spec");
  EXPECT_EQ(
      format_diagnostic(r.diagnostics[1]),
      "spec.yaml:2:21: error: unknown key 'rps' in service 'a'");  // where the anchor wrote it
}

TEST(SpecLoader, PrioritiesAreNormalised) {
  const Spec spec = parse_ok(R"y(version: 1
priorities: { cost: 2, latency: 1, operability: 1 }
services: [{ name: api, kind: http, traffic: { rps: 1 } }]
)y");
  EXPECT_DOUBLE_EQ(spec.priorities.cost, 0.5);
  EXPECT_DOUBLE_EQ(spec.priorities.latency, 0.25);
  EXPECT_DOUBLE_EQ(spec.priorities.operability, 0.25);
}

// ramp.csv: rows at 0, 60, 120, 180 s with 60, 120, 600, 120 arrivals; the last row lasts 60 s
// like the one before, so the loop is 240 s, the mean 900 / 240 = 3.75/s and the peak 600/60.
TEST(SpecLoader, TraceDerivesRatesRelativeToTheSpecsFolder) {
  const Spec spec = load_ok("tests/workload/good/trace.yaml");
  const Traffic& t = spec.services.at(0).traffic;
  EXPECT_EQ(t.trace_path, "../traces/ramp.csv");
  EXPECT_EQ(t.trace_resolved_path, "tests/workload/good/../traces/ramp.csv");
  ASSERT_EQ(t.trace.size(), 4u);
  EXPECT_EQ(t.trace[2].seconds, 120);
  EXPECT_EQ(t.trace[2].count, 600);
  EXPECT_DOUBLE_EQ(t.trace_period_seconds, 240);
  EXPECT_DOUBLE_EQ(t.rps, 3.75);
  EXPECT_DOUBLE_EQ(t.peak_rps.value_or(0), 10);
  EXPECT_EQ(spec.services.at(0).duration_ms.kind, DurationSpec::Kind::exponential);
}

TEST(SpecLoader, TraceInMemory) {
  MemoryFileSystem fs;
  fs.add("specs/traffic.csv", "0,100\n10,0\n30,50\n");
  const SpecLoadResult r = parse_spec(R"y(version: 1
services:
  - { name: api, kind: http, traffic: { shape: trace, trace: traffic.csv } }
)y",
                                      "specs/shop.yaml", fs);
  ASSERT_TRUE(r.spec) << (r.diagnostics.empty() ? "" : format_diagnostic(r.diagnostics[0]));
  const Traffic& t = r.spec->services[0].traffic;
  EXPECT_DOUBLE_EQ(t.trace_period_seconds, 50);  // the last row lasts 20 s like the one before
  EXPECT_DOUBLE_EQ(t.rps, 150.0 / 50);
  EXPECT_DOUBLE_EQ(*t.peak_rps, 10);
}

TEST(SpecLoader, LongTraceIsKeptInBoundedIntervals) {
  // 100,000 rows, one a second: merged as read into runs of 4 (at most kMaxTraceIntervals
  // entries), with the total, the period, the last row's end and the peak of the rows themselves.
  std::string csv = "seconds,count\n";
  double total = 0;
  for (int i = 0; i < 100'000; ++i) {
    const int count = i == 77'777 ? 1'000 : i % 7;
    csv += std::to_string(i) + "," + std::to_string(count) + "\n";
    total += count;
  }
  MemoryFileSystem fs;
  fs.add("long.csv", csv);
  const Spec spec = parse_ok(
      "version: 1\nservices:\n  - { name: a, kind: http, traffic: { shape: trace, "
      "trace: long.csv } }\n",
      fs);
  const Traffic& t = spec.services[0].traffic;
  EXPECT_EQ(t.trace_rows_read, 100'000u);
  EXPECT_EQ(t.trace_rows_per_interval, 4u);
  EXPECT_LE(t.trace.size(), limits::kMaxTraceIntervals);
  EXPECT_EQ(t.trace.size(), 25'000u);
  double kept = 0;
  for (const TracePoint& point : t.trace) kept += point.count;
  EXPECT_DOUBLE_EQ(kept, total);
  EXPECT_DOUBLE_EQ(t.trace[1].seconds, 4);
  EXPECT_DOUBLE_EQ(t.trace_period_seconds, 100'000);
  EXPECT_DOUBLE_EQ(t.trace_end_seconds, 100'000);
  EXPECT_DOUBLE_EQ(*t.peak_rps, 1'000);
}

TEST(SpecLoader, TraceNumbersArePlainDecimals) {
  for (const std::string csv : {"0,nan\n10,5\n", "0,1\n0x10,5\n", "0,inf\n1,2\n",
                                "seconds,count\n0,1e999\n1,2\n", "0,1\n1,.\n"}) {
    MemoryFileSystem fs;
    fs.add("t.csv", csv);
    const SpecLoadResult r = parse(
        "version: 1\nservices:\n  - { name: a, kind: http, traffic: { shape: trace, trace: "
        "t.csv } }\n",
        fs);
    ASSERT_FALSE(r.diagnostics.empty()) << csv;
    EXPECT_NE(r.diagnostics[0].message.find("line "), std::string::npos)
        << csv << ": " << r.diagnostics[0].message;
  }
  MemoryFileSystem fs;
  fs.add("t.csv", "seconds,count\n0,1.5e1\n+2,.5\n");
  const Spec spec = parse_ok(
      "version: 1\nservices:\n  - { name: a, kind: http, traffic: { shape: trace, trace: "
      "t.csv } }\n",
      fs);
  EXPECT_DOUBLE_EQ(spec.services[0].traffic.trace[0].count, 15);
}

// Found by fuzz_trace: "0,1" then "1e-0308,2" gave an infinite rate (1 arrival in 1e-308 s).
TEST(SpecLoader, ATraceRowFasterThanTheRateLimitIsRefusedAtItsLine) {
  MemoryFileSystem fs;
  fs.add("t.csv", "seconds,count\n0,1\n1e-0308,2\n");
  const SpecLoadResult r = parse(
      "version: 1\nservices:\n  - { name: a, kind: http, traffic: { shape: trace, trace: "
      "t.csv } }\n",
      fs);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_NE(r.diagnostics[0].message.find("line 2: the row's count over the time to the next row "
                                          "is above the limit of 10,000,000 requests per second"),
            std::string::npos)
      << r.diagnostics[0].message;
}

TEST(SpecLoader, CollectsEveryProblemBeforeStopping) {
  const SpecLoadResult r = parse(R"y(version: 3
region: mars
services:
  - name: api
    kind: http
    memory_mb: -1
    traffic: { rpss: 1 }
  - name: api
    kind: htp
)y");
  EXPECT_FALSE(r.spec);
  EXPECT_EQ(r.diagnostics.size(), 6u);  // version, region, memory, rpss, name, kind
  for (std::size_t i = 1; i < r.diagnostics.size(); ++i) {
    EXPECT_LE(r.diagnostics[i - 1].mark.line, r.diagnostics[i].mark.line);  // in file order
  }
}

TEST(SpecLoader, MissingFileIsADiagnostic) {
  const SpecLoadResult r = load_spec("no/such/spec.yaml", MemoryFileSystem{});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "io-error");
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]).rfind("no/such/spec.yaml: error: ", 0), 0u);
}

TEST(SpecLoader, EveryGoodSpecAndExampleLoads) {
  const std::string root = COMPUTEFIT_SOURCE_DIR;
  for (const char* folder : {"tests/workload/good", "examples"}) {
    if (!std::filesystem::is_directory(root + "/" + folder)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(root + "/" + folder)) {
      if (entry.path().extension() != ".yaml") continue;
      SCOPED_TRACE(entry.path().string());
      load_ok(std::string(folder) + "/" + entry.path().filename().string());
    }
  }
}

}  // namespace
}  // namespace computefit
