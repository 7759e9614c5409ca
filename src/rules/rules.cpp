#include <algorithm>

#include "rules/rule.hpp"
#include "rules/rule_list.hpp"

namespace computefit {

const std::vector<Rule>& rules() {
  static const std::vector<Rule> all = {
      no_feasible_runtime_rule(),
      lambda_db_connection_storm_rule(),
      private_subnet_no_egress_rule(),
      shared_iam_role_rule(),
      scaling_outruns_downstream_rule(),
      eks_ops_burden_rule(),
      lambda_duration_cap_rule(),
      lambda_cold_start_slo_rule(),
      secrets_in_env_rule(),
      lambda_concurrency_throttling_rule(),
      api_gateway_timeout_rule(),
      lambda_payload_limit_rule(),
      health_check_grace_short_rule(),
      spot_interruption_risk_rule(),
      idle_provisioned_concurrency_rule(),
      eks_extended_support_rule(),
      lambda_reserved_zero_rule(),
      sqs_visibility_timeout_rule(),
      fargate_invalid_size_rule(),
      shared_execution_task_role_rule(),
      task_public_ip_rule(),
      lambda_env_size_rule(),
      iam_wildcard_action_rule(),
  };
  return all;
}

RuleFindings check_rules(const RuleContext& context) {
  return check_rules(context, context);
}

RuleFindings check_rules(const RuleContext& spec_context, const RuleContext& simulated_context) {
  const Spec& spec = spec_context.spec;
  RuleFindings found;
  found.by_service.resize(spec.services.size());
  for (const Rule& rule : rules()) {
    std::vector<RaisedFinding> raised;
    rule.check(rule.needs_simulation ? simulated_context : spec_context, raised);
    for (RaisedFinding& r : raised) {
      if (!r.service_index) {
        found.on_resources.push_back(std::move(r.finding));
        continue;
      }
      Finding& finding = r.finding;
      // A finding from a template names the resource it came from (SPEC.md "Locations": a plan's
      // address beside its FILE:LINE:COLUMN).
      if (finding.resource.empty()) finding.resource = spec.services.at(*r.service_index).resource;
      found.by_service.at(*r.service_index).push_back(std::move(finding));
    }
  }
  return found;
}

}  // namespace computefit
