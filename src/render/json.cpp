#include "render/json.hpp"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "render/explain.hpp"
#include "render/numbers.hpp"

namespace computefit {

namespace {

using Json = nlohmann::ordered_json;

// Decimal places and significant digits of each kind of figure (see render_json's contract).
constexpr int kMoneyDecimals = 2;
constexpr int kLatencyDecimals = 1;
constexpr int kFractionDigits = 6;
// Quantities and unit prices keep what the catalog and the estimate computed, minus float noise.
constexpr int kExactDigits = 10;

// Every figure of the report is a cost, a time, a count or a share: one that is negative or not
// finite is a bug upstream, and is written as null rather than as a number nobody can use.
Json finite_or_null(double x) {
  return printable(x) ? Json(x) : Json(nullptr);
}

Json money(double usd) {
  return finite_or_null(round_decimals(usd, kMoneyDecimals));
}
Json money(const std::optional<double>& usd) {
  return usd ? money(*usd) : Json(nullptr);
}
Json fraction(double x) {
  return finite_or_null(round_significant(x, kFractionDigits));
}
Json fraction(const std::optional<double>& x) {
  return x ? fraction(*x) : Json(nullptr);
}
// A traffic level (a factor, requests per second): six significant digits like a fraction.
Json level(double x) {
  return finite_or_null(round_significant(x, kFractionDigits));
}
Json exact(double x) {
  return finite_or_null(round_significant(x, kExactDigits));
}
Json latency(double ms) {
  return finite_or_null(round_decimals(ms, kLatencyDecimals));
}

// 2^53: beyond it a double no longer holds every integer.
constexpr double kLargestExactInteger = 9007199254740992.0;

Json count(double x) {
  const double rounded = round_significant(x, kFractionDigits + 3);
  if (!printable(rounded)) return nullptr;
  if (rounded == std::floor(rounded) && std::fabs(rounded) < kLargestExactInteger) {
    return static_cast<std::int64_t>(rounded);
  }
  return rounded;
}
Json count(const std::optional<double>& x) {
  return x ? count(*x) : Json(nullptr);
}
Json count(const std::optional<int>& x) {
  return x && *x >= 0 ? Json(*x) : Json(nullptr);
}

Json string_list(const std::vector<std::string>& strings) {
  Json list = Json::array();
  for (const std::string& s : strings) list.push_back(s);
  return list;
}

Json runtime_or_null(const std::optional<RuntimeId>& runtime) {
  return runtime ? Json(std::string(to_string(*runtime))) : Json(nullptr);
}

Json cost_item_json(const CostItem& item) {
  Json j;
  j["kind"] = item.kind;
  j["item"] = item.item;
  j["quantity"] = exact(item.quantity);
  j["unit"] = item.unit;
  j["unit_price_usd"] = exact(item.unit_price_usd);
  j["monthly_usd"] = money(item.monthly_usd);
  j["source"] = item.source;
  j["as_of"] = item.as_of;
  if (item.shared_by) {
    j["shared_by"] = *item.shared_by;
    // Extensions: which shared resource, and its whole price (counted once in totals).
    if (!item.shared_id.empty()) j["shared_id"] = item.shared_id;
    j["shared_total_usd"] = money(item.shared_total_usd);
  }
  return j;
}

Json busiest_hour_json(const BusiestHour& hour) {
  Json minutes = Json::array();
  for (const MinuteProfile& minute : hour.minutes) {
    minutes.push_back({{"arrivals", count(minute.arrivals)},
                       {"peak_instances", count(minute.peak_instances)},
                       {"peak_connections", count(minute.peak_connections)},
                       {"peak_queued", count(minute.peak_queued)}});
  }
  return {{"start_seconds", count(hour.start_seconds)}, {"minutes", std::move(minutes)}};
}

Json option_json(const Option& option) {
  // An infeasible option has null metrics whatever the estimate left behind.
  const bool f = option.feasible;
  Json j;
  j["runtime"] = std::string(to_string(option.runtime));
  j["feasible"] = f;
  j["infeasible_reasons"] = string_list(option.infeasible_reasons);
  j["monthly_cost_usd"] = money(printed_monthly_cost(option));
  Json items = Json::array();
  for (const CostItem& item : option.cost_items) items.push_back(cost_item_json(item));
  j["cost_items"] = std::move(items);
  if (f && option.latency_ms) {
    j["latency_ms"] = {{"p50", latency(option.latency_ms->p50)},
                       {"p95", latency(option.latency_ms->p95)},
                       {"p99", latency(option.latency_ms->p99)}};
  } else {
    j["latency_ms"] = nullptr;
  }
  j["slo_met"] = f && option.slo_met ? Json(*option.slo_met) : Json(nullptr);
  j["cold_start_fraction"] = f ? fraction(option.cold_start_fraction) : Json(nullptr);
  j["throttled_fraction"] = f ? fraction(option.throttled_fraction) : Json(nullptr);
  j["peak_instances"] = f ? count(option.peak_instances) : Json(nullptr);
  j["peak_hosts"] = f ? count(option.peak_hosts) : Json(nullptr);
  j["peak_db_connections"] = f ? count(option.peak_db_connections) : Json(nullptr);
  j["score"] = f ? fraction(option.score) : Json(nullptr);
  // An unranked service's options have no figures to source (the contract's enum has no "none").
  if (option.estimate != EstimateKind::none)
    j["estimate"] = std::string(to_string(option.estimate));
  // Extensions: what the estimate chose, and what the ranking weighed.
  j["sizing"] = option.sizing;
  j["mean_instances"] = f ? fraction(option.mean_instances) : Json(nullptr);
  j["operability"] = fraction(option.operability);
  j["slo_misses"] = string_list(option.slo_misses);
  if (f && option.busiest_hour) j["busiest_hour"] = busiest_hour_json(*option.busiest_hour);
  // 95% intervals: null when not given, and when the note says why the simulation cannot
  // support them.
  const bool intervals = f && option.interval_note.empty();
  j["p99_ms_interval_95"] =
      intervals && printable_interval(option.p99_low_ms, option.p99_high_ms)
          ? Json::array({latency(*option.p99_low_ms), latency(*option.p99_high_ms)})
          : Json(nullptr);
  j["monthly_cost_usd_interval_95"] =
      intervals && printable_interval(option.monthly_cost_low_usd, option.monthly_cost_high_usd)
          ? Json::array({money(*option.monthly_cost_low_usd), money(*option.monthly_cost_high_usd)})
          : Json(nullptr);
  j["interval_note"] =
      f && !option.interval_note.empty() ? Json(option.interval_note) : Json(nullptr);
  j["failed_fraction"] = f ? fraction(option.failed_fraction) : Json(nullptr);
  return j;
}

Json sample_json(const std::optional<SampleSummary>& sample) {
  if (!sample) return nullptr;
  Json windows = Json::array();
  for (const SampleWindow& w : sample->windows) {
    windows.push_back({{"label", w.label},
                       {"traffic_start_seconds", exact(w.traffic_start_seconds)},
                       {"burn_in_seconds", exact(w.burn_in_seconds)},
                       {"measured_seconds", exact(w.measured_seconds)},
                       {"weight", exact(w.weight)}});
  }
  return {{"measured_seconds", exact(sample->measured_seconds)},
          {"represented_seconds", exact(sample->represented_seconds)},
          {"windows", std::move(windows)},
          {"expected_arrivals", count(sample->expected_arrivals)},
          {"arrivals", count(sample->arrivals)},
          {"notes", string_list(sample->notes)}};
}

Json finding_json(const Finding& finding) {
  Json j;
  j["id"] = finding.id;
  j["severity"] = std::string(to_string(finding.severity));
  j["runtime"] = runtime_or_null(finding.runtime);
  j["message"] = finding.message;
  j["location"] = finding.location;
  // Extension: the template resource it is about (logical id or Terraform address).
  if (!finding.resource.empty()) j["resource"] = finding.resource;
  if (finding.suppressed_reason) j["suppressed_reason"] = *finding.suppressed_reason;
  return j;
}

Json decision_boundaries_json(const ServiceReport& service) {
  Json boundaries = Json::array();
  for (const DecisionBoundary& b : service.boundaries) {
    boundaries.push_back({{"factor", level(b.factor)},
                          {"rps", level(b.rps)},
                          {"below", runtime_or_null(b.below)},
                          {"above", runtime_or_null(b.above)},
                          {"sentence", b.sentence}});
  }
  Json sweep = Json::array();
  for (const SweepPoint& point : service.sweep) {
    Json costs = Json::object();
    for (const auto& [runtime, usd] : point.monthly_cost_usd) {
      costs[std::string(to_string(runtime))] = money(usd);
    }
    sweep.push_back({{"factor", level(point.factor)},
                     {"rps", level(point.rps)},
                     {"recommendation", runtime_or_null(point.recommendation)},
                     {"monthly_cost_usd", std::move(costs)}});
  }
  return {{"summary", service.boundary_summary},
          {"boundaries", std::move(boundaries)},
          {"sweep", std::move(sweep)}};
}

Json checklist_json(const std::vector<ChecklistItem>& checklist) {
  Json items = Json::array();
  for (const ChecklistItem& item : checklist) {
    items.push_back({{"control", item.control}, {"status", item.status}, {"detail", item.detail}});
  }
  return items;
}

Json probes_json(const std::vector<Probe>& probes) {
  Json list = Json::array();
  for (const Probe& probe : probes) {
    list.push_back(
        {{"id", probe.id}, {"question", probe.question}, {"answers", string_list(probe.answers)}});
  }
  return list;
}

Json service_json(const ServiceReport& service) {
  Json j;
  j["name"] = service.name;
  j["recommendation"] = runtime_or_null(service.recommendation);
  j["why"] = service.why;
  Json options = Json::array();
  for (const Option& option : service.options) options.push_back(option_json(option));
  j["options"] = std::move(options);
  Json findings = Json::array();
  for (const Finding& finding : service.findings) findings.push_back(finding_json(finding));
  j["findings"] = std::move(findings);
  // Extensions.
  j["kind"] = std::string(to_string(service.kind));
  if (service.unranked) j["unranked"] = true;  // absent on a ranked service
  j["sample"] = sample_json(service.sample);
  j["decision_boundaries"] = decision_boundaries_json(service);
  j["checklist"] = checklist_json(service.checklist);
  return j;
}

}  // namespace

std::string render_json(const Report& report) {
  Json j;
  j["computefit_version"] = report.computefit_version;
  j["contract_version"] = report.contract_version;
  j["region"] = report.region;
  // Only a simulation has simulated days; a steady-state estimate says so in "estimate" below.
  if (report.simulated_days > 0) j["simulated_days"] = fraction(report.simulated_days);
  j["seed"] = report.seed;
  Json services = Json::array();
  for (const ServiceReport& service : report.services) services.push_back(service_json(service));
  j["services"] = std::move(services);
  j["totals"] = {{"monthly_cost_usd", money(report.totals_monthly_cost_usd)}};
  j["assumptions"] = string_list(report.assumptions);
  if (report.fail_on) {
    j["fail_on"] = {{"threshold", std::string(to_string(report.fail_on->threshold))},
                    {"tripped", string_list(report.fail_on->tripped)}};
  }
  // Extensions.
  j["estimate"] = report.simulated_days > 0 ? "simulation" : "steady-state";
  j["spec"] = {{"name", report.spec_name}, {"file", report.spec_file}};
  j["price_catalog"] = report.price_catalog;
  j["probes"] = probes_json(report.probes);
  // Findings on resources no service stands for, each with its `resource` (always present, so a
  // reader iterates it without a check).
  Json on_resources = Json::array();
  for (const Finding& finding : report.findings) on_resources.push_back(finding_json(finding));
  j["findings"] = std::move(on_resources);
  // What templates, plans or CDK folders leave unknown and the resources they skip, as `lint`
  // lists them: both present when either holds a line, both absent for a workload spec.
  if (!report.unknowns.empty() || !report.skipped.empty()) {
    j["unknowns"] = string_list(report.unknowns);
    j["skipped"] = string_list(report.skipped);
  }
  // Invalid UTF-8 in a user's string (a spec name, a path) is replaced, never thrown on.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace computefit
