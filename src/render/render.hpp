#pragma once
// The output formats of `recommend --format FMT[:FILE]`: one file per format, listed once here.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "advisor/report.hpp"
#include "render/json.hpp"
#include "render/names.hpp"
#include "render/text.hpp"

namespace computefit {

/// What the caller knows about where the output goes.
struct RenderOptions {
  bool colour = false;      ///< the output is a terminal and NO_COLOR is unset
  std::size_t width = 100;  ///< terminal columns (text)
};

/// One output format: its --format name and a pure function of the report.
struct OutputFormat {
  std::string_view name;
  std::string_view description;
  std::string (*render)(const Report& report, const RenderOptions& options);
};

/// Every output format, the default (text) first.
std::span<const OutputFormat> render_formats();
/// The format called `name`, or nullptr.
const OutputFormat* find_format(std::string_view name);
/// The names for help and error messages: "text, json".
std::string format_names();

}  // namespace computefit
