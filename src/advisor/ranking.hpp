#pragma once
// Ranks a service's options and says why the first one won: feasibility first, then the SLO, then
// a weighted score over cost, latency and operability (weights from the spec's `priorities`).

#include <string>
#include <vector>

#include "advisor/report.hpp"
#include "spec/spec.hpp"

namespace computefit {

/// Fills each option's slo_met/slo_misses and score, sorts best first (ties in the contract's
/// runtime order) and sets the recommendation and its `why`.
void rank_options(const Service& service, const Priorities& priorities, ServiceReport& report);

/// The SLO percentiles an option misses, e.g. "p99 412 ms > 300 ms"; empty when it meets them.
std::vector<std::string> slo_misses(const Slo& slo, const LatencyMs& latency);

}  // namespace computefit
