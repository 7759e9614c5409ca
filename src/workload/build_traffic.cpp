// A service's `traffic:` block: its shape, the rates each shape needs, and a trace file read
// and summarised.

#include "workload/builder_internal.hpp"
#include "workload/trace_reader.hpp"
#include "workload/vocabulary.hpp"

namespace computefit {

void SpecBuilder::read_traffic(const Entry& e, Service& s) {
  if (!expect_map(r_, e.value, "traffic")) return;
  const std::size_t problems_before = r_.count();
  const MapView m(r_, e.value, "traffic", "traffic.",
                  {"rps", "peak_rps", "shape", "burst_seconds", "bursts_per_hour", "trace",
                   "requests_per_connection"},
                  &s.marks);
  // A misspelt key (`rpss`) is reported as such, not again as a missing rps.
  const bool keys_known = r_.count() == problems_before;
  Traffic& t = s.traffic;
  bool shape_known = true;
  if (const Entry* k = m.get("shape")) {
    if (auto v = read_enum(r_, *k, kTrafficShapeNames)) {
      t.shape = *v;
    } else {
      shape_known = false;
    }
  }
  const Entry* rps = m.get("rps");
  const Entry* peak = m.get("peak_rps");
  const Entry* trace = m.get("trace");
  const std::string shape(to_string(t.shape));
  if (const Entry* k = m.get("requests_per_connection")) {
    if (s.kind != ServiceKind::http) {
      r_.error(k->key_mark, "invalid-value",
               "traffic.requests_per_connection applies only to http services (the connections "
               "a load balancer counts), and this service is " +
                   std::string(to_string(s.kind)));
    } else if (auto v = read_number(r_, *k, {1, false, limits::kMaxCount})) {
      t.requests_per_connection = *v;
    }
  }
  std::optional<double> rps_value;
  if (rps && t.shape != TrafficShape::trace) {
    rps_value = read_number(r_, *rps, at_most(limits::kMaxRps));
    if (rps_value) t.rps = *rps_value;
  }
  if (peak && t.shape != TrafficShape::trace) {
    if (t.shape == TrafficShape::steady) {
      r_.error(peak->key_mark, "invalid-value",
               "traffic.peak_rps applies only to diurnal or bursty traffic, and shape is steady");
    } else if (auto v = read_number(r_, *peak, at_most(limits::kMaxRps, true))) {
      t.peak_rps = *v;
      if (*v < t.rps) {
        r_.error(mark_of(peak->value), "invalid-value",
                 "traffic.peak_rps (" + format_number(*v) + ") must be at least traffic.rps (" +
                     format_number(t.rps) + ")");
      }
    }
  }
  // Without arrivals a service would cost $0 and meet every SLO: a mean rate is required.
  if (shape_known && t.shape != TrafficShape::trace) {
    if (!rps && keys_known) {
      r_.error(e.key_mark, "missing-key", "traffic.rps (the mean) is required with shape " + shape);
    } else if (rps_value && *rps_value == 0) {
      r_.error(mark_of(rps->value), "invalid-value",
               "traffic.rps must be greater than 0 with shape " + shape);
    }
  }
  if (t.shape == TrafficShape::diurnal || t.shape == TrafficShape::bursty) {
    if (!peak) {
      r_.error(e.key_mark, "missing-key", "traffic.peak_rps is required with shape " + shape);
    }
  }
  for (const char* key : {"burst_seconds", "bursts_per_hour"}) {
    const Entry* k = m.get(key);
    if (!k) continue;
    if (t.shape != TrafficShape::bursty) {
      r_.error(
          k->key_mark, "invalid-value",
          "traffic." + std::string(key) + " applies only to bursty traffic, and shape is " + shape);
      continue;
    }
    const bool seconds = std::string_view(key) == "burst_seconds";
    if (auto v = read_number(r_, *k, at_most(seconds ? 86400 : 3600, true))) {
      (seconds ? t.burst_seconds : t.bursts_per_hour) = *v;
    }
  }
  if (t.shape != TrafficShape::trace) {
    if (trace) {
      r_.error(trace->key_mark, "invalid-value",
               "traffic.trace needs shape: trace (shape is " + shape + ")");
    }
    return;
  }
  for (const Entry* k : {rps, peak}) {
    if (k) {
      r_.error(k->key_mark, "invalid-value",
               k->path + " must not be given with shape trace: it is derived from the trace");
    }
  }
  if (!trace) {
    r_.error(e.key_mark, "missing-key", "traffic.trace (a CSV file) is required with shape trace");
    return;
  }
  const auto file = read_string(r_, *trace);
  if (!file) return;
  t.trace_path = *file;
  // Relative to the file that names it: an overlay's trace sits beside the overlay, not beside
  // the template it is merged over.
  const std::string& named_in = spec_.file_of(mark_of(trace->value));
  const auto slash = named_in.find_last_of('/');
  t.trace_resolved_path = file->front() == '/' || slash == std::string::npos
                              ? *file
                              : named_in.substr(0, slash + 1) + *file;
  const auto text = fs_.read(t.trace_resolved_path);
  const SourceMark at = mark_of(trace->value);
  if (!text) {
    r_.error(at, "bad-trace", "cannot read the trace file '" + t.trace_resolved_path + "'");
    return;
  }
  if (text->size() > limits::kMaxTraceBytes) {
    r_.error(at, "bad-trace",
             "the trace file '" + t.trace_resolved_path + "' is larger than 256 MiB");
    return;
  }
  const TraceRead read = read_trace(*text);
  if (!read.error.empty()) {
    r_.error(at, "bad-trace",
             "trace '" + t.trace_resolved_path + "'" +
                 (read.error_line > 0 ? " line " + std::to_string(read.error_line) : "") + ": " +
                 read.error);
    return;
  }
  t.trace = read.points;
  t.trace_period_seconds = read.period_seconds;
  t.trace_end_seconds = read.end_seconds;
  t.trace_rows_read = read.rows_read;
  t.trace_rows_per_interval = read.rows_per_interval;
  t.rps = read.mean_rps;
  t.peak_rps = read.peak_rps;
  if (t.peak_rps > limits::kMaxRps) {
    r_.error(at, "bad-trace",
             "trace '" + t.trace_resolved_path + "' peaks at " + format_number(*t.peak_rps) +
                 " requests per second, above the limit of " + format_number(limits::kMaxRps));
  }
}

}  // namespace computefit
