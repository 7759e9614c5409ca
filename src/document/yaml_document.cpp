#include "document/yaml_document.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "document/limits.hpp"
#include "document/text_check.hpp"
#include "document/yaml_syntax.hpp"

namespace computefit::readers {
namespace {

bool all_of(std::string_view text, bool (*accept)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), accept);
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool octal(char c) {
  return c >= '0' && c <= '7';
}
bool hex(char c) {
  return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// [-+]? (\.[0-9]+ | [0-9]+ (\.[0-9]*)?) ([eE][-+]?[0-9]+)?
bool decimal(std::string_view t) {
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
  const std::size_t e = t.find_first_of("eE");
  if (e != std::string_view::npos) {
    std::string_view exponent = t.substr(e + 1);
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.remove_prefix(1);
    if (!all_of(exponent, digit)) return false;
    t = t.substr(0, e);
  }
  const std::size_t dot = t.find('.');
  if (dot == std::string_view::npos) return all_of(t, digit);
  const std::string_view whole = t.substr(0, dot);
  const std::string_view fraction = t.substr(dot + 1);
  if (whole.empty()) return all_of(fraction, digit);
  return all_of(whole, digit) && (fraction.empty() || all_of(fraction, digit));
}

// YAML 1.2's core schema for plain (untagged, unquoted) scalars.
NodeKind plain_kind(std::string_view t) {
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") return NodeKind::null;
  if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE") {
    return NodeKind::boolean;
  }
  if (t.substr(0, 2) == "0o" && all_of(t.substr(2), octal)) return NodeKind::number;
  if (t.substr(0, 2) == "0x" && all_of(t.substr(2), hex)) return NodeKind::number;
  std::string_view unsigned_part = t;
  if (t[0] == '-' || t[0] == '+') unsigned_part.remove_prefix(1);
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF" ||
      t == ".nan" || t == ".NaN" || t == ".NAN") {
    return NodeKind::number;
  }
  return decimal(t) ? NodeKind::number : NodeKind::string;
}

class Converter {
 public:
  Converter(Document& document, const YamlReadOptions& options)
      : document_(document), nodes_(document.nodes()), options_(options) {}

  // Appends `node` (and everything under it) and returns its index, or nullopt past a limit.
  std::optional<std::uint32_t> convert(const YAML::Node& yaml, int depth) {
    if (nodes_.size() >= options_.max_nodes || depth > options_.max_depth) {
      stopped_at_ = mark_of(yaml);
      return std::nullopt;
    }
    const auto index = static_cast<std::uint32_t>(nodes_.size());
    Node node;
    node.mark = mark_of(yaml);
    const std::string& tag = yaml.Tag();
    if (!tag.empty() && tag != "?" && tag != "!") node.tag = document_.keep(tag);
    switch (yaml.Type()) {
      case YAML::NodeType::Scalar:
        node.text = document_.keep(yaml.Scalar());
        node.kind = tag == "?" ? plain_kind(yaml.Scalar()) : NodeKind::string;
        if (tag == "!") node.flags = node_flags::kQuoted;
        nodes_.push_back(node);
        return index;
      case YAML::NodeType::Sequence:
        node.kind = NodeKind::sequence;
        nodes_.push_back(node);
        for (std::uint32_t last = 0; const YAML::Node& item : yaml) {
          if (!append_child(index, last, item, {}, {}, depth)) return std::nullopt;
        }
        return index;
      case YAML::NodeType::Map:
        node.kind = NodeKind::mapping;
        nodes_.push_back(node);
        for (std::uint32_t last = 0; const auto& entry : yaml) {
          const YAML::Node& key = entry.first;
          const std::string name = key.IsScalar() ? key.Scalar() : std::string();
          if (!append_child(index, last, entry.second, document_.keep(name), mark_of(key), depth)) {
            return std::nullopt;
          }
          nodes_[last].flags |= key_flags(key);
        }
        return index;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        node.kind = NodeKind::null;
        nodes_.push_back(node);
        return index;
    }
    return index;
  }

