// Terraform plan resources into the import model (SPEC.md "Reading infrastructure as code"): the
// same facts as from CloudFormation, from the AWS provider's attribute names. A plan writes nested
// blocks as lists, `container_definitions` as a JSON string, and -1 for unreserved concurrency.

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>

#include "document/json_document.hpp"
#include "readers/database_defaults.hpp"
#include "readers/import/from_sources.hpp"
#include "readers/naming.hpp"

namespace computefit::readers {
namespace {

Origin origin_of(const Plan& plan, const Value& v, std::string note) {
  return Origin{plan.file, v.mark, std::move(note)};
}

// Resource addresses a value refers to, without instance keys ("module.m.aws_x.y").
std::set<std::string> referenced(const Value& v) {
  std::set<std::string> ids;
  for (const auto& [address, attribute] : v.references) ids.insert(address);
  return ids;
}

// The first block of a nested-block list (`environment[0]`), or the value itself.
const Value* block(const Value* v) {
  if (!v) return nullptr;
  if (v->kind == Value::Kind::list) return v->items.empty() ? nullptr : &v->items.front();
  return v;
}

// The most availability zones a service's subnets are counted in, as network_of counts them: a
// region has at most six (us-east-1).
constexpr std::size_t kMaxAzs = 6;

std::optional<int> whole(const Value* v) {
  if (!v || !v->number()) return std::nullopt;
  return static_cast<int>(*v->number());
}

// The attributes that name a resource when another one points at it by value: a plan made after
// the first apply (or a configuration with literal ids) writes `subnet_ids = ["subnet-0abc"]`,
// not a reference to aws_subnet.private. Every resource is found by these, some types by one more.
constexpr std::string_view kNamingAttributes[] = {"id", "arn", "name"};
constexpr std::pair<std::string_view, std::string_view> kTypeNamingAttributes[] = {
    {"aws_lambda_function", "function_name"},
    {"aws_db_instance", "identifier"},
    {"aws_rds_cluster", "cluster_identifier"},
    // The VPC's own route table, which aws_default_route_table manages.
    {"aws_vpc", "default_route_table_id"},
    {"aws_vpc", "main_route_table_id"},
};

// Every known string in a value, at any depth.
void strings_in(const Value& v, std::vector<const Value*>& out) {
  if (v.known() && v.kind == Value::Kind::string && !v.text.empty()) out.push_back(&v);
  for (const Value& item : v.items) strings_in(item, out);
  for (const Value& entry : v.entries) strings_in(entry, out);
}

struct Index {
  const Plan& plan;
  NetworkFacts network;
  std::map<std::string, const PlanResource*> by_address;  // configuration addresses
  // The resources whose values refer to each address: a lookup costs the few that do, not a pass
  // over the whole plan.
  std::map<std::string, std::vector<const PlanResource*>> referrers;
  std::map<std::string, int> instances;  // a count or for_each resource's instances
  // A known id, ARN or name -> the resources (configuration addresses) it names.
  std::map<std::string, std::set<std::string>, std::less<>> by_value;

