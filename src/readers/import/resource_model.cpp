#include "readers/import/resource_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

namespace computefit::readers {
namespace {

std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : name) {
    if (c == '_' || c == '-' || c == '.') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

}  // namespace

bool secret_name(std::string_view name) {
  static const std::set<std::string> kWords = {"PASSWORD", "PASSWD",     "SECRET",     "TOKEN",
                                               "APIKEY",   "CREDENTIAL", "CREDENTIALS"};
  const std::vector<std::string> words = words_of(name);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (kWords.contains(words[i])) return true;
    if (i + 1 < words.size() && words[i + 1] == "KEY" &&
        (words[i] == "API" || words[i] == "PRIVATE")) {
      return true;
    }
  }
  return false;
}

bool plain_setting(std::string_view value) {
  if (value.empty()) return true;
  const std::string text(value);
  char* end = nullptr;
  (void)std::strtod(text.c_str(), &end);
  if (end == text.c_str() + text.size()) return true;  // a number (or a port)
  if (text == "true" || text == "false") return true;
  if (text.starts_with("arn:")) return true;  // names a secret, does not hold it
  const std::size_t scheme = text.find("://");
  if (scheme != std::string::npos) {
    // A URL holds a credential only in its user-info part: scheme://user:password@host.
    const std::string_view rest = std::string_view(text).substr(scheme + 3);
    const std::size_t at = rest.find('@');
    const std::size_t slash = rest.find('/');
    return at == std::string_view::npos || (slash != std::string_view::npos && slash < at);
  }
  return false;
}

bool pool_size_name(std::string_view name) {
  for (const std::string& word : words_of(name)) {
    if (word.find("POOL") != std::string::npos) return true;
  }
  return false;
}

std::string classify_variable(const VariableFacts& v) {
  if (!secret_name(v.name)) return "";
  const bool dynamic = v.text.find("{{resolve:secretsmanager:") != std::string_view::npos ||
                       v.text.find("{{resolve:ssm-secure:") != std::string_view::npos;
  const bool literal = v.literal && !plain_setting(v.text);
  const std::string name(v.name);
  if (v.no_echo) return name + " holds a NoEcho parameter in plain text";
  if (dynamic) return name + " resolves a secret into the configuration";
  if (literal || v.secret_attribute) return name + " holds a secret in plain text";
  return "";
}

std::optional<Sourced<int>> database_limit(const Value* engine, const std::string& instance_class,
                                           const std::optional<ServerlessV2Capacity>& serverless,
                                           Origin class_origin, const std::string& id,
                                           std::vector<std::string>& unknowns) {
  if (!engine || !engine->known() || instance_class.empty()) {
    unknowns.push_back(
        id + ": max_connections: the engine or the instance class is not known in the files");
    return std::nullopt;
  }
  const DefaultMaxConnections d = default_max_connections(engine->text, instance_class, serverless);
  if (!d.max_connections) {
    unknowns.push_back(id + ": max_connections: " + d.explanation);
    return std::nullopt;
  }
  // The first clause of the derivation, for the comment beside the value (docs/iac.md has the
  // rest): up to its first ": " or its source's " (", never inside the source's URL.
  class_origin.note =
      d.explanation.substr(0, std::min(d.explanation.find(": "), d.explanation.find(" (")));
  return Sourced<int>{*d.max_connections, std::move(class_origin)};
}

namespace {

// Bytes `text` takes as a JSON string's contents: `"` and `\` escaped, control characters as
// \n-style or \u00XX escapes, everything else as its UTF-8 bytes.
std::size_t json_string_bytes(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f') {
      n += 2;
    } else if (u < 0x20) {
      n += 6;
    } else {
      n += 1;
    }
  }
  return n;
}

}  // namespace

int environment_json_bytes(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& variables) {
  std::size_t n = 2;  // {}
  for (const auto& [name, value] : variables) {
    // "NAME":"VALUE", with a comma between entries.
    n += json_string_bytes(name) + json_string_bytes(value.value_or("")) + 5;
  }
  if (!variables.empty()) n += variables.size() - 1;
  return static_cast<int>(std::min<std::size_t>(n, 1u << 30));
}

