#include "render/markdown.hpp"

namespace computefit {

std::string render_markdown(const Report& report) {
  return report.spec_name;
}

}  // namespace computefit
