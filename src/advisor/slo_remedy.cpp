#include "advisor/slo_remedy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "advisor/ranking.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

// One setting of one runtime that can be raised, and the range the search covers.
struct Knob {
  std::string key;  // as the spec writes it
  int current = 0;  // what the spec has (misses)
  int first = 0;    // the first value tried: enough for the simulated peak
  int ceiling = 0;  // the most it is raised to when `first` still misses
  std::function<void(Service&, int)> apply;
  std::function<std::string(int)> setting;  // the words of the setting at a value
};

ContainerConfig& container_config(RuntimesConfig& runtimes, RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::ecs_ec2:
      return runtimes.ecs_ec2;
    case RuntimeId::eks:
      return runtimes.eks;
    default:
      return runtimes.ecs_fargate;
  }
}

int at_least_peak(double peak_instances) {
  return static_cast<int>(std::ceil(std::max(0.0, peak_instances)));
}

std::optional<Knob> knob_for(const Service& service, const Option& option) {
  const double peak = option.peak_instances.value_or(0);
  if (option.runtime == RuntimeId::lambda) {
    const LambdaConfig& lambda = service.runtimes.lambda;
    const int account = lambda.account_concurrency;
    // Throttled at its own reserved cap: the cap is the setting to raise.
    if (lambda.reserved_concurrency && failed_share(option) > 0 &&
        peak >= *lambda.reserved_concurrency) {
      Knob k;
      k.key = "reserved_concurrency";
      k.current = *lambda.reserved_concurrency;
      k.first = std::min(account, std::max(k.current + 1, 2 * k.current));
      k.ceiling = std::min(account, std::max(k.first, 4 * k.current));
      if (k.first <= k.current) return std::nullopt;
      k.apply = [](Service& s, int n) { s.runtimes.lambda.reserved_concurrency = n; };
      k.setting = [](int n) { return fmt::format("reserved_concurrency: {}", n); };
      return k;
    }
    // Otherwise cold starts are what a setting can remove: provisioned concurrency up to the
    // simulated peak of environments (bounded by the reserved cap or the account's limit).
    const int cap = std::min(account, lambda.reserved_concurrency.value_or(account));
    Knob k;
    k.key = "provisioned_concurrency";
    k.current = lambda.provisioned_concurrency;
    k.first = std::min(cap, std::max(k.current + 1, at_least_peak(peak)));
    k.ceiling = std::min(cap, std::max(k.first, 2 * k.first));
    if (k.first <= k.current) return std::nullopt;
    k.apply = [](Service& s, int n) { s.runtimes.lambda.provisioned_concurrency = n; };
    k.setting = [](int n) { return fmt::format("provisioned_concurrency: {}", n); };
    return k;
  }
  // A container fleet that starts at its minimum and scales too late: a floor at the simulated
  // peak removes the wait for scaling; when the peak sat at the maximum, the maximum rises with it.
  const ContainerConfig& config = service.runtimes.container(option.runtime);
  const bool eks = option.runtime == RuntimeId::eks;
  const std::string min_key = eks ? "min_pods" : "min_tasks";
  const std::string max_key = eks ? "max_pods" : "max_tasks";
  const int max_tasks = config.max_tasks;
  // The fleet a run that scaled too late never reached: what the declared peak keeps busy.
  const double peak_rps = service.traffic.peak_rps.value_or(service.traffic.rps);
  const double busy_at_peak =
      peak_rps * service.duration_ms.mean() / 1000 / std::max(1, service.concurrency_per_instance);
  Knob k;
  k.key = min_key;
  k.current = config.min_tasks;
  k.first = std::max({k.current + 1, at_least_peak(peak), at_least_peak(busy_at_peak)});
  k.ceiling = 2 * k.first;
  const RuntimeId runtime = option.runtime;
  k.apply = [runtime](Service& s, int n) {
    ContainerConfig& c = container_config(s.runtimes, runtime);
    c.min_tasks = n;
    c.max_tasks = std::max(c.max_tasks, n);
  };
  k.setting = [min_key, max_key, max_tasks](int n) {
    return n > max_tasks ? fmt::format("{}: {} and {}: {}", min_key, n, max_key, n)
                         : fmt::format("{}: {}", min_key, n);
  };
  return k;
}

struct Trial {
  bool feasible = false;
  bool meets = false;
  LatencyMs latency;
  double failed = 0;
  double monthly_cost_usd = 0;
  std::string miss;
};

