#pragma once
// AWS Lambda's hard limits, each with its source and the date it was read (docs/runtimes.md).

#include <string>

#include "sim/lambda_sim.hpp"

namespace computefit {

/// The limits the simulator also uses (timeout, account concurrency, scaling rate) come from its
/// one table, sim::kLambdaDefaults, so the two cannot disagree.
struct LambdaLimits {
  double timeout_seconds = sim::kLambdaDefaults.timeout_seconds;
  double memory_min_mb = 128;
  double memory_max_mb = 10240;
  double memory_step_mb = 1;
  double mb_per_vcpu = 1769;  ///< 1,769 MB of memory = one vCPU-second of credits per second
  double max_vcpu = 6;
  double sync_payload_mb = 6;  ///< request and response, synchronous (http)
  /// Asynchronous invocation (event) and an SQS message (worker): 1 MB since AWS raised both from
  /// 256 KB in 2025 (Invoke API reference: "For asynchronous invocations, the maximum payload size
  /// is 1 MB").
  double async_payload_mb = 1;
  double ephemeral_min_gb = 0.5;  ///< /tmp included
  double ephemeral_max_gb = 10;   ///< /tmp configurable up to 10,240 MB
  double image_max_gb = 10;       ///< container image
  /// All of a function's environment variables together, as Lambda measures them (the map as
  /// JSON, UTF-8 bytes): 4 KB; a deploy over it fails (gettingstarted-limits.html).
  int environment_max_bytes = 4096;
  int account_concurrency = sim::kLambdaDefaults.account_concurrency;  ///< default per region
  /// new environments per function ... every this many seconds
  int scale_environments = sim::kLambdaDefaults.scaling_environments;
  double scale_period_seconds = sim::kLambdaDefaults.scaling_window_seconds;
  std::string source =
      "docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, "
      "configuration-memory.html, lambda-concurrency.html, scaling-behavior.html, API_Invoke.html";
  std::string as_of = "2026-11-29";
};

/// The one table of Lambda limits.
const LambdaLimits& lambda_limits();

/// vCPU a Lambda function gets at `memory_mb` (linear credits, capped at the maximum).
double lambda_vcpu(double memory_mb);

}  // namespace computefit
