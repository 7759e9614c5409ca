#pragma once
// The library's facade: one call from a spec path to a finished report. The CLI (and later a
// server) only parse arguments, call this, render and map to an exit code.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "advisor/report.hpp"
#include "document/diagnostic.hpp"
#include "pricing/price_catalog.hpp"
#include "pricing/price_estimates.hpp"
#include "runtimes/simulation.hpp"
#include "workload/file_system.hpp"

namespace computefit {

struct RecommendRequest {
  std::string spec_path;
  /// More FILEs after spec_path (templates, plans, CDK folders) and `--overlay SPEC`: with either,
  /// the FILEs are imported and the overlay merged over them (readers::load_workload).
  std::vector<std::string> more_inputs;
  std::optional<std::string> overlay;
  std::optional<std::string> prices_path;  ///< --prices: overrides the built-in catalog
  double days = 1;                         ///< simulated days
  std::uint64_t seed = 1;
  bool sweep = true;                ///< run the decision-boundary sweep (docs/boundaries.md)
  std::optional<Severity> fail_on;  ///< --fail-on: the report then carries the gate's outcome
};

struct RecommendOutcome {
  std::optional<Report> report;  ///< set when the input was good
  Diagnostics diagnostics;       ///< bad input: nothing was computed
};

/// load -> validate -> estimate -> simulate -> price -> check rules -> suppress -> rank -> sweep
/// the traffic for decision boundaries -> checklists -> probes -> the --fail-on gate -> report.
/// Throws InternalError (advisor/report_check.hpp) when a figure of the report is out of range.
RecommendOutcome recommend(const RecommendRequest& request, const FileSystem& fs);

/// The catalog a spec is priced with: --prices FILE when given, else the built-in catalog of the
/// spec's region; a diagnostic (at the spec's `region:`) when there is none.
std::optional<PriceCatalog> choose_catalog(const Spec& spec,
                                           const std::optional<std::string>& prices_path,
                                           const FileSystem& fs, Diagnostics& diagnostics);

/// What the simulation of a set of pairs left to say in the report's assumptions.
struct SimulationNotes {
  std::vector<std::string> estimated;  ///< pairs that kept the steady-state estimate
  /// The sample each simulated service was judged on, by service index, with the arrivals it held.
  std::map<std::size_t, SampleSummary> samples;
};

/// What the report says about a plan (SPEC.md: the window simulated, any strata and weights).
SampleSummary sample_summary(const SamplePlan& plan);

/// Limits, then the steady-state estimate, of every runtime spec.services[index] considers.
std::map<RuntimeId, RuntimeEstimate> estimate_service(const Spec& spec, std::size_t index,
                                                      const PriceCatalog& catalog);

/// Simulates every feasible pair of the listed services that the simulator models, in parallel
/// (each pair with its own seed and slot: the results do not depend on the thread count), and
/// puts the results in place of the estimates.
SimulationNotes simulate_services(const Spec& spec, const std::vector<std::size_t>& services,
                                  EstimateTable& estimates, const SimulationBudget& budget,
                                  bool parallel = true);

/// The ranked options of spec.services[index] from priced estimates: name, kind, SLO targets,
/// options best first, recommendation and why (which names high findings against the losers).
ServiceReport rank_service(const Spec& spec, std::size_t index, const EstimateTable& estimates,
                           const CostTable& costs, std::vector<Finding> findings = {},
                           std::optional<SampleSummary> sample = std::nullopt);

/// estimate -> simulate -> price -> rank for spec.services[index] alone, the other services'
/// entries of `estimates` kept as they are (they matter only for the split of shared resources).
/// Runs on the calling thread. The main run and the decision-boundary sweep share it.
ServiceReport evaluate_service(const Spec& spec, std::size_t index, EstimateTable estimates,
                               const PriceCatalog& catalog, const SimulationBudget& budget);
/// The same on a plan already made for spec.services[index] and `budget` (plan_for's).
ServiceReport evaluate_service(const Spec& spec, std::size_t index, EstimateTable estimates,
                               const PriceCatalog& catalog, const SimulationBudget& budget,
                               const SamplePlan& plan);

}  // namespace computefit
