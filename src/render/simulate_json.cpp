#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "render/numbers.hpp"
#include "render/simulate.hpp"

namespace computefit {

namespace {

using Json = nlohmann::ordered_json;

// The same precision as the recommend output (render/json.cpp).
constexpr int kLatencyDecimals = 1;
constexpr int kFractionDigits = 6;
constexpr int kExactDigits = 10;
constexpr int kWallDecimals = 3;
constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53

// A negative or non-finite figure is a bug upstream: null, never a number nobody can use.
Json finite_or_null(double x) {
  return printable(x) ? Json(x) : Json(nullptr);
}

// A count or a time in seconds: an integer when integral, else its digits without float noise.
Json quantity(double x) {
  const double rounded = round_significant(x, kExactDigits);
  if (!printable(rounded)) return nullptr;
  if (rounded == std::floor(rounded) && std::fabs(rounded) < kLargestExactInteger) {
    return static_cast<std::int64_t>(rounded);
  }
  return rounded;
}

Json fraction(double x) {
  return finite_or_null(round_significant(x, kFractionDigits));
}
Json exact(double x) {
  return finite_or_null(round_significant(x, kExactDigits));
}

Json level(const sim::LevelSummary& level) {
  return {{"mean", fraction(level.mean)}, {"peak", level.peak}};
}

}  // namespace

std::string render_simulate_json(const SimulateOutput& output) {
  const sim::SimulationResult& r = output.result;
  // With no completed request there is no latency to report.
  auto latency = [&](double ms) {
    return r.completed > 0 ? finite_or_null(round_decimals(ms, kLatencyDecimals)) : Json(nullptr);
  };
  Json j;
  j["service"] = output.service;
  j["runtime"] = std::string(to_string(output.runtime));
  j["simulated_seconds"] = quantity(r.simulated_seconds);
  j["seed"] = r.seed;
  j["requests"] = r.requests;
  j["completed"] = r.completed;
  j["throttled"] = r.throttled;
  j["throttled_fraction"] = fraction(r.throttled_fraction);
  j["timed_out"] = r.timed_out;
  j["cold_starts"] = r.cold_starts;
  j["cold_start_fraction"] = fraction(r.cold_start_fraction);
  j["latency_ms"] = {{"mean", latency(r.latency_ms.mean)}, {"p50", latency(r.latency_ms.p50)},
                     {"p90", latency(r.latency_ms.p90)},   {"p95", latency(r.latency_ms.p95)},
                     {"p99", latency(r.latency_ms.p99)},   {"p999", latency(r.latency_ms.p999)},
                     {"max", latency(r.latency_ms.max)}};
  j["instances"] = level(r.instances);
  j["db_connections"] = level(r.db_connections);
  j["usage"] = {
      {"lambda_requests", quantity(r.usage.lambda_requests)},
      {"lambda_gb_seconds", exact(r.usage.lambda_gb_seconds)},
      {"lambda_provisioned_gb_seconds", exact(r.usage.lambda_provisioned_gb_seconds)},
      {"task_vcpu_hours", exact(r.usage.task_vcpu_hours)},
      {"task_gb_hours", exact(r.usage.task_gb_hours)},
      {"host_hours", exact(r.usage.host_hours)},
      // Extension.
      {"lambda_provisioned_duration_gb_seconds",
       exact(r.usage.lambda_provisioned_duration_gb_seconds)},
  };
  j["wall_seconds"] = finite_or_null(round_decimals(output.wall_seconds, kWallDecimals));
  // Extensions.
  j["busy_instances"] = level(r.busy_instances);
  j["retries"] = r.retries;
  // Lambda's asynchronous events and queue messages that waited for a free environment, and how
  // long they waited (zeros for synchronous requests and containers, whose queues are not these).
  j["waited"] = {{"count", r.waited},
                 {"fraction", fraction(r.waited_fraction)},
                 {"p99_ms", finite_or_null(round_decimals(r.p99_wait_ms, kLatencyDecimals))},
                 {"max_ms", finite_or_null(round_decimals(r.max_wait_ms, kLatencyDecimals))}};
  j["events"] = r.events;
  // The simulator's speed on this run (changes from run to run, as wall_seconds does).
  const bool timed = output.wall_seconds > 0;
  j["per_wall_second"] = {
      {"requests",
       timed ? Json(std::llround(static_cast<double>(r.requests) / output.wall_seconds)) : Json()},
      {"events",
       timed ? Json(std::llround(static_cast<double>(r.events) / output.wall_seconds)) : Json()}};
  // 95% batch-means intervals (null when a batch had too few requests).
  Json intervals = Json::object();
  const bool p99_interval = r.p99_ms_interval && printable(r.p99_ms_interval->low) &&
                            r.p99_ms_interval->low <= r.p99_ms_interval->high;
  intervals["p99_ms"] =
      p99_interval
          ? Json::array({latency(r.p99_ms_interval->low), latency(r.p99_ms_interval->high)})
          : Json();
  intervals["usage_relative_half_width"] =
      r.usage_relative_half_width ? exact(*r.usage_relative_half_width) : Json();
  j["intervals_95"] = intervals;
  j["busiest_hour"] = {{"start_seconds", r.busiest_hour.start_seconds}, {"minutes", Json::array()}};
  for (const sim::MinuteSample& m : r.busiest_hour.minutes) {
    j["busiest_hour"]["minutes"].push_back({{"arrivals", m.arrivals},
                                            {"peak_instances", m.peak_instances},
                                            {"peak_connections", m.peak_connections},
                                            {"peak_queued", m.peak_queued}});
  }
  // What the window misses of the traffic's pattern (SPEC.md: `simulate` says so).
  j["notes"] = output.notes;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace computefit
