#pragma once
// The facade of `computefit simulate`: one service on one runtime, request by request.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "document/diagnostic.hpp"
#include "sim/simulation_result.hpp"
#include "workload/file_system.hpp"
#include "workload/spec.hpp"

namespace computefit {

struct SimulateRequest {
  std::string spec_path;
  std::string service;
  std::string runtime;  ///< as written on the command line ("ecs-fargate")
  std::optional<std::string> prices_path;
  double days = 1;
  std::uint64_t seed = 1;
};

struct SimulateOutcome {
  std::optional<sim::SimulationResult> result;
  std::string service;
  RuntimeId runtime = RuntimeId::lambda;
  /// What the window misses of the traffic's pattern (a partial day, fewer bursts than expected).
  std::vector<std::string> notes;
  Diagnostics diagnostics;  ///< bad input: nothing was simulated
};

/// load -> validate -> size (the runtime model) -> simulate.
SimulateOutcome simulate(const SimulateRequest& request, const FileSystem& fs);

}  // namespace computefit
