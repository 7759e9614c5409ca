// `computefit import` on Terraform plans made after the first apply: resources name each other by
// literal ids and ARNs (`subnet_ids = ["subnet-0a1"]`), not only by configuration references, and
// what the plan cannot resolve is said, never defaulted (SPEC.md "Reading infrastructure as code").
#include <gtest/gtest.h>

#include "import_test_support.hpp"
#include "readers/import/import.hpp"
#include "workload/spec_loader.hpp"

namespace computefit::readers {
namespace {

using testing::contains;
using testing::import_one;
using testing::load_with_traffic;

// A plan of `resources` (JSON objects without the boilerplate), all at the root module.
std::string plan_of(const std::string& resources, const std::string& rest = "") {
  return R"({"format_version": "1.2", "terraform_version": "1.9.8",
 "planned_values": {"root_module": {"resources": [)" +
         resources + "]}}" + rest + "}";
}

std::string resource(const std::string& type, const std::string& name, const std::string& values) {
  return R"({"address": ")" + type + "." + name + R"(", "mode": "managed", "type": ")" + type +
         R"(", "name": ")" + name + R"(", "values": )" + values + "}";
}

struct Imported2 {
  std::string yaml;
  std::optional<Spec> spec;
  std::vector<std::string> unknowns;
};

Imported2 run(const std::string& plan) {
  Imported2 out;
  const ImportResult r = import_one("plan.json", plan);
  EXPECT_TRUE(r.value) << (r.diagnostics.empty() ? "" : format_diagnostic(r.diagnostics.front()));
  if (!r.value) return out;
  out.yaml = imported_spec_yaml(*r.value);
  out.unknowns = r.value->unknowns;
  SpecLoadResult loaded = load_with_traffic(out.yaml);
  EXPECT_TRUE(loaded.spec) << (loaded.diagnostics.empty()
                                   ? ""
                                   : format_diagnostic(loaded.diagnostics.front()))
                           << "\n"
                           << out.yaml;
  out.spec = std::move(loaded.spec);
  return out;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& part) {
  for (const std::string& line : lines) {
    if (contains(line, part)) return true;
  }
  return false;
}

// A VPC as `terraform show -json` writes it after the first apply: every id concrete.
const std::string kVpc =
    resource("aws_vpc", "main", R"({"id": "vpc-0a1", "cidr_block": "10.20.0.0/16"})") + "," +
    resource("aws_subnet", "public",
             R"({"id": "subnet-0pub", "vpc_id": "vpc-0a1", "cidr_block": "10.20.1.0/24"})") +
    "," +
    resource("aws_subnet", "app",
             R"({"id": "subnet-0app", "vpc_id": "vpc-0a1", "cidr_block": "10.20.2.0/24"})") +
    "," +
    resource("aws_subnet", "isolated",
             R"({"id": "subnet-0iso", "vpc_id": "vpc-0a1", "cidr_block": "10.20.3.0/24"})") +
    "," + resource("aws_internet_gateway", "main", R"({"id": "igw-0a1", "vpc_id": "vpc-0a1"})") +
    "," +
    resource("aws_nat_gateway", "main",
             R"({"id": "nat-0a1", "subnet_id": "subnet-0pub", "connectivity_type": "public"})") +
    "," +
    resource("aws_route_table", "public",
             R"({"id": "rtb-0pub", "vpc_id": "vpc-0a1",
                 "route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "igw-0a1"}]})") +
    "," +
    resource("aws_route_table", "app",
             R"({"id": "rtb-0app", "vpc_id": "vpc-0a1",
                 "route": [{"cidr_block": "10.99.0.0/16", "gateway_id": "igw-0a1"},
                           {"cidr_block": "0.0.0.0/0", "nat_gateway_id": "nat-0a1"}]})") +
    "," +
    resource("aws_route_table", "isolated",
             R"({"id": "rtb-0iso", "vpc_id": "vpc-0a1", "route": []})") +
    "," +
    resource("aws_route_table_association", "public",
             R"({"id": "rtbassoc-1", "subnet_id": "subnet-0pub", "route_table_id": "rtb-0pub"})") +
    "," +
    resource("aws_route_table_association", "app",
             R"({"id": "rtbassoc-2", "subnet_id": "subnet-0app", "route_table_id": "rtb-0app"})") +
    "," +
    resource("aws_route_table_association", "isolated",
             R"({"id": "rtbassoc-3", "subnet_id": "subnet-0iso", "route_table_id": "rtb-0iso"})");

