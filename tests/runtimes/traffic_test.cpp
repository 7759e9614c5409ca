// Traffic shapes of SPEC.md reduced to rate segments, and schedules to runs per month.

#include <gtest/gtest.h>

#include <cmath>

#include "runtimes/fixtures.hpp"
#include "runtimes/traffic_profile.hpp"
#include "runtimes/wording.hpp"
#include "workload/schedule.hpp"

namespace computefit {
namespace {

double mean_of(const TrafficProfile& p) {
  double m = 0;
  for (const RateSegment& s : p.segments) m += s.rps * s.time_fraction;
  return m;
}

TEST(Traffic, BurstyBaseKeepsTheMean) {
  Traffic t;
  t.shape = TrafficShape::bursty;
  t.rps = 50;
  t.peak_rps = 400;
  t.burst_seconds = 60;
  t.bursts_per_hour = 1;
  const TrafficProfile p = traffic_profile(t);
  ASSERT_TRUE(p.bursts);
  EXPECT_NEAR(p.bursts->base_rps, (50 - 400 / 60.0) / (1 - 1 / 60.0), 1e-9);
  EXPECT_NEAR(mean_of(p), 50, 1e-9);
}

TEST(Traffic, BurstsAloneAboveTheMeanBecomeRarer) {
  // SPEC.md: 100 rps for 60 s each hour would average 1.67 rps > 1: bursts drop to 0.6 an hour.
  Traffic t;
  t.shape = TrafficShape::bursty;
  t.rps = 1;
  t.peak_rps = 100;
  const TrafficProfile p = traffic_profile(t);
  EXPECT_DOUBLE_EQ(p.bursts->base_rps, 0);
  EXPECT_NEAR(p.bursts->per_hour, 0.6, 1e-12);
  EXPECT_NEAR(mean_of(p), 1, 1e-12);
}

TEST(Traffic, DiurnalMeanAndPeak) {
  for (double peak : {15.0, 60.0}) {  // a plain cosine, then the raised-cosine power
    Traffic t;
    t.shape = TrafficShape::diurnal;
    t.rps = 10;
    t.peak_rps = peak;
    const TrafficProfile p = traffic_profile(t);
    EXPECT_NEAR(mean_of(p), 10, 1e-9);
    EXPECT_NEAR(diurnal_rps(10, peak, 14), peak, 1e-6);
    EXPECT_GE(diurnal_rps(10, peak, 2), 0);
  }
}

TEST(Traffic, RunsPerMonth) {
  Schedule hourly;
  hourly.is_rate = true;
  hourly.rate_seconds = 3600;
  EXPECT_DOUBLE_EQ(runs_per_month(hourly), 730);
  // Nightly: 365 runs a year -> 30.42 a month.
  EXPECT_NEAR(runs_per_month(testing::nightly()), 30.4167, 1e-4);
  // Weekdays at 09:00 and 17:00: 261 weekdays in 2025 x 2.
  Schedule weekdays = testing::nightly();
  weekdays.hours = {9, 17};
  weekdays.day_of_week_any = false;
  weekdays.days_of_week = {2, 3, 4, 5, 6};
  EXPECT_NEAR(runs_per_month(weekdays), 261 * 2 * 730.0 / 8760, 1e-9);
  // First Monday of the month: 12 a year.
  Schedule first_monday = testing::nightly();
  first_monday.day_of_week_any = false;
  first_monday.nth_weekday = std::pair{2, 1};
  EXPECT_NEAR(runs_per_month(first_monday), 1, 1e-9);
}

TEST(Wording, NumbersPeopleRead) {
  EXPECT_EQ(grouped(10240), "10,240");
  EXPECT_EQ(seconds_phrase(2400), "2,400 s (40 min)");
  EXPECT_EQ(seconds_phrase(900), "900 s (15 min)");
  EXPECT_EQ(short_number(2.0), "2");
  EXPECT_EQ(short_number(0.25), "0.25");
}

}  // namespace
}  // namespace computefit
