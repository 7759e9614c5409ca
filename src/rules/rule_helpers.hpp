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

/// The mean duration of one request (or run) on a runtime, in seconds: Lambda's from
/// lambda_duration(), a container's scaled to its task's vCPU when the service is cpu_bound.
double mean_duration_seconds(const Service& service, RuntimeId runtime);

/// The most runs of a scheduled service that can be in flight at once: runs whose start falls
/// within one run time (p99, or the fixed duration) of each other, over a week of its schedule.
/// 1 for a service without a schedule.
int most_runs_at_once(const Service& service);

/// The fewest connections the other users of database `db` hold at their peak, each on the
/// feasible option where it holds least (they hold at least that whichever runtime they get).
double others_least_connections(const RuleContext& context, std::string_view db,
                                std::size_t except_service);

/// The services lambda-db-connection-storm raises on for database `db` (defined beside that
/// rule), so that scaling-outruns-downstream does not raise the same overflow a second time.
std::vector<std::size_t> lambda_storm_services(const RuleContext& context, const Downstream& db);

/// A measured figure with the digits it deserves and no trailing zeros: 1216.4 -> "1,216",
/// 97.25 -> "97.3", 150.0 -> "150", 0.8226 -> "0.823", 1.0 -> "1".
std::string figure(double value);

/// The word for one instance on a runtime: "environment", "task" or "pod".
std::string_view instance_noun(RuntimeId runtime);

Finding make_finding(const Rule& rule, std::optional<RuntimeId> runtime, std::string message,
                     std::string location);

}  // namespace computefit
