#include "sim/random.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace computefit::sim {

std::uint64_t splitmix64_next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (auto& word : s_) word = splitmix64_next(state);
}

namespace {

// The ziggurat of G. Marsaglia and W. W. Tsang, "The Ziggurat Method for Generating Random
// Variables", Journal of Statistical Software 5(8), 2000: 128 layers of equal area V under the
// half normal density f(x) = exp(-x^2 / 2), the base layer holding the tail beyond R. Their
// constants for 128 layers: R = 3.442619855899, V = 9.91256303526217e-3.
constexpr int kLayers = 128;
constexpr double kTailStart = 3.442619855899;
constexpr double kLayerArea = 9.91256303526217e-3;

double half_normal_density(double x) {
  return std::exp(-0.5 * x * x);
}

struct Ziggurat {
  std::array<double, kLayers + 1> x{};  // layer i spans [0, x[i]); x[kLayers] = 0
  std::array<double, kLayers + 1> f{};  // f(x[i])
  Ziggurat() {
    x[0] = kLayerArea / half_normal_density(kTailStart);
    x[1] = kTailStart;
    for (int i = 1; i < kLayers - 1; ++i) {
      x[i + 1] = std::sqrt(-2 * std::log(kLayerArea / x[i] + half_normal_density(x[i])));
    }
    x[kLayers] = 0;
    for (int i = 0; i <= kLayers; ++i) f[i] = half_normal_density(x[i]);
  }
};

const Ziggurat& ziggurat() {
  static const Ziggurat table;
  return table;
}

}  // namespace

double Rng::standard_normal() {
  const Ziggurat& z = ziggurat();
  while (true) {
    // One draw gives the layer (low 7 bits), the sign (bit 7) and the position (top 53 bits).
    const std::uint64_t bits = next_u64();
    const auto layer = static_cast<int>(bits & (kLayers - 1));
    const bool negative = (bits >> 7) & 1;
    const double x = static_cast<double>(bits >> 11) * 0x1.0p-53 * z.x[layer];
    if (x < z.x[layer + 1]) return negative ? -x : x;  // inside the layer's rectangle: ~99%
    if (layer == 0) {
      // The tail beyond R (Marsaglia 1964).
      double a = 0, b = 0;
      do {
        a = -std::log(uniform_pos()) / kTailStart;
        b = -std::log(uniform_pos());
      } while (b + b < a * a);
      return negative ? -(kTailStart + a) : kTailStart + a;
    }
    // The wedge between the rectangle and the curve.
    if (z.f[layer + 1] + uniform() * (z.f[layer] - z.f[layer + 1]) < half_normal_density(x)) {
      return negative ? -x : x;
    }
  }
}

double normal(Rng& rng, double mean, double sd) {
  return mean + sd * rng.standard_normal();
}

double lognormal_p50_p99(Rng& rng, double p50, double p99) {
  const double sigma = std::log(p99 / p50) / kNormalQuantile99;
  return p50 * std::exp(normal(rng, 0.0, sigma));
}

std::int64_t poisson(Rng& rng, double mean) {
  if (mean <= 0) return 0;
  if (mean < 10) {
    const double limit = std::exp(-mean);
    std::int64_t k = 0;
    double product = rng.uniform_pos();
    while (product > limit) {
      ++k;
      product *= rng.uniform_pos();
    }
    return k;
  }
  // PTRS: transformed rejection with squeeze (W. Hormann, "The transformed rejection method for
  // generating Poisson random variables", Insurance: Mathematics and Economics 12, 1993).
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  while (true) {
    const double u = rng.uniform() - 0.5;
    const double v = rng.uniform_pos();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::int64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1)) {
      return static_cast<std::int64_t>(k);
    }
  }
}

EmpiricalDistribution::EmpiricalDistribution(std::vector<HistogramBin> bins)
    : bins_(std::move(bins)) {
  double total = 0;
  cumulative_.reserve(bins_.size());
  for (const auto& bin : bins_) {
    total += std::max(0.0, bin.weight);
    cumulative_.push_back(total);
  }
}

double EmpiricalDistribution::sample(Rng& rng) const {
  if (bins_.empty()) return 0;
  const double target = rng.uniform() * cumulative_.back();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  const auto index =
      std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()), bins_.size() - 1);
  const auto& bin = bins_[index];
  return bin.lower + (bin.upper - bin.lower) * rng.uniform();
}

double EmpiricalDistribution::mean() const {
  if (bins_.empty() || cumulative_.back() <= 0) return 0;
  double sum = 0;
  for (const auto& bin : bins_) sum += std::max(0.0, bin.weight) * (bin.lower + bin.upper) / 2;
  return sum / cumulative_.back();
}

}  // namespace computefit::sim
