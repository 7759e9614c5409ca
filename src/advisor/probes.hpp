#pragma once
// The questions a senior reviewer asks about such a design ("Lambda cold starts?", "ECS or
// EKS?", ...), answered for this workload from the finished report's own numbers.

#include <vector>

#include "advisor/report.hpp"
#include "pricing/price_catalog.hpp"
#include "spec/spec.hpp"

namespace computefit {

/// Every probe, in the order a review takes them; `report` is ranked, with findings and
/// checklists (its services in the order of spec.services).
std::vector<Probe> answer_probes(const Spec& spec, const Report& report,
                                 const PriceCatalog& catalog);

}  // namespace computefit
