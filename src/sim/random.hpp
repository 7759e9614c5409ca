#pragma once
// The simulator's one source of randomness: xoshiro256** seeded through splitmix64, with the
// project's own variate code so that a seed gives the same numbers on every platform (the
// standard library's distributions differ between implementations).

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace computefit::sim {

/// splitmix64 (Steele, Lea, Flood 2014): the recommended seeder of the xoshiro family.
std::uint64_t splitmix64_next(std::uint64_t& state);

/// xoshiro256** 1.0 (Blackman, Vigna 2018), period 2^256 - 1.
/// The seed of a run's arrival stream: `traffic_seed` when given (runs that share it see the same
/// arrivals: common random numbers), else one derived from the run's seed.
inline std::uint64_t traffic_seed(std::optional<std::uint64_t> traffic_seed, std::uint64_t seed) {
  if (traffic_seed) return *traffic_seed;
  std::uint64_t state = seed ^ 0x7261666669635f31ULL;  // "traffic1": a stream apart from `seed`
  return splitmix64_next(state);
}

class Rng {
 public:
  /// A generator whose 256-bit state is four splitmix64 outputs from `seed`.
  explicit Rng(std::uint64_t seed);
  /// A generator with the given raw state (not all zero), for reference vectors.
  static Rng from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) {
    Rng rng(0);
    rng.s_[0] = s0;
    rng.s_[1] = s1;
    rng.s_[2] = s2;
    rng.s_[3] = s3;
    return rng;
  }
  /// The next 64 random bits.
  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// A double in [0, 1) from the top 53 bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  /// A double in (0, 1]: safe to take the logarithm of.
  double uniform_pos() { return static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53; }
  /// A standard normal variate by Marsaglia and Tsang's ziggurat (one draw, a multiply and two
  /// comparisons for ~99% of variates; exact, no approximation of the density).
  double standard_normal();

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

/// The standard normal 0.99 quantile: a lognormal's sigma is ln(p99 / p50) / this.
inline constexpr double kNormalQuantile99 = 2.3263478740408408;

/// A standard exponential variate (mean 1), by inversion.
inline double standard_exponential(Rng& rng) {
  return -std::log(rng.uniform_pos());
}
/// An exponential variate with the given mean.
inline double exponential(Rng& rng, double mean) {
  return -mean * std::log(rng.uniform_pos());
}
/// A normal variate.
double normal(Rng& rng, double mean, double sd);
/// A lognormal variate with median `p50` and 99th percentile `p99` (p99 >= p50 > 0).
double lognormal_p50_p99(Rng& rng, double p50, double p99);
/// A Poisson variate: inversion by multiplication below mean 10, else Hormann's PTRS (1993).
std::int64_t poisson(Rng& rng, double mean);

/// One bin of a histogram to sample from: values uniform in [lower, upper), relative weight.
struct HistogramBin {
  double lower = 0;
  double upper = 0;
  double weight = 0;
  bool operator==(const HistogramBin&) const = default;
};

/// Samples from a histogram: a bin by weight, then a uniform value inside it.
class EmpiricalDistribution {
 public:
  /// Bins with non-negative weights, at least one positive.
  explicit EmpiricalDistribution(std::vector<HistogramBin> bins);
  /// One variate.
  double sample(Rng& rng) const;
  /// The distribution's mean.
  double mean() const;
  /// The same bins.
  bool operator==(const EmpiricalDistribution&) const = default;

 private:
  std::vector<HistogramBin> bins_;
  std::vector<double> cumulative_;  // running weight sums, last = total
};

}  // namespace computefit::sim
