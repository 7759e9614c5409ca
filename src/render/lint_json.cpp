#include <nlohmann/json.hpp>

#include "render/lint.hpp"

namespace computefit {
namespace {

using Json = nlohmann::ordered_json;

Json strings(const std::vector<std::string>& list) {
  Json out = Json::array();
  for (const std::string& s : list) out.push_back(s);
  return out;
}

// `service` or `resource` or both (a finding on a service about a queue, or from a plan, names
// the resource it is about beside the service).
Json finding_json(const Finding& finding, const std::string& service, const std::string& resource) {
  Json f;
  f["id"] = finding.id;
  f["severity"] = std::string(to_string(finding.severity));
  if (!service.empty()) f["service"] = service;
  if (!resource.empty()) f["resource"] = resource;
  f["message"] = finding.message;
  f["location"] = finding.location;
  // Extensions.
  f["runtime"] = finding.runtime ? Json(std::string(to_string(*finding.runtime))) : Json();
  if (finding.suppressed_reason) f["suppressed_reason"] = *finding.suppressed_reason;
  return f;
}

}  // namespace

std::string render_lint_json(const LintReport& report) {
  Json j;
  j["computefit_version"] = report.computefit_version;
  j["contract_version"] = report.contract_version;
  j["files"] = strings(report.files);
  Json findings = Json::array();
  for (std::size_t i = 0; i < report.report.services.size(); ++i) {
    const ServiceReport& service = report.report.services[i];
    const bool resource = i < report.services.size() && !report.services[i].resource.empty();
    for (const Finding& finding : service.findings) {
      findings.push_back(finding_json(finding, resource ? "" : service.name,
                                      resource ? service.name : finding.resource));
    }
  }
  for (const Finding& finding : report.report.findings) {
    findings.push_back(finding_json(finding, "", finding.resource));
  }
  j["findings"] = std::move(findings);
  j["unknowns"] = strings(report.unknowns);
  if (report.report.fail_on) {
    j["fail_on"] = {{"threshold", std::string(to_string(report.report.fail_on->threshold))},
                    {"tripped", strings(report.report.fail_on->tripped)}};
  } else {
    j["fail_on"] = nullptr;
  }
  // Extensions: how each service was judged, what was skipped, what lint left out.
  Json services = Json::array();
  for (const LintedService& service : report.services) {
    Json runtimes = Json::array();
    for (RuntimeId runtime : service.runtimes) runtimes.push_back(std::string(to_string(runtime)));
    Json judged = {{"name", service.name},
                   {"runtimes", std::move(runtimes)},
                   {"simulated", service.simulated}};
    if (!service.resource.empty()) judged["resource"] = service.resource;
    services.push_back(std::move(judged));
  }
  j["services"] = std::move(services);
  j["skipped"] = strings(report.skipped);
  j["notes"] = strings(report.notes);
  // Invalid UTF-8 in a user's string (a path, a name) is replaced, never thrown on.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace computefit
