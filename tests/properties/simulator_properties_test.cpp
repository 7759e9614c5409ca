// Properties every simulated run must have, over random valid specs: the run ends; its figures are
// finite and non-negative; completed + throttled + timed out = requests; p50 <= p95 <= p99; the
// same seed gives the same run; and the option's monthly cost is the sum of its line items.
// Specs are written as YAML and read by the loader (so defaults and validation are the user's),
// one service each, small enough (short windows, a few requests per second) that 1,000 of them
// run in seconds.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "pricing/price_catalog.hpp"
#include "pricing/price_estimates.hpp"
#include "runtimes/runtime_model.hpp"
#include "runtimes/simulation.hpp"
#include "workload/spec_loader.hpp"

namespace computefit {
namespace {

/// The random specs: how many, and the ranges they are drawn from (kept small so the whole set
/// runs in well under a minute in a release build).
struct PropertySettings {
  int specs = 1'000;
  std::uint64_t seed = 20'261'203;
  double days = 0.01;         // `simulate --days 0.01`: 864 s measured, after the burn-in
  double max_rps = 3;         // mean rate
  double max_peak_ratio = 8;  // peak over mean, diurnal and bursty
  int reproduce_every = 10;   // every 10th draw is simulated twice
};
constexpr PropertySettings kSettings{};

class SpecWriter {
 public:
  explicit SpecWriter(std::uint64_t seed) : rng_(seed) {}

  /// One service's spec and, for a trace, its CSV (at "prop/trace.csv").
  struct Drawn {
    std::string yaml;
    std::string trace_csv;
  };

