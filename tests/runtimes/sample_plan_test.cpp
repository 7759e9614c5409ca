// The sample a service is judged on (SPEC.md "Representative samples"): every phase of its traffic
// present at its declared rate, arrival counts within max(2%, 3/sqrt(N)) of the expectation, and
// strata whose weights stand for exactly the period and the arrivals they represent.

#include "runtimes/sample_plan.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.hpp"
#include "sim/arrivals.hpp"
#include "workload/file_system.hpp"
#include "workload/spec_loader.hpp"

namespace computefit {
namespace {

using testing::http_service;

// The webhook receiver: 2 requests/s mean, bursts of 150/s lasting 2 minutes every ~4 hours
// (6 a day), durations with a long tail (p99 = 50 x p50, CV 4).
Service webhooks(double factor = 1) {
  Service s = http_service(2 * factor, 200);
  s.duration_ms.kind = DurationSpec::Kind::lognormal;
  s.duration_ms.p50_ms = 200;
  s.duration_ms.p99_ms = 10'000;
  s.traffic.shape = TrafficShape::bursty;
  s.traffic.peak_rps = 150 * factor;
  s.traffic.burst_seconds = 120;
  s.traffic.bursts_per_hour = 0.25;
  return s;
}

Service diurnal_api(double rps, double peak) {
  Service s = http_service(rps, 40);
  s.traffic.shape = TrafficShape::diurnal;
  s.traffic.peak_rps = peak;
  return s;
}

SamplePlan plan(const Service& s, double seconds, double max_requests, std::uint64_t seed = 1,
                bool exact = false) {
  SampleRequest request;
  request.seconds = seconds;
  request.max_requests = max_requests;
  request.traffic_seed = seed;
  request.exact = exact;
  return plan_sample(s, request);
}

// The weighted windows stand for the whole represented period and its expected arrivals.
void expect_weights_cover(const SamplePlan& p) {
  double seconds = 0;
  double arrivals = 0;
  for (const PlannedWindow& w : p.windows) {
    seconds += w.time_weight * w.measured_seconds;
    arrivals += w.arrival_weight * w.expected_arrivals;
  }
  EXPECT_NEAR(seconds, p.represented_seconds, 1e-6 * p.represented_seconds);
  EXPECT_NEAR(arrivals, p.expected_arrivals, 1e-6 * p.expected_arrivals);
}

// A day of the webhook receiver holds the 6 bursts its spec declares (24 h x 0.25/h), not a Poisson
// draw of them (a simulated day once held 3 and priced the month 31% low).
TEST(SamplePlan, BurstyDayHoldsTheDeclaredBursts) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const SamplePlan p = plan(webhooks(), 86'400, 1e8, seed);
    ASSERT_TRUE(p.bursts);
    EXPECT_EQ(p.bursts->starts.size(), 6U) << "seed " << seed;
    ASSERT_EQ(p.windows.size(), 1U);
    EXPECT_FALSE(p.stratified());
    EXPECT_DOUBLE_EQ(p.represented_seconds, 86'400);
  }
}

// A window shorter than the burst cycle is lengthened to hold a whole burst, and says so.
TEST(SamplePlan, ShortBurstyWindowIsLengthened) {
  const SamplePlan p = plan(webhooks(), 600, 1e8);
  ASSERT_TRUE(p.bursts);
  EXPECT_GE(p.bursts->starts.size(), 1U);
  EXPECT_GE(p.represented_seconds, 4 * 3600 - 1e-6);
  ASSERT_FALSE(p.notes.empty());
  EXPECT_NE(p.notes.back().find("lengthened"), std::string::npos) << p.notes.back();
}

// The realised count of every plan lies within max(2%, 3/sqrt(N)) of its expectation, whatever
// the seed: steady, diurnal and bursty, whole and stratified.
TEST(SamplePlan, RealisedArrivalsStayInTheBand) {
  const std::vector<std::pair<Service, double>> cases = {{http_service(0.05, 100), 1e8},
                                                         {http_service(20, 100), 1e8},
                                                         {diurnal_api(2, 40), 1e8},
                                                         {diurnal_api(20, 60), 3e5},
                                                         {webhooks(), 1e8},
                                                         {webhooks(10), 3e5}};
  for (const auto& [service, budget] : cases) {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
      const SamplePlan p = plan(service, 86'400, budget, seed);
      ASSERT_GE(p.realised_arrivals, 0);
      const double n = p.expected_arrivals;
      const double band = std::max(kSamplingSettings.arrival_tolerance, 3 / std::sqrt(n)) * n;
      EXPECT_LE(std::abs(p.realised_arrivals - n), band)
          << to_string(service.traffic.shape) << " " << service.traffic.rps << " seed " << seed;
    }
  }
}

// A diurnal service is simulated on whole days: a 0.01-day request becomes one day (its usage is
// then the day's mean, not a night's).
TEST(SamplePlan, DiurnalRunsWholeDays) {
  const SamplePlan p = plan(diurnal_api(2, 400), 864, 1e8);
  ASSERT_EQ(p.windows.size(), 1U);
  EXPECT_DOUBLE_EQ(p.represented_seconds, 86'400);
  EXPECT_DOUBLE_EQ(p.windows[0].measured_seconds, 86'400);
  EXPECT_NEAR(p.expected_arrivals, 2 * 86'400, 1e-6 * 2 * 86'400);
}

// Too busy for the budget, a day is cut into 12 strata whose weights stand for the whole day,
// within the budget; far too busy, the strata keep their rough minimum and the plan says so.
TEST(SamplePlan, DiurnalStrataCoverTheDay) {
  const SamplePlan p = plan(diurnal_api(40, 120), 86'400, 2e6);
  EXPECT_TRUE(p.stratified());
  EXPECT_FALSE(p.rough);
  EXPECT_EQ(p.windows.size(), 12U);
  expect_weights_cover(p);
  EXPECT_LE(p.simulated_arrivals, 2e6 * 1.01);
  const SamplePlan busy = plan(diurnal_api(200, 600), 86'400, 3e5);
  EXPECT_TRUE(busy.rough);
  expect_weights_cover(busy);
}

// The `simulate` command measures exactly what it is asked and says which phase it missed.
TEST(SamplePlan, ExactWindowNotesWhatItMisses) {
  const SamplePlan p = plan(diurnal_api(2, 40), 864, 1e8, 1, /*exact=*/true);
  ASSERT_EQ(p.windows.size(), 1U);
  EXPECT_DOUBLE_EQ(p.windows[0].measured_seconds, 864);
  ASSERT_FALSE(p.notes.empty());
  EXPECT_NE(p.notes[0].find("not the day's mean"), std::string::npos) << p.notes[0];
}

// A schedule is judged on at least 100 runs (a nightly job: 100 nights), not on one.
TEST(SamplePlan, ScheduleIsJudgedOnAHundredRuns) {
  MemoryFileSystem fs;
  fs.add("spec.yaml", R"yaml(version: 1
services:
  - name: nightly-export
    kind: scheduled
    schedule: "cron(0 3 * * ? *)"
    duration_ms: { p50: 2400000, p99: 4200000 }
)yaml");
  const SpecLoadResult loaded = load_spec("spec.yaml", fs);
  ASSERT_TRUE(loaded.spec);
  const SamplePlan p = plan(loaded.spec->services[0], 86'400, 1e8);
  EXPECT_GE(p.run_times_seconds.size(), 100U);
  EXPECT_DOUBLE_EQ(p.expected_arrivals, static_cast<double>(p.run_times_seconds.size()));
  for (std::size_t i = 1; i < p.run_times_seconds.size(); ++i) {
    EXPECT_NEAR(p.run_times_seconds[i] - p.run_times_seconds[i - 1], 86'400, 1e-6);
  }
}

// Stratified bursts: the episodes and the base between them stand for the day, each episode
// counts once per burst it stands for, and as many episodes are simulated as the budget affords
// (one burst's queueing is one draw).
TEST(SamplePlan, BurstEpisodesStandForEveryBurst) {
  // A busy base (25/s) makes a 4-hour cycle too long for the budget; an episode (an hour of the
  // base and a 100/s burst) costs ~100,000 arrivals, so the budget affords two.
  Service s = webhooks();
  s.traffic.rps = 25;
  s.traffic.peak_rps = 100;
  const SamplePlan p = plan(s, 86'400, 3e5);
  EXPECT_TRUE(p.stratified());
  EXPECT_FALSE(p.rough);
  int episodes = 0;
  double bursts_represented = 0;
  for (const PlannedWindow& w : p.windows) {
    if (!w.episode) continue;
    ++episodes;
    bursts_represented += w.time_weight;
  }
  EXPECT_GT(episodes, 1);
  EXPECT_LE(episodes, 6);
  EXPECT_NEAR(bursts_represented, 6, 1e-9);
  expect_weights_cover(p);
  EXPECT_LE(p.simulated_arrivals, 3e5 * 1.01);
}

// A steady window keeps enough requests for its mean duration even when a burst took the budget:
// with CV 4, (4 / 0.02)^2 = 40,000 requests between bursts, not the 4,000 of a two-minute window.
TEST(SamplePlan, SteadyWindowMeasuresEnoughForItsMean) {
  const SamplePlan p = plan(webhooks(17.8), 86'400, 3e5);
  const double cv = webhooks().duration_ms.coefficient_of_variation();
  EXPECT_NEAR(cv, 4.0, 0.1);
  const double wanted = std::pow(cv / kSamplingSettings.steady_window_mean_error, 2);
  bool found = false;
  for (const PlannedWindow& w : p.windows) {
    if (!w.base_only) continue;
    found = true;
    EXPECT_GE(w.expected_arrivals, wanted * (1 - 1e-9));
  }
  EXPECT_TRUE(found);
}

// The coefficient of variation of each duration law: 0 fixed, 1 exponential, sqrt(e^s^2 - 1).
TEST(SamplePlan, DurationCoefficientOfVariation) {
  DurationSpec d;
  d.kind = DurationSpec::Kind::fixed;
  d.fixed_ms = 100;
  EXPECT_DOUBLE_EQ(d.coefficient_of_variation(), 0);
  d.kind = DurationSpec::Kind::exponential;
  d.mean_ms = 100;
  EXPECT_DOUBLE_EQ(d.coefficient_of_variation(), 1);
  d.kind = DurationSpec::Kind::lognormal;
  d.p50_ms = 100;
  d.p99_ms = 100 * std::exp(2.326347874040841);  // sigma = 1
  EXPECT_NEAR(d.coefficient_of_variation(), std::sqrt(std::exp(1.0) - 1), 1e-9);
}

}  // namespace
}  // namespace computefit
