#include "advisor/probes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "advisor/ranking.hpp"
#include "advisor/recommend.hpp"
#include "advisor/slo_remedy.hpp"
#include "pricing/ec2_instance_types.hpp"
#include "rules/wording.hpp"
#include "runtimes/operability.hpp"
#include "workload/month.hpp"

namespace computefit {
namespace {

const Option* option_of(const ServiceReport& service, RuntimeId runtime) {
  for (const Option& option : service.options) {
    if (option.runtime == runtime && option.feasible) return &option;
  }
  return nullptr;
}

const Option* recommended(const ServiceReport& service) {
  return service.recommendation ? option_of(service, *service.recommendation) : nullptr;
}

bool is_container(RuntimeId runtime) {
  return runtime != RuntimeId::lambda;
}

double items_usd(const Option& option, std::initializer_list<std::string_view> kinds) {
  double usd = 0;
  for (const CostItem& item : option.cost_items) {
    if (std::find(kinds.begin(), kinds.end(), item.kind) != kinds.end()) usd += item.monthly_usd;
  }
  return usd;
}

// What the instances themselves cost: the part right-sizing, Spot and Savings Plans act on.
double compute_usd(const Option& option) {
  return items_usd(option, {"lambda-duration", "lambda-provisioned-concurrency", "fargate-vcpu",
                            "fargate-memory", "ec2-instances"});
}

double catalog_usd(const PriceCatalog& catalog, std::string_view key) {
  const PriceEntry* entry = catalog.find(key);
  return entry ? entry->usd : 0.0;
}

std::string percent(double fraction) {
  return fmt::format("{:.0f}%", 100 * fraction);
}

std::string slo_text(const Slo& slo) {
  std::vector<std::string> parts;
  if (slo.p50_ms) parts.push_back("p50 " + milliseconds(*slo.p50_ms));
  if (slo.p95_ms) parts.push_back("p95 " + milliseconds(*slo.p95_ms));
  if (slo.p99_ms) parts.push_back("p99 " + milliseconds(*slo.p99_ms));
  return join_sentence(parts);
}

const Finding* finding_of(const ServiceReport& service, std::string_view id) {
  for (const Finding& finding : service.findings) {
    if (finding.id == id) return &finding;
  }
  return nullptr;
}

// The connections a service holds to `use`'s downstream at the option's peak: the option's own
// figure when that downstream is the only one it holds connections to (the simulation's level),
// else the peak instances times the pool per instance.
double peak_connections(const Service& service, const Use& use, const Option& option) {
  int pooled = 0;
  for (const Use& u : service.uses) pooled += u.connections_per_instance > 0 ? 1 : 0;
  if (pooled == 1 && option.peak_db_connections) return *option.peak_db_connections;
  return option.peak_instances.value_or(0) * use.connections_per_instance;
}

// "api and nightly-reconcile are recommended on ECS on Fargate; thumbnails is recommended on
// Lambda": every service of the report, grouped by its recommendation in runtime order.
std::string recommendations_sentence(const Report& report) {
  std::map<std::optional<RuntimeId>, std::vector<std::string>> by_runtime;
  for (const ServiceReport& sr : report.services) by_runtime[sr.recommendation].push_back(sr.name);
  std::vector<std::string> parts;
  for (const auto& [runtime, names] : by_runtime) {
    if (!runtime) {
      parts.push_back(fmt::format("nothing can run {}", join_sentence(names)));
    } else {
      parts.push_back(fmt::format("{} {} recommended on {}", join_sentence(names),
                                  names.size() == 1 ? "is" : "are", runtime_label(*runtime)));
    }
  }
  return join_list(parts);
}

std::string_view cold_start_moments(TrafficShape shape) {
  switch (shape) {
    case TrafficShape::bursty:
      return "most at the start of a burst, when new environments open";
    case TrafficShape::diurnal:
      return "most on the morning ramp, when new environments open";
    case TrafficShape::trace:
      return "most where the trace rises";
    case TrafficShape::steady:
      break;
  }
  return "as random peaks outgrow the warm pool and idle environments expire";
}

// One latency percentile of an option in words; none when every request failed.
std::string latency_text(const Option& option, double LatencyMs::*percentile) {
  if (!option.latency_ms) return "none (no request was served)";
  return milliseconds((*option.latency_ms).*percentile);
}

Probe cold_starts(const Spec& spec, const Report& report) {
  Probe probe{"lambda-cold-starts", "Lambda cold starts?", {}};
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    const Service& service = spec.services[i];
    const ServiceReport& sr = report.services[i];
    const Option* lambda = option_of(sr, RuntimeId::lambda);
    if (!lambda || service.kind == ServiceKind::scheduled || service.unranked) continue;
    const DurationSpec& init = service.runtimes.lambda.cold_start_ms;
    std::string answer = fmt::format(
        "{}: on Lambda {:.2f}% of requests start cold (init {} p50, {} p99), {}; p95 {}, p99 {}",
        service.name, 100 * lambda->cold_start_fraction.value_or(0),
        milliseconds(init.quantile(0.5)), milliseconds(init.quantile(0.99)),
        cold_start_moments(service.traffic.shape), latency_text(*lambda, &LatencyMs::p95),
        latency_text(*lambda, &LatencyMs::p99));
    if (!service.slo.any()) {
      answer += service.runtimes.lambda.provisioned_concurrency > 0
                    ? " with no SLO to break: the provisioned concurrency the spec sets buys "
                      "latency nothing asks for."
                    : " with no SLO to break: provisioned concurrency is not needed.";
    } else if (const Finding* f = finding_of(sr, "lambda-cold-start-slo")) {
      answer +=
          fmt::format(" against the SLO's {}: cold starts break it. {}", slo_text(service.slo),
                      f->remedy.empty() ? std::string("See lambda-cold-start-slo.")
                                        : upper_first(f->remedy) + ".");
    } else if (lambda->slo_met.value_or(false)) {
      const int provisioned = service.runtimes.lambda.provisioned_concurrency;
      answer += provisioned > 0 ? fmt::format(
                                      " against the SLO's {}: met with the {} provisioned "
                                      "environments the spec sets.",
                                      slo_text(service.slo), provisioned)
                                : fmt::format(
                                      " against the SLO's {}: met without provisioned concurrency, "
                                      "which would only add cost here.",
                                      slo_text(service.slo));
    } else {
      const double failed = failed_share(*lambda);
      const std::string miss =
          worst_miss(service.slo, lambda->latency_ms.value_or(LatencyMs{}), failed);
      const bool failures = (service.slo.p99_ms && failed > 0.01) ||
                            (service.slo.p95_ms && failed > 0.05) ||
                            (service.slo.p50_ms && failed > 0.50);
      answer += failures ? fmt::format(
                               " against the SLO's {}: missed ({}); provisioned concurrency "
                               "does not bring failed requests back.",
                               slo_text(service.slo), miss)
                         : fmt::format(
                               " against the SLO's {}: missed ({}), and not for cold starts "
                               "alone (the warm latency misses it too), so provisioned "
                               "concurrency does not fix it.",
                               slo_text(service.slo), miss);
    }
    answer.append(" ").append(recommendation_sentence(sr)).append(".");
    probe.answers.push_back(std::move(answer));
  }
  if (probe.answers.empty()) {
    probe.answers.push_back("No service has a feasible Lambda option: cold starts do not arise.");
  } else {
    probe.answers.push_back(
        "The spec gives one latency profile per service, so it cannot say which routes carry the "
        "cold starts; Lambda's Init Duration in the REPORT log lines shows them per request.");
  }
  return probe;
}

Probe ecs_or_eks(const Spec& spec, const Report& report) {
  Probe probe{"ecs-or-eks", "ECS or EKS?", {}};
  const Team& team = spec.team;
  const double ecs = operability_score(RuntimeId::ecs_fargate, team);
  const double ecs_ec2 = operability_score(RuntimeId::ecs_ec2, team);
  const double eks = operability_score(RuntimeId::eks, team);
  // Summed over the services that can run on EKS and on both ECS flavours, so the sums compare
  // like with like (shared items are split among those services, so they add up to once).
  double eks_total = 0, fargate_total = 0, ec2_total = 0, control_plane = 0;
  int both = 0;
  std::vector<std::string> on_eks;
  for (const ServiceReport& sr : report.services) {
    const Option* k8s = option_of(sr, RuntimeId::eks);
    const Option* fargate = option_of(sr, RuntimeId::ecs_fargate);
    const Option* ec2 = option_of(sr, RuntimeId::ecs_ec2);
    if (k8s) {
      for (const CostItem& item : k8s->cost_items) {
        if (item.kind == "eks-control-plane") control_plane = item.shared_total_usd;
      }
    }
    if (k8s && fargate && ec2) {
      eks_total += *k8s->monthly_cost_usd;
      fargate_total += *fargate->monthly_cost_usd;
      ec2_total += *ec2->monthly_cost_usd;
      ++both;
    }
    if (sr.recommendation == RuntimeId::eks) on_eks.push_back(sr.name);
  }
  const std::string team_text =
      fmt::format("The team has {} staffed Kubernetes platform and has {} ops maturity",
                  team.kubernetes_platform ? "a" : "no", to_string(team.ops_maturity));
  if (both == 0) {
    probe.answers.push_back(team_text + "; no service can run on both ECS flavours and EKS here.");
    return probe;
  }
  std::string cost = fmt::format(
      "For the {} service{} that can run on all three, EKS costs {}/month against {} on ECS on "
      "Fargate and {} on ECS on EC2",
      both, both == 1 ? "" : "s", money(eks_total), money(fargate_total), money(ec2_total));
  if (control_plane > 0) {
    cost += fmt::format(", the control plane {} of it", money(control_plane));
  } else {
    cost += ", with no control plane charged to these services (the platform's cluster)";
  }
  probe.answers.push_back(cost + ".");
  if (team.kubernetes_platform) {
    probe.answers.push_back(fmt::format(
        "{}: its cluster, add-ons, ingress and upgrades are already run, so EKS leaves the team "
        "little more than ECS (operability {:.2f} against {:.2f} for ECS on Fargate). EKS is "
        "worth it when the services join that platform's deployment and policy tooling.",
        team_text, eks, ecs));
  } else {
    probe.answers.push_back(fmt::format(
        "{}: on EKS the control-plane upgrades (about every 14 months), add-ons, ingress and "
        "policy stay theirs (operability {:.2f} against {:.2f} for ECS on Fargate and {:.2f} for "
        "ECS on EC2).",
        team_text, eks, ecs, ecs_ec2));
  }
  // The conclusion is the ranking's, which weighs that with cost and latency per service.
  std::string conclusion =
      fmt::format("Weighed with cost and latency: {}.", recommendations_sentence(report));
  if (!on_eks.empty() && !team.kubernetes_platform) {
    conclusion += fmt::format(" The why of {} says what outweighed the operations EKS leaves.",
                              join_sentence(on_eks));
  }
  probe.answers.push_back(conclusion);
  return probe;
}

// Network charges of the recommended options, shared resources counted once.
double network_usd(const Report& report) {
  double total = 0;
  std::map<std::string, double> shared;
  for (const ServiceReport& sr : report.services) {
    const Option* option = recommended(sr);
    if (!option) continue;
    for (const CostItem& item : option->cost_items) {
      if (item.kind != "nat-gateway" && item.kind != "vpc-endpoints") continue;
      if (item.shared_id.empty()) {
        total += item.monthly_usd;
      } else {
        shared[item.shared_id] = item.shared_total_usd;
      }
    }
  }
  for (const auto& [id, usd] : shared) total += usd;
  return total;
}

Probe private_rds(const Spec& spec, const Report& report) {
  Probe probe{"private-rds-access", "Private RDS access?", {}};
  for (const Downstream& db : spec.downstreams) {
    if (db.kind != DownstreamKind::database) continue;
    std::vector<std::string> users, pools, subnets;
    double peak_total = 0;
    for (std::size_t i = 0; i < spec.services.size(); ++i) {
      const Service& service = spec.services[i];
      const auto use = std::find_if(service.uses.begin(), service.uses.end(),
                                    [&](const Use& u) { return u.downstream == db.name; });
      if (use == service.uses.end()) continue;
      users.push_back(service.name);
      subnets.push_back(fmt::format("{} in {} subnets ({} AZs)", service.name,
                                    to_string(service.network.subnet), service.network.azs));
      if (const Option* option = recommended(report.services[i])) {
        const double peak = option->peak_instances.value_or(0);
        const double connections = peak_connections(service, *use, *option);
        peak_total += connections;
        pools.push_back(fmt::format(
            "{} on {}: {} ({:g} per instance, {} {} at the peak)", service.name,
            runtime_label(option->runtime), thousands(connections), use->connections_per_instance,
            thousands(peak),
            service.kind == ServiceKind::scheduled ? (peak == 1 ? "run" : "runs")
                                                   : (peak == 1 ? "instance" : "instances")));
      }
    }
    if (users.empty()) continue;
    probe.answers.push_back(fmt::format(
        "{} is used by {}: {}. Its security group admits the database port only from those "
        "services' security groups (Lambda functions get their own in the VPC); connect by the "
        "RDS endpoint's DNS name, never an IP (it moves on fail-over), with DNS resolution and "
        "hostnames on in the VPC.",
        db.name, join_sentence(users), join_list(subnets)));
    if (!pools.empty()) {
      std::string pool = fmt::format(
          "Pool sizing at the simulated peaks of the recommended runtimes: {}; {} in all",
          join_list(pools), thousands(peak_total));
      if (db.max_connections) {
        pool +=
            fmt::format(" against max_connections {} ({})", thousands(*db.max_connections),
                        peak_total <= *db.max_connections
                            ? fmt::format("{} spare", thousands(*db.max_connections - peak_total))
                            : fmt::format("{} over", thousands(peak_total - *db.max_connections)));
      }
      probe.answers.push_back(pool + (db.proxy ? "; a proxy pools them in front." : "."));
    }
  }
  if (probe.answers.empty()) {
    probe.answers.push_back("The spec declares no database that its services use.");
  }
  std::set<std::string> outbound;
  for (const Service& service : spec.services) {
    if (service.network.subnet != Subnet::private_subnet) continue;
    outbound.insert(service.outbound.begin(), service.outbound.end());
  }
  if (!outbound.empty()) {
    probe.answers.push_back(fmt::format(
        "Outbound calls from the private subnets ({}) go through NAT gateways or VPC endpoints: "
        "{}/month on the recommended runtimes (shared gateways counted once); gateway endpoints "
        "for S3 and DynamoDB are free.",
        join_sentence(std::vector<std::string>(outbound.begin(), outbound.end())),
        money(network_usd(report))));
  }
  return probe;
}

Probe cost_control(const Spec& spec, const Report& report, const PriceCatalog& catalog) {
  Probe probe{"cost-control", "Cost control?", {}};
  const bool three = spec.pricing.commitment == Commitment::savings_plan_3yr;
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    const Service& service = spec.services[i];
    const ServiceReport& sr = report.services[i];
    const Option* option = recommended(sr);
    if (!option) continue;
    const RuntimeId runtime = option->runtime;
    const double compute = compute_usd(*option);
    std::vector<std::string> levers;
    levers.push_back(
        fmt::format("right-size {}: {}/month of compute at stake", option->sizing, money(compute)));
    if (service.kind == ServiceKind::scheduled) {
      levers.push_back("already scheduled capacity: it runs only while the job runs");
    } else if (is_container(runtime)) {
      const ContainerConfig& c = service.runtimes.container(runtime);
      levers.push_back(fmt::format("autoscaling: mean {} of {}–{} instances, target tracking at {}",
                                   thousands(option->mean_instances.value_or(0), 1), c.min_tasks,
                                   c.max_tasks, percent(c.target_utilization)));
      if (service.traffic.shape == TrafficShape::diurnal) {
        levers.push_back("scheduled capacity: lower min_tasks outside the daily peak");
      } else if (service.traffic.shape == TrafficShape::bursty) {
        levers.push_back(
            "scheduled capacity does not fit unpredictable bursts: keep target "
            "tracking");
      }
    } else if (const int provisioned = service.runtimes.lambda.provisioned_concurrency;
               provisioned > 0) {
      levers.push_back(fmt::format(
          "its {} provisioned environments are billed busy or idle ({}/month): size them to the "
          "sustained load",
          provisioned, money(items_usd(*option, {"lambda-provisioned-concurrency"}))));
    } else {
      levers.push_back("Lambda scales per request: nothing idles when traffic drops");
    }
    if (is_container(runtime)) {
      const bool fargate = runtime == RuntimeId::ecs_fargate;
      const double discount = catalog_usd(
          catalog, fargate ? price_keys::kFargateSpotDiscount : price_keys::kEc2SpotDiscount);
      if (service.runtimes.container(runtime).spot) {
        levers.push_back("already on Spot");
      } else if (service.interruption_tolerant) {
        levers.push_back(
            fmt::format("Spot is safe (interruption-tolerant): about {}/month less "
                        "({} off)",
                        money(compute * discount), percent(discount)));
      } else {
        levers.push_back(
            fmt::format("no Spot: an interruption would drop requests (would save "
                        "{}/month)",
                        money(compute * discount)));
      }
    }
    const std::string_view plan_key =
        runtime == RuntimeId::lambda
            ? (three ? price_keys::kSavingsPlan3yrLambda : price_keys::kSavingsPlan1yrLambda)
        : runtime == RuntimeId::ecs_fargate
            ? (three ? price_keys::kSavingsPlan3yrFargate : price_keys::kSavingsPlan1yrFargate)
            : (three ? price_keys::kSavingsPlan3yrEc2 : price_keys::kSavingsPlan1yrEc2);
    const double plan = catalog_usd(catalog, plan_key);
    if (spec.pricing.commitment != Commitment::none) {
      levers.push_back(fmt::format("already priced with a {} ({} off)",
                                   to_string(spec.pricing.commitment), percent(plan)));
    } else if (compute > 0) {
      levers.push_back(
          fmt::format("a 1-yr Compute Savings Plan on the steady baseline saves up to "
                      "{}/month ({} off)",
                      money(compute * plan), percent(plan)));
    }
    probe.answers.push_back(fmt::format("{} ({}/month): {}.", recommendation_sentence(sr),
                                        money(quoted_monthly_cost(*option)), join_list(levers)));
  }
  if (probe.answers.empty()) probe.answers.push_back("Nothing is recommended: nothing to control.");
  return probe;
}

