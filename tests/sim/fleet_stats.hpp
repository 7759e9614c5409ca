#pragma once
// The serving fleet over a span of a container run, read from its trace (tests only).

#include <algorithm>
#include <cmath>

#include "sim/container_sim.hpp"

namespace computefit::sim {

/// The serving instances over a span: time-weighted mean and standard deviation, lowest, highest.
struct FleetStats {
  double mean = 0;
  double sd = 0;
  int low = 0;
  int high = 0;
};

/// The serving instances over [from, to) seconds from the trace; `initial` serve at time 0.
inline FleetStats serving_between(const ContainerTrace& trace, double from, double to,
                                  int initial) {
  int level = initial;
  double t = 0;
  double sum = 0;
  double squares = 0;
  FleetStats stats{0, 0, 1 << 30, 0};
  auto hold = [&](double until) {
    const double a = std::max(t, from);
    const double b = std::min(until, to);
    if (b > a) {
      sum += level * (b - a);
      squares += static_cast<double>(level) * level * (b - a);
      stats.low = std::min(stats.low, level);
      stats.high = std::max(stats.high, level);
    }
    t = until;
  };
  for (const FleetEvent& e : trace.fleet) {
    hold(e.seconds);
    level = e.serving;
  }
  hold(to);
  stats.mean = sum / (to - from);
  stats.sd = std::sqrt(std::max(0.0, squares / (to - from) - stats.mean * stats.mean));
  return stats;
}

}  // namespace computefit::sim
