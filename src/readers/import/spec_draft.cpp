#include "readers/import/spec_draft.hpp"

#include "document/document.hpp"

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

DraftNode draft_of(NodeRef node, const std::string& file) {
  DraftNode draft;
  draft.origin = Origin{file, node.mark(), ""};
  switch (node.kind()) {
    case NodeKind::mapping:
      for (NodeRef entry : node) {
        DraftNode child = draft_of(entry, file);
        child.key = std::string(entry.key());
        child.origin.mark = entry.key_mark().known() ? entry.key_mark() : entry.mark();
        draft.entries.push_back(std::move(child));
      }
      break;
    case NodeKind::sequence:
      draft.is_list = true;
      for (NodeRef item : node) draft.items.push_back(draft_of(item, file));
      break;
    case NodeKind::string:
      draft.scalar = yaml_string(node.text());
      break;
    case NodeKind::null:
      draft.scalar = "null";
      break;
    default:  // numbers and booleans as written
      draft.scalar = std::string(node.text());
  }
  return draft;
}

namespace {

// A service's name in a draft, empty when it has none.
std::string service_name_of(const DraftNode& service) {
  const DraftNode* name = service.find("name");
  if (!name) return "";
  std::string text = name->scalar;
  if (text.size() >= 2 && text.front() == '"') text = text.substr(1, text.size() - 2);
  return text;
}

}  // namespace

std::string unquoted(std::string text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
      text.back() == text.front()) {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

namespace {

void merge_node(DraftNode& base, const DraftNode& over) {
  // An overlay repeating what the template says (a service's name or kind) leaves it located in
  // the template, where it is defined; a value it changes is the overlay's.
  const bool scalars =
      over.entries.empty() && !over.is_list && base.entries.empty() && !base.is_list;
  if (scalars && !base.scalar.empty() && unquoted(base.scalar) == unquoted(over.scalar)) return;
  if (over.entries.empty() || (base.entries.empty() && !base.scalar.empty()) || base.is_list) {
    // A scalar or a list replaces; a mapping over a scalar replaces it too.
    const std::string key = base.key;
    base = over;
    base.key = key;
    return;
  }
  for (const DraftNode& entry : over.entries) {
    DraftNode* mine = nullptr;
    for (DraftNode& e : base.entries) {
      if (e.key == entry.key) mine = &e;
    }
    if (mine) {
      merge_node(*mine, entry);
    } else {
      base.entries.push_back(entry);
    }
  }
}

// The TODO lines a given key answers ("traffic: ..." is answered by a `traffic` key).
void drop_answered_todos(DraftNode& node) {
  std::erase_if(node.todos, [&](const std::string& todo) {
    const std::size_t colon = todo.find(':');
    return colon != std::string::npos && node.find(todo.substr(0, colon)) != nullptr;
  });
  for (DraftNode& e : node.entries) drop_answered_todos(e);
  for (DraftNode& item : node.items) drop_answered_todos(item);
}

}  // namespace

void merge_overlay(DraftNode& base, const DraftNode& overlay) {
  for (const DraftNode& entry : overlay.entries) {
    if (entry.key == "services" && entry.is_list) {
      for (const DraftNode& service : entry.items) {
        const std::string name = service_name_of(service);
        DraftNode* mine = nullptr;
        DraftNode& list = base.at("services");
        list.is_list = true;
        for (DraftNode& s : list.items) {
          if (!name.empty() && service_name_of(s) == name) mine = &s;
        }
        if (mine) {
          merge_node(*mine, service);
        } else {
          base.append("services") = service;
        }
      }
      continue;
    }
    DraftNode& mine = base.at(entry.key);
    if (mine.entries.empty() && mine.scalar.empty() && !mine.is_list) {
      mine = entry;
    } else {
      merge_node(mine, entry);
    }
  }
  // The overlay's services answer the spec-level TODO about services.
  if (base.find("services")) {
    std::erase_if(base.todos, [](const std::string& t) { return t.starts_with("services:"); });
  }
  drop_answered_todos(base);
}

namespace {

std::string comment_of(const Origin& origin) {
  if (origin.file.empty()) return origin.note.empty() ? "" : "  # " + origin.note;
  std::string text = "  # " + origin.file;
  if (origin.mark.known()) text += fmt::format(":{}:{}", origin.mark.line, origin.mark.column);
  if (!origin.note.empty()) text += " " + origin.note;
  return text;
}

// The YAML text and, line by line, the origin of what each line holds (empty for comments).
struct Writer {
  std::string out;
  std::vector<Origin>* origins = nullptr;
  void line(const std::string& text, const Origin& origin) {
    out += text + comment_of(origin) + "\n";
    if (origins) origins->push_back(origin);
  }
  void comment(const std::string& text) {
    out += text + "\n";
    if (origins) origins->emplace_back();
  }
};

void write_mapping(const DraftNode& node, int indent, bool first_in_item, Writer& w);

void write_entry(const DraftNode& e, int indent, bool dash, Writer& w) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  const std::string lead = dash ? pad.substr(0, pad.size() - 2) + "- " : pad;
  if (e.is_list && e.items.empty()) {
    w.line(lead + e.key + ": []", e.origin);
  } else if (e.is_list) {
    w.line(lead + e.key + ":", e.origin);
    for (const DraftNode& item : e.items) {
      if (item.entries.empty() && item.todos.empty()) {  // a scalar item
        w.line(pad + "  - " + item.scalar, item.origin);
      } else {
        write_mapping(item, indent + 4, true, w);
      }
    }
  } else if (!e.entries.empty() || !e.todos.empty()) {
    w.line(lead + e.key + ":", e.origin);
    write_mapping(e, indent + 2, false, w);
  } else {
    w.line(lead + e.key + ": " + e.scalar, e.origin);
  }
}

// A mapping's entries at `indent`; a list item's first entry takes the "- ".
void write_mapping(const DraftNode& node, int indent, bool first_in_item, Writer& w) {
  bool dash = first_in_item;
  for (const DraftNode& e : node.entries) {
    write_entry(e, indent, dash, w);
    dash = false;
  }
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  for (const std::string& todo : node.todos) w.comment(pad + "# TODO " + todo);
}

}  // namespace

std::string write_yaml(const DraftNode& root, const std::vector<std::string>& header,
                       std::vector<Origin>* line_origins) {
  Writer w;
  w.origins = line_origins;
  for (const std::string& line : header) w.comment(line.empty() ? "#" : "# " + line);
  write_mapping(root, 0, false, w);
  return std::move(w.out);
}

void apply_source_map(Document& document, const std::vector<Origin>& line_origins) {
  for (Node& node : document.nodes()) {
    // A node takes the origin of the line it was written on; a node on a line of no origin (a
    // constant such as `version: 1`) keeps the document's own file, without a position.
    const auto origin_at = [&](SourceMark mark) -> const Origin* {
      if (!mark.known() || static_cast<std::size_t>(mark.line) > line_origins.size()) {
        return nullptr;
      }
      const Origin& origin = line_origins[static_cast<std::size_t>(mark.line) - 1];
      return origin.file.empty() ? nullptr : &origin;
    };
    const Origin* value = origin_at(node.mark);
    const Origin* key = origin_at(node.key_mark);
    const Origin* own = key ? key : value;
    node.file = own ? document.add_file(own->file) : 0;
    // Both marks point into the node's one file: the key's origin when it has a key.
    node.mark = own ? own->mark : SourceMark{};
    node.key_mark = own ? own->mark : SourceMark{};
    node.mark.file = 0;
    node.key_mark.file = 0;
  }
}

}  // namespace computefit::readers
