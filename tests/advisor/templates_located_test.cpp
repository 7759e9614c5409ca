// `recommend FILE… --overlay SPEC` on templates: every finding and every loader error points at
// the template's (or the overlay's) own FILE:LINE:COLUMN, not at a spec written in between
// (SPEC.md "Reading infrastructure as code": Locations).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "advisor/lint.hpp"
#include "advisor/recommend.hpp"
#include "readers/import/import.hpp"
#include "render/json.hpp"
#include "render/text.hpp"
#include "workload/file_system.hpp"

namespace computefit {
namespace {

// ExportFunction (line 9) holds a token in plain text: API_TOKEN's value is at line 16, column 22.
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
      ReservedConcurrentExecutions: 5
      Handler: app.handler
      Environment:
        Variables:
          API_TOKEN: plain-text-token-value
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt JobQueue.Arn
            BatchSize: 1
  JobQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 120
)yaml";

constexpr const char* kOverlay = R"yaml(version: 1
services:
  - name: export-function
    traffic: { rps: 2 }
    duration_ms: { p50: 40, p99: 200 }
)yaml";

MemoryFileSystem files_with(const std::string& overlay) {
  MemoryFileSystem files;
  files.add("app/template.yaml", kTemplate);
  files.add("app/overlay.yaml", overlay);
  return files;
}

RecommendOutcome recommend_on(const MemoryFileSystem& files) {
  RecommendRequest request;
  request.spec_path = "app/template.yaml";
  request.overlay = "app/overlay.yaml";
  request.days = 0.02;
  request.sweep = false;
  return recommend(request, files);
}

const Finding* find(const Report& report, const std::string& id) {
  for (const ServiceReport& service : report.services) {
    for (const Finding& finding : service.findings) {
      if (finding.id == id) return &finding;
    }
  }
  return nullptr;
}

TEST(TemplatesLocated, FindingPointsAtTheTemplatesProperty) {
  const RecommendOutcome outcome = recommend_on(files_with(kOverlay));
  ASSERT_TRUE(outcome.report) << (outcome.diagnostics.empty()
                                      ? std::string()
                                      : format_diagnostic(outcome.diagnostics.front()));
  const Finding* secret = find(*outcome.report, "secrets-in-env");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->location, "app/template.yaml:16:22");
  EXPECT_EQ(outcome.report->spec_file, "app/template.yaml");
}

TEST(TemplatesLocated, LoaderErrorOnAnOverlayValuePointsAtTheOverlay) {
  const std::string bad = R"yaml(version: 1
services:
  - name: export-function
    traffic: { rps: -3 }
    duration_ms: { p50: 40, p99: 200 }
)yaml";
  const RecommendOutcome outcome = recommend_on(files_with(bad));
  ASSERT_FALSE(outcome.report);
  ASSERT_FALSE(outcome.diagnostics.empty());
  const Diagnostic& d = outcome.diagnostics.front();
  EXPECT_EQ(d.file, "app/overlay.yaml");
  EXPECT_EQ(d.mark.line, 4);
  EXPECT_EQ(format_diagnostic(d).rfind("app/overlay.yaml:4:", 0), 0U) << format_diagnostic(d);
}

TEST(TemplatesLocated, ServiceWithoutTrafficIsALocatedErrorInTheTemplate) {
  MemoryFileSystem files;
  files.add("app/template.yaml", kTemplate);
  const SpecLoadResult loaded = readers::load_workload({"app/template.yaml"}, std::nullopt, files);
  ASSERT_FALSE(loaded.spec);
  ASSERT_FALSE(loaded.diagnostics.empty());
  const Diagnostic& d = loaded.diagnostics.front();
  EXPECT_EQ(d.file, "app/template.yaml");
  EXPECT_EQ(d.mark.line, 9);  // ExportFunction
  EXPECT_NE(d.message.find("traffic"), std::string::npos) << d.message;
}

TEST(TemplatesLocated, OneSpecIsReadAsBefore) {
  MemoryFileSystem files;
  files.add("spec.yaml", kOverlay);
  const SpecLoadResult loaded = readers::load_workload({"spec.yaml"}, std::nullopt, files);
  ASSERT_FALSE(loaded.spec);  // a service without a kind
  const SpecLoadResult direct = load_spec("spec.yaml", files);
  ASSERT_EQ(loaded.diagnostics.size(), direct.diagnostics.size());
  for (std::size_t i = 0; i < direct.diagnostics.size(); ++i) {
    EXPECT_EQ(format_diagnostic(loaded.diagnostics[i]), format_diagnostic(direct.diagnostics[i]));
  }
}

