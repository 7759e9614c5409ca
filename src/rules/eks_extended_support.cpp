#include <fmt/format.h>

#include <optional>

#include "pricing/price_text.hpp"
#include "rules/remedy_prices.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/network_needs.hpp"
#include "workload/month.hpp"

namespace computefit {
namespace {

// The catalog's support row of `version`, or nullptr.
const EksVersionSupport* support_row(const PriceCatalog& catalog, const std::string& version) {
  for (const EksVersionSupport& row : catalog.eks_versions()) {
    if (row.version == version) return &row;
  }
  return nullptr;
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = eks_extended_support_rule();
  const PriceCatalog& catalog = context.catalog;
  const double standard = unit_price(catalog, remedy_keys::kEksStandardHour);
  const double extended = unit_price(catalog, remedy_keys::kEksExtendedHour);
  const std::string newest = catalog.standard_kubernetes_version();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (!feasible_estimate(context, i, RuntimeId::eks)) continue;
    const std::string version =
        catalog.kubernetes_version_for(service.runtimes.eks.kubernetes_version);
    if (!catalog.eks_extended_support(version)) continue;
    const EksVersionSupport* row = support_row(catalog, version);
    const EksVersionSupport* target = support_row(catalog, newest);
    const std::string since =
        row ? fmt::format("left EKS standard support on {}", row->end_of_standard_support)
            : std::string("is older than every version the catalog lists");
    const std::string who = on_existing_cluster(context.spec, RuntimeId::eks)
                                ? "the platform's cluster is billed"
                                : "its control plane is billed";
    std::string message = fmt::format(
        "Kubernetes {} {}, before the price catalog's date ({}): {} at the extended-support rate, "
        "{} per hour ({}/month) instead of {} ({}/month), {}/month more per cluster. Upgrade to "
        "{}{}; extended support lasts 12 months, after which EKS upgrades the control plane "
        "itself.",
        version, since, catalog.as_of(), who, unit_price_text(extended),
        money(extended * kHoursPerMonth), unit_price_text(standard),
        money(standard * kHoursPerMonth), money((extended - standard) * kHoursPerMonth), newest,
        target ? fmt::format(", in standard support until {}", target->end_of_standard_support)
               : std::string(""));
    Finding finding = make_finding(
        rule, RuntimeId::eks, std::move(message),
        config_location(context.spec, service, "runtimes.eks.kubernetes_version", "name"));
    finding.remedy = fmt::format("kubernetes_version: \"{}\"", newest);
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule eks_extended_support_rule() {
  return {"eks-extended-support",
          Severity::medium,
          "An EKS cluster on a Kubernetes version past standard support",
          "EKS supports each Kubernetes version for 14 months at the standard rate ($0.10 per "
          "cluster-hour), then 12 months at the extended-support rate ($0.60): a cluster left on "
          "an old version pays six times as much for its control plane. Judged on the price "
          "catalog's date, not the clock.",
          "Upgrade the cluster (and runtimes.eks.kubernetes_version) to a version in standard "
          "support; leave kubernetes_version out to price a new cluster on the newest one.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
