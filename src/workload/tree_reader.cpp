#include "workload/tree_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "workload/suggest.hpp"

namespace computefit {
namespace {

// Scalar text as quoted in messages, cut short so a megabyte of junk stays one line.
std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string shown =
      text.size() > kMax ? std::string(text.substr(0, kMax)) + "..." : std::string(text);
  for (char& ch : shown) {
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  }
  return "'" + shown + "'";
}

using readers::NodeKind;

enum class NumberParse { ok, not_a_number, not_finite };

NumberParse parse_number(std::string_view text, double& out) {
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
  const std::string& file = mark.file < files_.size() ? files_[mark.file] : file_;
  diagnostics_.push_back({file, mark, std::move(code), std::move(message)});
}

Diagnostics Reporter::take() {
  return std::move(diagnostics_);
}

std::string describe(const NodeRef& node) {
  switch (node.kind()) {
    case NodeKind::mapping:
      return "a mapping";
    case NodeKind::sequence:
      return "a list";
    case NodeKind::null:
      return "nothing";
    case NodeKind::boolean:
    case NodeKind::number:
    case NodeKind::string:
      return node.quoted() ? "the string " + quote(node.text()) : quote(node.text());
  }
  return "something else";
}

namespace {

// A key that is no name (`? [a, b]`, `~:`), described as its value would be.
std::string describe_key(NodeKind kind) {
  switch (kind) {
    case NodeKind::mapping:
      return "a mapping";
    case NodeKind::sequence:
      return "a list";
    default:
      return "nothing";
  }
}

}  // namespace

MapView::MapView(Reporter& reporter, const NodeRef& node, std::string_view where,
                 std::string prefix, const std::vector<std::string_view>& known, MarkMap* marks,
                 bool allow_extensions) {
  if (!node.is_mapping()) return;
  std::map<std::string, SourceMark, std::less<>> seen;
  // `entry` is a mapping's child: the value, carrying its key.
  const auto add = [&](const NodeRef& entry, bool merged) {
    const SourceMark key_mark = entry.key_mark();
    if (entry.key_kind() != NodeKind::string) {
      reporter.error(key_mark, "wrong-type",
                     "keys in " + std::string(where) + " must be names, got " +
                         describe_key(entry.key_kind()));
      return;
    }
    const std::string_view name = entry.key();
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
    if (allow_extensions && name.substr(0, 2) == "x-") return;
    bool is_known = false;
    for (std::string_view k : known) is_known = is_known || k == name;
    if (!is_known) {
      std::string message = "unknown key " + quote(name) + " in " + std::string(where);
      if (auto near = nearest(std::string(name), known)) {
        message += "; did you mean '" + std::string(*near) + "'?";
      }
      reporter.error(key_mark, "unknown-key", std::move(message));
      return;
    }
    std::string path = prefix + std::string(name);
    if (marks) (*marks)[path] = key_mark;
    if (entry.is_null()) return;
    entries_.push_back({std::string(name), key_mark, entry, std::move(path)});
  };
  const auto is_merge = [](const NodeRef& entry) {
    return entry.key_kind() == NodeKind::string && entry.key() == "<<" && !entry.key_quoted();
  };
  std::vector<NodeRef> merges;
  for (const NodeRef entry : node) {
    if (is_merge(entry)) {
      if (entry.is_mapping()) {
        merges.push_back(entry);
      } else if (entry.is_sequence()) {
        for (const NodeRef m : entry) merges.push_back(m);
      }
      for (const NodeRef& m : merges) {
        if (!m.is_mapping()) {
          reporter.error(
              entry.mark(), "wrong-type",
              "a merge ('<<') in " + std::string(where) + " takes a mapping or a list of mappings");
          merges.clear();
          break;
        }
      }
      continue;
    }
    add(entry, false);
  }
  // Merged mappings (YAML's `<<: *defaults`) fill in what was not written, earlier ones first;
  // merges within them are followed too, to a small depth.
  for (int depth = 0; depth < 8 && !merges.empty(); ++depth) {
    std::vector<NodeRef> next;
    for (const NodeRef& m : merges) {
      for (const NodeRef entry : m) {
        if (is_merge(entry)) {
          if (entry.is_mapping()) next.push_back(entry);
          continue;
        }
        add(entry, true);
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

bool expect_map(Reporter& r, const NodeRef& node, const std::string& path) {
  if (node.is_mapping()) return true;
  r.error(mark_of(node), "wrong-type", path + " must be a mapping of keys, got " + describe(node));
  return false;
}

bool expect_list(Reporter& r, const NodeRef& node, const std::string& path) {
  if (node.is_sequence()) return true;
  r.error(mark_of(node), "wrong-type", path + " must be a list, got " + describe(node));
  return false;
}

std::optional<double> read_number(Reporter& r, const Entry& e, Range range) {
  const SourceMark mark = mark_of(e.value);
  if (!e.value.is_scalar()) {
    r.error(mark, "wrong-type", e.path + " must be a number, got " + describe(e.value));
    return std::nullopt;
  }
  const std::string_view text = e.value.text();
  double v = 0;
  const NumberParse parsed = e.value.quoted() ? NumberParse::not_a_number : parse_number(text, v);
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
            e.path + " must be a whole number, got " + quote(e.value.text()));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<bool> read_bool(Reporter& r, const Entry& e) {
  if (e.value.is_scalar() && !e.value.quoted()) {
    const std::string_view t = e.value.text();
    if (t == "true" || t == "True" || t == "TRUE") return true;
    if (t == "false" || t == "False" || t == "FALSE") return false;
  }
  r.error(mark_of(e.value), "wrong-type",
          e.path + " must be true or false, got " + describe(e.value));
  return std::nullopt;
}

std::optional<std::string> read_string_node(Reporter& r, const NodeRef& node,
                                            const std::string& path) {
  if (!node.is_scalar()) {
    r.error(mark_of(node), "wrong-type", path + " must be a string, got " + describe(node));
    return std::nullopt;
  }
  if (node.text().empty()) {
    r.error(mark_of(node), "invalid-value", path + " must not be empty");
    return std::nullopt;
  }
  return std::string(node.text());
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