TEST(TerraformImport, AFunctionFollowsLiteralSubnetIdsToItsNatRouteAndItsRoleArn) {
  const Imported2 r = run(
      plan_of(kVpc + "," +
              resource("aws_iam_role", "ingest",
                       R"({"id": "ingest-prod", "name": "ingest-prod",
                   "arn": "arn:aws:iam::123456789012:role/ingest-prod"})") +
              "," +
              resource("aws_lambda_function", "ingest",
                       R"({"function_name": "ingest", "runtime": "python3.12", "memory_size": 256,
                   "timeout": 20, "role": "arn:aws:iam::123456789012:role/ingest-prod",
                   "vpc_config": [{"subnet_ids": ["subnet-0app"],
                                   "security_group_ids": ["sg-0a1"]}]})")));
  ASSERT_TRUE(r.spec) << r.yaml;
  const Service& s = r.spec->services.at(0);
  EXPECT_EQ(s.network.subnet, Subnet::private_subnet) << r.yaml;
  // 0.0.0.0/0 goes to the NAT; the 10.99.0.0/16 route to the internet gateway is not a default.
  EXPECT_TRUE(s.network.nat_gateway) << r.yaml;
  EXPECT_EQ(s.network.azs, 1);
  EXPECT_TRUE(contains(r.yaml, "nat_gateway: true  # plan.json:3:")) << r.yaml;
  // The role's ARN is aws_iam_role.ingest's: named as the plan's policies name it.
  EXPECT_EQ(s.iam_role, "ingest") << r.yaml;
  // The NAT gateway the files create exists whatever runtime is chosen.
  EXPECT_TRUE(r.spec->team.existing.nat_gateway) << r.yaml;
  EXPECT_TRUE(contains(r.yaml, "nat_gateway: true  # plan.json:")) << r.yaml;
}

TEST(TerraformImport, AnEcsServiceInASubnetWithAnEmptyRouteTableIsPrivateWithoutEgress) {
  const Imported2 r =
      run(plan_of(kVpc + "," +
                  resource("aws_iam_role", "task",
                           R"({"id": "orders-task", "name": "orders-task",
                   "arn": "arn:aws:iam::123456789012:role/orders-task"})") +
                  "," +
                  resource("aws_iam_role", "execution",
                           R"({"id": "orders-exec", "name": "orders-exec",
                   "arn": "arn:aws:iam::123456789012:role/orders-exec"})") +
                  "," +
                  resource("aws_ecs_task_definition", "orders",
                           R"({"arn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:3",
                   "family": "orders", "requires_compatibilities": ["FARGATE"],
                   "network_mode": "awsvpc",
                   "task_role_arn": "arn:aws:iam::123456789012:role/orders-task",
                   "execution_role_arn": "arn:aws:iam::123456789012:role/orders-exec"})") +
                  "," +
                  resource("aws_ecs_service", "orders",
                           R"({"name": "orders", "launch_type": "FARGATE", "desired_count": 3,
                   "cluster": "arn:aws:ecs:eu-west-1:123456789012:cluster/shop",
                   "task_definition": "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:3",
                   "network_configuration": [{"subnets": ["subnet-0iso"],
                                              "assign_public_ip": false}]})")));
  ASSERT_TRUE(r.spec) << r.yaml;
  const Service& s = r.spec->services.at(0);
  EXPECT_EQ(s.network.subnet, Subnet::private_subnet) << r.yaml;
  EXPECT_FALSE(s.network.nat_gateway) << r.yaml;
  EXPECT_TRUE(s.network.vpc_endpoints.empty()) << r.yaml;
  EXPECT_FALSE(r.spec->team.existing.nat_gateway) << r.yaml;
  EXPECT_EQ(s.iam_role, "task");
  EXPECT_EQ(s.execution_role, "execution");
  // The task definition sets no size: unknown, with the file, the address and the attribute.
  EXPECT_TRUE(contains(r.yaml, "Unknown within the files")) << r.yaml;
  EXPECT_TRUE(any_contains(r.unknowns, "plan.json: aws_ecs_task_definition.orders: cpu:"))
      << r.yaml;
  EXPECT_TRUE(any_contains(r.unknowns, "plan.json: aws_ecs_task_definition.orders: memory:"))
      << r.yaml;
  EXPECT_FALSE(contains(r.yaml, "memory_mb:")) << r.yaml;
}

