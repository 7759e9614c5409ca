// Prints the renderers' JSON of the sample report, for the schema check (validate_sample_json.py):
// `render_sample_json` the report of a steady-state estimate, `render_sample_json simulated` the
// same as if a one-day simulation had run, `render_sample_json simulate` a simulate run,
// `render_sample_json sarif` the sample report as SARIF, `render_sample_json markdown` as Markdown
// (for markdown_gfm_test.py); `revision2` and `revision2-markdown` the same for the report with
// revision 2's fields (samples, estimate kinds, interval notes, no SLO, hour-long runs);
// `templates` and `templates-markdown` the same for the report made from templates (what they
// leave unknown, what was skipped).

#include <iostream>
#include <string_view>

#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/sample_report.hpp"
#include "render/sarif.hpp"
#include "render/simulate.hpp"

int main(int argc, char** argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "simulate") {
    std::cout << computefit::render_simulate_json(computefit::sample_simulation());
    return 0;
  }
  const bool revision2 = mode.rfind("revision2", 0) == 0;
  const bool templates = mode.rfind("templates", 0) == 0;
  computefit::Report report = revision2   ? computefit::revision2_report()
                              : templates ? computefit::templates_report()
                                          : computefit::sample_report();
  if (mode == "markdown" || mode == "revision2-markdown" || mode == "templates-markdown") {
    std::cout << computefit::render_markdown(report);
    return 0;
  }
  if (mode == "sarif") {
    std::cout << computefit::render_sarif(report);
    return 0;
  }
  if (mode == "simulated") report.simulated_days = 1;
  std::cout << computefit::render_json(report);
  return 0;
}
