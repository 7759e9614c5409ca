// `computefit import`: templates and plans into the spec they describe, every value with the
// location it came from (SPEC.md "Reading infrastructure as code").
#include "readers/import/import.hpp"

#include <gtest/gtest.h>

#include "import_test_support.hpp"
#include "readers/import/resource_model.hpp"
#include "workload/spec_loader.hpp"

namespace computefit::readers {
namespace {

using testing::contains;
using testing::import_one;
using testing::load_with_traffic;

constexpr const char* kSam = R"yaml(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  DbPassword: { Type: String, NoEcho: true }
Globals:
  Function:
    Runtime: python3.12
    Timeout: 10
Resources:
  OrdersDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.m6g.large
      DBParameterGroupName: !Ref OrdersParams
  OrdersParams:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Family: postgres16
      Parameters: { max_connections: 400 }
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 512
      Architectures: [arm64]
      ReservedConcurrentExecutions: 50
      Environment:
        Variables:
          DB_HOST: !GetAtt OrdersDb.Endpoint.Address
          DB_POOL_SIZE: 5
          DB_PASSWORD: !Ref DbPassword
      Events:
        Get: { Type: HttpApi, Properties: { Path: /orders, Method: GET } }
  Nightly:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Run: { Type: Schedule, Properties: { Schedule: "cron(0 3 * * ? *)" } }
)yaml";

TEST(Import, SamFunctionsWithTheirTriggersSettingsAndDatabase) {
  const ImportResult r = import_one("app/template.yaml", kSam);
  ASSERT_TRUE(r.value) << (r.diagnostics.empty() ? "" : r.diagnostics.front().message);
  const std::string yaml = imported_spec_yaml(*r.value);
  EXPECT_TRUE(contains(yaml, "name: app\n")) << yaml;
  // The parameter group's value wins over the engine's default; its location is the group's.
  EXPECT_TRUE(contains(yaml, "max_connections: 400  # app/template.yaml:20:")) << yaml;
  EXPECT_TRUE(contains(yaml, "- name: api-function  # app/template.yaml:21:3")) << yaml;
  EXPECT_TRUE(contains(yaml, "kind: http  # app/template.yaml:33:")) << yaml;
  EXPECT_TRUE(contains(yaml, "front_door: api-gateway-http")) << yaml;
  EXPECT_TRUE(contains(yaml, "language: python  # app/template.yaml:7:")) << yaml;
  EXPECT_TRUE(contains(yaml, "memory_mb: 512  # app/template.yaml:24:")) << yaml;
  EXPECT_TRUE(contains(yaml, "architecture: arm64")) << yaml;
  EXPECT_TRUE(contains(yaml, "reserved_concurrency: 50")) << yaml;
  EXPECT_TRUE(contains(yaml, "timeout_seconds: 10  # app/template.yaml:8:")) << yaml;
  // A NoEcho parameter in a variable named PASSWORD is a secret in plain text after deploy.
  EXPECT_TRUE(contains(yaml, "secrets: env")) << yaml;
  EXPECT_TRUE(contains(yaml, "downstream: orders-db")) << yaml;
  EXPECT_TRUE(contains(yaml, "connections_per_instance: 5")) << yaml;
  EXPECT_TRUE(contains(yaml, "iam_role: api-function-role")) << yaml;
  // The scheduled job: its expression, and AWS's defaults for what the template leaves out.
  EXPECT_TRUE(contains(yaml, "kind: scheduled")) << yaml;
  EXPECT_TRUE(contains(yaml, "schedule: \"cron(0 3 * * ? *)\"")) << yaml;
  EXPECT_TRUE(contains(yaml, "memory_mb: 128  # app/template.yaml:34:3 MemorySize not set"))
      << yaml;
  EXPECT_TRUE(contains(yaml, "# TODO traffic:")) << yaml;
  EXPECT_TRUE(contains(yaml, "# TODO slo:")) << yaml;

  const SpecLoadResult loaded = load_with_traffic(yaml);
  ASSERT_TRUE(loaded.spec) << format_diagnostic(loaded.diagnostics.front()) << "\n" << yaml;
  ASSERT_EQ(loaded.spec->services.size(), 2u);
  EXPECT_EQ(loaded.spec->services[0].runtimes.lambda.reserved_concurrency, 50);
}

TEST(Import, EcsServiceWithTaskDefinitionAndScalableTarget) {
  const ImportResult r = import_one("svc.json", R"({
 "Resources": {
  "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Cpu": "1 vCPU", "Memory": "2 GB",
    "TaskRoleArn": {"Fn::GetAtt": ["TaskRole", "Arn"]},
    "ContainerDefinitions": [{"Name": "app", "Secrets": [{"Name": "DB_PASSWORD", "ValueFrom": "arn:aws:ssm:x"}]}]}},
  "TaskRole": {"Type": "AWS::IAM::Role"},
  "Service": {"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "FARGATE",
    "DesiredCount": 2, "TaskDefinition": {"Ref": "Task"},
    "LoadBalancers": [{"ContainerName": "app", "ContainerPort": 8080}]}},
  "Target": {"Type": "AWS::ApplicationAutoScaling::ScalableTarget", "Properties": {
    "MinCapacity": 2, "MaxCapacity": 12, "ServiceNamespace": "ecs",
    "ResourceId": {"Fn::Join": ["/", ["service", "cluster", {"Fn::GetAtt": ["Service", "Name"]}]]}}}
 }})");
  ASSERT_TRUE(r.value) << (r.diagnostics.empty() ? "" : r.diagnostics.front().message);
  const std::string yaml = imported_spec_yaml(*r.value);
  EXPECT_TRUE(contains(yaml, "vcpu: 1  # svc.json:3:70 Cpu 1 vCPU")) << yaml;
  EXPECT_TRUE(contains(yaml, "memory_mb: 2048")) << yaml;
  EXPECT_TRUE(contains(yaml, "kind: http")) << yaml;
  EXPECT_TRUE(contains(yaml, "secrets: injected")) << yaml;
  EXPECT_TRUE(contains(yaml, "iam_role: task-role")) << yaml;
  // The scalable target's range, not the desired count, bounds the fleet.
  EXPECT_TRUE(contains(yaml, "ecs-fargate:\n        min_tasks: 2")) << yaml;
  EXPECT_TRUE(contains(yaml, "max_tasks: 12")) << yaml;
  const SpecLoadResult loaded = load_with_traffic(yaml);
  ASSERT_TRUE(loaded.spec) << format_diagnostic(loaded.diagnostics.front()) << "\n" << yaml;
  EXPECT_EQ(loaded.spec->services[0].runtimes.ecs_fargate.max_tasks, 12);
}

