#pragma once
// The workload spec that `computefit import` builds from templates, before it is written out:
// an ordered tree of YAML keys whose every value remembers where in which file it came from, and
// the keys a template cannot fill (traffic, durations, SLOs) marked to do. Written as YAML, each
// value carries a comment naming its source, so a reviewer can check every figure against the
// template, and the overlay's author sees what is left to say.

#include <string>
#include <string_view>
#include <vector>

#include "document/diagnostic.hpp"

namespace computefit::readers {

/// Where an imported value was read: a file, the position of the property, and what it was
/// ("MemorySize", "AWS's default: 128 MB"), for the comment beside the value.
struct Origin {
  std::string file;
  SourceMark mark;
  std::string note;
};

/// One key of the spec: a scalar (its YAML text), a mapping (entries) or a list (items, each a
/// mapping).
struct DraftNode {
  std::string key;
  std::string scalar;  ///< YAML text of a scalar ("512", "python", "\"cron(0 3 * * ? *)\"")
  std::vector<DraftNode> entries;
  std::vector<DraftNode> items;
  bool is_list = false;
  Origin origin;
  std::vector<std::string> todos;  ///< "traffic: the requests per second ..." for this mapping

  /// The entry `key`, added (empty) when missing; a dotted key walks mappings: "runtimes.lambda".
  DraftNode& at(std::string_view dotted_key);
  /// Sets a scalar, with where it came from.
  void set(std::string_view dotted_key, std::string yaml_scalar, Origin origin);
  /// A new mapping appended to the list `key`.
  DraftNode& append(std::string_view key);
  const DraftNode* find(std::string_view key) const;
};

/// A located document (a workload spec given as an overlay) as a draft, each value's origin its
/// own position in `document`'s file.
class NodeRef;
DraftNode draft_of(NodeRef node, const std::string& file);

/// Merges `overlay` over `base` as SPEC.md's `--overlay` says: services by name (an overlay
/// service's keys over the template's, a service only in the overlay added), then every other
/// key: mappings merged key by key, scalars and lists replaced.
void merge_overlay(DraftNode& base, const DraftNode& overlay);

/// The text a YAML scalar holds, its quotes taken off ("\"1.33\"" -> "1.33").
std::string unquoted(std::string text);

/// A YAML scalar for `text`: plain when YAML reads it back as the same string, else quoted.
std::string yaml_string(std::string_view text);
/// A number as YAML writes it: 512, 0.25, 1e+06.
std::string yaml_number(double value);

/// The draft as a YAML document: every value with a `# FILE:LINE:COLUMN note` comment, every
/// to-do as a `# TODO` line in its mapping, after `header` (comment lines, without the '#').
/// With `line_origins`, also the origin of each line written (index = line - 1; an empty origin
/// for a comment or a constant): the source map from the written spec back to the templates.
std::string write_yaml(const DraftNode& root, const std::vector<std::string>& header,
                       std::vector<Origin>* line_origins = nullptr);

/// Relocates every node of `document` (the written spec, read back) to the template location its
/// line came from: each node's file becomes its origin's (added to the document's files) and its
/// marks the origin's position. A node on a line of no origin keeps file 0 and no position.
class Document;
void apply_source_map(Document& document, const std::vector<Origin>& line_origins);

}  // namespace computefit::readers
