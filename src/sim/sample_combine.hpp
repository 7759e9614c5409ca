#pragma once
// A stratified sample's windows pooled into one result (SPEC.md "Representative samples"): each
// window stands for a stratum of the represented period, so what it measured counts that many
// times. Quantities that accrue with time (levels, instance and host time, provisioned capacity)
// take the window's time weight; quantities that accrue with requests (counts, latency, billed
// duration) its arrival weight, so that the pooled arrivals equal the stratum's expectation.

#include <vector>

#include "sim/simulation_result.hpp"

namespace computefit::sim {

/// One window's result and how much of the represented period it stands for.
struct WeightedResult {
  const SimulationResult* result = nullptr;
  double time_weight = 1;     ///< stratum seconds per measured second
  double arrival_weight = 1;  ///< stratum's expected arrivals per expected arrival in the window
};

/// The pooled result: simulated_seconds is the represented period, counts are weighted sums
/// (rounded), latency percentiles come from the weighted histograms, peaks are the largest of any
/// window, and the busiest hour is the busiest window's. Batch-means intervals are kept for a
/// single window of weight 1 and left out otherwise (the windows' batches are not one series).
SimulationResult combine_samples(const std::vector<WeightedResult>& parts);

}  // namespace computefit::sim
