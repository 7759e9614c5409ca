// Every bundled spec's report agrees with itself (SPEC.md "Ranking": no text concludes differently
// from the numbers above it): each service's `why` opens with the recommended runtime and names
// the option ranked second as the runner-up; every cost, latency and score it quotes is one of the
// options' figures as the renderers print them (or a difference of two costs); every probe that
// states a recommendation states the report's; the sweep's summary names the runtime its own level
// at today's traffic picks.
//
// A case is a file: every *.yaml in the folders of kReportFolders (those that exist) and in the
// folders listed, colon-separated, in the environment variable COMPUTEFIT_REPORT_FOLDERS.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "advisor/probes.hpp"
#include "advisor/ranking.hpp"
#include "advisor/recommend.hpp"
#include "rules/wording.hpp"
#include "workload/source_tree.hpp"
#include "workload/spec_loader.hpp"

namespace computefit {
namespace {

// Relative to the source tree. The bundled examples run with the sweep (it is quick for them).
const std::vector<std::string> kReportFolders = {"examples", "tests/experts/expert-set-1"};

struct Case {
  std::string path;  // relative to the source tree, or absolute
  bool sweep = false;
};

std::vector<Case> cases() {
  std::vector<std::string> folders = kReportFolders;
  if (const char* extra = std::getenv("COMPUTEFIT_REPORT_FOLDERS")) {
    std::stringstream list(extra);
    for (std::string folder; std::getline(list, folder, ':');) {
      if (!folder.empty()) folders.push_back(folder);
    }
  }
  std::vector<Case> out;
  const std::filesystem::path root(COMPUTEFIT_SOURCE_DIR);
  for (const std::string& folder : folders) {
    const std::filesystem::path dir =
        std::filesystem::path(folder).is_absolute() ? std::filesystem::path(folder) : root / folder;
    if (!std::filesystem::is_directory(dir)) continue;
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".yaml") {
        files.push_back(std::filesystem::path(folder).is_absolute()
                            ? entry.path().string()
                            : (std::filesystem::path(folder) / entry.path().filename()).string());
      }
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) out.push_back({file, folder == "examples"});
  }
  return out;
}

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.path;
}

const std::string kLabels = "(Lambda|ECS on Fargate|ECS on EC2|EKS)";

std::vector<std::string> matches(const std::string& text, const std::regex& pattern, int group) {
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[group].str());
  }
  return out;
}

// The part of `why` that quotes the ranked options: sentences about a re-simulated setting quote
// the re-simulation's figures instead.
std::string ranking_part(const std::string& why) {
  std::string out;
  std::size_t start = 0;
  while (start < why.size()) {
    std::size_t end = why.find(". ", start);
    end = end == std::string::npos ? why.size() : end + 2;
    const std::string sentence = why.substr(start, end - start);
    if (sentence.find("simulated on") == std::string::npos &&
        sentence.find("No runtime setting") == std::string::npos) {
      out += sentence;
    }
    start = end;
  }
  return out;
}

void check_why(const ServiceReport& service, const Spec& spec) {
  SCOPED_TRACE(service.name + ": " + service.why);
  if (!service.recommendation) {
    EXPECT_EQ(service.why.rfind("No runtime", 0), 0u);
    return;
  }
  EXPECT_EQ(service.why.rfind(std::string(runtime_label(*service.recommendation)) + " at ", 0), 0u);
  EXPECT_EQ(service.options.front().runtime, *service.recommendation);
  const std::string text = ranking_part(service.why);

  // The runner-up is the option ranked second.
  for (const std::string& runner : matches(text, std::regex("the runner-up, " + kLabels), 1)) {
    ASSERT_GT(service.options.size(), 1u);
    EXPECT_EQ(runner, runtime_label(service.options[1].runtime));
  }

  std::set<std::string> costs, latencies, scores;
  // Besides the options' costs and their differences, the threshold under which cost does not
  // decide (docs/ranking.md).
  costs.insert(money(cost_materiality_usd(spec.priorities)));
  for (const Option& a : service.options) {
    if (!a.feasible) continue;
    costs.insert(money(quoted_monthly_cost(a)));
    for (const Option& b : service.options) {
      if (b.feasible)
        costs.insert(money(std::fabs(quoted_monthly_cost(a) - quoted_monthly_cost(b))));
    }
    const Service* s = nullptr;
    for (const Service& candidate : spec.services) {
      if (candidate.name == service.name) s = &candidate;
    }
    const std::pair<const char*, double> values[] = {
        {"p50", a.latency_ms->p50}, {"p95", a.latency_ms->p95}, {"p99", a.latency_ms->p99}};
    for (const auto& [name, value] : values) {
      latencies.insert(std::string(name) + " " + milliseconds(value));
      if (s) {
        for (const auto& target : {s->slo.p50_ms, s->slo.p95_ms, s->slo.p99_ms}) {
          if (target)
            latencies.insert(std::string(name) + " " + milliseconds_above(value, *target));
        }
      }
    }
    for (int decimals = 2; decimals <= 6; ++decimals) {
      scores.insert(fmt::format("{:.{}f}", *a.score, decimals));
    }
  }
  for (const std::string& cost : matches(text, std::regex(R"(\$[0-9][0-9,]*\.[0-9]{2})"), 0)) {
    EXPECT_TRUE(costs.count(cost)) << cost << " is no option's cost nor a difference of two";
  }
  for (const std::string& latency :
       matches(text, std::regex(R"(p(50|95|99) [0-9][0-9,]*(\.[0-9]+)? ms)"), 0)) {
    EXPECT_TRUE(latencies.count(latency)) << latency << " is no option's figure";
  }
  const std::regex score_pattern(R"(scores? ([0-9]\.[0-9]+) against ([0-9]\.[0-9]+))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), score_pattern);
       it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(scores.count((*it)[1].str())) << (*it)[0].str();
    EXPECT_TRUE(scores.count((*it)[2].str())) << (*it)[0].str();
  }
}

