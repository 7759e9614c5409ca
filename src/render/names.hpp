#pragma once
// Spellings of the report's own enums (Severity); the spec's enums are spelled in src/spec.

#include <optional>
#include <string_view>

#include "advisor/report.hpp"

namespace computefit {

/// "info", "low", "medium", "high", "critical" back to a Severity; nullopt for anything else.
std::optional<Severity> severity_from_string(std::string_view s);

}  // namespace computefit
