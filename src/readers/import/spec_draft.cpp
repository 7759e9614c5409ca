#include "readers/import/spec_draft.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace computefit::readers {

DraftNode& DraftNode::at(std::string_view dotted_key) {
  const std::size_t dot = dotted_key.find('.');
  const std::string_view head = dotted_key.substr(0, dot);
  auto it = std::find_if(entries.begin(), entries.end(),
                         [&](const DraftNode& e) { return e.key == head; });
  if (it == entries.end()) {
    entries.push_back(DraftNode{});
    entries.back().key = std::string(head);
    it = entries.end() - 1;
  }
  return dot == std::string_view::npos ? *it : it->at(dotted_key.substr(dot + 1));
}

void DraftNode::set(std::string_view dotted_key, std::string yaml_scalar, Origin where) {
  DraftNode& node = at(dotted_key);
  node.scalar = std::move(yaml_scalar);
  node.origin = std::move(where);
}

DraftNode& DraftNode::append(std::string_view key) {
  DraftNode& list = at(key);
  list.is_list = true;
  list.items.emplace_back();
  return list.items.back();
}

const DraftNode* DraftNode::find(std::string_view key) const {
  for (const DraftNode& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

std::string yaml_string(std::string_view text) {
  // Plain only when YAML 1.2 reads it back as this very string: no indicator, no number, no
  // boolean or null, no leading or trailing space.
  static constexpr std::array<std::string_view, 10> kWords = {
      "true", "false", "null", "yes", "no", "on", "off", "~", "True", "False"};
  bool plain = !text.empty() && std::find(kWords.begin(), kWords.end(), text) == kWords.end();
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '/')) plain = false;
  }
  if (plain && (std::isdigit(static_cast<unsigned char>(text.front())) || text.front() == '-' ||
                text.front() == '.')) {
    char* end = nullptr;
    const std::string copy(text);
    (void)std::strtod(copy.c_str(), &end);
    if (end != copy.c_str()) plain = false;  // starts like a number: quote it
  }
  if (plain) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string yaml_number(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{:.0f}", value);
  }
  return fmt::format("{}", value);
}

namespace {

std::string comment_of(const Origin& origin) {
  if (origin.file.empty()) return origin.note.empty() ? "" : "  # " + origin.note;
  std::string text = "  # " + origin.file;
  if (origin.mark.known()) text += fmt::format(":{}:{}", origin.mark.line, origin.mark.column);
  if (!origin.note.empty()) text += " " + origin.note;
  return text;
}

void write_mapping(const DraftNode& node, int indent, bool first_in_item, std::string& out);

void write_entry(const DraftNode& e, int indent, bool dash, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  const std::string lead = dash ? pad.substr(0, pad.size() - 2) + "- " : pad;
  if (e.is_list && e.items.empty()) {
    out += lead + e.key + ": []" + comment_of(e.origin) + "\n";
  } else if (e.is_list) {
    out += lead + e.key + ":" + comment_of(e.origin) + "\n";
    for (const DraftNode& item : e.items) {
      if (item.entries.empty() && item.todos.empty()) {  // a scalar item
        out += pad + "  - " + item.scalar + comment_of(item.origin) + "\n";
      } else {
        write_mapping(item, indent + 4, true, out);
      }
    }
  } else if (!e.entries.empty() || !e.todos.empty()) {
    out += lead + e.key + ":" + comment_of(e.origin) + "\n";
    write_mapping(e, indent + 2, false, out);
  } else {
    out += lead + e.key + ": " + e.scalar + comment_of(e.origin) + "\n";
  }
}

// A mapping's entries at `indent`; a list item's first entry takes the "- ".
void write_mapping(const DraftNode& node, int indent, bool first_in_item, std::string& out) {
  bool dash = first_in_item;
  for (const DraftNode& e : node.entries) {
    write_entry(e, indent, dash, out);
    dash = false;
  }
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  for (const std::string& todo : node.todos) out += pad + "# TODO " + todo + "\n";
}

}  // namespace

std::string write_yaml(const DraftNode& root, const std::vector<std::string>& header) {
  std::string out;
  for (const std::string& line : header) out += line.empty() ? "#\n" : "# " + line + "\n";
  write_mapping(root, 0, false, out);
  return out;
}

}  // namespace computefit::readers
