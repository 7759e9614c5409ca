// Both sides of every rule: each spec in tests/rules/cases/ states in its first comment lines
// which findings it must raise (and where, on which runtime, at which severity), which it must
// not, and what a finding's message must or must not say:
//   # expect: RULE-ID at LINE[:COLUMN] [on RUNTIME|none] [as SEVERITY]
//   # expect-not: RULE-ID [as SEVERITY]
//   # expect-message: RULE-ID ~ TEXT
//   # expect-no-message: RULE-ID ~ TEXT
// "on none" is a finding on no particular runtime; "expect-not ... as high" allows the finding at
// another severity.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include "advisor/recommend.hpp"
#include "pricing/price_estimates.hpp"
#include "rules/rule.hpp"
#include "rules/rule_docs.hpp"
#include "workload/spec_loader.hpp"

namespace computefit {
namespace {

namespace fs = std::filesystem;

struct Expectation {
  enum class Kind { raised, not_raised, message, no_message };
  Kind kind;
  std::string id;
  std::string where;     // "LINE:COLUMN" or "LINE" for raised
  std::string runtime;   // empty: any; "none": no particular runtime
  std::string severity;  // empty: any
  std::string text;      // for message expectations
};

std::vector<Expectation> expectations_of(const fs::path& path) {
  using Kind = Expectation::Kind;
  std::ifstream in(path);
  std::vector<Expectation> out;
  const std::regex expect(
      R"(^# expect: ([a-z0-9-]+) at (\d+(?::\d+)?)(?: on ([a-z0-9-]+))?(?: as ([a-z]+))?\s*$)");
  const std::regex expect_not(R"(^# expect-not: ([a-z0-9-]+)(?: as ([a-z]+))?\s*$)");
  const std::regex message(R"(^# expect-(no-)?message: ([a-z0-9-]+) ~ (.+?)\s*$)");
  std::string line;
  while (std::getline(in, line) && line.rfind("#", 0) == 0) {
    std::smatch m;
    if (std::regex_match(line, m, expect)) {
      out.push_back({Kind::raised, m[1], m[2], m[3], m[4], ""});
    } else if (std::regex_match(line, m, expect_not)) {
      out.push_back({Kind::not_raised, m[1], "", "", m[2], ""});
    } else if (std::regex_match(line, m, message)) {
      out.push_back({m[1].matched ? Kind::no_message : Kind::message, m[2], "", "", "", m[3]});
    }
  }
  return out;
}

bool on_runtime(const Finding& f, const std::string& runtime) {
  if (runtime.empty()) return true;
  if (runtime == "none") return !f.runtime;
  return f.runtime && std::string(to_string(*f.runtime)) == runtime;
}

bool at_severity(const Finding& f, const std::string& severity) {
  return severity.empty() || std::string(to_string(f.severity)) == severity;
}

bool at_location(const Finding& f, const std::string& where) {
  // "FILE:LINE:COLUMN" ends with ":LINE:COLUMN"; a bare LINE matches any column.
  const std::string tail =
      f.location.substr(f.location.find_last_of(':', f.location.rfind(':') - 1));
  return where.find(':') == std::string::npos ? tail.rfind(":" + where + ":", 0) == 0
                                              : tail == ":" + where;
}

std::vector<std::string> case_files() {
  std::vector<std::string> files;
  for (const auto& entry :
       fs::directory_iterator(fs::path(COMPUTEFIT_SOURCE_DIR) / "tests/rules/cases")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class RuleCase : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleCase, RaisesExactlyWhatItStates) {
  const std::string path = "tests/rules/cases/" + GetParam();
  const auto expectations = expectations_of(fs::path(COMPUTEFIT_SOURCE_DIR) / path);
  ASSERT_FALSE(expectations.empty()) << path << " states no expectation";
  DiskFileSystem disk;
  RecommendRequest request;
  request.spec_path = (fs::path(COMPUTEFIT_SOURCE_DIR) / path).string();
  // Two simulated hours: every case's finding shows within them, at a fraction of the time. The
  // decision-boundary sweep feeds no rule.
  request.days = 1.0 / 12;
  request.sweep = false;
  const RecommendOutcome outcome = recommend(request, disk);
  ASSERT_TRUE(outcome.report) << (outcome.diagnostics.empty()
                                      ? std::string("no report")
                                      : format_diagnostic(outcome.diagnostics.front()));
  std::vector<const Finding*> findings;
  for (const ServiceReport& s : outcome.report->services) {
    for (const Finding& f : s.findings) findings.push_back(&f);
  }
  // Findings on resources no service stands for (a policy): on no particular runtime.
  for (const Finding& f : outcome.report->findings) findings.push_back(&f);
  std::ostringstream seen;
  for (const Finding* f : findings) {
    seen << "\n  " << f->id << " " << to_string(f->severity) << " on "
         << (f->runtime ? std::string(to_string(*f->runtime)) : "none") << " at " << f->location
         << ": " << f->message;
  }
  using Kind = Expectation::Kind;
  for (const Expectation& e : expectations) {
    bool found = false;
    for (const Finding* f : findings) {
      if (f->id != e.id) continue;
      switch (e.kind) {
        case Kind::raised:
          found = found || (at_location(*f, e.where) && on_runtime(*f, e.runtime) &&
                            at_severity(*f, e.severity));
          break;
        case Kind::not_raised:
          found = found || at_severity(*f, e.severity);
          break;
        case Kind::message:
        case Kind::no_message:
          found = found || f->message.find(e.text) != std::string::npos;
          break;
      }
    }
    switch (e.kind) {
      case Kind::raised:
        EXPECT_TRUE(found) << path << ": expected " << e.id << " at " << e.where
                           << (e.runtime.empty() ? "" : " on " + e.runtime)
                           << (e.severity.empty() ? "" : " as " + e.severity)
                           << "; raised:" << seen.str();
        break;
      case Kind::not_raised:
        EXPECT_FALSE(found) << path << ": raised " << e.id
                            << (e.severity.empty() ? "" : " as " + e.severity) << ":" << seen.str();
        break;
      case Kind::message:
        EXPECT_TRUE(found) << path << ": no " << e.id << " says \"" << e.text
                           << "\"; raised:" << seen.str();
        break;
      case Kind::no_message:
        EXPECT_FALSE(found) << path << ": " << e.id << " says \"" << e.text << "\":" << seen.str();
        break;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, RuleCase, ::testing::ValuesIn(case_files()), [](const auto& info) {
  std::string name = info.param.substr(0, info.param.size() - 5);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
});

TEST(RuleRegistry, IdsAreUniqueKebabCaseWithMetadata) {
  std::set<std::string_view> ids;
  for (const Rule& rule : rules()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_TRUE(std::regex_match(std::string(rule.id), std::regex("^[a-z0-9]+(-[a-z0-9]+)*$")));
    EXPECT_FALSE(rule.title.empty());
    EXPECT_FALSE(rule.description.empty());
    EXPECT_FALSE(rule.remedy.empty());
  }
  for (std::string_view required :
       {"lambda-db-connection-storm", "private-subnet-no-egress", "shared-iam-role",
        "scaling-outruns-downstream", "eks-ops-burden", "lambda-duration-cap",
        "lambda-cold-start-slo", "secrets-in-env", "lambda-concurrency-throttling",
        "api-gateway-timeout", "lambda-payload-limit", "health-check-grace-short",
        "spot-interruption-risk", "idle-provisioned-concurrency", "no-feasible-runtime"}) {
    EXPECT_TRUE(ids.count(required)) << required;
  }
}

}  // namespace
}  // namespace computefit

namespace computefit {
namespace {

TEST(RuleDocs, PagesAreUpToDate) {
  for (const Rule& rule : rules()) {
    const auto path = std::filesystem::path(COMPUTEFIT_SOURCE_DIR) / "docs/rules" /
                      (std::string(rule.id) + ".md");
    std::ifstream in(path);
    ASSERT_TRUE(in) << path << " is missing: run tools/gen-rule-docs";
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), rule_doc_markdown(rule)) << path << " is stale: run tools/gen-rule-docs";
  }
}

}  // namespace
}  // namespace computefit

namespace computefit {
namespace {

// The rules on a spec held in memory, with the steady-state estimates (no simulation), after
// `adjust` changes the loaded spec (for keys the spec reader does not take yet).
std::vector<std::vector<Finding>> rules_on(const std::string& yaml,
                                           const std::function<void(Spec&)>& adjust) {
  MemoryFileSystem fs;
  fs.add("spec.yaml", yaml);
  SpecLoadResult loaded = load_spec("spec.yaml", fs);
  EXPECT_TRUE(loaded.spec);
  if (!loaded.spec) return {};
  Spec spec = *loaded.spec;
  adjust(spec);
  const std::optional<PriceCatalog> catalog = builtin_price_catalog_for(spec.region);
  EXPECT_TRUE(catalog);
  EstimateTable estimates(spec.services.size());
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    estimates[i] = estimate_service(spec, i, *catalog);
  }
  const CostTable costs = price_estimates(spec, estimates, *catalog);
  return check_rules(RuleContext{spec, estimates, costs, *catalog}).by_service;
}

const Finding* find(const std::vector<Finding>& findings, std::string_view id) {
  for (const Finding& f : findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

constexpr const char* kAdminApi =
    "version: 1\n"
    "team: { kubernetes_platform: false }\n"
    "services:\n"
    "  - name: admin\n"
    "    kind: http\n"
    "    traffic: { rps: 1 }\n";

TEST(EksOpsBurden, MediumWithoutAPlatform) {
  const auto findings = rules_on(kAdminApi, [](Spec&) {});
  const Finding* f = find(findings.at(0), "eks-ops-burden");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::medium);
}

TEST(EksOpsBurden, LowOnAClusterThatRunsAlready) {
  // The cluster's upkeep is the team's whichever runtime this service gets.
  const auto findings =
      rules_on(kAdminApi, [](Spec& spec) { spec.team.existing.eks_cluster = true; });
  const Finding* f = find(findings.at(0), "eks-ops-burden");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::low);
  EXPECT_NE(f->message.find("team.existing.eks_cluster"), std::string::npos) << f->message;
}

}  // namespace
}  // namespace computefit
