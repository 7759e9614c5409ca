#pragma once
// What a service's network placement costs on a runtime: NAT gateway, VPC endpoints, and the bytes
// that cross them or leave AWS.

#include <string>
#include <vector>

#include "runtimes/usage.hpp"
#include "spec/spec.hpp"

namespace computefit {

struct NetworkEstimate {
  SharedNeeds shared;
  double nat_processed_gb = 0;
  double vpc_endpoint_gb = 0;
  double internet_out_gb = 0;
  std::vector<std::string> assumptions;
};

/// Targets the service must reach from its subnet: its outbound list, its secrets store and, for
/// containers, ECR (api, dkr), S3 for image layers, CloudWatch Logs and, for workers, SQS.
std::vector<std::string> network_targets(const Service& service, bool container);

/// NAT gateway, interface endpoints and bytes for `requests` a month and `image_pulls` container
/// starts a month (0 on Lambda).
NetworkEstimate estimate_network(const Service& service, bool container, double requests,
                                 double image_pulls);

/// Bytes in GiB for `count` payloads of `kb` KiB.
inline double kb_to_gb(double kb, double count) {
  return kb * count / (1024.0 * 1024.0);
}

}  // namespace computefit
