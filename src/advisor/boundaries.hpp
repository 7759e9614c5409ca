#pragma once
// Decision boundaries: how far a service's traffic can move before the recommendation changes.
// Each service's traffic (rps and peak_rps together, or a trace's counts) is scaled by one factor
// over 0.01x-100x; the service alone is re-estimated, re-simulated (shorter, same seed), priced and
// ranked at each level, and the levels where the answer flips are bisected. docs/boundaries.md.

#include <optional>
#include <string>

#include "advisor/recommend.hpp"
#include "advisor/report.hpp"
#include "pricing/price_catalog.hpp"
#include "pricing/price_estimates.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// The sweep's grid and its simulation budget (one named table; docs/boundaries.md says why).
struct SweepSettings {
  int lowest_step = -8;      ///< factor 10^(k/steps_per_decade) for k in [lowest, highest]
  int highest_step = 8;      ///< 17 points: 0.01x to 100x
  int steps_per_decade = 4;  ///< points 1.78x apart
  /// Each halves log(factor), to 1.78^(1/8) = 7.5% in the end: the boundary, quoted at the
  /// middle, is then within 3.7% of the crossing, finer than the 5% to which a level's cost is
  /// sampled; a fourth step would only split the sampling noise.
  int bisection_steps = 3;
  /// Per pair and level: the arrivals a level's representative sample may take, burn-ins
  /// included (SPEC.md: every level sees the whole pattern, stratified with weights when it does
  /// not fit); a level that cannot be sampled representatively within it is a rough guide.
  double max_requests = 3e5;
  /// A level whose representative sample would cost more than this many times max_requests even
  /// when cut short (the floors of a rough plan) is not evaluated, nor any busier one: the sweep
  /// stops there and says so.
  double stop_above_budget_factor = 2;
};

/// spec.services[index] with its traffic scaled by `factor`; nullopt with a reason in `why_not`
/// when the traffic cannot be scaled (a scheduled job, a trace without rows).
std::optional<Service> scale_traffic(const Service& service, double factor, std::string* why_not);

/// The sentence of one boundary, e.g. "Lambda becomes the better choice below 38 requests/s mean
/// (0.63x today's traffic); ECS on Fargate above."
std::string boundary_sentence(const DecisionBoundary& boundary, ServiceKind kind);

/// Two runtimes' monthly costs are called close when they differ by at most this share of the
/// lower: the sweep promises each level's cost within 5% of a full-length simulation, so two such
/// figures can differ by 10% from sampling alone.
inline constexpr double kCloseCostMargin = 0.10;

/// The summary of a swept service, from its own levels and boundaries: the runtime its level at
/// today's traffic picks, how far that holds each way and what takes over there, how many changes
/// lie further out; and, when the sweep's 1x level disagrees with the main run, the main run's
/// figures for both ("close" only within kCloseCostMargin).
std::string sweep_summary(const ServiceReport& service, ServiceKind kind);

/// Where the recommendation would change if the SLO's judged percentile (p99, else p95, else p50)
/// were looser or tighter: the main run's options re-ranked at each option's own latency, nothing
/// re-simulated. One sentence per direction that changes the answer; empty without an SLO.
std::string slo_boundaries(const Service& service, const Priorities& priorities,
                           const ServiceReport& ranked);

/// The sweep's simulations: each swept service's levels and the bisected boundaries between
/// levels that pick different runtimes. They need only the main run's estimates, not its report,
/// so they can run while the report is ranked and its rules re-simulate remedies.
struct SweepRun {
  std::vector<std::size_t> swept;    ///< indices into spec.services
  std::vector<std::string> why_not;  ///< per service: why it is not swept, empty when it is
  std::vector<int> top;              ///< per swept service: the levels evaluated
  std::vector<SweepPoint> grid;      ///< per swept service, every level's point
  std::vector<std::pair<std::size_t, DecisionBoundary>> boundaries;  ///< (service, boundary)
};
SweepRun run_sweep(const Spec& spec, const EstimateTable& estimates, const PriceCatalog& catalog,
                   const SimulationBudget& main_budget, const SweepSettings& settings = {});

/// Fills sweep, boundaries and boundary_summary of every service of `report` (same order as
/// spec.services) from `run`; returns an assumption line about the sweep.
std::string apply_sweep(const Spec& spec, const SweepRun& run, Report& report,
                        const SweepSettings& settings = {});

/// run_sweep then apply_sweep.
std::string sweep_decisions(const Spec& spec, const EstimateTable& estimates,
                            const PriceCatalog& catalog, const SimulationBudget& main_budget,
                            Report& report, const SweepSettings& settings = {});

}  // namespace computefit
