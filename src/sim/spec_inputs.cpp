#include "sim/spec_inputs.hpp"

#include <algorithm>
#include <cmath>

namespace computefit::sim {

ArrivalProcess arrivals_for(const Traffic& traffic) {
  switch (traffic.shape) {
    case TrafficShape::steady:
      return SteadyArrivals{traffic.rps};
    case TrafficShape::diurnal:
      return DiurnalArrivals(traffic.rps, traffic.peak_rps.value_or(traffic.rps));
    case TrafficShape::bursty:
      return BurstyArrivals(traffic.rps, traffic.peak_rps.value_or(traffic.rps),
                            traffic.burst_seconds, traffic.bursts_per_hour);
    case TrafficShape::trace: {
      std::vector<TraceRow> rows;
      rows.reserve(traffic.trace.size());
      for (const TracePoint& point : traffic.trace) {
        rows.push_back({point.seconds, static_cast<std::int64_t>(std::llround(point.count))});
      }
      return TraceArrivals(std::move(rows), 0, traffic.trace_end_seconds);
    }
  }
  return SteadyArrivals{traffic.rps};
}

Distribution distribution_for(const DurationSpec& duration_ms, double scale) {
  const double to_seconds = scale / 1000.0;
  switch (duration_ms.kind) {
    case DurationSpec::Kind::fixed:
      return Distribution::fixed(duration_ms.fixed_ms * to_seconds);
    case DurationSpec::Kind::lognormal:
      return Distribution::lognormal(duration_ms.p50_ms * to_seconds,
                                     duration_ms.p99_ms * to_seconds);
    case DurationSpec::Kind::exponential:
      return Distribution::exponential(duration_ms.mean_ms * to_seconds);
  }
  return Distribution::fixed(0);
}

void apply_event_source(const EventSource& source, LambdaSimConfig& config) {
  config.batch_size = std::max(1, source.batch_size.value_or(kLambdaDefaults.queue_batch_size));
  config.batching_window_seconds = std::max(
      0.0, source.batching_window_seconds.value_or(kLambdaDefaults.queue_batching_window_seconds));
  if (source.max_concurrency) {
    config.max_concurrency =
        std::clamp(*source.max_concurrency, kLambdaDefaults.queue_max_concurrency_min,
                   kLambdaDefaults.queue_max_concurrency_max);
  }
  if (source.visibility_timeout_seconds) {
    config.queue_redelivery_seconds = *source.visibility_timeout_seconds;
  }
}

}  // namespace computefit::sim