  Drawn draw() {
    Drawn d;
    std::ostringstream y;
    const char* kinds[] = {"http", "http", "worker", "event", "scheduled"};
    const std::string kind = kinds[pick(5)];
    y << "version: 1\nname: prop\nservices:\n  - name: svc\n    kind: " << kind << "\n";
    const char* languages[] = {"nodejs", "python", "java", "go", "container"};
    y << "    language: " << languages[pick(5)] << "\n";
    y << "    memory_mb: " << 128 * (1 + pick(16)) << "\n";
    const double vcpus[] = {0.25, 0.5, 1, 2};
    y << "    vcpu: " << vcpus[pick(4)] << "\n";
    const double median = uniform(5, 2'000);
    switch (pick(3)) {
      case 0:
        y << "    duration_ms: " << median << "\n";
        break;
      case 1:
        y << "    duration_ms: { p50: " << median << ", p99: " << median * uniform(1.1, 20)
          << " }\n";
        break;
      default:
        y << "    duration_ms: { mean: " << median << ", distribution: exponential }\n";
    }
    if (pick(4) == 0) y << "    cpu_bound: true\n";
    if (pick(4) == 0) y << "    cpu_ms_per_request: " << median * uniform(0.05, 0.4) << "\n";
    if (kind != "scheduled") {
      y << "    concurrency_per_instance: " << 1 + pick(50) << "\n";
      y << "    traffic:\n";
      const double rps = uniform(0.01, kSettings.max_rps);
      switch (pick(4)) {
        case 0:
          y << "      rps: " << rps << "\n";
          break;
        case 1:
          y << "      rps: " << rps
            << "\n      peak_rps: " << rps * uniform(1, kSettings.max_peak_ratio)
            << "\n      shape: diurnal\n";
          break;
        case 2:
          y << "      rps: " << rps
            << "\n      peak_rps: " << rps * uniform(1, kSettings.max_peak_ratio)
            << "\n      shape: bursty\n"
            << "      burst_seconds: " << 10 + pick(300)
            << "\n      bursts_per_hour: " << uniform(0.1, 6) << "\n";
          break;
        default: {
          y << "      shape: trace\n      trace: trace.csv\n";
          std::ostringstream csv;
          csv << "seconds_from_start,count\n";
          const int rows = 2 + pick(20);
          const double step = uniform(1, 600);
          for (int i = 0; i < rows; ++i) {
            csv << i * step << "," << std::round(uniform(0, rps * step * 2)) << "\n";
          }
          // A trace needs some arrivals.
          csv << rows * step << "," << 1 + std::round(rps * step) << "\n";
          d.trace_csv = csv.str();
        }
      }
    } else {
      y << "    schedule: \"rate(" << 1 + pick(30) << " minutes)\"\n";
    }
    if (pick(3) == 0) y << "    slo: { p99_ms: " << median * uniform(1, 30) << " }\n";
    y << "    runtimes:\n";
    y << "      lambda: { keep_alive_minutes: " << uniform(1, 15)
      << ", provisioned_concurrency: " << (pick(4) == 0 ? pick(4) : 0)
      << ", account_concurrency: " << 10 + pick(1'000) << " }\n";
    for (const char* runtime : {"ecs-fargate", "ecs-ec2", "eks"}) {
      const int min_tasks = pick(4);
      const bool pods = std::string(runtime) == "eks";
      y << "      " << runtime << ": { " << (pods ? "min_pods: " : "min_tasks: ") << min_tasks
        << ", " << (pods ? "max_pods: " : "max_tasks: ") << min_tasks + 1 + pick(20)
        << ", spot: " << (pick(4) == 0 ? "true" : "false") << " }\n";
    }
    d.yaml = y.str();
    return d;
  }

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  double uniform(double low, double high) {
    // Three significant digits, so a failing spec reads plainly.
    const double v = std::uniform_real_distribution<double>(low, high)(rng_);
    const double scale = std::pow(10.0, 2 - std::floor(std::log10(v)));
    return std::round(v * scale) / scale;
  }

 private:
  std::mt19937_64 rng_;
};

bool finite_non_negative(double v) {
  return std::isfinite(v) && v >= 0;
}

/// The properties of one run; an empty string when they all hold.
std::string check_run(const sim::SimulationResult& r) {
  std::ostringstream problems;
  if (r.requests < 0 || r.completed < 0 || r.throttled < 0 || r.timed_out < 0) {
    problems << "a negative count; ";
  }
  if (r.completed + r.throttled + r.timed_out != r.requests) {
    problems << "completed " << r.completed << " + throttled " << r.throttled << " + timed out "
             << r.timed_out << " != requests " << r.requests << "; ";
  }
  const sim::LatencySummaryMs& l = r.latency_ms;
  const std::pair<const char*, double> figures[] = {
      {"mean", l.mean},
      {"p50", l.p50},
      {"p90", l.p90},
      {"p95", l.p95},
      {"p99", l.p99},
      {"p999", l.p999},
      {"max", l.max},
      {"throttled_fraction", r.throttled_fraction},
      {"cold_start_fraction", r.cold_start_fraction},
      {"instances.mean", r.instances.mean},
      {"db_connections.mean", r.db_connections.mean},
      {"simulated_seconds", r.simulated_seconds},
      {"lambda_requests", r.usage.lambda_requests},
      {"lambda_gb_seconds", r.usage.lambda_gb_seconds},
      {"lambda_provisioned_gb_seconds", r.usage.lambda_provisioned_gb_seconds},
      {"lambda_provisioned_duration_gb_seconds", r.usage.lambda_provisioned_duration_gb_seconds},
      {"task_vcpu_hours", r.usage.task_vcpu_hours},
      {"task_gb_hours", r.usage.task_gb_hours},
      {"host_hours", r.usage.host_hours},
  };
  for (const auto& [name, value] : figures) {
    if (!finite_non_negative(value)) problems << name << " = " << value << "; ";
  }
  if (r.instances.peak < 0 || r.db_connections.peak < 0 || r.cold_starts < 0) {
    problems << "a negative peak; ";
  }
  if (!(l.p50 <= l.p95 && l.p95 <= l.p99)) {
    problems << "p50 " << l.p50 << " <= p95 " << l.p95 << " <= p99 " << l.p99 << " fails; ";
  }
  if (r.p99_ms_interval && !(finite_non_negative(r.p99_ms_interval->low) &&
                             r.p99_ms_interval->low <= r.p99_ms_interval->high &&
                             std::isfinite(r.p99_ms_interval->high))) {
    problems << "p99 interval [" << r.p99_ms_interval->low << ", " << r.p99_ms_interval->high
             << "]; ";
  }
  return problems.str();
}

/// The cost of the option: every item finite and non-negative, and the total their sum.
std::string check_cost(const std::vector<CostItem>& items) {
  std::ostringstream problems;
  double sum = 0;
  for (const CostItem& item : items) {
    if (!finite_non_negative(item.monthly_usd) || !finite_non_negative(item.quantity) ||
        !finite_non_negative(item.unit_price_usd)) {
      problems << item.kind << ": quantity " << item.quantity << " x " << item.unit_price_usd
               << " = " << item.monthly_usd << "; ";
    }
    sum += item.monthly_usd;
  }
  const double total = monthly_total(items);
  // monthly_total rounds to cents.
  if (!std::isfinite(total) || std::abs(total - sum) > 0.005 + 1e-9 * std::abs(sum)) {
    problems << "total " << total << " is not the sum of the items " << sum << "; ";
  }
  return problems.str();
}

TEST(SimulatorProperties, HoldOverRandomValidSpecs) {
  const PriceCatalog catalog = builtin_price_catalog();
  SpecWriter writer(kSettings.seed);
  int drawn_count = 0;
  int refused = 0;
  int simulated = 0;
  std::array<int, kAllRuntimes.size()> by_runtime{};
  std::int64_t requests = 0;
  const auto start = std::chrono::steady_clock::now();
  // Draw until kSettings.specs valid specs have been simulated (with a cap, should the loader
  // start refusing most draws).
  for (int i = 0; simulated < kSettings.specs && i < 4 * kSettings.specs; ++i) {
    ++drawn_count;
    const SpecWriter::Drawn drawn = writer.draw();
    MemoryFileSystem fs;
    if (!drawn.trace_csv.empty()) fs.add("prop/trace.csv", drawn.trace_csv);
    const SpecLoadResult loaded = parse_spec(drawn.yaml, "prop/spec.yaml", fs);
    if (!loaded.spec) {
      // Some draws break a cross-field rule (cpu_ms_per_request above the median, say): the
      // loader refuses them, which is its job.
      ++refused;
      continue;
    }
    const Spec& spec = *loaded.spec;
    const Service& service = spec.services.front();
    // A random runtime, else the next one that can run and simulate the service.
    const std::size_t first = static_cast<std::size_t>(writer.pick(4));
    std::optional<RuntimeId> runtime;
    RuntimeEstimate estimate;
    for (std::size_t k = 0; k < kAllRuntimes.size() && !runtime; ++k) {
      const RuntimeId candidate = kAllRuntimes[(first + k) % kAllRuntimes.size()];
      estimate = evaluate_runtime(service, candidate, spec, catalog);
      if (estimate.feasible && can_simulate(service, candidate)) runtime = candidate;
    }
    if (!runtime) continue;
    SCOPED_TRACE("spec " + std::to_string(i) + " on " + std::string(to_string(*runtime)) + ":\n" +
                 drawn.yaml + drawn.trace_csv);

    SimulationBudget budget;
    budget.seconds = kSettings.days * 86'400;
    budget.seed = static_cast<std::uint64_t>(i) + 1;
    const SamplePlan plan = plan_for(service, budget, /*exact=*/true);
    const auto result = simulate_runtime(service, *runtime, spec, estimate, plan, budget.seed);
    ASSERT_TRUE(result) << "a simulable pair gave no run";
    ++simulated;
    ++by_runtime[static_cast<std::size_t>(*runtime)];
    requests += result->requests;
    EXPECT_EQ(check_run(*result), "");
    if (i % kSettings.reproduce_every == 0) {
      const auto again = simulate_runtime(service, *runtime, spec, estimate, plan, budget.seed);
      ASSERT_TRUE(again);
      EXPECT_TRUE(*again == *result) << "the same seed gave a different run";
    }

    apply_simulation(service, *runtime, spec, *result, estimate);
    EstimateTable estimates(1);
    estimates[0].emplace(*runtime, estimate);
    const CostTable costs = price_estimates(spec, estimates, catalog);
    EXPECT_EQ(check_cost(costs.at(0).at(*runtime)), "");
    if (::testing::Test::HasFailure()) break;  // one spec's report is enough to read
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "%d specs drawn, %d refused by the loader, %d simulated (Lambda %d, ECS on Fargate %d, ECS "
      "on EC2 %d, EKS %d; %lld requests) in %.1f s\n",
      drawn_count, refused, simulated, by_runtime[0], by_runtime[1], by_runtime[2], by_runtime[3],
      static_cast<long long>(requests), seconds);
  EXPECT_GE(simulated, kSettings.specs);
}

}  // namespace
}  // namespace computefit
