#include "readers/import/import.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "document/json_document.hpp"
#include "document/yaml_document.hpp"
#include "readers/cdk/assembly.hpp"
#include "readers/import/from_sources.hpp"
#include "readers/naming.hpp"

namespace computefit::readers {
namespace {

bool looks_like_json(const std::string& text) {
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{' || c == '[';
  }
  return false;
}

// The spec's name: the first input's file name without folders and extension, in kebab-case.
std::string name_of(const std::string& path) {
  std::string stem = path;
  while (!stem.empty() && stem.back() == '/') stem.pop_back();
  if (const std::size_t slash = stem.rfind('/'); slash != std::string::npos) {
    stem = stem.substr(slash + 1);
  }
  if (const std::size_t dot = stem.find('.'); dot != std::string::npos && dot > 0) {
    stem = stem.substr(0, dot);
  }
  // A generic file name says less than the folder it sits in: sam-orders/template.yaml.
  if (stem == "template" || stem == "plan" || stem == "main" || stem == "cdk" || stem == "tfplan") {
    std::string folder = path.substr(0, path.size() - std::min(path.size(), stem.size()));
    while (!folder.empty() && folder.back() != '/') folder.pop_back();
    while (!folder.empty() && folder.back() == '/') folder.pop_back();
    const std::size_t slash = folder.rfind('/');
    const std::string parent = slash == std::string::npos ? folder : folder.substr(slash + 1);
    if (!parent.empty() && parent != "." && parent != "..") stem = parent;
  }
  const std::string name = kebab_case(stem);
  return name.empty() ? "imported" : name;
}

// Services (and, apart, databases) of different files that take the same name are each named
// after their file too, `FILE-NAME` (as CDK names collide: readers/naming.hpp), in the order of the
// files: the spec stays valid and the header says what was renamed.
template <typename Item, typename NameOf>
void distinct_names(std::vector<Item>& items, NameOf name_of_item, const char* what,
                    std::vector<std::string>& renamed) {
  std::map<std::string, std::set<std::string>> files_of;
  for (Item& item : items) {
    const Sourced<std::string> name = name_of_item(item);
    files_of[name.value].insert(name.origin.file);
  }
  std::set<std::string> taken;
  for (const auto& [name, files] : files_of) taken.insert(name);
  for (Item& item : items) {
    Sourced<std::string> name = name_of_item(item);
    if (files_of[name.value].size() < 2) continue;
    std::string fresh = name_of(name.origin.file) + "-" + name.value;
    for (int n = 2; taken.contains(fresh); ++n) {
      fresh = fmt::format("{}-{}-{}", name_of(name.origin.file), name.value, n);
    }
    taken.insert(fresh);
    renamed.push_back(fmt::format("{} {} of {} -> {} (another file has a {} of that name)", what,
                                  name.value, name.origin.file, fresh, what));
    name.value = fresh;
    name_of_item(item, name);
  }
}

void distinct_names(ImportedModel& model) {
  distinct_names(
      model.services,
      [](ImportedService& s, std::optional<Sourced<std::string>> set = std::nullopt) {
        if (set) s.name = *set;
        return s.name;
      },
      "service", model.renamed);
  distinct_names(
      model.databases,
      [](ImportedDatabase& d, std::optional<Sourced<std::string>> set = std::nullopt) {
        if (set) d.name = set->value;
        return Sourced<std::string>{d.name, d.origin};
      },
      "database", model.renamed);
}

Diagnostic error(const std::string& file, std::string code, std::string message) {
  return Diagnostic{file, {}, std::move(code), std::move(message)};
}

// Whether `path` is read by import (a template, a plan, a CDK folder or manifest) rather than
// loaded as a workload spec: by content, never by name. What cannot be read or parsed is left to
// the spec loader, whose messages say why.
bool import_input(const std::string& path, const FileSystem& files) {
  const std::optional<std::string> text = files.read(path);
  if (!text) return files.read(path + "/manifest.json").has_value();
  const DocumentResult parsed =
      looks_like_json(*text) ? read_json_document(path, *text) : read_yaml_document(path, *text);
  if (!parsed.document) return false;
  const InputKind kind = input_kind(*parsed.document);
  return kind == InputKind::cloudformation || kind == InputKind::terraform_plan ||
         kind == InputKind::cdk_manifest;
}

}  // namespace

ImportResult import_files(const std::vector<std::string>& paths, const FileSystem& files) {
  ImportResult result;
  ImportedModel model;
  std::vector<DraftNode> overlays;
  bool templates = false;
  for (const std::string& path : paths) {
    std::optional<std::string> text = files.read(path);
    if (!text) {
      // A CDK cloud assembly is a folder with its manifest.
      if (files.read(path + "/manifest.json")) {
        AssemblyResult assembly = read_cdk_assembly(files, path);
        result.diagnostics.insert(result.diagnostics.end(), assembly.diagnostics.begin(),
                                  assembly.diagnostics.end());
        if (!assembly.value) continue;
        for (const AssemblyStack& stack : assembly.value->stacks) {
          import_template(stack.resolved, model);
        }
        templates = true;
        continue;
      }
      result.diagnostics.push_back(
          error(path, "unreadable", "cannot read the file (or a CDK folder's manifest.json)"));
      continue;
    }
    DocumentResult parsed =
        looks_like_json(*text) ? read_json_document(path, *text) : read_yaml_document(path, *text);
    result.diagnostics.insert(result.diagnostics.end(), parsed.diagnostics.begin(),
                              parsed.diagnostics.end());
    if (!parsed.document) continue;
    switch (input_kind(*parsed.document)) {
      case InputKind::cloudformation: {
        TemplateResult resolved = resolve_template(*parsed.document);
        result.diagnostics.insert(result.diagnostics.end(), resolved.diagnostics.begin(),
                                  resolved.diagnostics.end());
        if (resolved.value) import_template(*resolved.value, model);
        templates = true;
        break;
      }
      case InputKind::terraform_plan: {
        PlanResult plan = read_terraform_plan(*parsed.document);
        result.diagnostics.insert(result.diagnostics.end(), plan.diagnostics.begin(),
                                  plan.diagnostics.end());
        if (plan.value) import_plan(*plan.value, model);
        templates = true;
        break;
      }
      case InputKind::cdk_manifest:
        result.diagnostics.push_back(
            error(path, "cdk-manifest",
                  "a CDK manifest is read with its folder: pass the cdk.out folder"));
        break;
      case InputKind::workload_spec:
        // A spec among the inputs is an overlay: what the templates cannot say.
        overlays.push_back(draft_of(parsed.document->root(), path));
        break;
      case InputKind::unknown:
        result.diagnostics.push_back(
            error(path, "unknown-input",
                  "not a CloudFormation or SAM template (no Resources), a Terraform plan "
                  "(terraform show -json) or a CDK manifest"));
        break;
    }
  }
  if (!result.diagnostics.empty()) return result;
  if (!templates) {
    result.diagnostics.push_back(error(paths.empty() ? "" : paths.front(), "spec-input",
                                       "import reads templates, Terraform plans or CDK assemblies "
                                       "(a spec among them is merged over what they give)"));
    return result;
  }
  // IAM policies alone are worth importing: a rule judges their grants whatever runs with them.
  // So are databases alone: their limits hold whatever services an overlay adds.
  if (model.services.empty() && !model.cluster && model.policies.empty() &&
      model.databases.empty() && overlays.empty()) {
    std::string message =
        "no Lambda function, ECS service, EKS cluster, database or IAM policy in the files: "
        "nothing to import";
    if (!model.skipped.empty()) {
      message += fmt::format(
          " (skipped: {}{})", model.skipped.front(),
          model.skipped.size() > 1 ? fmt::format(", and {} more", model.skipped.size() - 1) : "");
    }
    result.diagnostics.push_back(error(paths.empty() ? "" : paths.front(), "no-services", message));
    return result;
  }
  distinct_names(model);
  Imported imported;
  imported.files = paths;
  write_model(model, name_of(paths.front()), imported.spec);
  for (const DraftNode& overlay : overlays) merge_overlay(imported.spec, overlay);
  imported.unknowns = std::move(model.unknowns);
  imported.skipped = std::move(model.skipped);
  imported.assumed = std::move(model.assumed);
  imported.renamed = std::move(model.renamed);
  result.value = std::move(imported);
  return result;
}

SpecLoadResult load_workload(const std::vector<std::string>& paths,
                             const std::optional<std::string>& overlay, const FileSystem& files) {
  if (paths.size() == 1 && !overlay && !import_input(paths.front(), files)) {
    return load_spec(paths.front(), files);
  }
  std::vector<std::string> inputs = paths;
  if (overlay) inputs.push_back(*overlay);
  SpecLoadResult result;
  ImportResult imported = import_files(inputs, files);
  if (!imported.value) {
    result.diagnostics = std::move(imported.diagnostics);
    return result;
  }
  // The spec import would write, read back, each node moved to where its line's value came from.
  std::vector<Origin> line_origins;
  const std::string yaml = write_yaml(imported.value->spec, {}, &line_origins);
  DocumentResult read = read_yaml_document(paths.front(), yaml);
  if (!read.document) {
    // The writer's output always parses; a failure here is a bug, said as one.
    for (Diagnostic& d : read.diagnostics) {
      d.code = "internal";
      d.message = "the spec built from the templates did not read back: " + d.message;
    }
    result.diagnostics = std::move(read.diagnostics);
    return result;
  }
  apply_source_map(*read.document, line_origins);
  return load_spec_document(*read.document, paths.front(), files);
}

std::string imported_spec_yaml(const Imported& imported) {
  std::vector<std::string> header;
  std::string from;
  for (const std::string& file : imported.files) from += (from.empty() ? "" : ", ") + file;
  header.push_back("Imported by `computefit import` from " + from + ".");
  header.push_back("Each value names the template location it was read from; a TODO is what the");
  header.push_back("templates cannot say and an overlay (or this file) must add.");
  if (!imported.assumed.empty()) {
    header.push_back("");
    header.push_back("AWS's defaults taken for properties the templates leave out:");
    for (const std::string& a : imported.assumed) header.push_back("  " + a);
  }
  if (!imported.unknowns.empty()) {
    header.push_back("");
    header.push_back(fmt::format("{} ({}):", kUnknownsTitle, kUnknownsMeaning));
    for (const std::string& u : imported.unknowns) header.push_back("  " + u);
  }
  if (!imported.renamed.empty()) {
    header.push_back("");
    header.push_back("Renamed, so that names from different files stay distinct:");
    for (const std::string& r : imported.renamed) header.push_back("  " + r);
  }
  if (!imported.skipped.empty()) {
    header.push_back("");
    header.push_back(fmt::format("{} ({}):", kSkippedTitle, kSkippedMeaning));
    for (const std::string& s : imported.skipped) header.push_back("  " + s);
  }
  return write_yaml(imported.spec, header);
}

}  // namespace computefit::readers
