#include "runtimes/sample_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "runtimes/traffic_profile.hpp"
#include "runtimes/wording.hpp"
#include "workload/schedule.hpp"

namespace computefit {
namespace {

constexpr double kDay = 86'400;
// Integration step for the expected arrivals of a diurnal span: the profile changes by well under
// 0.1% in a minute.
constexpr double kIntegrationStep = 60;
// A quantity that is a whole number in exact arithmetic must not round up on a last-bit error.
constexpr double kSlack = 1e-9;

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double positive_mod(double x, double period) {
  const double r = std::fmod(x, period);
  return r < 0 ? r + period : r;
}

std::vector<sim::TraceRow> trace_rows(const Traffic& traffic) {
  std::vector<sim::TraceRow> rows;
  rows.reserve(traffic.trace.size());
  for (const TracePoint& point : traffic.trace) {
    rows.push_back({point.seconds, static_cast<std::int64_t>(std::llround(point.count))});
  }
  return rows;
}

// The length of trace row `i` (the last row's equals the previous one's, one second alone; for a
// trace whose rows were merged as it was read, up to the end the file gave).
double trace_row_seconds(const Traffic& traffic, std::size_t i) {
  const std::vector<TracePoint>& rows = traffic.trace;
  if (i + 1 < rows.size()) return rows[i + 1].seconds - rows[i].seconds;
  if (traffic.trace_end_seconds > rows[i].seconds)
    return traffic.trace_end_seconds - rows[i].seconds;
  if (rows.size() >= 2) return rows[i].seconds - rows[i - 1].seconds;
  return 1.0;
}

// Arrivals of a trace in [from, to) of one loop's own time (from <= to <= from + period), the
// rows' counts spread evenly.
double trace_arrivals_in_loop(const Traffic& traffic, double from, double to) {
  double total = 0;
  for (std::size_t i = 0; i < traffic.trace.size(); ++i) {
    const double length = trace_row_seconds(traffic, i);
    if (length <= 0) continue;
    const double begin = traffic.trace[i].seconds;
    const double overlap = std::min(to, begin + length) - std::max(from, begin);
    if (overlap > 0) total += std::llround(traffic.trace[i].count) * overlap / length;
  }
  return total;
}

// Arrivals of a trace in [from, to) of its own time (looping), the rows' counts spread evenly:
// whole loops by their total, so the work is one pass over the rows whatever the span (a trace
// whose loop is a microsecond long loops 10^10 times in a day).
double trace_arrivals_between(const Traffic& traffic, double from, double to) {
  const double period = traffic.trace_period_seconds;
  if (period <= 0 || to <= from) return 0;
  const double first_loop = std::floor(from / period);
  const double last_loop = std::floor(to / period);
  const double from_in = from - first_loop * period;
  const double to_in = to - last_loop * period;
  if (first_loop == last_loop) return trace_arrivals_in_loop(traffic, from_in, to_in);
  const double loop_total = trace_arrivals_in_loop(traffic, 0, period);
  const double whole_loops = std::max(0.0, last_loop - first_loop - 1);
  return trace_arrivals_in_loop(traffic, from_in, period) + whole_loops * loop_total +
         trace_arrivals_in_loop(traffic, 0, to_in);
}

double trace_rate_at(const Traffic& traffic, double seconds) {
  const double period = traffic.trace_period_seconds;
  if (period <= 0) return traffic.rps;
  const double at = positive_mod(seconds, period);
  const auto after =
      std::upper_bound(traffic.trace.begin(), traffic.trace.end(), at,
                       [](double t, const TracePoint& point) { return t < point.seconds; });
  if (after == traffic.trace.begin()) return 0;
  const auto i = static_cast<std::size_t>(after - traffic.trace.begin()) - 1;
  const double length = trace_row_seconds(traffic, i);
  return length > 0 ? std::llround(traffic.trace[i].count) / length : 0.0;
}

double diurnal_arrivals_between(const Traffic& traffic, double from, double to) {
  const double span = to - from;
  if (span <= 0) return 0;
  const double days = span / kDay;
  if (std::abs(days - std::round(days)) < kSlack) return traffic.rps * span;  // whole days
  const sim::DiurnalArrivals profile(traffic.rps, traffic.peak_rps.value_or(traffic.rps));
  const auto steps = static_cast<int>(std::ceil(span / kIntegrationStep));
  const double step = span / steps;
  double total = 0;
  for (int i = 0; i < steps; ++i) total += profile.rate_at(from + (i + 0.5) * step) * step;
  return total;
}

// Arrivals of a burst pattern (repeating every period) in [from, to) of its own time.
double burst_arrivals_between(const sim::BurstSchedule& b, double from, double to) {
  if (to <= from) return 0;
  double burst_time = 0;
  if (b.period_seconds > 0) {
    for (double base = std::floor(from / b.period_seconds) * b.period_seconds; base < to;
         base += b.period_seconds) {
      for (double start : b.starts) {
        const double overlap =
            std::min(to, base + start + b.burst_seconds) - std::max(from, base + start);
        if (overlap > 0) burst_time += overlap;
      }
    }
  }
  return b.base_rps * (to - from - burst_time) + b.peak_rps * burst_time;
}

bool in_burst(const sim::BurstSchedule& b, double seconds) {
  if (b.period_seconds <= 0) return false;
  const double at = positive_mod(seconds, b.period_seconds);
  for (double start : b.starts) {
    if (at >= start && at < start + b.burst_seconds) return true;
  }
  return false;
}

// The episode of one burst: `lead` seconds of base traffic, then the burst, then the rest.
sim::BurstSchedule episode_schedule(const sim::BurstSchedule& bursts, double lead, double length) {
  return {bursts.base_rps, bursts.peak_rps, bursts.burst_seconds, lead + length + 1, {lead}};
}

class Planner {
 public:
  Planner(const Service& service, const SampleRequest& request, const SamplingSettings& settings)
      : service_(service), traffic_(service.traffic), request_(request), settings_(settings) {}

