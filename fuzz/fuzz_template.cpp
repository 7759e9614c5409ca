// Fuzzes the readers of infrastructure as code: any bytes as a CloudFormation/SAM template (YAML
// or JSON) or a Terraform plan, read, resolved and imported into a spec. Whatever the input, a
// reader gives either a result or located problems, never both or neither, every problem
// formats, and an import's spec is written out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "document/json_document.hpp"
#include "document/yaml_document.hpp"
#include "readers/cloudformation/template.hpp"
#include "readers/import/import.hpp"
#include "readers/terraform/plan.hpp"

namespace {

void check(const computefit::Diagnostics& diagnostics, bool has_value) {
  if (has_value == !diagnostics.empty()) __builtin_trap();
  for (const computefit::Diagnostic& d : diagnostics) {
    if (d.mark.line < 0 || d.mark.column < 0) __builtin_trap();
    if (computefit::format_diagnostic(d).empty()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace computefit::readers;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool json = text.find_first_not_of(" \t\r\n") != std::string_view::npos &&
                    text[text.find_first_not_of(" \t\r\n")] == '{';
  const DocumentResult document =
      json ? read_json_document("fuzz.json", text) : read_yaml_document("fuzz.yaml", text);
  check(document.diagnostics, document.document.has_value());
  if (!document.document) return 0;
  switch (input_kind(*document.document)) {
    case InputKind::cloudformation: {
      const TemplateResult t = resolve_template(*document.document);
      check(t.diagnostics, t.value.has_value());
      break;
    }
    case InputKind::terraform_plan: {
      const PlanResult plan = read_terraform_plan(*document.document);
      check(plan.diagnostics, plan.value.has_value());
      break;
    }
    default:
      break;
  }
  // The whole import: the resources into the model, the model into YAML.
  computefit::MemoryFileSystem files;
  files.add("fuzz.input", std::string(text));
  const ImportResult imported = import_files({"fuzz.input"}, files);
  check(imported.diagnostics, imported.value.has_value());
  if (imported.value && imported_spec_yaml(*imported.value).empty()) __builtin_trap();
  return 0;
}
