// SPEC.md "Ranking (revision 2)", rule by rule, with scores computed by hand in the comments.

#include "advisor/ranking.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "rules/wording.hpp"

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

Service with_p99(double target_ms) {
  Service service;
  service.name = "api";
  service.slo.p99_ms = target_ms;
  return service;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(LatencyCredit, WithAnSloFullUpToHalfTheTargetThenLinearToOneHalf) {
  EXPECT_DOUBLE_EQ(latency_credit_with_slo(0.012), 1.0);  // 12 ms against 1,000 ms
  EXPECT_DOUBLE_EQ(latency_credit_with_slo(0.5), 1.0);
  EXPECT_DOUBLE_EQ(latency_credit_with_slo(0.75), 0.75);
  EXPECT_DOUBLE_EQ(latency_credit_with_slo(1.0), 0.5);
}

TEST(LatencyCredit, WithoutAnSloWithinTenPercentOrFiftyMsOfTheFastest) {
  // b = 100 ms: full credit up to 1.1 × 100 + 50 = 160 ms, then 160 / p.
  EXPECT_DOUBLE_EQ(latency_credit_without_slo(100, 100), 1.0);
  EXPECT_DOUBLE_EQ(latency_credit_without_slo(160, 100), 1.0);
  EXPECT_DOUBLE_EQ(latency_credit_without_slo(200, 100), 0.8);
  EXPECT_DOUBLE_EQ(latency_credit_without_slo(std::numeric_limits<double>::infinity(), 100), 0.0);
}

TEST(WorstRatio, TheWorstDeclaredPercentileWithFailuresAsInfinitelySlow) {
  Slo slo;
  slo.p95_ms = 100;
  slo.p99_ms = 400;
  // p95 80/100 = 0.8, p99 300/400 = 0.75: the p95 binds.
  EXPECT_DOUBLE_EQ(*worst_slo_ratio(slo, LatencyMs{20, 80, 300}, 0), 0.8);
  // 2% failed: more than the 1% a p99 leaves out, so the p99 lands on a failed request.
  EXPECT_TRUE(std::isinf(*worst_slo_ratio(slo, LatencyMs{20, 80, 300}, 0.02)));
  // Exactly 1% failed is what a p99 leaves out: judged on the served requests.
  EXPECT_DOUBLE_EQ(*worst_slo_ratio(slo, LatencyMs{20, 80, 300}, 0.01), 0.8);
  EXPECT_FALSE(worst_slo_ratio(Slo{}, LatencyMs{20, 80, 300}, 0));
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
  EXPECT_FALSE(report.options.front().slo_met);  // no SLO declared: null, not true
  // Alone: cost 1, latency 1, operability 0.9: 0.5 + 0.5 × (0.4 + 0.3 + 0.27) = 0.985.
  EXPECT_DOUBLE_EQ(*report.options.front().score, 0.985);
  EXPECT_TRUE(contains(report.why, "only runtime")) << report.why;
  EXPECT_TRUE(contains(report.why, "Lambda cannot run it (a run takes 2,400 s")) << report.why;
}

TEST(Ranking, OptionsThatMeetComeFirstWithScoresFromOneHalfUp) {
  const Service service = with_p99(300);
  ServiceReport report;
  // Lambda is far cheaper but misses the SLO: the option that meets it ranks first.
  report.options = {feasible(RuntimeId::lambda, 5, 900, 0.97),
                    feasible(RuntimeId::ecs_fargate, 80, 250, 0.9)};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_TRUE(*report.options[0].slo_met);
  EXPECT_FALSE(*report.options[1].slo_met);
  EXPECT_EQ(report.options[1].slo_misses.front(), "p99 900 ms > 300 ms");
  // Fargate: r = 250 / 300, latency credit 1 − (0.8333 − 0.5) = 0.6667; the cheapest of those that
  // meet, so cost credit 1: 0.5 + 0.5 × (0.4 + 0.3 × 0.6667 + 0.3 × 0.9) = 0.935.
  EXPECT_NEAR(*report.options[0].score, 0.935, 1e-6);
  // Lambda: 0.5 / (900 / 300) × (1 − 0) = 0.1667.
  EXPECT_NEAR(*report.options[1].score, 0.5 / 3, 1e-6);
  EXPECT_TRUE(contains(report.why,
                       "The SLO decides: the runner-up, Lambda, costs $5.00/month "
                       "($75.00 less) but misses it (p99 900 ms, 3.0× the 300 ms "
                       "target)"))
      << report.why;
}

TEST(Ranking, ThoseThatMissGoByHowFarTheyMissNotByCost) {
  const Service service = with_p99(100);
  ServiceReport report;
  Option failing = feasible(RuntimeId::ecs_ec2, 50, 90, 0.6);
  failing.failed_fraction = 0.02;  // its p99 lands on a failed request
  report.options = {feasible(RuntimeId::lambda, 10, 400, 0.97),       // r = 4
                    feasible(RuntimeId::ecs_fargate, 500, 150, 0.9),  // r = 1.5
                    failing};                                         // r = infinity
  rank_options(service, Priorities{}, report);
  ASSERT_EQ(report.options.size(), 3u);
  EXPECT_EQ(report.options[0].runtime, RuntimeId::ecs_fargate);
  EXPECT_EQ(report.options[1].runtime, RuntimeId::lambda);
  EXPECT_EQ(report.options[2].runtime, RuntimeId::ecs_ec2);
  EXPECT_NEAR(*report.options[0].score, 0.5 / 1.5, 1e-6);
  EXPECT_NEAR(*report.options[1].score, 0.5 / 4, 1e-6);
  EXPECT_EQ(*report.options[2].score, 0.0);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_TRUE(contains(report.why,
                       "ECS on Fargate at $500.00/month misses the SLO (p99 150 ms, "
                       "1.5× the 100 ms target), and no feasible option meets it."))
      << report.why;
  EXPECT_TRUE(contains(report.why,
                       "It misses by the least: the runner-up, Lambda, at $10.00/month "
                       "($490.00 less), misses by more (p99 400 ms, 4.0× the 100 ms "
                       "target)"))
      << report.why;
  EXPECT_EQ(report.options[2].slo_misses.front(),
            "2% of requests failed, more than the 1% a p99 leaves out");
}

TEST(Ranking, FailuresWithinWhatThePercentileLeavesOutAreJudgedOnTheServedRequests) {
  // Near miss of the test above: 0.9% failed is inside the 1% a p99 leaves out, so ECS on EC2 is
  // judged on its served p99: r = 120 / 100 = 1.2, the smallest miss, score
  // 0.5 / 1.2 × (1 − 0.009) = 0.412917.
  const Service service = with_p99(100);
  ServiceReport report;
  Option some = feasible(RuntimeId::ecs_ec2, 50, 120, 0.6);
  some.failed_fraction = 0.009;
  report.options = {feasible(RuntimeId::ecs_fargate, 500, 150, 0.9), some};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_ec2);
  EXPECT_NEAR(*report.options[0].score, 0.5 / 1.2 * 0.991, 1e-6);
}