ImportedEnvironmentSize environment_size(const Value& variables, Origin origin) {
  std::vector<std::pair<std::string, std::optional<std::string>>> pairs;
  ImportedEnvironmentSize out;
  for (const Value& v : variables.entries) {
    const bool scalar = v.kind == Value::Kind::string || v.kind == Value::Kind::number ||
                        v.kind == Value::Kind::boolean;
    if (v.known() && scalar) {
      pairs.emplace_back(v.key, v.text);
    } else {
      pairs.emplace_back(v.key, std::nullopt);
      out.unresolved.push_back(v.key);
    }
  }
  origin.note = out.unresolved.empty()
                    ? "the variables as Lambda measures them (JSON, UTF-8 bytes)"
                    : "at least: the variables as Lambda measures them, unknown values empty";
  out.bytes = Sourced<int>{environment_json_bytes(pairs), std::move(origin)};
  return out;
}

bool action_matches(std::string_view pattern, std::string_view action) {
  // Iterative glob match with backtracking to the last '*'.
  const auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  std::size_t p = 0, a = 0, star = std::string_view::npos, mark = 0;
  while (a < action.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(action[a]))) {
      ++p;
      ++a;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = a;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      a = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool role_may(const ImportedModel& model, const std::string& role, std::string_view action) {
  if (model.roles_granted_elsewhere.contains(role)) return true;
  bool named = false;
  for (const ImportedPolicy& policy : model.policies) {
    const bool attached =
        std::any_of(policy.roles.begin(), policy.roles.end(),
                    [&](const Sourced<std::string>& r) { return r.value == role; });
    if (!attached) continue;
    named = true;
    for (const ImportedStatement& st : policy.statements) {
      if (st.effect.value != "Allow") continue;
      for (const Sourced<std::string>& a : st.actions) {
        if (action_matches(a.value, action)) return true;
      }
      if (!st.not_actions.empty() && std::none_of(st.not_actions.begin(), st.not_actions.end(),
                                                  [&](const Sourced<std::string>& a) {
                                                    return action_matches(a.value, action);
                                                  })) {
        return true;
      }
    }
  }
  return !named;
}

namespace {

// The strings of a policy's Action/Resource value: one string or a list of them. A value the files
// do not fix keeps what is known of it, `${...}` for each unknown part as Fn::Sub writes it (an
// ARN built from a bucket's attribute is still one resource, never `*`); an unknown action is
// listed as unknown.
void strings_of(const Value* v, const std::string& file, const std::string& what,
                const std::string& id, std::vector<Sourced<std::string>>& out,
                std::vector<std::string>& unknowns) {
  if (!v) return;
  const auto add = [&](const Value& item) {
    if (item.known() && item.kind == Value::Kind::string) {
      out.push_back(Sourced<std::string>{item.text, Origin{file, item.mark, what}});
      return;
    }
    std::string text = item.partial ? item.text : "";
    if (text.empty()) {
      for (const auto& [target, attribute] : item.references) {
        text += "${" + target + (attribute.empty() ? "" : "." + attribute) + "}";
      }
    }
    if (text.empty()) text = "${unknown}";
    out.push_back(
        Sourced<std::string>{text, Origin{file, item.mark, what + ", not known in the files"}});
    // An unknown action may be any action; an unknown resource (an ARN of a resource the files
    // create) is one resource, and templates hold many: only the former is worth listing.
    if (what.ends_with("Action")) {
      unknowns.push_back(id + ": " + what + " " + text + ": not known in the files" +
                         (item.unknown_reason.empty() ? "" : " (" + item.unknown_reason + ")"));
    }
  };
  if (v->kind == Value::Kind::list) {
    for (const Value& item : v->items) add(item);
  } else {
    add(*v);
  }
}

}  // namespace

namespace {

// "1 vCPU" -> 1 with `unit` "vcpu"; "1024" -> 1024 with no unit; nullopt for anything else. The
// unit is matched in any case, with or without spaces before it.
std::optional<std::pair<double, bool>> amount_with_unit(std::string_view text,
                                                        std::string_view unit) {
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  const std::string number_text(text);
  char* end = nullptr;
  const double amount = std::strtod(number_text.c_str(), &end);
  const std::size_t used = static_cast<std::size_t>(end - number_text.c_str());
  if (used == 0 || !std::isfinite(amount) || amount <= 0) return std::nullopt;
  std::string_view rest = text.substr(used);
  while (!rest.empty() && space(rest.front())) rest.remove_prefix(1);
  if (rest.empty()) return std::pair{amount, false};
  if (rest.size() != unit.size()) return std::nullopt;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(rest[i])) != unit[i]) return std::nullopt;
  }
  return std::pair{amount, true};
}

