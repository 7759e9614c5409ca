#include "stats/queueing.hpp"

#include <cmath>
#include <limits>

namespace computefit::stats {

namespace {

// Below this many servers (and load) the recursions run from the first server, as they always
// did; above it they start where the terms they skip no longer matter (see erlang_b).
constexpr double kDirectRecursion = 100'000;

}  // namespace

// B(c, a) by the stable recursion b_k = a b / (k + a b) from b_0 = 1. In x = 1 / b the recursion
// is linear, x_k = 1 + (k / a) x_(k-1), so an error in a starting value shrinks by k / a a step:
// for a large load it starts `window` servers below min(c, a) from the fluid value 1 - k / a,
// where the skipped steps would have shrunk any error below e^-45, and it stops once b falls
// under 1e-300 past the load (every later step lowers it further). The work is then
// O(min(c, sqrt(a))) instead of O(c): a spec may name 1e7 slots per instance.
double erlang_b(double servers, double offered_load) {
  if (!(servers >= 1)) return 1.0;
  if (!(offered_load > 0)) return 0.0;
  const double c = std::floor(servers);
  const double a = offered_load;
  double k = 0;
  double b = 1.0;
  const double lower = std::min(c, a);
  if (lower > kDirectRecursion) {
    double window = 50 * std::sqrt(a) + 64;
    if (c < a) window = std::min(window, std::ceil(45 / std::log(a / c)) + 64);
    if (lower - window > 0) {
      k = std::floor(lower - window);
      b = 1 - k / a;
    }
  }
  while (k < c) {
    k += 1;
    b = a * b / (k + a * b);
    if (k > a && b < 1e-300) return 0.0;
  }
  return b;
}

double erlang_c(double servers, double offered_load) {
  if (offered_load <= 0) return 0.0;
  if (offered_load >= servers) return 1.0;
  const double b = erlang_b(servers, offered_load);
  return servers * b / (servers - offered_load * (1.0 - b));
}

// The recursion server by server while that is cheap, then a bisection on erlang_b (which falls
// as servers are added), so that a load of 1e9 does not take 1e9 steps.
int servers_for_blocking(double offered_load, double target_blocking) {
  if (offered_load <= 0) return 0;
  double b = 1.0;
  for (int k = 1; k <= static_cast<int>(kDirectRecursion); ++k) {
    b = offered_load * b / (k + offered_load * b);
    if (b <= target_blocking) return k;
  }
  constexpr double kMaxServers = std::numeric_limits<int>::max();
  double low = kDirectRecursion;  // blocking above the target here
  double high = std::min(kMaxServers, std::ceil(offered_load + 40 * std::sqrt(offered_load) + 64));
  if (erlang_b(high, offered_load) > target_blocking) return static_cast<int>(high);
  while (high - low > 1) {
    const double middle = std::floor((low + high) / 2);
    (erlang_b(middle, offered_load) <= target_blocking ? high : low) = middle;
  }
  return static_cast<int>(high);
}

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double normal_quantile(double p) {
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  // Acklam's rational approximation (relative error 1.15e-9), then one Halley step on erfc.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double p_low = 0.02425;
  double x;
  if (p < p_low) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - p_low) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

double poisson_cdf(int k, double mean) {
  if (k < 0) return 0.0;
  if (mean <= 0) return 1.0;
  // Sum in log space so large means do not underflow the first term.
  double log_term = -mean;
  double total = 0.0;
  for (int i = 0; i <= k; ++i) {
    if (i > 0) log_term += std::log(mean) - std::log(static_cast<double>(i));
    total += std::exp(log_term);
  }
  return total > 1.0 ? 1.0 : total;
}

// Summed from the first term, or for a large mean from 40 standard deviations below it (the
// terms before hold under e^-800 of the mass): O(sqrt(mean)) work, not O(mean).
int poisson_quantile(double p, double mean) {
  if (!(mean > 0)) return 0;
  double k = 0;
  if (mean > kDirectRecursion) k = std::floor(mean - 40 * std::sqrt(mean));
  double log_term = -mean + k * std::log(mean) - std::lgamma(k + 1);
  double total = std::exp(log_term);
  const double last = mean + 40 * std::sqrt(mean) + 1000;  // p = 1 with rounding stops here
  while (total < p && k <= last) {
    k += 1;
    log_term += std::log(mean) - std::log(k);
    total += std::exp(log_term);
  }
  return static_cast<int>(std::min(k, static_cast<double>(std::numeric_limits<int>::max())));
}

}  // namespace computefit::stats
