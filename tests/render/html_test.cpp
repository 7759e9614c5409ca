// render_html: one self-contained page (no network references), every chart of every service
// present as inline SVG, all text escaped, the same bytes for the same report.

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <string>

#include "render/html.hpp"
#include "render/sample_report.hpp"

namespace computefit {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

// The sample report without sweeps, boundaries, busiest hours, targets, checklists, probes or
// suppressions: what the charts draw when the advisor gives them nothing.
Report bare_report() {
  Report r = sample_report();
  for (ServiceReport& s : r.services) {
    s.slo_p95_ms.reset();
    s.slo_p99_ms.reset();
    s.sweep.clear();
    s.boundaries.clear();
    s.boundary_summary.clear();
    s.checklist.clear();
    for (Option& o : s.options) o.busiest_hour.reset();
    for (Finding& f : s.findings) f.suppressed_reason.reset();
  }
  r.probes.clear();
  return r;
}

// What the advisor adds for charts: a sweep over 0.01x-100x of 20 rps with a boundary, latency
// targets, the recommended option's busiest hour, a checklist and a probe.
Report charted_report() {
  Report r = bare_report();
  r.simulated_days = 0.25;
  ServiceReport& api = r.services[0];
  api.slo_p95_ms = 500;
  api.slo_p99_ms = 300;
  for (int i = 0; i <= 8; ++i) {
    SweepPoint p;
    p.factor = std::pow(10.0, -2 + 0.5 * i);
    p.rps = 20 * p.factor;
    // Figures of no particular runtime: one cost grows with traffic, one is nearly flat, so the
    // lines cross (a break-even) and span more than two decades.
    p.monthly_cost_usd[RuntimeId::lambda] = 2.1 * p.rps;
    p.monthly_cost_usd[RuntimeId::ecs_fargate] = 44.25 + 0.2 * p.rps;
    if (i >= 2) p.monthly_cost_usd[RuntimeId::ecs_ec2] = 123.94 + 0.15 * p.rps;
    p.recommendation = p.rps < 22.7 ? RuntimeId::lambda : RuntimeId::ecs_fargate;
    api.sweep.push_back(p);
  }
  DecisionBoundary b;
  b.factor = 1.135;
  b.rps = 22.7;
  b.below = RuntimeId::lambda;
  b.above = RuntimeId::ecs_fargate;
  b.sentence = "Lambda becomes the better choice below 22.7 requests/s mean";
  api.boundaries = {b};
  api.boundary_summary = "The recommendation flips once between 0.01x and 100x of the traffic.";
  BusiestHour hour;
  hour.start_seconds = 86400 + 18 * 3600;
  for (int m = 0; m < 60; ++m) {
    MinuteProfile minute;
    minute.arrivals = 1200 + 40 * m;
    minute.peak_instances = 2 + m / 20;
    minute.peak_connections = 10 + m / 4;
    minute.peak_queued = m % 7;
    hour.minutes.push_back(minute);
  }
  api.options[0].busiest_hour = hour;
  api.checklist = {{"own IAM role", "missing", "api shares app-role with reconcile"},
                   {"secrets source", "ok", "Secrets Manager"}};
  r.probes = {{"lambda-cold-starts", "Lambda cold starts?", {"Not the recommendation here."}}};
  return r;
}

TEST(Html, OneHtml5Document) {
  const std::string html = render_html(bare_report());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_TRUE(contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  EXPECT_TRUE(contains(html, "<h1>shop</h1>"));
  EXPECT_TRUE(contains(html, "region us-east-1"));
  EXPECT_TRUE(contains(html, "steady-state estimate"));
  EXPECT_TRUE(contains(html, "built-in us-east-1 catalog"));
  EXPECT_TRUE(contains(html, "computefit 0.1.0"));
  EXPECT_TRUE(contains(render_html(charted_report()), "simulated 0.25 days, seed 1"));
}

// Self-contained: nothing is fetched; the SVG namespace is a name, not a request.
TEST(Html, NoNetworkReferences) {
  for (const Report& report : {bare_report(), charted_report()}) {
    std::string html = render_html(report);
    const std::string ns = "xmlns=\"http://www.w3.org/2000/svg\"";
    for (std::size_t at = html.find(ns); at != std::string::npos; at = html.find(ns)) {
      html.erase(at, ns.size());
    }
    EXPECT_FALSE(contains(html, "http://"));
    EXPECT_FALSE(contains(html, "https://"));
    EXPECT_FALSE(contains(html, " src="));
    EXPECT_FALSE(contains(html, "url("));
    EXPECT_FALSE(contains(html, "@import"));
    EXPECT_FALSE(contains(html, "<script"));
  }
}

TEST(Html, EveryChartOfEveryService) {
  for (const Report& report : {bare_report(), charted_report()}) {
    const std::string html = render_html(report);
    const std::size_t services = report.services.size();
    EXPECT_EQ(count(html, "<svg class=\"chart chart-cost-vs-traffic\""), services);
    EXPECT_EQ(count(html, "<svg class=\"chart chart-latency\""), services);
    EXPECT_EQ(count(html, "<svg class=\"chart chart-busiest-hour\""), services);
    EXPECT_EQ(count(html, "<svg "), 3 * services);
    EXPECT_EQ(count(html, "</svg>"), 3 * services);
    EXPECT_TRUE(contains(html, "id=\"cost-vs-traffic-api\""));
    EXPECT_TRUE(contains(html, "id=\"busiest-hour-reconcile\""));
    EXPECT_EQ(count(html, "<title id="), 3 * services);
  }
}

TEST(Html, ChartsSayWhenTheyHaveNoData) {
  const std::string html = render_html(bare_report());
  EXPECT_EQ(count(html, "no sweep in this report"), 2u);
  EXPECT_TRUE(contains(html, "not simulated minute by minute"));
  EXPECT_TRUE(contains(html, "no recommended option"));
  EXPECT_TRUE(contains(html, "no feasible runtime with latency figures"));
  EXPECT_FALSE(contains(html, "<polyline"));
}

TEST(Html, CostAgainstTrafficWithBreakEvens) {
  const std::string html = render_html(charted_report());
  EXPECT_EQ(count(html, "no sweep in this report"), 1u);  // reconcile only
  EXPECT_TRUE(contains(html, "class=\"cost\" data-runtime=\"lambda\""));
  EXPECT_TRUE(contains(html, "class=\"cost\" data-runtime=\"ecs-fargate\""));
  EXPECT_TRUE(contains(html, "class=\"cost\" data-runtime=\"ecs-ec2\""));
  EXPECT_FALSE(contains(html, "data-runtime=\"eks\""));
  // Costs from $0.42 to $4,200: more than two decades, so the y axis is logarithmic.
  EXPECT_TRUE(contains(html, ">$/month (log scale)</text>"));
  EXPECT_TRUE(contains(html, "<line class=\"boundary\""));
  EXPECT_TRUE(contains(html, ">22.7 rps</text>"));
  EXPECT_TRUE(contains(html, "<title>Lambda becomes the better choice below 22.7 requests/s mean"));
  EXPECT_TRUE(contains(html, ">this spec: 20 rps</text>"));
  EXPECT_TRUE(contains(html, "The recommendation flips once"));
}

TEST(Html, LatencyAgainstTheSlo) {
  const std::string html = render_html(charted_report());
  EXPECT_TRUE(contains(html, "<line class=\"slo slo-p95\""));
  EXPECT_TRUE(contains(html, "<line class=\"slo slo-p99\""));
  EXPECT_TRUE(contains(html, "p99 SLO 300 ms"));
  // Two feasible options of api, three percentiles each; 46 to 1,235 ms is within two decades.
  EXPECT_TRUE(contains(html, "<title>ecs-ec2 p99 1,235 ms</title>"));
  EXPECT_FALSE(contains(html, "milliseconds (log scale)"));
  EXPECT_FALSE(contains(render_html(bare_report()), "class=\"slo"));
}

TEST(Html, BusiestHourOfTheRecommendedOption) {
  const std::string html = render_html(charted_report());
  EXPECT_TRUE(contains(html, "on ecs-fargate, from Tuesday 18:00 UTC (day 2)"));
  EXPECT_EQ(count(html, "<rect class=\"arrivals\""), 60u);
  EXPECT_EQ(count(html, "<polyline class=\"series\""), 3u);
  EXPECT_TRUE(contains(html, "<title>minute 59: 3,560 arrivals</title>"));
}

TEST(Html, TablesFindingsChecklistProbes) {
  Report report = charted_report();
  report.services[0].findings[1].suppressed_reason = "one role until the split in Q3";
  const std::string html = render_html(report);
  EXPECT_TRUE(contains(html, "<tr class=\"recommended\"><td class=\"num\">1</td><td>ecs-fargate"));
  EXPECT_TRUE(contains(html, "<td class=\"num\">$44.25</td>"));
  EXPECT_TRUE(contains(html, "16 MB payload exceeds Lambda"));
  EXPECT_TRUE(contains(html, "<details class=\"option\"><summary><strong>ecs-fargate</strong>"));
  EXPECT_TRUE(contains(html, "(shared by 2)"));
  EXPECT_TRUE(contains(html, "<span class=\"badge sev-high\">high</span>"));
  EXPECT_TRUE(contains(html, "<code>examples/shop.yaml:34:9</code>"));
  EXPECT_EQ(count(html, "<li class=\"finding suppressed\">"), 1u);
  EXPECT_TRUE(contains(html, "Suppressed: one role until the split in Q3"));
  EXPECT_TRUE(contains(html, "<span class=\"badge st-missing\">missing</span>"));
  EXPECT_TRUE(contains(html, "<section class=\"probe\" id=\"probe-lambda-cold-starts\">"));
  EXPECT_TRUE(contains(html, "<h3>Lambda cold starts?</h3>"));
  EXPECT_TRUE(contains(html, "<strong>$44.25</strong>"));
  EXPECT_TRUE(contains(html, "<li>duration_ms is independent of runtime and load</li>"));
}

TEST(Html, EscapesAllText) {
  Report report = charted_report();
  report.spec_name = "a<b>&\"c'";
  report.services[0].name = "<api>";
  report.services[0].why = "cheaper & faster <script>alert(1)</script>";
  report.services[0].findings[0].message = "x < y && \"quoted\" 'single'";
  report.probes[0].question = "ECS or <EKS>?";
  const std::string html = render_html(report);
  EXPECT_TRUE(contains(html, "<h1>a&lt;b&gt;&amp;&quot;c&#39;</h1>"));
  EXPECT_TRUE(contains(html, "cheaper &amp; faster &lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(contains(html, "x &lt; y &amp;&amp; &quot;quoted&quot; &#39;single&#39;"));
  EXPECT_TRUE(contains(html, "<h3>ECS or &lt;EKS&gt;?</h3>"));
  EXPECT_TRUE(contains(html, "&lt;api&gt;: monthly cost"));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "<api>"));
  EXPECT_TRUE(contains(html, "id=\"service--api-\""));
}

// A cost or a time that is not a number, or a negative hour start, draws nothing odd.
TEST(Html, OddFiguresStayOffTheChart) {
  Report report = charted_report();
  report.services[0].sweep[3].monthly_cost_usd[RuntimeId::lambda] = std::nan("");
  report.services[0].sweep[4].monthly_cost_usd[RuntimeId::lambda] = 0;
  report.services[0].options[0].busiest_hour->start_seconds = -5;
  const std::string html = render_html(report);
  EXPECT_FALSE(std::regex_search(html, std::regex("(^|[^a-z])-?(nan|inf)([^a-z]|$)")));
  EXPECT_EQ(count(html, "data-runtime=\"lambda\""), 2u);  // the line breaks at the gap
  EXPECT_TRUE(contains(html, "from Monday 00:00 UTC (day 1)"));
}

TEST(Html, RevisionTwoNoSloMarkSampleAndIntervals) {
  const std::string html = render_html(revision2_report());
  // No SLO: a dash, never a check mark.
  const std::string transcode = html.substr(html.find("id=\"service-transcode\""));
  EXPECT_TRUE(contains(transcode, "<td><span title=\"no SLO declared\">\u2013</span></td>"));
  EXPECT_FALSE(contains(transcode.substr(0, transcode.find("</table>")), "\u2713"));
  // Long runs in minutes and hours; the header keeps "ms" only where every figure is in ms.
  EXPECT_TRUE(contains(transcode, "<th>p50</th><th>p95</th><th>p99</th>"));
  EXPECT_TRUE(contains(transcode, "<td class=\"num\">103 h</td>"));
  EXPECT_TRUE(contains(html, "<th>p50 ms</th>"));
  EXPECT_FALSE(contains(html, "370,440,929"));
  // The steady-state mark, with what it means.
  EXPECT_TRUE(contains(transcode,
                       "<td>eks<span class=\"mark\" title=\"steady-state estimate, not "
                       "simulated\">\u2020</span></td>"));
  EXPECT_TRUE(contains(transcode, "; \u2020 steady-state estimate, not simulated.</p>"));
  // The sample, with its strata.
  EXPECT_TRUE(contains(html, "<p class=\"sample\">Judged on 24.2 h simulated after a 1 h burn-in"));
  EXPECT_TRUE(contains(transcode,
                       "<tr><td>burst episodes</td><td class=\"num\">day 4 09:01:30 UTC</td>"
                       "<td class=\"num\">1 h</td><td class=\"num\">2 h</td>"
                       "<td class=\"num\">1.5</td></tr>"));
  // Intervals, or why they are left out.
  EXPECT_TRUE(contains(html, "<p class=\"intervals\">Intervals: p99 262.1-278.4 ms"));
  EXPECT_TRUE(contains(html, "<p class=\"intervals\">Intervals: left out, batches too correlated"));
  EXPECT_TRUE(contains(html, "\u2717 1.25% of requests failed"));
  // The latency chart of hour-long runs reads in hours.
  EXPECT_TRUE(contains(transcode, ">hours (log scale)</text>"));
  EXPECT_TRUE(contains(transcode, "<title>ecs-fargate p95 103 h</title>"));
}

// Same report, same bytes; every coordinate to 0.1.
// From templates: what they leave unknown and what was skipped, first in the main part, escaped;
// nothing of it for a workload spec.
TEST(Html, UnknownsAndSkippedFromTheFilesFirst) {
  const std::string html = render_html(templates_report());
  const std::size_t unknowns = html.find(
      "<main>\n<section id=\"unknowns\">\n<h2>Unknown within the files</h2>\n<p "
      "class=\"muted\">A rule that needs one stays quiet until an overlay gives it.</p>\n<ul>\n"
      "<li>api: Role: parameter &#39;ApiRoleArn&#39; has no default</li>\n");
  ASSERT_NE(unknowns, std::string::npos) << html.substr(0, 4000);
  const std::size_t skipped = html.find(
      "<section id=\"skipped\">\n<h2>Skipped</h2>\n<p class=\"muted\">Not modelled.</p>\n<ul>\n"
      "<li>infra/template.yaml:15:3: Workflow (AWS::StepFunctions::StateMachine): ");
  EXPECT_NE(skipped, std::string::npos);
  EXPECT_LT(unknowns, skipped);
  EXPECT_LT(skipped, html.find("id=\"service-api\""));
  const std::string spec = render_html(sample_report());
  EXPECT_FALSE(contains(spec, "id=\"unknowns\""));
  EXPECT_FALSE(contains(spec, "id=\"skipped\""));
}

TEST(Html, DeterministicCoordinatesToOneDecimal) {
  const Report report = charted_report();
  const std::string html = render_html(report);
  EXPECT_EQ(html, render_html(report));
  const std::regex attribute(R"re(\s(x|y|x1|y1|x2|y2|cx|cy|width|height)="([^"]*)")re");
  const std::regex one_decimal(R"(-?\d+(\.\d)?)");
  std::size_t checked = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), attribute);
       it != std::sregex_iterator(); ++it, ++checked) {
    EXPECT_TRUE(std::regex_match((*it)[2].str(), one_decimal)) << (*it)[0];
  }
  EXPECT_GT(checked, 500u);
  const std::regex points(R"re(points="([^"]*)")re");
  const std::regex pair(R"(-?\d+\.\d,-?\d+\.\d)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), points);
       it != std::sregex_iterator(); ++it) {
    const std::string list = (*it)[1].str();
    std::size_t start = 0;
    while (start < list.size()) {
      std::size_t end = list.find(' ', start);
      if (end == std::string::npos) end = list.size();
      EXPECT_TRUE(std::regex_match(list.substr(start, end - start), pair)) << list;
      start = end + 1;
    }
  }
}

}  // namespace
}  // namespace computefit
