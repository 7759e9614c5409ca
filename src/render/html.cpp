#include "render/html.hpp"

namespace computefit {

std::string render_html(const Report& report) {
  return report.spec_name;
}

}  // namespace computefit
