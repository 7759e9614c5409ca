#pragma once
// `recommend --format text`: the report for a person at a terminal.

#include <cstddef>
#include <string>

#include "advisor/report.hpp"

namespace computefit {

/// How the text report is laid out; the caller decides colour (a terminal, NO_COLOR unset).
struct TextStyle {
  bool colour = false;      ///< ANSI colours and bold; no escape codes at all when false
  std::size_t width = 100;  ///< terminal columns the report is wrapped and aligned to
};

/// The report as aligned text: a header, then per service the recommendation and why, the options
/// best first with their sizing, cost items, reasons and findings; then totals and assumptions.
std::string render_text(const Report& report, const TextStyle& style);

}  // namespace computefit
