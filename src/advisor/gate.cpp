#include "advisor/gate.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rules/wording.hpp"

namespace computefit {

bool trips(const Finding& finding, Severity threshold) {
  return !finding.suppressed_reason && finding.severity >= threshold;
}

void count_finding(FailOnSummary& summary, const Finding& finding, std::string_view subject) {
  if (!trips(finding, summary.threshold)) return;
  std::string name = fmt::format("{}@{}", finding.id, subject);
  auto& tripped = summary.tripped;
  if (std::find(tripped.begin(), tripped.end(), name) == tripped.end()) {
    tripped.push_back(std::move(name));
  }
}

FailOnSummary fail_on_gate(const Report& report, Severity threshold, GateScope scope) {
  FailOnSummary summary;
  summary.threshold = threshold;
  for (const ServiceReport& service : report.services) {
    for (const Finding& finding : service.findings) {
      const bool counted = scope == GateScope::every_finding || !finding.runtime ||
                           (service.recommendation && *finding.runtime == *service.recommendation);
      if (counted) count_finding(summary, finding, service.name);
    }
  }
  // On no service, so on no particular runtime: counted in either scope, named by resource.
  for (const Finding& finding : report.findings) count_finding(summary, finding, finding.resource);
  return summary;
}

std::string fail_on_message(const FailOnSummary& summary) {
  if (summary.tripped.empty()) return "";
  const std::size_t n = summary.tripped.size();
  return fmt::format("computefit: --fail-on {}: {} finding{} at or above {}: {}",
                     to_string(summary.threshold), n, n == 1 ? "" : "s",
                     to_string(summary.threshold), join_sentence(summary.tripped));
}

}  // namespace computefit