// "a, b and c" -> {a, b, c}.
std::vector<std::string> names_in(const std::string& list) {
  std::vector<std::string> names;
  std::string rest = list;
  const std::size_t and_at = rest.rfind(" and ");
  std::string last;
  if (and_at != std::string::npos) {
    last = rest.substr(and_at + 5);
    rest = rest.substr(0, and_at);
  }
  std::stringstream parts(rest);
  for (std::string name; std::getline(parts, name, ',');) {
    name.erase(0, name.find_first_not_of(' '));
    if (!name.empty()) names.push_back(name);
  }
  if (!last.empty()) names.push_back(last);
  return names;
}

void check_probes(const Report& report) {
  std::map<std::string, std::optional<RuntimeId>> recommended;
  for (const ServiceReport& s : report.services) recommended[s.name] = s.recommendation;
  const std::regex stated(
      "((?:[A-Za-z0-9_.-]+, )*[A-Za-z0-9_.-]+(?: and [A-Za-z0-9_.-]+)?) "
      "(?:is|are) recommended on " +
      kLabels);
  const std::regex generic("recommended (runtimes|options?)");
  const std::regex any("[Rr]ecommend");
  for (const Probe& probe : report.probes) {
    for (const std::string& answer : probe.answers) {
      SCOPED_TRACE(probe.id + ": " + answer);
      std::size_t checked = 0;
      for (auto it = std::sregex_iterator(answer.begin(), answer.end(), stated);
           it != std::sregex_iterator(); ++it, ++checked) {
        for (const std::string& name : names_in((*it)[1].str())) {
          ASSERT_TRUE(recommended.count(name)) << "no service " << name;
          ASSERT_TRUE(recommended[name]) << name << " has no recommendation";
          EXPECT_EQ((*it)[2].str(), runtime_label(*recommended[name])) << name;
        }
      }
      checked += matches(answer, generic, 0).size();
      // A bare conclusion ("...for 3 services: ECS.") names no service it could be checked
      // against.
      EXPECT_TRUE(matches(answer, std::regex(": (ECS|EKS|Lambda|ECS on Fargate|ECS on EC2)\\."), 0)
                      .empty());
      // Any other mention of a recommendation is a sentence this test cannot check: state it in
      // the form above (recommendation_sentence()).
      EXPECT_EQ(matches(answer, any, 0).size(), checked);
    }
  }
}

void check_sweep(const ServiceReport& service) {
  if (service.sweep.empty()) return;
  SCOPED_TRACE(service.name + ": " + service.boundary_summary);
  std::size_t today = 0;
  for (std::size_t k = 1; k < service.sweep.size(); ++k) {
    if (std::fabs(std::log(service.sweep[k].factor)) <
        std::fabs(std::log(service.sweep[today].factor))) {
      today = k;
    }
  }
  const std::optional<RuntimeId> held = service.sweep[today].recommendation;
  ASSERT_TRUE(held);
  const std::string label(runtime_label(*held));
  EXPECT_TRUE(service.boundary_summary.rfind(label + " holds from", 0) == 0 ||
              service.boundary_summary.rfind("The recommendation (" + label + ") holds", 0) == 0);
  if (held != service.recommendation && service.recommendation) {
    EXPECT_NE(service.boundary_summary.find("where the full run picks " +
                                            std::string(runtime_label(*service.recommendation))),
              std::string::npos);
  }
}

class ReportConsistency : public ::testing::TestWithParam<Case> {};

TEST_P(ReportConsistency, TextAgreesWithTheNumbers) {
  const testing::SourceTreeFileSystem fs;
  RecommendRequest request;
  request.spec_path = GetParam().path;
  request.sweep = GetParam().sweep;
  const RecommendOutcome outcome = recommend(request, fs);
  for (const Diagnostic& d : outcome.diagnostics) ADD_FAILURE() << d.message;
  ASSERT_TRUE(outcome.report);
  const Report& report = *outcome.report;
  const SpecLoadResult loaded = load_spec(request.spec_path, fs);
  ASSERT_TRUE(loaded.spec);
  for (const ServiceReport& service : report.services) {
    check_why(service, *loaded.spec);
    check_sweep(service);
  }
  check_probes(report);
}

TEST(ReportConsistencyCases, TheBundledExamplesAreThere) {
  std::size_t examples = 0;
  for (const Case& c : cases()) examples += c.sweep ? 1 : 0;
  EXPECT_GE(examples, 3u);
}

INSTANTIATE_TEST_SUITE_P(Specs, ReportConsistency, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string name = info.param.path;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace computefit
