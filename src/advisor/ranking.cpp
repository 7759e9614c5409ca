#include "advisor/ranking.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "rules/wording.hpp"

namespace computefit {
namespace {

/// Monthly cost differences below this do not decide between runtimes: about one hour of a
/// software developer's time, the US median wage of $63.59/hour (US Bureau of Labor Statistics,
/// Occupational Outlook Handbook, Software Developers, May 2023 pay, read 2026-12-02). The
/// latency credit has the same kind of floor (50 ms, SPEC.md "Ranking").
constexpr double kCostMaterialityUsd = 64;

}  // namespace

double cost_materiality_usd(const Priorities& priorities) {
  const double weights = priorities.cost + priorities.latency + priorities.operability;
  return weights > 0 ? kCostMaterialityUsd * (1 - priorities.cost / weights) : 0.0;
}

namespace {

// Rounded to cents the way the renderers print them ("{:.2f}").
double cents(double usd) {
  return std::stod(fmt::format("{:.2f}", usd));
}

}  // namespace

double quoted_monthly_cost(const Option& option) {
  if (option.cost_items.empty()) return cents(option.monthly_cost_usd.value_or(0));
  double sum = 0;
  for (const CostItem& item : option.cost_items) sum += cents(item.monthly_usd);
  return cents(sum);
}

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// SPEC.md "Ranking (revision 2)": the latency credit inside the weighted score.
constexpr double kFullCreditRatio = 0.5;       // with an SLO: r <= 0.5 is comfortably inside it
constexpr double kNoSloRelativeMargin = 1.1;   // without an SLO: differences under 10% ...
constexpr double kNoSloAbsoluteMarginMs = 50;  // ... or 50 ms earn the same credit
// Scores are rounded so that the order (and the printed score) cannot depend on the last bit.
constexpr double kScoreResolution = 1e-6;
// An option that misses scores below this, whatever rounding does (SPEC.md: in [0, 0.5)).
constexpr double kHighestMissScore = 0.5 - kScoreResolution;
// Without an SLO, the share of failed requests above which an option fails the workload: the
// share a p99 leaves out, as SPEC.md's "Misses count as misses" counts it.
constexpr double kFailedShareAllowed = 0.01;

int runtime_order(RuntimeId id) {
  return static_cast<int>(id);
}

double round_score(double score) {
  return std::round(score / kScoreResolution) * kScoreResolution;
}

/// A declared SLO percentile.
struct Percentile {
  std::string_view name;
  double left_out;  // the share of requests the percentile leaves out
  double target_ms;
  double LatencyMs::*value;
};

std::vector<Percentile> declared_percentiles(const Slo& slo) {
  std::vector<Percentile> out;
  if (slo.p50_ms) out.push_back({"p50", 0.50, *slo.p50_ms, &LatencyMs::p50});
  if (slo.p95_ms) out.push_back({"p95", 0.05, *slo.p95_ms, &LatencyMs::p95});
  if (slo.p99_ms) out.push_back({"p99", 0.01, *slo.p99_ms, &LatencyMs::p99});
  return out;
}

// The percentile's ratio to its target with failed requests infinitely slow: when more fail than
// the percentile leaves out, it lands on a failed request whatever the served ones took.
double ratio_of(const Percentile& p, const LatencyMs& latency, double failed) {
  if (failed > p.left_out) return kInfinity;
  const double value = latency.*p.value;
  if (p.target_ms <= 0) return value > 0 ? kInfinity : 0.0;
  return value / p.target_ms;
}

// The percentile with the worst ratio (the first declared on a tie); nullptr without an SLO.
const Percentile* binding_percentile(const std::vector<Percentile>& percentiles,
                                     const LatencyMs& latency, double failed) {
  const Percentile* worst = nullptr;
  double worst_ratio = -1;
  for (const Percentile& p : percentiles) {
    const double r = ratio_of(p, latency, failed);
    if (r > worst_ratio) {
      worst = &p;
      worst_ratio = r;
    }
  }
  return worst;
}

// "2.3" for 2.3%: fixed decimals, enough of them that the printed share is visibly above
// `limit` (1.04% is not printed "1%" against a 1% limit), trailing zeros dropped.
std::string percent_above(double share, double limit) {
  const double value = 100 * share;
  int decimals = value >= 10 ? 0 : value >= 1 ? 1 : 2;
  std::string text;
  for (; decimals <= 6; ++decimals) {
    text = fmt::format("{:.{}f}", value, decimals);
    if (text.find('.') != std::string::npos) {
      while (text.back() == '0') text.pop_back();
      if (text.back() == '.') text.pop_back();
    }
    if (std::stod(text) > 100 * limit) break;
  }
  return text;
}

// "1.4" for a ratio of 1.4: one decimal (none from 10 up), more when needed to show it above 1.
std::string ratio_text(double ratio) {
  if (ratio >= 10) return thousands(ratio, 0);
  for (int decimals = 1; decimals <= 6; ++decimals) {
    const std::string text = fmt::format("{:.{}f}", ratio, decimals);
    if (ratio <= 1 || std::stod(text) > 1) return text;
  }
  return fmt::format("{:.6f}", ratio);
}

std::string failed_text(double failed, const Percentile& p) {
  return fmt::format("{}% of requests failed, more than the {:g}% a {} leaves out",
                     percent_above(failed, p.left_out), 100 * p.left_out, p.name);
}

/// An option with what the ranking computed for it.
struct Judged {
  Option option;
  LatencyMs latency;  // the option's, zero when none was measured (every request failed)
  double failed = 0;
  double worst_ratio = 0;  // 0 without an SLO
  const Percentile* binding = nullptr;
  // Without an SLO, more than 1% of requests failing still fails the workload: the option ranks
  // with those that miss, after every option that serves its requests.
  bool fails_unjudged = false;
  double cost_credit = 0, latency_credit = 0;  // [0, 1], for options ranked by their score
  bool meets() const { return option.feasible && !fails_unjudged && option.slo_met.value_or(true); }
};

// How an option that misses falls short: its worst miss of the SLO, or without one the share of
// its requests that failed.
std::string miss_text(const Slo& slo, const Judged& j) {
  if (j.fails_unjudged) {
    return fmt::format("{}% of requests failed", percent_above(j.failed, kFailedShareAllowed));
  }
  return worst_miss(slo, j.latency, j.failed);
}

// The latency an option is compared on in words: its binding percentile, p99 without an SLO.
std::pair<std::string_view, double> shown_latency(const Judged& j, const Percentile* binding) {
  const LatencyMs& l = j.latency;
  if (!binding) return {"p99", l.p99};
  return {binding->name, l.*binding->value};
}

std::string infeasible_summary(const std::vector<Judged>& options) {
  std::vector<std::string> parts;
  for (const Judged& j : options) {
    if (j.option.feasible) continue;
    parts.push_back(fmt::format(
        "{} cannot run it ({})", runtime_label(j.option.runtime),
        lower_first(j.option.infeasible_reasons.empty() ? std::string("no reason recorded")
                                                        : j.option.infeasible_reasons.front())));
  }
  return join_sentence(parts);
}

// Two scores in words with as many decimals as it takes to tell them apart (2 at least).
std::pair<std::string, std::string> scores_text(double a, double b) {
  for (int decimals = 2; decimals <= 6; ++decimals) {
    std::string ta = fmt::format("{:.{}f}", a, decimals), tb = fmt::format("{:.{}f}", b, decimals);
    if (ta != tb || decimals == 6) return {ta, tb};
  }
  return {"", ""};
}

// The options cheaper than the recommendation that lost on the SLO, beyond the runner-up: why the
// cheapest figure in the table is not the answer.
std::string cheaper_but_missing(const Service& service, const std::vector<Judged>& ranked) {
  const double best_cost = quoted_monthly_cost(ranked.front().option);
  std::vector<std::string> parts;
  for (std::size_t k = 2; k < ranked.size(); ++k) {
    const Judged& j = ranked[k];
    if (!j.option.feasible || j.meets() || quoted_monthly_cost(j.option) >= best_cost) continue;
    parts.push_back(fmt::format("{} at {}/month ({})", runtime_label(j.option.runtime),
                                money(quoted_monthly_cost(j.option)), miss_text(service.slo, j)));
  }
  if (parts.empty()) return "";
  return fmt::format(" Cheaper, but {}: {}.",
                     service.slo.any() ? "missing the SLO" : "failing requests", join_list(parts));
}

std::string explain_meets(const Service& service, const Priorities& w,
                          const std::vector<Judged>& ranked) {
  const std::vector<Percentile> percentiles = declared_percentiles(service.slo);
  const Judged& best = ranked.front();
  const auto [pct, best_latency] = shown_latency(best, best.binding);
  std::string why = fmt::format("{} at {}/month, ", runtime_label(best.option.runtime),
                                money(quoted_monthly_cost(best.option)));
  if (percentiles.empty()) {
    why += fmt::format("{} {} (no SLO declared)", pct, milliseconds(best_latency));
  } else {
    why += fmt::format("{} {} against the {} target: it meets the SLO", pct,
                       milliseconds(best_latency), milliseconds(best.binding->target_ms));
  }
  why += ". ";

  const Judged* runner = ranked.size() > 1 && ranked[1].option.feasible ? &ranked[1] : nullptr;
  const std::string rest = infeasible_summary(ranked);
  if (!runner) {
    why += "It is the only runtime that can run this service";
    return why + (rest.empty() ? "." : ": " + rest + ".");
  }

  const Option& r = runner->option;
  const std::string_view runner_label = runtime_label(r.runtime);
  const double best_cost = quoted_monthly_cost(best.option);
  const double runner_cost = quoted_monthly_cost(r);
  const double runner_latency =
      runner->latency.*(best.binding ? best.binding->value : &LatencyMs::p99);
  const std::string costs = fmt::format("the runner-up, {}, costs {}/month ({})", runner_label,
                                        money(runner_cost), signed_money(runner_cost - best_cost));

  if (!runner->meets()) {
    if (runner->fails_unjudged) {
      why += fmt::format("Failed requests decide: {} {} fails {}% of its requests", costs,
                         runner_cost < best_cost ? "but" : "and",
                         percent_above(runner->failed, kFailedShareAllowed));
    } else {
      why += fmt::format("The SLO decides: {} {} misses it ({})", costs,
                         runner_cost < best_cost ? "but" : "and", miss_text(service.slo, *runner));
    }
  } else {
    // The weighted score's parts, each as it adds to the score, best minus runner-up.
    const double total = w.cost + w.latency + w.operability;
    const double scale = total > 0 ? 1 / total : 0;
    const double d_cost = scale * w.cost * (best.cost_credit - runner->cost_credit);
    const double d_latency = scale * w.latency * (best.latency_credit - runner->latency_credit);
    const double d_ops = scale * w.operability * (best.option.operability - r.operability);
    const auto [best_score, runner_score] = scores_text(*best.option.score, *r.score);
    const std::string comparison = fmt::format(
        "{} with {} {} ({}) and scores {} against {}", costs, pct, milliseconds(runner_latency),
        signed_milliseconds(runner_latency - best_latency), runner_score, best_score);
    std::string_view decider;
    if (*best.option.score == *r.score) {
      why += fmt::format(
          "The two score the same; the tie goes by the runtime order "
          "(lambda, ecs-fargate, ecs-ec2, eks): {}",
          comparison);
    } else if (d_cost > 0 && d_cost >= d_latency && d_cost >= d_ops) {
      decider = "cost";
      why += "Cost decides: " + comparison;
    } else if (d_latency > 0 && d_latency >= d_ops) {
      decider = "latency";
      why += "Latency decides: " + comparison;
    } else {
      decider = "operability";
      why += fmt::format(
          "Operability decides: it leaves the team less to run (operability {:.2f} against "
          "{:.2f}); {}",
          best.option.operability, r.operability, comparison);
    }
    why += ".";
    // What the runner-up has going for it, and why that did not carry it.
    if (!decider.empty()) {
      if (runner_latency < best_latency && d_latency == 0) {
        why += percentiles.empty()
                   ? fmt::format(
                         " {}'s lower {} earns no more credit: both are within 10% or "
                         "50 ms of the fastest option's.",
                         runner_label, pct)
                   : fmt::format(
                         " {}'s lower {} earns no more credit: both are within half the "
                         "{} target.",
                         runner_label, pct, milliseconds(best.binding->target_ms));
      } else if (d_latency < 0) {
        why +=
            fmt::format(" {}'s lower {} does not make up for the {}.", runner_label, pct, decider);
      }
      if (d_cost < 0) {
        why += fmt::format(" {}'s lower cost does not make up for the {}.", runner_label, decider);
      } else if (runner_cost < best_cost && d_cost == 0) {
        why += fmt::format(
            " {}'s {} a month less earns no more credit: with cost weighed at {:.0f}%, a "
            "difference "
            "under {} a month (that share of an hour of an engineer's time) does not decide.",
            runner_label, money(best_cost - runner_cost),
            100 * w.cost / (w.cost + w.latency + w.operability), money(cost_materiality_usd(w)));
      }
      if (d_ops < 0) {
        why += fmt::format(
            " {} leaves the team less to run (operability {:.2f} against {:.2f}), which does "
            "not make up for the {}.",
            runner_label, r.operability, best.option.operability, decider);
      }
    }
    why += cheaper_but_missing(service, ranked);
    if (!rest.empty()) why += fmt::format(" {}.", upper_first(rest));
    return why;
  }
  why += ".";
  why += cheaper_but_missing(service, ranked);
  if (!rest.empty()) why += fmt::format(" {}.", upper_first(rest));
  return why;
}

// No feasible option meets the SLO: the best misses it least.
std::string explain_misses(const Service& service, const std::vector<Judged>& ranked) {
  const Judged& best = ranked.front();
  std::string why =
      best.fails_unjudged
          ? fmt::format(
                "{} at {}/month fails {}% of its requests, and every feasible option fails more "
                "than 1% of them (no SLO is declared, but a failed request is no answer). ",
                runtime_label(best.option.runtime), money(quoted_monthly_cost(best.option)),
                percent_above(best.failed, kFailedShareAllowed))
          : fmt::format("{} at {}/month misses the SLO ({}), and no feasible option meets it. ",
                        runtime_label(best.option.runtime), money(quoted_monthly_cost(best.option)),
                        miss_text(service.slo, best));
  const Judged* runner = ranked.size() > 1 && ranked[1].option.feasible ? &ranked[1] : nullptr;
  if (!runner) {
    why += "It is the only runtime that can run this service";
    const std::string rest = infeasible_summary(ranked);
    return why + (rest.empty() ? "." : ": " + rest + ".");
  }
  const Option& r = runner->option;
  const double best_cost = quoted_monthly_cost(best.option);
  const double runner_cost = quoted_monthly_cost(r);
  const std::string runner_up =
      fmt::format("the runner-up, {}, at {}/month ({})", runtime_label(r.runtime),
                  money(runner_cost), signed_money(runner_cost - best_cost));
  const std::string runner_miss = miss_text(service.slo, *runner);
  if (runner->worst_ratio > best.worst_ratio) {
    why += fmt::format("It misses by the least: {}, misses by more ({})", runner_up, runner_miss);
  } else if (*best.option.score != *r.score) {
    const auto [best_score, runner_score] = scores_text(*best.option.score, *r.score);
    why += fmt::format("{}, misses as far ({}) but fails more requests (score {} against {})",
                       upper_first(runner_up), runner_miss, runner_score, best_score);
  } else {
    why += fmt::format(
        "{}, misses as far ({}); the tie goes by the runtime order (lambda, ecs-fargate, "
        "ecs-ec2, eks)",
        upper_first(runner_up), runner_miss);
  }
  why += ".";
  const std::string rest = infeasible_summary(ranked);
  if (!rest.empty()) why += fmt::format(" {}.", upper_first(rest));
  return why;
}

// High-severity findings against the runtimes that lost: part of why they lost.
std::string findings_against_others(const ServiceReport& report) {
  std::vector<std::string> parts;
  for (const Finding& finding : report.findings) {
    if (finding.severity < Severity::high || !finding.runtime ||
        *finding.runtime == *report.recommendation || finding.suppressed_reason) {
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

double failed_share(const Option& option) {
  if (option.failed_fraction) return *option.failed_fraction;
  return option.throttled_fraction.value_or(0);
}

std::optional<double> worst_slo_ratio(const Slo& slo, const LatencyMs& latency, double failed) {
  const std::vector<Percentile> percentiles = declared_percentiles(slo);
  const Percentile* binding = binding_percentile(percentiles, latency, failed);
  if (!binding) return std::nullopt;
  return ratio_of(*binding, latency, failed);
}

double latency_credit_with_slo(double worst_ratio) {
  if (worst_ratio <= kFullCreditRatio) return 1.0;
  return std::max(0.0, 1.0 - (worst_ratio - kFullCreditRatio));
}

double latency_credit_without_slo(double p99_ms, double best_p99_ms) {
  if (std::isinf(p99_ms)) return 0.0;
  if (p99_ms <= 0) return 1.0;
  return std::min(1.0, (kNoSloRelativeMargin * best_p99_ms + kNoSloAbsoluteMarginMs) / p99_ms);
}

std::vector<std::string> slo_misses(const Slo& slo, const LatencyMs& latency, double failed) {
  std::vector<std::string> misses;
  for (const Percentile& p : declared_percentiles(slo)) {
    const double r = ratio_of(p, latency, failed);
    if (r <= 1) continue;
    if (std::isinf(r) && failed > p.left_out) {
      misses.push_back(failed_text(failed, p));
    } else {
      misses.push_back(fmt::format("{} {} > {}", p.name,
                                   milliseconds_above(latency.*p.value, p.target_ms),
                                   milliseconds(p.target_ms)));
    }
  }
  return misses;
}

std::string worst_miss(const Slo& slo, const LatencyMs& latency, double failed) {
  const std::vector<Percentile> percentiles = declared_percentiles(slo);
  const Percentile* p = binding_percentile(percentiles, latency, failed);
  if (!p) return "";
  const double r = ratio_of(*p, latency, failed);
  if (r <= 1) return "";
  if (failed > p->left_out) return failed_text(failed, *p);
  return fmt::format("{} {}, {}× the {} target", p->name,
                     milliseconds_above(latency.*p->value, p->target_ms), ratio_text(r),
                     milliseconds(p->target_ms));
}

void rank_options(const Service& service, const Priorities& priorities, ServiceReport& report) {
  const Slo& slo = service.slo;
  const std::vector<Percentile> percentiles = declared_percentiles(slo);
  std::vector<Judged> judged;
  judged.reserve(report.options.size());
  bool any_feasible = false;
  for (Option& option : report.options) {
    Judged j;
    j.option = std::move(option);
    Option& o = j.option;
    o.slo_met.reset();
    o.slo_misses.clear();
    o.score.reset();
    j.latency = o.latency_ms.value_or(LatencyMs{});
    if (o.feasible) {
      any_feasible = true;
      j.failed = failed_share(o);
      j.binding = binding_percentile(percentiles, j.latency, j.failed);
      if (j.binding) {
        j.worst_ratio = ratio_of(*j.binding, j.latency, j.failed);
        o.slo_misses = slo_misses(slo, j.latency, j.failed);
        o.slo_met = j.worst_ratio <= 1;
      } else if (percentiles.empty() && j.failed > kFailedShareAllowed) {
        j.fails_unjudged = true;
        j.worst_ratio = kInfinity;
      }
    }
    judged.push_back(std::move(j));
  }
  report.options.clear();

  // References for the credits: the cheapest option among those ranked by score (the ones that
  // meet), and the lowest p99 among the feasible options, a failed p99 counting as infinite.
  std::optional<double> cheapest, best_p99;
  for (const Judged& j : judged) {
    if (!j.option.feasible) continue;
    const double p99 = j.failed > kFailedShareAllowed ? kInfinity : j.latency.p99;
    if (!std::isinf(p99)) best_p99 = best_p99 ? std::min(*best_p99, p99) : p99;
    if (j.meets()) {
      const double cost = j.option.monthly_cost_usd.value_or(0);
      cheapest = cheapest ? std::min(*cheapest, cost) : cost;
    }
  }
  const double weights = priorities.cost + priorities.latency + priorities.operability;
  const double materiality = cost_materiality_usd(priorities);
  for (Judged& j : judged) {
    Option& o = j.option;
    if (!o.feasible) continue;
    if (!j.meets()) {
      // SPEC.md: 0.5 / worst ratio × (1 − failed share), in [0, 0.5).
      // Without an SLO there is no latency ratio: the failed share alone orders those that fail.
      const double score = j.fails_unjudged            ? 0.5 * (1 - j.failed)
                           : std::isinf(j.worst_ratio) ? 0.0
                                                       : 0.5 / j.worst_ratio * (1 - j.failed);
      o.score = std::clamp(round_score(score), 0.0, kHighestMissScore);
      continue;
    }
    const double cost = o.monthly_cost_usd.value_or(0);
    // A difference smaller than the materiality threshold earns the same credit (as the latency
    // credit's 50 ms): $0.44 against $15.04 a month is no reason to prefer a runtime. The
    // threshold shrinks with the share of the weight on cost: when cost is all that matters,
    // every dollar counts.
    j.cost_credit = cost <= 0 ? 1.0 : std::min(1.0, (cheapest.value_or(0) + materiality) / cost);
    if (j.binding) {
      j.latency_credit = latency_credit_with_slo(j.worst_ratio);
    } else {
      const double p99 = j.failed > kFailedShareAllowed ? kInfinity : j.latency.p99;
      j.latency_credit = latency_credit_without_slo(p99, best_p99.value_or(p99));
    }
    const double weighted =
        weights > 0 ? (priorities.cost * j.cost_credit + priorities.latency * j.latency_credit +
                       priorities.operability * o.operability) /
                          weights
                    : 0.0;
    o.score = std::clamp(round_score(0.5 + 0.5 * weighted), 0.5, 1.0);
  }

  std::stable_sort(judged.begin(), judged.end(), [](const Judged& a, const Judged& b) {
    if (a.option.feasible != b.option.feasible) return a.option.feasible;
    if (a.option.feasible) {
      if (a.meets() != b.meets()) return a.meets();
      // Those that miss: by how far, not by cost (SPEC.md "Ranking").
      if (!a.meets() && a.worst_ratio != b.worst_ratio) return a.worst_ratio < b.worst_ratio;
      if (*a.option.score != *b.option.score) return *a.option.score > *b.option.score;
    }
    return runtime_order(a.option.runtime) < runtime_order(b.option.runtime);
  });

  if (!any_feasible) {
    report.recommendation.reset();
    std::vector<std::string> parts;
    for (const Judged& j : judged) {
      parts.push_back(fmt::format("{}: {}", runtime_label(j.option.runtime),
                                  join_list(j.option.infeasible_reasons)));
    }
    report.why = "No runtime considered can run this service. " + join_sentence(parts) + ".";
  } else {
    report.recommendation = judged.front().option.runtime;
    report.why = judged.front().meets() ? explain_meets(service, priorities, judged)
                                        : explain_misses(service, judged);
  }
  for (Judged& j : judged) report.options.push_back(std::move(j.option));
  if (report.recommendation) report.why += findings_against_others(report);
}

}  // namespace computefit
