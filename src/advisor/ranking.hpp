#pragma once
// Ranks a service's options as SPEC.md's "Ranking (revision 2)" says and says why the first one
// won: feasible before infeasible, options that meet every declared SLO target before those that
// miss one (failed requests count as misses), the first ordered by a weighted score over cost,
// latency and operability, the second by how far they miss. docs/ranking.md.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "advisor/report.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// Fills each option's slo_met, slo_misses and score, sorts best first (ties in the contract's
/// runtime order) and sets the recommendation and its `why`, computed from the options' numbers.
void rank_options(const Service& service, const Priorities& priorities, ServiceReport& report);

/// The share of an option's requests that failed (throttled, timed out, dropped):
/// `failed_fraction` when the simulation filled it, else `throttled_fraction`, else 0.
double failed_share(const Option& option);

/// The worst ratio of a declared SLO percentile to its target, a failed request counting as
/// infinitely slow: +infinity when more requests fail than the percentile leaves out (more than 1%
/// for p99). nullopt when the SLO declares no target.
std::optional<double> worst_slo_ratio(const Slo& slo, const LatencyMs& latency, double failed);

/// The latency credit of an option with an SLO, from its worst ratio r: 1 for r <= 0.5 (well
/// inside the target), then 1 - (r - 0.5), 0.5 at r = 1; never below 0.
double latency_credit_with_slo(double worst_ratio);

/// The latency credit of an option without an SLO, with `p99_ms` its p99 and `best_p99_ms` the
/// lowest among the feasible options: min(1, (1.1 b + 50 ms) / p); 0 when p is infinite.
double latency_credit_without_slo(double p99_ms, double best_p99_ms);

/// The monthly cost difference below which cost credits are equal: an hour of an engineer's time
/// ($64) times the share of the priorities not on cost (0 when cost is all that is weighed).
double cost_materiality_usd(const Priorities& priorities);

/// An option's monthly cost as the renderers print it: the sum of its items rounded to cents
/// (its monthly_cost_usd when it has no items), so that a sentence quotes the table's figure.
double quoted_monthly_cost(const Option& option);

/// The SLO percentiles an option misses, e.g. "p99 412 ms > 300 ms", or "2.3% of requests failed,
/// more than the 1% a p99 leaves out"; empty when it meets them all.
std::vector<std::string> slo_misses(const Slo& slo, const LatencyMs& latency, double failed = 0);

/// How an option misses its worst percentile, e.g. "p99 412 ms, 1.4× the 300 ms target" or
/// "2.3% of requests failed, more than the 1% a p99 leaves out"; empty when it meets the SLO.
std::string worst_miss(const Slo& slo, const LatencyMs& latency, double failed);

}  // namespace computefit
