// render_sarif against the SARIF 2.1.0 standard (OASIS, docs.oasis-open.org/sarif/sarif/v2.1.0,
// "errata01 OS"): the properties it requires of each object, and what GitHub code scanning reads
// (docs.github.com, "SARIF support for code scanning": ruleId, ruleIndex, level, locations,
// partialFingerprints, suppressions).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "render/sample_report.hpp"
#include "render/sarif.hpp"
#include "rules/rule.hpp"

namespace computefit {
namespace {

using Json = nlohmann::json;

Json sarif_of(const Report& report) {
  return Json::parse(render_sarif(report));
}

bool is_level(const Json& level) {
  return level == "none" || level == "note" || level == "warning" || level == "error";
}

// The properties SARIF 2.1.0 requires, object by object (§3.13 sarifLog, §3.14 run, §3.18 tool,
// §3.19 toolComponent, §3.49 reportingDescriptor, §3.27 result, §3.11 message, §3.28 location,
// §3.29 physicalLocation, §3.4 artifactLocation, §3.30 region, §3.35 suppression).
void expect_valid_sarif(const Json& log) {
  ASSERT_TRUE(log.is_object());
  EXPECT_EQ(log.at("version"), "2.1.0");
  ASSERT_TRUE(log.at("runs").is_array());
  for (const Json& run : log.at("runs")) {
    const Json& driver = run.at("tool").at("driver");
    EXPECT_TRUE(driver.at("name").is_string());
    const Json& rules = driver.at("rules");
    ASSERT_TRUE(rules.is_array());
    std::set<std::string> ids;
    for (const Json& rule : rules) {
      ASSERT_TRUE(rule.at("id").is_string());
      EXPECT_TRUE(ids.insert(rule.at("id").get<std::string>()).second) << rule.at("id");
      for (const char* text : {"shortDescription", "fullDescription", "help"}) {
        if (rule.contains(text)) {
          EXPECT_TRUE(rule.at(text).at("text").is_string()) << text;
        }
      }
      if (rule.contains("defaultConfiguration")) {
        EXPECT_TRUE(is_level(rule.at("defaultConfiguration").at("level")));
      }
    }
    for (const Json& result : run.at("results")) {
      EXPECT_TRUE(result.at("message").at("text").is_string());
      EXPECT_TRUE(is_level(result.at("level")));
      const auto index = result.at("ruleIndex").get<long>();
      ASSERT_GE(index, 0);
      ASSERT_LT(index, static_cast<long>(rules.size()));
      EXPECT_EQ(rules.at(index).at("id"), result.at("ruleId"));
      for (const Json& location : result.value("locations", Json::array())) {
        const Json& physical = location.at("physicalLocation");
        EXPECT_TRUE(physical.at("artifactLocation").at("uri").is_string());
        if (physical.contains("region")) {
          EXPECT_GE(physical.at("region").at("startLine").get<int>(), 1);
          EXPECT_GE(physical.at("region").value("startColumn", 1), 1);
        }
      }
      for (const Json& suppression : result.value("suppressions", Json::array())) {
        const Json& kind = suppression.at("kind");
        EXPECT_TRUE(kind == "inSource" || kind == "external") << kind;
      }
    }
  }
}

TEST(RenderSarif, ALogOfOneRunAsTheStandardRequires) {
  const Json log = sarif_of(sample_report());
  expect_valid_sarif(log);
  EXPECT_EQ(log.at("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(log.at("runs").size(), 1u);
  const Json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "computefit");
  EXPECT_EQ(driver["version"], "0.1.0");
  EXPECT_EQ(driver["informationUri"], "https://github.com/computefit/computefit");
}

TEST(RenderSarif, RulesComeFromTheRegistryInItsOrder) {
  const Json rules = sarif_of(sample_report())["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), computefit::rules().size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Rule& rule = computefit::rules()[i];
    EXPECT_EQ(rules[i]["id"], std::string(rule.id));
    EXPECT_EQ(rules[i]["shortDescription"]["text"], std::string(rule.title));
    EXPECT_EQ(rules[i]["fullDescription"]["text"], std::string(rule.description));
    EXPECT_EQ(rules[i]["help"]["text"], std::string(rule.remedy));
    EXPECT_EQ(rules[i]["helpUri"],
              "https://github.com/computefit/computefit/blob/main/docs/rules/" +
                  std::string(rule.id) + ".md");
    const std::string level = rule.severity >= Severity::high     ? "error"
                              : rule.severity == Severity::medium ? "warning"
                                                                  : "note";
    EXPECT_EQ(rules[i]["defaultConfiguration"]["level"], level) << rule.id;
  }
}

TEST(RenderSarif, OneResultPerFindingWithItsSpecLocation) {
  const Json results = sarif_of(sample_report())["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u);  // two under api, the shared role again under reconcile
  const Json& storm = results[0];
  EXPECT_EQ(storm["ruleId"], "lambda-db-connection-storm");
  EXPECT_EQ(storm["level"], "error");
  EXPECT_EQ(storm["message"]["text"].get<std::string>().rfind(
                "api on lambda: peak 1,240 connections against max_connections 400", 0),
            0u);
  const Json& physical = storm["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "examples/shop.yaml");
  EXPECT_EQ(physical["region"]["startLine"], 34);
  EXPECT_EQ(physical["region"]["startColumn"], 9);
  EXPECT_FALSE(storm.contains("suppressions"));

  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_EQ(results[1]["message"]["text"], "api: api and reconcile share the IAM role app-role");
  EXPECT_EQ(results[2]["message"]["text"],
            "reconcile: api and reconcile share the IAM role app-role");
}

TEST(RenderSarif, SuppressedFindingsCarryTheirJustification) {
  const Json results = sarif_of(sample_report())["runs"][0]["results"];
  ASSERT_TRUE(results[1].contains("suppressions"));
  EXPECT_EQ(results[1]["suppressions"], Json::parse(R"([{"kind": "inSource",
                            "justification": "one deploy pipeline | reviewed in *ADR-7* <2026>"}])"));
  EXPECT_FALSE(results[2].contains("suppressions"));  // reconcile did not suppress it
}

TEST(RenderSarif, FingerprintsAreStableAndDistinct) {
  const Json results = sarif_of(sample_report())["runs"][0]["results"];
  std::set<std::string> prints;
  for (const Json& result : results) {
    prints.insert(result["partialFingerprints"]["computefit/v1"].get<std::string>());
  }
  EXPECT_EQ(prints.size(), results.size());
  // The figures in a message change from run to run; the fingerprint does not.
  Report changed = sample_report();
  changed.services[0].findings[0].message = "peak 1,312 connections against max_connections 400";
  EXPECT_EQ(sarif_of(changed)["runs"][0]["results"][0]["partialFingerprints"],
            results[0]["partialFingerprints"]);
  // The same finding twice at the same place: still two fingerprints.
  changed.services[0].findings.push_back(changed.services[0].findings[0]);
  const Json again = sarif_of(changed)["runs"][0]["results"];
  EXPECT_NE(again[0]["partialFingerprints"], again[2]["partialFingerprints"]);
}

TEST(RenderSarif, LocationsWithoutLineOrWithColonsOrAbsolutePaths) {
  Report report = sample_report();
  std::vector<Finding>& findings = report.services[0].findings;
  findings[0].location = "C:/specs/shop.yaml:12:3";
  findings[1].location = "";
  report.spec_file = "/home/me/my specs/shop.yaml";
  const Json results = sarif_of(report)["runs"][0]["results"];
  const Json& first = results[0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(first["artifactLocation"]["uri"], "C%3A/specs/shop.yaml");
  EXPECT_EQ(first["region"]["startLine"], 12);
  EXPECT_EQ(first["region"]["startColumn"], 3);
  // No location of its own: the spec file, without a region.
  const Json& second = results[1]["locations"][0]["physicalLocation"];
  EXPECT_EQ(second["artifactLocation"]["uri"], "file:///home/me/my%20specs/shop.yaml");
  EXPECT_FALSE(second.contains("region"));
  expect_valid_sarif(sarif_of(report));
}

TEST(RenderSarif, AFindingOutsideTheRegistryStillHasARule) {
  Report report = sample_report();
  Finding extra;
  extra.id = "made-up-rule";
  extra.severity = Severity::low;
  extra.message = "something";
  extra.location = "examples/shop.yaml:1:1";
  report.services[1].findings.push_back(extra);
  report.services[0].findings.push_back(extra);
  const Json log = sarif_of(report);
  expect_valid_sarif(log);
  const Json& rules = log["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), computefit::rules().size() + 1);
  EXPECT_EQ(rules.back()["id"], "made-up-rule");
  EXPECT_EQ(log["runs"][0]["results"][2]["ruleIndex"], rules.size() - 1);
  EXPECT_EQ(log["runs"][0]["results"][2]["level"], "note");
}

TEST(RenderSarif, SameReportSameBytesAndAnEmptyReportIsValid) {
  EXPECT_EQ(render_sarif(sample_report()), render_sarif(sample_report()));
  const Json empty = sarif_of(Report{});
  expect_valid_sarif(empty);
  EXPECT_TRUE(empty["runs"][0]["results"].empty());
}

}  // namespace
}  // namespace computefit