  SamplePlan plan() {
    plan_.traffic_seed = request_.traffic_seed;
    if (service_.kind == ServiceKind::scheduled) {
      plan_schedule();
      return std::move(plan_);
    }
    switch (traffic_.shape) {
      case TrafficShape::steady:
        plan_steady();
        break;
      case TrafficShape::diurnal:
        plan_diurnal();
        break;
      case TrafficShape::bursty:
        plan_bursty();
        break;
      case TrafficShape::trace:
        plan_trace();
        break;
    }
    if (!request_.exact) keep_within_budget();
    condition_count();
    plan_.simulated_arrivals = simulated_arrivals();
    return std::move(plan_);
  }

 private:
  double budget() const { return request_.max_requests; }

  // Arrivals the windows simulate together, burn-ins included, at the declared rates.
  double simulated_arrivals() const {
    double total = 0;
    for (const PlannedWindow& w : plan_.windows) {
      const double burn_in = w.base_only || w.peak_only || w.episode
                                 ? w.opening_rps * w.burn_in_seconds
                                 : arrivals_between(w.pattern_start_seconds - w.burn_in_seconds,
                                                    w.pattern_start_seconds);
      total += burn_in + w.expected_arrivals;
    }
    return total;
  }

  // The rough floors of a window (a minute of burn-in, two measured) grow with the rate: at 10^7
  // requests a second they alone are 1.8e9 arrivals. A plan past SamplingSettings::
  // max_simulated_arrivals (or its budget, when larger) has every window shortened by one factor
  // to rough_plan_arrivals and keeps its weights, so the work of a run is bounded whatever the
  // rate.
  void keep_within_budget() {
    const double total = simulated_arrivals();
    if (!(total > std::max(budget(), settings_.max_simulated_arrivals))) return;
    const double cap = std::min(budget(), settings_.rough_plan_arrivals);
    const double factor = cap / total;
    for (PlannedWindow& w : plan_.windows) {
      const double stratum_seconds = w.time_weight * w.measured_seconds;
      const double stratum_arrivals = w.arrival_weight * w.expected_arrivals;
      w.burn_in_seconds *= factor;
      w.measured_seconds *= factor;
      w.episode_burst_seconds *= factor;
      w.time_weight = w.measured_seconds > 0 ? stratum_seconds / w.measured_seconds : 1.0;
      if (w.base_only || w.peak_only || w.episode) {
        w.expected_arrivals *= factor;
      } else {
        w.expected_arrivals =
            arrivals_between(w.pattern_start_seconds, w.pattern_start_seconds + w.measured_seconds);
        w.opening_rps = rate_at(w.pattern_start_seconds - w.burn_in_seconds);
      }
      w.arrival_weight =
          w.expected_arrivals > 0 ? stratum_arrivals / w.expected_arrivals : w.time_weight;
    }
    plan_.rough = true;
    // The notes that gave the windows' lengths no longer hold.
    std::erase_if(plan_.notes, [](const std::string& note) {
      return note.find(" standing for ") != std::string::npos;
    });
    plan_.notes.push_back(fmt::format(
        "too busy for the simulation's budget: every window shortened to {:.2g}% of its length, "
        "{} arrivals in all (a rough guide)",
        100 * factor, grouped(cap, 0)));
  }

