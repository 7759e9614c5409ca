#pragma once
// Sentences the text, Markdown and HTML reports share, so that they say the same thing: the sample
// a service was judged on, an option's 95% intervals, its failed requests, the steady-state mark.

#include <optional>
#include <string>
#include <string_view>

#include "advisor/report.hpp"

namespace computefit {

/// Marks an option whose figures come from the steady-state estimate rather than the simulator.
inline constexpr std::string_view kSteadyStateMark = "\u2020";  // †
/// What the mark means, for a legend or a footnote.
inline constexpr std::string_view kSteadyStateNote = "steady-state estimate, not simulated";

/// Whether `option` carries the steady-state mark: its figures were not simulated, in a report
/// that simulated (a report that simulated nothing says so once, in its header).
bool marked_steady_state(const Option& option, bool report_simulated);

/// True when `low`-`high` can be printed as an interval: both printable and in order.
bool printable_interval(const std::optional<double>& low, const std::optional<double>& high);

/// "Judged on 24.2 h simulated after a 1 h burn-in (whole days); 5,261,234 arrivals against
/// 5,256,000 expected (0.1% more); holding the 6 bursts the spec declares", or with strata:
/// "Judged on 6 h simulated in 3 strata standing for 168 h: night 2 h × 20.5, ...".
std::string sample_sentence(const SampleSummary& sample);

/// An option's 95% intervals in words: "p99 897.2-902.6 ms, $790.36-$922.74/month (95%, batch
/// means)"; "left out, NOTE" when the simulation could not support one; empty otherwise.
std::string interval_sentence(const Option& option);

/// "1.2% of requests failed (throttled, timed out or dropped): each counts as an SLO miss"; empty
/// when none failed or the share is unknown.
std::string failed_sentence(const Option& option);

/// A point of the traffic's pattern, from Monday 00:00 UTC: "day 1 14:00 UTC" ("day 2 03:12:30 UTC"
/// when it does not start on a minute).
std::string traffic_time(double seconds);

/// Whether the latency columns of a table of these options read in milliseconds (every figure
/// below 10 s) or carry their own unit per cell.
bool latencies_in_ms(const std::vector<Option>& options);

}  // namespace computefit
