#pragma once
// The spec's `suppress:` list applied to the findings: a suppressed finding stays in the report,
// marked with the team's reason, and never counts for --fail-on.

#include <string>
#include <vector>

#include "advisor/report.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// Sets suppressed_reason on every finding of findings[i] (spec.services[i]) whose id and service
/// a suppression names (an empty service names every service), and on every finding on no
/// service (`on_resources`) whose id a spec-level suppression without a service names; an entry
/// with a `resource` covers only the findings that name that resource. Returns
/// one assumption line per suppression that matched no finding.
std::vector<std::string> apply_suppressions(const Spec& spec,
                                            std::vector<std::vector<Finding>>& findings,
                                            std::vector<Finding>& on_resources);
/// The same for findings that are all on services.
std::vector<std::string> apply_suppressions(const Spec& spec,
                                            std::vector<std::vector<Finding>>& findings);

/// The first unsuppressed finding at or above `threshold`, or nullptr: what --fail-on checks.
const Finding* first_failing_finding(const Report& report, Severity threshold);

}  // namespace computefit