TEST(Import, TerraformFunctionWithUnreservedConcurrencyAndAQueueTrigger) {
  const ImportResult r = import_one("plan.json", R"({
 "format_version": "1.2", "terraform_version": "1.9.5",
 "planned_values": {"root_module": {"resources": [
  {"address": "aws_lambda_function.worker", "mode": "managed", "type": "aws_lambda_function",
   "name": "worker", "values": {"memory_size": 1024, "timeout": 60, "runtime": "nodejs20.x",
   "reserved_concurrent_executions": -1, "architectures": ["x86_64"]}},
  {"address": "aws_lambda_event_source_mapping.jobs", "mode": "managed",
   "type": "aws_lambda_event_source_mapping", "name": "jobs",
   "values": {"batch_size": 10, "function_name": "worker"}}]}},
 "configuration": {"root_module": {"resources": [
  {"address": "aws_lambda_event_source_mapping.jobs", "type": "aws_lambda_event_source_mapping",
   "name": "jobs", "expressions": {"function_name": {"references":
     ["aws_lambda_function.worker.arn", "aws_lambda_function.worker"]}}}]}}
})");
  ASSERT_TRUE(r.value) << (r.diagnostics.empty() ? "" : r.diagnostics.front().message);
  const std::string yaml = imported_spec_yaml(*r.value);
  EXPECT_TRUE(contains(yaml, "- name: worker")) << yaml;
  EXPECT_TRUE(contains(yaml, "kind: worker  # plan.json:")) << yaml;
  EXPECT_TRUE(contains(yaml, "language: nodejs")) << yaml;
  // -1 is Terraform's "unreserved": no reserved_concurrency key.
  EXPECT_FALSE(contains(yaml, "reserved_concurrency")) << yaml;
  EXPECT_TRUE(load_with_traffic(yaml).spec);
}

