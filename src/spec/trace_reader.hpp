#pragma once
// Traffic traces: CSV rows `seconds_from_start,count`, an optional header line.

#include <string>
#include <string_view>
#include <vector>

#include "spec/spec.hpp"

namespace computefit {

/// The rows of a trace and what they imply, or the first problem found (with its 1-based line).
struct TraceRead {
  std::vector<TracePoint> points;
  double period_seconds = 0;  ///< from the first row to the end of the last row's interval
  double mean_rps = 0;        ///< total count / period
  double peak_rps = 0;        ///< max over rows of count / the row's interval
  std::string error;          ///< empty when the trace is good
  int error_line = 0;
};

/// Parses a trace. Each row's `count` arrivals spread over [seconds, next row's seconds); the last
/// row's interval equals the one before it, so a trace needs at least two rows.
TraceRead read_trace(std::string_view text);

}  // namespace computefit
