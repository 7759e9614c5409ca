// Fuzzes the CDK cloud assembly reader through `import`: the input is a manifest and, after the
// first NUL byte, a file that every other path of the assembly reads (each stack's template, a
// nested assembly's manifest), so manifests naming odd paths, nesting themselves or naming
// templates that are not templates are all reached. The import gives a spec or located problems.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "readers/import/import.hpp"

namespace {

class AssemblyFiles final : public computefit::FileSystem {
 public:
  AssemblyFiles(std::string manifest, std::string other)
      : manifest_(std::move(manifest)), other_(std::move(other)) {}
  std::optional<std::string> read(const std::string& path) const override {
    if (path == "cdk.out") return std::nullopt;  // a folder
    if (path == "cdk.out/manifest.json") return manifest_;
    if (path.starts_with("cdk.out/")) return other_;
    return std::nullopt;
  }

 private:
  std::string manifest_, other_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace computefit::readers;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = text.find('\0');
  const AssemblyFiles files(std::string(text.substr(0, nul)),
                            nul == std::string_view::npos ? "" : std::string(text.substr(nul + 1)));
  const ImportResult imported = import_files({"cdk.out"}, files);
  if (imported.value.has_value() == !imported.diagnostics.empty()) __builtin_trap();
  for (const computefit::Diagnostic& d : imported.diagnostics) {
    if (computefit::format_diagnostic(d).empty()) __builtin_trap();
  }
  if (imported.value && imported_spec_yaml(*imported.value).empty()) __builtin_trap();
  return 0;
}
