#include "render/lint.hpp"

#include <array>

#include "render/sarif.hpp"

namespace computefit {
namespace {

std::string lint_sarif(const LintReport& report) {
  return render_sarif(report.report);
}

constexpr std::array<LintFormat, 3> kLintFormats = {{
    {"text", "one line per finding, FILE:LINE:COLUMN first", render_lint_text},
    {"json", "the lint output contract (docs/schema/lint.schema.json)", render_lint_json},
    {"sarif", "SARIF 2.1.0 for code-scanning tools", lint_sarif},
}};

}  // namespace

std::span<const LintFormat> lint_formats() {
  return kLintFormats;
}

const LintFormat* find_lint_format(std::string_view name) {
  for (const LintFormat& format : kLintFormats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

std::string lint_format_names() {
  std::string names;
  for (const LintFormat& format : kLintFormats) {
    if (!names.empty()) names += ", ";
    names += format.name;
  }
  return names;
}

}  // namespace computefit
