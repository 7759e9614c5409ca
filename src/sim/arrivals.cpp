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

DiurnalArrivals::DiurnalArrivals(double rps_in, double peak_rps_in, double start_seconds_in)
    : rps(rps_in), peak_rps(std::max(peak_rps_in, rps_in)), start_seconds(start_seconds_in) {
  if (peak_rps <= 2 * rps) {
    exponent = 0;
    return;
  }
  // The same profile is made for every window and runtime of a service: its exponent (a few
  // hundred log-gamma evaluations) is remembered for the last mean and peak of each thread.
  thread_local double last_rps = -1, last_peak = -1, last_exponent = 0;
  if (rps == last_rps && peak_rps == last_peak) {
    exponent = last_exponent;
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
  last_rps = rps;
  last_peak = peak_rps;
  last_exponent = exponent;
}

double DiurnalArrivals::rate_at(double seconds) const {
  const double phase =
      2 * std::numbers::pi * (seconds - kDiurnalPeakHourUtc * 3600) / kSecondsPerDay;
  if (exponent == 0) return rps + (peak_rps - rps) * std::cos(phase);
  return peak_rps * std::pow((1 + std::cos(phase)) / 2, exponent);
}

// The profile rises from its 02:00 trough to its 14:00 peak and falls back, so its maximum over a
// segment lies at an end of it unless the segment holds the peak.
void DiurnalArrivals::enter_segment(std::int64_t index) {
  segment_ = index;
  const double begin = static_cast<double>(index) * kSegmentSeconds;
  const double end = begin + kSegmentSeconds;
  segment_end_ = end - start_seconds;
  const double at_begin = rate_at(begin);
  const double at_end = rate_at(end);
  envelope_ = std::max(at_begin, at_end);
  const double day_start = std::floor(begin / kSecondsPerDay) * kSecondsPerDay;
  for (const double peak : {day_start + kDiurnalPeakHourUtc * 3600,
                            day_start + kSecondsPerDay + kDiurnalPeakHourUtc * 3600}) {
    if (peak >= begin && peak < end) envelope_ = peak_rps;
  }
  // Likewise its minimum lies at an end unless the segment holds the trough. A candidate drawn
  // under that minimum is accepted without evaluating the profile: the same decision the profile
  // gives, since the floor sits below the rate the profile computes anywhere in the segment by
  // more than its rounding (relative 1e-6 and 1e-9 of the peak, against at most ~1e-9 of error
  // from the phase of a 10-year run; a steep profile's power multiplies that error, so past
  // kMaxSqueezedExponent every candidate is checked).
  constexpr double kTroughHourUtc = kDiurnalPeakHourUtc - 12;
  constexpr double kMaxSqueezedExponent = 100;
  floor_ = 0;
  if (exponent > kMaxSqueezedExponent) return;
  for (const double trough :
       {day_start + kTroughHourUtc * 3600, day_start + kSecondsPerDay + kTroughHourUtc * 3600}) {
    if (trough > begin && trough < end) return;
  }
  floor_ = std::min(at_begin, at_end) * (1 - 1e-6) - peak_rps * 1e-9;
}

Tick DiurnalArrivals::next(Rng& rng, Tick /*after*/) {
  if (peak_rps <= 0) return kNever;
  if (segment_ < 0) {
    enter_segment(static_cast<std::int64_t>(std::floor(start_seconds / kSegmentSeconds)));
  }
  double remaining = standard_exponential(rng);  // envelope rate still to integrate
  while (true) {
    if (envelope_ > 0 && clock_seconds + remaining / envelope_ < segment_end_) {
      clock_seconds += remaining / envelope_;
      const Tick t = seconds_to_arrival_tick(clock_seconds);
      if (t >= kNever) return kNever;
      const double u = rng.uniform() * envelope_;
      if (u < floor_ || u < rate_from_start(clock_seconds)) return t;
      remaining = standard_exponential(rng);
      continue;
    }
    remaining -= envelope_ * (segment_end_ - clock_seconds);
    clock_seconds = segment_end_;
    if (seconds_to_arrival_tick(clock_seconds) >= kNever) return kNever;
    enter_segment(segment_ + 1);
  }
}

BurstSchedule BurstSchedule::conditioned(double base_rps, double peak_rps, double burst_seconds,
                                         double period_seconds, int count, Rng& rng) {
  BurstSchedule schedule{base_rps, peak_rps, burst_seconds, period_seconds, {}};
  const double quiet = std::max(0.0, period_seconds - count * burst_seconds);
  for (int i = 0; i < count; ++i) schedule.starts.push_back(rng.uniform() * quiet);
  std::sort(schedule.starts.begin(), schedule.starts.end());
  for (int i = 0; i < count; ++i) schedule.starts[static_cast<std::size_t>(i)] += i * burst_seconds;
  return schedule;
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

BurstyArrivals::BurstyArrivals(BurstSchedule schedule, double start_seconds)
    : peak_rps(schedule.peak_rps),
      burst_seconds(schedule.burst_seconds),
      bursts_per_hour(schedule.period_seconds > 0
                          ? 3600 * static_cast<double>(schedule.starts.size()) /
                                schedule.period_seconds
                          : 0),
      base_rps(schedule.base_rps),
      schedule_(std::move(schedule)),
      start_seconds_(start_seconds) {}

double BurstyArrivals::burst_fraction() const {
  if (bursts_per_hour <= 0) return 0;
  const double mean_gap_seconds = 3600 / bursts_per_hour;
  return burst_seconds / (burst_seconds + mean_gap_seconds);
}

void BurstyArrivals::next_segment(Rng& rng) {
  const std::vector<double>& starts = schedule_.starts;
  const double period = schedule_.period_seconds;
  if (!started_) {
    started_ = true;
    in_burst_ = false;
    if (starts.empty() || period <= 0) {
      segment_end_ = schedule_.period_seconds > 0 || bursts_per_hour <= 0
                         ? 1e300
                         : exponential(rng, 3600 / bursts_per_hour);
      return;
    }
    // Fixed bursts: find where `start_seconds_` of the pattern falls.
    loop_ = static_cast<std::int64_t>(std::floor(start_seconds_ / period));
    const double at = start_seconds_ - static_cast<double>(loop_) * period;
    std::size_t i = 0;
    while (i < starts.size() && starts[i] + burst_seconds <= at) ++i;
    if (i == starts.size()) {
      i = 0;
      ++loop_;
    }
    const double base = static_cast<double>(loop_) * period - start_seconds_;
    in_burst_ = base + starts[i] <= 0;
    segment_end_ = base + starts[i] + (in_burst_ ? burst_seconds : 0);
    next_start_ = in_burst_ ? i + 1 : i;
    return;
  }
  if (starts.empty()) {  // random bursts
    in_burst_ = !in_burst_;
    segment_end_ += in_burst_ ? burst_seconds
                              : (bursts_per_hour > 0 && schedule_.period_seconds <= 0
                                     ? exponential(rng, 3600 / bursts_per_hour)
                                     : 1e300);
    return;
  }
  if (!in_burst_) {  // the burst the quiet time led to begins
    in_burst_ = true;
    segment_end_ += burst_seconds;
    ++next_start_;
    return;
  }
  in_burst_ = false;
  if (next_start_ == starts.size()) {
    next_start_ = 0;
    ++loop_;
  }
  segment_end_ = static_cast<double>(loop_) * period + starts[next_start_] - start_seconds_;
}

Tick BurstyArrivals::next(Rng& rng, Tick /*after*/) {
  if (!started_) next_segment(rng);
  double t = clock_seconds_;
  double remaining = exponential(rng, 1.0);  // integrated rate still to cover
  while (true) {
    while (segment_end_ <= t) next_segment(rng);
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

TraceArrivals::TraceArrivals(std::vector<TraceRow> rows_in, double start_seconds,
                             double end_seconds)
    : rows(std::move(rows_in)), end_seconds_(end_seconds) {
  if (!rows.empty()) period_seconds = rows.back().start_seconds + interval_seconds(rows.size() - 1);
  has_arrivals_ = period_seconds > 0 && mean_rps() > 0;
  if (!has_arrivals_ || start_seconds == 0) return;
  // Start inside the loop: skip the rows, and the arrivals of the row, before the start.
  offset_seconds_ = start_seconds - std::floor(start_seconds / period_seconds) * period_seconds;
  while (row_ + 1 < rows.size() && rows[row_ + 1].start_seconds <= offset_seconds_) ++row_;
  const double into = offset_seconds_ - rows[row_].start_seconds;
  const double length = interval_seconds(row_);
  const auto count = static_cast<double>(rows[row_].count);
  const double before = length > 0 ? std::ceil(into * count / length - 0.5) : count;
  index_in_row_ = static_cast<std::int64_t>(std::clamp(before, 0.0, count));
}

double TraceArrivals::interval_seconds(std::size_t row) const {
  if (row + 1 < rows.size()) return rows[row + 1].start_seconds - rows[row].start_seconds;
  if (end_seconds_ > rows[row].start_seconds) return end_seconds_ - rows[row].start_seconds;
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
  return seconds_to_arrival_tick(std::max(0.0, seconds - offset_seconds_));
}

std::int64_t count_arrivals(ArrivalProcess process, std::uint64_t traffic_seed, double from_seconds,
                            double to_seconds) {
  Rng rng(traffic_seed);
  const Tick from = seconds_to_arrival_tick(from_seconds);
  const Tick to = seconds_to_arrival_tick(to_seconds);
  return std::visit(
      [&](auto& p) {
        std::int64_t count = 0;
        for (Tick t = p.next(rng, 0); t < to; t = p.next(rng, t)) count += t >= from;
        return count;
      },
      process);
}

std::optional<ArrivalRecord> record_arrivals(ArrivalProcess process, std::uint64_t traffic_seed,
                                             Tick end, std::size_t max_ticks,
                                             std::size_t expected_ticks) {
  Rng rng(traffic_seed);
  return std::visit(
      [&](auto& p) -> std::optional<ArrivalRecord> {
        ArrivalRecord ticks;
        ticks.reserve(std::min(expected_ticks, max_ticks));
        for (Tick t = p.next(rng, 0);; t = p.next(rng, t)) {
          if (t >= kNever) break;
          if (ticks.size() == max_ticks) return std::nullopt;
          ticks.push_back(t);
          if (t >= end) break;
        }
        ticks.shrink_to_fit();
        return ticks;
      },
      process);
}

}  // namespace computefit::sim
