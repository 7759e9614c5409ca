#pragma once
// `lint --format FMT[:FILE]`: text (one line per finding, as compilers and linters write them),
// json (SPEC.md's lint output, docs/schema/lint.schema.json) and sarif (the recommend report's
// SARIF writer, each result located in the template).

#include <span>
#include <string>
#include <string_view>

#include "advisor/lint.hpp"

namespace computefit {

/// One output format of lint: its --format name and a pure function of the lint report.
struct LintFormat {
  std::string_view name;
  std::string_view description;
  std::string (*render)(const LintReport& report);
};

/// Every lint output format, the default (text) first.
std::span<const LintFormat> lint_formats();
/// The lint format called `name`, or nullptr.
const LintFormat* find_lint_format(std::string_view name);
/// The names for help and error messages: "text, json, sarif".
std::string lint_format_names();

/// `FILE:LINE:COLUMN: severity: SERVICE: message [id]` a finding, then notes and a summary line.
std::string render_lint_text(const LintReport& report);
/// SPEC.md's `{computefit_version, contract_version, files, findings, unknowns, fail_on}`, with
/// the services judged, the skipped resources and the notes after them.
std::string render_lint_json(const LintReport& report);

}  // namespace computefit
