#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "rules/remedy_check.hpp"
#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

// What one runtime can push on one downstream, against the downstream's limit.
struct Push {
  RuntimeId runtime;
  Severity severity;
  std::string load;     ///< what the traffic does against the limit (no runtime's name)
  std::string ceiling;  ///< medium: what the configured maximum allows
  std::string remedy;   ///< a checked setting that keeps it under, or why none does
};

// The most instances the runtime may run for the service, and what sets that number.
struct Ceiling {
  double instances;
  std::string setting;  ///< "max_tasks 100", "account concurrency 1,000", ...
};

Ceiling ceiling(const Service& service, RuntimeId runtime) {
  if (service.kind == ServiceKind::scheduled) {
    // The schedule, not a scaling setting, decides how many runs exist at once.
    const int runs = most_runs_at_once(service);
    return {static_cast<double>(runs), fmt::format("{} run{} at once", runs, runs == 1 ? "" : "s")};
  }
  if (runtime == RuntimeId::lambda) {
    const LambdaConfig& l = service.runtimes.lambda;
    if (l.reserved_concurrency && *l.reserved_concurrency < l.account_concurrency) {
      return {static_cast<double>(*l.reserved_concurrency),
              fmt::format("reserved concurrency {}", thousands(*l.reserved_concurrency))};
    }
    return {static_cast<double>(l.account_concurrency),
            fmt::format("account concurrency {}", thousands(l.account_concurrency))};
  }
  const ContainerConfig& c = service.runtimes.container(runtime);
  return {static_cast<double>(c.max_tasks),
          fmt::format("{} {}", runtime == RuntimeId::eks ? "max_pods" : "max_tasks", c.max_tasks)};
}

std::string_view cap_name(RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::lambda:
      return "reserved concurrency";
    case RuntimeId::eks:
      return "max_pods";
    case RuntimeId::ecs_fargate:
    case RuntimeId::ecs_ec2:
      break;
  }
  return "max_tasks";
}

ContainerConfig& container_config(Service& service, RuntimeId runtime) {
  switch (runtime) {
    case RuntimeId::ecs_ec2:
      return service.runtimes.ecs_ec2;
    case RuntimeId::eks:
      return service.runtimes.eks;
    case RuntimeId::lambda:
    case RuntimeId::ecs_fargate:
      break;
  }
  return service.runtimes.ecs_fargate;
}

// A cap of n instances as a change to the service: reserved concurrency on Lambda, the maximum of
// tasks or pods on containers (and the minimum with it when the floor is above the cap).
void apply_cap(Service& service, RuntimeId runtime, int n) {
  if (runtime == RuntimeId::lambda) {
    service.runtimes.lambda.reserved_concurrency = n;
    return;
  }
  ContainerConfig& c = container_config(service, runtime);
  c.max_tasks = n;
  c.min_tasks = std::min(c.min_tasks, n);
}

std::string cap_phrase(const Service& service, RuntimeId runtime, int n) {
  std::string phrase = fmt::format("{} {}", cap_name(runtime), thousands(n));
  if (runtime != RuntimeId::lambda && service.runtimes.container(runtime).min_tasks > n) {
    phrase += fmt::format(" (and {} {})", runtime == RuntimeId::eks ? "min_pods" : "min_tasks",
                          thousands(n));
  }
  return phrase;
}

// A capped option whose p99 is more than this multiple of the uncapped one has been made to
// queue: the finding says so.
constexpr double kQueueingFactor = 2;

// Re-simulations of one check, by (service, runtime, cap): two downstreams that call for the
// same cap share one run.
using TriedCaps = std::map<std::tuple<std::size_t, RuntimeId, int>, RuntimeEstimate>;

// "max_tasks 4 keeps it under (...); simulated with it: p99 ..., no request fails".
std::string capped_remedy(const RuleContext& context, std::size_t index, RuntimeId runtime,
                          const RuntimeEstimate& option, int n, const std::string& bound,
                          TriedCaps& tried) {
  const Service& service = context.spec.services[index];
  const std::string setting = cap_phrase(service, runtime, n);
  if (!cap_would_bind(service, runtime, option, n)) {
    return fmt::format(
        "{} keeps it under ({}); the simulated traffic never needed more than {} {}s, so the cap "
        "changes nothing there",
        setting, bound, figure(option.behaviour.peak_instances), instance_noun(runtime));
  }
  auto key = std::make_tuple(index, runtime, n);
  auto it = tried.find(key);
  if (it == tried.end()) {
    it = tried
             .emplace(key, try_setting(context, index, runtime,
                                       [&](Service& s) { apply_cap(s, runtime, n); }))
             .first;
  }
  const RuntimeEstimate& capped = it->second;
  // A cap well below what the traffic needs keeps the downstream safe by making callers wait.
  const bool queues =
      capped.feasible && capped.behaviour.p99_ms > kQueueingFactor * option.behaviour.p99_ms;
  return fmt::format("{} keeps it under ({}); {} with it: {}{}", setting, bound,
                     judged_by(service, runtime), outcome_phrase(service, runtime, capped),
                     queues ? fmt::format(" against {} uncapped: the traffic needs more than the "
                                          "cap allows, so it trades the overflow for waiting",
                                          milliseconds(option.behaviour.p99_ms))
                            : "");
}

