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

RuntimeEstimate evaluate_runtime(const Service& service, RuntimeId runtime, const Spec& spec,
                                 const PriceCatalog& catalog) {
  const RuntimeModel& model = runtime_model(runtime);
  std::vector<std::string> reasons = model.check_limits(service, spec, catalog);
  if (!reasons.empty()) {
    RuntimeEstimate infeasible;
    infeasible.feasible = false;
    infeasible.infeasible_reasons = std::move(reasons);
    return infeasible;
  }
  RuntimeEstimate estimate = model.estimate(service, spec, catalog);
  if (!estimate.infeasible_reasons.empty()) estimate.feasible = false;
  return estimate;
}

}  // namespace computefit
