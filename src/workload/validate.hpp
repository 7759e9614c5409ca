#pragma once
// Checks across the values of a built spec: each value was checked on its own as it was read
// (type, range, spelling); these judge values against each other, on the model alone, so they
// hold whatever filled it. Each problem is reported at the mark of the value that has to change.

#include "workload/spec.hpp"
#include "workload/tree_reader.hpp"

namespace computefit {

/// Every check below, in this order.
void validate_spec(const Spec& spec, Reporter& reporter);

/// Lambda's provisioned <= reserved <= account concurrency and each container runtime's minimum
/// tasks (pods) and hosts (nodes) at most their maximum, in the spec's block and in each
/// service's merged one. A problem in the spec's block repeats for each service that inherits it,
/// at the same mark: the loader reports it once.
void check_runtime_bounds(const Spec& spec, Reporter& reporter);
/// slo.p50_ms <= slo.p95_ms <= slo.p99_ms, where given.
void check_slo_order(const Spec& spec, Reporter& reporter);
/// Each `uses` names one of `downstreams`.
void check_downstream_references(const Spec& spec, Reporter& reporter);
/// Each endpoint of team.existing.vpc_endpoints is one some service routes through.
void check_existing_endpoints(const Spec& spec, Reporter& reporter);
/// Each suppression that names a service names one of the spec's.
void check_suppressed_services(const Spec& spec, Reporter& reporter);

}  // namespace computefit
