#include "render/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <vector>

#include "readers/import/import.hpp"
#include "render/escape.hpp"
#include "render/explain.hpp"
#include "render/numbers.hpp"
#include "rules/wording.hpp"

namespace computefit {

namespace {

constexpr std::string_view kNone = "\u2013";  // –

// Chart geometry (SVG user units): title, a legend row, then the plot area.
constexpr double kChartWidth = 720;
constexpr double kChartHeight = 310;
constexpr double kPlotLeft = 70;
constexpr double kPlotRight = 650;
constexpr double kPlotTop = 52;
constexpr double kPlotBottom = 258;

// Line colours of the runtimes, in kAllRuntimes order (distinct for the common colour
// blindnesses: orange, blue, green, purple).
constexpr std::array<std::string_view, 4> kRuntimeColours = {"#e8710a", "#1a73e8", "#188038",
                                                             "#9334e6"};

std::string_view runtime_colour(RuntimeId runtime) {
  return kRuntimeColours[static_cast<std::size_t>(runtime)];
}

std::string esc(std::string_view text) {
  return escape_html(text);
}

// A coordinate to 0.1 unit, never "-0.0", so the same report always draws the same bytes.
std::string px(double v) {
  double r = std::round(v * 10) / 10;
  if (r == 0 || !std::isfinite(r)) r = 0;
  return fmt::format("{:.1f}", r);
}

// An id fragment from a name: lower-case letters and digits, anything else a dash.
std::string slug(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (out.empty() || out.back() != '-') {
      out += '-';
    }
  }
  return out.empty() ? std::string("service") : out;
}

// A tick label: three significant digits, k/M/G for thousands and up ("1.5k", "0.01").
std::string short_number(double v) {
  const double a = std::fabs(v);
  if (a >= 1e9) return fmt::format("{:g}G", round_significant(v / 1e9, 3));
  if (a >= 1e6) return fmt::format("{:g}M", round_significant(v / 1e6, 3));
  if (a >= 1e3) return fmt::format("{:g}k", round_significant(v / 1e3, 3));
  return fmt::format("{:g}", round_significant(v, 3));
}

std::string usd_tick(double v) {
  return "$" + short_number(v);
}

// One axis: a linear or log10 scale from [lo, hi] onto pixels [from, to], with its ticks.
struct Axis {
  double lo = 0, hi = 1;
  bool log = false;
  double from = 0, to = 1;
  std::vector<double> ticks;

  double at(double v) const {
    if (!std::isfinite(v) || (log && !(v > 0))) return from;
    const double t = log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo))
                         : (v - lo) / (hi - lo);
    return from + std::clamp(t, 0.0, 1.0) * (to - from);
  }
};

