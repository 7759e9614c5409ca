#pragma once
// The shared-controls checklist of a service: the controls every runtime needs whichever wins
// (its own IAM role, where secrets come from, VPC routing, logs/metrics/traces, autoscaling
// guardrails), each judged from the spec and the service's recommended option.

#include <cstddef>
#include <vector>

#include "advisor/report.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// The checklist of spec.services[index], whose ranked report is `service` (its recommendation
/// decides which runtime's guardrails and routes are judged).
std::vector<ChecklistItem> service_checklist(const Spec& spec, std::size_t index,
                                             const ServiceReport& service);

}  // namespace computefit
