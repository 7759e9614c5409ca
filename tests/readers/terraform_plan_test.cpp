// Terraform plans (`terraform show -json`): modules to any depth, values known only after apply,
// nested blocks as lists, and the references expressions make, followed through module variables.
#include <gtest/gtest.h>

#include "document/json_document.hpp"
#include "readers/terraform/plan.hpp"

namespace computefit::readers {
namespace {

// The shape Terraform 1.9 writes, cut to what matters: a database at the root, a module that
// passes its address to a function in a nested module, a data source, a counted resource.
constexpr std::string_view kPlan = R"({
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "planned_values": {
    "root_module": {
      "resources": [
        {"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance",
         "name": "main", "values": {"engine": "postgres", "instance_class": "db.t4g.medium",
         "parameter_group_name": "default.postgres16"}},
        {"address": "data.aws_caller_identity.me", "mode": "data", "type": "aws_caller_identity",
         "name": "me", "values": {}}
      ],
      "child_modules": [
        {"address": "module.billing",
         "resources": [],
         "child_modules": [
           {"address": "module.billing.module.fn",
            "resources": [
              {"address": "module.billing.module.fn.aws_lambda_function.this[0]", "mode": "managed",
               "type": "aws_lambda_function", "name": "this", "index": 0,
               "values": {"memory_size": 512, "reserved_concurrent_executions": -1,
                          "environment": [{"variables": {"DB_POOL_SIZE": "5"}}],
                          "vpc_config": []}}
            ]}
         ]}
      ]
    }
  },
  "resource_changes": [
    {"address": "module.billing.module.fn.aws_lambda_function.this[0]",
     "change": {"actions": ["create"],
                "after_unknown": {"arn": true, "environment": [{"variables": {"DB_HOST": true}}],
                                  "vpc_config": []}}}
  ],
  "configuration": {
    "root_module": {
      "resources": [{"address": "aws_db_instance.main", "expressions": {}}],
      "module_calls": {
        "billing": {
          "expressions": {"db_host": {"references": ["aws_db_instance.main.address",
                                                     "aws_db_instance.main"]}},
          "module": {
            "module_calls": {
              "fn": {
                "expressions": {"env": {"references": ["var.db_host"]}},
                "module": {
                  "resources": [{"address": "aws_lambda_function.this", "expressions": {
                    "memory_size": {"constant_value": 512},
                    "environment": [{"variables": {"references": ["var.env"]}}]}}]
                }
              }
            }
          }
        }
      }
    }
  }
})";

TEST(TerraformPlan, ReadsResourcesInNestedModules) {
  DocumentResult d = read_json_document("plan.json", kPlan);
  ASSERT_TRUE(d.document);
  const PlanResult r = read_terraform_plan(*d.document);
  ASSERT_TRUE(r.value) << format_diagnostic(r.diagnostics[0]);
  const Plan& plan = *r.value;
  EXPECT_EQ(plan.terraform_version, "1.9.5");
  ASSERT_EQ(plan.resources.size(), 2u);  // the data source left out
  const PlanResource& db = plan.resources[0];
  EXPECT_EQ(db.address, "aws_db_instance.main");
  EXPECT_EQ(db.values.find("instance_class")->text, "db.t4g.medium");
  EXPECT_EQ(db.mark.line, 7);
  const PlanResource& fn = plan.resources[1];
  EXPECT_EQ(fn.module, "module.billing.module.fn");
  EXPECT_EQ(fn.type, "aws_lambda_function");
  EXPECT_EQ(fn.name, "this");
  EXPECT_EQ(fn.values.find("memory_size")->number(), 512);
  EXPECT_EQ(fn.values.find("reserved_concurrent_executions")->number(), -1);
}

TEST(TerraformPlan, ValuesKnownAfterApplyAreUnknown) {
  DocumentResult d = read_json_document("plan.json", kPlan);
  const PlanResult r = read_terraform_plan(*d.document);
  const PlanResource& fn = r.value->resources[1];
  EXPECT_EQ(fn.values.find("arn")->kind, Value::Kind::unknown);
  const Value& variables = *fn.values.find("environment")->items[0].find("variables");
  EXPECT_EQ(variables.find("DB_POOL_SIZE")->text, "5");
  ASSERT_NE(variables.find("DB_HOST"), nullptr);
  EXPECT_EQ(variables.find("DB_HOST")->kind, Value::Kind::unknown);
  EXPECT_EQ(variables.find("DB_HOST")->unknown_reason, "known after apply");
}

TEST(TerraformPlan, ReferencesFollowModuleVariablesToTheRoot) {
  DocumentResult d = read_json_document("plan.json", kPlan);
  const PlanResult r = read_terraform_plan(*d.document);
  const Value& environment = *r.value->resources[1].values.find("environment");
  EXPECT_EQ(environment.references.count({"aws_db_instance.main", "address"}), 1u);
  EXPECT_EQ(environment.references.count({"aws_db_instance.main", ""}), 1u);
}

TEST(TerraformPlan, ConfigurationAddressDropsInstanceKeys) {
  EXPECT_EQ(configuration_address("module.a[\"k]\"].aws_x.y[0]"), "module.a.aws_x.y");
  EXPECT_EQ(configuration_address("aws_x.y"), "aws_x.y");
}

// Found by fuzz_template: an address that does not start with its module's (a stray ']') threw
// std::out_of_range from the reader.
TEST(TerraformPlan, AnAddressOutsideItsModuleIsReadWithoutReferences) {
  const std::string_view plan = R"({"format_version": "1.2", "planned_values": {"root_module": {
    "child_modules": [{"address": "module.m", "resources": [{"address": "modu]e.m.aws_sqs_queue.q",
      "mode": "managed", "type": "aws_sqs_queue", "name": "q", "values": {}}]}]}},
    "configuration": {"root_module": {"module_calls": {"m": {"module": {"resources": []}}}}}})";
  DocumentResult d = read_json_document("plan.json", plan);
  ASSERT_TRUE(d.document);
  const PlanResult r = read_terraform_plan(*d.document);
  ASSERT_TRUE(r.value);
  EXPECT_EQ(r.value->resources.size(), 1u);
  EXPECT_EQ(configuration_address("a]b[c]d"), "abd");
}

TEST(TerraformPlan, WithoutPlannedValuesIsALocatedError) {
  DocumentResult d = read_json_document("plan.json", "{\"format_version\": \"1.2\"}");
  const PlanResult r = read_terraform_plan(*d.document);
  ASSERT_FALSE(r.value);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "plan.json:1:1: error: a Terraform plan has `planned_values` (write it with `terraform "
            "show -json plan.out`)");
}

}  // namespace
}  // namespace computefit::readers
