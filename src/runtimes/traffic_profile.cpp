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

bool contains(const std::vector<int>& values, int v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// EventBridge day of week: 1 = Sunday ... 7 = Saturday. 2025-01-01 was a Wednesday (4).
int day_of_week(int day_of_year_zero_based) {
  return (day_of_year_zero_based + 3) % 7 + 1;
}

bool day_matches(const Schedule& s, int year, int month, int day, int dow, int doy) {
  const int last = days_in_month(year, month);
  bool dom_ok = s.day_of_month_any || contains(s.days_of_month, day);
  if (s.last_day_of_month) dom_ok = day == last;
  if (s.nearest_weekday_to) {
    // The weekday nearest the given day, within the month.
    int target = std::min(*s.nearest_weekday_to, last);
    int target_dow = day_of_week(doy + (target - day));
    if (target_dow == 7)
      target = target == 1 ? target + 2 : target - 1;
    else if (target_dow == 1)
      target = target == last ? target - 2 : target + 1;
    dom_ok = day == target;
  }
  bool dow_ok = s.day_of_week_any || contains(s.days_of_week, dow);
  if (s.nth_weekday)
    dow_ok = dow == s.nth_weekday->first && (day - 1) / 7 + 1 == s.nth_weekday->second;
  if (s.last_weekday_of_month) dow_ok = dow == *s.last_weekday_of_month && day + 7 > last;
  // EventBridge requires one of the two fields to be "?": the other one decides.
  return dom_ok && dow_ok;
}

}  // namespace

double diurnal_rps(double mean_rps, double peak_rps, double hour_of_day) {
  const double phase = 2 * std::numbers::pi * (hour_of_day - 14.0) / 24.0;
  if (peak_rps <= mean_rps) return mean_rps;
  if (peak_rps <= 2 * mean_rps) return mean_rps + (peak_rps - mean_rps) * std::cos(phase);
  // A plain cosine would go negative: use peak x ((1 + cos)/2)^k with k so that the mean holds.
  const double target = mean_rps / peak_rps;
  double lo = 1, hi = 1e6;
  for (int i = 0; i < 200; ++i) {
    const double mid = std::sqrt(lo * hi);
    (raised_cosine_mean(mid) > target ? lo : hi) = mid;
  }
  return peak_rps * std::pow((1 + std::cos(phase)) / 2, std::sqrt(lo * hi));
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
      for (int i = 0; i < kDiurnalSamples; ++i) {
        const double hour = 24.0 * (i + 0.5) / kDiurnalSamples;
        rates.push_back(diurnal_rps(traffic.rps, p.peak_rps, hour));
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
      const auto& rows = traffic.trace;
      double total = 0;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        double length = 0;
        if (i + 1 < rows.size())
          length = rows[i + 1].seconds - rows[i].seconds;
        else if (i > 0)
          length = rows[i].seconds - rows[i - 1].seconds;
        if (length <= 0) continue;
        p.segments.push_back({rows[i].count / length, length});
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

double scheduled_runs_per_month(const Schedule& s) {
  if (s.is_rate) return s.rate_seconds > 0 ? kSecondsPerMonth / s.rate_seconds : 0;
  constexpr int kYear = 2025;
  long long runs = 0;
  int doy = 0;
  const double per_day =
      static_cast<double>(s.hours.size()) * static_cast<double>(s.minutes.size());
  for (int month = 1; month <= 12; ++month) {
    const int days = days_in_month(kYear, month);
    const bool month_ok = s.months.empty() || contains(s.months, month);
    for (int day = 1; day <= days; ++day, ++doy) {
      if (month_ok && day_matches(s, kYear, month, day, day_of_week(doy), doy)) {
        runs += static_cast<long long>(per_day);
      }
    }
  }
  return static_cast<double>(runs) * 730.0 / 8760.0;
}

}  // namespace computefit
