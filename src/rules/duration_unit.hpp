#pragma once
// The unit a duration is read in, shared by the report's sentences (rules/wording.hpp) and its
// tables (render/numbers.hpp), so that both read a figure alike.

#include <string_view>

namespace computefit {

/// Milliseconds below 10 s, then seconds, minutes and hours, decided on the figure as it prints
/// (59.96 s reads "1 min", never "60 s").
enum class DurationUnit { ms, s, min, h };
DurationUnit duration_unit(double ms);
/// "ms", "s", "min", "h".
std::string_view unit_name(DurationUnit unit);
/// Milliseconds in one `unit`.
double unit_ms(DurationUnit unit);
/// `x` as it prints with `decimals` decimals, read back (what a reader sees, for thresholds).
double as_printed(double x, int decimals);

}  // namespace computefit
