#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <set>

#include "render/lint.hpp"
#include "rules/wording.hpp"

namespace computefit {

std::string render_lint_text(const LintReport& report) {
  std::string out;
  std::array<std::size_t, 5> by_severity{};  // Severity's order: info to critical
  std::size_t counted = 0;
  std::size_t suppressed = 0;
  // `name` is the service, or for a finding on no service its resource. A finding that names a
  // resource of its own (a queue, a plan's address) says so after the name.
  auto add = [&](const Finding& finding, const std::string& name) {
    std::string subject =
        finding.runtime ? fmt::format("{} on {}", name, runtime_label(*finding.runtime)) : name;
    if (!finding.resource.empty() && finding.resource != name) {
      subject += fmt::format(" ({})", finding.resource);
    }
    std::string severity(to_string(finding.severity));
    if (finding.suppressed_reason) {
      severity += fmt::format(" (suppressed: {})", *finding.suppressed_reason);
      ++suppressed;
    } else {
      ++by_severity[static_cast<std::size_t>(finding.severity)];
      ++counted;
    }
    out += fmt::format("{}: {}: {}: {} [{}]\n", finding.location, severity, subject,
                       finding.message, finding.id);
  };
  for (const ServiceReport& service : report.report.services) {
    for (const Finding& finding : service.findings) add(finding, service.name);
  }
  for (const Finding& finding : report.report.findings) add(finding, finding.resource);
  for (const std::string& note : report.notes) out += "note: " + note + "\n";
  for (const std::string& unknown : report.unknowns) out += "unknown: " + unknown + "\n";
  // Resources the files hold that no reader models (SPEC.md: listed and skipped).
  for (const std::string& skipped : report.skipped) out += "skipped: " + skipped + "\n";

  std::vector<std::string> counts;
  for (std::size_t s = by_severity.size(); s-- > 0;) {
    if (by_severity[s] > 0) {
      counts.push_back(fmt::format("{} {}", by_severity[s], to_string(static_cast<Severity>(s))));
    }
  }
  const std::size_t services = report.report.services.size();
  out += fmt::format("{} finding{}{} in {} service{}", counted, counted == 1 ? "" : "s",
                     counts.empty() ? "" : " (" + join_sentence(counts) + ")", services,
                     services == 1 ? "" : "s");
  std::set<std::string> resources;
  for (const Finding& finding : report.report.findings) resources.insert(finding.resource);
  if (!resources.empty()) {
    out += fmt::format(" and {} resource{} no service stands for", resources.size(),
                       resources.size() == 1 ? "" : "s");
  }
  if (suppressed > 0) out += fmt::format(", {} suppressed", suppressed);
  if (!report.unknowns.empty()) {
    out += fmt::format(", {} value{} unknown within the files", report.unknowns.size(),
                       report.unknowns.size() == 1 ? "" : "s");
  }
  if (report.report.fail_on) {
    out += fmt::format("; --fail-on {}: {}", to_string(report.report.fail_on->threshold),
                       report.report.fail_on->tripped.empty()
                           ? std::string("passed")
                           : fmt::format("{} tripped", report.report.fail_on->tripped.size()));
  }
  out += ".\n";
  return out;
}

}  // namespace computefit
