// Service names as SPEC.md spells them from logical ids, Terraform addresses and CDK paths.
#include <gtest/gtest.h>

#include "readers/naming.hpp"

namespace computefit::readers {
namespace {

TEST(Naming, KebabCaseAsSpecMdSpellsIt) {
  EXPECT_EQ(kebab_case("ProfileFunction"), "profile-function");
  EXPECT_EQ(kebab_case("ECSService"), "ecs-service");
  EXPECT_EQ(kebab_case("MyAPIHandler"), "my-api-handler");
  EXPECT_EQ(kebab_case("Handler886CB40B"), "handler886-cb40-b");
  EXPECT_EQ(kebab_case("orders_worker"), "orders-worker");
  EXPECT_EQ(kebab_case("API"), "api");
  EXPECT_EQ(kebab_case("S3Uploader"), "s3-uploader");
  EXPECT_EQ(kebab_case("__weird..Name__"), "weird-name");
  EXPECT_EQ(kebab_case(std::string(100, 'a')).size(), 63u);
}

TEST(Naming, TerraformNamesJoinModulesAndTheResource) {
  EXPECT_EQ(terraform_service_name("module.billing.aws_lambda_function.worker"), "billing-worker");
  EXPECT_EQ(terraform_service_name("aws_ecs_service.api[0]"), "api");
  EXPECT_EQ(terraform_service_name("module.a[\"x\"].module.b.aws_lambda_function.this"),
            "a-b-this");
}

std::vector<std::string> names_of(const std::vector<CdkResourcePath>& resources) {
  return cdk_service_names(resources);
}

TEST(Naming, CdkNamesTakeTheLastConstructThatSaysSomething) {
  EXPECT_EQ(names_of({{"OrdersStack/Api/Handler/Resource", "AWS::Lambda::Function"}}),
            std::vector<std::string>{"handler"});
  EXPECT_EQ(names_of({{"OrdersStack/Cluster/Default", "AWS::ECS::Cluster"}}),
            std::vector<std::string>{"cluster"});
  // ecs_patterns: the pattern's FargateService is "Service" and its CfnService "Service" again.
  EXPECT_EQ(names_of({{"CatalogStack/CatalogApi/Service/Service", "AWS::ECS::Service"}}),
            std::vector<std::string>{"catalog-api"});
  // A construct the user named like the type keeps its name when nothing else is left.
  EXPECT_EQ(names_of({{"Stack/Function/Resource", "AWS::Lambda::Function"}}),
            std::vector<std::string>{"function"});
}

TEST(Naming, CdkNamesThatWouldCollideTakeMoreOfTheirPath) {
  EXPECT_EQ(
      names_of({{"Shop/Orders/Api/Handler/Resource", "AWS::Lambda::Function"},
                {"Shop/Billing/Api/Handler/Resource", "AWS::Lambda::Function"},
                {"Shop/Search/Handler/Resource", "AWS::Lambda::Function"}}),
      (std::vector<std::string>{"orders-api-handler", "billing-api-handler", "search-handler"}));
  // Two stacks with the same construct tree: the stack tells them apart.
  EXPECT_EQ(names_of({{"BlueStack/Worker/Resource", "AWS::Lambda::Function"},
                      {"GreenStack/Worker/Resource", "AWS::Lambda::Function"}}),
            (std::vector<std::string>{"blue-stack-worker", "green-stack-worker"}));
}

}  // namespace
}  // namespace computefit::readers