TEST(Ranking, FailedShareFallsBackToThrottledAndPrintsAboveTheLimit) {
  const Service service = with_p99(300);
  ServiceReport report;
  Option throttled = feasible(RuntimeId::lambda, 5, 100, 0.97);
  throttled.throttled_fraction = 0.0104;  // no failed_fraction yet: the throttled share counts
  Option some = feasible(RuntimeId::ecs_fargate, 80, 250, 0.9);
  some.throttled_fraction = 0.005;
  report.options = {throttled, some};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_TRUE(*report.options[0].slo_met);
  ASSERT_FALSE(*report.options[1].slo_met);
  // 1.04% is printed with the decimals that show it above 1%.
  EXPECT_EQ(report.options[1].slo_misses.front(),
            "1.04% of requests failed, more than the 1% a p99 leaves out");
}

TEST(Ranking, AMissByAFractionOfAMillisecondIsPrintedAsOne) {
  EXPECT_EQ(slo_misses(with_p99(100).slo, LatencyMs{10, 50, 100.4}).front(),
            "p99 100.4 ms > 100 ms");
  EXPECT_TRUE(slo_misses(with_p99(100).slo, LatencyMs{10, 50, 100}).empty());
}

TEST(Ranking, LatencyWellInsideTheTargetEarnsNoPreference) {
  // 12 ms against 15 ms under a 1,000 ms SLO: both r <= 0.5, latency credit 1 each, so cost
  // decides. The materiality at the default priorities is 0.6 × $64 = $38.40. Fargate: cost
  // (900 + 38.4) / 1,000 = 0.9384, 0.5 + 0.5 × (0.37536 + 0.3 + 0.18) = 0.92768; EC2: cost 1,
  // 0.5 + 0.5 × (0.4 + 0.3 + 0.18) = 0.94.
  const Service service = with_p99(1000);
  ServiceReport report;
  report.options = {feasible(RuntimeId::ecs_fargate, 1000, 12, 0.6),
                    feasible(RuntimeId::ecs_ec2, 900, 15, 0.6)};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_ec2);
  EXPECT_NEAR(*report.options[0].score, 0.94, 1e-6);
  EXPECT_NEAR(*report.options[1].score, 0.92768, 1e-6);
  EXPECT_TRUE(contains(report.why,
                       "Cost decides: the runner-up, ECS on Fargate, costs "
                       "$1,000.00/month ($100.00 more) with p99 12.0 ms (-3.0 ms) and "
                       "scores 0.93 against 0.94."))
      << report.why;
  EXPECT_TRUE(contains(report.why,
                       "ECS on Fargate's lower p99 earns no more credit: both are "
                       "within half the 1,000 ms target."))
      << report.why;
}

