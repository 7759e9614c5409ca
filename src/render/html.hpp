#pragma once
// `recommend --format html`: the report one self-contained page with inline SVG charts.

#include <string>

#include "advisor/report.hpp"

namespace computefit {

/// The report as html (one self-contained page with inline SVG charts).
std::string render_html(const Report& report);

}  // namespace computefit
