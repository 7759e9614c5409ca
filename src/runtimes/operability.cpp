#include "runtimes/operability.hpp"

#include <algorithm>

namespace computefit {
namespace {

constexpr RuntimeId kLambda = RuntimeId::lambda;
constexpr RuntimeId kFargate = RuntimeId::ecs_fargate;
constexpr RuntimeId kEcsEc2 = RuntimeId::ecs_ec2;
constexpr RuntimeId kEks = RuntimeId::eks;

// How heavily a duty weighs on a team of each ops maturity: a low-maturity team pays more for the
// same chore (missed upgrades, untested runbooks).
double maturity_factor(OpsMaturity maturity) {
  switch (maturity) {
    case OpsMaturity::low:
      return 1.5;
    case OpsMaturity::medium:
      return 1.0;
    case OpsMaturity::high:
      return 0.7;
  }
  return 1.0;
}

// The weighted burden at which operability reaches 0: about everything EKS leaves to a team
// without a platform, at low maturity.
constexpr double kBurdenAtZero = 15.0;

}  // namespace

const std::vector<OpsDuty>& ops_duties() {
  // What each runtime leaves to its users, from AWS's shared-responsibility pages for Lambda,
  // Fargate, ECS and EKS (docs.aws.amazon.com: lambda/latest/operatorguide, AmazonECS/latest/
  // bestpracticesguide, eks/latest/best-practices). Weights are relative effort, 1 = routine chore.
  // `kubernetes`: on EKS, a staffed Kubernetes platform team already does this for every service.
  static const std::vector<OpsDuty> duties = {
      {"memory, timeout and concurrency settings per function", 0.5, false, {kLambda}},
      {"task definitions and service autoscaling policies", 1.0, false, {kFargate, kEcsEc2}},
      {"deployments, HPA and pod specs", 1.0, false, {kEks}},
      {"load balancer target groups and health checks", 0.5, false, {kFargate, kEcsEc2}},
      {"host OS and AMI patching", 2.0, true, {kEcsEc2, kEks}},
      {"host capacity: capacity providers or node autoscaler, bin-packing",
       1.5,
       true,
       {kEcsEc2, kEks}},
      {"ECS agent or kubelet and node version upgrades", 1.0, true, {kEcsEc2, kEks}},
      {"control-plane version upgrades (about every 14 months, extended support billed if late)",
       2.0,
       true,
       {kEks}},
      {"cluster add-ons: VPC CNI, CoreDNS, kube-proxy, metrics server, autoscaler",
       1.5,
       true,
       {kEks}},
      {"ingress controller and network policy", 1.0, true, {kEks}},
      {"RBAC, IAM roles for service accounts, pod security", 1.0, true, {kEks}},
      // A team whose services all run on its Kubernetes platform pays for any other runtime with a
      // second deploy pipeline, IAM pattern, dashboards and on-call runbooks (the platform-sprawl
      // cost AWS's own guidance weighs: "Choosing an AWS container service", decision guide).
      {"a second way to deploy and operate beside the team's Kubernetes platform: its own CI/CD, "
       "IAM, dashboards and runbooks",
       1.5,
       false,
       {kLambda, kFargate, kEcsEc2},
       true},
  };
  return duties;
}

std::vector<const OpsDuty*> duties_left_to_team(RuntimeId runtime, const Team& team) {
  std::vector<const OpsDuty*> left;
  for (const OpsDuty& duty : ops_duties()) {
    if (std::find(duty.where.begin(), duty.where.end(), runtime) == duty.where.end()) continue;
    if (runtime == RuntimeId::eks && duty.kubernetes && team.kubernetes_platform) continue;
    if (duty.beside_platform && !team.kubernetes_platform) continue;
    left.push_back(&duty);
  }
  return left;
}

double operability_score(RuntimeId runtime, const Team& team) {
  double burden = 0;
  for (const OpsDuty* duty : duties_left_to_team(runtime, team)) burden += duty->weight;
  burden *= maturity_factor(team.ops_maturity);
  return std::clamp(1.0 - burden / kBurdenAtZero, 0.0, 1.0);
}

}  // namespace computefit
