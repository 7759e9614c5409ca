#include "workload/trace_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "document/limits.hpp"

namespace computefit {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A plain decimal number: optional sign, digits with at most one point, an optional exponent.
// strtod alone would also take "0x10", "inf", "nan" and "1e999".
bool is_decimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exponent;
    if (exponent == 0) return false;
  }
  return i == s.size();
}

bool parse_number(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty() || s.size() > 64 || !is_decimal(s)) return false;
  const std::string text(s);
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

// A line that starts like a number is a row (and an error if it is not a good one); only a first
// line that does not can be a header.
bool looks_numeric(std::string_view line) {
  line = trim(line);
  if (line.empty()) return false;
  const char c = line.front();
  return std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
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
  int last_row_line = 0;  // the line of the row before this one
  bool header_seen = false;
  std::size_t start = 0;
  std::size_t in_last = 0;  // rows merged into r.points.back()
  double first_seconds = 0;
  double previous_seconds = 0;  // the row before the current one (rows, not merged entries)
  double last_seconds = 0;
  double last_count = 0;
  double total = 0;
  double peak = 0;
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
      if (r.rows_read == 0 && !header_seen && !looks_numeric(line)) {  // a header line
        header_seen = true;
        continue;
      }
      return fail(std::move(r), line_no,
                  "expected a row 'seconds_from_start,count' of two finite decimal numbers");
    }
    if (seconds < 0 || seconds > limits::kMaxTraceSeconds) {
      return fail(std::move(r), line_no,
                  "seconds_from_start must be between 0 and " +
                      std::to_string(static_cast<long long>(limits::kMaxTraceSeconds)));
    }
    if (count < 0 || count > limits::kMaxTraceCount) {
      return fail(std::move(r), line_no, "count must be between 0 and 1e12");
    }
    if (r.rows_read > 0 && seconds <= last_seconds) {
      return fail(std::move(r), line_no, "seconds_from_start must increase from row to row");
    }
    if (r.rows_read >= limits::kMaxTraceRows) {
      return fail(std::move(r), line_no, "more than 10,000,000 rows");
    }
    if (r.rows_read > 0) {
      // A row's rate: its count over the time to the next row (a 1e-308 s gap would be infinite).
      const double rate = last_count / (seconds - last_seconds);
      if (!(rate <= limits::kMaxRps)) {
        return fail(std::move(r), last_row_line,
                    "the row's count over the time to the next row is above " +
                        std::string("the limit of 10,000,000 requests per second"));
      }
      peak = std::max(peak, rate);
    }
    if (r.rows_read == 0) first_seconds = seconds;
    previous_seconds = last_seconds;
    last_seconds = seconds;
    last_count = count;
    last_row_line = line_no;
    total += count;
    ++r.rows_read;
    if (r.points.empty() || in_last == r.rows_per_interval) {
      if (r.points.size() == limits::kMaxTraceIntervals) {
        // Full: merge neighbours, halving the entries, and merge twice as many rows from here.
        const std::size_t half = r.points.size() / 2;
        for (std::size_t i = 0; i < half; ++i) {
          r.points[i] = {r.points[2 * i].seconds,
                         r.points[2 * i].count + r.points[2 * i + 1].count};
        }
        r.points.resize(half);
        r.rows_per_interval *= 2;
      }
      r.points.push_back({seconds, count});
      in_last = 1;
    } else {
      r.points.back().count += count;
      ++in_last;
    }
  }
  if (r.rows_read < 2) {
    return fail(std::move(r), 0,
                "a trace needs at least two rows (the interval of a row is the time to the next)");
  }
  const double last_interval = last_seconds - previous_seconds;
  if (!(last_count / last_interval <= limits::kMaxRps)) {
    return fail(std::move(r), last_row_line,
                "the last row's count over the interval before it is above the limit of "
                "10,000,000 requests per second");
  }
  peak = std::max(peak, last_count / last_interval);
  r.end_seconds = last_seconds + last_interval;
  r.period_seconds = r.end_seconds - first_seconds;
  r.mean_rps = total / r.period_seconds;
  r.peak_rps = peak;
  return r;
}

}  // namespace computefit
