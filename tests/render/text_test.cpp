// render_text: what a person at a terminal must see, laid out within the width, coloured only
// when asked.

#include <gtest/gtest.h>

#include <limits>
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
                       "\nregion us-east-1 | steady-state estimate\n"
                       "prices: built-in us-east-1 catalog\n"));
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
                       " HIGH lambda-db-connection-storm on lambda\n"
                       " at examples/shop.yaml:34:9\n"
                       " peak 1,240 connections against max_connections 400"))
      << text;
  EXPECT_TRUE(contains(text, " MEDIUM shared-iam-role\n at examples/shop.yaml:40:15\n"));
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

// The service's section from its heading to the next one.
std::string section(const std::string& text, const std::string& service) {
  const std::size_t start = text.find("== " + service + " (");
  return text.substr(start, text.find("\n== ", start + 1) - start);
}

TEST(RenderText, WithoutAnSloTheSloColumnShowsADash) {
  const std::string transcode =
      squeeze(section(render_text(revision2_report(), TextStyle{}), "transcode"));
  EXPECT_TRUE(contains(transcode,
                       "\n 1 ecs-fargate yes $1,313.94 14 min 103 h 103 h - 0% 0% 32 0 "
                       "0.97\n"))
      << transcode;
  EXPECT_FALSE(contains(transcode, "\u2713"));
  EXPECT_FALSE(contains(transcode, "\u2717"));
}

TEST(RenderText, LongDurationsReadInMinutesOrHoursAndTheTableStaysInTheWidth) {
  const std::string text = render_text(revision2_report(), TextStyle{});
  const std::string transcode = section(text, "transcode");
  // Hour-long runs: the header loses "ms", each cell carries its unit.
  EXPECT_TRUE(contains(squeeze(transcode), " # runtime ok $/month p50 p95 p99 SLO cold")) << text;
  EXPECT_FALSE(contains(transcode, "370,440,929"));
  EXPECT_TRUE(contains(transcode, "intervals: p99 100-106 h (95%, batch means)\n")) << transcode;
  // Where every latency is below 10 s, the header keeps "ms" and the cells their digits.
  EXPECT_TRUE(contains(squeeze(section(text, "api")), " p50 ms p95 ms p99 ms SLO")) << text;
  EXPECT_LE(widest_line(text), 100u) << text;
}

// The widest figures each column can hold still fit 100 columns.
TEST(RenderText, TheWidestOptionsTableFitsTheWidth) {
  Report report = revision2_report();
  report.spec_file.clear();
  ServiceReport& service = report.services[2];
  for (Option& option : service.options) {
    option.cost_items.front().monthly_usd = 123456.78;
    option.latency_ms = LatencyMs{9999.4, 10000 * 3.6e6, 59.9e3};
    option.slo_met = false;
    option.cold_start_fraction = 1;
    option.throttled_fraction = 0.4567;
    option.peak_instances = 1234;
    option.peak_hosts = 567;
    option.peak_db_connections = 12345;
  }
  const std::string text = render_text(report, TextStyle{});
  EXPECT_LE(widest_line(section(text, "transcode")), 100u) << section(text, "transcode");
}

TEST(RenderText, StateSteadyStateOptionsWhereTheReportSimulated) {
  const std::string transcode = section(render_text(revision2_report(), TextStyle{}), "transcode");
  EXPECT_TRUE(contains(squeeze(transcode), "\n 2 eks\u2020 yes ")) << transcode;
  EXPECT_TRUE(contains(squeeze(transcode), "\n 1 ecs-fargate yes ")) << transcode;
  EXPECT_TRUE(contains(transcode, "\n  \u2020 steady-state estimate, not simulated\n"));
  EXPECT_TRUE(contains(transcode, "\n  2 eks\u2020: Fargate 4 vCPU"));
  // A report that simulated nothing says so once, in its header, and marks no option.
  const std::string estimated = render_text(sample_report(), TextStyle{});
  EXPECT_TRUE(contains(estimated, "| steady-state estimate\n"));
  EXPECT_FALSE(contains(estimated, "\u2020"));
}

TEST(RenderText, TheSampleEachServiceWasJudgedOn) {
  const std::string text = render_text(revision2_report(), TextStyle{});
  EXPECT_TRUE(contains(section(text, "api"),
                       "\n  Judged on 24.2 h simulated after a 1 h burn-in (whole days); 4,361,234 "
                       "arrivals against 4,356,000\n  expected (0.12% more); holding the 6 bursts "
                       "the spec declares.\n"))
      << text;
  EXPECT_TRUE(contains(section(text, "transcode"),
                       "\n  Judged on 6 h simulated in 3 strata standing for 168 h: night 2 h "
                       "(weight 49.5), day 2 h (weight\n  33), burst episodes 2 h (weight 1.5), "
                       "each after a 1 h burn-in; 119,870 arrivals against 120,960\n"
                       "  expected (0.90% fewer).\n"))
      << text;
  // No sample, no line.
  EXPECT_FALSE(contains(section(text, "reconcile"), "Judged on"));
}

