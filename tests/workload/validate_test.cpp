// Checks across values run on the model alone: a spec filled here by hand, with no tree and no
// reader, is judged as a read one is, each problem at the mark of the value that must change.
#include "workload/validate.hpp"

#include <gtest/gtest.h>

#include "workload/merge.hpp"

namespace computefit {
namespace {

Service service_named(const std::string& name, SourceMark at) {
  Service s;
  s.name = name;
  s.marks["name"] = at;
  return s;
}

std::vector<std::string> messages(Reporter& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.take()) {
    out.push_back(std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column) + " " +
                  d.message);
  }
  return out;
}

TEST(Validate, AModelFilledWithoutAReaderIsJudgedAsARead) {
  Spec spec;
  spec.downstreams.push_back({"orders-db", DownstreamKind::database, 100, {}, false, {}, {2, 3}});
  Service api = service_named("api", {5, 5});
  api.uses.push_back({"order-db", 1, 1, {7, 9}});
  api.marks["uses[0].downstream"] = {7, 11};
  api.slo.p50_ms = 200;
  api.slo.p99_ms = 100;
  api.marks["slo.p99_ms"] = {9, 7};
  spec.services.push_back(api);
  spec.team.existing.vpc_endpoint_items.push_back({{"ecr.api", "ecr.dkr"}, {3, 20}});
  Suppression sup;
  sup.id = "secrets-in-env";
  sup.service = "apii";
  sup.service_mark = {12, 14};
  spec.suppressions.push_back(sup);

  Reporter r("spec.yaml");
  validate_spec(spec, r);
  EXPECT_EQ(messages(r),
            (std::vector<std::string>{
                "9:7 slo.p99_ms (100) must be at least slo.p50_ms (200)",
                "7:11 uses[0].downstream: unknown downstream 'order-db'; did you mean "
                "'orders-db'?",
                "3:20 team.existing.vpc_endpoints: no service routes through ecr.api and ecr.dkr "
                "(network.vpc_endpoints); existing says which of those endpoints are paid for "
                "elsewhere, so list it in the network of the services that use it",
                "12:14 suppress: unknown service 'apii'; did you mean 'api'?"}));
}

TEST(Validate, AConsistentModelPasses) {
  Spec spec;
  Service api = service_named("api", {5, 5});
  api.network.vpc_endpoints = {"ecr.api", "ecr.dkr"};
  spec.services.push_back(api);
  spec.team.existing.vpc_endpoint_items.push_back({{"ecr.api", "ecr.dkr"}, {3, 20}});
  Suppression own;  // a service's own entry names no service: nothing to check
  own.service = "api";
  spec.suppressions.push_back(own);
  Reporter r("spec.yaml");
  validate_spec(spec, r);
  EXPECT_TRUE(messages(r).empty());
}

TEST(Validate, RuntimeBoundsAreReportedWhereTheServiceOrTheSpecWroteThem) {
  Spec spec;
  spec.marks["runtimes.ecs-fargate.min_tasks"] = {4, 30};
  RuntimesOverlay spec_level;
  spec_level.ecs_fargate.min_tasks = 5;
  RuntimesOverlay own;
  own.ecs_fargate.max_tasks = 3;
  own.lambda.provisioned_concurrency = 10;
  own.lambda.reserved_concurrency = 5;
  Service api = service_named("api", {8, 5});
  api.marks["runtimes.lambda.provisioned_concurrency"] = {10, 34};
  api.runtimes = merge_runtimes(spec_level, own, ServiceKind::http, Language::nodejs);
  spec.services.push_back(api);
  Reporter r("spec.yaml");
  check_runtime_bounds(spec, r);
  EXPECT_EQ(messages(r),
            (std::vector<std::string>{
                "10:34 runtimes.lambda.provisioned_concurrency (10) must not exceed "
                "reserved_concurrency (5)",
                "4:30 runtimes.ecs-fargate.min_tasks (5) must not exceed max_tasks (3)"}));
}

TEST(Merge, AServiceKeyOverridesTheSpecsAndTheRestIsDefaulted) {
  RuntimesOverlay spec_level;
  spec_level.lambda.timeout_seconds = 30;
  spec_level.lambda.keep_alive_minutes = 5;
  spec_level.ecs_fargate.max_tasks = 1;
  RuntimesOverlay own;
  own.lambda.timeout_seconds = 10;
  const RuntimesConfig c = merge_runtimes(spec_level, own, ServiceKind::http, Language::go);
  EXPECT_EQ(c.lambda.timeout_seconds, 10);
  EXPECT_EQ(c.lambda.keep_alive_minutes, 5);
  // A written maximum below the default minimum lowers the minimum instead of contradicting it.
  EXPECT_EQ(c.ecs_fargate.max_tasks, 1);
  EXPECT_EQ(c.ecs_fargate.min_tasks, 1);
  EXPECT_EQ(c.eks.routing, Routing::random);
  EXPECT_EQ(c.ecs_fargate.routing, Routing::round_robin);
}

}  // namespace
}  // namespace computefit
