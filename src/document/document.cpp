#include "document/document.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace computefit::readers {

// The file index and the kind sit after the marks: a node costs what it did without them.
static_assert(sizeof(Node) <= 88);

const Node& NodeRef::node() const {
  return document_->at(index_);
}

const std::string& NodeRef::file() const {
  return document_->files()[node().file];
}

NodeKind NodeRef::key_kind() const {
  const std::uint8_t f = node().flags;
  if (f & node_flags::kKeyMapping) return NodeKind::mapping;
  if (f & node_flags::kKeySequence) return NodeKind::sequence;
  if (f & node_flags::kKeyNull) return NodeKind::null;
  return NodeKind::string;
}

bool NodeRef::is_scalar() const {
  const NodeKind k = kind();
  return k == NodeKind::boolean || k == NodeKind::number || k == NodeKind::string;
}

std::optional<NodeRef> NodeRef::find(std::string_view key) const {
  if (!is_mapping()) return std::nullopt;
  std::optional<NodeRef> found;
  for (NodeRef entry : *this) {
    if (entry.key() == key) found = entry;
  }
  return found;
}

std::optional<double> NodeRef::number() const {
  if (kind() != NodeKind::number && kind() != NodeKind::string) return std::nullopt;
  std::string_view t = text();
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || error != std::errc{} || end != t.data() + t.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

NodeRef::Iterator& NodeRef::Iterator::operator++() {
  index_ = document_->at(index_).next_sibling;
  return *this;
}

std::string_view Document::keep(std::string text) {
  return kept_.emplace_back(std::move(text));
}

char* Document::make_buffer(std::size_t size) {
  buffer_ = std::make_unique<char[]>(size + 1);
  return buffer_.get();
}

std::uint16_t Document::add_file(std::string file) {
  const auto found = std::find(files_.begin(), files_.end(), file);
  if (found != files_.end()) return static_cast<std::uint16_t>(found - files_.begin());
  if (files_.size() > std::numeric_limits<std::uint16_t>::max()) {
    throw std::length_error("a document merged from more than 65,536 files");
  }
  files_.push_back(std::move(file));
  return static_cast<std::uint16_t>(files_.size() - 1);
}

InputKind input_kind(const Document& document) {
  const NodeRef root = document.root();
  if (!root.is_mapping()) return InputKind::unknown;
  const auto has = [&](std::string_view key) { return root.find(key).has_value(); };
  if (has("format_version") && (has("planned_values") || has("resource_changes"))) {
    return InputKind::terraform_plan;
  }
  if (has("artifacts") && has("version") && !has("services")) return InputKind::cdk_manifest;
  if (has("Resources") || has("AWSTemplateFormatVersion") || has("Transform")) {
    return InputKind::cloudformation;
  }
  if (has("services") && has("version")) return InputKind::workload_spec;
  return InputKind::unknown;
}

}  // namespace computefit::readers
