#include "sim/sample_combine.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace computefit::sim {
namespace {

std::int64_t weighted_count(const std::vector<WeightedResult>& parts,
                            std::int64_t SimulationResult::*field) {
  double total = 0;
  for (const WeightedResult& p : parts) {
    total += p.arrival_weight * static_cast<double>(p.result->*field);
  }
  return std::llround(total);
}

// A level's time-weighted mean over the represented period and its peak over every window.
LevelSummary pooled_level(const std::vector<WeightedResult>& parts,
                          LevelSummary SimulationResult::*field) {
  double area = 0;
  double time = 0;
  LevelSummary out;
  for (const WeightedResult& p : parts) {
    const double seconds = p.time_weight * p.result->simulated_seconds;
    area += seconds * (p.result->*field).mean;
    time += seconds;
    out.peak = std::max(out.peak, (p.result->*field).peak);
  }
  out.mean = time > 0 ? area / time : 0.0;
  return out;
}

}  // namespace

SimulationResult combine_samples(const std::vector<WeightedResult>& parts) {
  if (parts.size() == 1 && parts[0].time_weight == 1 && parts[0].arrival_weight == 1) {
    return *parts[0].result;
  }
  SimulationResult out;
  if (parts.empty()) return out;
  out.seed = parts[0].result->seed;
  out.interval_note =
      "a stratified sample: its windows' batches are not one series, so no batch-means interval";
  std::int64_t busiest = -1;
  for (const WeightedResult& p : parts) {
    const SimulationResult& r = *p.result;
    out.simulated_seconds += p.time_weight * r.simulated_seconds;
    out.events += r.events;
    out.peak_hosts = std::max(out.peak_hosts, r.peak_hosts);
    // The windows' own p99 waits are not pooled: the largest stands for the whole (an upper bound).
    out.p99_wait_ms = std::max(out.p99_wait_ms, r.p99_wait_ms);
    out.max_wait_ms = std::max(out.max_wait_ms, r.max_wait_ms);
    const SimulationUsage& u = r.usage;
    out.usage.lambda_requests += p.arrival_weight * u.lambda_requests;
    out.usage.lambda_gb_seconds += p.arrival_weight * u.lambda_gb_seconds;
    out.usage.lambda_provisioned_duration_gb_seconds +=
        p.arrival_weight * u.lambda_provisioned_duration_gb_seconds;
    out.usage.lambda_provisioned_gb_seconds += p.time_weight * u.lambda_provisioned_gb_seconds;
    out.usage.task_vcpu_hours += p.time_weight * u.task_vcpu_hours;
    out.usage.task_gb_hours += p.time_weight * u.task_gb_hours;
    out.usage.host_hours += p.time_weight * u.host_hours;
    // The busiest hour is the one with the most arrivals of any window, as it was simulated.
    std::int64_t hour = 0;
    for (const MinuteSample& m : r.busiest_hour.minutes) hour += m.arrivals;
    if (hour > busiest) {
      busiest = hour;
      out.busiest_hour = r.busiest_hour;
    }
  }
  out.requests = weighted_count(parts, &SimulationResult::requests);
  out.completed = weighted_count(parts, &SimulationResult::completed);
  out.throttled = weighted_count(parts, &SimulationResult::throttled);
  out.timed_out = weighted_count(parts, &SimulationResult::timed_out);
  out.cold_starts = weighted_count(parts, &SimulationResult::cold_starts);
  out.retries = weighted_count(parts, &SimulationResult::retries);
  out.waited = weighted_count(parts, &SimulationResult::waited);
  out.instance_starts = weighted_count(parts, &SimulationResult::instance_starts);
  // Rounding each count apart must not break completed + throttled + timed out = requests.
  out.requests = out.completed + out.throttled + out.timed_out;
  if (out.requests > 0) {
    const auto requests = static_cast<double>(out.requests);
    out.throttled_fraction = static_cast<double>(out.throttled) / requests;
    out.cold_start_fraction = static_cast<double>(out.cold_starts) / requests;
    out.waited_fraction = static_cast<double>(out.waited) / requests;
  }
  out.instances = pooled_level(parts, &SimulationResult::instances);
  out.db_connections = pooled_level(parts, &SimulationResult::db_connections);
  out.busy_instances = pooled_level(parts, &SimulationResult::busy_instances);
  out.busy_slots = pooled_level(parts, &SimulationResult::busy_slots);
  out.queued = pooled_level(parts, &SimulationResult::queued);

  std::vector<std::pair<const LogHistogram*, double>> histograms;
  double sum = 0;
  double count = 0;
  std::int64_t max = 0;
  for (const WeightedResult& p : parts) {
    const LogHistogram& h = p.result->latency_histogram;
    histograms.emplace_back(&h, p.arrival_weight);
    sum += p.arrival_weight * h.sum();
    count += p.arrival_weight * static_cast<double>(h.count());
    max = std::max(max, h.max());
  }
  constexpr double kTicksPerMs = static_cast<double>(kTicksPerSecond) / 1000;
  auto at = [&](double q) { return LogHistogram::weighted_quantile(histograms, q) / kTicksPerMs; };
  out.latency_ms = {count > 0 ? sum / count / kTicksPerMs : 0.0,
                    at(0.50),
                    at(0.90),
                    at(0.95),
                    at(0.99),
                    at(0.999),
                    static_cast<double>(max) / kTicksPerMs};
  return out;
}

}  // namespace computefit::sim
