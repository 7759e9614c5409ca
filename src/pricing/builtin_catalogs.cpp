#include <map>
#include <stdexcept>

#include "pricing/embedded_catalogs.hpp"
#include "pricing/price_catalog.hpp"

namespace computefit {
namespace {

constexpr std::string_view kDefaultRegion = "us-east-1";

// Parsed once; read-only afterwards. A test loads every embedded file and requires no
// diagnostics, so a broken one is a build defect, not a user error.
const std::map<std::string, PriceCatalog, std::less<>>& parsed_catalogs() {
  static const std::map<std::string, PriceCatalog, std::less<>> catalogs = [] {
    std::map<std::string, PriceCatalog, std::less<>> out;
    for (const EmbeddedCatalog& embedded : embedded_price_catalogs()) {
      const std::string name = "data/prices/aws/" + std::string(embedded.region) + ".yaml";
      CatalogLoadResult loaded = parse_price_catalog(std::string(embedded.yaml), name);
      if (loaded.catalog) out.emplace(std::string(embedded.region), std::move(*loaded.catalog));
    }
    return out;
  }();
  return catalogs;
}

}  // namespace

PriceCatalog builtin_price_catalog() {
  auto catalog = builtin_price_catalog_for(kDefaultRegion);
  if (!catalog) throw std::logic_error("the built-in us-east-1 price catalog does not load");
  return *catalog;
}

std::optional<PriceCatalog> builtin_price_catalog_for(std::string_view region) {
  const auto& catalogs = parsed_catalogs();
  auto it = catalogs.find(region);
  if (it == catalogs.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> builtin_regions() {
  std::vector<std::string> regions;
  for (const auto& [region, catalog] : parsed_catalogs()) regions.push_back(region);
  return regions;
}

}  // namespace computefit
