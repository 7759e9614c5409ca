#include "render/render.hpp"

#include <array>

namespace computefit {

namespace {

std::string text_format(const Report& report, const RenderOptions& options) {
  return render_text(report, TextStyle{options.colour, options.width});
}

std::string json_format(const Report& report, const RenderOptions&) {
  return render_json(report);
}

constexpr std::array<OutputFormat, 2> kFormats = {{
    {"text", "an aligned report for a terminal", text_format},
    {"json", "the JSON output contract (docs/schema/recommend.schema.json)", json_format},
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