std::optional<Push> connection_push(const RuleContext& context, std::size_t index, const Use& use,
                                    const Downstream& db, RuntimeId runtime,
                                    const RuntimeEstimate& option, TriedCaps& tried) {
  const Service& service = context.spec.services[index];
  const bool scheduled = service.kind == ServiceKind::scheduled;
  const double per = use.connections_per_instance;
  const double others = others_least_connections(context, db.name, index);
  const double room = *db.max_connections - others;
  const std::string limit =
      others > 0 ? fmt::format(
                       "the {} connections that {}'s other users leave of max_connections "
                       "{} (they hold at least {})",
                       figure(room), db.name, thousands(*db.max_connections), figure(others))
                 : fmt::format("max_connections {}", thousands(*db.max_connections));
  const Ceiling c = ceiling(service, runtime);
  const double most = c.instances * per;
  auto it = option.behaviour.peak_connections.find(db.name);
  double held = it == option.behaviour.peak_connections.end() ? 0 : it->second;
  if (scheduled) held = std::max(held, most);

  Push push{runtime, Severity::high, "", "", ""};
  if (held > room) {
    // Lambda's environments exhausting a database is lambda-db-connection-storm's finding.
    if (runtime == RuntimeId::lambda && db.kind == DownstreamKind::database) {
      const auto storm = lambda_storm_services(context, db);
      if (std::find(storm.begin(), storm.end(), index) != storm.end()) return std::nullopt;
    }
    push.load =
        scheduled ? (c.instances > 1 ? fmt::format("its runs overlap ({}, a run's p99 against its "
                                                   "schedule) and hold {} connections against {}",
                                                   c.setting, figure(held), limit)
                                     : fmt::format("one run alone holds {} connections against {}",
                                                   figure(held), limit))
                  : fmt::format(
                        "the simulated traffic holds {} connections at its peak "
                        "({} {}s × {}) against {}",
                        figure(held), figure(option.behaviour.peak_instances),
                        instance_noun(runtime), figure(per), limit);
  } else if (!scheduled && most > room) {
    push.severity = Severity::medium;
    push.load = fmt::format("the simulated traffic peaks at {} connections, within {}",
                            figure(held), limit);
    push.ceiling = fmt::format("{} allows {} ({} × {})", c.setting, figure(most),
                               figure(c.instances), figure(per));
  } else {
    return std::nullopt;
  }

  if (scheduled) {
    push.remedy =
        "fewer connections per run, runs that do not overlap, or a pooler (RDS Proxy, pgbouncer) "
        "in front";
    return push;
  }
  const int n = room > 0 ? static_cast<int>(std::floor(room / per)) : 0;
  if (n < 1) {
    push.remedy = fmt::format("no {} keeps it under: one {} alone holds {} connections",
                              cap_name(runtime), instance_noun(runtime), figure(per));
  } else {
    push.remedy = capped_remedy(
        context, index, runtime, option, n,
        fmt::format("{} × {} = {} connections", figure(n), figure(per), figure(n * per)), tried);
  }
  return push;
}

// "41 environments / 0.822 s mean × 1 call", "3 tasks × 80 at once / 0.822 s mean × 1 call".
std::string rate_formula(RuntimeId runtime, double instances, double slots, double d,
                         double calls) {
  const std::string who =
      fmt::format("{} {}{}", figure(instances), instance_noun(runtime), instances == 1 ? "" : "s");
  return fmt::format("{}{} / {} s mean × {} call{}", who,
                     slots > 1 ? fmt::format(" × {} at once", figure(slots)) : "", figure(d),
                     figure(calls), calls == 1 ? "" : "s");
}

