// Terraform plan resources into the import model (SPEC.md "Reading infrastructure as code"): the
// same facts as from CloudFormation, from the AWS provider's attribute names. A plan writes nested
// blocks as lists, `container_definitions` as a JSON string, and -1 for unreserved concurrency.

#include <fmt/format.h>

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

std::optional<int> whole(const Value* v) {
  if (!v || !v->number()) return std::nullopt;
  return static_cast<int>(*v->number());
}

struct Index {
  const Plan& plan;
  NetworkFacts network;
  std::map<std::string, const PlanResource*> by_address;  // configuration addresses
  // The resources whose values refer to each address: a lookup costs the few that do, not a pass
  // over the whole plan.
  std::map<std::string, std::vector<const PlanResource*>> referrers;
  std::map<std::string, int> instances;  // a count or for_each resource's instances
  std::string address_of(const PlanResource& r) const { return configuration_address(r.address); }
  const PlanResource* find(const std::string& address) const {
    const auto it = by_address.find(address);
    return it == by_address.end() ? nullptr : it->second;
  }
  // Resources of `type` whose attribute `key` refers to `address`.
  std::vector<const PlanResource*> pointing_at(std::string_view type, std::string_view key,
                                               const std::string& address) const {
    std::vector<const PlanResource*> out;
    const auto it = referrers.find(address);
    if (it == referrers.end()) return out;
    for (const PlanResource* r : it->second) {
      if (r->type != type) continue;
      const Value* v = r->values.find(key);
      if (v && referenced(*v).contains(address)) out.push_back(r);
    }
    return out;
  }
};

// The addresses of `type` among a value's references ("aws_subnet" in a vpc_config).
std::vector<std::string> references_of_type(const Index& index, const Value& v,
                                            std::string_view type) {
  std::vector<std::string> out;
  for (const std::string& address : referenced(v)) {
    const PlanResource* r = index.find(address);
    if (r && r->type == type) out.push_back(address);
  }
  return out;
}

// The subnets a value refers to, once per instance: `aws_subnet.private` with count = 2 is two
// subnets (two AZs), though a reference names it once.
std::vector<std::string> subnets_of(const Index& index, const Value& v) {
  std::vector<std::string> out;
  for (const std::string& address : references_of_type(index, v, "aws_subnet")) {
    const auto n = index.instances.find(address);
    out.insert(out.end(), n == index.instances.end() ? 1 : static_cast<std::size_t>(n->second),
               address);
  }
  return out;
}

// Route table associations, default routes (aws_route and inline route blocks) and endpoints.
NetworkFacts network_facts(const Index& index) {
  NetworkFacts facts;
  const Plan& plan = index.plan;
  auto default_route = [&](const std::string& table, const Value& targets, const PlanResource& r) {
    std::string target;
    if (!references_of_type(index, targets, "aws_nat_gateway").empty()) target = "nat";
    if (!references_of_type(index, targets, "aws_internet_gateway").empty()) target = "igw";
    if (!target.empty()) {
      facts.default_route[table] =
          Sourced<std::string>{target, Origin{plan.file, r.mark, r.address}};
    }
  };
  for (const PlanResource& r : plan.resources) {
    const Value& v = r.values;
    if (r.type == "aws_route_table_association") {
      const Value* subnet = v.find("subnet_id");
      const Value* table = v.find("route_table_id");
      if (!subnet || !table) continue;
      for (const std::string& sn : referenced(*subnet)) {
        for (const std::string& rt : referenced(*table))
          facts.route_tables_of_subnet[sn].push_back(rt);
      }
    } else if (r.type == "aws_route") {
      const Value* table = v.find("route_table_id");
      const Value* cidr = v.find("destination_cidr_block");
      if (!table || !cidr || cidr->text != "0.0.0.0/0") continue;
      for (const std::string& rt : referenced(*table)) default_route(rt, v, r);
    } else if (r.type == "aws_route_table") {
      if (const Value* routes = v.find("route")) default_route(index.address_of(r), *routes, r);
    } else if (r.type == "aws_vpc_endpoint") {
      const Value* name = v.find("service_name");
      if (!name) continue;
      NetworkFacts::Endpoint e;
      e.service = endpoint_service_of(name->text);
      const Value* type = v.find("vpc_endpoint_type");
      e.gateway = !type || type->text == "Gateway";  // the provider's default type
      if (const Value* tables = v.find("route_table_ids")) {
        const std::set<std::string> ids = referenced(*tables);
        e.route_tables.assign(ids.begin(), ids.end());
      }
      e.origin = origin_of(plan, *name, r.address);
      facts.endpoints.push_back(std::move(e));
    }
  }
  return facts;
}

// A role an attribute names, as `iam_role` spells it: the referenced aws_iam_role's name, or the
// name in a literal role ARN ("arn:aws:iam::123456789012:role/ledger-ecs" -> "ledger-ecs").
std::optional<Sourced<std::string>> role_of(const Plan& plan, const Value* v,
                                            const std::string& note) {
  if (!v) return std::nullopt;
  if (const std::set<std::string> roles = referenced(*v); !roles.empty()) {
    return Sourced<std::string>{terraform_service_name(*roles.begin()), origin_of(plan, *v, note)};
  }
  if (v->known() && v->kind == Value::Kind::string && !v->text.empty()) {
    // An ARN's last part, or a role's name as aws_iam_role_policy's `role` takes it.
    const std::size_t slash = v->text.rfind('/');
    const bool arn = v->text.starts_with("arn:");
    if (arn && slash == std::string::npos) return std::nullopt;
    return Sourced<std::string>{arn ? v->text.substr(slash + 1) : v->text,
                                origin_of(plan, *v, note)};
  }
  return std::nullopt;
}

