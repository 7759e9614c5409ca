#pragma once
// EventBridge schedule expressions (cron() and rate(), UTC): parsing, and when they fire on the
// simulator's clock, whose second 0 is Monday 2024-01-01 00:00:00 UTC.

#include <optional>
#include <string>
#include <string_view>

#include "workload/spec.hpp"

namespace computefit {

/// A parsed schedule, or why the expression is not valid EventBridge syntax.
struct ScheduleParse {
  std::optional<Schedule> schedule;
  std::string error;
};

/// Parses `cron(min hour day-of-month month day-of-week year)` or `rate(N unit)`.
ScheduleParse parse_schedule(std::string_view expression);

/// The first run strictly after `after_seconds` (pass a negative value to include second 0), in
/// seconds since Monday 2024-01-01 00:00:00 UTC; nullopt when it never runs again (cron years
/// end at 2199). rate() schedules run at 0, N, 2N, ...
std::optional<double> next_run_seconds(const Schedule& schedule, double after_seconds);

/// Runs in an average month of 730 hours: for cron(), the runs in [2025-01-01, 2026-01-01)
/// (a non-leap year, whatever years the expression names) scaled by 730 / 8760; for rate(), 730 h
/// divided by the period.
double runs_per_month(const Schedule& schedule);

/// Runs in [from_seconds, to_seconds) on the simulator's clock.
long long runs_between(const Schedule& schedule, double from_seconds, double to_seconds);

}  // namespace computefit
