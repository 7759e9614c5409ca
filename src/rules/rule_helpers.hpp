#pragma once
// Helpers the rules share: locations, runtime lookups, remedy prices from the catalog.

#include <optional>
#include <string>

#include "rules/rule.hpp"

namespace computefit {

/// "FILE:LINE:COLUMN" of a key of a service (falls back to its `name:`).
std::string service_location(const Spec& spec, const Service& service, std::string_view path);

/// The estimate of a service on a runtime, or nullptr when not considered.
const RuntimeEstimate* estimate_of(const RuleContext& context, std::size_t service_index,
                                   RuntimeId runtime);
/// The same, but only when the option is feasible.
const RuntimeEstimate* feasible_estimate(const RuleContext& context, std::size_t service_index,
                                         RuntimeId runtime);

/// Monthly price (730 h) of `count` units of an hourly catalog figure; nullopt when the catalog
/// lacks the key.
std::optional<double> monthly_hourly_price(const PriceCatalog& catalog, std::string_view key,
                                           double count = 1);

/// Does the service reach `target` ("internet", "s3", "secretsmanager", ...) from its subnet?
bool has_route(const Service& service, std::string_view target);

bool considers(const Service& service, RuntimeId runtime);

/// "FILE:LINE:COLUMN" of a runtime setting ("runtimes.lambda.reserved_concurrency"): the
/// service's own block, else the spec-level block, else the service's `fallback` key.
std::string config_location(const Spec& spec, const Service& service, std::string_view path,
                            std::string_view fallback);

/// Whether the spec states `path` for the service (in its own keys or, for "runtimes.*", in the
/// spec-level block), rather than leaving it to a default.
bool written(const Spec& spec, const Service& service, std::string_view path);

/// A service's highest request rate: peak_rps when given, else rps.
double peak_rate(const Service& service);

Finding make_finding(const Rule& rule, std::optional<RuntimeId> runtime, std::string message,
                     std::string location);

}  // namespace computefit
