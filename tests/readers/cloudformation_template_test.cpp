// CloudFormation and SAM templates resolved as far as the files allow: parameters' defaults,
// mappings, conditions and the string functions evaluated; what only a deployment knows left
// unknown with the resources it refers to; and located errors for what CloudFormation itself
// would refuse.
#include <gtest/gtest.h>

#include <string>

#include "document/json_document.hpp"
#include "document/yaml_document.hpp"
#include "readers/cloudformation/template.hpp"

namespace computefit::readers {
namespace {

using Kind = Value::Kind;

struct Read {
  Document document;
  TemplateResult result;
};

Template resolve_yaml(std::string_view text) {
  DocumentResult d = read_yaml_document("template.yaml", text);
  EXPECT_TRUE(d.diagnostics.empty()) << d.diagnostics[0].message;
  TemplateResult r = resolve_template(*d.document);
  for (const Diagnostic& e : r.diagnostics) ADD_FAILURE() << format_diagnostic(e);
  return r.value.value_or(Template{});
}

Diagnostics errors_of(std::string_view text) {
  DocumentResult d = read_yaml_document("template.yaml", text);
  EXPECT_TRUE(d.diagnostics.empty());
  TemplateResult r = resolve_template(*d.document);
  EXPECT_FALSE(r.value);
  return r.diagnostics;
}

const TemplateResource& resource(const Template& t, std::string_view id) {
  for (const TemplateResource& r : t.resources) {
    if (r.logical_id == id) return r;
  }
  static const TemplateResource none;
  ADD_FAILURE() << "no resource " << id;
  return none;
}

// A SAM application of the kind public collections hold: globals, parameters with defaults,
// a mapping per environment, a condition, short-form intrinsics.
constexpr std::string_view kSamApp = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: prod, AllowedValues: [dev, prod] }
  DbPassword: { Type: String, NoEcho: true, Default: hunter2hunter2 }
  Subnets: { Type: CommaDelimitedList, Default: "subnet-a,subnet-b" }
  VpcId: { Type: 'AWS::EC2::VPC::Id' }
  LatestAmi: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami }
Mappings:
  StageConfig:
    prod: { Memory: 1024, Reserved: 50 }
    dev: { Memory: 256, Reserved: 5 }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    Environment:
      Variables:
        STAGE: !Ref Stage
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      MemorySize: !FindInMap [StageConfig, !Ref Stage, Memory]
      ReservedConcurrentExecutions: !If [IsProd, !FindInMap [StageConfig, prod, Reserved], !Ref AWS::NoValue]
      Timeout: 30
      VpcConfig:
        SubnetIds: !Ref Subnets
        SecurityGroupIds: [!GetAtt AppSecurityGroup.GroupId]
      Environment:
        Variables:
          DB_HOST: !GetAtt Database.Endpoint.Address
          DB_URL: !Sub "postgres://app:${DbPassword}@${Database.Endpoint.Address}:5432/orders"
          QUEUE_ARN: !Sub
            - "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:${Name}"
            - { Name: !Join ['-', [orders, !Ref Stage]] }
          FIRST_SUBNET: !Select [0, !Ref Subnets]
          PARTS: !Select [1, !Split [":", "a:b:c"]]
          LITERAL: !Sub "${!NotAVariable}"
  DevOnlyTopic:
    Type: AWS::SNS::Topic
    Condition: IsDev
  AppSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref VpcId
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.m6g.large
      MasterUserPassword: !Ref DbPassword
  Host:
    Type: AWS::EC2::Instance
    Properties: { ImageId: !Ref LatestAmi }
)";

