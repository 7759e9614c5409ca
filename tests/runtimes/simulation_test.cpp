// The simulator wired to the spec: seeds, and the monthly usage it puts in place of the estimate.
#include "runtimes/simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "runtimes/runtime_model.hpp"

namespace computefit {
namespace {

Service steady_api(double rps, double duration_ms) {
  Service s;
  s.name = "api";
  s.kind = ServiceKind::http;
  s.language = Language::nodejs;
  s.memory_mb = 1024;
  s.duration_ms.kind = DurationSpec::Kind::fixed;
  s.duration_ms.fixed_ms = duration_ms;
  s.traffic.shape = TrafficShape::steady;
  s.traffic.rps = rps;
  s.runtimes.lambda.cold_start_ms.kind = DurationSpec::Kind::fixed;
  s.runtimes.lambda.cold_start_ms.fixed_ms = 250;
  s.uses.push_back({"db", 2, 0, {}});
  return s;
}

TEST(PairSeed, DependsOnEveryPartAndNothingElse) {
  const Service a = steady_api(1, 100);
  Service b = a;
  b.name = "api2";
  EXPECT_EQ(pair_seed(1, a, RuntimeId::lambda), pair_seed(1, a, RuntimeId::lambda));
  EXPECT_NE(pair_seed(1, a, RuntimeId::lambda), pair_seed(2, a, RuntimeId::lambda));
  EXPECT_NE(pair_seed(1, a, RuntimeId::lambda), pair_seed(1, b, RuntimeId::lambda));
  EXPECT_NE(pair_seed(1, a, RuntimeId::lambda), pair_seed(1, a, RuntimeId::ecs_fargate));
}

TEST(LambdaSimulation, MonthlyUsageFromOneSimulatedHour) {
  // 20 requests/s of a fixed 100 ms for one hour: about 72,000 requests (Poisson, sd 268), so the
  // month is 730 x that within 1% (3.7 sd); GB-s = requests x (0.1 s + init of cold ones) x 1 GB.
  const Service service = steady_api(20, 100);
  Spec spec;
  spec.services = {service};
  const PriceCatalog catalog = builtin_price_catalog();
  RuntimeEstimate estimate = evaluate_runtime(service, RuntimeId::lambda, spec, catalog);
  ASSERT_TRUE(estimate.feasible);
  const auto result = simulate_runtime(service, RuntimeId::lambda, spec, estimate, 3600, 7);
  ASSERT_TRUE(result);
  apply_simulation(service, RuntimeId::lambda, *result, estimate);
  const double expected_requests = 20.0 * 730 * 3600;
  EXPECT_NEAR(estimate.usage.lambda_requests, expected_requests, 0.01 * expected_requests);
  const double cold_gb_s = result->cold_starts * 0.25 * 730;
  EXPECT_NEAR(estimate.usage.lambda_gb_seconds, estimate.usage.lambda_requests * 0.1 + cold_gb_s,
              0.001 * estimate.usage.lambda_gb_seconds);
  EXPECT_EQ(estimate.behaviour.p50_ms, result->latency_ms.p50);
  // Every environment holds the service's 2 connections.
  EXPECT_EQ(estimate.behaviour.peak_connections.at("db"), 2 * estimate.behaviour.peak_instances);
  // Front-door requests follow the simulated request count.
  EXPECT_NEAR(estimate.usage.front_door_requests, estimate.usage.lambda_requests, 1.0);
}

TEST(LambdaSimulation, SameSeedSameResult) {
  const Service service = steady_api(5, 200);
  Spec spec;
  spec.services = {service};
  const PriceCatalog catalog = builtin_price_catalog();
  const RuntimeEstimate estimate = evaluate_runtime(service, RuntimeId::lambda, spec, catalog);
  const auto a = simulate_runtime(service, RuntimeId::lambda, spec, estimate, 600, 3);
  const auto b = simulate_runtime(service, RuntimeId::lambda, spec, estimate, 600, 3);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->requests, b->requests);
  EXPECT_EQ(a->cold_starts, b->cold_starts);
  EXPECT_EQ(a->latency_ms.p99, b->latency_ms.p99);
  EXPECT_EQ(a->usage.lambda_gb_seconds, b->usage.lambda_gb_seconds);
}

TEST(Simulation, ScheduledServicesKeepTheEstimate) {
  Service job = steady_api(0, 1000);
  job.kind = ServiceKind::scheduled;
  EXPECT_FALSE(can_simulate(job, RuntimeId::lambda));
}

}  // namespace
}  // namespace computefit
