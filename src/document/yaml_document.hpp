#pragma once
// YAML into a located Document (yaml-cpp, which keeps each node's mark and tag): CloudFormation and
// SAM templates written in YAML, short-form intrinsics (`!Ref`, `!Sub`, `!GetAtt`) kept as tags.

#include <string>
#include <string_view>

#include "document/document.hpp"

namespace computefit::readers {

/// Parses `text` (the contents of `file`) as one YAML document. Aliases are expanded (each use
/// counts against the node limit, so an alias bomb is refused); plain scalars that YAML 1.2's core
/// schema reads as numbers, booleans or null take those kinds, quoted ones stay strings.
DocumentResult read_yaml_document(std::string file, std::string_view text);

}  // namespace computefit::readers