// 1, 2 or 5 times a power of ten, at least `raw`.
double nice_step(double raw) {
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

Axis linear_axis(double max_value, double from, double to) {
  Axis a;
  a.from = from;
  a.to = to;
  if (!(max_value > 0) || !std::isfinite(max_value)) max_value = 1;
  const double step = nice_step(max_value / 5);
  const int steps = std::max(1, static_cast<int>(std::ceil(max_value / step - 1e-9)));
  a.hi = steps * step;
  for (int i = 0; i <= steps; ++i) a.ticks.push_back(round_significant(i * step, 6));
  return a;
}

Axis log_axis(double min_value, double max_value, double from, double to) {
  Axis a;
  a.log = true;
  a.from = from;
  a.to = to;
  const int lo = static_cast<int>(std::floor(std::log10(min_value)));
  int hi = static_cast<int>(std::ceil(std::log10(max_value)));
  if (hi <= lo) hi = lo + 1;
  a.lo = std::pow(10.0, lo);
  a.hi = std::pow(10.0, hi);
  const int every = hi - lo > 8 ? 2 : 1;
  for (int e = lo; e <= hi; e += every) a.ticks.push_back(std::pow(10.0, e));
  return a;
}

// Log when the positive values span more than two decades, linear from zero otherwise.
Axis value_axis(const std::vector<double>& values, double from, double to) {
  double lo = 0, hi = 0;
  for (const double v : values) {
    if (!(v > 0) || !std::isfinite(v)) continue;
    lo = lo == 0 ? v : std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (lo > 0 && hi / lo > 100) return log_axis(lo, hi, from, to);
  return linear_axis(hi, from, to);
}

class Svg {
 public:
  Svg(std::string_view cls, const std::string& id, std::string_view title) {
    out_ += fmt::format(
        "<svg class=\"chart {}\" id=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" "
        "viewBox=\"0 0 {:g} {:g}\" width=\"{:g}\" height=\"{:g}\" role=\"img\" "
        "aria-labelledby=\"{}-t\">\n",
        cls, id, kChartWidth, kChartHeight, kChartWidth, kChartHeight, id);
    out_ += fmt::format("<title id=\"{}-t\">{}</title>\n", id, esc(title));
    out_ += fmt::format("<text class=\"ctitle\" x=\"{}\" y=\"18\">{}</text>\n", px(kPlotLeft),
                        esc(title));
  }
  void raw(std::string_view text) { out_ += text; }
  void line(double x1, double y1, double x2, double y2, std::string_view cls) {
    out_ += fmt::format("<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", cls,
                        px(x1), px(y1), px(x2), px(y2));
  }
  void text(double x, double y, std::string_view anchor, std::string_view cls,
            std::string_view content) {
    out_ += fmt::format("<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>\n", cls,
                        px(x), px(y), anchor, esc(content));
  }
  // A legend row across the top: a swatch (line or box) and a label per entry.
  void legend(const std::vector<std::pair<std::string, std::string>>& entries) {
    double x = kPlotLeft;
    for (const auto& [style, label] : entries) {
      if (style.rfind("box:", 0) == 0) {
        out_ += fmt::format("<rect x=\"{}\" y=\"30\" width=\"14\" height=\"9\" fill=\"{}\"/>\n",
                            px(x), style.substr(4));
      } else {
        out_ +=
            fmt::format("<line x1=\"{}\" y1=\"35\" x2=\"{}\" y2=\"35\" stroke-width=\"2.5\" {}/>\n",
                        px(x), px(x + 16), style);
      }
      text(x + 20, 39, "start", "legend", label);
      x += 30 + 6.5 * static_cast<double>(label.size());
    }
  }
  void note(std::string_view content) {
    text((kPlotLeft + kPlotRight) / 2, (kPlotTop + kPlotBottom) / 2, "middle", "note", content);
  }
  std::string take() {
    out_ += "</svg>\n";
    return std::move(out_);
  }

 private:
  std::string out_;
};

void plot_frame(Svg& svg) {
  svg.raw(fmt::format("<rect class=\"plot\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n",
                      px(kPlotLeft), px(kPlotTop), px(kPlotRight - kPlotLeft),
                      px(kPlotBottom - kPlotTop)));
}

// Grid lines and tick labels of a vertical axis, on the left (with grid) or the right.
void y_axis(Svg& svg, const Axis& y, std::string (*label)(double), bool right,
            std::string_view title) {
  for (const double t : y.ticks) {
    const double at = y.at(t);
    if (!right) svg.line(kPlotLeft, at, kPlotRight, at, "grid");
    svg.text(right ? kPlotRight + 6 : kPlotLeft - 6, at + 4, right ? "start" : "end", "tick",
             label(t));
  }
  const double x = right ? kChartWidth - 8 : 14;
  const double mid = (kPlotTop + kPlotBottom) / 2;
  svg.raw(fmt::format(
      "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" "
      "transform=\"rotate(-90 {} {})\">{}</text>\n",
      px(x), px(mid), px(x), px(mid), esc(std::string(title) + (y.log ? " (log scale)" : ""))));
}

void x_title(Svg& svg, std::string_view title) {
  svg.text((kPlotLeft + kPlotRight) / 2, kChartHeight - 8, "middle", "axis", title);
}

// The spec's own mean traffic: the sweep point at factor 1, else any point scaled back.
std::optional<double> spec_rps(const std::vector<SweepPoint>& sweep) {
  for (const SweepPoint& p : sweep) {
    if (p.factor == 1) return p.rps;
  }
  for (const SweepPoint& p : sweep) {
    if (p.factor > 0 && p.rps > 0) return p.rps / p.factor;
  }
  return std::nullopt;
}

std::string cost_chart(const ServiceReport& service, const std::string& id) {
  Svg svg("chart-cost-vs-traffic", id,
          fmt::format("{}: monthly cost of each runtime against traffic", service.name));
  std::vector<SweepPoint> points;
  for (const SweepPoint& p : service.sweep) {
    if (p.rps > 0 && std::isfinite(p.rps)) points.push_back(p);
  }
  std::sort(points.begin(), points.end(),
            [](const SweepPoint& a, const SweepPoint& b) { return a.rps < b.rps; });
  std::vector<double> costs;
  std::vector<RuntimeId> drawn;
  for (const RuntimeId r : kAllRuntimes) {
    bool any = false;
    for (const SweepPoint& p : points) {
      if (auto it = p.monthly_cost_usd.find(r); it != p.monthly_cost_usd.end()) {
        costs.push_back(it->second);
        any = true;
      }
    }
    if (any) drawn.push_back(r);
  }
  plot_frame(svg);
  x_title(svg, "mean requests/s (log scale; rps and peak_rps scaled together)");
  if (points.empty() || drawn.empty()) {
    svg.note("no sweep in this report");
    return svg.take();
  }
  const Axis x = log_axis(points.front().rps, points.back().rps, kPlotLeft, kPlotRight);
  const Axis y = value_axis(costs, kPlotBottom, kPlotTop);
  y_axis(svg, y, usd_tick, false, "$/month");
  for (const double t : x.ticks) {
    svg.line(x.at(t), kPlotBottom, x.at(t), kPlotBottom + 4, "tickmark");
    svg.text(x.at(t), kPlotBottom + 17, "middle", "tick", short_number(t));
  }
  // Which runtime the engine recommends along the sweep: a band at the top of the plot.
  svg.text(kPlotRight + 4, kPlotTop + 6, "start", "label small", "recommended");
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!points[i].recommendation) continue;
    const double left = i == 0 ? kPlotLeft : (x.at(points[i - 1].rps) + x.at(points[i].rps)) / 2;
    const double right =
        i + 1 == points.size() ? kPlotRight : (x.at(points[i].rps) + x.at(points[i + 1].rps)) / 2;
    svg.raw(fmt::format(
        "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"5\" fill=\"{}\">"
        "<title>{} rps: {} recommended</title></rect>\n",
        px(left), px(kPlotTop), px(right - left), runtime_colour(*points[i].recommendation),
        esc(short_number(points[i].rps)), to_string(*points[i].recommendation)));
  }
  std::vector<std::pair<std::string, std::string>> legend;
  for (const RuntimeId r : drawn) {
    // One polyline per stretch where the runtime is feasible.
    std::vector<std::string> run;
    auto flush = [&] {
      if (run.size() == 1) {
        const std::size_t comma = run[0].find(',');
        svg.raw(fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{}\"/>\n",
                            run[0].substr(0, comma), run[0].substr(comma + 1), runtime_colour(r)));
      } else if (run.size() > 1) {
        svg.raw(fmt::format(
            "<polyline class=\"cost\" data-runtime=\"{}\" stroke=\"{}\" points=\"{}\"/>\n",
            to_string(r), runtime_colour(r), fmt::join(run, " ")));
      }
      run.clear();
    };
    for (const SweepPoint& p : points) {
      auto it = p.monthly_cost_usd.find(r);
      if (it == p.monthly_cost_usd.end() || !std::isfinite(it->second) ||
          (y.log && !(it->second > 0))) {
        flush();
        continue;
      }
      run.push_back(px(x.at(p.rps)) + "," + px(y.at(it->second)));
    }
    flush();
    legend.emplace_back(fmt::format("stroke=\"{}\"", runtime_colour(r)), to_string(r));
  }
  if (const auto own = spec_rps(service.sweep); own && *own > 0) {
    const double at = x.at(*own);
    svg.line(at, kPlotTop, at, kPlotBottom, "spec");
    svg.text(at + 3, kPlotBottom - 6, "start", "label",
             "this spec: " + short_number(*own) + " rps");
    legend.emplace_back("class=\"spec\"", "this spec");
  }
  int nth = 0;
  for (const DecisionBoundary& b : service.boundaries) {
    if (!(b.rps > 0)) continue;
    const double at = x.at(b.rps);
    svg.raw(fmt::format("<g class=\"boundary\"><title>{}</title>\n", esc(b.sentence)));
    svg.line(at, kPlotTop, at, kPlotBottom, "boundary");
    svg.text(at + 3, kPlotTop + 18 + 12 * (nth++ % 3), "start", "label",
             short_number(b.rps) + " rps");
    svg.raw("</g>\n");
  }
  if (nth > 0) legend.emplace_back("class=\"boundary\"", "break-even (the answer flips)");
  svg.legend(legend);
  return svg.take();
}

