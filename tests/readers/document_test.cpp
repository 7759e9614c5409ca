// Located document trees: every value knows where it was written, in JSON as in YAML, and no
// input crashes or hangs the reader.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "document/document.hpp"
#include "document/json_document.hpp"
#include "document/limits.hpp"
#include "document/yaml_document.hpp"

namespace computefit::readers {
namespace {

Document json(std::string_view text) {
  DocumentResult r = read_json_document("t.json", text);
  EXPECT_TRUE(r.diagnostics.empty()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
  return std::move(*r.document);
}

Document yaml(std::string_view text) {
  DocumentResult r = read_yaml_document("t.yaml", text);
  EXPECT_TRUE(r.diagnostics.empty()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
  return std::move(*r.document);
}

Diagnostic json_error(std::string_view text) {
  DocumentResult r = read_json_document("t.json", text);
  EXPECT_FALSE(r.document);
  EXPECT_EQ(r.diagnostics.size(), 1u);
  return r.diagnostics.empty() ? Diagnostic{} : r.diagnostics[0];
}

Diagnostic yaml_error(std::string_view text) {
  DocumentResult r = read_yaml_document("t.yaml", text);
  EXPECT_FALSE(r.document);
  EXPECT_EQ(r.diagnostics.size(), 1u);
  return r.diagnostics.empty() ? Diagnostic{} : r.diagnostics[0];
}

TEST(JsonDocument, EveryValueKnowsItsLineAndColumn) {
  const Document d = json(
      "{\n"
      "  \"Resources\": {\n"
      "    \"Fn\": { \"Type\": \"AWS::Lambda::Function\",\n"
      "            \"Properties\": { \"MemorySize\": 1024, \"Layers\": [\"a\", \"b\"] } }\n"
      "  }\n"
      "}\n");
  const NodeRef fn = *d.root().find("Resources")->find("Fn");
  EXPECT_EQ(fn.key_mark().line, 3);
  EXPECT_EQ(fn.key_mark().column, 5);
  EXPECT_EQ(fn.mark().column, 11);  // the `{`
  const NodeRef type = *fn.find("Type");
  EXPECT_EQ(type.text(), "AWS::Lambda::Function");
  EXPECT_EQ(type.mark().line, 3);
  EXPECT_EQ(type.mark().column, 21);
  const NodeRef memory = *fn.find("Properties")->find("MemorySize");
  EXPECT_EQ(memory.kind(), NodeKind::number);
  EXPECT_EQ(memory.number(), 1024);
  EXPECT_EQ(memory.mark().line, 4);
  EXPECT_EQ(memory.mark().column, 43);
  const NodeRef layers = *fn.find("Properties")->find("Layers");
  ASSERT_EQ(layers.size(), 2u);
  std::vector<std::string> items;
  for (NodeRef item : layers) items.emplace_back(item.text());
  EXPECT_EQ(items, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*++layers.begin()).mark().column, 65);
}

TEST(JsonDocument, ColumnsCountCharactersAndEscapesDoNotMoveLines) {
  // "é" is two bytes; the escaped newline inside the first string is not a line break.
  const Document d = json("{\"a\": \"x\\ny\", \"é\": \"\\u00e9\",\n \"b\": true}");
  EXPECT_EQ(d.root().find("a")->text(), "x\ny");
  EXPECT_EQ(d.root().find("é")->text(), "é");
  EXPECT_EQ(d.root().find("é")->mark().column, 20);
  const NodeRef b = *d.root().find("b");
  EXPECT_EQ(b.kind(), NodeKind::boolean);
  EXPECT_EQ(b.mark().line, 2);
  EXPECT_EQ(b.mark().column, 7);
}

TEST(JsonDocument, NumbersKeepTheirText) {
  const Document d = json("[0.10, -3, 18446744073709551617]");
  std::vector<std::string> texts;
  for (NodeRef item : d.root()) texts.emplace_back(item.text());
  EXPECT_EQ(texts, (std::vector<std::string>{"0.10", "-3", "18446744073709551617"}));
  EXPECT_EQ((*d.root().begin()).number(), 0.1);
  // Beyond double's range: RapidJSON refuses it, with its place.
  const Diagnostic d2 = json_error("[1,\n 1e400]");
  EXPECT_EQ(d2.mark.line, 2);
  EXPECT_EQ(d2.message, "not valid JSON: Number too big to be stored in double.");
}

TEST(JsonDocument, SurvivesAMove) {
  DocumentResult r = read_json_document("t.json", "{\"k\": \"short\"}");
  Document moved = std::move(*r.document);
  r.document.reset();
  EXPECT_EQ(moved.root().find("k")->text(), "short");
}

TEST(JsonDocument, SyntaxErrorsAreLocated) {
  const Diagnostic d = json_error("{\n  \"a\": 1,\n  \"b\": ]\n}");
  EXPECT_EQ(d.code, "json-syntax");
  EXPECT_EQ(d.mark.line, 3);
  EXPECT_EQ(d.mark.column, 8);
  EXPECT_EQ(format_diagnostic(d), "t.json:3:8: error: not valid JSON: Invalid value.");
  EXPECT_EQ(json_error("").code, "json-syntax");
  EXPECT_EQ(json_error("{\"a\": NaN}").code, "json-syntax");
  EXPECT_EQ(json_error("{\"a\": \"\xff\"}").code, "bad-encoding");
  // Found by fuzz_template: a string ending in the lead byte of a three-byte sequence made
  // RapidJSON read past its buffer.
  EXPECT_EQ(format_diagnostic(json_error("{\"aws:cd;:path}\xeb")),
            "t.json:1:16: error: invalid UTF-8 (byte 0xEB): save the file as UTF-8 text");
  EXPECT_EQ(json_error("[1] [2]").code, "json-syntax");
}

TEST(JsonDocument, NestingTenThousandDeepIsALocatedErrorNotACrash) {
  const std::string deep = std::string(10'000, '[') + std::string(10'000, ']');
  const Diagnostic d = json_error(deep);
  EXPECT_EQ(d.code, "limit");
  EXPECT_EQ(d.mark.line, 1);
  EXPECT_EQ(d.mark.column, limits::kMaxDocumentDepth + 1);
  // Just inside the bound reads.
  const int ok = limits::kMaxDocumentDepth;
  json(std::string(ok, '[') + std::string(ok, ']'));
}

TEST(JsonDocument, AByteOrderMarkIsSkipped) {
  const Document d = json("\xEF\xBB\xBF{\"a\": 1}");
  EXPECT_EQ(d.root().find("a")->mark().column, 7);
}

TEST(YamlDocument, KeepsMarksTagsAndKinds) {
  const Document d = yaml(
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      MemorySize: 512\n"
      "      Role: !GetAtt FnRole.Arn\n"
      "      Environment:\n"
      "        Variables:\n"
      "          TABLE: !Ref Table\n"
      "          PORT: '5432'\n"
      "          DEBUG: false\n"
      "          EMPTY:\n");
  const NodeRef props = *d.root().find("Resources")->find("Fn")->find("Properties");
  const NodeRef memory = *props.find("MemorySize");
  EXPECT_EQ(memory.kind(), NodeKind::number);
  EXPECT_EQ(memory.mark().line, 5);
  EXPECT_EQ(memory.mark().column, 19);
  EXPECT_EQ(memory.key_mark().column, 7);
  const NodeRef role = *props.find("Role");
  EXPECT_EQ(role.tag(), "!GetAtt");
  EXPECT_EQ(role.text(), "FnRole.Arn");
  const NodeRef vars = *props.find("Environment")->find("Variables");
  EXPECT_EQ(vars.find("TABLE")->tag(), "!Ref");
  EXPECT_EQ(vars.find("PORT")->kind(), NodeKind::string);
  EXPECT_EQ(vars.find("DEBUG")->kind(), NodeKind::boolean);
  const NodeRef empty = *vars.find("EMPTY");
  EXPECT_TRUE(empty.is_null());
  EXPECT_EQ(empty.mark().line, 12);
}

TEST(YamlDocument, TaggedSequencesAndMappingsKeepTheirTags) {
  const Document d = yaml("A: !Join ['', [a, !Ref B]]\nC: !If [Cond, {x: 1}, !Ref AWS::NoValue]\n");
  const NodeRef join = *d.root().find("A");
  EXPECT_EQ(join.tag(), "!Join");
  EXPECT_TRUE(join.is_sequence());
  EXPECT_EQ(join.size(), 2u);
  EXPECT_EQ(d.root().find("C")->tag(), "!If");
}

TEST(YamlDocument, CoreSchemaKinds) {
  const Document d = yaml("[1, -2.5, .5, 1e3, 0x1F, .inf, 'x', '1', yes, ~, 1.2.3, 12:30]");
  std::vector<NodeKind> kinds;
  for (NodeRef item : d.root()) kinds.push_back(item.kind());
  using K = NodeKind;
  EXPECT_EQ(kinds,
            (std::vector<K>{K::number, K::number, K::number, K::number, K::number, K::number,
                            K::string, K::string, K::string, K::null, K::string, K::string}));
}

TEST(YamlDocument, HostileInputIsALocatedError) {
  EXPECT_EQ(yaml_error("a: [1, 2\n").code, "yaml-syntax");
  EXPECT_EQ(yaml_error("a: 1\n---\nb: 2\n").code, "yaml-syntax");
  // yaml-cpp 0.7's LoadAll loops forever on this (jbeder/yaml-cpp#1040).
  EXPECT_EQ(format_diagnostic(yaml_error(",Resources: {}\n")),
            "t.yaml:1:1: error: invalid YAML: unexpected ','");
  EXPECT_EQ(yaml_error("a: \"\x01\"\n").code, "bad-encoding");
  // An alias bomb: nine levels of ten aliases each expand to 10^9 values.
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string name = fmt::format("a{}", i);
    bomb.append(name).append(": &").append(name).append(" [");
    for (int j = 0; j < 10; ++j)
      bomb.append(j ? ", " : "").append("*a").append(std::to_string(i - 1));
    bomb.append("]\n");
  }
  EXPECT_EQ(yaml_error(bomb).code, "too-large");
  EXPECT_EQ(yaml_error(std::string(10'000, '[') + std::string(10'000, ']')).code, "too-large");
}

// A tree merged from two files keeps each value's: the document's own file is index 0, another
// is added once, and a node names the file its index points to.
TEST(Document, EveryNodeKnowsItsFile) {
  Document d = yaml("a: 1\nb: 2\n");
  EXPECT_EQ(d.files(), std::vector<std::string>{d.file()});
  EXPECT_EQ(d.root().file_index(), 0);
  EXPECT_EQ(d.root().find("a")->file(), d.file());
  const std::uint16_t overlay = d.add_file("overlay.yaml");
  EXPECT_EQ(overlay, 1);
  EXPECT_EQ(d.add_file("overlay.yaml"), overlay);
  EXPECT_EQ(d.add_file(d.file()), 0);
  d.nodes()[d.root().find("b")->index()].file = overlay;
  EXPECT_EQ(d.root().find("b")->file(), "overlay.yaml");
  EXPECT_EQ(d.root().find("a")->file(), d.file());
}

// How a scalar and a key were written survives: a quoted "5" is a string a reader must not take
// for a number, a plain 5 is one; a key that is a list is no name; merge keys stay entries.
TEST(Document, YamlKeepsHowScalarsAndKeysWereWritten) {
  const Document d =
      yaml("a: \"5\"\nb: 5\nc: !!str 5\n\"<<\": 1\n? [x, y]\n: 2\nd: &d {e: 1}\nf: {<<: *d}\n");
  const NodeRef root = d.root();
  EXPECT_TRUE(root.find("a")->quoted());
  EXPECT_FALSE(root.find("b")->quoted());
  EXPECT_FALSE(root.find("c")->quoted());  // an explicit tag, as yaml-cpp reports it
  EXPECT_TRUE(root.find("<<")->key_quoted());
  EXPECT_EQ(root.find("a")->key_kind(), NodeKind::string);
  bool list_key = false;
  for (const NodeRef entry : root) list_key = list_key || entry.key_kind() == NodeKind::sequence;
  EXPECT_TRUE(list_key);
  const NodeRef merge = *root.find("f")->find("<<");
  EXPECT_FALSE(merge.key_quoted());
  EXPECT_EQ(merge.find("e")->text(), "1");
  EXPECT_TRUE(json("{\"a\": \"5\", \"b\": 5}").root().find("a")->quoted());
  EXPECT_FALSE(json("{\"a\": \"5\", \"b\": 5}").root().find("b")->quoted());
}

TEST(InputKind, RecognisedFromContent) {
  EXPECT_EQ(input_kind(yaml("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n")),
            InputKind::cloudformation);
  EXPECT_EQ(input_kind(yaml("Transform: AWS::Serverless-2016-10-31\nResources: {}\n")),
            InputKind::cloudformation);
  EXPECT_EQ(input_kind(json("{\"format_version\": \"1.2\", \"planned_values\": {}}")),
            InputKind::terraform_plan);
  EXPECT_EQ(input_kind(json("{\"version\": \"36.0.0\", \"artifacts\": {}}")),
            InputKind::cdk_manifest);
  EXPECT_EQ(input_kind(yaml("version: 1\nservices: []\n")), InputKind::workload_spec);
  EXPECT_EQ(input_kind(yaml("hello: world\n")), InputKind::unknown);
  EXPECT_EQ(input_kind(json("[1]")), InputKind::unknown);
}

}  // namespace
}  // namespace computefit::readers
