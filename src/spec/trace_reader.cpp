#include "spec/trace_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "spec/limits.hpp"

namespace computefit {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool parse_number(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty() || s.size() > 64) return false;
  const std::string text(s);
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

TraceRead fail(TraceRead r, int line, std::string message) {
  r.points.clear();
  r.error = std::move(message);
  r.error_line = line;
  return r;
}

}  // namespace

TraceRead read_trace(std::string_view text) {
  TraceRead r;
  int line_no = 0;
  bool header_seen = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const auto comma = line.find(',');
    double seconds = 0;
    double count = 0;
    const bool ok =
        comma != std::string_view::npos && line.find(',', comma + 1) == std::string_view::npos &&
        parse_number(line.substr(0, comma), seconds) && parse_number(line.substr(comma + 1), count);
    if (!ok) {
      if (r.points.empty() && !header_seen) {  // a header line
        header_seen = true;
        continue;
      }
      return fail(std::move(r), line_no,
                  "expected a row 'seconds_from_start,count' of two finite numbers");
    }
    if (seconds < 0 || seconds > limits::kMaxTraceSeconds) {
      return fail(std::move(r), line_no,
                  "seconds_from_start must be between 0 and " +
                      std::to_string(static_cast<long long>(limits::kMaxTraceSeconds)));
    }
    if (count < 0 || count > limits::kMaxTraceCount) {
      return fail(std::move(r), line_no, "count must be between 0 and 1e12");
    }
    if (!r.points.empty() && seconds <= r.points.back().seconds) {
      return fail(std::move(r), line_no, "seconds_from_start must increase from row to row");
    }
    if (r.points.size() >= limits::kMaxTraceRows) {
      return fail(std::move(r), line_no, "more than 10,000,000 rows");
    }
    r.points.push_back({seconds, count});
  }
  if (r.points.size() < 2) {
    return fail(std::move(r), 0,
                "a trace needs at least two rows (the interval of a row is the time to the next)");
  }
  double total = 0;
  double peak = 0;
  for (std::size_t i = 0; i < r.points.size(); ++i) {
    const double interval = i + 1 < r.points.size() ? r.points[i + 1].seconds - r.points[i].seconds
                                                    : r.points[i].seconds - r.points[i - 1].seconds;
    total += r.points[i].count;
    peak = std::max(peak, r.points[i].count / interval);
  }
  const auto& last = r.points.back();
  r.period_seconds = last.seconds + (last.seconds - r.points[r.points.size() - 2].seconds) -
                     r.points.front().seconds;
  r.mean_rps = total / r.period_seconds;
  r.peak_rps = peak;
  return r;
}

}  // namespace computefit
