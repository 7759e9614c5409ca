#pragma once
// A CDK cloud assembly (`cdk.out/`): its `manifest.json` names each stack's synthesized template;
// nested assemblies (CDK Stages) are followed. Each template is then read like any other.

#include <optional>
#include <string>
#include <vector>

#include "document/diagnostic.hpp"
#include "document/document.hpp"
#include "readers/cloudformation/template.hpp"
#include "workload/file_system.hpp"

namespace computefit::readers {

struct AssemblyStack {
  std::string name;           ///< the artifact id ("OrdersStack")
  std::string template_path;  ///< the file read, under the assembly's folder
  Document document;          ///< the template as parsed (outputs, rules, metadata)
  Template resolved;
};

struct Assembly {
  std::string folder;
  std::vector<AssemblyStack> stacks;
};

struct AssemblyResult {
  std::optional<Assembly> value;
  Diagnostics diagnostics;
};

/// Reads `folder`/manifest.json and every stack template it names. A folder without a manifest,
/// a manifest naming a file outside the folder or one that is missing: a located error.
AssemblyResult read_cdk_assembly(const FileSystem& files, const std::string& folder);

}  // namespace computefit::readers
