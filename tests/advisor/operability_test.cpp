#include "runtimes/operability.hpp"

#include <gtest/gtest.h>

namespace computefit {
namespace {

// The scores of docs/operability.md follow from the duty table; these pin the table's meaning.
TEST(Operability, OrderWithoutAPlatform) {
  const Team team{false, OpsMaturity::medium, {}};
  const double lambda = operability_score(RuntimeId::lambda, team);
  const double fargate = operability_score(RuntimeId::ecs_fargate, team);
  const double ec2 = operability_score(RuntimeId::ecs_ec2, team);
  const double eks = operability_score(RuntimeId::eks, team);
  EXPECT_GT(lambda, fargate);
  EXPECT_GT(fargate, ec2);
  EXPECT_GT(ec2, eks);
  EXPECT_NEAR(lambda, 1 - 0.5 / 15, 1e-12);
  EXPECT_NEAR(eks, 1 - 11.0 / 15, 1e-12);
}

TEST(Operability, APlatformAbsorbsKubernetesDuties) {
  const Team with{true, OpsMaturity::high, {}};
  const Team without{false, OpsMaturity::high, {}};
  EXPECT_GT(operability_score(RuntimeId::eks, with), operability_score(RuntimeId::eks, without));
  EXPECT_EQ(duties_left_to_team(RuntimeId::eks, with).size(), 1u);
  // ECS on EC2 hosts are not the Kubernetes platform's to patch, and beside the platform every
  // other runtime is a second way to deploy and operate: 1.5 more of burden, x 0.7 at high
  // maturity.
  EXPECT_NEAR(
      operability_score(RuntimeId::ecs_ec2, without) - operability_score(RuntimeId::ecs_ec2, with),
      1.5 * 0.7 / 15, 1e-12);
  EXPECT_NEAR(
      operability_score(RuntimeId::lambda, without) - operability_score(RuntimeId::lambda, with),
      1.5 * 0.7 / 15, 1e-12);
  // A team whose services run on its platform: one more Deployment there leaves it the least.
  EXPECT_GT(operability_score(RuntimeId::eks, with), operability_score(RuntimeId::lambda, with));
}

TEST(Operability, LowMaturityWeighsMore) {
  EXPECT_LT(operability_score(RuntimeId::ecs_ec2, {false, OpsMaturity::low, {}}),
            operability_score(RuntimeId::ecs_ec2, {false, OpsMaturity::high, {}}));
  EXPECT_EQ(operability_score(RuntimeId::eks, {false, OpsMaturity::low, {}}), 0.0);
}

}  // namespace
}  // namespace computefit
