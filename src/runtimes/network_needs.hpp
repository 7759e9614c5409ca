#pragma once
// What a service's network placement costs on a runtime: which routes it needs from its subnet,
// how each is reached (NAT gateway, VPC endpoint, or directly outside a private subnet), the
// cheaper fix that works when one is missing, and where its bytes go.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pricing/price_catalog.hpp"
#include "pricing/usage.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// S3 and DynamoDB: gateway endpoints, free, on the route tables.
bool is_gateway_endpoint(std::string_view target);

/// AWS services that carry control calls, not a service's data (SPEC.md: a plain
/// outbound_kb_per_request never goes to them): secretsmanager, ssm, kms, sts, logs.
bool is_control_plane(std::string_view target);

/// Whether a `vpc_endpoints` list holds an endpoint for `target`; `ecr` in the list stands for
/// both `ecr.api` and `ecr.dkr` (SPEC.md accepts either form).
bool lists_endpoint(const std::vector<std::string>& endpoints, std::string_view target);

/// Whether the option runs on the team's existing EKS cluster (team.existing.eks_cluster): its
/// nodes, ingress and egress are the platform's.
bool on_existing_cluster(const Spec& spec, RuntimeId runtime);

/// What the service must reach from its subnet on `runtime`: its outbound targets and its secrets
/// store on every runtime; containers also ECR (api and dkr) and S3 for images, CloudWatch Logs,
/// Secrets Manager for injected secrets and SQS for workers; ECS on EC2 hosts the ECS agent's
/// endpoints (ecs, ecs-agent, ecs-telemetry), EKS nodes ec2 and sts. Lambda ships its own logs
/// and pulls its own code, so it needs routes only for what the function calls.
std::vector<std::string> network_targets(const Service& service, RuntimeId runtime);

/// Monthly GiB the service sends to each outbound target for `requests` a month (SPEC.md): items
/// `{to, kb_per_request}` as given; a plain outbound_kb_per_request to `internet` when listed, else
/// split evenly over the other listed targets that are not control-plane services. `notes` gets a
/// sentence when bytes could go nowhere.
std::map<std::string, double> outbound_gb_by_target(const Service& service, double requests,
                                                    std::vector<std::string>* notes = nullptr);

/// The two fixes for the routes an option lacks in a private subnet, with their fixed monthly
/// prices (hours) and per-GB prices from the catalog.
struct RouteFixes {
  std::vector<std::string> missing;            ///< targets with no route
  std::vector<std::string> interface_targets;  ///< missing targets an interface endpoint serves
  std::vector<std::string> gateway_targets;    ///< missing s3/dynamodb: free gateway endpoints
  bool needs_internet = false;                 ///< only NAT reaches the internet
  int azs = 2;
  double nat_monthly_usd = 0;        ///< one NAT gateway per AZ
  double nat_usd_per_gb = 0;         ///< data processed
  double endpoints_monthly_usd = 0;  ///< one interface endpoint per target per AZ
  double endpoint_usd_per_gb = 0;    ///< first tier
};

/// The routes the option lacks and the prices of both fixes; `missing` is empty when every
/// route exists (outside a private subnet, with a NAT gateway, or on an existing cluster).
RouteFixes route_fixes(const Service& service, RuntimeId runtime, const Spec& spec,
                       const PriceCatalog& catalog);

struct NetworkEstimate {
  /// nat_gateway: the option pays NAT gateway hours; interface_endpoints: the endpoints whose
  /// hours it pays (those it uses, less those paid for elsewhere); alb is left to the caller.
  SharedNeeds shared;
  double nat_processed_gb = 0;
  double vpc_endpoint_gb = 0;
  double internet_out_gb = 0;
  std::vector<std::string> missing;  ///< routes the subnet lacks, priced with `fix`
  std::string fix;                   ///< "nat-gateway", "vpc-endpoints" or "" (nothing missing)
  std::vector<std::string> assumptions;
};

/// Routes, the cheaper fix for missing ones, and the bytes of `requests` a month; containers add
/// `image_pulls` pulls of the image (layers from S3) and `log_gb` of logs shipped from the VPC.
NetworkEstimate estimate_network(const Service& service, RuntimeId runtime, const Spec& spec,
                                 const PriceCatalog& catalog, double requests, double image_pulls,
                                 double log_gb);

/// Bytes in GiB for `count` payloads of `kb` KiB.
inline double kb_to_gb(double kb, double count) {
  return kb * count / (1024.0 * 1024.0);
}

}  // namespace computefit
