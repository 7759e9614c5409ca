// EKS: pods bin-packed onto EC2 nodes under one control plane (container_capacity.cpp does the
// packing; node start-up follows the cluster's autoscaler).

#include "runtimes/container_capacity.hpp"
#include "runtimes/models.hpp"

namespace computefit {

std::vector<std::string> eks_check_limits(const Service& service, const Spec&,
                                          const PriceCatalog& catalog) {
  return host_limits(service, RuntimeId::eks, catalog);
}

RuntimeEstimate eks_estimate(const Service& service, const Spec& spec,
                             const PriceCatalog& catalog) {
  RuntimeEstimate e = estimate_on_hosts(service, RuntimeId::eks, spec, catalog);
  if (e.feasible && spec.team.kubernetes_platform) {
    // The platform's cluster already exists and is paid for by the platform team; these services
    // add pods (and nodes), not a control plane.
    e.shared.eks_cluster = false;
    e.assumptions.push_back(
        "the team's existing Kubernetes platform runs the pods: its control plane is not charged "
        "to these services");
  }
  if (e.feasible) {
    e.assumptions.push_back(service.runtimes.eks.autoscaler == NodeAutoscaler::karpenter
                                ? "new nodes come from Karpenter (~45 s to a ready node)"
                                : "new nodes come from Cluster Autoscaler (~210 s from a pending "
                                  "pod to a running one)");
  }
  return e;
}

}  // namespace computefit
