#pragma once
// How the renderers round and spell numbers, shared so that text and JSON show the same figures.

#include <optional>
#include <string>

#include "advisor/report.hpp"

namespace computefit {

/// `x` rounded to `decimals` places after the point (the double nearest that decimal).
double round_decimals(double x, int decimals);
/// `x` rounded to `digits` significant digits (the double nearest that decimal).
double round_significant(double x, int digits);

/// Money as printed: to the cent; nullopt for NaN or infinity.
std::optional<double> cents(double usd);
/// The option's monthly cost as printed: the sum of its items' printed (rounded) amounts, so
/// the printed total always equals the sum of the printed items; nullopt when infeasible.
std::optional<double> printed_monthly_cost(const Option& option);

/// "1,240" / "1,234.5": fixed `decimals`, thousands separated by commas.
std::string with_thousands(double x, int decimals);
/// "$1,234.56" ("-$3.10" for a credit).
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

}  // namespace computefit
