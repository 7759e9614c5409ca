#pragma once
// The draws of one random input (request durations), from a generator of its own,
// made in blocks: a tight loop of independent draws lets the processor overlap the logarithms that
// the event loop would otherwise wait for one at a time. With its own generator, an input's
// values do not depend on how the other inputs' draws interleave with it.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

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

/// The first variates of a stream, drawn once (record_variates) for several runs that draw the
/// same stream (the runtimes of one sample window): the values, in whole blocks, and the generator
/// as it is after them, from which each run draws on alike.
struct RecordedVariates {
  Distribution distribution;
  std::uint64_t seed = 0;
  std::vector<double> values;
  Rng after;
};

/// Variates of one distribution (which must outlive the stream).
class VariateStream {
 public:
  /// Blocks are drawn this many at a time.
  static constexpr std::size_t kBlock = 256;

  VariateStream(const Distribution& distribution, std::uint64_t seed)
      : distribution_(&distribution), rng_(seed) {}
  /// The same stream, its first variates read from `recorded` when it was drawn from the same
  /// distribution and seed (else it is ignored).
  VariateStream(const Distribution& distribution, std::uint64_t seed,
                std::shared_ptr<const RecordedVariates> recorded)
      : distribution_(&distribution), rng_(seed) {
    if (recorded && recorded->seed == seed && recorded->distribution == distribution &&
        recorded->values.size() % kBlock == 0) {
      rng_ = recorded->after;
      recorded_ = std::move(recorded);
    }
  }
  /// The next variate, in seconds.
  double next() {
    if (index_ == kBlock) refill();
    return block_[index_++];
  }

 private:
  void refill() {
    if (recorded_ && replayed_ < recorded_->values.size()) {
      std::copy_n(recorded_->values.begin() + static_cast<std::ptrdiff_t>(replayed_), kBlock,
                  block_.begin());
      replayed_ += kBlock;
    } else {
      distribution_->fill(rng_, block_);
    }
    index_ = 0;
  }
  const Distribution* distribution_;
  Rng rng_;
  std::shared_ptr<const RecordedVariates> recorded_;
  std::size_t replayed_ = 0;
  std::array<double, kBlock> block_;
  std::size_t index_ = kBlock;
};

/// At least `count` variates of `distribution` from a generator seeded with `seed`, as a
/// VariateStream draws them, in whole blocks.
inline RecordedVariates record_variates(const Distribution& distribution, std::uint64_t seed,
                                        std::size_t count) {
  RecordedVariates recorded{distribution, seed, {}, Rng(seed)};
  const std::size_t blocks = (count + VariateStream::kBlock - 1) / VariateStream::kBlock;
  recorded.values.resize(blocks * VariateStream::kBlock);
  for (std::size_t b = 0; b < blocks; ++b) {
    distribution.fill(recorded.after,
                      std::span<double>(recorded.values)
                          .subspan(b * VariateStream::kBlock, VariateStream::kBlock));
  }
  return recorded;
}

}  // namespace computefit::sim