std::optional<Push> rate_push(const RuleContext& context, std::size_t index, const Use& use,
                              const Downstream& api, RuntimeId runtime,
                              const RuntimeEstimate& option, TriedCaps& tried) {
  const Service& service = context.spec.services[index];
  const bool scheduled = service.kind == ServiceKind::scheduled;
  const double limit = *api.max_rps;
  const double d = mean_duration_seconds(service, runtime);
  if (d <= 0) return std::nullopt;
  const double slots =
      runtime == RuntimeId::lambda || scheduled ? 1 : std::max(1, service.concurrency_per_instance);
  const double calls = use.calls_per_request;
  // A saturated instance completes slots / mean duration requests a second.
  const double per_instance = slots / d * calls;
  const Ceiling c = ceiling(service, runtime);
  const double most = c.instances * per_instance;
  const double offered = scheduled ? most : peak_rate(service) * calls;
  const double pushed = std::min(offered, most);

  Push push{runtime, Severity::high, "", "", ""};
  if (pushed > limit) {
    push.load = scheduled
                    ? fmt::format("{} make{} about {} calls/s ({}) against its limit of {}/s",
                                  c.instances > 1 ? c.setting : "one run alone",
                                  c.instances > 1 ? "" : "s", figure(pushed),
                                  rate_formula(runtime, c.instances, 1, d, calls), figure(limit))
                    : fmt::format(
                          "the traffic's peak of {} requests/s makes about {} calls/s ({} per "
                          "request{}) against its limit of {}/s",
                          figure(peak_rate(service)), figure(pushed), figure(calls),
                          pushed < offered ? fmt::format(", as many as {} serves", c.setting) : "",
                          figure(limit));
  } else if (!scheduled && most > limit) {
    push.severity = Severity::medium;
    push.load = fmt::format(
        "the traffic's peak of {} requests/s makes about {} calls/s, within "
        "its limit of {}/s",
        figure(peak_rate(service)), figure(offered), figure(limit));
    push.ceiling = fmt::format("{} allows about {} calls/s ({})", c.setting, figure(most),
                               rate_formula(runtime, c.instances, slots, d, calls));
  } else {
    return std::nullopt;
  }

  if (scheduled) {
    push.remedy = fmt::format("a client-side rate limiter at {}/s in the job", figure(limit));
    return push;
  }
  const int n = static_cast<int>(std::floor(limit / per_instance));
  if (n < 1) {
    push.remedy = fmt::format(
        "no {} keeps it under: one {} serves {} requests at once, about {} calls/s ({})",
        cap_name(runtime), instance_noun(runtime), figure(slots), figure(per_instance),
        rate_formula(runtime, 1, slots, d, calls));
  } else {
    push.remedy =
        capped_remedy(context, index, runtime, option, n,
                      fmt::format("{} ≈ {} calls/s", rate_formula(runtime, n, slots, d, calls),
                                  figure(n * per_instance)),
                      tried);
  }
  return push;
}

// "Lambda: a; ECS on Fargate and ECS on EC2: b": runtimes whose text is the same share it, and
// a text every runtime shares stands alone.
std::string by_runtime(const std::vector<Push>& pushes, std::string Push::*text) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const Push& p : pushes) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == p.*text; });
    if (it == groups.end()) {
      groups.push_back({p.*text, {}});
      it = groups.end() - 1;
    }
    it->second.emplace_back(runtime_label(p.runtime));
  }
  if (groups.size() == 1) return groups.front().first;
  std::vector<std::string> parts;
  for (const auto& [line, labels] : groups) {
    parts.push_back(fmt::format("{}: {}", join_sentence(labels), line));
  }
  return join_list(parts);
}

// "orders-db's", "payments'".
std::string possessive(const std::string& name) {
  return name + (!name.empty() && name.back() == 's' ? "'" : "'s");
}

// What fixes it beyond a setting of the runtime.
std::string architecture_advice(const Service& service, const Downstream& downstream,
                                const Use& use, bool rate, Severity severity) {
  if (service.kind == ServiceKind::scheduled) return "";
  if (!rate) {
    return " A pooler in front of the database (RDS Proxy, pgbouncer) bounds the connections "
           "whatever the fleet does.";
  }
  if (service.kind != ServiceKind::http) {
    return " The queue absorbs what the cap holds back: scale on queue depth with that maximum.";
  }
  if (severity < Severity::high) {
    return " Cap scaling to what the downstream takes, and shed or queue the excess.";
  }
  // A synchronous caller is throttled or queued by any cap; a queue takes the burst instead.
  const double d = mean_duration_seconds(service, RuntimeId::lambda);
  const double consumers = *downstream.max_rps * d / use.calls_per_request;
  return fmt::format(
      " Architectural fix: acknowledge and enqueue: the handler puts each request on an SQS "
      "queue and answers at once, and a consumer drains the queue at the limit (a Lambda "
      "consumer with reserved concurrency {} ≈ {}/s × {} s mean / {} call{} per request), the "
      "queue absorbing the bursts.",
      figure(std::max(1.0, std::floor(consumers))), figure(*downstream.max_rps), figure(d),
      figure(use.calls_per_request), use.calls_per_request == 1 ? "" : "s");
}

