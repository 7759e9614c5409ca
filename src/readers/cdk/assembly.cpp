#include "readers/cdk/assembly.hpp"

#include <fmt/format.h>

#include <set>

#include "document/json_document.hpp"

namespace computefit::readers {
namespace {

// Nested assemblies (Stages within Stages) deeper than this are hostile: real apps nest two or
// three.
constexpr int kMaxAssemblyNesting = 16;
// Manifests read in all, nested ones included: an app with a few hundred Stages is large. Depth
// alone does not bound the work: a manifest naming its own folder twice ("directoryName": ".")
// would be read 2^16 times.
constexpr int kMaxManifests = 1'000;

// A path a manifest may name: relative, with no `..` step out of the assembly.
bool inside_folder(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string_view step = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (step == "..") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

std::string join_path(const std::string& folder, std::string_view file) {
  if (folder.empty()) return std::string(file);
  return folder.back() == '/' ? folder + std::string(file) : folder + "/" + std::string(file);
}

// A folder path with "." steps and repeated slashes dropped, so "a/./b//" and "a/b" are one.
std::string normalized(std::string_view path) {
  std::string out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string_view step = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!step.empty() && step != ".") {
      if (!out.empty()) out += '/';
      out += step;
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

class AssemblyReader {
 public:
  AssemblyReader(const FileSystem& files, Diagnostics& diagnostics)
      : files_(files), diagnostics_(diagnostics) {}

  void read(const std::string& folder, Assembly& out, int depth) {
    const std::string manifest_path = join_path(folder, "manifest.json");
    // A folder already read (named again, or by itself through ".") adds nothing.
    if (!visited_.insert(normalized(folder)).second) return;
    if (++manifests_ > kMaxManifests) {
      if (manifests_ == kMaxManifests + 1) {
        error(manifest_path, {},
              fmt::format("more than {} nested assemblies: not a CDK app's output", kMaxManifests));
      }
      return;
    }
    const std::optional<std::string> text = files_.read(manifest_path);
    if (!text) {
      error(folder, {},
            "not a CDK cloud assembly: no manifest.json in it (run `cdk synth` to write cdk.out/)");
      return;
    }
    DocumentResult manifest = read_json_document(manifest_path, *text);
    if (!manifest.document) {
      diagnostics_.insert(diagnostics_.end(), manifest.diagnostics.begin(),
                          manifest.diagnostics.end());
      return;
    }
    const std::optional<NodeRef> artifacts = manifest.document->root().find("artifacts");
    if (!artifacts || !artifacts->is_mapping()) {
      error(manifest_path, manifest.document->root().mark(),
            "a CDK manifest has `artifacts`, a mapping of artifact ids");
      return;
    }
    for (NodeRef artifact : *artifacts) {
      if (manifests_ > kMaxManifests) return;  // past the bound: said once, read no further
      const auto type = artifact.find("type");
      const auto properties = artifact.find("properties");
      if (!type || !properties) continue;
      if (type->text() == "aws:cloudformation:stack") {
        const auto file = properties->find("templateFile");
        if (!file) continue;
        read_stack(folder, manifest_path, std::string(artifact.key()), *file, out);
      } else if (type->text() == "cdk:cloud-assembly") {
        const auto directory = properties->find("directoryName");
        if (!directory) continue;
        if (!inside_folder(directory->text())) {
          error(manifest_path, directory->mark(),
                fmt::format("nested assembly '{}' is outside the assembly's folder",
                            directory->text()));
        } else if (depth + 1 > kMaxAssemblyNesting) {
          if (!too_deep_) {
            too_deep_ = true;
            error(manifest_path, directory->mark(),
                  fmt::format("assemblies nest more than {} deep", kMaxAssemblyNesting));
          }
        } else {
          read(join_path(folder, directory->text()), out, depth + 1);
        }
      }
    }
  }

 private:
  void read_stack(const std::string& folder, const std::string& manifest_path, std::string name,
                  NodeRef file, Assembly& out) {
    if (!inside_folder(file.text())) {
      error(manifest_path, file.mark(),
            fmt::format("template '{}' is outside the assembly's folder", file.text()));
      return;
    }
    const std::string path = join_path(folder, file.text());
    const std::optional<std::string> text = files_.read(path);
    if (!text) {
      error(manifest_path, file.mark(),
            fmt::format("stack '{}' names template '{}', which cannot be read", name, path));
      return;
    }
    DocumentResult document = read_json_document(path, *text);
    if (!document.document) {
      diagnostics_.insert(diagnostics_.end(), document.diagnostics.begin(),
                          document.diagnostics.end());
      return;
    }
    TemplateResult resolved = resolve_template(*document.document);
    if (!resolved.value) {
      diagnostics_.insert(diagnostics_.end(), resolved.diagnostics.begin(),
                          resolved.diagnostics.end());
      return;
    }
    out.stacks.push_back(
        {std::move(name), path, std::move(*document.document), std::move(*resolved.value)});
  }

  void error(const std::string& file, SourceMark mark, std::string message) {
    diagnostics_.push_back({file, mark, "cdk-assembly", std::move(message)});
  }

  const FileSystem& files_;
  std::set<std::string> visited_;
  int manifests_ = 0;
  bool too_deep_ = false;  // said once
  Diagnostics& diagnostics_;
};

}  // namespace

AssemblyResult read_cdk_assembly(const FileSystem& files, const std::string& folder) {
  AssemblyResult result;
  Assembly assembly;
  assembly.folder = folder;
  AssemblyReader(files, result.diagnostics).read(folder, assembly, 0);
  if (result.diagnostics.empty()) result.value = std::move(assembly);
  return result;
}

}  // namespace computefit::readers
