#include "advisor/checklist.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "rules/rule_helpers.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

constexpr std::string_view kOk = "ok";
constexpr std::string_view kMissing = "missing";
constexpr std::string_view kReview = "review";

const Option* recommended(const ServiceReport& service) {
  if (!service.recommendation) return nullptr;
  for (const Option& option : service.options) {
    if (option.runtime == *service.recommendation) return &option;
  }
  return nullptr;
}

bool is_container(RuntimeId runtime) {
  return runtime != RuntimeId::lambda;
}

std::string_view instance_word(RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::lambda:
      return "environments";
    case RuntimeId::eks:
      return "pods";
    default:
      return "tasks";
  }
}

ChecklistItem iam_role(const Spec& spec, const Service& service) {
  if (service.iam_role.empty()) {
    return {"own IAM role", std::string(kMissing),
            fmt::format("no iam_role given: give {} a role of its own (one per task or function), "
                        "granting only what it calls ({})",
                        service.name,
                        service.outbound.empty() ? "no outbound calls declared"
                                                 : join_sentence(service.outbound))};
  }
  std::vector<std::string> others;
  for (const Service& other : spec.services) {
    if (&other != &service && other.iam_role == service.iam_role) others.push_back(other.name);
  }
  if (!others.empty()) {
    return {"own IAM role", std::string(kMissing),
            fmt::format("role '{}' is shared with {}: each gets the union of their permissions; "
                        "one role per task or function",
                        service.iam_role, join_sentence(others))};
  }
  return {"own IAM role", std::string(kOk),
          fmt::format("role '{}' is used by {} alone", service.iam_role, service.name)};
}

ChecklistItem secrets(const Service& service) {
  switch (service.secrets) {
    case SecretsSource::none:
      return {"secrets source", std::string(kOk), "the spec declares no secrets"};
    case SecretsSource::env:
      return {"secrets source", std::string(kMissing),
              "secrets in plain environment variables show in the task definition or function "
              "configuration and in CI logs: read them from Secrets Manager or SSM Parameter Store "
              "at start-up"};
    case SecretsSource::secretsmanager:
      return {"secrets source", std::string(kOk),
              "Secrets Manager, read at start-up with the service's own role (cache the value: "
              "each call is billed)"};
    case SecretsSource::ssm:
      return {"secrets source", std::string(kOk),
              "SSM Parameter Store (SecureString), read at start-up with the service's own role"};
    case SecretsSource::injected:
      return {"secrets source", std::string(kOk),
              "injected by the platform at start (ECS task secrets, Kubernetes Secrets from "
              "Secrets Manager): never in the image or the template"};
  }
  return {"secrets source", std::string(kReview), ""};
}

// What the service must reach from its subnet on `runtime`: its calls, its secrets store and, for
// containers, the image registry, image layers and logs (and its queue for a worker).
std::set<std::string> route_needs(const Service& service, RuntimeId runtime) {
  std::set<std::string> out(service.outbound.begin(), service.outbound.end());
  if (service.secrets == SecretsSource::secretsmanager) out.insert("secretsmanager");
  if (service.secrets == SecretsSource::ssm) out.insert("ssm");
  if (is_container(runtime)) {
    out.insert({"ecr.api", "ecr.dkr", "s3", "logs"});
    if (service.kind == ServiceKind::worker) out.insert("sqs");
  }
  return out;
}

