#pragma once
// What would meet a service's SLO when no feasible option does (SPEC.md "Ranking": `why` says
// "what would (a setting checked by simulation, e.g. min_tasks: 8)"). Each option that misses is
// re-simulated with one setting raised, bisected over a small range: min_tasks on a container
// runtime, provisioned concurrency on Lambda (reserved concurrency when throttling at a reserved
// cap is the miss). docs/ranking.md.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "advisor/report.hpp"
#include "pricing/price_catalog.hpp"
#include "pricing/price_estimates.hpp"
#include "runtimes/simulation.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// The budget of re-simulations a report spends on a question (a remedy, a probe's variant).
struct WhatIfSettings {
  /// Per re-simulation: the run's simulated time, shortened so that at most this many requests
  /// arrive. About 0.2 s of one core for either simulator (docs/simulator.md measures 10-13
  /// million requests per second on containers, more on Lambda), so a search of four steps per
  /// runtime costs about a second; two million requests hold 11 minutes of a 3,000 requests/s
  /// service, 9 hours of a 60 requests/s one and a whole day of anything under 23/s.
  double max_requests = 2e6;
  /// Per runtime: the first try at the top of the range, then bisection steps.
  int simulations_per_runtime = 4;
};

/// The run's budget cut to `settings.max_requests` per pair, same seed.
SimulationBudget what_if_budget(const SimulationBudget& main, const WhatIfSettings& settings = {});

/// The traffic a what-if re-simulation of `service` covers under `budget`: its simulated time,
/// shortened so that at most budget.max_requests arrive.
double what_if_seconds(const Service& service, const SimulationBudget& budget);

/// One runtime's setting that was tried, and what the re-simulation gave with it.
struct SloRemedy {
  RuntimeId runtime = RuntimeId::lambda;
  std::string setting;  ///< as the spec writes it: "min_tasks: 8", "provisioned_concurrency: 40"
  bool meets = false;   ///< false: the highest value tried still misses
  bool least = false;   ///< the bisection closed: one less misses
  LatencyMs latency;
  std::string judged;  ///< the SLO's percentiles with it, e.g. "p99 61.2 ms"
  double failed = 0;
  double monthly_cost_usd = 0;
  double simulated_seconds = 0;  ///< of traffic per re-simulation
  std::string miss;              ///< how it still misses, when !meets
};

/// The setting that makes `option` (feasible, missing the SLO) of spec.services[index] meet it,
/// found by re-simulation within settings.simulations_per_runtime; nullopt when no setting of that
/// runtime applies.
std::optional<SloRemedy> find_slo_remedy(const Spec& spec, std::size_t index,
                                         const EstimateTable& estimates,
                                         const PriceCatalog& catalog,
                                         const SimulationBudget& budget, const Option& option,
                                         const WhatIfSettings& settings = {});

/// For each feasible option of report (spec.services[index]'s ranked report) that misses the SLO,
/// the setting found by re-simulation, cheapest success first; empty when an option meets it or
/// the service has no SLO. `estimates` are the main run's (the other services' matter for shared
/// costs).
std::vector<SloRemedy> find_slo_remedies(const Spec& spec, std::size_t index,
                                         const EstimateTable& estimates,
                                         const PriceCatalog& catalog,
                                         const SimulationBudget& budget,
                                         const ServiceReport& report,
                                         const WhatIfSettings& settings = {});

/// Appends to report.why, when no feasible option meets the SLO, what would (or that no setting
/// tried would), from find_slo_remedies(); when the recommendation meets it but a cheaper option
/// misses it, whether a setting makes the cheapest of those meet it for less.
void explain_slo_remedy(const Spec& spec, std::size_t index, const EstimateTable& estimates,
                        const PriceCatalog& catalog, const SimulationBudget& budget,
                        ServiceReport& report, const WhatIfSettings& settings = {});

/// The sentence explain_slo_remedy() appends for `remedies` (empty when there are none).
std::string slo_remedy_sentence(const std::vector<SloRemedy>& remedies);

}  // namespace computefit
