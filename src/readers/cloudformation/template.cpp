#include "readers/cloudformation/template.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>

#include "readers/naming.hpp"

namespace computefit::readers {

namespace {

using Kind = Value::Kind;

Value unknown(std::string reason, SourceMark mark) {
  Value v;
  v.kind = Kind::unknown;
  v.unknown_reason = std::move(reason);
  v.mark = mark;
  return v;
}

Value string_value(std::string text, SourceMark mark) {
  Value v;
  v.kind = Kind::string;
  v.text = std::move(text);
  v.mark = mark;
  return v;
}

// What SAM's `Globals` sections apply to.
std::string_view serverless_type_of_global(std::string_view section) {
  if (section == "Function") return "AWS::Serverless::Function";
  if (section == "Api") return "AWS::Serverless::Api";
  if (section == "HttpApi") return "AWS::Serverless::HttpApi";
  if (section == "SimpleTable") return "AWS::Serverless::SimpleTable";
  if (section == "StateMachine") return "AWS::Serverless::StateMachine";
  if (section == "LayerVersion") return "AWS::Serverless::LayerVersion";
  return {};
}

// SAM's rule for Globals: the resource's own scalar wins, maps merge, lists add the resource's
// items after the global ones.
void merge_global(Value& resource, const Value& global) {
  if (resource.kind == Kind::map && global.kind == Kind::map) {
    for (const Value& global_entry : global.entries) {
      if (Value* own = resource.find(global_entry.key)) {
        merge_global(*own, global_entry);
      } else {
        resource.entries.push_back(global_entry);
      }
    }
  } else if (resource.kind == Kind::list && global.kind == Kind::list) {
    std::vector<Value> items = global.items;
    items.insert(items.end(), resource.items.begin(), resource.items.end());
    resource.items = std::move(items);
  }
}

// The resources the readers turn into services and databases, which take names in the spec.
bool named_in_the_spec(std::string_view type) {
  return type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function" ||
         type == "AWS::ECS::Service" || type == "AWS::RDS::DBInstance" ||
         type == "AWS::RDS::DBCluster";
}

// CDK names, distinct among the resources that take names (a collision elsewhere costs nothing).
void name_cdk_resources(Template& t) {
  std::vector<CdkResourcePath> paths;
  std::vector<TemplateResource*> named;
  for (TemplateResource& r : t.resources) {
    if (r.cdk_path.empty() || !named_in_the_spec(r.type)) continue;
    paths.push_back({r.cdk_path, r.type});
    named.push_back(&r);
  }
  const std::vector<std::string> names = cdk_service_names(paths);
  for (std::size_t i = 0; i < named.size(); ++i) named[i]->cdk_name = names[i];
}

class Resolver {
 public:
  Resolver(const Document& document, Diagnostics& diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  std::optional<Template> run() {
    const NodeRef root = document_.root();
    if (!root.is_mapping()) {
      error(root.mark(), "template", "a template is a mapping with `Resources`");
      return std::nullopt;
    }
    Template t;
    t.file = document_.file();
    if (const auto transform = root.find("Transform")) {
      const auto names = [&] {
        std::vector<std::string_view> out;
        if (transform->is_sequence()) {
          for (NodeRef n : *transform) out.push_back(n.text());
        } else {
          out.push_back(transform->text());
        }
        return out;
      }();
      t.serverless = std::any_of(names.begin(), names.end(), [](std::string_view n) {
        return n.substr(0, 15) == "AWS::Serverless";
      });
    }
    index_section(root, "Parameters", parameters_);
    index_section(root, "Mappings", mappings_);
    index_section(root, "Conditions", conditions_);
    const std::optional<NodeRef> resources = root.find("Resources");
    if (!resources || !resources->is_mapping()) {
      error(resources ? resources->mark() : root.mark(), "template",
            "a template needs `Resources`, a mapping of logical ids to resources");
      return std::nullopt;
    }
    for (NodeRef r : *resources) resources_.emplace(r.key(), r);

    std::map<std::string, Value, std::less<>> globals;
    if (const auto g = root.find("Globals"); g && g->is_mapping()) {
      for (NodeRef section : *g) {
        const std::string_view type = serverless_type_of_global(section.key());
        if (type.empty()) continue;
        resource_ = "Globals." + std::string(section.key());
        globals.emplace(type, eval(section));
        resource_.clear();
      }
    }

    for (NodeRef r : *resources) {
      TemplateResource resource;
      resource.logical_id = std::string(r.key());
      resource.mark = r.key_mark();
      if (!r.is_mapping()) {
        error(r.mark(), "template", fmt::format("resource '{}' is not a mapping", r.key()));
        continue;
      }
      const std::optional<NodeRef> type = r.find("Type");
      if (!type || type->text().empty()) {
        error(r.key_mark(), "template", fmt::format("resource '{}' has no `Type`", r.key()));
        continue;
      }
      resource.type = std::string(type->text());
      if (resource.type == "AWS::CDK::Metadata") continue;  // CDK's own analytics
      if (const auto condition = r.find("Condition")) {
        const std::optional<bool> on = condition_named(condition->text(), condition->mark());
        resource.excluded = on.has_value() && !*on;
      }
      if (const auto metadata = r.find("Metadata")) {
        if (const auto path = metadata->find("aws:cdk:path")) {
          resource.cdk_path = std::string(path->text());
        }
      }
      if (const auto properties = r.find("Properties")) {
        resource_ = resource.logical_id;
        resource.properties = eval(*properties);
        resource_.clear();
      }
      if (resource.properties.kind != Kind::map) {
        resource.properties = Value{};
        resource.properties.kind = Kind::map;
        resource.properties.mark = r.mark();
      }
      if (const auto g = globals.find(resource.type); g != globals.end()) {
        merge_global(resource.properties, g->second);
      }
      t.resources.push_back(std::move(resource));
    }
    name_cdk_resources(t);
    t.unknowns.assign(unknowns_.begin(), unknowns_.end());
    return t;
  }

 private:
  void index_section(NodeRef root, std::string_view name,
                     std::unordered_map<std::string_view, NodeRef>& out) {
    const std::optional<NodeRef> section = root.find(name);
    if (!section || section->is_null()) return;
    if (!section->is_mapping()) {
      error(section->mark(), "template", fmt::format("`{}` must be a mapping", name));
      return;
    }
    for (NodeRef entry : *section) out.emplace(entry.key(), entry);
  }

  void error(SourceMark mark, std::string code, std::string message) {
    diagnostics_.push_back({document_.file(), mark, std::move(code), std::move(message)});
  }

  // The intrinsic a node calls, long form (`{"Fn::Sub": ...}`, `{"Ref": ...}`) or short (`!Sub`):
  // its name in long form and the node holding its argument.
  static std::optional<std::pair<std::string, NodeRef>> intrinsic(NodeRef node) {
    const std::string_view tag = node.tag();
    if (tag.size() > 1 && tag[0] == '!') {
      const std::string_view name = tag.substr(1);
      if (name == "Ref" || name == "Condition") return std::pair{std::string(name), node};
      return std::pair{"Fn::" + std::string(name), node};
    }
    if (node.is_mapping() && node.size() == 1) {
      const NodeRef entry = *node.begin();
      const std::string_view key = entry.key();
      if (key == "Ref" || key.substr(0, 4) == "Fn::") return std::pair{std::string(key), entry};
    }
    return std::nullopt;
  }

  // A tagged node's argument is the node itself, without the tag: read its plain content.
  Value plain(NodeRef node) {
    Value v;
    v.mark = node.mark();
    switch (node.kind()) {
      case NodeKind::null:
        v.kind = Kind::null;
        return v;
      case NodeKind::boolean:
        v.kind = Kind::boolean;
        v.text = std::string(node.text());
        return v;
      case NodeKind::number:
        v.kind = Kind::number;
        v.text = std::string(node.text());
        return v;
      case NodeKind::string:
        v.kind = Kind::string;
        v.text = std::string(node.text());
        return v;
      case NodeKind::sequence: {
        v.kind = Kind::list;
        std::size_t index = 0;
        for (NodeRef item : node) {
          path_.push_back(fmt::format("[{}]", index++));
          Value e = eval(item);
          path_.pop_back();
          if (e.kind == Kind::absent) continue;
          absorb(v, e);
          v.items.push_back(std::move(e));
        }
        return v;
      }
      case NodeKind::mapping:
        v.kind = Kind::map;
        for (NodeRef entry : node) {
          path_.push_back(std::string(entry.key()));
          Value e = eval(entry);
          path_.pop_back();
          if (e.kind == Kind::absent) continue;
          absorb(v, e);
          v.add(std::string(entry.key()), std::move(e)).key_mark = entry.key_mark();
        }
        return v;
    }
    return v;
  }

  // A container knows the references of what it holds (a rule asks "does this environment refer
  // to the database?").
  static void absorb(Value& into, const Value& part) {
    into.references.insert(part.references.begin(), part.references.end());
  }

  Value eval(NodeRef node) {
    if (const auto call = intrinsic(node)) return call_intrinsic(call->first, call->second, node);
    return plain(node);
  }

  // The argument of an intrinsic: a tagged node read as plain content, an untagged one evaluated.
  Value argument(NodeRef arg, const NodeRef& call) {
    return arg.index() == call.index() ? plain(arg) : eval(arg);
  }

  Value call_intrinsic(const std::string& name, NodeRef arg, NodeRef call) {
    // An intrinsic's arguments are no property of the resource: the path stays the call's.
    struct Restore {
      std::size_t& frozen;
      std::size_t saved;
      ~Restore() { frozen = saved; }
    } restore{frozen_, frozen_};
    frozen_ = std::min(frozen_, path_.size());
    const SourceMark mark = call.mark();
    if (name == "Ref") return ref(std::string(arg.text()), arg.mark());
    if (name == "Fn::GetAtt") return get_att(argument(arg, call), mark);
    if (name == "Fn::Sub") return sub(argument(arg, call), mark);
    if (name == "Fn::Join") return join(argument(arg, call), mark);
    if (name == "Fn::Select") return select(argument(arg, call), mark);
    if (name == "Fn::Split") return split(argument(arg, call), mark);
    if (name == "Fn::FindInMap") return find_in_map(argument(arg, call), mark);
    if (name == "Fn::If") return if_(arg, mark);
    if (name == "Fn::Base64") return argument(arg, call);
    if (name == "Fn::ImportValue") {
      Value v = unknown("imported from another stack (Fn::ImportValue)", mark);
      note_unknown(fmt::format("{}:{}:{}: {}Fn::ImportValue: a value exported by another stack",
                               document_.file(), mark.line, mark.column, where()));
      return v;
    }
    if (name == "Fn::GetAZs") return unknown("the region's availability zones (Fn::GetAZs)", mark);
    return unknown(fmt::format("{} is not evaluated", name), mark);
  }

  // The resource and property being read, "ECSService NetworkConfiguration.Subnets[0]: ", for
  // an unknown's note (empty outside a resource's properties).
  std::string where() const {
    if (resource_.empty()) return "";
    std::string property;
    const std::size_t depth = std::min(path_.size(), frozen_);
    for (std::size_t i = 0; i < depth; ++i) {
      const std::string& part = path_[i];
      if (!property.empty() && !part.starts_with("[")) property += '.';
      property += part;
    }
    return resource_ + (property.empty() ? "" : " " + property) + ": ";
  }

  void note_unknown(std::string what) {
    if (unknowns_.size() < kMaxUnknowns) unknowns_.insert(std::move(what));
  }

  Value ref(const std::string& name, SourceMark mark) {
    if (name == "AWS::NoValue") {
      Value v;
      v.kind = Kind::absent;
      return v;
    }
    if (name.substr(0, 5) == "AWS::") {
      return unknown(fmt::format("{} is known at deployment", name), mark);
    }
    if (const auto p = parameters_.find(name); p != parameters_.end()) {
      return parameter(p->second, mark);
    }
    if (resources_.count(name) != 0) {
      Value v = unknown(fmt::format("the physical id of resource '{}'", name), mark);
      v.references.emplace(name, "");
      return v;
    }
    // SAM's generated references: `Fn.Alias` and `Fn.Version` of a function with
    // AutoPublishAlias name the alias and version SAM creates for it.
    for (const std::string_view generated : {".Alias", ".Version"}) {
      if (!name.ends_with(generated)) continue;
      const std::string function = name.substr(0, name.size() - generated.size());
      const auto r = resources_.find(function);
      if (r == resources_.end()) continue;
      const std::optional<NodeRef> type = r->second.find("Type");
      if (!type || type->text() != "AWS::Serverless::Function") continue;
      Value v = unknown(fmt::format("the {} SAM publishes for function '{}'",
                                    generated == ".Alias" ? "alias" : "version", function),
                        mark);
      v.references.emplace(function, "");
      return v;
    }
    error(mark, "template",
          fmt::format("Ref to '{}': no parameter or resource of that name", name));
    return unknown("a Ref to nothing", mark);
  }

  Value parameter(NodeRef definition, SourceMark mark) {
    const std::string name(definition.key());
    const std::optional<NodeRef> fallback = definition.find("Default");
    Value v;
    if (!fallback) {
      v = unknown(fmt::format("parameter '{}' has no default", name), mark);
      const SourceMark at = definition.key_mark();
      note_unknown(
          fmt::format("{}:{}:{}: parameter '{}' has no Default: a value given at deployment",
                      document_.file(), at.line, at.column, name));
    } else if (const std::optional<NodeRef> type = definition.find("Type");
               type && type->text().substr(0, 27) == "AWS::SSM::Parameter::Value<") {
      // The default names a Parameter Store key; the value is read there at deployment.
      v = unknown(fmt::format("parameter '{}' is read from SSM parameter '{}' at deployment", name,
                              fallback->text()),
                  mark);
    } else {
      v = plain(*fallback);
      v.mark = mark;
      const std::string_view t = type ? type->text() : std::string_view();
      if ((t.substr(0, 5) == "List<" || t == "CommaDelimitedList") && v.kind == Kind::string) {
        Value list;
        list.kind = Kind::list;
        list.mark = mark;
        for (std::string_view rest = v.text;;) {
          const std::size_t comma = rest.find(',');
          list.items.push_back(string_value(std::string(rest.substr(0, comma)), mark));
          if (comma == std::string_view::npos) break;
          rest.remove_prefix(comma + 1);
        }
        v = std::move(list);
      }
    }
    if (const auto no_echo = definition.find("NoEcho"); no_echo && no_echo->text() == "true") {
      v.references.emplace(name, "NoEcho");
    }
    return v;
  }

  Value get_att(const Value& arg, SourceMark mark) {
    std::string resource;
    std::string attribute;
    if (arg.kind == Kind::string) {  // short form "Resource.Attribute.Sub"
      const std::size_t dot = arg.text.find('.');
      resource = arg.text.substr(0, dot);
      attribute = dot == std::string::npos ? "" : arg.text.substr(dot + 1);
    } else if (arg.kind == Kind::list && arg.items.size() == 2 && arg.items[0].known()) {
      resource = arg.items[0].text;
      attribute = arg.items[1].known() ? arg.items[1].text : "";
    } else {
      error(mark, "template", "Fn::GetAtt takes [resource, attribute] or \"Resource.Attribute\"");
      return unknown("a malformed Fn::GetAtt", mark);
    }
    if (resources_.count(resource) == 0) {
      error(mark, "template",
            fmt::format("Fn::GetAtt to '{}': no resource of that name", resource));
      return unknown("a Fn::GetAtt to nothing", mark);
    }
    Value v = unknown(
        fmt::format("attribute {} of '{}' is known at deployment", attribute, resource), mark);
    v.references.emplace(resource, attribute);
    return v;
  }

  // Fn::Sub: "${Name}" is a Ref, "${Name.Attr}" a GetAtt, "${!Literal}" the text "${Literal}".
  Value sub(const Value& arg, SourceMark mark) {
    const Value* pattern = &arg;
    const Value* variables = nullptr;
    if (arg.kind == Kind::list) {
      if (arg.items.size() != 2 || arg.items[1].kind != Kind::map) {
        error(mark, "template", "Fn::Sub takes a string or [string, {variables}]");
        return unknown("a malformed Fn::Sub", mark);
      }
      pattern = &arg.items[0];
      variables = &arg.items[1];
    }
    if (pattern->kind != Kind::string || pattern->partial) {
      error(mark, "template", "Fn::Sub's pattern must be a literal string");
      return unknown("a malformed Fn::Sub", mark);
    }
    Value out = string_value("", mark);
    if (variables) absorb(out, *variables);
    const std::string& text = pattern->text;
    std::size_t i = 0;
    while (i < text.size()) {
      const std::size_t open = text.find("${", i);
      if (open == std::string::npos) {
        out.text += text.substr(i);
        break;
      }
      out.text += text.substr(i, open - i);
      const std::size_t close = text.find('}', open);
      if (close == std::string::npos) {
        out.text += text.substr(open);
        break;
      }
      const std::string name = text.substr(open + 2, close - open - 2);
      i = close + 1;
      if (!name.empty() && name[0] == '!') {
        out.text += "${" + name.substr(1) + "}";
        continue;
      }
      Value part;
      if (const Value* given = variables ? variables->find(name) : nullptr) {
        part = *given;
      } else if (name.find('.') != std::string::npos && name.substr(0, 5) != "AWS::") {
        part = get_att(string_value(name, mark), mark);
      } else {
        part = ref(name, mark);
      }
      append_part(out, part, name);
    }
    return out;
  }

  // Adds a resolved part to a string being built; an unknown part stays `${name}`.
  static void append_part(Value& out, const Value& part, std::string_view name) {
    absorb(out, part);
    if (part.kind == Kind::string || part.kind == Kind::number || part.kind == Kind::boolean) {
      out.text += part.text;
      if (part.partial) {
        out.partial = true;
        out.unknown_reason = part.unknown_reason;
      }
      return;
    }
    out.text += "${" + std::string(name) + "}";
    out.partial = true;
    if (out.unknown_reason.empty()) {
      out.unknown_reason =
          part.unknown_reason.empty() ? "a part is not a string" : part.unknown_reason;
    }
  }

  Value join(const Value& arg, SourceMark mark) {
    if (arg.kind != Kind::list || arg.items.size() != 2 || arg.items[0].kind != Kind::string) {
      error(mark, "template", "Fn::Join takes [delimiter, [values]]");
      return unknown("a malformed Fn::Join", mark);
    }
    const Value& list = arg.items[1];
    if (list.kind != Kind::list) {
      Value v = unknown("Fn::Join of a list known at deployment", mark);
      absorb(v, list);
      return v;
    }
    Value out = string_value("", mark);
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      if (i > 0) out.text += arg.items[0].text;
      append_part(out, list.items[i], "?");
    }
    return out;
  }

