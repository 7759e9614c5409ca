#include "sim/arrivals.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace computefit::sim {
namespace {

// The mean over a day of ((1 + cos x) / 2)^k: Gamma(k + 1/2) / (sqrt(pi) Gamma(k + 1)).
double raised_cosine_mean(double k) {
  return std::exp(std::lgamma(k + 0.5) - std::lgamma(k + 1.0)) / std::sqrt(std::numbers::pi);
}

}  // namespace

DiurnalArrivals::DiurnalArrivals(double rps_in, double peak_rps_in)
    : rps(rps_in), peak_rps(std::max(peak_rps_in, rps_in)) {
  if (peak_rps <= 2 * rps) {
    exponent = 0;
    return;
  }
  // raised_cosine_mean falls from 1/2 at k = 1 towards 0: bisect for mean / peak.
  const double target = rps / peak_rps;
  double low = 1;
  double high = 2;
  while (raised_cosine_mean(high) > target) high *= 2;
  for (int i = 0; i < 200 && high - low > 1e-12 * high; ++i) {
    const double middle = (low + high) / 2;
    (raised_cosine_mean(middle) > target ? low : high) = middle;
  }
  exponent = (low + high) / 2;
}

double DiurnalArrivals::rate_at(double seconds) const {
  const double phase =
      2 * std::numbers::pi * (seconds - kDiurnalPeakHourUtc * 3600) / kSecondsPerDay;
  if (exponent == 0) return rps + (peak_rps - rps) * std::cos(phase);
  return peak_rps * std::pow((1 + std::cos(phase)) / 2, exponent);
}

Tick DiurnalArrivals::next(Rng& rng, Tick /*after*/) {
  if (peak_rps <= 0) return kNever;
  while (true) {
    clock_seconds += exponential(rng, 1.0 / peak_rps);
    const Tick t = seconds_to_arrival_tick(clock_seconds);
    if (t >= kNever) return kNever;
    if (rng.uniform() * peak_rps < rate_at(clock_seconds)) return t;
  }
}

BurstyArrivals::BurstyArrivals(double rps, double peak_rps_in, double burst_seconds_in,
                               double bursts_per_hour_in)
    : peak_rps(std::max(peak_rps_in, rps)),
      burst_seconds(burst_seconds_in),
      bursts_per_hour(bursts_per_hour_in) {
  double fraction = burst_fraction();
  if (peak_rps * fraction > rps) {
    // Rarer bursts: the fraction of time in bursts that gives the mean with no base traffic.
    fraction = rps / peak_rps;
    const double mean_gap_seconds = burst_seconds * (1 - fraction) / fraction;
    bursts_per_hour = 3600 / mean_gap_seconds;
    base_rps = 0;
  } else {
    base_rps = (rps - peak_rps * fraction) / (1 - fraction);
  }
}

double BurstyArrivals::burst_fraction() const {
  if (bursts_per_hour <= 0) return 0;
  const double mean_gap_seconds = 3600 / bursts_per_hour;
  return burst_seconds / (burst_seconds + mean_gap_seconds);
}

Tick BurstyArrivals::next(Rng& rng, Tick /*after*/) {
  if (!started_) {
    started_ = true;
    in_burst_ = false;
    segment_end_ = bursts_per_hour > 0 ? exponential(rng, 3600 / bursts_per_hour) : 1e300;
  }
  double t = clock_seconds_;
  double remaining = exponential(rng, 1.0);  // integrated rate still to cover
  while (true) {
    while (segment_end_ <= t) {
      in_burst_ = !in_burst_;
      segment_end_ +=
          in_burst_ ? burst_seconds
                    : (bursts_per_hour > 0 ? exponential(rng, 3600 / bursts_per_hour) : 1e300);
    }
    const double rate = in_burst_ ? peak_rps : base_rps;
    if (rate > 0 && t + remaining / rate < segment_end_) {
      clock_seconds_ = t + remaining / rate;
      return seconds_to_arrival_tick(clock_seconds_);
    }
    if (segment_end_ >= 1e299) return kNever;
    remaining -= rate * (segment_end_ - t);
    t = segment_end_;
  }
}

TraceArrivals::TraceArrivals(std::vector<TraceRow> rows_in) : rows(std::move(rows_in)) {
  if (!rows.empty()) period_seconds = rows.back().start_seconds + interval_seconds(rows.size() - 1);
  has_arrivals_ = period_seconds > 0 && mean_rps() > 0;
}

double TraceArrivals::interval_seconds(std::size_t row) const {
  if (row + 1 < rows.size()) return rows[row + 1].start_seconds - rows[row].start_seconds;
  if (rows.size() >= 2) return rows[row].start_seconds - rows[row - 1].start_seconds;
  return 1.0;
}

double TraceArrivals::mean_rps() const {
  if (period_seconds <= 0) return 0;
  double total = 0;
  for (const auto& row : rows) total += static_cast<double>(row.count);
  return total / period_seconds;
}

Tick TraceArrivals::next(Rng& /*rng*/, Tick /*after*/) {
  if (!has_arrivals_) return kNever;
  while (index_in_row_ >= rows[row_].count) {
    index_in_row_ = 0;
    if (++row_ == rows.size()) {
      row_ = 0;
      ++loop_;
    }
  }
  const double length = interval_seconds(row_);
  const double seconds =
      static_cast<double>(loop_) * period_seconds + rows[row_].start_seconds +
      (static_cast<double>(index_in_row_) + 0.5) * length / static_cast<double>(rows[row_].count);
  ++index_in_row_;
  return seconds_to_arrival_tick(seconds);
}

}  // namespace computefit::sim
