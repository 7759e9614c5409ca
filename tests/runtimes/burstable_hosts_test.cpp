// Burstable hosts (t3, t4g): a type qualifies when the fleet's modelled mean CPU per host stays
// within AWS's baseline (EC2 User Guide credit table: small and medium 20% of each of 2 vCPUs,
// large 30%), since credits earned below the baseline pay for peaks above it over 24 hours. A
// service that declares no CPU use is I/O-bound and uses none; declaring cpu_ms_per_request puts
// its CPU against the baseline. Prices: the built-in us-east-1 catalog (AWS's price feed).

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "pricing/ec2_instance_types.hpp"
#include "pricing/price_catalog.hpp"
#include "pricing/price_estimates.hpp"
#include "runtimes/container_capacity.hpp"
#include "runtimes/fixtures.hpp"
#include "runtimes/runtime_model.hpp"

namespace computefit {
namespace {

using testing::spec_with;

// A queue worker of 0.25 vCPU / 512 MB at 2 messages/s of 500 ms: 2 / (1 / 0.5 x 0.7) -> 2 tasks,
// waiting on a downstream API (no cpu_ms_per_request, not cpu_bound).
Service io_worker() {
  Service s;
  s.name = "sync";
  s.kind = ServiceKind::worker;
  s.vcpu = 0.25;
  s.memory_mb = 512;
  s.concurrency_per_instance = 1;
  s.duration_ms.kind = DurationSpec::Kind::fixed;
  s.duration_ms.fixed_ms = 500;
  s.traffic.shape = TrafficShape::steady;
  s.traffic.rps = 2;
  return s;
}

// The month's EC2 instance line of `runtime`'s option.
double ec2_monthly(const Service& s, RuntimeId runtime) {
  const Spec spec = spec_with(s);
  const PriceCatalog catalog = builtin_price_catalog();
  EstimateTable estimates(1);
  estimates[0][runtime] = evaluate_runtime(s, runtime, spec, catalog);
  const CostTable costs = price_estimates(spec, estimates, catalog);
  double usd = 0;
  for (const CostItem& item : costs[0].at(runtime)) {
    if (item.kind == "ec2-instances") usd += item.monthly_usd;
  }
  return usd;
}

bool says(const RuntimeEstimate& e, const std::string& text) {
  return std::any_of(e.assumptions.begin(), e.assumptions.end(),
                     [&](const std::string& a) { return a.find(text) != std::string::npos; });
}

// Two I/O-bound 0.25 vCPU tasks in two zones (two hosts, as the simulator spreads them): 2 x
// t3.micro (one task each in 1 GiB less the agent's 256 MiB) at $0.0104 an hour = $15.18 a
// month, where the cheapest fixed-performance hosts, 2 x c6i.large, were $124.10.
TEST(BurstableHosts, IoBoundWorkerRunsOnABurstableHost) {
  const Service s = io_worker();
  const RuntimeEstimate e =
      evaluate_runtime(s, RuntimeId::ecs_ec2, spec_with(s), builtin_price_catalog());
  ASSERT_TRUE(e.feasible);
  const Ec2InstanceType* type = find_instance_type(e.usage.instance_type);
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->kind, InstanceFamilyKind::burstable) << type->name;
  EXPECT_EQ(type->name, "t3.micro");
  EXPECT_NEAR(ec2_monthly(s, RuntimeId::ecs_ec2), 15.18, 0.005);
  EXPECT_TRUE(says(e,
                   "t3.micro is the cheapest priced type in computefit's table for this fleet: "
                   "a burstable type (baseline 10% of each of its 2 vCPUs, 0.2 vCPU), chosen "
                   "because even with each request holding its slot's share of the task's vCPU "
                   "while it runs (below), the fleet's CPU stays at most a mean of 0.125 vCPU "
                   "per host"));
  EXPECT_TRUE(says(e, "no cpu_ms_per_request and not cpu_bound"));
}

// The boundary, at the choice itself (a rule test: 2 tasks of 0.25 vCPU cannot burn more than
// 0.5): 2 tasks on 2 hosts with the fleet's mean CPU at 0.4 vCPU fit 2 x t3.micro (0.2 each, 10%
// of 2 vCPUs); 0.41 needs 2 x t3.small (20% of 2 = 0.4 each); 0.81 needs 2 x t3.large (30% of 2
// = 0.6 each, $0.1664/h, under 2 x c6i.large's $0.17); 1.21 leaves no burstable cheaper.
TEST(BurstableHosts, FleetCpuAgainstTheBaselineDecides) {
  const Service s = io_worker();
  const PriceCatalog catalog = builtin_price_catalog();
  auto pick = [&](double fleet_cpu) {
    std::string reason;
    const auto choice = choose_instance_type(s, RuntimeId::ecs_ec2, ContainerConfig{}, catalog,
                                             {{2, 1.0}}, {fleet_cpu}, &reason);
    return choice ? choice->type->name : reason;
  };
  EXPECT_EQ(pick(0), "t3.micro");
  EXPECT_EQ(pick(0.4), "t3.micro");
  EXPECT_EQ(pick(0.41), "t3.small");
  EXPECT_EQ(pick(0.81), "t3.large");
  EXPECT_EQ(pick(1.21), "c6i.large");
}

// Hosts added for a burst live only while it lasts, and AWS averages a host's CPU over its life
// when shorter than 24 hours: every level of the fleet is held to the baseline, not the month's
// mean. 2 tasks 90% of the time at 0.1 vCPU, 12 tasks at a burst: at 0.6 vCPU, t3.micro (12 hosts
// at the burst, 0.05 each) qualifies; at 3 vCPU (0.25 a t3.micro host, 0.75 a t3.small host) no
// burstable cheaper than c6i.large does, though the month's mean per t3.micro host, 0.39 / 3, is
// 0.13, within its 0.2.
TEST(BurstableHosts, EveryLevelOfABurstingFleetIsHeldToTheBaseline) {
  const Service s = io_worker();
  const PriceCatalog catalog = builtin_price_catalog();
  auto pick = [&](double burst_cpu) {
    std::string reason;
    const auto choice = choose_instance_type(s, RuntimeId::ecs_ec2, ContainerConfig{}, catalog,
                                             {{2, 0.9}, {12, 0.1}}, {0.1, burst_cpu}, &reason);
    return choice ? choice->type->name : reason;
  };
  EXPECT_EQ(pick(0.6), "t3.micro");
  EXPECT_EQ(pick(3), "c6i.large");
}

// Near miss: two 1 vCPU / 2 GB tasks at 1.4 messages/s of 1 s (1.4 / 0.7 = 2 tasks, one host
// each in two zones). With no CPU declared, each message is taken to hold its slot's vCPU while it
// runs (1.4 vCPU, 0.7 a host): past t3.medium's 0.4 and t3.large's 0.6, so 2 x c6i.large, $124.10.
// Declaring 500 ms of CPU per message (0.7 vCPU, 0.35 a host) fits t3.medium's 0.4 vCPU baseline,
// 2 x t3.medium, $60.74 a month. At 900 ms (1.26 vCPU, 0.63 a host) they exceed t3.medium's 0.4
// and t3.large's 0.6 and get 2 x c6i.large again.
TEST(BurstableHosts, DeclaredCpuPastTheBaselineGetsAFixedPerformanceHost) {
  Service s = io_worker();
  s.vcpu = 1;
  s.memory_mb = 2048;
  s.duration_ms.fixed_ms = 1000;
  s.traffic.rps = 1.4;
  RuntimeEstimate e =
      evaluate_runtime(s, RuntimeId::ecs_ec2, spec_with(s), builtin_price_catalog());
  ASSERT_TRUE(e.feasible);
  EXPECT_EQ(e.usage.instance_type, "c6i.large");
  EXPECT_NEAR(ec2_monthly(s, RuntimeId::ecs_ec2), 124.10, 0.005);
  EXPECT_TRUE(says(e,
                   "each request is taken to hold its slot's share of the task's vCPU while it "
                   "runs, a mean of 0.7 vCPU per c6i.large host here"));

  s.cpu_ms_per_request = 500;
  e = evaluate_runtime(s, RuntimeId::ecs_ec2, spec_with(s), builtin_price_catalog());
  ASSERT_TRUE(e.feasible);
  EXPECT_EQ(e.usage.instance_type, "t3.medium");
  EXPECT_NEAR(ec2_monthly(s, RuntimeId::ecs_ec2), 60.74, 0.005);
  EXPECT_TRUE(says(e,
                   "at most a mean of 0.35 vCPU per host at any of its levels, stays within "
                   "its baseline (20% of each of its 2 vCPUs, 0.4 vCPU)"));
  EXPECT_FALSE(says(e, "no cpu_ms_per_request and not cpu_bound"));

  s.cpu_ms_per_request = 900;
  e = evaluate_runtime(s, RuntimeId::ecs_ec2, spec_with(s), builtin_price_catalog());
  ASSERT_TRUE(e.feasible);
  EXPECT_EQ(e.usage.instance_type, "c6i.large");
  EXPECT_NEAR(ec2_monthly(s, RuntimeId::ecs_ec2), 124.10, 0.005);
  EXPECT_TRUE(says(e, "here it reaches a mean of 0.63 vCPU per c6i.large host"));

  // EKS nodes follow the same rule.
  e = evaluate_runtime(s, RuntimeId::eks, spec_with(s), builtin_price_catalog());
  ASSERT_TRUE(e.feasible);
  const Ec2InstanceType* node = find_instance_type(e.usage.instance_type);
  ASSERT_NE(node, nullptr);
  EXPECT_NE(node->kind, InstanceFamilyKind::burstable) << node->name;
}

// A pinned burstable type is used as given, whatever the CPU (the choice is the user's).
TEST(BurstableHosts, PinnedBurstableTypeStillWorks) {
  Service s = io_worker();
  s.cpu_ms_per_request = 400;
  s.runtimes.ecs_ec2.instance_type = "t3.medium";
  const RuntimeEstimate e =
      evaluate_runtime(s, RuntimeId::ecs_ec2, spec_with(s), builtin_price_catalog());
  ASSERT_TRUE(e.feasible);
  EXPECT_EQ(e.usage.instance_type, "t3.medium");
  EXPECT_DOUBLE_EQ(e.usage.host_hours, 730);  // 2 tasks, one host
  EXPECT_NEAR(ec2_monthly(s, RuntimeId::ecs_ec2), 30.37, 0.005);
  EXPECT_FALSE(says(e, "cheapest priced type"));
}

// Graviton: an arm64 I/O-bound worker gets t4g.
TEST(BurstableHosts, Arm64WorkerGetsAT4gHost) {
  Service s = io_worker();
  s.architecture = Architecture::arm64;
  const RuntimeEstimate e =
      evaluate_runtime(s, RuntimeId::ecs_ec2, spec_with(s), builtin_price_catalog());
  ASSERT_TRUE(e.feasible);
  EXPECT_EQ(e.usage.instance_type, "t4g.micro");
  EXPECT_NEAR(ec2_monthly(s, RuntimeId::ecs_ec2), 2 * 730 * 0.0084, 0.005);
}

// Every burstable row carries AWS's baseline and is priced in every built-in region.
TEST(BurstableHosts, TableCarriesTheBaselineAndEveryRegionPricesIt) {
  const std::map<std::string, double> baseline = {
      {"micro", 0.1}, {"small", 0.2}, {"medium", 0.2}, {"large", 0.3}, {"xlarge", 0.4}};
  int burstables = 0;
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    if (type.kind != InstanceFamilyKind::burstable) {
      EXPECT_DOUBLE_EQ(type.baseline_per_vcpu, 1) << type.name;
      continue;
    }
    ++burstables;
    const std::string size = type.name.substr(type.name.find('.') + 1);
    ASSERT_TRUE(baseline.count(size)) << type.name;
    EXPECT_DOUBLE_EQ(type.baseline_per_vcpu, baseline.at(size)) << type.name;
    for (const char* region : {"us-east-1", "us-west-2", "eu-west-1"}) {
      const auto catalog = builtin_price_catalog_for(region);
      ASSERT_TRUE(catalog) << region;
      EXPECT_NE(catalog->find("ec2.on_demand." + type.name), nullptr) << type.name << region;
    }
  }
  EXPECT_EQ(burstables, 10);
}

}  // namespace
}  // namespace computefit
