#include "render/explain.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <vector>

#include "render/numbers.hpp"
#include "rules/wording.hpp"

namespace computefit {

namespace {

// A weighted arrival count as a whole number ("5,261,234").
std::string arrivals(double count) {
  return printable(count) ? with_thousands(count, 0) : "n/a";
}

// "after a 1 h burn-in", or "with no burn-in".
std::string burn_in_phrase(double seconds, bool each) {
  if (seconds == 0) return each ? "each with no burn-in" : "with no burn-in";
  return fmt::format("{}after a {} burn-in", each ? "each " : "", format_duration_seconds(seconds));
}

std::string strata(const std::vector<SampleWindow>& windows) {
  std::vector<std::string> parts;
  bool same_burn_in = true;
  for (const SampleWindow& w : windows) {
    same_burn_in = same_burn_in && w.burn_in_seconds == windows.front().burn_in_seconds;
  }
  for (const SampleWindow& w : windows) {
    std::string part =
        fmt::format("{}{}{} (weight {}", w.label, w.label.empty() ? "" : " ",
                    format_duration_seconds(w.measured_seconds), format_quantity(w.weight));
    if (!same_burn_in) part += fmt::format(", {}", burn_in_phrase(w.burn_in_seconds, false));
    part += ')';
    parts.push_back(std::move(part));
  }
  std::string out = fmt::format("{}", fmt::join(parts, ", "));
  if (same_burn_in) {
    out += fmt::format(", {}", burn_in_phrase(windows.front().burn_in_seconds, true));
  }
  return out;
}

// The represented period differs from the measured one by more than rounding.
bool stands_for_more(const SampleSummary& s) {
  constexpr double kSameWithin = 0.005;  // half of the 0.1 h a reader sees in "24.2 h"
  return printable(s.represented_seconds) && s.represented_seconds > 0 &&
         std::fabs(s.represented_seconds - s.measured_seconds) >
             kSameWithin * s.represented_seconds;
}

}  // namespace

bool marked_steady_state(const Option& option, bool report_simulated) {
  return report_simulated && option.feasible && option.estimate == EstimateKind::steady_state;
}

bool printable_interval(const std::optional<double>& low, const std::optional<double>& high) {
  return low && high && printable(*low) && printable(*high) && *low <= *high;
}

std::string sample_sentence(const SampleSummary& sample) {
  const std::vector<SampleWindow>& windows = sample.windows;
  std::string out =
      fmt::format("Judged on {} simulated", format_duration_seconds(sample.measured_seconds));
  if (windows.size() > 1) {
    out += fmt::format(" in {} strata", windows.size());
    if (stands_for_more(sample)) {
      out += fmt::format(" standing for {}", format_duration_seconds(sample.represented_seconds));
    }
    out += fmt::format(": {}", strata(windows));
  } else {
    if (windows.size() == 1) {
      out += fmt::format(" {}", burn_in_phrase(windows.front().burn_in_seconds, false));
      if (!windows.front().label.empty()) out += fmt::format(" ({})", windows.front().label);
    }
    if (stands_for_more(sample)) {
      out += fmt::format(", standing for {}", format_duration_seconds(sample.represented_seconds));
    }
  }
  if (sample.expected_arrivals > 0) {
    out += fmt::format("; {} arrivals against {} expected", arrivals(sample.arrivals),
                       arrivals(sample.expected_arrivals));
    const double off = (sample.arrivals - sample.expected_arrivals) / sample.expected_arrivals;
    // Said in words, so that no figure in the report carries a sign.
    if (printable(sample.arrivals) && round_decimals(std::fabs(off) * 100, 1) > 0) {
      out += fmt::format(" ({} {})", format_percent(std::fabs(off)), off > 0 ? "more" : "fewer");
    }
  }
  for (const std::string& note : sample.notes) out += fmt::format("; {}", note);
  if (out.back() != '.') out += '.';
  return out;
}

std::string interval_sentence(const Option& option) {
  if (!option.interval_note.empty()) return fmt::format("left out, {}", option.interval_note);
  std::vector<std::string> parts;
  if (option.p99_low_ms || option.p99_high_ms) {
    parts.push_back(printable_interval(option.p99_low_ms, option.p99_high_ms)
                        ? fmt::format("p99 {}", format_duration_range_ms(*option.p99_low_ms,
                                                                         *option.p99_high_ms))
                        : "p99 n/a");
  }
  if (option.monthly_cost_low_usd || option.monthly_cost_high_usd) {
    if (!printable_interval(option.monthly_cost_low_usd, option.monthly_cost_high_usd)) {
      parts.push_back("cost n/a");
    } else if (format_usd(*option.monthly_cost_low_usd) !=
               format_usd(*option.monthly_cost_high_usd)) {
      parts.push_back(fmt::format("{}-{}/month", format_usd(*option.monthly_cost_low_usd),
                                  format_usd(*option.monthly_cost_high_usd)));
    }
  }
  if (parts.empty()) return {};
  return fmt::format("{} (95%, batch means)", fmt::join(parts, ", "));
}

std::string failed_sentence(const Option& option) {
  if (!option.feasible || !option.failed_fraction || *option.failed_fraction == 0) return {};
  return fmt::format(
      "{} of requests failed (throttled, timed out or dropped): each counts as an SLO miss",
      format_percent(*option.failed_fraction));
}

std::string traffic_time(double seconds) {
  constexpr double kLargestWhole = 9e15;  // below 2^53: every second still counts
  if (!printable(seconds) || seconds > kLargestWhole) return "n/a";
  constexpr long long kSecondsPerDay = 86'400;
  const auto whole = static_cast<long long>(std::floor(seconds));
  const long long of_day = whole % kSecondsPerDay;
  std::string clock = fmt::format("{:02}:{:02}", of_day / 3600, of_day % 3600 / 60);
  if (of_day % 60 != 0) clock += fmt::format(":{:02}", of_day % 60);
  return fmt::format("day {} {} UTC", whole / kSecondsPerDay + 1, clock);
}

bool latencies_in_ms(const std::vector<Option>& options) {
  for (const Option& option : options) {
    if (!option.feasible || !option.latency_ms) continue;
    for (const double ms :
         {option.latency_ms->p50, option.latency_ms->p95, option.latency_ms->p99}) {
      if (duration_unit(ms) != DurationUnit::ms) return false;
    }
  }
  return true;
}

}  // namespace computefit
