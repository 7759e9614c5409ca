#pragma once
// A region's price catalog: data loaded from data/prices/aws/<region>.yaml (the us-east-1 file is
// compiled in as the default). Every figure carries its source and as-of date, and every cost line
// item built from it carries them on into the report.

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/diagnostic.hpp"
#include "spec/file_system.hpp"

namespace computefit {

/// One step of a tiered price: `usd` per unit for usage up to `up_to` units a month (cumulative,
/// +infinity for the last tier).
struct PriceTier {
  double up_to = std::numeric_limits<double>::infinity();
  double usd = 0;
};

/// One figure of the catalog. Flat prices use `usd`; tiered prices use `tiers` (and `usd` holds the
/// first tier's rate). Discounts (Spot, Savings Plans) are fractions in `usd` with unit "fraction".
struct PriceEntry {
  std::string key;     ///< e.g. "lambda.duration.x86_64", "ec2.on_demand.m6i.large"
  double usd = 0;      ///< per `unit`
  std::string unit;    ///< e.g. "GB-second", "request", "hour", "fraction"
  std::string source;  ///< where the figure comes from (URL or document)
  std::string as_of;   ///< ISO date the figure was read
  std::vector<PriceTier> tiers;
  bool tiered() const { return !tiers.empty(); }
};

class PriceCatalog {
 public:
  PriceCatalog() = default;
  PriceCatalog(std::string region, std::map<std::string, PriceEntry, std::less<>> entries)
      : region_(std::move(region)), entries_(std::move(entries)) {}

  const std::string& region() const { return region_; }
  /// The entry, or nullptr when this region's catalog lacks it (e.g. an instance type not sold).
  const PriceEntry* find(std::string_view key) const;
  /// The entry; the loader guarantees every key of `required_price_keys()` is present, so asking
  /// for one of those never fails. Other keys throw std::out_of_range (a programming error).
  const PriceEntry& at(std::string_view key) const;
  /// Every entry whose key starts with `prefix` (e.g. "ec2.on_demand."), sorted by key.
  std::vector<const PriceEntry*> with_prefix(std::string_view prefix) const;
  const std::map<std::string, PriceEntry, std::less<>>& entries() const { return entries_; }

 private:
  std::string region_;
  std::map<std::string, PriceEntry, std::less<>> entries_;
};

/// The keys every catalog must define (checked when loading).
const std::vector<std::string>& required_price_keys();

struct CatalogLoadResult {
  std::optional<PriceCatalog> catalog;
  Diagnostics diagnostics;
};

/// Parses a catalog; `display_name` is used in diagnostics.
CatalogLoadResult parse_price_catalog(const std::string& text, const std::string& display_name);
CatalogLoadResult load_price_catalog(const std::string& path, const FileSystem& fs);
/// The us-east-1 catalog compiled into the binary.
PriceCatalog builtin_price_catalog();
/// Catalog for a region: the built-in us-east-1 one, or data/prices/aws/<region>.yaml embedded at
/// build time; nullopt when the region has no catalog.
std::optional<PriceCatalog> builtin_price_catalog_for(std::string_view region);
/// Regions with a built-in catalog.
std::vector<std::string> builtin_regions();

/// The monthly charge for `quantity` units of a tiered price, counting tiers from `already_used`
/// units (usage that other services of the same account consumed first).
double tiered_charge(const PriceEntry& price, double quantity, double already_used = 0);

}  // namespace computefit
