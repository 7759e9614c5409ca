#pragma once
// The finished report: everything a renderer needs, nothing it has to compute.

#include <optional>
#include <string>
#include <vector>

#include "pricing/cost_item.hpp"
#include "runtimes/usage.hpp"
#include "spec/spec.hpp"

namespace computefit {

enum class Severity { info, low, medium, high, critical };
std::string_view to_string(Severity severity);

struct Finding {
  std::string id;  ///< kebab-case rule id
  Severity severity = Severity::medium;
  std::optional<RuntimeId> runtime;
  std::string message;
  std::string location;  ///< FILE:LINE:COLUMN
};

struct LatencyMs {
  double p50 = 0, p95 = 0, p99 = 0;
};

struct Option {
  RuntimeId runtime = RuntimeId::lambda;
  bool feasible = true;
  std::vector<std::string> infeasible_reasons;
  std::optional<double> monthly_cost_usd;
  std::vector<CostItem> cost_items;
  std::optional<LatencyMs> latency_ms;
  std::optional<bool> slo_met;  ///< nullopt when infeasible; true when the service has no SLO
  std::optional<double> cold_start_fraction;
  std::optional<double> throttled_fraction;
  std::optional<double> peak_instances;
  std::optional<int> peak_hosts;
  std::optional<double> peak_db_connections;
  std::optional<double> score;
  // Beyond the contract: what the estimate chose and assumed.
  std::string sizing;
  std::optional<double> mean_instances;
  double operability = 0;               ///< [0, 1], from the operability table and the team
  std::vector<std::string> slo_misses;  ///< e.g. "p99 412 ms > 300 ms"
};

struct ServiceReport {
  std::string name;
  ServiceKind kind = ServiceKind::http;
  std::optional<RuntimeId> recommendation;
  std::string why;
  std::vector<Option> options;  ///< best first, infeasible last
  std::vector<Finding> findings;
};

struct Report {
  std::string computefit_version;
  int contract_version = 1;
  std::string spec_file;
  std::string spec_name;
  std::string region;
  double simulated_days = 0;  ///< 0 while the estimate is analytic (no simulation)
  unsigned long long seed = 1;
  std::vector<ServiceReport> services;
  double totals_monthly_cost_usd = 0;
  std::vector<std::string> assumptions;
  std::string price_catalog;  ///< which catalog priced this report
};

}  // namespace computefit
