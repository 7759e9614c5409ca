// The reviewer's probes, answered from the report's own numbers and the catalog.

#include "advisor/probes.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "advisor/advisor_fixture.hpp"
#include "advisor/ranking.hpp"
#include "pricing/ec2_instance_types.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

using testing::recommend_yaml;
using testing::service_named;

// A smaller drill: a bursty API over a 400-connection database (Lambda storms it) and an
// interruption-tolerant worker, in private subnets with a NAT gateway.
constexpr const char* kSpec = R"(version: 1
team: { kubernetes_platform: false, ops_maturity: medium }
downstreams:
  orders-db: { kind: database, max_connections: 400, vcpu: 2 }
services:
  - name: api
    kind: http
    language: nodejs
    memory_mb: 1024
    vcpu: 0.5
    duration_ms: { p50: 120, p99: 900 }
    concurrency_per_instance: 80
    traffic: { rps: 60, peak_rps: 480, shape: bursty, burst_seconds: 300, bursts_per_hour: 0.5 }
    slo: { p99_ms: 1000 }
    uses: [ { downstream: orders-db, connections_per_instance: 5 } ]
    outbound: [internet]
    network: { subnet: private, nat_gateway: true, azs: 2 }
  - name: thumbs
    kind: worker
    memory_mb: 1024
    vcpu: 0.5
    duration_ms: 500
    traffic: { rps: 2 }
    network: { subnet: private, nat_gateway: true, azs: 2 }
)";

const Probe* probe(const Report& report, std::string_view id) {
  for (const Probe& p : report.probes) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::string all_answers(const Probe& p) {
  std::string out;
  for (const std::string& a : p.answers) out += a + "\n";
  return out;
}

TEST(Probes, EveryQuestionIsAnswered) {
  const Report report = recommend_yaml(kSpec);
  for (const char* id : {"lambda-cold-starts", "ecs-or-eks", "private-rds-access", "cost-control",
                         "connection-storms", "gpu-worker", "multi-region"}) {
    const Probe* p = probe(report, id);
    ASSERT_TRUE(p) << id;
    EXPECT_FALSE(p->question.empty());
    EXPECT_FALSE(p->answers.empty()) << id;
  }
}

TEST(Probes, ConnectionStormsPriceTheProxyFromTheCatalog) {
  const Report report = recommend_yaml(kSpec);
  const PriceCatalog catalog = builtin_price_catalog();
  // RDS Proxy bills the database's vCPUs (2 here, also the minimum) for 730 hours.
  const double proxy = catalog.at(price_keys::kRdsProxyVcpuHour).usd * 2 * 730;
  const std::string text = all_answers(*probe(report, "connection-storms"));
  EXPECT_NE(text.find(money(proxy) + "/month for 2 database vCPUs"), std::string::npos) << text;
  // 400 / 5 connections per instance.
  EXPECT_NE(text.find("api at 80"), std::string::npos) << text;
}

TEST(Probes, PoolSizingAddsUpTheRecommendedPeaks) {
  const Report report = recommend_yaml(kSpec);
  const ServiceReport& api = *service_named(report, "api");
  double peak = 0;
  for (const Option& o : api.options) {
    if (o.runtime == *api.recommendation) peak = *o.peak_instances;
  }
  const std::string text = all_answers(*probe(report, "private-rds-access"));
  EXPECT_NE(text.find(fmt::format("api on {}: {} (5 per instance, {} instances at the peak)",
                                  runtime_label(*api.recommendation), thousands(5 * peak),
                                  thousands(peak))),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("against max_connections 400"), std::string::npos) << text;
}

TEST(Probes, GpuAnswerNamesTheCheapestGpuTypeInTheCatalog) {
  const Report report = recommend_yaml(kSpec);
  const PriceCatalog catalog = builtin_price_catalog();
  std::string cheapest;
  double usd = 0;
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    const PriceEntry* price = catalog.find("ec2.on_demand." + type.name);
    if (type.gpus > 0 && price && (cheapest.empty() || price->usd < usd)) {
      cheapest = type.name;
      usd = price->usd;
    }
  }
  ASSERT_FALSE(cheapest.empty());
  const std::string text = all_answers(*probe(report, "gpu-worker"));
  EXPECT_NE(text.find(cheapest + " ("), std::string::npos) << text;
  EXPECT_NE(text.find(money(usd * 730) + "/month if always on"), std::string::npos) << text;
  EXPECT_NE(text.find("thumbs is recommended on"), std::string::npos) << text;
}

// The GPU answer is the GPU variant evaluated, not asserted: the runtime and cost it quotes are
// what recommend() gives for the same spec with `needs: { gpu: 1 }` on the worker (the same
// simulation: the worker's day holds far fewer messages than the what-if budget).
TEST(Probes, GpuAnswerEvaluatesTheGpuVariant) {
  const Report report = recommend_yaml(kSpec);
  std::string yaml = kSpec;
  yaml.replace(yaml.find("    traffic: { rps: 2 }"), 0, "    needs: { gpu: 1 }\n");
  const Report gpu = recommend_yaml(yaml);
  const ServiceReport& thumbs = *service_named(gpu, "thumbs");
  ASSERT_TRUE(thumbs.recommendation);
  const Option& chosen = thumbs.options.front();
  const std::string text = all_answers(*probe(report, "gpu-worker"));
  EXPECT_NE(
      text.find(fmt::format("Re-evaluated with 1 GPU per task (re-simulated on 72 min of "
                            "traffic), it goes to {} at {}/month",
                            runtime_label(chosen.runtime), money(quoted_monthly_cost(chosen)))),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("Lambda and ECS on Fargate cannot run it"), std::string::npos) << text;
}

TEST(Probes, SpotOnlyWhereSafe) {
  const Report report = recommend_yaml(kSpec);
  const std::string text = all_answers(*probe(report, "cost-control"));
  // The API is not interruption-tolerant (an http default); the worker is, when on containers.
  EXPECT_NE(text.find("api is recommended on"), std::string::npos) << text;
  const ServiceReport& api = *service_named(report, "api");
  if (*api.recommendation != RuntimeId::lambda) {
    EXPECT_NE(text.find("no Spot: an interruption would drop requests"), std::string::npos) << text;
  }
}

TEST(Probes, EcsOrEksFollowsTheTeam) {
  const Report report = recommend_yaml(kSpec);
  const std::string without = all_answers(*probe(report, "ecs-or-eks"));
  EXPECT_NE(without.find("has no staffed Kubernetes platform"), std::string::npos) << without;
  // The conclusion is the ranking's, service by service, not a template's "ECS".
  for (const ServiceReport& service : report.services) {
    EXPECT_NE(
        without.find(fmt::format("recommended on {}", runtime_label(*service.recommendation))),
        std::string::npos)
        << without;
  }
  EXPECT_EQ(without.find(": ECS."), std::string::npos) << without;
  std::string yaml = kSpec;
  yaml.replace(yaml.find("kubernetes_platform: false"), 26, "kubernetes_platform: true");
  const std::string with = all_answers(*probe(recommend_yaml(yaml), "ecs-or-eks"));
  EXPECT_NE(with.find("has a staffed Kubernetes platform"), std::string::npos) << with;
}

TEST(Probes, RegionsSayWhatTheSpecCannotTell) {
  const Report report = recommend_yaml(kSpec);
  const std::string text = all_answers(*probe(report, "multi-region"));
  EXPECT_NE(text.find("cannot tell"), std::string::npos) << text;
  EXPECT_NE(text.find(money(report.totals_monthly_cost_usd)), std::string::npos) << text;
}

}  // namespace
}  // namespace computefit
