// Every tests/workload/bad/<name>.yaml must produce exactly the lines of <name>.expected: the
// located messages a user sees from `computefit validate`.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "workload/source_tree.hpp"
#include "workload/spec_loader.hpp"

namespace computefit {
namespace {

const std::string kCorpus = "tests/workload/bad";

std::vector<std::string> corpus_names() {
  std::vector<std::string> names;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(COMPUTEFIT_SOURCE_DIR) + "/" + kCorpus)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class BadSpec : public ::testing::TestWithParam<std::string> {};

TEST_P(BadSpec, ReportsExactlyTheExpectedDiagnostics) {
  const testing::SourceTreeFileSystem fs;
  const std::string path = kCorpus + "/" + GetParam() + ".yaml";
  const auto expected = fs.read(kCorpus + "/" + GetParam() + ".expected");
  ASSERT_TRUE(expected) << "missing " << GetParam() << ".expected";

  const SpecLoadResult result = load_spec(path, fs);
  std::string actual;
  for (const Diagnostic& d : result.diagnostics) actual += format_diagnostic(d) + "\n";
  EXPECT_EQ(actual, *expected);
  EXPECT_FALSE(result.spec.has_value());
}

TEST(BadSpecCorpus, HasAtLeastTwentyFiveCases) {
  EXPECT_GE(corpus_names().size(), 25u);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadSpec, ::testing::ValuesIn(corpus_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace computefit