TEST(TemplatesLocated, AnOverlaysTraceIsReadBesideTheOverlay) {
  MemoryFileSystem files;
  files.add("infra/template.yaml", kTemplate);
  files.add("traffic/overlay.yaml", R"yaml(version: 1
services:
  - name: export-function
    traffic: { shape: trace, trace: traces/jobs.csv }
    duration_ms: { p50: 40, p99: 200 }
)yaml");
  files.add("traffic/traces/jobs.csv", "seconds,count\n0,7200\n3600,14400\n");
  const SpecLoadResult loaded =
      readers::load_workload({"infra/template.yaml"}, "traffic/overlay.yaml", files);
  ASSERT_TRUE(loaded.spec) << (loaded.diagnostics.empty()
                                   ? std::string()
                                   : format_diagnostic(loaded.diagnostics.front()));
  EXPECT_EQ(loaded.spec->services.front().traffic.trace_resolved_path, "traffic/traces/jobs.csv");
}

// ExportFunction's role is a parameter without a default (line 4): unknown within the file, as is
// the role; the state machine (line 15) is no part of the model: skipped.
constexpr const char* kUnknownRoleTemplate = R"yaml(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  ExportRoleArn:
    Type: String
Resources:
  ExportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      MemorySize: 512
      Timeout: 20
      Role: !Ref ExportRoleArn
  Workflow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: '{}'
      RoleArn: !Ref ExportRoleArn
)yaml";

constexpr const char* kHttpOverlay = R"yaml(version: 1
services:
  - name: export-function
    kind: http
    traffic: { rps: 2 }
    duration_ms: { p50: 40, p99: 200 }
)yaml";

bool holds(const std::vector<std::string>& lines, const std::string& start) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.rfind(start, 0) == 0; });
}

// recommend on templates says what they leave unknown and what it skipped, as lint lists them, so
// that a user can tell why a rule that needs one stayed quiet.
TEST(TemplatesLocated, ReportListsWhatTheFilesLeaveUnknownAndSkip) {
  MemoryFileSystem files;
  files.add("app/template.yaml", kUnknownRoleTemplate);
  files.add("app/overlay.yaml", kHttpOverlay);
  const RecommendOutcome outcome = recommend_on(files);
  ASSERT_TRUE(outcome.report) << (outcome.diagnostics.empty()
                                      ? std::string()
                                      : format_diagnostic(outcome.diagnostics.front()));
  const Report& report = *outcome.report;
  const std::string parameter =
      "app/template.yaml:4:3: parameter 'ExportRoleArn' has no Default: a value given at "
      "deployment";
  EXPECT_TRUE(holds(report.unknowns, parameter));
  EXPECT_TRUE(holds(report.unknowns, "ExportFunction: Role: "));
  EXPECT_TRUE(holds(report.skipped,
                    "app/template.yaml:15:3: Workflow "
                    "(AWS::StepFunctions::StateMachine): "));

  LintRequest request;
  request.inputs = {"app/template.yaml"};
  request.overlay = "app/overlay.yaml";
  request.days = 0.02;
  const LintOutcome linted = lint(request, files);
  ASSERT_TRUE(linted.report);
  EXPECT_EQ(report.unknowns, linted.report->unknowns);
  EXPECT_EQ(report.skipped, linted.report->skipped);

  const std::string text = render_text(report, TextStyle{});
  EXPECT_NE(text.find("\nUnknown within the files (a rule that needs one stays quiet until an "
                      "overlay gives it):\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n  " + parameter + "\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nSkipped (not modelled):\n  app/template.yaml:15:3: Workflow "),
            std::string::npos)
      << text;
  const std::string json = render_json(report);
  EXPECT_NE(json.find("\"unknowns\": [\n"), std::string::npos);
  EXPECT_NE(json.find("\"" + parameter + "\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"skipped\": [\n    \"app/template.yaml:15:3: Workflow "), std::string::npos)
      << json;
}

// A workload spec, alone or with an overlay, leaves nothing unknown: the report says nothing of it.
TEST(TemplatesLocated, ASpecLeavesNothingUnknown) {
  MemoryFileSystem files;
  files.add("spec.yaml", kHttpOverlay);
  files.add("overlay.yaml",
            "version: 1\nservices:\n  - name: export-function\n"
            "    traffic: { rps: 3 }\n");
  for (const std::optional<std::string>& overlay :
       {std::optional<std::string>(), std::optional<std::string>("overlay.yaml")}) {
    RecommendRequest request;
    request.spec_path = "spec.yaml";
    request.overlay = overlay;
    request.days = 0.02;
    request.sweep = false;
    const RecommendOutcome outcome = recommend(request, files);
    ASSERT_TRUE(outcome.report) << (outcome.diagnostics.empty()
                                        ? std::string()
                                        : format_diagnostic(outcome.diagnostics.front()));
    EXPECT_TRUE(outcome.report->unknowns.empty());
    EXPECT_TRUE(outcome.report->skipped.empty());
    const std::string text = render_text(*outcome.report, TextStyle{});
    EXPECT_EQ(text.find("Unknown within the files"), std::string::npos);
    EXPECT_EQ(text.find("Skipped"), std::string::npos);
    EXPECT_EQ(render_json(*outcome.report).find("\"unknowns\""), std::string::npos);
  }
}

}  // namespace
}  // namespace computefit