std::string_view unit_words(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::ms:
      return "milliseconds";
    case DurationUnit::s:
      return "seconds";
    case DurationUnit::min:
      return "minutes";
    case DurationUnit::h:
      return "hours";
  }
  return "milliseconds";
}

std::string latency_chart(const ServiceReport& service, const std::string& id) {
  Svg svg("chart-latency", id, fmt::format("{}: latency percentiles per runtime", service.name));
  std::vector<const Option*> bars;
  std::vector<double> values;
  for (const Option& o : service.options) {
    if (!o.feasible || !o.latency_ms) continue;
    bars.push_back(&o);
    values.insert(values.end(), {o.latency_ms->p50, o.latency_ms->p95, o.latency_ms->p99});
  }
  for (const auto& slo : {service.slo_p95_ms, service.slo_p99_ms}) {
    if (slo) values.push_back(*slo);
  }
  plot_frame(svg);
  x_title(svg, "feasible runtimes, best first");
  if (bars.empty()) {
    svg.note("no feasible runtime with latency figures");
    return svg.take();
  }
  // The axis reads in the unit its longest figure is spelt in (long jobs in minutes or hours).
  double longest = 0;
  for (const double v : values) {
    if (printable(v)) longest = std::max(longest, v);
  }
  const DurationUnit unit = duration_unit(longest);
  const double per_unit = unit_ms(unit);
  for (double& v : values) v /= per_unit;
  const Axis y = value_axis(values, kPlotBottom, kPlotTop);
  y_axis(svg, y, short_number, false, unit_words(unit));
  constexpr std::array<std::string_view, 3> kShades = {"#9ab8e8", "#4a78c2", "#1c3d7a"};
  constexpr std::array<std::string_view, 3> kNames = {"p50", "p95", "p99"};
  std::vector<std::pair<std::string, std::string>> legend;
  for (std::size_t k = 0; k < 3; ++k) {
    legend.emplace_back("box:" + std::string(kShades[k]), std::string(kNames[k]));
  }
  const double group = (kPlotRight - kPlotLeft) / static_cast<double>(bars.size());
  const double bar = std::min(36.0, group * 0.8 / 3);
  for (std::size_t g = 0; g < bars.size(); ++g) {
    const Option& o = *bars[g];
    const double centre = kPlotLeft + group * (static_cast<double>(g) + 0.5);
    const std::array<double, 3> ms = {o.latency_ms->p50, o.latency_ms->p95, o.latency_ms->p99};
    for (std::size_t k = 0; k < 3; ++k) {
      const double left = centre + (static_cast<double>(k) - 1.5) * bar;
      const double top = y.at(ms[k] / per_unit);
      svg.raw(
          fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">"
                      "<title>{} {} {}</title></rect>\n",
                      px(left), px(top), px(bar - 1), px(kPlotBottom - top), kShades[k],
                      to_string(o.runtime), kNames[k], esc(format_duration_ms(ms[k]))));
    }
    svg.raw(fmt::format(
        "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n",
        px(centre), px(kPlotBottom + 17), runtime_colour(o.runtime), to_string(o.runtime)));
  }
  const std::array<std::pair<const std::optional<double>*, std::string_view>, 2> targets = {
      {{&service.slo_p95_ms, "p95"}, {&service.slo_p99_ms, "p99"}}};
  for (const auto& [target, name] : targets) {
    if (!*target || (y.log && !(**target > 0))) continue;
    const double at = y.at(**target / per_unit);
    const std::string cls = fmt::format("slo slo-{}", name);
    svg.line(kPlotLeft, at, kPlotRight, at, cls);
    svg.text(kPlotRight + 4, at + 4, "start", "label " + cls, fmt::format("{} SLO", name));
    legend.emplace_back(
        fmt::format("class=\"{}\"", cls),
        fmt::format("{} SLO {}", name,
                    duration_unit(**target) == DurationUnit::ms ? format_count(**target) + " ms"
                                                                : format_duration_ms(**target)));
  }
  svg.legend(legend);
  return svg.take();
}

