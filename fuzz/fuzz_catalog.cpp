// Fuzzes the price catalog reader: any bytes as a --prices file. A catalog it accepts must hold
// every required key with finite, non-negative prices, and price usage without a crash.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "pricing/price_catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace computefit;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const CatalogLoadResult result = parse_price_catalog(text, "fuzz/prices.yaml");
  for (const Diagnostic& d : result.diagnostics) (void)format_diagnostic(d);
  if (!result.catalog) {
    if (result.diagnostics.empty()) __builtin_trap();
    return 0;
  }
  if (!result.diagnostics.empty()) __builtin_trap();
  const PriceCatalog& catalog = *result.catalog;
  for (const std::string& key : required_price_keys()) (void)catalog.at(key);
  (void)catalog.standard_kubernetes_version();
  (void)catalog.eks_extended_support("1.33");
  for (const auto& [key, entry] : catalog.entries()) {
    if (!std::isfinite(entry.usd) || entry.usd < 0) __builtin_trap();
    // A month of usage, from nothing and after other services used some. (Whether a charge
    // stays finite for absurd prices is the range checks' business; here it must not crash.)
    for (const double quantity : {0.0, 1.0, 1e6}) {
      (void)tiered_charge(entry, quantity, quantity / 2);
      (void)tier_spans(entry, quantity);
    }
  }
  return 0;
}