ChecklistItem vpc_routing(const Spec& spec, const Service& service, const Option* option) {
  const Network& net = service.network;
  bool uses_database = false;
  for (const Use& use : service.uses) {
    const Downstream* d = spec.downstream(use.downstream);
    uses_database = uses_database || (d && d->kind == DownstreamKind::database);
  }
  if (net.subnet == Subnet::none) {
    if (uses_database) {
      return {"VPC routing", std::string(kMissing),
              "not in a VPC (subnet: none) but it uses a database, which lives in one: put it in "
              "private subnets of the database's VPC"};
    }
    return {"VPC routing", std::string(kReview),
            option && is_container(option->runtime)
                ? "not in your VPC (subnet: none): the containers would run in a public subnet "
                  "with public IPs; keep their security group closed to inbound traffic"
                : "not in your VPC (subnet: none): nothing private to reach, nothing to route"};
  }
  if (net.subnet == Subnet::public_subnet) {
    return {"VPC routing", std::string(kReview),
            fmt::format("public subnets in {} AZs: outbound goes through the internet gateway; "
                        "allow inbound only from the load balancer's security group",
                        net.azs)};
  }
  const RuntimeId runtime = option ? option->runtime : RuntimeId::ecs_fargate;
  std::vector<std::string> reached, missing;
  for (const std::string& target : route_needs(service, runtime)) {
    (has_route(service, target) ? reached : missing).push_back(target);
  }
  std::string via = net.nat_gateway ? fmt::format("a NAT gateway in each of {} AZs", net.azs)
                                    : std::string("no NAT gateway");
  if (!net.vpc_endpoints.empty()) via += ", endpoints for " + join_sentence(net.vpc_endpoints);
  if (!missing.empty()) {
    return {"VPC routing", std::string(kMissing),
            fmt::format("private subnets with {}: no route to {} (see private-subnet-no-egress)",
                        via, join_sentence(missing))};
  }
  std::string detail = fmt::format("private subnets with {}; reaches {}", via,
                                   reached.empty() ? "nothing it needs" : join_sentence(reached));
  if (net.nat_gateway) {
    std::vector<std::string> cheaper;
    for (const std::string& target : reached) {
      const bool endpoint = std::find(net.vpc_endpoints.begin(), net.vpc_endpoints.end(), target) !=
                            net.vpc_endpoints.end();
      if (!endpoint && (target == "s3" || target == "dynamodb")) cheaper.push_back(target);
    }
    if (!cheaper.empty()) {
      detail += fmt::format(
          " (a free gateway endpoint for {} keeps that traffic off the NAT "
          "gateway's per-GB charge)",
          join_sentence(cheaper));
    }
  }
  return {"VPC routing", std::string(kOk), detail};
}

ChecklistItem telemetry(const Service& service, const Option* option) {
  double logs_usd = 0;
  if (option) {
    for (const CostItem& item : option->cost_items) {
      if (item.kind == "logs") logs_usd += item.monthly_usd;
    }
  }
  std::string logs =
      service.log_kb_per_request > 0
          ? fmt::format("the spec declares {:g} KB of application logs per request",
                        service.log_kb_per_request)
          : std::string("the spec declares no application log volume (log_kb_per_request)");
  if (option) {
    logs += fmt::format("; CloudWatch Logs costs {}/month on {}", money(logs_usd),
                        runtime_label(option->runtime));
  }
  return {"logs, metrics, traces", std::string(kReview),
          logs +
              ". It cannot tell whether metrics, alarms on the SLO and traces (X-Ray or "
              "OpenTelemetry) are wired: check them, and set a log retention period"};
}

