#pragma once
// The questions a senior reviewer asks about such a design ("Lambda cold starts?", "ECS or
// EKS?", ...), answered for this workload from the finished report's own numbers.

#include <vector>

#include "advisor/report.hpp"
#include "pricing/price_catalog.hpp"
#include "pricing/price_estimates.hpp"
#include "runtimes/simulation.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// Every probe, in the order a review takes them; `report` is ranked, with findings and
/// checklists (its services in the order of spec.services). A probe that asks "what if" (a worker
/// that needs a GPU) re-evaluates the changed service with the main run's `estimates` for the
/// others and `budget` cut to what_if_budget().
std::vector<Probe> answer_probes(const Spec& spec, const Report& report,
                                 const PriceCatalog& catalog, const EstimateTable& estimates,
                                 const SimulationBudget& budget);

/// "api is recommended on ECS on Fargate" / "nothing can run api": the one form in which a probe
/// states a service's recommendation (tests check it against the report).
std::string recommendation_sentence(const ServiceReport& service);

}  // namespace computefit
