#include "readers/import/resource_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
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

std::optional<ImportedNetwork> network_of(const NetworkFacts& facts,
                                          const std::vector<std::string>& subnets,
                                          const Origin& origin) {
  if (subnets.empty()) return std::nullopt;
  ImportedNetwork network;
  std::set<std::string> tables;
  std::optional<Sourced<std::string>> igw, nat;
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
      if (route->second.value == "igw") igw = route->second;
      if (route->second.value == "nat") nat = route->second;
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
    // The cluster is the team's platform: its services run there at a share of its nodes.
    spec.set("team.kubernetes_platform", "true", model.cluster->origin);
    spec.set("team.existing.eks_cluster", "true", model.cluster->origin);
    if (model.cluster->kubernetes_version) {
      put(spec, "runtimes.eks.kubernetes_version", *model.cluster->kubernetes_version);
    }
    if (model.cluster->node_instance_type) {
      put(spec, "runtimes.eks.instance_type", *model.cluster->node_instance_type);
    }
  }

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

  if (model.services.empty()) {
    spec.todos.push_back(
        "services: the workloads that run on this platform (no function or ECS service in the "
        "files; an overlay adds them)");
  }
  for (const ImportedService& s : model.services) {
    DraftNode& out = spec.append("services");
    put(out, "name", s.name);
    if (s.kind) put(out, "kind", *s.kind);
    if (s.schedule) put(out, "schedule", *s.schedule);
    if (s.language) put(out, "language", *s.language);
    if (s.architecture) put(out, "architecture", *s.architecture);
    if (s.memory_mb) put(out, "memory_mb", *s.memory_mb);
    if (s.vcpu) put(out, "vcpu", *s.vcpu);
    if (s.iam_role) put(out, "iam_role", *s.iam_role);
    if (s.secrets) put(out, "secrets", *s.secrets);
    if (s.network) {
      put(out, "network.subnet", s.network->subnet);
      out.set("network.nat_gateway", s.network->nat_gateway.value ? "true" : "false",
              s.network->nat_gateway.origin);
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
