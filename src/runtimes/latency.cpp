#include "runtimes/latency.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace computefit {
namespace {

// The duration is represented by this many equally likely quantiles; 2,000 resolve the 99th
// percentile to within 0.05 percentage points.
constexpr int kDurationSamples = 2000;

// Sum over the sorted samples of P(wait > x - d_i), evaluated in O(log n) per point from prefix
// sums prepared once per component.
class ComponentTail {
 public:
  ComponentTail(const LatencyComponent& c, const std::vector<double>& samples,
                const std::vector<double>& prefix)
      : c_(c), samples_(samples), prefix_(prefix) {
    if (c_.uniform_wait_max_ms <= 0 && c_.wait_probability > 0 && c_.wait_rate_per_ms > 0) {
      // decay_[k] = sum_{i <= k} e^(-rate (d_k - d_i)), built without overflow.
      decay_.resize(samples_.size());
      for (std::size_t k = 0; k < samples_.size(); ++k) {
        decay_[k] = 1 + (k == 0 ? 0
                                : decay_[k - 1] * std::exp(-c_.wait_rate_per_ms *
                                                           (samples_[k] - samples_[k - 1])));
      }
    }
  }

  /// Mean over the samples of P(shift + wait + d_i > t).
  double operator()(double t) const {
    const double x = t - c_.shift_ms;
    const auto n = static_cast<double>(samples_.size());
    // Samples above x exceed t whatever the wait.
    const std::size_t at_most =
        std::upper_bound(samples_.begin(), samples_.end(), x) - samples_.begin();
    double sum = n - static_cast<double>(at_most);
    if (at_most == 0) return sum / n;
    if (c_.uniform_wait_max_ms > 0) {
      // Samples in (x - U, x] contribute 1 - (x - d_i) / U.
      const double u = c_.uniform_wait_max_ms;
      const std::size_t from =
          std::upper_bound(samples_.begin(), samples_.end(), x - u) - samples_.begin();
      if (at_most > from) {
        const double count = static_cast<double>(at_most - from);
        const double sum_d = prefix_[at_most] - prefix_[from];
        sum += count * (1 - x / u) + sum_d / u;
      }
    } else if (!decay_.empty()) {
      const std::size_t k = at_most - 1;
      sum += c_.wait_probability * decay_[k] * std::exp(-c_.wait_rate_per_ms * (x - samples_[k]));
    }
    return sum / n;
  }

 private:
  LatencyComponent c_;
  const std::vector<double>& samples_;
  const std::vector<double>& prefix_;
  std::vector<double> decay_;
};

bool same_duration(const DurationSpec& a, const DurationSpec& b) {
  return a.kind == b.kind && a.fixed_ms == b.fixed_ms && a.p50_ms == b.p50_ms &&
         a.p99_ms == b.p99_ms && a.mean_ms == b.mean_ms;
}

bool same_components(const std::vector<LatencyComponent>& a,
                     const std::vector<LatencyComponent>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const LatencyComponent& x, const LatencyComponent& y) {
                      return x.weight == y.weight && x.shift_ms == y.shift_ms &&
                             x.wait_probability == y.wait_probability &&
                             x.wait_rate_per_ms == y.wait_rate_per_ms &&
                             x.uniform_wait_max_ms == y.uniform_wait_max_ms;
                    });
}

// The duration's equally likely quantiles, sorted, and their prefix sums.
struct DurationSamples {
  DurationSpec duration;
  std::vector<double> samples;
  std::vector<double> prefix;
};

// The estimates of one service ask for the same duration's samples many times (every runtime,
// every fleet level, every sweep level): each thread keeps the last duration's.
const DurationSamples& duration_samples(const DurationSpec& duration) {
  thread_local std::optional<DurationSamples> last;
  if (last && same_duration(last->duration, duration)) return *last;
  DurationSamples d{duration, std::vector<double>(kDurationSamples), {}};
  for (int i = 0; i < kDurationSamples; ++i) {
    d.samples[i] = duration.quantile((i + 0.5) / kDurationSamples);
  }
  std::sort(d.samples.begin(), d.samples.end());
  d.prefix.assign(d.samples.size() + 1, 0);
  for (std::size_t i = 0; i < d.samples.size(); ++i) {
    d.prefix[i + 1] = d.prefix[i] + d.samples[i];
  }
  last = std::move(d);
  return *last;
}

LatencyQuantiles compute_mixture_quantiles(const DurationSpec& duration,
                                           const std::vector<LatencyComponent>& components);

}  // namespace

LatencyQuantiles mixture_quantiles(const DurationSpec& duration,
                                   const std::vector<LatencyComponent>& components) {
  // An estimate often asks twice for the same mixture (a fleet re-planned with the same levels):
  // each thread remembers its last few answers, which are the same whichever way they come.
  struct Remembered {
    DurationSpec duration;
    std::vector<LatencyComponent> components;
    LatencyQuantiles quantiles;
  };
  constexpr std::size_t kRemembered = 8;
  thread_local std::vector<Remembered> remembered;
  for (const Remembered& r : remembered) {
    if (same_duration(r.duration, duration) && same_components(r.components, components)) {
      return r.quantiles;
    }
  }
  const LatencyQuantiles quantiles = compute_mixture_quantiles(duration, components);
  if (remembered.size() == kRemembered) remembered.erase(remembered.begin());
  remembered.push_back({duration, components, quantiles});
  return quantiles;
}

namespace {

LatencyQuantiles compute_mixture_quantiles(const DurationSpec& duration,
                                           const std::vector<LatencyComponent>& components) {
  const DurationSamples& sampled = duration_samples(duration);
  const std::vector<double>& samples = sampled.samples;
  const std::vector<double>& prefix = sampled.prefix;
  double total_weight = 0, upper = samples.back();
  std::vector<std::pair<double, ComponentTail>> tails;
  for (const LatencyComponent& c : components) {
    if (c.weight <= 0) continue;
    total_weight += c.weight;
    double wait_max = c.uniform_wait_max_ms;
    if (c.wait_probability > 0 && c.wait_rate_per_ms > 0) {
      wait_max = std::max(wait_max,
                          std::log(std::max(1.0, c.wait_probability * 1e6)) / c.wait_rate_per_ms);
    }
    upper = std::max(upper, samples.back() + c.shift_ms + wait_max);
    tails.emplace_back(c.weight, ComponentTail(c, samples, prefix));
  }
  if (total_weight <= 0) {
    return {duration.quantile(0.5), duration.quantile(0.95), duration.quantile(0.99)};
  }
  auto tail = [&](double t) {
    double sum = 0;
    for (const auto& [weight, component] : tails) sum += weight * component(t);
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

}  // namespace

}  // namespace computefit
