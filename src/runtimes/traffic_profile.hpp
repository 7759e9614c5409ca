#pragma once
// A service's arrivals reduced to rate segments (fractions of time at a rate), for the analytic
// estimators. The shapes follow SPEC.md; the diurnal curve is documented in docs/runtimes.md.

#include <optional>
#include <vector>

#include "workload/month.hpp"
#include "workload/spec.hpp"

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

/// The rate segments of a (non-scheduled) service's traffic.
TrafficProfile traffic_profile(const Traffic& traffic);

/// The diurnal rate at `hour_of_day` (UTC) for a profile with mean `mean_rps` and maximum
/// `peak_rps` at 14:00.
double diurnal_rps(double mean_rps, double peak_rps, double hour_of_day);

}  // namespace computefit
