#pragma once
// YAML into a located Document (yaml-cpp, which keeps each node's mark and tag): CloudFormation and
// SAM templates written in YAML, short-form intrinsics (`!Ref`, `!Sub`, `!GetAtt`) kept as tags.

#include <string>
#include <string_view>

#include "document/document.hpp"
#include "document/limits.hpp"

namespace computefit::readers {

/// What a YAML input is called in messages and the bounds it is read within: a template by
/// default; the workload spec passes its own (a spec is a few kilobytes and a few hundred values).
struct YamlReadOptions {
  std::string_view what = "a template";  ///< "a template is a single document", "a spec may..."
  std::size_t max_bytes = limits::kMaxTemplateBytes;
  std::string_view size_note = "CloudFormation's own quota is 1 MB";
  std::size_t max_nodes = limits::kMaxTemplateNodes;
  int max_depth = limits::kMaxDocumentDepth;
  std::string_view expansion_note = "";  ///< appended after "; " to the expansion message
  std::string_view nesting_note = "a template nests a few dozen";
};

/// Parses `text` (the contents of `file`) as one YAML document. Aliases are expanded (each use
/// counts against the node limit, so an alias bomb is refused); plain scalars that YAML 1.2's core
/// schema reads as numbers, booleans or null take those kinds, quoted ones stay strings (and are
/// flagged quoted). Merge keys (`<<: *base`) are kept as written, an entry keyed "<<", for the
/// reader that gives them a meaning (the workload spec does; CloudFormation has none). More than
/// one document is an error (the first is still checked, and no document is returned).
DocumentResult read_yaml_document(std::string file, std::string_view text,
                                  const YamlReadOptions& options = {});

}  // namespace computefit::readers