TEST(TerraformImport, SubnetsWithoutAnAssociationUseTheVpcsMainRouteTable) {
  const std::string vpc =
      resource("aws_vpc", "main", R"({"id": "vpc-0b2", "cidr_block": "10.30.0.0/16"})") + "," +
      resource("aws_subnet", "a", R"({"id": "subnet-0b2a", "vpc_id": "vpc-0b2"})") + "," +
      resource("aws_internet_gateway", "main", R"({"id": "igw-0b2", "vpc_id": "vpc-0b2"})") + "," +
      resource("aws_route_table", "edge",
               R"({"id": "rtb-0edge", "vpc_id": "vpc-0b2",
                   "route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "igw-0b2"}]})") +
      "," +
      resource("aws_main_route_table_association", "edge",
               R"({"id": "rtbassoc-main", "vpc_id": "vpc-0b2", "route_table_id": "rtb-0edge"})") +
      "," +
      resource("aws_lambda_function", "edge",
               R"({"function_name": "edge", "runtime": "nodejs20.x",
                   "vpc_config": [{"subnet_ids": ["subnet-0b2a"]}]})");
  const Imported2 r = run(plan_of(vpc));
  ASSERT_TRUE(r.spec) << r.yaml;
  EXPECT_EQ(r.spec->services.at(0).network.subnet, Subnet::public_subnet) << r.yaml;

  // The VPC's default route table, as aws_default_route_table manages it, by its id.
  const std::string by_default =
      resource("aws_vpc", "main", R"({"id": "vpc-0c3", "default_route_table_id": "rtb-0def"})") +
      "," + resource("aws_subnet", "a", R"({"id": "subnet-0c3a", "vpc_id": "vpc-0c3"})") + "," +
      resource("aws_nat_gateway", "main", R"({"id": "nat-0c3"})") + "," +
      resource("aws_default_route_table", "main",
               R"({"id": "rtb-0def", "default_route_table_id": "rtb-0def",
                   "route": [{"cidr_block": "0.0.0.0/0", "nat_gateway_id": "nat-0c3"}]})") +
      "," +
      resource("aws_lambda_function", "inner",
               R"({"function_name": "inner", "runtime": "nodejs20.x",
                   "vpc_config": [{"subnet_ids": ["subnet-0c3a"]}]})");
  const Imported2 d = run(plan_of(by_default));
  ASSERT_TRUE(d.spec) << d.yaml;
  EXPECT_EQ(d.spec->services.at(0).network.subnet, Subnet::private_subnet) << d.yaml;
  EXPECT_TRUE(d.spec->services.at(0).network.nat_gateway) << d.yaml;
}

