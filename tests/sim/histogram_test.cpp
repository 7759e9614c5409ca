// The latency histogram against exact order statistics (the contract: at most 1% relative error;
// by construction the bound is 1/256), and the time-weighted level against a hand computation.
#include "sim/histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/random.hpp"

namespace computefit::sim {
namespace {

double exact_quantile(const std::vector<std::int64_t>& sorted, double q) {
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return static_cast<double>(sorted[rank - 1]);
}

TEST(LogHistogram, QuantilesWithinOnePercentOfExact) {
  // 200,000 lognormal latencies in microseconds spanning five decades (p50 45 ms, p99 2.5 s).
  Rng rng(11);
  LogHistogram histogram;
  std::vector<std::int64_t> values;
  for (int i = 0; i < 200'000; ++i) {
    const auto v = static_cast<std::int64_t>(lognormal_p50_p99(rng, 45'000, 2'500'000));
    histogram.record(v);
    values.push_back(v);
  }
  std::sort(values.begin(), values.end());
  for (const double q : {0.0, 0.001, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0}) {
    const double exact = exact_quantile(values, q);
    EXPECT_LE(std::fabs(histogram.quantile(q) - exact), 0.01 * exact) << q;
    EXPECT_LE(std::fabs(histogram.quantile(q) - exact), exact / 256 + 0.5) << q;
  }
  EXPECT_EQ(histogram.max(), values.back());
  EXPECT_EQ(histogram.count(), 200'000);
}

TEST(LogHistogram, SmallValuesAreExactAndMeanIsExact) {
  LogHistogram histogram;
  for (std::int64_t v = 0; v < 100; ++v) histogram.record(v);
  EXPECT_EQ(histogram.quantile(0.5), 49.0);
  EXPECT_EQ(histogram.quantile(1.0), 99.0);
  EXPECT_DOUBLE_EQ(histogram.mean(), 49.5);
}

TEST(LogHistogram, OneRepeatedValueIsReportedExactly) {
  LogHistogram histogram;
  for (int i = 0; i < 10; ++i) histogram.record(2'000'000);
  EXPECT_EQ(histogram.quantile(0.99), 2'000'000.0);  // clamped to [min, max]
}

TEST(TimeWeightedLevel, MeanAndPeak) {
  TimeWeightedLevel level;
  level.set(0, 2);   // 2 over [0, 10)
  level.add(10, 3);  // 5 over [10, 15)
  level.set(15, 1);  // 1 over [15, 20)
  EXPECT_DOUBLE_EQ(level.mean_until(20), (2.0 * 10 + 5.0 * 5 + 1.0 * 5) / 20);
  EXPECT_EQ(level.peak(), 5);
}

}  // namespace
}  // namespace computefit::sim