  // A window's burn-in and measured span for `rate` within `share` arrivals, measuring at most
  // `longest`. A stratum of a changing pattern wants the stratum burn-in and at least the shortest
  // stratum; a steady rate (steady traffic, a burst's plateau, the base between bursts) is the
  // same process throughout, so from its steady state it needs only a minute of burn-in and
  // enough arrivals for a p99 (kSteadyArrivals). Short of that, shorter spans down to the rough
  // minimums, and the plan is rough.
  struct Span {
    double burn_in = 0;
    double measured = 0;
  };
  Span fit(double rate, double share, double longest, bool steady_rate) {
    const double burn_in =
        steady_rate ? settings_.rough_burn_in_seconds : settings_.stratum_burn_in_seconds;
    if (rate <= 0) return {burn_in, longest};
    // A steady window is cheap next to what it stands for, and the rest of the plan cannot make
    // up for a noisy one, so it keeps its arrivals even on a budget spent elsewhere.
    const double steady_floor = steady_rate ? steady_window_arrivals() / rate : 0;
    const double shortest =
        std::min(longest, steady_rate ? std::max(settings_.rough_measured_seconds, steady_floor)
                                      : settings_.min_stratum_seconds);
    const double total = share / rate;
    if (total >= burn_in + longest) return {burn_in, longest};
    if (total >= burn_in + shortest) return {burn_in, total - burn_in};
    plan_.rough = true;
    const double shorter = std::max(settings_.rough_burn_in_seconds, total / 3);
    return {std::min(shorter, burn_in),
            std::min(longest,
                     std::max({settings_.rough_measured_seconds, steady_floor, total - shorter}))};
  }

  // The arrivals a steady window measures at least: a p99 on 100 above it, and a mean duration
  // within steady_window_mean_error (one standard error), within the budget.
  double steady_window_arrivals() const {
    const double cv = service_.duration_ms.coefficient_of_variation();
    const double for_mean = std::pow(cv / settings_.steady_window_mean_error, 2);
    return std::max(settings_.steady_window_arrivals, std::min(for_mean, budget()));
  }

  // The pattern's rate at `seconds` of its own time.
  double rate_at(double seconds) const {
    switch (traffic_.shape) {
      case TrafficShape::steady:
        return traffic_.rps;
      case TrafficShape::diurnal:
        return sim::DiurnalArrivals(traffic_.rps, traffic_.peak_rps.value_or(traffic_.rps))
            .rate_at(seconds);
      case TrafficShape::bursty:
        if (!plan_.bursts) return traffic_.rps;
        return in_burst(*plan_.bursts, seconds) ? plan_.bursts->peak_rps : plan_.bursts->base_rps;
      case TrafficShape::trace:
        return trace_rate_at(traffic_, seconds);
    }
    return traffic_.rps;
  }

  double arrivals_between(double from, double to) const {
    switch (traffic_.shape) {
      case TrafficShape::steady:
        return traffic_.rps * (to - from);
      case TrafficShape::diurnal:
        return diurnal_arrivals_between(traffic_, from, to);
      case TrafficShape::bursty:
        return plan_.bursts ? burst_arrivals_between(*plan_.bursts, from, to)
                            : traffic_.rps * (to - from);
      case TrafficShape::trace:
        return trace_arrivals_between(traffic_, from, to);
    }
    return 0;
  }

