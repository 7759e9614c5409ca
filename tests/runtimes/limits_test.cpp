// Hard limits on both sides of each boundary. References: aws-prices-and-limits.md 1.2 (Lambda),
// 1.3 (Fargate task sizes, confirmed against the ECS API's TaskDefinition memory reference).

#include <gtest/gtest.h>

#include "runtimes/fargate_sizes.hpp"
#include "runtimes/fixtures.hpp"
#include "runtimes/runtime_model.hpp"

namespace computefit {
namespace {

using testing::ec2_catalog;
using testing::http_service;
using testing::spec_with;

std::vector<std::string> lambda_reasons(const Service& s) {
  return runtime_model(RuntimeId::lambda).check_limits(s, spec_with(s), ec2_catalog());
}
std::vector<std::string> fargate_reasons(const Service& s) {
  return runtime_model(RuntimeId::ecs_fargate).check_limits(s, spec_with(s), ec2_catalog());
}

TEST(LambdaLimits, TimeoutAt900SecondsFitsAnd901DoesNot) {
  Service s = http_service(0.001, 900'000);
  s.kind = ServiceKind::worker;
  EXPECT_TRUE(lambda_reasons(s).empty());
  s.duration_ms.fixed_ms = 901'000;
  const auto reasons = lambda_reasons(s);
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0],
            "a request takes 901 s (15.02 min); Lambda stops a function at 900 s (15 min)");
}

TEST(LambdaLimits, ScheduledRunOf40MinutesNamesBothDurations) {
  Service s = http_service(0, 2'400'000);
  s.kind = ServiceKind::scheduled;
  s.schedule = testing::nightly();
  const auto reasons = lambda_reasons(s);
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0], "a run takes 2,400 s (40 min); Lambda stops a function at 900 s (15 min)");
}

TEST(LambdaLimits, LognormalP99AboveTheTimeoutIsInfeasible) {
  Service s = http_service(1, 0);
  s.duration_ms.kind = DurationSpec::Kind::lognormal;
  s.duration_ms.p50_ms = 200'000;
  s.duration_ms.p99_ms = 950'000;
  ASSERT_EQ(lambda_reasons(s).size(), 1u);
  EXPECT_NE(lambda_reasons(s)[0].find("at p99"), std::string::npos);
  s.duration_ms.p99_ms = 899'000;
  EXPECT_TRUE(lambda_reasons(s).empty());
}

TEST(LambdaLimits, MemoryRange) {
  Service s = http_service(1, 50);
  s.memory_mb = 10240;
  EXPECT_TRUE(lambda_reasons(s).empty());
  s.memory_mb = 10241;
  ASSERT_EQ(lambda_reasons(s).size(), 1u);
  EXPECT_EQ(lambda_reasons(s)[0], "it needs 10,241 MB of memory; Lambda offers 128–10,240 MB");
  s.memory_mb = 128;
  EXPECT_TRUE(lambda_reasons(s).empty());
  s.memory_mb = 127;
  EXPECT_EQ(lambda_reasons(s).size(), 1u);
}

TEST(LambdaLimits, GpuPayloadStorageImage) {
  Service s = http_service(1, 50);
  s.needs.gpu = 1;
  EXPECT_EQ(lambda_reasons(s), std::vector<std::string>{"it needs 1 GPU; Lambda has no GPUs"});
  s.needs.gpu = 0;
  s.needs.payload_mb = 6;
  EXPECT_TRUE(lambda_reasons(s).empty());
  s.needs.payload_mb = 6.5;
  EXPECT_EQ(lambda_reasons(s).size(), 1u);
  s.kind = ServiceKind::event;
  s.needs.payload_mb = 1;  // 1 MB, the asynchronous limit
  EXPECT_TRUE(lambda_reasons(s).empty());
  s.needs.payload_mb = 1.1;
  EXPECT_EQ(lambda_reasons(s).size(), 1u);
  s.needs.payload_mb = 0;
  s.needs.ephemeral_storage_gb = 10;
  EXPECT_TRUE(lambda_reasons(s).empty());
  s.needs.ephemeral_storage_gb = 10.5;
  EXPECT_EQ(lambda_reasons(s).size(), 1u);
  s.needs.ephemeral_storage_gb = 0;
  s.image_mb = 10 * 1024 + 1;
  EXPECT_EQ(lambda_reasons(s).size(), 1u);
}

