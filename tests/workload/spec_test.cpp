// Spellings of SPEC.md, the duration distributions against closed forms, and locations.
#include "workload/spec.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "workload/defaults.hpp"
#include "workload/file_system.hpp"
#include "workload/suggest.hpp"

namespace computefit {
namespace {

TEST(Spellings, MatchTheContract) {
  EXPECT_EQ(to_string(RuntimeId::ecs_fargate), "ecs-fargate");
  EXPECT_EQ(to_string(RuntimeId::ecs_ec2), "ecs-ec2");
  EXPECT_EQ(to_string(FrontDoor::api_gateway_http), "api-gateway-http");
  EXPECT_EQ(to_string(FrontDoor::function_url), "function-url");
  EXPECT_EQ(to_string(Commitment::savings_plan_1yr), "savings-plan-1yr");
  EXPECT_EQ(to_string(Commitment::savings_plan_3yr), "savings-plan-3yr");
  EXPECT_EQ(to_string(Architecture::x86_64), "x86_64");
  EXPECT_EQ(to_string(Subnet::private_subnet), "private");
  EXPECT_EQ(to_string(Subnet::public_subnet), "public");
  EXPECT_EQ(to_string(Subnet::none), "none");
  EXPECT_EQ(to_string(NodeAutoscaler::cluster_autoscaler), "cluster-autoscaler");
  EXPECT_EQ(to_string(Routing::least_outstanding), "least-outstanding");
  EXPECT_EQ(to_string(Routing::round_robin), "round-robin");
  EXPECT_EQ(to_string(Routing::random), "random");
  EXPECT_EQ(to_string(SecretsSource::secretsmanager), "secretsmanager");
  EXPECT_EQ(to_string(ServiceKind::scheduled), "scheduled");
  EXPECT_EQ(to_string(TrafficShape::bursty), "bursty");
  EXPECT_EQ(to_string(OpsMaturity::medium), "medium");
  EXPECT_EQ(to_string(DownstreamKind::database), "database");
  EXPECT_EQ(to_string(Language::dotnet), "dotnet");
  for (RuntimeId id : kAllRuntimes) EXPECT_EQ(runtime_from_string(to_string(id)), id);
  EXPECT_FALSE(runtime_from_string("fargate"));
}

// Lognormal from p50/p99: mu = ln p50, sigma = (ln p99 - ln p50) / z_0.99, mean = exp(mu +
// sigma^2 / 2). Reference values computed with Python's statistics.NormalDist (z_0.99 =
// 2.3263478740408408); the tolerance is far above double rounding and far below any use.
TEST(DurationSpec, LognormalMatchesClosedForm) {
  DurationSpec d;
  d.kind = DurationSpec::Kind::lognormal;
  d.p50_ms = 100;
  d.p99_ms = 1000;
  EXPECT_NEAR(d.lognormal_sigma(), 0.9897853707470156, 1e-9);
  EXPECT_NEAR(d.mean(), 163.20510555203512, 1e-6);
  EXPECT_NEAR(d.quantile(0.5), 100, 1e-9);
  EXPECT_NEAR(d.quantile(0.99), 1000, 1e-6);
  EXPECT_NEAR(d.quantile(0.95), 509.3942338383134, 1e-6);
  d.p50_ms = 45;
  d.p99_ms = 250;
  EXPECT_NEAR(d.mean(), 59.04711690504111, 1e-6);
}

TEST(DurationSpec, ExponentialAndFixed) {
  DurationSpec e;
  e.kind = DurationSpec::Kind::exponential;
  e.mean_ms = 200;
  EXPECT_DOUBLE_EQ(e.mean(), 200);
  EXPECT_NEAR(e.quantile(0.5), 200 * std::log(2.0), 1e-9);
  EXPECT_NEAR(e.quantile(0.99), 200 * std::log(100.0), 1e-9);
  EXPECT_EQ(e.lognormal_sigma(), 0);
  DurationSpec f;
  f.fixed_ms = 50;
  EXPECT_EQ(f.mean(), 50);
  EXPECT_EQ(f.quantile(0.999), 50);
}

TEST(DurationSpec, ScaledMultipliesEveryTime) {
  DurationSpec d;
  d.kind = DurationSpec::Kind::lognormal;
  d.p50_ms = 100;
  d.p99_ms = 1000;
  const DurationSpec s = d.scaled(0.5);
  EXPECT_NEAR(s.quantile(0.99), 500, 1e-6);
  EXPECT_NEAR(s.mean(), d.mean() / 2, 1e-9);
  EXPECT_NEAR(s.lognormal_sigma(), d.lognormal_sigma(), 1e-12);
}

TEST(Diagnostics, FormatWithAndWithoutPosition) {
  EXPECT_EQ(format_diagnostic({"shop.yaml", {34, 9}, "unknown-key", "unknown key 'x'"}),
            "shop.yaml:34:9: error: unknown key 'x'");
  EXPECT_EQ(format_diagnostic({"shop.yaml", {}, "empty", "the spec is empty"}),
            "shop.yaml: error: the spec is empty");
  Spec spec;
  spec.file = "shop.yaml";
  EXPECT_EQ(spec.location({3, 5}), "shop.yaml:3:5");
}

TEST(Service, MarkOfFallsBackToTheEnclosingKeyThenTheName) {
  Service s;
  s.marks["name"] = {3, 5};
  s.marks["runtimes"] = {9, 5};
  s.marks["runtimes.eks"] = {10, 7};
  s.marks["uses[0]"] = {6, 7};
  EXPECT_EQ(s.mark_of("runtimes.eks.min_pods").line, 10);
  EXPECT_EQ(s.mark_of("runtimes.lambda").line, 9);
  EXPECT_EQ(s.mark_of("uses[0].calls_per_request").line, 6);
  EXPECT_EQ(s.mark_of("secrets").line, 3);
}

// SPEC.md defaults: Fargate CPU sizes by the memory they allow.
TEST(Defaults, VcpuIsTheSmallestFargateSizeThatHoldsTheMemory) {
  EXPECT_EQ(default_vcpu(512), 0.25);
  EXPECT_EQ(default_vcpu(2048), 0.25);
  EXPECT_EQ(default_vcpu(2049), 0.5);
  EXPECT_EQ(default_vcpu(4096), 0.5);
  EXPECT_EQ(default_vcpu(8192), 1);
  EXPECT_EQ(default_vcpu(16384), 2);
  EXPECT_EQ(default_vcpu(30720), 4);
  EXPECT_EQ(default_vcpu(61440), 8);
  EXPECT_EQ(default_vcpu(122880), 16);
  EXPECT_EQ(default_vcpu(500000), 16);
}

TEST(Defaults, ColdStartTableOfSpec) {
  EXPECT_EQ(default_cold_start(Language::rust).p50_ms, 60);
  EXPECT_EQ(default_cold_start(Language::java).p99_ms, 4000);
  EXPECT_EQ(default_cold_start(Language::container).p50_ms, 800);
  EXPECT_EQ(default_cold_start(Language::python).p99_ms, 1000);
}

TEST(DiskFileSystem, ReadsRegularFilesOnlyAndWithinTheLimit) {
  const std::string spec = std::string(COMPUTEFIT_SOURCE_DIR) + "/tests/workload/good/minimal.yaml";
  EXPECT_TRUE(DiskFileSystem{}.read(spec));
  EXPECT_FALSE(DiskFileSystem{16}.read(spec));                 // larger than 16 bytes
  EXPECT_FALSE(DiskFileSystem{}.read(COMPUTEFIT_SOURCE_DIR));  // a directory
  EXPECT_FALSE(DiskFileSystem{}.read("/dev/zero"));            // a device that never ends
  EXPECT_FALSE(DiskFileSystem{}.read(spec + ".missing"));
}

TEST(Suggest, DamerauDistanceAndNearest) {
  EXPECT_EQ(edit_distance("rpss", "rps"), 1);
  EXPECT_EQ(edit_distance("rsp", "rps"), 1);  // a swap of neighbours
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
  EXPECT_EQ(nearest("memroy_mb", {"memory_mb", "vcpu"}), "memory_mb");
  EXPECT_FALSE(nearest("zzz", {"memory_mb", "vcpu"}));
}

}  // namespace
}  // namespace computefit
