#include "render/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>
#include <vector>

#include "readers/import/import.hpp"
#include "render/explain.hpp"
#include "render/layout.hpp"
#include "render/numbers.hpp"

namespace computefit {

namespace {

// ANSI SGR codes.
constexpr std::string_view kBold = "1";
constexpr std::string_view kDim = "2";
constexpr std::string_view kRed = "31";
constexpr std::string_view kBoldRed = "1;31";
constexpr std::string_view kGreen = "32";
constexpr std::string_view kBoldGreen = "1;32";
constexpr std::string_view kYellow = "33";
constexpr std::string_view kCyan = "36";

constexpr std::string_view kCheck = "\u2713";  // ✓
constexpr std::string_view kCross = "\u2717";  // ✗
constexpr std::string_view kNone = "-";

class Writer {
 public:
  explicit Writer(const TextStyle& style) : style_(style) {}

  std::string paint(std::string_view code, std::string_view text) const {
    if (!style_.colour || text.empty()) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  // Colours a padded table cell's text, not its padding (so trailing blanks stay trimmable).
  std::string paint_cell(std::string_view code, const std::string& padded) const {
    const std::size_t begin = padded.find_first_not_of(' ');
    if (begin == std::string::npos) return padded;
    const std::size_t end = padded.find_last_not_of(' ') + 1;
    return padded.substr(0, begin) + paint(code, padded.substr(begin, end - begin)) +
           padded.substr(end);
  }
  std::size_t width() const { return style_.width; }

  void line(std::string_view text = {}) {
    out_ += text;
    out_ += '\n';
  }
  void raw(std::string_view text) { out_ += text; }

  // A paragraph wrapped to the width: `first` before its first line, `rest` before the others.
  void paragraph(std::string_view text, std::string_view first, std::string_view rest,
                 std::string_view code = {}) {
    std::size_t start = 0;
    bool first_line = true;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      const std::size_t room = style_.width - std::min(style_.width - 1, display_width(rest));
      for (const std::string& piece : wrap_words(text.substr(start, end - start), room)) {
        line(std::string(first_line ? first : rest) + (code.empty() ? piece : paint(code, piece)));
        first_line = false;
      }
      start = end + 1;
    }
  }

  // "== title =====" across the width.
  void rule(std::string_view title) {
    const std::string head = fmt::format("== {} ", title);
    const std::size_t used = display_width(head);
    const std::string fill(style_.width > used ? style_.width - used : 2, '=');
    line(paint(kBold, head + fill));
  }

  std::string take() { return std::move(out_); }

