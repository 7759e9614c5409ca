#include "readers/terraform/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>

namespace computefit::readers {

std::string configuration_address(std::string_view address) {
  std::string out;
  out.reserve(address.size());
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const char c = address[i];
    if (quoted) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quoted = false;
      }
      continue;
    }
    if (c == '"' && depth > 0) {
      quoted = true;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      depth = std::max(depth - 1, 0);  // a stray ']' closes nothing
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

namespace {

using Kind = Value::Kind;

// One module of `configuration`: its resources' expressions by address, and the expressions its
// caller passes to its variables.
struct ConfigModule {
  std::map<std::string, NodeRef, std::less<>> resources;  // by address within the module
  std::optional<NodeRef> call_expressions;                // the module call's `expressions`
  std::string parent;                                     // the caller's module path
};

class PlanReader {
 public:
  PlanReader(const Document& document, Diagnostics& diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  std::optional<Plan> run() {
    const NodeRef root = document_.root();
    Plan plan;
    plan.file = document_.file();
    if (const auto v = root.find("terraform_version"))
      plan.terraform_version = std::string(v->text());
    if (const auto config = root.find("configuration")) {
      if (const auto m = config->find("root_module")) index_configuration(*m, "", "", std::nullopt);
    }
    if (const auto changes = root.find("resource_changes"); changes && changes->is_sequence()) {
      for (NodeRef change : *changes) {
        const auto address = change.find("address");
        const auto after_unknown =
            change.find("change") ? change.find("change")->find("after_unknown") : std::nullopt;
        if (address && after_unknown) after_unknown_.emplace(address->text(), *after_unknown);
      }
    }
    const std::optional<NodeRef> planned = root.find("planned_values");
    if (!planned || !planned->is_mapping()) {
      error(root.mark(),
            "a Terraform plan has `planned_values` (write it with `terraform show "
            "-json plan.out`)");
      return std::nullopt;
    }
    if (const auto m = planned->find("root_module")) read_module(*m, plan);
    if (const auto prior = root.find("prior_state")) {
      if (const auto values = prior->find("values"); values && values->is_mapping()) {
        if (const auto m = values->find("root_module")) read_prior(*m, plan, 0);
      }
    }
    return plan;
  }

 private:
  void error(SourceMark mark, std::string message) {
    diagnostics_.push_back({document_.file(), mark, "terraform-plan", std::move(message)});
  }

  void read_module(NodeRef module, Plan& plan) {
    if (!module.is_mapping()) {
      error(module.mark(), "a module in `planned_values` is an object");
      return;
    }
    const std::string module_address =
        module.find("address") ? std::string(module.find("address")->text()) : "";
    if (const auto resources = module.find("resources"); resources && resources->is_sequence()) {
      for (NodeRef r : *resources) read_resource(r, module_address, plan);
    }
    if (const auto children = module.find("child_modules"); children && children->is_sequence()) {
      for (NodeRef child : *children) read_module(child, plan);
    }
  }

  // The prior state's managed resources, by address; malformed parts are left out (the planned
  // values are the plan, the prior state only names what already exists).
  void read_prior(NodeRef module, Plan& plan, int depth) {
    if (!module.is_mapping() || depth > kMaxVariableHops) return;
    if (const auto resources = module.find("resources"); resources && resources->is_sequence()) {
      for (NodeRef r : *resources) {
        const auto mode = r.find("mode");
        const auto address = r.find("address");
        const auto values = r.find("values");
        if (!address || (mode && mode->text() == "data") || !values || !values->is_mapping()) {
          continue;
        }
        plan.prior_values.emplace(address->text(), literal_value(*values));
      }
    }
    if (const auto children = module.find("child_modules"); children && children->is_sequence()) {
      for (NodeRef child : *children) read_prior(child, plan, depth + 1);
    }
  }

  void read_resource(NodeRef r, const std::string& module, Plan& plan) {
    const auto text_of = [&](std::string_view key) {
      const auto n = r.find(key);
      return n ? std::string(n->text()) : std::string();
    };
    if (text_of("mode") == "data") return;  // a data source reads; it deploys nothing
    PlanResource resource;
    resource.address = text_of("address");
    resource.type = text_of("type");
    resource.name = text_of("name");
    resource.module = module;
    resource.mark = r.mark();
    if (resource.address.empty() || resource.type.empty()) {
      error(r.mark(), "a resource in `planned_values` has no `address` or `type`");
      return;
    }
    const std::optional<NodeRef> values = r.find("values");
    resource.values = values && values->is_mapping() ? literal_value(*values) : Value{};
    if (resource.values.kind != Kind::map) {
      resource.values.kind = Kind::map;
      resource.values.mark = r.mark();
    }
    if (const auto unknown = after_unknown_.find(resource.address);
        unknown != after_unknown_.end()) {
      mark_unknown(resource.values, unknown->second);
    }
    add_references(resource);
    plan.resources.push_back(std::move(resource));
  }

  // Sets to unknown every value `after_unknown` marks true, adding it where `values` leaves it out.
  static void mark_unknown(Value& value, NodeRef unknown) {
    if (unknown.kind() == NodeKind::boolean) {
      if (unknown.text() == "true") {
        Value unknown_value;
        unknown_value.kind = Kind::unknown;
        unknown_value.unknown_reason = "known after apply";
        unknown_value.mark = value.mark;
        unknown_value.key = std::move(value.key);
        value = std::move(unknown_value);
      }
      return;
    }
    if (unknown.is_mapping() && value.kind == Kind::map) {
      for (NodeRef entry : unknown) {
        Value* target = value.find(entry.key());
        if (!target) {
          if (entry.kind() != NodeKind::boolean || entry.text() != "true") continue;
          target = &value.add(std::string(entry.key()), Value{});
          target->mark = value.mark;
        }
        mark_unknown(*target, entry);
      }
    } else if (unknown.is_sequence() && value.kind == Kind::list) {
      std::size_t i = 0;
      for (NodeRef item : unknown) {
        if (i < value.items.size()) mark_unknown(value.items[i], item);
        ++i;
      }
    }
  }

  void index_configuration(NodeRef module, const std::string& path, const std::string& parent,
                           std::optional<NodeRef> call_expressions) {
    if (++modules_seen_ > kMaxModules) return;
    ConfigModule& m = modules_[path];
    m.parent = parent;
    m.call_expressions = call_expressions;
    if (const auto resources = module.find("resources"); resources && resources->is_sequence()) {
      for (NodeRef r : *resources) {
        if (const auto address = r.find("address")) m.resources.emplace(address->text(), r);
      }
    }
    if (const auto calls = module.find("module_calls"); calls && calls->is_mapping()) {
      for (NodeRef call : *calls) {
        const std::string child =
            (path.empty() ? "" : path + ".") + "module." + std::string(call.key());
        if (const auto inner = call.find("module")) {
          index_configuration(*inner, child, path, call.find("expressions"));
        }
      }
    }
  }

  // Each top-level attribute's expression references, resolved to resource addresses: a module's
  // `var.x` is what its caller passes as x, up to the root.
  void add_references(PlanResource& resource) {
    const std::string config_address = configuration_address(resource.address);
    const auto m = modules_.find(configuration_address(resource.module));
    if (m == modules_.end()) return;
    // The address within its module: "module.m.aws_x.y" in module "module.m" is "aws_x.y".
    const std::string module_prefix =
        resource.module.empty() ? "" : configuration_address(resource.module) + ".";
    if (config_address.compare(0, module_prefix.size(), module_prefix) != 0) return;
    const std::string local = config_address.substr(module_prefix.size());
    const auto r = m->second.resources.find(local);
    if (r == m->second.resources.end()) return;
    const std::optional<NodeRef> expressions = r->second.find("expressions");
    if (!expressions || !expressions->is_mapping()) return;
    for (NodeRef attribute : *expressions) {
      std::set<std::pair<std::string, std::string>> found;
      collect_references(attribute, m->first, found, 0);
      if (found.empty()) continue;
      Value* target = resource.values.find(attribute.key());
      if (!target) continue;
      target->references.insert(found.begin(), found.end());
      resource.values.references.insert(found.begin(), found.end());
    }
  }

  void collect_references(NodeRef expression, const std::string& module,
                          std::set<std::pair<std::string, std::string>>& out, int depth) {
    if (depth > kMaxVariableHops) return;
    if (expression.is_mapping()) {
      for (NodeRef entry : expression) {
        if (entry.key() == "references" && entry.is_sequence()) {
          for (NodeRef ref : entry) resolve_reference(std::string(ref.text()), module, out, depth);
        } else if (entry.key() != "constant_value") {
          collect_references(entry, module, out, depth);
        }
      }
    } else if (expression.is_sequence()) {
      for (NodeRef item : expression) collect_references(item, module, out, depth);
    }
  }

  // "aws_db_instance.main.address" -> (module-qualified "aws_db_instance.main", "address");
  // "var.db" in a module -> what its caller passes; "local.", "each.", "count." and others: none.
  void resolve_reference(const std::string& reference, const std::string& module,
                         std::set<std::pair<std::string, std::string>>& out, int depth) {
    const std::size_t dot = reference.find('.');
    if (dot == std::string::npos) return;
    const std::string head = reference.substr(0, dot);
    if (head == "var") {
      const auto m = modules_.find(module);
      if (m == modules_.end() || !m->second.call_expressions) return;
      const std::size_t end = reference.find('.', dot + 1);
      const std::string variable =
          reference.substr(dot + 1, end == std::string::npos ? end : end - dot - 1);
      if (const auto passed = m->second.call_expressions->find(variable)) {
        collect_references(*passed, m->second.parent, out, depth + 1);
      }
      return;
    }
    if (head == "local" || head == "each" || head == "count" || head == "path" ||
        head == "terraform" || head == "data" || head == "module" || head == "self") {
      return;
    }
    const std::size_t second = reference.find('.', dot + 1);
    const std::string address = reference.substr(0, second);
    const std::string attribute = second == std::string::npos ? "" : reference.substr(second + 1);
    out.emplace((module.empty() ? "" : module + ".") + address, attribute);
  }

  static constexpr int kMaxModules = 100'000;
  static constexpr int kMaxVariableHops = 64;  // module nesting a variable is passed through

  const Document& document_;
  Diagnostics& diagnostics_;
  std::map<std::string, NodeRef, std::less<>> after_unknown_;
  std::map<std::string, ConfigModule, std::less<>> modules_;
  int modules_seen_ = 0;
};

}  // namespace

PlanResult read_terraform_plan(const Document& document) {
  PlanResult result;
  PlanReader reader(document, result.diagnostics);
  std::optional<Plan> plan = reader.run();
  if (result.diagnostics.empty()) result.value = std::move(plan);
  return result;
}

}  // namespace computefit::readers