Probe connection_storms(const Spec& spec, const Report& report, const PriceCatalog& catalog) {
  Probe probe{"connection-storms", "How to avoid database connection storms?", {}};
  for (const Downstream& db : spec.downstreams) {
    if (db.kind != DownstreamKind::database || !db.max_connections) continue;
    std::vector<std::string> lambda_peaks, chosen, caps;
    // The services that scale against the database on their recommended runtimes (a cap applies
    // to them), and the connections every recommended user holds at its peak.
    struct Pooled {
      const Service* service;
      const Use* use;
      const Option* option;
      double peak;
    };
    std::vector<Pooled> pooled;
    double chosen_total = 0;
    for (std::size_t i = 0; i < spec.services.size(); ++i) {
      const Service& service = spec.services[i];
      const auto use = std::find_if(service.uses.begin(), service.uses.end(),
                                    [&](const Use& u) { return u.downstream == db.name; });
      if (use == service.uses.end() || use->connections_per_instance <= 0 || service.unranked) {
        continue;
      }
      const ServiceReport& sr = report.services[i];
      if (const Option* lambda = option_of(sr, RuntimeId::lambda)) {
        lambda_peaks.push_back(fmt::format(
            "{} from {}", thousands(peak_connections(service, *use, *lambda)), service.name));
      }
      if (const Option* option = recommended(sr)) {
        const double peak = peak_connections(service, *use, *option);
        chosen_total += peak;
        chosen.push_back(fmt::format("{} from {} ({})", thousands(peak), service.name,
                                     runtime_label(option->runtime)));
        if (service.kind != ServiceKind::scheduled) {
          pooled.push_back({&service, &*use, option, peak});
        }
      }
    }
    // Each cap leaves room for the other users' peaks.
    for (const Pooled& p : pooled) {
      const double room = std::max(0.0, *db.max_connections - (chosen_total - p.peak));
      const int cap = static_cast<int>(std::floor(room / p.use->connections_per_instance));
      caps.push_back(fmt::format(
          "{} at {} {}", p.service->name, cap,
          p.option->runtime == RuntimeId::lambda ? "reserved concurrency" : "instances"));
    }
    if (chosen.empty() && lambda_peaks.empty()) continue;
    const double proxy_vcpus =
        std::max(catalog.find(price_keys::kRdsProxyMinimumVcpus)
                     ? catalog.at(price_keys::kRdsProxyMinimumVcpus).amount.value_or(2)
                     : 2.0,
                 db.vcpu.value_or(0));
    const double proxy =
        catalog_usd(catalog, price_keys::kRdsProxyVcpuHour) * proxy_vcpus * kHoursPerMonth;
    std::string answer = fmt::format("{} (max_connections {}{}): ", db.name,
                                     thousands(*db.max_connections), db.proxy ? ", proxied" : "");
    if (!lambda_peaks.empty()) {
      answer += fmt::format("on Lambda each environment holds its own pool: {} at the peak; ",
                            join_sentence(lambda_peaks));
    }
    if (!chosen.empty()) {
      answer += fmt::format("on the recommended runtimes, {}. ", join_sentence(chosen));
    }
    answer += "Open a fixed-size pool per instance at start-up";
    if (!caps.empty())
      answer += fmt::format(
          ", cap scaling within the limit, room left for the other users' peaks "
          "({})",
          join_sentence(caps));
    answer += db.proxy ? ", and keep the proxy in front"
                       : fmt::format(
                             ", and put RDS Proxy in front wherever Lambda connects ({}/month "
                             "for {:g} database vCPUs)",
                             money(proxy), proxy_vcpus);
    probe.answers.push_back(answer + ".");
  }
  if (probe.answers.empty()) {
    probe.answers.push_back(
        "No service holds connections to a database with a declared "
        "max_connections.");
  }
  return probe;
}

