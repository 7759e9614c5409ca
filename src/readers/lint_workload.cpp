#include "readers/lint_workload.hpp"

#include <string_view>

#include <fmt/format.h>

#include "document/document.hpp"
#include "document/json_document.hpp"
#include "document/yaml_document.hpp"
#include "readers/import/import.hpp"
#include "readers/import/spec_draft.hpp"

namespace computefit::readers {
namespace {

// A rate the spec loader accepts for a service no file gives traffic. Lint never simulates or
// prices such a service, and the rules that judge it read no traffic: the figure is never shown.
constexpr std::string_view kStandInRps = "1";

bool looks_like_json(std::string_view text) {
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{' || c == '[';
  }
  return false;
}

DocumentResult read_document(const std::string& path, const std::string& text) {
  return looks_like_json(text) ? read_json_document(path, text) : read_yaml_document(path, text);
}

// A workload spec (or something the spec loader should explain), not a template, plan or CDK
// folder: by content, as load_workload() tells them apart.
bool plain_spec(const std::string& path, const FileSystem& files) {
  const std::optional<std::string> text = files.read(path);
  if (!text) return !files.read(path + "/manifest.json");
  // `terraform show -json` writes format_version first: a plan, which may run to tens of MB, is
  // told without parsing it twice.
  const std::size_t start = text->find_first_not_of(" \t\r\n");
  if (start != std::string::npos && text->compare(start, 18, "{\"format_version\":") == 0) {
    return false;
  }
  const DocumentResult parsed = read_document(path, *text);
  return !parsed.document || input_kind(*parsed.document) == InputKind::workload_spec ||
         input_kind(*parsed.document) == InputKind::unknown;
}

// A workload spec read as the draft an import gives, for an overlay to be merged over it.
ImportResult spec_as_draft(const std::string& path, const FileSystem& files) {
  ImportResult result;
  const std::optional<std::string> text = files.read(path);
  if (!text) {
    result.diagnostics.push_back(Diagnostic{path, {}, "unreadable", "cannot read the file"});
    return result;
  }
  DocumentResult parsed = read_document(path, *text);
  if (!parsed.document) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  // Not recognised as a spec (an imported cluster, say, has no services until the overlay gives
  // them): the spec loader explains whatever the merge leaves wrong.
  Imported imported;
  imported.files = {path};
  imported.spec = draft_of(parsed.document->root(), path);
  result.value = std::move(imported);
  return result;
}

// The runtimes a service the templates describe is deployed on: its runtime block (import writes
// the Lambda function's timeout always, an ECS service's settings under its launch type), else
// what the resource is. Empty when the draft does not say (a service only a spec names).
std::vector<RuntimeId> deployed_runtimes(const DraftNode& service) {
  if (const DraftNode* runtimes = service.find("runtimes")) {
    if (runtimes->find("lambda")) return {RuntimeId::lambda};
    if (runtimes->find("ecs-fargate")) return {RuntimeId::ecs_fargate};
    if (runtimes->find("ecs-ec2")) return {RuntimeId::ecs_ec2};
  }
  // FIXME(import does not write an ECS service's launch type when it has no task counts or
  // grace to write under it): both ECS runtimes are judged then.
  if (const DraftNode* language = service.find("language");
      language && language->origin.note == "an ECS service") {
    return {RuntimeId::ecs_fargate, RuntimeId::ecs_ec2};
  }
  if (const DraftNode* name = service.find("name")) {
    const std::string& what = name->origin.note;  // the resource's type, or its plan address
    if (what == "AWS::Lambda::Function" || what == "AWS::Serverless::Function" ||
        what.find("aws_lambda_function.") != std::string::npos) {
      return {RuntimeId::lambda};
    }
  }
  return {};
}

// The name of the service that stands for a cluster the files describe without any service.
constexpr std::string_view kPlatformService = "eks-cluster";
// The stand-in that lets IAM policies without any service be read as a spec (then dropped).
constexpr std::string_view kPolicyStandIn = "policies-stand-in";

// A platform's files (an EKS cluster, no service): one worker on EKS that stands for the cluster,
// so the rules that judge a cluster (its version, its upkeep) judge it. False without a cluster.
bool add_platform_service(DraftNode& spec, LintWorkload& out) {
  const DraftNode* team = spec.find("team");
  const DraftNode* existing = team ? team->find("existing") : nullptr;
  const DraftNode* cluster = existing ? existing->find("eks_cluster") : nullptr;
  if (!cluster || cluster->origin.file.empty()) return false;  // none in the files
  // The import notes the cluster as its address (a plan) or as "TYPE LOGICAL-ID" (a template).
  std::string resource = cluster->origin.note;
  if (resource.starts_with("AWS::")) resource = resource.substr(resource.rfind(' ') + 1);
  const Origin origin = cluster->origin;
  DraftNode& service = spec.append("services");
  service.set("name", std::string(kPlatformService), origin);
  service.set("kind", "worker", origin);
  out.deployed[std::string(kPlatformService)] = {RuntimeId::eks};
  out.stands_for[std::string(kPlatformService)] = resource;
  return true;
}

// A cluster in the files says nothing of who runs it: unless the overlay says, whether a platform
// team exists is unknown, and eks-ops-burden does not judge the team's upkeep.
void note_platform_unknown(const DraftNode& spec, LintWorkload& out) {
  const DraftNode* team = spec.find("team");
  const DraftNode* existing = team ? team->find("existing") : nullptr;
  const DraftNode* cluster = existing ? existing->find("eks_cluster") : nullptr;
  if (!cluster || cluster->origin.file.empty() || team->find("kubernetes_platform")) return;
  const Origin& at = cluster->origin;
  out.unknowns.push_back(fmt::format(
      "{}:{}:{}: team.kubernetes_platform: whether a platform team runs the EKS cluster ({}) is "
      "not in the files; eks-ops-burden does not judge the team's upkeep until the overlay says",
      at.file, at.mark.line, at.mark.column, at.note));
}

}  // namespace

LintWorkload load_lint_workload(const std::vector<std::string>& paths,
                                const std::optional<std::string>& overlay,
                                const FileSystem& files) {
  LintWorkload out;
  out.files = paths;
  if (overlay) out.files.push_back(*overlay);
  // Told by content, which for a plan of tens of MB is a parse: once.
  const bool one_spec = paths.size() == 1 && plain_spec(paths.front(), files);
  if (one_spec && !overlay) {
    out.loaded = load_spec(paths.front(), files);
    return out;
  }

  // A spec with an overlay (an imported spec, say) takes it as the templates it came from do.
  ImportResult imported =
      one_spec ? spec_as_draft(paths.front(), files) : import_files(paths, files);
  if (!imported.value) {
    out.loaded.diagnostics = std::move(imported.diagnostics);
    return out;
  }
  Imported& value = *imported.value;
  out.unknowns = std::move(value.unknowns);
  out.skipped = std::move(value.skipped);
  DraftNode& spec = value.spec;
  // What the templates deploy, before the overlay adds its settings.
  if (const DraftNode* services = spec.find("services")) {
    for (const DraftNode& service : services->items) {
      const DraftNode* name = service.find("name");
      std::vector<RuntimeId> runtimes = deployed_runtimes(service);
      if (name && !runtimes.empty()) out.deployed[unquoted(name->scalar)] = std::move(runtimes);
    }
  }

  if (overlay) {
    // The overlay is read as import_files() reads a spec among its inputs.
    const std::optional<std::string> text = files.read(*overlay);
    if (!text) {
      out.loaded.diagnostics.push_back(
          Diagnostic{*overlay, {}, "unreadable", "cannot read the overlay"});
      return out;
    }
    DocumentResult parsed = read_document(*overlay, *text);
    if (!parsed.document) {
      out.loaded.diagnostics = std::move(parsed.diagnostics);
      return out;
    }
    if (input_kind(*parsed.document) != InputKind::workload_spec) {
      out.loaded.diagnostics.push_back(
          Diagnostic{*overlay,
                     {},
                     "overlay-not-spec",
                     "--overlay takes a workload spec (version and services), not a template"});
      return out;
    }
    merge_overlay(spec, draft_of(parsed.document->root(), *overlay));
  }

  note_platform_unknown(spec, out);
  DraftNode* services = spec.find("services") ? &spec.at("services") : nullptr;
  if ((!services || services->items.empty()) && !add_platform_service(spec, out)) {
    if (!spec.find("iam_policies")) {
      out.no_services = true;
      return out;
    }
    // IAM policies and no service: the rules that judge policies still judge them. A stand-in
    // service satisfies the spec's "at least one service" and is dropped once the spec is read.
    DraftNode& stand_in = spec.append("services");
    stand_in.set("name", std::string(kPolicyStandIn), {});
    stand_in.set("kind", "worker", {});
    out.policies_only = true;
  }
  services = &spec.at("services");
  for (DraftNode& service : services->items) {
    const DraftNode* name = service.find("name");
    const DraftNode* kind = service.find("kind");
    if (!name) continue;  // the loader says so
    const bool scheduled = kind && unquoted(kind->scalar) == "scheduled";
    if (scheduled ? service.find("duration_ms") != nullptr : service.find("traffic") != nullptr) {
      continue;
    }
    out.without_traffic.insert(unquoted(name->scalar));
    if (!scheduled) service.set("traffic.rps", std::string(kStandInRps), name->origin);
  }

  // The spec the merged draft gives, read back with each value located where it came from (as
  // load_workload() does).
  std::vector<Origin> line_origins;
  const std::string yaml = write_yaml(spec, {}, &line_origins);
  DocumentResult read = read_yaml_document(paths.front(), yaml);
  if (!read.document) {
    for (Diagnostic& d : read.diagnostics) {
      d.code = "internal";
      d.message = "the spec built from the templates did not read back: " + d.message;
    }
    out.loaded.diagnostics = std::move(read.diagnostics);
    return out;
  }
  apply_source_map(*read.document, line_origins);
  out.loaded = load_spec_document(*read.document, paths.front(), files);
  if (out.loaded.spec) {
    for (Service& service : out.loaded.spec->services) {
      service.unranked = out.without_traffic.contains(service.name);
    }
    if (out.policies_only) {
      out.loaded.spec->services.clear();
      out.without_traffic.clear();
    }
  }
  return out;
}

}  // namespace computefit::readers
