#pragma once
// How the renderers round and spell numbers, shared so that text and JSON show the same figures.

#include <optional>
#include <string>
#include <string_view>

#include "advisor/report.hpp"
#include "rules/duration_unit.hpp"

namespace computefit {

/// A figure a renderer may print: finite and not negative. Every figure in a report is a cost, a
/// time, a count or a share; one that is not printable is a bug upstream (the report check stops
/// it before rendering), and the renderers show it as not available, never as a made-up number.
bool printable(double x);

/// `x` rounded to `decimals` places after the point (the double nearest that decimal).
double round_decimals(double x, int decimals);
/// `x` rounded to `digits` significant digits (the double nearest that decimal).
double round_significant(double x, int digits);

/// Money as printed: to the cent; nullopt for NaN or infinity.
std::optional<double> cents(double usd);
/// The option's monthly cost as printed: the sum of its items' printed (rounded) amounts, so
/// the printed total always equals the sum of the printed items; nullopt when infeasible.
std::optional<double> printed_monthly_cost(const Option& option);

/// "1,240" / "1,234.5": fixed `decimals`, thousands separated by commas; "n/a" when not finite.
std::string with_thousands(double x, int decimals);

// The formats below spell "n/a" for a figure that is not printable().

/// "$1,234.56".
std::string format_usd(double usd);
/// A unit price: at least two decimals, up to six significant digits ("$0.0000166667" stays exact).
std::string format_unit_price(double usd);
/// A quantity: thousands separators; no decimals from 1,000, at most two below, three significant
/// digits below 1.
std::string format_quantity(double x);
/// A fraction as a percentage: "0.03%", "<0.01%" for tiny non-zero values, "0%" for zero.
std::string format_percent(double fraction);
/// Milliseconds with thousands separators: to 0.1 ms below a second ("270.3"), whole above
/// ("1,235").
std::string format_ms(double ms);
/// A count: an integer when integral, else one decimal ("3.5").
std::string format_count(double x);

// The unit a duration is read in: rules/duration_unit.hpp, shared with the report's sentences.
/// A duration for a reader: "899.1 ms" and "1,235 ms" below 10 s, then seconds, minutes or hours to
/// one decimal below 100 and whole above, trailing ".0" dropped ("12.3 s", "14 min", "103 h").
std::string format_duration_ms(double ms);
/// The same from seconds ("24.2 h", "1 h").
std::string format_duration_seconds(double seconds);
/// A range of durations: the unit once when both ends read in it ("897.2-902.6 ms", "14-15 min"),
/// else after each ("9,870 ms-10.2 s").
std::string format_duration_range_ms(double low_ms, double high_ms);
/// The number of `ms` in `unit`, without the unit, as format_duration_ms() spells it.
std::string format_duration_in(double ms, DurationUnit unit);

}  // namespace computefit