Probe gpus(const Spec& spec, const Report& report, const PriceCatalog& catalog,
           const EstimateTable& estimates, const SimulationBudget& budget) {
  Probe probe{"gpu-worker", "What changes if a worker needs GPUs?", {}};
  const Ec2InstanceType* cheapest = nullptr;
  double cheapest_usd = 0;
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    if (type.gpus <= 0) continue;
    const PriceEntry* price = catalog.find(std::string(price_keys::kEc2OnDemandPrefix) + type.name);
    if (price && (!cheapest || price->usd < cheapest_usd)) {
      cheapest = &type;
      cheapest_usd = price->usd;
    }
  }
  std::string hosts =
      cheapest ? fmt::format(
                     "the cheapest GPU host in the catalog is {} ({} GPU, {:g} vCPU, {:g} "
                     "GiB) at {}/hour, {}/month if always on",
                     cheapest->name, cheapest->gpus, cheapest->vcpu, cheapest->memory_gib,
                     fmt::format("${:.4g}", cheapest_usd), money(cheapest_usd * kHoursPerMonth))
               : std::string("the catalog prices no GPU instance type for this region");
  probe.answers.push_back(
      "Lambda and Fargate offer no GPUs: only ECS on EC2 and EKS with GPU instances remain, with "
      "their host patching (GPU drivers, the ECS GPU-optimised AMI or the NVIDIA device plugin) "
      "on the team; " +
      hosts + ".");
  const SimulationBudget what_if = what_if_budget(budget);
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    const Service& service = spec.services[i];
    if (service.kind != ServiceKind::worker && service.kind != ServiceKind::event) continue;
    if (service.unranked) continue;
    const ServiceReport& sr = report.services[i];
    const Option* option = recommended(sr);
    std::string answer = recommendation_sentence(sr);
    if (option) answer += fmt::format(" at {}/month", money(quoted_monthly_cost(*option)));
    if (service.needs.gpu > 0) {
      probe.answers.push_back(fmt::format("{}; it already needs {} GPU{} per task.", answer,
                                          service.needs.gpu, service.needs.gpu == 1 ? "" : "s"));
      continue;
    }
    // The variant the question asks about: the same service needing one GPU per task,
    // re-estimated, re-simulated and ranked as the main run does.
    Spec variant = spec;
    variant.services[i].needs.gpu = 1;
    const ServiceReport gpu = evaluate_service(variant, i, estimates, catalog, what_if);
    const Option* chosen = recommended(gpu);
    if (!chosen) {
      std::vector<std::string> reasons;
      for (const Option& o : gpu.options) {
        if (!o.infeasible_reasons.empty()) {
          reasons.push_back(fmt::format("{}: {}", runtime_label(o.runtime),
                                        lower_first(o.infeasible_reasons.front())));
        }
      }
      probe.answers.push_back(fmt::format(
          "{}. Re-evaluated with 1 GPU per task, no runtime it considers can run it ({}).", answer,
          join_list(reasons)));
      continue;
    }
    const bool stays = sr.recommendation == chosen->runtime;
    std::string outcome = fmt::format(
        "Re-evaluated with 1 GPU per task (re-simulated on {} of traffic), it {} {} at {}/month "
        "({} than today's answer): {}; p99 {}",
        span_text(what_if_seconds(service, what_if)), stays ? "stays on" : "goes to",
        runtime_label(chosen->runtime), money(quoted_monthly_cost(*chosen)),
        option ? signed_money(quoted_monthly_cost(*chosen) - quoted_monthly_cost(*option))
               : std::string("nothing runs it"),
        chosen->sizing, latency_text(*chosen, &LatencyMs::p99));
    if (chosen->slo_met) outcome += *chosen->slo_met ? ", meeting the SLO" : ", missing the SLO";
    for (const Option& o : gpu.options) {
      if (o.feasible && o.runtime != chosen->runtime) {
        outcome += fmt::format("; the runner-up, {}, at {}/month", runtime_label(o.runtime),
                               money(quoted_monthly_cost(o)));
        break;
      }
    }
    std::vector<std::string> cannot;
    for (const Option& o : gpu.options) {
      if (!o.feasible) cannot.push_back(std::string(runtime_label(o.runtime)));
    }
    if (!cannot.empty()) outcome += fmt::format("; {} cannot run it", join_sentence(cannot));
    probe.answers.push_back(answer + ". " + outcome + ".");
  }
  return probe;
}