  SourceMark stopped_at() const { return stopped_at_; }

 private:
  static std::uint8_t key_flags(const YAML::Node& key) {
    switch (key.Type()) {
      case YAML::NodeType::Scalar:
        return key.Tag() == "!" ? node_flags::kKeyQuoted : 0;
      case YAML::NodeType::Sequence:
        return node_flags::kKeySequence;
      case YAML::NodeType::Map:
        return node_flags::kKeyMapping;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return node_flags::kKeyNull;
    }
    return 0;
  }

  // Converts `yaml` and links it after `last`, the parent's last child so far (0: none yet).
  bool append_child(std::uint32_t parent, std::uint32_t& last, const YAML::Node& yaml,
                    std::string_view key, SourceMark key_mark, int depth) {
    const std::optional<std::uint32_t> child = convert(yaml, depth + 1);
    if (!child) return false;
    Node& c = nodes_[*child];
    c.key = key;
    c.key_mark = key_mark;
    // A null value written as `Key:` has no mark of its own: it sits at its key. (A list item
    // has no key: it keeps yaml-cpp's mark.)
    if (key_mark.known() && (!c.mark.known() || (c.kind == NodeKind::null && c.text.empty()))) {
      c.mark = key_mark;
    }
    Node& p = nodes_[parent];
    if (last == 0) {
      p.first_child = *child;
    } else {
      nodes_[last].next_sibling = *child;
    }
    ++p.size;
    last = *child;
    return true;
  }

  Document& document_;
  std::vector<Node>& nodes_;
  const YamlReadOptions& options_;
  SourceMark stopped_at_;
};

}  // namespace

DocumentResult read_yaml_document(std::string file, std::string_view text,
                                  const YamlReadOptions& options) {
  DocumentResult result;
  const auto report = [&](SourceMark mark, std::string code, std::string message) {
    result.diagnostics.push_back({file, mark, std::move(code), std::move(message)});
  };
  const auto fail = [&](SourceMark mark, std::string code, std::string message) {
    report(mark, std::move(code), std::move(message));
    return std::move(result);
  };
  const std::string what(options.what);
  if (text.size() > options.max_bytes) {
    return fail({}, "too-large",
                "the file has " + std::to_string(text.size()) + " bytes; " + what +
                    " may have at most " + std::to_string(options.max_bytes) + " (" +
                    std::string(options.size_note) + ")");
  }
  if (const auto bad = check_text(text)) return fail(bad->mark, "bad-encoding", bad->message);
  Document document(file);
  try {
    const std::string owned(text);
    // A second document is reported and the first still read (its size checked); a parser stuck
    // on a stray ',' leaves nothing to read.
    if (const auto problem = single_document_problem(owned, what)) {
      report(problem->mark, "yaml-syntax", problem->message);
      if (problem->fatal) return result;
    }
    Converter converter(document, options);
    if (!converter.convert(YAML::Load(owned), 0)) {
      std::string message = "the document expands to more than " +
                            std::to_string(options.max_nodes) + " values or nests deeper than " +
                            std::to_string(options.max_depth) +
                            " levels (aliases count each time they are used)";
      if (!options.expansion_note.empty()) message += "; " + std::string(options.expansion_note);
      return fail(converter.stopped_at(), "too-large", std::move(message));
    }
  } catch (const YAML::DeepRecursion& e) {
    return fail(
        mark_of_exception(e), "too-large",
        "YAML nested too deeply (more than 2,000 levels); " + std::string(options.nesting_note));
  } catch (const YAML::Exception& e) {
    return fail(mark_of_exception(e), "yaml-syntax", "invalid YAML: " + e.msg);
  }
  if (result.diagnostics.empty()) result.document.emplace(std::move(document));
  return result;
}

}  // namespace computefit::readers
