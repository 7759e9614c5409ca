// render_json against SPEC.md's `recommend --format json` contract: names and their order, nulls
// for infeasible options, rounding, and byte-for-byte determinism.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "render/json.hpp"
#include "render/sample_report.hpp"

namespace computefit {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> names;
  for (const auto& [key, value] : object.items()) names.push_back(key);
  return names;
}

Json parsed(const Report& report) {
  return Json::parse(render_json(report));
}

TEST(RenderJson, TopLevelNamesInContractOrderThenExtensions) {
  const Json j = parsed(sample_report());
  // SPEC.md's order; simulated_days is absent for a steady-state estimate (see next test).
  EXPECT_EQ(keys(j),
            (std::vector<std::string>{"computefit_version", "contract_version", "region", "seed",
                                      "services", "totals", "assumptions", "estimate", "spec",
                                      "price_catalog", "probes", "findings"}));
  EXPECT_EQ(j["contract_version"], 1);
  EXPECT_EQ(j["estimate"], "steady-state");
  EXPECT_EQ(j["spec"]["file"], "examples/shop.yaml");
}

// From templates: what they leave unknown and what was skipped, as lint lists them, after the
// other extensions; both together when either holds a line, neither for a workload spec.
TEST(RenderJson, UnknownsAndSkippedFromTheFilesLast) {
  const Report report = templates_report();
  const Json j = parsed(report);
  const std::vector<std::string> names = keys(j);
  ASSERT_GE(names.size(), 2U);
  EXPECT_EQ(names[names.size() - 2], "unknowns");
  EXPECT_EQ(names.back(), "skipped");
  EXPECT_EQ(j["unknowns"].get<std::vector<std::string>>(), report.unknowns);
  EXPECT_EQ(j["skipped"].get<std::vector<std::string>>(), report.skipped);
  Report only_unknowns = report;
  only_unknowns.skipped.clear();
  const Json u = parsed(only_unknowns);
  EXPECT_EQ(u["unknowns"].size(), report.unknowns.size());
  ASSERT_TRUE(u.contains("skipped"));
  EXPECT_TRUE(u["skipped"].empty());
  const Json spec = parsed(sample_report());
  EXPECT_FALSE(spec.contains("unknowns"));
  EXPECT_FALSE(spec.contains("skipped"));
}

TEST(RenderJson, SimulatedDaysOnlyForASimulation) {
  Report report = sample_report();
  report.simulated_days = 2.5;
  report.seed = 7;
  const Json j = parsed(report);
  EXPECT_EQ(keys(j)[3], "simulated_days");
  EXPECT_EQ(j["simulated_days"], 2.5);
  EXPECT_EQ(j["seed"], 7);
  EXPECT_EQ(j["estimate"], "simulation");
}

TEST(RenderJson, ServiceOptionCostItemAndFindingNamesInContractOrder) {
  const Json j = parsed(sample_report());
  const Json& service = j["services"][0];
  EXPECT_EQ(keys(service),
            (std::vector<std::string>{"name", "recommendation", "why", "options", "findings",
                                      "kind", "sample", "decision_boundaries", "checklist"}));
  EXPECT_EQ(keys(service["options"][0]), (std::vector<std::string>{"runtime",
                                                                   "feasible",
                                                                   "infeasible_reasons",
                                                                   "monthly_cost_usd",
                                                                   "cost_items",
                                                                   "latency_ms",
                                                                   "slo_met",
                                                                   "cold_start_fraction",
                                                                   "throttled_fraction",
                                                                   "peak_instances",
                                                                   "peak_hosts",
                                                                   "peak_db_connections",
                                                                   "score",
                                                                   "estimate",
                                                                   "sizing",
                                                                   "mean_instances",
                                                                   "operability",
                                                                   "slo_misses",
                                                                   "busiest_hour",
                                                                   "p99_ms_interval_95",
                                                                   "monthly_cost_usd_interval_95",
                                                                   "interval_note",
                                                                   "failed_fraction"}));
  EXPECT_FALSE(service["options"][1].contains("busiest_hour"));  // not simulated
  EXPECT_EQ(keys(service["options"][0]["cost_items"][0]),
            (std::vector<std::string>{"kind", "item", "quantity", "unit", "unit_price_usd",
                                      "monthly_usd", "source", "as_of"}));
  EXPECT_EQ(keys(service["options"][0]["latency_ms"]),
            (std::vector<std::string>{"p50", "p95", "p99"}));
  EXPECT_EQ(keys(service["findings"][0]),
            (std::vector<std::string>{"id", "severity", "runtime", "message", "location"}));
}

