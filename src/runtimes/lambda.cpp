// AWS Lambda: one request per execution environment, environments kept warm for the keep-alive,
// concurrency limited by reserved or account concurrency.

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>

#include "runtimes/autoscaling_defaults.hpp"
#include "runtimes/container_capacity.hpp"
#include "runtimes/lambda_limits.hpp"
#include "runtimes/lambda_model.hpp"
#include "runtimes/models.hpp"
#include "runtimes/network_needs.hpp"
#include "runtimes/wording.hpp"
#include "sim/lambda_sim.hpp"
#include "stats/queueing.hpp"
#include "workload/month.hpp"
#include "workload/schedule.hpp"

namespace computefit {
namespace {

// Below this offered load (rate x duration) one environment carries the traffic and the
// single-instance keep-alive closed form applies (simulation.md 5.4).
constexpr double kLowLoad = 0.05;
// Lambda rounds billed duration up to the next 1 ms: on average half a millisecond more.
constexpr double kRoundUpSeconds = 0.0005;

// The timeout that applies: the configured one, never above the platform's.
double effective_timeout(const Service& service) {
  return std::min(service.runtimes.lambda.timeout_seconds, lambda_limits().timeout_seconds);
}

int concurrency_limit(const Service& service) {
  const LambdaConfig& config = service.runtimes.lambda;
  return std::max(0, std::min(config.reserved_concurrency.value_or(config.account_concurrency),
                              config.account_concurrency));
}

// Cold starts per second at a steady rate with a warm pool: the arrivals that find every warm
// environment busy (Erlang B at the pool size, as in pacsltk's model), or the closed form at low
// load.
double cold_rate(double rps, double d, double keep_alive, int limit) {
  if (rps <= 0) return 0;
  const double load = rps * d;
  if (load < kLowLoad)
    return rps * std::min(1.0, lambda_low_rate_cold_fraction(rps, keep_alive, d));
  const int pool = lambda_warm_pool(rps, d, keep_alive, limit);
  return rps * (pool > 0 ? stats::erlang_b(pool, load) : 1.0);
}

double mean_environments(double rps, double d, double keep_alive, int limit) {
  if (rps <= 0) return 0;
  if (rps * d < kLowLoad) return 1 - std::exp(-rps * (keep_alive + d));
  return lambda_warm_pool(rps, d, keep_alive, limit);
}

// Messages an invocation carries for a worker's SQS event source mapping at `rps` (1 otherwise):
// what arrives within the batching window after the first, up to the batch size; a full batch
// when the load outruns the invocations allowed, so a backlog always waits.
double messages_per_invocation(const Service& service, double rps, double d, int limit) {
  if (service.kind != ServiceKind::worker || !service.event_source || rps <= 0) return 1;
  const sim::LambdaDefaults& defaults = sim::kLambdaDefaults;
  const EventSource& source = *service.event_source;
  const double batch = std::max(1, source.batch_size.value_or(defaults.queue_batch_size));
  const double window = std::max(
      0.0, source.batching_window_seconds.value_or(defaults.queue_batching_window_seconds));
  int allowed = limit;
  if (source.max_concurrency) {
    allowed =
        std::min(allowed, std::clamp(*source.max_concurrency, defaults.queue_max_concurrency_min,
                                     defaults.queue_max_concurrency_max));
  }
  if (rps * d >= allowed) return batch;
  return std::min(batch, 1 + rps * window);
}

}  // namespace

std::string lambda_cpu_bound_assumption(const Service& service) {
  const double vcpu = lambda_vcpu(service.memory_mb);
  return cpu_bound_assumption(service, vcpu,
                              fmt::format("{} MB gives {} vCPU (1,769 MB per vCPU)",
                                          grouped(service.memory_mb), short_number(vcpu)));
}

DurationSpec lambda_duration(const Service& service) {
  const double vcpu = lambda_vcpu(service.memory_mb);
  const DurationSpec duration = duration_on(service, vcpu);
  // An environment runs one request on its own vCPU, at most one (SPEC.md "CPU"): below 1,769 MB
  // the CPU part slows by 1 / vCPU. The CPU part is a fixed time within a spread duration, so the
  // whole distribution is scaled to keep its median exact (the tails stretch slightly more than
  // a shift would).
  if (service.cpu_ms_per_request && vcpu > 0 && vcpu < 1) {
    const double median = duration.quantile(0.5);
    if (median > 0) {
      return duration.scaled(1 + *service.cpu_ms_per_request * (1 / vcpu - 1) / median);
    }
  }
  return duration;
}

double lambda_low_rate_cold_fraction(double rate_per_s, double keep_alive_s, double duration_s) {
  return std::exp(-rate_per_s * (keep_alive_s + duration_s)) + rate_per_s * duration_s;
}

int lambda_warm_pool(double rate_per_s, double duration_s, double keep_alive_s, int limit) {
  const double load = rate_per_s * duration_s;
  if (load <= 0) return 0;
  const double samples = std::max(2.0, keep_alive_s / std::max(duration_s, 1e-3));
  const int pool = stats::poisson_quantile(1 - 1 / samples, load);
  return std::clamp(std::max(pool, static_cast<int>(std::ceil(load))), 1, std::max(1, limit));
}

LatencyQuantiles lambda_latency(const DurationSpec& duration, const DurationSpec& init,
                                double cold_fraction) {
  const double pc = std::clamp(cold_fraction, 0.0, 1.0);
  // The init time enters as equally likely quantiles, each a fixed delay before the duration.
  constexpr int kInitSamples = 200;
  std::vector<LatencyComponent> parts;
  parts.push_back({1 - pc, 0, 0, 0, 0});
  if (pc > 0) {
    for (int i = 0; i < kInitSamples; ++i) {
      parts.push_back({pc / kInitSamples, init.quantile((i + 0.5) / kInitSamples), 0, 0, 0});
    }
  }
  return mixture_quantiles(duration, parts);
}

std::vector<std::string> lambda_check_limits(const Service& service, const Spec&,
                                             const PriceCatalog&) {
  const LambdaLimits& limits = lambda_limits();
  std::vector<std::string> reasons;
  const DurationSpec duration = lambda_duration(service);
  const bool fixed = duration.kind == DurationSpec::Kind::fixed;
  const double run_s = (fixed ? duration.fixed_ms : duration.quantile(0.99)) / 1000;
  const double timeout = effective_timeout(service);
  if (run_s > timeout) {
    const std::string run = service.kind == ServiceKind::scheduled ? "a run" : "a request";
    reasons.push_back(
        fmt::format("{} takes {}{}; {}", run, seconds_phrase(run_s), fixed ? "" : " at p99",
                    timeout < limits.timeout_seconds
                        ? fmt::format("the function's timeout is {}", seconds_phrase(timeout))
                        : fmt::format("Lambda stops a function at {}",
                                      seconds_phrase(limits.timeout_seconds))));
  }
  if (service.memory_mb < limits.memory_min_mb || service.memory_mb > limits.memory_max_mb) {
    reasons.push_back(fmt::format("it needs {} MB of memory; Lambda offers {}–{} MB",
                                  grouped(service.memory_mb), grouped(limits.memory_min_mb),
                                  grouped(limits.memory_max_mb)));
  }
  if (service.needs.gpu > 0) {
    reasons.push_back(fmt::format("it needs {} GPU{}; Lambda has no GPUs", service.needs.gpu,
                                  service.needs.gpu == 1 ? "" : "s"));
  }
  if (service.needs.custom_ami) {
    reasons.push_back("it needs a custom AMI; Lambda runs on AWS's own platform, with no AMI");
  }
  const bool sync = service.kind == ServiceKind::http;
  const double payload_limit = sync ? limits.sync_payload_mb : limits.async_payload_mb;
  if (service.needs.payload_mb > payload_limit) {
    reasons.push_back(fmt::format(
        "its payloads reach {} MB; a{} Lambda invocation carries at most {}",
        short_number(service.needs.payload_mb), sync ? " synchronous" : "n asynchronous",
        sync ? short_number(payload_limit) + " MB" : grouped(payload_limit * 1024) + " KB"));
  }
  if (service.needs.ephemeral_storage_gb > limits.ephemeral_max_gb) {
    reasons.push_back(fmt::format(
        "it needs {} GB of ephemeral storage; Lambda's /tmp holds at most {} GB (10,240 MB)",
        short_number(service.needs.ephemeral_storage_gb), short_number(limits.ephemeral_max_gb)));
  }
  if (service.image_mb > limits.image_max_gb * 1024) {
    reasons.push_back(fmt::format("its image is {} MB; Lambda accepts container images up to {} GB",
                                  grouped(service.image_mb), short_number(limits.image_max_gb)));
  }
  return reasons;
}

RuntimeEstimate lambda_estimate(const Service& service, const Spec& spec,
                                const PriceCatalog& catalog) {
  const LambdaLimits& limits = lambda_limits();
  const AutoscalingDefaults& defaults = autoscaling_defaults();
  const LambdaConfig& config = service.runtimes.lambda;
  RuntimeEstimate e;
  // What the steady-state model assumed (a simulation replaces these) apart from the network.
  std::vector<std::string> model;
  const DurationSpec duration = lambda_duration(service);
  const DurationSpec& init = config.cold_start_ms;
  const double d = duration.mean() / 1000;
  const double init_s = init.mean() / 1000;
  const double gb = service.memory_mb / 1024;
  const double keep_alive = config.keep_alive_minutes * 60;
  const int limit = concurrency_limit(service);
  const int provisioned = std::max(0, config.provisioned_concurrency);

  double requests = 0, cold_starts = 0, throttled = 0;
  double waited = 0, longest_wait_ms = 0;  // asynchronous: the share that waited, the longest wait
  double mean_envs = 0, peak_envs = 0;
  std::vector<LatencyComponent> waits;  // asynchronous requests held back by the limit
  std::optional<TrafficProfile> traffic;

  if (service.kind == ServiceKind::scheduled) {
    requests = service.schedule ? runs_per_month(*service.schedule) : 0;
    const double gap = requests > 0 ? kSecondsPerMonth / requests : INFINITY;
    // Runs further apart than the keep-alive each start a new environment.
    cold_starts = gap > keep_alive + d ? requests : std::min(requests, 1.0);
    mean_envs =
        std::min(1.0, requests * (std::min(gap, keep_alive + d) + init_s) / kSecondsPerMonth);
    peak_envs = requests > 0 ? 1 : 0;
  } else {
    traffic = traffic_profile(service.traffic);
    requests = traffic->mean_rps * kSecondsPerMonth;
    const bool sync = service.kind == ServiceKind::http;
    double cold_per_s = 0, throttled_per_s = 0, waited_per_s = 0;
    auto account = [&](double rps, double fraction, double overload_s) {
      cold_per_s += fraction * cold_rate(rps, d, keep_alive, limit);
      const double load = rps * d;
      if (sync) {
        throttled_per_s += fraction * rps * (limit > 0 ? stats::erlang_b(limit, load) : 1.0);
      } else if (load >= limit && rps > 0) {
        // Asynchronous requests are not lost: they wait while the backlog grows.
        LatencyComponent w;
        w.weight = rps * fraction;
        w.uniform_wait_max_ms =
            std::min(overload_s, 6 * 3600.0) * (limit > 0 ? load / limit - 1 : 1) * 1000;
        waits.push_back(w);
        waited_per_s += fraction * rps;
        longest_wait_ms = std::max(longest_wait_ms, w.uniform_wait_max_ms);
      } else {
        waits.push_back({rps * fraction, 0, 0, 0, 0});
        // Below the limit an event waits when every environment is busy (Erlang C).
        if (load > 0) waited_per_s += fraction * rps * stats::erlang_c(limit, load);
      }
    };
    if (!traffic->bursts) {
      int previous = -1, first = -1;
      double rises = 0;
      for (const RateSegment& s : traffic->segments) {
        account(s.rps, s.time_fraction, s.time_fraction * kSecondsPerMonth);
        mean_envs += s.time_fraction * mean_environments(s.rps, d, keep_alive, limit);
        const int pool = s.rps > 0 ? lambda_warm_pool(s.rps, d, keep_alive, limit) : 0;
        peak_envs = std::max(peak_envs, static_cast<double>(pool));
        if (previous >= 0 && pool > previous) rises += pool - previous;
        if (first < 0) first = pool;
        previous = pool;
      }
      if (previous >= 0 && first > previous) rises += first - previous;
      double cycles = 0;
      if (service.traffic.shape == TrafficShape::diurnal) cycles = kHoursPerMonth / kHoursPerDay;
      if (service.traffic.shape == TrafficShape::trace &&
          service.traffic.trace_period_seconds > 0) {
        cycles = kSecondsPerMonth / service.traffic.trace_period_seconds;
      }
      cold_starts = cold_per_s * kSecondsPerMonth + rises * cycles;
    } else {
      const Bursts& b = *traffic->bursts;
      account(b.base_rps, 1 - b.time_fraction, 0);
      account(b.peak_rps, b.time_fraction, b.seconds);
      const int base_pool = b.base_rps > 0 ? lambda_warm_pool(b.base_rps, d, keep_alive, limit) : 0;
      const int peak_pool = lambda_warm_pool(b.peak_rps, d, keep_alive, limit);
      const double gap = b.per_hour > 0 ? 3600 / b.per_hour - b.seconds : INFINITY;
      // Bursts further apart than the keep-alive each start the environments the base lacks.
      const double new_per_burst = gap > keep_alive ? std::max(0, peak_pool - base_pool) : 0;
      cold_starts = cold_per_s * kSecondsPerMonth + new_per_burst * b.per_hour * kHoursPerMonth;
      const double held = std::min(1.0, b.per_hour * (b.seconds + keep_alive) / 3600);
      mean_envs = (b.base_rps > 0 ? mean_environments(b.base_rps, d, keep_alive, limit) : 0) +
                  (peak_pool - base_pool) * held;
      peak_envs = peak_pool;
      model.push_back(fmt::format(
          "each burst at {} rps needs ~{} environments; {}", short_number(b.peak_rps), peak_pool,
          new_per_burst > 0 ? fmt::format("bursts more than the keep-alive apart start ~{} of them "
                                          "cold",
                                          grouped(new_per_burst))
                            : std::string("bursts come often enough to keep them warm")));
    }
    cold_starts = std::min(cold_starts, requests);
    throttled = requests > 0 ? throttled_per_s * kSecondsPerMonth / requests : 0;
    waited = requests > 0 ? std::min(1.0, waited_per_s * kSecondsPerMonth / requests) : 0;
    if (throttled > 0.0001) {
      model.push_back(fmt::format(
          "throttling from Erlang B at a concurrency limit of {} (SimFaaS's loss model)", limit));
    }
  }

  // Provisioned concurrency serves what it can carry (Erlang B at the mean load) warm.
  double provisioned_share = 0;
  if (provisioned > 0 && requests > 0) {
    const double load = requests / kSecondsPerMonth * d;
    provisioned_share = load > 0 ? load * (1 - stats::erlang_b(provisioned, load)) / load : 1.0;
    provisioned_share = std::clamp(provisioned_share, 0.0, 1.0);
    cold_starts *= 1 - provisioned_share;
    model.push_back(fmt::format(
        "{} provisioned environments carry {}% of requests (Erlang B carried load at the mean "
        "rate); cold starts scale down by the same share",
        provisioned, short_number(provisioned_share * 100)));
    peak_envs = std::max(peak_envs, static_cast<double>(provisioned));
    mean_envs = std::max(mean_envs, static_cast<double>(provisioned));
  }
  const double cold_fraction = requests > 0 ? cold_starts / requests : 0;

  // Usage
  e.usage.lambda_requests = requests;
  const double billed_s = d + kRoundUpSeconds;
  e.usage.lambda_gb_seconds =
      requests * (1 - provisioned_share) * billed_s * gb + cold_starts * init_s * gb;
  e.usage.lambda_provisioned_gb_seconds = provisioned * gb * kSecondsPerMonth;
  e.usage.lambda_provisioned_duration_gb_seconds = requests * provisioned_share * billed_s * gb;
  const double ephemeral_gb = service.needs.ephemeral_storage_gb;
  if (ephemeral_gb > limits.ephemeral_min_gb) {
    e.usage.lambda_ephemeral_gb_seconds =
        (ephemeral_gb - limits.ephemeral_min_gb) * (requests * billed_s + cold_starts * init_s);
  }
  e.usage.log_ingest_gb =
      kb_to_gb(service.log_kb_per_request + defaults.lambda_platform_log_kb, requests);
  // A worker's event source mapping bills requests and duration per invocation, each carrying
  // several messages (the simulation replaces these figures with the invocations it ran).
  if (traffic) {
    const double per_invocation = messages_per_invocation(service, traffic->mean_rps, d, limit);
    if (per_invocation > 1) {
      e.usage.lambda_requests /= per_invocation;
      e.usage.lambda_gb_seconds /= per_invocation;
      e.usage.lambda_provisioned_duration_gb_seconds /= per_invocation;
      e.usage.lambda_ephemeral_gb_seconds /= per_invocation;
      model.push_back(fmt::format(
          "the event source mapping invokes with ~{} messages each (batch size {}), billed per "
          "invocation",
          short_number(per_invocation),
          service.event_source->batch_size.value_or(sim::kLambdaDefaults.queue_batch_size)));
    }
  }

  // Front door and network
  // Lambda ships its own logs and pulls its own code: no image pulls or logs through the VPC.
  NetworkEstimate network =
      estimate_network(service, RuntimeId::lambda, spec, catalog, requests, 0, 0);
  if (service.kind == ServiceKind::http) {
    switch (config.front_door) {
      case FrontDoor::api_gateway_http:
      case FrontDoor::api_gateway_rest:
        e.usage.front_door_requests = requests;
        break;
      case FrontDoor::alb:
        if (traffic) {
          const AlbCapacity alb = alb_capacity(service, *traffic, duration, true);
          e.usage.alb_lcu_hours = alb.lcu_hours;
          e.assumptions.push_back(alb_capacity_assumption(service, alb));
        }
        if (spec.team.existing.load_balancer) {
          e.assumptions.push_back(
              "the existing load balancer (team.existing.load_balancer) takes another route: no "
              "ALB hours, only this service's LCUs");
        } else {
          network.shared.alb = true;
        }
        break;
      case FrontDoor::function_url:
        break;
    }
  }
  e.shared = network.shared;
  e.usage.nat_processed_gb = network.nat_processed_gb;
  e.usage.vpc_endpoint_gb = network.vpc_endpoint_gb;
  e.usage.internet_out_gb = network.internet_out_gb;
  for (std::string& a : network.assumptions) e.assumptions.push_back(std::move(a));

  // Behaviour
  const LatencyQuantiles wait =
      waits.empty() ? LatencyQuantiles{} : mixture_quantiles(DurationSpec{}, waits);
  const LatencyQuantiles latency = lambda_latency(duration, init, cold_fraction);
  e.behaviour.p50_ms = latency.p50_ms + wait.p50_ms;
  e.behaviour.p95_ms = latency.p95_ms + wait.p95_ms;
  e.behaviour.p99_ms = latency.p99_ms + wait.p99_ms;
  e.behaviour.cold_start_fraction = cold_fraction;
  e.behaviour.throttled_fraction = throttled;
  e.behaviour.waited_fraction = waited;
  e.behaviour.p99_wait_ms = wait.p99_ms;
  e.behaviour.max_wait_ms = longest_wait_ms;
  e.behaviour.mean_instances = mean_envs;
  e.behaviour.peak_instances = peak_envs;
  e.behaviour.peak_connections = connections_for(service, peak_envs);

  e.sizing = fmt::format("{} MB, peak ~{} environment{}{}", grouped(service.memory_mb),
                         grouped(peak_envs), peak_envs == 1 ? "" : "s",
                         provisioned > 0 ? fmt::format(" ({} provisioned)", provisioned) : "");
  model.push_back(fmt::format(
      "environments stay warm {} after their last request (pacslab's 2020 probes); the warm pool "
      "is the Poisson quantile of busy environments over that window",
      seconds_phrase(keep_alive)));
  if (const std::string scaling = lambda_cpu_bound_assumption(service); !scaling.empty()) {
    model.push_back(scaling);
  }
  if (peak_envs > limits.scale_environments) {
    model.push_back(fmt::format(
        "the scaling rate ({} new environments per {} s per function) is not modelled; the peak "
        "needs {}",
        grouped(limits.scale_environments), short_number(limits.scale_period_seconds),
        grouped(peak_envs)));
  }
  e.fleet_assumptions_first = e.assumptions.size();
  e.fleet_assumptions_count = model.size();
  for (std::string& a : model) e.assumptions.push_back(std::move(a));
  return e;
}

}  // namespace computefit
