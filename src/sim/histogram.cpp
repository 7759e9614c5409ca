#include "sim/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace computefit::sim {

LogHistogram::LogHistogram() : counts_(static_cast<std::size_t>(bucket_of(kMaxValue)) + 1, 0) {}

void LogHistogram::bucket_bounds(int bucket, std::int64_t& lower, std::int64_t& upper) {
  constexpr int exact = 2 << kSubBits;
  if (bucket < exact) {
    lower = upper = bucket;
    return;
  }
  const int shift = (bucket - exact) / (1 << kSubBits) + 1;
  const int mantissa = (bucket - exact) % (1 << kSubBits) + (1 << kSubBits);
  lower = static_cast<std::int64_t>(mantissa) << shift;
  upper = lower + (std::int64_t{1} << shift) - 1;
}

double LogHistogram::quantile(double q) const {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  auto rank = static_cast<std::int64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::clamp<std::int64_t>(rank, 1, count_);
  std::int64_t seen = 0;
  for (std::size_t bucket = 0; bucket < counts_.size(); ++bucket) {
    seen += counts_[bucket];
    if (seen >= rank) {
      std::int64_t lower = 0;
      std::int64_t upper = 0;
      bucket_bounds(static_cast<int>(bucket), lower, upper);
      const double middle = (static_cast<double>(lower) + static_cast<double>(upper)) / 2;
      return std::clamp(middle, static_cast<double>(min_), static_cast<double>(max_));
    }
  }
  return static_cast<double>(max_);
}

void LogHistogram::merge(const LogHistogram& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
  min_ = std::min(min_, other.min_);
}

}  // namespace computefit::sim
