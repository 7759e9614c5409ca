// Processor sharing in virtual time against hand calculations and against a direct simulation
// that updates every request's remaining work at every event (O(n) per event, exact in doubles).
#include "sim/processor_sharing.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <vector>

#include "sim/random.hpp"

namespace computefit::sim {
namespace {

constexpr Tick kSecond = kTicksPerSecond;

// Two requests on one vCPU: each at half a vCPU until the smaller (1 vCPU-s) is done at 2 s; the
// other then runs alone and finishes its remaining 1 vCPU-s at 3 s.
TEST(ProcessorSharing, TwoRequestsShareOneVcpu) {
  ProcessorSharing cpu(1, 1);
  cpu.add(0, 1.0, 7);
  cpu.add(0, 2.0, 8);
  EXPECT_DOUBLE_EQ(cpu.vcpu_in_use(), 1);
  EXPECT_EQ(cpu.next_completion(), 2 * kSecond);
  EXPECT_EQ(cpu.pop(2 * kSecond), 7U);
  EXPECT_EQ(cpu.next_completion(), 3 * kSecond);
  EXPECT_EQ(cpu.pop(3 * kSecond), 8U);
  EXPECT_EQ(cpu.next_completion(), kNever);
  EXPECT_DOUBLE_EQ(cpu.vcpu_in_use(), 0);
}

// Four vCPUs, at most one each: three requests run at full speed (3 vCPU in use); two more
// added at 0.5 s make five, which share the four at 4 / 5 = 0.8 vCPU each.
TEST(ProcessorSharing, EachRequestAtMostItsCap) {
  ProcessorSharing cpu(4, 1);
  for (std::uint32_t j = 0; j < 3; ++j) cpu.add(0, 1.0, j);
  EXPECT_DOUBLE_EQ(cpu.vcpu_in_use(), 3);
  EXPECT_EQ(cpu.next_completion(), kSecond);
  cpu.add(kSecond / 2, 1.0, 3);
  cpu.add(kSecond / 2, 1.0, 4);
  EXPECT_DOUBLE_EQ(cpu.rate(), 0.8);
  EXPECT_DOUBLE_EQ(cpu.vcpu_in_use(), 4);
  // The first three have 0.5 vCPU-s left at 0.8 vCPU: done at 0.5 + 0.625 s.
  EXPECT_EQ(cpu.next_completion(), kSecond / 2 + 625'000);
}

// A request may use the whole instance when its cap is the instance: alone on 2 vCPU, 1 vCPU-s
// takes 0.5 s; a cap above the instance is the instance.
TEST(ProcessorSharing, WholeInstanceCap) {
  ProcessorSharing cpu(2, 8);
  cpu.add(0, 1.0, 1);
  EXPECT_DOUBLE_EQ(cpu.rate(), 2);
  EXPECT_EQ(cpu.next_completion(), kSecond / 2);
}

// Requests of equal finish leave in the order they came.
TEST(ProcessorSharing, TiesLeaveInArrivalOrder) {
  ProcessorSharing cpu(1, 1);
  for (std::uint32_t j = 0; j < 5; ++j) cpu.add(0, 0.5, j);
  for (std::uint32_t j = 0; j < 5; ++j) EXPECT_EQ(cpu.pop(cpu.next_completion()), j);
}

struct Job {
  Tick arrival;
  double work;
};

// Completion times in seconds by direct simulation: every request's remaining work is updated
// at every event, at rate min(cap, vcpu / n).
std::vector<double> direct_completions(const std::vector<Job>& jobs, double vcpu, double cap) {
  std::vector<double> done(jobs.size(), 0);
  std::vector<std::pair<std::size_t, double>> present;  // (job, remaining work)
  double t = 0;
  std::size_t next = 0;
  while (next < jobs.size() || !present.empty()) {
    const double rate =
        present.empty() ? 0 : std::min(cap, vcpu / static_cast<double>(present.size()));
    double first_done = std::numeric_limits<double>::infinity();
    for (const auto& p : present) first_done = std::min(first_done, t + p.second / rate);
    const double arrival =
        next < jobs.size() ? to_seconds(jobs[next].arrival) : std::numeric_limits<double>::max();
    const double until = std::min(first_done, arrival);
    for (auto& p : present) p.second -= rate * (until - t);
    t = until;
    if (arrival <= first_done) {
      present.emplace_back(next, jobs[next].work);
      ++next;
      continue;
    }
    // The request with the least work left (ties: the earlier one) is done.
    auto least = std::min_element(present.begin(), present.end(), [](const auto& a, const auto& b) {
      return a.second < b.second || (a.second == b.second && a.first < b.first);
    });
    done[least->first] = t;
    present.erase(least);
  }
  return done;
}

// 20,000 requests, Poisson arrivals at 90% of the CPU, lognormal work, on 1 vCPU (cap 1) and on 3
// vCPU with caps 1 and 3: every completion is the direct simulation's rounded up to its tick
// (within 1 us, plus 0.1 us for the rounding of doubles over runs of up to 3,000 s).
TEST(ProcessorSharing, MatchesDirectSimulation) {
  struct Case {
    double vcpu, cap;
  };
  for (const Case& c : {Case{1, 1}, Case{3, 1}, Case{3, 3}}) {
    Rng rng(91);
    std::vector<Job> jobs;
    const double mean_work = std::exp(0.5 * 0.7 * 0.7) * 0.1;
    const double rate = 0.9 * c.vcpu / mean_work;
    double t = 0;
    for (int i = 0; i < 20'000; ++i) {
      t += exponential(rng, 1 / rate);
      jobs.push_back({to_ticks(t), 0.1 * std::exp(normal(rng, 0, 0.7))});
    }
    const std::vector<double> expected = direct_completions(jobs, c.vcpu, c.cap);
    ProcessorSharing cpu(c.vcpu, c.cap);
    std::vector<double> done(jobs.size(), 0);
    std::size_t next = 0;
    while (next < jobs.size() || cpu.size() > 0) {
      const Tick completion = cpu.next_completion();
      if (next < jobs.size() && jobs[next].arrival < completion) {
        cpu.add(jobs[next].arrival, jobs[next].work, static_cast<std::uint32_t>(next));
        ++next;
      } else {
        done[cpu.pop(completion)] = to_seconds(completion);
      }
    }
    double worst = 0;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      worst = std::max(worst, std::abs(done[j] - expected[j]));
    }
    std::printf("%g vCPU, cap %g: largest difference %.1f us\n", c.vcpu, c.cap, worst * 1e6);
    EXPECT_LT(worst, 1.1e-6);
  }
}

}  // namespace
}  // namespace computefit::sim
