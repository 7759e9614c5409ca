// Both sides of every rule: each spec in tests/rules/cases/ states in its first comment lines
// which findings it must raise (and where) and which it must not:
//   # expect: RULE-ID at LINE[:COLUMN] [on RUNTIME]
//   # expect-not: RULE-ID
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "advisor/recommend.hpp"
#include "rules/rule.hpp"
#include "rules/rule_docs.hpp"

namespace computefit {
namespace {

namespace fs = std::filesystem;

struct Expectation {
  bool raised;
  std::string id;
  std::string where;    // "LINE:COLUMN", empty for expect-not
  std::string runtime;  // empty: any
};

std::vector<Expectation> expectations_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<Expectation> out;
  const std::regex expect(R"(^# expect: ([a-z0-9-]+) at (\d+(?::\d+)?)(?: on ([a-z0-9-]+))?\s*$)");
  const std::regex expect_not(R"(^# expect-not: ([a-z0-9-]+)\s*$)");
  std::string line;
  while (std::getline(in, line) && line.rfind("#", 0) == 0) {
    std::smatch m;
    if (std::regex_match(line, m, expect)) out.push_back({true, m[1], m[2], m[3]});
    if (std::regex_match(line, m, expect_not)) out.push_back({false, m[1], "", ""});
  }
  return out;
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
  // Two simulated hours: every case's finding shows within them, at a fraction of the time.
  request.days = 1.0 / 12;
  const RecommendOutcome outcome = recommend(request, disk);
  ASSERT_TRUE(outcome.report) << (outcome.diagnostics.empty()
                                      ? std::string("no report")
                                      : format_diagnostic(outcome.diagnostics.front()));
  std::vector<const Finding*> findings;
  for (const ServiceReport& s : outcome.report->services) {
    for (const Finding& f : s.findings) findings.push_back(&f);
  }
  for (const Expectation& e : expectations) {
    bool found = false;
    for (const Finding* f : findings) {
      if (f->id != e.id) continue;
      if (!e.raised) {
        ADD_FAILURE() << path << ": raised " << e.id << " (" << f->message << ")";
        found = true;
        break;
      }
      // "FILE:LINE:COLUMN" ends with ":LINE:COLUMN"; a bare LINE matches any column.
      const std::string tail =
          f->location.substr(f->location.find_last_of(':', f->location.rfind(':') - 1));
      const bool at = e.where.find(':') == std::string::npos
                          ? tail.rfind(":" + e.where + ":", 0) == 0
                          : tail == ":" + e.where;
      const bool on =
          e.runtime.empty() || (f->runtime && std::string(to_string(*f->runtime)) == e.runtime);
      if (at && on) found = true;
    }
    if (e.raised) {
      std::ostringstream seen;
      for (const Finding* f : findings) seen << "\n  " << f->id << " at " << f->location;
      EXPECT_TRUE(found) << path << ": expected " << e.id << " at " << e.where
                         << (e.runtime.empty() ? "" : " on " + e.runtime)
                         << "; raised:" << seen.str();
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
        "spot-interruption-risk", "idle-provisioned-concurrency"}) {
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
