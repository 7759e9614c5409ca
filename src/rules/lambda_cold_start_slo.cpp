#include <fmt/format.h>

#include <cmath>

#include "pricing/price_estimates.hpp"
#include "rules/remedy_check.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/lambda_model.hpp"

namespace computefit {
namespace {

struct Percentile {
  std::string_view name;
  double q;
  double target;
  double (*of)(const Behaviour&);
};

std::vector<Percentile> slo_percentiles(const Slo& slo) {
  std::vector<Percentile> out;
  if (slo.p50_ms)
    out.push_back({"p50", 0.50, *slo.p50_ms, [](const Behaviour& b) { return b.p50_ms; }});
  if (slo.p95_ms)
    out.push_back({"p95", 0.95, *slo.p95_ms, [](const Behaviour& b) { return b.p95_ms; }});
  if (slo.p99_ms)
    out.push_back({"p99", 0.99, *slo.p99_ms, [](const Behaviour& b) { return b.p99_ms; }});
  return out;
}

// The Lambda option of spec.services[index] with `provisioned` environments, simulated as
// `recommend` simulates it and priced as a one-service spec (its own share of account-wide tiers
// is negligible next to the difference).
struct Variant {
  RuntimeEstimate estimate;
  double monthly_usd = 0;
};

double lambda_monthly_usd(const RuleContext& context, const Service& service,
                          const RuntimeEstimate& estimate) {
  Spec single = context.spec;
  single.services = {service};
  EstimateTable table(1);
  table[0][RuntimeId::lambda] = estimate;
  const CostTable costs = price_estimates(single, table, context.catalog);
  return monthly_total(costs[0].at(RuntimeId::lambda));
}

Variant lambda_variant(const RuleContext& context, std::size_t index, int provisioned) {
  Variant v;
  v.estimate = try_setting(context, index, RuntimeId::lambda, [&](Service& s) {
    s.runtimes.lambda.provisioned_concurrency = provisioned;
  });
  Service priced = context.spec.services[index];
  priced.runtimes.lambda.provisioned_concurrency = provisioned;
  v.monthly_usd = lambda_monthly_usd(context, priced, v.estimate);
  return v;
}

// Simulations the search may run for one finding: the peak, then bisection down to kPrecision.
constexpr int kMaxSearchRuns = 6;
// The search stops when the bracket is within this share of its upper end: the remedy may then
// provision up to that share more than the least that meets the SLO, never less.
constexpr double kPrecision = 0.125;

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = lambda_cold_start_slo_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    const RuntimeEstimate* lambda = feasible_estimate(context, i, RuntimeId::lambda);
    if (!lambda || !service.slo.any()) continue;
    const auto percentiles = slo_percentiles(service.slo);
    std::vector<std::string> missed;
    for (const Percentile& p : percentiles) {
      const double with_cold = p.of(lambda->behaviour);
      const double warm = lambda_duration(service).quantile(p.q);
      // Only cold starts to blame: the warm percentile alone meets the target.
      if (with_cold > p.target && warm <= p.target) {
        missed.push_back(fmt::format("{} {} against {} ({} warm)", p.name, milliseconds(with_cold),
                                     milliseconds(p.target), milliseconds(warm)));
      }
    }
    if (missed.empty()) continue;

    // The least provisioned concurrency that meets the SLO, by bisection over [current, peak]
    // with the simulator that found the miss (the option itself is the lower end).
    const int current = service.runtimes.lambda.provisioned_concurrency;
    const double base_usd = lambda_monthly_usd(context, service, *lambda);
    int high = std::max(current + 1, static_cast<int>(std::ceil(lambda->behaviour.peak_instances)));
    Variant at_high = lambda_variant(context, i, high);
    int runs = 1;
    std::string remedy;
    if (meets_slo(service, at_high.estimate.behaviour)) {
      int low = current;  // does not meet
      while (high - low > std::max(1.0, kPrecision * high) && runs < kMaxSearchRuns) {
        const int mid = low + (high - low) / 2;
        Variant v = lambda_variant(context, i, mid);
        ++runs;
        if (meets_slo(service, v.estimate.behaviour)) {
          high = mid;
          at_high = std::move(v);
        } else {
          low = mid;
        }
      }
      remedy = fmt::format(
          "provisioned concurrency {} meets it ({} with it: {}) for {}/month more ({} in all); "
          "it removes cold starts only up to {} concurrent request{}, so size it to the "
          "sustained peak",
          high, judged_by(service, RuntimeId::lambda),
          outcome_phrase(service, RuntimeId::lambda, at_high.estimate),
          money(at_high.monthly_usd - base_usd), money(at_high.monthly_usd), high,
          high == 1 ? "" : "s");
    } else {
      remedy = fmt::format(
          "even provisioned concurrency {} (the simulated peak) does not meet it ({} with it: "
          "{}): the latency comes from bursts beyond the warm pool",
          high, judged_by(service, RuntimeId::lambda),
          outcome_phrase(service, RuntimeId::lambda, at_high.estimate));
    }
    const double cold = lambda->behaviour.cold_start_fraction;
    Finding finding = make_finding(
        rule, RuntimeId::lambda,
        fmt::format("On Lambda, cold starts ({:.2f}% of requests, {} init at p50) push {} past the "
                    "SLO. Remedy: {}.",
                    100 * cold, milliseconds(service.runtimes.lambda.cold_start_ms.quantile(0.5)),
                    join_list(missed), remedy),
        service_location(context.spec, service, "slo"));
    finding.remedy = remedy;
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule lambda_cold_start_slo_rule() {
  return {"lambda-cold-start-slo",
          Severity::medium,
          "Cold starts break the latency SLO on Lambda",
          "On Lambda, cold starts alone push a latency percentile past the SLO: the warm latency "
          "meets it, but requests that start a new environment wait for its init.",
          "Provisioned concurrency sized to the sustained peak (priced in the finding), a lighter "
          "init (smaller package, lazy imports, SnapStart for Java), or a container runtime.",
          check};
}

}  // namespace computefit