TEST(RenderJson, SuppressedReasonOnlyWhenSet) {
  const Json findings = parsed(sample_report())["services"][0]["findings"];
  EXPECT_FALSE(findings[0].contains("suppressed_reason"));
  EXPECT_EQ(keys(findings[1]), (std::vector<std::string>{"id", "severity", "runtime", "message",
                                                         "location", "suppressed_reason"}));
  EXPECT_EQ(findings[1]["suppressed_reason"], "one deploy pipeline | reviewed in *ADR-7* <2026>");
}

TEST(RenderJson, DecisionBoundariesWithTheSweep) {
  const Json j = parsed(sample_report());
  const Json& boundaries = j["services"][0]["decision_boundaries"];
  EXPECT_EQ(keys(boundaries), (std::vector<std::string>{"summary", "boundaries", "sweep"}));
  EXPECT_EQ(boundaries["summary"],
            "The recommendation holds from 38 to 2,075 requests/s mean (0.76x-41.5x).");
  ASSERT_EQ(boundaries["boundaries"].size(), 2u);
  EXPECT_EQ(boundaries["boundaries"][0],
            Json::parse(R"({"factor": 0.76, "rps": 38, "below": "lambda", "above": "ecs-fargate",
              "sentence": "Lambda becomes the better choice below 38 requests/s mean"})"));
  ASSERT_EQ(boundaries["sweep"].size(), 3u);
  EXPECT_EQ(boundaries["sweep"][0],
            Json::parse(R"({"factor": 0.01, "rps": 0.5, "recommendation": "lambda",
              "monthly_cost_usd": {"lambda": 3.2, "ecs-fargate": 44.25}})"));
  EXPECT_EQ(keys(boundaries["sweep"][2]["monthly_cost_usd"]),
            (std::vector<std::string>{"ecs-fargate", "ecs-ec2"}));  // the runtimes' order
  // A service without a sweep still has the object and its arrays.
  const Json& none = j["services"][1]["decision_boundaries"];
  EXPECT_EQ(none["summary"], "");
  EXPECT_TRUE(none["boundaries"].is_array() && none["boundaries"].empty());
  EXPECT_TRUE(none["sweep"].is_array() && none["sweep"].empty());
}

TEST(RenderJson, ChecklistProbesAndBusiestHour) {
  const Json j = parsed(sample_report());
  const Json& checklist = j["services"][0]["checklist"];
  ASSERT_EQ(checklist.size(), 3u);
  EXPECT_EQ(keys(checklist[0]), (std::vector<std::string>{"control", "status", "detail"}));
  EXPECT_EQ(checklist[1], Json::parse(R"({"control": "secrets source", "status": "ok",
                                          "detail": "Secrets Manager"})"));
  EXPECT_TRUE(j["services"][1]["checklist"].is_array() && j["services"][1]["checklist"].empty());
  ASSERT_EQ(j["probes"].size(), 2u);
  EXPECT_EQ(keys(j["probes"][0]), (std::vector<std::string>{"id", "question", "answers"}));
  EXPECT_EQ(j["probes"][0]["id"], "lambda-cold-starts");
  EXPECT_EQ(j["probes"][0]["answers"].size(), 2u);
  EXPECT_TRUE(parsed(Report{})["probes"].is_array());
  const Json& hour = j["services"][0]["options"][0]["busiest_hour"];
  EXPECT_EQ(hour["start_seconds"], 50400);
  ASSERT_EQ(hour["minutes"].size(), 3u);
  EXPECT_EQ(hour["minutes"][1], Json::parse(R"({"arrivals": 24000, "peak_instances": 5,
                                                "peak_connections": 25, "peak_queued": 37.5})"));
  EXPECT_TRUE(hour["minutes"][1]["arrivals"].is_number_integer());
}

TEST(RenderJson, SharedByOnlyWhenSet) {
  const Json items = parsed(sample_report())["services"][0]["options"][0]["cost_items"];
  EXPECT_FALSE(items[0].contains("shared_by"));
  EXPECT_EQ(items[2]["shared_by"], 2);
  EXPECT_EQ(items[2]["shared_id"], "alb@ecs-fargate");
  EXPECT_EQ(items[2]["shared_total_usd"], 16.43);
}

TEST(RenderJson, SpellsRuntimesSeveritiesAndNullRuntime) {
  const Json service = parsed(sample_report())["services"][0];
  EXPECT_EQ(service["recommendation"], "ecs-fargate");
  EXPECT_EQ(service["options"][1]["runtime"], "ecs-ec2");
  EXPECT_EQ(service["findings"][0]["severity"], "high");
  EXPECT_EQ(service["findings"][0]["runtime"], "lambda");
  EXPECT_TRUE(service["findings"][1]["runtime"].is_null());
  EXPECT_EQ(service["findings"][1]["location"], "examples/shop.yaml:40:15");
}

