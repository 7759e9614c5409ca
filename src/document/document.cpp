#include "document/document.hpp"

#include <charconv>
#include <cmath>

namespace computefit::readers {

const Node& NodeRef::node() const {
  return document_->at(index_);
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
