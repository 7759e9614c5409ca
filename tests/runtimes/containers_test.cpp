// The container models: instance counts from throughput (Little's law: an instance with k slots
// and mean duration W completes k / W requests per second), M/M/c response times
// (simulation.md 5.2 reference table), packing onto hosts, the cheapest instance type
// (aws-prices-and-limits.md 1.4 prices), pinned fleets and scheduled runs on Fargate
// (aws-prices-and-limits.md 1.3: per-second billing with a one-minute minimum).

#include <gtest/gtest.h>

#include "runtimes/container_capacity.hpp"
#include "runtimes/fixtures.hpp"
#include "runtimes/latency.hpp"
#include "runtimes/runtime_model.hpp"
#include "stats/queueing.hpp"

namespace computefit {
namespace {

using testing::ec2_catalog;
using testing::http_service;
using testing::spec_with;

RuntimeEstimate run(const Service& s, RuntimeId runtime) {
  return evaluate_runtime(s, runtime, spec_with(s), ec2_catalog());
}

TEST(Containers, ThroughputIsSlotsOverMeanDuration) {
  DurationSpec d;
  d.kind = DurationSpec::Kind::fixed;
  d.fixed_ms = 50;
  EXPECT_DOUBLE_EQ(instance_throughput_rps(20, d), 400);
  // 1,000 rps at 70% of 400 rps per instance: ceil(3.57) = 4.
  EXPECT_EQ(instances_for_rate(1000, 400, 0.7, 2, 100), 4);
  EXPECT_EQ(instances_for_rate(10, 400, 0.7, 2, 100), 2);     // the minimum
  EXPECT_EQ(instances_for_rate(1e6, 400, 0.7, 2, 100), 100);  // the maximum
}

TEST(Containers, MixtureReproducesMmcResponseQuantiles) {
  // simulation.md 5.2, c = 10, lambda = 8, mu = 1: R p50 0.912145 s, p95 3.32827, p99 4.94611.
  DurationSpec exp;
  exp.kind = DurationSpec::Kind::exponential;
  exp.mean_ms = 1000;
  LatencyComponent c;
  c.weight = 1;
  c.wait_probability = stats::erlang_c(10, 8);
  c.wait_rate_per_ms = (10 - 8) / 1000.0;
  const LatencyQuantiles q = mixture_quantiles(exp, {c});
  // 2,000 duration quantiles: the tail is resolved to ~0.5%.
  EXPECT_NEAR(q.p50_ms, 912.145, 5);
  EXPECT_NEAR(q.p95_ms, 3328.27, 17);
  EXPECT_NEAR(q.p99_ms, 4946.11, 25);
}

TEST(Containers, FargateSteadyFleet) {
  // 100 rps, 50 ms, 20 slots: 400 rps per task, 1 needed, min 2 running.
  Service s = http_service(100, 50);
  s.vcpu = 0.25;
  s.memory_mb = 512;
  const RuntimeEstimate e = run(s, RuntimeId::ecs_fargate);
  ASSERT_TRUE(e.feasible);
  EXPECT_DOUBLE_EQ(e.behaviour.mean_instances, 2);
  EXPECT_DOUBLE_EQ(e.usage.task_vcpu_hours, 2 * 0.25 * 730);
  EXPECT_DOUBLE_EQ(e.usage.task_gb_hours, 2 * 0.5 * 730);
  EXPECT_TRUE(e.shared.alb);
  EXPECT_GT(e.usage.alb_lcu_hours, 0);
  EXPECT_EQ(e.sizing, "Fargate 0.25 vCPU / 0.5 GB (x86_64), 2 tasks");
  EXPECT_NEAR(e.behaviour.p99_ms, 50, 0.5);
}

TEST(Containers, PinnedFleetIgnoresBursts) {
  Service s = http_service(20, 100);
  s.traffic.shape = TrafficShape::bursty;
  s.traffic.peak_rps = 400;
  s.traffic.burst_seconds = 600;
  s.runtimes.ecs_fargate.min_tasks = 3;
  s.runtimes.ecs_fargate.max_tasks = 3;
  const RuntimeEstimate e = run(s, RuntimeId::ecs_fargate);
  EXPECT_DOUBLE_EQ(e.behaviour.mean_instances, 3);
  EXPECT_DOUBLE_EQ(e.behaviour.peak_instances, 3);
  EXPECT_DOUBLE_EQ(e.usage.task_vcpu_hours, 3 * 0.25 * 730);
}

TEST(Containers, ShortBurstIsAbsorbedByTheRunningFleet) {
  // A 60 s burst ends before 3 one-minute datapoints: no scale-out, the two tasks queue it.
  Service s = http_service(5, 100);
  s.traffic.shape = TrafficShape::bursty;
  s.traffic.peak_rps = 600;  // 2 tasks x 20 slots / 0.1 s = 400 rps of capacity
  s.traffic.burst_seconds = 60;
  const RuntimeEstimate e = run(s, RuntimeId::ecs_fargate);
  EXPECT_DOUBLE_EQ(e.behaviour.peak_instances, 2);
  // Bursts alone exceed the mean, so every request is in a burst (base 0). A fluid FIFO queue:
  // the backlog grows at 200 rps for 60 s, so an arrival t s into the burst waits
  // 200 t / 400 = t / 2 s: waits are uniform on [0, 30 s], p50 ~ 15 s + 0.1 s, p99 ~ 29.7 s + 0.1
  // s.
  EXPECT_NEAR(e.behaviour.p50_ms, 15'100, 150);
  EXPECT_NEAR(e.behaviour.p99_ms, 29'800, 150);
}

TEST(Containers, LongBurstScalesOutAndHoldsUntilScaleIn) {
  // 20 slots / 0.1 s = 200 rps a task, 140 at the 70% target: the 700 rps peak needs 5 tasks.
  // Bursts alone exceed the 10 rps mean, so they drop to 10/700 of the time (0.0857 an hour).
  // The alarm fires after 180 s; the extra 3 tasks run until 15 low datapoints and a 300 s
  // cooldown after the burst: 600 - 180 + 900 + 300 = 1,620 s per burst.
  Service s = http_service(10, 100);
  s.traffic.shape = TrafficShape::bursty;
  s.traffic.peak_rps = 700;
  s.traffic.burst_seconds = 600;
  const RuntimeEstimate e = run(s, RuntimeId::ecs_fargate);
  const double per_hour = 10.0 / 700 * 3600 / 600;
  EXPECT_DOUBLE_EQ(e.behaviour.peak_instances, 5);
  EXPECT_NEAR(e.behaviour.mean_instances, 2 + 3 * per_hour * 1620 / 3600, 1e-9);
}

TEST(Containers, ScheduledJobIsBilledPerRunOnFargate) {
  // A 40-minute nightly job: 365 runs x 730 / 8,760 = 30.42 runs a month, each billed from the
  // image pull (300 MB at 30 MB/s = 10 s) through startup (5 s) and the run (2,400 s).
  Service s = http_service(0, 2'400'000);
  s.kind = ServiceKind::scheduled;
  s.schedule = testing::nightly();
  s.vcpu = 1;
  s.memory_mb = 4096;
  const RuntimeEstimate e = run(s, RuntimeId::ecs_fargate);
  ASSERT_TRUE(e.feasible);
  const double runs = 365 * 730.0 / 8760;
  EXPECT_NEAR(runs, 30.42, 0.005);
  EXPECT_NEAR(e.usage.task_vcpu_hours, runs * 2415 / 3600 * 1, 1e-9);
  EXPECT_NEAR(e.usage.task_gb_hours, runs * 2415 / 3600 * 4, 1e-9);
  // Latency: ~10 s provisioning + 10 s pull + 5 s startup + the run.
  EXPECT_DOUBLE_EQ(e.behaviour.p50_ms, 2'425'000);
  // Lambda cannot run it.
  EXPECT_FALSE(run(s, RuntimeId::lambda).feasible);
}

TEST(Containers, ShortScheduledRunPaysTheOneMinuteMinimum) {
  Service s = http_service(0, 10'000);
  s.kind = ServiceKind::scheduled;
  s.schedule = Schedule{};
  s.schedule->is_rate = true;
  s.schedule->rate_seconds = 3600;  // rate(1 hour): 730 runs
  s.image_mb = 30;                  // 1 s pull
  s.startup_seconds = 1;
  const RuntimeEstimate e = run(s, RuntimeId::ecs_fargate);
  EXPECT_NEAR(e.usage.task_vcpu_hours, 730 * 60 / 3600.0 * 0.25, 1e-9);
}

TEST(Hosts, PackingLeavesRoomForTheAgentOrKubelet) {
  Service s = http_service(1, 50);
  s.vcpu = 0.5;
  s.memory_mb = 1024;
  const Ec2InstanceType* m6i = find_instance_type("m6i.large");
  ASSERT_NE(m6i, nullptr);
  // ECS: min(2 / 0.5, (8,192 - 256) / 1,024) = min(4, 7) = 4.
  EXPECT_EQ(tasks_per_host(*m6i, RuntimeId::ecs_ec2, s), 4);
  // EKS: 2 - 0.07 kube-reserved - 0.1 DaemonSets = 1.83 vCPU -> 3 pods.
  EXPECT_EQ(tasks_per_host(*m6i, RuntimeId::eks, s), 3);
  EXPECT_EQ(m6i->eks_max_pods(), 29);
  s.architecture = Architecture::arm64;
  EXPECT_EQ(tasks_per_host(*m6i, RuntimeId::ecs_ec2, s), 0);
}

TEST(Hosts, AutoPickIsTheCheapestTypeThatFits) {
  Service s = http_service(1, 50);
  s.vcpu = 0.5;
  s.memory_mb = 1024;
  RuntimeEstimate e = run(s, RuntimeId::ecs_ec2);
  ASSERT_TRUE(e.feasible);
  // No CPU declared (I/O-bound): a burstable type qualifies. t3.medium holds 3 tasks (4 GiB less
  // the agent's 256 MiB), one host at $0.0416/h, ahead of m5.large's $0.096/h.
  EXPECT_EQ(e.usage.instance_type, "t3.medium");
  EXPECT_DOUBLE_EQ(e.usage.host_hours, 730);
  EXPECT_DOUBLE_EQ(e.usage.ebs_gb_months, 30);
  EXPECT_EQ(*e.behaviour.peak_hosts, 1);

  s.needs.gpu = 1;
  s.vcpu = 2;
  s.memory_mb = 8192;
  e = run(s, RuntimeId::ecs_ec2);
  ASSERT_TRUE(e.feasible);
  EXPECT_EQ(e.usage.instance_type, "g4dn.xlarge");  // cheaper than g5.xlarge and p3.2xlarge

  s.needs.gpu = 0;
  s.vcpu = 0.5;
  s.memory_mb = 1024;
  s.architecture = Architecture::arm64;
  e = run(s, RuntimeId::eks);
  ASSERT_TRUE(e.feasible);
  EXPECT_EQ(e.usage.instance_type, "m6g.large");  // the cheapest priced arm64 type
  EXPECT_TRUE(e.shared.eks_cluster);
  EXPECT_DOUBLE_EQ(e.usage.ebs_gb_months, 20);
}

TEST(Hosts, TypesThatHoldThePeakWithinMaxHostsComeFirst) {
  // 15 tasks of 1 vCPU / 2 GB (2,000 rps at 140 rps a task), at most 4 hosts. The 2-vCPU types
  // hold 2 per host (8 < 15) and c6i.xlarge 3 (8 GiB: 12 < 15); m5.xlarge holds 4 (16 >= 15) and
  // is the cheapest that does (4 x $0.192/h against g4dn.xlarge's 4 x $0.526/h).
  Service s = http_service(2000, 100);
  s.vcpu = 1;
  s.memory_mb = 2048;
  s.runtimes.ecs_ec2.max_hosts = 4;
  const RuntimeEstimate e = run(s, RuntimeId::ecs_ec2);
  ASSERT_TRUE(e.feasible);
  EXPECT_EQ(e.usage.instance_type, "m5.xlarge");  // 4 per host x 4 hosts = 16 >= 15
  EXPECT_DOUBLE_EQ(e.behaviour.peak_instances, 15);
}

TEST(Hosts, PinnedInstanceTypeMustExistAndFit) {
  Service s = http_service(1, 50);
  s.runtimes.ecs_ec2.instance_type = "m9z.large";
  RuntimeEstimate e = run(s, RuntimeId::ecs_ec2);
  EXPECT_FALSE(e.feasible);
  s.runtimes.ecs_ec2.instance_type = "t3.medium";
  s.vcpu = 4;
  s.memory_mb = 2048;
  e = run(s, RuntimeId::ecs_ec2);
  ASSERT_FALSE(e.feasible);
  EXPECT_EQ(e.infeasible_reasons[0],
            "one task (4 vCPU, 2,048 MB, 0 GPU, x86_64) does not fit on instance_type t3.medium (2 "
            "vCPU, 4 GiB, 0 GPU, x86_64)");
  s.runtimes.ecs_ec2.instance_type = "m6i.xlarge";  // in the table, not in this catalog
  e = run(s, RuntimeId::ecs_ec2);
  EXPECT_FALSE(e.feasible);
}

TEST(Hosts, NoTypeFitsAHugeTask) {
  Service s = http_service(1, 50);
  s.vcpu = 64;
  s.memory_mb = 512 * 1024;
  EXPECT_FALSE(run(s, RuntimeId::eks).feasible);
  EXPECT_FALSE(run(s, RuntimeId::ecs_ec2).feasible);
}

TEST(Hosts, MaxHostsCapsTheFleet) {
  Service s = http_service(2000, 100);  // 20 slots / 0.1 s = 200 rps a task: 15 tasks at 70%
  s.vcpu = 1;
  s.memory_mb = 2048;
  s.runtimes.ecs_ec2.instance_type = "m6i.large";  // 2 tasks per host
  s.runtimes.ecs_ec2.max_hosts = 3;
  const RuntimeEstimate e = run(s, RuntimeId::ecs_ec2);
  ASSERT_TRUE(e.feasible);
  EXPECT_EQ(*e.behaviour.peak_hosts, 3);
  EXPECT_DOUBLE_EQ(e.behaviour.peak_instances, 6);
  bool said = false;
  for (const auto& a : e.assumptions)
    said |= a.find("max hosts 3 hold at most 6") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(Network, ContainersInAPrivateSubnetNeedEcrAndLogs) {
  Service s = http_service(1, 50);
  s.network.subnet = Subnet::private_subnet;
  s.network.vpc_endpoints = {"s3", "ecr.api", "ecr.dkr", "logs"};
  const PriceCatalog catalog = builtin_price_catalog();
  RuntimeEstimate e = evaluate_runtime(s, RuntimeId::ecs_fargate, spec_with(s), catalog);
  EXPECT_FALSE(e.shared.nat_gateway);
  EXPECT_EQ(e.shared.interface_endpoints, (std::vector<std::string>{"ecr.api", "ecr.dkr", "logs"}));
  // Without them the cheaper fix is priced: 3 endpoints x 2 AZs ($43.80) against NAT ($65.70).
  s.network.vpc_endpoints = {"s3"};
  e = evaluate_runtime(s, RuntimeId::ecs_fargate, spec_with(s), catalog);
  EXPECT_FALSE(e.shared.nat_gateway);
  EXPECT_EQ(e.shared.interface_endpoints, (std::vector<std::string>{"ecr.api", "ecr.dkr", "logs"}));
}

// Case 04: a 7B model server (4 vCPU, 24 GiB, 1 GPU), two tasks, with the built-in catalog's GPU
// hosts (us-east-1: g4dn.2xlarge $0.752, g6.2xlarge $0.9776, g5.2xlarge $1.212, p3.2xlarge
// $3.06, g6e.xlarge $1.861, p5.4xlarge $6.88).
TEST(Hosts, GpuHostsFitGpuCountAndMemory) {
  Service s = http_service(5, 350);
  s.vcpu = 4;
  s.memory_mb = 24576;
  s.concurrency_per_instance = 4;
  s.needs.gpu = 1;
  const PriceCatalog catalog = builtin_price_catalog();
  auto host = [&](const Service& service) {
    const RuntimeEstimate e =
        evaluate_runtime(service, RuntimeId::ecs_ec2, spec_with(service), catalog);
    return e.feasible ? e.usage.instance_type : std::string("infeasible");
  };
  // No gpu_memory_gb: the task's 24 GiB per GPU; the T4's 16 GiB is too small, an L4 (24 GiB)
  // is the cheapest that fits: 8 vCPU / 32 GiB holds the 4 vCPU / 24 GiB task (xlarge: 16 GiB).
  EXPECT_EQ(host(s), "g6.2xlarge");
  const RuntimeEstimate e = evaluate_runtime(s, RuntimeId::ecs_ec2, spec_with(s), catalog);
  EXPECT_DOUBLE_EQ(e.usage.host_hours, 2 * 730);
  bool stated = false;
  for (const std::string& a : e.assumptions) {
    stated |= a.find("needs.gpu_memory_gb not given: assumed the model needs 24 GiB") == 0;
  }
  EXPECT_TRUE(stated);
  s.needs.gpu_memory_gb = 16;
  EXPECT_EQ(host(s), "g4dn.2xlarge");
  s.needs.gpu_memory_gb = 40;
  EXPECT_EQ(host(s), "g6e.xlarge");  // L40S 48 GiB; 4 vCPU / 32 GiB holds the task
  s.needs.gpu_memory_gb = 64;
  EXPECT_EQ(host(s), "p5.4xlarge");  // H100 80 GiB
  s.needs.gpu_memory_gb = 96;
  EXPECT_EQ(host(s), "infeasible");
  // Four GPUs of 24 GiB on one host.
  s.needs.gpu_memory_gb = 24;
  s.needs.gpu = 4;
  s.vcpu = 16;
  s.memory_mb = 96 * 1024;
  EXPECT_EQ(host(s), "g6.12xlarge");
  const Ec2InstanceType* g6 = find_instance_type("g6.12xlarge");
  ASSERT_NE(g6, nullptr);
  EXPECT_EQ(g6->gpu_model, "NVIDIA L4");
  EXPECT_EQ(tasks_per_host(*g6, RuntimeId::ecs_ec2, s), 1);
}

TEST(Hosts, EveryGpuTypeHasItsGpuModelAndMemory) {
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    EXPECT_EQ(type.gpus > 0, type.kind == InstanceFamilyKind::gpu) << type.name;
    EXPECT_EQ(type.gpus > 0, !type.gpu_model.empty()) << type.name;
    EXPECT_EQ(type.gpus > 0, type.gpu_memory_gib > 0) << type.name;
  }
}

}  // namespace
}  // namespace computefit
