// The table of VPC endpoint service names: AWS's spellings, the gateway and data columns, the
// `ecr` shorthand and the suggestions for names that are not in it.
#include "workload/endpoint_services.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>
#include <string>

namespace computefit {
namespace {

TEST(EndpointServices, NamesAreUniqueAndSpelledAsAwsDoes) {
  // The part after com.amazonaws.REGION.: lowercase letters, digits, '-' and '.'.
  const std::regex spelling("[a-z0-9]+([.-][a-z0-9]+)*");
  std::set<std::string_view> seen;
  for (const EndpointService& e : endpoint_services()) {
    EXPECT_TRUE(std::regex_match(std::string(e.name), spelling)) << e.name;
    EXPECT_TRUE(seen.insert(e.name).second) << e.name << " is listed twice";
    EXPECT_EQ(find_endpoint_service(e.name), &e);
  }
  for (const char* name : {"s3",
                           "dynamodb",
                           "ecr.api",
                           "ecr.dkr",
                           "logs",
                           "secretsmanager",
                           "ssm",
                           "ssmmessages",
                           "ec2messages",
                           "kms",
                           "sts",
                           "sqs",
                           "sns",
                           "kinesis-streams",
                           "kinesis-firehose",
                           "ecs",
                           "ecs-agent",
                           "ecs-telemetry",
                           "ec2",
                           "eks",
                           "eks-auth",
                           "elasticloadbalancing",
                           "monitoring",
                           "events",
                           "lambda",
                           "states",
                           "execute-api",
                           "rds",
                           "rds-data",
                           "xray",
                           "elasticache"}) {
    EXPECT_TRUE(find_endpoint_service(name)) << name;
  }
  EXPECT_FALSE(find_endpoint_service("bogus-thing"));
  EXPECT_FALSE(find_endpoint_service("ecr"));  // a shorthand, not a service
  EXPECT_FALSE(find_endpoint_service("S3"));
}

TEST(EndpointServices, GatewayEndpointsAreS3AndDynamoDbOnly) {
  std::set<std::string_view> gateways;
  for (const EndpointService& e : endpoint_services()) {
    if (e.gateway) gateways.insert(e.name);
  }
  EXPECT_EQ(gateways, (std::set<std::string_view>{"s3", "dynamodb"}));
}

// SPEC.md revision 2: a plain outbound_kb_per_request goes to these, never to control-plane
// services such as secretsmanager, ssm, kms, sts or logs.
TEST(EndpointServices, DataServicesAreTheOnesSpecNames) {
  std::set<std::string_view> data;
  for (const EndpointService& e : endpoint_services()) {
    if (e.data) data.insert(e.name);
  }
  EXPECT_EQ(data, (std::set<std::string_view>{"s3", "dynamodb", "sqs", "sns", "kinesis-streams",
                                              "kinesis-firehose"}));
}

TEST(EndpointServices, EcrShorthandStandsForBothEndpoints) {
  EXPECT_EQ(expand_endpoint_shorthand("ecr"),
            (std::vector<std::string_view>{"ecr.api", "ecr.dkr"}));
  EXPECT_TRUE(expand_endpoint_shorthand("ecr.api").empty());
  EXPECT_TRUE(expand_endpoint_shorthand("s3").empty());
}

TEST(EndpointServices, SuggestsWhatAnUnknownNameMostLikelyMeans) {
  EXPECT_EQ(suggest_endpoint_service("secretmanager"), "secretsmanager");  // spelling
  EXPECT_EQ(suggest_endpoint_service("S3"), "s3");                         // case
  EXPECT_EQ(suggest_endpoint_service("kinesis"), "kinesis-streams");       // everyday names
  EXPECT_EQ(suggest_endpoint_service("firehose"), "kinesis-firehose");
  EXPECT_EQ(suggest_endpoint_service("CloudWatch"), "monitoring");
  EXPECT_EQ(suggest_endpoint_service("eventbridge"), "events");
  EXPECT_EQ(suggest_endpoint_service("com.amazonaws.eu-west-1.sqs"), "sqs");  // full name
  EXPECT_EQ(suggest_endpoint_service("bogus-thing"), std::nullopt);
  EXPECT_EQ(suggest_endpoint_service("com.amazonaws.us-east-1.no-such-service"), std::nullopt);
  EXPECT_EQ(suggest_endpoint_service(""), std::nullopt);
  // Every suggestion is itself in the table.
  for (const char* name : {"kinesis",
                           "firehose",
                           "cloudwatch",
                           "cloudwatch-logs",
                           "eventbridge",
                           "step-functions",
                           "stepfunctions",
                           "sfn",
                           "api-gateway",
                           "ses",
                           "parameter-store",
                           "elb",
                           "alb",
                           "efs",
                           "aurora",
                           "msk",
                           "keyspaces",
                           "emr",
                           "sagemaker",
                           "prometheus",
                           "cloudmap",
                           "ecr"}) {
    const auto suggestion = suggest_endpoint_service(name);
    ASSERT_TRUE(suggestion) << name;
    EXPECT_TRUE(find_endpoint_service(*suggestion)) << name << " -> " << *suggestion;
  }
}

// The editors' schema offers the same names for completion (JSON is YAML, so yaml-cpp reads it).
TEST(EndpointServices, EditorSchemaListsTheSameNames) {
  const YAML::Node schema =
      YAML::LoadFile(std::string(COMPUTEFIT_SOURCE_DIR) + "/docs/schema/spec.schema.json");
  std::set<std::string> in_schema;
  for (const YAML::Node& name : schema["$defs"]["endpoint_service"]["enum"]) {
    in_schema.insert(name.as<std::string>());
  }
  std::set<std::string> in_table;
  for (const EndpointService& e : endpoint_services()) in_table.emplace(e.name);
  EXPECT_EQ(in_schema, in_table);
}

}  // namespace
}  // namespace computefit
