// render_text: what a person at a terminal must see, laid out within the width, coloured only
// when asked.

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "render/layout.hpp"
#include "render/sample_report.hpp"
#include "render/text.hpp"

namespace computefit {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Runs of spaces as one, so that checks of table rows do not depend on column widths.
std::string squeeze(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' || out.empty() || out.back() != ' ') out += c;
  }
  return out;
}

std::size_t widest_line(const std::string& text) {
  std::istringstream lines(text);
  std::size_t widest = 0;
  for (std::string line; std::getline(lines, line);) {
    widest = std::max(widest, display_width(line));
  }
  return widest;
}

TEST(RenderText, HeaderNamesSpecRegionCatalogAndMethod) {
  const std::string text = render_text(sample_report(), TextStyle{});
  EXPECT_EQ(text.substr(0, text.find('\n')), "computefit 0.1.0: shop (examples/shop.yaml)");
  EXPECT_TRUE(contains(text,
                       "region us-east-1 | prices: built-in us-east-1 catalog | "
                       "steady-state estimate\n"));
  Report simulated = sample_report();
  simulated.simulated_days = 2;
  simulated.seed = 7;
  EXPECT_TRUE(contains(render_text(simulated, TextStyle{}), "| simulated 2 days, seed 7\n"));
}

TEST(RenderText, RecommendationWhyAndOptionsBestFirst) {
  const std::string text = squeeze(render_text(sample_report(), TextStyle{}));
  EXPECT_TRUE(contains(text, "== api (http) ==="));
  EXPECT_TRUE(contains(text, "Recommendation: ecs-fargate\n"));
  EXPECT_TRUE(contains(text, "\n ECS on Fargate meets the p99 SLO"));
  const std::size_t fargate =
      text.find("\n 1 ecs-fargate yes $44.25 46.0 160.0 270.3 \u2713 0% 0% 6 30 0.82\n");
  const std::size_t ec2 =
      text.find("\n 2 ecs-ec2 yes $123.94 46.0 158.5 1,235 \u2717 0% 0% 6 / 2 30 0.41\n");
  const std::size_t lambda = text.find("\n - lambda no - - - - - - - - - -\n");
  ASSERT_NE(fargate, std::string::npos) << text;
  ASSERT_NE(ec2, std::string::npos) << text;
  ASSERT_NE(lambda, std::string::npos) << text;
  EXPECT_LT(fargate, ec2);
  EXPECT_LT(ec2, lambda);
  EXPECT_TRUE(contains(text, "Recommendation: none (no runtime is feasible)\n"));
}

TEST(RenderText, FiguresWithSeparatorsAndMarks) {
  const std::string text = render_text(sample_report(), TextStyle{});
  EXPECT_TRUE(contains(text, "$44.25")) << text;
  EXPECT_TRUE(contains(text, "$123.94"));  // 119.14 + 4.80, the printed items' sum
  EXPECT_TRUE(contains(text, "1,235"));    // p99 with a thousands separator
  EXPECT_TRUE(contains(text, "6 / 2"));    // peak instances / hosts
  EXPECT_TRUE(contains(text, "\u2713"));   // SLO met
  EXPECT_TRUE(contains(text, "\u2717"));   // SLO missed
  EXPECT_TRUE(contains(text, "0.82"));     // score
}

TEST(RenderText, SizingCostItemsReasonsAndFindings) {
  const std::string text = squeeze(render_text(sample_report(), TextStyle{}));
  EXPECT_TRUE(contains(text, " 1 ecs-fargate: 1 vCPU / 2 GB tasks, 2-6 running")) << text;
  EXPECT_TRUE(contains(text, "fargate-vcpu"));
  EXPECT_TRUE(contains(
      text, "fargate-memory 1,460 GB-hour \u00d7 $0.004445 = $6.49 Fargate GB-hours (x86_64)\n"))
      << text;
  EXPECT_TRUE(contains(text, "= $8.21 ALB hours, shared by 2\n")) << text;
  EXPECT_TRUE(contains(text, "\u2717 SLO missed: p99 1,234.6 ms > 300 ms"));
  EXPECT_TRUE(contains(text, " - lambda: infeasible\n"));
  EXPECT_TRUE(contains(text, "\u2717 a 16 MB payload exceeds Lambda's 6 MB"));
  EXPECT_TRUE(contains(text,
                       " HIGH lambda-db-connection-storm on lambda at "
                       "examples/shop.yaml:34:9\n"))
      << text;
  EXPECT_TRUE(contains(text, " MEDIUM shared-iam-role at examples/shop.yaml:40:15\n"));
}

TEST(RenderText, SuppressedFindingsAreMarkedWithTheirReason) {
  const std::string text = render_text(sample_report(), TextStyle{});
  EXPECT_TRUE(contains(text,
                       "             api and reconcile share the IAM role app-role\n"
                       "             (suppressed: one deploy pipeline | reviewed in *ADR-7* "
                       "<2026>)\n"))
      << text;
  EXPECT_EQ(text.find("(suppressed:"), text.rfind("(suppressed:"));  // reconcile's is not
}

