#include "rules/finding.hpp"

#include <array>
#include <utility>

namespace computefit {

namespace {

// The contract's spellings, in severity order.
constexpr std::array<std::pair<Severity, std::string_view>, 5> kSeverityNames = {{
    {Severity::info, "info"},
    {Severity::low, "low"},
    {Severity::medium, "medium"},
    {Severity::high, "high"},
    {Severity::critical, "critical"},
}};

}  // namespace

std::string_view to_string(Severity severity) {
  for (const auto& [value, name] : kSeverityNames) {
    if (value == severity) return name;
  }
  return "unknown";
}

std::optional<Severity> severity_from_string(std::string_view s) {
  for (const auto& [value, name] : kSeverityNames) {
    if (name == s) return value;
  }
  return std::nullopt;
}

}  // namespace computefit
