// `computefit import` on CloudFormation and SAM templates: what a template says and what it
// cannot (SPEC.md "Reading infrastructure as code"), one small realistic template per case.
#include <gtest/gtest.h>

#include <algorithm>

#include "import_test_support.hpp"
#include "readers/import/import.hpp"
#include "workload/spec_loader.hpp"

namespace computefit::readers {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return contains(l, part); });
}

struct Imports {
  ImportResult result;
  std::string yaml;
};

Imports import_all(const std::vector<std::pair<std::string, std::string>>& inputs) {
  MemoryFileSystem files;
  std::vector<std::string> paths;
  for (const auto& [path, text] : inputs) {
    files.add(path, text);
    paths.push_back(path);
  }
  Imports out{import_files(paths, files), ""};
  for (const Diagnostic& d : out.result.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  if (out.result.value) out.yaml = imported_spec_yaml(*out.result.value);
  return out;
}

Imports import_one(const std::string& text) {
  return import_all({{"template.yaml", text}});
}

// The written spec with traffic and durations given where import left them to do: the loader
// must take it (the import wrote a valid spec).
SpecLoadResult load_filled(const std::string& yaml) {
  return testing::load_with_traffic(yaml);
}

void expect_valid(const std::string& yaml) {
  const SpecLoadResult loaded = load_filled(yaml);
  for (const Diagnostic& d : loaded.diagnostics)
    ADD_FAILURE() << format_diagnostic(d) << "\n" << yaml;
  EXPECT_TRUE(loaded.spec.has_value());
}

TEST(CloudFormationImport, SamFunctionUrlServesHttp) {
  const Imports i = import_one(R"(Transform: AWS::Serverless-2016-10-31
Resources:
  StreamFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      MemorySize: 1024
      FunctionUrlConfig:
        AuthType: AWS_IAM
        InvokeMode: RESPONSE_STREAM
)");
  EXPECT_TRUE(contains(i.yaml, "kind: http  # template.yaml:9:7 FunctionUrlConfig")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "front_door: function-url  # template.yaml:9:7")) << i.yaml;
  expect_valid(i.yaml);
}

TEST(CloudFormationImport, LambdaUrlResourceServesHttp) {
  const Imports i = import_one(R"(Resources:
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/handler
      Code: { ZipFile: "def handler(e, c): return 1" }
  HandlerUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: NONE
      TargetFunctionArn: !GetAtt Handler.Arn
)");
  EXPECT_TRUE(contains(i.yaml, "kind: http")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "front_door: function-url")) << i.yaml;
}

TEST(CloudFormationImport, EksClusterIsAFactNotAPlatformTeam) {
  const Imports i = import_one(R"(Parameters:
  NodeType: { Type: String, Default: m6i.large }
Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      Version: "1.31"
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig: { SubnetIds: [subnet-1, subnet-2] }
  Nodes:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: !Ref Cluster
      NodeRole: arn:aws:iam::123456789012:role/nodes
      Subnets: [subnet-1, subnet-2]
      InstanceTypes: [!Ref NodeType]
      ScalingConfig: { MinSize: 2, DesiredSize: 3, MaxSize: 6 }
)");
  EXPECT_FALSE(contains(i.yaml, "\n  kubernetes_platform:")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "# TODO kubernetes_platform:")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "eks_cluster: true")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "kubernetes_version: \"1.31\"")) << i.yaml;
  EXPECT_TRUE(
      contains(i.yaml, "instance_type: m6i.large  # template.yaml:16:23 InstanceTypes of Nodes"))
      << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "min_nodes: 2  # template.yaml:17:33 MinSize of Nodes")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "max_nodes: 6")) << i.yaml;
}

// Self-managed nodes: an Auto Scaling group tagged for the cluster, its type in a launch
// configuration; another group (not the cluster's) is listed as skipped.
constexpr const char* kSelfManaged = R"(Parameters:
  WorkerType: { Type: String, Default: t2.small }
  Workers: { Type: Number, Default: 3 }
Resources:
  ControlPlane:
    Type: AWS::EKS::Cluster
    Properties:
      Version: "1.10"
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig: { SubnetIds: [subnet-1] }
  WorkerGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      LaunchConfigurationName: !Ref WorkerConfig
      MinSize: !Ref Workers
      MaxSize: !Ref Workers
      VPCZoneIdentifier: [subnet-1]
      Tags:
        - Key: !Sub "kubernetes.io/cluster/${ControlPlane}"
          Value: owned
          PropagateAtLaunch: true
  WorkerConfig:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-12345678
      InstanceType: !Ref WorkerType
  BastionGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: 1
      MaxSize: 1
      LaunchTemplate: { LaunchTemplateId: lt-123, Version: "1" }
)";

