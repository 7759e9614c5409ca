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
  };
  return all;
}

std::vector<std::vector<Finding>> check_rules(const RuleContext& context) {
  return check_rules(context, context);
}

std::vector<std::vector<Finding>> check_rules(const RuleContext& spec_context,
                                              const RuleContext& simulated_context) {
  std::vector<std::vector<Finding>> by_service(spec_context.spec.services.size());
  for (const Rule& rule : rules()) {
    std::vector<RaisedFinding> raised;
    rule.check(rule.needs_simulation ? simulated_context : spec_context, raised);
    for (RaisedFinding& r : raised) by_service.at(r.service_index).push_back(std::move(r.finding));
  }
  return by_service;
}

}  // namespace computefit
