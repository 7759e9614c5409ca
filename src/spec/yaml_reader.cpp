#include "spec/yaml_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "spec/suggest.hpp"

namespace computefit {
namespace {

// Scalar text as quoted in messages, cut short so a megabyte of junk stays one line.
std::string quote(const std::string& text) {
  constexpr std::size_t kMax = 40;
  std::string shown = text.size() > kMax ? text.substr(0, kMax) + "..." : text;
  for (char& ch : shown) {
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  }
  return "'" + shown + "'";
}

// A quoted scalar ("5", '5') is a string even when it looks like a number.
bool is_quoted(const YAML::Node& node) {
  return node.Tag() == "!";
}

enum class NumberParse { ok, not_a_number, not_finite };

NumberParse parse_number(const std::string& text, double& out) {
  if (text == ".inf" || text == ".Inf" || text == ".INF" || text == "+.inf" || text == "-.inf" ||
      text == "-.Inf" || text == "-.INF" || text == ".nan" || text == ".NaN" || text == ".NAN") {
    return NumberParse::not_finite;
  }
  std::string_view s = text;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return NumberParse::not_a_number;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (end != s.data() + s.size()) return NumberParse::not_a_number;
  if (ec == std::errc::result_out_of_range) return NumberParse::not_finite;
  if (ec != std::errc()) return NumberParse::not_a_number;
  if (!std::isfinite(out)) return NumberParse::not_finite;
  return NumberParse::ok;
}

}  // namespace

std::string format_number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return buffer;
}

void Reporter::error(SourceMark mark, std::string code, std::string message) {
  diagnostics_.push_back({file_, mark, std::move(code), std::move(message)});
}

Diagnostics Reporter::take() {
  return std::move(diagnostics_);
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined()) return "nothing";
  if (node.IsScalar() && is_quoted(node)) return "the string " + quote(node.Scalar());
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return "nothing";
    case YAML::NodeType::Scalar:
      return quote(node.Scalar());
  }
  return "something else";
}

MapView::MapView(Reporter& reporter, const YAML::Node& node, std::string_view where,
                 std::string prefix, const std::vector<std::string_view>& known, MarkMap* marks,
                 bool allow_extensions) {
  if (!node.IsMap()) return;
  std::map<std::string, SourceMark, std::less<>> seen;
  const auto add = [&](const YAML::Node& key, const YAML::Node& value, bool merged) {
    const SourceMark key_mark = mark_of(key);
    if (!key.IsScalar()) {
      reporter.error(key_mark, "wrong-type",
                     "keys in " + std::string(where) + " must be names, got " + describe(key));
      return;
    }
    const std::string& name = key.Scalar();
    if (auto first = seen.find(name); first != seen.end()) {
      // A key written beside a merge (`<<: *base`) overrides the merged one: YAML's merge rule.
      if (!merged) {
        reporter.error(key_mark, "duplicate-key",
                       "duplicate key " + quote(name) + " in " + std::string(where) +
                           " (first at line " + std::to_string(first->second.line) + ")");
      }
      return;
    }
    seen.emplace(name, key_mark);
    if (allow_extensions && name.rfind("x-", 0) == 0) return;
    bool is_known = false;
    for (std::string_view k : known) is_known = is_known || k == name;
    if (!is_known) {
      std::string message = "unknown key " + quote(name) + " in " + std::string(where);
      if (auto near = nearest(name, known)) {
        message += "; did you mean '" + std::string(*near) + "'?";
      }
      reporter.error(key_mark, "unknown-key", std::move(message));
      return;
    }
    const std::string path = prefix + name;
    if (marks) (*marks)[path] = key_mark;
    if (value.IsNull()) return;
    entries_.push_back({name, key_mark, value, path});
  };
  const auto is_merge = [](const YAML::Node& key) {
    return key.IsScalar() && key.Scalar() == "<<" && !is_quoted(key);
  };
  std::vector<YAML::Node> merges;
  for (auto it = node.begin(); it != node.end(); ++it) {
    // Copies: the iterator's pair is a temporary, and references into it dangle.
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    if (is_merge(key)) {
      if (value.IsMap()) {
        merges.push_back(value);
      } else if (value.IsSequence()) {
        for (auto m = value.begin(); m != value.end(); ++m) merges.push_back(*m);
      }
      for (const YAML::Node& m : merges) {
        if (!m.IsMap()) {
          reporter.error(
              mark_of(value), "wrong-type",
              "a merge ('<<') in " + std::string(where) + " takes a mapping or a list of mappings");
          merges.clear();
          break;
        }
      }
      continue;
    }
    add(key, value, false);
  }
  // Merged mappings (YAML's `<<: *defaults`) fill in what was not written, earlier ones first;
  // merges within them are followed too, to a small depth.
  for (int depth = 0; depth < 8 && !merges.empty(); ++depth) {
    std::vector<YAML::Node> next;
    for (const YAML::Node& m : merges) {
      for (auto it = m.begin(); it != m.end(); ++it) {
        const YAML::Node key = it->first;
        const YAML::Node value = it->second;
        if (is_merge(key)) {
          if (value.IsMap()) next.push_back(value);
          continue;
        }
        add(key, value, true);
      }
    }
    merges = std::move(next);
  }
}

