#include "workload/defaults.hpp"

#include <array>

namespace computefit {
namespace {

struct ColdStartRow {
  Language language;
  double p50_ms;
  double p99_ms;
};

// SPEC.md "Lambda cold-start defaults": init of a typical application, not of hello-world; the
// hello-world figures of maxday/lambda-perf (2026-08-22) are the floor.
constexpr std::array<ColdStartRow, 8> kColdStarts = {{
    {Language::rust, 60, 200},
    {Language::go, 100, 300},
    {Language::nodejs, 250, 800},
    {Language::python, 300, 1000},
    {Language::ruby, 350, 1000},
    {Language::dotnet, 700, 2000},
    {Language::java, 1500, 4000},  // without SnapStart
    {Language::container, 800, 2500},
}};

struct FargateSize {
  double max_memory_mb;
  double vcpu;
};

// Fargate task sizes
// (docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html, "Task CPU and
// memory", read 2025-07): the largest memory each CPU size allows.
constexpr std::array<FargateSize, 7> kFargateSizes = {{
    {2048, 0.25},
    {4096, 0.5},
    {8192, 1},
    {16384, 2},
    {30720, 4},
    {61440, 8},
    {122880, 16},
}};

}  // namespace

DurationSpec default_duration() {
  // A placeholder, not a measurement: SPEC.md makes duration_ms optional but gives no default.
  // 100 ms is a typical I/O-bound API request (a few indexed queries); every real spec should
  // state its own, from its traces or logs.
  DurationSpec d;
  d.kind = DurationSpec::Kind::fixed;
  d.fixed_ms = 100;
  return d;
}

DurationSpec default_cold_start(Language language) {
  DurationSpec d;
  d.kind = DurationSpec::Kind::lognormal;
  for (const ColdStartRow& row : kColdStarts) {
    if (row.language == language) {
      d.p50_ms = row.p50_ms;
      d.p99_ms = row.p99_ms;
    }
  }
  return d;
}

double default_vcpu(double memory_mb) {
  for (const FargateSize& size : kFargateSizes) {
    if (memory_mb <= size.max_memory_mb) return size.vcpu;
  }
  return kFargateSizes.back().vcpu;
}

int default_concurrency(ServiceKind kind) {
  switch (kind) {
    case ServiceKind::http:
      return 20;
    case ServiceKind::event:
      return 10;
    case ServiceKind::worker:
    case ServiceKind::scheduled:
      return 1;
  }
  return 1;
}

int default_min_tasks(ServiceKind kind) {
  return kind == ServiceKind::http ? 2 : 1;
}

double default_target_utilization(ServiceKind kind) {
  return kind == ServiceKind::worker ? 1.0 : 0.7;
}

bool default_interruption_tolerant(ServiceKind kind) {
  return kind != ServiceKind::http;
}

}  // namespace computefit