  Value select(const Value& arg, SourceMark mark) {
    if (arg.kind != Kind::list || arg.items.size() != 2) {
      error(mark, "template", "Fn::Select takes [index, [values]]");
      return unknown("a malformed Fn::Select", mark);
    }
    const std::optional<double> index = arg.items[0].number();
    const Value& list = arg.items[1];
    if (!index || list.kind != Kind::list) {
      Value v = unknown("Fn::Select of a value known at deployment", mark);
      absorb(v, list);
      return v;
    }
    if (*index < 0 || *index >= static_cast<double>(list.items.size()) ||
        *index != std::floor(*index)) {
      error(mark, "template",
            fmt::format("Fn::Select index {} is outside the list of {}", arg.items[0].text,
                        list.items.size()));
      return unknown("an Fn::Select outside its list", mark);
    }
    return list.items[static_cast<std::size_t>(*index)];
  }

  Value split(const Value& arg, SourceMark mark) {
    if (arg.kind != Kind::list || arg.items.size() != 2 || arg.items[0].kind != Kind::string ||
        arg.items[0].text.empty()) {
      error(mark, "template", "Fn::Split takes [delimiter, string]");
      return unknown("a malformed Fn::Split", mark);
    }
    const Value& source = arg.items[1];
    if (source.kind != Kind::string || source.partial) {
      Value v = unknown("Fn::Split of a string known at deployment", mark);
      absorb(v, source);
      return v;
    }
    Value list;
    list.kind = Kind::list;
    list.mark = mark;
    const std::string& d = arg.items[0].text;
    std::string_view rest = source.text;
    for (;;) {
      const std::size_t at = rest.find(d);
      list.items.push_back(string_value(std::string(rest.substr(0, at)), mark));
      if (at == std::string_view::npos) break;
      rest.remove_prefix(at + d.size());
    }
    return list;
  }

