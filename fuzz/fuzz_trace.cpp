// Fuzzes the trace reader: any bytes as a CSV trace. A trace it accepts must describe traffic the
// simulator can use: sorted rows, finite non-negative counts, a positive period, finite rates.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "workload/trace_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const computefit::TraceRead read = computefit::read_trace(text);
  if (!read.error.empty()) {
    if (read.error_line < 0) __builtin_trap();
    return 0;
  }
  if (read.points.size() < 2) __builtin_trap();
  double previous = -INFINITY;
  for (const computefit::TracePoint& p : read.points) {
    if (!std::isfinite(p.seconds) || !std::isfinite(p.count) || p.count < 0) __builtin_trap();
    if (p.seconds < previous) __builtin_trap();
    previous = p.seconds;
  }
  if (!(read.period_seconds > 0) || !std::isfinite(read.period_seconds)) __builtin_trap();
  if (!std::isfinite(read.mean_rps) || read.mean_rps < 0) __builtin_trap();
  if (!std::isfinite(read.peak_rps) || read.peak_rps < read.mean_rps * (1 - 1e-9)) __builtin_trap();
  return 0;
}
