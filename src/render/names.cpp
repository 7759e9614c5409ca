#include "render/names.hpp"

namespace computefit {

std::string_view to_string(EstimateKind kind) {
  switch (kind) {
    case EstimateKind::simulation:
      return "simulation";
    case EstimateKind::steady_state:
      return "steady-state";
    case EstimateKind::none:
      break;
  }
  return "none";
}

}  // namespace computefit