TEST(RenderText, DecisionBoundariesAndChecklistAfterFindings) {
  const std::string text = render_text(sample_report(), TextStyle{});
  const std::size_t findings = text.find("  Findings:\n");
  const std::size_t boundaries = text.find(
      "\n  Decision boundaries:\n"
      "    The recommendation holds from 38 to 2,075 requests/s mean (0.76x-41.5x).\n"
      "    - Lambda becomes the better choice below 38 requests/s mean\n"
      "    - ECS on EC2 becomes the better choice above 2,075 requests/s mean\n");
  const std::size_t checklist = text.find(
      "\n  Checklist:\n"
      "    missing  own IAM role            api shares app-role with reconcile: one role per task\n"
      "    ok       secrets source          Secrets Manager\n"
      "    review   autoscaling guardrails  max_tasks 100 x 5 connections = 500 > max_connections "
      "400 of\n"
      "                                     orders-db; cap max_tasks at 80 or scale on queue "
      "depth\n");
  ASSERT_NE(boundaries, std::string::npos) << text;
  ASSERT_NE(checklist, std::string::npos) << text;
  EXPECT_LT(findings, boundaries);
  EXPECT_LT(boundaries, checklist);
  // Sections without content are left out.
  const std::string reconcile = text.substr(text.find("== reconcile"));
  EXPECT_FALSE(contains(reconcile, "Decision boundaries:"));
  EXPECT_FALSE(contains(reconcile, "Checklist:"));
}

TEST(RenderText, ProbesBeforeTotals) {
  const std::string text = render_text(sample_report(), TextStyle{});
  const std::size_t probes = text.find("\n== Probes ===");
  const std::size_t totals = text.find("\n== Totals ===");
  ASSERT_NE(probes, std::string::npos) << text;
  EXPECT_LT(probes, totals);
  EXPECT_TRUE(contains(text,
                       "\nLambda cold starts?\n"
                       "  On Lambda, 0.02% of api's requests start cold; they add 250-800 ms and "
                       "push p99 to 899 ms.\n"
                       "\n"
                       "  Provisioned concurrency of 12 removes them at the peak for "
                       "$130.45/month.\n"
                       "\nECS or EKS?\n"))
      << text;
  Report report = sample_report();
  report.probes.clear();
  EXPECT_FALSE(contains(render_text(report, TextStyle{}), "== Probes"));
  const std::string coloured = render_text(sample_report(), TextStyle{true, 100});
  EXPECT_TRUE(contains(coloured, "\x1b[1mLambda cold starts?\x1b[0m"));
  EXPECT_TRUE(contains(coloured, "\x1b[31mmissing\x1b[0m"));
}

TEST(RenderText, TotalsAndAssumptions) {
  const std::string text = render_text(sample_report(), TextStyle{});
  EXPECT_TRUE(contains(text, "== Totals ==="));
  EXPECT_TRUE(contains(text, "Monthly cost of the recommended options: $44.25"));
  EXPECT_TRUE(contains(text, "Assumptions:\n  - duration_ms is independent of runtime and load\n"));
}

TEST(RenderText, FitsTheWidth) {
  const std::string text = render_text(sample_report(), TextStyle{});
  EXPECT_LE(widest_line(text), 100u) << text;
  // Narrower: paragraphs and cost items wrap (the options table keeps its columns).
  const std::string narrow = render_text(sample_report(), TextStyle{false, 80});
  EXPECT_TRUE(contains(
      narrow, "\n  ECS on Fargate meets the p99 SLO of 300 ms at $44.25 a month; the runner-up,\n"))
      << narrow;
  EXPECT_TRUE(contains(narrow, "  Fargate vCPU-hours\n")) << narrow;  // the item's words wrap
  std::istringstream lines(narrow);
  for (std::string line; std::getline(lines, line);) {
    if (contains(line, " \u00d7 ")) {
      EXPECT_LE(display_width(line), 80u) << line;
    }
  }
}

TEST(RenderText, ColourOnlyWhenAsked) {
  EXPECT_FALSE(contains(render_text(sample_report(), TextStyle{false, 100}), "\x1b["));
  const std::string coloured = render_text(sample_report(), TextStyle{true, 100});
  EXPECT_TRUE(contains(coloured, "\x1b[1;32mecs-fargate\x1b[0m"));
  EXPECT_TRUE(contains(coloured, "\x1b[31mHIGH"));
}

TEST(RenderText, SameReportSameBytes) {
  EXPECT_EQ(render_text(sample_report(), TextStyle{}), render_text(sample_report(), TextStyle{}));
}

TEST(RenderText, AnEmptyReportStillHasAHeaderAndTotals) {
  const std::string text = render_text(Report{}, TextStyle{});
  EXPECT_TRUE(contains(text, "computefit \n"));
  EXPECT_TRUE(contains(text, "Monthly cost of the recommended options: $0.00"));
}

}  // namespace
}  // namespace computefit
