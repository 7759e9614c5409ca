// Arrival processes: counts against their rates. A Poisson count N over a window has SD sqrt(E[N]);
// tolerances are 5 SD (or, for bursts, 5 SD of the burst-cycle count added to it).
#include "sim/arrivals.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <type_traits>
#include <variant>
#include <vector>

namespace computefit::sim {
namespace {

template <typename Process>
std::int64_t count_until(Process& process, double seconds, std::uint64_t seed,
                         double from_seconds = 0) {
  Rng rng(seed);
  std::int64_t count = 0;
  Tick t = 0;
  while (true) {
    t = process.next(rng, t);
    if (t >= to_ticks(seconds)) return count;
    if (t >= to_ticks(from_seconds)) ++count;
  }
}

TEST(SteadyArrivals, CountMatchesRate) {
  SteadyArrivals steady{50};
  const double expected = 50.0 * 10'000;  // 500,000 arrivals
  EXPECT_NEAR(static_cast<double>(count_until(steady, 10'000, 1)), expected,
              5 * std::sqrt(expected));
}

// The engines take arrivals from a buffer filled a block at a time: the ticks must be those of one
// call per arrival, for every shape, across refills, and kNever once a process has no more.
TEST(ArrivalBuffer, GivesTheArrivalsOfOneCallPerArrival) {
  const std::vector<ArrivalProcess> shapes = {
      SteadyArrivals{37.5}, DiurnalArrivals(5, 20), BurstyArrivals(2, 50, 30, 6),
      TraceArrivals({{0, 3}, {10, 0}, {20, 7}}), SteadyArrivals{0}};
  for (const auto& shape : shapes) {
    ArrivalProcess direct = shape;
    ArrivalProcess buffered = shape;
    Rng direct_rng(21);
    Rng buffered_rng(21);
    std::visit(
        [&](auto& process) {
          using Process = std::decay_t<decltype(process)>;
          ArrivalBuffer<Process> buffer(std::get<Process>(buffered), buffered_rng);
          Tick t = 0;
          for (int i = 0; i < 1000; ++i) {
            t = t < kNever ? process.next(direct_rng, t) : kNever;
            ASSERT_EQ(buffer.next(), t) << i;
          }
        },
        direct);
  }
}

TEST(DiurnalArrivals, ProfileHasTheMeanAndPeaksAt1400Utc) {
  // Both regimes: a cosine about the mean (peak <= 2 x mean) and the raised-cosine power.
  for (const double peak : {1.5, 2.0, 3.0, 8.0}) {
    const DiurnalArrivals diurnal(1.0, peak);
    double sum = 0;
    double max_rate = 0;
    double argmax = 0;
    constexpr int kSteps = 86'400;
    for (int s = 0; s < kSteps; ++s) {
      const double rate = diurnal.rate_at(s + 0.5);
      sum += rate;
      if (rate > max_rate) {
        max_rate = rate;
        argmax = s;
      }
    }
    EXPECT_NEAR(sum / kSteps, 1.0, 1e-6) << peak;
    EXPECT_NEAR(max_rate, peak, 1e-6 * peak) << peak;
    EXPECT_NEAR(argmax, 14 * 3600, 1) << peak;
    EXPECT_GE(diurnal.rate_at(2 * 3600), 0.0);
  }
}

TEST(DiurnalArrivals, CountsFollowTheProfile) {
  DiurnalArrivals diurnal(2.0, 6.0);
  const double day = 2.0 * 86'400;  // 172,800 expected arrivals
  EXPECT_NEAR(static_cast<double>(count_until(diurnal, 86'400, 2)), day, 5 * std::sqrt(day));
  // The hour after 14:00 carries about 6 rps, the hour after 02:00 almost nothing.
  DiurnalArrivals again(2.0, 6.0);
  const double peak_hour = static_cast<double>(count_until(again, 15 * 3600, 3, 14 * 3600));
  EXPECT_NEAR(peak_hour, 6.0 * 3600, 0.05 * 6.0 * 3600);  // the rate falls ~2% over the hour
}

TEST(BurstyArrivals, MeanRateAndBaseRate) {
  // 10 s bursts at 10 rps, 60 an hour, mean 2 rps: 1/7 of the time in bursts, base 2/3 rps.
  BurstyArrivals bursty(2.0, 10.0, 10.0, 60.0);
  EXPECT_NEAR(bursty.burst_fraction(), 1.0 / 7, 1e-12);
  EXPECT_NEAR(bursty.base_rps, (2.0 - 10.0 / 7) / (6.0 / 7), 1e-12);
  // 100 h: 720,000 expected arrivals; ~5,100 burst cycles whose count varies by ~60 cycles of
  // ~93 extra arrivals each, so SD ~ 5,800 and 5 SD ~ 4%.
  const double seconds = 100 * 3600.0;
  EXPECT_NEAR(static_cast<double>(count_until(bursty, seconds, 4)), 2.0 * seconds,
              0.04 * 2.0 * seconds);
}

TEST(BurstyArrivals, BurstsBecomeRarerWhenTheyAloneExceedTheMean) {
  // 60 s at 100 rps once an hour would carry 1.64 rps > 1 rps: bursts_per_hour drops, base is 0.
  const BurstyArrivals bursty(1.0, 100.0, 60.0, 1.0);
  EXPECT_EQ(bursty.base_rps, 0.0);
  EXPECT_NEAR(bursty.burst_fraction() * 100.0, 1.0, 1e-12);
  EXPECT_LT(bursty.bursts_per_hour, 1.0);
}

TEST(TraceArrivals, RowsSpreadEvenlyAndLoop) {
  TraceArrivals trace({{0, 10}, {10, 0}, {20, 30}});  // last interval = 10 s; period 30 s
  EXPECT_DOUBLE_EQ(trace.period_seconds, 30.0);
  Rng rng(1);
  EXPECT_EQ(trace.next(rng, 0), to_ticks(0.5));
  EXPECT_EQ(trace.next(rng, 0), to_ticks(1.5));
  TraceArrivals again({{0, 10}, {10, 0}, {20, 30}});
  EXPECT_EQ(count_until(again, 90, 1), 120);  // three loops of 40
}

}  // namespace
}  // namespace computefit::sim
