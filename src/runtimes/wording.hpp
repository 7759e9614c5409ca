#pragma once
// Numbers as people read them in infeasibility reasons and sizing lines.

#include <string>

namespace computefit {

/// `value` rounded to `decimals` places with thousands separators: 10240 -> "10,240".
std::string grouped(double value, int decimals = 0);
/// A duration in seconds with a friendlier unit beside it: 2400 -> "2,400 s (40 min)".
std::string seconds_phrase(double seconds);
/// A span in the unit that reads best: 45 -> "45 s", 900 -> "15 min", 87120 -> "24.2 h",
/// 604800 -> "7 days".
std::string span_text(double seconds);
/// A short number: 2.4 -> "2.4", 2.0 -> "2", 0.25 -> "0.25" (at most two decimals).
std::string short_number(double value);

}  // namespace computefit
