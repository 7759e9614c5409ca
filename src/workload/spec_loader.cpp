#include "workload/spec_loader.hpp"

#include <algorithm>
#include <exception>
#include <tuple>

#include "document/limits.hpp"
#include "document/yaml_document.hpp"
#include "workload/builder.hpp"
#include "workload/tree_reader.hpp"
#include "workload/validate.hpp"

namespace computefit {
namespace {

// A spec is a few kilobytes and a few hundred values, six levels deep: its YAML is read within
// those bounds (limits.hpp), so an alias bomb or a recursive anchor is refused before anything
// walks it.
readers::YamlReadOptions spec_yaml_options() {
  readers::YamlReadOptions o;
  o.what = "a spec";
  o.max_bytes = limits::kMaxSpecBytes;
  o.size_note = "a workload spec is a few kilobytes";
  o.max_nodes = limits::kMaxNodes;
  o.max_depth = limits::kMaxDepth;
  o.expansion_note = "a spec is far smaller";
  o.nesting_note = "a spec nests a few levels";
  return o;
}

// Build, then validate what was built: both report into `reporter`, and an exception (a bug, or
// memory) becomes one diagnostic instead of escaping.
void build_and_validate(const NodeRef& root, const FileSystem& fs, Reporter& reporter, Spec& spec) {
  try {
    build_spec(root, fs, reporter, spec);
    validate_spec(spec, reporter);
  } catch (const std::exception& e) {
    reporter.error({}, "internal", std::string("could not read the spec: ") + e.what());
  }
}

// The spec when nothing was reported, and the problems in file order, each once, at most
// limits::kMaxDiagnostics of them.
SpecLoadResult finish(Spec spec, Reporter& reporter, const std::string& path) {
  SpecLoadResult result;
  Diagnostics diagnostics = reporter.take();
  // Reported once: a spec-level problem found in each service that inherits it repeats.
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tuple(a.mark.file, a.mark.line, a.mark.column) <
                            std::tuple(b.mark.file, b.mark.line, b.mark.column);
                   });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [](const Diagnostic& a, const Diagnostic& b) {
                                  return a.mark.file == b.mark.file && a.mark.line == b.mark.line &&
                                         a.mark.column == b.mark.column && a.message == b.message;
                                }),
                    diagnostics.end());
  if (diagnostics.size() > limits::kMaxDiagnostics) {
    const std::size_t more = diagnostics.size() - limits::kMaxDiagnostics;
    diagnostics.resize(limits::kMaxDiagnostics);
    diagnostics.push_back({path, {}, "too-many", "and " + std::to_string(more) + " more problems"});
  }
  if (diagnostics.empty()) result.spec = std::move(spec);
  result.diagnostics = std::move(diagnostics);
  return result;
}

}  // namespace

SpecLoadResult parse_spec(const std::string& text, const std::string& path, const FileSystem& fs) {
  Spec spec;
  spec.file = path;
  Reporter reporter(path);
  try {
    readers::DocumentResult read = readers::read_yaml_document(path, text, spec_yaml_options());
    for (Diagnostic& d : read.diagnostics)
      reporter.error(d.mark, std::move(d.code), std::move(d.message));
    if (read.document) build_and_validate(read.document->root(), fs, reporter, spec);
  } catch (const std::exception& e) {
    reporter.error({}, "internal", std::string("could not read the spec: ") + e.what());
  }
  return finish(std::move(spec), reporter, path);
}

SpecLoadResult load_spec_document(const readers::Document& document, const std::string& path,
                                  const FileSystem& fs) {
  Spec spec;
  spec.file = path;
  spec.files = document.files();
  spec.files.front() = path;
  Reporter reporter(path);
  reporter.set_files(spec.files);
  build_and_validate(document.root(), fs, reporter, spec);
  return finish(std::move(spec), reporter, path);
}

SpecLoadResult load_spec(const std::string& path, const FileSystem& fs) {
  const auto text = fs.read(path);
  if (!text) {
    SpecLoadResult result;
    result.diagnostics.push_back(
        {path, {}, "io-error", "cannot read the file (missing, not a regular file, or too large)"});
    return result;
  }
  return parse_spec(*text, path, fs);
}

}  // namespace computefit
