// Batch means: the clock's batches tile the run exactly, the t interval is the textbook one, and
// the p99 interval a run reports covers the closed form (M/M/c, reference/simulation.md §5.2)
// about as often as a 95% interval should.

#include "sim/batch_means.hpp"

#include <gtest/gtest.h>

#include "sim/container_sim.hpp"
#include "sim/lambda_sim.hpp"

namespace computefit::sim {
namespace {

TEST(BatchMeans, ClockTilesTheRun) {
  const Tick end = 1'000'003;  // not a multiple of kBatches
  BatchClock clock(0, end);
  EXPECT_EQ(clock.boundary(0), 0);
  EXPECT_EQ(clock.boundary(kBatches), end);
  for (int i = 0; i < kBatches; ++i) EXPECT_LT(clock.boundary(i), clock.boundary(i + 1));
  int steps = 0;
  while (clock.due(end + 50)) {
    clock.step();
    ++steps;
  }
  EXPECT_EQ(steps, kBatches - 1);  // past the end, the last batch stays current
  EXPECT_EQ(clock.index(), kBatches - 1);
}

TEST(BatchMeans, StudentIntervalOfTheBatchMeans) {
  // Values 1..10: mean 5.5, sample sd 3.02765, so the half-width is 2.2622 x 3.02765 / sqrt(10).
  std::array<double, kBatches> values{};
  for (int i = 0; i < kBatches; ++i) values[static_cast<std::size_t>(i)] = i + 1;
  const Interval interval = batch_means_interval(values);
  const double half = 2.2622 * 3.0276504 / std::sqrt(10.0);
  EXPECT_NEAR(interval.low, 5.5 - half, 1e-6);
  EXPECT_NEAR(interval.high, 5.5 + half, 1e-6);
}

TEST(BatchMeans, ThinRunsReportNoInterval) {
  LambdaSimConfig config(Distribution::fixed(0.1), Distribution::fixed(0.2));
  const SimulationResult result = simulate_lambda(config, SteadyArrivals{1}, 3600, 1);
  EXPECT_FALSE(result.p99_ms_interval);  // 360 requests a batch
  EXPECT_FALSE(result.usage_relative_half_width);
}

// M/M/2 at rho = 0.5 (lambda 1, mu 1): p99 of the response time 5.66596 s (§5.2). 40 runs of
// 2 x 10^5 requests; a calibrated 95% interval misses about 2 of them; we allow 8 (the batches of
// one run are mildly correlated and the histogram's buckets add up to 0.4%), which a calibrated
// interval exceeds with probability 4e-5 (binomial, n = 40, p = 0.05).
TEST(BatchMeans, P99IntervalCoversTheClosedForm) {
  constexpr double kP99 = 5.66596;
  ContainerSimConfig config{Distribution::exponential(1)};
  config.concurrency_per_instance = 2;
  config.min_instances = 1;
  config.max_instances = 1;
  config.front_door_timeout_seconds.reset();
  int misses = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const SimulationResult result = simulate_containers(config, SteadyArrivals{1}, 2e5, seed);
    ASSERT_TRUE(result.p99_ms_interval) << seed;
    const Interval& i = *result.p99_ms_interval;
    if (i.low / 1000 > kP99 || i.high / 1000 < kP99) ++misses;
    // A pinned fleet's task time does not vary between batches.
    ASSERT_TRUE(result.usage_relative_half_width);
    EXPECT_NEAR(*result.usage_relative_half_width, 0, 1e-9);
  }
  EXPECT_LE(misses, 8);
  RecordProperty("misses", misses);
}

// Lambda's billed GB-seconds vary with the requests in each batch: at 20 requests/s of a fixed
// 100 ms over 10 hours (72,000 a batch, sd 268) the batch totals' relative half-width is about
// 2.2622 x (268 / 72,000) / sqrt(10) = 0.27%.
TEST(BatchMeans, LambdaUsageIntervalFollowsThePoissonSpread) {
  LambdaSimConfig config(Distribution::fixed(0.1), Distribution::fixed(0.2));
  const SimulationResult result = simulate_lambda(config, SteadyArrivals{20}, 36'000, 5);
  ASSERT_TRUE(result.usage_relative_half_width);
  EXPECT_GT(*result.usage_relative_half_width, 0.0008);
  EXPECT_LT(*result.usage_relative_half_width, 0.006);
}

}  // namespace
}  // namespace computefit::sim
