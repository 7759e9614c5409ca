// CDK cloud assemblies: the manifest names each stack's template, nested assemblies (Stages) are
// followed, and a folder that is not an assembly is a located error.
#include <gtest/gtest.h>

#include <algorithm>

#include "readers/cdk/assembly.hpp"

namespace computefit::readers {
namespace {

// What `cdk synth` writes for an app with one stack and one Stage holding another.
MemoryFileSystem assembly() {
  MemoryFileSystem files;
  files.add("cdk.out/manifest.json", R"({
  "version": "36.0.0",
  "artifacts": {
    "OrdersStack.assets": {"type": "cdk:asset-manifest", "properties": {"file": "OrdersStack.assets.json"}},
    "OrdersStack": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
                    "properties": {"templateFile": "OrdersStack.template.json"}},
    "assembly-Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod"}},
    "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}
  }
})");
  files.add("cdk.out/OrdersStack.template.json", R"({
 "Resources": {
  "HandlerServiceRole": {"Type": "AWS::IAM::Role",
   "Metadata": {"aws:cdk:path": "OrdersStack/Handler/ServiceRole/Resource"}},
  "Handler886CB40B": {"Type": "AWS::Lambda::Function",
   "Properties": {"MemorySize": 512, "Role": {"Fn::GetAtt": ["HandlerServiceRole", "Arn"]}},
   "Metadata": {"aws:cdk:path": "OrdersStack/Handler/Resource"}},
  "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:..."}}
 },
 "Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>",
   "Default": "/cdk-bootstrap/hnb659fds/version"}},
 "Rules": {"CheckBootstrapVersion": {"Assertions": [{"Assert": {"Fn::Not": [{"Fn::Contains": [["1", "2"], {"Ref": "BootstrapVersion"}]}]}}]}}
})");
  files.add("cdk.out/assembly-Prod/manifest.json", R"({"version": "36.0.0", "artifacts": {
    "ProdQueueStack": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "ProdQueueStack.template.json"}}}})");
  files.add(
      "cdk.out/assembly-Prod/ProdQueueStack.template.json",
      R"({"Resources": {"Queue4A7E3555": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 30}}}})");
  return files;
}

TEST(CdkAssembly, ReadsEveryStackNestedStagesIncluded) {
  const MemoryFileSystem files = assembly();
  const AssemblyResult r = read_cdk_assembly(files, "cdk.out");
  ASSERT_TRUE(r.value) << format_diagnostic(r.diagnostics[0]);
  ASSERT_EQ(r.value->stacks.size(), 2u);
  const AssemblyStack& orders = r.value->stacks[0];
  EXPECT_EQ(orders.name, "OrdersStack");
  EXPECT_EQ(orders.template_path, "cdk.out/OrdersStack.template.json");
  ASSERT_EQ(orders.resolved.resources.size(), 2u);  // CDKMetadata skipped
  EXPECT_EQ(orders.resolved.resources[1].cdk_path, "OrdersStack/Handler/Resource");
  EXPECT_TRUE(orders.resolved.unknowns.empty());  // the bootstrap parameter has its default
  EXPECT_EQ(r.value->stacks[1].name, "ProdQueueStack");
  EXPECT_EQ(r.value->stacks[1].template_path, "cdk.out/assembly-Prod/ProdQueueStack.template.json");
}

TEST(CdkAssembly, AFolderWithoutAManifestIsAnError) {
  const MemoryFileSystem files;
  const AssemblyResult r = read_cdk_assembly(files, "cdk.out");
  ASSERT_FALSE(r.value);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "cdk.out: error: not a CDK cloud assembly: no manifest.json in it (run `cdk synth` to "
            "write cdk.out/)");
}

TEST(CdkAssembly, AManifestCannotNameFilesOutsideItsFolder) {
  MemoryFileSystem files;
  files.add("cdk.out/manifest.json", R"({"version": "36.0.0", "artifacts": {
  "S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "../../etc/passwd"}}}})");
  const AssemblyResult r = read_cdk_assembly(files, "cdk.out");
  ASSERT_FALSE(r.value);
  EXPECT_EQ(format_diagnostic(r.diagnostics[0]),
            "cdk.out/manifest.json:2:76: error: template '../../etc/passwd' is outside the "
            "assembly's folder");
}

TEST(CdkAssembly, AMissingTemplateIsAnError) {
  MemoryFileSystem files;
  files.add("cdk.out/manifest.json", R"({"version": "36.0.0", "artifacts": {
  "S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.template.json"}}}})");
  const AssemblyResult r = read_cdk_assembly(files, "cdk.out");
  ASSERT_FALSE(r.value);
  EXPECT_EQ(r.diagnostics[0].message,
            "stack 'S' names template 'cdk.out/S.template.json', which cannot be read");
}

// A manifest naming its own folder as nested assemblies, twice: read once, not 2^16 times.
TEST(CdkAssembly, AManifestNestingItsOwnFolderIsReadOnce) {
  MemoryFileSystem files;
  files.add("cdk.out/manifest.json", R"({"version": "36.0.0", "artifacts": {
  "S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.template.json"}},
  "a": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "."}},
  "b": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "./"}}}})");
  files.add("cdk.out/S.template.json", R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}})");
  const AssemblyResult r = read_cdk_assembly(files, "cdk.out");
  ASSERT_TRUE(r.value);
  EXPECT_EQ(r.value->stacks.size(), 1u);
}

// Found by fuzz_cdk: every nested folder holds a manifest naming three more (each path new), so
// depth alone allowed 3^16 manifests. The reader stops at its bound with an error.
class EveryFolderNestsThree final : public FileSystem {
 public:
  std::optional<std::string> read(const std::string& path) const override {
    if (!path.ends_with("manifest.json")) return std::nullopt;
    return R"({"version": "36.0.0", "artifacts": {
  "a": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "a"}},
  "b": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "b"}},
  "c": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "c"}}}})";
  }
};

TEST(CdkAssembly, ManifestsAreBoundedInNumberNotOnlyInDepth) {
  const AssemblyResult r = read_cdk_assembly(EveryFolderNestsThree{}, "cdk.out");
  ASSERT_FALSE(r.value);
  EXPECT_TRUE(std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) {
    return d.message.find("more than 1000 nested assemblies") != std::string::npos;
  }));
  EXPECT_LE(r.diagnostics.size(), 2u);  // each bound said once
}

}  // namespace
}  // namespace computefit::readers
