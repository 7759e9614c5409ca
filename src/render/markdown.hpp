#pragma once
// `recommend --format markdown`: the report for a design document or a pull-request comment.

#include <string>

#include "advisor/report.hpp"

namespace computefit {

/// The report as markdown (for a design document or a pull-request comment).
std::string render_markdown(const Report& report);

}  // namespace computefit
