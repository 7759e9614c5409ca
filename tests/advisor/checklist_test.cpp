// The shared-controls checklist: each control judged from the service's own facts, both sides.

#include "advisor/checklist.hpp"

#include <gtest/gtest.h>

#include "advisor/advisor_fixture.hpp"

namespace computefit {
namespace {

using testing::recommend_yaml;
using testing::service_named;

const ChecklistItem& item(const ServiceReport& service, std::string_view control) {
  for (const ChecklistItem& c : service.checklist) {
    if (c.control == control) return c;
  }
  static const ChecklistItem kNone{"", "absent", ""};
  ADD_FAILURE() << "no checklist item " << control;
  return kNone;
}

// `api` and `jobs` share a role, `api` reads secrets from the environment and sits in a private
// subnet with no NAT gateway while calling the internet; `api` can open 100 x 5 = 500 connections
// against 400. `solo` is the near miss of each: its own role, SSM, a NAT gateway, a cap of 80
// tasks x 5 = 400 connections.
constexpr const char* kSpec = R"(version: 1
downstreams:
  db: { kind: database, max_connections: 400 }
services:
  - name: api
    kind: http
    traffic: { rps: 5 }
    iam_role: shared-role
    secrets: env
    outbound: [internet]
    network: { subnet: private, vpc_endpoints: [s3] }
    uses: [ { downstream: db, connections_per_instance: 5 } ]
    runtimes: { consider: [ecs-fargate] }
  - name: jobs
    kind: worker
    traffic: { rps: 1 }
    iam_role: shared-role
    runtimes: { consider: [ecs-fargate] }
  - name: solo
    kind: http
    traffic: { rps: 5 }
    iam_role: solo-role
    secrets: ssm
    outbound: [internet]
    network: { subnet: private, nat_gateway: true }
    uses: [ { downstream: db, connections_per_instance: 5 } ]
    runtimes: { consider: [ecs-fargate], ecs-fargate: { max_tasks: 80 } }
)";

TEST(Checklist, FiveControlsPerService) {
  const Report report = recommend_yaml(kSpec);
  for (const ServiceReport& service : report.services) {
    ASSERT_EQ(service.checklist.size(), 5u) << service.name;
    for (const ChecklistItem& c : service.checklist) {
      EXPECT_TRUE(c.status == "ok" || c.status == "missing" || c.status == "review") << c.status;
      EXPECT_FALSE(c.detail.empty()) << c.control;
    }
  }
}

TEST(Checklist, SharedRoleAndItsNearMiss) {
  const Report report = recommend_yaml(kSpec);
  const ChecklistItem& shared = item(*service_named(report, "api"), "own IAM role");
  EXPECT_EQ(shared.status, "missing");
  EXPECT_NE(shared.detail.find("shared with jobs"), std::string::npos) << shared.detail;
  const ChecklistItem& own = item(*service_named(report, "solo"), "own IAM role");
  EXPECT_EQ(own.status, "ok");
  EXPECT_NE(own.detail.find("'solo-role'"), std::string::npos) << own.detail;
}

TEST(Checklist, SecretsSource) {
  const Report report = recommend_yaml(kSpec);
  EXPECT_EQ(item(*service_named(report, "api"), "secrets source").status, "missing");
  EXPECT_EQ(item(*service_named(report, "solo"), "secrets source").status, "ok");
  EXPECT_EQ(item(*service_named(report, "jobs"), "secrets source").status, "ok");
}

TEST(Checklist, VpcRouting) {
  const Report report = recommend_yaml(kSpec);
  const ChecklistItem& api = item(*service_named(report, "api"), "VPC routing");
  EXPECT_EQ(api.status, "missing");
  // Fargate tasks pull from ECR and ship logs; the internet has no route without a NAT gateway.
  EXPECT_NE(api.detail.find("internet"), std::string::npos) << api.detail;
  EXPECT_NE(api.detail.find("ecr.api"), std::string::npos) << api.detail;
  EXPECT_EQ(item(*service_named(report, "solo"), "VPC routing").status, "ok");
  EXPECT_EQ(item(*service_named(report, "jobs"), "VPC routing").status, "review");
}

TEST(Checklist, AutoscalingGuardrails) {
  const Report report = recommend_yaml(kSpec);
  const ChecklistItem& api = item(*service_named(report, "api"), "autoscaling guardrails");
  EXPECT_EQ(api.status, "missing");
  EXPECT_NE(
      api.detail.find("500 connections to db (limit 400; a cap of 80 keeps api alone under it)"),
      std::string::npos)
      << api.detail;
  const ChecklistItem& solo = item(*service_named(report, "solo"), "autoscaling guardrails");
  EXPECT_EQ(solo.status, "ok") << solo.detail;
  const ChecklistItem& jobs = item(*service_named(report, "jobs"), "autoscaling guardrails");
  EXPECT_NE(jobs.detail.find("queue depth"), std::string::npos) << jobs.detail;
}

// One task of 80 slots at 200 ms, a quarter of requests calling out: up to 100 calls/s against a
// 50/s limit, so no task count keeps under it ("a cap of 0" would be no remedy); 40 slots would.
// The near miss: 20 slots push at most 25 calls/s per task, and a cap of 2 tasks keeps under it.
TEST(Checklist, AGuardrailThatOneInstanceAlreadyBreaksSaysWhatDoesHelp) {
  constexpr const char* kCalls = R"(version: 1
downstreams:
  fulfilment: { kind: api, max_rps: 50 }
services:
  - name: hooks
    kind: http
    duration_ms: 200
    concurrency_per_instance: 80
    traffic: { rps: 5 }
    uses: [ { downstream: fulfilment, calls_per_request: 0.25 } ]
    runtimes: { consider: [ecs-fargate] }
)";
  const Report report = recommend_yaml(kCalls);
  const ChecklistItem& hooks = item(report.services.at(0), "autoscaling guardrails");
  EXPECT_EQ(hooks.status, "missing");
  EXPECT_NE(hooks.detail.find("even one of its tasks can push 100.0 calls/s: "
                              "concurrency_per_instance 40 or a rate limit on the calls keeps "
                              "under it"),
            std::string::npos)
      << hooks.detail;
  std::string fewer = kCalls;
  fewer.replace(fewer.find("concurrency_per_instance: 80"), 28, "concurrency_per_instance: 20");
  const Report near = recommend_yaml(fewer);
  const ChecklistItem& capped = item(near.services.at(0), "autoscaling guardrails");
  EXPECT_NE(capped.detail.find("a cap of 2 keeps under it"), std::string::npos) << capped.detail;
}

TEST(Checklist, TelemetryIsAlwaysForReview) {
  const Report report = recommend_yaml(kSpec);
  const ChecklistItem& logs = item(*service_named(report, "api"), "logs, metrics, traces");
  EXPECT_EQ(logs.status, "review");
  EXPECT_NE(logs.detail.find("CloudWatch Logs costs"), std::string::npos) << logs.detail;
}

}  // namespace
}  // namespace computefit
