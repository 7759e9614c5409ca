// Closed forms against published reference values (../shared/reference/simulation.md §5.1-5.2,
// themselves checked with scipy); tolerances are the 6 significant digits those tables give.
#include "stats/queueing.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <utility>

namespace computefit::stats {
namespace {

TEST(ErlangB, MatchesReferenceTable) {
  EXPECT_NEAR(erlang_b(10, 10), 0.214582, 1e-6);
  EXPECT_NEAR(erlang_b(10, 8), 0.121661, 1e-6);
  EXPECT_NEAR(erlang_b(5, 2), 0.036697, 1e-6);
  EXPECT_NEAR(erlang_b(100, 90), 0.026957, 1e-6);
  EXPECT_NEAR(erlang_b(1000, 950), 0.003649, 1e-6);
}

TEST(ErlangC, MatchesReferenceTable) {
  EXPECT_NEAR(erlang_c(1, 0.5), 0.5, 1e-9);
  EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3.0, 1e-9);
  EXPECT_NEAR(erlang_c(10, 8), 0.40918, 1e-5);
  EXPECT_NEAR(erlang_c(10, 9.5), 0.825586, 1e-6);
  EXPECT_NEAR(erlang_c(50, 45), 0.363864, 1e-6);
  EXPECT_NEAR(erlang_c(100, 95), 0.506457, 1e-6);
  EXPECT_NEAR(erlang_c(4, 0.3), 0.000270297, 1e-9);
}

TEST(ServersForBlocking, IsTheSmallestCount) {
  const int c = servers_for_blocking(90, 0.03);
  EXPECT_LE(erlang_b(c, 90), 0.03);
  EXPECT_GT(erlang_b(c - 1, 90), 0.03);
}

TEST(NormalQuantile, KnownValues) {
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-12);
  EXPECT_NEAR(normal_quantile(0.99), 2.3263478740408408, 1e-9);
  EXPECT_NEAR(normal_quantile(0.95), 1.6448536269514722, 1e-9);
  EXPECT_NEAR(normal_quantile(1e-6), -4.753424308822899, 1e-8);
}

TEST(Poisson, QuantileOfReferenceRunD) {
  // simulation.md §5.3: for a = 20.195 the 99.9th percentile of busy instances is 35.
  EXPECT_EQ(poisson_quantile(0.999, 20.195), 35);
  EXPECT_NEAR(poisson_cdf(0, 2.0), 0.1353352832, 1e-9);
}

// The full recursion from the first server, as erlang_b ran before it skipped ahead.
double erlang_b_direct(double servers, double load) {
  double b = 1.0;
  for (double k = 1; k <= servers; ++k) b = load * b / (k + load * b);
  return b;
}

TEST(ErlangB, SkippingAheadMatchesTheFullRecursion) {
  for (const auto& [servers, load] : std::initializer_list<std::pair<double, double>>{
           {2e5, 1.9e5}, {2e5, 2e5}, {2.02e5, 2e5}, {1.5e5, 3e5}, {3e5, 1.2e5}, {1e6, 9.99e5}}) {
    const double direct = erlang_b_direct(servers, load);
    EXPECT_NEAR(erlang_b(servers, load), direct, 1e-12 + 1e-9 * direct) << servers << " " << load;
  }
}

TEST(ErlangB, HugeCountsTakeNoTime) {
  // 10^7 slots per instance and a fleet of them: seconds before, microseconds now.
  EXPECT_EQ(erlang_b(2e9, 40), 0.0);
  EXPECT_EQ(erlang_c(1e14, 40), 0.0);
  const double b = erlang_b(1e9, 2e9);  // twice the servers' load: about half is lost
  EXPECT_NEAR(b, 0.5, 1e-3);
  EXPECT_NEAR(servers_for_blocking(1e9, 0.01), 0.99e9, 1e6);
  EXPECT_LE(erlang_b(servers_for_blocking(1e9, 0.01), 1e9), 0.01);
  EXPECT_GT(erlang_b(servers_for_blocking(1e9, 0.01) - 1, 1e9), 0.01);
  // The 99.9th percentile of a Poisson count of mean 1e9: 3.09 standard deviations above.
  EXPECT_NEAR(poisson_quantile(0.999, 1e9), 1e9 + 3.0902 * std::sqrt(1e9), 300);
}

}  // namespace
}  // namespace computefit::stats
