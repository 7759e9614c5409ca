#pragma once
// The four runtime models' entry points, listed once in runtime_model.cpp.

#include <string>
#include <vector>

#include "pricing/price_catalog.hpp"
#include "pricing/usage.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// AWS Lambda (lambda.cpp).
std::vector<std::string> lambda_check_limits(const Service& service, const Spec& spec,
                                             const PriceCatalog& catalog);
RuntimeEstimate lambda_estimate(const Service& service, const Spec& spec,
                                const PriceCatalog& catalog);
/// ECS on Fargate (ecs_fargate.cpp).
std::vector<std::string> fargate_check_limits(const Service& service, const Spec& spec,
                                              const PriceCatalog& catalog);
RuntimeEstimate fargate_estimate(const Service& service, const Spec& spec,
                                 const PriceCatalog& catalog);
/// ECS on EC2 (ecs_ec2.cpp).
std::vector<std::string> ecs_ec2_check_limits(const Service& service, const Spec& spec,
                                              const PriceCatalog& catalog);
RuntimeEstimate ecs_ec2_estimate(const Service& service, const Spec& spec,
                                 const PriceCatalog& catalog);
/// EKS on EC2 nodes (eks.cpp).
std::vector<std::string> eks_check_limits(const Service& service, const Spec& spec,
                                          const PriceCatalog& catalog);
RuntimeEstimate eks_estimate(const Service& service, const Spec& spec, const PriceCatalog& catalog);

}  // namespace computefit
