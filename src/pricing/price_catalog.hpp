#pragma once
// A region's price catalog: data loaded from data/prices/aws/<region>.yaml (the us-east-1 file is
// compiled in as the default). Every figure carries its source and as-of date, and every cost line
// item built from it carries them on into the report.

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/diagnostic.hpp"
#include "workload/file_system.hpp"

namespace computefit {

/// One step of a tiered price: `usd` per unit for usage up to `up_to` units a month (cumulative,
/// +infinity for the last tier).
struct PriceTier {
  double up_to = std::numeric_limits<double>::infinity();
  double usd = 0;
};

/// One figure of the catalog. Flat prices use `usd`; tiered prices use `tiers` (and `usd` holds the
/// first tier's rate). Discounts (Spot, Savings Plans) are fractions in `usd` with unit "fraction".
/// Allowances (Free Tier, included storage, minimums) are quantities in `amount`, with `usd` 0.
struct PriceEntry {
  std::string key;     ///< e.g. "lambda.duration.x86_64", "ec2.on_demand.m6i.large"
  double usd = 0;      ///< per `unit`
  std::string unit;    ///< e.g. "GB-second", "request", "hour", "fraction"
  std::string source;  ///< where the figure comes from (URL or document)
  std::string as_of;   ///< ISO date the figure was read
  std::vector<PriceTier> tiers;
  bool tiered() const { return !tiers.empty(); }
  /// A = exact from AWS documentation, the AWS price list or a price-list-generated test golden;
  /// B = several independent public copies agree; C = single secondary source or estimate.
  std::string confidence;
  std::string note;              ///< how the figure was confirmed or derived
  std::optional<double> amount;  ///< for allowances: the quantity, in `unit`s
};

/// End of standard support of one EKS Kubernetes minor version; past it a cluster is billed at
/// the extended-support rate.
struct EksVersionSupport {
  std::string version;                  ///< "1.33"
  std::string end_of_standard_support;  ///< ISO date
  std::string source;
  std::string as_of;
};

/// The version standard_kubernetes_version() gives a catalog without an EKS support table: the
/// newest EKS offered on 2026-11-29
/// (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).
inline constexpr std::string_view kNewestKnownKubernetesVersion = "1.35";

class PriceCatalog {
 public:
  PriceCatalog() = default;
  PriceCatalog(std::string region, std::map<std::string, PriceEntry, std::less<>> entries)
      : region_(std::move(region)), entries_(std::move(entries)) {}
  PriceCatalog(std::string region, std::string as_of,
               std::map<std::string, PriceEntry, std::less<>> entries,
               std::vector<EksVersionSupport> eks_versions)
      : region_(std::move(region)),
        as_of_(std::move(as_of)),
        entries_(std::move(entries)),
        eks_versions_(std::move(eks_versions)) {}

  const std::string& region() const { return region_; }
  /// The date the catalog describes (ISO); date-dependent rules (EKS support windows) compare
  /// against it, never against the wall clock.
  const std::string& as_of() const { return as_of_; }
  /// EKS versions and their end of standard support, sorted by version.
  const std::vector<EksVersionSupport>& eks_versions() const { return eks_versions_; }
  /// True when `kubernetes_version` is past standard support on the catalog's as-of date. A
  /// version newer than every listed one is in standard support; one older than all is not.
  bool eks_extended_support(std::string_view kubernetes_version) const;
  /// The newest listed version still in standard support on the as-of date: the version a new
  /// cluster gets (SPEC.md's default for runtimes.eks.kubernetes_version).
  std::string standard_kubernetes_version() const;
  /// The version a service's EKS block names, else standard_kubernetes_version().
  std::string kubernetes_version_for(const std::optional<std::string>& configured) const {
    return configured ? *configured : standard_kubernetes_version();
  }
  /// The entry, or nullptr when this region's catalog lacks it (e.g. an instance type not sold).
  const PriceEntry* find(std::string_view key) const;
  /// The entry; the loader guarantees every key of `required_price_keys()` is present, so asking
  /// for one of those never fails. Other keys throw std::out_of_range (a programming error).
  const PriceEntry& at(std::string_view key) const;
  /// Every entry whose key starts with `prefix` (e.g. "ec2.on_demand."), sorted by key.
  std::vector<const PriceEntry*> with_prefix(std::string_view prefix) const;
  const std::map<std::string, PriceEntry, std::less<>>& entries() const { return entries_; }