TEST(Import, CustomResourceProvidersAreSkippedAndAFunctionWithoutTriggerIsAnEvent) {
  const ImportResult r = import_one("t.yaml", R"(Resources:
  Provider:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::1:role/p, Runtime: nodejs20.x }
  Cleanup:
    Type: Custom::Cleanup
    Properties: { ServiceToken: !GetAtt Provider.Arn }
  Handler:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::1:role/handler-role, Runtime: java21 }
)");
  ASSERT_TRUE(r.value);
  const std::string yaml = imported_spec_yaml(*r.value);
  EXPECT_FALSE(contains(yaml, "- name: provider")) << yaml;
  EXPECT_TRUE(contains(yaml, "Provider: backs a custom resource")) << yaml;
  EXPECT_TRUE(contains(yaml, "kind: event  # t.yaml:8:3 no trigger in the files")) << yaml;
  EXPECT_TRUE(contains(yaml, "iam_role: handler-role")) << yaml;
}

// A function in two private subnets whose route table leads to a NAT gateway, with an S3 gateway
// endpoint on that table; the near miss, a function in a subnet routed to the internet gateway.
TEST(Import, NetworkFollowsSubnetsToRouteTablesAndEndpoints) {
  const ImportResult r = import_one("net.yaml", R"(Resources:
  Igw: { Type: AWS::EC2::InternetGateway }
  Nat: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref PublicA } }
  PublicA: { Type: AWS::EC2::Subnet }
  PrivateA: { Type: AWS::EC2::Subnet }
  PrivateB: { Type: AWS::EC2::Subnet }
  PublicTable: { Type: AWS::EC2::RouteTable }
  PrivateTable: { Type: AWS::EC2::RouteTable }
  ToInternet:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref PublicTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  ToNat:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref PrivateTable, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat }
  A1: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PublicA, RouteTableId: !Ref PublicTable } }
  A2: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PrivateA, RouteTableId: !Ref PrivateTable } }
  A3: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PrivateB, RouteTableId: !Ref PrivateTable } }
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties: { ServiceName: !Sub "com.amazonaws.${AWS::Region}.s3", RouteTableIds: [!Ref PrivateTable] }
  Inside:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::1:role/r, VpcConfig: { SubnetIds: [!Ref PrivateA, !Ref PrivateB] } }
  Outside:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::1:role/r, VpcConfig: { SubnetIds: [!Ref PublicA] } }
)");
  ASSERT_TRUE(r.value) << (r.diagnostics.empty() ? "" : r.diagnostics.front().message);
  const std::string yaml = imported_spec_yaml(*r.value);
  const std::size_t outside = yaml.find("- name: outside");
  ASSERT_NE(outside, std::string::npos) << yaml;
  const std::string inside_part = yaml.substr(0, outside);
  const std::string outside_part = yaml.substr(outside);
  EXPECT_TRUE(contains(inside_part, "subnet: private")) << yaml;
  EXPECT_TRUE(contains(inside_part, "nat_gateway: true  # net.yaml:12:3")) << yaml;
  EXPECT_TRUE(contains(inside_part, "- s3  # net.yaml:")) << yaml;
  EXPECT_TRUE(contains(inside_part, "azs: 2")) << yaml;
  EXPECT_TRUE(contains(outside_part, "subnet: public  # net.yaml:9:3")) << yaml;
  EXPECT_TRUE(contains(outside_part, "nat_gateway: false")) << yaml;
  EXPECT_TRUE(contains(outside_part, "vpc_endpoints: []")) << yaml;
  EXPECT_TRUE(load_with_traffic(yaml).spec) << yaml;
}

