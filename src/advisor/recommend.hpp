#pragma once
// The library's facade: one call from a spec path to a finished report. The CLI (and later a
// server) only parse arguments, call this, render and map to an exit code.

#include <cstdint>
#include <optional>
#include <string>

#include "advisor/report.hpp"
#include "pricing/price_catalog.hpp"
#include "spec/diagnostic.hpp"
#include "spec/file_system.hpp"

namespace computefit {

struct RecommendRequest {
  std::string spec_path;
  std::optional<std::string> prices_path;  ///< --prices: overrides the built-in catalog
  double days = 1;                         ///< simulated days
  std::uint64_t seed = 1;
};

struct RecommendOutcome {
  std::optional<Report> report;  ///< set when the input was good
  Diagnostics diagnostics;       ///< bad input: nothing was computed
};

/// load -> validate -> estimate -> price -> check rules -> rank -> report.
RecommendOutcome recommend(const RecommendRequest& request, const FileSystem& fs);

/// The catalog a spec is priced with: --prices FILE when given, else the built-in catalog of the
/// spec's region; a diagnostic (at the spec's `region:`) when there is none.
std::optional<PriceCatalog> choose_catalog(const Spec& spec,
                                           const std::optional<std::string>& prices_path,
                                           const FileSystem& fs, Diagnostics& diagnostics);

}  // namespace computefit
