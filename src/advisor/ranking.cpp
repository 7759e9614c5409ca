#include "advisor/ranking.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "advisor/wording.hpp"

namespace computefit {
namespace {

int runtime_order(RuntimeId id) {
  return static_cast<int>(id);
}

// The latency a service is judged on: the strictest percentile its SLO names, p99 without an SLO.
double judged_latency(const Slo& slo, const LatencyMs& latency) {
  if (slo.p99_ms) return latency.p99;
  if (slo.p95_ms) return latency.p95;
  if (slo.p50_ms) return latency.p50;
  return latency.p99;
}

std::string_view judged_percentile(const Slo& slo) {
  if (slo.p99_ms) return "p99";
  if (slo.p95_ms) return "p95";
  if (slo.p50_ms) return "p50";
  return "p99";
}

struct Contributions {
  double cost = 0, latency = 0, operability = 0;
};

Contributions contributions(const Option& option, double cheapest, double fastest,
                            const Priorities& w, const Slo& slo) {
  Contributions c;
  const double cost = *option.monthly_cost_usd;
  c.cost = w.cost * (cost <= 0 ? 1.0 : std::min(1.0, cheapest / cost));
  const double latency = judged_latency(slo, *option.latency_ms);
  c.latency = w.latency * (latency <= 0 ? 1.0 : std::min(1.0, fastest / latency));
  c.operability = w.operability * option.operability;
  return c;
}

std::string infeasible_summary(const std::vector<Option>& options) {
  std::vector<std::string> parts;
  for (const Option& option : options) {
    if (option.feasible) continue;
    parts.push_back(fmt::format("{} cannot run it ({})", runtime_label(option.runtime),
                                lower_first(option.infeasible_reasons.front())));
  }
  return join_sentence(parts);
}

std::string explain(const Service& service, const Priorities& w,
                    const std::vector<Option>& options) {
  const Option& best = options.front();
  const std::string_view pct = judged_percentile(service.slo);
  const double best_latency = judged_latency(service.slo, *best.latency_ms);
  std::string why = fmt::format("{} at {}/month, {} {}", runtime_label(best.runtime),
                                money(*best.monthly_cost_usd), pct, milliseconds(best_latency));
  if (service.slo.any()) {
    why += *best.slo_met ? " (meets the SLO)"
                         : fmt::format(
                               " (misses the SLO: {}; no feasible "
                               "option meets it)",
                               join_list(best.slo_misses));
  }
  why += ". ";

  const Option* runner = options.size() > 1 && options[1].feasible ? &options[1] : nullptr;
  if (!runner) {
    why += "It is the only runtime that can run this service";
    const std::string rest = infeasible_summary(options);
    why += rest.empty() ? "." : ": " + rest + ".";
    return why;
  }

  const double runner_latency = judged_latency(service.slo, *runner->latency_ms);
  const double cost_gap = *runner->monthly_cost_usd - *best.monthly_cost_usd;
  const std::string comparison = fmt::format(
      "the runner-up, {}, costs {}/month ({}) with {} {} ({})", runtime_label(runner->runtime),
      money(*runner->monthly_cost_usd), signed_money(cost_gap), pct, milliseconds(runner_latency),
      signed_milliseconds(runner_latency - best_latency));

  if (*best.slo_met && !*runner->slo_met) {
    why += fmt::format("The SLO decides: {}, which misses it ({})", comparison,
                       join_list(runner->slo_misses));
  } else {
    double cheapest = 0, fastest = 0;
    bool first = true;
    for (const Option& o : options) {
      if (!o.feasible) continue;
      const double latency = judged_latency(service.slo, *o.latency_ms);
      cheapest = first ? *o.monthly_cost_usd : std::min(cheapest, *o.monthly_cost_usd);
      fastest = first ? latency : std::min(fastest, latency);
      first = false;
    }
    const Contributions a = contributions(best, cheapest, fastest, w, service.slo);
    const Contributions b = contributions(*runner, cheapest, fastest, w, service.slo);
    const double d_cost = a.cost - b.cost, d_latency = a.latency - b.latency,
                 d_ops = a.operability - b.operability;
    std::string_view decider = "cost";
    if (d_latency > d_cost && d_latency >= d_ops) decider = "latency";
    if (d_ops > d_cost && d_ops > d_latency) decider = "operability";
    if (decider == "operability") {
      why += fmt::format(
          "Operability decides: it leaves the team less to run (operability {:.2f} against "
          "{:.2f}); {}",
          best.operability, runner->operability, comparison);
    } else if (decider == "latency") {
      why += fmt::format("Latency decides: {}", comparison);
    } else {
      why += fmt::format("Cost decides: {}", comparison);
    }
  }
  why += ".";
  const std::string rest = infeasible_summary(options);
  if (!rest.empty()) why += fmt::format(" {}.", upper_first(rest));
  return why;
}

// High-severity findings against the runtimes that lost: part of why they lost.
std::string findings_against_others(const ServiceReport& report) {
  std::vector<std::string> parts;
  for (const Finding& finding : report.findings) {
    if (finding.severity < Severity::high || !finding.runtime ||
        *finding.runtime == *report.recommendation) {
      continue;
    }
    const Option* option = nullptr;
    for (const Option& o : report.options) {
      if (o.runtime == *finding.runtime) option = &o;
    }
    if (!option || !option->feasible) continue;
    std::string part = fmt::format("{} ({})", finding.id, runtime_label(*finding.runtime));
    if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
  }
  if (parts.empty()) return "";
  return fmt::format(" Against the others: {} (see findings).", join_sentence(parts));
}

}  // namespace

std::vector<std::string> slo_misses(const Slo& slo, const LatencyMs& latency) {
  std::vector<std::string> misses;
  auto check = [&](std::string_view name, const std::optional<double>& target, double actual) {
    if (target && actual > *target) {
      misses.push_back(
          fmt::format("{} {} > {}", name, milliseconds(actual), milliseconds(*target)));
    }
  };
  check("p50", slo.p50_ms, latency.p50);
  check("p95", slo.p95_ms, latency.p95);
  check("p99", slo.p99_ms, latency.p99);
  return misses;
}

void rank_options(const Service& service, const Priorities& priorities, ServiceReport& report) {
  std::vector<Option>& options = report.options;
  double cheapest = 0, fastest = 0;
  bool any = false;
  for (Option& o : options) {
    if (!o.feasible) continue;
    o.slo_misses = slo_misses(service.slo, *o.latency_ms);
    // A throttled request never meets a latency target: more of them than a percentile leaves
    // out misses that percentile, whatever the served requests' latency.
    const double failed = o.throttled_fraction.value_or(0);
    const std::pair<const char*, std::optional<double>> percentiles[] = {
        {"p99", service.slo.p99_ms ? std::optional<double>(0.01) : std::nullopt},
        {"p95", service.slo.p95_ms ? std::optional<double>(0.05) : std::nullopt},
        {"p50", service.slo.p50_ms ? std::optional<double>(0.50) : std::nullopt}};
    for (const auto& [name, allowed] : percentiles) {
      if (allowed && failed > *allowed) {
        o.slo_misses.push_back(
            fmt::format("{}% of requests throttled, more than the {:g}% {} leaves out",
                        100 * failed >= 10 ? fmt::format("{:.0f}", 100 * failed)
                                           : fmt::format("{:.2g}", 100 * failed),
                        100 * *allowed, name));
        break;
      }
    }
    o.slo_met = o.slo_misses.empty();
    const double latency = judged_latency(service.slo, *o.latency_ms);
    cheapest = any ? std::min(cheapest, *o.monthly_cost_usd) : *o.monthly_cost_usd;
    fastest = any ? std::min(fastest, latency) : latency;
    any = true;
  }
  for (Option& o : options) {
    if (!o.feasible) continue;
    const Contributions c = contributions(o, cheapest, fastest, priorities, service.slo);
    // Rounded so that the order (and the printed score) cannot depend on the last bit.
    o.score = std::round((c.cost + c.latency + c.operability) * 1e6) / 1e6;
  }
  std::stable_sort(options.begin(), options.end(), [](const Option& a, const Option& b) {
    if (a.feasible != b.feasible) return a.feasible;
    if (a.feasible) {
      if (*a.slo_met != *b.slo_met) return *a.slo_met;
      if (*a.score != *b.score) return *a.score > *b.score;
    }
    return runtime_order(a.runtime) < runtime_order(b.runtime);
  });

  if (!any) {
    report.recommendation.reset();
    std::vector<std::string> parts;
    for (const Option& o : options) {
      parts.push_back(
          fmt::format("{}: {}", runtime_label(o.runtime), join_list(o.infeasible_reasons)));
    }
    report.why = "No runtime considered can run this service. " + join_sentence(parts) + ".";
    return;
  }
  report.recommendation = options.front().runtime;
  report.why = explain(service, priorities, options) + findings_against_others(report);
}

}  // namespace computefit
