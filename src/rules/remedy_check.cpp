#include "rules/remedy_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "rules/wording.hpp"
#include "runtimes/simulation.hpp"

namespace computefit {
namespace {

// "23.0%", "0.37%", "under 0.01%": a share with the digits that tell it apart from nothing.
std::string percent(double fraction) {
  const double p = 100 * fraction;
  if (p >= 1) return thousands(p, 1) + "%";
  if (p >= 0.01) return thousands(p, 2) + "%";
  return "under 0.01%";
}

}  // namespace

RuntimeEstimate try_setting(const RuleContext& context, std::size_t index, RuntimeId runtime,
                            const std::function<void(Service&)>& change) {
  Service changed = context.spec.services.at(index);
  change(changed);
  return evaluate_simulated(changed, runtime, context.spec, context.catalog, context.budget);
}

bool cap_would_bind(const Service& service, RuntimeId runtime, const RuntimeEstimate& option,
                    double instances) {
  return !can_simulate(service, runtime) || option.behaviour.peak_instances > instances;
}

std::string_view judged_by(const Service& service, RuntimeId runtime) {
  return can_simulate(service, runtime) ? "simulated" : "estimated";
}

namespace {

// The declared targets an option misses, "p99 412 ms": a percentile also misses when more
// requests fail than lie above it, since a failed request counts as infinitely slow (SPEC.md
// "Ranking").
std::vector<std::string> slo_misses(const Service& service, const Behaviour& b) {
  const double failed = std::max(b.throttled_fraction, b.failed_fraction);
  std::vector<std::string> missed;
  auto judge = [&](const char* name, double q, const std::optional<double>& target, double value) {
    if (!target) return;
    if (failed > 1 - q) {
      missed.push_back(
          fmt::format("{} (more than {}% of requests fail)", name, thousands(100 * (1 - q))));
    } else if (value > *target) {
      missed.push_back(fmt::format("{} {}", name, milliseconds(value)));
    }
  };
  judge("p50", 0.50, service.slo.p50_ms, b.p50_ms);
  judge("p95", 0.95, service.slo.p95_ms, b.p95_ms);
  judge("p99", 0.99, service.slo.p99_ms, b.p99_ms);
  return missed;
}

}  // namespace

bool meets_slo(const Service& service, const Behaviour& b) {
  return slo_misses(service, b).empty();
}

std::string outcome_phrase(const Service& service, RuntimeId runtime,
                           const RuntimeEstimate& estimate) {
  if (!estimate.feasible) {
    return fmt::format("the option becomes infeasible ({})",
                       join_sentence(estimate.infeasible_reasons));
  }
  const Behaviour& b = estimate.behaviour;
  std::vector<std::string> parts;
  std::string p99 = fmt::format("p99 {}", milliseconds(b.p99_ms));
  if (service.slo.any()) {
    const std::vector<std::string> missed = slo_misses(service, b);
    if (missed.empty()) {
      p99 += service.slo.p99_ms
                 ? fmt::format(" (meets the SLO's {})", milliseconds(*service.slo.p99_ms))
                 : " (meets the SLO)";
    } else {
      p99 += fmt::format(" (misses the SLO: {})", join_sentence(missed));
    }
  }
  parts.push_back(std::move(p99));
  const double failed = std::max(b.throttled_fraction, b.failed_fraction);
  const bool sync = service.kind == ServiceKind::http;
  if (failed > 0) {
    parts.push_back(fmt::format("{} of {} {}", percent(failed), sync ? "requests" : "deliveries",
                                runtime == RuntimeId::lambda
                                    ? (sync ? "throttled (HTTP 429)" : "lost after their retries")
                                    : "failed (timed out waiting)"));
  } else if (runtime == RuntimeId::lambda) {
    // Only Lambda's refusals are counted apart; a container's front-door timeouts count in
    // failed_fraction, which is said above when the option carries it.
    parts.emplace_back(sync ? "none throttled" : "no delivery lost");
  }
  if (runtime == RuntimeId::lambda && b.cold_start_fraction > 0) {
    parts.push_back(fmt::format("{} cold starts", percent(b.cold_start_fraction)));
  }
  return join_sentence(parts);
}

}  // namespace computefit
