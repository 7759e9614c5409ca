#pragma once
// The facts `import` takes from templates and plans, gathered per service before they are written
// as spec keys: each with its origin. CloudFormation (SAM, CDK) and Terraform fill the same
// structures from their own property names; one writer turns them into the spec.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "readers/import/spec_draft.hpp"

namespace computefit::readers {

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
  Sourced<int> azs;  ///< its subnets, one AZ each
};

/// The routing facts of the inputs, by the ids (logical ids or addresses) of their resources.
struct NetworkFacts {
  std::map<std::string, std::vector<std::string>> route_tables_of_subnet;
  /// Route table -> where its default route (0.0.0.0/0) goes: "nat" or "igw", with its origin.
  std::map<std::string, Sourced<std::string>> default_route;
  struct Endpoint {
    std::string service;  ///< "s3", "ecr.dkr"
    bool gateway = false;
    std::vector<std::string> route_tables;  ///< a gateway endpoint's
    Origin origin;
  };
  std::vector<Endpoint> endpoints;
};

/// The network of a service in `subnets` (ids), whose list was read at `origin`; nullopt without
/// subnets (a function outside any VPC reaches the internet directly).
std::optional<ImportedNetwork> network_of(const NetworkFacts& facts,
                                          const std::vector<std::string>& subnets,
                                          const Origin& origin);

/// The endpoint service in an endpoint's ServiceName: "com.amazonaws.us-east-1.s3" -> "s3",
/// "com.amazonaws.${AWS::Region}.ecr.dkr" -> "ecr.dkr"; empty for anything else.
std::string endpoint_service_of(std::string_view service_name);

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
  std::optional<Sourced<std::string>> secrets;  ///< env, secretsmanager, ssm, injected
  std::vector<ImportedUse> uses;
  std::optional<ImportedNetwork> network;
};

/// An EKS cluster the files create: a platform the team runs, whatever the services.
struct ImportedCluster {
  Origin origin;  ///< of the cluster resource
  std::optional<Sourced<std::string>> kubernetes_version;
  std::optional<Sourced<std::string>> node_instance_type;  ///< a node group's first type
};

/// Everything gathered from the inputs.
struct ImportedModel {
  std::vector<ImportedService> services;
  std::vector<ImportedDatabase> databases;
  std::optional<ImportedCluster> cluster;
  std::optional<Sourced<std::string>> region;
  std::vector<std::string> unknowns, skipped, assumed;
};

/// Whether an environment variable is a secret by SPEC.md's rule: a `_`-separated word of its
/// name is PASSWORD, PASSWD, SECRET, TOKEN, APIKEY, CREDENTIAL or CREDENTIALS, or two adjacent
/// words are API KEY or PRIVATE KEY; and its value is not a number, a boolean, a port, a URL
/// without credentials or an ARN.
bool secret_name(std::string_view name);
bool plain_setting(std::string_view value);

/// A `connections_per_instance` from an environment variable whose name holds POOL.
bool pool_size_name(std::string_view name);

/// The spec's language for a Lambda runtime identifier ("python3.12" -> "python"), empty when
/// none fits (an OS-only runtime such as provided.al2023 runs any compiled language).
std::string language_of_runtime(std::string_view runtime);

/// Writes the model as the spec's keys.
void write_model(const ImportedModel& model, const std::string& name, DraftNode& spec);

}  // namespace computefit::readers