TEST(RenderJson, NoFeasibleOptionMeansNullRecommendation) {
  const Json service = parsed(sample_report())["services"][1];
  EXPECT_TRUE(service["recommendation"].is_null());
  EXPECT_EQ(service["options"][0]["infeasible_reasons"].size(), 2u);
}

TEST(RenderJson, InfeasibleOptionHasNullMetricsWhateverTheReportHolds) {
  const Json option = parsed(sample_report())["services"][0]["options"][2];
  EXPECT_EQ(option["feasible"], false);
  for (const char* name :
       {"monthly_cost_usd", "latency_ms", "slo_met", "cold_start_fraction", "throttled_fraction",
        "peak_instances", "peak_hosts", "peak_db_connections", "score", "mean_instances"}) {
    EXPECT_TRUE(option[name].is_null()) << name;
  }
  EXPECT_EQ(option["infeasible_reasons"].size(), 1u);
}

TEST(RenderJson, MoneyToTheCentAndTotalIsTheSumOfPrintedItems) {
  const Json option = parsed(sample_report())["services"][0]["options"][0];
  EXPECT_EQ(option["cost_items"][0]["monthly_usd"], 29.55);
  EXPECT_EQ(option["cost_items"][1]["monthly_usd"], 6.49);
  EXPECT_EQ(option["cost_items"][2]["monthly_usd"], 8.21);  // 8.2125 rounds down in binary
  // 29.55 + 6.49 + 8.21, not round(44.2526) = 44.25: the contract says the total is the sum.
  EXPECT_EQ(option["monthly_cost_usd"], 44.25);
  EXPECT_EQ(parsed(sample_report())["totals"]["monthly_cost_usd"], 44.25);
}

TEST(RenderJson, FractionsLatenciesAndCounts) {
  const std::string text = render_json(sample_report());
  const Json option = Json::parse(text)["services"][0]["options"][0];
  EXPECT_EQ(option["latency_ms"]["p50"], 46.0);
  EXPECT_EQ(option["latency_ms"]["p99"], 270.3);
  EXPECT_EQ(option["score"], 0.823457);
  EXPECT_EQ(option["mean_instances"], 3.14159);
  // Integral counts are integers; latencies stay numbers with a decimal point.
  EXPECT_TRUE(option["peak_instances"].is_number_integer());
  EXPECT_TRUE(option["peak_db_connections"].is_number_integer());
  EXPECT_NE(text.find("\"peak_instances\": 6,"), std::string::npos);
  EXPECT_NE(text.find("\"p50\": 46.0,"), std::string::npos);
  EXPECT_NE(text.find("\"quantity\": 730.0,"), std::string::npos);
  EXPECT_NE(text.find("\"unit_price_usd\": 0.04048,"), std::string::npos);
}

TEST(RenderJson, NeverPrintsNanOrInfinity) {
  Report report = sample_report();
  Option& option = report.services[0].options[0];
  option.cold_start_fraction = std::numeric_limits<double>::quiet_NaN();
  option.throttled_fraction = std::numeric_limits<double>::infinity();
  option.latency_ms->p99 = std::numeric_limits<double>::infinity();
  option.cost_items[0].quantity = std::numeric_limits<double>::quiet_NaN();
  report.totals_monthly_cost_usd = std::numeric_limits<double>::quiet_NaN();
  const std::string text = render_json(report);
  for (const char* bad : {": nan", ": -nan", ": inf", ": -inf", "NaN", "Infinity"}) {
    EXPECT_EQ(text.find(bad), std::string::npos) << bad;
  }
  const Json j = Json::parse(text);
  EXPECT_TRUE(j["services"][0]["options"][0]["cold_start_fraction"].is_null());
  EXPECT_TRUE(j["services"][0]["options"][0]["throttled_fraction"].is_null());
  EXPECT_TRUE(j["services"][0]["options"][0]["latency_ms"]["p99"].is_null());
  EXPECT_TRUE(j["totals"]["monthly_cost_usd"].is_null());
}

// Revision 2: slo_met null without an SLO, never true.
TEST(RenderJson, SloMetIsNullWithoutAnSlo) {
  const Json transcode = parsed(revision2_report())["services"][2];
  for (const Json& option : transcode["options"]) {
    EXPECT_TRUE(option["slo_met"].is_null()) << option["runtime"];
  }
  EXPECT_EQ(parsed(revision2_report())["services"][0]["options"][0]["slo_met"], true);
}

TEST(RenderJson, EveryOptionSaysWhereItsFiguresComeFrom) {
  const Json j = parsed(revision2_report());
  EXPECT_EQ(j["services"][0]["options"][0]["estimate"], "simulation");
  EXPECT_EQ(j["services"][2]["options"][1]["estimate"], "steady-state");
  for (const Json& service : j["services"]) {
    for (const Json& option : service["options"]) {
      EXPECT_TRUE(option["estimate"] == "simulation" || option["estimate"] == "steady-state");
    }
  }
}

