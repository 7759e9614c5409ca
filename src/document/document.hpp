#pragma once
// A located document tree: what a CloudFormation/SAM template (YAML or JSON), a CDK manifest or a
// Terraform plan is read into before anything interprets it. Every node keeps the 1-based line and
// column it was written at, so a finding about a resource can point into the very file it came
// from, JSON included. YAML tags survive (`!Ref`, `!Sub`: CloudFormation's short-form intrinsics).
//
// The nodes sit in one flat array in document order, linked by child and sibling indexes, and
// their texts are views into storage the document owns: a 50 MB Terraform plan costs the file
// once plus 88 bytes a node, not a heap allocation per value.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/diagnostic.hpp"

namespace computefit::readers {

enum class NodeKind : std::uint8_t { null, boolean, number, string, sequence, mapping };

/// One value. Scalars keep their text as written (numbers too, so "0.10" stays "0.10"); booleans
/// read "true"/"false". A mapping's entries are its children, each carrying its key.
struct Node {
  std::string_view text;          ///< a scalar's text
  std::string_view key;           ///< the key, for a mapping's entry
  std::string_view tag;           ///< a YAML tag such as "!Ref"; empty when none
  std::uint32_t first_child = 0;  ///< 0: none (the root is node 0, never anyone's child)
  std::uint32_t next_sibling = 0;
  std::uint32_t size = 0;  ///< children
  SourceMark mark;
  SourceMark key_mark;  ///< where its key was written, for a mapping's entry
  /// The file it was written in: an index into its document's files(), 0 for the document's own.
  /// A tree merged from two files (a template and its overlay) keeps each value's file this way;
  /// NodeRef::mark() and key_mark() carry it (the marks stored here keep file 0).
  std::uint16_t file = 0;
  NodeKind kind = NodeKind::null;
  /// How it was written, for readers that tell `5` from `"5"` (the workload spec): NodeFlags.
  std::uint8_t flags = 0;
};

/// Node::flags. A quoted scalar ("5", '5', a block scalar, a JSON string) is YAML's non-specific
/// `!` tag: a string whatever it looks like; a plain one is read by its text. A key that is not a
/// scalar (`? [a, b]`) keeps no text, only its kind.
namespace node_flags {
inline constexpr std::uint8_t kQuoted = 1;
inline constexpr std::uint8_t kKeyQuoted = 2;
inline constexpr std::uint8_t kKeyNull = 4;
inline constexpr std::uint8_t kKeySequence = 8;
inline constexpr std::uint8_t kKeyMapping = 16;
}  // namespace node_flags

class Document;

/// A node and the document it lives in: cheap to copy, valid while the document lives.
class NodeRef {
 public:
  NodeRef(const Document& document, std::uint32_t index) : document_(&document), index_(index) {}

  NodeKind kind() const { return node().kind; }
  bool is_null() const { return kind() == NodeKind::null; }
  bool is_scalar() const;
  bool is_sequence() const { return kind() == NodeKind::sequence; }
  bool is_mapping() const { return kind() == NodeKind::mapping; }
  /// Where it was written, its file index included.
  SourceMark mark() const { return with_file(node().mark); }
  SourceMark key_mark() const { return with_file(node().key_mark); }
  std::string_view text() const { return node().text; }
  std::string_view key() const { return node().key; }
  std::string_view tag() const { return node().tag; }
  /// A scalar written quoted (YAML's `!`; every JSON string): a string even when it reads `5`.
  bool quoted() const { return (node().flags & node_flags::kQuoted) != 0; }
  /// A mapping entry's key: written quoted, and its kind (string for a scalar key; null, sequence
  /// or mapping for a key that is no name).
  bool key_quoted() const { return (node().flags & node_flags::kKeyQuoted) != 0; }
  NodeKind key_kind() const;
  std::size_t size() const { return node().size; }
  std::uint32_t index() const { return index_; }
  /// The file it was written in (its index into the document's files(), and that name).
  std::uint16_t file_index() const { return node().file; }
  const std::string& file() const;
  const Document& document() const { return *document_; }

  /// A mapping's entry by key (the last one when a key repeats, as YAML loaders and JSON parsers
  /// commonly do), else nullopt; nullopt on anything but a mapping.
  std::optional<NodeRef> find(std::string_view key) const;
  /// A number's value when its text is one (JSON number, YAML int or float), else nullopt.
  std::optional<double> number() const;

  /// The children in order.
  class Iterator {
   public:
    Iterator(const Document* document, std::uint32_t index) : document_(document), index_(index) {}
    NodeRef operator*() const { return {*document_, index_}; }
    Iterator& operator++();
    bool operator==(const Iterator& other) const { return index_ == other.index_; }

   private:
    const Document* document_;
    std::uint32_t index_;
  };
  Iterator begin() const { return {document_, node().first_child}; }
  Iterator end() const { return {document_, 0}; }

 private:
  const Node& node() const;
  SourceMark with_file(SourceMark mark) const {
    mark.file = node().file;
    return mark;
  }
  const Document* document_;
  std::uint32_t index_;
};

/// A parsed file. Build one with read_json_document() or read_yaml_document().
class Document {
 public:
  explicit Document(std::string file) { files_.push_back(std::move(file)); }
  Document(Document&&) = default;
  Document& operator=(Document&&) = default;

  /// The file it was read from.
  const std::string& file() const { return files_.front(); }
  /// Every file its nodes come from, indexed by Node::file: the document's own first, then those
  /// of nodes merged in from other files.
  const std::vector<std::string>& files() const { return files_; }
  NodeRef root() const { return {*this, 0}; }
  std::size_t node_count() const { return nodes_.size(); }
  const Node& at(std::uint32_t index) const { return nodes_[index]; }

  // For the readers that fill it (and a source map that relocates its nodes).
  std::vector<Node>& nodes() { return nodes_; }
  /// Keeps `text` alive as long as the document and returns a view of it.
  std::string_view keep(std::string text);
  /// Room for the file's own bytes and a terminating NUL, owned by the document: JSON is parsed
  /// in place there and its texts point into it.
  char* make_buffer(std::size_t size);
  /// The index of `file` in files(), added when new (at most 65,536 files: Node::file's range).
  std::uint16_t add_file(std::string file);

 private:
  std::vector<std::string> files_;  // never empty: files_[0] is the document's own
  // Heap memory that a move never relocates (a short std::string would move its characters).
  std::unique_ptr<char[]> buffer_;
  std::deque<std::string> kept_;  // a deque: growing it never moves the strings views point into
  std::vector<Node> nodes_;
};

/// A document, or the located problems that kept it from being one.
struct DocumentResult {
  std::optional<Document> document;
  Diagnostics diagnostics;
};

/// The kinds of input SPEC.md's readers tell apart by content, never by file name.
enum class InputKind { workload_spec, cloudformation, terraform_plan, cdk_manifest, unknown };

/// What a parsed document is: a Terraform plan has `format_version` and `planned_values` or
/// `resource_changes`; a CDK cloud assembly's manifest `version` and `artifacts`; a template
/// `Resources` or `AWSTemplateFormatVersion` (SAM: a `Transform` naming AWS::Serverless); a
/// workload spec `version` and `services`.
InputKind input_kind(const Document& document);

}  // namespace computefit::readers
