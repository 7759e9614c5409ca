#include "render/render.hpp"

#include <array>

#include "render/html.hpp"
#include "render/markdown.hpp"
#include "render/sarif.hpp"

namespace computefit {

namespace {

std::string text_format(const Report& report, const RenderOptions& options) {
  return render_text(report, TextStyle{options.colour, options.width});
}

std::string json_format(const Report& report, const RenderOptions&) {
  return render_json(report);
}

std::string markdown_format(const Report& report, const RenderOptions&) {
  return render_markdown(report);
}

std::string html_format(const Report& report, const RenderOptions&) {
  return render_html(report);
}

std::string sarif_format(const Report& report, const RenderOptions&) {
  return render_sarif(report);
}

constexpr std::array<OutputFormat, 5> kFormats = {{
    {"text", "an aligned report for a terminal", text_format},
    {"json", "the JSON output contract (docs/schema/recommend.schema.json)", json_format},
    {"markdown", "for a design document or a pull-request comment", markdown_format},
    {"html", "one self-contained page with inline SVG charts", html_format},
    {"sarif", "SARIF 2.1.0 for code-scanning tools", sarif_format},
}};

}  // namespace

std::span<const OutputFormat> render_formats() {
  return kFormats;
}

const OutputFormat* find_format(std::string_view name) {
  for (const OutputFormat& format : kFormats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

std::string format_names() {
  std::string names;
  for (const OutputFormat& format : kFormats) {
    if (!names.empty()) names += ", ";
    names += format.name;
  }
  return names;
}

}  // namespace computefit
