#include "pricing/price_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace computefit {

std::string unit_price_text(double usd) {
  if (!std::isfinite(usd)) return std::isnan(usd) ? "n/a" : (usd > 0 ? "inf" : "-inf");
  if (usd == 0) return "$0.00";
  constexpr int kSignificant = 6;
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(usd))));
  const int decimals = std::max(2, kSignificant - 1 - magnitude);
  std::string text = fmt::format("{:.{}f}", std::fabs(usd), decimals);
  const std::size_t point = text.find('.');
  std::size_t keep = text.size();
  while (keep > point + 3 && text[keep - 1] == '0') --keep;
  text.resize(keep);
  // Thousands separators for the integer part ("$1,234.5").
  for (std::size_t at = point; at > 3;) {
    at -= 3;
    text.insert(at, 1, ',');
  }
  return fmt::format("{}${}", usd < 0 ? "-" : "", text);
}

}  // namespace computefit
