#include "runtimes/runtime_model.hpp"

#include "runtimes/models.hpp"

namespace computefit {

const std::vector<RuntimeModel>& runtime_models() {
  static const std::vector<RuntimeModel> kModels = {
      {RuntimeId::lambda, &lambda_check_limits, &lambda_estimate},
      {RuntimeId::ecs_fargate, &fargate_check_limits, &fargate_estimate},
      {RuntimeId::ecs_ec2, &ecs_ec2_check_limits, &ecs_ec2_estimate},
      {RuntimeId::eks, &eks_check_limits, &eks_estimate},
  };
  return kModels;
}

const RuntimeModel& runtime_model(RuntimeId id) {
  for (const RuntimeModel& model : runtime_models()) {
    if (model.id == id) return model;
  }
  return runtime_models().front();  // every RuntimeId has a model; unreachable
}

RuntimeEstimate check_runtime_limits(const Service& service, RuntimeId runtime, const Spec& spec,
                                     const PriceCatalog& catalog) {
  RuntimeEstimate checked;
  checked.infeasible_reasons = runtime_model(runtime).check_limits(service, spec, catalog);
  checked.feasible = checked.infeasible_reasons.empty();
  return checked;
}

RuntimeEstimate evaluate_runtime(const Service& service, RuntimeId runtime, const Spec& spec,
                                 const PriceCatalog& catalog) {
  RuntimeEstimate checked = check_runtime_limits(service, runtime, spec, catalog);
  if (!checked.feasible) return checked;
  RuntimeEstimate estimate = runtime_model(runtime).estimate(service, spec, catalog);
  if (!estimate.infeasible_reasons.empty()) estimate.feasible = false;
  return estimate;
}

}  // namespace computefit