TEST(FargateSizes, SmallestValidSizeAtOrAboveTheService) {
  auto size = smallest_fargate_size(0.25, 2048);
  ASSERT_TRUE(size);
  EXPECT_DOUBLE_EQ(size->vcpu, 0.25);
  EXPECT_DOUBLE_EQ(size->memory_gb, 2);
  size = smallest_fargate_size(0.25, 3072);  // 3 GB is not a 0.25 vCPU size
  ASSERT_TRUE(size);
  EXPECT_DOUBLE_EQ(size->vcpu, 0.5);
  EXPECT_DOUBLE_EQ(size->memory_gb, 3);
  size = smallest_fargate_size(0.25, 512);
  ASSERT_TRUE(size);
  EXPECT_DOUBLE_EQ(size->memory_gb, 0.5);
  size = smallest_fargate_size(8, 17 * 1024);  // 8 vCPU sizes step by 4 GB from 16
  ASSERT_TRUE(size);
  EXPECT_DOUBLE_EQ(size->memory_gb, 20);
  size = smallest_fargate_size(16, 120 * 1024);
  ASSERT_TRUE(size);
  EXPECT_DOUBLE_EQ(size->vcpu, 16);
  EXPECT_DOUBLE_EQ(size->memory_gb, 120);
  EXPECT_FALSE(smallest_fargate_size(16, 121 * 1024));
  EXPECT_FALSE(smallest_fargate_size(17, 1024));
  size = smallest_fargate_size(1, 9 * 1024);  // 1 vCPU stops at 8 GB
  ASSERT_TRUE(size);
  EXPECT_DOUBLE_EQ(size->vcpu, 2);
  EXPECT_DOUBLE_EQ(size->memory_gb, 9);
}

TEST(FargateLimits, GpuAmiSizeStorageSpotArm) {
  Service s = http_service(1, 50);
  EXPECT_TRUE(fargate_reasons(s).empty());
  s.needs.gpu = 1;
  EXPECT_EQ(fargate_reasons(s).size(), 1u);
  s.needs.gpu = 0;
  s.needs.custom_ami = true;
  EXPECT_EQ(fargate_reasons(s).size(), 1u);
  s.needs.custom_ami = false;
  s.vcpu = 16;
  s.memory_mb = 121 * 1024;
  ASSERT_EQ(fargate_reasons(s).size(), 1u);
  EXPECT_EQ(fargate_reasons(s)[0],
            "a task needs 16 vCPU and 123,904 MB; the largest Fargate task is 16 vCPU / 120 GB");
  s.vcpu = 0.25;
  s.memory_mb = 512;
  s.needs.ephemeral_storage_gb = 200;
  EXPECT_TRUE(fargate_reasons(s).empty());
  s.needs.ephemeral_storage_gb = 201;
  EXPECT_EQ(fargate_reasons(s).size(), 1u);
  s.needs.ephemeral_storage_gb = 0;
  s.runtimes.ecs_fargate.spot = true;
  EXPECT_TRUE(fargate_reasons(s).empty());
  s.architecture = Architecture::arm64;
  EXPECT_EQ(fargate_reasons(s).size(), 1u);
}

TEST(Registry, ListsTheFourRuntimesOnceInContractOrder) {
  const auto& models = runtime_models();
  ASSERT_EQ(models.size(), 4u);
  for (std::size_t i = 0; i < models.size(); ++i) EXPECT_EQ(models[i].id, kAllRuntimes[i]);
}

TEST(Registry, EvaluateReturnsReasonsWithoutAnEstimate) {
  Service s = http_service(1, 50);
  s.needs.gpu = 1;
  const RuntimeEstimate e = evaluate_runtime(s, RuntimeId::lambda, spec_with(s), ec2_catalog());
  EXPECT_FALSE(e.feasible);
  EXPECT_EQ(e.infeasible_reasons.size(), 1u);
  EXPECT_EQ(e.usage.lambda_requests, 0);
}

}  // namespace
}  // namespace computefit
