#pragma once
// Closed forms of queueing theory, used by the steady-state estimators and as references for the
// simulator's tests.

namespace computefit::stats {

/// Erlang B: the probability that an arrival finds all `servers` busy in an M/G/c/c loss system
/// with offered load `offered_load` (= arrival rate x mean service time). Stable recursion, in
/// O(min(servers, sqrt(load))) steps for a large load: bounded whatever counts a spec names.
double erlang_b(double servers, double offered_load);
/// Erlang C: the probability that an arrival waits in an M/M/c queue (requires load < servers).
double erlang_c(double servers, double offered_load);
/// The smallest c with erlang_b(c, load) <= target (at most INT_MAX).
int servers_for_blocking(double offered_load, double target_blocking);
/// The standard normal quantile (inverse CDF), |error| < 1e-9 over (0, 1).
double normal_quantile(double p);
/// The standard normal CDF.
double normal_cdf(double x);
/// P(X <= k) for X ~ Poisson(mean).
double poisson_cdf(int k, double mean);
/// The smallest k with P(X <= k) >= p for X ~ Poisson(mean).
int poisson_quantile(double p, double mean);

}  // namespace computefit::stats
