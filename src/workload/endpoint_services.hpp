#pragma once
// The AWS services a workload reaches through VPC endpoints, by the names AWS gives their endpoint
// services (the part after `com.amazonaws.REGION.`): what `network.vpc_endpoints`,
// `team.existing.vpc_endpoints` and `outbound` may name.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace computefit {

/// One endpoint service of SPEC.md's table in endpoint_services.cpp.
struct EndpointService {
  std::string_view name;  ///< as AWS spells it after `com.amazonaws.REGION.`, e.g. "ecr.dkr"
  bool gateway = false;   ///< also offered as a gateway endpoint (no hourly or per-GB charge)
  /// Carries request payloads (SPEC.md: where a plain outbound_kb_per_request goes), as opposed to
  /// control-plane services such as secretsmanager, ssm, kms, sts or logs.
  bool data = false;
};

/// Every endpoint service computefit knows, in the table's order.
std::span<const EndpointService> endpoint_services();

/// The table's row for `name`, or nullptr.
const EndpointService* find_endpoint_service(std::string_view name);

/// What a shorthand stands for (`ecr`: ecr.api and ecr.dkr); empty when `name` is none.
std::vector<std::string_view> expand_endpoint_shorthand(std::string_view name);

/// For a name that is not in the table: the endpoint service it most likely means, from a list of
/// everyday names (kinesis, cloudwatch, eventbridge, ...) or by spelling; nullopt when none is
/// close.
std::optional<std::string_view> suggest_endpoint_service(std::string_view name);

}  // namespace computefit