void raise(const RuleContext& context, std::size_t index, const Use& use,
           const Downstream& downstream, bool rate, std::vector<Push> pushes, std::size_t feasible,
           std::vector<RaisedFinding>& out) {
  if (pushes.empty()) return;
  const Rule rule = scaling_outruns_downstream_rule();
  const Service& service = context.spec.services[index];
  const std::string location = context.spec.location(use.mark);
  const std::string kind = rate ? "rate limit" : "connection limit";
  const bool same = std::all_of(pushes.begin(), pushes.end(), [&](const Push& p) {
    return p.severity == pushes.front().severity;
  });
  const Severity severity = pushes.front().severity;
  if (pushes.size() > 1 && pushes.size() == feasible && same) {
    // The same on every runtime that can run it: a finding on no particular runtime.
    const std::string head =
        severity == Severity::high
            ? fmt::format("On every runtime that can run it, {} pushes past {} {}: {}",
                          service.name, possessive(downstream.name), kind,
                          by_runtime(pushes, &Push::load))
            : fmt::format(
                  "On every runtime that can run it, {}'s configured maximum could push "
                  "past {} {}, though its traffic does not: {}; {}",
                  service.name, possessive(downstream.name), kind, by_runtime(pushes, &Push::load),
                  by_runtime(pushes, &Push::ceiling));
    Finding finding =
        make_finding(rule, std::nullopt,
                     fmt::format("{}. Remedies: {}.{}", head, by_runtime(pushes, &Push::remedy),
                                 architecture_advice(service, downstream, use, rate, severity)),
                     location);
    finding.severity = severity;
    finding.remedy = by_runtime(pushes, &Push::remedy);
    out.push_back({index, std::move(finding)});
    return;
  }
  for (Push& push : pushes) {
    const std::string head =
        push.severity == Severity::high
            ? fmt::format("On {}, {} pushes past {} {}: {}", runtime_label(push.runtime),
                          service.name, possessive(downstream.name), kind, push.load)
            : fmt::format(
                  "On {}, {}'s configured maximum could push past {} {}, though its "
                  "traffic does not: {}, but {}",
                  runtime_label(push.runtime), service.name, possessive(downstream.name), kind,
                  push.load, push.ceiling);
    Finding finding = make_finding(
        rule, push.runtime,
        fmt::format("{}. Remedy: {}.{}", head, push.remedy,
                    architecture_advice(service, downstream, use, rate, push.severity)),
        location);
    finding.severity = push.severity;
    finding.remedy = std::move(push.remedy);
    out.push_back({index, std::move(finding)});
  }
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Spec& spec = context.spec;
  TriedCaps tried;
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    const Service& service = spec.services[i];
    std::vector<std::pair<RuntimeId, const RuntimeEstimate*>> options;
    for (RuntimeId runtime : kAllRuntimes) {
      if (const RuntimeEstimate* e = feasible_estimate(context, i, runtime)) {
        options.push_back({runtime, e});
      }
    }
    for (const Use& use : service.uses) {
      const Downstream* downstream = spec.downstream(use.downstream);
      if (!downstream) continue;
      if (downstream->max_connections && !downstream->proxy && use.connections_per_instance > 0) {
        std::vector<Push> pushes;
        for (const auto& [runtime, option] : options) {
          if (auto p = connection_push(context, i, use, *downstream, runtime, *option, tried)) {
            pushes.push_back(std::move(*p));
          }
        }
        raise(context, i, use, *downstream, false, std::move(pushes), options.size(), out);
      }
      if (downstream->max_rps && *downstream->max_rps > 0 && use.calls_per_request > 0) {
        std::vector<Push> pushes;
        for (const auto& [runtime, option] : options) {
          if (auto p = rate_push(context, i, use, *downstream, runtime, *option, tried)) {
            pushes.push_back(std::move(*p));
          }
        }
        raise(context, i, use, *downstream, true, std::move(pushes), options.size(), out);
      }
    }
  }
}

}  // namespace

Rule scaling_outruns_downstream_rule() {
  return {"scaling-outruns-downstream",
          Severity::high,
          "Scaling can outrun a downstream's limit",
          "The load a runtime pushes on a downstream — instances (or concurrency) times the "
          "connections each holds or the calls each makes — exceeds the downstream's connection "
          "or rate limit. High when the simulated traffic (or its declared peak) pushes past the "
          "limit; medium when only the configured maximum (max tasks or pods, reserved or "
          "account concurrency) could. A scheduled job is judged on the runs that can overlap, "
          "not on a scaling maximum: one run at a time raises it only when one run alone "
          "exceeds the limit. A database's limit is what its other users leave of it.",
          "Cap the runtime (reserved concurrency, max tasks or pods) at what the downstream takes "
          "— the finding quotes the cap re-simulated — or, when no cap keeps it under or a cap "
          "would throttle synchronous callers, put a queue (acknowledge and enqueue) or a "
          "connection pooler in front of the downstream.",
          check};
}

}  // namespace computefit