  // A window of the pattern itself (not a burst episode or a quiet stratum).
  PlannedWindow pattern_window(std::string label, double start, double burn_in, double measured,
                               double stratum_seconds, double stratum_arrivals) const {
    PlannedWindow w;
    w.label = std::move(label);
    w.pattern_start_seconds = start;
    w.burn_in_seconds = burn_in;
    w.measured_seconds = measured;
    w.expected_arrivals = arrivals_between(start, start + measured);
    w.time_weight = measured > 0 ? stratum_seconds / measured : 1.0;
    w.arrival_weight =
        w.expected_arrivals > 0 ? stratum_arrivals / w.expected_arrivals : w.time_weight;
    w.opening_rps = rate_at(start - burn_in);
    return w;
  }

  void whole(std::string label, double seconds) {
    plan_.represented_seconds = seconds;
    plan_.windows.push_back(pattern_window(std::move(label), 0, settings_.burn_in_seconds, seconds,
                                           seconds, arrivals_between(0, seconds)));
    plan_.expected_arrivals = plan_.windows.back().expected_arrivals;
  }

  void plan_steady() {
    const double seconds = request_.seconds;
    const double rate = traffic_.rps;
    if (request_.exact || rate * (seconds + settings_.burn_in_seconds) <= budget()) {
      whole("the requested window", seconds);
      return;
    }
    // Steady traffic is the same at every moment: a shorter window stands for the whole.
    const Span span = fit(rate, budget(), seconds, /*steady_rate=*/true);
    const double measured = span.measured;
    plan_.represented_seconds = seconds;
    plan_.expected_arrivals = rate * seconds;
    plan_.windows.push_back(pattern_window("a shorter window of the steady rate", 0, span.burn_in,
                                           measured, seconds, plan_.expected_arrivals));
    plan_.notes.push_back(fmt::format(
        "steady traffic simulated for {} standing for {} (a steady rate is the same process at "
        "every moment)",
        span_text(measured), span_text(seconds)));
  }

  void plan_diurnal() {
    const double days = request_.exact ? request_.seconds / kDay
                                       : std::max(1.0, std::ceil(request_.seconds / kDay - kSlack));
    const double seconds = days * kDay;
    if (request_.exact || traffic_.rps * (seconds + settings_.burn_in_seconds) <= budget()) {
      whole(days == 1 ? "a whole day" : fmt::format("{} whole days", short_number(days)), seconds);
      if (request_.exact && std::abs(days - std::round(days)) > kSlack) {
        plan_.notes.push_back(fmt::format(
            "the window covers {} of the daily profile, not whole days: its usage is not the "
            "day's mean",
            span_text(seconds)));
      }
      if (!request_.exact && request_.seconds < seconds - kSlack) {
        plan_.notes.push_back(
            fmt::format("lengthened to {} so that it holds whole days", span_text(seconds)));
      }
      return;
    }
    // Strata of the day, each a shorter window in the middle of its span, with an equal share of
    // the budget: quiet hours are simulated longer, busy ones shorter.
    const int strata = settings_.diurnal_strata;
    const double hour = kDay / strata;
    const double share = budget() / strata;
    plan_.represented_seconds = seconds;
    plan_.expected_arrivals = traffic_.rps * seconds;
    for (int h = 0; h < strata; ++h) {
      const double from = h * hour;
      const double arrivals = arrivals_between(from, from + hour);
      const Span span = fit(arrivals / hour, share, hour, /*steady_rate=*/false);
      plan_.windows.push_back(pattern_window(
          fmt::format("{:02.0f}:{:02.0f}-{:02.0f}:{:02.0f} UTC", std::floor(from / 3600),
                      std::fmod(from, 3600) / 60, std::floor((from + hour) / 3600),
                      std::fmod(from + hour, 3600) / 60),
          from + (hour - span.measured) / 2, span.burn_in, span.measured, days * hour,
          days * arrivals));
    }
    plan_.notes.push_back(
        fmt::format("{} strata of {} of the daily profile, each simulated for part of its span and "
                    "weighted to it",
                    strata, span_text(hour)));
  }

