#include "document/yaml_syntax.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <vector>

namespace computefit {

namespace {

// The documents of a YAML stream, read event by event: where each starts and where its first node
// is. YAML::LoadAll is not used: yaml-cpp 0.7 loops forever, allocating, on a stray ',' at the top
// level (jbeder/yaml-cpp#1040, fixed upstream by #1319 after 0.8), because its parser then reports
// an empty document without consuming the ','. Two documents starting at the same place are that
// case.
class DocumentScan final : public YAML::EventHandler {
 public:
  struct Document {
    YAML::Mark start;
    std::optional<YAML::Mark> first_node;
  };
  std::vector<Document> documents;

  void OnDocumentStart(const YAML::Mark& mark) override { documents.push_back({mark, {}}); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnMapEnd() override {}

  /// True when the last document started where the one before it did: the parser is stuck.
  bool stuck() const {
    return documents.size() >= 2 &&
           documents[documents.size() - 1].start.pos == documents[documents.size() - 2].start.pos;
  }

 private:
  void node(const YAML::Mark& mark) {
    if (!documents.empty() && !documents.back().first_node) documents.back().first_node = mark;
  }
};

SourceMark mark_of_yaml(const YAML::Mark& m) {
  if (m.is_null() || m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

}  // namespace

std::optional<YamlDocumentProblem> single_document_problem(const std::string& text,
                                                           std::string_view what) {
  // Up to three documents: the first, a second one (an error), and a third that shows whether
  // the parser is stuck on the second.
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentScan scan;
  while (scan.documents.size() < 3 && !scan.stuck() && parser.HandleNextDocument(scan)) {
  }
  if (scan.stuck()) {
    const YAML::Mark at = scan.documents.back().start;
    const bool in_text = at.pos >= 0 && static_cast<std::size_t>(at.pos) < text.size();
    return YamlDocumentProblem{mark_of_yaml(at),
                               in_text
                                   ? std::string("invalid YAML: unexpected '") + text[at.pos] + "'"
                                   : std::string("invalid YAML"),
                               true};
  }
  if (scan.documents.size() > 1) {
    const DocumentScan::Document& second = scan.documents[1];
    return YamlDocumentProblem{
        mark_of_yaml(second.first_node.value_or(second.start)),
        "more than one YAML document: " + std::string(what) + " is a single document", false};
  }
  return std::nullopt;
}

SourceMark mark_of_exception(const YAML::Exception& e) {
  if (e.mark.is_null() || e.mark.line < 0) return {};
  return {e.mark.line + 1, e.mark.column + 1};
}

SourceMark mark_of(const YAML::Node& node) {
  if (!node.IsDefined()) return {};  // a missing key's zombie node would throw
  const YAML::Mark m = node.Mark();
  if (m.is_null() || m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

}  // namespace computefit
