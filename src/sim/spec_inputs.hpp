#pragma once
// The spec's traffic and durations as the simulator's inputs: the one place that translates
// src/workload types into src/sim types.

#include "sim/arrivals.hpp"
#include "sim/distribution.hpp"
#include "sim/lambda_sim.hpp"
#include "workload/spec.hpp"

namespace computefit::sim {

/// The arrival process of a service's traffic (not for scheduled services).
ArrivalProcess arrivals_for(const Traffic& traffic);
/// A duration distribution in seconds from a spec duration in milliseconds, times `scale`.
Distribution distribution_for(const DurationSpec& duration_ms, double scale = 1.0);
/// A Lambda worker's SQS event source mapping on its simulator configuration: the batch size and
/// batching window (AWS's defaults where the spec leaves them out), the maximum concurrency
/// (within AWS's 2-1,000) and the queue's visibility timeout as the redelivery delay.
void apply_event_source(const EventSource& source, LambdaSimConfig& config);

}  // namespace computefit::sim
