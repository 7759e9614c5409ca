#include "runtimes/traffic_profile.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace computefit {
namespace {

// Mean over a day of ((1 + cos)/2)^k = Gamma(k + 1/2) / (sqrt(pi) Gamma(k + 1)).
double raised_cosine_mean(double k) {
  return std::exp(std::lgamma(k + 0.5) - std::lgamma(k + 1)) / std::sqrt(std::numbers::pi);
}

// Diurnal samples every 15 minutes: fine enough that target tracking (minutes) follows them.
constexpr int kDiurnalSamples = 96;
// At most this many segments for a trace (runs of consecutive rows merged past it): a day at one
// row a minute keeps its 1,440; the latency mixture over them stays under a second.
constexpr std::size_t kMaxProfileSegments = 4'096;

}  // namespace

namespace {

// A plain cosine would go negative past peak = 2 x mean: the profile is then
// peak x ((1 + cos)/2)^k with k so that the mean holds (0: the plain cosine).
double diurnal_exponent(double mean_rps, double peak_rps) {
  if (peak_rps <= 2 * mean_rps) return 0;
  const double target = mean_rps / peak_rps;
  double lo = 1, hi = 1e6;
  for (int i = 0; i < 200; ++i) {
    const double mid = std::sqrt(lo * hi);
    (raised_cosine_mean(mid) > target ? lo : hi) = mid;
  }
  return std::sqrt(lo * hi);
}

double diurnal_rps_with(double mean_rps, double peak_rps, double exponent, double hour_of_day) {
  const double phase = 2 * std::numbers::pi * (hour_of_day - 14.0) / 24.0;
  if (peak_rps <= mean_rps) return mean_rps;
  if (peak_rps <= 2 * mean_rps) return mean_rps + (peak_rps - mean_rps) * std::cos(phase);
  return peak_rps * std::pow((1 + std::cos(phase)) / 2, exponent);
}

}  // namespace

double diurnal_rps(double mean_rps, double peak_rps, double hour_of_day) {
  if (peak_rps <= mean_rps) return mean_rps;
  return diurnal_rps_with(mean_rps, peak_rps, diurnal_exponent(mean_rps, peak_rps), hour_of_day);
}

TrafficProfile traffic_profile(const Traffic& traffic) {
  TrafficProfile p;
  p.mean_rps = traffic.rps;
  p.peak_rps = std::max(traffic.rps, traffic.peak_rps.value_or(traffic.rps));
  switch (traffic.shape) {
    case TrafficShape::steady:
      p.segments = {{traffic.rps, 1}};
      break;
    case TrafficShape::diurnal: {
      // Renormalise the samples so the sampled mean is exactly rps.
      std::vector<double> rates;
      double sum = 0;
      // The exponent depends on the mean and peak alone: found once, not per sample.
      const double exponent =
          p.peak_rps <= traffic.rps ? 0 : diurnal_exponent(traffic.rps, p.peak_rps);
      for (int i = 0; i < kDiurnalSamples; ++i) {
        const double hour = 24.0 * (i + 0.5) / kDiurnalSamples;
        rates.push_back(diurnal_rps_with(traffic.rps, p.peak_rps, exponent, hour));
        sum += rates.back();
      }
      const double scale = sum > 0 ? traffic.rps * kDiurnalSamples / sum : 0;
      for (double r : rates) p.segments.push_back({r * scale, 1.0 / kDiurnalSamples});
      break;
    }
    case TrafficShape::bursty: {
      Bursts b;
      b.seconds = traffic.burst_seconds;
      b.peak_rps = p.peak_rps;
      b.per_hour = traffic.bursts_per_hour;
      b.time_fraction = std::min(1.0, b.per_hour * b.seconds / 3600);
      if (b.peak_rps * b.time_fraction >= traffic.rps) {
        // SPEC.md: bursts alone would exceed the mean, so they become rarer and the base is 0.
        b.time_fraction = b.peak_rps > 0 ? traffic.rps / b.peak_rps : 0;
        b.per_hour = b.seconds > 0 ? b.time_fraction * 3600 / b.seconds : 0;
        b.base_rps = 0;
      } else {
        b.base_rps = (traffic.rps - b.peak_rps * b.time_fraction) / (1 - b.time_fraction);
      }
      p.segments = {{b.base_rps, 1 - b.time_fraction}, {b.peak_rps, b.time_fraction}};
      p.bursts = b;
      break;
    }
    case TrafficShape::trace: {
      // One segment per row, or per run of consecutive rows past kMaxProfileSegments: each
      // segment is a component of the estimators' latency mixture, whose work and memory grow
      // with their number.
      const auto& rows = traffic.trace;
      const std::size_t group = (rows.size() + kMaxProfileSegments - 1) / kMaxProfileSegments;
      double total = 0;
      for (std::size_t first = 0; first < rows.size(); first += group) {
        double length = 0;
        double count = 0;
        for (std::size_t i = first; i < std::min(rows.size(), first + group); ++i) {
          double row_length = 0;
          if (i + 1 < rows.size())
            row_length = rows[i + 1].seconds - rows[i].seconds;
          else if (traffic.trace_end_seconds > rows[i].seconds)
            row_length = traffic.trace_end_seconds - rows[i].seconds;
          else if (i > 0)
            row_length = rows[i].seconds - rows[i - 1].seconds;
          if (row_length <= 0) continue;
          length += row_length;
          count += rows[i].count;
        }
        if (length <= 0) continue;
        p.segments.push_back({count / length, length});
        total += length;
      }
      if (total <= 0) {
        p.segments = {{traffic.rps, 1}};
      } else {
        double weighted = 0;
        p.peak_rps = 0;
        for (RateSegment& s : p.segments) {
          s.time_fraction /= total;
          weighted += s.rps * s.time_fraction;
          p.peak_rps = std::max(p.peak_rps, s.rps);
        }
        p.mean_rps = weighted;
      }
      break;
    }
  }
  return p;
}

}  // namespace computefit
