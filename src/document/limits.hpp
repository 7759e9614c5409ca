#pragma once
// The bounds the spec validator enforces, in one table. They reject values no real workload has
// (negative, infinite, or absurd like 1e308 requests per second) and leave feasibility to the
// runtime models: a 20 GiB function is a valid spec that Lambda cannot run, not a spec error.
// Each bound sits orders of magnitude above the largest real figure named beside it.

#include <cstddef>

namespace computefit::limits {

/// The spec file itself: a workload spec is a few kilobytes; this also bounds parse time.
inline constexpr std::size_t kMaxSpecBytes = 256u << 10;
/// A trace file (10 million rows of `seconds,count`).
inline constexpr std::size_t kMaxTraceBytes = 256u << 20;
inline constexpr std::size_t kMaxTraceRows = 10'000'000;
/// Intervals a trace is kept as, at most: a longer trace has runs of 2, 4, 8... consecutive rows
/// merged into one interval as it is read (each run's count spread over the run), so its memory
/// and the work of every estimate and sample plan over it do not grow with its length. A week at
/// one row a minute (10,080 rows) is kept row for row; a day at one row a second becomes 4-second
/// intervals, which no scaling datapoint (one a minute) can tell apart.
inline constexpr std::size_t kMaxTraceIntervals = 32'768;
/// YAML nodes visited (aliases counted each time they are used) and nesting depth: a spec has a
/// few hundred nodes (fifty per service), six levels deep. Beyond these the input is hostile (an
/// alias bomb).
inline constexpr std::size_t kMaxNodes = 50'000;
inline constexpr int kMaxDepth = 64;
/// Diagnostics printed for one file: past this, a count of the rest.
inline constexpr std::size_t kMaxDiagnostics = 100;

/// Templates and plans (src/readers/). CloudFormation deploys a template of at most 1 MB (its quota
/// for a template in S3; CDK and SAM output too): four times that, and a million values (a value
/// takes at least a few bytes of YAML).
inline constexpr std::size_t kMaxTemplateBytes = 4u << 20;
inline constexpr std::size_t kMaxTemplateNodes = 1'000'000;
/// A JSON document (a Terraform plan, a CDK manifest): plans of a few thousand resources reach
/// tens of MB; the node bound keeps the tree (88 bytes a value) under 0.7 GiB.
inline constexpr std::size_t kMaxDocumentBytes = 256u << 20;
inline constexpr std::size_t kMaxDocumentNodes = 8'000'000;
/// Nesting: templates and plans nest a few dozen levels; deeper input is hostile.
inline constexpr int kMaxDocumentDepth = 1'000;

/// Arrivals: the busiest public APIs serve ~1e6 requests per second.
inline constexpr double kMaxRps = 1e7;
/// Memory: the largest EC2 instances have 32 TiB; no single task or function comes near 4 TiB.
inline constexpr double kMaxMemoryMb = 4.0 * 1024 * 1024;
/// vCPU: the largest EC2 instances have under 2,000 vCPU.
inline constexpr double kMaxVcpu = 2048;
/// Any duration or latency: one year.
inline constexpr double kMaxDurationMs = 365.0 * 24 * 3600 * 1000;
inline constexpr double kMaxSeconds = 365.0 * 24 * 3600;
/// Payloads and log volume per request: 1 TiB.
inline constexpr double kMaxKb = 1024.0 * 1024 * 1024;
/// Counts of instances, tasks, hosts, connections and concurrency.
inline constexpr double kMaxCount = 1e7;
/// GPUs on one host (the largest have 16).
inline constexpr double kMaxGpus = 64;
/// Memory of one GPU, GiB (the largest data-centre GPUs have under 200).
inline constexpr double kMaxGpuMemoryGb = 1024;
/// Availability zones in one region (us-east-1 has 6).
inline constexpr double kMaxAzs = 6;
/// Calls to a downstream per request.
inline constexpr double kMaxCallsPerRequest = 1e6;
/// Trace rows.
inline constexpr double kMaxTraceSeconds = 10.0 * 365 * 24 * 3600;
inline constexpr double kMaxTraceCount = 1e12;
/// Price catalogs: a unit price in USD (the dearest AWS unit prices, GPU instances, are under
/// $100 an hour) and a quantity (free-tier allowances, tier bounds: the largest is 2e10 requests).
/// Past these a monthly figure could overflow a double and print as inf.
inline constexpr double kMaxUnitPriceUsd = 1e6;
inline constexpr double kMaxCatalogQuantity = 1e15;
/// Lambda's maximum timeout: 900 seconds
/// (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
inline constexpr double kLambdaMaxTimeoutSeconds = 900;

}  // namespace computefit::limits
