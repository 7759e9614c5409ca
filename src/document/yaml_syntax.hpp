#pragma once
// Where yaml-cpp says things are, and what keeps a text from being one YAML document: what the
// YAML reader of the located document tree (yaml_document) reports its problems with.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>

#include "document/diagnostic.hpp"

namespace computefit {

/// The 1-based position of a node (yaml-cpp's marks are 0-based).
SourceMark mark_of(const YAML::Node& node);

/// What keeps `text` from being one YAML document: the parser stuck (a stray ',' at the top
/// level, "invalid YAML: unexpected ','"; fatal) or a second document ("more than one YAML
/// document: `what` is a single document"). Read event by event, never with YAML::LoadAll, which
/// loops forever on the stray ',' in yaml-cpp 0.7 (jbeder/yaml-cpp#1040). Throws yaml-cpp's
/// exceptions on a syntax error, as YAML::Load does.
struct YamlDocumentProblem {
  SourceMark mark;
  std::string message;
  bool fatal = false;  ///< nothing can be read (else the first document can)
};
std::optional<YamlDocumentProblem> single_document_problem(const std::string& text,
                                                           std::string_view what);

/// The 1-based position yaml-cpp gives a parse error, when it gives one.
SourceMark mark_of_exception(const YAML::Exception& e);

}  // namespace computefit
