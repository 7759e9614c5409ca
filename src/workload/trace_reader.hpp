#pragma once
// Traffic traces: CSV rows `seconds_from_start,count`, an optional header line.

#include <string>
#include <string_view>
#include <vector>

#include "workload/spec.hpp"

namespace computefit {

/// The rows of a trace and what they imply, or the first problem found (with its 1-based line).
struct TraceRead {
  /// The rows, or with more than limits::kMaxTraceIntervals rows, runs of `rows_per_interval`
  /// consecutive rows merged into one (at the first row's time, with the run's total count).
  std::vector<TracePoint> points;
  std::size_t rows_read = 0;
  std::size_t rows_per_interval = 1;
  double end_seconds = 0;     ///< where the last row's interval ends
  double period_seconds = 0;  ///< from the first row to the end of the last row's interval
  double mean_rps = 0;        ///< total count / period
  double peak_rps = 0;        ///< max over rows of count / the row's interval
  std::string error;          ///< empty when the trace is good
  int error_line = 0;
};

/// Parses a trace. Each row's `count` arrivals spread over [seconds, next row's seconds); the last
/// row's interval equals the one before it, so a trace needs at least two rows. Numbers are plain
/// decimals (no hexadecimal, no `inf` or `nan`); only a first line that does not start with a
/// number is a header. Memory is bounded by limits::kMaxTraceIntervals, whatever the rows.
TraceRead read_trace(std::string_view text);

}  // namespace computefit
