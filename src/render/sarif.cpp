#include "render/sarif.hpp"

namespace computefit {

std::string render_sarif(const Report& report) {
  return report.spec_name;
}

}  // namespace computefit