  void plan_bursty() {
    const TrafficProfile profile = traffic_profile(traffic_);
    if (!profile.bursts || profile.bursts->per_hour <= 0) {
      plan_steady();
      return;
    }
    bursts_ = *profile.bursts;
    const double cycle = 3600 / bursts_.per_hour;
    int count = 0;
    double seconds = request_.seconds;
    if (request_.exact) {
      const double expected = seconds / cycle;
      count = static_cast<int>(std::floor(expected + 0.5));
      if (std::abs(expected - count) > 1e-6) {
        plan_.notes.push_back(fmt::format(
            "the window holds {} burst{} where {} are expected at {} an hour", count,
            count == 1 ? "" : "s", short_number(expected), short_number(bursts_.per_hour)));
      }
    } else {
      count = std::max(1, static_cast<int>(std::ceil(seconds / cycle - kSlack)));
      seconds = count * cycle;
    }
    // Whole cycles when they fit the budget: the bursts the spec declares, at their rate.
    const double mean = traffic_.rps;
    if (request_.exact || mean * (seconds + settings_.burn_in_seconds) <= budget()) {
      draw_schedule(seconds, count);
      whole(fmt::format("{} burst{} at their declared rate", count, count == 1 ? "" : "s"),
            seconds);
      if (!request_.exact && request_.seconds < seconds - kSlack) {
        plan_.notes.push_back(
            fmt::format("lengthened to {} so that it holds the {} burst{} the spec declares for it",
                        span_text(seconds), count, count == 1 ? "" : "s"));
      }
      return;
    }
    const auto cycles = static_cast<int>(
        std::floor((budget() / mean - settings_.stratum_burn_in_seconds) / cycle + kSlack));
    if (cycles >= 1) {
      // Fewer whole cycles, standing for all of them.
      draw_schedule(cycles * cycle, cycles);
      plan_.represented_seconds = seconds;
      plan_.expected_arrivals = mean * seconds;
      plan_.windows.push_back(pattern_window(fmt::format("{} of {} burst cycles", cycles, count), 0,
                                             settings_.stratum_burn_in_seconds, cycles * cycle,
                                             seconds, plan_.expected_arrivals));
      plan_.notes.push_back(fmt::format("{} whole burst cycles stand for the {} in {}", cycles,
                                        count, span_text(seconds)));
      return;
    }
    // One cycle is too long: one burst episode (the burst and the fleet's return) stands for every
    // burst, and a window of the base rate for the time between them. A burst too busy for the
    // budget keeps its opening (the ramp, where cold starts and scaling lag fall) in the episode,
    // and the rest of it, at the peak rate, is a stratum of its own.
    draw_schedule(seconds, count);
    const double base = bursts_.base_rps;
    const double peak = bursts_.peak_rps;
    double recovery = std::min(settings_.burst_recovery_seconds, cycle - bursts_.seconds);
    double lead = settings_.stratum_burn_in_seconds;
    double opening = bursts_.seconds;
    if (peak * opening + base * (recovery + lead) > budget()) {
      plan_.rough = true;
      if (base > 0) {
        lead = std::min(lead, std::max(settings_.rough_burn_in_seconds, 0.1 * budget() / base));
        recovery =
            std::min(recovery, std::max(settings_.rough_measured_seconds, 0.3 * budget() / base));
      }
      const double whole = settings_.whole_burst_budgets * budget();
      if (peak * opening > whole) {
        opening = std::max(settings_.rough_measured_seconds, whole / peak);
      }
    }
    PlannedWindow episode;
    episode.label = opening < bursts_.seconds ? "burst openings and recoveries" : "burst episodes";
    episode.episode = true;
    episode.pattern_start_seconds = lead;
    episode.burn_in_seconds = lead;
    episode.measured_seconds = opening + recovery;
    episode.episode_burst_seconds = opening;
    episode.expected_arrivals = peak * opening + base * recovery;
    episode.opening_rps = base;
    // As many independent episodes as the budget affords, up to the bursts declared, each
    // standing for its share of them: one burst's throttling or queueing is one draw, and the
    // comparison of runtimes should not rest on it alone.
    const double per_episode = base * lead + episode.expected_arrivals;
    const double quiet_reserve = base * settings_.rough_burn_in_seconds + steady_window_arrivals();
    const int episodes = plan_.rough
                             ? 1
                             : std::clamp(static_cast<int>(std::floor((budget() - quiet_reserve) /
                                                                      std::max(per_episode, 1.0))),
                                          1, count);
    episode.time_weight = static_cast<double>(count) / episodes;
    episode.arrival_weight = episode.time_weight;
    for (int e = 0; e < episodes; ++e) plan_.windows.push_back(episode);
    double spent = episodes * per_episode;
    if (opening < bursts_.seconds) {
      const Span span = fit(peak, std::max(budget() - spent, 0.0), bursts_.seconds - opening,
                            /*steady_rate=*/true);
      PlannedWindow plateau;
      plateau.label = "the rest of each burst";
      plateau.peak_only = true;
      plateau.burn_in_seconds = span.burn_in;
      plateau.measured_seconds = span.measured;
      plateau.expected_arrivals = peak * span.measured;
      plateau.time_weight = count * (bursts_.seconds - opening) / span.measured;
      plateau.arrival_weight = plateau.time_weight;
      plateau.opening_rps = peak;
      plan_.windows.push_back(plateau);
      spent += peak * (span.burn_in + span.measured);
    }
    const double quiet_seconds = seconds - count * (bursts_.seconds + recovery);
    if (quiet_seconds > 0) {
      const Span span = base > 0 ? fit(base, std::max(budget() - spent, 0.0), quiet_seconds, true)
                                 : Span{lead, std::min(quiet_seconds, kDay)};
      PlannedWindow quiet;
      quiet.label = "between bursts";
      quiet.base_only = true;
      quiet.burn_in_seconds = span.burn_in;
      quiet.measured_seconds = span.measured;
      quiet.expected_arrivals = base * span.measured;
      quiet.time_weight = quiet_seconds / span.measured;
      quiet.arrival_weight = quiet.time_weight;
      quiet.opening_rps = base;
      plan_.windows.push_back(quiet);
    }
    plan_.represented_seconds = seconds;
    plan_.expected_arrivals = mean * seconds;
    plan_.notes.push_back(fmt::format(
        "{} and the {} after {} stand for the {} bursts in {}; the base rate between them is "
        "simulated apart",
        episodes == 1 ? std::string("one burst") : fmt::format("{} bursts", episodes),
        span_text(recovery), episodes == 1 ? "it" : "each", count, span_text(seconds)));
  }

