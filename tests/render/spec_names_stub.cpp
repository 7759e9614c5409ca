// The two spec spellings the renderers print, for linking the render tests while the spec stage
// has no sources of its own (tests/render/CMakeLists.txt decides). SPEC.md is their reference.

#include "spec/spec.hpp"

namespace computefit {

std::string_view to_string(RuntimeId v) {
  switch (v) {
    case RuntimeId::lambda:
      return "lambda";
    case RuntimeId::ecs_fargate:
      return "ecs-fargate";
    case RuntimeId::ecs_ec2:
      return "ecs-ec2";
    case RuntimeId::eks:
      return "eks";
  }
  return "unknown";
}

std::string_view to_string(ServiceKind v) {
  switch (v) {
    case ServiceKind::http:
      return "http";
    case ServiceKind::worker:
      return "worker";
    case ServiceKind::event:
      return "event";
    case ServiceKind::scheduled:
      return "scheduled";
  }
  return "unknown";
}

}  // namespace computefit
