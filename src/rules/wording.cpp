#include "rules/wording.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

namespace computefit {

std::string_view runtime_label(RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::lambda:
      return "Lambda";
    case RuntimeId::ecs_fargate:
      return "ECS on Fargate";
    case RuntimeId::ecs_ec2:
      return "ECS on EC2";
    case RuntimeId::eks:
      return "EKS";
  }
  return "?";
}

std::string thousands(double value, int decimals) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t point = digits.find('.');
  std::string whole = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : digits.substr(point);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  const bool negative = value < 0 && std::round(std::fabs(value) * std::pow(10, decimals)) != 0;
  return (negative ? "-" : "") + grouped + fraction;
}

std::string money(double usd) {
  return fmt::format("${}", thousands(usd, 2));
}

std::string signed_money(double usd_difference) {
  if (std::fabs(usd_difference) < 0.005) return "the same";
  return money(std::fabs(usd_difference)) + (usd_difference > 0 ? " more" : " less");
}

std::string milliseconds(double ms) {
  const DurationUnit unit = duration_unit(std::fabs(ms));
  if (unit == DurationUnit::ms) return thousands(ms, std::fabs(ms) < 100 ? 1 : 0) + " ms";
  const double value = ms / unit_ms(unit);
  std::string text = thousands(value, as_printed(std::fabs(value), 1) < 100 ? 1 : 0);
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.resize(text.size() - 2);
  return fmt::format("{} {}", text, unit_name(unit));
}

std::string milliseconds_above(double ms, double limit_ms) {
  const DurationUnit unit = duration_unit(std::fabs(ms));
  const double per_unit = unit_ms(unit);
  const double value = ms / per_unit;
  const double limit = limit_ms / per_unit;
  int decimals = (unit == DurationUnit::ms ? std::fabs(ms) : as_printed(std::fabs(value), 1)) < 100;
  while (value > limit && decimals < 6 && as_printed(value, decimals) <= limit) ++decimals;
  std::string text = thousands(value, decimals);
  if (unit != DurationUnit::ms && decimals == 1 && text.size() > 2 &&
      text.substr(text.size() - 2) == ".0") {
    text.resize(text.size() - 2);
  }
  return fmt::format("{} {}", text, unit_name(unit));
}

std::string signed_milliseconds(double ms_difference) {
  return fmt::format("{}{}", ms_difference >= 0 ? "+" : "-",
                     milliseconds(std::fabs(ms_difference)));
}

std::string join_sentence(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string join_list(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += "; ";
    out += parts[i];
  }
  return out;
}

std::string lower_first(std::string text) {
  // Leave acronyms ("EKS", "GPU") alone: lower a capital unless a capital follows it.
  if (!text.empty() && std::isupper(static_cast<unsigned char>(text[0])) &&
      (text.size() == 1 || !std::isupper(static_cast<unsigned char>(text[1])))) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::string upper_first(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace computefit
