// Reading templates and plans: bytes a second of JSON and YAML into located document trees, on
// synthetic Terraform plans and CloudFormation templates shaped like real ones.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <iterator>
#include <string>

#include "document/json_document.hpp"
#include "document/yaml_document.hpp"

namespace {

// A plan of `resources` Lambda functions, each with the members `terraform show -json` writes.
std::string terraform_plan(int resources) {
  std::string out =
      R"({"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[)";
  for (int i = 0; i < resources; ++i) {
    fmt::format_to(
        std::back_inserter(out),
        R"({}{{"address":"aws_lambda_function.fn{}","mode":"managed","type":"aws_lambda_function",)"
        R"("name":"fn{}","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,)"
        R"("values":{{"architectures":["arm64"],"function_name":"fn-{}","handler":"index.handler",)"
        R"("memory_size":1024,"reserved_concurrent_executions":-1,"runtime":"nodejs20.x","timeout":30,)"
        R"("environment":[{{"variables":{{"TABLE":"orders","DB_POOL_SIZE":"5"}}}}],)"
        R"("vpc_config":[{{"subnet_ids":["subnet-0a1b2c3d","subnet-4e5f6a7b"],)"
        R"("security_group_ids":["sg-0123456789abcdef0"]}}],"tags":{{"team":"payments"}}}},)"
        R"("sensitive_values":{{"architectures":[false],"environment":[{{}}],"vpc_config":[{{}}]}}}})",
        i ? "," : "", i, i, i);
  }
  out += "]}}}";
  return out;
}

std::string cloudformation_yaml(int resources) {
  std::string out =
      "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n";
  for (int i = 0; i < resources; ++i) {
    fmt::format_to(
        std::back_inserter(out),
        "  Fn{0}:\n    Type: AWS::Serverless::Function\n    Properties:\n"
        "      Handler: index.handler\n      Runtime: nodejs20.x\n      MemorySize: 1024\n"
        "      Timeout: 30\n      Role: !GetAtt Role{0}.Arn\n"
        "      Environment:\n        Variables:\n          TABLE: !Ref Table\n"
        "      Events:\n        Api:\n          Type: HttpApi\n          Properties:\n"
        "            Path: /fn{0}\n            Method: GET\n",
        i);
  }
  return out;
}

void BM_JsonPlan(benchmark::State& state) {
  const std::string plan = terraform_plan(static_cast<int>(state.range(0)));
  std::size_t nodes = 0;
  for (auto _ : state) {
    auto result = computefit::readers::read_json_document("plan.json", plan);
    nodes = result.document ? result.document->node_count() : 0;
    benchmark::DoNotOptimize(nodes);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * plan.size()));
  state.counters["MB"] = static_cast<double>(plan.size()) / 1e6;
  state.counters["nodes"] = static_cast<double>(nodes);
}
// 1,000 functions (0.64 MB) and 80,000 (52 MB: the 50 MB plan of the bad-input list).
BENCHMARK(BM_JsonPlan)->Arg(1'000)->Arg(80'000)->Unit(benchmark::kMillisecond);

void BM_YamlTemplate(benchmark::State& state) {
  const std::string text = cloudformation_yaml(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto result = computefit::readers::read_yaml_document("template.yaml", text);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}
// 1,000 functions: the `lint` timing target's template size.
BENCHMARK(BM_YamlTemplate)->Arg(1'000)->Unit(benchmark::kMillisecond);

}  // namespace
