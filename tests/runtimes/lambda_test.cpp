// The Lambda model against closed forms: usage arithmetic (aws-prices-and-limits.md 1.1: GB-s =
// GB x billed seconds, 1 ms round-up), the keep-alive closed form (simulation.md 5.4, checked
// there against pacslab's AWS measurements), Erlang B throttling (simulation.md 5.1) and the
// cold-start percentile rule of SPEC.md.

#include <gtest/gtest.h>

#include <cmath>

#include "runtimes/fixtures.hpp"
#include "runtimes/lambda_model.hpp"
#include "runtimes/runtime_model.hpp"
#include "stats/queueing.hpp"

namespace computefit {
namespace {

using testing::ec2_catalog;
using testing::http_service;
using testing::spec_with;

RuntimeEstimate lambda(const Service& s) {
  return evaluate_runtime(s, RuntimeId::lambda, spec_with(s), ec2_catalog());
}

TEST(LambdaModel, KeepAliveClosedFormAtLowRate) {
  // simulation.md 5.4 and 1.6: lambda = 0.00186/s, T = 600 s, d = 1.955 s: e^(-lambda(T+d)) =
  // 0.326, plus the busy term lambda x d = 0.0036 (pacslab measured 0.343 +- 0.032).
  const double lambda_rate = 0.00186, d = 1.955;
  const double pc = lambda_low_rate_cold_fraction(lambda_rate, 600, d);
  EXPECT_NEAR(pc, 0.326 + lambda_rate * d, 0.001);

  Service s = http_service(lambda_rate, 1955);
  s.runtimes.lambda.keep_alive_minutes = 10;
  const RuntimeEstimate e = lambda(s);
  ASSERT_TRUE(e.feasible);
  EXPECT_NEAR(e.behaviour.cold_start_fraction, pc, 1e-9);
  // Time-average live environments 1 - e^(-lambda(T+d)) = 0.674 (measured 0.674).
  EXPECT_NEAR(e.behaviour.mean_instances, 0.674, 0.001);
}

// A cpu_bound request is one thread (SPEC.md "CPU": at most one vCPU each): below 1,769 MB it
// slows by the vCPU Lambda gives, above it gains nothing from the second vCPU.
TEST(LambdaModel, CpuBoundRequestsUseAtMostOneVcpu) {
  Service s = http_service(1, 1200);
  s.cpu_bound = true;
  s.vcpu = 1;
  s.memory_mb = 3538;  // 2 vCPU
  EXPECT_DOUBLE_EQ(lambda_duration(s).quantile(0.5), 1200);
  s.memory_mb = 884.5;  // 0.5 vCPU
  EXPECT_NEAR(lambda_duration(s).quantile(0.5), 2400, 1e-6);
  s.vcpu = 0.5;  // measured at half a vCPU: a whole one halves it
  s.memory_mb = 3538;
  EXPECT_NEAR(lambda_duration(s).quantile(0.5), 600, 1e-6);
}

TEST(LambdaModel, UsageIsRequestsTimesDurationTimesGb) {
  // 10 rps for 730 h = 26,280,000 requests; 100 ms + 0.5 ms round-up at 1 GB; init billed per
  // cold start (250 ms).
  Service s = http_service(10, 100);
  s.memory_mb = 1024;
  s.log_kb_per_request = 1;
  const RuntimeEstimate e = lambda(s);
  const double requests = 10.0 * 730 * 3600;
  EXPECT_DOUBLE_EQ(e.usage.lambda_requests, requests);
  const double cold_starts = e.behaviour.cold_start_fraction * requests;
  EXPECT_NEAR(e.usage.lambda_gb_seconds, requests * 0.1005 * 1.0 + cold_starts * 0.25, 1e-3);
  EXPECT_LT(e.behaviour.cold_start_fraction, 0.001);
  EXPECT_DOUBLE_EQ(e.usage.front_door_requests, requests);  // API Gateway HTTP API by default
  // Logs: 1 KB of application log + 0.3 KB of START/END/REPORT lines per invocation.
  EXPECT_NEAR(e.usage.log_ingest_gb, requests * 1.3 / (1024.0 * 1024.0), 1e-6);
}

TEST(LambdaModel, LittlesLawSetsTheWarmPool) {
  // 50 rps x 0.2 s = 10 busy environments on average (Little); the pool is the Poisson quantile
  // exceeded about once per keep-alive window.
  const int pool = lambda_warm_pool(50, 0.2, 642, 1000);
  EXPECT_EQ(pool, stats::poisson_quantile(1 - 0.2 / 642, 10.0));
  EXPECT_GE(pool, 10);
  Service s = http_service(50, 200);
  const RuntimeEstimate e = lambda(s);
  EXPECT_DOUBLE_EQ(e.behaviour.peak_instances, pool);
}

TEST(LambdaModel, ThrottlingIsErlangBAtTheConcurrencyLimit) {
  // simulation.md 5.1: B(10, 10) = 0.214582 (SimFaaS run E: 0.214861 +- 0.001230).
  Service s = http_service(50, 200);
  s.runtimes.lambda.reserved_concurrency = 10;
  const RuntimeEstimate e = lambda(s);
  EXPECT_NEAR(e.behaviour.throttled_fraction, 0.214582, 1e-5);
  // Asynchronous requests are not throttled.
  s.kind = ServiceKind::worker;
  EXPECT_EQ(lambda(s).behaviour.throttled_fraction, 0);
}

TEST(LambdaModel, PercentileIncludesColdStartPastOneMinusQ) {
  DurationSpec warm;
  warm.kind = DurationSpec::Kind::fixed;
  warm.fixed_ms = 100;
  DurationSpec init = warm;
  init.fixed_ms = 500;
  // 2% cold > 1%: p99 = warm + init; 0.5% cold < 1%: p99 stays warm.
  EXPECT_NEAR(lambda_latency(warm, init, 0.02).p99_ms, 600, 0.01);
  EXPECT_NEAR(lambda_latency(warm, init, 0.005).p99_ms, 100, 0.01);
  EXPECT_NEAR(lambda_latency(warm, init, 0.06).p95_ms, 600, 0.01);
  EXPECT_NEAR(lambda_latency(warm, init, 0.06).p50_ms, 100, 0.01);
}

TEST(LambdaModel, PercentilesStayOrderedWithAFewColdStarts) {
  // 1.2% cold with a wide warm distribution: the mixture keeps p50 <= p95 <= p99, and p99 sits
  // past the warm 99th percentile.
  DurationSpec warm;
  warm.kind = DurationSpec::Kind::lognormal;
  warm.p50_ms = 900;
  warm.p99_ms = 2500;
  DurationSpec init;
  init.kind = DurationSpec::Kind::lognormal;
  init.p50_ms = 250;
  init.p99_ms = 800;
  const LatencyQuantiles q = lambda_latency(warm, init, 0.012);
  EXPECT_LE(q.p50_ms, q.p95_ms);
  EXPECT_LE(q.p95_ms, q.p99_ms);
  EXPECT_GT(q.p99_ms, warm.quantile(0.99));
}

TEST(LambdaModel, ProvisionedConcurrencyIsAllocatedAllMonth) {
  Service s = http_service(5, 100);
  s.memory_mb = 2048;
  s.runtimes.lambda.provisioned_concurrency = 4;
  const RuntimeEstimate e = lambda(s);
  EXPECT_DOUBLE_EQ(e.usage.lambda_provisioned_gb_seconds, 4 * 2.0 * 730 * 3600);
  // Offered load 0.5 on 4 environments: B(4, 0.5) = 0.00158, so 99.8% run on them.
  const double share = 1 - stats::erlang_b(4, 0.5);
  EXPECT_NEAR(e.usage.lambda_provisioned_duration_gb_seconds,
              e.usage.lambda_requests * share * 0.1005 * 2.0, 1e-3);
}

TEST(LambdaModel, NightlyJobStartsColdEveryRun) {
  Service s = http_service(0, 60'000);
  s.kind = ServiceKind::scheduled;
  s.schedule = testing::nightly();
  const RuntimeEstimate e = lambda(s);
  EXPECT_NEAR(e.usage.lambda_requests, 365 * 730.0 / 8760, 1e-9);
  EXPECT_DOUBLE_EQ(e.behaviour.cold_start_fraction, 1);
  EXPECT_NEAR(e.behaviour.p50_ms, 60'250, 0.01);
}

TEST(LambdaModel, PrivateSubnetWithInternetNeedsANatGateway) {
  Service s = http_service(1, 50);
  s.outbound = {"internet"};
  s.network.subnet = Subnet::private_subnet;
  RuntimeEstimate e = lambda(s);
  EXPECT_TRUE(e.shared.nat_gateway);
  ASSERT_FALSE(e.assumptions.empty());
  EXPECT_EQ(e.assumptions.front().rfind(
                "api has no route from its private subnet to internet: priced NAT gateways", 0),
            0u);
  s.network.subnet = Subnet::none;
  EXPECT_FALSE(lambda(s).shared.nat_gateway);
}

TEST(LambdaModel, PeakConnectionsArePeakEnvironmentsTimesConnections) {
  Service s = http_service(50, 200);
  Use use;
  use.downstream = "orders-db";
  use.connections_per_instance = 5;
  s.uses.push_back(use);
  const RuntimeEstimate e = lambda(s);
  EXPECT_DOUBLE_EQ(e.behaviour.peak_connections.at("orders-db"), 5 * e.behaviour.peak_instances);
}

}  // namespace
}  // namespace computefit
