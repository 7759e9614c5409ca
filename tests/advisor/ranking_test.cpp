#include "advisor/ranking.hpp"

#include <gtest/gtest.h>

namespace computefit {
namespace {

Option feasible(RuntimeId runtime, double cost, double p99, double operability) {
  Option o;
  o.runtime = runtime;
  o.monthly_cost_usd = cost;
  o.latency_ms = LatencyMs{p99 / 3, p99 / 2, p99};
  o.operability = operability;
  return o;
}

Option infeasible(RuntimeId runtime, std::string reason) {
  Option o;
  o.runtime = runtime;
  o.feasible = false;
  o.infeasible_reasons = {std::move(reason)};
  return o;
}

TEST(Ranking, InfeasibleLastAndExplained) {
  Service service;
  service.name = "nightly";
  ServiceReport report;
  report.options = {infeasible(RuntimeId::lambda, "A run takes 2,400 s; Lambda stops at 900 s."),
                    feasible(RuntimeId::ecs_fargate, 2.0, 2400000, 0.9)};
  rank_options(service, Priorities{}, report);
  ASSERT_TRUE(report.recommendation);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_FALSE(report.options.back().feasible);
  EXPECT_FALSE(report.options.back().score);
  EXPECT_NE(report.why.find("only runtime"), std::string::npos) << report.why;
  EXPECT_NE(report.why.find("Lambda cannot run it (a run takes 2,400 s"), std::string::npos)
      << report.why;
}

TEST(Ranking, SloBeatsScore) {
  Service service;
  service.slo.p99_ms = 300;
  ServiceReport report;
  // Lambda is far cheaper but misses the SLO: the option that meets it ranks first.
  report.options = {feasible(RuntimeId::lambda, 5, 900, 0.97),
                    feasible(RuntimeId::ecs_fargate, 80, 250, 0.9)};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_TRUE(*report.options[0].slo_met);
  EXPECT_FALSE(*report.options[1].slo_met);
  EXPECT_EQ(report.options[1].slo_misses.front(), "p99 900 ms > 300 ms");
  EXPECT_NE(report.why.find("The SLO decides"), std::string::npos) << report.why;
}

// A throttled request never meets a latency target: with 2% throttled, a p99 target is missed
// even though the requests that ran were fast; 0.5% leaves a p99 target met.
TEST(Ranking, ThrottlingBeyondThePercentileMissesTheSlo) {
  Service service;
  service.slo.p99_ms = 300;
  ServiceReport report;
  Option throttled = feasible(RuntimeId::lambda, 5, 100, 0.97);
  throttled.throttled_fraction = 0.02;
  Option some = feasible(RuntimeId::ecs_fargate, 80, 250, 0.9);
  some.throttled_fraction = 0.005;
  report.options = {throttled, some};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_TRUE(*report.options[0].slo_met);
  ASSERT_FALSE(*report.options[1].slo_met);
  EXPECT_EQ(report.options[1].slo_misses.front(),
            "2% of requests throttled, more than the 1% p99 leaves out");
}

TEST(Ranking, WeightedScoreAndTies) {
  Service service;
  ServiceReport report;
  report.options = {feasible(RuntimeId::eks, 100, 100, 0.5),
                    feasible(RuntimeId::ecs_ec2, 100, 100, 0.5)};
  rank_options(service, Priorities{}, report);
  // Equal scores: contract order (ecs-ec2 before eks).
  EXPECT_EQ(report.options[0].runtime, RuntimeId::ecs_ec2);
  EXPECT_DOUBLE_EQ(*report.options[0].score, 0.4 + 0.3 + 0.3 * 0.5);
}

TEST(Ranking, CostDecidesAndNamesTheRunnerUp) {
  Service service;
  ServiceReport report;
  report.options = {feasible(RuntimeId::lambda, 300, 200, 0.97),
                    feasible(RuntimeId::ecs_fargate, 60, 210, 0.9)};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_NE(report.why.find("Cost decides: the runner-up, Lambda, costs $300.00/month ($240.00 "
                            "more)"),
            std::string::npos)
      << report.why;
}

TEST(Ranking, NothingFeasible) {
  Service service;
  ServiceReport report;
  report.options = {infeasible(RuntimeId::lambda, "needs a GPU"),
                    infeasible(RuntimeId::ecs_fargate, "needs a GPU")};
  rank_options(service, Priorities{}, report);
  EXPECT_FALSE(report.recommendation);
  EXPECT_NE(report.why.find("No runtime"), std::string::npos);
}

}  // namespace
}  // namespace computefit
