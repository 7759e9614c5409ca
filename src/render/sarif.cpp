#include "render/sarif.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "rules/rule.hpp"

namespace computefit {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/computefit/computefit";
// A rule's page in the repository (docs/rules/<id>.md, generated from the rule's metadata).
constexpr std::string_view kRuleHelpUri =
    "https://github.com/computefit/computefit/blob/main/docs/rules/{}.md";
// The key of the one fingerprint scheme this renderer writes; bump it if the inputs change.
constexpr std::string_view kFingerprintKey = "computefit/v1";

// SARIF's three result levels (2.1.0 §3.27.10): problems that must be fixed are errors.
std::string_view level(Severity severity) {
  switch (severity) {
    case Severity::critical:
    case Severity::high:
      return "error";
    case Severity::medium:
      return "warning";
    case Severity::low:
    case Severity::info:
      return "note";
  }
  return "note";
}

/// Where a finding points: FILE:LINE:COLUMN parsed from the right (a path may hold colons).
struct SpecLocation {
  std::string file;
  std::optional<int> line;
  std::optional<int> column;
};

std::optional<int> positive_int(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

SpecLocation parse_location(std::string_view location, std::string_view fallback_file) {
  SpecLocation parsed;
  const std::size_t last = location.rfind(':');
  if (last != std::string_view::npos) {
    const std::size_t before = last == 0 ? std::string_view::npos : location.rfind(':', last - 1);
    if (before != std::string_view::npos) {
      const auto line = positive_int(location.substr(before + 1, last - before - 1));
      const auto column = positive_int(location.substr(last + 1));
      if (line && column) {
        parsed.file = std::string(location.substr(0, before));
        parsed.line = line;
        parsed.column = column;
        return parsed;
      }
    }
    if (const auto line = positive_int(location.substr(last + 1))) {
      parsed.file = std::string(location.substr(0, last));
      parsed.line = line;
      return parsed;
    }
  }
  parsed.file = std::string(location.empty() ? fallback_file : location);
  return parsed;
}

// A file path as a URI reference (RFC 3986): relative paths stay relative (code-scanning tools
// resolve them against the repository), absolute ones become file: URIs.
std::string path_uri(std::string_view path) {
  std::string out;
  if (!path.empty() && path.front() == '/') out = "file://";
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned>(u));
    }
  }
  return out;
}

// 64-bit FNV-1a: a stable, platform-independent hash for fingerprints.
std::string fnv1a_hex(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

Json rule_json(const Rule& rule) {
  Json j;
  j["id"] = std::string(rule.id);
  j["name"] = std::string(rule.id);
  j["shortDescription"] = {{"text", std::string(rule.title)}};
  j["fullDescription"] = {{"text", std::string(rule.description)}};
  j["helpUri"] = fmt::format(kRuleHelpUri, rule.id);
  j["help"] = {{"text", std::string(rule.remedy)}};
  j["defaultConfiguration"] = {{"level", std::string(level(rule.severity))}};
  j["properties"] = {{"severity", std::string(to_string(rule.severity))}};
  return j;
}

// A finding whose id is not in the registry still gets a rule (its id only), after the
// registry's, so that every result's ruleIndex points at its rule.
Json unlisted_rule_json(const Finding& finding) {
  Json j;
  j["id"] = finding.id;
  j["name"] = finding.id;
  j["shortDescription"] = {{"text", finding.id}};
  j["defaultConfiguration"] = {{"level", std::string(level(finding.severity))}};
  return j;
}

Json location_json(const Finding& finding, const Report& report) {
  const SpecLocation where = parse_location(finding.location, report.spec_file);
  Json physical;
  physical["artifactLocation"] = {{"uri", path_uri(where.file)}};
  if (where.line) {
    Json region;
    region["startLine"] = *where.line;
    if (where.column) region["startColumn"] = *where.column;
    physical["region"] = std::move(region);
  }
  Json location;
  location["physicalLocation"] = std::move(physical);
  return location;
}

}  // namespace

std::string render_sarif(const Report& report) {
  Json rule_list = Json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const Rule& rule : rules()) {
    rule_index.emplace(std::string(rule.id), rule_list.size());
    rule_list.push_back(rule_json(rule));
  }

  Json results = Json::array();
  std::map<std::string, int> fingerprints_seen;
  // `service` is empty for a finding on a resource no service stands for: the resource names it.
  auto add = [&](const Finding& finding, const std::string& service) {
    auto [it, added] = rule_index.emplace(finding.id, rule_list.size());
    if (added) rule_list.push_back(unlisted_rule_json(finding));
    const std::string& subject = service.empty() ? finding.resource : service;
    std::string text = subject;
    if (finding.runtime) text += fmt::format(" on {}", to_string(*finding.runtime));
    text += ": " + finding.message;

    // Stable across runs whose figures change and across checkouts: the rule, the service, the
    // runtime and the key it points at (the spec's file name, not its directory); a repeat of
    // all four is numbered.
    const std::size_t slash = finding.location.find_last_of('/');
    const std::string_view key = slash == std::string::npos
                                     ? std::string_view(finding.location)
                                     : std::string_view(finding.location).substr(slash + 1);
    std::string identity =
        fmt::format("{}\n{}\n{}\n{}", finding.id, subject,
                    finding.runtime ? to_string(*finding.runtime) : std::string_view("-"), key);
    const int repeat = fingerprints_seen[identity]++;
    if (repeat > 0) identity += fmt::format("\n{}", repeat);

    Json result;
    result["ruleId"] = finding.id;
    result["ruleIndex"] = it->second;
    result["level"] = std::string(level(finding.severity));
    result["message"] = {{"text", text}};
    if (!finding.location.empty() || !report.spec_file.empty()) {
      Json location = location_json(finding, report);
      // The template resource (a Terraform address: its plan is one long line).
      if (!finding.resource.empty()) {
        location["logicalLocations"] =
            Json::array({{{"fullyQualifiedName", finding.resource}, {"kind", "resource"}}});
      }
      result["locations"] = Json::array({std::move(location)});
    }
    result["partialFingerprints"] = {{std::string(kFingerprintKey), fnv1a_hex(identity)}};
    if (finding.suppressed_reason) {
      result["suppressions"] =
          Json::array({{{"kind", "inSource"}, {"justification", *finding.suppressed_reason}}});
    }
    Json properties;
    properties["severity"] = std::string(to_string(finding.severity));
    if (!service.empty()) properties["service"] = service;
    if (!finding.resource.empty()) properties["resource"] = finding.resource;
    if (finding.runtime) properties["runtime"] = std::string(to_string(*finding.runtime));
    result["properties"] = std::move(properties);
    results.push_back(std::move(result));
  };
  for (const ServiceReport& service : report.services) {
    for (const Finding& finding : service.findings) add(finding, service.name);
  }
  for (const Finding& finding : report.findings) add(finding, "");

  Json driver;
  driver["name"] = "computefit";
  driver["version"] = report.computefit_version;
  if (!report.computefit_version.empty()) driver["semanticVersion"] = report.computefit_version;
  driver["informationUri"] = std::string(kInformationUri);
  driver["rules"] = std::move(rule_list);

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["results"] = std::move(results);

  Json sarif;
  sarif["$schema"] = std::string(kSchema);
  sarif["version"] = "2.1.0";
  sarif["runs"] = Json::array({std::move(run)});
  // Invalid UTF-8 in a user's string (a spec name, a path) is replaced, never thrown on.
  return sarif.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace computefit