// 1,024 CPU units make a vCPU (ECS's task CPU units).
constexpr double kCpuUnitsPerVcpu = 1024;
// ECS's "GB" in task memory is 1,024 MiB ("2 GB" registers as 2048).
constexpr double kMbPerGb = 1024;

}  // namespace

std::optional<double> task_vcpu(const Value& v) {
  if (!v.known() || (v.kind != Value::Kind::number && v.kind != Value::Kind::string)) {
    return std::nullopt;
  }
  const auto amount = amount_with_unit(v.text, "vcpu");
  if (!amount) return std::nullopt;
  return amount->second ? amount->first : amount->first / kCpuUnitsPerVcpu;
}

std::optional<double> task_memory_mb(const Value& v) {
  if (!v.known() || (v.kind != Value::Kind::number && v.kind != Value::Kind::string)) {
    return std::nullopt;
  }
  const auto amount = amount_with_unit(v.text, "gb");
  if (!amount) return std::nullopt;
  return amount->second ? amount->first * kMbPerGb : amount->first;
}

std::vector<ImportedStatement> statements_of(const Value& document, const std::string& file,
                                             const std::string& id,
                                             std::vector<std::string>& unknowns) {
  std::vector<ImportedStatement> out;
  const Value* statements = document.find("Statement");
  if (!statements) return out;
  std::vector<const Value*> list;
  if (statements->kind == Value::Kind::list) {
    for (const Value& item : statements->items) list.push_back(&item);
  } else {
    list.push_back(statements);
  }
  for (const Value* st : list) {
    if (st->kind != Value::Kind::map) continue;
    const Value* effect = st->find("Effect");
    if (!effect || !effect->known() || (effect->text != "Allow" && effect->text != "Deny")) {
      unknowns.push_back(id + ": a statement's Effect is not Allow or Deny in the files");
      continue;
    }
    ImportedStatement statement;
    statement.effect = Sourced<std::string>{effect->text, Origin{file, effect->mark, "Effect"}};
    strings_of(st->find("Action"), file, "Action", id, statement.actions, unknowns);
    strings_of(st->find("NotAction"), file, "NotAction", id, statement.not_actions, unknowns);
    strings_of(st->find("Resource"), file, "Resource", id, statement.resources, unknowns);
    strings_of(st->find("NotResource"), file, "NotResource", id, statement.not_resources, unknowns);
    if (const Value* c = st->find("Condition"))
      statement.condition = Origin{file, c->mark, "Condition"};
    if (statement.actions.empty() && statement.not_actions.empty()) continue;
    out.push_back(std::move(statement));
  }
  return out;
}

std::string language_of_runtime(std::string_view runtime) {
  static const std::vector<std::pair<std::string_view, std::string_view>> kPrefixes = {
      {"python", "python"}, {"nodejs", "nodejs"}, {"java", "java"},
      {"dotnet", "dotnet"}, {"ruby", "ruby"},     {"go1", "go"}};
  for (const auto& [prefix, language] : kPrefixes) {
    if (runtime.starts_with(prefix)) return std::string(language);
  }
  return "";
}

std::string endpoint_service_of(std::string_view service_name) {
  constexpr std::string_view kPrefix = "com.amazonaws.";
  if (!service_name.starts_with(kPrefix)) return "";
  const std::string_view rest = service_name.substr(kPrefix.size());
  const std::size_t dot = rest.find('.');  // after the region (or its ${AWS::Region})
  if (dot == std::string_view::npos) return "";
  return std::string(rest.substr(dot + 1));
}

std::string_view route_target_noun(std::string_view target) {
  static const std::vector<std::pair<std::string_view, std::string_view>> kNouns = {
      {"tgw", "a transit gateway"},
      {"instance", "an EC2 instance (a NAT instance)"},
      {"eni", "a network interface"},
      {"gwlbe", "a Gateway Load Balancer endpoint"},
      {"pcx", "a VPC peering connection"}};
  for (const auto& [key, noun] : kNouns) {
    if (key == target) return noun;
  }
  return "";
}

