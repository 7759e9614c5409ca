// Fuzzes `simulate` on small specs: any bytes as a spec; when it validates and its first service is
// small (the bounds below), every runtime it considers is sized and simulated for a short window,
// as `computefit simulate --days 0.01` does. The run must end, and its figures must be finite,
// non-negative and consistent. The bounds keep one input to a fraction of a second so the fuzzer
// explores shapes and options, not sizes; the work the simulator does for large inputs is bounded
// by its own limits, tested elsewhere.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "pricing/price_catalog.hpp"
#include "runtimes/runtime_model.hpp"
#include "runtimes/simulation.hpp"
#include "workload/spec_loader.hpp"

namespace {

using namespace computefit;

// How small a fuzzed service must be to be simulated here.
struct FuzzBounds {
  double days = 0.01;             // `simulate --days 0.01`: 864 s measured after the burn-in
  double max_requests = 100'000;  // arrivals per run, burn-in included
  double max_rps = 5;             // mean and peak rates
  double max_peak_rps = 50;
  int max_tasks = 50;  // tasks, hosts, concurrency
  int max_concurrency = 200;
  double max_duration_ms = 60'000;  // one request's typical duration
  std::size_t max_trace_rows = 200;
};
constexpr FuzzBounds kBounds{};

bool small_enough(const Service& s) {
  const Traffic& t = s.traffic;
  if (t.rps > kBounds.max_rps || t.peak_rps.value_or(0) > kBounds.max_peak_rps) return false;
  if (t.trace.size() > kBounds.max_trace_rows) return false;
  if (s.duration_ms.mean() > kBounds.max_duration_ms) return false;
  if (s.concurrency_per_instance > kBounds.max_concurrency) return false;
  const LambdaConfig& l = s.runtimes.lambda;
  if (l.provisioned_concurrency > kBounds.max_tasks ||
      l.account_concurrency > kBounds.max_concurrency * 10) {
    return false;
  }
  for (const ContainerConfig* c : {&s.runtimes.ecs_fargate, &s.runtimes.ecs_ec2, &s.runtimes.eks}) {
    if (c->min_tasks > kBounds.max_tasks || c->max_tasks > kBounds.max_tasks) return false;
    if (c->min_hosts > kBounds.max_tasks || c->max_hosts > kBounds.max_tasks) return false;
  }
  return true;
}

[[noreturn]] void fail(const char* what, RuntimeId runtime) {
  std::fprintf(stderr, "simulate on %s: %s\n", std::string(to_string(runtime)).c_str(), what);
  __builtin_trap();
}

bool finite_non_negative(double v) {
  return std::isfinite(v) && v >= 0;
}

void check(const sim::SimulationResult& r, RuntimeId runtime) {
  if (r.requests < 0 || r.completed < 0 || r.throttled < 0 || r.timed_out < 0) {
    fail("negative count", runtime);
  }
  if (r.completed + r.throttled + r.timed_out != r.requests) {
    fail("completed + throttled + timed out != requests", runtime);
  }
  const sim::LatencySummaryMs& l = r.latency_ms;
  for (const double v :
       {l.mean, l.p50, l.p90, l.p95, l.p99, l.p999, l.max, r.throttled_fraction,
        r.cold_start_fraction, r.instances.mean, r.db_connections.mean, r.usage.lambda_requests,
        r.usage.lambda_gb_seconds, r.usage.lambda_provisioned_gb_seconds,
        r.usage.lambda_provisioned_duration_gb_seconds, r.usage.task_vcpu_hours,
        r.usage.task_gb_hours, r.usage.host_hours}) {
    if (!finite_non_negative(v)) fail("a figure is negative or not finite", runtime);
  }
  if (!(l.p50 <= l.p95 && l.p95 <= l.p99)) fail("p50 <= p95 <= p99 does not hold", runtime);
  if (r.p99_ms_interval) {
    if (!finite_non_negative(r.p99_ms_interval->low) || !std::isfinite(r.p99_ms_interval->high) ||
        r.p99_ms_interval->low > r.p99_ms_interval->high) {
      fail("p99 interval is not an ordered pair of non-negative figures", runtime);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const MemoryFileSystem fs = [] {
    MemoryFileSystem f;
    f.add("fuzz/trace.csv", "seconds_from_start,count\n0,60\n60,120\n120,600\n180,120\n");
    return f;
  }();
  static const PriceCatalog catalog = builtin_price_catalog();
  const std::string text(reinterpret_cast<const char*>(data), size);
  const SpecLoadResult loaded = parse_spec(text, "fuzz/spec.yaml", fs);
  if (!loaded.spec || loaded.spec->services.empty()) return 0;
  const Spec& spec = *loaded.spec;
  const Service& service = spec.services.front();
  if (!small_enough(service)) return 0;

  SimulationBudget budget;
  budget.seconds = kBounds.days * 86'400;
  budget.max_requests = kBounds.max_requests;
  budget.seed = size;
  const SamplePlan plan = plan_for(service, budget, /*exact=*/true);
  for (const RuntimeId runtime : service.runtimes.consider) {
    const RuntimeEstimate estimate = evaluate_runtime(service, runtime, spec, catalog);
    if (!estimate.feasible || !can_simulate(service, runtime)) continue;
    const auto result = simulate_runtime(service, runtime, spec, estimate, plan, budget.seed);
    if (!result) continue;
    check(*result, runtime);
  }
  return 0;
}
