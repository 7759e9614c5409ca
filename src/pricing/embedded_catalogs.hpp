#pragma once
// The catalogs of data/prices/aws/, embedded at build time (see embed_price_catalogs.cmake).

#include <string>
#include <string_view>
#include <vector>

namespace computefit {

/// One embedded catalog file: its region (the file name) and its YAML text.
struct EmbeddedCatalog {
  std::string_view region;
  std::string yaml;
};

/// Every embedded catalog, sorted by region.
const std::vector<EmbeddedCatalog>& embedded_price_catalogs();

}  // namespace computefit