TEST(TerraformImport, EndpointsByLiteralIdsAndInterfaceEndpointsAlreadyPaidFor) {
  const Imported2 r = run(
      plan_of(kVpc + "," +
              resource("aws_vpc_endpoint", "s3",
                       R"({"id": "vpce-0s3", "service_name": "com.amazonaws.eu-west-1.s3",
                   "vpc_endpoint_type": "Gateway", "vpc_id": "vpc-0a1",
                   "route_table_ids": ["rtb-0iso"]})") +
              "," +
              resource("aws_vpc_endpoint", "dynamodb",
                       R"({"id": "vpce-0ddb", "service_name": "com.amazonaws.eu-west-1.dynamodb",
                   "vpc_endpoint_type": "Gateway", "vpc_id": "vpc-0a1"})") +
              "," +
              resource("aws_vpc_endpoint_route_table_association", "dynamodb",
                       R"({"vpc_endpoint_id": "vpce-0ddb", "route_table_id": "rtb-0iso"})") +
              "," +
              resource("aws_vpc_endpoint", "logs",
                       R"({"id": "vpce-0logs", "service_name": "com.amazonaws.eu-west-1.logs",
                   "vpc_endpoint_type": "Interface", "vpc_id": "vpc-0a1",
                   "subnet_ids": ["subnet-0iso"], "private_dns_enabled": true})") +
              "," +
              resource("aws_lambda_function", "reports",
                       R"({"function_name": "reports", "runtime": "java21",
                   "vpc_config": [{"subnet_ids": ["subnet-0iso"]}]})")));
  ASSERT_TRUE(r.spec) << r.yaml;
  const Service& s = r.spec->services.at(0);
  EXPECT_EQ(s.network.subnet, Subnet::private_subnet);
  EXPECT_FALSE(s.network.nat_gateway);
  EXPECT_EQ(s.network.vpc_endpoints, (std::vector<std::string>{"s3", "dynamodb", "logs"}))
      << r.yaml;
  // Only the interface endpoint is paid by the hour: it already exists, whatever runs here.
  EXPECT_EQ(r.spec->team.existing.vpc_endpoints, (std::vector<std::string>{"logs"})) << r.yaml;
  EXPECT_TRUE(contains(r.yaml, "an interface endpoint the files create")) << r.yaml;
}

TEST(TerraformImport, SubnetsOutsideThePlanLeaveTheNetworkUnknownNotOutsideAVpc) {
  const Imported2 r =
      run(plan_of(resource("aws_ecs_service", "api",
                           R"({"name": "api", "launch_type": "FARGATE", "desired_count": 2,
                   "task_definition": "arn:aws:ecs:us-east-1:123456789012:task-definition/api:7",
                   "load_balancer": [{"container_name": "api", "container_port": 8080}],
                   "network_configuration": [{"subnets": ["subnet-0ffff"],
                                              "assign_public_ip": true}]})")));
  ASSERT_TRUE(r.spec) << r.yaml;
  EXPECT_TRUE(contains(r.yaml,
                       "# TODO network: in a VPC whose subnets are not in the files "
                       "(subnet-0ffff)"))
      << r.yaml;
  EXPECT_FALSE(contains(r.yaml, "    network:\n      subnet:")) << r.yaml;
  EXPECT_TRUE(any_contains(r.unknowns,
                           "plan.json: aws_ecs_service.api: network_configuration.subnets: "
                           "subnets not in the plan (subnet-0ffff)"))
      << r.yaml;
  // A task definition outside the plan: its size and roles are unknown, and said so.
  EXPECT_TRUE(any_contains(r.unknowns,
                           "plan.json: aws_ecs_service.api: task_definition: "
                           "'arn:aws:ecs:us-east-1:123456789012:task-definition/"
                           "api:7' is not in the plan"))
      << r.yaml;
  EXPECT_TRUE(r.spec->services.at(0).network.assign_public_ip);
}

TEST(TerraformImport, TaskSizeFromTheContainersAndRolesThatAreNotRoleArns) {
  const Imported2 r = run(plan_of(
      resource("aws_ecs_task_definition", "jobs",
               R"({"arn": "arn:aws:ecs:us-east-1:1:task-definition/jobs:1", "family": "jobs",
                   "requires_compatibilities": ["EC2"],
                   "container_definitions": "[{\"name\":\"app\",\"cpu\":256,\"memory\":384},{\"name\":\"sidecar\",\"cpu\":128,\"memoryReservation\":128}]"})") +
      "," +
      resource("aws_ecs_service", "jobs",
               R"({"name": "jobs", "desired_count": 1,
                   "task_definition": "arn:aws:ecs:us-east-1:1:task-definition/jobs:1"})") +
      "," +
      resource("aws_ecs_task_definition", "tiny",
               R"({"arn": "arn:aws:ecs:us-east-1:1:task-definition/tiny:1", "family": "tiny",
                   "container_definitions": "[{\"name\":\"app\",\"memory\":64}]"})") +
      "," +
      resource("aws_ecs_service", "tiny",
               R"({"name": "tiny", "desired_count": 1,
                   "task_definition": "arn:aws:ecs:us-east-1:1:task-definition/tiny:1"})") +
      "," +
      resource("aws_lambda_function", "hello",
               R"({"function_name": "hello", "runtime": "nodejs20.x",
                   "role": "arn:aws:lambda:us-east-1:aws:resource-id"})")));
  ASSERT_TRUE(r.spec) << r.yaml;
  const Service& jobs = r.spec->services.at(0);
  EXPECT_DOUBLE_EQ(jobs.memory_mb, 512) << r.yaml;  // 384 hard limit + 128 reservation
  EXPECT_DOUBLE_EQ(jobs.vcpu, 384.0 / 1024) << r.yaml;
  EXPECT_TRUE(contains(r.yaml, "the containers' cpu units added up")) << r.yaml;
  // The declared task size is the task's own: containers' sums are not a task size to judge.
  EXPECT_FALSE(contains(r.yaml, "task_size")) << r.yaml;
  // A container without cpu leaves the task's vCPU unknown; its memory is still read.
  EXPECT_DOUBLE_EQ(r.spec->services.at(1).memory_mb, 64) << r.yaml;
  EXPECT_TRUE(any_contains(r.unknowns, "plan.json: aws_ecs_task_definition.tiny: cpu:")) << r.yaml;
  // A role attribute holding something other than a role ARN is said, not dropped.
  EXPECT_TRUE(any_contains(r.unknowns,
                           "plan.json: aws_lambda_function.hello: role: "
                           "'arn:aws:lambda:us-east-1:aws:resource-id' is not an "
                           "IAM role ARN"))
      << r.yaml;
  EXPECT_FALSE(contains(r.yaml, "iam_role")) << r.yaml;
}