Trial try_setting(const Spec& spec, std::size_t index, RuntimeId runtime, const Knob& knob,
                  int value, const EstimateTable& estimates, const PriceCatalog& catalog,
                  const SimulationBudget& budget) {
  Spec changed = spec;
  knob.apply(changed.services[index], value);
  const Service& service = changed.services[index];
  Trial trial;
  const RuntimeEstimate estimate = evaluate_simulated(service, runtime, changed, catalog, budget);
  if (!estimate.feasible) {
    trial.miss = estimate.infeasible_reasons.empty()
                     ? std::string("infeasible")
                     : lower_first(estimate.infeasible_reasons.front());
    return trial;
  }
  trial.feasible = true;
  const Behaviour& b = estimate.behaviour;
  trial.latency = {b.p50_ms, b.p95_ms, b.p99_ms};
  trial.failed = std::max(b.failed_fraction, b.throttled_fraction);
  const std::optional<double> ratio = worst_slo_ratio(service.slo, trial.latency, trial.failed);
  trial.meets = ratio && *ratio <= 1;
  trial.miss = worst_miss(service.slo, trial.latency, trial.failed);
  EstimateTable table = estimates;
  table[index][runtime] = estimate;
  const CostTable costs = price_estimates(changed, table, catalog);
  if (auto items = costs[index].find(runtime); items != costs[index].end()) {
    Option priced;
    priced.cost_items = items->second;
    trial.monthly_cost_usd = quoted_monthly_cost(priced);
  }
  return trial;
}

// The warm service alone misses: no runtime setting can help. Only for services whose duration
// does not depend on the runtime (cpu-bound ones scale with the vCPU each runtime gives).
std::optional<std::string> slower_than_target(const Service& service) {
  if (service.cpu_bound || service.cpu_ms_per_request) return std::nullopt;
  const std::pair<std::optional<double>, double> percentiles[] = {
      {service.slo.p50_ms, 0.50}, {service.slo.p95_ms, 0.95}, {service.slo.p99_ms, 0.99}};
  for (const auto& [target, q] : percentiles) {
    if (!target) continue;
    const double warm = service.duration_ms.quantile(q);
    if (warm > *target) {
      return fmt::format(
          "No runtime setting can meet it: the declared duration's p{:g} alone ({}) exceeds the "
          "{} target.",
          100 * q, milliseconds_above(warm, *target), milliseconds(*target));
    }
  }
  return std::nullopt;
}

bool option_meets(const Option& option) {
  return option.feasible && option.slo_met.value_or(true);
}

}  // namespace

SimulationBudget what_if_budget(const SimulationBudget& main, const WhatIfSettings& settings) {
  SimulationBudget budget = main;
  budget.max_requests = std::min(main.max_requests, settings.max_requests);
  return budget;
}

double what_if_seconds(const Service& service, const SimulationBudget& budget) {
  double measured = 0;
  for (const PlannedWindow& w : plan_for(service, budget).windows) measured += w.measured_seconds;
  return measured;
}

std::optional<SloRemedy> find_slo_remedy(const Spec& spec, std::size_t index,
                                         const EstimateTable& estimates,
                                         const PriceCatalog& catalog,
                                         const SimulationBudget& budget, const Option& option,
                                         const WhatIfSettings& settings) {
  const Service& service = spec.services[index];
  if (!service.slo.any() || !option.feasible || !can_simulate(service, option.runtime)) {
    return std::nullopt;
  }
  const std::optional<Knob> knob = knob_for(service, option);
  if (!knob) return std::nullopt;
  const SimulationBudget what_if = what_if_budget(budget, settings);
  int simulations = 0;
  auto attempt = [&](int value) {
    ++simulations;
    return try_setting(spec, index, option.runtime, *knob, value, estimates, catalog, what_if);
  };
  int low = knob->current, high = knob->first;
  Trial best = attempt(high);
  if (!best.meets && knob->ceiling > high && simulations < settings.simulations_per_runtime) {
    low = high;
    high = knob->ceiling;
    best = attempt(high);
  }
  if (best.meets) {
    // Bisection: `low` misses, `high` meets.
    while (high - low > 1 && simulations < settings.simulations_per_runtime) {
      const int mid = low + (high - low) / 2;
      Trial trial = attempt(mid);
      if (trial.meets) {
        high = mid;
        best = std::move(trial);
      } else {
        low = mid;
      }
    }
  }
  SloRemedy remedy;
  remedy.runtime = option.runtime;
  remedy.setting = knob->setting(high);
  remedy.meets = best.meets;
  remedy.least = best.meets && high - low == 1;
  remedy.latency = best.latency;
  std::vector<std::string> judged;
  if (service.slo.p50_ms) judged.push_back("p50 " + milliseconds(best.latency.p50));
  if (service.slo.p95_ms) judged.push_back("p95 " + milliseconds(best.latency.p95));
  if (service.slo.p99_ms) judged.push_back("p99 " + milliseconds(best.latency.p99));
  remedy.judged = join_sentence(judged);
  remedy.failed = best.failed;
  remedy.monthly_cost_usd = best.monthly_cost_usd;
  remedy.simulated_seconds = what_if_seconds(service, what_if);
  remedy.miss = best.miss;
  return remedy;
}

