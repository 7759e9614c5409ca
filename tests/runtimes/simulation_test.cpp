// The simulator wired to the spec: seeds, and the monthly usage it puts in place of the estimate.
#include "runtimes/simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "runtimes/runtime_model.hpp"
#include "runtimes/traffic_profile.hpp"
#include "workload/schedule.hpp"

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

// The plan recommend makes for `seconds` with `seed`.
SamplePlan plan_of(const Service& service, double seconds, std::uint64_t seed) {
  SimulationBudget budget;
  budget.seconds = seconds;
  budget.seed = seed;
  return plan_for(service, budget);
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
  const auto result =
      simulate_runtime(service, RuntimeId::lambda, spec, estimate, plan_of(service, 3600, 7), 7);
  ASSERT_TRUE(result);
  apply_simulation(service, RuntimeId::lambda, spec, *result, estimate);
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
  const auto a =
      simulate_runtime(service, RuntimeId::lambda, spec, estimate, plan_of(service, 600, 3), 3);
  const auto b =
      simulate_runtime(service, RuntimeId::lambda, spec, estimate, plan_of(service, 600, 3), 3);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->requests, b->requests);
  EXPECT_EQ(a->cold_starts, b->cold_starts);
  EXPECT_EQ(a->latency_ms.p99, b->latency_ms.p99);
  EXPECT_EQ(a->usage.lambda_gb_seconds, b->usage.lambda_gb_seconds);
}

TEST(Simulation, OnlyJobsOnKeptHostsKeepTheEstimate) {
  Service job = steady_api(0, 1000);
  job.kind = ServiceKind::scheduled;
  EXPECT_TRUE(can_simulate(job, RuntimeId::lambda));
  EXPECT_TRUE(can_simulate(job, RuntimeId::ecs_fargate));
  EXPECT_TRUE(can_simulate(job, RuntimeId::ecs_ec2));
  job.runtimes.ecs_ec2.min_hosts = 1;
  EXPECT_FALSE(can_simulate(job, RuntimeId::ecs_ec2));
}

// Reserved concurrency 0 throttles every request: no latency was measured, and the estimate says
// so rather than carrying the empty histogram's 0 ms (which the report printed as "p99 0.0 ms").
TEST(LambdaSimulation, EveryRequestThrottledMeasuresNoLatency) {
  Service service = steady_api(5, 50);
  service.runtimes.lambda.reserved_concurrency = 0;
  Spec spec;
  spec.services = {service};
  const PriceCatalog catalog = builtin_price_catalog();
  RuntimeEstimate estimate = evaluate_runtime(service, RuntimeId::lambda, spec, catalog);
  ASSERT_TRUE(estimate.feasible);
  const auto result =
      simulate_runtime(service, RuntimeId::lambda, spec, estimate, plan_of(service, 3600, 3), 3);
  ASSERT_TRUE(result);
  ASSERT_GT(result->requests, 0);
  EXPECT_EQ(result->throttled, result->requests);
  apply_simulation(service, RuntimeId::lambda, spec, *result, estimate);
  EXPECT_FALSE(estimate.behaviour.latency_measured);
  EXPECT_DOUBLE_EQ(estimate.behaviour.failed_fraction, 1.0);

  // Near miss: with one environment allowed, requests are served and latency is measured.
  service.runtimes.lambda.reserved_concurrency = 1;
  spec.services = {service};
  RuntimeEstimate served = evaluate_runtime(service, RuntimeId::lambda, spec, catalog);
  const auto some =
      simulate_runtime(service, RuntimeId::lambda, spec, served, plan_of(service, 3600, 3), 3);
  ASSERT_TRUE(some);
  apply_simulation(service, RuntimeId::lambda, spec, *some, served);
  EXPECT_TRUE(served.behaviour.latency_measured);
}

