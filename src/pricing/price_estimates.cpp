#include "pricing/price_estimates.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "pricing/ec2_instance_types.hpp"
#include "pricing/pod_share.hpp"
#include "workload/month.hpp"

namespace computefit {
namespace {

// Half away from zero. The nudge keeps products such as 730 x 0.0225 = 16.425, which binary
// floating point holds as 16.42499..., on the side a person computing by hand lands on.
double round_cents(double usd) {
  const double cents = usd * 100.0;
  const double nudge = std::copysign(1e-9 * std::max(1.0, std::fabs(cents)), cents);
  return std::round(cents + nudge) / 100.0;
}

const ContainerConfig& container_of(const Service& service, RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::ecs_ec2:
      return service.runtimes.ecs_ec2;
    case RuntimeId::eks:
      return service.runtimes.eks;
    default:
      return service.runtimes.ecs_fargate;
  }
}

// "6B", "7.5B", "300M", "1B": tier boundaries as the AWS pricing pages write them.
std::string short_count(double value) {
  const char* suffix = "";
  double scaled = value;
  if (value >= 1e9) {
    scaled = value / 1e9;
    suffix = "B";
  } else if (value >= 1e6) {
    scaled = value / 1e6;
    suffix = "M";
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g%s", scaled, suffix);
  return buffer;
}

std::string tier_label(const PriceEntry& price, std::size_t tier, const std::string& unit) {
  const double lower = tier == 0 ? 0 : price.tiers[tier - 1].up_to;
  const double upper = price.tiers[tier].up_to;
  if (tier == 0) return "first " + short_count(upper) + " " + unit;
  if (std::isinf(upper)) return "over " + short_count(lower) + " " + unit;
  return "next " + short_count(upper - lower) + " " + unit;
}

/// A discount that applies to a line (Spot or a Savings Plan).
struct Discount {
  const PriceEntry* entry = nullptr;
  std::string suffix;  ///< appended to the item name
  double multiplier() const { return entry ? 1.0 - entry->usd : 1.0; }
};

enum class Covered { lambda, fargate, ec2 };

Discount savings_plan(const Spec& spec, const PriceCatalog& catalog, Covered what) {
  using namespace price_keys;
  if (spec.pricing.commitment == Commitment::none) return {};
  const bool three = spec.pricing.commitment == Commitment::savings_plan_3yr;
  std::string_view key;
  switch (what) {
    case Covered::lambda:
      key = three ? kSavingsPlan3yrLambda : kSavingsPlan1yrLambda;
      break;
    case Covered::fargate:
      key = three ? kSavingsPlan3yrFargate : kSavingsPlan1yrFargate;
      break;
    case Covered::ec2:
      key = three ? kSavingsPlan3yrEc2 : kSavingsPlan1yrEc2;
      break;
  }
  return {&catalog.at(key),
          three ? " with 3-yr Compute Savings Plan" : " with 1-yr Compute Savings Plan"};
}

struct SharedResource {
  std::string kind;
  std::string item;
  std::string unit;
  double quantity = 0;  // the whole resource's
  const PriceEntry* price = nullptr;
  std::vector<std::size_t> sharers;
};

class Pricer {
 public:
  Pricer(const Spec& spec, const EstimateTable& estimates, const PriceCatalog& catalog)
      : spec_(spec), estimates_(estimates), catalog_(catalog) {}

  CostTable run() {
    table_.assign(spec_.services.size(), {});
    for (std::size_t i = 0; i < spec_.services.size() && i < estimates_.size(); ++i) {
      for (const auto& [runtime, estimate] : estimates_[i]) {
        if (estimate.feasible) table_[i][runtime];  // feasible options get a (possibly empty) list
      }
    }
    price_lambda();
    // API Gateway fronts the Lambda option only; containers sit behind the ALB.
    price_front_doors(RuntimeId::lambda);
    for (RuntimeId runtime : kAllRuntimes) {
      price_containers(runtime);
      price_network(runtime);
      price_shared(runtime);
    }
    return std::move(table_);
  }

 private:
  const RuntimeEstimate* feasible(std::size_t i, RuntimeId runtime) const {
    if (i >= estimates_.size()) return nullptr;
    auto it = estimates_[i].find(runtime);
    return it != estimates_[i].end() && it->second.feasible ? &it->second : nullptr;
  }

  void add(std::size_t i, RuntimeId runtime, std::string kind, std::string name, double quantity,
           std::string unit, double unit_price, double monthly, const PriceEntry& price,
           const Discount& discount = {}) {
    CostItem item;
    item.kind = std::move(kind);
    item.item = std::move(name) + discount.suffix;
    item.quantity = quantity;
    item.unit = std::move(unit);
    item.unit_price_usd = unit_price;
    item.monthly_usd = round_cents(monthly);
    item.source = price.source;
    item.as_of = price.as_of;
    if (discount.entry) {
      item.source += "; discount: " + discount.entry->source;
      item.as_of = std::min(item.as_of, discount.entry->as_of);
    }
    table_[i][runtime].push_back(std::move(item));
  }

  // A flat or tiered price charged on one service's own quantity.
  void add_simple(std::size_t i, RuntimeId runtime, std::string kind, std::string name,
                  double quantity, std::string_view key, const Discount& discount = {}) {
    if (quantity <= 0) return;
    const PriceEntry& price = catalog_.at(key);
    const double charge = tiered_charge(price, quantity) * discount.multiplier();
    add(i, runtime, std::move(kind), std::move(name), quantity, price.unit, charge / quantity,
        charge, price, discount);
  }

  // Items for a tiered price counted over an aggregate that several services share in
  // proportion to `quantities`. The Lambda option's tiers (API Gateway requests, Lambda duration)
  // are passed one service at a time (add_own_tiers): an option is priced as if that service
  // alone moved to Lambda, since the others are not on it unless the report puts them there.
  void add_aggregate_tiers(RuntimeId runtime, const std::map<std::size_t, double>& quantities,
                           const PriceEntry& price, const std::string& kind,
                           const std::string& name, const std::string& tier_unit,
                           const std::map<std::size_t, Discount>& discounts) {
    double aggregate = 0;
    for (const auto& [i, quantity] : quantities) aggregate += std::max(0.0, quantity);
    if (aggregate <= 0) return;
    const std::vector<TierSpan> spans = tier_spans(price, aggregate);
    for (const auto& [i, quantity] : quantities) {
      if (quantity <= 0) continue;
      const double share = quantity / aggregate;
      const Discount& discount = discounts.at(i);
      for (const TierSpan& span : spans) {
        std::string label = name;
        if (spans.size() > 1) label += ", " + tier_label(price, span.tier, tier_unit);
        add(i, runtime, kind, label, share * span.quantity, price.unit,
            span.usd * discount.multiplier(), share * span.charge * discount.multiplier(), price,
            discount);
      }
    }
  }

  // Items for a tiered price counted on each service's own quantity (AWS applies these tiers per
  // account; see add_aggregate_tiers for why each option counts only its own).
  void add_own_tiers(RuntimeId runtime, const std::map<std::size_t, double>& quantities,
                     const PriceEntry& price, const std::string& kind, const std::string& name,
                     const std::string& tier_unit,
                     const std::map<std::size_t, Discount>& discounts) {
    for (const auto& [i, quantity] : quantities) {
      add_aggregate_tiers(runtime, {{i, quantity}}, price, kind, name, tier_unit,
                          {{i, discounts.at(i)}});
    }
  }

  void price_lambda() {
    using namespace price_keys;
    const RuntimeId runtime = RuntimeId::lambda;
    struct Row {
      std::size_t i;
      const RuntimeEstimate* estimate;
      bool provisioned;
      double free_requests = 0, free_gb_seconds = 0;
    };
    std::vector<Row> rows;
    for (std::size_t i = 0; i < spec_.services.size(); ++i) {
      const RuntimeEstimate* estimate = feasible(i, runtime);
      if (!estimate) continue;
      const Usage& u = estimate->usage;
      const bool provisioned = u.lambda_provisioned_gb_seconds > 0 ||
                               spec_.services[i].runtimes.lambda.provisioned_concurrency > 0;
      rows.push_back({i, estimate, provisioned});
    }
    // The always-free allowance is per account; functions with provisioned concurrency get none.
    // As with the tiers, each option is credited as if its service alone moved to Lambda: the
    // allowance is not split with other services' options the report may not choose.
    if (spec_.pricing.free_tier) {
      const double free_requests = catalog_.at(kLambdaFreeRequests).amount.value_or(0);
      const double free_gb_seconds = catalog_.at(kLambdaFreeGbSeconds).amount.value_or(0);
      for (Row& row : rows) {
        if (row.provisioned) continue;
        const Usage& u = row.estimate->usage;
        row.free_requests = std::min(std::max(0.0, u.lambda_requests), free_requests);
        row.free_gb_seconds = std::min(std::max(0.0, u.lambda_gb_seconds), free_gb_seconds);
      }
    }

    const Discount plan = savings_plan(spec_, catalog_, Covered::lambda);
    const PriceEntry& requests = catalog_.at(kLambdaRequests);
    for (const Row& row : rows) {
      const Usage& u = row.estimate->usage;
      const double billable = std::max(0.0, u.lambda_requests - row.free_requests);
      if (u.lambda_requests > 0) {
        add(row.i, runtime, "lambda-requests",
            row.free_requests > 0 ? "Lambda requests after Free Tier" : "Lambda requests", billable,
            requests.unit, requests.usd, billable * requests.usd, requests);
      }
    }
    for (Architecture architecture : {Architecture::x86_64, Architecture::arm64}) {
      const bool arm = architecture == Architecture::arm64;
      const std::string arch(to_string(architecture));
      std::map<std::size_t, double> duration;
      std::map<std::size_t, Discount> discounts;
      bool any_free = false;
      for (const Row& row : rows) {
        if (spec_.services[row.i].architecture != architecture) continue;
        duration[row.i] =
            std::max(0.0, row.estimate->usage.lambda_gb_seconds - row.free_gb_seconds);
        discounts[row.i] = plan;
        any_free = any_free || row.free_gb_seconds > 0;
      }
      add_own_tiers(runtime, duration, catalog_.at(arm ? kLambdaDurationArm : kLambdaDurationX86),
                    "lambda-duration",
                    "Lambda duration (" + arch + (any_free ? ", after Free Tier)" : ")"), "GB-s",
                    discounts);
      for (const Row& row : rows) {
        if (spec_.services[row.i].architecture != architecture) continue;
        const Usage& u = row.estimate->usage;
        add_simple(row.i, runtime, "lambda-provisioned-concurrency",
                   "Lambda provisioned concurrency (" + arch + ")", u.lambda_provisioned_gb_seconds,
                   arm ? kLambdaProvisionedArm : kLambdaProvisionedX86, plan);
        add_simple(row.i, runtime, "lambda-provisioned-concurrency",
                   "Lambda duration on provisioned concurrency (" + arch + ")",
                   u.lambda_provisioned_duration_gb_seconds,
                   arm ? kLambdaProvisionedDurationArm : kLambdaProvisionedDurationX86, plan);
        add_simple(row.i, runtime, "lambda-ephemeral-storage",
                   "Lambda ephemeral storage above 512 MB", u.lambda_ephemeral_gb_seconds,
                   kLambdaEphemeralStorage);
      }
    }
  }

  void price_front_doors(RuntimeId runtime) {
    using namespace price_keys;
    std::map<std::size_t, double> http, rest;
    std::map<std::size_t, Discount> none;
    const double meter_kb = catalog_.at(kApiGatewayHttpMeterKb).amount.value_or(512);
    for (std::size_t i = 0; i < spec_.services.size(); ++i) {
      const RuntimeEstimate* estimate = feasible(i, runtime);
      if (!estimate || estimate->usage.front_door_requests <= 0) continue;
      const Service& service = spec_.services[i];
      const double requests = estimate->usage.front_door_requests;
      none[i] = {};
      if (service.runtimes.lambda.front_door == FrontDoor::api_gateway_rest) {
        rest[i] = requests;
      } else if (service.runtimes.lambda.front_door == FrontDoor::api_gateway_http) {
        // HTTP APIs meter each request in 512 KB increments (a 600 KB request counts twice).
        http[i] = requests * std::max(1.0, std::ceil(service.request_kb / meter_kb));
      }
    }
    add_own_tiers(runtime, http, catalog_.at(kApiGatewayHttp), "api-gateway",
                  "API Gateway HTTP API requests", "requests", none);
    add_own_tiers(runtime, rest, catalog_.at(kApiGatewayRest), "api-gateway",
                  "API Gateway REST API requests", "requests", none);
  }

  void price_containers(RuntimeId runtime) {
    using namespace price_keys;
    for (std::size_t i = 0; i < spec_.services.size(); ++i) {
      const RuntimeEstimate* estimate = feasible(i, runtime);
      if (!estimate) continue;
      const Service& service = spec_.services[i];
      const Usage& u = estimate->usage;
      const bool arm = service.architecture == Architecture::arm64;
      const std::string arch(to_string(service.architecture));
      const bool spot = runtime != RuntimeId::lambda && container_of(service, runtime).spot;

      if (u.task_vcpu_hours > 0 || u.task_gb_hours > 0) {
        // Fargate Spot exists for x86 Linux tasks only; Spot and Savings Plans do not stack.
        Discount discount;
        if (spot && !arm) {
          discount = {&catalog_.at(kFargateSpotDiscount), " on Fargate Spot"};
        } else {
          discount = savings_plan(spec_, catalog_, Covered::fargate);
        }
        add_simple(i, runtime, "fargate-vcpu", "Fargate vCPU-hours (" + arch + ")",
                   u.task_vcpu_hours, arm ? kFargateVcpuArm : kFargateVcpuX86, discount);
        add_simple(i, runtime, "fargate-memory", "Fargate GB-hours (" + arch + ")", u.task_gb_hours,
                   arm ? kFargateMemoryArm : kFargateMemoryX86, discount);
      }
      add_simple(i, runtime, "fargate-storage", "Fargate ephemeral storage above 20 GB",
                 u.task_extra_storage_gb_hours, kFargateStorage);

      // Pods on an existing cluster pay their share of a node; the nodes themselves (and their
      // disks) are the platform's, whatever host time the estimate recorded.
      const bool by_share = u.pod_vcpu_hours > 0 || u.pod_gb_hours > 0 || u.pod_gpu_hours > 0;
      if (by_share) price_pod_shares(i, runtime, u, spot, service.architecture);
      if (!by_share && u.host_hours > 0 && !u.instance_type.empty()) {
        const std::string key = std::string(kEc2OnDemandPrefix) + u.instance_type;
        const Discount discount = spot ? Discount{&catalog_.at(kEc2SpotDiscount), " on Spot"}
                                       : savings_plan(spec_, catalog_, Covered::ec2);
        if (const PriceEntry* price = catalog_.find(key)) {
          const double unit = price->usd * discount.multiplier();
          add(i, runtime, "ec2-instances", "EC2 " + u.instance_type + " instance-hours",
              u.host_hours, price->unit, unit, unit * u.host_hours, *price, discount);
        } else {
          CostItem item;
          item.kind = "ec2-instances";
          item.item = "EC2 " + u.instance_type + " instance-hours (no price in the " +
                      catalog_.region() + " catalog)";
          item.quantity = u.host_hours;
          item.unit = "hour";
          table_[i][runtime].push_back(std::move(item));
        }
      }
      if (!by_share) add_simple(i, runtime, "ebs", "EBS gp3 storage", u.ebs_gb_months, kEbsGp3);
    }
  }

  // Kind `ec2-instances`: what the pods pay is EC2 instance time, allocated.
  void price_pod_shares(std::size_t i, RuntimeId runtime, const Usage& u, bool spot,
                        Architecture architecture) {
    using namespace price_keys;
    const std::string key = std::string(kEc2OnDemandPrefix) + u.instance_type;
    const PriceEntry* price = catalog_.find(key);
    const Ec2InstanceType* type = find_instance_type(u.instance_type);
    if (!price || !type) {
      CostItem item;
      item.kind = "ec2-instances";
      item.item = "Pod share of " +
                  (u.instance_type.empty() ? std::string("a node") : u.instance_type) +
                  " nodes (no price in the " + catalog_.region() + " catalog)";
      item.quantity = u.pod_vcpu_hours;
      item.unit = "vCPU-hour";
      table_[i][runtime].push_back(std::move(item));
      return;
    }
    const Discount discount = spot ? Discount{&catalog_.at(kEc2SpotDiscount), " on Spot"}
                                   : savings_plan(spec_, catalog_, Covered::ec2);
    const PodShareRates rates = pod_share_rates(price->usd, type->vcpu, type->memory_gib,
                                                type->gpus, architecture, catalog_);
    const PriceEntry& fargate_vcpu =
        catalog_.at(architecture == Architecture::arm64 ? kFargateVcpuArm : kFargateVcpuX86);
    auto line = [&](const std::string& name, double quantity, const std::string& unit,
                    double rate) {
      if (quantity <= 0 || rate <= 0) return;
      const double unit_price = rate * discount.multiplier();
      add(i, runtime, "ec2-instances", name + " (share of " + u.instance_type + ")", quantity, unit,
          unit_price, unit_price * quantity, *price, discount);
      CostItem& item = table_[i][runtime].back();
      if (type->gpus == 0) {
        item.source += "; split in the ratio of Fargate's vCPU-hour and GB-hour prices (" +
                       fargate_vcpu.source + "), as OpenCost allocates node cost";
        item.as_of = std::min(item.as_of, fargate_vcpu.as_of);
      }
    };
    line("Pod vCPU-hours", u.pod_vcpu_hours, "vCPU-hour", rates.usd_per_vcpu_hour);
    line("Pod GB-hours", u.pod_gb_hours, "GB-hour", rates.usd_per_gib_hour);
    line("Pod GPU-hours", u.pod_gpu_hours, "GPU-hour", rates.usd_per_gpu_hour);
  }

  void price_network(RuntimeId runtime) {
    using namespace price_keys;
    // Internet egress tiers count the account's monthly total; the services of the spec on this
    // runtime make that total, each paying its share. Unlike the Lambda option's tiers, this total
    // does not rest on hypothetical options: a service sends the same bytes on every runtime, so
    // the others' egress is in the account's total wherever the report puts them.
    std::map<std::size_t, double> egress;
    double total_egress = 0;
    for (std::size_t i = 0; i < spec_.services.size(); ++i) {
      const RuntimeEstimate* estimate = feasible(i, runtime);
      if (!estimate) continue;
      const Usage& u = estimate->usage;
      if (u.internet_out_gb > 0) {
        egress[i] = u.internet_out_gb;
        total_egress += u.internet_out_gb;
      }
      // Usage is charged whoever pays the hours (an existing load balancer, NAT gateway or
      // endpoint charges only this service's LCUs and GB).
      add_simple(i, runtime, "load-balancer", "ALB LCU-hours", u.alb_lcu_hours, kAlbLcuHour);
      add_simple(i, runtime, "nat-gateway", "NAT gateway data processed", u.nat_processed_gb,
                 kNatGatewayGb);
      add_simple(i, runtime, "vpc-endpoints", "VPC interface endpoint data processed",
                 u.vpc_endpoint_gb, kVpcEndpointGb);
      add_simple(i, runtime, "logs", "CloudWatch Logs ingestion", u.log_ingest_gb, kLogsIngest);
    }
    if (total_egress <= 0) return;
    const PriceEntry& price = catalog_.at(kInternetOut);
    const double free =
        spec_.pricing.free_tier
            ? std::min(total_egress, catalog_.at(kInternetOutFree).amount.value_or(0))
            : 0.0;
    const double charge = tiered_charge(price, total_egress - free);
    for (const auto& [i, gb] : egress) {
      const double share = gb / total_egress;
      const double billable = gb - free * share;
      const double monthly = charge * share;
      add(i, runtime, "data-transfer",
          free > 0 ? "Internet data transfer out after Free Tier" : "Internet data transfer out",
          billable, price.unit, billable > 0 ? monthly / billable : price.usd, monthly, price);
    }
  }

  void price_shared(RuntimeId runtime) {
    using namespace price_keys;
    const std::string at = "@" + std::string(to_string(runtime));
    std::map<std::string, SharedResource> resources;
    std::map<std::string, int> azs;
    std::set<std::string> extended_clusters;
    std::map<std::string, std::string> cluster_versions;  // the version the line names
    auto join = [&](const std::string& id, std::size_t i, const SharedResource& fresh) {
      auto [it, inserted] = resources.try_emplace(id, fresh);
      it->second.sharers.push_back(i);
    };
    for (std::size_t i = 0; i < spec_.services.size(); ++i) {
      const RuntimeEstimate* estimate = feasible(i, runtime);
      if (!estimate) continue;
      const Service& service = spec_.services[i];
      const SharedNeeds& needs = estimate->shared;
      const int zones = std::max(1, needs.azs);
      if (needs.alb) {
        join("alb" + at, i,
             {"load-balancer", "ALB hours", "hour", kHoursPerMonth, &catalog_.at(kAlbHour), {}});
      }
      if (needs.eks_cluster) {
        join("eks-control-plane" + at, i,
             {"eks-control-plane", "EKS control plane", "hour", kHoursPerMonth, nullptr, {}});
        const std::string id = "eks-control-plane" + at;
        const std::string version = catalog_.kubernetes_version_for(
            container_of(service, RuntimeId::eks).kubernetes_version);
        // A cluster is billed extended support when any of its sharers pins a version past it.
        if (catalog_.eks_extended_support(version)) {
          extended_clusters.insert(id);
          cluster_versions[id] = version;
        } else if (!cluster_versions.count(id)) {
          cluster_versions[id] = version;
        }
      }
      if (needs.nat_gateway) {
        const std::string id = "nat-gateway" + at;
        join(id, i,
             {"nat-gateway", "NAT gateway hours", "hour", 0, &catalog_.at(kNatGatewayHour), {}});
        azs[id] = std::max(azs[id], zones);
      }
      for (const std::string& endpoint : std::set<std::string>(needs.interface_endpoints.begin(),
                                                               needs.interface_endpoints.end())) {
        const std::string id = "vpc-endpoint:" + endpoint + at;
        join(id, i,
             {"vpc-endpoints",
              "VPC interface endpoint " + endpoint + " hours",
              "hour",
              0,
              &catalog_.at(kVpcEndpointHour),
              {}});
        azs[id] = std::max(azs[id], zones);
      }
      std::set<std::string> proxied;
      for (const Use& use : service.uses) {
        for (const Downstream& db : spec_.downstreams) {
          if (db.name == use.downstream && db.kind == DownstreamKind::database && db.proxy) {
            proxied.insert(db.name);
          }
        }
      }
      for (const std::string& name : proxied) {
        join("db-proxy:" + name + at, i,
             {"db-proxy", "", "vCPU-hour", 0, &catalog_.at(kRdsProxyVcpuHour), {}});
      }
    }

    for (auto& [id, resource] : resources) {
      if (resource.kind == "eks-control-plane") {
        const bool extended = extended_clusters.count(id) > 0;
        resource.price = &catalog_.at(extended ? kEksExtended : kEksStandard);
        resource.item = "EKS control plane (Kubernetes " + cluster_versions[id] +
                        (extended ? ", extended support)" : ", standard support)");
      } else if (resource.kind == "nat-gateway" || resource.kind == "vpc-endpoints") {
        resource.quantity = kHoursPerMonth * azs[id];
        resource.item += " (" + std::to_string(azs[id]) + (azs[id] == 1 ? " AZ)" : " AZs)");
      } else if (resource.kind == "db-proxy") {
        const std::string name = id.substr(std::string("db-proxy:").size(),
                                           id.size() - std::string("db-proxy:").size() - at.size());
        const double minimum = catalog_.at(kRdsProxyMinimumVcpus).amount.value_or(2);
        std::optional<double> vcpu;
        for (const Downstream& db : spec_.downstreams) {
          if (db.name == name) vcpu = db.vcpu;
        }
        const double billed = std::max(minimum, vcpu.value_or(minimum));
        resource.quantity = kHoursPerMonth * billed;
        char buffer[160];
        std::snprintf(buffer, sizeof buffer, "RDS Proxy for %s (%g database vCPUs%s)", name.c_str(),
                      billed,
                      !vcpu ? ", vcpu not given: minimum" : (*vcpu < minimum ? ", minimum" : ""));
        resource.item = buffer;
      }
      const double total = resource.quantity * resource.price->usd;
      const int n = static_cast<int>(resource.sharers.size());
      for (std::size_t i : resource.sharers) {
        add(i, runtime, resource.kind, resource.item, resource.quantity / n, resource.unit,
            resource.price->usd, total / n, *resource.price);
        CostItem& item = table_[i][runtime].back();
        item.shared_by = n;
        item.shared_id = id;
        item.shared_total_usd = round_cents(total);
      }
    }
  }

  const Spec& spec_;
  const EstimateTable& estimates_;
  const PriceCatalog& catalog_;
  CostTable table_;
};

}  // namespace

CostTable price_estimates(const Spec& spec, const EstimateTable& estimates,
                          const PriceCatalog& catalog) {
  return Pricer(spec, estimates, catalog).run();
}

std::string lambda_pricing_assumption(const Spec& spec) {
  if (spec.services.size() < 2) return "";
  return std::string(
             "Each service's Lambda option is priced as if that service alone moved to Lambda, "
             "the others staying where the report puts them: API Gateway and Lambda duration "
             "tiers count its own requests and GB-s") +
         (spec.pricing.free_tier ? ", and it is credited the whole Free Tier" : "") +
         ". AWS applies these per account, so services moved to Lambda together pay the lower "
         "rates past a tier on their sum" +
         (spec.pricing.free_tier ? " and share one Free Tier" : "") + ".";
}

double monthly_total(const std::vector<CostItem>& items) {
  double total = 0;
  for (const CostItem& item : items) total += item.monthly_usd;
  return round_cents(total);
}

}  // namespace computefit
