#pragma once
// `simulate --format json|text`: one service on one runtime, simulated request by request.

#include <string>
#include <vector>

#include "render/text.hpp"
#include "sim/simulation_result.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// One simulate run as printed: which service on which runtime, its result, how long it took.
struct SimulateOutput {
  std::string service;
  RuntimeId runtime = RuntimeId::lambda;
  sim::SimulationResult result;
  double wall_seconds = 0;  ///< the only figure that changes from run to run
  /// What the window misses of the traffic's pattern (a partial day, fewer bursts than declared).
  std::vector<std::string> notes;
};

/// SPEC.md's `simulate --format json` (every name in its order, extensions after): counts as
/// integers, fractions to 6 significant digits, latencies to 0.1 ms (null when nothing completed).
std::string render_simulate_json(const SimulateOutput& output);

/// The same figures for a person at a terminal.
std::string render_simulate_text(const SimulateOutput& output, const TextStyle& style);

}  // namespace computefit