std::string egress_unknown_line(const ImportedNetwork& network, const std::string& id) {
  if (!network.egress_unknown) return "";
  const Origin& at = network.egress_unknown->origin;
  return fmt::format(
      "{}:{}:{}: {} network: its subnets' default route goes to {} ({}): whether that reaches "
      "the internet is not in the files, so network.subnet and nat_gateway are left to the "
      "overlay (private-subnet-no-egress does not judge it)",
      at.file, at.mark.line, at.mark.column, id, network.egress_unknown->value, at.note);
}

std::optional<ImportedNetwork> network_of(const NetworkFacts& facts,
                                          const std::vector<std::string>& subnets,
                                          const Origin& origin) {
  if (subnets.empty()) return std::nullopt;
  ImportedNetwork network;
  std::set<std::string> tables;
  std::optional<Sourced<std::string>> igw, nat, beyond, peering;
  bool unassociated = false;
  for (const std::string& subnet : subnets) {
    const auto it = facts.route_tables_of_subnet.find(subnet);
    if (it == facts.route_tables_of_subnet.end()) {
      unassociated = true;  // the VPC's main route table: local routes only, unless changed
      continue;
    }
    for (const std::string& table : it->second) {
      tables.insert(table);
      const auto route = facts.default_route.find(table);
      if (route == facts.default_route.end()) continue;
      const std::string& target = route->second.value;
      if (target == "igw") {
        igw = route->second;
      } else if (target == "nat") {
        nat = route->second;
      } else if (target == "pcx") {
        peering = route->second;
      } else if (!route_target_noun(target).empty() && !beyond) {
        beyond = route->second;
      }
    }
  }
  if (igw) {
    network.subnet = Sourced<std::string>{"public", igw->origin};
    network.subnet.origin.note = "a default route to an internet gateway";
  } else {
    network.subnet = Sourced<std::string>{"private", origin};
    network.subnet.origin.note =
        unassociated && tables.empty()
            ? "subnets with no route table of their own: the VPC's main table, local routes"
            : "no default route to an internet gateway";
  }
  if (nat) {
    network.nat_gateway = Sourced<bool>{true, nat->origin};
    network.nat_gateway.origin.note = "a default route to a NAT gateway";
  } else if (!igw && beyond) {
    // A transit gateway, a NAT instance or an appliance may well lead to the internet (a NAT in
    // an egress VPC, a firewall): what lies beyond is not in the files.
    network.egress_unknown =
        Sourced<std::string>{std::string(route_target_noun(beyond->value)), beyond->origin};
    network.nat_gateway = Sourced<bool>{false, origin};
    network.nat_gateway.origin.note = "no default route to a NAT gateway";
  } else if (!igw && peering) {
    // VPC peering has no edge-to-edge routing: the peer's NAT or internet gateway does not carry
    // this VPC's traffic on, so a default route there reaches no internet.
    network.nat_gateway = Sourced<bool>{false, peering->origin};
    network.nat_gateway.origin.note =
        "a default route to a VPC peering connection, which carries no traffic on to the "
        "internet (no edge-to-edge routing)";
  } else {
    network.nat_gateway = Sourced<bool>{false, origin};
    network.nat_gateway.origin.note = "no default route to a NAT gateway";
  }
  std::set<std::string> seen;
  for (const NetworkFacts::Endpoint& e : facts.endpoints) {
    const bool reachable =
        !e.gateway || std::any_of(e.route_tables.begin(), e.route_tables.end(),
                                  [&](const std::string& t) { return tables.contains(t); });
    if (reachable && !e.service.empty() && seen.insert(e.service).second) {
      network.vpc_endpoints.push_back(Sourced<std::string>{e.service, e.origin});
      if (!e.gateway) network.interface_endpoints.push_back(e.service);
    }
  }
  network.azs = Sourced<int>{static_cast<int>(std::min<std::size_t>(subnets.size(), 6)), origin};
  network.azs.origin.note = "one availability zone per subnet";
  return network;
}

