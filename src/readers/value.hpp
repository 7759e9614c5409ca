#pragma once
// A value read from a template or plan, resolved as far as the files allow: what is known, what
// only a deployment knows (with the reason), and which resources it refers to.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "document/diagnostic.hpp"
#include "document/document.hpp"

namespace computefit::readers {

/// A resolved value.
struct Value {
  enum class Kind { unknown, absent, null, boolean, number, string, list, map };
  Kind kind = Kind::null;
  /// A scalar's text; for a string built by Fn::Sub or Fn::Join with unknown parts, the known
  /// parts with each unknown one written `${...}` as in Fn::Sub (then `partial` is set).
  std::string text;
  bool partial = false;
  std::vector<Value> items;  ///< a list's
  /// A map's entries, in order, each with its `key` (a vector of the type itself, not of pairs:
  /// std::pair needs a complete type, std::vector does not).
  std::vector<Value> entries;
  std::string key;      ///< an entry's key within its map
  SourceMark key_mark;  ///< where that key was written (unknown when it has none)
  /// Why it is unknown (kind unknown, or partial).
  std::string unknown_reason;
  /// Resources this value refers to (`Ref`, `Fn::GetAtt`, `${Name}` in Fn::Sub), with the
  /// attribute for GetAtt ("Endpoint.Address") or empty for Ref.
  std::set<std::pair<std::string, std::string>> references;
  SourceMark mark;

  bool known() const { return kind != Kind::unknown && !partial; }
  /// A map's entry, if present.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  /// Appends an entry to a map and returns it.
  Value& add(std::string key, Value value);
  /// A number's value (also a string that holds one, as templates often write "512").
  std::optional<double> number() const;
};

/// A document's node as a value, as written (no intrinsic functions evaluated).
Value literal_value(NodeRef node);

}  // namespace computefit::readers
