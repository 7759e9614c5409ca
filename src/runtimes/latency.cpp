#include "runtimes/latency.hpp"

#include <algorithm>
#include <cmath>

namespace computefit {
namespace {

// The duration is represented by this many equally likely quantiles; 2,000 resolve the 99th
// percentile to within 0.05 percentage points.
constexpr int kDurationSamples = 2000;

double wait_tail(const LatencyComponent& c, double x) {
  if (x < 0) return 1;
  if (c.uniform_wait_max_ms > 0) return std::max(0.0, 1 - x / c.uniform_wait_max_ms);
  if (c.wait_probability <= 0 || c.wait_rate_per_ms <= 0) return 0;
  return c.wait_probability * std::exp(-c.wait_rate_per_ms * x);
}

}  // namespace

LatencyQuantiles mixture_quantiles(const DurationSpec& duration,
                                   const std::vector<LatencyComponent>& components) {
  std::vector<double> samples(kDurationSamples);
  for (int i = 0; i < kDurationSamples; ++i) {
    samples[i] = duration.quantile((i + 0.5) / kDurationSamples);
  }
  double total_weight = 0, upper = samples.back();
  for (const LatencyComponent& c : components) {
    if (c.weight <= 0) continue;
    total_weight += c.weight;
    double wait_max = c.uniform_wait_max_ms;
    if (c.wait_probability > 0 && c.wait_rate_per_ms > 0) {
      wait_max = std::max(wait_max,
                          std::log(std::max(1.0, c.wait_probability * 1e6)) / c.wait_rate_per_ms);
    }
    upper = std::max(upper, samples.back() + c.shift_ms + wait_max);
  }
  if (total_weight <= 0) {
    return {duration.quantile(0.5), duration.quantile(0.95), duration.quantile(0.99)};
  }
  auto tail = [&](double t) {
    double sum = 0;
    for (const LatencyComponent& c : components) {
      if (c.weight <= 0) continue;
      double part = 0;
      for (double d : samples) part += wait_tail(c, t - c.shift_ms - d);
      sum += c.weight * part / kDurationSamples;
    }
    return sum / total_weight;
  };
  auto quantile = [&](double q) {
    double lo = 0, hi = upper * 1.01 + 1;
    for (int i = 0; i < 60; ++i) {
      const double mid = (lo + hi) / 2;
      (tail(mid) > 1 - q ? lo : hi) = mid;
    }
    return hi;
  };
  return {quantile(0.5), quantile(0.95), quantile(0.99)};
}

}  // namespace computefit
