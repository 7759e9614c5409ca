#pragma once
// `recommend --format sarif`: the report SARIF 2.1.0 for code-scanning tools.

#include <string>

#include "advisor/report.hpp"

namespace computefit {

/// The report as sarif (SARIF 2.1.0 for code-scanning tools).
std::string render_sarif(const Report& report);

}  // namespace computefit
