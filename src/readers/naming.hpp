#pragma once
// Service names from templates and plans (SPEC.md "Reading infrastructure as code"): the
// CloudFormation logical id, the Terraform module and resource names, or a CDK construct path, in
// kebab-case, so that `import` writes a spec whose names validate and read as the team wrote them.

#include <string>
#include <string_view>

namespace computefit::readers {

/// Lowercase, a `-` where a lowercase letter or digit meets a capital and before the last capital
/// of a run of capitals that a lowercase letter follows, any other character a `-`; runs of `-`
/// become one and none leads or trails; at most 63 characters (a spec name's bound).
/// "ProfileFunction" -> "profile-function", "ECSService" -> "ecs-service",
/// "MyAPIHandler" -> "my-api-handler", "orders_worker" -> "orders-worker".
std::string kebab_case(std::string_view identifier);

/// A Terraform resource's name: its module names and its own, instance keys dropped.
/// "module.billing.aws_lambda_function.worker" -> "billing-worker",
/// "aws_ecs_service.api[0]" -> "api".
std::string terraform_service_name(std::string_view address);

/// A CDK resource's name: the construct path's last names, without the stack and the generated
/// leaves `Resource` and `Default`. "OrdersStack/Api/Handler/Resource" -> "handler".
std::string cdk_service_name(std::string_view cdk_path);

}  // namespace computefit::readers