TEST(CloudFormationTemplate, ResolvesWhatTheFilesFix) {
  const Template t = resolve_yaml(kSamApp);
  EXPECT_TRUE(t.serverless);
  const TemplateResource& fn = resource(t, "OrdersFunction");
  EXPECT_EQ(fn.type, "AWS::Serverless::Function");
  EXPECT_EQ(fn.mark.line, 24);
  const Value& p = fn.properties;
  EXPECT_EQ(p.find("MemorySize")->number(), 1024);
  EXPECT_EQ(p.find("ReservedConcurrentExecutions")->number(), 50);
  EXPECT_EQ(p.find("Timeout")->number(), 30);        // the function's own beats the global
  EXPECT_EQ(p.find("Runtime")->text, "nodejs20.x");  // from Globals
  const Value& vars = *p.find("Environment")->find("Variables");
  EXPECT_EQ(vars.find("STAGE")->text, "prod");  // the global map merged with the function's
  EXPECT_EQ(vars.find("FIRST_SUBNET")->text, "subnet-a");
  EXPECT_EQ(vars.find("PARTS")->text, "b");
  EXPECT_EQ(vars.find("LITERAL")->text, "${NotAVariable}");
  EXPECT_TRUE(vars.find("LITERAL")->known());
  const Value& subnets = *p.find("VpcConfig")->find("SubnetIds");
  ASSERT_EQ(subnets.kind, Kind::list);
  EXPECT_EQ(subnets.items.size(), 2u);
}

TEST(CloudFormationTemplate, DeploymentValuesStayUnknownButKeepTheirReferences) {
  const Template t = resolve_yaml(kSamApp);
  const Value& vars =
      *resource(t, "OrdersFunction").properties.find("Environment")->find("Variables");
  const Value& host = *vars.find("DB_HOST");
  EXPECT_EQ(host.kind, Kind::unknown);
  EXPECT_EQ(host.references.count({"Database", "Endpoint.Address"}), 1u);
  // A Sub with a deployment-time part keeps the rest, and the NoEcho parameter it holds.
  const Value& url = *vars.find("DB_URL");
  EXPECT_TRUE(url.partial);
  EXPECT_EQ(url.text, "postgres://app:hunter2hunter2@${Database.Endpoint.Address}:5432/orders");
  EXPECT_EQ(url.references.count({"DbPassword", "NoEcho"}), 1u);
  EXPECT_EQ(url.references.count({"Database", "Endpoint.Address"}), 1u);
  const Value& queue = *vars.find("QUEUE_ARN");
  EXPECT_EQ(queue.text, "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:orders-prod");
  // A parameter without a default, and one read from Parameter Store, are unknown and listed.
  const Value& vpc = *resource(t, "AppSecurityGroup").properties.find("VpcId");
  EXPECT_EQ(vpc.kind, Kind::unknown);
  EXPECT_EQ(vpc.unknown_reason, "parameter 'VpcId' has no default");
  EXPECT_EQ(resource(t, "Host").properties.find("ImageId")->kind, Kind::unknown);
  ASSERT_EQ(t.unknowns.size(), 1u);
  EXPECT_EQ(t.unknowns[0],
            "template.yaml:7:3: parameter 'VpcId' has no Default: a value given at deployment");
}

TEST(CloudFormationTemplate, ConditionsDecideResourcesAndBranches) {
  const Template t = resolve_yaml(kSamApp);
  EXPECT_TRUE(resource(t, "DevOnlyTopic").excluded);
  EXPECT_FALSE(resource(t, "OrdersFunction").excluded);
  // With Stage dev, the If takes AWS::NoValue: the property is absent.
  std::string dev(kSamApp);
  dev.replace(dev.find("Default: prod"), 13, "Default: dev");
  const Template d = resolve_yaml(dev);
  EXPECT_EQ(resource(d, "OrdersFunction").properties.find("ReservedConcurrentExecutions"), nullptr);
  EXPECT_EQ(resource(d, "OrdersFunction").properties.find("MemorySize")->number(), 256);
  EXPECT_FALSE(resource(d, "DevOnlyTopic").excluded);
}

