#include "sim/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace computefit::sim {

LogHistogram::LogHistogram() = default;

void LogHistogram::grow_to(std::size_t bucket) {
  counts_.resize(bucket + 1, 0);
}

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

double LogHistogram::weighted_quantile(
    const std::vector<std::pair<const LogHistogram*, double>>& parts, double q) {
  double total = 0;
  double low = static_cast<double>(kMaxValue);
  double high = 0;
  std::size_t buckets = 0;
  for (const auto& [histogram, weight] : parts) {
    if (histogram->count_ == 0 || weight <= 0) continue;
    total += weight * static_cast<double>(histogram->count_);
    low = std::min(low, static_cast<double>(histogram->min_));
    high = std::max(high, static_cast<double>(histogram->max_));
    buckets = std::max(buckets, histogram->counts_.size());
  }
  if (total <= 0) return 0;
  // The same rank rule as quantile(), on weighted counts (a small slack absorbs rounding).
  const double rank = std::max(std::ceil(std::clamp(q, 0.0, 1.0) * total - 1e-9), 1.0);
  double seen = 0;
  for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
    for (const auto& [histogram, weight] : parts) {
      if (histogram->count_ == 0 || weight <= 0 || bucket >= histogram->counts_.size()) continue;
      seen += weight * static_cast<double>(histogram->counts_[bucket]);
    }
    if (seen >= rank - 1e-9 * total) {
      std::int64_t lower = 0;
      std::int64_t upper = 0;
      bucket_bounds(static_cast<int>(bucket), lower, upper);
      const double middle = (static_cast<double>(lower) + static_cast<double>(upper)) / 2;
      return std::clamp(middle, low, high);
    }
  }
  return high;
}

void LogHistogram::merge(const LogHistogram& other) {
  if (other.counts_.size() > counts_.size()) counts_.resize(other.counts_.size(), 0);
  for (std::size_t i = 0; i < other.counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
  min_ = std::min(min_, other.min_);
}

}  // namespace computefit::sim
