#include "readers/value.hpp"

#include <charconv>
#include <cmath>

namespace computefit::readers {

const Value* Value::find(std::string_view name) const {
  for (const Value& entry : entries) {
    if (entry.key == name) return &entry;
  }
  return nullptr;
}

Value* Value::find(std::string_view name) {
  for (Value& entry : entries) {
    if (entry.key == name) return &entry;
  }
  return nullptr;
}

Value& Value::add(std::string name, Value value) {
  value.key = std::move(name);
  return entries.emplace_back(std::move(value));
}

std::optional<double> Value::number() const {
  if ((kind != Kind::number && kind != Kind::string) || partial) return std::nullopt;
  double v = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
      !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

Value literal_value(NodeRef node) {
  Value v;
  v.mark = node.mark();
  v.text = std::string(node.text());
  switch (node.kind()) {
    case NodeKind::null:
      v.kind = Value::Kind::null;
      break;
    case NodeKind::boolean:
      v.kind = Value::Kind::boolean;
      break;
    case NodeKind::number:
      v.kind = Value::Kind::number;
      break;
    case NodeKind::string:
      v.kind = Value::Kind::string;
      break;
    case NodeKind::sequence:
      v.kind = Value::Kind::list;
      v.items.reserve(node.size());
      for (NodeRef item : node) v.items.push_back(literal_value(item));
      break;
    case NodeKind::mapping:
      v.kind = Value::Kind::map;
      v.entries.reserve(node.size());
      for (NodeRef entry : node) {
        v.add(std::string(entry.key()), literal_value(entry)).key_mark = entry.key_mark();
      }
      break;
  }
  return v;
}

}  // namespace computefit::readers