  Value find_in_map(const Value& arg, SourceMark mark) {
    if (arg.kind != Kind::list || arg.items.size() < 3) {
      error(mark, "template", "Fn::FindInMap takes [map, top-level key, second-level key]");
      return unknown("a malformed Fn::FindInMap", mark);
    }
    for (int i = 0; i < 3; ++i) {
      if (!arg.items[i].known()) {
        Value v = unknown("Fn::FindInMap with a key known at deployment", mark);
        absorb(v, arg.items[i]);
        return v;
      }
    }
    const auto map = mappings_.find(arg.items[0].text);
    if (map == mappings_.end()) {
      error(mark, "template", fmt::format("Fn::FindInMap: no mapping '{}'", arg.items[0].text));
      return unknown("a Fn::FindInMap to nothing", mark);
    }
    const std::optional<NodeRef> top = map->second.find(arg.items[1].text);
    const std::optional<NodeRef> second = top ? top->find(arg.items[2].text) : std::nullopt;
    if (!second) {
      if (arg.items.size() == 4) return arg.items[3];  // DefaultValue (language extensions)
      error(mark, "template",
            fmt::format("Fn::FindInMap: mapping '{}' has no '{}' / '{}'", arg.items[0].text,
                        arg.items[1].text, arg.items[2].text));
      return unknown("a Fn::FindInMap to nothing", mark);
    }
    return eval(*second);
  }

