#pragma once
// The idle execution environments of one function, handed out newest first (Lambda's routing as
// SimFaaS models it). Every live environment holds a position in creation order; reclaimed ones
// leave gaps, closed up when they outnumber the live ones. One bit per position marks the idle
// ones and a summary bit per 64 positions the non-empty words, so taking the newest idle
// environment is two find-highest-bit steps: no comparisons to mispredict, no stale entries.

#include <bit>
#include <cstdint>
#include <vector>

namespace computefit::sim {

class NewestIdleSet {
 public:
  /// A slot as the newest environment, busy (slots are the caller's indices, reused freely).
  void add_newest(std::uint32_t slot) {
    if (slot >= position_of_.size()) position_of_.resize(slot + 1, kNone);
    if (slot_at_.size() >= 2 * live_ + 64) compact();
    position_of_[slot] = static_cast<std::uint32_t>(slot_at_.size());
    slot_at_.push_back(slot);
    ++live_;
    if (slot_at_.size() > words_.size() * 64) {
      words_.push_back(0);
      if (words_.size() > summary_.size() * 64) summary_.push_back(0);
    }
  }
  /// Marks a live busy slot idle.
  void set_idle(std::uint32_t slot) { set_bit(position_of_[slot]); }
  /// Takes the newest idle slot (it becomes busy); false when none is idle.
  bool take_newest(std::uint32_t& slot) {
    for (std::size_t s = summary_.size(); s-- > 0;) {
      if (summary_[s] == 0) continue;
      const std::size_t word = s * 64 + highest_bit(summary_[s]);
      const std::uint32_t position =
          static_cast<std::uint32_t>(word * 64 + highest_bit(words_[word]));
      clear_bit(position);
      slot = slot_at_[position];
      return true;
    }
    return false;
  }
  /// Removes an idle slot for good (its environment was reclaimed).
  void remove_idle(std::uint32_t slot) {
    const std::uint32_t position = position_of_[slot];
    clear_bit(position);
    slot_at_[position] = kNone;
    position_of_[slot] = kNone;
    --live_;
  }
  /// The number of live slots, idle or busy.
  std::size_t live() const { return live_; }
  /// Calls `f(slot)` for every live slot, oldest first.
  template <typename F>
  void for_each_live(F f) const {
    for (const std::uint32_t slot : slot_at_) {
      if (slot != kNone) f(slot);
    }
  }
  /// Empties the set.
  void clear() {
    for (const std::uint32_t slot : slot_at_) {
      if (slot != kNone) position_of_[slot] = kNone;
    }
    slot_at_.clear();
    words_.clear();
    summary_.clear();
    live_ = 0;
  }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  static std::size_t highest_bit(std::uint64_t word) {
    return 63 - static_cast<std::size_t>(std::countl_zero(word));
  }
  void set_bit(std::uint32_t position) {
    words_[position / 64] |= std::uint64_t{1} << (position % 64);
    summary_[position / 4096] |= std::uint64_t{1} << (position / 64 % 64);
  }
  void clear_bit(std::uint32_t position) {
    std::uint64_t& word = words_[position / 64];
    word &= ~(std::uint64_t{1} << (position % 64));
    if (word == 0) summary_[position / 4096] &= ~(std::uint64_t{1} << (position / 64 % 64));
  }
  // Closes the gaps, keeping creation order: memory stays proportional to the live slots.
  void compact() {
    std::vector<bool> idle;
    idle.reserve(live_);
    std::size_t kept = 0;
    for (std::size_t position = 0; position < slot_at_.size(); ++position) {
      const std::uint32_t slot = slot_at_[position];
      if (slot == kNone) continue;
      idle.push_back((words_[position / 64] >> (position % 64)) & 1);
      slot_at_[kept] = slot;
      position_of_[slot] = static_cast<std::uint32_t>(kept);
      ++kept;
    }
    slot_at_.resize(kept);
    words_.assign(kept / 64 + 1, 0);
    summary_.assign(words_.size() / 64 + 1, 0);
    for (std::size_t position = 0; position < kept; ++position) {
      if (idle[position]) set_bit(static_cast<std::uint32_t>(position));
    }
  }

  std::vector<std::uint32_t> slot_at_;      // position -> slot, kNone in a gap
  std::vector<std::uint32_t> position_of_;  // slot -> position, kNone when not live
  std::vector<std::uint64_t> words_;        // bit per position: idle
  std::vector<std::uint64_t> summary_;      // bit per word: any idle
  std::size_t live_ = 0;
};

}  // namespace computefit::sim
