#pragma once
// Runs the discrete-event simulator for one (service, runtime) pair and puts its results in place
// of the steady-state estimate's usage and behaviour, so nothing downstream changes shape.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "pricing/price_catalog.hpp"
#include "pricing/usage.hpp"
#include "runtimes/sample_plan.hpp"
#include "sim/arrivals.hpp"
#include "sim/simulation_result.hpp"
#include "sim/time.hpp"
#include "sim/variate_stream.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// At most this many arrivals (burn-ins included) are simulated per (service, runtime) pair: about
/// one to two seconds of one core at the simulator's measured speed (docs/simulator.md). A busier
/// service is judged on strata of its pattern with weights (SPEC.md "Representative samples"),
/// and the report says so; 2e7 requests put a p99's 95% interval within a fraction of a percent.
inline constexpr double kMaxSimulatedRequests = 2e7;

/// A sample window's arrivals and durations are drawn once for all the runtimes simulated on it
/// when it holds at most this many arrivals: about 12 bytes each (the gap before it and its
/// duration), so at most 48 MiB a window while its runtimes run. A longer window is drawn by each
/// runtime.
inline constexpr std::size_t kMaxSharedDraws = std::size_t{1} << 22;

/// How long each (service, runtime) pair is simulated.
struct SimulationBudget {
  double seconds = 86'400;                      ///< requested simulated time (a minimum)
  double max_requests = kMaxSimulatedRequests;  ///< per pair: a busier service is stratified
  std::uint64_t seed = 1;
};

/// One (service, runtime) pair as `recommend` evaluates it: the limit check, the steady-state
/// estimate, and the simulation in its place when the simulator models the pair. Rules use it to
/// re-check a remedy with one setting changed (SPEC.md: a remedy that names a setting has been
/// re-simulated with it).
RuntimeEstimate evaluate_simulated(const Service& service, RuntimeId runtime, const Spec& spec,
                                   const PriceCatalog& catalog, const SimulationBudget& budget);

/// The sample a service is judged on with this budget (SPEC.md "Representative samples"): made
/// once per service and shared by its runtimes. `exact` measures exactly the budget's seconds
/// (the `simulate` command) instead of lengthening or stratifying.
SamplePlan plan_for(const Service& service, const SimulationBudget& budget, bool exact = false);

/// Whether the simulator models this pair (a scheduled job on hosts kept by min_hosts keeps the
/// steady-state estimate).
bool can_simulate(const Service& service, RuntimeId runtime);

/// The arrivals and durations of a plan's windows, drawn once and read by every runtime simulated
/// on it: all of them draw the same ones (common random numbers), and the draws are about a third
/// of a simulation's work. A window's draws are kept until `users` runtimes have finished with it.
/// Safe to share between threads.
class SharedDraws {
 public:
  SharedDraws(const Service& service, const SamplePlan& plan, int users);
  SharedDraws(const SharedDraws&) = delete;
  SharedDraws& operator=(const SharedDraws&) = delete;
  ~SharedDraws();
  /// Window `index`'s arrivals as its simulation draws them; null when drawn by each runtime.
  std::shared_ptr<const sim::ArrivalRecord> arrivals(std::size_t index);
  /// Window `index`'s durations from `distribution`, ahead of its simulation; null when not shared.
  std::shared_ptr<const sim::RecordedVariates> durations(std::size_t index,
                                                         const sim::Distribution& distribution);
  /// One runtime has finished with window `index`.
  void release(std::size_t index);

 private:
  struct Window;
  const Service& service_;
  const SamplePlan& plan_;
  std::vector<std::unique_ptr<Window>> windows_;
};

/// Simulates the plan's windows of the service on the runtime with the run's `seed` (each window
/// draws its own stream from pair_seed(); the arrivals come from the plan's traffic seed, so every
/// runtime of one service sees the same requests) and pools them with their weights. `estimate`
/// supplies the sizing decisions (task size, instance type, hosts). nullopt when can_simulate() is
/// false or the plan is empty.
/// `draws`, when given, holds the plan's draws shared with the service's other runtimes.
std::optional<sim::SimulationResult> simulate_runtime(const Service& service, RuntimeId runtime,
                                                      const Spec& spec,
                                                      const RuntimeEstimate& estimate,
                                                      const SamplePlan& plan, std::uint64_t seed,
                                                      SharedDraws* draws = nullptr);

/// Replaces the estimate's usage and behaviour with the simulation's, usage scaled to a 730-hour
/// month; quantities proportional to requests (front door, logs, data) scale with the simulated
/// request count.
void apply_simulation(const Service& service, RuntimeId runtime, const Spec& spec,
                      const sim::SimulationResult& result, RuntimeEstimate& estimate);

/// The seed of one pair: derived from the run's seed, the service's name and the runtime, so each
/// pair's stream is independent and the same whatever the order or thread that runs it.
std::uint64_t pair_seed(std::uint64_t seed, const Service& service, RuntimeId runtime);

/// The seed of one service's arrivals: derived from the run's seed and the service's name only,
/// so the runtimes are compared on the same traffic (common random numbers).
std::uint64_t traffic_seed_for(std::uint64_t seed, const Service& service);

}  // namespace computefit
