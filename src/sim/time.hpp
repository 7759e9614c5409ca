#pragma once
// Simulated time: integer microsecond ticks, so that event order and sums are exact.

#include <cmath>
#include <cstdint>

namespace computefit::sim {

/// A point or span of simulated time in microseconds.
using Tick = std::int64_t;

/// A time far beyond any simulated end: "no more arrivals", "nothing pending".
inline constexpr Tick kNever = INT64_MAX / 4;

/// Ticks per simulated second.
inline constexpr Tick kTicksPerSecond = 1'000'000;

/// Seconds to ticks, rounded to the nearest tick.
inline Tick to_ticks(double seconds) {
  return static_cast<Tick>(std::llround(seconds * static_cast<double>(kTicksPerSecond)));
}
/// The longest span a sampled duration may take (about 31,700 years): keeps ticks far from
/// overflow whatever a heavy-tailed distribution draws.
inline constexpr double kMaxSampledSeconds = 1e12;

/// A sampled duration to ticks, clamped to [0, kMaxSampledSeconds] and rounded half up (cheaper
/// than llround on the hot path).
inline Tick to_ticks_nonnegative(double seconds) {
  // Written so that NaN (which fails every comparison) becomes 0 rather than undefined behaviour.
  seconds = seconds >= 0 ? (seconds > kMaxSampledSeconds ? kMaxSampledSeconds : seconds) : 0;
  return static_cast<Tick>(seconds * static_cast<double>(kTicksPerSecond) + 0.5);
}
/// Ticks to seconds.
inline double to_seconds(Tick ticks) {
  return static_cast<double>(ticks) / static_cast<double>(kTicksPerSecond);
}

}  // namespace computefit::sim
