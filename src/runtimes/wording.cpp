#include "runtimes/wording.hpp"

#include <fmt/format.h>

#include <cmath>

namespace computefit {

std::string grouped(double value, int decimals) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const auto dot = digits.find('.');
  std::string whole = digits.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : digits.substr(dot);
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  const bool negative = value < 0 && std::stod(digits) != 0;
  return (negative ? "-" : "") + out + fraction;
}

std::string seconds_phrase(double seconds) {
  const std::string base = grouped(seconds, seconds == std::floor(seconds) ? 0 : 1) + " s";
  if (seconds >= 7200) return base + " (" + short_number(seconds / 3600) + " h)";
  if (seconds >= 120) return base + " (" + short_number(seconds / 60) + " min)";
  return base;
}

std::string span_text(double seconds) {
  if (seconds < 120) return short_number(seconds) + " s";
  if (seconds < 7'200) return fmt::format("{:.3g} min", seconds / 60);
  if (seconds < 72 * 3'600) return fmt::format("{:.3g} h", seconds / 3'600);
  return fmt::format("{:.3g} days", seconds / 86'400);
}

std::string short_number(double value) {
  std::string s = fmt::format("{:.2f}", value);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

}  // namespace computefit
