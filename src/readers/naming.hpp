#pragma once
// Service names from templates and plans (SPEC.md "Reading infrastructure as code"): the
// CloudFormation logical id, the Terraform module and resource names, or a CDK construct path, in
// kebab-case, so that `import` writes a spec whose names validate and read as the team wrote them.

#include <string>
#include <string_view>
#include <vector>

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

/// A CDK resource's construct path and CloudFormation type, for naming it.
struct CdkResourcePath {
  std::string_view path;  ///< `aws:cdk:path`, "OrdersStack/Api/Handler/Resource"
  std::string_view type;  ///< "AWS::Lambda::Function"
};

/// CDK resources' names, one per path, distinct from each other: the construct path's last name
/// that says something, without the stack, the generated leaves `Resource` and `Default`, a name
/// repeating its parent's, and a last name that only repeats the resource's type (an
/// `ecs_patterns` service's `CfnService` sits at ".../CatalogApi/Service/Service": "catalog-api").
/// Names that would collide take more of their path, until each is distinct or whole:
/// "Orders/Api/Handler/Resource" and "Billing/Api/Handler/Resource" -> "orders-api-handler"...
/// (stacks count when nothing else tells the two apart).
std::vector<std::string> cdk_service_names(const std::vector<CdkResourcePath>& resources);

}  // namespace computefit::readers
