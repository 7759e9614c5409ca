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

TEST(Naming, CdkNamesTakeTheLastConstruct) {
  EXPECT_EQ(cdk_service_name("OrdersStack/Api/Handler/Resource"), "handler");
  EXPECT_EQ(cdk_service_name("OrdersStack/Service/Service"), "service");
  EXPECT_EQ(cdk_service_name("OrdersStack/Cluster/Default"), "cluster");
}

}  // namespace
}  // namespace computefit::readers
