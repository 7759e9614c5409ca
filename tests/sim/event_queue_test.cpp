// The future-event list: earliest time first, and at one time the order of scheduling.
#include "sim/event_queue.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "sim/random.hpp"

namespace computefit::sim {
namespace {

TEST(EventQueue, OrdersByTimeThenSequence) {
  EventQueue<int> queue;
  queue.push(5, 1);
  queue.push(3, 2);
  queue.push(5, 3);
  queue.push(3, 4);
  queue.push(0, 5);
  const int expected[] = {5, 2, 4, 1, 3};
  for (const int payload : expected) EXPECT_EQ(queue.pop().payload, payload);
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, RandomTimesComeOutSorted) {
  Rng rng(3);
  EventQueue<int> queue;
  for (int i = 0; i < 10'000; ++i) queue.push(static_cast<Tick>(rng.next_u64() % 100), i);
  Tick last_time = -1;
  int last_payload = -1;
  while (!queue.empty()) {
    const auto event = queue.pop();
    ASSERT_GE(event.time, last_time);
    if (event.time == last_time) {
      ASSERT_GT(event.payload, last_payload);
    }
    last_time = event.time;
    last_payload = event.payload;
  }
}

// The queue is a sorted array while small and a heap while large: a queue that grows past the one
// and shrinks below the other again and again, with pushes and pops interleaved (as an engine's
// departures are), gives every event in (time, sequence) order, as a sorted list of them does.
TEST(EventQueue, GrowingAndShrinkingKeepsTheOrder) {
  Rng rng(11);
  EventQueue<int> queue;
  std::set<std::pair<Tick, int>> reference;  // (time, payload): payloads rise with the sequence
  int next = 0;
  Tick now = 0;
  for (int round = 0; round < 40; ++round) {
    // Alternately towards 200 pending (a heap) and towards 0 (a sorted array), by random walks.
    const bool grow = round % 2 == 0;
    for (int step = 0; step < 2'000; ++step) {
      const bool push = reference.empty() || rng.uniform() < (grow ? 0.6 : 0.4);
      if (push) {
        const Tick time = now + static_cast<Tick>(rng.next_u64() % 50);  // ties are common
        queue.push(time, next);
        reference.emplace(time, next++);
      } else {
        ASSERT_FALSE(queue.empty());
        ASSERT_EQ(queue.top().time, reference.begin()->first);
        const auto event = queue.pop();
        ASSERT_EQ(std::pair(event.time, event.payload), *reference.begin());
        reference.erase(reference.begin());
        now = event.time;
      }
      ASSERT_EQ(queue.size(), reference.size());
    }
  }
}

}  // namespace
}  // namespace computefit::sim
