// DurationSpec's methods, for linking the runtime tests while the spec stage has no sources of its
// own (tests/runtimes/CMakeLists.txt decides). SPEC.md defines the distributions: fixed, lognormal
// from p50 and p99, exponential from the mean.

#include <cmath>

#include "spec/spec.hpp"
#include "stats/queueing.hpp"

namespace computefit {

double DurationSpec::lognormal_sigma() const {
  if (kind != Kind::lognormal || p50_ms <= 0 || p99_ms <= p50_ms) return 0;
  return (std::log(p99_ms) - std::log(p50_ms)) / stats::normal_quantile(0.99);
}

double DurationSpec::mean() const {
  switch (kind) {
    case Kind::fixed:
      return fixed_ms;
    case Kind::lognormal:
      return p50_ms * std::exp(lognormal_sigma() * lognormal_sigma() / 2);
    case Kind::exponential:
      return mean_ms;
  }
  return 0;
}

double DurationSpec::quantile(double q) const {
  switch (kind) {
    case Kind::fixed:
      return fixed_ms;
    case Kind::lognormal:
      return p50_ms * std::exp(lognormal_sigma() * stats::normal_quantile(q));
    case Kind::exponential:
      return -mean_ms * std::log1p(-q);
  }
  return 0;
}

DurationSpec DurationSpec::scaled(double factor) const {
  DurationSpec out = *this;
  out.fixed_ms *= factor;
  out.p50_ms *= factor;
  out.p99_ms *= factor;
  out.mean_ms *= factor;
  return out;
}

}  // namespace computefit
