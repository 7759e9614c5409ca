// The busiest-hour recorder: clock hours, minute peaks carried across quiet minutes, partial
// hours at the end; and the engines' profiles agree with their own totals and with the diurnal
// profile's known peak hour.

#include "sim/busiest_hour.hpp"

#include <gtest/gtest.h>

#include "sim/container_sim.hpp"
#include "sim/lambda_sim.hpp"

namespace computefit::sim {
namespace {

Tick at(double seconds) {
  return to_ticks(seconds);
}

TEST(BusiestHour, PicksTheHourWithMostArrivals) {
  BusiestHourRecorder recorder(0, at(3 * 3600));
  auto arrive = [&](double seconds) {
    recorder.advance(at(seconds));
    recorder.arrival();
  };
  arrive(10);
  for (int i = 0; i < 5; ++i) arrive(3600 + 60 * i);  // the second hour: five arrivals
  arrive(7300);
  const BusiestHourProfile hour = recorder.finish();
  EXPECT_DOUBLE_EQ(hour.start_seconds, 3600);
  ASSERT_EQ(hour.minutes.size(), 60u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(hour.minutes[i].arrivals, 1) << i;
  EXPECT_EQ(hour.minutes[5].arrivals, 0);
}

TEST(BusiestHour, EarliestHourWinsATie) {
  BusiestHourRecorder recorder(0, at(2 * 3600));
  recorder.advance(at(100));
  recorder.arrival();
  recorder.advance(at(3700));
  recorder.arrival();
  EXPECT_DOUBLE_EQ(recorder.finish().start_seconds, 0);
}

TEST(BusiestHour, LevelsCarryAcrossQuietMinutesAndPeaksStayInTheirMinute) {
  BusiestHourRecorder recorder(0, at(3600));
  recorder.advance(at(30));
  recorder.observe(at(30), 4, 20, 7);  // minute 0 peaks at 4 / 20 / 7
  recorder.advance(at(50));
  recorder.observe(at(50), 1, 5, 0);  // then drops, and stays there
  recorder.advance(at(600));
  recorder.arrival();
  const BusiestHourProfile hour = recorder.finish();
  ASSERT_EQ(hour.minutes.size(), 60u);
  EXPECT_EQ(hour.minutes[0].peak_instances, 4);
  EXPECT_EQ(hour.minutes[0].peak_connections, 20);
  EXPECT_EQ(hour.minutes[0].peak_queued, 7);
  for (std::size_t m = 1; m < 60; ++m) {
    EXPECT_EQ(hour.minutes[m].peak_instances, 1) << m;
    EXPECT_EQ(hour.minutes[m].peak_connections, 5) << m;
    EXPECT_EQ(hour.minutes[m].peak_queued, 0) << m;
  }
}

TEST(BusiestHour, APartialLastHourHasItsOwnMinutes) {
  BusiestHourRecorder recorder(0, at(5400));  // 90 minutes
  recorder.advance(at(4000));
  recorder.arrival();
  recorder.arrival();
  const BusiestHourProfile hour = recorder.finish();
  EXPECT_DOUBLE_EQ(hour.start_seconds, 3600);
  EXPECT_EQ(hour.minutes.size(), 30u);
  EXPECT_EQ(hour.minutes[6].arrivals, 2);  // 4000 s is minute 6 of the second hour
}

TEST(BusiestHour, EventsAfterTheEndAreNotRecorded) {
  BusiestHourRecorder recorder(0, at(120));
  recorder.advance(at(10));
  recorder.arrival();
  recorder.observe(at(10), 2, 0, 0);
  recorder.advance(at(500));
  recorder.observe(at(500), 9, 0, 0);
  const BusiestHourProfile hour = recorder.finish();
  ASSERT_EQ(hour.minutes.size(), 2u);
  EXPECT_EQ(hour.minutes[1].peak_instances, 2);
}

// The diurnal profile peaks at 14:00 UTC (arrivals.hpp); with a peak 4x the mean, the busiest
// clock hour of a simulated day is 13:00-14:00 or 14:00-15:00 (the peak is their boundary).
TEST(BusiestHour, LambdaFindsTheDiurnalPeakAndMatchesItsTotals) {
  LambdaSimConfig config(Distribution::fixed(0.1), Distribution::fixed(0.3));
  config.connections_per_instance = 2;
  const SimulationResult result = simulate_lambda(config, DiurnalArrivals(5, 20), 86'400, 7);
  const BusiestHourProfile& hour = result.busiest_hour;
  ASSERT_EQ(hour.minutes.size(), 60u);
  EXPECT_TRUE(hour.start_seconds == 13 * 3600 || hour.start_seconds == 14 * 3600)
      << hour.start_seconds;
  std::int64_t arrivals = 0, peak = 0;
  for (const MinuteSample& m : hour.minutes) {
    arrivals += m.arrivals;
    peak = std::max(peak, m.peak_instances);
    EXPECT_EQ(m.peak_connections, 2 * m.peak_instances);
  }
  // The hour around the peak carries about 20 x 3600 x (mean of the profile near its top).
  EXPECT_GT(arrivals, 5 * 3600);
  EXPECT_LE(arrivals, result.requests);
  EXPECT_LE(peak, result.instances.peak);
}

TEST(BusiestHour, ContainersRecordTheirQueue) {
  ContainerSimConfig config(Distribution::exponential(0.5));
  config.concurrency_per_instance = 1;
  config.min_instances = 1;
  config.max_instances = 1;  // pinned: one slot at rho = 0.9 queues
  const SimulationResult result = simulate_containers(config, SteadyArrivals{1.8}, 2 * 3600, 3);
  std::int64_t queued = 0;
  for (const MinuteSample& m : result.busiest_hour.minutes) {
    queued = std::max(queued, m.peak_queued);
    EXPECT_EQ(m.peak_instances, 1);
  }
  EXPECT_GT(queued, 0);
  EXPECT_LE(queued, result.queued.peak);
}

}  // namespace
}  // namespace computefit::sim