// A spec among the inputs is the overlay: its services' keys over the template's (by name), a
// service only in it added, its other keys over the template's, and the TODOs it answers gone.
TEST(Import, ASpecAmongTheInputsIsMergedOverTheTemplates) {
  MemoryFileSystem files;
  files.add("app/template.yaml", kSam);
  files.add("overlay.yaml", R"(version: 1
name: orders
region: eu-west-1
services:
  - name: api-function
    memory_mb: 1024
    traffic: { rps: 20 }
    duration_ms: { p50: 40, p99: 200 }
    slo: { p99_ms: 500 }
  - name: extra
    kind: http
    traffic: { rps: 1 }
)");
  const ImportResult r = import_files({"app/template.yaml", "overlay.yaml"}, files);
  ASSERT_TRUE(r.value) << (r.diagnostics.empty() ? "" : r.diagnostics.front().message);
  const std::string yaml = imported_spec_yaml(*r.value);
  EXPECT_TRUE(contains(yaml, "region: eu-west-1  # overlay.yaml:3:1")) << yaml;
  EXPECT_TRUE(contains(yaml, "memory_mb: 1024  # overlay.yaml:6:5")) << yaml;
  EXPECT_TRUE(contains(yaml, "reserved_concurrency: 50  # app/template.yaml")) << yaml;
  EXPECT_TRUE(contains(yaml, "- name: extra  # overlay.yaml:10:5")) << yaml;
  const std::size_t nightly = yaml.find("- name: nightly");
  ASSERT_NE(nightly, std::string::npos);
  EXPECT_FALSE(contains(yaml.substr(0, nightly), "# TODO traffic")) << yaml;
  EXPECT_TRUE(contains(yaml.substr(nightly), "# TODO duration_ms")) << yaml;
  const SpecLoadResult loaded = load_with_traffic(yaml);
  ASSERT_TRUE(loaded.spec) << format_diagnostic(loaded.diagnostics.front()) << yaml;
  EXPECT_EQ(loaded.spec->services.size(), 3u);
  EXPECT_EQ(loaded.spec->services[0].memory_mb, 1024);
}

TEST(Import, InputsThatAreNotTemplatesAreLocatedErrors) {
  EXPECT_EQ(import_one("x.yaml", "a: [1, 2\n").diagnostics.size(), 1u);
  const ImportResult spec = import_one("spec.yaml", "version: 1\nservices: []\n");
  ASSERT_EQ(spec.diagnostics.size(), 1u);
  EXPECT_EQ(spec.diagnostics[0].code, "spec-input");  // a spec alone: no template to import
  const ImportResult none = import_one("q.yaml", "Resources:\n  Q: { Type: AWS::SQS::Queue }\n");
  ASSERT_EQ(none.diagnostics.size(), 1u);
  EXPECT_EQ(none.diagnostics[0].code, "no-services");
  EXPECT_EQ(import_files({"missing.yaml"}, MemoryFileSystem{}).diagnostics[0].code, "unreadable");
}

TEST(ImportRules, SecretVariablesBySpecWords) {
  // SPEC.md: a `_`-separated word PASSWORD, PASSWD, SECRET, TOKEN, APIKEY, CREDENTIAL(S), or the
  // pairs API KEY and PRIVATE KEY.
  for (const char* name : {"DB_PASSWORD", "stripe_api_key", "GITHUB_TOKEN", "PRIVATE_KEY", "APIKEY",
                           "AWS_CREDENTIALS", "client-secret"}) {
    EXPECT_TRUE(secret_name(name)) << name;
  }
  // Near misses: the word only inside another, or KEY alone.
  for (const char* name : {"TOKENIZER_MODEL", "PASSWORDLESS", "KEY_PREFIX", "CACHE_KEY",
                           "SECRETARIAT_URL", "DB_HOST"}) {
    EXPECT_FALSE(secret_name(name)) << name;
  }
  for (const char* value : {"5432", "true", "https://api.example.com/v1",
                            "arn:aws:secretsmanager:us-east-1:1:secret:db"}) {
    EXPECT_TRUE(plain_setting(value)) << value;
  }
  for (const char* value : {"hunter2", "postgres://app:s3cret@db:5432/orders"}) {
    EXPECT_FALSE(plain_setting(value)) << value;
  }
  EXPECT_TRUE(pool_size_name("DB_POOL_SIZE"));
  EXPECT_TRUE(pool_size_name("POOL_MAX"));
  EXPECT_FALSE(pool_size_name("DB_HOST"));
  EXPECT_EQ(language_of_runtime("python3.12"), "python");
  EXPECT_EQ(language_of_runtime("provided.al2023"), "");
}

