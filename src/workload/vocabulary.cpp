#include "workload/vocabulary.hpp"

namespace computefit {

const Spellings<ServiceKind> kServiceKindNames = {{"http", ServiceKind::http},
                                                  {"worker", ServiceKind::worker},
                                                  {"event", ServiceKind::event},
                                                  {"scheduled", ServiceKind::scheduled}};
const Spellings<Language> kLanguageNames = {
    {"nodejs", Language::nodejs}, {"python", Language::python},      {"java", Language::java},
    {"go", Language::go},         {"dotnet", Language::dotnet},      {"ruby", Language::ruby},
    {"rust", Language::rust},     {"container", Language::container}};
const Spellings<Architecture> kArchitectureNames = {{"x86_64", Architecture::x86_64},
                                                    {"arm64", Architecture::arm64}};
const Spellings<TrafficShape> kTrafficShapeNames = {{"steady", TrafficShape::steady},
                                                    {"diurnal", TrafficShape::diurnal},
                                                    {"bursty", TrafficShape::bursty},
                                                    {"trace", TrafficShape::trace}};
const Spellings<OpsMaturity> kOpsMaturityNames = {
    {"low", OpsMaturity::low}, {"medium", OpsMaturity::medium}, {"high", OpsMaturity::high}};
const Spellings<Commitment> kCommitmentNames = {{"none", Commitment::none},
                                                {"savings-plan-1yr", Commitment::savings_plan_1yr},
                                                {"savings-plan-3yr", Commitment::savings_plan_3yr}};
const Spellings<Subnet> kSubnetNames = {
    {"none", Subnet::none}, {"public", Subnet::public_subnet}, {"private", Subnet::private_subnet}};
const Spellings<SecretsSource> kSecretsSourceNames = {
    {"none", SecretsSource::none},
    {"env", SecretsSource::env},
    {"secretsmanager", SecretsSource::secretsmanager},
    {"ssm", SecretsSource::ssm},
    {"injected", SecretsSource::injected}};
const Spellings<FrontDoor> kFrontDoorNames = {{"api-gateway-http", FrontDoor::api_gateway_http},
                                              {"api-gateway-rest", FrontDoor::api_gateway_rest},
                                              {"function-url", FrontDoor::function_url},
                                              {"alb", FrontDoor::alb}};
const Spellings<DownstreamKind> kDownstreamKindNames = {{"database", DownstreamKind::database},
                                                        {"api", DownstreamKind::api},
                                                        {"queue", DownstreamKind::queue},
                                                        {"cache", DownstreamKind::cache},
                                                        {"other", DownstreamKind::other}};
const Spellings<NodeAutoscaler> kNodeAutoscalerNames = {
    {"karpenter", NodeAutoscaler::karpenter},
    {"cluster-autoscaler", NodeAutoscaler::cluster_autoscaler}};
const Spellings<Routing> kRoutingNames = {{"round-robin", Routing::round_robin},
                                          {"least-outstanding", Routing::least_outstanding},
                                          {"random", Routing::random}};
const Spellings<RuntimeId> kRuntimeIdNames = {{"lambda", RuntimeId::lambda},
                                              {"ecs-fargate", RuntimeId::ecs_fargate},
                                              {"ecs-ec2", RuntimeId::ecs_ec2},
                                              {"eks", RuntimeId::eks}};
const Spellings<bool> kDistributionNames = {{"exponential", true}};

const Keys kSpecKeys = {"version",     "name",     "region",   "team",     "priorities",  "pricing",
                        "downstreams", "services", "runtimes", "suppress", "iam_policies"};
const Keys kServiceKeys = {"name",
                           "kind",
                           "language",
                           "architecture",
                           "memory_mb",
                           "vcpu",
                           "duration_ms",
                           "cpu_bound",
                           "cpu_ms_per_request",
                           "concurrency_per_instance",
                           "traffic",
                           "schedule",
                           "slo",
                           "request_kb",
                           "response_kb",
                           "outbound_kb_per_request",
                           "uses",
                           "outbound",
                           "network",
                           "iam_role",
                           "secrets",
                           "image_mb",
                           "startup_seconds",
                           "interruption_tolerant",
                           "needs",
                           "runtimes",
                           "log_kb_per_request",
                           "suppress",
                           "execution_role",
                           "task_size",
                           "event_source",
                           "environment_bytes",
                           "environment_unresolved",
                           "resource",
                           "task_definition"};
const Keys kLambdaBlockKeys = {
    "keep_alive_minutes",  "provisioned_concurrency", "reserved_concurrency",
    "account_concurrency", "timeout_seconds",         "cold_start_ms",
    "front_door"};
const Keys kEcsFargateBlockKeys = {"min_tasks", "max_tasks",
                                   "spot",      "health_check_grace_seconds",
                                   "routing",   "target_utilization"};
const Keys kEcsEc2BlockKeys = {"instance_type",
                               "min_instances",
                               "max_instances",
                               "min_tasks",
                               "max_tasks",
                               "spot",
                               "health_check_grace_seconds",
                               "routing",
                               "target_utilization"};
const Keys kEksBlockKeys = {"instance_type",
                            "min_nodes",
                            "max_nodes",
                            "min_pods",
                            "max_pods",
                            "spot",
                            "health_check_grace_seconds",
                            "routing",
                            "target_utilization",
                            "kubernetes_version",
                            "autoscaler"};

}  // namespace computefit