TEST(CloudFormationImport, SelfManagedNodesGiveTheNodeType) {
  const Imports i = import_one(kSelfManaged);
  EXPECT_TRUE(contains(i.yaml,
                       "instance_type: t2.small  # template.yaml:26:21 InstanceType of "
                       "WorkerConfig (WorkerGroup)"))
      << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "min_nodes: 3")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "max_nodes: 3")) << i.yaml;
  EXPECT_FALSE(contains(i.yaml, "\n  kubernetes_platform:")) << i.yaml;
  ASSERT_TRUE(i.result.value);
  EXPECT_TRUE(any_contains(i.result.value->skipped, "BastionGroup")) << i.yaml;
  EXPECT_FALSE(any_contains(i.result.value->skipped, "WorkerGroup")) << i.yaml;
}

TEST(CloudFormationImport, UnknownNodeTypeIsLeftToDoNeverGuessed) {
  const Imports i = import_one(R"(Parameters:
  NodeType: { Type: String }
Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      Version: "1.32"
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig: { SubnetIds: [subnet-1] }
  Nodes:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: !Ref Cluster
      NodeRole: arn:aws:iam::123456789012:role/nodes
      Subnets: [subnet-1]
      InstanceTypes: [!Ref NodeType]
)");
  EXPECT_FALSE(contains(i.yaml, "    instance_type:")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml,
                       "# TODO instance_type: the cluster's node type (Nodes "
                       "InstanceTypes: parameter 'NodeType' has no default)"))
      << i.yaml;
}

TEST(CloudFormationImport, FunctionInAVpcOfUnknownSubnetsIsNotOutsideIt) {
  const Imports i = import_one(R"(Transform: AWS::Serverless-2016-10-31
Parameters:
  PrivateSubnets: { Type: "List<AWS::EC2::Subnet::Id>" }
Resources:
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      VpcConfig:
        SecurityGroupIds: [sg-123]
        SubnetIds: !Ref PrivateSubnets
)");
  EXPECT_FALSE(contains(i.yaml, "network:\n")) << i.yaml;
  EXPECT_FALSE(contains(i.yaml, "  subnet:")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml,
                       "# TODO network: in a VPC (parameter 'PrivateSubnets' has no "
                       "default)"))
      << i.yaml;
  ASSERT_TRUE(i.result.value);
  EXPECT_TRUE(any_contains(i.result.value->unknowns,
                           "template.yaml:12:20: ReportFunction VpcConfig.SubnetIds: in a VPC"))
      << i.yaml;
  expect_valid(i.yaml);
}

TEST(CloudFormationImport, GlobalsVpcConfigIsRead) {
  const Imports i = import_one(R"(Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Handler: app.handler
    VpcConfig:
      SecurityGroupIds: [sg-123]
      SubnetIds: [subnet-0a1, subnet-0b2]
    EphemeralStorage: { Size: 1024 }
Resources:
  MinimalFunction:
    Type: AWS::Serverless::Function
)");
  EXPECT_TRUE(contains(i.yaml, "azs: 2  # template.yaml:8:18")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml,
                       "# TODO subnet: in a VPC (subnet 'subnet-0a1' is not in the "
                       "files)"))
      << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "ephemeral_storage_gb: 1  # template.yaml:9:31")) << i.yaml;
  expect_valid(i.yaml);
}

TEST(CloudFormationImport, TaskInAVpcOfImportedSubnetsNamesTheProperty) {
  const Imports i = import_one(R"(Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref Task
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: DISABLED
          Subnets:
            - !ImportValue network-PrivateSubnetOne
            - !ImportValue network-PrivateSubnetTwo
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Cpu: "256"
      Memory: "512"
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      ContainerDefinitions: [{ Name: app, Image: nginx }]
)");
  EXPECT_TRUE(contains(i.yaml, "assign_public_ip: false")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "# TODO subnet: in a VPC (imported from another stack")) << i.yaml;
  ASSERT_TRUE(i.result.value);
  EXPECT_TRUE(any_contains(i.result.value->unknowns,
                           "template.yaml:11:15: Service "
                           "NetworkConfiguration.AwsvpcConfiguration.Subnets[0]: Fn::ImportValue"))
      << i.yaml;
  expect_valid(i.yaml);
}

