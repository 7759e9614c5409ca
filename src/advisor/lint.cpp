#include "advisor/lint.hpp"

#include <fmt/format.h>

#include "advisor/boundaries.hpp"
#include "advisor/gate.hpp"
#include "advisor/recommend.hpp"
#include "advisor/suppressions.hpp"
#include "pricing/price_estimates.hpp"
#include "readers/lint_workload.hpp"
#include "rules/rule.hpp"
#include "rules/wording.hpp"
#include "runtimes/runtime_model.hpp"
#include "runtimes/simulation.hpp"

namespace computefit {
namespace {

// The template fixes the runtime: a service it deploys is judged there only.
void narrow_to_deployed(Spec& spec, const readers::LintWorkload& workload) {
  for (Service& service : spec.services) {
    auto it = workload.deployed.find(service.name);
    if (it != workload.deployed.end()) service.runtimes.consider = it->second;
  }
}

// What lint left out, said once for the run.
std::vector<std::string> notes_for(const Spec& spec, const readers::LintWorkload& workload) {
  std::vector<std::string> notes;
  std::vector<std::string> unsimulated;
  for (const Service& service : spec.services) {
    if (auto it = workload.stands_for.find(service.name); it != workload.stands_for.end()) {
      notes.push_back(fmt::format(
          "The files describe an EKS cluster ({}) and no service: it is judged as the platform a "
          "service would run on.",
          it->second));
    } else if (workload.without_traffic.contains(service.name)) {
      unsimulated.push_back(service.name);
    }
  }
  // A note names a few; a generated fleet of hundreds is counted, not listed.
  constexpr std::size_t kNamed = 8;
  if (unsimulated.size() > kNamed) {
    const std::size_t more = unsimulated.size() - kNamed;
    unsimulated.resize(kNamed);
    unsimulated.push_back(fmt::format("{} more services", more));
  }
  if (!unsimulated.empty()) {
    notes.push_back(fmt::format(
        "No traffic for {}: only the rules that need no simulation judged {} (an overlay with "
        "traffic and duration_ms adds the simulated ones).",
        join_sentence(unsimulated), unsimulated.size() == 1 ? "it" : "them"));
  }
  return notes;
}

}  // namespace

LintOutcome lint(const LintRequest& request, const FileSystem& fs) {
  LintOutcome outcome;
  readers::LintWorkload workload = readers::load_lint_workload(request.inputs, request.overlay, fs);
  if (!workload.loaded.diagnostics.empty()) {
    outcome.diagnostics = std::move(workload.loaded.diagnostics);
    return outcome;
  }

  LintReport lint;
  lint.computefit_version = COMPUTEFIT_VERSION;
  lint.files = workload.files;
  lint.unknowns = std::move(workload.unknowns);
  lint.skipped = std::move(workload.skipped);
  lint.report.computefit_version = COMPUTEFIT_VERSION;
  lint.report.spec_file = request.inputs.empty() ? "" : request.inputs.front();
  if (workload.no_services) {
    lint.notes.push_back(
        "The files describe no Lambda function or ECS service: no service for the rules to judge "
        "(an overlay names the services that run on what they describe).");
  } else {
    Spec spec = std::move(*workload.loaded.spec);
    narrow_to_deployed(spec, workload);
    std::optional<PriceCatalog> catalog =
        choose_catalog(spec, request.prices_path, fs, outcome.diagnostics);
    if (!catalog) return outcome;

    // A service without traffic carries only the hard limits' verdict; one with traffic is
    // estimated and simulated as recommend does, on its deployed runtime alone.
    const std::size_t n = spec.services.size();
    EstimateTable checked(n);
    EstimateTable simulated(n);
    std::vector<std::size_t> with_traffic;
    for (std::size_t i = 0; i < n; ++i) {
      const Service& service = spec.services[i];
      if (workload.stands_for.contains(service.name)) {
        // A cluster has no workload of its own to fit: its rules judge the platform.
        for (RuntimeId runtime : service.runtimes.consider) checked[i][runtime] = {};
      } else if (workload.without_traffic.contains(service.name)) {
        for (RuntimeId runtime : service.runtimes.consider) {
          checked[i][runtime] = check_runtime_limits(service, runtime, spec, *catalog);
        }
      } else {
        with_traffic.push_back(i);
        simulated[i] = estimate_service(spec, i, *catalog);
      }
    }
    SimulationBudget budget;
    budget.seconds = request.days * 86'400.0;
    budget.max_requests = kMaxSimulatedRequests;
    budget.seed = request.seed;
    if (!with_traffic.empty()) simulate_services(spec, with_traffic, simulated, budget);
    for (std::size_t i : with_traffic) checked[i] = simulated[i];
    const CostTable costs = price_estimates(spec, simulated, *catalog);
    const CostTable no_costs(n);
    // Remedies are re-simulated on a representative sample, as recommend does.
    SimulationBudget remedy_budget = budget;
    remedy_budget.max_requests = SweepSettings{}.max_requests;
    RuleFindings raised = check_rules(RuleContext{spec, checked, no_costs, *catalog, remedy_budget},
                                      RuleContext{spec, simulated, costs, *catalog, remedy_budget});
    std::vector<std::vector<Finding>>& findings = raised.by_service;
    lint.notes = notes_for(spec, workload);
    if (workload.policies_only) {
      lint.notes.push_back(
          "The files describe no Lambda function or ECS service: only their IAM policies were "
          "judged (an overlay names the services that use them).");
    }
    for (std::string& unmatched : apply_suppressions(spec, findings, raised.on_resources)) {
      lint.notes.push_back(std::move(unmatched));
    }

    lint.report.findings = std::move(raised.on_resources);
    lint.report.spec_name = spec.name;
    lint.report.region = spec.region;
    lint.report.seed = request.seed;
    for (std::size_t i = 0; i < n; ++i) {
      const Service& service = spec.services[i];
      const auto resource = workload.stands_for.find(service.name);
      ServiceReport judged;
      judged.name = resource == workload.stands_for.end() ? service.name : resource->second;
      judged.kind = service.kind;
      judged.findings = std::move(findings[i]);
      lint.report.services.push_back(std::move(judged));
      lint.services.push_back(
          {service.name, service.runtimes.consider,
           !workload.without_traffic.contains(service.name),
           resource == workload.stands_for.end() ? std::string() : resource->second});
    }
  }
  if (request.fail_on) {
    lint.report.fail_on = fail_on_gate(lint.report, *request.fail_on, GateScope::every_finding);
  }
  outcome.report = std::move(lint);
  return outcome;
}

}  // namespace computefit
