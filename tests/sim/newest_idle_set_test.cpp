// The idle set against a plain reference (an ordered set of creation numbers) under a long random
// sequence of operations that creates, uses, frees and reclaims environments, so that its gaps are
// closed up many times and its bit words grow and shrink.
#include "sim/newest_idle_set.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "sim/random.hpp"

namespace computefit::sim {
namespace {

TEST(NewestIdleSet, AlwaysHandsOutTheNewestIdleSlot) {
  NewestIdleSet set;
  std::set<std::uint64_t> idle_by_creation;        // reference: idle creation numbers
  std::map<std::uint64_t, std::uint32_t> slot_of;  // creation -> slot
  std::map<std::uint32_t, std::uint64_t> creation_of;
  std::vector<std::uint32_t> busy;
  std::vector<std::uint32_t> free_slots;
  std::uint32_t next_slot = 0;
  std::uint64_t next_creation = 0;
  Rng rng(5);
  for (int step = 0; step < 200'000; ++step) {
    const double u = rng.uniform();
    // The live count drifts between a handful and a few hundred, so gaps pile up and close.
    const bool grow = (step / 20'000) % 2 == 0;
    if (u < (grow ? 0.35 : 0.2)) {  // a new environment, busy
      std::uint32_t slot = next_slot;
      if (!free_slots.empty()) {
        slot = free_slots.back();
        free_slots.pop_back();
      } else {
        ++next_slot;
      }
      set.add_newest(slot);
      creation_of[slot] = next_creation;
      slot_of[next_creation] = slot;
      ++next_creation;
      busy.push_back(slot);
    } else if (u < 0.6 && !busy.empty()) {  // a busy one goes idle
      const auto i = static_cast<std::size_t>(rng.uniform() * static_cast<double>(busy.size()));
      const std::uint32_t slot = busy[i];
      busy[i] = busy.back();
      busy.pop_back();
      set.set_idle(slot);
      idle_by_creation.insert(creation_of[slot]);
    } else if (u < 0.85) {  // a request takes the newest idle one
      std::uint32_t slot = 0;
      const bool found = set.take_newest(slot);
      ASSERT_EQ(found, !idle_by_creation.empty()) << step;
      if (!found) continue;
      const std::uint64_t newest = *idle_by_creation.rbegin();
      ASSERT_EQ(slot, slot_of[newest]) << step;
      idle_by_creation.erase(newest);
      busy.push_back(slot);
    } else if (!idle_by_creation.empty()) {  // an idle one is reclaimed (mostly the oldest)
      auto it = idle_by_creation.begin();
      if (rng.uniform() < 0.3) it = std::prev(idle_by_creation.end());
      const std::uint32_t slot = slot_of[*it];
      set.remove_idle(slot);
      slot_of.erase(*it);
      idle_by_creation.erase(it);
      creation_of.erase(slot);
      free_slots.push_back(slot);
    }
    ASSERT_EQ(set.live(), busy.size() + idle_by_creation.size()) << step;
  }
}

}  // namespace
}  // namespace computefit::sim
