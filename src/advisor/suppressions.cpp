#include "advisor/suppressions.hpp"

#include <fmt/format.h>

namespace computefit {

std::vector<std::string> apply_suppressions(const Spec& spec,
                                            std::vector<std::vector<Finding>>& findings) {
  std::vector<Finding> none;
  return apply_suppressions(spec, findings, none);
}

std::vector<std::string> apply_suppressions(const Spec& spec,
                                            std::vector<std::vector<Finding>>& findings,
                                            std::vector<Finding>& on_resources) {
  std::vector<std::string> unmatched;
  for (const Suppression& suppression : spec.suppressions) {
    bool matched = false;
    // An entry that names a resource covers only the findings that name it.
    const auto covers = [&](const Finding& finding) {
      return finding.id == suppression.id &&
             (suppression.resource.empty() || finding.resource == suppression.resource);
    };
    for (Finding& finding : on_resources) {
      if (!suppression.service.empty() || !covers(finding)) continue;
      if (!finding.suppressed_reason) finding.suppressed_reason = suppression.reason;
      matched = true;
    }
    for (std::size_t i = 0; i < spec.services.size() && i < findings.size(); ++i) {
      if (!suppression.service.empty() && suppression.service != spec.services[i].name) continue;
      for (Finding& finding : findings[i]) {
        if (!covers(finding)) continue;
        // The first entry that covers a finding gives its reason.
        if (!finding.suppressed_reason) finding.suppressed_reason = suppression.reason;
        matched = true;
      }
    }
    if (!matched) {
      std::string what = suppression.id;
      if (!suppression.service.empty()) what += " on " + suppression.service;
      if (!suppression.resource.empty()) what += " about " + suppression.resource;
      unmatched.push_back(fmt::format("suppress entry at {} ({}) matched no finding.",
                                      spec.location(suppression.mark), what));
    }
  }
  return unmatched;
}

const Finding* first_failing_finding(const Report& report, Severity threshold) {
  for (const ServiceReport& service : report.services) {
    for (const Finding& finding : service.findings) {
      if (!finding.suppressed_reason && finding.severity >= threshold) return &finding;
    }
  }
  for (const Finding& finding : report.findings) {
    if (!finding.suppressed_reason && finding.severity >= threshold) return &finding;
  }
  return nullptr;
}

}  // namespace computefit