// Terraform passes cpu and memory to ECS as written, so the forms CloudFormation's Cpu and Memory
// take ("1 vCPU", "2 GB") are read the same way, and a task definition is named by its address.
TEST(TerraformImport, TaskCpuAndMemoryInEveryFormEcsTakes) {
  const auto task = [](const std::string& name, const std::string& cpu, const std::string& memory) {
    return resource("aws_ecs_task_definition", name,
                    R"({"arn": "arn:aws:ecs:us-east-1:1:task-definition/)" + name +
                        R"(:1", "family": ")" + name + R"(", "cpu": )" + cpu + R"(, "memory": )" +
                        memory + "}") +
           "," +
           resource(
               "aws_ecs_service", name,
               R"({"name": ")" + name +
                   R"(", "desired_count": 1, "task_definition": "arn:aws:ecs:us-east-1:1:task-definition/)" +
                   name + R"(:1"})");
  };
  const Imported2 r = run(plan_of(task("units", R"("2048")", R"("4096")") + "," +
                                  task("words", R"("1 vCPU")", R"("2 GB")") + "," +
                                  task("half", R"("0.5 vCPU")", R"("1GB")") + "," +
                                  task("fraction", R"(".25 vcpu")", R"("0.5 gb")") + "," +
                                  task("bad", R"("two vCPU")", R"("2 TB")")));
  ASSERT_TRUE(r.spec) << r.yaml;
  const auto size = [&](std::size_t i) {
    const Service& s = r.spec->services.at(i);
    return std::pair{s.vcpu, s.memory_mb};
  };
  EXPECT_EQ(size(0), (std::pair{2.0, 4096.0})) << r.yaml;
  EXPECT_EQ(size(1), (std::pair{1.0, 2048.0})) << r.yaml;
  EXPECT_EQ(size(2), (std::pair{0.5, 1024.0})) << r.yaml;
  EXPECT_EQ(size(3), (std::pair{0.25, 512.0})) << r.yaml;
  ASSERT_TRUE(r.spec->services.at(1).task_size) << r.yaml;
  EXPECT_DOUBLE_EQ(r.spec->services.at(1).task_size->vcpu, 1) << r.yaml;
  EXPECT_EQ(r.spec->services.at(1).task_definition, "aws_ecs_task_definition.words") << r.yaml;
  // Neither form: never guessed, and the task's size is not declared.
  EXPECT_FALSE(r.spec->services.at(4).task_size) << r.yaml;
  EXPECT_TRUE(any_contains(r.unknowns, "aws_ecs_task_definition.bad: cpu:")) << r.yaml;
}

