#pragma once
// The closed forms of the Lambda model, exposed for tests and for the simulator's checks.

#include <string>

#include "runtimes/latency.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// One request's warm duration on Lambda: the spec's duration_ms, scaled for a cpu_bound service
/// by min(vcpu, 1) / min(the vCPU Lambda gives its memory (1,769 MB per vCPU), 1), and with the CPU
/// part of cpu_ms_per_request slowed below one vCPU. The one definition every estimate, simulation
/// and rule uses.
DurationSpec lambda_duration(const Service& service);
/// The assumption that says how a cpu_bound service's durations scale on Lambda; empty when they
/// do not.
std::string lambda_cpu_bound_assumption(const Service& service);

/// Cold-start probability of a single environment at a low Poisson rate: the keep-alive closed
/// form e^(-rate (keep_alive + duration)) plus the chance rate x duration that the environment is
/// busy (simulation.md 5.4; valid for rate x duration << 1).
double lambda_low_rate_cold_fraction(double rate_per_s, double keep_alive_s, double duration_s);

/// Environments kept warm at a rate: the Poisson quantile of busy environments that is exceeded
/// about once per keep-alive window (T / mean duration independent samples).
int lambda_warm_pool(double rate_per_s, double duration_s, double keep_alive_s, int limit);

/// Latency quantiles when a fraction `cold_fraction` of requests pays `init` before the warm
/// `duration`: the exact mixture (1 - pc) D + pc (I + D), so that past 1 - q cold starts the q-th
/// percentile includes the cold start (SPEC.md).
LatencyQuantiles lambda_latency(const DurationSpec& duration, const DurationSpec& init,
                                double cold_fraction);

}  // namespace computefit