TEST(Ranking, WithoutAnSloLatencyIsCreditedAgainstTheFastest) {
  // b = 100 ms. Lambda: credit 1; Fargate p99 300: (1.1 × 100 + 50) / 300 = 0.5333.
  // Lambda 0.5 + 0.5 × (0.4 + 0.3 + 0.3 × 0.9) = 0.985; Fargate 0.5 + 0.5 × (0.4 + 0.16 + 0.27)
  // = 0.915.
  Service service;
  ServiceReport report;
  report.options = {feasible(RuntimeId::ecs_fargate, 10, 300, 0.9),
                    feasible(RuntimeId::lambda, 10, 100, 0.9)};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::lambda);
  EXPECT_FALSE(report.options[0].slo_met);
  EXPECT_FALSE(report.options[1].slo_met);
  EXPECT_NEAR(*report.options[0].score, 0.985, 1e-6);
  EXPECT_NEAR(*report.options[1].score, 0.915, 1e-6);
  EXPECT_TRUE(contains(report.why, "Latency decides")) << report.why;
  EXPECT_TRUE(contains(report.why, "no SLO declared")) << report.why;
}

TEST(Ranking, WithoutAnSloAnOptionFailingMoreThanOnePercentRanksAfterThoseThatServe) {
  // A Lambda throttled on every request is the cheapest, but serves nothing: it ranks after the
  // options that serve, with score 0.5 × (1 − 1) = 0, and `why` names it for its failures, not
  // its latency. Before, its p99 of 0 ms made it the runner-up at 0.84 with "p99 0.0 ms".
  Service service;
  ServiceReport report;
  Option throttled = feasible(RuntimeId::lambda, 33, 0, 0.97);
  throttled.latency_ms.reset();  // no request ran to the end
  throttled.failed_fraction = 1.0;
  report.options = {throttled, feasible(RuntimeId::ecs_fargate, 54, 50, 0.9),
                    feasible(RuntimeId::ecs_ec2, 165, 50, 0.6)};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_EQ(report.options.back().runtime, RuntimeId::lambda);
  EXPECT_DOUBLE_EQ(*report.options.back().score, 0.0);
  EXPECT_FALSE(report.options.back().latency_ms) << "no latency is invented";
  EXPECT_FALSE(report.options.back().slo_met) << "no SLO to meet or miss";
  EXPECT_TRUE(contains(report.why,
                       "Cheaper, but failing requests: Lambda at $33.00/month (100% "
                       "of requests failed)"))
      << report.why;
}