// ---- the facts the template rules read
// -----------------------------------------------------------

// The comment beside the first line of `yaml` that starts (after indentation) with `key_prefix`.
std::string line_of(const std::string& yaml, const std::string& key_prefix) {
  std::size_t start = 0;
  while (start < yaml.size()) {
    std::size_t end = yaml.find('\n', start);
    if (end == std::string::npos) end = yaml.size();
    const std::string line = yaml.substr(start, end - start);
    const std::size_t first = line.find_first_not_of(' ');
    if (first != std::string::npos && line.compare(first, key_prefix.size(), key_prefix) == 0) {
      return line;
    }
    start = end + 1;
  }
  return "";
}

constexpr const char* kQueues = R"yaml(Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Results:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 120
  JobFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Timeout: 20
      Environment:
        Variables:
          RESULTS_URL: !Ref Results
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            MaximumBatchingWindowInSeconds: 5
            ScalingConfig: { MaximumConcurrency: 4 }
  Sender:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/sender
      Environment:
        Variables:
          RESULTS_URL: !Ref Results
  ResultMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Results.Arn
      FunctionName: !Ref Reader
      BatchSize: 3
  Reader:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/reader
)yaml";

TEST(ImportFacts, SqsConsumersGetTheirQueueVisibilityAndBatching) {
  const ImportResult r = import_one("q.yaml", kQueues);
  ASSERT_TRUE(r.value) << (r.diagnostics.empty() ? "" : r.diagnostics.front().message);
  const std::string yaml = imported_spec_yaml(*r.value);
  const SpecLoadResult loaded = load_with_traffic(yaml);
  ASSERT_TRUE(loaded.spec) << yaml;
  const Spec& spec = *loaded.spec;
  ASSERT_EQ(spec.services.size(), 3u) << yaml;
  // SAM SQS event: the queue's AWS default visibility (said so, at the queue), the event's own
  // window and maximum concurrency, AWS's default batch size.
  const Service& job = spec.services[0];
  ASSERT_TRUE(job.event_source) << yaml;
  EXPECT_EQ(job.event_source->queue, "Jobs");
  EXPECT_EQ(job.event_source->visibility_timeout_seconds, 30.0);
  EXPECT_EQ(job.event_source->batch_size, 10);
  EXPECT_EQ(job.event_source->batching_window_seconds, 5.0);
  EXPECT_EQ(job.event_source->max_concurrency, 4);
  EXPECT_TRUE(contains(line_of(yaml, "visibility_timeout_seconds: 30"),
                       "q.yaml:3:3 VisibilityTimeout not set: SQS's default"))
      << yaml;
  EXPECT_TRUE(contains(yaml, "Jobs: VisibilityTimeout not set, SQS's default 30 s")) << yaml;
  // A function that only holds a queue's URL sends to it: no event source.
  EXPECT_EQ(spec.services[1].name, "sender");
  EXPECT_FALSE(spec.services[1].event_source);
  // An event source mapping resource, the queue's own timeout.
  const Service& reader = spec.services[2];
  ASSERT_TRUE(reader.event_source) << yaml;
  EXPECT_EQ(reader.event_source->queue, "Results");
  EXPECT_EQ(reader.event_source->visibility_timeout_seconds, 120.0);
  EXPECT_EQ(reader.event_source->batch_size, 3);
  EXPECT_FALSE(reader.event_source->max_concurrency);
  EXPECT_TRUE(contains(line_of(yaml, "visibility_timeout_seconds: 120"), "q.yaml:8:26")) << yaml;
}