  std::string address_of(const PlanResource& r) const { return configuration_address(r.address); }
  const PlanResource* find(const std::string& address) const {
    const auto it = by_address.find(address);
    return it == by_address.end() ? nullptr : it->second;
  }
  // The resources a literal names (by their id, ARN or name).
  const std::set<std::string>* named_by(std::string_view text) const {
    const auto it = by_value.find(text);
    return it == by_value.end() ? nullptr : &it->second;
  }
  // The resources a value points at: its configuration references, and the resources its known
  // strings name. `self` (the resource holding the value) is left out: its own name is no link.
  std::set<std::string> targets(const Value& v, std::string_view self = {}) const {
    std::set<std::string> out = referenced(v);
    std::vector<const Value*> strings;
    strings_in(v, strings);
    for (const Value* text : strings) {
      if (const auto* named = named_by(text->text)) out.insert(named->begin(), named->end());
    }
    if (!self.empty()) out.erase(std::string(self));
    return out;
  }
  // The address a literal names among resources of `types`, when exactly one does.
  std::optional<std::string> named_of_type(std::string_view text,
                                           std::initializer_list<std::string_view> types) const {
    const auto* named = named_by(text);
    if (!named) return std::nullopt;
    std::optional<std::string> found;
    for (const std::string& address : *named) {
      const PlanResource* r = find(address);
      if (!r || std::find(types.begin(), types.end(), std::string_view(r->type)) == types.end())
        continue;
      if (found && *found != address) return std::nullopt;  // two of a kind: ambiguous
      found = address;
    }
    return found;
  }
  // Resources of `type` whose attribute `key` points at `address` (by reference or by value).
  std::vector<const PlanResource*> pointing_at(std::string_view type, std::string_view key,
                                               const std::string& address) const {
    std::vector<const PlanResource*> out;
    const auto it = referrers.find(address);
    if (it == referrers.end()) return out;
    for (const PlanResource* r : it->second) {
      if (r->type != type) continue;
      const Value* v = r->values.find(key);
      if (v && targets(*v, address_of(*r)).contains(address)) out.push_back(r);
    }
    return out;
  }
};

// The addresses of `types` a value points at ("aws_subnet" in a vpc_config).
std::vector<std::string> targets_of_type(const Index& index, const Value& v,
                                         std::initializer_list<std::string_view> types) {
  std::vector<std::string> out;
  for (const std::string& address : index.targets(v)) {
    const PlanResource* r = index.find(address);
    if (r && std::find(types.begin(), types.end(), std::string_view(r->type)) != types.end())
      out.push_back(address);
  }
  return out;
}
std::vector<std::string> references_of_type(const Index& index, const Value& v,
                                            std::string_view type) {
  return targets_of_type(index, v, {type});
}

// The subnets a subnet list names: by literal id, one subnet each, those the plan does not hold
// kept apart; else by reference, once per instance (`aws_subnet.private` with count = 2 is two
// subnets, two AZs, though a reference names it once).
struct SubnetList {
  std::vector<std::string> subnets;     // addresses, one per subnet
  std::vector<std::string> unresolved;  // ids or reasons the plan cannot resolve
  bool in_vpc = false;                  // the list names subnets at all
};

SubnetList subnets_in(const Index& index, const Value& attribute, std::string_view key) {
  SubnetList out;
  const Value* b = block(&attribute);
  const Value* ids = b ? b->find(key) : nullptr;
  bool unknown_items = ids && !ids->known();
  if (ids && ids->kind == Value::Kind::list) {
    for (const Value& item : ids->items) {
      if (!item.known() || item.kind != Value::Kind::string) {
        unknown_items = true;
        continue;
      }
      out.in_vpc = true;
      if (const auto address = index.named_of_type(item.text, {"aws_subnet"})) {
        out.subnets.push_back(*address);
      } else {
        out.unresolved.push_back(item.text);
      }
    }
  }
  if (out.subnets.empty()) {
    for (const std::string& address : references_of_type(index, attribute, "aws_subnet")) {
      const auto n = index.instances.find(address);
      out.subnets.insert(out.subnets.end(),
                         n == index.instances.end() ? 1 : static_cast<std::size_t>(n->second),
                         address);
    }
    if (!out.subnets.empty()) {
      out.unresolved.clear();  // the references say which subnets the literals are
      unknown_items = false;
    }
  }
  if (unknown_items) {
    out.in_vpc = true;
    out.unresolved.push_back("ids known only after apply, from outside the plan");
  }
  out.in_vpc = out.in_vpc || !out.subnets.empty();
  return out;
}

// Where a route goes, from its target attributes: a NAT or internet gateway of the plan, or an
// id of one outside it by AWS's id prefixes (nat-, igw-); a transit gateway, an instance, a
// network interface, a Gateway Load Balancer endpoint or a peering connection by the attribute
// that names it (route_target_noun() says what each is); empty for anything else.
std::string route_target(const Index& index, const Value& route) {
  for (const std::string_view key : {"nat_gateway_id", "gateway_id"}) {
    const Value* target = route.find(key);
    if (!target || !target->known() || target->text.empty()) continue;
    if (index.named_of_type(target->text, {"aws_nat_gateway"})) return "nat";
    if (index.named_of_type(target->text, {"aws_internet_gateway"})) return "igw";
    if (target->text.starts_with("nat-")) return "nat";
    if (target->text.starts_with("igw-")) return "igw";
  }
  for (const auto& [key, kind] :
       {std::pair{"transit_gateway_id", "tgw"}, std::pair{"instance_id", "instance"},
        std::pair{"network_interface_id", "eni"}, std::pair{"vpc_endpoint_id", "gwlbe"},
        std::pair{"vpc_peering_connection_id", "pcx"}}) {
    // Only a target the plan fixes: aws_route computes some of these (instance_id) whatever
    // the route's target, so one known only after apply says nothing by itself.
    const Value* target = route.find(key);
    if (target && target->known() && target->kind == Value::Kind::string && !target->text.empty()) {
      return kind;
    }
  }
  return "";
}

// A default route's target known only after apply, by the resource its attributes refer to.
std::string route_target_by_reference(const Index& index, const Value& route) {
  if (!references_of_type(index, route, "aws_nat_gateway").empty()) return "nat";
  if (!references_of_type(index, route, "aws_internet_gateway").empty()) return "igw";
  for (const auto& [type, kind] :
       {std::pair{"aws_ec2_transit_gateway", "tgw"}, std::pair{"aws_instance", "instance"},
        std::pair{"aws_network_interface", "eni"}, std::pair{"aws_vpc_endpoint", "gwlbe"},
        std::pair{"aws_vpc_peering_connection", "pcx"}}) {
    if (!references_of_type(index, route, type).empty()) return kind;
  }
  return "";
}

// Route table associations (explicit, and the VPC's main table for subnets without one), default
// routes (aws_route and inline route blocks) and endpoints, by reference and by literal id.
NetworkFacts network_facts(const Index& index) {
  NetworkFacts facts;
  const Plan& plan = index.plan;
  const std::initializer_list<std::string_view> kTables = {"aws_route_table",
                                                           "aws_default_route_table"};
  const auto set_route = [&](const std::string& table, const std::string& target,
                             const PlanResource& r) {
    if (target.empty()) return;
    // An internet gateway wins over a NAT for the table's class, as network_of reads it.
    auto& route = facts.default_route[table];
    if (route.value == "igw" && target == "nat") return;
    // A gateway the files hold wins over a target whose egress lies beyond them.
    if ((route.value == "igw" || route.value == "nat") && target != "igw" && target != "nat") {
      return;
    }
    route = Sourced<std::string>{target, Origin{plan.file, r.mark, r.address}};
  };
  // A route table's inline routes: each 0.0.0.0/0 route by its target's id; when an id is known
  // only after apply, the attribute's references say where it goes.
  const auto inline_routes = [&](const std::string& table, const Value& routes,
                                 const PlanResource& r) {
    bool unknown_target = !routes.known();
    for (const Value& route : routes.items) {
      const Value* cidr = route.find("cidr_block");
      if (cidr && cidr->known() && cidr->text != "0.0.0.0/0") continue;
      const std::string target = route_target(index, route);
      if (!target.empty()) {
        set_route(table, target, r);
        continue;
      }
      for (const std::string_view key :
           {"nat_gateway_id", "gateway_id", "transit_gateway_id", "instance_id",
            "network_interface_id", "vpc_endpoint_id", "vpc_peering_connection_id"}) {
        if (const Value* t = route.find(key); t && !t->known()) unknown_target = true;
      }
    }
    if (unknown_target || routes.items.empty()) {
      const bool nat = !references_of_type(index, routes, "aws_nat_gateway").empty();
      const bool igw = !references_of_type(index, routes, "aws_internet_gateway").empty();
      if (nat) set_route(table, "nat", r);
      if (igw) set_route(table, "igw", r);
      if (!nat && !igw) set_route(table, route_target_by_reference(index, routes), r);
    }
  };
  std::map<std::string, std::string> main_table_of_vpc;
  std::map<std::string, std::size_t> endpoint_of;  // address -> facts.endpoints index
  for (const PlanResource& r : plan.resources) {
    const Value& v = r.values;
    const std::string self = index.address_of(r);
    if (r.type == "aws_route_table_association") {
      const Value* subnet = v.find("subnet_id");
      const Value* table = v.find("route_table_id");
      if (!subnet || !table) continue;
      for (const std::string& sn : targets_of_type(index, *subnet, {"aws_subnet"})) {
        for (const std::string& rt : targets_of_type(index, *table, kTables))
          facts.route_tables_of_subnet[sn].push_back(rt);
      }
    } else if (r.type == "aws_main_route_table_association") {
      const Value* vpc = v.find("vpc_id");
      const Value* table = v.find("route_table_id");
      if (!vpc || !table) continue;
      const std::vector<std::string> tables = targets_of_type(index, *table, kTables);
      for (const std::string& address : targets_of_type(index, *vpc, {"aws_vpc"})) {
        if (!tables.empty()) main_table_of_vpc[address] = tables.front();
      }
    } else if (r.type == "aws_route") {
      const Value* table = v.find("route_table_id");
      const Value* cidr = v.find("destination_cidr_block");
      if (!table || !cidr || cidr->text != "0.0.0.0/0") continue;
      std::string target = route_target(index, v);
      if (target.empty()) target = route_target_by_reference(index, v);
      for (const std::string& rt : targets_of_type(index, *table, kTables))
        set_route(rt, target, r);
    } else if (r.type == "aws_route_table" || r.type == "aws_default_route_table") {
      if (const Value* routes = v.find("route")) inline_routes(self, *routes, r);
      if (r.type == "aws_default_route_table") {
        // The VPC's main table unless an aws_main_route_table_association names another.
        if (const Value* id = v.find("default_route_table_id")) {
          for (const std::string& vpc : targets_of_type(index, *id, {"aws_vpc"}))
            main_table_of_vpc.emplace(vpc, self);
        }
      }
    } else if (r.type == "aws_vpc_endpoint") {
      const Value* name = v.find("service_name");
      if (!name) continue;
      NetworkFacts::Endpoint e;
      e.service = endpoint_service_of(name->text);
      const Value* type = v.find("vpc_endpoint_type");
      e.gateway = !type || !type->known() || type->text.empty() ||
                  type->text == "Gateway";  // the provider's default type
      if (const Value* tables = v.find("route_table_ids")) {
        e.route_tables = targets_of_type(index, *tables, kTables);
      }
      e.origin = origin_of(plan, *name, r.address);
      endpoint_of[self] = facts.endpoints.size();
      facts.endpoints.push_back(std::move(e));
    }
  }
  // Route tables a gateway endpoint is put on by an association of its own.
  for (const PlanResource& r : plan.resources) {
    if (r.type != "aws_vpc_endpoint_route_table_association") continue;
    const Value* endpoint = r.values.find("vpc_endpoint_id");
    const Value* table = r.values.find("route_table_id");
    if (!endpoint || !table) continue;
    for (const std::string& e : targets_of_type(index, *endpoint, {"aws_vpc_endpoint"})) {
      const auto it = endpoint_of.find(e);
      if (it == endpoint_of.end()) continue;
      for (const std::string& rt : targets_of_type(index, *table, kTables))
        facts.endpoints[it->second].route_tables.push_back(rt);
    }
  }
  // A subnet without an association of its own uses its VPC's main route table.
  for (const PlanResource& r : plan.resources) {
    if (r.type != "aws_subnet") continue;
    const std::string subnet = index.address_of(r);
    if (facts.route_tables_of_subnet.contains(subnet)) continue;
    const Value* vpc = r.values.find("vpc_id");
    for (const std::string& address :
         vpc ? targets_of_type(index, *vpc, {"aws_vpc"}) : std::vector<std::string>{}) {
      if (const auto main = main_table_of_vpc.find(address); main != main_table_of_vpc.end()) {
        facts.route_tables_of_subnet[subnet].push_back(main->second);
      }
    }
  }
  return facts;
}

// An unknown, as the header lists it: the file, the resource's address and the attribute.
void add_unknown(ImportedModel& model, const Plan& plan, std::string_view address,
                 std::string_view attribute, std::string_view why) {
  model.unknowns.push_back(fmt::format("{}: {}: {}: {}", plan.file, address, attribute, why));
}

// A role an attribute names, as `iam_role` spells it: the aws_iam_role it points at (by reference,
// ARN or name) by its resource name, as the policies name it; else the name in a literal role ARN
// ("arn:aws:iam::123456789012:role/ledger-ecs" -> "ledger-ecs") or a role's name as
// aws_iam_role_policy's `role` takes it. An ARN that is not a role's is listed as unknown.
std::optional<Sourced<std::string>> role_of(const Index& index, const Value* v,
                                            const std::string& note, const std::string& address,
                                            ImportedModel& model) {
  if (!v) return std::nullopt;
  const Plan& plan = index.plan;
  if (const std::vector<std::string> roles = references_of_type(index, *v, "aws_iam_role");
      !roles.empty()) {
    return Sourced<std::string>{terraform_service_name(roles.front()), origin_of(plan, *v, note)};
  }
  if (const std::set<std::string> refs = referenced(*v); !refs.empty()) {
    return Sourced<std::string>{terraform_service_name(*refs.begin()), origin_of(plan, *v, note)};
  }
  if (v->known() && v->kind == Value::Kind::string && !v->text.empty()) {
    const bool arn = v->text.starts_with("arn:");
    const std::size_t role = v->text.find(":role/");
    if (arn && role == std::string::npos) {
      add_unknown(
          model, plan, address, note,
          "'" + v->text + "' is not an IAM role ARN (arn:…:role/NAME): the role is unknown");
      return std::nullopt;
    }
    // A role's path is not part of its name: arn:aws:iam::1:role/service/ledger -> ledger.
    return Sourced<std::string>{arn ? v->text.substr(v->text.rfind('/') + 1) : v->text,
                                origin_of(plan, *v, note)};
  }
  return std::nullopt;
}

// The network of a function's vpc_config or a service's network_configuration. Subnets the plan
// does not hold leave the routes unknown: the service is in a VPC, never silently outside one.
void read_network(const Index& index, const Value* v, std::string_view key, const std::string& note,
                  const std::string& address, ImportedService& s, ImportedModel& model) {
  if (!v) return;
  const SubnetList list = subnets_in(index, *v, key);
  if (!list.in_vpc) return;
  const Origin at = origin_of(index.plan, *v, note);
  std::string unresolved;
  for (const std::string& id : list.unresolved) unresolved += (unresolved.empty() ? "" : ", ") + id;
  if (!list.subnets.empty()) {
    s.network = network_of(index.network, list.subnets, at);
    if (s.network && s.network->egress_unknown) {
      model.unknowns.push_back(egress_unknown_line(*s.network, address));
    }
    if (s.network && !list.unresolved.empty()) {
      // The azs count every subnet named; the routes are those of the subnets the plan holds.
      const int all = static_cast<int>(
          std::min<std::size_t>(list.subnets.size() + list.unresolved.size(), kMaxAzs));
      s.network->azs.value = std::max(s.network->azs.value, all);
      add_unknown(model, index.plan, address, note + "." + std::string(key),
                  "subnets not in the plan (" + unresolved +
                      "): their routes are unknown; network holds those of the others");
    }
    return;
  }
  add_unknown(model, index.plan, address, note + "." + std::string(key),
              "subnets not in the plan (" + unresolved +
                  "): in a VPC, but public, private with NAT or private without egress is unknown");
  s.network_todo =
      "network: in a VPC whose subnets are not in the files (" + unresolved +
      "), so their routes are unknown; say { subnet: public|private, nat_gateway, vpc_endpoints, "
      "azs } (without it the service reads as outside any VPC)";
}

// A JSON document held in a string attribute (a policy, container_definitions), every value at
// the attribute's own mark: the JSON inside has no line of its own in the plan.
std::optional<Value> json_in(const Plan& plan, const Value& attribute) {
  // A policy some tools write as an object rather than the provider's JSON string.
  if (attribute.known() && attribute.kind == Value::Kind::map) return attribute;
  if (!attribute.known() || attribute.kind != Value::Kind::string) return std::nullopt;
  DocumentResult parsed = read_json_document(plan.file, attribute.text);
  if (!parsed.document) return std::nullopt;
  Value v = literal_value(parsed.document->root());
  const auto relocate = [&](auto& self, Value& node) -> void {
    node.mark = attribute.mark;
    node.key_mark = attribute.mark;
    for (Value& item : node.items) self(self, item);
    for (Value& entry : node.entries) self(self, entry);
  };
  relocate(relocate, v);
  return v;
}

void import_databases(const Index& index, ImportedModel& model) {
  for (const PlanResource& r : index.plan.resources) {
    const bool instance = r.type == "aws_db_instance";
    const bool cluster = r.type == "aws_rds_cluster";
    if (!instance && !cluster) continue;
    const Value& v = r.values;
    ImportedDatabase db;
    db.id = index.address_of(r);
    db.name = terraform_service_name(r.address);
    db.origin = Origin{index.plan.file, r.mark, r.address};

    // A parameter group's max_connections: `parameter` blocks of {name, value}.
    if (const Value* group =
            v.find(cluster ? "db_cluster_parameter_group_name" : "parameter_group_name")) {
      for (const std::string& address : index.targets(*group)) {
        const PlanResource* g = index.find(address);
        const Value* parameters = g ? g->values.find("parameter") : nullptr;
        if (!parameters) continue;
        for (const Value& p : parameters->items) {
          const Value* name = p.find("name");
          const Value* value = p.find("value");
          if (name && name->text == "max_connections" && value && value->number()) {
            db.max_connections =
                Sourced<int>{static_cast<int>(*value->number()),
                             origin_of(index.plan, *value, "max_connections in " + g->address)};
          }
        }
      }
    }
    if (!db.max_connections) {
      const Value* engine = v.find("engine");
      std::string instance_class;
      Origin class_origin{index.plan.file, r.mark, ""};
      if (const Value* c = v.find("instance_class"); c && c->known()) {
        instance_class = c->text;
        class_origin = origin_of(index.plan, *c, "");
      } else if (cluster) {
        for (const PlanResource* member :
             index.pointing_at("aws_rds_cluster_instance", "cluster_identifier", db.id)) {
          if (const Value* c = member->values.find("instance_class"); c && c->known()) {
            instance_class = c->text;
            class_origin = origin_of(index.plan, *c, "");
            break;
          }
        }
      }
      std::optional<ServerlessV2Capacity> serverless;
      if (const Value* s = block(v.find("serverlessv2_scaling_configuration"))) {
        if (const Value* max = s->find("max_capacity"); max && max->number()) {
          serverless = ServerlessV2Capacity{*max->number(), std::nullopt};
        }
      }
      db.max_connections = database_limit(engine, instance_class, serverless, class_origin,
                                          index.plan.file + ": " + r.address, model.unknowns);
    }
    model.databases.push_back(std::move(db));
  }
}

// Secrets and database uses from a map of environment variables, whose references are those of
// the attribute that holds them (a plan keeps references per top-level attribute).
void read_environment(const Index& index, const Value& variables,
                      const std::set<std::string>& references, ImportedService& s,
                      const ImportedModel& model) {
  std::optional<Sourced<int>> pool;
  for (const Value& v : variables.entries) {
    if (pool_size_name(v.key) && v.number() && *v.number() >= 1) {
      pool = Sourced<int>{static_cast<int>(*v.number()), origin_of(index.plan, v, v.key)};
    }
    // A plan keeps references per attribute, not per variable: a literal is one only when the
    // attribute refers to nothing.
    VariableFacts facts;
    facts.name = v.key;
    facts.text = v.text;
    facts.literal = v.known() && v.kind == Value::Kind::string && references.empty();
    if (std::string why = classify_variable(facts); !why.empty()) {
      s.secrets = Sourced<std::string>{"env", origin_of(index.plan, v, why)};
    }
  }
  for (const std::string& address : references) {
    const PlanResource* target = index.find(address);
    if (target && target->type == "aws_secretsmanager_secret" && !s.secrets) {
      s.secrets = Sourced<std::string>{"secretsmanager",
                                       origin_of(index.plan, variables, "names " + address)};
    }
    if (target && target->type == "aws_ssm_parameter" && !s.secrets) {
      s.secrets = Sourced<std::string>{"ssm", origin_of(index.plan, variables, "names " + address)};
    }
    for (const ImportedDatabase& db : model.databases) {
      if (db.id != address) continue;
      ImportedUse use;
      use.database_id = db.id;
      use.origin = origin_of(index.plan, variables, "refers to " + address);
      use.connections_per_instance =
          pool ? *pool
               : Sourced<int>{1, origin_of(index.plan, variables,
                                           "refers to " + address + "; no pool size: 1")};
      s.uses.push_back(std::move(use));
    }
  }
}

void set_kind(ImportedService& s, std::string kind, Origin origin) {
  static const std::map<std::string, int> kRank = {
      {"http", 0}, {"worker", 1}, {"event", 2}, {"scheduled", 3}};
  if (s.kind && kRank.at(s.kind->value) <= kRank.at(kind)) return;
  s.kind = Sourced<std::string>{std::move(kind), std::move(origin)};
}

// The queue an attribute refers to (an aws_sqs_queue of the plan), with its visibility timeout.
void read_queue(const Index& index, const Value& source, const std::string& reader,
                ImportedEventSource& e, ImportedModel& model) {
  for (const std::string& address : references_of_type(index, source, "aws_sqs_queue")) {
    const PlanResource* q = index.find(address);
    e.queue = Sourced<std::string>{address, Origin{index.plan.file, q->mark, q->address}};
    if (const Value* v = q->values.find("visibility_timeout_seconds"); v && v->number()) {
      e.visibility_timeout_seconds =
          Sourced<double>{*v->number(), origin_of(index.plan, *v, "visibility_timeout_seconds")};
    } else {
      e.visibility_timeout_seconds = Sourced<double>{
          aws_defaults::kSqsVisibilityTimeoutSeconds,
          Origin{index.plan.file, q->mark, "visibility_timeout_seconds not set: SQS's default"}};
      model.assumed.push_back(address + ": visibility_timeout_seconds not set, SQS's default 30 s");
    }
    return;
  }
  if (source.known() && source.text.starts_with("arn:aws:sqs:")) {
    const std::string name = source.text.substr(source.text.rfind(':') + 1);
    e.queue = Sourced<std::string>{name, origin_of(index.plan, source, "a queue outside the plan")};
    add_unknown(model, index.plan, reader, "event_source_arn",
                "the queue " + name + " is not in the plan: its visibility_timeout_seconds");
  }
}

// An aws_lambda_event_source_mapping's batch settings and, for SQS, its queue.
ImportedEventSource event_source_of(const Index& index, const PlanResource& m,
                                    ImportedModel& model) {
  const Plan& plan = index.plan;
  const Value& v = m.values;
  ImportedEventSource e;
  const Value* source = v.find("event_source_arn");
  if (source) read_queue(index, *source, m.address, e, model);
  const bool sqs = e.queue || (source && source->text.starts_with("arn:aws:sqs:"));
  const Origin at{plan.file, m.mark, m.address};
  if (const Value* n = v.find("batch_size"); whole(n) && *whole(n) > 0) {
    e.batch_size = Sourced<int>{*whole(n), origin_of(plan, *n, "batch_size")};
  } else {
    const int batch = sqs ? aws_defaults::kSqsBatchSize : aws_defaults::kStreamBatchSize;
    e.batch_size =
        Sourced<int>{batch, Origin{at.file, at.mark, "batch_size not set: AWS's default"}};
    model.assumed.push_back(
        fmt::format("{}: batch_size not set, AWS's default {}", m.address, batch));
  }
  if (const Value* w = v.find("maximum_batching_window_in_seconds"); w && w->number()) {
    e.batching_window_seconds =
        Sourced<double>{*w->number(), origin_of(plan, *w, "maximum_batching_window_in_seconds")};
  } else {
    e.batching_window_seconds =
        Sourced<double>{aws_defaults::kBatchingWindowSeconds,
                        Origin{at.file, at.mark, "maximum_batching_window_in_seconds not set: 0"}};
  }
  if (const Value* c = block(v.find("scaling_config"))) {
    if (const Value* n = c->find("maximum_concurrency"); whole(n) && *whole(n) > 0) {
      e.max_concurrency = Sourced<int>{*whole(n), origin_of(plan, *n, "maximum_concurrency")};
    }
  }
  return e;
}

void import_function(const Index& index, const PlanResource& r, ImportedModel& model) {
  const Value& v = r.values;
  const Plan& plan = index.plan;
  const std::string address = index.address_of(r);
  ImportedService s;
  s.id = address;
  s.lambda = true;
  s.name =
      Sourced<std::string>{terraform_service_name(r.address), Origin{plan.file, r.mark, r.address}};
  if (const Value* m = v.find("memory_size"); m && m->number()) {
    s.memory_mb = Sourced<double>{*m->number(), origin_of(plan, *m, "memory_size")};
  } else {
    s.memory_mb =
        Sourced<double>{128, Origin{plan.file, r.mark, "memory_size not set: AWS's default"}};
    model.assumed.push_back(r.address + ": memory_size not set, AWS's default 128 MB");
  }
  if (const Value* t = v.find("timeout"); t && t->number()) {
    s.timeout_seconds = Sourced<double>{*t->number(), origin_of(plan, *t, "timeout")};
  } else {
    s.timeout_seconds =
        Sourced<double>{3, Origin{plan.file, r.mark, "timeout not set: AWS's default"}};
    model.assumed.push_back(r.address + ": timeout not set, AWS's default 3 s");
  }
  if (const Value* rt = v.find("runtime"); rt && rt->known()) {
    const std::string language = language_of_runtime(rt->text);
    if (!language.empty()) {
      s.language = Sourced<std::string>{language, origin_of(plan, *rt, "runtime " + rt->text)};
    }
  } else if (const Value* type = v.find("package_type"); type && type->text == "Image") {
    s.language = Sourced<std::string>{"container", origin_of(plan, *type, "package_type Image")};
  }
  if (const Value* a = v.find("architectures"); a && !a->items.empty() && a->items[0].known()) {
    s.architecture = Sourced<std::string>{a->items[0].text, origin_of(plan, a->items[0], "")};
  }
  // -1 is Terraform's "no reserved concurrency".
  if (const Value* rc = v.find("reserved_concurrent_executions"); whole(rc) && *whole(rc) >= 0) {
    s.reserved_concurrency =
        Sourced<int>{*whole(rc), origin_of(plan, *rc, "reserved_concurrent_executions")};
  }
  for (const PlanResource* pc :
       index.pointing_at("aws_lambda_provisioned_concurrency_config", "function_name", address)) {
    if (const Value* n = pc->values.find("provisioned_concurrent_executions"); whole(n)) {
      s.provisioned_concurrency = Sourced<int>{*whole(n), origin_of(plan, *n, pc->address)};
    }
  }
  s.iam_role = role_of(index, v.find("role"), "role", r.address, model);
  if (const Value* env = v.find("environment")) {
    if (const Value* b = block(env)) {
      if (const Value* variables = b->find("variables")) {
        read_environment(index, *variables, referenced(*env), s, model);
        // A plan leaves a variable built from an unknown attribute out of `variables` or marks
        // it unknown; either way it is counted as the plan shows it.
        s.environment = environment_size(*variables, origin_of(plan, *env, "environment"));
      }
    }
  }
  read_network(index, v.find("vpc_config"), "subnet_ids", "vpc_config", r.address, s, model);
  // Triggers, each a resource of its own.
  for (const PlanResource* m :
       index.pointing_at("aws_lambda_event_source_mapping", "function_name", address)) {
    set_kind(s, "worker", Origin{plan.file, m->mark, m->address});
    if (s.event_source) {
      add_unknown(model, plan, m->address, "function_name",
                  "a second event source of " + r.address + ": event_source holds the first");
    } else {
      s.event_source = event_source_of(index, *m, model);
    }
  }
  for (const PlanResource* u :
       index.pointing_at("aws_lambda_function_url", "function_name", address)) {
    set_kind(s, "http", Origin{plan.file, u->mark, u->address});
    s.front_door = Sourced<std::string>{"function-url", Origin{plan.file, u->mark, u->address}};
  }
  for (const PlanResource* p :
       index.pointing_at("aws_lambda_permission", "function_name", address)) {
    const Value* principal = p->values.find("principal");
    if (!principal || !principal->known()) continue;
    const Origin at{plan.file, p->mark, p->address};
    if (principal->text == "apigateway.amazonaws.com") {
      set_kind(s, "http", at);
    } else if (principal->text == "elasticloadbalancing.amazonaws.com") {
      set_kind(s, "http", at);
      s.front_door = Sourced<std::string>{"alb", at};
    } else if (principal->text != "events.amazonaws.com") {
      set_kind(s, "event", at);
    }
  }
  for (const PlanResource* target :
       index.pointing_at("aws_cloudwatch_event_target", "arn", address)) {
    const Value* rule = target->values.find("rule");
    for (const std::string& rule_address :
         rule ? targets_of_type(index, *rule, {"aws_cloudwatch_event_rule"})
              : std::vector<std::string>{}) {
      const PlanResource* r2 = index.find(rule_address);
      const Value* expr = r2 ? r2->values.find("schedule_expression") : nullptr;
      if (expr && expr->known() && !expr->text.empty()) {
        set_kind(s, "scheduled", Origin{plan.file, r2->mark, r2->address});
        s.schedule = Sourced<std::string>{expr->text, origin_of(plan, *expr, "")};
      } else {
        set_kind(s, "event", Origin{plan.file, target->mark, target->address});
      }
    }
  }
  if (!s.kind) {
    s.kind = Sourced<std::string>{
        "event",
        Origin{plan.file, r.mark, "no trigger in the files: invoked by something outside"}};
  }
  model.services.push_back(std::move(s));
}

// Scalable targets that name an ECS service by its resource id ("service/CLUSTER/NAME") rather
// than by a reference: a plan with literal names, or one made after the first apply.
std::vector<const PlanResource*> scalable_targets_by_id(const Index& index, const PlanResource& r) {
  std::vector<const PlanResource*> out;
  const Value* name = r.values.find("name");
  if (!name || !name->known() || name->text.empty()) return out;
  std::string cluster;  // the cluster's name, from its ARN or name
  if (const Value* c = r.values.find("cluster"); c && c->known() && !c->text.empty()) {
    cluster = c->text.substr(c->text.rfind('/') + 1);
  }
  const std::string suffix = "/" + name->text;
  for (const PlanResource& t : index.plan.resources) {
    if (t.type != "aws_appautoscaling_target") continue;
    const Value* id = t.values.find("resource_id");
    if (!id || !id->known() || !id->text.starts_with("service/")) continue;
    if (cluster.empty() ? id->text.ends_with(suffix) : id->text == "service/" + cluster + suffix) {
      out.push_back(&t);
    }
  }
  return out;
}

// A task definition without task-level cpu or memory: ECS adds up its containers' `cpu` units and
// `memory` (the hard limit, else `memoryReservation`). When a container leaves one out, the task's
// size is unknown and listed as such, never the spec's default.
void size_from_containers(const Plan& plan, const PlanResource& definition, const Value* c,
                          const Document* containers, ImportedService& s, ImportedModel& model) {
  double cpu = 0;
  double memory = 0;
  bool cpu_known = false;
  bool memory_known = false;
  if (containers && containers->root().is_sequence() && containers->root().size() > 0) {
    cpu_known = true;
    memory_known = true;
    for (NodeRef container : containers->root()) {
      const auto number = [&](std::string_view key) -> std::optional<double> {
        const auto node = container.find(key);
        if (!node) return std::nullopt;
        const std::optional<double> n = literal_value(*node).number();
        return n && *n > 0 ? n : std::nullopt;
      };
      const std::optional<double> units = number("cpu");
      std::optional<double> mb = number("memory");
      if (!mb) mb = number("memoryReservation");
      cpu_known = cpu_known && units.has_value();
      memory_known = memory_known && mb.has_value();
      cpu += units.value_or(0);
      memory += mb.value_or(0);
    }
  }
  const Origin at = c ? origin_of(plan, *c, "") : Origin{plan.file, definition.mark, ""};
  if (!s.vcpu) {
    if (cpu_known) {
      s.vcpu = Sourced<double>{cpu / 1024, at};
      s.vcpu->origin.note = "no task cpu: the containers' cpu units added up";
    } else {
      add_unknown(model, plan, definition.address, "cpu",
                  "set neither on the task nor on every container in container_definitions: the "
                  "task's vCPU is unknown");
    }
  }
  if (!s.memory_mb) {
    if (memory_known) {
      s.memory_mb = Sourced<double>{memory, at};
      s.memory_mb->origin.note =
          "no task memory: the containers' memory (else memoryReservation) added up";
    } else {
      add_unknown(model, plan, definition.address, "memory",
                  "set neither on the task nor on every container (memory or memoryReservation) "
                  "in container_definitions: the task's memory is unknown");
    }
  }
}

void import_ecs_service(const Index& index, const PlanResource& r, ImportedModel& model) {
  const Value& v = r.values;
  const Plan& plan = index.plan;
  const std::string address = index.address_of(r);
  ImportedService s;
  s.id = address;
  s.lambda = false;
  s.name =
      Sourced<std::string>{terraform_service_name(r.address), Origin{plan.file, r.mark, r.address}};
  s.language = Sourced<std::string>{"container", Origin{plan.file, r.mark, "an ECS service"}};
  std::string launch = "ecs-ec2";
  Origin launch_origin{plan.file, r.mark, "launch_type not set: ECS's default is EC2"};
  if (const Value* lt = v.find("launch_type"); lt && lt->known() && !lt->text.empty()) {
    launch = lt->text == "FARGATE" ? "ecs-fargate" : "ecs-ec2";
    launch_origin = origin_of(plan, *lt, "launch_type " + lt->text);
  } else if (const Value* cps = block(v.find("capacity_provider_strategy"))) {
    const Value* provider = cps->find("capacity_provider");
    launch = provider && provider->text.starts_with("FARGATE") ? "ecs-fargate" : "ecs-ec2";
    launch_origin = origin_of(plan, *cps, "capacity_provider_strategy");
  }
  s.launch = Sourced<std::string>{launch, launch_origin};
  if (const Value* config = v.find("network_configuration")) {
    read_network(index, config, "subnets", "network_configuration", r.address, s, model);
    if (const Value* b = block(config)) {
      if (const Value* ip = b->find("assign_public_ip"); ip && ip->known() && !ip->text.empty()) {
        s.assign_public_ip =
            Sourced<bool>{ip->text == "true", origin_of(plan, *ip, "assign_public_ip")};
      }
    }
  }
  if (const Value* lb = v.find("load_balancer"); lb && !lb->items.empty()) {
    s.kind = Sourced<std::string>{"http", origin_of(plan, *lb, "load_balancer")};
  } else {
    s.kind = Sourced<std::string>{"worker", Origin{plan.file, r.mark, "no load balancer"}};
  }
  if (const Value* g = v.find("health_check_grace_period_seconds");
      g && g->number() && *g->number() > 0) {
    s.health_check_grace_seconds =
        Sourced<double>{*g->number(), origin_of(plan, *g, "health_check_grace_period_seconds")};
  }
  std::vector<const PlanResource*> targets =
      index.pointing_at("aws_appautoscaling_target", "resource_id", address);
  if (targets.empty()) targets = scalable_targets_by_id(index, r);
  if (!targets.empty()) {
    const Value& t = targets.front()->values;
    if (const Value* n = t.find("min_capacity"); whole(n)) {
      s.min_tasks = Sourced<int>{*whole(n), origin_of(plan, *n, "min_capacity")};
    }
    if (const Value* n = t.find("max_capacity"); whole(n)) {
      s.max_tasks = Sourced<int>{*whole(n), origin_of(plan, *n, "max_capacity")};
    }
  } else if (const Value* d = v.find("desired_count"); whole(d)) {
    const Sourced<int> count{*whole(d), origin_of(plan, *d, "desired_count, no scaling: pinned")};
    s.min_tasks = count;
    s.max_tasks = count;
  }
  const Value* task = v.find("task_definition");
  const PlanResource* definition = nullptr;
  for (const std::string& a : task ? targets_of_type(index, *task, {"aws_ecs_task_definition"})
                                   : std::vector<std::string>{}) {
    definition = index.find(a);
  }
  if (!definition) {
    const std::string what = task && task->known() && !task->text.empty()
                                 ? "'" + task->text + "' is not in the plan"
                                 : "not known in the plan";
    add_unknown(model, plan, r.address, "task_definition",
                what + ": the task's cpu, memory and task and execution roles are unknown");
  }
  if (definition) {
    const Value& d = definition->values;
    // Findings on the task definition's own settings name it and point into it.
    s.task_definition = Sourced<std::string>{
        definition->address, Origin{plan.file, definition->mark, "task definition"}};
    // The forms CloudFormation's Cpu and Memory take ("1 vCPU", "2 GB"), read the same way.
    if (const Value* cpu = d.find("cpu")) {
      if (const auto vcpu = task_vcpu(*cpu)) {
        s.vcpu = Sourced<double>{*vcpu, origin_of(plan, *cpu, "cpu " + cpu->text)};
      }
    }
    if (const Value* mem = d.find("memory")) {
      if (const auto mb = task_memory_mb(*mem)) {
        s.memory_mb = Sourced<double>{*mb, origin_of(plan, *mem, "memory " + mem->text)};
      }
    }
    // The pair as declared, whether or not Fargate offers it (a rule judges that).
    s.task_vcpu = s.vcpu;
    s.task_memory_mb = s.memory_mb;
    s.iam_role =
        role_of(index, d.find("task_role_arn"), "task_role_arn", definition->address, model);
    s.execution_role = role_of(index, d.find("execution_role_arn"), "execution_role_arn",
                               definition->address, model);
    const Value* c = d.find("container_definitions");
    std::optional<Document> containers;
    if (c && c->known()) {
      DocumentResult parsed = read_json_document(plan.file, c->text);
      if (parsed.document) containers = std::move(*parsed.document);
    }
    // Without task-level sizes, the containers' own: ECS sums them for the task.
    if (!s.vcpu || !s.memory_mb) {
      size_from_containers(plan, *definition, c, containers ? &*containers : nullptr, s, model);
    }
    // container_definitions is a JSON string: its secrets and environment.
    if (containers) {
      for (NodeRef container : containers->root()) {
        if (const auto secrets = container.find("secrets"); secrets && secrets->size() > 0) {
          s.secrets = Sourced<std::string>{"injected",
                                           origin_of(plan, *c, "container secrets (valueFrom)")};
        }
        const auto env = container.find("environment");
        if (!env) continue;
        Value variables;
        variables.kind = Value::Kind::map;
        variables.mark = c->mark;
        for (NodeRef pair : *env) {
          const auto name = pair.find("name");
          const auto value = pair.find("value");
          if (!name || !value) continue;
          Value item = literal_value(*value);
          item.mark = c->mark;  // the string's own position: the JSON inside has no line here
          variables.add(std::string(name->text()), std::move(item));
        }
        read_environment(index, variables, referenced(*c), s, model);
      }
    }
    if (c && c->known()) {
      // A worker whose containers name a queue of the plan reads it, unless its task role's
      // policies, all in the plan, do not let it receive from SQS.
      const bool may_receive =
          !s.iam_role || role_may(model, s.iam_role->value, "sqs:ReceiveMessage");
      if (s.kind && s.kind->value == "worker" && may_receive) {
        ImportedEventSource e;
        read_queue(index, *c, definition->address, e, model);
        if (e.queue) {
          e.queue->origin = origin_of(plan, *c, "container_definitions name the queue read");
          s.event_source = std::move(e);
        }
      }
    }
  }
  model.services.push_back(std::move(s));
}

// IAM policies attached to roles: aws_iam_role's inline_policy blocks, aws_iam_role_policy, and
// aws_iam_policy with the roles its attachments name; roles that also hold policies from outside
// the plan (managed_policy_arns, an attachment of an AWS managed policy) have open grants.
void import_policies(const Index& index, ImportedModel& model) {
  const Plan& plan = index.plan;
  std::map<std::string, std::vector<Sourced<std::string>>> attached;  // aws_iam_policy -> roles
  for (const PlanResource& r : plan.resources) {
    const Value& v = r.values;
    if (r.type == "aws_iam_role_policy_attachment" || r.type == "aws_iam_policy_attachment") {
      const Value* arn = v.find("policy_arn");
      const std::vector<std::string> here =
          arn ? references_of_type(index, *arn, "aws_iam_policy") : std::vector<std::string>{};
      std::vector<Sourced<std::string>> roles;
      if (auto role = role_of(index, v.find("role"), "role", r.address, model))
        roles.push_back(*role);
      if (const Value* list = v.find("roles")) {
        for (const std::string& address : references_of_type(index, *list, "aws_iam_role")) {
          roles.push_back(Sourced<std::string>{terraform_service_name(address),
                                               origin_of(plan, *list, r.address)});
        }
      }
      for (const Sourced<std::string>& role : roles) {
        if (here.empty()) model.roles_granted_elsewhere.insert(role.value);
        for (const std::string& policy : here) attached[policy].push_back(role);
      }
    } else if (r.type == "aws_iam_role") {
      const Value* arns = v.find("managed_policy_arns");
      if (arns && !arns->items.empty()) {
        model.roles_granted_elsewhere.insert(terraform_service_name(r.address));
      }
    }
  }
  const auto add_statements = [&](ImportedPolicy& policy, const Value* attribute) {
    if (!attribute) return;
    if (const std::optional<Value> document = json_in(plan, *attribute)) {
      for (ImportedStatement& st :
           statements_of(*document, plan.file, plan.file + ": " + policy.id, model.unknowns)) {
        policy.statements.push_back(std::move(st));
      }
    } else {
      add_unknown(model, plan, policy.id, "policy", "the policy document is not known in the plan");
    }
  };
  for (const PlanResource& r : plan.resources) {
    const Value& v = r.values;
    ImportedPolicy policy;
    policy.id = r.address;
    policy.origin = Origin{plan.file, r.mark, r.type};
    if (r.type == "aws_iam_role") {
      const Value* blocks = v.find("inline_policy");
      if (!blocks || blocks->items.empty()) continue;
      policy.roles.push_back(
          Sourced<std::string>{terraform_service_name(r.address), policy.origin});
      for (const Value& b : blocks->items) add_statements(policy, b.find("policy"));
    } else if (r.type == "aws_iam_role_policy") {
      if (auto role = role_of(index, v.find("role"), "role", r.address, model))
        policy.roles.push_back(*role);
      add_statements(policy, v.find("policy"));
    } else if (r.type == "aws_iam_policy") {
      for (Sourced<std::string>& role : attached[index.address_of(r)]) policy.roles.push_back(role);
      add_statements(policy, v.find("policy"));
    } else {
      continue;
    }
    if (!policy.statements.empty()) model.policies.push_back(std::move(policy));
  }
}

}  // namespace

// A managed node group's first instance type is the cluster's node type, and the group's
// scaling_config its node counts; further node groups are listed as skipped (runtimes.eks holds
// one type and one range).
void import_node_groups(const Plan& plan, ImportedModel& model) {
  if (!model.cluster || model.cluster->node_instance_type) return;
  for (const PlanResource& r : plan.resources) {
    if (r.type != "aws_eks_node_group") continue;
    const Value* types = r.values.find("instance_types");
    if (!types || types->items.empty() || !types->items[0].known()) continue;
    if (model.cluster->node_instance_type) {
      model.skipped.push_back(fmt::format(
          "{}: {}: a further node group ({}): runtimes.eks holds the first group's type and "
          "sizes",
          plan.file, r.address, types->items[0].text));
      continue;
    }
    model.cluster->node_instance_type = Sourced<std::string>{
        types->items[0].text, origin_of(plan, types->items[0], "instance_types of " + r.address)};
    if (const Value* scaling = block(r.values.find("scaling_config"))) {
      if (const Value* n = scaling->find("min_size"); whole(n)) {
        model.cluster->min_nodes = Sourced<int>{*whole(n), origin_of(plan, *n, "min_size")};
      }
      if (const Value* n = scaling->find("max_size"); whole(n)) {
        model.cluster->max_nodes = Sourced<int>{*whole(n), origin_of(plan, *n, "max_size")};
      }
    }
  }
}

void import_plan(const Plan& plan, ImportedModel& model) {
  Index index{plan, {}, {}, {}, {}, {}};
  // Each resource by its address and by the ids, ARNs and names it is known by, in the planned
  // values or, for a resource being replaced, the prior state.
  const auto index_names = [&](const PlanResource& r, const Value& values) {
    const auto add = [&](std::string_view key) {
      const Value* v = values.find(key);
      if (v && v->known() && v->kind == Value::Kind::string && !v->text.empty()) {
        index.by_value[v->text].insert(configuration_address(r.address));
      }
    };
    for (const std::string_view key : kNamingAttributes) add(key);
    for (const auto& [type, key] : kTypeNamingAttributes) {
      if (type == r.type) add(key);
    }
  };
  for (const PlanResource& r : plan.resources) {
    index.by_address.emplace(configuration_address(r.address), &r);
    ++index.instances[configuration_address(r.address)];
    index_names(r, r.values);
    if (const auto prior = plan.prior_values.find(r.address); prior != plan.prior_values.end()) {
      index_names(r, prior->second);
    }
  }
  for (const PlanResource& r : plan.resources) {
    const std::string self = configuration_address(r.address);
    for (const std::string& address : index.targets(r.values, self)) {
      index.referrers[address].push_back(&r);
    }
  }
  index.network = network_facts(index);
  import_databases(index, model);
  import_policies(index, model);  // before the services: a worker's role says what it reads
  for (const PlanResource& r : plan.resources) {
    if (r.type == "aws_lambda_function") {
      import_function(index, r, model);
    } else if (r.type == "aws_ecs_service") {
      import_ecs_service(index, r, model);
    } else if (r.type == "aws_eks_cluster") {
      ImportedCluster& cluster = model.cluster.emplace();
      cluster.origin = Origin{plan.file, r.mark, r.address};
      if (const Value* v = r.values.find("version"); v && v->known() && !v->text.empty()) {
        cluster.kubernetes_version = Sourced<std::string>{v->text, origin_of(plan, *v, "version")};
      }
    }
  }
  import_node_groups(plan, model);
}

}  // namespace computefit::readers
