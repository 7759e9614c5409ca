#include "render/markdown.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "readers/import/import.hpp"
#include "render/escape.hpp"
#include "render/explain.hpp"
#include "render/numbers.hpp"

namespace computefit {

namespace {

constexpr std::string_view kCheck = "\u2713";  // ✓
constexpr std::string_view kCross = "\u2717";  // ✗
constexpr std::string_view kNone = "-";

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Plain text as CommonMark/GFM inline content that renders as itself: no emphasis, links, code,
// raw HTML, table cell breaks or (on GitHub) math between two dollar signs.
std::string escape_inline(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '|':
      case '$':
      case '~':
        out += '\\';
        out += c;
        break;
      case '_': {
        // An underscore inside a word (max_connections) never starts emphasis in GFM.
        const bool inside_word = i > 0 && i + 1 < text.size() && is_alnum(text[i - 1]) &&
                                 (is_alnum(text[i + 1]) || text[i + 1] == '_');
        if (!inside_word) out += '\\';
        out += c;
        break;
      }
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

// One line of a paragraph: inline escapes, and nothing at its start that would open a block
// (a heading, a list item, a quote, a rule or an indented code block).
std::string escape_line(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  std::string line = escape_inline(text.substr(begin));
  if (line.empty()) return line;
  const char first = line.front();
  if (first == '#' || first == '-' || first == '+' || first == '=') return "\\" + line;
  // "1. " or "1) " would start an ordered list.
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
    line.insert(digits, 1, '\\');
  }
  return line;
}

// Text as a paragraph: each of its lines escaped, lines kept as they are.
std::string paragraph(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line = escape_line(text.substr(start, end - start));
    if (!line.empty()) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    start = end + 1;
  }
  return out;
}

// A code span that holds `text` whatever backticks it contains.
std::string code_span(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  std::string inner;
  for (const char c : text) inner += c == '\n' ? ' ' : c;
  const bool pad = !inner.empty() && (inner.front() == '`' || inner.back() == '`');
  return fence + (pad ? " " : "") + inner + (pad ? " " : "") + fence;
}

// A code span inside a table cell: GFM splits cells at `|` before it sees code spans.
std::string cell_code(std::string_view text) {
  std::string span = code_span(text);
  std::string out;
  for (const char c : span) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// Text for an HTML element (a <summary>), where Markdown is not interpreted: on one line.
std::string summary_text(std::string_view text) {
  std::string line(text);
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  return escape_html(line);
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

enum class Align { left, right };

// A GFM table: headers are plain text, cells are given already escaped.
class Table {
 public:
  Table(const std::vector<std::string_view>& headers, std::vector<Align> aligns)
      : aligns_(std::move(aligns)) {
    for (const std::string_view header : headers) headers_.push_back(escape_inline(header));
  }
  void add_row(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
  }
  std::string render() const {
    std::string out = row(headers_);
    out += '|';
    for (const Align align : aligns_) out += align == Align::right ? " ---: |" : " --- |";
    out += '\n';
    for (const auto& cells : rows_) out += row(cells);
    return out;
  }

 private:
  static std::string row(const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const std::string& cell : cells) out += cell.empty() ? " |" : " " + cell + " |";
    out += '\n';
    return out;
  }
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

std::string optional_cell(const std::optional<double>& value, std::string (*format)(double)) {
  return value ? escape_inline(format(*value)) : std::string(kNone);
}

std::string peak_cell(const Option& option) {
  if (!option.peak_instances) return std::string(kNone);
  std::string cell = format_count(*option.peak_instances);
  if (option.peak_hosts) cell += fmt::format(" / {}", with_thousands(*option.peak_hosts, 0));
  return cell;
}

// Marks an option whose figures were not simulated.
std::string steady_state_mark(const Option& option, bool simulated) {
  return marked_steady_state(option, simulated) ? std::string(kSteadyStateMark) : std::string();
}

std::vector<std::string> option_row(const ServiceReport& service, const Option& option,
                                    std::size_t rank, bool in_ms, bool simulated) {
  const std::string runtime = cell_code(to_string(option.runtime));
  if (!option.feasible) {
    std::vector<std::string> row = {std::string(kNone), runtime, "no"};
    row.resize(13, std::string(kNone));
    return row;
  }
  const auto& latency = option.latency_ms;
  auto ms = [&](double LatencyMs::*field) {
    if (!latency) return std::string(kNone);
    return escape_inline(in_ms ? format_ms((*latency).*field)
                               : format_duration_ms((*latency).*field));
  };
  return {
      std::to_string(rank),
      (service.recommendation == option.runtime ? "**" + runtime + "**" : runtime) +
          steady_state_mark(option, simulated),
      "yes",
      optional_cell(printed_monthly_cost(option), format_usd),
      ms(&LatencyMs::p50),
      ms(&LatencyMs::p95),
      ms(&LatencyMs::p99),
      option.slo_met ? std::string(*option.slo_met ? kCheck : kCross) : std::string(kNone),
      optional_cell(option.cold_start_fraction, format_percent),
      optional_cell(option.throttled_fraction, format_percent),
      peak_cell(option),
      optional_cell(option.peak_db_connections, format_count),
      option.score ? fmt::format("{:.2f}", round_decimals(*option.score, 2)) : std::string(kNone),
  };
}

// The sentence, and with strata a table of them.
void sample(std::string& out, const SampleSummary& summary) {
  out += "\n" + paragraph(sample_sentence(summary)) + "\n";
  if (summary.windows.size() < 2) return;
  const Align L = Align::left;
  const Align R = Align::right;
  Table table({"stratum", "starts at", "burn-in", "simulated", "weight"}, {L, R, R, R, R});
  for (const SampleWindow& w : summary.windows) {
    table.add_row({escape_inline(w.label), escape_inline(traffic_time(w.traffic_start_seconds)),
                   escape_inline(format_duration_seconds(w.burn_in_seconds)),
                   escape_inline(format_duration_seconds(w.measured_seconds)),
                   escape_inline(format_quantity(w.weight))});
  }
  out += "\n" + table.render();
}

void options_table(std::string& out, const ServiceReport& service, bool simulated) {
  const Align L = Align::left;
  const Align R = Align::right;
  // Milliseconds in the header while every latency reads in them; else each cell says its unit.
  const bool in_ms = latencies_in_ms(service.options);
  const std::string_view unit = in_ms ? " ms" : "";
  const std::string p50 = fmt::format("p50{}", unit), p95 = fmt::format("p95{}", unit),
                    p99 = fmt::format("p99{}", unit);
  Table table({"#", "runtime", "feasible", "$/month", p50, p95, p99, "SLO", "cold", "throttled",
               "peak", "DB conn", "score"},
              {R, L, L, R, R, R, R, L, R, R, R, R, R});
  std::size_t rank = 0;
  bool any_steady_state = false;
  for (const Option& option : service.options) {
    table.add_row(option_row(service, option, option.feasible ? ++rank : 0, in_ms, simulated));
    any_steady_state = any_steady_state || marked_steady_state(option, simulated);
  }
  out += table.render();
  out +=
      "\n*peak*: instances / hosts; *DB conn*: peak database connections; *cold*, *throttled*: "
      "share of requests";
  if (any_steady_state) out += fmt::format("; {} {}", kSteadyStateMark, kSteadyStateNote);
  out += ".\n";
  if (service.sample) sample(out, *service.sample);
}

void cost_details(std::string& out, const ServiceReport& service, bool simulated) {
  std::size_t rank = 0;
  for (const Option& option : service.options) {
    const std::string runtime(to_string(option.runtime));
    if (!option.feasible) {
      out += fmt::format("\n**{}** is not feasible:\n\n", code_span(runtime));
      for (const std::string& reason : option.infeasible_reasons) {
        out += "- " + escape_line(reason) + "\n";
      }
      continue;
    }
    ++rank;
    std::string summary =
        fmt::format("{}. {}{}", rank, runtime, steady_state_mark(option, simulated));
    if (const std::optional<double> cost = printed_monthly_cost(option)) {
      summary += fmt::format(": {}/month", format_usd(*cost));
    }
    if (!option.sizing.empty()) summary += " \u2014 " + option.sizing;
    out += fmt::format("\n<details>\n<summary>{}</summary>\n\n", summary_text(summary));
    if (option.cost_items.empty()) {
      out += "No cost items.\n";
    } else {
      const Align L = Align::left;
      const Align R = Align::right;
      Table items({"kind", "item", "quantity", "unit", "unit price", "monthly"},
                  {L, L, R, L, R, R});
      for (const CostItem& item : option.cost_items) {
        std::string words = item.item;
        if (item.shared_by) words += fmt::format(", shared by {}", *item.shared_by);
        items.add_row({cell_code(item.kind), escape_inline(words),
                       escape_inline(format_quantity(item.quantity)), escape_inline(item.unit),
                       escape_inline(format_unit_price(item.unit_price_usd)),
                       escape_inline(format_usd(item.monthly_usd))});
      }
      if (const std::optional<double> cost = printed_monthly_cost(option)) {
        items.add_row(
            {"**total**", "", "", "", "", "**" + escape_inline(format_usd(*cost)) + "**"});
      }
      out += items.render();
    }
    if (const std::string intervals = interval_sentence(option); !intervals.empty()) {
      out += fmt::format("\nIntervals: {}\n", escape_inline(intervals));
    }
    if (const std::string failed = failed_sentence(option); !failed.empty()) {
      out += fmt::format("\n{} {}\n", kCross, escape_inline(failed));
    }
    for (const std::string& miss : option.slo_misses) {
      out += fmt::format("\n{} SLO missed: {}\n", kCross, escape_inline(miss));
    }
    out += "\n</details>\n";
  }
}

void finding_list(std::string& out, const std::vector<Finding>& list) {
  for (const Finding& finding : list) {
    std::string head =
        fmt::format("- **{}** {}", upper(to_string(finding.severity)), code_span(finding.id));
    if (finding.runtime) head += " on " + code_span(to_string(*finding.runtime));
    if (!finding.location.empty()) head += " at " + code_span(finding.location);
    if (!finding.resource.empty()) head += " (" + code_span(finding.resource) + ")";
    out += head + ": " + escape_inline(finding.message);
    if (finding.suppressed_reason) {
      out += " *(suppressed: " + escape_inline(*finding.suppressed_reason) + ")*";
    }
    out += '\n';
  }
}

void findings(std::string& out, const ServiceReport& service) {
  out += "\n### Findings\n\n";
  if (service.findings.empty()) {
    out += "None.\n";
    return;
  }
  finding_list(out, service.findings);
}

// Findings on resources no service stands for (a policy on a role no service uses).
void resource_findings(std::string& out, const Report& report) {
  if (report.findings.empty()) return;
  out += "\n## Findings on resources no service stands for\n\n";
  finding_list(out, report.findings);
}

void decision_boundaries(std::string& out, const ServiceReport& service) {
  if (service.boundary_summary.empty() && service.boundaries.empty()) return;
  out += "\n### Decision boundaries\n\n";
  if (!service.boundary_summary.empty()) out += paragraph(service.boundary_summary) + "\n";
  if (service.boundaries.empty()) return;
  if (!service.boundary_summary.empty()) out += '\n';
  for (const DecisionBoundary& boundary : service.boundaries) {
    out += "- " + escape_line(boundary.sentence) + "\n";
  }
}

void checklist(std::string& out, const ServiceReport& service) {
  if (service.checklist.empty()) return;
  out += "\n### Checklist\n\n";
  Table table({"control", "status", "detail"}, {Align::left, Align::left, Align::left});
  for (const ChecklistItem& item : service.checklist) {
    table.add_row(
        {escape_inline(item.control), escape_inline(item.status), escape_inline(item.detail)});
  }
  out += table.render();
}

// `simulated`: the report simulated its services (options that were not are marked).
void service_section(std::string& out, const ServiceReport& service, bool simulated) {
  out += fmt::format("\n## {} ({})\n\n", escape_inline(service.name), to_string(service.kind));
  if (service.recommendation) {
    out += fmt::format("**Recommendation: {}**\n", code_span(to_string(*service.recommendation)));
  } else if (service.unranked) {
    out += "**Recommendation: none** (not ranked: no traffic)\n";
  } else {
    out += "**Recommendation: none** (no runtime is feasible)\n";
  }
  if (!service.why.empty()) out += fmt::format("\n{}\n", paragraph(service.why));
  out += '\n';
  if (service.options.empty()) {
    out += "No runtime was considered.\n";
  } else {
    options_table(out, service, simulated);
    cost_details(out, service, simulated);
  }
  findings(out, service);
  decision_boundaries(out, service);
  checklist(out, service);
}

void probes(std::string& out, const Report& report) {
  if (report.probes.empty()) return;
  out += "\n## Probes\n";
  for (const Probe& probe : report.probes) {
    out += fmt::format("\n### {}\n", escape_inline(probe.question));
    for (const std::string& answer : probe.answers) out += fmt::format("\n{}\n", paragraph(answer));
  }
}

void header(std::string& out, const Report& report) {
  std::string title = "computefit";
  if (!report.spec_name.empty()) title += ": " + report.spec_name;
  out += "# " + escape_inline(title) + "\n\n";
  std::vector<std::string> facts;
  if (!report.spec_file.empty()) facts.push_back("spec " + code_span(report.spec_file));
  facts.push_back("region " + escape_inline(report.region));
  if (!report.price_catalog.empty()) {
    facts.push_back("prices: " + escape_inline(report.price_catalog));
  }
  if (report.simulated_days > 0) {
    const std::string days = format_quantity(report.simulated_days);
    facts.push_back(fmt::format("simulated {} day{}, seed {}", days,
                                report.simulated_days == 1 ? "" : "s", report.seed));
  } else {
    facts.push_back("steady-state estimate");
  }
  facts.push_back("computefit " + escape_inline(report.computefit_version));
  out += fmt::format("{}\n", fmt::join(facts, " \u00b7 "));
}

// What templates, plans or CDK folders leave unknown and the resources they skip, as `lint` lists
// them; nothing for a workload spec.
void from_the_files(std::string& out, const Report& report) {
  auto list = [&](std::string_view title, std::string_view meaning,
                  const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out += fmt::format("\n**{}** ({}):\n\n", escape_inline(title), escape_inline(meaning));
    for (const std::string& line : lines) out += "- " + escape_line(line) + "\n";
  };
  list(readers::kUnknownsTitle, readers::kUnknownsMeaning, report.unknowns);
  list(readers::kSkippedTitle, readers::kSkippedMeaning, report.skipped);
}

void totals(std::string& out, const Report& report) {
  out += "\n## Totals\n\n";
  out += fmt::format(
      "Monthly cost of the recommended options: **{}** (shared resources counted once)\n",
      escape_inline(format_usd(report.totals_monthly_cost_usd)));
  if (report.assumptions.empty()) return;
  out += "\n### Assumptions\n\n";
  for (const std::string& assumption : report.assumptions) {
    out += "- " + escape_line(assumption) + "\n";
  }
}

}  // namespace

std::string render_markdown(const Report& report) {
  std::string out;
  header(out, report);
  from_the_files(out, report);
  for (const ServiceReport& service : report.services) {
    service_section(out, service, report.simulated_days > 0);
  }
  resource_findings(out, report);
  probes(out, report);
  totals(out, report);
  return out;
}

}  // namespace computefit
