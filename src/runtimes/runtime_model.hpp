#pragma once
// The one interface every runtime model implements, and the one list of them. Each model lives
// in its own file (lambda.cpp, ecs_fargate.cpp, ecs_ec2.cpp, eks.cpp).

#include <string>
#include <vector>

#include "pricing/price_catalog.hpp"
#include "pricing/usage.hpp"
#include "workload/spec.hpp"

namespace computefit {

struct RuntimeModel {
  RuntimeId id;
  /// Hard limits the service breaks on this runtime: one human sentence each, empty when it fits.
  std::vector<std::string> (*check_limits)(const Service& service, const Spec& spec,
                                           const PriceCatalog& catalog);
  /// Steady-state capacity, usage and behaviour for a service that passed check_limits.
  RuntimeEstimate (*estimate)(const Service& service, const Spec& spec,
                              const PriceCatalog& catalog);
};

/// Every runtime model, in the contract's order (lambda, ecs-fargate, ecs-ec2, eks).
const std::vector<RuntimeModel>& runtime_models();
const RuntimeModel& runtime_model(RuntimeId id);

/// The limit check alone: an estimate that says whether the service fits the runtime and why
/// not, with no usage, behaviour or sizing (`lint` judges a service without traffic on it).
RuntimeEstimate check_runtime_limits(const Service& service, RuntimeId runtime, const Spec& spec,
                                     const PriceCatalog& catalog);

/// Limit check followed, when it passes, by the estimate.
RuntimeEstimate evaluate_runtime(const Service& service, RuntimeId runtime, const Spec& spec,
                                 const PriceCatalog& catalog);

}  // namespace computefit
