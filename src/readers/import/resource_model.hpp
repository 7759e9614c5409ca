#pragma once
// The facts `import` takes from templates and plans, gathered per service before they are written
// as spec keys: each with its origin. CloudFormation (SAM, CDK) and Terraform fill the same
// structures from their own property names; one writer turns them into the spec.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "readers/database_defaults.hpp"
#include "readers/import/spec_draft.hpp"
#include "readers/value.hpp"

namespace computefit::readers {

/// AWS's own defaults for properties a template leaves out (SPEC.md "Defaults": never the spec's
/// defaults), each with its source.
namespace aws_defaults {
/// SQS VisibilityTimeout: 30 s (docs.aws.amazon.com/AWSSimpleQueueService/latest/
/// SQSDeveloperGuide/sqs-visibility-timeout.html).
inline constexpr double kSqsVisibilityTimeoutSeconds = 30;
/// Event source mapping BatchSize: 10 for SQS, 100 for Kinesis, DynamoDB Streams, MSK and MQ;
/// MaximumBatchingWindowInSeconds 0 for SQS and streams alike
/// (docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html).
inline constexpr int kSqsBatchSize = 10;
inline constexpr int kStreamBatchSize = 100;
inline constexpr double kBatchingWindowSeconds = 0;
}  // namespace aws_defaults

/// A value and where it was read.
template <typename T>
struct Sourced {
  T value{};
  Origin origin;
};

/// A database (RDS instance or Aurora cluster) other services may hold connections to.
struct ImportedDatabase {
  std::string name;  ///< the spec's downstream name
  std::string id;    ///< logical id or address, for references
  Origin origin;     ///< of the resource
  std::optional<Sourced<int>> max_connections;
  bool proxy = false;  ///< reached through an RDS Proxy
};

/// One use of a database by a service.
struct ImportedUse {
  std::string database_id;  ///< the database's id
  Origin origin;            ///< what refers to it (an environment variable)
  Sourced<int> connections_per_instance;
  bool through_proxy = false;
};

/// Where a service's subnets lead (SPEC.md "Network"): public with a default route to an
/// internet gateway, private with one to a NAT gateway, or private without egress; and the VPC
/// endpoints it can reach (gateway ones on its route tables, interface ones in the VPC).
struct ImportedNetwork {
  Sourced<std::string> subnet;  ///< "public" or "private"
  Sourced<bool> nat_gateway;
  std::vector<Sourced<std::string>> vpc_endpoints;
  /// Those of `vpc_endpoints` that are interface endpoints the files create (paid by the hour,
  /// whatever runtime is chosen: `team.existing.vpc_endpoints`).
  std::vector<std::string> interface_endpoints;
  Sourced<int> azs;  ///< its subnets, one AZ each
  /// Set when no subnet has a default route to an internet or NAT gateway but one has it to a
  /// transit gateway, an instance (a NAT instance), a network interface or a Gateway Load
  /// Balancer endpoint: egress the files cannot judge (what lies beyond is not in them), located
  /// at the route; then `subnet` and `nat_gateway` are not facts to write.
  std::optional<Sourced<std::string>> egress_unknown;
};

/// The routing facts of the inputs, by the ids (logical ids or addresses) of their resources.
struct NetworkFacts {
  std::map<std::string, std::vector<std::string>> route_tables_of_subnet;
  /// Route table -> where its default route (0.0.0.0/0) goes: "nat" or "igw", else one of the
  /// targets route_target_noun() names ("tgw", "instance", "eni", "gwlbe", "pcx"), with its
  /// origin.
  std::map<std::string, Sourced<std::string>> default_route;
  struct Endpoint {
    std::string service;  ///< "s3", "ecr.dkr"
    bool gateway = false;
    std::vector<std::string> route_tables;  ///< a gateway endpoint's
    Origin origin;
  };
  std::vector<Endpoint> endpoints;
};

/// What a default route's target is, in words: "tgw" -> "a transit gateway"; empty for "igw",
/// "nat" and anything else.
std::string_view route_target_noun(std::string_view target);

/// The unknown that says a service's egress is not in the files (its network's
/// `egress_unknown`), as `FILE:LINE:COLUMN: ID network: ...`; empty when it is known.
std::string egress_unknown_line(const ImportedNetwork& network, const std::string& id);

/// The network of a service in `subnets` (ids), whose list was read at `origin`; nullopt without
/// subnets (a function outside any VPC reaches the internet directly).
std::optional<ImportedNetwork> network_of(const NetworkFacts& facts,
                                          const std::vector<std::string>& subnets,
                                          const Origin& origin);

/// The endpoint service in an endpoint's ServiceName: "com.amazonaws.us-east-1.s3" -> "s3",
/// "com.amazonaws.${AWS::Region}.ecr.dkr" -> "ecr.dkr"; empty for anything else.
std::string endpoint_service_of(std::string_view service_name);

/// A poll-based event source of a function (an event source mapping, a SAM SQS/stream event) or
/// the queue an ECS worker reads: the mapping's settings and, for SQS, the queue's visibility.
struct ImportedEventSource {
  std::optional<Sourced<int>> batch_size;
  std::optional<Sourced<double>> batching_window_seconds;
  std::optional<Sourced<int>> max_concurrency;
  std::optional<Sourced<std::string>> queue;  ///< the queue's logical id or address
  std::optional<Sourced<double>> visibility_timeout_seconds;
};

/// The size of a function's environment variables as Lambda measures it, and the variables whose
/// values the files do not fix (then `bytes` counts them empty: a lower bound).
struct ImportedEnvironmentSize {
  Sourced<int> bytes;
  std::vector<std::string> unresolved;
};

/// A service: a Lambda function or an ECS service with its task definition.
struct ImportedService {
  std::string id;  ///< logical id or address
  Sourced<std::string> name;
  bool lambda = true;                        ///< else an ECS service
  std::optional<Sourced<std::string>> kind;  ///< http, worker, event, scheduled
  std::optional<Sourced<std::string>> front_door;
  std::optional<Sourced<std::string>> schedule;
  std::optional<Sourced<std::string>> language;
  std::optional<Sourced<std::string>> architecture;
  std::optional<Sourced<double>> memory_mb;
  std::optional<Sourced<double>> vcpu;
  std::optional<Sourced<double>> timeout_seconds;
  std::optional<Sourced<int>> reserved_concurrency;
  std::optional<Sourced<int>> provisioned_concurrency;
  std::optional<Sourced<int>> min_tasks, max_tasks;
  std::optional<Sourced<double>> health_check_grace_seconds;
  std::optional<Sourced<std::string>> launch;  ///< ecs-fargate or ecs-ec2
  std::optional<Sourced<std::string>> iam_role;
  std::optional<Sourced<std::string>> execution_role;  ///< an ECS task definition's
  /// An ECS service's task definition: its logical id or address, at the resource.
  std::optional<Sourced<std::string>> task_definition;
  std::optional<Sourced<std::string>> secrets;  ///< env, secretsmanager, ssm, injected
  std::vector<ImportedUse> uses;
  std::optional<ImportedNetwork> network;
  /// In a VPC whose subnets the files do not resolve: why, located at the subnets' property
  /// (then `network` is empty and the spec gets a TODO instead of reading as outside any VPC),
  /// and the number of subnets when the list itself is known.
  std::optional<Sourced<std::string>> network_unknown;
  std::optional<Sourced<int>> network_azs;
  /// Lambda's EphemeralStorage.Size, in GB (MB / 1,024).
  std::optional<Sourced<double>> ephemeral_storage_gb;
  /// A service in a VPC whose routes the files cannot say (subnets outside them): no `network`,
  /// but this TODO, never a silent "not in a VPC".
  std::optional<std::string> network_todo;
  std::optional<Sourced<bool>> assign_public_ip;
  /// The task definition's CPU (vCPU) and memory (MB) as declared, both known.
  std::optional<Sourced<double>> task_vcpu, task_memory_mb;
  std::optional<ImportedEventSource> event_source;
  std::optional<ImportedEnvironmentSize> environment;  ///< functions only
};

/// One IAM policy statement: its effect, actions and resources, each where it was written.
struct ImportedStatement {
  Sourced<std::string> effect;
  std::vector<Sourced<std::string>> actions, not_actions, resources, not_resources;
  std::optional<Origin> condition;
};

/// An IAM policy attached to roles, named by the resource that holds it.
struct ImportedPolicy {
  std::string id;  ///< logical id or address
  Origin origin;
  std::vector<Sourced<std::string>> roles;
  std::vector<ImportedStatement> statements;
};

/// An EKS cluster the files create: it exists whatever the services (`team.existing.eks_cluster`);
/// whether a team runs it as a platform is the overlay's to say.
struct ImportedCluster {
  Origin origin;  ///< of the cluster resource
  std::optional<Sourced<std::string>> kubernetes_version;
  std::optional<Sourced<std::string>> node_instance_type;  ///< a node group's first type
  /// The node groups' sizes (managed ScalingConfig, or a self-managed Auto Scaling group's).
  std::optional<Sourced<int>> min_nodes, max_nodes;
  /// Why the node type is not known, when it is not (a TODO for the overlay, never a guess).
  std::string node_type_unknown;
};

/// Everything gathered from the inputs.
struct ImportedModel {
  std::vector<ImportedService> services;
  std::vector<ImportedDatabase> databases;
  std::optional<ImportedCluster> cluster;
  std::vector<ImportedPolicy> policies;
  /// Roles with grants from outside the files (managed policies by ARN): their grants are open.
  std::set<std::string> roles_granted_elsewhere;
  std::optional<Sourced<std::string>> region;
  std::vector<std::string> unknowns, skipped, assumed;
  /// Services or databases renamed so that names from different files stay distinct.
  std::vector<std::string> renamed;
};

/// Whether an environment variable is a secret by SPEC.md's rule: a `_`-separated word of its
/// name is PASSWORD, PASSWD, SECRET, TOKEN, APIKEY, CREDENTIAL or CREDENTIALS, or two adjacent
/// words are API KEY or PRIVATE KEY; and its value is not a number, a boolean, a port, a URL
/// without credentials or an ARN.
bool secret_name(std::string_view name);
bool plain_setting(std::string_view value);

/// A task definition's CPU in vCPU, in every form ECS takes, CloudFormation's `Cpu` and
/// Terraform's `cpu` alike: CPU units ("256", "1024", a number) or vCPU ("1 vCPU", ".25 vCPU",
/// "0.5 vcpu"; the unit in any case, spaces optional). nullopt when the files do not fix it or it
/// is none of those.
std::optional<double> task_vcpu(const Value& v);
/// A task definition's memory in MB: MiB ("512", "2048", a number) or GB ("2 GB", "0.5GB", any
/// case). nullopt when the files do not fix it or it is none of those.
std::optional<double> task_memory_mb(const Value& v);

/// An environment variable as a reader sees it, for `classify_variable`.
struct VariableFacts {
  std::string_view name;
  std::string_view text;          ///< its text as far as known (a dynamic reference included)
  bool literal = false;           ///< a string the files fix, not built from a resource's attribute
  bool no_echo = false;           ///< a Ref to a NoEcho parameter
  bool secret_attribute = false;  ///< a GetAtt of an attribute holding a secret (ClientSecret)
};

/// Why an environment variable holds a secret in plain text after deploy (SPEC.md "Roles and
/// secrets": `secrets: env`), or empty when it does not: a secret's name and a literal, NoEcho,
/// secret attribute or `{{resolve:secretsmanager:…}}`/`{{resolve:ssm-secure:…}}` value.
std::string classify_variable(const VariableFacts& v);

/// max_connections by the engine's default formula for `instance_class` (or Aurora Serverless
/// v2's maximum ACUs), located at `class_origin` with the derivation's first clause as its note;
/// nullopt, with the reason added to `unknowns` under `id`, when it cannot be derived.
std::optional<Sourced<int>> database_limit(const Value* engine, const std::string& instance_class,
                                           const std::optional<ServerlessV2Capacity>& serverless,
                                           Origin class_origin, const std::string& id,
                                           std::vector<std::string>& unknowns);

/// The size Lambda gives a function's environment variables (name -> value; nullopt for a value
/// the files do not fix, counted empty): the variables map as compact JSON, in UTF-8 bytes.
/// Lambda's own error quotes that JSON ("exceeded the 4KB limit. String measured: {...}"), so its
/// 4 KB (4,096 bytes) is measured on it; cfn-lint's E3697 counts the keys and values alone, a
/// few bytes per variable less (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html;
/// github.com/github-aws-runners/terraform-aws-github-runner/issues/3594 quotes the error).
int environment_json_bytes(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& variables);

/// The size of a map of environment variables (each entry's key and value), located at `origin`.
ImportedEnvironmentSize environment_size(const Value& variables, Origin origin);

/// Whether `pattern` (an IAM action, `*` and `?` wildcards, case-insensitive) covers `action`.
bool action_matches(std::string_view pattern, std::string_view action);

/// Whether the policies in the model let `role` call `action` on some resource: true when one
/// of its Allow statements names it (a NotAction one counts unless it excludes it), or when no
/// policy in the files names the role at all (its grants are not known, so none is ruled out).
bool role_may(const ImportedModel& model, const std::string& role, std::string_view action);

/// The statements of an IAM policy document (`Statement`: one or a list; `Action`, `Resource` and
/// their Not forms: a string or a list), each value at its own mark in `file`; a Deny, a
/// NotAction or a Condition is kept so a rule does not take it for a grant. A value the files do
/// not fix keeps its known parts, `${…}` for the rest; an unknown action is named in `unknowns`
/// under `id`.
std::vector<ImportedStatement> statements_of(const Value& document, const std::string& file,
                                             const std::string& id,
                                             std::vector<std::string>& unknowns);

/// A `connections_per_instance` from an environment variable whose name holds POOL.
bool pool_size_name(std::string_view name);

/// The spec's language for a Lambda runtime identifier ("python3.12" -> "python"), empty when
/// none fits (an OS-only runtime such as provided.al2023 runs any compiled language).
std::string language_of_runtime(std::string_view runtime);

/// Writes the model as the spec's keys.
void write_model(const ImportedModel& model, const std::string& name, DraftNode& spec);

}  // namespace computefit::readers