ChecklistItem guardrails(const Spec& spec, const Service& service, const Option* option) {
  if (!option) {
    return {"autoscaling guardrails", std::string(kReview), "no runtime can run this service"};
  }
  const RuntimeId runtime = option->runtime;
  if (service.kind == ServiceKind::scheduled) {
    return {"autoscaling guardrails", std::string(kOk),
            "a scheduled job: one run at a time; alarm on a run that fails or overruns"};
  }
  // The most instances the runtime can be configured to run, as the spec sets it.
  int cap = 0;
  std::string cap_text;
  if (runtime == RuntimeId::lambda) {
    const LambdaConfig& lambda = service.runtimes.lambda;
    cap = lambda.reserved_concurrency.value_or(lambda.account_concurrency);
    cap_text = lambda.reserved_concurrency
                   ? fmt::format("reserved concurrency {}", cap)
                   : fmt::format("no reserved concurrency (the account's {} apply)", cap);
  } else {
    cap = service.runtimes.container(runtime).max_tasks;
    cap_text = fmt::format("max {} {}", cap, instance_word(runtime));
  }
  const double per_instance = runtime == RuntimeId::lambda ? 1 : service.concurrency_per_instance;
  const double mean_seconds = service.duration_ms.mean() / 1000.0;
  std::vector<std::string> over, under;
  for (const Use& use : service.uses) {
    const Downstream* d = spec.downstream(use.downstream);
    if (!d) continue;
    if (d->max_connections && use.connections_per_instance > 0) {
      const double most = cap * use.connections_per_instance;
      const int safe =
          static_cast<int>(std::floor(*d->max_connections / use.connections_per_instance));
      // A cap is a bound (every instance holds its whole pool), so it needs no simulation; it
      // counts this service's connections alone.
      const std::string remedy =
          safe >= 1 ? fmt::format("; a cap of {} keeps {} alone under it", safe, service.name)
                    : fmt::format("; even one instance's pool of {:g} exceeds it",
                                  use.connections_per_instance);
      (most > *d->max_connections ? over : under)
          .push_back(fmt::format("{} connections to {} (limit {}{})", thousands(most), d->name,
                                 thousands(*d->max_connections),
                                 most > *d->max_connections ? remedy : ""));
    }
    if (d->max_rps && use.calls_per_request > 0 && mean_seconds > 0) {
      // With every slot busy at the mean duration: the most one instance can push.
      const double per_instance_rps = per_instance / mean_seconds * use.calls_per_request;
      const double most = cap * per_instance_rps;
      const int safe = static_cast<int>(std::floor(*d->max_rps / per_instance_rps));
      std::string remedy;
      if (safe >= 1) {
        remedy = fmt::format("; a cap of {} keeps under it", safe);
      } else if (runtime == RuntimeId::lambda) {
        remedy = fmt::format("; even one environment can push {} calls/s: rate-limit the calls",
                             thousands(per_instance_rps, 1));
      } else {
        const int slots =
            static_cast<int>(std::floor(*d->max_rps * mean_seconds / use.calls_per_request));
        remedy = fmt::format(
            "; even one of its {} can push {} calls/s: {}a rate limit on the "
            "calls keeps under it",
            instance_word(runtime), thousands(per_instance_rps, 1),
            slots >= 1 ? fmt::format("concurrency_per_instance {} or ", slots) : std::string());
      }
      (most > *d->max_rps ? over : under)
          .push_back(fmt::format("{} calls/s to {} (limit {}/s{})", thousands(most), d->name,
                                 thousands(*d->max_rps), most > *d->max_rps ? remedy : ""));
    }
  }
  std::string detail = fmt::format("on {}, {}", runtime_label(runtime), cap_text);
  if (!over.empty()) detail += " can push " + join_sentence(over);
  if (!under.empty())
    detail += (over.empty() ? " keeps to " : "; it keeps to ") + join_sentence(under);
  if (over.empty() && under.empty()) detail += "; no downstream limit is declared";
  if (service.kind == ServiceKind::worker && is_container(runtime)) {
    detail += "; scale on queue depth (backlog per task), not CPU";
  } else if (service.kind == ServiceKind::worker) {
    detail += "; the SQS event source scales with queue depth: cap it with maximum concurrency";
  }
  return {"autoscaling guardrails", std::string(over.empty() ? kOk : kMissing), detail};
}

}  // namespace

std::vector<ChecklistItem> service_checklist(const Spec& spec, std::size_t index,
                                             const ServiceReport& report) {
  const Service& service = spec.services[index];
  const Option* option = recommended(report);
  return {iam_role(spec, service), secrets(service), vpc_routing(spec, service, option),
          telemetry(service, option), guardrails(spec, service, option)};
}

}  // namespace computefit
