#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = no_feasible_runtime_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    std::vector<std::string> why;
    bool feasible = false;
    for (RuntimeId runtime : service.runtimes.consider) {
      const RuntimeEstimate* estimate = estimate_of(context, i, runtime);
      if (!estimate) continue;
      if (estimate->feasible) {
        feasible = true;
        break;
      }
      // Each reason is a sentence of its own: a reason may hold a semicolon.
      std::string sentences = fmt::format("{}: ", runtime_label(runtime));
      for (std::size_t k = 0; k < estimate->infeasible_reasons.size(); ++k) {
        const std::string& reason = estimate->infeasible_reasons[k];
        sentences += k == 0 ? reason : ". " + upper_first(reason);
      }
      why.push_back(std::move(sentences));
    }
    if (feasible) continue;
    const std::string message =
        why.empty() ? fmt::format(
                          "{} considers no runtime, so nothing can run it. List at least one in "
                          "`runtimes.consider`.",
                          service.name)
                    : fmt::format(
                          "No runtime that {} considers can run it. {}. Consider another runtime "
                          "in `runtimes.consider`, or change what rules them out.",
                          service.name, fmt::join(why, ". "));
    out.push_back(
        {i, make_finding(rule, std::nullopt, message,
                         config_location(context.spec, service, "runtimes.consider", "name"))});
  }
}

}  // namespace

Rule no_feasible_runtime_rule() {
  return {"no-feasible-runtime",
          Severity::critical,
          "No runtime can run the service",
          "Every runtime the service considers (`runtimes.consider`) is infeasible for it: a hard "
          "limit rules each out (Lambda's 15-minute cap or its memory, a GPU, a task size). The "
          "service gets no recommendation, and `--fail-on` at any severity fails the run.",
          "Add a runtime that can run it to `runtimes.consider`, or change what rules the others "
          "out (split long runs into steps, lower the memory or the payload).",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
