// Each option says where its figures come from (SPEC.md revision 2: "estimate" on the option): the
// simulator, or the steady-state estimate, which a job on kept hosts keeps (it is priced as its
// share of them, which a fleet simulation does not give).

#include <gtest/gtest.h>

#include "advisor/advisor_fixture.hpp"

namespace computefit {
namespace {

TEST(EstimateKind, SimulatedOptionsSaySoAndAJobOnKeptHostsKeepsTheEstimate) {
  const Report report = testing::recommend_yaml(R"yaml(version: 1
services:
  - name: api
    kind: http
    duration_ms: 50
    traffic: { rps: 5 }
    runtimes: { consider: [lambda, ecs-fargate] }
  - name: job
    kind: scheduled
    schedule: "rate(1 hour)"
    duration_ms: 60000
    runtimes: { consider: [ecs-fargate, ecs-ec2], ecs-ec2: { min_instances: 1 } }
)yaml");
  const ServiceReport* api = testing::service_named(report, "api");
  const ServiceReport* job = testing::service_named(report, "job");
  ASSERT_NE(api, nullptr);
  ASSERT_NE(job, nullptr);
  ASSERT_EQ(api->options.size(), 2u);
  for (const Option& option : api->options) {
    EXPECT_EQ(option.estimate, EstimateKind::simulation) << to_string(option.runtime);
  }
  for (const Option& option : job->options) {
    const EstimateKind expected = option.runtime == RuntimeId::ecs_ec2 ? EstimateKind::steady_state
                                                                       : EstimateKind::simulation;
    EXPECT_EQ(option.estimate, expected) << to_string(option.runtime);
  }
}

}  // namespace
}  // namespace computefit
