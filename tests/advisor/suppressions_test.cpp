// Suppressions: a finding the spec's `suppress:` list covers stays in the report, marked with the
// reason, and never counts for --fail-on; an entry that covers nothing is said in the assumptions.

#include "advisor/suppressions.hpp"

#include <gtest/gtest.h>

#include "advisor/advisor_fixture.hpp"

namespace computefit {
namespace {

using testing::recommend_yaml;
using testing::service_named;

// Two services share a role (shared-iam-role, medium, on both) and `a` reads secrets from the
// environment (secrets-in-env, high).
constexpr const char* kBase = R"(version: 1
services:
  - name: a
    kind: worker
    iam_role: shared
    secrets: env
    traffic: { rps: 1 }
    runtimes: { consider: [ecs-fargate] }
  - name: b
    kind: worker
    iam_role: shared
    traffic: { rps: 1 }
    runtimes: { consider: [ecs-fargate] }
)";

const Finding* finding(const ServiceReport& service, std::string_view id) {
  for (const Finding& f : service.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

TEST(Suppressions, WithoutSuppressListNothingIsMarked) {
  const Report report = recommend_yaml(kBase);
  for (const ServiceReport& service : report.services) {
    for (const Finding& f : service.findings) EXPECT_FALSE(f.suppressed_reason) << f.id;
  }
  ASSERT_TRUE(first_failing_finding(report, Severity::high));
  EXPECT_EQ(first_failing_finding(report, Severity::high)->id, "secrets-in-env");
}

TEST(Suppressions, SpecLevelEntryWithoutServiceCoversEveryService) {
  const Report report = recommend_yaml(std::string(kBase) + R"(suppress:
  - { id: shared-iam-role, reason: one role per team is our policy }
)");
  for (const char* name : {"a", "b"}) {
    const Finding* f = finding(*service_named(report, name), "shared-iam-role");
    ASSERT_TRUE(f) << name;
    ASSERT_TRUE(f->suppressed_reason) << name;
    EXPECT_EQ(*f->suppressed_reason, "one role per team is our policy");
  }
  // The high finding is not covered: --fail-on high still fails, --fail-on medium too.
  EXPECT_FALSE(finding(*service_named(report, "a"), "secrets-in-env")->suppressed_reason);
  EXPECT_TRUE(first_failing_finding(report, Severity::medium));
}

TEST(Suppressions, ServiceEntryCoversOnlyThatService) {
  const Report report = recommend_yaml(std::string(kBase) + R"(suppress:
  - { id: shared-iam-role, service: b, reason: b is being retired }
  - { id: secrets-in-env, service: a, reason: moving to Secrets Manager in Q3 }
)");
  EXPECT_FALSE(finding(*service_named(report, "a"), "shared-iam-role")->suppressed_reason);
  EXPECT_TRUE(finding(*service_named(report, "b"), "shared-iam-role")->suppressed_reason);
  const Finding* secrets = finding(*service_named(report, "a"), "secrets-in-env");
  ASSERT_TRUE(secrets && secrets->suppressed_reason);
  EXPECT_EQ(*secrets->suppressed_reason, "moving to Secrets Manager in Q3");
  // The only high finding is suppressed: --fail-on high passes; medium still fails (a's role).
  EXPECT_FALSE(first_failing_finding(report, Severity::high));
  ASSERT_TRUE(first_failing_finding(report, Severity::medium));
  EXPECT_EQ(first_failing_finding(report, Severity::medium)->id, "shared-iam-role");
}

TEST(Suppressions, EntryMatchingNothingIsReportedWithItsLocation) {
  const Report report = recommend_yaml(std::string(kBase) + R"(suppress:
  - { id: lambda-duration-cap, reason: not our problem }
)");
  bool said = false;
  for (const std::string& line : report.assumptions) {
    if (line.find("matched no finding") == std::string::npos) continue;
    said = true;
    // The entry is on line 15 of the spec, column 5 (the flow map after "- ").
    EXPECT_NE(line.find("spec.yaml:15:5"), std::string::npos) << line;
    EXPECT_NE(line.find("lambda-duration-cap"), std::string::npos) << line;
  }
  EXPECT_TRUE(said);
}

TEST(Suppressions, ApplyOnHandMadeFindings) {
  Spec spec;
  spec.file = "s.yaml";
  spec.services.resize(2);
  spec.services[0].name = "x";
  spec.services[1].name = "y";
  spec.suppressions = {{"rule-a", "y", "accepted", SourceMark{}}};
  std::vector<std::vector<Finding>> findings(2);
  findings[0].push_back(
      {"rule-a", Severity::high, std::nullopt, "m", "s.yaml:1:1", std::nullopt, "", ""});
  findings[1].push_back(
      {"rule-a", Severity::high, std::nullopt, "m", "s.yaml:2:1", std::nullopt, "", ""});
  EXPECT_TRUE(apply_suppressions(spec, findings).empty());
  EXPECT_FALSE(findings[0][0].suppressed_reason);
  ASSERT_TRUE(findings[1][0].suppressed_reason);
  EXPECT_EQ(*findings[1][0].suppressed_reason, "accepted");
}

TEST(Suppressions, AResourceNarrowsAnEntryToTheFindingsThatNameIt) {
  Spec spec;
  spec.file = "s.yaml";
  spec.services.resize(1);
  spec.services[0].name = "x";
  Suppression on_policy{"rule-a", "", "accepted", SourceMark{}};
  on_policy.resource = "PolicyA";
  Suppression on_task{"rule-b", "", "sized on purpose", SourceMark{}};
  on_task.resource = "TaskDefinition";
  Suppression on_nothing{"rule-a", "", "stale", SourceMark{3, 5}};
  on_nothing.resource = "PolicyC";
  spec.suppressions = {on_policy, on_task, on_nothing};
  std::vector<std::vector<Finding>> findings(1);
  findings[0].push_back({"rule-b", Severity::high, std::nullopt, "m", "s.yaml:1:1", std::nullopt,
                         "", "TaskDefinition"});
  findings[0].push_back(
      {"rule-b", Severity::high, std::nullopt, "m", "s.yaml:2:1", std::nullopt, "", "Service"});
  std::vector<Finding> on_resources;
  on_resources.push_back(
      {"rule-a", Severity::high, std::nullopt, "m", "s.yaml:4:1", std::nullopt, "", "PolicyA"});
  on_resources.push_back(
      {"rule-a", Severity::high, std::nullopt, "m", "s.yaml:5:1", std::nullopt, "", "PolicyB"});
  const std::vector<std::string> unmatched = apply_suppressions(spec, findings, on_resources);
  EXPECT_EQ(on_resources[0].suppressed_reason, std::optional<std::string>("accepted"));
  EXPECT_FALSE(on_resources[1].suppressed_reason);
  EXPECT_EQ(findings[0][0].suppressed_reason, std::optional<std::string>("sized on purpose"));
  EXPECT_FALSE(findings[0][1].suppressed_reason);
  ASSERT_EQ(unmatched.size(), 1u);
  EXPECT_NE(unmatched[0].find("s.yaml:3:5 (rule-a about PolicyC)"), std::string::npos)
      << unmatched[0];
}

}  // namespace
}  // namespace computefit
