// Hostile input is normal input: each case below must end in located diagnostics, never a crash,
// a hang or runaway memory. The large inputs are generated here rather than committed.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "workload/spec_loader.hpp"

namespace computefit {
namespace {

SpecLoadResult parse(const std::string& text) {
  return parse_spec(text, "hostile.yaml", MemoryFileSystem{});
}

std::string first_message(const SpecLoadResult& r) {
  return r.diagnostics.empty() ? "" : format_diagnostic(r.diagnostics.front());
}

// "Billion laughs": nine levels of ten aliases each would expand to 10^9 nodes.
TEST(HostileInput, AliasBombIsRefused) {
  std::string text = "version: 1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level <= 9; ++level) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "literal" + string.
    const std::string name = std::to_string(level);
    const std::string previous = std::to_string(level - 1);
    text.append("a").append(name).append(": &a").append(name).append(" [");
    for (int i = 0; i < 10; ++i) text.append(i ? ", *a" : "*a").append(previous);
    text.append("]\n");
  }
  text += "services: *a9\n";
  const SpecLoadResult r = parse(text);
  ASSERT_FALSE(r.spec);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "too-large");
  EXPECT_NE(first_message(r).find("aliases count each time"), std::string::npos)
      << first_message(r);
}

TEST(HostileInput, RecursiveAnchorDoesNotLoop) {
  const SpecLoadResult r = parse("version: 1\nservices: &s [*s]\n");
  EXPECT_FALSE(r.spec);
  EXPECT_FALSE(r.diagnostics.empty());
}

TEST(HostileInput, HundredThousandDeepFlowNestingIsLocated) {
  const std::string text = "version: 1\nservices: " + std::string(100000, '[') + "\n";
  const SpecLoadResult r = parse(text);
  ASSERT_FALSE(r.spec);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_TRUE(r.diagnostics[0].mark.known()) << first_message(r);
  EXPECT_NE(first_message(r).find("nested too deeply"), std::string::npos) << first_message(r);
}

TEST(HostileInput, DeepBlockMappingsAreLocated) {
  std::string text = "version: 1\n";
  for (int depth = 0; depth < 3000; ++depth) text += std::string(depth, ' ') + "a:\n";
  const SpecLoadResult r = parse(text);
  ASSERT_FALSE(r.spec);
  EXPECT_FALSE(r.diagnostics.empty());
}

TEST(HostileInput, TenMegabyteFileIsRefusedUnparsed) {
  const std::string text = "version: 1\n# " + std::string(10u << 20, 'x') + "\n";
  const SpecLoadResult r = parse(text);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "too-large");
}

TEST(HostileInput, HugeFlatListIsRefused) {
  std::string text = "version: 1\nservices: [";
  for (int i = 0; i < 60000; ++i) text += "0,";
  text += "0]\n";
  const SpecLoadResult r = parse(text);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "too-large");
}

// A fixed-seed linear congruential generator (Knuth's MMIX constants): the same junk each run.
TEST(HostileInput, RandomBytesNeverCrash) {
  std::uint64_t state = 42;
  for (int round = 0; round < 50; ++round) {
    std::string junk(512, '\0');
    for (char& c : junk) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      c = static_cast<char>(state >> 56);
    }
    const SpecLoadResult r = parse(junk);
    EXPECT_FALSE(r.spec);
    EXPECT_FALSE(r.diagnostics.empty());
  }
}

// Junk made of YAML's own punctuation reaches the parser and the validator.
TEST(HostileInput, RandomYamlPunctuationNeverCrashes) {
  const std::string alphabet = "[]{}:,-&*!|>'\"#?% \n\tab01.~";
  std::uint64_t state = 7;
  for (int round = 0; round < 300; ++round) {
    std::string junk = "version: 1\nservices:\n  - ";
    for (int i = 0; i < 120; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      junk += alphabet[(state >> 33) % alphabet.size()];
    }
    const SpecLoadResult r = parse(junk);
    EXPECT_TRUE(r.spec || !r.diagnostics.empty());
  }
}

// Every prefix of a valid spec (cut anywhere, even mid-token) is reported, not crashed on.
TEST(HostileInput, TruncatedSpecsNeverCrash) {
  const std::string good = R"y(version: 1
downstreams:
  db: { kind: database, max_connections: 100 }
services:
  - name: api
    kind: http
    duration_ms: { p50: 40, p99: 200 }
    traffic: { rps: 5, peak_rps: 50, shape: bursty }
    uses: [{ downstream: db, connections_per_instance: 2 }]
    runtimes: { lambda: { timeout_seconds: 30 }, eks: { min_pods: 1 } }
  - name: nightly
    kind: scheduled
    schedule: "cron(0 3 ? * MON-FRI *)"
)y";
  ASSERT_TRUE(parse(good).spec);
  for (std::size_t cut = 0; cut < good.size(); cut += 3) {
    const SpecLoadResult r = parse(good.substr(0, cut));
    EXPECT_TRUE(r.spec || !r.diagnostics.empty()) << cut;
  }
}

TEST(HostileInput, TwentyThousandUnknownKeysGiveAHundredLinesAndACount) {
  std::string text = "version: 1\nservices: [{ name: api, kind: http, traffic: { rps: 1 } }]\n";
  for (int i = 0; i < 20000; ++i) text += "junk" + std::to_string(i) + ": 1\n";
  const SpecLoadResult r = parse(text);
  ASSERT_EQ(r.diagnostics.size(), 101u);
  EXPECT_EQ(format_diagnostic(r.diagnostics.back()),
            "hostile.yaml: error: and 19900 more problems");
}

// Each unknown endpoint name is an error; only the printed ones carry a suggestion, so that a
// list of thousands costs no more than the hundred lines shown.
TEST(HostileInput, ThousandsOfUnknownEndpointNamesGiveAHundredLinesAndACount) {
  std::string names;
  for (int i = 0; i < 3000; ++i) names += (i ? ", " : "") + std::string(40, 'a' + i % 26);
  const SpecLoadResult r = parse(
      "version: 1\nservices: [{ name: api, kind: http, traffic: { rps: 1 }, network: { "
      "vpc_endpoints: [" +
      names + "] } }]\n");
  ASSERT_EQ(r.diagnostics.size(), 101u);
  EXPECT_EQ(format_diagnostic(r.diagnostics.back()), "hostile.yaml: error: and 2900 more problems");
}

TEST(HostileInput, ComplexKeysAndTagsAreReported) {
  const SpecLoadResult r = parse("version: 1\n? [a, b]\n: 1\nservices: !!binary aGVsbG8=\n");
  EXPECT_FALSE(r.spec);
  EXPECT_GE(r.diagnostics.size(), 2u);
}

}  // namespace
}  // namespace computefit