namespace {

void put(DraftNode& node, std::string_view key, const Sourced<std::string>& v) {
  node.set(key, yaml_string(v.value), v.origin);
}
void put(DraftNode& node, std::string_view key, const Sourced<double>& v) {
  node.set(key, yaml_number(v.value), v.origin);
}
void put(DraftNode& node, std::string_view key, const Sourced<int>& v) {
  node.set(key, fmt::format("{}", v.value), v.origin);
}

void put_strings(DraftNode& node, std::string_view key,
                 const std::vector<Sourced<std::string>>& values) {
  if (values.empty()) return;
  DraftNode& list = node.at(key);
  list.is_list = true;
  list.origin = values.front().origin;
  for (const Sourced<std::string>& v : values) {
    list.items.push_back(DraftNode{});
    list.items.back().scalar = yaml_string(v.value);
    list.items.back().origin = v.origin;
  }
}

// iam_policies: each policy by the id of the resource that holds it (a logical id or an address
// may hold dots, so the key is added as written rather than walked).
void write_policies(const std::vector<ImportedPolicy>& policies, DraftNode& spec) {
  if (policies.empty()) return;
  DraftNode& all = spec.at("iam_policies");
  for (const ImportedPolicy& p : policies) {
    all.entries.push_back(DraftNode{});
    DraftNode& entry = all.entries.back();
    entry.key = yaml_string(p.id);
    entry.origin = p.origin;
    put_strings(entry, "roles", p.roles);
    DraftNode& statements = entry.at("statements");
    statements.is_list = true;
    for (const ImportedStatement& st : p.statements) {
      statements.items.push_back(DraftNode{});
      DraftNode& item = statements.items.back();
      put(item, "effect", st.effect);
      put_strings(item, "actions", st.actions);
      put_strings(item, "not_actions", st.not_actions);
      put_strings(item, "resources", st.resources);
      put_strings(item, "not_resources", st.not_resources);
      if (st.condition) item.set("conditional", "true", *st.condition);
    }
  }
}

// What the files' networks already pay for, whatever runtime is chosen: a NAT gateway a service
// routes through, and the interface endpoints the files create (SPEC.md "What is already paid
// for"): an option is charged only its own GB on them, not their hours.
void write_existing_network(const ImportedModel& model, DraftNode& spec) {
  std::optional<Origin> nat;
  std::vector<Sourced<std::string>> endpoints;
  std::set<std::string> seen;
  for (const ImportedService& s : model.services) {
    if (!s.network) continue;
    if (s.network->nat_gateway.value && !nat) {
      nat = s.network->nat_gateway.origin;
      nat->note = "the files route " + s.name.value +
                  " through a NAT gateway: it exists whatever runtime is chosen";
    }
    for (const Sourced<std::string>& e : s.network->vpc_endpoints) {
      const auto& interfaces = s.network->interface_endpoints;
      if (std::find(interfaces.begin(), interfaces.end(), e.value) == interfaces.end()) continue;
      if (!seen.insert(e.value).second) continue;
      endpoints.push_back(e);
      endpoints.back().origin.note = "an interface endpoint the files create";
    }
  }
  if (nat) spec.set("team.existing.nat_gateway", "true", *nat);
  put_strings(spec, "team.existing.vpc_endpoints", endpoints);
}

}  // namespace

