#include "runtimes/lambda_limits.hpp"

#include <algorithm>

namespace computefit {

const LambdaLimits& lambda_limits() {
  static const LambdaLimits kLimits;
  return kLimits;
}

double lambda_vcpu(double memory_mb) {
  const LambdaLimits& limits = lambda_limits();
  return std::min(limits.max_vcpu, memory_mb / limits.mb_per_vcpu);
}

}  // namespace computefit