 private:
  std::string region_;
  std::string as_of_;
  std::map<std::string, PriceEntry, std::less<>> entries_;
  std::vector<EksVersionSupport> eks_versions_;
};

/// Catalog keys the cost model reads (every one is in `required_price_keys()` except the
/// per-instance-type EC2 prices).
namespace price_keys {
inline constexpr std::string_view kLambdaRequests = "lambda.requests";
inline constexpr std::string_view kLambdaDurationX86 = "lambda.duration.x86_64";
inline constexpr std::string_view kLambdaDurationArm = "lambda.duration.arm64";
inline constexpr std::string_view kLambdaProvisionedX86 = "lambda.provisioned.x86_64";
inline constexpr std::string_view kLambdaProvisionedArm = "lambda.provisioned.arm64";
inline constexpr std::string_view kLambdaProvisionedDurationX86 =
    "lambda.provisioned_duration.x86_64";
inline constexpr std::string_view kLambdaProvisionedDurationArm =
    "lambda.provisioned_duration.arm64";
inline constexpr std::string_view kLambdaEphemeralStorage = "lambda.ephemeral_storage";
inline constexpr std::string_view kLambdaFreeRequests = "lambda.free_tier.requests";
inline constexpr std::string_view kLambdaFreeGbSeconds = "lambda.free_tier.gb_seconds";
inline constexpr std::string_view kFargateVcpuX86 = "fargate.vcpu.x86_64";
inline constexpr std::string_view kFargateVcpuArm = "fargate.vcpu.arm64";
inline constexpr std::string_view kFargateMemoryX86 = "fargate.memory.x86_64";
inline constexpr std::string_view kFargateMemoryArm = "fargate.memory.arm64";
inline constexpr std::string_view kFargateStorage = "fargate.storage";
inline constexpr std::string_view kFargateStorageIncluded = "fargate.storage_included";
inline constexpr std::string_view kFargateSpotDiscount = "fargate.spot_discount";
inline constexpr std::string_view kEc2OnDemandPrefix = "ec2.on_demand.";
inline constexpr std::string_view kEc2SpotDiscount = "ec2.spot_discount";
inline constexpr std::string_view kSavingsPlan1yrEc2 = "savings_plan.compute_1yr.ec2";
inline constexpr std::string_view kSavingsPlan1yrFargate = "savings_plan.compute_1yr.fargate";
inline constexpr std::string_view kSavingsPlan1yrLambda = "savings_plan.compute_1yr.lambda";
inline constexpr std::string_view kSavingsPlan3yrEc2 = "savings_plan.compute_3yr.ec2";
inline constexpr std::string_view kSavingsPlan3yrFargate = "savings_plan.compute_3yr.fargate";
inline constexpr std::string_view kSavingsPlan3yrLambda = "savings_plan.compute_3yr.lambda";
inline constexpr std::string_view kEbsGp3 = "ebs.gp3";
inline constexpr std::string_view kEksStandard = "eks.control_plane.standard";
inline constexpr std::string_view kEksExtended = "eks.control_plane.extended";
inline constexpr std::string_view kAlbHour = "alb.hour";
inline constexpr std::string_view kAlbLcuHour = "alb.lcu_hour";
inline constexpr std::string_view kApiGatewayHttp = "api_gateway.http";
inline constexpr std::string_view kApiGatewayRest = "api_gateway.rest";
inline constexpr std::string_view kApiGatewayHttpMeterKb = "api_gateway.http.meter_kb";
inline constexpr std::string_view kNatGatewayHour = "nat_gateway.hour";
inline constexpr std::string_view kNatGatewayGb = "nat_gateway.gb_processed";
inline constexpr std::string_view kVpcEndpointHour = "vpc_endpoint.interface.hour";
inline constexpr std::string_view kVpcEndpointGb = "vpc_endpoint.interface.gb";
inline constexpr std::string_view kRdsProxyVcpuHour = "rds_proxy.vcpu_hour";
inline constexpr std::string_view kRdsProxyMinimumVcpus = "rds_proxy.minimum_vcpus";
inline constexpr std::string_view kLogsIngest = "cloudwatch.logs.ingest";
inline constexpr std::string_view kInternetOut = "data_transfer.internet_out";
inline constexpr std::string_view kInternetOutFree = "data_transfer.free_tier.gb";
}  // namespace price_keys

/// The keys every catalog must define (checked when loading).
const std::vector<std::string>& required_price_keys();

struct CatalogLoadResult {
  std::optional<PriceCatalog> catalog;
  Diagnostics diagnostics;
};

/// Parses a catalog; `display_name` is used in diagnostics.
CatalogLoadResult parse_price_catalog(const std::string& text, const std::string& display_name);
CatalogLoadResult load_price_catalog(const std::string& path, const FileSystem& fs);
/// The us-east-1 catalog compiled into the binary.
PriceCatalog builtin_price_catalog();
/// Catalog for a region: the built-in us-east-1 one, or data/prices/aws/<region>.yaml embedded at
/// build time; nullopt when the region has no catalog.
std::optional<PriceCatalog> builtin_price_catalog_for(std::string_view region);
/// Regions with a built-in catalog.
std::vector<std::string> builtin_regions();

/// The monthly charge for `quantity` units of a tiered price, counting tiers from `already_used`
/// units (usage that other services of the same account consumed first).
double tiered_charge(const PriceEntry& price, double quantity, double already_used = 0);

/// The part of a usage that falls in one tier of a price.
struct TierSpan {
  std::size_t tier = 0;  ///< index into PriceEntry::tiers (0 for a flat price)
  double quantity = 0;
  double usd = 0;  ///< the tier's unit price
  double charge = 0;
};
/// How `quantity` units, counted from `already_used`, split over the tiers of `price` (one span
/// per tier with usage; a flat price gives one span).
std::vector<TierSpan> tier_spans(const PriceEntry& price, double quantity, double already_used = 0);

}  // namespace computefit
