#pragma once
// The draws of one random input (request durations), from a generator of its own,
// made in blocks: a tight loop of independent draws lets the processor overlap the logarithms that
// the event loop would otherwise wait for one at a time. With its own generator, an input's
// values do not depend on how the other inputs' draws interleave with it.

#include <array>
#include <cstddef>
#include <cstdint>

#include "sim/distribution.hpp"
#include "sim/random.hpp"

namespace computefit::sim {

/// The seed of one named stream of a run: apart from the run's seed and from every other stream.
inline std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t state = seed ^ stream;
  return splitmix64_next(state);
}

/// The stream of request durations.
inline constexpr std::uint64_t kDurationStream = 0x7761726d5f647572ULL;  // "warm_dur", a tag

/// Variates of one distribution (which must outlive the stream).
class VariateStream {
 public:
  VariateStream(const Distribution& distribution, std::uint64_t seed)
      : distribution_(&distribution), rng_(seed) {}
  /// The next variate, in seconds.
  double next() {
    if (index_ == kBlock) refill();
    return block_[index_++];
  }

 private:
  static constexpr std::size_t kBlock = 256;
  void refill() {
    distribution_->fill(rng_, block_);
    index_ = 0;
  }
  const Distribution* distribution_;
  Rng rng_;
  std::array<double, kBlock> block_;
  std::size_t index_ = kBlock;
};

}  // namespace computefit::sim
