// What would meet the SLO when nothing does: a setting found by re-simulation, which the test then
// checks by running recommend() on the spec with that setting written in.

#include "advisor/slo_remedy.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "advisor/advisor_fixture.hpp"

namespace computefit {
namespace {

using testing::recommend_yaml;

// Bursts of 400 requests/s for a minute, twice an hour, over a mean of 20/s; one task serves about
// 100/s (10 concurrent requests of 100 ms) and scaling out takes minutes, so a fleet that starts
// at one task queues every burst: p99 far past 500 ms. A fleet already at the bursts' size does
// not queue.
constexpr const char* kBursty = R"(version: 1
services:
  - name: bursty
    kind: http
    memory_mb: 1024
    vcpu: 0.5
    duration_ms: 100
    concurrency_per_instance: 10
    traffic: { rps: 20, peak_rps: 400, shape: bursty, burst_seconds: 60, bursts_per_hour: 2 }
    slo: { p99_ms: 500 }
    runtimes:
      consider: [ecs-fargate]
      ecs-fargate: { min_tasks: 1, max_tasks: 40 }
)";

std::string with_min_tasks(int n) {
  std::string yaml = kBursty;
  yaml.replace(yaml.find("min_tasks: 1"), 12, "min_tasks: " + std::to_string(n));
  return yaml;
}

TEST(SloRemedy, NamesASettingThatTheSimulationConfirms) {
  const double days = 0.1;
  const Report report = recommend_yaml(kBursty, days);
  const ServiceReport& service = report.services.at(0);
  ASSERT_FALSE(service.options.front().slo_met.value_or(true)) << service.why;
  EXPECT_NE(service.why.find("and no feasible option meets it"), std::string::npos) << service.why;
  std::smatch found;
  ASSERT_TRUE(std::regex_search(
      service.why, found,
      std::regex(
          R"(Re-simulated on [^:]+: with min_tasks: ([0-9]+)( \(one less misses\))?, ECS on Fargate meets it)")))
      << service.why;
  const int n = std::stoi(found[1].str());
  EXPECT_GT(n, 1);
  // The run's day holds 173,000 requests, fewer than the what-if budget, so the re-simulation
  // and recommend() with the setting written in simulate the same requests.
  const Report fixed = recommend_yaml(with_min_tasks(n), days);
  EXPECT_TRUE(fixed.services.at(0).options.front().slo_met.value_or(false))
      << fixed.services.at(0).why;
  if (found[2].matched) {
    const Report one_less = recommend_yaml(with_min_tasks(n - 1), days);
    EXPECT_FALSE(one_less.services.at(0).options.front().slo_met.value_or(true))
        << one_less.services.at(0).why;
  }
}

TEST(SloRemedy, NothingToSayWhenAnOptionMeetsTheSlo) {
  // Near miss: the fleet already at the bursts' size meets the SLO, so why proposes nothing.
  const Report report = recommend_yaml(with_min_tasks(8), 0.1);
  const ServiceReport& service = report.services.at(0);
  ASSERT_TRUE(service.options.front().slo_met.value_or(false)) << service.why;
  EXPECT_EQ(service.why.find("simulated on"), std::string::npos) << service.why;
}

TEST(SloRemedy, NoSettingHelpsWhenTheWarmDurationAloneMisses) {
  // A p99 of 900 ms by itself against an 800 ms target: no runtime setting can meet it, and none is
  // simulated to find that out.
  std::string yaml = kBursty;
  yaml.replace(yaml.find("duration_ms: 100"), 16, "duration_ms: { p50: 120, p99: 900 }");
  yaml.replace(yaml.find("p99_ms: 500"), 11, "p99_ms: 800");
  const Report report = recommend_yaml(yaml, 0.05);
  const ServiceReport& service = report.services.at(0);
  EXPECT_NE(service.why.find("No runtime setting can meet it: the declared duration's p99 alone "
                             "(900 ms) exceeds the 800 ms target."),
            std::string::npos)
      << service.why;
}

TEST(SloRemedy, SentenceListsWhatMeetsCheapestFirstThenWhatDoesNot) {
  SloRemedy fargate;
  fargate.runtime = RuntimeId::ecs_fargate;
  fargate.setting = "min_tasks: 8";
  fargate.meets = true;
  fargate.least = true;
  fargate.judged = "p99 61.2 ms";
  fargate.monthly_cost_usd = 3700.08;
  fargate.simulated_seconds = 333;
  SloRemedy lambda;
  lambda.runtime = RuntimeId::lambda;
  lambda.setting = "provisioned_concurrency: 300";
  lambda.miss = "p99 2,000 ms, 20× the 100 ms target";
  lambda.simulated_seconds = 333;
  EXPECT_EQ(slo_remedy_sentence({fargate, lambda}),
            "Re-simulated on 6 minutes of traffic, the same seed: with min_tasks: 8 (one less "
            "misses), ECS on Fargate meets it (p99 61.2 ms; $3,700.08/month). Not enough: Lambda "
            "with provisioned_concurrency: 300 still misses (p99 2,000 ms, 20× the 100 ms "
            "target).");
  EXPECT_EQ(
      slo_remedy_sentence({lambda}),
      "Re-simulated on 6 minutes of traffic, the same seed, no setting tried meets it: Lambda "
      "with provisioned_concurrency: 300 still misses (p99 2,000 ms, 20× the 100 ms "
      "target).");
  EXPECT_EQ(slo_remedy_sentence({}), "");
}

}  // namespace
}  // namespace computefit
