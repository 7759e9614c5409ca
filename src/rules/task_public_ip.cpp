#include <fmt/format.h>

#include "pricing/price_text.hpp"
#include "rules/remedy_prices.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "workload/month.hpp"

namespace computefit {
namespace {

// What the public addresses cost a month: per task, and for the tasks the simulation kept
// running on average when it ran (nothing is guessed without it).
std::string address_cost(const RuleContext& context, std::size_t i) {
  const PriceEntry* price = context.catalog.find(remedy_keys::kPublicIpv4Hour);
  if (!price) return "";
  const double per_task = price->usd * kHoursPerMonth;
  std::string text = fmt::format(", and each address is billed {} per hour ({}/month per task",
                                 unit_price_text(price->usd), money(per_task));
  for (RuntimeId runtime : {RuntimeId::ecs_fargate, RuntimeId::ecs_ec2}) {
    const RuntimeEstimate* estimate = feasible_estimate(context, i, runtime);
    if (estimate && estimate->behaviour.simulated) {
      text += fmt::format("; {}/month for the {} tasks it averaged on {}",
                          money(per_task * estimate->behaviour.mean_instances),
                          figure(estimate->behaviour.mean_instances), runtime_label(runtime));
      break;
    }
  }
  return text + ")";
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = task_public_ip_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (!service.network.assign_public_ip) continue;
    if (!estimate_of(context, i, RuntimeId::ecs_fargate) &&
        !estimate_of(context, i, RuntimeId::ecs_ec2)) {
      continue;
    }
    Finding finding = make_finding(
        rule, std::nullopt,
        fmt::format(
            "{}'s tasks get public IPv4 addresses (AssignPublicIp: ENABLED): each task's network "
            "interface is reachable from the internet on every port its security groups open, "
            "around any load balancer or WAF in front of it{}. Run the tasks in private subnets "
            "with a NAT gateway or VPC endpoints for what they call, and set AssignPublicIp: "
            "DISABLED.",
            service.name, address_cost(context, i)),
        service_location(context.spec, service, "network.assign_public_ip"));
    finding.remedy = "AssignPublicIp: DISABLED, in private subnets";
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule task_public_ip_rule() {
  return {"task-public-ip",
          Severity::medium,
          "ECS tasks get public IP addresses",
          "With AssignPublicIp: ENABLED each task's network interface gets a public IPv4 address "
          "(docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html): the "
          "task is reachable from the internet on whatever its security groups open, bypassing "
          "the load balancer, and every public IPv4 address is billed by the hour "
          "(aws.amazon.com/vpc/pricing).",
          "Run the tasks in private subnets (egress through a NAT gateway or VPC endpoints) and "
          "set AssignPublicIp: DISABLED (assign_public_ip = false in Terraform).",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
