// The catalog loader, the embedded catalogs and tiered charges. Prices checked here are those of
// data/prices/aws/us-east-1.yaml, each against the reference the catalog names.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "pricing/price_catalog.hpp"

namespace computefit {
namespace {

// A catalog defining every required key with a placeholder price, plus `extra` lines.
std::string minimal_catalog(const std::string& extra = "", const std::string& skip = "") {
  std::string text = "region: test-1\nas_of: 2026-01-01\nprices:\n";
  for (const std::string& key : required_price_keys()) {
    if (key == skip) continue;
    text +=
        "  " + key + ": { usd: 0.1, unit: hour, source: test, as_of: 2025-01-01, confidence: A }\n";
  }
  return text + extra;
}

bool has_code(const Diagnostics& diagnostics, const std::string& code) {
  for (const Diagnostic& d : diagnostics) {
    if (d.code == code) return true;
  }
  return false;
}

const Diagnostic* first_with(const Diagnostics& diagnostics, const std::string& code) {
  for (const Diagnostic& d : diagnostics) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

TEST(PriceCatalog, MinimalCatalogLoads) {
  const CatalogLoadResult result = parse_price_catalog(minimal_catalog(), "t.yaml");
  ASSERT_TRUE(result.diagnostics.empty()) << result.diagnostics.front().message;
  ASSERT_TRUE(result.catalog);
  EXPECT_EQ(result.catalog->region(), "test-1");
  EXPECT_EQ(result.catalog->as_of(), "2026-01-01");
  EXPECT_EQ(result.catalog->at("alb.hour").confidence, "A");
}

TEST(PriceCatalog, MissingRequiredKeyIsReported) {
  const CatalogLoadResult result = parse_price_catalog(minimal_catalog("", "alb.hour"), "t.yaml");
  EXPECT_FALSE(result.catalog);
  const Diagnostic* d = first_with(result.diagnostics, "catalog-missing-key");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->file, "t.yaml");
  EXPECT_NE(d->message.find("alb.hour"), std::string::npos);
  EXPECT_EQ(d->mark.line, 3);  // the `prices:` key
}

TEST(PriceCatalog, NonNumericPriceHasItsPosition) {
  const std::string text = minimal_catalog(
      "  ec2.on_demand.x1.large: { usd: cheap, unit: hour, source: s, as_of: 2025-01-01, "
      "confidence: B }\n");
  const CatalogLoadResult result = parse_price_catalog(text, "t.yaml");
  EXPECT_FALSE(result.catalog);
  const Diagnostic* d = first_with(result.diagnostics, "catalog-not-a-number");
  ASSERT_NE(d, nullptr);
  const int expected_line = 4 + static_cast<int>(required_price_keys().size());
  EXPECT_EQ(d->mark.line, expected_line);
  EXPECT_EQ(d->mark.column, 34);  // the value `cheap`
}

TEST(PriceCatalog, NegativePriceIsRejected) {
  const CatalogLoadResult result = parse_price_catalog(
      minimal_catalog(
          "  x.y: { usd: -1, unit: hour, source: s, as_of: 2025-01-01, confidence: B }\n"),
      "t.yaml");
  EXPECT_TRUE(has_code(result.diagnostics, "catalog-negative-price"));
}

TEST(PriceCatalog, TiersMustIncrease) {
  const std::string tiers =
      "  x.tiered:\n    unit: GB\n    source: s\n    as_of: 2025-01-01\n    confidence: A\n"
      "    tiers:\n      - { up_to: 100, usd: 0.2 }\n      - { up_to: 50, usd: 0.1 }\n"
      "      - { usd: 0.05 }\n";
  const CatalogLoadResult result = parse_price_catalog(minimal_catalog(tiers), "t.yaml");
  EXPECT_TRUE(has_code(result.diagnostics, "catalog-tiers-not-increasing"));
}

TEST(PriceCatalog, SourceAndDateAreRequired) {
  CatalogLoadResult result = parse_price_catalog(
      minimal_catalog("  x.a: { usd: 1, unit: hour, as_of: 2025-01-01, confidence: A }\n"),
      "t.yaml");
  EXPECT_TRUE(has_code(result.diagnostics, "catalog-missing-source"));
  result = parse_price_catalog(
      minimal_catalog("  x.a: { usd: 1, unit: hour, source: s, confidence: A }\n"), "t.yaml");
  EXPECT_TRUE(has_code(result.diagnostics, "catalog-missing-as-of"));
  result = parse_price_catalog(
      minimal_catalog(
          "  x.a: { usd: 1, unit: hour, source: s, as_of: 2025-02-30, confidence: A }\n"),
      "t.yaml");
  EXPECT_TRUE(has_code(result.diagnostics, "catalog-bad-date"));
  result = parse_price_catalog(
      minimal_catalog(
          "  x.a: { usd: 1, unit: hour, source: s, as_of: 2024-02-29, confidence: D }\n"),
      "t.yaml");
  EXPECT_TRUE(
      has_code(result.diagnostics, "catalog-bad-value"));  // confidence D; the leap day is fine
  EXPECT_FALSE(has_code(result.diagnostics, "catalog-bad-date"));
}

TEST(PriceCatalog, DuplicateKeysAreReported) {
  const CatalogLoadResult result = parse_price_catalog(
      minimal_catalog(
          "  alb.hour: { usd: 1, unit: hour, source: s, as_of: 2025-01-01, confidence: A }\n"),
      "t.yaml");
  EXPECT_TRUE(has_code(result.diagnostics, "catalog-duplicate-key"));
}

TEST(PriceCatalog, BadYamlIsADiagnostic) {
  const CatalogLoadResult result = parse_price_catalog("prices: [unclosed\n", "t.yaml");
  EXPECT_FALSE(result.catalog);
  EXPECT_TRUE(has_code(result.diagnostics, "catalog-bad-yaml"));
}

TEST(PriceCatalog, UnreadableFileIsADiagnostic) {
  MemoryFileSystem fs;
  const CatalogLoadResult result = load_price_catalog("nowhere.yaml", fs);
  EXPECT_TRUE(has_code(result.diagnostics, "catalog-unreadable"));
  fs.add("here.yaml", minimal_catalog());
  EXPECT_TRUE(load_price_catalog("here.yaml", fs).catalog);
}

// Every embedded file must load cleanly: the CLI relies on them without checking.
TEST(BuiltinCatalogs, EveryEmbeddedCatalogLoadsWithoutDiagnostics) {
  const std::vector<std::string> regions = builtin_regions();
  EXPECT_EQ(regions, (std::vector<std::string>{"eu-west-1", "us-east-1", "us-west-2"}));
  for (const std::string& region : regions) {
    const auto catalog = builtin_price_catalog_for(region);
    ASSERT_TRUE(catalog) << region;
    EXPECT_EQ(catalog->region(), region);
    for (const std::string& key : required_price_keys()) {
      const PriceEntry* entry = catalog->find(key);
      ASSERT_NE(entry, nullptr) << region << " " << key;
      EXPECT_FALSE(entry->source.empty());
      EXPECT_FALSE(entry->as_of.empty());
      EXPECT_FALSE(entry->confidence.empty());
    }
  }
  EXPECT_EQ(builtin_price_catalog().region(), "us-east-1");
  EXPECT_FALSE(builtin_price_catalog_for("xx-nowhere-1"));
}

TEST(BuiltinCatalogs, EveryCatalogPricesTheListedInstanceTypes) {
  const char* types[] = {"t3.medium",  "t3.large",    "m5.large",  "m5.xlarge",  "m6i.large",
                         "m6i.xlarge", "m6i.2xlarge", "c6i.large", "c6i.xlarge", "r6i.large",
                         "m6g.large",  "m6g.xlarge",  "m7g.large", "c7g.large",  "g4dn.xlarge",
                         "g5.xlarge",  "p3.2xlarge"};
  for (const std::string& region : builtin_regions()) {
    const PriceCatalog catalog = *builtin_price_catalog_for(region);
    for (const char* type : types) {
      EXPECT_NE(catalog.find(std::string(price_keys::kEc2OnDemandPrefix) + type), nullptr)
          << region << " " << type;
    }
  }
}

// GPU hosts a user picks in 2026 (g4dn, g5, g6, g6e, p4d, p5): every size in the instance table
// is priced in both US catalogs; Europe (Ireland) sells g4dn, g5, p3 and p4d, not g6, g6e or p5
// (instances.vantage.sh export, 2026-01-21), and its catalog leaves them out.
TEST(BuiltinCatalogs, GpuHostsArePricedWhereTheyAreSold) {
  std::vector<std::string> gpu_types;
  // Held here: with_prefix() points into the catalog, which a temporary in the loop's range would
  // free before the loop reads it.
  const PriceCatalog east = builtin_price_catalog();
  for (const char* key : {"g4dn.", "g5.", "g6.", "g6e.", "p3.", "p4d.", "p5."}) {
    for (const PriceEntry* entry :
         east.with_prefix(std::string(price_keys::kEc2OnDemandPrefix) + key)) {
      gpu_types.push_back(entry->key.substr(price_keys::kEc2OnDemandPrefix.size()));
    }
  }
  EXPECT_EQ(gpu_types.size(), 36u);
  const auto west = *builtin_price_catalog_for("us-west-2");
  const auto ireland = *builtin_price_catalog_for("eu-west-1");
  for (const std::string& type : gpu_types) {
    const std::string key = std::string(price_keys::kEc2OnDemandPrefix) + type;
    EXPECT_NE(west.find(key), nullptr) << type;
    const bool sold_in_ireland = type.rfind("g6", 0) != 0 && type.rfind("p5", 0) != 0;
    EXPECT_EQ(ireland.find(key) != nullptr, sold_in_ireland) << type;
  }
  // Case 04's hosts: g6.2xlarge (1 L4) $0.9776/h and g5.2xlarge (1 A10G) $1.212/h.
  EXPECT_DOUBLE_EQ(builtin_price_catalog().at("ec2.on_demand.g6.2xlarge").usd, 0.9776);
  EXPECT_DOUBLE_EQ(builtin_price_catalog().at("ec2.on_demand.g5.2xlarge").usd, 1.212);
}

TEST(PriceCatalog, WithPrefixListsSortedEntries) {
  const PriceCatalog catalog = builtin_price_catalog();
  const auto ec2 = catalog.with_prefix("ec2.on_demand.");
  ASSERT_GE(ec2.size(), 17u);
  for (std::size_t i = 1; i < ec2.size(); ++i) EXPECT_LT(ec2[i - 1]->key, ec2[i]->key);
  EXPECT_TRUE(catalog.with_prefix("zzz.").empty());
  EXPECT_THROW(catalog.at("no.such.key"), std::out_of_range);
}

double cents(double usd) {
  return std::round(usd * 100) / 100;
}

// Infracost golden lambda_function_test (2024-07-01): the x86 and arm tier charges, which the
// golden shows rounded half up to cents.
TEST(TieredCharge, MatchesInfracostLambdaGoldens) {
  const PriceCatalog catalog = builtin_price_catalog();
  const PriceEntry& x86 = catalog.at(price_keys::kLambdaDurationX86);
  const PriceEntry& arm = catalog.at(price_keys::kLambdaDurationArm);
  EXPECT_DOUBLE_EQ(cents(tiered_charge(x86, 6e9)), 100000.20);
  EXPECT_DOUBLE_EQ(cents(tiered_charge(x86, 9e9, 6e9)), 135000.00);
  EXPECT_DOUBLE_EQ(cents(tiered_charge(x86, 15e9, 15e9)), 200001.00);
  EXPECT_DOUBLE_EQ(cents(tiered_charge(x86, 6e9 + 3.216e9)), 100000.20 + 48240.00);
  EXPECT_DOUBLE_EQ(cents(tiered_charge(arm, 7.5e9)), 100000.50);
  EXPECT_DOUBLE_EQ(cents(tiered_charge(arm, 11.25e9, 7.5e9)), 135001.13);
  EXPECT_DOUBLE_EQ(cents(tiered_charge(arm, 18.75e9, 18.75e9)), 200000.63);
  EXPECT_DOUBLE_EQ(cents(tiered_charge(arm, 7.5e9 + 4.02e9)), 100000.50 + 48240.40);
  EXPECT_DOUBLE_EQ(cents(tiered_charge(x86, 3.072e9)), 51200.10);  // golden lambda_duration_6B
}

TEST(TieredCharge, SpansSplitAtBoundaries) {
  const PriceCatalog catalog = builtin_price_catalog();
  const PriceEntry& x86 = catalog.at(price_keys::kLambdaDurationX86);
  auto spans = tier_spans(x86, 6e9);
  ASSERT_EQ(spans.size(), 1u);  // exactly at the boundary: tier 1 only
  spans = tier_spans(x86, 6e9 + 1);
  ASSERT_EQ(spans.size(), 2u);  // just over
  EXPECT_DOUBLE_EQ(spans[1].quantity, 1);
  EXPECT_DOUBLE_EQ(spans[1].usd, 0.000015);
  spans = tier_spans(x86, 1e9, 14.5e9);  // across tiers 2 and 3
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].tier, 1u);
  EXPECT_DOUBLE_EQ(spans[0].quantity, 0.5e9);
  EXPECT_EQ(spans[1].tier, 2u);
  EXPECT_TRUE(tier_spans(x86, 0).empty());
}

// Kubernetes versions and their end of standard support: endoflife.date/amazon-eks.
TEST(PriceCatalog, EksSupportIsJudgedOnTheCatalogDate) {
  const std::map<std::string, PriceEntry, std::less<>> entries;
  const std::vector<EksVersionSupport> versions = {{"1.32", "2026-03-23", "s", "2026-02-14"},
                                                   {"1.33", "2026-07-29", "s", "2026-02-14"}};
  const PriceCatalog before("r", "2026-07-29", entries, versions);
  EXPECT_FALSE(before.eks_extended_support("1.33"));  // the last day is still standard
  EXPECT_TRUE(before.eks_extended_support("1.32"));
  const PriceCatalog after("r", "2026-07-30", entries, versions);
  EXPECT_TRUE(after.eks_extended_support("1.33"));
  EXPECT_FALSE(after.eks_extended_support("1.40"));  // newer than the table
  EXPECT_TRUE(after.eks_extended_support("1.20"));   // older than the table
}

}  // namespace
}  // namespace computefit
