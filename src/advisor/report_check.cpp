#include "advisor/report_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace computefit {
namespace {

enum class Range { finite, non_negative, fraction };

// Collects the figures out of range, each with the path a reader of the JSON would follow.
class Checker {
 public:
  void operator()(const std::string& field, double value, Range range) {
    const bool ok = std::isfinite(value) && (range == Range::finite || value >= 0) &&
                    (range != Range::fraction || value <= 1);
    if (ok) return;
    problems_.push_back(fmt::format("{} is {} (must be {})", field, value,
                                    range == Range::fraction       ? "finite and in [0, 1]"
                                    : range == Range::non_negative ? "finite and non-negative"
                                                                   : "finite"));
  }
  void operator()(const std::string& field, const std::optional<double>& value, Range range) {
    if (value) (*this)(field, *value, range);
  }
  std::vector<std::string> take() { return std::move(problems_); }

 private:
  std::vector<std::string> problems_;
};

void check_option(Checker& check, const std::string& at, const Option& o) {
  using R = Range;
  check(at + ".monthly_cost_usd", o.monthly_cost_usd, R::non_negative);
  for (std::size_t k = 0; k < o.cost_items.size(); ++k) {
    const CostItem& item = o.cost_items[k];
    const std::string it = fmt::format("{}.cost_items[{}]", at, k);
    check(it + ".quantity", item.quantity, R::non_negative);
    check(it + ".unit_price_usd", item.unit_price_usd, R::non_negative);
    check(it + ".monthly_usd", item.monthly_usd, R::non_negative);
    check(it + ".shared_total_usd", item.shared_total_usd, R::non_negative);
  }
  if (o.latency_ms) {
    check(at + ".latency_ms.p50", o.latency_ms->p50, R::non_negative);
    check(at + ".latency_ms.p95", o.latency_ms->p95, R::non_negative);
    check(at + ".latency_ms.p99", o.latency_ms->p99, R::non_negative);
  }
  check(at + ".cold_start_fraction", o.cold_start_fraction, R::fraction);
  check(at + ".throttled_fraction", o.throttled_fraction, R::fraction);
  check(at + ".failed_fraction", o.failed_fraction, R::fraction);
  check(at + ".peak_instances", o.peak_instances, R::non_negative);
  check(at + ".mean_instances", o.mean_instances, R::non_negative);
  if (o.peak_hosts) check(at + ".peak_hosts", static_cast<double>(*o.peak_hosts), R::non_negative);
  check(at + ".peak_db_connections", o.peak_db_connections, R::non_negative);
  check(at + ".score", o.score, R::fraction);
  check(at + ".operability", o.operability, R::fraction);
  // Intervals left out with a note are not shown; those shown must hold.
  if (o.interval_note.empty()) {
    check(at + ".p99_ms_interval_95[0]", o.p99_low_ms, R::non_negative);
    check(at + ".p99_ms_interval_95[1]", o.p99_high_ms, R::non_negative);
    check(at + ".monthly_cost_usd_interval_95[0]", o.monthly_cost_low_usd, R::non_negative);
    check(at + ".monthly_cost_usd_interval_95[1]", o.monthly_cost_high_usd, R::non_negative);
  }
  if (o.busiest_hour) {
    check(at + ".busiest_hour.start_seconds", o.busiest_hour->start_seconds, R::non_negative);
    for (std::size_t m = 0; m < o.busiest_hour->minutes.size(); ++m) {
      const MinuteProfile& p = o.busiest_hour->minutes[m];
      const std::string mt = fmt::format("{}.busiest_hour.minutes[{}]", at, m);
      check(mt + ".arrivals", p.arrivals, R::non_negative);
      check(mt + ".peak_instances", p.peak_instances, R::non_negative);
      check(mt + ".peak_connections", p.peak_connections, R::non_negative);
      check(mt + ".peak_queued", p.peak_queued, R::non_negative);
    }
  }
}

void check_service(Checker& check, const ServiceReport& s) {
  using R = Range;
  const std::string at = fmt::format("services[{}]", s.name);
  check(at + ".slo.p95_ms", s.slo_p95_ms, R::non_negative);
  check(at + ".slo.p99_ms", s.slo_p99_ms, R::non_negative);
  for (const Option& o : s.options) {
    check_option(check, fmt::format("{}.options[{}]", at, to_string(o.runtime)), o);
  }
  for (std::size_t k = 0; k < s.sweep.size(); ++k) {
    const SweepPoint& p = s.sweep[k];
    const std::string pt = fmt::format("{}.decision_boundaries.sweep[{}]", at, k);
    check(pt + ".factor", p.factor, R::non_negative);
    check(pt + ".rps", p.rps, R::non_negative);
    for (const auto& [runtime, usd] : p.monthly_cost_usd) {
      check(fmt::format("{}.monthly_cost_usd.{}", pt, to_string(runtime)), usd, R::non_negative);
    }
  }
  for (std::size_t k = 0; k < s.boundaries.size(); ++k) {
    const std::string bt = fmt::format("{}.decision_boundaries.boundaries[{}]", at, k);
    check(bt + ".factor", s.boundaries[k].factor, R::non_negative);
    check(bt + ".rps", s.boundaries[k].rps, R::non_negative);
  }
  if (s.sample) {
    const SampleSummary& sample = *s.sample;
    const std::string st = at + ".sample";
    check(st + ".measured_seconds", sample.measured_seconds, R::non_negative);
    check(st + ".represented_seconds", sample.represented_seconds, R::non_negative);
    check(st + ".expected_arrivals", sample.expected_arrivals, R::non_negative);
    check(st + ".arrivals", sample.arrivals, R::non_negative);
    for (std::size_t k = 0; k < sample.windows.size(); ++k) {
      const SampleWindow& w = sample.windows[k];
      const std::string wt = fmt::format("{}.windows[{}]", st, k);
      check(wt + ".traffic_start_seconds", w.traffic_start_seconds, R::finite);
      check(wt + ".burn_in_seconds", w.burn_in_seconds, R::non_negative);
      check(wt + ".measured_seconds", w.measured_seconds, R::non_negative);
      check(wt + ".weight", w.weight, R::non_negative);
    }
  }
}

}  // namespace

std::vector<std::string> report_problems(const Report& report) {
  // The services first: a broken total follows from a broken option, which says more.
  Checker check;
  for (const ServiceReport& service : report.services) check_service(check, service);
  check("simulated_days", report.simulated_days, Range::non_negative);
  check("totals.monthly_cost_usd", report.totals_monthly_cost_usd, Range::non_negative);
  return check.take();
}

void check_report(const Report& report) {
  const std::vector<std::string> problems = report_problems(report);
  if (problems.empty()) return;
  constexpr std::size_t kNamed = 3;  // enough to locate the bug without a wall of text
  std::string text = "the report broke an invariant: " + problems.front();
  for (std::size_t i = 1; i < std::min(kNamed, problems.size()); ++i) text += "; " + problems[i];
  if (problems.size() > kNamed) text += fmt::format(" (and {} more)", problems.size() - kNamed);
  throw InternalError(text);
}

}  // namespace computefit