TEST(ImportFacts, AnEcsWorkerReadsTheQueueItsEnvironmentNamesIfItsRoleMay) {
  const std::string worker = R"yaml(Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties: { VisibilityTimeout: 45 }
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: jobs
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: ["sqs:Receive*", "sqs:DeleteMessage"], Resource: !GetAtt Jobs.Arn }
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Cpu: 512
      Memory: 1024
      TaskRoleArn: !GetAtt WorkerRole.Arn
      ContainerDefinitions:
        - Name: worker
          Environment:
            - { Name: JOBS_URL, Value: !Ref Jobs }
  Worker:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref Task
)yaml";
  ImportResult r = import_one("w.yaml", worker);
  ASSERT_TRUE(r.value);
  std::string yaml = imported_spec_yaml(*r.value);
  EXPECT_TRUE(contains(line_of(yaml, "queue: Jobs"), "JOBS_URL names the queue read")) << yaml;
  EXPECT_TRUE(contains(yaml, "visibility_timeout_seconds: 45")) << yaml;

  // The same worker whose role, all in the file, may only send: not a consumer.
  std::string sender = worker;
  sender.replace(sender.find("\"sqs:Receive*\", "), std::string("\"sqs:Receive*\", ").size(), "");
  sender.replace(sender.find("sqs:DeleteMessage"), std::string("sqs:DeleteMessage").size(),
                 "sqs:SendMessage");
  r = import_one("w.yaml", sender);
  ASSERT_TRUE(r.value);
  yaml = imported_spec_yaml(*r.value);
  EXPECT_FALSE(contains(yaml, "event_source")) << yaml;
}

TEST(ImportFacts, EnvironmentSizeIsTheVariablesAsJson) {
  // {"A":"1"} is 9 bytes; an escaped quote takes two; a multi-byte character its UTF-8 bytes.
  EXPECT_EQ(environment_json_bytes({}), 2);
  EXPECT_EQ(environment_json_bytes({{"A", "1"}}), 9);
  EXPECT_EQ(environment_json_bytes({{"A", "1"}, {"BB", "22"}}), 9 + 10);
  EXPECT_EQ(environment_json_bytes({{"Q", "a\"b"}}), 12);
  EXPECT_EQ(environment_json_bytes({{"E", "\xc3\xa9"}}), 10);
  EXPECT_EQ(environment_json_bytes({{"U", std::nullopt}}), 8);

  const ImportResult r = import_one("e.yaml", R"yaml(Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Environment:
      Variables:
        STAGE: prod
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Environment:
        Variables:
          PORT: 8080
          TABLE: !Ref Table
)yaml");
  ASSERT_TRUE(r.value);
  const std::string yaml = imported_spec_yaml(*r.value);
  // {"PORT":"8080","TABLE":"","STAGE":"prod"}: Globals merged, the unknown table name empty.
  EXPECT_TRUE(contains(line_of(yaml, "environment_bytes: 41"), "e.yaml:14:7 at least")) << yaml;
  EXPECT_TRUE(contains(yaml, "      - TABLE  #")) << yaml;
  const SpecLoadResult loaded = load_with_traffic(yaml);
  ASSERT_TRUE(loaded.spec) << yaml;
  EXPECT_EQ(loaded.spec->services[0].environment_bytes, 41);
  EXPECT_EQ(loaded.spec->services[0].environment_unresolved, (std::vector<std::string>{"TABLE"}));
}

