#include "document/json_document.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <cstring>
#include <limits>

#include "document/limits.hpp"
#include "document/text_check.hpp"

namespace computefit::readers {
namespace {

// Turns byte offsets into 1-based line and column (in characters, as editors count them), moving
// forward only: every event asks for a later offset than the one before, so the whole file is
// scanned once. It reads a pristine copy, since parsing in place rewrites the escapes of strings.
class Locator {
 public:
  explicit Locator(std::string_view text) : text_(text) {}

  SourceMark at(std::size_t offset) {
    offset = std::min(offset, text_.size());
    for (; position_ < offset; ++position_) {
      const auto c = static_cast<unsigned char>(text_[position_]);
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else if ((c & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
        ++column_;
      }
    }
    return {line_, column_};
  }

  /// The next token after `cursor` (whitespace and the separators `,` and `:` skipped): where it
  /// starts, with `cursor` moved past its end. The events RapidJSON reports come from tokens it
  /// has accepted in order, so this lexer, which only needs to find each token's end, follows it
  /// exactly whatever position RapidJSON's own stream is at when it reports one.
  std::size_t next_token(std::size_t& cursor) const {
    std::size_t i = cursor;
    while (i < text_.size()) {
      const char c = text_[i];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != ':') break;
      ++i;
    }
    const std::size_t start = i;
    if (i < text_.size()) {
      const char c = text_[i];
      if (c == '"') {
        for (++i; i < text_.size() && text_[i] != '"'; ++i) {
          if (text_[i] == '\\') ++i;
        }
        ++i;
      } else if (c == '{' || c == '}' || c == '[' || c == ']') {
        ++i;
      } else {  // a number, true, false or null
        while (i < text_.size() &&
               std::string_view(" \t\n\r,:]}").find(text_[i]) == std::string_view::npos) {
          ++i;
        }
      }
    }
    cursor = std::min(i, text_.size());
    return start;
  }

 private:
  std::string_view text_;
  std::size_t position_ = 0;
  int line_ = 1;
  int column_ = 1;
};

// Builds the flat node array from RapidJSON's events. Returning false stops the parse (a limit).
class TreeBuilder {
 public:
  TreeBuilder(Document& document, Locator& locator) : nodes_(document.nodes()), locator_(locator) {}

  bool Null() { return scalar(NodeKind::null, {}); }
  bool Bool(bool b) { return scalar(NodeKind::boolean, b ? "true" : "false"); }
  // Numbers arrive as their text (kParseNumbersAsStringsFlag).
  bool Int(int) { return true; }
  bool Uint(unsigned) { return true; }
  bool Int64(std::int64_t) { return true; }
  bool Uint64(std::uint64_t) { return true; }
  bool Double(double) { return true; }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    return scalar(NodeKind::number, {text, length});
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    return scalar(NodeKind::string, {text, length});
  }
  bool StartObject() { return open(NodeKind::mapping); }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    key_ = {text, length};
    key_mark_ = mark_here();
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(NodeKind::sequence); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  /// Why the builder stopped the parse, if it did.
  const std::string& stopped() const { return stopped_; }
  SourceMark stopped_at() const { return stopped_at_; }

 private:
  struct Open {
    std::uint32_t index;
    std::uint32_t last_child;
  };

  // Where the token just reported began.
  SourceMark mark_here() { return locator_.at(locator_.next_token(cursor_)); }

  bool add(Node node) {
    if (nodes_.size() >= limits::kMaxDocumentNodes) {
      return stop(node.mark, "holds more than " + std::to_string(limits::kMaxDocumentNodes) +
                                 " values; split it or read a smaller plan");
    }
    const auto index = static_cast<std::uint32_t>(nodes_.size());
    if (!stack_.empty()) {
      Open& parent = stack_.back();
      node.key = key_;
      node.key_mark = key_mark_;
      node.flags |= node_flags::kKeyQuoted;  // a JSON key is always a string
      if (parent.last_child == 0) {
        nodes_[parent.index].first_child = index;
      } else {
        nodes_[parent.last_child].next_sibling = index;
      }
      parent.last_child = index;
      ++nodes_[parent.index].size;
    }
    key_ = {};
    key_mark_ = {};
    nodes_.push_back(node);
    return true;
  }

  bool scalar(NodeKind kind, std::string_view text) {
    Node node;
    node.kind = kind;
    node.mark = mark_here();
    node.text = text;
    if (kind == NodeKind::string) node.flags = node_flags::kQuoted;
    return add(node);
  }

  bool open(NodeKind kind) {
    Node node;
    node.kind = kind;
    node.mark = mark_here();
    if (stack_.size() >= static_cast<std::size_t>(limits::kMaxDocumentDepth)) {
      return stop(node.mark, "nests deeper than " + std::to_string(limits::kMaxDocumentDepth) +
                                 " levels; templates and plans nest a few dozen");
    }
    const auto index = static_cast<std::uint32_t>(nodes_.size());
    if (!add(node)) return false;
    stack_.push_back({index, 0});
    return true;
  }

  bool close() {
    locator_.next_token(cursor_);  // the `}` or `]`
    stack_.pop_back();
    return true;
  }

  bool stop(SourceMark mark, std::string why) {
    stopped_ = std::move(why);
    stopped_at_ = mark;
    return false;
  }

  std::vector<Node>& nodes_;
  Locator& locator_;
  std::size_t cursor_ = 0;  // the end of the last token located
  std::vector<Open> stack_;
  std::string_view key_;
  SourceMark key_mark_;
  std::string stopped_;
  SourceMark stopped_at_;
};

}  // namespace

DocumentResult read_json_document(std::string file, std::string_view text) {
  DocumentResult result;
  const auto fail = [&](SourceMark mark, std::string code, std::string message) {
    result.diagnostics.push_back({file, mark, std::move(code), std::move(message)});
    return std::move(result);
  };
  if (text.size() > limits::kMaxDocumentBytes) {
    return fail({}, "too-large",
                "the file is " + std::to_string(text.size() >> 20) + " MiB; computefit reads " +
                    "templates and plans up to " + std::to_string(limits::kMaxDocumentBytes >> 20) +
                    " MiB");
  }
  // Valid UTF-8 with no control characters first (a located message): RapidJSON 1.1.0's own
  // validation reads a truncated sequence's continuation bytes past the end of its buffer.
  if (const auto bad = check_text(text)) return fail(bad->mark, "bad-encoding", bad->message);
  Document document(file);
  const std::size_t skipped = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  const std::size_t size = text.size() - skipped;
  // The terminating NUL and three more: no lookahead of the reader leaves the buffer.
  constexpr std::size_t kPadding = 4;
  char* bytes = document.make_buffer(size + kPadding - 1);
  std::memcpy(bytes, text.data() + skipped, size);
  std::memset(bytes + size, 0, kPadding);

  const std::string_view json = text.substr(skipped);
  Locator locator(json);
  rapidjson::InsituStringStream stream(bytes);
  TreeBuilder builder(document, locator);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseIterativeFlag |
                              rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  const rapidjson::ParseResult parsed = reader.Parse<kFlags>(stream, builder);
  if (!builder.stopped().empty()) return fail(builder.stopped_at(), "limit", builder.stopped());
  if (parsed.IsError()) {
    Locator error_locator(json);
    return fail(error_locator.at(parsed.Offset()), "json-syntax",
                std::string("not valid JSON: ") + rapidjson::GetParseError_En(parsed.Code()));
  }
  result.document.emplace(std::move(document));
  return result;
}

}  // namespace computefit::readers
