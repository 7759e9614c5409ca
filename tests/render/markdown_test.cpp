// render_markdown: a report for a design document or a pull-request comment, as GitHub Flavored
// Markdown (github.github.com/gfm, 0.29-gfm: tables, backslash escapes, code spans, HTML blocks).

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "render/markdown.hpp"
#include "render/sample_report.hpp"

namespace computefit {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Cell separators of a GFM table row: pipes not escaped by a backslash (GFM 4.10).
std::size_t separators(const std::string& row) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++count;
  }
  return count;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

TEST(RenderMarkdown, HeadingAndFacts) {
  const std::string md = render_markdown(sample_report());
  EXPECT_EQ(md.substr(0, md.find('\n')), "# computefit: shop") << md;
  EXPECT_TRUE(contains(md,
                       "spec `examples/shop.yaml` \u00b7 region us-east-1 \u00b7 prices: built-in "
                       "us-east-1 catalog \u00b7 steady-state estimate \u00b7 computefit 0.1.0\n"))
      << md;
  Report simulated = sample_report();
  simulated.simulated_days = 2;
  simulated.seed = 7;
  EXPECT_TRUE(contains(render_markdown(simulated), "\u00b7 simulated 2 days, seed 7 \u00b7"));
}

TEST(RenderMarkdown, RecommendationWhyAndOptionsTable) {
  const std::string md = render_markdown(sample_report());
  EXPECT_TRUE(contains(md,
                       "\n## api (http)\n\n**Recommendation: `ecs-fargate`**\n\n"
                       "ECS on Fargate meets the p99 SLO of 300 ms at \\$44.25 a month;"))
      << md;
  EXPECT_TRUE(contains(md,
                       "| # | runtime | feasible | \\$/month | p50 ms | p95 ms | p99 ms | SLO | "
                       "cold | throttled | peak | DB conn | score |\n"
                       "| ---: | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: "
                       "| ---: | ---: |\n"
                       "| 1 | **`ecs-fargate`** | yes | \\$44.25 | 46.0 | 160.0 | 270.3 | \u2713 | "
                       "0% | 0% | 6 | 30 | 0.82 |\n"
                       "| 2 | `ecs-ec2` | yes | \\$123.94 | 46.0 | 158.5 | 1,235 | \u2717 | 0% | "
                       "0% | 6 / 2 | 30 | 0.41 |\n"
                       "| - | `lambda` | no | - | - | - | - | - | - | - | - | - | - |\n"))
      << md;
  EXPECT_TRUE(contains(md, "**Recommendation: none** (no runtime is feasible)\n"));
}

TEST(RenderMarkdown, EveryTableRowHasItsHeadersCells) {
  const std::vector<std::string> lines = lines_of(render_markdown(sample_report()));
  std::size_t tables = 0;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].empty() || lines[i][0] != '|' || lines[i + 1].rfind("| ---", 0) != 0) continue;
    ++tables;
    const std::size_t columns = separators(lines[i]);
    for (std::size_t j = i + 1; j < lines.size() && !lines[j].empty() && lines[j][0] == '|'; ++j) {
      EXPECT_EQ(separators(lines[j]), columns) << lines[j];
    }
  }
  // Options (2 services), cost items (2 feasible options), the checklist.
  EXPECT_EQ(tables, 5u);
}

TEST(RenderMarkdown, CostItemsCollapsedPerFeasibleOption) {
  const std::string md = render_markdown(sample_report());
  EXPECT_EQ(occurrences(md, "\n<details>\n<summary>"), 2u);
  EXPECT_EQ(occurrences(md, "\n</details>\n"), 2u);
  EXPECT_TRUE(contains(md,
                       "<details>\n<summary>1. ecs-fargate: $44.25/month \u2014 1 vCPU / 2 GB "
                       "tasks, 2-6 running (target tracking at 70% CPU)</summary>\n\n"
                       "| kind | item | quantity | unit | unit price | monthly |\n"))
      << md;
  EXPECT_TRUE(contains(md,
                       "| `fargate-memory` | Fargate GB-hours (x86_64) | 1,460 | GB-hour | "
                       "\\$0.004445 | \\$6.49 |\n"))
      << md;
  EXPECT_TRUE(contains(md, "| `load-balancer` | ALB hours, shared by 2 | 730 | hour |"));
  EXPECT_TRUE(contains(md, "| **total** | | | | | **\\$44.25** |\n"));
  EXPECT_TRUE(contains(md, "\n\u2717 SLO missed: p99 1,234.6 ms &gt; 300 ms\n"));
  EXPECT_TRUE(contains(md,
                       "\n**`lambda`** is not feasible:\n\n- a 16 MB payload exceeds Lambda's 6 MB "
                       "synchronous invocation payload limit\n"));
}