TEST(ImportFacts, TaskDefinitionSizeRolesAndPublicIpAsDeclared) {
  const ImportResult r = import_one("t.yaml", R"yaml(Resources:
  Role:
    Type: AWS::IAM::Role
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Cpu: '2 vCPU'
      Memory: '3 GB'
      TaskRoleArn: !GetAtt Role.Arn
      ExecutionRoleArn: !GetAtt Role.Arn
  Web:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref Task
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
)yaml");
  ASSERT_TRUE(r.value);
  const std::string yaml = imported_spec_yaml(*r.value);
  const SpecLoadResult loaded = load_with_traffic(yaml);
  ASSERT_TRUE(loaded.spec) << yaml;
  const Service& s = loaded.spec->services[0];
  // 2 vCPU with 3 GB is no Fargate size: kept as declared, for a rule to judge.
  ASSERT_TRUE(s.task_size);
  EXPECT_EQ(s.task_size->vcpu, 2.0);
  EXPECT_EQ(s.task_size->memory_mb, 3072.0);
  EXPECT_TRUE(contains(line_of(yaml, "memory_mb: 3072"), "t.yaml:8:15 Memory 3 GB")) << yaml;
  EXPECT_EQ(s.iam_role, "role");
  EXPECT_EQ(s.execution_role, "role");
  EXPECT_TRUE(contains(line_of(yaml, "execution_role: role"), "t.yaml:10:25 ExecutionRoleArn"))
      << yaml;
  EXPECT_TRUE(s.network.assign_public_ip);
  EXPECT_TRUE(contains(line_of(yaml, "assign_public_ip: true"), "t.yaml:18:27")) << yaml;
}

TEST(ImportFacts, IamStatementsByThePolicyResourceEachActionAtItsLine) {
  const ImportResult r = import_one("i.yaml", R"yaml(Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
  Grants:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref AppRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action:
              - s3:GetObject
              - '*'
            Resource: !Sub '${Bucket.Arn}/*'
          - Effect: Deny
            NotAction: iam:PassRole
            Resource: '*'
            Condition: { Bool: { aws:MultiFactorAuthPresent: false } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Policies:
        - AmazonS3ReadOnlyAccess
        - Statement:
            - { Effect: Allow, Action: dynamodb:*, Resource: '*' }
)yaml");
  ASSERT_TRUE(r.value);
  const std::string yaml = imported_spec_yaml(*r.value);
  EXPECT_TRUE(contains(line_of(yaml, "- \"*\""), "i.yaml:18:17 Action")) << yaml;
  const SpecLoadResult loaded = load_with_traffic(yaml);
  ASSERT_TRUE(loaded.spec) << yaml;
  const std::vector<IamPolicy>& policies = loaded.spec->iam_policies;
  ASSERT_EQ(policies.size(), 2u) << yaml;
  EXPECT_EQ(policies[0].id, "Grants");
  EXPECT_EQ(policies[0].roles, (std::vector<std::string>{"app-role"}));
  ASSERT_EQ(policies[0].statements.size(), 2u);
  EXPECT_EQ(policies[0].statements[0].actions, (std::vector<std::string>{"s3:GetObject", "*"}));
  // A resource built from an attribute stays one resource, never `*`.
  EXPECT_EQ(policies[0].statements[0].resources, (std::vector<std::string>{"${Bucket.Arn}/*"}));
  EXPECT_EQ(policies[0].statements[0].action_marks.size(), 2u);
  EXPECT_FALSE(policies[0].statements[1].allow);
  EXPECT_EQ(policies[0].statements[1].not_actions, (std::vector<std::string>{"iam:PassRole"}));
  EXPECT_TRUE(policies[0].statements[1].conditional);
  // SAM's Policies statements belong to the function's generated role; a managed policy's name
  // beside them is a grant from outside the files.
  EXPECT_EQ(policies[1].id, "Fn");
  EXPECT_EQ(policies[1].roles, (std::vector<std::string>{"fn-role"}));
  EXPECT_EQ(policies[1].statements[0].actions, (std::vector<std::string>{"dynamodb:*"}));
}

TEST(ImportFacts, TerraformFactsFromPlanAttributes) {
  const ImportResult r = import_one("plan.json", R"({
 "format_version": "1.2", "terraform_version": "1.9.5",
 "planned_values": {"root_module": {"resources": [
  {"address": "aws_sqs_queue.jobs", "mode": "managed", "type": "aws_sqs_queue", "name": "jobs",
   "values": {"visibility_timeout_seconds": 90}},
  {"address": "aws_lambda_function.worker", "mode": "managed", "type": "aws_lambda_function",
   "name": "worker", "values": {"timeout": 60, "runtime": "nodejs20.x",
   "role": "arn:aws:iam::1:role/worker",
   "environment": [{"variables": {"A": "1"}}]}},
  {"address": "aws_lambda_event_source_mapping.jobs", "mode": "managed",
   "type": "aws_lambda_event_source_mapping", "name": "jobs",
   "values": {"function_name": "worker", "event_source_arn": "arn:aws:sqs:us-east-1:1:jobs",
              "batch_size": 5, "maximum_batching_window_in_seconds": 2,
              "scaling_config": [{"maximum_concurrency": 3}]}},
  {"address": "aws_iam_role_policy.worker", "mode": "managed", "type": "aws_iam_role_policy",
   "name": "worker", "values": {"role": "worker",
   "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sqs:*\"],\"Resource\":\"*\"}]}"}}]}},
 "configuration": {"root_module": {"resources": [
  {"address": "aws_lambda_event_source_mapping.jobs", "type": "aws_lambda_event_source_mapping",
   "name": "jobs", "expressions": {
     "function_name": {"references": ["aws_lambda_function.worker.arn", "aws_lambda_function.worker"]},
     "event_source_arn": {"references": ["aws_sqs_queue.jobs.arn", "aws_sqs_queue.jobs"]}}}]}}
})");
  ASSERT_TRUE(r.value) << (r.diagnostics.empty() ? "" : r.diagnostics.front().message);
  const std::string yaml = imported_spec_yaml(*r.value);
  const SpecLoadResult loaded = load_with_traffic(yaml);
  ASSERT_TRUE(loaded.spec) << yaml;
  const Service& s = loaded.spec->services[0];
  ASSERT_TRUE(s.event_source) << yaml;
  EXPECT_EQ(s.event_source->queue, "aws_sqs_queue.jobs");
  EXPECT_EQ(s.event_source->visibility_timeout_seconds, 90.0);
  EXPECT_EQ(s.event_source->batch_size, 5);
  EXPECT_EQ(s.event_source->batching_window_seconds, 2.0);
  EXPECT_EQ(s.event_source->max_concurrency, 3);
  EXPECT_EQ(s.environment_bytes, 9);
  EXPECT_EQ(s.iam_role, "worker");
  ASSERT_EQ(loaded.spec->iam_policies.size(), 1u);
  EXPECT_EQ(loaded.spec->iam_policies[0].id, "aws_iam_role_policy.worker");
  EXPECT_EQ(loaded.spec->iam_policies[0].roles, (std::vector<std::string>{"worker"}));
  EXPECT_EQ(loaded.spec->iam_policies[0].statements[0].actions,
            (std::vector<std::string>{"sqs:*"}));
}