std::vector<SloRemedy> find_slo_remedies(const Spec& spec, std::size_t index,
                                         const EstimateTable& estimates,
                                         const PriceCatalog& catalog,
                                         const SimulationBudget& budget,
                                         const ServiceReport& report,
                                         const WhatIfSettings& settings) {
  std::vector<SloRemedy> remedies;
  if (!spec.services[index].slo.any() || !report.recommendation) return remedies;
  for (const Option& option : report.options) {
    if (option_meets(option)) return {};
  }
  for (const Option& option : report.options) {
    if (auto remedy = find_slo_remedy(spec, index, estimates, catalog, budget, option, settings)) {
      remedies.push_back(std::move(*remedy));
    }
  }
  std::stable_sort(remedies.begin(), remedies.end(), [](const SloRemedy& a, const SloRemedy& b) {
    if (a.meets != b.meets) return a.meets;
    return a.meets && a.monthly_cost_usd < b.monthly_cost_usd;
  });
  return remedies;
}

std::string slo_remedy_sentence(const std::vector<SloRemedy>& remedies) {
  if (remedies.empty()) return "";
  const double seconds = remedies.front().simulated_seconds;
  std::vector<std::string> meets, misses;
  for (const SloRemedy& r : remedies) {
    const std::string_view label = runtime_label(r.runtime);
    if (r.meets) {
      meets.push_back(fmt::format("with {}{}, {} meets it ({}; {}/month)", r.setting,
                                  r.least ? " (one less misses)" : "", label, r.judged,
                                  money(r.monthly_cost_usd)));
    } else {
      misses.push_back(fmt::format("{} with {} still misses ({})", label, r.setting, r.miss));
    }
  }
  const std::string span = span_text(seconds);
  if (!meets.empty()) {
    std::string text =
        fmt::format("Re-simulated on {} of traffic, the same seed: {}.", span, join_list(meets));
    if (!misses.empty()) text += fmt::format(" Not enough: {}.", join_list(misses));
    return text;
  }
  return fmt::format("Re-simulated on {} of traffic, the same seed, no setting tried meets it: {}.",
                     span, join_list(misses));
}

// The recommendation meets the SLO but a cheaper option misses it: whether a setting makes the
// cheapest of those meet it for less than the recommendation costs (one runtime re-simulated).
std::string cheaper_with_setting(const Spec& spec, std::size_t index,
                                 const EstimateTable& estimates, const PriceCatalog& catalog,
                                 const SimulationBudget& budget, const ServiceReport& report,
                                 const WhatIfSettings& settings) {
  const Option& best = report.options.front();
  const double best_cost = quoted_monthly_cost(best);
  const Option* cheaper = nullptr;
  for (const Option& o : report.options) {
    if (!o.feasible || option_meets(o) || quoted_monthly_cost(o) >= best_cost) continue;
    if (!cheaper || quoted_monthly_cost(o) < quoted_monthly_cost(*cheaper)) cheaper = &o;
  }
  if (!cheaper) return "";
  const std::optional<SloRemedy> remedy =
      find_slo_remedy(spec, index, estimates, catalog, budget, *cheaper, settings);
  if (!remedy || !remedy->meets || remedy->monthly_cost_usd >= best_cost) return "";
  return fmt::format(
      "{} misses the SLO as the spec configures it, but re-simulated on {} of traffic (the same "
      "seed) with {}{} it meets it ({}) at {}/month, {} than {}.",
      runtime_label(cheaper->runtime), span_text(remedy->simulated_seconds), remedy->setting,
      remedy->least ? " (one less misses)" : "", remedy->judged, money(remedy->monthly_cost_usd),
      signed_money(remedy->monthly_cost_usd - best_cost), runtime_label(best.runtime));
}

void explain_slo_remedy(const Spec& spec, std::size_t index, const EstimateTable& estimates,
                        const PriceCatalog& catalog, const SimulationBudget& budget,
                        ServiceReport& report, const WhatIfSettings& settings) {
  const Service& service = spec.services[index];
  if (!service.slo.any() || !report.recommendation || report.options.empty()) return;
  std::string sentence;
  if (option_meets(report.options.front())) {
    sentence = cheaper_with_setting(spec, index, estimates, catalog, budget, report, settings);
  } else if (const std::optional<std::string> hopeless = slower_than_target(service)) {
    sentence = *hopeless;
  } else {
    sentence = slo_remedy_sentence(
        find_slo_remedies(spec, index, estimates, catalog, budget, report, settings));
  }
  if (sentence.empty()) return;
  // Before the findings against the other runtimes, which close the paragraph.
  const std::size_t findings = report.why.find(" Against the others:");
  report.why.insert(findings == std::string::npos ? report.why.size() : findings, " " + sentence);
}

}  // namespace computefit
