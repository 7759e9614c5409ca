#pragma once
// A service's arrivals reduced to rate segments (fractions of time at a rate), for the analytic
// estimators. The shapes follow SPEC.md; the diurnal curve is documented in docs/runtimes.md.

#include <optional>
#include <vector>

#include "spec/spec.hpp"

namespace computefit {

/// A share of the month spent at one arrival rate.
struct RateSegment {
  double rps = 0;
  double time_fraction = 0;
};

/// Bursts of a bursty service after SPEC.md's lowering.
struct Bursts {
  double per_hour = 0;  ///< effective bursts per hour
  double seconds = 0;   ///< length of one burst
  double peak_rps = 0;
  double base_rps = 0;
  double time_fraction = 0;  ///< share of time in a burst
};

struct TrafficProfile {
  double mean_rps = 0;
  double peak_rps = 0;
  std::vector<RateSegment> segments;  ///< time fractions sum to 1
  std::optional<Bursts> bursts;       ///< bursty only
};

/// Seconds in the contract's 730-hour month.
inline constexpr double kSecondsPerMonth = 730.0 * 3600.0;

/// The rate segments of a (non-scheduled) service's traffic.
TrafficProfile traffic_profile(const Traffic& traffic);

/// The diurnal rate at `hour_of_day` (UTC) for a profile with mean `mean_rps` and maximum
/// `peak_rps` at 14:00.
double diurnal_rps(double mean_rps, double peak_rps, double hour_of_day);

/// Runs of a schedule in an average 730-hour month: rate(): 730 h / period; cron(): the runs in
/// the non-leap year 2025 scaled by 730 / 8,760 (the year field is not consulted).
double scheduled_runs_per_month(const Schedule& schedule);

}  // namespace computefit
