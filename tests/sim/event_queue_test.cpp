// The future-event list: earliest time first, and at one time the order of scheduling.
#include "sim/event_queue.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace computefit::sim