TEST(ImportRules, ActionPatternsAndVariableClasses) {
  EXPECT_TRUE(action_matches("*", "sqs:ReceiveMessage"));
  EXPECT_TRUE(action_matches("sqs:*", "sqs:ReceiveMessage"));
  EXPECT_TRUE(action_matches("SQS:receive*", "sqs:ReceiveMessage"));
  EXPECT_TRUE(action_matches("sqs:Receive?essage", "sqs:ReceiveMessage"));
  EXPECT_FALSE(action_matches("sqs:Send*", "sqs:ReceiveMessage"));
  EXPECT_FALSE(action_matches("s3:*", "sqs:ReceiveMessage"));
  EXPECT_EQ(classify_variable({"DB_PASSWORD", "hunter2", true, false, false}),
            "DB_PASSWORD holds a secret in plain text");
  EXPECT_EQ(
      classify_variable({"DB_PASSWORD", "{{resolve:secretsmanager:db}}", false, false, false}),
      "DB_PASSWORD resolves a secret into the configuration");
  EXPECT_EQ(classify_variable({"DB_PASSWORD", "", false, true, false}),
            "DB_PASSWORD holds a NoEcho parameter in plain text");
  EXPECT_EQ(classify_variable({"DB_PASSWORD", "arn:aws:secretsmanager:x", true, false, false}), "");
  EXPECT_EQ(classify_variable({"DB_HOST", "hunter2", true, false, false}), "");
}

}  // namespace
}  // namespace computefit::readers