// The network of a function's vpc_config or a service's network_configuration.
std::optional<ImportedNetwork> network_in(const Index& index, const Value* v,
                                          const std::string& note) {
  if (!v) return std::nullopt;
  return network_of(index.network, subnets_of(index, *v), origin_of(index.plan, *v, note));
}

// A JSON document held in a string attribute (a policy, container_definitions), every value at
// the attribute's own mark: the JSON inside has no line of its own in the plan.
std::optional<Value> json_in(const Plan& plan, const Value& attribute) {
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
      for (const std::string& address : referenced(*group)) {
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
                                          r.address, model.unknowns);
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
void read_queue(const Index& index, const Value& source, ImportedEventSource& e,
                ImportedModel& model) {
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
    model.unknowns.push_back(name + ": visibility_timeout_seconds: the queue is not in the plan");
  }
}

// An aws_lambda_event_source_mapping's batch settings and, for SQS, its queue.
ImportedEventSource event_source_of(const Index& index, const PlanResource& m,
                                    ImportedModel& model) {
  const Plan& plan = index.plan;
  const Value& v = m.values;
  ImportedEventSource e;
  const Value* source = v.find("event_source_arn");
  if (source) read_queue(index, *source, e, model);
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
  s.iam_role = role_of(plan, v.find("role"), "role");
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
  if (const Value* vpc = v.find("vpc_config")) s.network = network_in(index, vpc, "vpc_config");
  // Triggers, each a resource of its own.
  for (const PlanResource* m :
       index.pointing_at("aws_lambda_event_source_mapping", "function_name", address)) {
    set_kind(s, "worker", Origin{plan.file, m->mark, m->address});
    if (s.event_source) {
      model.unknowns.push_back(address +
                               ": reads more than one event source; event_source holds the first");
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
    for (const std::string& rule_address : rule ? referenced(*rule) : std::set<std::string>{}) {
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
    s.network = network_in(index, config, "network_configuration");
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
  const std::vector<const PlanResource*> targets =
      index.pointing_at("aws_appautoscaling_target", "resource_id", address);
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
  for (const std::string& a : task ? referenced(*task) : std::set<std::string>{}) {
    const PlanResource* d = index.find(a);
    if (d && d->type == "aws_ecs_task_definition") definition = d;
  }
  if (definition) {
    const Value& d = definition->values;
    if (const Value* cpu = d.find("cpu"); cpu && cpu->number()) {
      s.vcpu = Sourced<double>{*cpu->number() / 1024, origin_of(plan, *cpu, "cpu " + cpu->text)};
    }
    if (const Value* mem = d.find("memory"); mem && mem->number()) {
      s.memory_mb = Sourced<double>{*mem->number(), origin_of(plan, *mem, "memory " + mem->text)};
    }
    // The pair as declared, whether or not Fargate offers it (a rule judges that).
    s.task_vcpu = s.vcpu;
    s.task_memory_mb = s.memory_mb;
    s.iam_role = role_of(plan, d.find("task_role_arn"), "task_role_arn");
    s.execution_role = role_of(plan, d.find("execution_role_arn"), "execution_role_arn");
    // container_definitions is a JSON string: its secrets and environment.
    if (const Value* c = d.find("container_definitions"); c && c->known()) {
      DocumentResult parsed = read_json_document(plan.file, c->text);
      if (parsed.document) {
        for (NodeRef container : parsed.document->root()) {
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
      // A worker whose containers name a queue of the plan reads it, unless its task role's
      // policies, all in the plan, do not let it receive from SQS.
      const bool may_receive =
          !s.iam_role || role_may(model, s.iam_role->value, "sqs:ReceiveMessage");
      if (s.kind && s.kind->value == "worker" && may_receive) {
        ImportedEventSource e;
        read_queue(index, *c, e, model);
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
      if (auto role = role_of(plan, v.find("role"), r.address)) roles.push_back(*role);
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
      for (ImportedStatement& st : statements_of(*document, plan.file, policy.id, model.unknowns)) {
        policy.statements.push_back(std::move(st));
      }
    } else {
      model.unknowns.push_back(policy.id + ": the policy document is not known in the plan");
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
      if (auto role = role_of(plan, v.find("role"), "role")) policy.roles.push_back(*role);
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

// A managed node group's first instance type is the cluster's node type.
void import_node_groups(const Plan& plan, ImportedModel& model) {
  if (!model.cluster || model.cluster->node_instance_type) return;
  for (const PlanResource& r : plan.resources) {
    if (r.type != "aws_eks_node_group") continue;
    const Value* types = r.values.find("instance_types");
    if (types && !types->items.empty() && types->items[0].known()) {
      model.cluster->node_instance_type = Sourced<std::string>{
          types->items[0].text, origin_of(plan, types->items[0], "instance_types of " + r.address)};
      return;
    }
  }
}

void import_plan(const Plan& plan, ImportedModel& model) {
  Index index{plan, {}, {}, {}, {}};
  for (const PlanResource& r : plan.resources) {
    index.by_address.emplace(configuration_address(r.address), &r);
    ++index.instances[configuration_address(r.address)];
    for (const std::string& address : referenced(r.values)) index.referrers[address].push_back(&r);
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
