#pragma once
// Each rule is defined in its own file; this header declares them for the registry in rules.cpp.

#include "rules/rule.hpp"

namespace computefit {

Rule lambda_db_connection_storm_rule();
Rule private_subnet_no_egress_rule();
Rule shared_iam_role_rule();
Rule scaling_outruns_downstream_rule();
Rule eks_ops_burden_rule();
Rule lambda_duration_cap_rule();
Rule lambda_cold_start_slo_rule();
Rule secrets_in_env_rule();
Rule lambda_concurrency_throttling_rule();
Rule api_gateway_timeout_rule();
Rule lambda_payload_limit_rule();
Rule health_check_grace_short_rule();
Rule spot_interruption_risk_rule();
Rule idle_provisioned_concurrency_rule();
Rule no_feasible_runtime_rule();
Rule eks_extended_support_rule();
Rule lambda_reserved_zero_rule();
Rule sqs_visibility_timeout_rule();
Rule fargate_invalid_size_rule();
Rule shared_execution_task_role_rule();
Rule task_public_ip_rule();
Rule lambda_env_size_rule();
Rule iam_wildcard_action_rule();

}  // namespace computefit