TEST(CloudFormationImport, SubnetsInTheFilesStillGiveTheirNetwork) {
  const Imports i = import_one(R"(Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Private: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/fn
      Code: { ZipFile: "x" }
      VpcConfig: { SubnetIds: [!Ref Private], SecurityGroupIds: [sg-1] }
)");
  EXPECT_TRUE(contains(i.yaml, "subnet: private")) << i.yaml;
  EXPECT_FALSE(contains(i.yaml, "TODO network")) << i.yaml;
}

constexpr const char* kStackA = R"(Transform: AWS::Serverless-2016-10-31
Resources:
  LambdaFunction:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: a.handler }
)";
constexpr const char* kStackB = R"(Transform: AWS::Serverless-2016-10-31
Resources:
  LambdaFunction:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: b.handler }
)";

TEST(CloudFormationImport, SameNameInTwoFilesIsMadeDistinct) {
  const Imports i = import_all({{"orders-api.yaml", kStackA}, {"billing.yaml", kStackB}});
  EXPECT_TRUE(contains(i.yaml, "name: orders-api-lambda-function")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "name: billing-lambda-function")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "# Renamed, so that names from different files stay distinct:"))
      << i.yaml;
  EXPECT_TRUE(contains(i.yaml,
                       "service lambda-function of billing.yaml -> "
                       "billing-lambda-function"))
      << i.yaml;
  expect_valid(i.yaml);
  // Deterministic: the same inputs give the same spec.
  EXPECT_EQ(import_all({{"orders-api.yaml", kStackA}, {"billing.yaml", kStackB}}).yaml, i.yaml);
}

TEST(CloudFormationImport, SchedulerRateIsWrittenAsTheSpecReadsIt) {
  const Imports i = import_one(R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Job:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: index.handler }
  JobSchedule:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(5 minute)
      FlexibleTimeWindow: { Mode: "OFF" }
      Target: { Arn: !GetAtt Job.Arn, RoleArn: arn:aws:iam::123456789012:role/s }
)");
  EXPECT_TRUE(contains(i.yaml,
                       "schedule: \"rate(5 minutes)\"  # template.yaml:9:27 rate(5 "
                       "minute) as written"))
      << i.yaml;
  expect_valid(i.yaml);
}

TEST(CloudFormationImport, ContainerMemoryGivesTheTaskSize) {
  const Imports i = import_one(R"(Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: my-cluster
      TaskDefinition: !Ref Task
      DesiredCount: 2
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: product
          Image: product:1
          Memory: 128
        - Name: sidecar
          Image: envoy:1
          MemoryReservation: 64
          Cpu: 128
)");
  EXPECT_TRUE(contains(i.yaml,
                       "memory_mb: 192  # template.yaml:14:19 container Memory 128 + "
                       "MemoryReservation 64 (no task-level Memory)"))
      << i.yaml;
  EXPECT_FALSE(contains(i.yaml, "vcpu:")) << i.yaml;
  ASSERT_TRUE(i.result.value);
  EXPECT_TRUE(any_contains(i.result.value->unknowns,
                           "Task: Cpu: neither the task nor every "
                           "container sets it"))
      << i.yaml;
}

TEST(CloudFormationImport, AuroraServerlessV1IsAClearUnknown) {
  const Imports i = import_one(R"(Resources:
  AuroraCluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      EngineMode: serverless
      ScalingConfiguration: { MinCapacity: 1, MaxCapacity: 2 }
)");
  ASSERT_TRUE(i.result.value);
  EXPECT_TRUE(any_contains(i.result.value->unknowns,
                           "template.yaml:6:19: AuroraCluster max_connections: EngineMode "
                           "serverless is Aurora Serverless v1 with MaxCapacity 2 ACUs, which AWS "
                           "ended on 2025-03-31"))
      << i.yaml;
  EXPECT_FALSE(any_contains(i.result.value->unknowns, "engine or the instance class")) << i.yaml;
  // Databases alone are imported, the services left to do.
  EXPECT_TRUE(contains(i.yaml, "aurora-cluster:")) << i.yaml;
  EXPECT_TRUE(contains(i.yaml, "# TODO services:")) << i.yaml;
}

TEST(CloudFormationImport, DatabaseLimitNoteKeepsItsSource) {
  const Imports i = import_one(R"(Resources:
  Db:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-mysql }
  DbInstance:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-mysql
      DBClusterIdentifier: !Ref Db
      DBInstanceClass: db.t4g.medium
)");
  EXPECT_TRUE(contains(i.yaml,
                       "max_connections: 90  # template.yaml:10:24 AWS's Aurora MySQL "
                       "table gives 90 connections for db.t4g.medium\n"))
      << i.yaml;
}

}  // namespace
}  // namespace computefit::readers
