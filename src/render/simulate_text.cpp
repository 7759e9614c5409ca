#include <fmt/format.h>

#include "render/layout.hpp"
#include "render/numbers.hpp"
#include "render/simulate.hpp"
#include "rules/wording.hpp"

namespace computefit {

namespace {

std::string bold(const TextStyle& style, const std::string& text) {
  return style.colour ? fmt::format("\x1b[1m{}\x1b[0m", text) : text;
}

std::string level_cell(const sim::LevelSummary& level) {
  return fmt::format("mean {}, peak {}", with_thousands(level.mean, 1),
                     with_thousands(static_cast<double>(level.peak), 0));
}

std::string count(std::int64_t n) {
  return with_thousands(static_cast<double>(n), 0);
}

}  // namespace

std::string render_simulate_text(const SimulateOutput& output, const TextStyle& style) {
  const sim::SimulationResult& r = output.result;
  std::string out = bold(style, fmt::format("{} on {}", output.service, to_string(output.runtime)));
  out += fmt::format(": simulated {}, seed {}\n\n", format_duration_seconds(r.simulated_seconds),
                     r.seed);

  using A = TextTable::Align;
  TextTable table({{"", A::left}, {"", A::right}, {"", A::left}});
  table.add_row({"requests", count(r.requests)});
  table.add_row({"completed", count(r.completed)});
  table.add_row({"throttled", count(r.throttled), format_percent(r.throttled_fraction)});
  table.add_row({"timed out", count(r.timed_out)});
  table.add_row({"cold starts", count(r.cold_starts), format_percent(r.cold_start_fraction)});
  table.add_row({"retries", count(r.retries)});
  // Only Lambda's asynchronous events and queue messages wait for a free environment.
  if (r.waited > 0) {
    table.add_row(
        {"waited", count(r.waited),
         fmt::format("{}, p99 {}, oldest {}", format_percent(r.waited_fraction),
                     format_duration_ms(r.p99_wait_ms), format_duration_ms(r.max_wait_ms))});
  }
  out += table.render(style.width, "  ", false);

  out += "\n";
  const sim::LatencySummaryMs& l = r.latency_ms;
  // Milliseconds in the header while every figure reads in them; else each cell says its unit.
  bool in_ms = true;
  for (const double ms : {l.mean, l.p50, l.p90, l.p95, l.p99, l.p999, l.max}) {
    in_ms = in_ms && duration_unit(ms) == DurationUnit::ms;
  }
  const auto duration = [&](double ms) { return in_ms ? format_ms(ms) : format_duration_ms(ms); };
  TextTable latency({{in_ms ? "latency ms" : "latency", A::left},
                     {"mean", A::right},
                     {"p50", A::right},
                     {"p90", A::right},
                     {"p95", A::right},
                     {"p99", A::right},
                     {"p99.9", A::right},
                     {"max", A::right}});
  if (r.completed > 0) {
    latency.add_row({"", duration(l.mean), duration(l.p50), duration(l.p90), duration(l.p95),
                     duration(l.p99), duration(l.p999), duration(l.max)});
  } else {
    latency.add_row({"", "-", "-", "-", "-", "-", "-", "-"});
  }
  out += latency.render(style.width, "  ", true);
  if (r.p99_ms_interval) {
    const bool valid =
        printable(r.p99_ms_interval->low) && r.p99_ms_interval->low <= r.p99_ms_interval->high;
    out += fmt::format(
        "  p99 95% interval (batch means): {}\n",
        valid ? format_duration_range_ms(r.p99_ms_interval->low, r.p99_ms_interval->high) : "n/a");
  }

  out += "\n";
  TextTable levels({{"", A::left}, {"", A::left}});
  levels.add_row({"instances", level_cell(r.instances)});
  levels.add_row({"busy instances", level_cell(r.busy_instances)});
  levels.add_row({"DB connections", level_cell(r.db_connections)});
  out += levels.render(style.width, "  ", false);

  out += "\n";
  TextTable usage({{"", A::left}, {"", A::right}, {"", A::left}});
  const sim::SimulationUsage& u = r.usage;
  if (u.lambda_requests > 0) usage.add_row({"Lambda requests", format_quantity(u.lambda_requests)});
  if (u.lambda_gb_seconds > 0) {
    usage.add_row({"Lambda duration", format_quantity(u.lambda_gb_seconds), "GB-second"});
  }
  if (u.lambda_provisioned_gb_seconds > 0) {
    usage.add_row({"Lambda provisioned concurrency",
                   format_quantity(u.lambda_provisioned_gb_seconds), "GB-second"});
  }
  if (u.task_vcpu_hours > 0)
    usage.add_row({"task vCPU", format_quantity(u.task_vcpu_hours), "vCPU-hour"});
  if (u.task_gb_hours > 0)
    usage.add_row({"task memory", format_quantity(u.task_gb_hours), "GB-hour"});
  if (u.host_hours > 0) usage.add_row({"hosts", format_quantity(u.host_hours), "hour"});
  out += "  usage over the simulated time:\n";
  out += usage.render(style.width, "    ", false);
  if (r.usage_relative_half_width) {
    out += fmt::format("  billed usage 95% interval (batch means): +/- {}\n",
                       format_percent(*r.usage_relative_half_width));
  }
  if (!r.busiest_hour.minutes.empty()) {
    std::int64_t arrivals = 0, instances = 0, queued = 0;
    for (const sim::MinuteSample& m : r.busiest_hour.minutes) {
      arrivals += m.arrivals;
      instances = std::max(instances, m.peak_instances);
      queued = std::max(queued, m.peak_queued);
    }
    const auto start = static_cast<long long>(r.busiest_hour.start_seconds);
    out += fmt::format(
        "  busiest hour: day {} {:02}:00-{:02}:00 UTC, {} requests, peak {} instances, {} "
        "queued\n",
        start / 86'400 + 1, start % 86'400 / 3600, (start % 86'400 / 3600 + 1) % 24,
        count(arrivals), count(instances), count(queued));
  }

  for (const std::string& note : output.notes) {
    const std::size_t width = style.width > 4 ? style.width - 4 : 1;
    const std::vector<std::string> lines = wrap_words("note: " + note, width);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      out += (i == 0 ? "  " : "    ") + lines[i] + "\n";
    }
  }

  out += fmt::format("\n  wall time {} s", with_thousands(output.wall_seconds, 2));
  if (output.wall_seconds > 0) {
    const auto per_second = [&](std::int64_t n) {
      return with_thousands(static_cast<double>(n) / output.wall_seconds / 1e6, 1);
    };
    out += fmt::format(": {} million requests and {} million events simulated per second",
                       per_second(r.requests), per_second(r.events));
  }
  out += "\n";
  return out;
}

}  // namespace computefit
