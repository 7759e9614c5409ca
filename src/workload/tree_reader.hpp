#pragma once
// Typed, located reading of the located document tree (document/document.hpp) in the workload
// spec's terms: every problem becomes a Diagnostic, never an exception. Whatever filled the tree
// (the spec's YAML today, a template's resources mapped to the spec's shape later) is read,
// validated and reported the same way, each value at the mark it came from.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "document/diagnostic.hpp"
#include "document/document.hpp"

namespace computefit {

using MarkMap = std::map<std::string, SourceMark, std::less<>>;
using readers::NodeRef;

/// A list's items (a mapping's entries), to index.
inline std::vector<NodeRef> items_of(const NodeRef& node) {
  std::vector<NodeRef> items;
  items.reserve(node.size());
  for (const NodeRef item : node) items.push_back(item);
  return items;
}

/// Where a value was written.
inline SourceMark mark_of(const NodeRef& node) {
  return node.mark();
}

/// Numbers printed the way a user would write them: 5, 0.25, 1e+308.
std::string format_number(double v);

/// A number's accepted range, with a name for messages.
struct Range {
  double min = 0;
  bool min_exclusive = false;  ///< the value must be greater than `min`, not equal
  double max = 0;
};

/// One `key: value` of a mapping.
struct Entry {
  std::string key;
  SourceMark key_mark;
  NodeRef value;
  std::string path;  ///< the key's path for messages and marks, e.g. "traffic.rps"
};

/// Collects diagnostics for one file, or for the files of a tree merged from several (each
/// diagnostic names the file its mark points into).
class Reporter {
 public:
  explicit Reporter(std::string file) : file_(std::move(file)) {}
  void error(SourceMark mark, std::string code, std::string message);
  const std::string& file() const { return file_; }
  /// The files marks index (SourceMark::file); without them every mark is `file`'s.
  void set_files(std::vector<std::string> files) { files_ = std::move(files); }
  Diagnostics take();
  bool failed() const { return !diagnostics_.empty(); }
  std::size_t count() const { return diagnostics_.size(); }

 private:
  std::string file_;
  std::vector<std::string> files_;
  Diagnostics diagnostics_;
};

/// The keys of one mapping, in order, with unknown and duplicate keys reported. A key whose value
/// is null (`key:` or `key: null`) counts as not given.
class MapView {
 public:
  /// `where` names the mapping in messages ("traffic", "service 'api'"); `prefix` is prepended to
  /// keys for paths ("traffic."); every key's mark is stored in `marks` under its path. With
  /// `allow_extensions`, keys starting "x-" are skipped (a place for anchors, as in Compose files).
  /// Merge keys (`<<: *anchor`, an entry keyed "<<" in the tree) fill in keys not written.
  MapView(Reporter& reporter, const NodeRef& node, std::string_view where, std::string prefix,
          const std::vector<std::string_view>& known, MarkMap* marks,
          bool allow_extensions = false);
  const Entry* get(std::string_view key) const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

/// What kind of value a node is, for "got a list" messages.
std::string describe(const NodeRef& node);

/// Typed readers: nullopt (after reporting) when the value is not acceptable.
std::optional<double> read_number(Reporter& r, const Entry& e, Range range);
std::optional<int> read_int(Reporter& r, const Entry& e, Range range);
std::optional<bool> read_bool(Reporter& r, const Entry& e);
std::optional<std::string> read_string(Reporter& r, const Entry& e);
/// The same for a node that is not a mapping value (a list item): `path` names it.
std::optional<std::string> read_string_node(Reporter& r, const NodeRef& node,
                                            const std::string& path);
/// True when the value is a mapping (reports otherwise).
bool expect_map(Reporter& r, const NodeRef& node, const std::string& path);
bool expect_list(Reporter& r, const NodeRef& node, const std::string& path);

/// An enumerated value; the message lists the valid spellings and suggests the nearest.
template <typename T>
std::optional<T> read_enum(Reporter& r, const Entry& e,
                           const std::vector<std::pair<std::string_view, T>>& values);

/// Reports an invalid enumerated value (shared by read_enum's instantiations).
void report_bad_enum(Reporter& r, const Entry& e, const std::string& got,
                     const std::vector<std::string_view>& valid);

template <typename T>
std::optional<T> read_enum(Reporter& r, const Entry& e,
                           const std::vector<std::pair<std::string_view, T>>& values) {
  const auto text = read_string(r, e);
  if (!text) return std::nullopt;
  std::vector<std::string_view> valid;
  for (const auto& [name, value] : values) {
    if (name == *text) return value;
    valid.push_back(name);
  }
  report_bad_enum(r, e, *text, valid);
  return std::nullopt;
}

}  // namespace computefit
