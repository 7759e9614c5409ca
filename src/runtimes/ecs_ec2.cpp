// ECS on EC2: tasks bin-packed onto container instances (container_capacity.cpp does the work).

#include "runtimes/container_capacity.hpp"
#include "runtimes/models.hpp"

namespace computefit {

std::vector<std::string> ecs_ec2_check_limits(const Service& service, const Spec& spec,
                                              const PriceCatalog& catalog) {
  return host_limits(service, RuntimeId::ecs_ec2, spec, catalog);
}

RuntimeEstimate ecs_ec2_estimate(const Service& service, const Spec& spec,
                                 const PriceCatalog& catalog) {
  return estimate_on_hosts(service, RuntimeId::ecs_ec2, spec, catalog);
}

}  // namespace computefit