 private:
  const TextStyle& style_;
  std::string out_;
};

std::string_view severity_colour(Severity severity) {
  switch (severity) {
    case Severity::critical:
      return kBoldRed;
    case Severity::high:
      return kRed;
    case Severity::medium:
      return kYellow;
    case Severity::low:
      return kCyan;
    case Severity::info:
      return kDim;
  }
  return kDim;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string days_phrase(double days) {
  const std::string number = format_quantity(days);
  return fmt::format("simulated {} day{}", number, days == 1 ? "" : "s");
}

// Paths (the spec, a price file) are never wrapped nor share a wrapped line: where a line breaks
// must not depend on the folder the report was made in.
void header(Writer& w, const Report& report) {
  std::string title = fmt::format("computefit {}", report.computefit_version);
  if (!report.spec_name.empty()) title += ": " + report.spec_name;
  if (!report.spec_file.empty()) title += fmt::format(" ({})", report.spec_file);
  w.line(w.paint(kBold, title));
  w.paragraph(
      fmt::format("region {} | {}", report.region,
                  report.simulated_days > 0
                      ? fmt::format("{}, seed {}", days_phrase(report.simulated_days), report.seed)
                      : std::string("steady-state estimate")),
      "", "  ");
  if (!report.price_catalog.empty()) w.line("prices: " + report.price_catalog);
}

// What templates, plans or CDK folders leave unknown and the resources they skip, as `lint` lists
// them; nothing for a workload spec. A line holds its file's path: never wrapped (see header()).
void from_the_files(Writer& w, const Report& report) {
  auto list = [&](std::string_view title, std::string_view meaning,
                  const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    w.line();
    w.paragraph(fmt::format("{} ({}):", title, meaning), "", "  ");
    for (const std::string& line : lines) w.line("  " + line);
  };
  list(readers::kUnknownsTitle, readers::kUnknownsMeaning, report.unknowns);
  list(readers::kSkippedTitle, readers::kSkippedMeaning, report.skipped);
}

std::string hosts_cell(const Option& option) {
  if (!option.peak_instances) return std::string(kNone);
  std::string cell = format_count(*option.peak_instances);
  if (option.peak_hosts) cell += fmt::format(" / {}", with_thousands(*option.peak_hosts, 0));
  return cell;
}

std::string optional_cell(const std::optional<double>& value, std::string (*format)(double)) {
  return value ? format(*value) : std::string(kNone);
}

// The runtime, marked when its figures were not simulated.
std::string runtime_label(const Option& option, bool simulated) {
  std::string label(to_string(option.runtime));
  if (marked_steady_state(option, simulated)) label += kSteadyStateMark;
  return label;
}

std::vector<std::string> option_row(const Option& option, std::size_t rank, bool in_ms,
                                    bool simulated) {
  if (!option.feasible) {
    std::vector<std::string> row = {"-", runtime_label(option, simulated), "no"};
    row.resize(13, std::string(kNone));
    return row;
  }
  const std::optional<double> cost = printed_monthly_cost(option);
  const auto& latency = option.latency_ms;
  auto duration = [&](double LatencyMs::*percentile) {
    if (!latency) return std::string(kNone);
    return in_ms ? format_ms((*latency).*percentile) : format_duration_ms((*latency).*percentile);
  };
  return {
      std::to_string(rank),
      runtime_label(option, simulated),
      "yes",
      optional_cell(cost, format_usd),
      duration(&LatencyMs::p50),
      duration(&LatencyMs::p95),
      duration(&LatencyMs::p99),
      option.slo_met ? std::string(*option.slo_met ? kCheck : kCross) : std::string(kNone),
      optional_cell(option.cold_start_fraction, format_percent),
      optional_cell(option.throttled_fraction, format_percent),
      hosts_cell(option),
      optional_cell(option.peak_db_connections, format_count),
      option.score ? fmt::format("{:.2f}", round_decimals(*option.score, 2)) : std::string(kNone),
  };
}

std::size_t widest_line(std::string_view text) {
  std::size_t widest = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    widest = std::max(widest, display_width(text.substr(start, end - start)));
    start = end + 1;
  }
  return widest;
}

void options_table(Writer& w, const ServiceReport& service, bool simulated) {
  using A = TextTable::Align;
  // Milliseconds in the header while every latency reads in them; else each cell says its unit.
  const bool in_ms = latencies_in_ms(service.options);
  const std::string unit = in_ms ? " ms" : "";
  constexpr std::size_t kFeasibleColumn = 2;
  // `with_feasible`: the "ok" column, left out only when the table cannot fit with it (an
  // infeasible option still reads "-" in its rank and every figure).
  auto render = [&](bool with_feasible, std::size_t gap) {
    // The rank hugs its runtime and the three percentiles read as one group: one space there.
    std::vector<TextTable::Column> columns = {{"#", A::right},
                                              {"runtime", A::left, 1},
                                              {"ok", A::left},
                                              {"$/month", A::right},
                                              {"p50" + unit, A::right},
                                              {"p95" + unit, A::right, 1},
                                              {"p99" + unit, A::right, 1},
                                              {"SLO", A::left},
                                              {"cold", A::right},
                                              {"throttled", A::right},
                                              {"peak", A::right},
                                              {"DB conn", A::right},
                                              {"score", A::right}};
    if (!with_feasible) columns.erase(columns.begin() + kFeasibleColumn);
    TextTable table(std::move(columns));
    table.set_gap(gap);
    std::size_t rank = 0;
    for (const Option& option : service.options) {
      std::vector<std::string> row =
          option_row(option, option.feasible ? ++rank : 0, in_ms, simulated);
      if (!with_feasible) row.erase(row.begin() + kFeasibleColumn);
      table.add_row(std::move(row));
    }
    auto paint = [&](std::size_t row, std::size_t column, const std::string& padded) {
      const Option& option = service.options[row];
      // Columns as if "ok" were there.
      if (!with_feasible && column >= kFeasibleColumn) ++column;
      if (column == 1 && service.recommendation == option.runtime) {
        return w.paint_cell(kBold, padded);
      }
      if (column == kFeasibleColumn && !option.feasible) return w.paint_cell(kRed, padded);
      if (column == 7 && option.slo_met) {
        return w.paint_cell(*option.slo_met ? kGreen : kRed, padded);
      }
      return padded;
    };
    return table.render(w.width(), "  ", true, paint);
  };
  // Two spaces between columns when they fit, one when the terminal is narrow.
  std::string text = render(true, 2);
  if (widest_line(text) > w.width()) text = render(true, 1);
  if (widest_line(text) > w.width()) text = render(false, 1);
  w.raw(text);
  w.paragraph(
      "peak: instances / hosts; DB conn: peak database connections; cold, throttled: share of "
      "requests",
      "  ", "  ", kDim);
  for (const Option& option : service.options) {
    if (marked_steady_state(option, simulated)) {
      w.paragraph(fmt::format("{} {}", kSteadyStateMark, kSteadyStateNote), "  ", "    ", kDim);
      break;
    }
  }
  if (service.sample) w.paragraph(sample_sentence(*service.sample), "  ", "  ");
}

// Figures first so they align down the option; the words last, where wrapping them reads well.
void cost_items(Writer& w, const Option& option) {
  using A = TextTable::Align;
  TextTable table({{"kind", A::left},
                   {"quantity", A::right},
                   {"unit", A::left, 1},
                   {"x", A::left, 1},
                   {"price", A::right, 1},
                   {"=", A::left, 1},
                   {"monthly", A::right, 1},
                   {"item", A::left}});
  table.set_flexible_column(7);
  for (const CostItem& item : option.cost_items) {
    std::string words = item.item;
    if (item.shared_by) words += fmt::format(", shared by {}", *item.shared_by);
    table.add_row({item.kind, format_quantity(item.quantity), item.unit, "\u00d7",
                   format_unit_price(item.unit_price_usd), "=", format_usd(item.monthly_usd),
                   std::move(words)});
  }
  w.raw(table.render(w.width(), "      ", false));
}

void option_details(Writer& w, const ServiceReport& service, bool simulated) {
  std::size_t rank = 0;
  for (const Option& option : service.options) {
    const std::string runtime(to_string(option.runtime));
    if (!option.feasible) {
      w.line(fmt::format("  - {}: {}", w.paint(kBold, runtime), w.paint(kRed, "infeasible")));
      for (const std::string& reason : option.infeasible_reasons) {
        w.paragraph(reason, fmt::format("      {} ", w.paint(kRed, kCross)), "        ");
      }
      continue;
    }
    if (option.estimate == EstimateKind::none) continue;  // unranked: no sizing, no cost
    const std::string label = runtime_label(option, simulated);
    const std::string head = fmt::format("  {} {}", ++rank, w.paint(kBold, label));
    w.paragraph(option.sizing.empty() ? std::string() : option.sizing, head + ": ",
                std::string(display_width(fmt::format("  {} {}: ", rank, label)), ' '));
    cost_items(w, option);
    if (const std::string intervals = interval_sentence(option); !intervals.empty()) {
      w.paragraph(intervals, "      intervals: ", "        ");
    }
    if (const std::string failed = failed_sentence(option); !failed.empty()) {
      w.paragraph(failed, fmt::format("      {} ", w.paint(kRed, kCross)), "        ");
    }
    for (const std::string& miss : option.slo_misses) {
      w.paragraph(miss, fmt::format("      {} SLO missed: ", w.paint(kRed, kCross)), "        ");
    }
  }
}

void finding_list(Writer& w, const std::vector<Finding>& list) {
  constexpr std::size_t kSeverityWidth = 9;  // "CRITICAL" and a space
  const std::string hang(4 + kSeverityWidth, ' ');
  for (const Finding& finding : list) {
    std::string label = upper(to_string(finding.severity));
    label.resize(kSeverityWidth, ' ');
    std::string head = finding.id;
    if (finding.runtime) head += fmt::format(" on {}", to_string(*finding.runtime));
    w.paragraph(head, "    " + w.paint(severity_colour(finding.severity), label), hang);
    // On a line of its own, never wrapped: the location holds the spec's path. The template
    // resource follows it (a plan's address: its location alone is one long line).
    if (!finding.location.empty()) {
      w.line(hang + "at " + finding.location +
             (finding.resource.empty() ? "" : " (" + finding.resource + ")"));
    }
    w.paragraph(finding.message, hang, hang);
    if (finding.suppressed_reason) {
      w.paragraph(fmt::format("(suppressed: {})", *finding.suppressed_reason), hang, hang, kDim);
    }
  }
}

void findings(Writer& w, const ServiceReport& service) {
  if (service.findings.empty()) {
    w.line("  Findings: none");
    return;
  }
  w.line("  Findings:");
  finding_list(w, service.findings);
}

// Findings on resources no service stands for (a policy on a role no service uses).
void resource_findings(Writer& w, const Report& report) {
  if (report.findings.empty()) return;
  w.line();
  w.rule("Resources");
  w.line("  Findings on resources no service stands for:");
  finding_list(w, report.findings);
}

void decision_boundaries(Writer& w, const ServiceReport& service) {
  if (service.boundary_summary.empty() && service.boundaries.empty()) return;
  w.line();
  w.line("  Decision boundaries:");
  if (!service.boundary_summary.empty()) w.paragraph(service.boundary_summary, "    ", "    ");
  for (const DecisionBoundary& boundary : service.boundaries) {
    w.paragraph(boundary.sentence, "    - ", "      ");
  }
}

std::string_view status_colour(std::string_view status) {
  if (status == "ok") return kGreen;
  if (status == "missing") return kRed;
  return kYellow;
}

void checklist(Writer& w, const ServiceReport& service) {
  if (service.checklist.empty()) return;
  w.line();
  w.line("  Checklist:");
  using A = TextTable::Align;
  TextTable table({{"status", A::left}, {"control", A::left}, {"detail", A::left}});
  table.set_flexible_column(2);
  for (const ChecklistItem& item : service.checklist) {
    table.add_row({item.status, item.control, item.detail});
  }
  auto paint = [&](std::size_t row, std::size_t column, const std::string& padded) {
    if (column != 0) return padded;
    return w.paint_cell(status_colour(service.checklist[row].status), padded);
  };
  w.raw(table.render(w.width(), "    ", false, paint));
}

// `simulated`: the report simulated its services (options that were not are marked).
void service_section(Writer& w, const ServiceReport& service, bool simulated) {
  w.line();
  w.rule(fmt::format("{} ({})", service.name, to_string(service.kind)));
  if (service.recommendation) {
    w.line("Recommendation: " +
           w.paint(kBoldGreen, std::string(to_string(*service.recommendation))));
  } else if (service.unranked) {
    w.line("Recommendation: " + w.paint(kBold, "none (not ranked: no traffic)"));
  } else {
    w.line("Recommendation: " + w.paint(kBoldRed, "none (no runtime is feasible)"));
  }
  if (!service.why.empty()) w.paragraph(service.why, "  ", "  ");
  w.line();
  if (service.options.empty()) {
    w.line("  No runtime was considered.");
  } else {
    options_table(w, service, simulated);
    w.line();
    option_details(w, service, simulated);
  }
  w.line();
  findings(w, service);
  decision_boundaries(w, service);
  checklist(w, service);
}

void probes(Writer& w, const Report& report) {
  if (report.probes.empty()) return;
  w.line();
  w.rule("Probes");
  for (const Probe& probe : report.probes) {
    w.line();
    w.paragraph(probe.question, "", "", kBold);
    for (std::size_t i = 0; i < probe.answers.size(); ++i) {
      if (i > 0) w.line();
      w.paragraph(probe.answers[i], "  ", "  ");
    }
  }
}

void totals(Writer& w, const Report& report) {
  w.line();
  w.rule("Totals");
  w.line(fmt::format("Monthly cost of the recommended options: {} (shared resources counted once)",
                     w.paint(kBold, format_usd(report.totals_monthly_cost_usd))));
  if (report.assumptions.empty()) return;
  w.line();
  w.line("Assumptions:");
  for (const std::string& assumption : report.assumptions) w.paragraph(assumption, "  - ", "    ");
}

}  // namespace

std::string render_text(const Report& report, const TextStyle& style) {
  Writer w(style);
  header(w, report);
  from_the_files(w, report);
  for (const ServiceReport& service : report.services) {
    service_section(w, service, report.simulated_days > 0);
  }
  resource_findings(w, report);
  probes(w, report);
  totals(w, report);
  return w.take();
}

}  // namespace computefit