TEST(Ranking, WithoutAnSloFailuresWithinOnePercentAreRankedOnTheirLatency) {
  // Near miss: 0.5% throttled is within the share a p99 leaves out; Lambda is judged as before.
  Service service;
  ServiceReport report;
  Option some = feasible(RuntimeId::lambda, 10, 100, 0.9);
  some.failed_fraction = 0.005;
  report.options = {feasible(RuntimeId::ecs_fargate, 10, 300, 0.9), some};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::lambda);
  EXPECT_NEAR(*report.options[0].score, 0.985, 1e-6);
}

TEST(Ranking, WhenEveryOptionFailsRequestsWithoutAnSloTheFewestFailuresWin) {
  Service service;
  ServiceReport report;
  Option lambda = feasible(RuntimeId::lambda, 10, 100, 0.9);
  lambda.failed_fraction = 0.30;
  Option fargate = feasible(RuntimeId::ecs_fargate, 50, 100, 0.9);
  fargate.failed_fraction = 0.05;
  report.options = {lambda, fargate};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_NEAR(*report.options[0].score, 0.5 * 0.95, 1e-6);
  EXPECT_NEAR(*report.options[1].score, 0.5 * 0.70, 1e-6);
  EXPECT_TRUE(contains(report.why, "fails 5% of its requests")) << report.why;
}

TEST(Ranking, EqualScoresGoByTheRuntimeOrder) {
  Service service;
  ServiceReport report;
  report.options = {feasible(RuntimeId::eks, 100, 100, 0.5),
                    feasible(RuntimeId::ecs_ec2, 100, 100, 0.5)};
  rank_options(service, Priorities{}, report);
  // Equal scores: contract order (ecs-ec2 before eks). 0.5 + 0.5 × (0.4 + 0.3 + 0.15) = 0.925.
  EXPECT_EQ(report.options[0].runtime, RuntimeId::ecs_ec2);
  EXPECT_DOUBLE_EQ(*report.options[0].score, 0.925);
  EXPECT_DOUBLE_EQ(*report.options[1].score, 0.925);
  EXPECT_TRUE(contains(report.why, "the tie goes by the runtime order")) << report.why;
}

TEST(Ranking, ATieSaysSoEvenWhenThePartsDiffer) {
  // Fargate: cost (800 + 38.4) / 1,048 = 0.8 (38.4: the materiality at the default priorities),
  // operability 13/15: 0.32 + 0.3 + 0.26 = 0.88; EC2: cost 1, operability 0.6: 0.4 + 0.3 + 0.18 =
  // 0.88. Both 0.94: the runtime order decides, not "cost" or "operability".
  Service service;
  ServiceReport report;
  report.options = {feasible(RuntimeId::ecs_ec2, 800, 100, 0.6),
                    feasible(RuntimeId::ecs_fargate, 1048, 100, 13.0 / 15)};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_EQ(*report.options[0].score, *report.options[1].score);
  EXPECT_TRUE(contains(report.why, "The two score the same; the tie goes by the runtime order"))
      << report.why;
  EXPECT_FALSE(contains(report.why, "decides")) << report.why;
}

