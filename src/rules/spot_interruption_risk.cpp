#include <fmt/format.h>

#include <algorithm>

#include "rules/remedy_prices.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

// Spot capacity is reclaimed with a two-minute notice (Fargate capacity providers and EC2 Spot
// docs; reference/aws-prices-and-limits.md §1.3, §1.4, read 2026-11-29).
constexpr double kInterruptionNoticeSeconds = 120;
// An http service with this many instances or fewer loses half or more of its capacity when one
// is reclaimed.
constexpr int kFewInstances = 2;

// What the option pays for compute on Spot, and what the same compute costs on demand.
struct SpotSaving {
  double spot_usd = 0;
  double on_demand_usd = 0;
  double saving() const { return on_demand_usd - spot_usd; }
};

SpotSaving spot_saving(const RuleContext& context, std::size_t service_index, RuntimeId runtime) {
  const bool fargate = runtime == RuntimeId::ecs_fargate;
  const double discount = unit_price(
      context.catalog, fargate ? remedy_keys::kFargateSpotDiscount : remedy_keys::kEc2SpotDiscount);
  SpotSaving s;
  const auto& costs = context.costs.at(service_index);
  auto it = costs.find(runtime);
  if (it == costs.end() || discount >= 1) return s;
  for (const CostItem& item : it->second) {
    if (item.kind == "fargate-vcpu" || item.kind == "fargate-memory" ||
        item.kind == "ec2-instances") {
      s.spot_usd += item.monthly_usd;
    }
  }
  s.on_demand_usd = s.spot_usd / (1 - discount);
  return s;
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = spot_interruption_risk_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    for (RuntimeId runtime : {RuntimeId::ecs_fargate, RuntimeId::ecs_ec2, RuntimeId::eks}) {
      const ContainerConfig& config = service.runtimes.container(runtime);
      const RuntimeEstimate* estimate = feasible_estimate(context, i, runtime);
      if (!config.spot || !estimate) continue;
      const SpotSaving saving = spot_saving(context, i, runtime);
      const std::string label(runtime_label(runtime));
      std::string message;
      if (service.kind == ServiceKind::http && config.min_tasks <= kFewInstances) {
        // One reclaimed instance takes 1/min of the floor; base capacity on demand keeps it.
        const double mean = std::max(1.0, estimate->behaviour.mean_instances);
        const double base_share = std::min(1.0, config.min_tasks / mean);
        std::string base;
        if (runtime == RuntimeId::eks) {
          base = fmt::format(
              "an on-demand node pool for the first {} pods (Karpenter "
              "capacity-type on-demand), the rest on Spot",
              config.min_tasks);
        } else {
          base = fmt::format(
              "capacity provider strategy base {} on {}, the rest on Spot", config.min_tasks,
              runtime == RuntimeId::ecs_fargate ? "FARGATE" : "an on-demand capacity provider");
        }
        message = fmt::format(
            "On {}, {} runs on Spot with min {} {}: one interruption ({} s notice) takes {}% of "
            "its floor, and one reclaim can take several at once. Remedy: keep the base on "
            "demand ({}); that gives up about {}/month of the {}/month Spot saving ({}% of the "
            "{} mean instances).",
            label, service.name, config.min_tasks, runtime == RuntimeId::eks ? "pods" : "tasks",
            thousands(kInterruptionNoticeSeconds), thousands(100.0 / config.min_tasks), base,
            money(base_share * saving.saving()), money(saving.saving()),
            thousands(100 * base_share), thousands(estimate->behaviour.mean_instances, 1));
      } else if (service.kind != ServiceKind::http) {
        const bool fixed = service.duration_ms.kind == DurationSpec::Kind::fixed;
        const double run_s =
            (fixed ? service.duration_ms.fixed_ms : service.duration_ms.quantile(0.99)) / 1000;
        // A team that writes `interruption_tolerant: true` says its runs checkpoint or retry.
        const bool declared_tolerant = service.interruption_tolerant &&
                                       written(context.spec, service, "interruption_tolerant");
        if (run_s <= kInterruptionNoticeSeconds || declared_tolerant) continue;
        message = fmt::format(
            "On {}, {} runs on Spot and one {} takes {} s{} against the {} s interruption notice: "
            "an interrupted run loses up to {} s of work and starts over, unless it checkpoints. "
            "Remedy: run it on demand (giving up the {}/month Spot saving of {}/month on "
            "demand), or checkpoint the work in steps under {} s and state "
            "`interruption_tolerant: true`.",
            label, service.name, service.kind == ServiceKind::scheduled ? "run" : "request",
            thousands(run_s), fixed ? "" : " at p99", thousands(kInterruptionNoticeSeconds),
            thousands(run_s - kInterruptionNoticeSeconds), money(saving.saving()),
            money(saving.on_demand_usd), thousands(kInterruptionNoticeSeconds));
      } else {
        continue;
      }
      out.push_back(
          {i, make_finding(rule, runtime, std::move(message),
                           config_location(context.spec, service,
                                           "runtimes." + std::string(to_string(runtime)) + ".spot",
                                           "interruption_tolerant"))});
    }
  }
}

}  // namespace

Rule spot_interruption_risk_rule() {
  return {"spot-interruption-risk",
          Severity::medium,
          "Spot interruptions hit work that cannot absorb them",
          "A container option runs on Spot (spot: true) where an interruption, announced two "
          "minutes ahead, does harm: an http service with two instances or fewer (one "
          "interruption halves it or takes it down), or a worker or scheduled run longer than "
          "the two-minute notice that does not state `interruption_tolerant: true` "
          "(checkpointing or safe to restart).",
          "Keep base capacity on demand (capacity provider strategy `base`) and put only the "
          "surplus on Spot; run long jobs on demand or make them checkpoint in steps shorter "
          "than the notice. The finding quotes the Spot saving given up.",
          check};
}

}  // namespace computefit