  Value if_(NodeRef arg, SourceMark mark) {
    if (!arg.is_sequence() || arg.size() != 3) {
      error(mark, "template", "Fn::If takes [condition, value if true, value if false]");
      return unknown("a malformed Fn::If", mark);
    }
    auto it = arg.begin();
    const NodeRef condition = *it;
    const NodeRef when_true = *++it;
    const NodeRef when_false = *++it;
    const std::optional<bool> on = condition_named(condition.text(), condition.mark());
    if (on) return eval(*on ? when_true : when_false);
    Value v = unknown(fmt::format("depends on condition '{}'", condition.text()), mark);
    absorb(v, eval(when_true));
    absorb(v, eval(when_false));
    return v;
  }

  // A condition's value when the files fix it (parameters' defaults); nullopt when a deployment
  // decides. A condition that refers back to itself is an error.
  std::optional<bool> condition_named(std::string_view name, SourceMark mark) {
    const auto found = conditions_.find(name);
    if (found == conditions_.end()) {
      error(mark, "template", fmt::format("no condition named '{}'", name));
      return std::nullopt;
    }
    auto& state = condition_state_[name];
    if (state.visiting) {
      error(found->second.mark(), "template", fmt::format("condition '{}' refers to itself", name));
      return std::nullopt;
    }
    if (state.done) return state.value;
    state.visiting = true;
    const std::optional<bool> value = condition_expression(found->second);
    auto& after = condition_state_[name];
    after.visiting = false;
    after.done = true;
    after.value = value;
    return value;
  }