TEST(CloudFormationTemplate, LongFormJsonReadsTheSame) {
  const std::string_view json = R"({
  "Parameters": {"Size": {"Type": "Number", "Default": "512"}},
  "Conditions": {"Big": {"Fn::Equals": [{"Ref": "Size"}, "512"]},
                 "Both": {"Fn::And": [{"Condition": "Big"}, true]}},
  "Resources": {
    "Fn": {"Type": "AWS::Lambda::Function",
           "Condition": "Both",
           "Metadata": {"aws:cdk:path": "App/Orders/Handler/Resource"},
           "Properties": {"MemorySize": {"Ref": "Size"},
                          "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                          "Description": {"Fn::Join": ["", ["size ", {"Ref": "Size"}]]}}},
    "Role": {"Type": "AWS::IAM::Role"},
    "CDKMetadata": {"Type": "AWS::CDK::Metadata"}
  }
})";
  DocumentResult d = read_json_document("template.json", json);
  ASSERT_TRUE(d.document);
  const TemplateResult r = resolve_template(*d.document);
  ASSERT_TRUE(r.value) << format_diagnostic(r.diagnostics[0]);
  ASSERT_EQ(r.value->resources.size(), 2u);  // CDK's metadata resource skipped
  const TemplateResource& fn = r.value->resources[0];
  EXPECT_FALSE(fn.excluded);
  EXPECT_EQ(fn.cdk_path, "App/Orders/Handler/Resource");
  EXPECT_EQ(fn.mark.line, 6);
  EXPECT_EQ(fn.properties.find("MemorySize")->number(), 512);
  EXPECT_EQ(fn.properties.find("Description")->text, "size 512");
  EXPECT_EQ(fn.properties.find("Role")->references.count({"Role", "Arn"}), 1u);
  EXPECT_EQ(fn.properties.find("Role")->mark.line, 10);
}

TEST(CloudFormationTemplate, WhatCloudFormationRefusesIsALocatedError) {
  const auto first = [](const Diagnostics& d) {
    return d.empty() ? std::string("(none)") : format_diagnostic(d[0]);
  };
  EXPECT_EQ(first(errors_of("Resources:\n  Fn:\n    Properties: {}\n")),
            "template.yaml:2:3: error: resource 'Fn' has no `Type`");
  EXPECT_EQ(first(errors_of("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                            "    Properties: { QueueName: !Ref Nothing }\n")),
            "template.yaml:4:30: error: Ref to 'Nothing': no parameter or resource of that name");
  EXPECT_EQ(first(errors_of("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                            "    Properties: { QueueName: !GetAtt Nothing.Arn }\n")),
            "template.yaml:4:30: error: Fn::GetAtt to 'Nothing': no resource of that name");
  EXPECT_EQ(first(errors_of("Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\n"
                            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: A\n")),
            "template.yaml:2:6: error: condition 'A' refers to itself");
  EXPECT_EQ(first(errors_of("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                            "    Properties: { QueueName: !Select [5, [a, b]] }\n")),
            "template.yaml:4:30: error: Fn::Select index 5 is outside the list of 2");
  EXPECT_EQ(first(errors_of("Resources: [1]\n")),
            "template.yaml:1:12: error: a template needs `Resources`, a mapping of logical ids to "
            "resources");
  EXPECT_EQ(first(errors_of("[]\n")),
            "template.yaml:1:1: error: a template is a mapping with `Resources`");
}

TEST(CloudFormationTemplate, SelfReferencingSubIsAReferenceNotALoop) {
  // CloudFormation refuses the circular dependency at deployment; reading it must still end.
  const Template t = resolve_yaml(
      "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
      "    Properties: { QueueName: !Sub '${Q.Arn}-${Q}' }\n");
  const Value& name = *t.resources[0].properties.find("QueueName");
  EXPECT_TRUE(name.partial);
  EXPECT_EQ(name.references.size(), 2u);
}

TEST(CloudFormationTemplate, SamAliasAndVersionReferencesNameTheFunction) {
  // SAM creates `Fn.Alias` and `Fn.Version` for a function with AutoPublishAlias; a Ref to them is
  // valid SAM, not a reference to nothing.
  const Template t = resolve_yaml(
      "Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n"
      "    Type: AWS::Serverless::Function\n    Properties: { AutoPublishAlias: live }\n"
      "  Caller:\n    Type: AWS::Serverless::Function\n    Properties:\n"
      "      Environment: { Variables: { A: !Ref Worker.Alias, V: !Ref Worker.Version } }\n");
  const Value& variables = *t.resources[1].properties.find("Environment")->find("Variables");
  for (const char* key : {"A", "V"}) {
    const Value& v = *variables.find(key);
    EXPECT_FALSE(v.known()) << key;
    EXPECT_EQ(v.references.count({"Worker", ""}), 1u) << key;
  }
  // A name that is no function's alias stays an error.
  EXPECT_FALSE(errors_of("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                         "    Properties: { QueueName: !Ref Q.Alias }\n")
                   .empty());
}

}  // namespace
}  // namespace computefit::readers
