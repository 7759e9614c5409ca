// Routes, the cheaper fix for missing ones, and where bytes go (SPEC.md "Routes that do not
// exist", "What is already paid for", outbound items), priced with the built-in us-east-1 catalog:
// NAT gateway $0.045/h + $0.045/GB, interface endpoint $0.01/h per AZ + $0.01/GB (Infracost
// goldens nat_gateway_test and vpc_endpoint_test).

#include <gtest/gtest.h>

#include <algorithm>

#include "runtimes/container_capacity.hpp"
#include "runtimes/fixtures.hpp"
#include "runtimes/network_needs.hpp"
#include "runtimes/runtime_model.hpp"

namespace computefit {
namespace {

using testing::http_service;
using testing::spec_with;

RuntimeEstimate run(const Service& s, RuntimeId runtime, const Spec& spec) {
  return evaluate_runtime(s, runtime, spec, builtin_price_catalog());
}
RuntimeEstimate run(const Service& s, RuntimeId runtime) {
  return run(s, runtime, spec_with(s));
}

bool says(const RuntimeEstimate& e, const std::string& text) {
  return std::any_of(e.assumptions.begin(), e.assumptions.end(),
                     [&](const std::string& a) { return a.find(text) != std::string::npos; });
}

// An hourly job of case 05: 730 runs reading 500,000 KB from S3 each, a Secrets Manager
// password, in a private subnet with an S3 gateway and a Secrets Manager interface endpoint.
Service hourly_etl() {
  Service s = http_service(0, 300'000);
  s.kind = ServiceKind::scheduled;
  Schedule hourly;
  hourly.expression = "rate(1 hour)";
  hourly.is_rate = true;
  hourly.rate_seconds = 3600;
  s.schedule = hourly;
  s.memory_mb = 2048;
  s.vcpu = 1;
  s.outbound = {"s3", "secretsmanager"};
  s.outbound_kb_per_request = 500'000;
  s.secrets = SecretsSource::secretsmanager;
  s.network.subnet = Subnet::private_subnet;
  s.network.vpc_endpoints = {"s3", "secretsmanager"};
  return s;
}

TEST(OutboundBytes, PlainKilobytesGoToInternetElseToDataServicesNeverToControlPlane) {
  Service s = http_service(1, 50);
  s.outbound_kb_per_request = 1024 * 1024;  // 1 GiB a request, so GiB equal requests
  s.outbound = {"s3", "secretsmanager"};
  auto gb = outbound_gb_by_target(s, 10);
  EXPECT_EQ(gb, (std::map<std::string, double>{{"s3", 10}}));

  s.outbound = {"secretsmanager", "internet", "s3"};
  gb = outbound_gb_by_target(s, 10);
  EXPECT_EQ(gb, (std::map<std::string, double>{{"internet", 10}}));

  s.outbound = {"s3", "dynamodb", "kms"};
  gb = outbound_gb_by_target(s, 10);
  EXPECT_EQ(gb, (std::map<std::string, double>{{"dynamodb", 5}, {"s3", 5}}));

  // Items say what goes where; the plain figure goes to the other targets.
  s.outbound = {"s3", "internet"};
  s.outbound_kb_by_target = {{"s3", 2 * 1024 * 1024}};
  gb = outbound_gb_by_target(s, 10);
  EXPECT_EQ(gb, (std::map<std::string, double>{{"internet", 10}, {"s3", 20}}));

  s.outbound = {"secretsmanager", "ssm", "sts", "logs"};
  s.outbound_kb_by_target.clear();
  std::vector<std::string> notes;
  EXPECT_TRUE(outbound_gb_by_target(s, 10, &notes).empty());
  ASSERT_EQ(notes.size(), 1u);
}

TEST(Routes, EcrInAnEndpointListMeansApiAndRegistry) {
  EXPECT_TRUE(lists_endpoint({"ecr"}, "ecr.api"));
  EXPECT_TRUE(lists_endpoint({"ecr"}, "ecr.dkr"));
  EXPECT_TRUE(lists_endpoint({"ecr.dkr"}, "ecr.dkr"));
  EXPECT_FALSE(lists_endpoint({"ecr.dkr"}, "ecr.api"));
  Service s = http_service(1, 50);
  s.network.subnet = Subnet::private_subnet;
  s.network.vpc_endpoints = {"s3", "ecr", "logs"};
  const RouteFixes f =
      route_fixes(s, RuntimeId::ecs_fargate, spec_with(s), builtin_price_catalog());
  EXPECT_TRUE(f.missing.empty());
}

TEST(Routes, LambdaNeedsOnlyWhatTheFunctionCalls) {
  const Service s = hourly_etl();
  const RuntimeEstimate e = run(s, RuntimeId::lambda);
  ASSERT_TRUE(e.feasible);
  // 730 runs x 500,000 KB = 348 GiB to S3 through the free gateway endpoint; before, half of it
  // was priced "to Secrets Manager" at $0.01/GB.
  EXPECT_DOUBLE_EQ(e.usage.vpc_endpoint_gb, 0);
  EXPECT_DOUBLE_EQ(e.usage.nat_processed_gb, 0);
  EXPECT_FALSE(e.shared.nat_gateway);
  EXPECT_EQ(e.shared.interface_endpoints, (std::vector<std::string>{"secretsmanager"}));
}

TEST(Routes, ContainersGetTheCheaperFixThatWorks) {
  const Service s = hourly_etl();
  // Fargate lacks ecr.api, ecr.dkr and logs: 3 endpoints x 2 AZs x $7.30 = $43.80 against NAT
  // gateways' 2 x $32.85 = $65.70 (plus $0.045/GB).
  RuntimeEstimate e = run(s, RuntimeId::ecs_fargate);
  ASSERT_TRUE(e.feasible);
  EXPECT_FALSE(e.shared.nat_gateway);
  EXPECT_EQ(e.shared.interface_endpoints,
            (std::vector<std::string>{"ecr.api", "ecr.dkr", "logs", "secretsmanager"}));
  EXPECT_TRUE(says(e,
                   "priced interface endpoints for ecr.api, ecr.dkr and logs in 2 AZs "
                   "($43.80/month + $0.01 per GB), cheaper here than NAT gateways in 2 AZs "
                   "($65.70/month + $0.045 per GB processed)"));
  // ECS on EC2 also lacks the agent's three endpoints: 6 x $14.60 = $87.60 > $65.70.
  e = run(s, RuntimeId::ecs_ec2);
  ASSERT_TRUE(e.feasible);
  EXPECT_TRUE(e.shared.nat_gateway);
  EXPECT_EQ(e.shared.interface_endpoints, (std::vector<std::string>{"secretsmanager"}));
  EXPECT_TRUE(says(e, "priced NAT gateways in 2 AZs"));
}

TEST(Routes, BytesThroughAMissingRouteCanTipTheChoice) {
  // ECS on EC2 with only an S3 gateway endpoint lacks 7 interface endpoints (ecr.api, ecr.dkr,
  // logs, the agent's three, sqs): 7 x $14.60 = $102.20 + $0.01/GB against NAT gateways' $65.70
  // + $0.045/GB. NAT is cheaper up to 1,043 GB a month, the endpoints above.
  Service s = http_service(10, 50);
  s.network.subnet = Subnet::private_subnet;
  s.network.vpc_endpoints = {"s3"};
  s.outbound = {"sqs"};
  RuntimeEstimate e = run(s, RuntimeId::ecs_ec2);
  ASSERT_TRUE(e.feasible);
  EXPECT_TRUE(e.shared.nat_gateway);
  EXPECT_TRUE(e.shared.interface_endpoints.empty());

  s.outbound_kb_per_request = 1024;  // 1 MiB a call: 25,664 GiB a month to SQS
  e = run(s, RuntimeId::ecs_ec2);
  ASSERT_TRUE(e.feasible);
  EXPECT_FALSE(e.shared.nat_gateway);
  EXPECT_EQ(e.shared.interface_endpoints,
            (std::vector<std::string>{"ecr.api", "ecr.dkr", "ecs", "ecs-agent", "ecs-telemetry",
                                      "logs", "sqs"}));
  EXPECT_NEAR(e.usage.vpc_endpoint_gb, 10 * kSecondsPerMonth / 1024, 1e-6);
  EXPECT_DOUBLE_EQ(e.usage.nat_processed_gb, 0);
  EXPECT_TRUE(says(e, "a month with this service's"));
}

TEST(Routes, TheInternetNeedsANatGateway) {
  Service s = http_service(1, 50);
  s.outbound = {"internet"};
  s.outbound_kb_per_request = 1024;
  s.network.subnet = Subnet::private_subnet;
  RuntimeEstimate e = run(s, RuntimeId::lambda);
  EXPECT_TRUE(e.shared.nat_gateway);
  EXPECT_TRUE(says(e,
                   "api has no route from its private subnet to internet: priced NAT gateways "
                   "in 2 AZs ($65.70/month + $0.045 per GB processed), which the internet "
                   "needs"));
  // Every byte to the internet crosses the NAT gateway and leaves AWS.
  EXPECT_NEAR(e.usage.nat_processed_gb, kSecondsPerMonth / 1024, 1e-6);
  EXPECT_NEAR(e.usage.internet_out_gb - e.usage.nat_processed_gb,
              kb_to_gb(s.response_kb, kSecondsPerMonth), 1e-6);
  s.network.subnet = Subnet::none;
  e = run(s, RuntimeId::lambda);
  EXPECT_FALSE(e.shared.nat_gateway);
  EXPECT_DOUBLE_EQ(e.usage.nat_processed_gb, 0);
}

TEST(Routes, ExistingGatewaysAndEndpointsChargeOnlyTheirGigabytes) {
  Service s = http_service(1, 50);
  s.outbound = {"internet"};
  s.outbound_kb_per_request = 1024;
  s.network.subnet = Subnet::private_subnet;
  s.network.vpc_endpoints = {"s3", "ecr.api", "ecr.dkr", "logs"};
  Spec spec = spec_with(s);
  spec.team.existing.nat_gateway = true;
  spec.team.existing.vpc_endpoints = {"ecr.api", "ecr.dkr"};
  const RuntimeEstimate e = run(s, RuntimeId::ecs_fargate, spec);
  ASSERT_TRUE(e.feasible);
  EXPECT_FALSE(e.shared.nat_gateway);  // no NAT hours
  EXPECT_EQ(e.shared.interface_endpoints, (std::vector<std::string>{"logs"}));
  EXPECT_NEAR(e.usage.nat_processed_gb, kSecondsPerMonth / 1024, 1e-6);
}

TEST(Routes, AnExistingLoadBalancerChargesOnlyLcus) {
  Service s = http_service(10, 50);
  Spec spec = spec_with(s);
  RuntimeEstimate e = run(s, RuntimeId::ecs_fargate, spec);
  EXPECT_TRUE(e.shared.alb);
  const double lcu_hours = e.usage.alb_lcu_hours;
  spec.team.existing.load_balancer = true;
  e = run(s, RuntimeId::ecs_fargate, spec);
  EXPECT_FALSE(e.shared.alb);
  EXPECT_DOUBLE_EQ(e.usage.alb_lcu_hours, lcu_hours);
}

// Case 06: a 0.25 vCPU / 512 MB pod, 2 replicas, on the team's existing cluster, whose NAT
// gateways and ingress are the platform's.
TEST(ExistingCluster, PodsPayTheirShareAndNothingElse) {
  Service s = http_service(0.05, 40);
  s.vcpu = 0.25;
  s.memory_mb = 512;
  s.network.subnet = Subnet::private_subnet;
  s.network.nat_gateway = true;
  Spec spec = spec_with(s);
  spec.team.kubernetes_platform = true;
  spec.team.existing.eks_cluster = true;
  const RuntimeEstimate e = run(s, RuntimeId::eks, spec);
  ASSERT_TRUE(e.feasible);
  EXPECT_FALSE(e.shared.eks_cluster);
  EXPECT_FALSE(e.shared.alb);
  EXPECT_FALSE(e.shared.nat_gateway);
  EXPECT_TRUE(e.shared.interface_endpoints.empty());
  EXPECT_DOUBLE_EQ(e.usage.host_hours, 0);
  EXPECT_DOUBLE_EQ(e.usage.ebs_gb_months, 0);
  EXPECT_GT(e.usage.alb_lcu_hours, 0);
  // Two pods all month: 2 x 730 pod-hours at their requests.
  EXPECT_NEAR(e.usage.pod_vcpu_hours, 0.25 * 1460, 1e-9);
  EXPECT_NEAR(e.usage.pod_gb_hours, 0.5 * 1460, 1e-9);
  // The node type whose share is cheapest: the pods declare no CPU (I/O-bound), so a burstable
  // node qualifies; t3.small ($0.0208 for 2 vCPU / 2 GiB) splits into $0.009371/vCPU-h and
  // $0.001029/GiB-h (Fargate's 0.04048 : 0.004445), under m5.large's $0.033351 and $0.003662.
  EXPECT_EQ(e.usage.instance_type, "t3.small");
  EXPECT_TRUE(says(e, "the team's existing cluster runs the pods"));

  // The same pods with a CPU that burns more than they request pay for what they use.
  s.traffic.rps = 20;
  s.cpu_ms_per_request = 40;  // 0.8 vCPU busy on average
  s.concurrency_per_instance = 100;
  spec.services[0] = s;
  const RuntimeEstimate busy = run(s, RuntimeId::eks, spec);
  EXPECT_NEAR(busy.usage.pod_vcpu_hours, 20 * 0.040 * 730, 1e-6);
  // 0.8 vCPU a pod, more than any burstable node's baseline (at most 40% of each vCPU).
  const Ec2InstanceType* node = find_instance_type(busy.usage.instance_type);
  ASSERT_NE(node, nullptr);
  EXPECT_NE(node->kind, InstanceFamilyKind::burstable) << node->name;
}

TEST(Alb, KeepAliveClientsOpenFewerConnections) {
  // Case 02: 3,000 requests/s, 1 KB in and 4 KB out. One connection a request: 3,000 / 25 = 120
  // LCU. 100 requests a connection: 30 new connections/s (1.2 LCU), and processed bytes
  // 3,000 x 3,600 x 5 KiB / 1,048,576 = 51.5 GB/h set 51.5 LCU.
  Service s = http_service(3000, 12);
  s.request_kb = 1;
  s.response_kb = 4;
  const TrafficProfile traffic = traffic_profile(s.traffic);
  AlbCapacity c = alb_capacity(s, traffic, s.duration_ms, false);
  EXPECT_NEAR(c.lcu_hours, 120 * 730, 1e-6);
  EXPECT_EQ(c.binding, "new connections");
  s.traffic.requests_per_connection = 100;
  c = alb_capacity(s, traffic, s.duration_ms, false);
  EXPECT_NEAR(c.lcu_hours, 3000.0 * 3600 * 5 / 1048576 * 730, 1e-6);
  EXPECT_EQ(c.binding, "processed bytes");
  EXPECT_DOUBLE_EQ(c.new_connections_per_second, 30);
}

}  // namespace
}  // namespace computefit
