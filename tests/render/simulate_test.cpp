// render_simulate_json and render_simulate_text against SPEC.md's `simulate` output.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "render/sample_report.hpp"
#include "render/simulate.hpp"

namespace computefit {
namespace {

using Json = nlohmann::ordered_json;

TEST(RenderSimulateJson, NamesInContractOrderThenExtensions) {
  const Json j = Json::parse(render_simulate_json(sample_simulation()));
  std::vector<std::string> names;
  for (const auto& [key, value] : j.items()) names.push_back(key);
  EXPECT_EQ(names, (std::vector<std::string>{"service",
                                             "runtime",
                                             "simulated_seconds",
                                             "seed",
                                             "requests",
                                             "completed",
                                             "throttled",
                                             "throttled_fraction",
                                             "timed_out",
                                             "cold_starts",
                                             "cold_start_fraction",
                                             "latency_ms",
                                             "instances",
                                             "db_connections",
                                             "usage",
                                             "wall_seconds",
                                             "busy_instances",
                                             "retries",
                                             "waited",
                                             "events",
                                             "per_wall_second",
                                             "intervals_95",
                                             "busiest_hour",
                                             "notes"}));
  std::vector<std::string> latency;
  for (const auto& [key, value] : j["latency_ms"].items()) latency.push_back(key);
  EXPECT_EQ(latency, (std::vector<std::string>{"mean", "p50", "p90", "p95", "p99", "p999", "max"}));
}

TEST(RenderSimulateJson, FiguresAsTheContractsExample) {
  const std::string text = render_simulate_json(sample_simulation());
  const Json j = Json::parse(text);
  EXPECT_EQ(j["runtime"], "lambda");
  EXPECT_NE(text.find("\"simulated_seconds\": 86400,"), std::string::npos);
  EXPECT_NE(text.find("\"lambda_requests\": 4320000,"), std::string::npos);
  EXPECT_EQ(j["usage"]["lambda_gb_seconds"], 225069.6);
  EXPECT_NE(text.find("\"host_hours\": 0.0"), std::string::npos);  // a quantity, not a count
  EXPECT_EQ(j["cold_start_fraction"], 0.000285648);                // 1,234 / 4,320,000 to 6 digits
  EXPECT_EQ(j["latency_ms"]["mean"], 52.1);
  EXPECT_EQ(j["latency_ms"]["p90"], 110.0);
  EXPECT_EQ(j["instances"]["mean"], 3.14159);
  EXPECT_EQ(j["instances"]["peak"], 41);
  EXPECT_EQ(j["wall_seconds"], 0.414);
  // 4,320,000 requests and 8,641,234 events in 0.4137 s.
  EXPECT_EQ(j["per_wall_second"]["requests"], 10442350);
  EXPECT_EQ(j["per_wall_second"]["events"], 20887682);
}

TEST(RenderSimulateJson, NoCompletedRequestMeansNullLatencies) {
  SimulateOutput empty = sample_simulation();
  empty.result.completed = 0;
  const Json j = Json::parse(render_simulate_json(empty));
  for (const auto& [key, value] : j["latency_ms"].items()) EXPECT_TRUE(value.is_null()) << key;
}

TEST(RenderSimulateText, ShowsTheFigures) {
  const std::string text = render_simulate_text(sample_simulation(), TextStyle{});
  EXPECT_EQ(text.substr(0, text.find('\n')), "api on lambda: simulated 24 h, seed 1");
  EXPECT_NE(text.find("4,320,000"), std::string::npos);
  EXPECT_NE(text.find("0.03%"), std::string::npos);
  EXPECT_NE(text.find("mean 3.1, peak 41"), std::string::npos);
  EXPECT_NE(text.find("2,100"), std::string::npos);
  EXPECT_NE(text.find("wall time 0.41 s: 10.4 million requests and 20.9 million events simulated "
                      "per second"),
            std::string::npos);
  EXPECT_EQ(text.find("\x1b["), std::string::npos);
}

// A window that misses a phase of the traffic says so, in both formats.
TEST(RenderSimulate, NotesWhatTheWindowMisses) {
  SimulateOutput run = sample_simulation();
  run.notes = {"the window holds 0 bursts where 0.06 are expected at 0.25 an hour"};
  const std::string text = render_simulate_text(run, TextStyle{});
  EXPECT_NE(text.find("  note: the window holds 0 bursts where 0.06 are expected"),
            std::string::npos)
      << text;
  const Json j = Json::parse(render_simulate_json(run));
  ASSERT_EQ(j["notes"].size(), 1U);
  EXPECT_EQ(j["notes"][0], run.notes[0]);
}

// Hour-long runs read in minutes and hours; a negative interval bound is never printed.
TEST(RenderSimulate, LongRunsAndNoNegativeFigure) {
  SimulateOutput run = sample_simulation();
  run.result.latency_ms = {1200000, 840958, 1100000, 1354760, 370440929, 371000000, 371900000};
  run.result.p99_ms_interval = sim::Interval{-3117, 8272};
  const std::string text = render_simulate_text(run, TextStyle{});
  EXPECT_NE(text.find("  latency    mean     p50       p90       p95    p99  p99.9    max\n"
                      "           20 min  14 min  18.3 min  22.6 min  103 h  103 h  103 h\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("p99 95% interval (batch means): n/a\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("-3,117"), std::string::npos);
  const Json j = Json::parse(render_simulate_json(run));
  EXPECT_TRUE(j["intervals_95"]["p99_ms"].is_null());
  EXPECT_EQ(j["latency_ms"]["p99"], 370440929.0);  // JSON stays in milliseconds
}

// Lambda's asynchronous events that waited for a free environment: a row in the text, an object
// in JSON; a run where nothing waited has no row.
TEST(RenderSimulate, WaitingEventsAreCountedAndTimed) {
  SimulateOutput run = sample_simulation();
  EXPECT_EQ(render_simulate_text(run, TextStyle{}).find("waited"), std::string::npos);
  run.result.waited = 1234;
  run.result.waited_fraction = 0.25;
  run.result.p99_wait_ms = 72000;
  run.result.max_wait_ms = 95000.04;
  const std::string text = render_simulate_text(run, TextStyle{});
  EXPECT_NE(text.find("waited"), std::string::npos) << text;
  EXPECT_NE(text.find("1,234  25.00%, p99 1.2 min, oldest 1.6 min"), std::string::npos) << text;
  const Json j = Json::parse(render_simulate_json(run));
  EXPECT_EQ(j["waited"]["count"], 1234);
  EXPECT_EQ(j["waited"]["fraction"], 0.25);
  EXPECT_EQ(j["waited"]["p99_ms"], 72000.0);
  EXPECT_EQ(j["waited"]["max_ms"], 95000.0);
}

}  // namespace
}  // namespace computefit
