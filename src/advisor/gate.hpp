#pragma once
// The --fail-on gate (SPEC.md "Commands"): which findings count against a threshold, and the
// ones that tripped it, named `ID@SERVICE` (or `ID@RESOURCE`).

#include <string>
#include <string_view>

#include "advisor/report.hpp"

namespace computefit {

/// Which findings a gate counts.
enum class GateScope {
  /// `recommend`: the findings on each service's recommended option and those on no particular
  /// runtime (no-feasible-runtime among them); never those on options not chosen.
  recommended_options,
  /// `lint`: every finding (the template fixes the runtime).
  every_finding,
};

/// Whether a finding counts at `threshold`: not suppressed, and at or above it.
bool trips(const Finding& finding, Severity threshold);

/// Adds `ID@SUBJECT` to the tripped list when the finding trips the gate and is not there yet
/// (each finding counts once).
void count_finding(FailOnSummary& summary, const Finding& finding, std::string_view subject);

/// The gate over a report's findings at `threshold`.
FailOnSummary fail_on_gate(const Report& report, Severity threshold, GateScope scope);

/// What standard error says when the gate trips ("" when it did not): the threshold and every
/// tripped `ID@SERVICE`.
std::string fail_on_message(const FailOnSummary& summary);

}  // namespace computefit