// "Tuesday 18:00 UTC": the simulation starts on a Monday at 00:00 UTC.
std::string hour_start(double start_seconds) {
  constexpr std::array<std::string_view, 7> kDays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                     "Friday", "Saturday", "Sunday"};
  const long long minutes = static_cast<long long>(std::floor(std::max(0.0, start_seconds) / 60));
  const long long day = minutes / (24LL * 60);
  const long long minute_of_day = minutes % (24LL * 60);
  return fmt::format("{} {:02}:{:02} UTC (day {})", kDays[static_cast<std::size_t>(day % 7)],
                     minute_of_day / 60, minute_of_day % 60, day + 1);
}

std::string busiest_hour_chart(const ServiceReport& service, const std::string& id) {
  const Option* chosen = nullptr;
  for (const Option& o : service.options) {
    if (service.recommendation == o.runtime) chosen = &o;
  }
  const BusiestHour* hour = chosen && chosen->busiest_hour && !chosen->busiest_hour->minutes.empty()
                                ? &*chosen->busiest_hour
                                : nullptr;
  std::string title = fmt::format("{}: the busiest simulated hour", service.name);
  if (hour) {
    title +=
        fmt::format(" on {}, from {}", to_string(chosen->runtime), hour_start(hour->start_seconds));
  }
  Svg svg("chart-busiest-hour", id, title);
  plot_frame(svg);
  x_title(svg, "minute of the hour");
  if (!hour) {
    svg.note(chosen ? "the recommended option was not simulated minute by minute"
                    : "no recommended option");
    return svg.take();
  }
  const std::vector<MinuteProfile>& minutes = hour->minutes;
  double most_arrivals = 0, most_count = 0;
  for (const MinuteProfile& m : minutes) {
    most_arrivals = std::max(most_arrivals, m.arrivals);
    most_count = std::max({most_count, m.peak_instances, m.peak_connections, m.peak_queued});
  }
  const Axis left = linear_axis(most_arrivals, kPlotBottom, kPlotTop);
  const Axis right = linear_axis(most_count, kPlotBottom, kPlotTop);
  y_axis(svg, left, short_number, false, "arrivals per minute (bars)");
  y_axis(svg, right, short_number, true, "peak in the minute (lines)");
  const double slot = (kPlotRight - kPlotLeft) / std::max<double>(60, minutes.size());
  for (std::size_t i = 0; i <= minutes.size(); i += 10) {
    const double at = kPlotLeft + slot * static_cast<double>(i);
    svg.line(at, kPlotBottom, at, kPlotBottom + 4, "tickmark");
    svg.text(at, kPlotBottom + 17, "middle", "tick", std::to_string(i));
  }
  for (std::size_t i = 0; i < minutes.size(); ++i) {
    const double top = left.at(minutes[i].arrivals);
    svg.raw(
        fmt::format("<rect class=\"arrivals\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
                    "<title>minute {}: {} arrivals</title></rect>\n",
                    px(kPlotLeft + slot * static_cast<double>(i) + 0.5), px(top), px(slot - 1),
                    px(kPlotBottom - top), i, esc(format_count(minutes[i].arrivals))));
  }
  struct Series {
    double MinuteProfile::*field;
    std::string_view name, colour;
  };
  constexpr std::array<Series, 3> kSeries = {{
      {&MinuteProfile::peak_instances, "instances", "#1a73e8"},
      {&MinuteProfile::peak_connections, "DB connections", "#c5221f"},
      {&MinuteProfile::peak_queued, "queued requests", "#e8710a"},
  }};
  std::vector<std::pair<std::string, std::string>> legend = {{"box:#c8ccd2", "arrivals"}};
  for (const Series& s : kSeries) {
    std::vector<std::string> pts;
    for (std::size_t i = 0; i < minutes.size(); ++i) {
      pts.push_back(px(kPlotLeft + slot * (static_cast<double>(i) + 0.5)) + "," +
                    px(right.at(minutes[i].*s.field)));
    }
    svg.raw(fmt::format("<polyline class=\"series\" stroke=\"{}\" points=\"{}\"/>\n", s.colour,
                        fmt::join(pts, " ")));
    legend.emplace_back(fmt::format("stroke=\"{}\"", s.colour), std::string(s.name));
  }
  svg.legend(legend);
  return svg.take();
}

