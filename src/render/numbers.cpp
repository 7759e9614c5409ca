#include "render/numbers.hpp"
#include "rules/wording.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string_view>

namespace computefit {

namespace {

constexpr std::string_view kNotAvailable = "n/a";

constexpr double kMsPerSecond = 1000;

// Reading the decimal back gives the double nearest to it, whose shortest spelling (what
// nlohmann::json prints) is that decimal: no "0.30000000000000004" in the output.
double parse_decimal(std::string_view text) {
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value == 0 ? 0.0 : value;  // never "-0.0"
}

std::string group_thousands(std::string digits) {
  const std::size_t start = digits.front() == '-' ? 1 : 0;
  const std::size_t point = digits.find('.');
  std::size_t end = point == std::string::npos ? digits.size() : point;
  while (end > start + 3) {
    end -= 3;
    digits.insert(end, 1, ',');
  }
  return digits;
}

// Drops trailing zeros after the point, keeping at least `min_decimals` of them.
std::string trim_zeros(std::string text, int min_decimals) {
  const std::size_t point = text.find('.');
  if (point == std::string::npos) return text;
  std::size_t keep = text.size();
  while (keep > point + 1 + static_cast<std::size_t>(min_decimals) && text[keep - 1] == '0') --keep;
  if (keep == point + 1) keep = point;  // no decimals left: no point either
  return text.substr(0, keep);
}

// Decimals needed to show `digits` significant digits of |x| (x != 0).
int decimals_for_significant(double x, int digits) {
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(x))));
  return std::max(0, digits - 1 - magnitude);
}

// A figure in seconds, minutes or hours as printed: one decimal below 100, whole above.
double round_in_unit(double value) {
  const double tenths = round_decimals(value, 1);
  return tenths < 100 ? tenths : round_decimals(value, 0);
}

}  // namespace

bool printable(double x) {
  return std::isfinite(x) && x >= 0;
}

double round_decimals(double x, int decimals) {
  if (!std::isfinite(x)) return x;
  return parse_decimal(fmt::format("{:.{}f}", x, decimals));
}

double round_significant(double x, int digits) {
  if (!std::isfinite(x) || x == 0) return std::isfinite(x) ? 0.0 : x;
  return parse_decimal(fmt::format("{:.{}e}", x, digits - 1));
}

std::optional<double> cents(double usd) {
  if (!std::isfinite(usd)) return std::nullopt;
  return round_decimals(usd, 2);
}

std::optional<double> printed_monthly_cost(const Option& option) {
  if (!option.feasible) return std::nullopt;
  if (option.cost_items.empty()) {
    return option.monthly_cost_usd ? cents(*option.monthly_cost_usd) : std::nullopt;
  }
  double sum = 0;
  for (const CostItem& item : option.cost_items) {
    const std::optional<double> amount = cents(item.monthly_usd);
    if (!amount) return std::nullopt;
    sum += *amount;
  }
  return round_decimals(sum, 2);
}

std::string with_thousands(double x, int decimals) {
  if (!std::isfinite(x)) return std::string(kNotAvailable);
  return group_thousands(fmt::format("{:.{}f}", round_decimals(x, decimals), decimals));
}

std::string format_usd(double usd) {
  if (!printable(usd)) return std::string(kNotAvailable);
  // fmt, not operator+: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string here.
  return fmt::format("${}", with_thousands(round_decimals(usd, 2), 2));
}

std::string format_unit_price(double usd) {
  if (!printable(usd)) return std::string(kNotAvailable);
  if (usd == 0) return "$0.00";
  const int decimals = std::max(2, decimals_for_significant(usd, 6));
  return fmt::format("${}", trim_zeros(with_thousands(usd, decimals), 2));
}

std::string format_quantity(double x) {
  if (!printable(x)) return std::string(kNotAvailable);
  if (x == 0) return "0";
  // Enough digits to read; the JSON output keeps them all.
  const double magnitude = std::fabs(x);
  const int decimals = magnitude < 1 ? decimals_for_significant(x, 3) : (magnitude < 1000 ? 2 : 0);
  return trim_zeros(with_thousands(x, decimals), 0);
}

std::string format_percent(double fraction) {
  if (!printable(fraction)) return std::string(kNotAvailable);
  if (fraction == 0) return "0%";
  const double percent = fraction * 100;
  if (std::fabs(percent) < 0.005) return "<0.01%";
  return with_thousands(percent, 2) + "%";
}

std::string format_ms(double ms) {
  if (!printable(ms)) return std::string(kNotAvailable);
  // A tenth of a millisecond is noise beside a second; the JSON output keeps it.
  constexpr double kWholeMillisecondsFrom = 1000;
  return with_thousands(ms, std::fabs(ms) < kWholeMillisecondsFrom ? 1 : 0);
}

std::string format_count(double x) {
  if (!printable(x)) return std::string(kNotAvailable);
  if (x == std::floor(x)) return with_thousands(x, 0);
  return with_thousands(x, 1);
}

std::string format_duration_in(double ms, DurationUnit unit) {
  if (!printable(ms)) return std::string(kNotAvailable);
  if (unit == DurationUnit::ms) return format_ms(ms);
  const double value = ms / unit_ms(unit);
  return trim_zeros(with_thousands(value, round_in_unit(value) < 100 ? 1 : 0), 0);
}

std::string format_duration_ms(double ms) {
  if (!printable(ms)) return std::string(kNotAvailable);
  const DurationUnit unit = duration_unit(ms);
  return fmt::format("{} {}", format_duration_in(ms, unit), unit_name(unit));
}

std::string format_duration_seconds(double seconds) {
  return format_duration_ms(seconds * kMsPerSecond);
}

std::string format_duration_range_ms(double low_ms, double high_ms) {
  const DurationUnit low = duration_unit(low_ms);
  const DurationUnit high = duration_unit(high_ms);
  if (low == high && printable(low_ms) && printable(high_ms)) {
    return fmt::format("{}-{} {}", format_duration_in(low_ms, low),
                       format_duration_in(high_ms, high), unit_name(low));
  }
  return fmt::format("{}-{}", format_duration_ms(low_ms), format_duration_ms(high_ms));
}

}  // namespace computefit