// A pinned Fargate fleet bills its tasks all the time: 2 tasks of 0.25 vCPU / 0.5 GB for a month
// are 2 x 730 task-hours, whatever the traffic (SPEC.md: pinned fleets are priced as pinned).
TEST(ContainerSimulation, PinnedFargateFleetBillsEveryHour) {
  Service service = steady_api(20, 100);
  service.vcpu = 0.25;
  service.memory_mb = 512;
  service.concurrency_per_instance = 10;
  service.runtimes.ecs_fargate.min_tasks = 2;
  service.runtimes.ecs_fargate.max_tasks = 2;
  Spec spec;
  spec.services = {service};
  const PriceCatalog catalog = builtin_price_catalog();
  RuntimeEstimate estimate = evaluate_runtime(service, RuntimeId::ecs_fargate, spec, catalog);
  ASSERT_TRUE(estimate.feasible);
  const auto result = simulate_runtime(service, RuntimeId::ecs_fargate, spec, estimate,
                                       plan_of(service, 3600, 5), 5);
  ASSERT_TRUE(result);
  apply_simulation(service, RuntimeId::ecs_fargate, spec, *result, estimate);
  EXPECT_NEAR(estimate.usage.task_vcpu_hours, 2 * 730 * 0.25, 1e-6);
  EXPECT_NEAR(estimate.usage.task_gb_hours, 2 * 730 * 0.5, 1e-6);
  EXPECT_EQ(estimate.behaviour.peak_instances, 2);
  EXPECT_EQ(estimate.behaviour.peak_connections.at("db"), 4);
  // 20 rps x 0.1 s on 20 slots: no queueing to speak of, so p50 is the fixed duration.
  EXPECT_NEAR(estimate.behaviour.p50_ms, 100, 1);
  ASSERT_TRUE(estimate.behaviour.busiest_hour);
  EXPECT_EQ(estimate.behaviour.busiest_hour->minutes.size(), 60u);
  EXPECT_NE(estimate.sizing.find("2-2 tasks"), std::string::npos) << estimate.sizing;
}

// A daily job on Fargate: judged on 100 runs, priced per run for the month's runs.
TEST(ContainerSimulation, ScheduledJobIsPricedPerRun) {
  Service job = steady_api(0, 600'000);  // a 10-minute run
  job.kind = ServiceKind::scheduled;
  job.vcpu = 1;
  job.memory_mb = 2048;
  job.image_mb = 300;
  job.startup_seconds = 0;
  job.schedule = parse_schedule("cron(0 3 * * ? *)").schedule;
  Spec spec;
  spec.services = {job};
  const PriceCatalog catalog = builtin_price_catalog();
  RuntimeEstimate estimate = evaluate_runtime(job, RuntimeId::ecs_fargate, spec, catalog);
  ASSERT_TRUE(estimate.feasible);
  const auto result =
      simulate_runtime(job, RuntimeId::ecs_fargate, spec, estimate, plan_of(job, 86'400, 5), 5);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->requests, 100);
  apply_simulation(job, RuntimeId::ecs_fargate, spec, *result, estimate);
  // Billed from the image pull (300 MB / 30 MB/s = 10 s) to the end of the 600 s run, per run;
  // the runs of a 730-hour month: 365 / 12 = 30.42.
  const double runs = runs_per_month(*job.schedule);
  const double billed_hours = (10.0 + 600.0) / 3600;
  EXPECT_NEAR(estimate.usage.task_vcpu_hours, runs * billed_hours, 0.02 * runs * billed_hours);
}

// A weekly job is judged on 100 runs (SPEC.md), not on the one a day or a month holds.
TEST(ContainerSimulation, WeeklyJobIsJudgedOnAHundredRuns) {
  Service job = steady_api(0, 60'000);
  job.kind = ServiceKind::scheduled;
  job.schedule = parse_schedule("cron(0 6 ? * SUN *)").schedule;  // Sunday 06:00
  const SamplePlan plan = plan_of(job, 86'400, 1);
  ASSERT_EQ(plan.run_times_seconds.size(), 100u);
  EXPECT_NEAR(plan.run_times_seconds[1] - plan.run_times_seconds[0], 7 * 86'400, 1e-6);
  ASSERT_EQ(plan.windows.size(), 1u);
  EXPECT_GT(plan.windows[0].measured_seconds, plan.run_times_seconds.back() + 60);
}

}  // namespace
}  // namespace computefit
