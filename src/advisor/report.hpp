#pragma once
// The finished report: everything a renderer needs, nothing it has to compute.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pricing/cost_item.hpp"
#include "pricing/usage.hpp"
#include "rules/finding.hpp"
#include "workload/spec.hpp"

namespace computefit {

struct LatencyMs {
  double p50 = 0, p95 = 0, p99 = 0;
};

/// Where an option's numbers come from (SPEC.md: `"estimate"` on the option).
/// Where an option's figures come from; `none` for an unranked service's (no traffic: no figures).
enum class EstimateKind { simulation, steady_state, none };
std::string_view to_string(EstimateKind kind);  ///< "simulation", "steady-state", "none"

/// One window of the sample a service was judged on (SPEC.md "Representative samples"): what it
/// covers of the traffic's pattern and how much of the month each simulated second stands for.
struct SampleWindow {
  std::string label;  ///< "whole days", "burst episodes", "14:00-16:00 UTC", ...
  double traffic_start_seconds =
      0;                        ///< where in the traffic's pattern it starts (Monday 00:00 = 0)
  double burn_in_seconds = 0;   ///< simulated before it and discarded
  double measured_seconds = 0;  ///< simulated and measured
  double weight = 1;            ///< seconds of the represented period per measured second
};

/// The sample behind a service's simulated options.
struct SampleSummary {
  double measured_seconds = 0;        ///< all windows together
  double represented_seconds = 0;     ///< the period they stand for (before scaling to a month)
  std::vector<SampleWindow> windows;  ///< one for a plain run; several when stratified
  double expected_arrivals = 0;       ///< in the represented period, at the declared mean
  double arrivals = 0;                ///< realised, weighted
  std::vector<std::string> notes;     ///< e.g. "lengthened to 30 h so that 3 bursts fall in it"
  /// Some window was shorter than a representative stratum needs (a very busy sweep level).
  bool rough = false;
};

/// The `--fail-on` gate (SPEC.md "Commands"): its threshold and the findings that tripped it, as
/// `ID@SERVICE` (or `ID@RESOURCE`).
struct FailOnSummary {
  Severity threshold = Severity::high;
  std::vector<std::string> tripped;
};

struct Option {
  RuntimeId runtime = RuntimeId::lambda;
  bool feasible = true;
  std::vector<std::string> infeasible_reasons;
  std::optional<double> monthly_cost_usd;
  std::vector<CostItem> cost_items;
  std::optional<LatencyMs> latency_ms;
  std::optional<bool> slo_met;  ///< nullopt when infeasible or when the service has no SLO
  std::optional<double> cold_start_fraction;
  std::optional<double> throttled_fraction;
  std::optional<double> peak_instances;
  std::optional<int> peak_hosts;
  std::optional<double> peak_db_connections;
  std::optional<double> score;
  // Beyond the contract: what the estimate chose and assumed.
  std::string sizing;
  std::optional<double> mean_instances;
  double operability = 0;                   ///< [0, 1], from the operability table and the team
  std::vector<std::string> slo_misses;      ///< e.g. "p99 412 ms > 300 ms"
  std::optional<BusiestHour> busiest_hour;  ///< simulated options: the hour with most arrivals
  /// 95% batch-means intervals, when the simulation had enough requests in every batch: p99, and
  /// the monthly cost with its usage-driven lines (compute and duration) spread as the billed
  /// usage was between batches.
  std::optional<double> p99_low_ms, p99_high_ms;
  std::optional<double> monthly_cost_low_usd, monthly_cost_high_usd;
  /// Why the intervals above are left out of a simulated option (too few requests per batch,
  /// batches too correlated, a stratified sample); empty when they are given or not applicable.
  std::string interval_note;
  EstimateKind estimate = EstimateKind::steady_state;
  /// Requests that failed (throttled, timed out at the front door, dropped), as a share of all:
  /// they count as misses in every percentile judged against the SLO (SPEC.md "Ranking").
  std::optional<double> failed_fraction;
};

/// One traffic level of a service's decision-boundary sweep (rps and peak_rps scaled together).
struct SweepPoint {
  double factor = 1;                             ///< multiplier of the spec's traffic
  double rps = 0;                                ///< mean requests/s at this factor
  std::map<RuntimeId, double> monthly_cost_usd;  ///< feasible options only
  std::optional<RuntimeId> recommendation;
  /// Judged on a sample shorter than representative strata need (a rough guide only).
  bool rough = false;
};

/// A traffic level at which the recommendation changes.
struct DecisionBoundary {
  double factor = 1;               ///< multiplier of the spec's traffic where it flips (bisected)
  double rps = 0;                  ///< the mean requests/s there
  std::optional<RuntimeId> below;  ///< recommended just below
  std::optional<RuntimeId> above;  ///< recommended just above
  std::string sentence;            ///< "Lambda becomes the better choice below 38 requests/s mean"
};

/// One line of a service's shared-controls checklist.
struct ChecklistItem {
  std::string control;  ///< "own IAM role", "secrets source", "VPC routing", ...
  std::string status;   ///< "ok", "missing" or "review"
  std::string detail;   ///< with this service's own facts
};

/// A question a senior reviewer asks about the design, answered for this workload.
struct Probe {
  std::string id;                    ///< kebab-case, e.g. "lambda-cold-starts"
  std::string question;              ///< "Lambda cold starts?"
  std::vector<std::string> answers;  ///< paragraphs, each with this workload's numbers
};

struct ServiceReport {
  std::string name;
  ServiceKind kind = ServiceKind::http;
  std::optional<RuntimeId> recommendation;
  /// No traffic in the files or the overlay: options carry feasibility alone (SPEC.md "Without
  /// traffic"), `recommendation` is null and `why` names the keys an overlay should add.
  bool unranked = false;
  std::string why;
  std::optional<double> slo_p95_ms, slo_p99_ms;  ///< the service's latency targets, if any
  std::vector<Option> options;                   ///< best first, infeasible last
  std::vector<Finding> findings;
  // Decision boundaries: the sweep over 0.01x-100x of the traffic and where the answer flips.
  std::vector<SweepPoint> sweep;
  std::vector<DecisionBoundary> boundaries;
  std::string boundary_summary;  ///< one sentence, "no change in that range" when nothing flips
  std::vector<ChecklistItem> checklist;
  /// The sample its simulated options were judged on (nullopt when none was simulated).
  std::optional<SampleSummary> sample;
};

struct Report {
  std::string computefit_version;
  int contract_version = 1;
  std::string spec_file;
  std::string spec_name;
  std::string region;
  double simulated_days = 0;  ///< 0 while the estimate is analytic (no simulation)
  unsigned long long seed = 1;
  std::vector<ServiceReport> services;
  /// Findings on no service: on a resource the files hold that no service stands for (a policy
  /// on a role no service uses), each naming its `resource`; on no particular runtime, so the
  /// gate counts them. JSON: the top-level `findings` (an extension).
  std::vector<Finding> findings;
  double totals_monthly_cost_usd = 0;
  std::vector<std::string> assumptions;
  std::string price_catalog;             ///< which catalog priced this report
  std::vector<Probe> probes;             ///< the reviewer's questions, answered for this spec
  std::optional<FailOnSummary> fail_on;  ///< set when --fail-on was given
  /// Read from templates, plans or CDK folders (as `lint` lists them): the values the files leave
  /// unknown, each "FILE:LINE:COLUMN: RESOURCE: property: why" where the file locates it, and the
  /// resources they hold that no reader models, with why. A rule that needs an unknown value does
  /// not fire. Both empty for a workload spec.
  std::vector<std::string> unknowns;
  std::vector<std::string> skipped;
};

}  // namespace computefit