TEST(RenderMarkdown, FindingsWithSeverityLocationAndSuppression) {
  const std::string md = render_markdown(sample_report());
  EXPECT_TRUE(contains(md,
                       "\n### Findings\n\n- **HIGH** `lambda-db-connection-storm` on `lambda` at "
                       "`examples/shop.yaml:34:9`: peak 1,240 connections against "
                       "max_connections 400 of orders-db;"))
      << md;
  // The reason's pipe, asterisks and angle brackets are escaped, not interpreted.
  EXPECT_TRUE(contains(md,
                       "- **MEDIUM** `shared-iam-role` at `examples/shop.yaml:40:15`: api and "
                       "reconcile share the IAM role app-role *(suppressed: one deploy pipeline "
                       "\\| reviewed in \\*ADR-7\\* &lt;2026&gt;)*\n"))
      << md;
  Report report = sample_report();
  report.services[0].findings.clear();
  EXPECT_TRUE(contains(render_markdown(report), "\n### Findings\n\nNone.\n"));
}

TEST(RenderMarkdown, DecisionBoundariesAndChecklist) {
  const std::string md = render_markdown(sample_report());
  EXPECT_TRUE(contains(md,
                       "\n### Decision boundaries\n\nThe recommendation holds from 38 to 2,075 "
                       "requests/s mean (0.76x-41.5x).\n\n"
                       "- Lambda becomes the better choice below 38 requests/s mean\n"
                       "- ECS on EC2 becomes the better choice above 2,075 requests/s mean\n"))
      << md;
  EXPECT_TRUE(
      contains(md,
               "\n### Checklist\n\n| control | status | detail |\n| --- | --- | --- |\n"
               "| own IAM role | missing | api shares app-role with reconcile: one role per "
               "task |\n"))
      << md;
  // A service without them has neither heading.
  const std::string reconcile = md.substr(md.find("## reconcile"));
  EXPECT_FALSE(contains(reconcile, "Decision boundaries"));
  EXPECT_FALSE(contains(reconcile, "Checklist"));
}

TEST(RenderMarkdown, ProbesBeforeTotalsAndAssumptions) {
  const std::string md = render_markdown(sample_report());
  const std::size_t probes = md.find("\n## Probes\n\n### Lambda cold starts?\n\nOn Lambda, 0.02%");
  const std::size_t totals = md.find(
      "\n## Totals\n\nMonthly cost of the recommended options: **\\$44.25** (shared resources "
      "counted once)\n\n### Assumptions\n\n- duration_ms is independent of runtime and load\n");
  ASSERT_NE(probes, std::string::npos) << md;
  ASSERT_NE(totals, std::string::npos) << md;
  EXPECT_LT(probes, totals);
  // Each answer is a paragraph; one that starts like a heading stays text.
  EXPECT_TRUE(contains(md, "899 ms.\n\nProvisioned concurrency of 12 removes them"));
  EXPECT_TRUE(contains(md, "\n### ECS or EKS?\n\n\\# Without a Kubernetes platform"));
  Report report = sample_report();
  report.probes.clear();
  EXPECT_FALSE(contains(render_markdown(report), "## Probes"));
}

TEST(RenderMarkdown, EscapesWhatMarkdownWouldInterpret) {
  Report report = sample_report();
  report.services[0].why =
      "*bold* _em_ max_connections `code` [link](x) <b>tag</b> ~strike~ a \\ b $1 and $2 & co\n"
      "1. not a list\n- not an item\n    not code";
  const std::string md = render_markdown(report);
  EXPECT_TRUE(contains(md,
                       "\\*bold\\* \\_em\\_ max_connections \\`code\\` \\[link\\](x) "
                       "&lt;b&gt;tag&lt;/b&gt; \\~strike\\~ a \\\\ b \\$1 and \\$2 &amp; co\n"
                       "1\\. not a list\n\\- not an item\nnot code\n"))
      << md;
  report.spec_file = "odd`name.yaml";
  EXPECT_TRUE(contains(render_markdown(report), "spec ``odd`name.yaml``"));
}