class Page {
 public:
  void add(std::string_view text) { out_ += text; }
  template <typename... Args>
  void f(fmt::format_string<Args...> format, Args&&... args) {
    out_ += fmt::format(format, std::forward<Args>(args)...);
  }
  // Text as paragraphs, one per line of it.
  void paragraphs(std::string_view text, std::string_view cls = {}) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      if (end > start) {
        f("<p{}>{}</p>\n", cls.empty() ? "" : fmt::format(" class=\"{}\"", cls),
          esc(text.substr(start, end - start)));
      }
      start = end + 1;
    }
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

constexpr std::string_view kStyle = R"(
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg2: #f6f8fa; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 1px solid var(--line);
  padding-bottom: .2rem; margin-top: 2.5rem; } h3 { margin-top: 1.6rem; }
.facts, .muted, figcaption { color: var(--muted); }
code { font: 13px ui-monospace, "SFMono-Regular", Menlo, monospace; background: var(--bg2);
  padding: 0 .25em; border-radius: 4px; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: .25rem .55rem; vertical-align: top; }
th { background: var(--bg2); text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.recommended td { background: #eef6ee; font-weight: 600; }
tr.infeasible td { color: var(--muted); }
.rec { font-size: 1.1rem; } .rec strong { color: #1a7f37; } .rec .none { color: #cf222e; }
.ok { color: #1a7f37; } .bad { color: #cf222e; }
details { margin: .3rem 0; } summary { cursor: pointer; }
.badge { display: inline-block; min-width: 4.6em; text-align: center; border-radius: 4px;
  padding: 0 .4em; font-size: 12px; font-weight: 700; color: #fff; text-transform: uppercase; }
.sev-critical { background: #82071e; } .sev-high { background: #cf222e; }
.sev-medium { background: #9a6700; } .sev-low { background: #0969da; } .sev-info { background: #6e7781; }
.st-ok { background: #1a7f37; } .st-missing { background: #cf222e; } .st-review { background: #9a6700; }
ul.findings { list-style: none; padding-left: 0; } ul.findings li { margin: .7rem 0; }
li.suppressed > p, li.suppressed > .head { opacity: .6; }
p.suppressed-reason { opacity: 1; font-style: italic; }
figure { margin: 1rem 0; overflow-x: auto; }
svg.chart { font: 11px system-ui, sans-serif; background: #fff; max-width: 100%; height: auto; }
svg .ctitle { font-size: 13px; font-weight: 600; fill: #1f2328; }
svg .plot { fill: none; stroke: #8c959f; } svg .grid { stroke: #eaeef2; }
svg .tickmark { stroke: #8c959f; } svg .tick, svg .legend, svg .label { fill: #424a53; }
svg .small { font-size: 9px; } svg .axis { fill: #59636e; } svg .note { fill: #59636e; font-size: 14px; }
svg .cost, svg .series { fill: none; stroke-width: 2; stroke-linejoin: round; }
svg .band { opacity: .55; } svg .arrivals { fill: #c8ccd2; }
svg line.spec { stroke: #1f2328; stroke-width: 1.5; }
svg line.boundary { stroke: #cf222e; stroke-width: 1.5; stroke-dasharray: 5 4; }
svg line.slo { stroke: #cf222e; stroke-width: 1.5; stroke-dasharray: 6 3; }
svg line.slo-p95 { stroke: #bc4c00; } svg text.slo { fill: #cf222e; }
)";

std::string opt_cell(const std::optional<double>& v, std::string (*format)(double)) {
  return v ? esc(format(*v)) : std::string(kNone);
}

// The mark (with a tooltip) of an option whose figures were not simulated; empty otherwise.
std::string steady_state_mark(const Option& o, bool simulated) {
  if (!marked_steady_state(o, simulated)) return {};
  return fmt::format(R"(<span class="mark" title="{}">{}</span>)", kSteadyStateNote,
                     kSteadyStateMark);
}

void options_table(Page& p, const ServiceReport& service, bool simulated) {
  // Milliseconds in the header while every latency reads in them; else each cell says its unit.
  const bool in_ms = latencies_in_ms(service.options);
  const std::string_view unit = in_ms ? " ms" : "";
  p.f("<table class=\"options\">\n<thead><tr><th>#</th><th>runtime</th><th>feasible</th>"
      "<th>$/month</th><th>p50{0}</th><th>p95{0}</th><th>p99{0}</th><th>SLO</th><th>cold</th>"
      "<th>throttled</th><th>peak (instances / hosts)</th><th>DB conn</th><th>score</th></tr>"
      "</thead>\n<tbody>\n",
      unit);
  auto ms_cell = [&](const std::optional<LatencyMs>& latency, double LatencyMs::*percentile) {
    if (!latency) return std::string(kNone);
    return esc(in_ms ? format_ms((*latency).*percentile)
                     : format_duration_ms((*latency).*percentile));
  };
  int rank = 0;
  for (const Option& o : service.options) {
    const std::string runtime =
        fmt::format("{}{}", to_string(o.runtime), steady_state_mark(o, simulated));
    if (!o.feasible) {
      std::string reasons;
      for (const std::string& r : o.infeasible_reasons)
        reasons += (reasons.empty() ? "" : "; ") + r;
      p.f("<tr class=\"infeasible\"><td>{}</td><td>{}</td><td class=\"bad\">no</td>"
          "<td colspan=\"10\">{}</td></tr>\n",
          kNone, runtime, esc(reasons));
      continue;
    }
    const bool recommended = service.recommendation == o.runtime;
    std::string peak = opt_cell(o.peak_instances, format_count);
    if (o.peak_hosts) peak += " / " + with_thousands(*o.peak_hosts, 0);
    // No SLO declared: nothing to meet, so neither mark.
    std::string slo = fmt::format("<span title=\"no SLO declared\">{}</span>", kNone);
    if (o.slo_met) {
      slo = *o.slo_met ? "<span class=\"ok\">\u2713</span>" : "<span class=\"bad\">\u2717</span>";
    }
    const auto& l = o.latency_ms;
    p.f("<tr{}><td class=\"num\">{}</td><td>{}</td><td class=\"ok\">yes</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        recommended ? " class=\"recommended\"" : "", ++rank, runtime,
        opt_cell(printed_monthly_cost(o), format_usd), ms_cell(l, &LatencyMs::p50),
        ms_cell(l, &LatencyMs::p95), ms_cell(l, &LatencyMs::p99), slo,
        opt_cell(o.cold_start_fraction, format_percent),
        opt_cell(o.throttled_fraction, format_percent), peak,
        opt_cell(o.peak_db_connections, format_count),
        o.score ? fmt::format("{:.2f}", round_decimals(*o.score, 2)) : std::string(kNone));
  }
  p.add("</tbody>\n</table>\n");
}

void option_details(Page& p, const Option& o, bool simulated) {
  const std::string runtime(to_string(o.runtime));
  if (!o.feasible) {
    p.f("<details class=\"option\"><summary><strong>{}</strong>: infeasible</summary>\n<ul>\n",
        runtime);
    for (const std::string& r : o.infeasible_reasons) p.f("<li>{}</li>\n", esc(r));
    p.add("</ul>\n</details>\n");
    return;
  }
  const auto cost = printed_monthly_cost(o);
  p.f("<details class=\"option\"><summary><strong>{}</strong>{}: {}/month{}</summary>\n", runtime,
      steady_state_mark(o, simulated), cost ? esc(format_usd(*cost)) : std::string(kNone),
      o.sizing.empty() ? "" : " \u2014 " + esc(o.sizing));
  p.add(
      "<table class=\"cost-items\">\n<thead><tr><th>kind</th><th>item</th><th>quantity</th>"
      "<th>unit</th><th>unit price</th><th>monthly</th><th>source</th></tr></thead>\n<tbody>\n");
  for (const CostItem& c : o.cost_items) {
    std::string item = esc(c.item);
    if (c.shared_by)
      item += fmt::format(" <span class=\"muted\">(shared by {})</span>", *c.shared_by);
    std::string source = esc(c.source);
    if (!c.as_of.empty()) source += fmt::format(" <span class=\"muted\">({})</span>", esc(c.as_of));
    p.f("<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td>{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
        esc(c.kind), item, esc(format_quantity(c.quantity)), esc(c.unit),
        esc(format_unit_price(c.unit_price_usd)), esc(format_usd(c.monthly_usd)), source);
  }
  p.add("</tbody>\n</table>\n");
  if (const std::string intervals = interval_sentence(o); !intervals.empty()) {
    p.f("<p class=\"intervals\">Intervals: {}</p>\n", esc(intervals));
  }
  if (const std::string failed = failed_sentence(o); !failed.empty()) {
    p.f("<p class=\"bad\">\u2717 {}</p>\n", esc(failed));
  }
  for (const std::string& miss : o.slo_misses) {
    p.f("<p class=\"bad\">\u2717 SLO missed: {}</p>\n", esc(miss));
  }
  p.add("</details>\n");
}

void finding_list(Page& p, const std::vector<Finding>& list) {
  p.add("<ul class=\"findings\">\n");
  for (const Finding& f : list) {
    const std::string_view severity = to_string(f.severity);
    p.f("<li class=\"finding{}\"><div class=\"head\"><span class=\"badge sev-{}\">{}</span> "
        "<code>{}</code>",
        f.suppressed_reason ? " suppressed" : "", severity, severity, esc(f.id));
    if (f.runtime) p.f(" on {}", to_string(*f.runtime));
    if (!f.location.empty()) p.f(" at <code>{}</code>", esc(f.location));
    if (!f.resource.empty()) p.f(" (<code>{}</code>)", esc(f.resource));
    p.add("</div>\n");
    p.paragraphs(f.message);
    if (f.suppressed_reason) {
      p.f("<p class=\"suppressed-reason\">Suppressed: {}</p>\n", esc(*f.suppressed_reason));
    }
    p.add("</li>\n");
  }
  p.add("</ul>\n");
}

void findings(Page& p, const ServiceReport& service) {
  p.add("<h3>Findings</h3>\n");
  if (service.findings.empty()) {
    p.add("<p class=\"muted\">None.</p>\n");
    return;
  }
  finding_list(p, service.findings);
}

// Findings on resources no service stands for (a policy on a role no service uses).
void resource_findings(Page& p, const Report& report) {
  if (report.findings.empty()) return;
  p.add("<section id=\"resources\">\n<h2>Findings on resources no service stands for</h2>\n");
  finding_list(p, report.findings);
  p.add("</section>\n");
}

// What templates, plans or CDK folders leave unknown and the resources they skip, as `lint` lists
// them; nothing for a workload spec.
void from_the_files(Page& p, const Report& report) {
  auto list = [&](std::string_view id, std::string_view title, std::string_view meaning,
                  const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    p.f("<section id=\"{}\">\n<h2>{}</h2>\n<p class=\"muted\">{}.</p>\n<ul>\n", id, esc(title),
        esc(upper_first(std::string(meaning))));
    for (const std::string& line : lines) p.f("<li>{}</li>\n", esc(line));
    p.add("</ul>\n</section>\n");
  };
  list("unknowns", readers::kUnknownsTitle, readers::kUnknownsMeaning, report.unknowns);
  list("skipped", readers::kSkippedTitle, readers::kSkippedMeaning, report.skipped);
}

void boundaries(Page& p, const ServiceReport& service) {
  p.add("<h3>Decision boundaries</h3>\n");
  if (!service.boundary_summary.empty()) p.paragraphs(service.boundary_summary);
  if (!service.boundaries.empty()) {
    p.add("<ul class=\"boundaries\">\n");
    for (const DecisionBoundary& b : service.boundaries) {
      p.f("<li>{} <span class=\"muted\">({}\u00d7 the spec&#39;s traffic, {} requests/s)</span>"
          "</li>\n",
          esc(b.sentence), esc(short_number(b.factor)), esc(short_number(b.rps)));
    }
    p.add("</ul>\n");
  }
  if (service.boundary_summary.empty() && service.boundaries.empty()) {
    p.add("<p class=\"muted\">No decision-boundary sweep in this report.</p>\n");
  }
}

void checklist(Page& p, const ServiceReport& service) {
  if (service.checklist.empty()) return;
  p.add(
      "<h3>Shared controls</h3>\n<table class=\"checklist\">\n<thead><tr><th>control</th>"
      "<th>status</th><th>detail</th></tr></thead>\n<tbody>\n");
  for (const ChecklistItem& c : service.checklist) {
    p.f("<tr><td>{}</td><td><span class=\"badge st-{}\">{}</span></td><td>{}</td></tr>\n",
        esc(c.control), slug(c.status), esc(c.status), esc(c.detail));
  }
  p.add("</tbody>\n</table>\n");
}

// The sentence, and with strata a table of them.
void sample(Page& p, const SampleSummary& summary) {
  p.f("<p class=\"sample\">{}</p>\n", esc(sample_sentence(summary)));
  if (summary.windows.size() < 2) return;
  p.add(
      "<table class=\"sample\">\n<thead><tr><th>stratum</th><th>starts at</th><th>burn-in</th>"
      "<th>simulated</th><th>weight</th></tr></thead>\n<tbody>\n");
  for (const SampleWindow& w : summary.windows) {
    p.f("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        esc(w.label), esc(traffic_time(w.traffic_start_seconds)),
        esc(format_duration_seconds(w.burn_in_seconds)),
        esc(format_duration_seconds(w.measured_seconds)), esc(format_quantity(w.weight)));
  }
  p.add("</tbody>\n</table>\n");
}

// `simulated`: the report simulated its services (options that were not are marked).
void service_section(Page& p, const ServiceReport& service, bool simulated) {
  const std::string id = slug(service.name);
  p.f("<section class=\"service\" id=\"service-{}\">\n<h2>{} <span class=\"muted\">({})</span>"
      "</h2>\n",
      id, esc(service.name), to_string(service.kind));
  if (service.recommendation) {
    p.f("<p class=\"rec\">Recommendation: <strong>{}</strong></p>\n",
        to_string(*service.recommendation));
  } else if (service.unranked) {
    p.add(
        "<p class=\"rec\">Recommendation: <span class=\"none\">none (not ranked: no traffic)"
        "</span></p>\n");
  } else {
    p.add(
        "<p class=\"rec\">Recommendation: <span class=\"none\">none (no runtime is feasible)"
        "</span></p>\n");
  }
  p.paragraphs(service.why, "why");
  if (service.options.empty()) {
    p.add("<p class=\"muted\">No runtime was considered.</p>\n");
  } else {
    options_table(p, service, simulated);
    bool any_steady_state = false;
    for (const Option& o : service.options) {
      any_steady_state = any_steady_state || marked_steady_state(o, simulated);
    }
    p.f("<p class=\"muted\">cold, throttled: share of requests; DB conn: peak database "
        "connections{}.</p>\n",
        any_steady_state ? fmt::format("; {} {}", kSteadyStateMark, kSteadyStateNote) : "");
    if (service.sample) sample(p, *service.sample);
    for (const Option& o : service.options) option_details(p, o, simulated);
  }
  p.add("<h3>Charts</h3>\n");
  p.f("<figure>\n{}</figure>\n", cost_chart(service, "cost-vs-traffic-" + id));
  p.f("<figure>\n{}</figure>\n", latency_chart(service, "latency-" + id));
  p.f("<figure>\n{}</figure>\n", busiest_hour_chart(service, "busiest-hour-" + id));
  findings(p, service);
  boundaries(p, service);
  checklist(p, service);
  p.add("</section>\n");
}

void probes(Page& p, const Report& report) {
  p.add("<section id=\"probes\">\n<h2>Probes</h2>\n");
  if (report.probes.empty()) p.add("<p class=\"muted\">No probes in this report.</p>\n");
  for (const Probe& probe : report.probes) {
    p.f("<section class=\"probe\" id=\"probe-{}\">\n<h3>{}</h3>\n", slug(probe.id),
        esc(probe.question));
    for (const std::string& answer : probe.answers) p.paragraphs(answer);
    p.add("</section>\n");
  }
  p.add("</section>\n");
}

}  // namespace

std::string render_html(const Report& report) {
  Page p;
  const std::string product = fmt::format("computefit {}", report.computefit_version);
  p.f("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n"
      // An empty data: icon, so the browser asks nothing of the network or the disk.
      "<link rel=\"icon\" href=\"data:,\">\n<style>{}</style>\n</head>\n<body>\n<header>\n",
      esc(product), esc(product + (report.spec_name.empty() ? "" : ": " + report.spec_name)),
      kStyle);
  p.f("<h1>{}</h1>\n", esc(report.spec_name.empty() ? product : report.spec_name));
  std::vector<std::string> facts;
  if (!report.spec_file.empty()) facts.push_back("spec <code>" + esc(report.spec_file) + "</code>");
  facts.push_back("region " + esc(report.region));
  facts.push_back(report.simulated_days > 0
                      ? fmt::format("simulated {} day{}, seed {}",
                                    esc(format_quantity(report.simulated_days)),
                                    report.simulated_days == 1 ? "" : "s", report.seed)
                      : std::string("steady-state estimate"));
  if (!report.price_catalog.empty()) facts.push_back("prices: " + esc(report.price_catalog));
  p.f("<p class=\"facts\">{}<br>{}</p>\n</header>\n", fmt::join(facts, " \u00b7 "), esc(product));
  if (!report.services.empty()) {
    p.add("<nav>\n<ul>\n");
    for (const ServiceReport& s : report.services) {
      p.f("<li><a href=\"#service-{}\">{}</a>: {}</li>\n", slug(s.name), esc(s.name),
          s.recommendation ? std::string(to_string(*s.recommendation)) : "no feasible runtime");
    }
    p.add(
        "<li><a href=\"#probes\">Probes</a></li>\n<li><a href=\"#totals\">Totals</a></li>\n"
        "</ul>\n</nav>\n");
  }
  p.add("<main>\n");
  from_the_files(p, report);
  for (const ServiceReport& s : report.services) service_section(p, s, report.simulated_days > 0);
  resource_findings(p, report);
  probes(p, report);
  p.f("<section id=\"totals\">\n<h2>Totals</h2>\n<p>Monthly cost of the recommended options: "
      "<strong>{}</strong> (shared resources counted once)</p>\n",
      esc(format_usd(report.totals_monthly_cost_usd)));
  if (!report.assumptions.empty()) {
    p.add("<h3>Assumptions</h3>\n<ul>\n");
    for (const std::string& a : report.assumptions) p.f("<li>{}</li>\n", esc(a));
    p.add("</ul>\n");
  }
  p.add("</section>\n</main>\n</body>\n</html>\n");
  return p.take();
}

}  // namespace computefit
