#pragma once
// Runs the discrete-event simulator for one (service, runtime) pair and puts its results in place
// of the steady-state estimate's usage and behaviour, so nothing downstream changes shape.

#include <cstdint>
#include <optional>

#include "pricing/price_catalog.hpp"
#include "runtimes/usage.hpp"
#include "sim/simulation_result.hpp"
#include "spec/spec.hpp"

namespace computefit {

/// At most this many arrivals are simulated per (service, runtime) pair: about ten seconds of one
/// core at the simulator's measured speed (docs/simulator.md), so a very busy service shortens its
/// simulated time instead of keeping the user waiting. The report says when it did.
inline constexpr double kMaxSimulatedRequests = 1e8;

/// How long each (service, runtime) pair is simulated.
struct SimulationBudget {
  double seconds = 86'400;                      ///< requested simulated time (a minimum)
  double max_requests = kMaxSimulatedRequests;  ///< per pair: a busier service simulates less time
  std::uint64_t seed = 1;
};

/// One (service, runtime) pair as `recommend` evaluates it: the limit check, the steady-state
/// estimate, and the simulation in its place when the simulator models the pair. Rules use it to
/// re-check a remedy with one setting changed (SPEC.md: a remedy that names a setting has been
/// re-simulated with it).
RuntimeEstimate evaluate_simulated(const Service& service, RuntimeId runtime, const Spec& spec,
                                   const PriceCatalog& catalog, const SimulationBudget& budget);

/// The simulated time for a pair: `requested_seconds`, shortened so that no more than
/// kMaxSimulatedRequests arrive at the service's mean rate.
double simulated_seconds_for(const Service& service, double requested_seconds);

/// Whether the simulator models this pair (scheduled services and runtimes without a model yet
/// keep the steady-state estimate).
bool can_simulate(const Service& service, RuntimeId runtime);

/// Simulates `seconds` of the service on the runtime with the run's `seed`: the pair draws its own
/// stream (pair_seed) and the service's arrivals from traffic_seed_for(), so every runtime of one
/// service sees the same requests. `estimate` supplies the sizing decisions (task size, instance
/// type, hosts). nullopt when can_simulate() is false.
std::optional<sim::SimulationResult> simulate_runtime(const Service& service, RuntimeId runtime,
                                                      const Spec& spec,
                                                      const RuntimeEstimate& estimate,
                                                      double seconds, std::uint64_t seed);

/// Replaces the estimate's usage and behaviour with the simulation's, usage scaled to a 730-hour
/// month; quantities proportional to requests (front door, logs, data) scale with the simulated
/// request count.
void apply_simulation(const Service& service, RuntimeId runtime,
                      const sim::SimulationResult& result, RuntimeEstimate& estimate);

/// The seed of one pair: derived from the run's seed, the service's name and the runtime, so each
/// pair's stream is independent and the same whatever the order or thread that runs it.
std::uint64_t pair_seed(std::uint64_t seed, const Service& service, RuntimeId runtime);

/// The seed of one service's arrivals: derived from the run's seed and the service's name only,
/// so the runtimes are compared on the same traffic (common random numbers).
std::uint64_t traffic_seed_for(std::uint64_t seed, const Service& service);

}  // namespace computefit
