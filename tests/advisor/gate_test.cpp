// The --fail-on gate: in `recommend` it counts the findings on each service's recommended option
// and those on no particular runtime, never those on options not chosen, never suppressed ones,
// each once; in `lint` every finding.
#include "advisor/gate.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace computefit {
namespace {

Finding finding(std::string id, Severity severity, std::optional<RuntimeId> runtime) {
  Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.runtime = runtime;
  return f;
}

Report two_services() {
  Report report;
  ServiceReport api;
  api.name = "api";
  api.recommendation = RuntimeId::ecs_fargate;
  api.findings = {
      finding("lambda-db-connection-storm", Severity::high, RuntimeId::lambda),  // not chosen
      finding("scaling-outruns-downstream", Severity::high, RuntimeId::ecs_fargate),
      finding("scaling-outruns-downstream", Severity::high, RuntimeId::ecs_fargate),  // twice
      finding("secrets-in-env", Severity::high, std::nullopt),
      finding("eks-ops-burden", Severity::medium, RuntimeId::eks),
  };
  ServiceReport job;
  job.name = "job";
  job.findings = {finding("no-feasible-runtime", Severity::critical, std::nullopt)};
  report.services = {api, job};
  return report;
}

TEST(Gate, CountsTheRecommendedOptionAndNoParticularRuntimeEachOnce) {
  const FailOnSummary s =
      fail_on_gate(two_services(), Severity::high, GateScope::recommended_options);
  EXPECT_EQ(s.threshold, Severity::high);
  EXPECT_EQ(s.tripped, (std::vector<std::string>{"scaling-outruns-downstream@api",
                                                 "secrets-in-env@api", "no-feasible-runtime@job"}));
}

TEST(Gate, NoFeasibleRuntimeTripsEveryThreshold) {
  for (Severity threshold :
       {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical}) {
    const FailOnSummary s = fail_on_gate(two_services(), threshold, GateScope::recommended_options);
    EXPECT_NE(std::find(s.tripped.begin(), s.tripped.end(), "no-feasible-runtime@job"),
              s.tripped.end())
        << to_string(threshold);
  }
}

TEST(Gate, SuppressedFindingsNeverCount) {
  Report report = two_services();
  for (Finding& f : report.services[0].findings) f.suppressed_reason = "accepted";
  const FailOnSummary s = fail_on_gate(report, Severity::high, GateScope::recommended_options);
  EXPECT_EQ(s.tripped, std::vector<std::string>{"no-feasible-runtime@job"});
}

TEST(Gate, LintCountsEveryFinding) {
  const FailOnSummary s = fail_on_gate(two_services(), Severity::medium, GateScope::every_finding);
  EXPECT_EQ(s.tripped, (std::vector<std::string>{
                           "lambda-db-connection-storm@api", "scaling-outruns-downstream@api",
                           "secrets-in-env@api", "eks-ops-burden@api", "no-feasible-runtime@job"}));
}

TEST(Gate, FindingsOnResourcesCountInBothScopesNamedByTheirResource) {
  Report report = two_services();
  Finding policy = finding("iam-wildcard-action", Severity::high, std::nullopt);
  policy.resource = "ExportPolicy";
  Finding queue = finding("sqs-visibility-timeout", Severity::high, RuntimeId::ecs_fargate);
  queue.resource = "aws_sqs_queue.jobs";  // on a service: named by the service
  report.services[0].findings.push_back(queue);
  report.findings = {policy, policy};
  for (GateScope scope : {GateScope::recommended_options, GateScope::every_finding}) {
    const FailOnSummary s = fail_on_gate(report, Severity::high, scope);
    EXPECT_EQ(std::count(s.tripped.begin(), s.tripped.end(), "iam-wildcard-action@ExportPolicy"),
              1);
    EXPECT_NE(std::find(s.tripped.begin(), s.tripped.end(), "sqs-visibility-timeout@api"),
              s.tripped.end());
  }
  report.findings[0].suppressed_reason = report.findings[1].suppressed_reason = "accepted";
  const FailOnSummary s = fail_on_gate(report, Severity::high, GateScope::every_finding);
  EXPECT_EQ(std::find(s.tripped.begin(), s.tripped.end(), "iam-wildcard-action@ExportPolicy"),
            s.tripped.end());
}

TEST(Gate, MessageNamesEachTrippedFinding) {
  FailOnSummary s;
  EXPECT_EQ(fail_on_message(s), "");
  s.threshold = Severity::high;
  s.tripped = {"secrets-in-env@api", "no-feasible-runtime@job"};
  EXPECT_EQ(fail_on_message(s),
            "computefit: --fail-on high: 2 findings at or above high: secrets-in-env@api and "
            "no-feasible-runtime@job");
}

}  // namespace
}  // namespace computefit
