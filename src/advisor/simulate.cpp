#include "advisor/simulate.hpp"

#include <fmt/format.h>

#include "advisor/recommend.hpp"
#include "rules/wording.hpp"
#include "runtimes/runtime_model.hpp"
#include "runtimes/simulation.hpp"
#include "workload/spec_loader.hpp"

namespace computefit {

SimulateOutcome simulate(const SimulateRequest& request, const FileSystem& fs) {
  SimulateOutcome outcome;
  SpecLoadResult loaded = load_spec(request.spec_path, fs);
  if (!loaded.spec) {
    outcome.diagnostics = std::move(loaded.diagnostics);
    return outcome;
  }
  const Spec& spec = *loaded.spec;
  auto fail = [&](std::string message) {
    outcome.diagnostics.push_back({spec.file, {}, "simulate-usage", std::move(message)});
    return outcome;
  };
  const Service* service = nullptr;
  std::vector<std::string> names;
  for (const Service& s : spec.services) {
    names.push_back(s.name);
    if (s.name == request.service) service = &s;
  }
  if (!service) {
    return fail(
        fmt::format("no service '{}' (the spec has {})", request.service, join_sentence(names)));
  }
  const std::optional<RuntimeId> runtime = runtime_from_string(request.runtime);
  if (!runtime) {
    return fail(
        fmt::format("no runtime '{}' (valid: lambda, ecs-fargate, ecs-ec2, eks)", request.runtime));
  }
  std::optional<PriceCatalog> catalog =
      choose_catalog(spec, request.prices_path, fs, outcome.diagnostics);
  if (!catalog) return outcome;
  const RuntimeEstimate estimate = evaluate_runtime(*service, *runtime, spec, *catalog);
  if (!estimate.feasible) {
    return fail(fmt::format("{} cannot run on {}: {}", service->name, to_string(*runtime),
                            join_list(estimate.infeasible_reasons)));
  }
  if (!can_simulate(*service, *runtime)) {
    return fail(fmt::format("the simulator does not model {} services on {} yet",
                            to_string(service->kind), to_string(*runtime)));
  }
  outcome.service = service->name;
  outcome.runtime = *runtime;
  SimulationBudget budget;
  budget.seconds = request.days * 86'400.0;
  budget.seed = request.seed;
  // `simulate` measures exactly the window asked for, after the burn-in, and says what it misses.
  const SamplePlan plan = plan_for(*service, budget, /*exact=*/true);
  outcome.notes = plan.notes;
  outcome.result = simulate_runtime(*service, *runtime, spec, estimate, plan, request.seed);
  // The pair draws its streams from the user's seed (as in `recommend`); report the user's.
  if (outcome.result) outcome.result->seed = request.seed;
  return outcome;
}

}  // namespace computefit