TEST(RenderJson, IntervalsOrTheNoteThatLeavesThemOut) {
  const Json options = parsed(revision2_report())["services"][0]["options"];
  EXPECT_EQ(options[0]["p99_ms_interval_95"], Json::parse("[262.1, 278.4]"));
  EXPECT_EQ(options[0]["monthly_cost_usd_interval_95"], Json::parse("[42.1, 46.38]"));
  EXPECT_TRUE(options[0]["interval_note"].is_null());
  EXPECT_EQ(options[0]["failed_fraction"], 0.0);
  EXPECT_TRUE(options[1]["p99_ms_interval_95"].is_null());
  EXPECT_TRUE(options[1]["monthly_cost_usd_interval_95"].is_null());
  EXPECT_EQ(options[1]["interval_note"],
            "batches too correlated to support one (lag-1 autocorrelation 0.71)");
  EXPECT_EQ(options[1]["failed_fraction"], 0.0125);
  // An infeasible option has neither.
  EXPECT_TRUE(options[2]["p99_ms_interval_95"].is_null());
  EXPECT_TRUE(options[2]["interval_note"].is_null());
  EXPECT_TRUE(options[2]["failed_fraction"].is_null());
  // A note leaves out intervals the report still holds.
  Report report = revision2_report();
  report.services[0].options[0].interval_note = "too few requests per batch";
  const Json noted = parsed(report)["services"][0]["options"][0];
  EXPECT_TRUE(noted["p99_ms_interval_95"].is_null());
  EXPECT_TRUE(noted["monthly_cost_usd_interval_95"].is_null());
}

// A bound below zero (the "-3,117-8,272 ms" a bug once printed) is never written.
TEST(RenderJson, NoNegativeFigure) {
  Report report = revision2_report();
  Option& option = report.services[0].options[0];
  option.p99_low_ms = -3117;
  option.p99_high_ms = 8272;
  option.monthly_cost_low_usd = 50;  // above the high end: not an interval
  option.latency_ms->p50 = -1;
  option.peak_hosts = -2;
  const Json j = parsed(report)["services"][0]["options"][0];
  EXPECT_TRUE(j["p99_ms_interval_95"].is_null());
  EXPECT_TRUE(j["monthly_cost_usd_interval_95"].is_null());
  EXPECT_TRUE(j["latency_ms"]["p50"].is_null());
  EXPECT_TRUE(j["peak_hosts"].is_null());
}

TEST(RenderJson, TheSampleUnderTheService) {
  const Json j = parsed(revision2_report());
  EXPECT_EQ(j["services"][0]["sample"], Json::parse(R"({
    "measured_seconds": 87120.0, "represented_seconds": 87120.0,
    "windows": [{"label": "whole days", "traffic_start_seconds": 0.0, "burn_in_seconds": 3600.0,
                 "measured_seconds": 87120.0, "weight": 1.0}],
    "expected_arrivals": 4356000, "arrivals": 4361234,
    "notes": ["holding the 6 bursts the spec declares"]})"));
  const Json& strata = j["services"][2]["sample"];
  ASSERT_EQ(strata["windows"].size(), 3u);
  EXPECT_EQ(strata["windows"][1]["label"], "day");
  EXPECT_EQ(strata["windows"][1]["traffic_start_seconds"], 50400.0);
  EXPECT_EQ(strata["windows"][0]["weight"], 49.5);
  EXPECT_EQ(strata["represented_seconds"], 604800.0);
  EXPECT_EQ(strata["arrivals"], 119870.5);
  // No simulated option, no sample: null, the key still there.
  EXPECT_TRUE(j["services"][1].contains("sample"));
  EXPECT_TRUE(j["services"][1]["sample"].is_null());
}

TEST(RenderJson, SameReportSameBytes) {
  const std::string first = render_json(sample_report());
  EXPECT_EQ(first, render_json(sample_report()));
  EXPECT_EQ(first.rfind("{\n  \"computefit_version\": \"0.1.0\",\n  \"contract_version\": 1,\n", 0),
            0u);
  EXPECT_EQ(first.back(), '\n');
}

TEST(RenderJson, InvalidUtf8IsReplacedNotThrown) {
  Report report = sample_report();
  report.spec_name = "bad\xff";
  EXPECT_NO_THROW(Json::parse(render_json(report)));
}

TEST(RenderJson, AnEmptyReportIsStillADocument) {
  const Json j = parsed(Report{});
  EXPECT_TRUE(j["services"].is_array());
  EXPECT_EQ(j["totals"]["monthly_cost_usd"], 0.0);
}

}  // namespace
}  // namespace computefit