  std::optional<bool> condition_expression(NodeRef node) {
    if (node.is_mapping() && node.size() == 1 && (*node.begin()).key() == "Condition") {
      return condition_named((*node.begin()).text(), (*node.begin()).mark());
    }
    const auto call = intrinsic(node);
    if (!call) {
      if (node.kind() == NodeKind::boolean) return node.text() == "true";
      error(node.mark(), "template",
            "a condition is Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
      return std::nullopt;
    }
    const auto& [name, arg] = *call;
    if (name == "Condition") return condition_named(arg.text(), arg.mark());
    std::vector<NodeRef> parts;
    if (arg.is_sequence()) {
      for (NodeRef p : arg) parts.push_back(p);
    }
    if (name == "Fn::Equals") {
      if (parts.size() != 2) {
        error(node.mark(), "template", "Fn::Equals takes two values");
        return std::nullopt;
      }
      const Value a = eval(parts[0]);
      const Value b = eval(parts[1]);
      if (!a.known() || !b.known()) return std::nullopt;
      return a.text == b.text;
    }
    if (name == "Fn::Not") {
      if (parts.size() != 1) {
        error(node.mark(), "template", "Fn::Not takes one condition");
        return std::nullopt;
      }
      const auto v = condition_expression(parts[0]);
      return v ? std::optional<bool>(!*v) : std::nullopt;
    }
    if (name == "Fn::And" || name == "Fn::Or") {
      const bool is_and = name == "Fn::And";
      bool unknown_part = false;
      for (NodeRef p : parts) {
        const auto v = condition_expression(p);
        if (!v) {
          unknown_part = true;
        } else if (*v != is_and) {
          return !is_and;  // one false decides an And, one true an Or
        }
      }
      return unknown_part ? std::nullopt : std::optional<bool>(is_and);
    }
    error(node.mark(), "template", fmt::format("{} is not a condition function", name));
    return std::nullopt;
  }

  static constexpr std::size_t kMaxUnknowns = 100;

  struct ConditionState {
    bool visiting = false;
    bool done = false;
    std::optional<bool> value;
  };

  const Document& document_;
  Diagnostics& diagnostics_;
  std::unordered_map<std::string_view, NodeRef> parameters_;
  std::unordered_map<std::string_view, NodeRef> mappings_;
  std::unordered_map<std::string_view, NodeRef> conditions_;
  std::unordered_map<std::string_view, NodeRef> resources_;
  std::unordered_map<std::string_view, ConditionState> condition_state_;
  std::set<std::string> unknowns_;
  std::string resource_;           // the resource whose properties are being read
  std::vector<std::string> path_;  // the property path within them
  // The depth of path_ at the innermost intrinsic being evaluated (what lies deeper is its
  // arguments'), or the whole path outside intrinsics.
  std::size_t frozen_ = static_cast<std::size_t>(-1);
};

}  // namespace

TemplateResult resolve_template(const Document& document) {
  TemplateResult result;
  Resolver resolver(document, result.diagnostics);
  std::optional<Template> t = resolver.run();
  if (result.diagnostics.empty()) result.value = std::move(t);
  return result;
}

}  // namespace computefit::readers
