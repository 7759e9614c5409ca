// EKS: pods bin-packed onto EC2 nodes under one control plane (container_capacity.cpp does the
// packing; node start-up follows the cluster's autoscaler).

#include <fmt/format.h>

#include "runtimes/container_capacity.hpp"
#include "runtimes/models.hpp"

namespace computefit {

std::vector<std::string> eks_check_limits(const Service& service, const Spec& spec,
                                          const PriceCatalog& catalog) {
  return host_limits(service, RuntimeId::eks, spec, catalog);
}

RuntimeEstimate eks_estimate(const Service& service, const Spec& spec,
                             const PriceCatalog& catalog) {
  RuntimeEstimate e = estimate_on_hosts(service, RuntimeId::eks, spec, catalog);
  // On the team's existing cluster (team.existing.eks_cluster) the control plane is the
  // platform's: estimate_on_hosts charges the pods' share of the nodes and no cluster.
  if (e.feasible && !spec.team.existing.eks_cluster) {
    const std::string version =
        catalog.kubernetes_version_for(service.runtimes.eks.kubernetes_version);
    e.assumptions.push_back(fmt::format(
        "a new EKS cluster on Kubernetes {} ({}), its control plane shared by the spec's services "
        "on EKS",
        version,
        catalog.eks_extended_support(version) ? "past standard support: extended-support rate"
                                              : "in standard support on the catalog's date"));
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