  void draw_schedule(double period, int count) {
    sim::Rng rng(splitmix64(plan_.traffic_seed ^ 0x6275727374ULL));  // "burst"
    plan_.bursts = sim::BurstSchedule::conditioned(bursts_.base_rps, bursts_.peak_rps,
                                                   bursts_.seconds, period, count, rng);
    schedule_period_ = period;
    schedule_count_ = count;
  }

  void plan_trace() {
    const double period = traffic_.trace_period_seconds;
    if (traffic_.trace_rows_per_interval > 1) {
      plan_.notes.push_back(fmt::format(
          "the trace's {} rows are replayed as {} intervals of {} consecutive rows each",
          grouped(static_cast<double>(traffic_.trace_rows_read)),
          grouped(static_cast<double>(traffic_.trace.size())), traffic_.trace_rows_per_interval));
    }
    if (period <= 0) {
      plan_steady();
      return;
    }
    const double loops = request_.exact
                             ? request_.seconds / period
                             : std::max(1.0, std::ceil(request_.seconds / period - kSlack));
    const double seconds = loops * period;
    const double mean = traffic_.rps;
    if (request_.exact || mean * (seconds + settings_.burn_in_seconds) <= budget()) {
      whole(loops == 1 ? "the whole trace"
                       : fmt::format("{} loops of the trace", short_number(loops)),
            seconds);
      if (request_.exact && std::abs(loops - std::round(loops)) > kSlack) {
        plan_.notes.push_back(fmt::format("the window covers {:.0f}% of the trace's loop",
                                          100 * std::fmod(loops, 1.0)));
      }
      if (!request_.exact && request_.seconds < seconds - kSlack) {
        plan_.notes.push_back(fmt::format(
            "lengthened to {} so that it replays whole loops of the trace", span_text(seconds)));
      }
      return;
    }
    if (period < settings_.min_stratum_seconds) {
      // A loop shorter than a stratum repeats many times in any window: whole loops of it stand
      // for the rest, as a shorter window of a steady rate does (a loop of microseconds would
      // otherwise be cut into strata shorter than a clock tick).
      const Span span = fit(mean, budget(), seconds, /*steady_rate=*/true);
      const double measured = std::max(period, std::floor(span.measured / period) * period);
      plan_.represented_seconds = seconds;
      plan_.expected_arrivals = trace_arrivals_between(traffic_, 0, seconds);
      plan_.windows.push_back(pattern_window("whole loops of the trace", 0, span.burn_in, measured,
                                             seconds, plan_.expected_arrivals));
      const auto span_of = [](double t) {
        return t < 1 ? fmt::format("{:.3g} s", t) : span_text(t);
      };
      plan_.notes.push_back(fmt::format("the trace's loop of {} simulated for {} standing for {}",
                                        span_of(period), span_of(measured), span_text(seconds)));
      return;
    }
    // Equal segments of the loop; a segment whose busiest row is far above its mean (a burst in
    // the trace) is simulated whole, the others by a shorter window in their middle.
    const int strata = settings_.trace_strata;
    const double length = period / strata;
    const double share = budget() / strata;
    plan_.represented_seconds = seconds;
    plan_.expected_arrivals = trace_arrivals_between(traffic_, 0, seconds);
    for (int s = 0; s < strata; ++s) {
      const double from = s * length;
      const double arrivals = trace_arrivals_between(traffic_, from, from + length);
      const double rate = arrivals / length;
      double busiest = 0;
      for (std::size_t i = 0; i < traffic_.trace.size(); ++i) {
        const double begin = traffic_.trace[i].seconds;
        const double row_seconds = trace_row_seconds(traffic_, i);
        if (row_seconds > 0 && begin + row_seconds > from && begin < from + length) {
          busiest = std::max(busiest, std::llround(traffic_.trace[i].count) / row_seconds);
        }
      }
      const Span span = rate <= 0 || busiest > 3 * rate
                            ? Span{settings_.stratum_burn_in_seconds, length}
                            : fit(rate, share, length, /*steady_rate=*/false);
      plan_.windows.push_back(
          pattern_window(fmt::format("trace {}-{}", span_text(from), span_text(from + length)),
                         from + (length - span.measured) / 2, span.burn_in, span.measured,
                         loops * length, loops * arrivals));
    }
    plan_.notes.push_back(fmt::format(
        "{} segments of the trace's loop, each simulated for part of its length (whole where a "
        "burst lies) and weighted to it",
        strata));
  }

