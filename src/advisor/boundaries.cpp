#include "advisor/boundaries.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include "advisor/ranking.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

// Runs tasks over the machine's cores until none is left; a running task may add more, at the
// front of the queue (what it adds is the longest work left). Each task writes only its own slots,
// so the results do not depend on the thread count or the order. The first exception a task
// throws is rethrown by run() once every thread has stopped.
class TaskPool {
 public:
  void add(std::function<void()> task) {
    {
      const std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
  }
  void add_first(std::function<void()> task) {
    {
      const std::lock_guard lock(mutex_);
      tasks_.push_front(std::move(task));
    }
    wake_.notify_one();
  }
  void run() {
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back([this] { work(); });
    work();
    for (std::thread& thread : pool) thread.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void work() {
    std::unique_lock lock(mutex_);
    while (true) {
      wake_.wait(lock, [this] { return !tasks_.empty() || running_ == 0; });
      if (tasks_.empty()) break;  // nothing queued and nothing running that could add more
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      if (failure_) continue;  // a task failed: drain the queue
      ++running_;
      lock.unlock();
      std::exception_ptr failure;
      try {
        task();
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      if (failure && !failure_) failure_ = failure;
      --running_;
    }
    wake_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  int running_ = 0;
  std::exception_ptr failure_;
};

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
                          const PriceCatalog& catalog, const SimulationBudget& budget,
                          const SamplePlan& plan) {
  Spec scaled = spec;
  scaled.services[index] = scaled_service;
  const ServiceReport ranked = evaluate_service(scaled, index, estimates, catalog, budget, plan);
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
  if (service.unranked) return refuse("the files and the overlay give it no traffic");
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
    rank_options(changed, priorities, copy);
    const bool met = !copy.options.empty() && copy.options.front().slo_met.value_or(false);
    // The first two equal in every respect the ranking weighs: the runtime order decides.
    const bool tied = copy.options.size() > 1 && copy.options[1].feasible &&
                      copy.options[0].score == copy.options[1].score;
    return std::tuple{copy.recommendation, met, tied};
  };
  std::vector<double> latencies;
  for (const Option& o : ranked.options) {
    if (o.feasible && o.latency_ms && latency_of(*o.latency_ms) > 0) {
      latencies.push_back(latency_of(*o.latency_ms));
    }
  }
  if (latencies.empty()) return "";
  const auto [fastest, slowest] = std::minmax_element(latencies.begin(), latencies.end());
  // The answer changes where a target crosses an option's latency (it starts or stops meeting)
  // and, in between, where the latency credits (which follow latency / target) cross. Targets are
  // scanned 1% apart, the options' own latencies included, and the first change is bisected.
  // Beyond twice the slowest option every option earns full credit; below half the fastest, none
  // meets and the ratios keep their order: nothing changes outside that span.
  constexpr double kStep = 1.01;
  constexpr int kBisections = 40;
  auto first_change = [&](double from, double to) -> std::optional<std::pair<double, double>> {
    std::vector<double> grid;
    const bool up = to > from;
    for (double t = from; up ? t < to : t > to; t = up ? t * kStep : t / kStep) grid.push_back(t);
    grid.push_back(to);
    for (double l : latencies) {
      if (up ? (l > from && l < to) : (l < from && l > to)) {
        grid.push_back(l);
        // Just above and below the latency: on one side of it the option meets, on the other
        // it misses.
        grid.push_back(up ? std::nextafter(l, 0.0) : std::nextafter(l, to));
      }
    }
    std::sort(grid.begin(), grid.end());
    if (!up) std::reverse(grid.begin(), grid.end());
    double same = from;
    for (double t : grid) {
      if (std::get<0>(recommend_at(t)) == ranked.recommendation) {
        same = t;
        continue;
      }
      double differs = t;
      for (int i = 0; i < kBisections; ++i) {
        const double mid = 0.5 * (same + differs);
        (std::get<0>(recommend_at(mid)) == ranked.recommendation ? same : differs) = mid;
      }
      return std::pair{same, differs};
    }
    return std::nullopt;
  };
  // The target in the report's own precision (one decimal under 100 ms, whole ms above), rounded
  // away from today's so that the sentence holds at the printed figure.
  auto printed = [](double ms, bool up) {
    const double unit = ms < 100 ? 0.1 : 1.0;
    return (up ? std::ceil(ms / unit - 1e-9) : std::floor(ms / unit + 1e-9)) * unit;
  };
  std::vector<std::string> out;
  if (const auto looser = first_change(today, std::max(today, 2 * *slowest) * kStep)) {
    const double at = printed(looser->second, true);
    const auto [runtime, met, tied] = recommend_at(std::max(at, looser->second));
    if (runtime != ranked.recommendation) {
      out.push_back(
          fmt::format("With a {} target of {} or more (today {}), {} becomes the better choice{}.",
                      name, milliseconds(at), milliseconds(today), choice(runtime),
                      tied ? " (tied with the next, first by the runtime order)" : ""));
    }
  }
  if (const auto tighter = first_change(today, std::min(today, 0.5 * *fastest) / kStep)) {
    const double under = printed(tighter->first, false);
    const auto [runtime, met, tied] = recommend_at(tighter->second);
    if (!met && tied && under > 0) {
      // Naming a runtime would only repeat the runtime order: the closest options tie.
      out.push_back(fmt::format(
          "With a {} target under {}, no runtime meets it: the closest options tie at {}, the "
          "latency no runtime here improves on.",
          name, milliseconds(under), milliseconds(*fastest)));
    } else if (runtime != ranked.recommendation && under > 0) {
      const std::string_view why_first =
          met ? (tied ? " (tied with the next, first by the runtime order)" : "")
              : " (no runtime meets it: it misses by the least)";
      out.push_back(fmt::format("With a {} target under {}, {} becomes the better choice{}.", name,
                                milliseconds(under), choice(runtime), why_first));
    }
  }
  std::string joined;
  for (const std::string& sentence : out) joined += (joined.empty() ? "" : " ") + sentence;
  return joined;
}

namespace {

// The boundary bisected between two adjacent levels, if the sweep recorded one.
const DecisionBoundary* boundary_between(const ServiceReport& service, const SweepPoint& low,
                                         const SweepPoint& high) {
  for (const DecisionBoundary& b : service.boundaries) {
    if (b.factor >= low.factor && b.factor <= high.factor) return &b;
  }
  return nullptr;
}

// " (a rough guide: ...)" when the boundary's own sentence carries that caveat.
std::string caveat_of(const DecisionBoundary* boundary) {
  if (!boundary) return "";
  const std::size_t open = boundary->sentence.find(" (a rough guide");
  if (open == std::string::npos) return "";
  const std::size_t close = boundary->sentence.find(')', open);
  return boundary->sentence.substr(
      open, close == std::string::npos ? std::string::npos : close - open + 1);
}

const Option* feasible_option(const ServiceReport& service, const std::optional<RuntimeId>& id) {
  if (!id) return nullptr;
  for (const Option& o : service.options) {
    if (o.runtime == *id && o.feasible) return &o;
  }
  return nullptr;
}

std::string slo_status(const Option& option) {
  if (!option.slo_met) return "";
  return *option.slo_met ? " and meets the SLO" : " and misses the SLO";
}

}  // namespace

std::string sweep_summary(const ServiceReport& service, ServiceKind kind) {
  const std::vector<SweepPoint>& levels = service.sweep;
  if (levels.empty()) return "";
  // Today's level: the one nearest 1x.
  std::size_t today = 0;
  for (std::size_t k = 1; k < levels.size(); ++k) {
    if (std::fabs(std::log(levels[k].factor)) < std::fabs(std::log(levels[today].factor))) {
      today = k;
    }
  }
  const std::optional<RuntimeId> held = levels[today].recommendation;
  // The run of levels around today's that keep its answer.
  std::size_t low = today, high = today;
  while (low > 0 && levels[low - 1].recommendation == held) --low;
  while (high + 1 < levels.size() && levels[high + 1].recommendation == held) ++high;
  std::string summary;
  if (low == 0 && high + 1 == levels.size()) {
    summary = fmt::format(
        "The recommendation ({}) holds from {}× to {}× today's traffic: no change "
        "in that range.",
        choice(held), factor_text(levels.front().factor), factor_text(levels.back().factor));
  } else {
    const bool ends_low = low == 0, ends_high = high + 1 == levels.size();
    const DecisionBoundary* down =
        ends_low ? nullptr : boundary_between(service, levels[low - 1], levels[low]);
    const DecisionBoundary* up =
        ends_high ? nullptr : boundary_between(service, levels[high], levels[high + 1]);
    // Where today's answer stops each way: the bisected boundary, else the last level that keeps
    // it; and what takes over there (the bisection's finding, else the next level's).
    const double from_factor = down ? down->factor : levels[low].factor;
    const double from_rps = down ? down->rps : levels[low].rps;
    const double to_factor = up ? up->factor : levels[high].factor;
    const double to_rps = up ? up->rps : levels[high].rps;
    const std::string_view word = arrivals_word(kind);
    if (ends_low) {
      summary = fmt::format(
          "{} holds from {}× (the bottom of the sweep) up to {}× today's traffic "
          "({} {}/s mean)",
          choice(held), factor_text(from_factor), factor_text(to_factor), rate_text(to_rps), word);
    } else if (ends_high) {
      summary = fmt::format(
          "{} holds from {}× today's traffic ({} {}/s mean) up to {}× (the top "
          "of the sweep)",
          choice(held), factor_text(from_factor), rate_text(from_rps), word,
          factor_text(to_factor));
    } else {
      summary = fmt::format("{} holds from {}× to {}× today's traffic ({} to {} {}/s mean)",
                            choice(held), factor_text(from_factor), factor_text(to_factor),
                            rate_text(from_rps), rate_text(to_rps), word);
    }
    auto takes_over = [](const std::optional<RuntimeId>& runtime, std::string_view side,
                         const DecisionBoundary* boundary, bool first) {
      if (!runtime)
        return fmt::format("no runtime can run it {} that{}", side, caveat_of(boundary));
      return fmt::format("{}{} {} that{}", choice(runtime),
                         first ? " becomes the better choice" : "", side, caveat_of(boundary));
    };
    std::vector<std::string> parts;
    if (!ends_low) {
      parts.push_back(
          takes_over(down ? down->below : levels[low - 1].recommendation, "below", down, true));
    }
    if (!ends_high) {
      parts.push_back(
          takes_over(up ? up->above : levels[high + 1].recommendation, "above", up, parts.empty()));
    }
    summary += "; " + join_sentence(parts) + ".";
    // Changes beyond the nearest one each way.
    std::size_t further = 0;
    for (std::size_t k = 0; k + 1 < levels.size(); ++k) {
      if (levels[k].recommendation != levels[k + 1].recommendation && (k + 1 < low || k > high)) {
        ++further;
      }
    }
    if (further > 0) {
      summary += further == 1 ? " One more change lies further out."
                              : fmt::format(" {} more changes lie further out.", further);
    }
  }

  // The sweep simulates less than the main run; when that alone changes today's answer, say by
  // how much the two answers differ in the main run, and call them close only within the margin.
  if (held != service.recommendation) {
    summary += fmt::format(
        " At today's traffic the sweep's shorter simulation picks {} where the "
        "full run picks {}",
        choice(held), choice(service.recommendation));
    const Option* sweep_pick = feasible_option(service, held);
    const Option* main_pick = feasible_option(service, service.recommendation);
    if (sweep_pick && main_pick) {
      const double a = quoted_monthly_cost(*main_pick), b = quoted_monthly_cost(*sweep_pick);
      const bool same_slo = sweep_pick->slo_met == main_pick->slo_met;
      const bool close = same_slo && std::fabs(a - b) <= kCloseCostMargin * std::min(a, b);
      summary += fmt::format(
          "{}: in the full run {} costs {}/month{} against {}/month for {}{}{}.",
          close ? ", and the two are close" : "", choice(service.recommendation), money(a),
          slo_status(*main_pick), money(b), choice(held), slo_status(*sweep_pick),
          close ? fmt::format(", within {:.0f}%", 100 * kCloseCostMargin)
                : "; the full run decides, and the sweep's levels are a coarser guide");
    } else {
      summary += "; the full run decides, and the sweep's levels are a coarser guide.";
    }
  }
  return summary;
}

SweepRun run_sweep(const Spec& spec, const EstimateTable& estimates, const PriceCatalog& catalog,
                   const SimulationBudget& main_budget, const SweepSettings& settings) {
  SweepRun run;
  run.why_not.resize(spec.services.size());
  SimulationBudget budget;
  budget.seconds = main_budget.seconds;
  budget.max_requests = settings.max_requests;
  budget.seed = main_budget.seed;

  const int points = settings.highest_step - settings.lowest_step + 1;
  auto factor_at = [&](int step) {
    return std::pow(10.0, static_cast<double>(step) / settings.steps_per_decade);
  };

  // Which services can be swept; the others get a summary saying why not.
  std::vector<std::size_t>& swept = run.swept;
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    if (scale_traffic(spec.services[i], 1.0, &run.why_not[i])) swept.push_back(i);
  }

  // How far up each service's sweep goes: the levels whose sample fits the budget's allowance.
  // The work of each evaluated level is about its simulated arrivals: the busiest go first, so
  // that the last to finish are short ones and no core waits long for another.
  std::vector<int>& top = run.top;
  top.assign(swept.size(), points);
  std::vector<std::pair<double, std::size_t>> order;  // (simulated arrivals, grid index)
  // Each level's plan, made once: it decides how far the sweep goes, then the level runs on it.
  std::vector<SamplePlan> plans(swept.size() * static_cast<std::size_t>(points));
  for (std::size_t s = 0; s < swept.size(); ++s) {
    for (int k = 0; k < points; ++k) {
      const std::optional<Service> scaled =
          scale_traffic(spec.services[swept[s]], factor_at(settings.lowest_step + k), nullptr);
      const std::size_t j = s * points + static_cast<std::size_t>(k);
      plans[j] = plan_for(*scaled, budget);
      if (plans[j].simulated_arrivals > settings.stop_above_budget_factor * budget.max_requests) {
        top[s] = k;
        break;
      }
      order.emplace_back(plans[j].simulated_arrivals, j);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });

  // Every adjacent pair of levels whose recommendations differ is bisected on log(factor).
  struct Flip {
    std::size_t service;  // index into spec.services
    SweepPoint low, high;
    DecisionBoundary boundary;
  };
  auto bisect = [&](Flip& flip) {
    double low = flip.low.factor, high = flip.high.factor;
    std::optional<RuntimeId> below = flip.low.recommendation, above = flip.high.recommendation;
    bool rough = flip.low.rough || flip.high.rough;
    for (int step = 0; step < settings.bisection_steps; ++step) {
      const double mid = std::sqrt(low * high);
      const std::optional<Service> scaled =
          scale_traffic(spec.services[flip.service], mid, nullptr);
      const SweepPoint at = evaluate_level(spec, flip.service, *scaled, mid, estimates, catalog,
                                           budget, plan_for(*scaled, budget));
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
  };

  // The grid's levels in parallel, busiest first; a flip is bisected as soon as both its levels
  // are known, while the rest of the grid is still running, since its steps run one after another.
  std::vector<SweepPoint>& grid = run.grid;
  grid.assign(swept.size() * static_cast<std::size_t>(points), {});
  std::vector<char> done(grid.size(), 0);
  std::map<std::size_t, Flip> flips;  // by the grid index of its lower level: a stable order
  std::mutex found;
  TaskPool pool;
  for (const auto& [arrivals, j] : order) {
    pool.add([&, j = j] {
      const std::size_t s = j / points;
      const auto k = static_cast<int>(j % points);
      const std::size_t i = swept[s];
      const double factor = factor_at(settings.lowest_step + k);
      const std::optional<Service> scaled = scale_traffic(spec.services[i], factor, nullptr);
      grid[j] = evaluate_level(spec, i, *scaled, factor, estimates, catalog, budget, plans[j]);
      const std::lock_guard lock(found);
      done[j] = 1;
      // The pairs (k-1, k) and (k, k+1) of this service, once both of their levels are known.
      for (int lower = k - 1; lower <= k; ++lower) {
        if (lower < 0 || lower + 1 >= top[s]) continue;
        const std::size_t a = s * points + static_cast<std::size_t>(lower);
        if (!done[a] || !done[a + 1]) continue;
        if (grid[a].recommendation == grid[a + 1].recommendation) continue;
        Flip& flip = flips[a] = Flip{i, grid[a], grid[a + 1], {}};
        pool.add_first([&bisect, &flip] { bisect(flip); });
      }
    });
  }
  pool.run();

  for (const auto& [lower, flip] : flips) run.boundaries.emplace_back(flip.service, flip.boundary);
  return run;
}

std::string apply_sweep(const Spec& spec, const SweepRun& run, Report& report,
                        const SweepSettings& settings) {
  const int points = settings.highest_step - settings.lowest_step + 1;
  auto factor_at = [&](int step) {
    return std::pow(10.0, static_cast<double>(step) / settings.steps_per_decade);
  };
  const std::vector<std::size_t>& swept = run.swept;
  for (std::size_t i = 0; i < spec.services.size() && i < report.services.size(); ++i) {
    if (!run.why_not[i].empty()) {
      report.services[i].boundary_summary = fmt::format("No traffic sweep: {}.", run.why_not[i]);
    }
  }
  for (std::size_t s = 0; s < swept.size() && swept[s] < report.services.size(); ++s) {
    ServiceReport& service = report.services[swept[s]];
    const std::vector<SweepPoint>& grid = run.grid;
    const std::vector<int>& top = run.top;
    service.sweep.assign(grid.begin() + static_cast<std::ptrdiff_t>(s * points),
                         grid.begin() + static_cast<std::ptrdiff_t>(s * points + top[s]));
    for (const auto& [index, boundary] : run.boundaries) {
      if (index == swept[s]) service.boundaries.push_back(boundary);
    }
    // Flips far from today's traffic matter less: nearest first.
    std::stable_sort(service.boundaries.begin(), service.boundaries.end(),
                     [](const DecisionBoundary& a, const DecisionBoundary& b) {
                       return std::fabs(std::log(a.factor)) < std::fabs(std::log(b.factor));
                     });
    if (service.sweep.empty()) {
      service.boundary_summary = fmt::format(
          "No traffic sweep: even {}× today's traffic needs more simulation than the sweep's "
          "budget of {} requests per level.",
          factor_text(factor_at(settings.lowest_step)), thousands(settings.max_requests));
      continue;
    }
    service.boundary_summary = sweep_summary(service, spec.services[swept[s]].kind);
    if (top[s] < points) {
      service.boundary_summary += fmt::format(
          " The sweep stops at {}× today's traffic: busier levels need more simulation than its "
          "budget of {} requests per level (run recommend with the traffic scaled to see one).",
          factor_text(factor_at(settings.lowest_step + top[s] - 1)),
          thousands(settings.max_requests));
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

std::string sweep_decisions(const Spec& spec, const EstimateTable& estimates,
                            const PriceCatalog& catalog, const SimulationBudget& main_budget,
                            Report& report, const SweepSettings& settings) {
  return apply_sweep(spec, run_sweep(spec, estimates, catalog, main_budget, settings), report,
                     settings);
}

}  // namespace computefit
