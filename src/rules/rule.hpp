#pragma once
// The one interface of a rule, and the one list of them. A rule's metadata is declared once, in
// its own file, and feeds `computefit rules`, docs/rules/<id>.md, the text report and SARIF alike.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pricing/price_catalog.hpp"
#include "pricing/price_estimates.hpp"
#include "rules/finding.hpp"
#include "runtimes/simulation.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// What a rule sees: the spec and every option's estimate and cost.
struct RuleContext {
  const Spec& spec;
  const EstimateTable& estimates;  ///< estimates[i] for spec.services[i]
  const CostTable& costs;
  const PriceCatalog& catalog;
  /// How a remedy is re-simulated: the run's seed and simulated time, on a representative sample
  /// of at most the sweep's arrivals per runtime (every phase of the traffic kept, as for a sweep
  /// level, whose cost and p99 stay within 5% of a full-length run).
  SimulationBudget budget = {};
};

/// A finding raised for one service (a finding that concerns several services is raised once per
/// service), or for none: a finding on a resource no service stands for (a policy on a role no
/// service holds) has no service_index and names its `finding.resource`.
struct RaisedFinding {
  std::optional<std::size_t> service_index;
  Finding finding;
};

/// What the rules raised, in `rules()` order: by service, and on resources that are no service.
struct RuleFindings {
  std::vector<std::vector<Finding>> by_service;  ///< by_service[i] for spec.services[i]
  std::vector<Finding> on_resources;             ///< each with its `resource` set
};

struct Rule {
  std::string_view id;  ///< stable, kebab-case
  Severity severity;
  std::string_view title;        ///< one line
  std::string_view description;  ///< when it is raised and why it matters
  std::string_view remedy;       ///< what fixes it, in general
  void (*check)(const RuleContext& context, std::vector<RaisedFinding>& out);
  bool needs_simulation = true;  ///< false: judged on the spec alone (lint runs it without traffic)
};

/// Every rule, in the order they are reported.
const std::vector<Rule>& rules();

/// Runs every rule; findings come back grouped by service in `rules()` order. A finding on a
/// service that names no resource of its own takes the service's (`Service::resource`).
RuleFindings check_rules(const RuleContext& context);

/// `lint`: the rules that need no simulation on `spec_context`, the others on
/// `simulated_context`; findings grouped by service in `rules()` order. In `spec_context` a
/// service without traffic has options that carry only the hard-limit checks' feasibility (no
/// metrics, no costs); in `simulated_context` it has no options at all, so no rule that needs
/// simulation judges it.
RuleFindings check_rules(const RuleContext& spec_context, const RuleContext& simulated_context);

}  // namespace computefit