TEST(TerraformImport, AnEksClusterExistsButDoesNotMakeAPlatformTeam) {
  const Imported2 r = run(plan_of(
      resource("aws_eks_cluster", "main", R"({"name": "main", "version": "1.33"})") + "," +
      resource("aws_eks_node_group", "general",
               R"({"cluster_name": "main", "instance_types": ["m7g.large"],
                   "scaling_config": [{"min_size": 2, "max_size": 6, "desired_size": 3}]})") +
      "," +
      resource("aws_eks_node_group", "spot",
               R"({"cluster_name": "main", "instance_types": ["c7g.xlarge"],
                   "scaling_config": [{"min_size": 0, "max_size": 20, "desired_size": 0}]})") +
      "," +
      resource("aws_lambda_function", "hook", R"({"function_name": "hook", "runtime": "go1.x"})")));
  ASSERT_TRUE(r.spec) << r.yaml;
  // Never written as a key: only the TODO asking the overlay names it.
  EXPECT_FALSE(contains(r.yaml, "\n  kubernetes_platform:")) << r.yaml;
  EXPECT_TRUE(contains(r.yaml, "# TODO kubernetes_platform:")) << r.yaml;
  EXPECT_FALSE(r.spec->team.kubernetes_platform);
  EXPECT_TRUE(r.spec->team.existing.eks_cluster) << r.yaml;
  EXPECT_EQ(r.spec->runtimes.eks.instance_type, "m7g.large");
  EXPECT_EQ(r.spec->runtimes.eks.min_hosts, 2) << r.yaml;
  EXPECT_EQ(r.spec->runtimes.eks.max_hosts, 6) << r.yaml;
  EXPECT_TRUE(contains(r.yaml, "aws_eks_node_group.spot: a further node group (c7g.xlarge)"))
      << r.yaml;
}

TEST(TerraformImport, APriorStateNamesAResourceThePlanReplaces) {
  // The subnet is replaced: its planned id is known only after apply, the prior state holds it.
  const std::string plan =
      plan_of(resource("aws_subnet", "app", R"({"vpc_id": "vpc-0d4"})") + "," +
                  resource("aws_lambda_function", "sync",
                           R"({"function_name": "sync", "runtime": "python3.12",
                       "vpc_config": [{"subnet_ids": ["subnet-0d4old"]}]})"),
              R"(, "resource_changes": [{"address": "aws_subnet.app",
           "change": {"actions": ["delete", "create"], "after_unknown": {"id": true}}}],
      "prior_state": {"values": {"root_module": {"resources": [
        {"address": "aws_subnet.app", "mode": "managed", "type": "aws_subnet", "name": "app",
         "values": {"id": "subnet-0d4old", "vpc_id": "vpc-0d4"}}]}}})");
  const Imported2 r = run(plan);
  ASSERT_TRUE(r.spec) << r.yaml;
  // The subnet is found by its prior id; it has no association in the plan: the VPC's main
  // table, local routes only.
  EXPECT_EQ(r.spec->services.at(0).network.subnet, Subnet::private_subnet) << r.yaml;
  EXPECT_FALSE(any_contains(r.unknowns, "subnets not in the plan")) << r.yaml;
}

}  // namespace
}  // namespace computefit::readers