const Entry* MapView::get(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

bool expect_map(Reporter& r, const YAML::Node& node, const std::string& path) {
  if (node.IsMap()) return true;
  r.error(mark_of(node), "wrong-type", path + " must be a mapping of keys, got " + describe(node));
  return false;
}

bool expect_list(Reporter& r, const YAML::Node& node, const std::string& path) {
  if (node.IsSequence()) return true;
  r.error(mark_of(node), "wrong-type", path + " must be a list, got " + describe(node));
  return false;
}

std::optional<double> read_number(Reporter& r, const Entry& e, Range range) {
  const SourceMark mark = mark_of(e.value);
  if (!e.value.IsScalar()) {
    r.error(mark, "wrong-type", e.path + " must be a number, got " + describe(e.value));
    return std::nullopt;
  }
  const std::string& text = e.value.Scalar();
  double v = 0;
  const NumberParse parsed = is_quoted(e.value) ? NumberParse::not_a_number : parse_number(text, v);
  if (parsed == NumberParse::not_a_number) {
    r.error(mark, "wrong-type", e.path + " must be a number, got " + describe(e.value));
    return std::nullopt;
  }
  if (parsed == NumberParse::not_finite) {
    r.error(mark, "out-of-range", e.path + " must be a finite number, got " + quote(text));
    return std::nullopt;
  }
  if (range.min_exclusive ? !(v > range.min) : !(v >= range.min)) {
    r.error(mark, "out-of-range",
            e.path + " must be " + (range.min_exclusive ? "greater than " : "at least ") +
                format_number(range.min) + ", got " + quote(text));
    return std::nullopt;
  }
  if (v > range.max) {
    r.error(mark, "out-of-range",
            e.path + " must be at most " + format_number(range.max) + ", got " + quote(text));
    return std::nullopt;
  }
  return v;
}

std::optional<int> read_int(Reporter& r, const Entry& e, Range range) {
  const auto v = read_number(r, e, range);
  if (!v) return std::nullopt;
  if (*v != std::floor(*v)) {
    r.error(mark_of(e.value), "wrong-type",
            e.path + " must be a whole number, got " + quote(e.value.Scalar()));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<bool> read_bool(Reporter& r, const Entry& e) {
  if (e.value.IsScalar() && !is_quoted(e.value)) {
    const std::string& t = e.value.Scalar();
    if (t == "true" || t == "True" || t == "TRUE") return true;
    if (t == "false" || t == "False" || t == "FALSE") return false;
  }
  r.error(mark_of(e.value), "wrong-type",
          e.path + " must be true or false, got " + describe(e.value));
  return std::nullopt;
}

std::optional<std::string> read_string_node(Reporter& r, const YAML::Node& node,
                                            const std::string& path) {
  if (!node.IsScalar()) {
    r.error(mark_of(node), "wrong-type", path + " must be a string, got " + describe(node));
    return std::nullopt;
  }
  if (node.Scalar().empty()) {
    r.error(mark_of(node), "invalid-value", path + " must not be empty");
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::string> read_string(Reporter& r, const Entry& e) {
  return read_string_node(r, e.value, e.path);
}

void report_bad_enum(Reporter& r, const Entry& e, const std::string& got,
                     const std::vector<std::string_view>& valid) {
  std::string list;
  for (std::string_view v : valid) list += (list.empty() ? "" : ", ") + std::string(v);
  std::string message = e.path + " must be one of " + list + ", got " + quote(got);
  if (auto near = nearest(got, valid)) message += "; did you mean '" + std::string(*near) + "'?";
  r.error(mark_of(e.value), "invalid-value", std::move(message));
}

}  // namespace computefit
