#pragma once
// A positive random duration (seconds): fixed, exponential, lognormal from p50/p99, normal
// truncated at zero, or empirical from a histogram.

#include <cmath>
#include <optional>
#include <span>
#include <vector>

#include "sim/random.hpp"

namespace computefit::sim {

/// A distribution of durations in seconds, a plain value built by the named constructors.
class Distribution {
 public:
  enum class Kind { fixed, exponential, lognormal, normal, empirical };

  /// Always `seconds`.
  static Distribution fixed(double seconds);
  /// Exponential with the given mean.
  static Distribution exponential(double mean_seconds);
  /// Lognormal with median p50 and 99th percentile p99 (p99 >= p50 > 0).
  static Distribution lognormal(double p50_seconds, double p99_seconds);
  /// Normal, negative draws clamped to zero.
  static Distribution normal(double mean_seconds, double sd_seconds);
  /// From a histogram of seconds.
  static Distribution empirical(std::vector<HistogramBin> bins);

  /// One variate, in seconds (never negative).
  double sample(Rng& rng) const {
    switch (kind_) {
      case Kind::fixed:
        return a_;
      case Kind::exponential:
        return computefit::sim::exponential(rng, a_);
      case Kind::lognormal:
        return a_ * std::exp(computefit::sim::normal(rng, 0.0, b_));
      case Kind::normal: {
        const double x = computefit::sim::normal(rng, a_, b_);
        return x > 0 ? x : 0.0;
      }
      case Kind::empirical:
        return empirical_->sample(rng);
    }
    return 0;
  }
  /// Fills `out` with variates, as many calls of sample() would: the choice of law is made once
  /// and the loop's draws are independent, so the processor overlaps their logarithms.
  void fill(Rng& rng, std::span<double> out) const;
  /// The mean (for the normal, of the untruncated law).
  double mean() const;
  /// Which law.
  Kind kind() const { return kind_; }
  /// The same law with the same parameters: the same variates from the same generator.
  bool operator==(const Distribution&) const = default;

 private:
  Distribution(Kind kind, double a, double b) : kind_(kind), a_(a), b_(b) {}
  Kind kind_;
  double a_;  // fixed value, mean, or lognormal median
  double b_;  // lognormal sigma or normal sd
  std::optional<EmpiricalDistribution> empirical_;
};

}  // namespace computefit::sim