void write_model(const ImportedModel& model, const std::string& name, DraftNode& spec) {
  spec.set("version", "1", {});
  spec.set("name", yaml_string(name), {});
  if (model.region) {
    put(spec, "region", *model.region);
  } else {
    spec.set("region", "us-east-1", {"", {}, "TODO: the region (the templates do not fix it)"});
  }

  if (model.cluster) {
    // The files say the cluster exists, never who runs it: a platform team is the overlay's to
    // say.
    spec.set("team.existing.eks_cluster", "true", model.cluster->origin);
    spec.at("team").todos.push_back(
        "kubernetes_platform: true when a platform team runs this cluster for the services (a "
        "template cannot say; without it the team runs Kubernetes itself)");
    const ImportedCluster& c = *model.cluster;
    if (c.kubernetes_version) put(spec, "runtimes.eks.kubernetes_version", *c.kubernetes_version);
    if (c.node_instance_type) put(spec, "runtimes.eks.instance_type", *c.node_instance_type);
    if (c.min_nodes) put(spec, "runtimes.eks.min_nodes", *c.min_nodes);
    if (c.max_nodes) put(spec, "runtimes.eks.max_nodes", *c.max_nodes);
    if (!c.node_instance_type && !c.node_type_unknown.empty()) {
      // In the eks block when it holds something, else beside it.
      const std::string todo =
          "instance_type: the cluster's node type (" + c.node_type_unknown + ")";
      if (const DraftNode* runtimes = spec.find("runtimes"); runtimes && runtimes->find("eks")) {
        spec.at("runtimes.eks").todos.push_back(todo);
      } else {
        spec.todos.push_back("runtimes: eks: " + todo);
      }
    }
  }
  write_existing_network(model, spec);

  std::map<std::string, const ImportedDatabase*> databases;
  if (!model.databases.empty()) {
    DraftNode& downstreams = spec.at("downstreams");
    for (const ImportedDatabase& db : model.databases) {
      databases[db.id] = &db;
      DraftNode& entry = downstreams.at(db.name);
      entry.origin = db.origin;
      entry.set("kind", "database", {});
      if (db.max_connections) {
        put(entry, "max_connections", *db.max_connections);
      } else {
        entry.todos.push_back(
            "max_connections: the database's connection limit (not resolvable from the files)");
      }
      entry.set("proxy", db.proxy ? "true" : "false", {});
    }
  }

  write_policies(model.policies, spec);

  if (model.services.empty()) {
    spec.todos.push_back(
        "services: the workloads that run on this platform (no function or ECS service in the "
        "files; an overlay adds them)");
  }
  for (const ImportedService& s : model.services) {
    DraftNode& out = spec.append("services");
    put(out, "name", s.name);
    // The resource findings name beside their location (a plan's address: SPEC.md "Locations").
    put(out, "resource", Sourced<std::string>{s.id, s.name.origin});
    if (s.kind) put(out, "kind", *s.kind);
    if (s.schedule) put(out, "schedule", *s.schedule);
    if (s.language) put(out, "language", *s.language);
    if (s.architecture) put(out, "architecture", *s.architecture);
    if (s.memory_mb) put(out, "memory_mb", *s.memory_mb);
    if (s.vcpu) put(out, "vcpu", *s.vcpu);
    if (s.task_definition) put(out, "task_definition", *s.task_definition);
    if (s.task_vcpu && s.task_memory_mb) {
      put(out, "task_size.vcpu", *s.task_vcpu);
      put(out, "task_size.memory_mb", *s.task_memory_mb);
    }
    if (s.iam_role) put(out, "iam_role", *s.iam_role);
    if (s.execution_role) put(out, "execution_role", *s.execution_role);
    if (s.secrets) put(out, "secrets", *s.secrets);
    if (s.environment) {
      put(out, "environment_bytes", s.environment->bytes);
      if (!s.environment->unresolved.empty()) {
        DraftNode& list = out.at("environment_unresolved");
        list.is_list = true;
        list.origin = s.environment->bytes.origin;
        list.origin.note = "values the files do not fix, counted empty";
        for (const std::string& name : s.environment->unresolved) {
          list.items.push_back(DraftNode{});
          list.items.back().scalar = yaml_string(name);
          list.items.back().origin = s.environment->bytes.origin;
          list.items.back().origin.note = name;
        }
      }
    }
    if (s.event_source) {
      const ImportedEventSource& e = *s.event_source;
      if (e.queue) put(out, "event_source.queue", *e.queue);
      if (e.visibility_timeout_seconds) {
        put(out, "event_source.visibility_timeout_seconds", *e.visibility_timeout_seconds);
      }
      if (e.batch_size) put(out, "event_source.batch_size", *e.batch_size);
      if (e.batching_window_seconds) {
        put(out, "event_source.batching_window_seconds", *e.batching_window_seconds);
      }
      if (e.max_concurrency) put(out, "event_source.max_concurrency", *e.max_concurrency);
    }
    if (s.network && s.network->egress_unknown) {
      // Egress the files cannot judge: what is known (endpoints, AZs) and the rest to do.
      const Sourced<std::string>& beyond = *s.network->egress_unknown;
      out.at("network").todos.push_back(fmt::format(
          "subnet: private, and nat_gateway: true when {} ({}:{}) leads on to the internet (a "
          "NAT or firewall beyond it), false when it does not; without them the spec reads the "
          "service as outside your VPC",
          beyond.value, beyond.origin.file, beyond.origin.mark.line));
    } else if (s.network) {
      put(out, "network.subnet", s.network->subnet);
      out.set("network.nat_gateway", s.network->nat_gateway.value ? "true" : "false",
              s.network->nat_gateway.origin);
    }
    if (s.network) {
      DraftNode& endpoints = out.at("network.vpc_endpoints");
      endpoints.is_list = true;
      if (s.network->vpc_endpoints.empty()) {
        endpoints.origin = s.network->azs.origin;
        endpoints.origin.note = "no VPC endpoint in the files reaches these subnets";
      }
      for (const Sourced<std::string>& e : s.network->vpc_endpoints) {
        endpoints.items.push_back(DraftNode{});
        endpoints.items.back().scalar = yaml_string(e.value);
        endpoints.items.back().origin = e.origin;
      }
      put(out, "network.azs", s.network->azs);
    }
    if (!s.network && s.network_todo) out.todos.push_back(*s.network_todo);
    if (s.assign_public_ip) {
      out.set("network.assign_public_ip", s.assign_public_ip->value ? "true" : "false",
              s.assign_public_ip->origin);
    }
    if (s.network_unknown) {
      // In a VPC the files do not resolve: what is known, and the rest to do, never `none`.
      if (s.network_azs) put(out, "network.azs", *s.network_azs);
      const std::string& why = s.network_unknown->value;
      const std::string todo =
          s.lambda ? "in a VPC (" + why +
                         "): a function there has no public IP whatever its subnet; say subnet: "
                         "private, nat_gateway (true when its route table sends 0.0.0.0/0 to a "
                         "NAT gateway) and vpc_endpoints, else the spec reads it as outside your "
                         "VPC"
                   : "in a VPC (" + why +
                         "): say subnet (public or private), nat_gateway and vpc_endpoints, "
                         "else the spec reads it as outside your VPC (a public subnet)";
      if (out.find("network")) {
        out.at("network").todos.push_back("subnet: " + todo);
      } else {
        out.todos.push_back("network: " + todo);
      }
    }
    if (s.ephemeral_storage_gb) {
      put(out, "needs.ephemeral_storage_gb", *s.ephemeral_storage_gb);
    }
    for (const ImportedUse& use : s.uses) {
      const auto db = databases.find(use.database_id);
      if (db == databases.end()) continue;
      DraftNode& u = out.append("uses");
      u.set("downstream", yaml_string(db->second->name), use.origin);
      put(u, "connections_per_instance", use.connections_per_instance);
    }
    if (s.lambda) {
      if (s.timeout_seconds) put(out, "runtimes.lambda.timeout_seconds", *s.timeout_seconds);
      if (s.reserved_concurrency) {
        put(out, "runtimes.lambda.reserved_concurrency", *s.reserved_concurrency);
      }
      if (s.provisioned_concurrency) {
        put(out, "runtimes.lambda.provisioned_concurrency", *s.provisioned_concurrency);
      }
      if (s.front_door) put(out, "runtimes.lambda.front_door", *s.front_door);
    } else {
      const std::string block =
          "runtimes." + (s.launch ? s.launch->value : std::string("ecs-fargate"));
      if (s.min_tasks) put(out, block + ".min_tasks", *s.min_tasks);
      if (s.max_tasks) put(out, block + ".max_tasks", *s.max_tasks);
      if (s.health_check_grace_seconds) {
        put(out, block + ".health_check_grace_seconds", *s.health_check_grace_seconds);
      }
    }
    if (!s.kind || s.kind->value != "scheduled") {
      out.todos.push_back(
          "traffic: the requests (messages, events) per second, e.g. { rps: 5 }, with peak_rps "
          "and shape when it varies");
    }
    out.todos.push_back("duration_ms: how long one request runs, e.g. { p50: 80, p99: 400 }");
    if (!s.kind || s.kind->value == "http") {
      out.todos.push_back("slo: the latency target, e.g. { p99_ms: 500 }");
    }
  }
}

}  // namespace computefit::readers
