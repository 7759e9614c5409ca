#include "advisor/boundaries.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <thread>

#include "advisor/ranking.hpp"
#include "advisor/wording.hpp"

namespace computefit {
namespace {

// Runs task(0..count-1) over the machine's cores. Each task writes only its own slot, so the
// results do not depend on the thread count or order.
void parallel_for(std::size_t count, const std::function<void(std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t j = next++; j < count; j = next++) task(j);
  };
  const std::size_t threads =
      std::min<std::size_t>(count, std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
}

std::string_view arrivals_word(ServiceKind kind) {
  switch (kind) {
    case ServiceKind::worker:
      return "messages";
    case ServiceKind::event:
      return "events";
    default:
      return "requests";
  }
}

// Two significant figures, never in exponent form for the sweep's range.
std::string rate_text(double rps) {
  if (rps >= 100) return thousands(rps, 0);
  if (rps >= 10) return fmt::format("{:.0f}", rps);
  if (rps >= 1) return fmt::format("{:.1f}", rps);
  if (rps >= 0.001) return fmt::format("{:.2g}", rps);
  return fmt::format("{:.1e}", rps);
}

std::string factor_text(double factor) {
  if (factor >= 10) return fmt::format("{:.0f}", factor);
  return fmt::format("{:.2g}", factor);
}

std::string choice(const std::optional<RuntimeId>& runtime) {
  return runtime ? std::string(runtime_label(*runtime)) : "no runtime";
}

// One traffic level of one service: the service alone re-estimated, simulated, priced, ranked.
SweepPoint evaluate_level(const Spec& spec, std::size_t index, const Service& scaled_service,
                          double factor, const EstimateTable& estimates,
                          const PriceCatalog& catalog, const SimulationBudget& budget) {
  Spec scaled = spec;
  scaled.services[index] = scaled_service;
  const ServiceReport ranked = evaluate_service(scaled, index, estimates, catalog, budget);
  SweepPoint point;
  point.factor = factor;
  point.rps = scaled_service.traffic.rps;
  point.recommendation = ranked.recommendation;
  point.rough = ranked.sample && ranked.sample->rough;
  for (const Option& option : ranked.options) {
    if (option.feasible && option.monthly_cost_usd) {
      point.monthly_cost_usd[option.runtime] = *option.monthly_cost_usd;
    }
  }
  return point;
}

}  // namespace

std::optional<Service> scale_traffic(const Service& service, double factor, std::string* why_not) {
  auto refuse = [&](std::string reason) -> std::optional<Service> {
    if (why_not) *why_not = std::move(reason);
    return std::nullopt;
  };
  if (service.kind == ServiceKind::scheduled) {
    return refuse("a scheduled job's runtime does not depend on traffic");
  }
  Service scaled = service;
  Traffic& traffic = scaled.traffic;
  if (traffic.shape == TrafficShape::trace) {
    if (traffic.trace.empty() || traffic.trace_period_seconds <= 0) {
      return refuse("its trace has no rows whose rate could be scaled");
    }
    // The simulator replays whole arrivals per row, so the scaled rate is what the rounded
    // counts carry.
    double total = 0;
    for (TracePoint& point : traffic.trace) {
      point.count *= factor;
      total += static_cast<double>(std::llround(point.count));
    }
    traffic.rps = total / traffic.trace_period_seconds;
    if (traffic.peak_rps) *traffic.peak_rps *= factor;
    return scaled;
  }
  if (traffic.rps <= 0) return refuse("it has no traffic to scale");
  traffic.rps *= factor;
  if (traffic.peak_rps) *traffic.peak_rps *= factor;
  return scaled;
}

std::string boundary_sentence(const DecisionBoundary& b, ServiceKind kind) {
  const std::string level = fmt::format("{} {}/s mean ({}× today's traffic)", rate_text(b.rps),
                                        arrivals_word(kind), factor_text(b.factor));
  // Name the runtime on the side away from today's traffic as the one that "becomes" the choice.
  const bool below_today = b.factor < 1;
  const std::optional<RuntimeId>& becomes = below_today ? b.below : b.above;
  const std::optional<RuntimeId>& stays = below_today ? b.above : b.below;
  const std::string_view side = below_today ? "below" : "above";
  const std::string_view other_side = below_today ? "above" : "below";
  if (!becomes) {
    return fmt::format("No runtime can run it {} {}; {} {}.", side, level, choice(stays),
                       other_side);
  }
  return fmt::format("{} becomes the better choice {} {}; {} {}.", choice(becomes), side, level,
                     choice(stays), other_side);
}

std::string slo_boundaries(const Service& service, const Priorities& priorities,
                           const ServiceReport& ranked) {
  const Slo& slo = service.slo;
  if (!slo.any() || !ranked.recommendation) return "";
  // The percentile ranking judges on, and this service's target for it.
  std::optional<double> Slo::*target = slo.p99_ms   ? &Slo::p99_ms
                                       : slo.p95_ms ? &Slo::p95_ms
                                                    : &Slo::p50_ms;
  const std::string_view name = slo.p99_ms ? "p99" : slo.p95_ms ? "p95" : "p50";
  auto latency_of = [&](const LatencyMs& l) {
    return slo.p99_ms ? l.p99 : slo.p95_ms ? l.p95 : l.p50;
  };
  const double today = *(slo.*target);
  auto recommend_at = [&](double value) {
    Service changed = service;
    changed.slo.*target = value;
    ServiceReport copy;
    copy.options = ranked.options;
    for (Option& o : copy.options) {
      o.slo_met.reset();
      o.score.reset();
      o.slo_misses.clear();
    }
    rank_options(changed, priorities, copy);
    const bool met = !copy.options.empty() && copy.options.front().slo_met.value_or(false);
    return std::pair{copy.recommendation, met};
  };
  // The answer can change only where a target crosses an option's own latency.
  std::vector<double> latencies;
  for (const Option& o : ranked.options) {
    if (o.feasible && o.latency_ms) latencies.push_back(latency_of(*o.latency_ms));
  }
  std::sort(latencies.begin(), latencies.end());
  latencies.erase(std::unique(latencies.begin(), latencies.end()), latencies.end());
  std::vector<std::string> out;
  // Looser: the first option latency above today's target whose admission changes the answer.
  for (double l : latencies) {
    if (l <= today) continue;
    const auto [at, met] = recommend_at(l);
    if (at != ranked.recommendation) {
      out.push_back(
          fmt::format("With a {} target of {} or more (today {}), {} becomes the better "
                      "choice.",
                      name, milliseconds(l), milliseconds(today), choice(at)));
      break;
    }
  }
  // Tighter: the first option latency at or below today's target that, once missed, changes it.
  for (auto it = latencies.rbegin(); it != latencies.rend(); ++it) {
    if (*it > today) continue;
    // Just under the option's latency: the 1 ms steps the report prints.
    const double tighter = *it - 0.5;
    if (tighter <= 0) break;
    const auto [at, met] = recommend_at(tighter);
    if (at != ranked.recommendation) {
      out.push_back(fmt::format("With a {} target under {}, {} becomes the better choice{}.", name,
                                milliseconds(*it), choice(at),
                                met ? "" : " (no runtime meets it: the score decides)"));
      break;
    }
  }
  std::string joined;
  for (const std::string& sentence : out) joined += (joined.empty() ? "" : " ") + sentence;
  return joined;
}

std::string sweep_decisions(const Spec& spec, const EstimateTable& estimates,
                            const PriceCatalog& catalog, const SimulationBudget& main_budget,
                            Report& report, const SweepSettings& settings) {
  SimulationBudget budget;
  budget.seconds = main_budget.seconds;
  budget.max_requests = settings.max_requests;
  budget.seed = main_budget.seed;

  const int points = settings.highest_step - settings.lowest_step + 1;
  auto factor_at = [&](int step) {
    return std::pow(10.0, static_cast<double>(step) / settings.steps_per_decade);
  };

  // Which services can be swept; the others get a summary saying why not.
  std::vector<std::size_t> swept;
  for (std::size_t i = 0; i < spec.services.size() && i < report.services.size(); ++i) {
    std::string why_not;
    if (scale_traffic(spec.services[i], 1.0, &why_not)) {
      swept.push_back(i);
    } else {
      report.services[i].boundary_summary = fmt::format("No traffic sweep: {}.", why_not);
    }
  }

  // How far up each service's sweep goes: the levels whose sample fits the budget's allowance.
  std::vector<int> top(swept.size(), points);
  for (std::size_t s = 0; s < swept.size(); ++s) {
    for (int k = 0; k < points; ++k) {
      const std::optional<Service> scaled =
          scale_traffic(spec.services[swept[s]], factor_at(settings.lowest_step + k), nullptr);
      const SamplePlan plan = plan_for(*scaled, budget);
      if (plan.simulated_arrivals > settings.stop_above_budget_factor * budget.max_requests) {
        top[s] = k;
        break;
      }
    }
  }

  // The grid, every evaluated (service, level) pair in parallel.
  std::vector<SweepPoint> grid(swept.size() * static_cast<std::size_t>(points));
  parallel_for(grid.size(), [&](std::size_t j) {
    const std::size_t s = j / points;
    const auto k = static_cast<int>(j % points);
    if (k >= top[s]) return;
    const std::size_t i = swept[s];
    const double factor = factor_at(settings.lowest_step + k);
    const std::optional<Service> scaled = scale_traffic(spec.services[i], factor, nullptr);
    grid[j] = evaluate_level(spec, i, *scaled, factor, estimates, catalog, budget);
  });

  // Every adjacent pair whose recommendation differs is bisected on log(factor), in parallel.
  struct Flip {
    std::size_t service;  // index into spec.services
    SweepPoint low, high;
    DecisionBoundary boundary;
  };
  std::vector<Flip> flips;
  for (std::size_t s = 0; s < swept.size(); ++s) {
    for (int k = 0; k + 1 < top[s]; ++k) {
      const SweepPoint& a = grid[s * points + k];
      const SweepPoint& b = grid[s * points + k + 1];
      if (a.recommendation != b.recommendation) flips.push_back({swept[s], a, b, {}});
    }
  }
  parallel_for(flips.size(), [&](std::size_t j) {
    Flip& flip = flips[j];
    double low = flip.low.factor, high = flip.high.factor;
    std::optional<RuntimeId> below = flip.low.recommendation, above = flip.high.recommendation;
    bool rough = flip.low.rough || flip.high.rough;
    for (int step = 0; step < settings.bisection_steps; ++step) {
      const double mid = std::sqrt(low * high);
      const std::optional<Service> scaled =
          scale_traffic(spec.services[flip.service], mid, nullptr);
      const SweepPoint at =
          evaluate_level(spec, flip.service, *scaled, mid, estimates, catalog, budget);
      rough = rough || at.rough;
      if (at.recommendation == below) {
        low = mid;
      } else {
        high = mid;
        above = at.recommendation;
      }
    }
    DecisionBoundary& boundary = flip.boundary;
    boundary.factor = std::sqrt(low * high);
    const std::optional<Service> scaled =
        scale_traffic(spec.services[flip.service], boundary.factor, nullptr);
    boundary.rps = scaled->traffic.rps;
    boundary.below = below;
    boundary.above = above;
    boundary.sentence = boundary_sentence(boundary, spec.services[flip.service].kind);
    if (rough) {
      boundary.sentence.pop_back();  // the full stop
      boundary.sentence += fmt::format(
          " (a rough guide: that traffic is too busy for the sweep's budget of {} requests per "
          "level to simulate whole bursts or representative windows of it).",
          thousands(budget.max_requests));
    }
  });

  for (std::size_t s = 0; s < swept.size(); ++s) {
    ServiceReport& service = report.services[swept[s]];
    service.sweep.assign(grid.begin() + static_cast<std::ptrdiff_t>(s * points),
                         grid.begin() + static_cast<std::ptrdiff_t>(s * points + top[s]));
    for (const Flip& flip : flips) {
      if (flip.service == swept[s]) service.boundaries.push_back(flip.boundary);
    }
    // Flips far from today's traffic matter less: nearest first.
    std::stable_sort(service.boundaries.begin(), service.boundaries.end(),
                     [](const DecisionBoundary& a, const DecisionBoundary& b) {
                       return std::fabs(std::log(a.factor)) < std::fabs(std::log(b.factor));
                     });
    const int last = std::max(top[s], 1) - 1;
    std::string range =
        fmt::format("from {}× to {}× today's traffic", factor_text(factor_at(settings.lowest_step)),
                    factor_text(factor_at(settings.lowest_step + last)));
    if (top[s] < points) {
      range += fmt::format(
          " (busier traffic needs more simulation than the sweep's budget of {} requests per "
          "level: run recommend with the traffic scaled to see it)",
          thousands(settings.max_requests));
    }
    if (service.sweep.empty()) {
      service.boundary_summary = fmt::format(
          "No traffic sweep: even {}× today's traffic needs more simulation than the sweep's "
          "budget of {} requests per level.",
          factor_text(factor_at(settings.lowest_step)), thousands(settings.max_requests));
    } else if (service.boundaries.empty()) {
      service.boundary_summary =
          fmt::format("The recommendation ({}) holds {}: no change in that range.",
                      choice(service.sweep.front().recommendation), range);
    } else {
      service.boundary_summary = "Nearest change: " + service.boundaries.front().sentence;
      const std::size_t more = service.boundaries.size() - 1;
      if (more > 0) {
        service.boundary_summary += more == 1
                                        ? std::string(" One more change lies further out.")
                                        : fmt::format(" {} more changes lie further out.", more);
      }
      if (top[s] < points) service.boundary_summary += " The sweep covers " + range + ".";
    }
    // The sweep simulates less than the main run; say so when that alone changes today's answer.
    const int today = -settings.lowest_step;
    if (today >= 0 && today < top[s] &&
        service.sweep[static_cast<std::size_t>(today)].recommendation != service.recommendation) {
      service.boundary_summary += fmt::format(
          " At today's traffic the sweep's shorter simulation picks {} where the full run picks "
          "{}: the two are close.",
          choice(service.sweep[static_cast<std::size_t>(today)].recommendation),
          choice(service.recommendation));
    }
  }
  for (std::size_t i = 0; i < spec.services.size() && i < report.services.size(); ++i) {
    const std::string slo = slo_boundaries(spec.services[i], spec.priorities, report.services[i]);
    if (!slo.empty()) report.services[i].boundary_summary += " " + slo;
  }
  if (swept.empty()) return "";
  return fmt::format(
      "Decision boundaries: each service's traffic is scaled alone by one factor from {}× to {}× "
      "({} levels, flips bisected in {} steps); each level sees the same pattern at that rate, "
      "simulated with the same seed on a representative sample of at most {} requests per "
      "runtime (whole days, bursts and loops when they fit, else strata of them with weights); "
      "the other services stay as they are.",
      factor_text(factor_at(settings.lowest_step)), factor_text(factor_at(settings.highest_step)),
      points, settings.bisection_steps, thousands(settings.max_requests));
}

}  // namespace computefit
