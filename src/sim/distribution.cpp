#include "sim/distribution.hpp"

#include <cmath>

namespace computefit::sim {

Distribution Distribution::fixed(double seconds) {
  return {Kind::fixed, seconds, 0};
}

Distribution Distribution::exponential(double mean_seconds) {
  return {Kind::exponential, mean_seconds, 0};
}

Distribution Distribution::lognormal(double p50_seconds, double p99_seconds) {
  return {Kind::lognormal, p50_seconds, std::log(p99_seconds / p50_seconds) / kNormalQuantile99};
}

Distribution Distribution::normal(double mean_seconds, double sd_seconds) {
  return {Kind::normal, mean_seconds, sd_seconds};
}

Distribution Distribution::empirical(std::vector<HistogramBin> bins) {
  Distribution result{Kind::empirical, 0, 0};
  result.empirical_.emplace(std::move(bins));
  return result;
}

void Distribution::fill(Rng& rng, std::span<double> out) const {
  switch (kind_) {
    case Kind::fixed:
      for (double& x : out) x = a_;
      return;
    case Kind::exponential:
      for (double& x : out) x = computefit::sim::exponential(rng, a_);
      return;
    case Kind::lognormal:
      for (double& x : out) x = a_ * std::exp(computefit::sim::normal(rng, 0.0, b_));
      return;
    case Kind::normal:
    case Kind::empirical:
      for (double& x : out) x = sample(rng);
      return;
  }
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::fixed:
    case Kind::exponential:
    case Kind::normal:
      return a_;
    case Kind::lognormal:
      return a_ * std::exp(b_ * b_ / 2);
    case Kind::empirical:
      return empirical_->mean();
  }
  return 0;
}

}  // namespace computefit::sim
