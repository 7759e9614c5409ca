#pragma once
// Response-time quantiles of a warm duration plus a waiting time, mixed over load conditions.

#include <vector>

#include "workload/spec.hpp"

namespace computefit {

/// One load condition: a share of the requests, a fixed delay before the request runs, and how
/// long it waits for a free slot: with probability `wait_probability` an exponential wait of rate
/// `wait_rate_per_ms` (M/M/c), or, when `uniform_wait_max_ms` > 0, a uniform wait on [0, max]
/// (a backlog growing linearly during an overload).
struct LatencyComponent {
  double weight = 0;
  double shift_ms = 0;
  double wait_probability = 0;
  double wait_rate_per_ms = 0;
  double uniform_wait_max_ms = 0;
};

struct LatencyQuantiles {
  double p50_ms = 0, p95_ms = 0, p99_ms = 0;
};

/// Quantiles of R = shift + wait + D (D from `duration`, independent of the wait), mixed over the
/// components by weight; a component with weight 0 is ignored.
LatencyQuantiles mixture_quantiles(const DurationSpec& duration,
                                   const std::vector<LatencyComponent>& components);

}  // namespace computefit