// The shape of the steady JSON API before its fleets started warm: the cheaper container options
// miss the SLO (their runs started at 2 tasks), EKS and Lambda meet it.
TEST(Ranking, CheaperOptionsThatMissAreNamedWithHowTheyMiss) {
  const Service service = with_p99(100);
  ServiceReport report;
  report.options = {feasible(RuntimeId::lambda, 16659.53, 60, 0.97),
                    feasible(RuntimeId::ecs_fargate, 3628.91, 12681.2, 0.9),
                    feasible(RuntimeId::ecs_ec2, 3699.85, 59899.9, 0.6),
                    feasible(RuntimeId::eks, 3861.40, 67.3, 0.27)};
  rank_options(service, Priorities{}, report);
  // EKS: r = 0.673, credit 0.827, cost 1: 0.5 + 0.5 × (0.4 + 0.2481 + 0.081) = 0.86455.
  // Lambda: r = 0.6, credit 0.9, cost (3,861.40 + 38.40) / 16,659.53: 0.5 + 0.5 × (0.0936 + 0.27 +
  // 0.291).
  EXPECT_EQ(*report.recommendation, RuntimeId::eks);
  EXPECT_NEAR(*report.options[0].score, 0.86455, 1e-6);
  EXPECT_NEAR(*report.options[1].score,
              0.5 + 0.5 * (0.4 * (3861.40 + 38.4) / 16659.53 + 0.27 + 0.291), 1e-6);
  EXPECT_TRUE(contains(report.why,
                       " Cheaper, but missing the SLO: ECS on Fargate at "
                       "$3,628.91/month (p99 12.7 s, 127× the 100 ms target); ECS "
                       "on EC2 at $3,699.85/month (p99 59.9 s, 599× the 100 ms "
                       "target)."))
      << report.why;
}

TEST(Ranking, PrioritiesAreWeightsWhateverTheirSum) {
  // {2, 1, 1} weighs like {0.5, 0.25, 0.25}: cost 1, latency 1, operability 0.6 alone gives
  // 0.5 + 0.5 × (0.5 + 0.25 + 0.15) = 0.95.
  Service service;
  ServiceReport report;
  report.options = {feasible(RuntimeId::ecs_ec2, 100, 100, 0.6)};
  rank_options(service, Priorities{2, 1, 1}, report);
  EXPECT_NEAR(*report.options[0].score, 0.95, 1e-6);
}

TEST(Ranking, CostDecidesAndNamesTheRunnerUp) {
  Service service;
  ServiceReport report;
  report.options = {feasible(RuntimeId::lambda, 300, 200, 0.97),
                    feasible(RuntimeId::ecs_fargate, 60, 210, 0.9)};
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(*report.recommendation, RuntimeId::ecs_fargate);
  EXPECT_TRUE(contains(report.why,
                       "Cost decides: the runner-up, Lambda, costs $300.00/month "
                       "($240.00 more)"))
      << report.why;
  // Lambda leaves less to run; the sentence says it did not carry it, not the opposite.
  EXPECT_TRUE(contains(report.why,
                       "Lambda leaves the team less to run (operability 0.97 against "
                       "0.90), which does not make up for the cost."))
      << report.why;
}

TEST(Ranking, RankingTwiceGivesTheSameReport) {
  const Service service = with_p99(300);
  ServiceReport report;
  report.options = {feasible(RuntimeId::lambda, 5, 900, 0.97),
                    feasible(RuntimeId::ecs_fargate, 80, 250, 0.9)};
  rank_options(service, Priorities{}, report);
  const ServiceReport once = report;
  rank_options(service, Priorities{}, report);
  EXPECT_EQ(report.why, once.why);
  EXPECT_EQ(report.options[1].slo_misses, once.options[1].slo_misses);
}

TEST(Ranking, NothingFeasible) {
  Service service;
  ServiceReport report;
  report.options = {infeasible(RuntimeId::lambda, "needs a GPU"),
                    infeasible(RuntimeId::ecs_fargate, "needs a GPU")};
  rank_options(service, Priorities{}, report);
  EXPECT_FALSE(report.recommendation);
  EXPECT_TRUE(contains(report.why, "No runtime"));
}

}  // namespace
}  // namespace computefit
