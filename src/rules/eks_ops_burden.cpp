#include <fmt/format.h>

#include "rules/remedy_prices.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/operability.hpp"

namespace computefit {
namespace {

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Spec& spec = context.spec;
  const Team& team = spec.team;
  // A cluster that exists is run by someone: whether that is a platform team is the team's to
  // say, and a template cannot (SPEC.md "Never guess"), so an existing cluster with the platform
  // unsaid is not judged on the default. Without a cluster the default (no platform) stands, and
  // low ops maturity is burden enough on its own.
  const bool platform_known = spec.marks.contains("team.kubernetes_platform");
  if (!platform_known && team.existing.eks_cluster && team.ops_maturity != OpsMaturity::low) {
    return;
  }
  if (team.kubernetes_platform && team.ops_maturity != OpsMaturity::low) return;
  const Rule rule = eks_ops_burden_rule();
  std::vector<std::string> duties;
  for (const OpsDuty* duty : duties_left_to_team(RuntimeId::eks, team)) {
    duties.emplace_back(duty->name);
  }
  const auto standard = monthly_hourly_price(context.catalog, remedy_keys::kEksStandardHour);
  const auto extended = monthly_hourly_price(context.catalog, remedy_keys::kEksExtendedHour);
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    const Service& service = spec.services[i];
    if (!feasible_estimate(context, i, RuntimeId::eks)) continue;
    const std::string who =
        team.kubernetes_platform || (!platform_known && team.existing.eks_cluster)
            ? "a team of low ops maturity"
            : "a team with no Kubernetes platform";
    std::string message = fmt::format(
        "On EKS, {} runs it all itself: {}. Kubernetes {} leaves standard support about 14 months "
        "after its EKS release; a cluster that lags pays extended support",
        who, join_list(duties),
        context.catalog.kubernetes_version_for(service.runtimes.eks.kubernetes_version));
    if (standard && extended) {
      message +=
          fmt::format(" ({}/month per cluster instead of {})", money(*extended), money(*standard));
    }
    message += fmt::format(". Operability {:.2f} against {:.2f} for ECS on Fargate.",
                           operability_score(RuntimeId::eks, team),
                           operability_score(RuntimeId::ecs_fargate, team));
    Finding finding = make_finding(rule, RuntimeId::eks, std::move(message),
                                   service_location(spec, service, "runtimes.eks"));
    if (team.existing.eks_cluster) {
      // The cluster runs already: its upkeep is the team's whichever runtime this service gets,
      // and putting the service there adds its manifests, not a cluster.
      finding.severity = Severity::low;
      finding.message +=
          " The cluster exists already (team.existing.eks_cluster), so this "
          "service adds its own manifests to that work, not a cluster.";
    }
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule eks_ops_burden_rule() {
  return {
      "eks-ops-burden",
      Severity::medium,
      "EKS leaves a Kubernetes platform to run",
      "On EKS, a team without a Kubernetes platform (or of low ops maturity) owns control-plane "
      "upgrades about every 14 months, node AMIs, add-ons (VPC CNI, CoreDNS, kube-proxy, "
      "autoscaler), ingress, RBAC and policy; a version that falls behind is billed at the "
      "extended-support rate. Low when the cluster already exists (`team.existing.eks_cluster`): "
      "its upkeep is the team's whichever runtime this service gets. Not raised on an existing "
      "cluster whose spec leaves `team.kubernetes_platform` unsaid (someone runs it, and a "
      "template cannot say who; `lint` lists it as unknown), unless `team.ops_maturity` is low.",
      "Prefer ECS on Fargate or ECS on EC2 unless a staffed platform exists; if EKS is chosen, "
      "budget for the upgrade cadence and managed add-ons, or use EKS Auto Mode.",
      check,
      /*needs_simulation=*/false};
}

}  // namespace computefit
