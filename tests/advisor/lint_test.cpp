// `lint FILE… [--overlay SPEC]`: the rules that need no simulation on a template without traffic,
// every rule on a service the overlay gives traffic, each service on the runtime its template
// deploys it on, every unsuppressed finding counted by --fail-on.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "advisor/lint.hpp"
#include "rules/rule.hpp"
#include "workload/file_system.hpp"

namespace computefit {
namespace {

// ExportFunction (line 9) holds a token in plain text (API_TOKEN at line 17) and reserves no
// concurrency at all (line 12).
constexpr const char* kTemplate = R"yaml(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    MemorySize: 512
    Timeout: 20
Resources:
  ExportFunction:
    Type: AWS::Serverless::Function
    Properties:
      ReservedConcurrentExecutions: 0
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/shared
      Environment:
        Variables:
          API_TOKEN: plain-text-token-value
  ImportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/shared
)yaml";

constexpr const char* kOverlay = R"yaml(version: 1
services:
  - name: import-function
    kind: event
    traffic: { rps: 2 }
    duration_ms: { p50: 40, p99: 200 }
)yaml";

LintOutcome lint_on(const std::optional<std::string>& overlay,
                    std::optional<Severity> fail_on = std::nullopt) {
  MemoryFileSystem files;
  files.add("app/template.yaml", kTemplate);
  files.add("app/overlay.yaml", kOverlay);
  LintRequest request;
  request.inputs = {"app/template.yaml"};
  request.overlay = overlay;
  request.days = 0.02;
  request.fail_on = fail_on;
  return lint(request, files);
}

std::vector<std::string> ids_of(const LintReport& report, const std::string& service) {
  std::vector<std::string> ids;
  for (const ServiceReport& s : report.report.services) {
    if (s.name != service) continue;
    for (const Finding& f : s.findings) ids.push_back(f.id);
  }
  return ids;
}

const Finding* find(const LintReport& report, const std::string& service, const std::string& id) {
  for (const ServiceReport& s : report.report.services) {
    for (const Finding& f : s.findings) {
      if (s.name == service && f.id == id) return &f;
    }
  }
  return nullptr;
}

TEST(Lint, StaticRulesAreTheOnesThatJudgeConfigurationAlone) {
  std::set<std::string> unsimulated;
  for (const Rule& rule : rules()) {
    if (!rule.needs_simulation) unsimulated.emplace(rule.id);
  }
  // sqs-visibility-timeout judges a Lambda consumer on its configuration; its part for a
  // consumer that reads the queue itself reads simulated figures only where they exist.
  const std::set<std::string> expected = {
      "no-feasible-runtime",      "private-subnet-no-egress", "shared-iam-role",
      "eks-ops-burden",           "secrets-in-env",           "lambda-payload-limit",
      "health-check-grace-short", "eks-extended-support",     "lambda-reserved-zero",
      "sqs-visibility-timeout",   "fargate-invalid-size",     "shared-execution-task-role",
      "task-public-ip",           "lambda-env-size",          "iam-wildcard-action"};
  EXPECT_EQ(unsimulated, expected);
}

TEST(Lint, ATemplateWithoutTrafficIsJudgedOnItsConfiguration) {
  const LintOutcome outcome = lint_on(std::nullopt);
  ASSERT_TRUE(outcome.report) << (outcome.diagnostics.empty() ? ""
                                                              : outcome.diagnostics[0].message);
  const LintReport& report = *outcome.report;
  ASSERT_EQ(report.services.size(), 2U);
  for (const LintedService& service : report.services) {
    EXPECT_FALSE(service.simulated) << service.name;
    EXPECT_EQ(service.runtimes, std::vector<RuntimeId>{RuntimeId::lambda}) << service.name;
  }
  const Finding* secrets = find(report, "export-function", "secrets-in-env");
  ASSERT_NE(secrets, nullptr);
  EXPECT_EQ(secrets->location.rfind("app/template.yaml:17:", 0), 0U) << secrets->location;
  const Finding* zero = find(report, "export-function", "lambda-reserved-zero");
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(zero->location.rfind("app/template.yaml:12:", 0), 0U) << zero->location;
  // No simulated figure is quoted for a function that was not simulated.
  EXPECT_EQ(zero->message.find("simulated"), std::string::npos) << zero->message;
  EXPECT_NE(find(report, "import-function", "shared-iam-role"), nullptr);
  // Nothing needing a simulation ran, and nothing says what a cost is.
  for (const ServiceReport& service : report.report.services) {
    EXPECT_TRUE(service.options.empty());
    EXPECT_FALSE(service.recommendation);
    for (const Finding& f : service.findings) {
      const auto rule =
          std::find_if(rules().begin(), rules().end(), [&](const Rule& r) { return r.id == f.id; });
      ASSERT_NE(rule, rules().end());
      EXPECT_FALSE(rule->needs_simulation) << f.id;
    }
  }
  ASSERT_FALSE(report.notes.empty());
  EXPECT_NE(report.notes[0].find("No traffic for export-function and import-function"),
            std::string::npos)
      << report.notes[0];
}

TEST(Lint, TheOverlaysTrafficSimulatesThatServiceOnly) {
  const LintOutcome outcome = lint_on("app/overlay.yaml");
  ASSERT_TRUE(outcome.report);
  const LintReport& report = *outcome.report;
  ASSERT_EQ(report.files, (std::vector<std::string>{"app/template.yaml", "app/overlay.yaml"}));
  for (const LintedService& service : report.services) {
    EXPECT_EQ(service.simulated, service.name == "import-function") << service.name;
  }
  // The static findings stay as they were without the overlay.
  EXPECT_NE(find(report, "export-function", "secrets-in-env"), nullptr);
  EXPECT_NE(find(report, "import-function", "shared-iam-role"), nullptr);
}

TEST(Lint, EveryUnsuppressedFindingCountsForFailOn) {
  const LintOutcome outcome = lint_on(std::nullopt, Severity::high);
  ASSERT_TRUE(outcome.report);
  ASSERT_TRUE(outcome.report->report.fail_on);
  const std::vector<std::string>& tripped = outcome.report->report.fail_on->tripped;
  EXPECT_EQ(tripped, (std::vector<std::string>{"secrets-in-env@export-function",
                                               "lambda-reserved-zero@export-function"}));
  const LintOutcome medium = lint_on(std::nullopt, Severity::medium);
  ASSERT_TRUE(medium.report);
  EXPECT_EQ(medium.report->report.fail_on->tripped.size(), 4U);  // and both shared-iam-role
  EXPECT_EQ(ids_of(*medium.report, "import-function"), std::vector<std::string>{"shared-iam-role"});
}

TEST(Lint, ABrokenTemplateIsALocatedError) {
  MemoryFileSystem files;
  files.add("bad.yaml", "Resources:\n  Fn:\n    Type: [unclosed\n");
  LintRequest request;
  request.inputs = {"bad.yaml"};
  const LintOutcome outcome = lint(request, files);
  EXPECT_FALSE(outcome.report);
  ASSERT_FALSE(outcome.diagnostics.empty());
  EXPECT_EQ(outcome.diagnostics[0].file, "bad.yaml");
  EXPECT_GT(outcome.diagnostics[0].mark.line, 0);
}

}  // namespace
}  // namespace computefit
