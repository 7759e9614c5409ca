#pragma once
// What a service is simulated on (SPEC.md "Start state" and "Representative samples"): windows of
// its traffic pattern, each after a discarded burn-in that starts from the steady state, which
// together hold every phase of the traffic at its declared rate: whole diurnal days, whole trace
// loops, bursts at exactly their expected number, at least 100 runs of a schedule. When the whole
// pattern would take more arrivals than the budget allows (busy services, the decision-boundary
// sweep), the pattern is cut into strata, each sampled by a shorter window that stands for its
// stratum with a weight. The plan is made once per service and shared by every runtime, so the
// runtimes are compared on the same arrivals.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/arrivals.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// The one table of sampling settings, each with its reason.
struct SamplingSettings {
  /// SPEC.md "Start state": a run simulates the hour before its window and discards it.
  double burn_in_seconds = 3'600;
  /// A stratum's shorter burn-in: longer than Lambda's keep-alive (642 s), so that its warm pool
  /// has formed; container fleets start at the steady state of the stratum's opening rate, so
  /// target tracking has little left to correct.
  double stratum_burn_in_seconds = 900;
  /// The shortest measured window of a stratum: a few scaling datapoints (1 minute each).
  double min_stratum_seconds = 300;
  /// Below those, on a budget too small for them (very busy levels of the sweep), a window keeps
  /// at least this much burn-in and measured time, and the plan is marked rough.
  double rough_burn_in_seconds = 60;
  double rough_measured_seconds = 120;
  /// A window of a steady rate measures at least this many arrivals: its p99 then rests on 100
  /// above it.
  double steady_window_arrivals = 10'000;
  /// ...and enough that its mean duration, what usage-priced lines bill, has a standard error of
  /// at most this share of the mean: n >= (CV / 0.02)^2 (a lognormal with p99 = 50 x p50 has
  /// CV 4 and wants 40,000), up to the run's budget.
  double steady_window_mean_error = 0.02;
  /// After a burst, what a burst episode still measures: the fleet's return. Target tracking's
  /// scale-in alarm needs 15 one-minute datapoints and a 300 s cooldown (~20 min), then an empty
  /// ECS container instance stops after 15 more minutes of managed scaling; Lambda reclaims its
  /// environments after ~642 s.
  double burst_recovery_seconds = 2'700;
  /// A burst is simulated whole while it takes at most this many budgets of arrivals: cutting it
  /// short changes the throttling and queueing its level is judged on (the sweep evaluates levels
  /// up to twice its budget anyway).
  double whole_burst_budgets = 2;
  /// Strata of a diurnal day (2-hour strata: the profile's curvature over one changes its mean
  /// by under 2% of the day's swing against the value at its middle).
  int diurnal_strata = 12;
  /// Strata of a trace loop that is too long to simulate whole.
  int trace_strata = 24;
  /// Runs of a schedule the percentiles are judged on (SPEC.md: at least 100).
  int scheduled_runs = 100;
  /// The longest calendar span searched for those runs.
  double longest_schedule_seconds = 10 * 365 * 86'400.0;
  /// Realised arrivals must lie within max(this, 3 / sqrt(expected)) of the expectation.
  double arrival_tolerance = 0.02;
  /// Traffic seeds tried before the closest is kept (each a fresh draw of the same process).
  int seed_attempts = 64;
  /// Above this many arrivals to count, the check is skipped: a Poisson count then lies within 2%
  /// at more than 28 standard deviations.
  double max_counted_arrivals = 2e6;
  /// No plan simulates more arrivals than this (or its budget, when that is larger): the main
  /// run's budget (kMaxSimulatedRequests). Rough windows keep a minute of burn-in and two
  /// measured whatever the rate, which at 10^7 requests a second would be 1.8e9 arrivals a run.
  double max_simulated_arrivals = 2e7;
  /// A plan past that is a rough guide whatever its size (its windows are seconds long, their
  /// burn-in too short for the fleet to settle): it is shortened to this many arrivals, a p99 on
  /// 10,000 above it, which keeps such a run to a few seconds over four runtimes and the
  /// remedies the rules re-simulate.
  double rough_plan_arrivals = 1e6;
};

inline constexpr SamplingSettings kSamplingSettings{};

/// One window: where it starts in the traffic's pattern, its burn-in and measured span, and the
/// stratum it stands for.
struct PlannedWindow {
  std::string label;
  double pattern_start_seconds = 0;  ///< measured span starts here (Monday 00:00 UTC = 0)
  double burn_in_seconds = 0;
  double measured_seconds = 0;
  double time_weight = 1;        ///< stratum seconds per measured second
  double arrival_weight = 1;     ///< stratum's expected arrivals per expected arrival measured
  double expected_arrivals = 0;  ///< in the measured span at the declared rates
  double opening_rps = 0;        ///< the rate where the burn-in starts (the warm start's size)
  /// The traffic of this window is a steady base rate (a quiet stratum of a bursty pattern).
  bool base_only = false;
  /// The traffic is the burst's peak rate alone (the rest of a burst too busy to simulate whole).
  bool peak_only = false;
  /// The traffic is a single burst episode: a burst of `episode_burst_seconds` that begins as the
  /// measured span does, on the base rate.
  bool episode = false;
  double episode_burst_seconds = 0;
};

struct SamplePlan {
  std::vector<PlannedWindow> windows;
  double represented_seconds = 0;  ///< the period the windows stand for together
  double expected_arrivals = 0;    ///< in the represented period at the declared mean
  double realised_arrivals = -1;   ///< weighted count when checked before running, else -1
  std::uint64_t traffic_seed = 0;  ///< the arrivals' seed every runtime shares
  std::optional<sim::BurstSchedule> bursts;  ///< bursty: the pattern's bursts
  std::vector<double> run_times_seconds;     ///< scheduled: the runs, from the window's start
  std::vector<std::string> notes;            ///< what the report says about the sample
  /// Some window is shorter than a representative stratum needs (the budget could not afford
  /// it): a rough guide only.
  bool rough = false;
  /// Arrivals the windows simulate together, burn-ins included, at the declared rates: the cost of
  /// the plan on one runtime.
  double simulated_arrivals = 0;
  /// Whether the windows stand for more than themselves.
  bool stratified() const {
    return windows.size() > 1 || (!windows.empty() && windows[0].time_weight != 1);
  }
  /// The seed of window `index`'s arrivals: each stratum is an independent draw.
  std::uint64_t window_seed(std::size_t index) const;
  /// The seed of window `index`'s request durations, shared by every runtime as its arrivals
  /// are (common random numbers: a scheduled job's runs take the same times everywhere).
  std::uint64_t duration_seed(std::size_t index) const;
};

/// What a plan is made for.
struct SampleRequest {
  double seconds = 86'400;  ///< the requested window (a minimum unless `exact`)
  /// Arrivals simulated per runtime at most, burn-ins included; stratify beyond it.
  double max_requests = 1e8;
  std::uint64_t traffic_seed = 1;  ///< the service's arrival seed (traffic_seed_for)
  /// `simulate`: measure exactly `seconds` (no lengthening, no strata) and note missed phases.
  bool exact = false;
};

/// The plan for a service (scheduled ones included).
SamplePlan plan_sample(const Service& service, const SampleRequest& request,
                       const SamplingSettings& settings = kSamplingSettings);

/// The arrivals of one window, from the start of its burn-in.
sim::ArrivalProcess window_arrivals(const Service& service, const SamplePlan& plan,
                                    const PlannedWindow& window);

}  // namespace computefit
