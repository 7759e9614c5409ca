#include "rules/duration_unit.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string>

namespace computefit {
namespace {

constexpr double kMsPerSecond = 1000;
constexpr double kSecondsPerMinute = 60;
constexpr double kMinutesPerHour = 60;
// From 10 s on, a duration in milliseconds has more digits than a reader can use.
constexpr double kSecondsFromMs = 10 * kMsPerSecond;

// A figure in seconds, minutes or hours as printed: one decimal below 100, whole above.
double in_unit_as_printed(double value) {
  const double tenths = as_printed(value, 1);
  return tenths < 100 ? tenths : as_printed(value, 0);
}

}  // namespace

double as_printed(double x, int decimals) {
  const std::string text = fmt::format("{:.{}f}", x, decimals);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

DurationUnit duration_unit(double ms) {
  if (!std::isfinite(ms) || ms < 0 || as_printed(ms, ms < kMsPerSecond ? 1 : 0) < kSecondsFromMs) {
    return DurationUnit::ms;
  }
  if (in_unit_as_printed(ms / unit_ms(DurationUnit::s)) < kSecondsPerMinute) {
    return DurationUnit::s;
  }
  if (in_unit_as_printed(ms / unit_ms(DurationUnit::min)) < kMinutesPerHour) {
    return DurationUnit::min;
  }
  return DurationUnit::h;
}

std::string_view unit_name(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::ms:
      return "ms";
    case DurationUnit::s:
      return "s";
    case DurationUnit::min:
      return "min";
    case DurationUnit::h:
      return "h";
  }
  return "ms";
}

double unit_ms(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::ms:
      return 1;
    case DurationUnit::s:
      return kMsPerSecond;
    case DurationUnit::min:
      return kMsPerSecond * kSecondsPerMinute;
    case DurationUnit::h:
      return kMsPerSecond * kSecondsPerMinute * kMinutesPerHour;
  }
  return 1;
}

}  // namespace computefit