Probe regions(const Spec& spec, const Report& report) {
  Probe probe{"multi-region", "How to deploy safely across regions?", {}};
  std::vector<std::string> databases;
  for (const Downstream& db : spec.downstreams) {
    if (db.kind == DownstreamKind::database) databases.push_back(db.name);
  }
  probe.answers.push_back(fmt::format(
      "The spec describes one region ({}). It cannot tell the recovery objectives (RTO, RPO), "
      "where the data must live, how clients are routed between regions{}, so computefit "
      "simulates and prices that one region only: a second one roughly doubles the {}/month of "
      "the recommended options, plus replication and cross-region transfer, not modelled.",
      spec.region,
      databases.empty() ? ""
                        : fmt::format(" or whether {} can replicate (a single writer needs Aurora "
                                      "Global Database or a cross-region replica)",
                                      join_sentence(databases)),
      money(report.totals_monthly_cost_usd)));
  std::vector<std::string> slos;
  for (const Service& service : spec.services) {
    if (service.slo.any())
      slos.push_back(fmt::format("{} {}", service.name, slo_text(service.slo)));
  }
  probe.answers.push_back(fmt::format(
      "Deploy one region at a time with the same artefact; within a region shift traffic "
      "gradually (CodeDeploy canary or linear for Lambda aliases and ECS blue/green, a rolling "
      "update with maxUnavailable 0 on EKS) and roll back on alarms{}.",
      slos.empty() ? " on errors and latency"
                   : fmt::format(" on errors and on the SLO ({})", join_list(slos))));
  return probe;
}

}  // namespace

std::string recommendation_sentence(const ServiceReport& service) {
  if (!service.recommendation) return "nothing can run " + service.name;
  return fmt::format("{} is recommended on {}", service.name,
                     runtime_label(*service.recommendation));
}

std::vector<Probe> answer_probes(const Spec& spec, const Report& report,
                                 const PriceCatalog& catalog, const EstimateTable& estimates,
                                 const SimulationBudget& budget) {
  if (report.services.size() != spec.services.size()) return {};
  return {cold_starts(spec, report),
          ecs_or_eks(spec, report),
          private_rds(spec, report),
          cost_control(spec, report, catalog),
          connection_storms(spec, report, catalog),
          gpus(spec, report, catalog, estimates, budget),
          regions(spec, report)};
}

}  // namespace computefit
