// The generator against its authors' reference outputs, and each variate's moments against its
// law. Sample sizes are 200,000 draws; tolerances are about 5 standard errors of the estimate,
// so a correct implementation fails with probability below 1e-6 per check.
#include "sim/random.hpp"

#include <gtest/gtest.h>

#include <array>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/variate_stream.hpp"

namespace computefit::sim {
namespace {

constexpr int kDraws = 200'000;

TEST(Splitmix64, MatchesReferenceOutputs) {
  // Reference: Vigna's splitmix64.c with seed 0 (prng.di.unimi.it).
  std::uint64_t state = 0;
  EXPECT_EQ(splitmix64_next(state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(splitmix64_next(state), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(splitmix64_next(state), 0x06c45d188009454fULL);
}

TEST(Xoshiro256StarStar, MatchesReferenceOutputs) {
  // Reference: xoshiro256starstar.c from the state {1, 2, 3, 4}.
  Rng rng = Rng::from_state(1, 2, 3, 4);
  EXPECT_EQ(rng.next_u64(), 11520ULL);
  EXPECT_EQ(rng.next_u64(), 0ULL);
  EXPECT_EQ(rng.next_u64(), 1509978240ULL);
  EXPECT_EQ(rng.next_u64(), 1215971899390074240ULL);
}

TEST(Rng, SameSeedSameStreamAndUniformInRange) {
  Rng a(42);
  Rng b(42);
  Rng c(43);
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const double u = a.uniform();
    EXPECT_EQ(u, b.uniform());
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    differs = differs || u != c.uniform();
  }
  EXPECT_TRUE(differs);
}

struct Moments {
  double mean = 0;
  double variance = 0;
};

template <typename Draw>
Moments moments(Draw draw) {
  double sum = 0;
  double sum_sq = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = draw();
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / kDraws;
  return {mean, sum_sq / kDraws - mean * mean};
}

TEST(Variates, ExponentialMeanAndVariance) {
  Rng rng(1);
  const auto m = moments([&] { return exponential(rng, 2.0); });
  EXPECT_NEAR(m.mean, 2.0, 5 * 2.0 / std::sqrt(kDraws));
  EXPECT_NEAR(m.variance, 4.0, 0.1);  // SE of the variance of Exp is about 4*sqrt(8/n) = 0.025
}

TEST(Variates, NormalMeanAndVariance) {
  Rng rng(2);
  const auto m = moments([&] { return normal(rng, 10.0, 3.0); });
  EXPECT_NEAR(m.mean, 10.0, 5 * 3.0 / std::sqrt(kDraws));
  EXPECT_NEAR(m.variance, 9.0, 5 * 9.0 * std::sqrt(2.0 / kDraws));
}

// The ziggurat's draws follow the normal distribution function everywhere, the tail beyond its
// base layer (R = 3.44) and the wedges included. 4 million draws: the share below x has SD at most
// sqrt(0.25 / 4e6) = 0.00025, so 6 SD is 0.0015; the far tails are checked against their own
// (smaller) binomial SD, 6 of them.
TEST(Variates, ZigguratFollowsTheNormalDistributionFunction) {
  Rng rng(11);
  constexpr int kDraws = 4'000'000;
  const double points[] = {-4.0, -3.44, -2.5, -1.0, -0.3, 0.0, 0.3, 1.0, 2.5, 3.44, 4.0};
  std::array<int, std::size(points)> below{};
  for (int i = 0; i < kDraws; ++i) {
    const double x = rng.standard_normal();
    for (std::size_t k = 0; k < std::size(points); ++k) below[k] += x < points[k];
  }
  for (std::size_t k = 0; k < std::size(points); ++k) {
    const double p = 0.5 * std::erfc(-points[k] / std::sqrt(2.0));
    const double sd = std::sqrt(p * (1 - p) / kDraws);
    EXPECT_NEAR(static_cast<double>(below[k]) / kDraws, p, 6 * sd + 1e-9) << points[k];
  }
}

TEST(Variates, LognormalQuantilesFromP50P99) {
  Rng rng(3);
  std::vector<double> xs(kDraws);
  for (auto& x : xs) x = lognormal_p50_p99(rng, 45.0, 250.0);
  std::sort(xs.begin(), xs.end());
  // Order-statistic SE at p50 is about 0.3% and at p99 about 1.5% of the value here.
  EXPECT_NEAR(xs[kDraws / 2], 45.0, 45.0 * 0.015);
  EXPECT_NEAR(xs[kDraws * 99 / 100], 250.0, 250.0 * 0.07);
}

TEST(Variates, PoissonMeanAndVarianceSmallAndLarge) {
  for (const double mean : {0.5, 3.0, 9.9, 10.0, 50.0, 1000.0}) {
    Rng rng(4);
    const auto m = moments([&] { return static_cast<double>(poisson(rng, mean)); });
    EXPECT_NEAR(m.mean, mean, 5 * std::sqrt(mean / kDraws)) << mean;
    EXPECT_NEAR(m.variance, mean, 5 * mean * std::sqrt(2.0 / kDraws) + 0.01) << mean;
  }
}

TEST(Variates, PoissonPointProbabilities) {
  // P(X = 10) for mean 12 is e^-12 12^10 / 10! = 0.104837; SE with n draws is about 0.0007.
  Rng rng(5);
  int hits = 0;
  for (int i = 0; i < kDraws; ++i) hits += poisson(rng, 12.0) == 10;
  EXPECT_NEAR(static_cast<double>(hits) / kDraws, 0.104837, 0.0035);
}

TEST(Variates, EmpiricalFollowsBinWeights) {
  const EmpiricalDistribution law({{0, 1, 1}, {1, 2, 0}, {2, 4, 3}});
  EXPECT_DOUBLE_EQ(law.mean(), (0.5 * 1 + 3.0 * 3) / 4);
  Rng rng(6);
  int in_first = 0;
  double sum = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = law.sample(rng);
    ASSERT_FALSE(x >= 1 && x < 2) << x;
    in_first += x < 1;
    sum += x;
  }
  EXPECT_NEAR(static_cast<double>(in_first) / kDraws, 0.25, 5 * std::sqrt(0.25 * 0.75 / kDraws));
  EXPECT_NEAR(sum / kDraws, law.mean(), 0.02);
}

TEST(Distribution, MeansOfEachLaw) {
  EXPECT_DOUBLE_EQ(Distribution::fixed(2.0).mean(), 2.0);
  EXPECT_DOUBLE_EQ(Distribution::exponential(1.5).mean(), 1.5);
  // Lognormal mean = p50 * exp(sigma^2 / 2), sigma = ln(p99 / p50) / z99.
  const double sigma = std::log(4.0) / kNormalQuantile99;
  EXPECT_NEAR(Distribution::lognormal(1.0, 4.0).mean(), std::exp(sigma * sigma / 2), 1e-12);
  Rng rng(7);
  const auto law = Distribution::lognormal(1.0, 4.0);
  const auto m = moments([&] { return law.sample(rng); });
  EXPECT_NEAR(m.mean, law.mean(), 0.01);
}

// Drawing in blocks must not change the numbers: fill() gives what as many sample() calls give,
// and a VariateStream gives what its own generator gives draw by draw (across block refills).
TEST(Distribution, FillAndStreamsDrawWhatSampleDraws) {
  const std::vector<Distribution> laws = {
      Distribution::fixed(0.3), Distribution::exponential(1.5), Distribution::lognormal(0.05, 0.4),
      Distribution::normal(1.0, 0.5),
      Distribution::empirical({{0, 1, 1}, {1, 2, 3}, {2, 10, 0.5}})};
  for (const auto& law : laws) {
    Rng by_sample(11);
    Rng by_fill(11);
    std::vector<double> filled(1000);
    law.fill(by_fill, filled);
    for (const double x : filled) EXPECT_EQ(x, law.sample(by_sample));

    VariateStream stream(law, stream_seed(3, kDurationStream));
    Rng reference(stream_seed(3, kDurationStream));
    for (int i = 0; i < 1000; ++i) EXPECT_EQ(stream.next(), law.sample(reference)) << i;
  }
  EXPECT_NE(stream_seed(3, kDurationStream), stream_seed(4, kDurationStream));
}

}  // namespace
}  // namespace computefit::sim