  void plan_schedule() {
    if (!service_.schedule) return;
    const Schedule& schedule = *service_.schedule;
    std::vector<double> runs;
    const auto wanted = static_cast<std::size_t>(settings_.scheduled_runs);
    for (std::optional<double> t = next_run_seconds(schedule, -1);
         t && *t < settings_.longest_schedule_seconds; t = next_run_seconds(schedule, *t)) {
      if (runs.size() >= wanted && *t >= request_.seconds) break;
      runs.push_back(*t);
    }
    if (runs.empty()) return;
    // Long enough for the last run to finish, however long its tail.
    const double tail = std::max(3'600.0, 3 * service_.duration_ms.quantile(0.999) / 1000);
    const double seconds = runs.back() + tail;
    plan_.run_times_seconds = runs;
    plan_.represented_seconds = seconds;
    plan_.expected_arrivals = static_cast<double>(runs.size());
    plan_.realised_arrivals = plan_.expected_arrivals;
    PlannedWindow w;
    w.label = fmt::format("{} runs", runs.size());
    w.measured_seconds = seconds;
    w.expected_arrivals = plan_.expected_arrivals;
    plan_.windows.push_back(w);
    if (runs.size() < wanted) {
      plan_.notes.push_back(fmt::format("only {} runs fall in {}: its percentiles rest on them",
                                        runs.size(),
                                        span_text(settings_.longest_schedule_seconds)));
    } else {
      plan_.notes.push_back(fmt::format("judged on {} runs over {} of its schedule", runs.size(),
                                        span_text(seconds)));
    }
  }

  // SPEC.md: the realised arrivals lie within max(2%, 3 / sqrt(N)) of the expected N whatever the
  // seed. A seed whose draw falls outside is replaced by the next (the accepted draws are the
  // process conditioned on a count inside the band); counts past max_counted_arrivals are inside
  // it at more than 28 standard deviations and are not counted.
  void condition_count() {
    if (plan_.windows.empty() || traffic_.shape == TrafficShape::trace) return;
    double raw = 0;
    for (const PlannedWindow& w : plan_.windows) raw += w.expected_arrivals;
    const double expected = plan_.expected_arrivals;
    if (raw > settings_.max_counted_arrivals || expected <= 0) return;
    const double band = std::max(settings_.arrival_tolerance, 3 / std::sqrt(expected)) * expected;
    const std::uint64_t first = plan_.traffic_seed;
    std::uint64_t best_seed = first;
    double best_gap = -1;
    double best_count = 0;
    for (int attempt = 0; attempt < settings_.seed_attempts; ++attempt) {
      plan_.traffic_seed =
          attempt == 0 ? first : splitmix64(first + static_cast<std::uint64_t>(attempt));
      if (plan_.bursts) draw_schedule(schedule_period_, schedule_count_);
      double realised = 0;
      for (std::size_t i = 0; i < plan_.windows.size(); ++i) {
        const PlannedWindow& w = plan_.windows[i];
        realised +=
            w.arrival_weight * static_cast<double>(sim::count_arrivals(
                                   window_arrivals(service_, plan_, w), plan_.window_seed(i),
                                   w.burn_in_seconds, w.burn_in_seconds + w.measured_seconds));
      }
      const double gap = std::abs(realised - expected);
      if (best_gap < 0 || gap < best_gap) {
        best_gap = gap;
        best_seed = plan_.traffic_seed;
        best_count = realised;
      }
      if (gap <= band) break;
    }
    plan_.traffic_seed = best_seed;
    if (plan_.bursts) {
      draw_schedule(schedule_period_, schedule_count_);
      for (PlannedWindow& w : plan_.windows) {
        if (!w.base_only && !w.peak_only && !w.episode) {
          w.opening_rps = rate_at(w.pattern_start_seconds - w.burn_in_seconds);
        }
      }
    }
    plan_.realised_arrivals = best_count;
  }

  const Service& service_;
  const Traffic& traffic_;
  const SampleRequest& request_;
  const SamplingSettings& settings_;
  Bursts bursts_;
  double schedule_period_ = 0;
  int schedule_count_ = 0;
  SamplePlan plan_;
};

}  // namespace

std::uint64_t SamplePlan::window_seed(std::size_t index) const {
  return index == 0 ? traffic_seed : splitmix64(traffic_seed + index);
}

std::uint64_t SamplePlan::duration_seed(std::size_t index) const {
  constexpr std::uint64_t kDurations = 0x6475726174696f6eULL;  // "duration": apart from arrivals
  return splitmix64(window_seed(index) ^ kDurations);
}

SamplePlan plan_sample(const Service& service, const SampleRequest& request,
                       const SamplingSettings& settings) {
  return Planner(service, request, settings).plan();
}

sim::ArrivalProcess window_arrivals(const Service& service, const SamplePlan& plan,
                                    const PlannedWindow& window) {
  const Traffic& traffic = service.traffic;
  const double start = window.pattern_start_seconds - window.burn_in_seconds;
  if (service.kind == ServiceKind::scheduled) return sim::FixedArrivals(plan.run_times_seconds);
  switch (traffic.shape) {
    case TrafficShape::steady:
      return sim::SteadyArrivals{traffic.rps};
    case TrafficShape::diurnal:
      return sim::DiurnalArrivals(traffic.rps, traffic.peak_rps.value_or(traffic.rps), start);
    case TrafficShape::bursty:
      if (!plan.bursts) return sim::SteadyArrivals{traffic.rps};
      if (window.base_only) return sim::SteadyArrivals{plan.bursts->base_rps};
      if (window.peak_only) return sim::SteadyArrivals{plan.bursts->peak_rps};
      if (window.episode) {
        sim::BurstSchedule episode =
            episode_schedule(*plan.bursts, window.burn_in_seconds, window.measured_seconds);
        episode.burst_seconds = window.episode_burst_seconds;
        return sim::BurstyArrivals(std::move(episode), 0);
      }
      return sim::BurstyArrivals(*plan.bursts, start);
    case TrafficShape::trace:
      return sim::TraceArrivals(trace_rows(traffic), start, traffic.trace_end_seconds);
  }
  return sim::SteadyArrivals{traffic.rps};
}

}  // namespace computefit
