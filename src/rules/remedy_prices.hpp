#pragma once
// Catalog keys the rules price their remedies with (the same data as the cost items).

#include <string_view>

#include "pricing/price_catalog.hpp"

namespace computefit {
namespace remedy_keys {
inline constexpr std::string_view kNatGatewayHour = "nat_gateway.hour";
inline constexpr std::string_view kNatGatewayGb = "nat_gateway.gb_processed";
inline constexpr std::string_view kInterfaceEndpointHour = "vpc_endpoint.interface.hour";
inline constexpr std::string_view kRdsProxyVcpuHour = "rds_proxy.vcpu_hour";
inline constexpr std::string_view kEksStandardHour = "eks.control_plane.standard";
inline constexpr std::string_view kEksExtendedHour = "eks.control_plane.extended";
inline constexpr std::string_view kLambdaProvisionedX86 = "lambda.provisioned.x86_64";
inline constexpr std::string_view kLambdaProvisionedArm = "lambda.provisioned.arm64";
inline constexpr std::string_view kFargateSpotDiscount = "fargate.spot_discount";
inline constexpr std::string_view kEc2SpotDiscount = "ec2.spot_discount";
inline constexpr std::string_view kPublicIpv4Hour = "vpc.public_ipv4.hour";
}  // namespace remedy_keys

/// The catalog's unit price for `key`, 0 when absent.
inline double unit_price(const PriceCatalog& catalog, std::string_view key) {
  const PriceEntry* entry = catalog.find(key);
  return entry ? entry->usd : 0.0;
}

}  // namespace computefit