TEST(RenderMarkdown, RevisionTwoNoSloDashLongDurationsAndTheSteadyStateMark) {
  const std::string md = render_markdown(revision2_report());
  EXPECT_TRUE(contains(md,
                       "| # | runtime | feasible | \\$/month | p50 | p95 | p99 | SLO | cold | "
                       "throttled | peak | DB conn | score |\n"))
      << md;
  EXPECT_TRUE(contains(md,
                       "| 1 | **`ecs-fargate`** | yes | \\$1,313.94 | 14 min | 103 h | 103 h | - | "
                       "0% | 0% | 32 | 0 | 0.97 |\n"
                       "| 2 | `eks`\u2020 | yes | \\$1,313.94 | 59 s | 59 min | 1 h | - |"))
      << md;
  EXPECT_TRUE(contains(md, "; \u2020 steady-state estimate, not simulated.\n"));
  EXPECT_TRUE(contains(md, "<summary>2. eks\u2020: $1,313.94/month"));
  EXPECT_FALSE(contains(md, "370,440,929"));
}

TEST(RenderMarkdown, TheSampleIntervalsAndFailedRequests) {
  const std::string md = render_markdown(revision2_report());
  EXPECT_TRUE(contains(md,
                       "\nJudged on 24.2 h simulated after a 1 h burn-in (whole days); 4,361,234 "
                       "arrivals against 4,356,000 expected (0.12% more); holding the 6 bursts the "
                       "spec declares.\n"))
      << md;
  EXPECT_TRUE(contains(md,
                       "| stratum | starts at | burn-in | simulated | weight |\n"
                       "| --- | ---: | ---: | ---: | ---: |\n"
                       "| night | day 1 00:00 UTC | 1 h | 2 h | 49.5 |\n"
                       "| day | day 1 14:00 UTC | 1 h | 2 h | 33 |\n"
                       "| burst episodes | day 4 09:01:30 UTC | 1 h | 2 h | 1.5 |\n"))
      << md;
  EXPECT_TRUE(contains(md,
                       "\nIntervals: p99 262.1-278.4 ms, \\$42.10-\\$46.38/month (95%, batch "
                       "means)\n"))
      << md;
  EXPECT_TRUE(contains(md,
                       "\nIntervals: left out, batches too correlated to support one (lag-1 "
                       "autocorrelation 0.71)\n"));
  EXPECT_TRUE(contains(md, "\n\u2717 1.25% of requests failed (throttled, timed out or dropped)"));
}

// From templates: what they leave unknown and what was skipped, under the facts and before the
// first service, one list item a line; nothing of it for a workload spec.
TEST(RenderMarkdown, UnknownsAndSkippedFromTheFilesBeforeTheServices) {
  const std::string markdown = render_markdown(templates_report());
  const std::size_t unknowns = markdown.find(
      "\n\n**Unknown within the files** (a rule that needs one stays quiet until an overlay gives "
      "it):\n\n- api: Role: parameter 'ApiRoleArn' has no default\n- infra/template.yaml:4:3: ");
  ASSERT_NE(unknowns, std::string::npos) << markdown;
  EXPECT_TRUE(contains(markdown, "): network.subnet, nat_gateway and vpc_endpoints\n"));
  const std::size_t skipped = markdown.find(
      "\n\n**Skipped** (not modelled):\n\n- infra/template.yaml:15:3: Workflow "
      "(AWS::StepFunctions::StateMachine): ");
  EXPECT_NE(skipped, std::string::npos) << markdown;
  EXPECT_LT(unknowns, skipped);
  EXPECT_LT(skipped, markdown.find("\n## api (http)"));
  const std::string spec = render_markdown(sample_report());
  EXPECT_FALSE(contains(spec, "Unknown within the files"));
  EXPECT_FALSE(contains(spec, "**Skipped**"));
}

TEST(RenderMarkdown, SameReportSameBytes) {
  EXPECT_EQ(render_markdown(sample_report()), render_markdown(sample_report()));
}

TEST(RenderMarkdown, AnEmptyReportStillHasAHeadingAndTotals) {
  const std::string md = render_markdown(Report{});
  EXPECT_EQ(md.substr(0, md.find('\n')), "# computefit");
  EXPECT_TRUE(contains(md, "Monthly cost of the recommended options: **\\$0.00**"));
}

}  // namespace
}  // namespace computefit
