#pragma once
// Operability: how much of the platform each runtime leaves the team to run, adjusted by the team.
// The duties are an explicit table (operability.cpp, documented in docs/operability.md), so the
// score can be read and argued with rather than trusted.

#include <string_view>
#include <vector>

#include "workload/spec.hpp"

namespace computefit {

/// One piece of operational work a runtime leaves to its users.
struct OpsDuty {
  std::string_view name;         ///< e.g. "control-plane version upgrades"
  double weight;                 ///< relative effort, 1 = a routine chore
  bool kubernetes;               ///< absorbed by an existing staffed Kubernetes platform
  std::vector<RuntimeId> where;  ///< runtimes that leave this duty to the team
  /// Left to the team only when it already runs a Kubernetes platform: a second way to deploy and
  /// operate beside it.
  bool beside_platform = false;
};

/// The duty table itself, for docs and the report.
const std::vector<OpsDuty>& ops_duties();

/// Duties `runtime` leaves to this team (empty for the duties a Kubernetes platform absorbs when
/// the team has one).
std::vector<const OpsDuty*> duties_left_to_team(RuntimeId runtime, const Team& team);

/// Operability in [0, 1]: 1 when the runtime leaves nothing to run; lower as the weighted duties
/// left to the team grow, more steeply for a team of low ops maturity.
double operability_score(RuntimeId runtime, const Team& team);

}  // namespace computefit
