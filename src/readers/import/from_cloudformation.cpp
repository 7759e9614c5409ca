// CloudFormation, SAM and CDK resources into the import model (SPEC.md "Reading infrastructure as
// code"): functions and ECS services with what they read, databases with their connection
// limits, and what each function is invoked by.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "readers/cloudformation/template.hpp"
#include "readers/database_defaults.hpp"
#include "readers/import/from_sources.hpp"
#include "readers/naming.hpp"

namespace computefit::readers {
namespace {

using Resources = std::map<std::string, const TemplateResource*, std::less<>>;

Origin origin_of(const std::string& file, const Value& v, std::string note) {
  return Origin{file, v.mark, std::move(note)};
}

// The logical ids a value refers to (Ref and GetAtt alike).
std::set<std::string> referenced(const Value& v) {
  std::set<std::string> ids;
  for (const auto& [id, attribute] : v.references) {
    if (attribute != "NoEcho") ids.insert(id);
  }
  for (const Value& item : v.items) ids.merge(referenced(item));
  for (const Value& entry : v.entries) ids.merge(referenced(entry));
  return ids;
}

bool refers_to(const Value& v, const std::string& id) {
  return referenced(v).contains(id);
}

// A role's name for `iam_role`: the logical id of a role the template defines, or the name in a
// role ARN.
std::optional<std::string> role_name(const Value& v) {
  const std::set<std::string> ids = referenced(v);
  if (!ids.empty()) return kebab_case(*ids.begin());
  if (v.known() && v.kind == Value::Kind::string) {
    const std::size_t slash = v.text.rfind('/');
    if (v.text.starts_with("arn:") && slash != std::string::npos) return v.text.substr(slash + 1);
    return v.text;
  }
  return std::nullopt;
}

// The resources that refer to each logical id, so each lookup below costs the few that do rather
// than a pass over the whole template (a 4 MiB template holds tens of thousands of resources).
using Referrers = std::map<std::string, std::vector<const TemplateResource*>, std::less<>>;

Referrers referrers_of(const Template& t) {
  Referrers out;
  for (const TemplateResource& r : t.resources) {
    for (const std::string& id : referenced(r.properties)) out[id].push_back(&r);
  }
  return out;
}

const std::vector<const TemplateResource*>& referring(const Referrers& referrers,
                                                      const std::string& id) {
  static const std::vector<const TemplateResource*> kNone;
  const auto it = referrers.find(id);
  return it == referrers.end() ? kNone : it->second;
}

const TemplateResource* resource_of(const Resources& resources, const std::string& id) {
  const auto it = resources.find(id);
  return it == resources.end() ? nullptr : it->second;
}

std::string service_name(const TemplateResource& r) {
  return r.cdk_path.empty() ? kebab_case(r.logical_id) : r.cdk_name;
}

// ---- databases ---------------------------------------------------------------------------------

void import_databases(const Template& t, const Resources& resources, const Referrers& referrers,
                      ImportedModel& model) {
  for (const TemplateResource& r : t.resources) {
    if (r.excluded) continue;
    const bool instance = r.type == "AWS::RDS::DBInstance";
    const bool cluster = r.type == "AWS::RDS::DBCluster";
    if (!instance && !cluster) continue;
    const Value& p = r.properties;
    // An instance of a cluster is the cluster's capacity, not a database of its own.
    if (instance) {
      if (const Value* in = p.find("DBClusterIdentifier"); in && !referenced(*in).empty()) continue;
    }
    ImportedDatabase db;
    db.id = r.logical_id;
    db.name = service_name(r);
    db.origin = Origin{t.file, r.mark, r.type};

    // The parameter group's max_connections, when the template sets it.
    const Value* group = p.find(cluster ? "DBClusterParameterGroupName" : "DBParameterGroupName");
    if (group) {
      for (const std::string& id : referenced(*group)) {
        const TemplateResource* g = resource_of(resources, id);
        if (!g) continue;
        const Value* parameters = g->properties.find("Parameters");
        const Value* max = parameters ? parameters->find("max_connections") : nullptr;
        if (max && max->number()) {
          db.max_connections = Sourced<int>{static_cast<int>(*max->number()),
                                            origin_of(t.file, *max, "max_connections in " + id)};
        }
      }
    }
    const Value* mode = cluster ? p.find("EngineMode") : nullptr;
    if (!db.max_connections && mode && mode->known() && mode->text == "serverless") {
      // Aurora Serverless v1: its capacity (ScalingConfiguration) no longer exists as written.
      const Value* scaling = p.find("ScalingConfiguration");
      const Value* max = scaling ? scaling->find("MaxCapacity") : nullptr;
      model.unknowns.push_back(fmt::format(
          "{}:{}:{}: {} max_connections: EngineMode serverless is Aurora Serverless v1{}, which "
          "AWS ended on 2025-03-31 (clusters not upgraded were moved to Serverless v2, or made "
          "provisioned when that failed): the limit depends on what the cluster became "
          "(docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.relnotes.html)",
          t.file, mode->mark.line, mode->mark.column, r.logical_id,
          max && max->number() ? " with MaxCapacity " + max->text + " ACUs" : ""));
    } else if (!db.max_connections) {
      const Value* engine = p.find("Engine");
      std::string instance_class;
      Origin class_origin{t.file, r.mark, ""};
      if (const Value* c = p.find("DBInstanceClass"); c && c->known()) {
        instance_class = c->text;
        class_origin = origin_of(t.file, *c, "");
      } else if (cluster) {
        // The cluster's first instance gives the class.
        for (const TemplateResource* member : referring(referrers, r.logical_id)) {
          const TemplateResource& other = *member;
          const Value* of = other.properties.find("DBClusterIdentifier");
          const Value* c = other.properties.find("DBInstanceClass");
          if (other.type == "AWS::RDS::DBInstance" && of && refers_to(*of, r.logical_id) && c &&
              c->known()) {
            instance_class = c->text;
            class_origin = origin_of(t.file, *c, "");
            break;
          }
        }
      }
      std::optional<ServerlessV2Capacity> serverless;
      if (const Value* s = p.find("ServerlessV2ScalingConfiguration")) {
        const Value* max = s->find("MaxCapacity");
        if (max && max->number()) {
          serverless = ServerlessV2Capacity{*max->number(), std::nullopt};
          if (const Value* min = s->find("MinCapacity"); min && min->number()) {
            serverless->min_acu = *min->number();
          }
        }
      }
      db.max_connections = database_limit(
          engine, instance_class, serverless, class_origin,
          fmt::format("{}:{}:{}: {}", t.file, r.mark.line, r.mark.column, r.logical_id),
          model.unknowns);
    }
    model.databases.push_back(std::move(db));
  }
  // Databases behind an RDS Proxy: a service that reaches them through it is marked below.
}

// The databases a proxy fronts: the target group's DBInstanceIdentifiers/DBClusterIdentifiers.
std::map<std::string, std::set<std::string>> proxies(const Template& t) {
  std::map<std::string, std::set<std::string>> fronted;
  for (const TemplateResource& r : t.resources) {
    if (r.type != "AWS::RDS::DBProxyTargetGroup" || r.excluded) continue;
    const Value* proxy = r.properties.find("DBProxyName");
    if (!proxy) continue;
    std::set<std::string> targets;
    for (const char* key : {"DBInstanceIdentifiers", "DBClusterIdentifiers"}) {
      if (const Value* v = r.properties.find(key)) targets.merge(referenced(*v));
    }
    for (const std::string& id : referenced(*proxy)) fronted[id].merge(targets);
  }
  return fronted;
}

// ---- what a service reads from its environment -------------------------------------------------

// Fills secrets and database uses from environment variables (name -> value).
struct Lookup {
  const Template& t;
  Resources resources;
  Referrers referrers;
  std::map<std::string, std::set<std::string>> fronted;  // proxy -> databases behind it
  std::set<std::string> databases;                       // ids of the databases imported
  NetworkFacts network;
};

// Route table associations, default routes and VPC endpoints.
NetworkFacts network_facts(const Template& t, const Resources& resources) {
  NetworkFacts facts;
  for (const TemplateResource& r : t.resources) {
    if (r.excluded) continue;
    const Value& p = r.properties;
    if (r.type == "AWS::EC2::SubnetRouteTableAssociation") {
      const Value* subnet = p.find("SubnetId");
      const Value* table = p.find("RouteTableId");
      if (!subnet || !table) continue;
      for (const std::string& s : referenced(*subnet)) {
        for (const std::string& rt : referenced(*table))
          facts.route_tables_of_subnet[s].push_back(rt);
      }
    } else if (r.type == "AWS::EC2::Route") {
      const Value* table = p.find("RouteTableId");
      const Value* cidr = p.find("DestinationCidrBlock");
      if (!table || !cidr || cidr->text != "0.0.0.0/0") continue;
      std::string target;
      // Targets whose egress lies beyond the files (route_target_noun() names them).
      for (const auto& [key, kind] :
           {std::pair{"TransitGatewayId", "tgw"}, std::pair{"InstanceId", "instance"},
            std::pair{"NetworkInterfaceId", "eni"}, std::pair{"VpcEndpointId", "gwlbe"},
            std::pair{"VpcPeeringConnectionId", "pcx"}}) {
        if (p.find(key)) target = kind;
      }
      if (p.find("NatGatewayId")) target = "nat";
      if (const Value* g = p.find("GatewayId")) {
        for (const std::string& id : referenced(*g)) {
          const TemplateResource* gw = resource_of(resources, id);
          if (gw && gw->type == "AWS::EC2::InternetGateway") target = "igw";
        }
      }
      if (target.empty()) continue;
      for (const std::string& rt : referenced(*table)) {
        facts.default_route[rt] =
            Sourced<std::string>{target, Origin{t.file, r.mark, r.logical_id}};
      }
    } else if (r.type == "AWS::EC2::VPCEndpoint") {
      const Value* name = p.find("ServiceName");
      if (!name) continue;
      NetworkFacts::Endpoint e;
      e.service = endpoint_service_of(name->text);
      const Value* type = p.find("VpcEndpointType");
      e.gateway = !type || type->text == "Gateway";  // CloudFormation's default type
      if (const Value* tables = p.find("RouteTableIds")) {
        const std::set<std::string> ids = referenced(*tables);
        e.route_tables.assign(ids.begin(), ids.end());
      }
      e.origin = origin_of(t.file, *name, r.logical_id);
      facts.endpoints.push_back(std::move(e));
    }
  }
  return facts;
}

// The subnets a list refers to, in order.
std::vector<std::string> subnets_in(const Value& list) {
  std::vector<std::string> out;
  for (const Value& item : list.items) {
    for (const std::string& id : referenced(item)) out.push_back(id);
  }
  if (list.items.empty()) {
    for (const std::string& id : referenced(list)) out.push_back(id);
  }
  return out;
}

// Why a subnet list does not lead to subnets of the files, or empty when every item is one: a
// parameter without a default, an import from another stack, a literal subnet id.
std::string unresolved_subnets(const Resources& resources, const Value& list) {
  const auto is_subnet = [&](const Value& item) {
    for (const std::string& id : referenced(item)) {
      const TemplateResource* r = resource_of(resources, id);
      if (r && r->type == "AWS::EC2::Subnet") return true;
    }
    return false;
  };
  const auto why = [](const Value& item) -> std::string {
    if (item.known() && item.kind == Value::Kind::string) {
      return "subnet '" + item.text + "' is not in the files";
    }
    return item.unknown_reason.empty() ? "not known in the files" : item.unknown_reason;
  };
  if (list.kind != Value::Kind::list) return is_subnet(list) ? "" : why(list);
  for (const Value& item : list.items) {
    if (!is_subnet(item)) return why(item);
  }
  return "";
}

// A function's or task's subnets: their network when the files hold them all; otherwise what is
// known (one AZ per listed subnet) and why the rest is not, among the unknowns: a service in a
// VPC never reads as outside it.
void read_subnets(const Lookup& lookup, const Value& subnets, const std::string& property,
                  const std::string& id, ImportedService& s, ImportedModel& model) {
  const Template& t = lookup.t;
  if (subnets.kind == Value::Kind::list && subnets.items.empty()) return;  // not in a VPC
  const std::string why = unresolved_subnets(lookup.resources, subnets);
  if (why.empty()) {
    s.network =
        network_of(lookup.network, subnets_in(subnets), origin_of(t.file, subnets, property));
    if (s.network && s.network->egress_unknown) {
      model.unknowns.push_back(egress_unknown_line(*s.network, id));
    }
    return;
  }
  s.network_unknown = Sourced<std::string>{why, origin_of(t.file, subnets, property)};
  if (subnets.kind == Value::Kind::list) {
    s.network_azs =
        Sourced<int>{static_cast<int>(std::min<std::size_t>(subnets.items.size(), 6)),
                     origin_of(t.file, subnets, property + ": one availability zone per subnet")};
  }
  model.unknowns.push_back(fmt::format(
      "{}:{}:{}: {} {}: in a VPC whose subnets are not in the files ({}): network.subnet, "
      "nat_gateway and vpc_endpoints",
      t.file, subnets.mark.line, subnets.mark.column, id, property, why));
}

void read_environment(const Lookup& lookup, const Value& variables, ImportedService& s) {
  const Template& t = lookup.t;
  const Resources& resources = lookup.resources;
  const auto& fronted = lookup.fronted;
  const std::set<std::string>& databases = lookup.databases;
  std::optional<Sourced<int>> pool;
  std::map<std::string, bool> uses;  // database id -> through a proxy
  std::map<std::string, Origin> use_origin;
  std::optional<Sourced<std::string>> env_secret, read_secret;
  for (const Value& v : variables.entries) {
    const std::set<std::string> ids = referenced(v);
    for (const std::string& id : ids) {
      if (databases.contains(id)) {
        uses.emplace(id, false);
        use_origin.emplace(id, origin_of(t.file, v, v.key));
      }
      if (const auto p = fronted.find(id); p != fronted.end()) {
        for (const std::string& db : p->second) {
          if (!databases.contains(db)) continue;
          uses[db] = true;
          use_origin.emplace(db, origin_of(t.file, v, v.key + " (through " + id + ")"));
        }
      }
      // A credentials secret of a database (MasterUserSecret) makes a connection holder too.
      const TemplateResource* target = resource_of(resources, id);
      if (target && target->type == "AWS::SecretsManager::Secret") {
        read_secret = Sourced<std::string>{
            "secretsmanager", origin_of(t.file, v, v.key + " names a Secrets Manager secret")};
      }
      if (target && target->type == "AWS::SSM::Parameter" && !read_secret) {
        read_secret = Sourced<std::string>{
            "ssm", origin_of(t.file, v, v.key + " names a Parameter Store parameter")};
      }
    }
    if (pool_size_name(v.key) && v.number() && *v.number() >= 1) {
      pool = Sourced<int>{static_cast<int>(*v.number()), origin_of(t.file, v, v.key)};
    }
    VariableFacts facts;
    facts.name = v.key;
    facts.text = v.text;
    facts.literal = v.known() && v.kind == Value::Kind::string;
    facts.no_echo = std::any_of(v.references.begin(), v.references.end(),
                                [](const auto& r) { return r.second == "NoEcho"; });
    facts.secret_attribute =
        std::any_of(v.references.begin(), v.references.end(),
                    [](const auto& r) { return r.second.find("Secret") != std::string::npos; });
    if (std::string why = classify_variable(facts); !why.empty()) {
      env_secret = Sourced<std::string>{"env", origin_of(t.file, v, why)};
    }
  }
  if (env_secret) {
    s.secrets = env_secret;
  } else if (read_secret && !s.secrets) {
    s.secrets = read_secret;
  }
  for (const auto& [db, through_proxy] : uses) {
    ImportedUse use;
    use.database_id = db;
    use.through_proxy = through_proxy;
    use.origin = use_origin[db];
    use.connections_per_instance =
        pool ? *pool
             : Sourced<int>{1, Origin{use_origin[db].file, use_origin[db].mark,
                                      "no pool size in the environment: 1"}};
    s.uses.push_back(std::move(use));
  }
}

// ---- event sources ------------------------------------------------------------------------------

// The SQS queue `source` refers to (a Ref or GetAtt of a queue in the template, or a queue ARN),
// with its visibility timeout: AWS's default when the queue leaves it out, unknown for a queue
// outside the files.
void read_queue(const Lookup& lookup, const Value& source, ImportedEventSource& e,
                ImportedModel& model) {
  const Template& t = lookup.t;
  for (const std::string& id : referenced(source)) {
    const TemplateResource* q = resource_of(lookup.resources, id);
    if (!q || q->type != "AWS::SQS::Queue") continue;
    e.queue = Sourced<std::string>{id, Origin{t.file, q->mark, q->type}};
    if (const Value* v = q->properties.find("VisibilityTimeout"); v && v->number()) {
      e.visibility_timeout_seconds =
          Sourced<double>{*v->number(), origin_of(t.file, *v, "VisibilityTimeout")};
    } else {
      e.visibility_timeout_seconds =
          Sourced<double>{aws_defaults::kSqsVisibilityTimeoutSeconds,
                          Origin{t.file, q->mark, "VisibilityTimeout not set: SQS's default"}};
      model.assumed.push_back(
          fmt::format("{}:{}:{}: {}: VisibilityTimeout not set, SQS's default 30 s", t.file,
                      q->mark.line, q->mark.column, id));
    }
    return;
  }
  if (source.known() && source.text.starts_with("arn:aws:sqs:")) {
    const std::string name = source.text.substr(source.text.rfind(':') + 1);
    e.queue = Sourced<std::string>{name, origin_of(t.file, source, "a queue outside the files")};
    model.unknowns.push_back(name + ": VisibilityTimeout: the queue is not in the files");
  }
}

// BatchSize, MaximumBatchingWindowInSeconds and ScalingConfig.MaximumConcurrency, as an
// AWS::Lambda::EventSourceMapping and a SAM SQS or stream event both spell them; AWS's defaults
// for the two first when left out.
ImportedEventSource read_batching(const Template& t, const Value& p, bool sqs, const Origin& at,
                                  const std::string& id, ImportedModel& model) {
  ImportedEventSource e;
  if (const Value* v = p.find("BatchSize"); v && v->number()) {
    e.batch_size = Sourced<int>{static_cast<int>(*v->number()), origin_of(t.file, *v, "BatchSize")};
  } else {
    const int batch = sqs ? aws_defaults::kSqsBatchSize : aws_defaults::kStreamBatchSize;
    e.batch_size =
        Sourced<int>{batch, Origin{at.file, at.mark, "BatchSize not set: AWS's default"}};
    model.assumed.push_back(fmt::format("{}:{}:{}: {}: BatchSize not set, AWS's default {}",
                                        at.file, at.mark.line, at.mark.column, id, batch));
  }
  if (const Value* v = p.find("MaximumBatchingWindowInSeconds"); v && v->number()) {
    e.batching_window_seconds =
        Sourced<double>{*v->number(), origin_of(t.file, *v, "MaximumBatchingWindowInSeconds")};
  } else {
    e.batching_window_seconds =
        Sourced<double>{aws_defaults::kBatchingWindowSeconds,
                        Origin{at.file, at.mark, "MaximumBatchingWindowInSeconds not set: 0"}};
  }
  if (const Value* c = p.find("ScalingConfig")) {
    if (const Value* v = c->find("MaximumConcurrency"); v && v->number()) {
      e.max_concurrency = Sourced<int>{static_cast<int>(*v->number()),
                                       origin_of(t.file, *v, "ScalingConfig.MaximumConcurrency")};
    }
  }
  return e;
}

// A function reads one event source in the spec; a second one is named among the unknowns.
void set_event_source(ImportedService& s, ImportedEventSource e, const std::string& function_id,
                      ImportedModel& model) {
  if (s.event_source) {
    model.unknowns.push_back(function_id +
                             ": reads more than one event source; event_source holds the first");
    return;
  }
  s.event_source = std::move(e);
}

// ---- functions ---------------------------------------------------------------------------------

// SAM event types and the service kind they make.
struct EventKind {
  std::string_view type;
  std::string_view kind;
  std::string_view front_door;
};
constexpr EventKind kEvents[] = {{"HttpApi", "http", "api-gateway-http"},
                                 {"Api", "http", "api-gateway-rest"},
                                 {"SQS", "worker", ""},
                                 {"Kinesis", "worker", ""},
                                 {"DynamoDB", "worker", ""},
                                 {"MSK", "worker", ""},
                                 {"MQ", "worker", ""},
                                 {"DocumentDB", "worker", ""},
                                 {"Schedule", "scheduled", ""},
                                 {"ScheduleV2", "scheduled", ""},
                                 {"SNS", "event", ""},
                                 {"S3", "event", ""},
                                 {"EventBridgeRule", "event", ""},
                                 {"CloudWatchEvent", "event", ""},
                                 {"IoTRule", "event", ""},
                                 {"CognitoUserPool", "event", ""}};

int kind_rank(std::string_view kind) {
  // A function with several triggers is judged on the one that waits for it.
  if (kind == "http") return 0;
  if (kind == "worker") return 1;
  if (kind == "event") return 2;
  return 3;
}

void set_kind(ImportedService& s, std::string kind, Origin origin) {
  if (s.kind && kind_rank(s.kind->value) <= kind_rank(kind)) return;
  s.kind = Sourced<std::string>{std::move(kind), std::move(origin)};
}

std::string schedule_expression(const Value& v) {
  // The spec takes cron(...) and rate(...) as AWS writes them.
  return v.known() ? v.text : "";
}

// An EventBridge Scheduler expression as the spec reads it. Scheduler takes `minute | minutes |
// hour | hours | day | days` whatever the value (API reference, CreateSchedule
// ScheduleExpression: "a unit with the following options: minute | minutes | hour | hours | day |
// days"), where EventBridge rules, and the spec, want the singular for 1 and the plural
// otherwise: `rate(5 minute)` deploys, and is written `rate(5 minutes)`, the note saying so.
Sourced<std::string> scheduler_expression(const std::string& file, const Value& v) {
  Sourced<std::string> out{v.text, origin_of(file, v, "")};
  const std::string& text = v.text;
  if (!text.starts_with("rate(") || !text.ends_with(")")) return out;
  const std::string body = text.substr(5, text.size() - 6);
  const std::size_t space = body.find(' ');
  if (space == std::string::npos) return out;
  const std::string value = body.substr(0, space);
  std::string unit = body.substr(space + 1);
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  if (value.empty() ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return out;
  }
  const bool one = value == "1";
  std::string stem = unit.ends_with("s") ? unit.substr(0, unit.size() - 1) : unit;
  if (stem != "minute" && stem != "hour" && stem != "day") return out;
  const std::string normal = "rate(" + value + " " + stem + (one ? "" : "s") + ")";
  if (normal != text) {
    out.value = normal;
    out.origin.note = text + " as written: EventBridge Scheduler takes either unit form";
  }
  return out;
}

void import_sam_events(const Lookup& lookup, const Value& events, const std::string& function_id,
                       ImportedService& s, ImportedModel& model) {
  const Template& t = lookup.t;
  for (const Value& event : events.entries) {
    const Value* type = event.find("Type");
    if (!type || !type->known()) continue;
    for (const EventKind& k : kEvents) {
      if (type->text != k.type) continue;
      const Origin at = origin_of(t.file, *type, fmt::format("{} event {}", k.type, event.key));
      set_kind(s, std::string(k.kind), at);
      if (!k.front_door.empty() && s.kind->value == "http") {
        s.front_door = Sourced<std::string>{std::string(k.front_door), at};
      }
      if (k.kind == "worker") {
        // SQS, Kinesis, DynamoDB, MSK, MQ, DocumentDB: the mapping SAM generates.
        const Value* props = event.find("Properties");
        const bool sqs = k.type == "SQS";
        static const Value kNone;
        ImportedEventSource e =
            read_batching(t, props ? *props : kNone, sqs, at, function_id + " " + event.key, model);
        if (const Value* queue = props && sqs ? props->find("Queue") : nullptr) {
          read_queue(lookup, *queue, e, model);
        }
        set_event_source(s, std::move(e), function_id, model);
      }
      if (k.kind == "scheduled") {
        const Value* props = event.find("Properties");
        const Value* expr = props ? props->find("Schedule") : nullptr;
        if (!expr && props) expr = props->find("ScheduleExpression");
        if (expr && !schedule_expression(*expr).empty()) {
          s.schedule = k.type == "ScheduleV2" ? scheduler_expression(t.file, *expr)
                                              : Sourced<std::string>{schedule_expression(*expr),
                                                                     origin_of(t.file, *expr, "")};
        }
      }
    }
  }
}

// Triggers written as resources of their own (plain CloudFormation and CDK output).
void import_triggers(const Lookup& lookup, const std::string& function_id, ImportedService& s,
                     ImportedModel& model) {
  const Template& t = lookup.t;
  for (const TemplateResource* trigger : referring(lookup.referrers, function_id)) {
    const TemplateResource& r = *trigger;
    if (r.excluded) continue;
    const Value& p = r.properties;
    const Origin at{t.file, r.mark, r.type + " " + r.logical_id};
    if (r.type == "AWS::Lambda::EventSourceMapping") {
      if (const Value* f = p.find("FunctionName"); f && refers_to(*f, function_id)) {
        set_kind(s, "worker", at);
        const Value* source = p.find("EventSourceArn");
        bool sqs = false;
        for (const std::string& id : source ? referenced(*source) : std::set<std::string>{}) {
          const TemplateResource* q = resource_of(lookup.resources, id);
          sqs = sqs || (q && q->type == "AWS::SQS::Queue");
        }
        sqs = sqs || (source && source->text.starts_with("arn:aws:sqs:"));
        ImportedEventSource e = read_batching(t, p, sqs, at, r.logical_id, model);
        if (source && sqs) read_queue(lookup, *source, e, model);
        set_event_source(s, std::move(e), function_id, model);
      }
    } else if (r.type == "AWS::Lambda::Url") {
      if (const Value* f = p.find("TargetFunctionArn"); f && refers_to(*f, function_id)) {
        set_kind(s, "http", at);
        s.front_door = Sourced<std::string>{"function-url", at};
      }
    } else if (r.type == "AWS::Lambda::Permission") {
      const Value* f = p.find("FunctionName");
      const Value* principal = p.find("Principal");
      if (!f || !refers_to(*f, function_id) || !principal || !principal->known()) continue;
      if (principal->text == "apigateway.amazonaws.com") {
        set_kind(s, "http", at);
      } else if (principal->text == "elasticloadbalancing.amazonaws.com") {
        set_kind(s, "http", at);
        s.front_door = Sourced<std::string>{"alb", at};
      } else if (principal->text == "events.amazonaws.com" ||
                 principal->text == "scheduler.amazonaws.com") {
        // A rule: scheduled when it has a schedule, an event otherwise (below).
      } else {
        set_kind(s, "event", at);
      }
    } else if (r.type == "AWS::Events::Rule" || r.type == "AWS::Scheduler::Schedule") {
      const Value* targets = p.find("Targets");
      const Value* target = r.type == "AWS::Scheduler::Schedule" ? p.find("Target") : nullptr;
      const bool aims = (targets && refers_to(*targets, function_id)) ||
                        (target && refers_to(*target, function_id));
      if (!aims) continue;
      if (const Value* expr = p.find("ScheduleExpression"); expr && expr->known()) {
        set_kind(s, "scheduled", at);
        s.schedule = r.type == "AWS::Scheduler::Schedule"
                         ? scheduler_expression(t.file, *expr)
                         : Sourced<std::string>{expr->text, origin_of(t.file, *expr, "")};
      } else {
        set_kind(s, "event", at);
      }
    }
  }
}

void import_function(const Lookup& lookup, const TemplateResource& r, ImportedModel& model) {
  const Template& t = lookup.t;
  const Value& p = r.properties;
  const bool sam = r.type == "AWS::Serverless::Function";
  ImportedService s;
  s.id = r.logical_id;
  s.lambda = true;
  s.name = Sourced<std::string>{service_name(r), Origin{t.file, r.mark, r.type}};

  if (const Value* v = p.find("MemorySize"); v && v->number()) {
    s.memory_mb = Sourced<double>{*v->number(), origin_of(t.file, *v, "MemorySize")};
  } else {
    s.memory_mb = Sourced<double>{128, Origin{t.file, r.mark, "MemorySize not set: AWS's default"}};
    model.assumed.push_back(fmt::format("{}:{}:{}: {}: MemorySize not set, AWS's default 128 MB",
                                        t.file, r.mark.line, r.mark.column, r.logical_id));
  }
  if (const Value* v = p.find("Timeout"); v && v->number()) {
    s.timeout_seconds = Sourced<double>{*v->number(), origin_of(t.file, *v, "Timeout")};
  } else {
    s.timeout_seconds =
        Sourced<double>{3, Origin{t.file, r.mark, "Timeout not set: AWS's default"}};
    model.assumed.push_back(fmt::format("{}:{}:{}: {}: Timeout not set, AWS's default 3 s", t.file,
                                        r.mark.line, r.mark.column, r.logical_id));
  }
  if (const Value* v = p.find("Runtime"); v && v->known()) {
    const std::string language = language_of_runtime(v->text);
    if (!language.empty()) {
      s.language = Sourced<std::string>{language, origin_of(t.file, *v, "Runtime " + v->text)};
    }
  } else if (const Value* type = p.find("PackageType"); type && type->text == "Image") {
    s.language = Sourced<std::string>{"container", origin_of(t.file, *type, "PackageType Image")};
  }
  if (const Value* v = p.find("Architectures"); v && !v->items.empty() && v->items[0].known()) {
    s.architecture = Sourced<std::string>{v->items[0].text, origin_of(t.file, v->items[0], "")};
  }
  if (const Value* v = p.find("ReservedConcurrentExecutions"); v && v->number()) {
    s.reserved_concurrency = Sourced<int>{static_cast<int>(*v->number()),
                                          origin_of(t.file, *v, "ReservedConcurrentExecutions")};
  }
  if (const Value* pc = p.find("ProvisionedConcurrencyConfig")) {
    if (const Value* v = pc->find("ProvisionedConcurrentExecutions"); v && v->number()) {
      s.provisioned_concurrency = Sourced<int>{
          static_cast<int>(*v->number()), origin_of(t.file, *v, "ProvisionedConcurrentExecutions")};
    }
  }
  if (const Value* role = p.find("Role")) {
    if (auto name = role_name(*role)) {
      s.iam_role = Sourced<std::string>{*name, origin_of(t.file, *role, "Role")};
    } else {
      model.unknowns.push_back(r.logical_id + ": Role: " + role->unknown_reason);
    }
  } else if (sam) {
    // SAM generates a role for the function: its own.
    s.iam_role = Sourced<std::string>{kebab_case(r.logical_id) + "-role",
                                      Origin{t.file, r.mark, "SAM's generated role"}};
  }
  if (const Value* env = p.find("Environment")) {
    if (const Value* variables = env->find("Variables")) {
      read_environment(lookup, *variables, s);
      // At the `Environment:` key (the function's own, or Globals' when it has none).
      s.environment = environment_size(
          *variables,
          Origin{t.file, env->key_mark.known() ? env->key_mark : env->mark, "Environment"});
    }
  }
  if (const Value* policies = sam && !p.find("Role") ? p.find("Policies") : nullptr) {
    // SAM's Policies become inline policies of the role it generates (ignored beside a Role).
    ImportedPolicy policy;
    policy.id = r.logical_id;
    policy.origin = origin_of(t.file, *policies, "Policies");
    policy.roles.push_back(*s.iam_role);
    std::vector<const Value*> documents;
    if (policies->kind == Value::Kind::list) {
      for (const Value& item : policies->items) documents.push_back(&item);
    } else {
      documents.push_back(policies);
    }
    for (const Value* document : documents) {
      if (document->kind != Value::Kind::map) continue;  // a managed policy's name or ARN
      if (!document->find("Statement")) {
        model.roles_granted_elsewhere.insert(s.iam_role->value);  // a SAM policy template
        continue;
      }
      for (ImportedStatement& st : statements_of(*document, t.file, r.logical_id, model.unknowns)) {
        policy.statements.push_back(std::move(st));
      }
    }
    if (std::any_of(documents.begin(), documents.end(),
                    [](const Value* d) { return d->kind != Value::Kind::map; })) {
      model.roles_granted_elsewhere.insert(s.iam_role->value);
    }
    if (!policy.statements.empty()) model.policies.push_back(std::move(policy));
  }
  if (const Value* events = sam ? p.find("Events") : nullptr) {
    import_sam_events(lookup, *events, r.logical_id, s, model);
  }
  import_triggers(lookup, r.logical_id, s, model);
  if (const Value* vpc = p.find("VpcConfig")) {
    if (const Value* subnets = vpc->find("SubnetIds")) {
      read_subnets(lookup, *subnets, "VpcConfig.SubnetIds", r.logical_id, s, model);
    }
  }
  if (const Value* storage = p.find("EphemeralStorage")) {
    if (const Value* v = storage->find("Size"); v && v->number()) {
      s.ephemeral_storage_gb = Sourced<double>{
          *v->number() / 1024, origin_of(t.file, *v, "EphemeralStorage.Size " + v->text + " MB")};
    }
  }
  if (const Value* url = sam ? p.find("FunctionUrlConfig") : nullptr) {
    // SAM's function URL (an AWS::Lambda::Url it generates): the function serves HTTP itself.
    const Origin at{t.file, url->key_mark.known() ? url->key_mark : url->mark, "FunctionUrlConfig"};
    set_kind(s, "http", at);
    if (s.kind->value == "http" && !s.front_door) {
      s.front_door = Sourced<std::string>{"function-url", at};
    }
  }
  if (!s.kind) {
    s.kind = Sourced<std::string>{
        "event", Origin{t.file, r.mark, "no trigger in the files: invoked by something outside"}};
  }
  model.services.push_back(std::move(s));
}

// An ECS worker (no load balancer) whose environment names a queue of the template reads it,
// unless its task role's policies, all in the files, do not let it receive from SQS.
void read_queue_of_worker(const Lookup& lookup, const Value& variables, ImportedService& s,
                          ImportedModel& model) {
  if (s.event_source) return;
  if (s.iam_role && !role_may(model, s.iam_role->value, "sqs:ReceiveMessage")) return;
  for (const Value& v : variables.entries) {
    ImportedEventSource e;
    read_queue(lookup, v, e, model);
    if (!e.queue) continue;
    e.queue->origin = origin_of(lookup.t.file, v, v.key + " names the queue read");
    s.event_source = std::move(e);
    return;
  }
}

// ---- ECS services ------------------------------------------------------------------------------

// A task definition without task-level Memory or Cpu (allowed for the EC2 launch type) is sized by
// its containers: the sum of their `Memory` (hard limit) or else `MemoryReservation`, and of
// their `Cpu` units (1,024 a vCPU). What no container gives is listed, never guessed.
void container_size(const Template& t, const TemplateResource& definition, ImportedService& s,
                    ImportedModel& model) {
  const Value* containers = definition.properties.find("ContainerDefinitions");
  const std::size_t count = containers ? containers->items.size() : 0;
  double memory = 0, cpu = 0;
  std::size_t with_memory = 0, with_cpu = 0;
  std::optional<Origin> memory_at, cpu_at;
  std::string memory_keys;
  for (std::size_t i = 0; i < count; ++i) {
    const Value& c = containers->items[i];
    const Value* m = c.find("Memory");
    const char* key = "Memory";
    if (!m || !m->number()) {
      m = c.find("MemoryReservation");
      key = "MemoryReservation";
    }
    if (m && m->number()) {
      memory += *m->number();
      ++with_memory;
      if (!memory_at) memory_at = origin_of(t.file, *m, "");
      memory_keys += (memory_keys.empty() ? "" : " + ") + std::string(key) + " " + m->text;
    }
    if (const Value* v = c.find("Cpu"); v && v->number()) {
      cpu += *v->number();
      ++with_cpu;
      if (!cpu_at) cpu_at = origin_of(t.file, *v, "");
    }
  }
  const std::string id = fmt::format("{}:{}:{}: {}", t.file, definition.mark.line,
                                     definition.mark.column, definition.logical_id);
  if (!s.memory_mb) {
    if (count > 0 && with_memory == count) {
      memory_at->note = "container " + memory_keys + " (no task-level Memory)";
      s.memory_mb = Sourced<double>{memory, *memory_at};
    } else {
      model.unknowns.push_back(
          id +
          ": Memory: neither the task nor every container sets it (memory_mb left to the "
          "overlay; the spec's default is 512 MB)");
    }
  }
  if (!s.vcpu) {
    if (count > 0 && with_cpu == count && cpu > 0) {
      cpu_at->note = fmt::format("container Cpu {:g} units (no task-level Cpu)", cpu);
      s.vcpu = Sourced<double>{cpu / 1024, *cpu_at};
    } else {
      model.unknowns.push_back(
          id +
          ": Cpu: neither the task nor every container sets it (vcpu left to the overlay; "
          "the spec's default fits the memory)");
    }
  }
}

void import_ecs_service(const Lookup& lookup, const TemplateResource& r, ImportedModel& model) {
  const Template& t = lookup.t;
  const Resources& resources = lookup.resources;
  const Value& p = r.properties;
  ImportedService s;
  s.id = r.logical_id;
  s.lambda = false;
  s.name = Sourced<std::string>{service_name(r), Origin{t.file, r.mark, r.type}};
  s.language = Sourced<std::string>{"container", Origin{t.file, r.mark, "an ECS service"}};

  std::string launch = "ecs-fargate";
  Origin launch_origin{t.file, r.mark, "LaunchType not set: ECS's default is EC2"};
  if (const Value* v = p.find("LaunchType"); v && v->known()) {
    launch = v->text == "EC2" ? "ecs-ec2" : "ecs-fargate";
    launch_origin = origin_of(t.file, *v, "LaunchType " + v->text);
  } else if (const Value* cps = p.find("CapacityProviderStrategy"); cps && !cps->items.empty()) {
    const Value* provider = cps->items[0].find("CapacityProvider");
    const bool fargate = provider && provider->known() && provider->text.starts_with("FARGATE");
    launch = fargate ? "ecs-fargate" : "ecs-ec2";
    launch_origin = origin_of(t.file, cps->items[0], "CapacityProviderStrategy");
  } else {
    launch = "ecs-ec2";
  }
  s.launch = Sourced<std::string>{launch, launch_origin};

  const Value* load_balancers = p.find("LoadBalancers");
  if (load_balancers && !load_balancers->items.empty()) {
    s.kind = Sourced<std::string>{"http", origin_of(t.file, *load_balancers, "LoadBalancers")};
  } else {
    s.kind = Sourced<std::string>{"worker", Origin{t.file, r.mark, "no load balancer"}};
  }
  if (const Value* config = p.find("NetworkConfiguration")) {
    const Value* vpc = config->find("AwsvpcConfiguration");
    const Value* subnets = vpc ? vpc->find("Subnets") : nullptr;
    if (subnets) {
      read_subnets(lookup, *subnets, "AwsvpcConfiguration.Subnets", r.logical_id, s, model);
    }
    if (const Value* ip = vpc ? vpc->find("AssignPublicIp") : nullptr; ip && ip->known()) {
      s.assign_public_ip = Sourced<bool>{ip->text == "ENABLED",
                                         origin_of(t.file, *ip, "AssignPublicIp " + ip->text)};
    }
  }
  if (const Value* v = p.find("HealthCheckGracePeriodSeconds"); v && v->number()) {
    s.health_check_grace_seconds =
        Sourced<double>{*v->number(), origin_of(t.file, *v, "HealthCheckGracePeriodSeconds")};
  }

  // Desired count pins the fleet unless a scalable target scales it.
  bool scaled = false;
  for (const TemplateResource* target : referring(lookup.referrers, r.logical_id)) {
    const TemplateResource& other = *target;
    if (other.type != "AWS::ApplicationAutoScaling::ScalableTarget" || other.excluded) continue;
    const Value* id = other.properties.find("ResourceId");
    if (!id || !refers_to(*id, r.logical_id)) continue;
    scaled = true;
    if (const Value* v = other.properties.find("MinCapacity"); v && v->number()) {
      s.min_tasks = Sourced<int>{static_cast<int>(*v->number()),
                                 origin_of(t.file, *v, "MinCapacity of " + other.logical_id)};
    }
    if (const Value* v = other.properties.find("MaxCapacity"); v && v->number()) {
      s.max_tasks = Sourced<int>{static_cast<int>(*v->number()),
                                 origin_of(t.file, *v, "MaxCapacity of " + other.logical_id)};
    }
  }
  if (!scaled) {
    if (const Value* v = p.find("DesiredCount"); v && v->number()) {
      const Sourced<int> count{static_cast<int>(*v->number()),
                               origin_of(t.file, *v, "DesiredCount, no scalable target: pinned")};
      s.min_tasks = count;
      s.max_tasks = count;
    }
  }

  // The task definition: size, roles, environment and secrets.
  const Value* task = p.find("TaskDefinition");
  const TemplateResource* definition = nullptr;
  if (task) {
    for (const std::string& id : referenced(*task)) {
      const TemplateResource* d = resource_of(resources, id);
      if (d && d->type == "AWS::ECS::TaskDefinition") definition = d;
    }
  }
  if (definition) {
    const Value& d = definition->properties;
    // Findings on the task definition's own settings name it and point into it.
    s.task_definition = Sourced<std::string>{
        definition->logical_id, Origin{t.file, definition->mark, "AWS::ECS::TaskDefinition"}};
    if (const Value* v = d.find("Cpu")) {
      if (const auto vcpu = task_vcpu(*v)) {
        s.vcpu = Sourced<double>{*vcpu, origin_of(t.file, *v, "Cpu " + v->text)};
      }
    }
    if (const Value* v = d.find("Memory")) {
      if (const auto mb = task_memory_mb(*v)) {
        s.memory_mb = Sourced<double>{*mb, origin_of(t.file, *v, "Memory " + v->text)};
      }
    }
    // The pair as declared, whether or not Fargate offers it (a rule judges that).
    s.task_vcpu = s.vcpu;
    s.task_memory_mb = s.memory_mb;
    if (!s.memory_mb || !s.vcpu) container_size(t, *definition, s, model);
    if (const Value* role = d.find("TaskRoleArn")) {
      if (auto name = role_name(*role)) {
        s.iam_role = Sourced<std::string>{*name, origin_of(t.file, *role, "TaskRoleArn")};
      }
    }
    if (const Value* role = d.find("ExecutionRoleArn")) {
      if (auto name = role_name(*role)) {
        s.execution_role =
            Sourced<std::string>{*name, origin_of(t.file, *role, "ExecutionRoleArn")};
      }
    }
    if (const Value* containers = d.find("ContainerDefinitions")) {
      for (const Value& c : containers->items) {
        if (const Value* secrets = c.find("Secrets"); secrets && !secrets->items.empty()) {
          s.secrets = Sourced<std::string>{
              "injected", origin_of(t.file, *secrets, "container Secrets (valueFrom)")};
        }
        if (const Value* env = c.find("Environment")) {
          // Name/Value pairs, as ECS writes them.
          Value variables;
          variables.kind = Value::Kind::map;
          for (const Value& pair : env->items) {
            const Value* name = pair.find("Name");
            const Value* value = pair.find("Value");
            if (name && name->known() && value) variables.add(name->text, *value);
          }
          read_environment(lookup, variables, s);
          if (s.kind && s.kind->value == "worker")
            read_queue_of_worker(lookup, variables, s, model);
        }
      }
    }
  } else {
    model.unknowns.push_back(fmt::format(
        "{}:{}:{}: {} TaskDefinition: not a task definition in the files (vcpu and memory_mb left "
        "to the overlay)",
        t.file, task ? task->mark.line : r.mark.line, task ? task->mark.column : r.mark.column,
        r.logical_id));
  }
  model.services.push_back(std::move(s));
}

// ---- IAM policies -------------------------------------------------------------------------------

// Roles' inline policies, AWS::IAM::Policy and AWS::IAM::ManagedPolicy resources with the roles
// they attach to (their Roles, or a role's ManagedPolicyArns naming them), and the roles that also
// hold managed policies from outside the template.
void import_policies(const Lookup& lookup, ImportedModel& model) {
  const Template& t = lookup.t;
  std::map<std::string, std::vector<Sourced<std::string>>> attached;  // managed policy -> roles
  for (const TemplateResource& r : t.resources) {
    if (r.excluded || r.type != "AWS::IAM::Role") continue;
    const Value* arns = r.properties.find("ManagedPolicyArns");
    if (!arns) continue;
    for (const Value& arn : arns->items) {
      const std::set<std::string> ids = referenced(arn);
      bool here = false;
      for (const std::string& id : ids) {
        const TemplateResource* p = resource_of(lookup.resources, id);
        if (p && p->type == "AWS::IAM::ManagedPolicy") {
          attached[id].push_back(
              Sourced<std::string>{kebab_case(r.logical_id), origin_of(t.file, arn, r.logical_id)});
          here = true;
        }
      }
      if (!here) model.roles_granted_elsewhere.insert(kebab_case(r.logical_id));
    }
  }
  for (const TemplateResource& r : t.resources) {
    if (r.excluded) continue;
    const Value& p = r.properties;
    ImportedPolicy policy;
    policy.id = r.logical_id;
    policy.origin = Origin{t.file, r.mark, r.type};
    if (r.type == "AWS::IAM::Role") {
      const Value* inline_policies = p.find("Policies");
      if (!inline_policies) continue;
      policy.roles.push_back(Sourced<std::string>{kebab_case(r.logical_id), policy.origin});
      for (const Value& item : inline_policies->items) {
        const Value* document = item.find("PolicyDocument");
        if (!document) continue;
        for (ImportedStatement& st :
             statements_of(*document, t.file, r.logical_id, model.unknowns)) {
          policy.statements.push_back(std::move(st));
        }
      }
    } else if (r.type == "AWS::IAM::Policy" || r.type == "AWS::IAM::ManagedPolicy") {
      if (const Value* roles = p.find("Roles")) {
        for (const Value& role : roles->items) {
          if (auto name = role_name(role)) {
            policy.roles.push_back(Sourced<std::string>{*name, origin_of(t.file, role, "Roles")});
          }
        }
      }
      for (Sourced<std::string>& role : attached[r.logical_id]) policy.roles.push_back(role);
      const Value* document = p.find("PolicyDocument");
      if (!document) continue;
      policy.statements = statements_of(*document, t.file, r.logical_id, model.unknowns);
    } else {
      continue;
    }
    if (!policy.statements.empty()) model.policies.push_back(std::move(policy));
  }
}

// ---- platform ------------------------------------------------------------------------------

// Compute the readers do not turn into services or platform facts, and why (SPEC.md: unsupported
// resources are listed and skipped). An Auto Scaling group that joins an EKS cluster is read as
// its nodes instead.
const std::map<std::string_view, std::string_view> kUnread = {
    {"AWS::AutoScaling::AutoScalingGroup",
     "EC2 hosts not read (not an EKS cluster's nodes): ECS container instances or servers of "
     "their own"},
    {"AWS::EC2::Instance", "an EC2 instance is not a service computefit reads"},
    {"AWS::EC2::SpotFleet", "EC2 hosts not read"},
    {"AWS::EC2::EC2Fleet", "EC2 hosts not read"},
    {"AWS::EKS::FargateProfile", "EKS on Fargate is not a runtime computefit models"},
    {"AWS::Batch::ComputeEnvironment", "AWS Batch is not a runtime computefit models"},
    {"AWS::Batch::JobDefinition", "AWS Batch is not a runtime computefit models"},
    {"AWS::AppRunner::Service", "App Runner is not a runtime computefit models"},
    {"AWS::ElasticBeanstalk::Environment", "Elastic Beanstalk is not a runtime computefit models"},
    {"AWS::Lightsail::Instance", "Lightsail is not a runtime computefit models"},
    {"AWS::EMR::Cluster", "EMR is not a runtime computefit models"},
    {"AWS::Glue::Job", "Glue is not a runtime computefit models"},
    {"AWS::SageMaker::Endpoint", "SageMaker is not a runtime computefit models"},
    {"AWS::StepFunctions::StateMachine",
     "a state machine's own steps are not read (the functions it invokes are, as events)"},
    {"AWS::Serverless::StateMachine",
     "a state machine's own steps are not read (the functions it invokes are, as events)"},
    {"AWS::RDS::DBProxy",
     "an RDS Proxy's own connection limit (MaxConnectionsPercent) is not modelled; services "
     "reaching a database through it are marked proxy: true"},
};

// The instance type a launch configuration or template gives, with why when it gives none.
struct LaunchType {
  std::optional<Sourced<std::string>> type;
  std::string unknown;
  bool typeless = false;  ///< a launch template of the files that sets no type
};

LaunchType instance_type_of(const Lookup& lookup, const Value* launch, const std::string& key,
                            const std::string& group) {
  const Template& t = lookup.t;
  LaunchType out;
  const Value* type = nullptr;
  std::string from;
  if (launch) {
    for (const std::string& id : referenced(*launch)) {
      const TemplateResource* r = resource_of(lookup.resources, id);
      if (!r) continue;
      if (r->type == "AWS::AutoScaling::LaunchConfiguration") {
        type = r->properties.find("InstanceType");
      } else if (r->type == "AWS::EC2::LaunchTemplate") {
        const Value* data = r->properties.find("LaunchTemplateData");
        type = data ? data->find("InstanceType") : nullptr;
      }
      from = id;
    }
  }
  if (type && type->known()) {
    out.type = Sourced<std::string>{
        type->text, origin_of(t.file, *type, "InstanceType of " + from + " (" + group + ")")};
  } else if (type) {
    out.unknown = group + " " + from + " InstanceType: " + type->unknown_reason;
  } else if (!from.empty()) {
    out.unknown = group + ": its " + key + " " + from + " sets no InstanceType";
    out.typeless = true;
  } else {
    out.unknown = group + ": its " + key + " is not in the files";
  }
  return out;
}

// The cluster's nodes: managed node groups (InstanceTypes, or their launch template's type, else
// EKS's default t3.medium; ScalingConfig) and self-managed ones, the Auto Scaling groups that join
// it (a `kubernetes.io/cluster/NAME` tag or a launch configuration or template naming the cluster
// in its user data). The first group's type is the node type; the sizes are the groups' sums when
// every group gives them.
void read_nodes(const Lookup& lookup, const std::string& cluster_id, ImportedCluster& cluster,
                std::set<std::string>& node_groups, ImportedModel& model) {
  const Template& t = lookup.t;
  std::vector<const TemplateResource*> groups;
  std::set<std::string> seen;
  const auto add = [&](const TemplateResource* r) {
    if (!r->excluded && seen.insert(r->logical_id).second) groups.push_back(r);
  };
  for (const TemplateResource* r : referring(lookup.referrers, cluster_id)) {
    if (r->type == "AWS::EKS::Nodegroup" || r->type == "AWS::AutoScaling::AutoScalingGroup") {
      add(r);
    } else if (r->type == "AWS::AutoScaling::LaunchConfiguration" ||
               r->type == "AWS::EC2::LaunchTemplate") {
      for (const TemplateResource* g : referring(lookup.referrers, r->logical_id)) {
        if (g->type == "AWS::AutoScaling::AutoScalingGroup") add(g);
      }
    }
  }
  std::sort(groups.begin(), groups.end(), [](const TemplateResource* a, const TemplateResource* b) {
    return std::pair{a->mark.line, a->mark.column} < std::pair{b->mark.line, b->mark.column};
  });
  int min_sum = 0, max_sum = 0;
  bool sizes = !groups.empty();
  std::optional<Origin> min_at, max_at;
  for (const TemplateResource* g : groups) {
    const Value& p = g->properties;
    const bool managed = g->type == "AWS::EKS::Nodegroup";
    if (!managed) node_groups.insert(g->logical_id);
    LaunchType type;
    if (managed) {
      const Value* types = p.find("InstanceTypes");
      if (types && !types->items.empty()) {
        const Value& first = types->items[0];
        if (first.known()) {
          type.type = Sourced<std::string>{
              first.text, origin_of(t.file, first, "InstanceTypes of " + g->logical_id)};
        } else {
          type.unknown = g->logical_id + " InstanceTypes: " + first.unknown_reason;
        }
      } else if (const Value* lt = p.find("LaunchTemplate")) {
        type = instance_type_of(lookup, lt, "launch template", g->logical_id);
        if (type.typeless) type.unknown.clear();  // EKS's default below
      }
      if (!type.type && type.unknown.empty()) {
        // EKS's default for a managed node group with no type anywhere
        // (docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html, instanceTypes).
        type.type = Sourced<std::string>{
            "t3.medium", Origin{t.file, g->mark, "no instance type: EKS's default t3.medium"}};
        model.assumed.push_back(g->logical_id +
                                ": no instance type, EKS's default for a managed node group, "
                                "t3.medium");
      }
    } else {
      const Value* launch = p.find("LaunchConfigurationName");
      std::string key = "launch configuration";
      if (!launch) {
        launch = p.find("LaunchTemplate");
        key = "launch template";
      }
      if (!launch) {
        if (const Value* mixed = p.find("MixedInstancesPolicy")) {
          const Value* lt = mixed->find("LaunchTemplate");
          const Value* overrides = lt ? lt->find("Overrides") : nullptr;
          const Value* first = overrides && !overrides->items.empty()
                                   ? overrides->items[0].find("InstanceType")
                                   : nullptr;
          if (first && first->known()) {
            type.type = Sourced<std::string>{
                first->text,
                origin_of(t.file, *first, "MixedInstancesPolicy override of " + g->logical_id)};
          }
          launch = lt ? lt->find("LaunchTemplateSpecification") : nullptr;
        }
      }
      if (!type.type) type = instance_type_of(lookup, launch, key, g->logical_id);
    }
    if (type.type && !cluster.node_instance_type) cluster.node_instance_type = type.type;
    if (!type.type && cluster.node_type_unknown.empty()) cluster.node_type_unknown = type.unknown;
    if (!type.type) {
      model.unknowns.push_back(
          fmt::format("{}:{}:{}: {}", t.file, g->mark.line, g->mark.column, type.unknown));
    }
    const Value* scaling = managed ? p.find("ScalingConfig") : &p;
    const Value* min = scaling ? scaling->find("MinSize") : nullptr;
    const Value* max = scaling ? scaling->find("MaxSize") : nullptr;
    if (min && min->number() && max && max->number()) {
      min_sum += static_cast<int>(*min->number());
      max_sum += static_cast<int>(*max->number());
      if (!min_at) min_at = origin_of(t.file, *min, "");
      if (!max_at) max_at = origin_of(t.file, *max, "");
    } else {
      sizes = false;
      model.unknowns.push_back(fmt::format("{}:{}:{}: {} MinSize/MaxSize: not known in the files",
                                           t.file, g->mark.line, g->mark.column, g->logical_id));
    }
  }
  if (groups.empty()) {
    cluster.node_type_unknown = "no node group or Auto Scaling group of the cluster in the files";
    model.unknowns.push_back(cluster_id + ": nodes: " + cluster.node_type_unknown);
  }
  if (sizes && min_at && max_at) {
    const std::string what = groups.size() == 1
                                 ? "of " + groups[0]->logical_id
                                 : fmt::format("summed over {} groups", groups.size());
    min_at->note = "MinSize " + what;
    max_at->note = "MaxSize " + what;
    cluster.min_nodes = Sourced<int>{min_sum, *min_at};
    cluster.max_nodes = Sourced<int>{max_sum, *max_at};
  }
}

}  // namespace

void import_template(const Template& t, ImportedModel& model) {
  Lookup lookup{t, {}, referrers_of(t), proxies(t), {}, {}};
  for (const TemplateResource& r : t.resources) lookup.resources.emplace(r.logical_id, &r);
  lookup.network = network_facts(t, lookup.resources);
  import_databases(t, lookup.resources, lookup.referrers, model);
  for (const ImportedDatabase& db : model.databases) lookup.databases.insert(db.id);
  import_policies(lookup, model);  // before the services: a worker's role says what it reads
  // Functions behind a custom resource's ServiceToken run at deploy time (CDK's providers, for
  // example): plumbing of the stack, not a workload.
  std::set<std::string> providers;
  for (const TemplateResource& r : t.resources) {
    if (!r.type.starts_with("Custom::") && r.type != "AWS::CloudFormation::CustomResource") {
      continue;
    }
    if (const Value* token = r.properties.find("ServiceToken")) providers.merge(referenced(*token));
  }
  // The first EKS cluster, with its managed node groups and the Auto Scaling groups that join it.
  std::set<std::string> node_groups;
  for (const TemplateResource& r : t.resources) {
    if (r.type != "AWS::EKS::Cluster" || r.excluded || model.cluster) continue;
    ImportedCluster& cluster = model.cluster.emplace();
    cluster.origin = Origin{t.file, r.mark, r.type + " " + r.logical_id};
    if (const Value* v = r.properties.find("Version"); v && v->known()) {
      cluster.kubernetes_version = Sourced<std::string>{v->text, origin_of(t.file, *v, "Version")};
    }
    read_nodes(lookup, r.logical_id, cluster, node_groups, model);
  }
  for (const TemplateResource& r : t.resources) {
    if (r.excluded) {
      model.skipped.push_back(r.logical_id + ": its Condition is false");
      continue;
    }
    if (r.type == "AWS::Serverless::Function" || r.type == "AWS::Lambda::Function") {
      if (providers.contains(r.logical_id)) {
        model.skipped.push_back(r.logical_id +
                                ": backs a custom resource (runs at deploy time, not a workload)");
        continue;
      }
      import_function(lookup, r, model);
    } else if (r.type == "AWS::ECS::Service") {
      import_ecs_service(lookup, r, model);
    } else if (const auto why = kUnread.find(r.type); why != kUnread.end()) {
      if (!node_groups.contains(r.logical_id)) {
        model.skipped.push_back(fmt::format("{}:{}:{}: {} ({}): {}", t.file, r.mark.line,
                                            r.mark.column, r.logical_id, r.type, why->second));
      }
    }
  }
  // Services reaching a database through a proxy mark it as proxied.
  for (const ImportedService& s : model.services) {
    for (const ImportedUse& use : s.uses) {
      if (!use.through_proxy) continue;
      for (ImportedDatabase& db : model.databases) {
        if (db.id == use.database_id) db.proxy = true;
      }
    }
  }
  for (const std::string& unknown : t.unknowns) model.unknowns.push_back(unknown);
}

}  // namespace computefit::readers