TEST(RenderText, IntervalsLeftOutSayWhyAndFailedRequestsCount) {
  const std::string api = section(render_text(revision2_report(), TextStyle{}), "api");
  EXPECT_TRUE(contains(api,
                       "\n      intervals: p99 262.1-278.4 ms, $42.10-$46.38/month (95%, batch "
                       "means)\n"))
      << api;
  EXPECT_TRUE(contains(api,
                       "\n      intervals: left out, batches too correlated to support one (lag-1 "
                       "autocorrelation 0.71)\n"))
      << api;
  EXPECT_TRUE(contains(api,
                       "\n      \u2717 1.25% of requests failed (throttled, timed out or "
                       "dropped): each counts as an SLO miss\n"))
      << api;
}

// A negative bound (the "-3,117-8,272 ms" of a bug) or a non-finite figure is never printed.
TEST(RenderText, NoNegativeOrNonFiniteFigure) {
  Report report = revision2_report();
  Option& fargate = report.services[0].options[0];
  fargate.p99_low_ms = -3117;
  fargate.p99_high_ms = 8272;
  fargate.latency_ms->p95 = std::numeric_limits<double>::quiet_NaN();
  fargate.cold_start_fraction = -0.01;
  const std::string text = render_text(report, TextStyle{});
  EXPECT_TRUE(contains(text, "intervals: p99 n/a, $42.10-$46.38/month")) << text;
  EXPECT_FALSE(contains(text, "-3,117"));
  EXPECT_FALSE(contains(text, "nan"));
  EXPECT_FALSE(contains(text, "-1.00%"));
  EXPECT_TRUE(contains(squeeze(text), " 46.0 n/a 270.3 \u2713 n/a 0% 6 ")) << text;
}

// Where a line breaks never depends on the folder the spec sits in: a report made from a deeper
// checkout differs only in the path itself.
TEST(RenderText, LayoutDoesNotDependOnTheSpecsFolder) {
  auto made_in = [](const std::string& folder) {
    Report report = revision2_report();
    report.spec_file = folder + "/examples/shop.yaml";
    report.price_catalog = folder + "/data/prices/aws/us-east-1.yaml";
    for (ServiceReport& service : report.services) {
      for (Finding& finding : service.findings) {
        finding.location = folder + "/" + finding.location;
      }
    }
    std::string text = render_text(report, TextStyle{});
    for (std::size_t at = text.find(folder); at != std::string::npos; at = text.find(folder)) {
      text.replace(at, folder.size(), "<root>");
    }
    return text;
  };
  const std::string shallow = made_in("/w");
  EXPECT_EQ(shallow, made_in("/tmp/a/b/c/d/e/f/g/h/computefit-checkout-with-a-long-name"));
  EXPECT_TRUE(contains(shallow, "\n             at <root>/examples/shop.yaml:34:9\n")) << shallow;
  EXPECT_TRUE(contains(shallow, "\nprices: <root>/data/prices/aws/us-east-1.yaml\n")) << shallow;
}

// From templates: what the files leave unknown and the resources they skip, near the top (before
// the first service), each line as the files locate it and never wrapped (it holds a path).
TEST(RenderText, UnknownsAndSkippedFromTheFilesBeforeTheServices) {
  const Report report = templates_report();
  const std::string text = render_text(report, TextStyle{});
  const std::size_t unknowns = text.find(
      "\n\nUnknown within the files (a rule that needs one stays quiet until an overlay gives "
      "it):\n");
  ASSERT_NE(unknowns, std::string::npos) << text;
  for (const std::string& line : report.unknowns) {
    EXPECT_TRUE(contains(text, "\n  " + line + "\n")) << line;
  }
  const std::size_t skipped =
      text.find("\n\nSkipped (not modelled):\n  " + report.skipped[0] + "\n");
  EXPECT_NE(skipped, std::string::npos) << text;
  EXPECT_LT(text.find("\nprices: "), unknowns);
  EXPECT_LT(unknowns, skipped);
  EXPECT_LT(skipped, text.find("== api (http) ="));
  // Only the lines the files give exceed the width; the rest of the report still fits.
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  infra/template.yaml:", 0) == 0) continue;
    EXPECT_LE(display_width(line), 100U) << line;
  }
}

TEST(RenderText, EachListOnlyWhenItHoldsALine) {
  Report report = templates_report();
  report.skipped.clear();
  std::string text = render_text(report, TextStyle{});
  EXPECT_TRUE(contains(text, "\nUnknown within the files ("));
  EXPECT_FALSE(contains(text, "Skipped"));
  report = templates_report();
  report.unknowns.clear();
  text = render_text(report, TextStyle{});
  EXPECT_FALSE(contains(text, "Unknown within the files"));
  EXPECT_TRUE(contains(text, "\nSkipped (not modelled):\n"));
}

// A workload spec leaves nothing unknown: no such section, not even an empty line for it.
TEST(RenderText, NothingFromTheFilesForASpec) {
  const std::string text = render_text(sample_report(), TextStyle{});
  EXPECT_FALSE(contains(text, "Unknown within the files"));
  EXPECT_FALSE(contains(text, "Skipped"));
  EXPECT_TRUE(contains(text, "\nprices: built-in us-east-1 catalog\n\n== api (http) ="));
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
