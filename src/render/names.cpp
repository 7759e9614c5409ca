#include "render/names.hpp"

namespace computefit {

std::string_view to_string(EstimateKind kind) {
  return kind == EstimateKind::simulation ? "simulation" : "steady-state";
}

}  // namespace computefit
