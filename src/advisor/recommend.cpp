#include "advisor/recommend.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "advisor/boundaries.hpp"
#include "advisor/checklist.hpp"
#include "advisor/gate.hpp"
#include "advisor/probes.hpp"
#include "advisor/ranking.hpp"
#include "advisor/report_check.hpp"
#include "advisor/slo_remedy.hpp"
#include "advisor/suppressions.hpp"
#include "pricing/price_estimates.hpp"
#include "readers/import/import.hpp"
#include "readers/lint_workload.hpp"
#include "rules/rule.hpp"
#include "rules/wording.hpp"
#include "runtimes/operability.hpp"
#include "runtimes/runtime_model.hpp"
#include "runtimes/simulation.hpp"
#include "workload/defaults.hpp"
#include "workload/spec_loader.hpp"

namespace computefit {
namespace {

// Every service's estimates; an unranked service (no traffic in the files) carries only the hard
// limits' verdict, with no usage to simulate or price.
EstimateTable estimate_all(const Spec& spec, const PriceCatalog& catalog) {
  EstimateTable table(spec.services.size());
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    const Service& service = spec.services[i];
    if (!service.unranked) {
      table[i] = estimate_service(spec, i, catalog);
      continue;
    }
    for (RuntimeId runtime : service.runtimes.consider) {
      table[i][runtime] = check_runtime_limits(service, runtime, spec, catalog);
    }
  }
  return table;
}

// The estimates the simulated rules and the prices read: an unranked service's are left out.
EstimateTable ranked_only(const Spec& spec, const EstimateTable& estimates) {
  EstimateTable ranked = estimates;
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    if (spec.services[i].unranked) ranked[i].clear();
  }
  return ranked;
}

// SPEC.md "Without traffic": limits, feasibility and the findings that need no traffic, no
// recommendation, and `why` naming what the overlay should add.
ServiceReport unranked_service(const Spec& spec, std::size_t index, const EstimateTable& estimates,
                               std::vector<Finding> findings) {
  const Service& service = spec.services[index];
  ServiceReport report;
  report.name = service.name;
  report.kind = service.kind;
  report.unranked = true;
  report.slo_p95_ms = service.slo.p95_ms;
  report.slo_p99_ms = service.slo.p99_ms;
  std::vector<std::string> feasible;
  for (const auto& [runtime, estimate] : estimates[index]) {
    Option option;
    option.runtime = runtime;
    option.feasible = estimate.feasible;
    option.infeasible_reasons = estimate.infeasible_reasons;
    option.operability = operability_score(runtime, spec.team);
    option.estimate = EstimateKind::none;
    if (estimate.feasible) feasible.push_back(std::string(runtime_label(runtime)));
    report.options.push_back(std::move(option));
  }
  // Feasible first, then in the runtime order ties go by.
  std::stable_sort(report.options.begin(), report.options.end(),
                   [](const Option& a, const Option& b) { return a.feasible && !b.feasible; });
  const std::string keys =
      service.kind == ServiceKind::scheduled
          ? "duration_ms (how long one run takes)"
          : "traffic (rps, with peak_rps and shape when it varies) and duration_ms";
  report.why = fmt::format(
      "Not ranked: the files give {} no {}, and no overlay adds it. Add {} for it in an overlay "
      "(--overlay SPEC, under services: - name: {}) to simulate, price and rank it; until then it "
      "is judged on its limits and configuration alone ({}).",
      service.name, service.kind == ServiceKind::scheduled ? "run duration" : "traffic", keys,
      service.name,
      feasible.empty() ? std::string("no runtime it considers can run it")
                       : fmt::format("it fits {}", join_sentence(feasible)));
  report.findings = std::move(findings);
  return report;
}

Option make_option(RuntimeId runtime, const RuntimeEstimate& estimate,
                   const std::vector<CostItem>& items, const Spec& spec) {
  Option option;
  option.runtime = runtime;
  option.feasible = estimate.feasible;
  option.infeasible_reasons = estimate.infeasible_reasons;
  option.operability = operability_score(runtime, spec.team);
  if (!estimate.feasible) return option;
  const Behaviour& b = estimate.behaviour;
  option.cost_items = items;
  option.monthly_cost_usd = monthly_total(items);
  if (b.latency_measured) option.latency_ms = LatencyMs{b.p50_ms, b.p95_ms, b.p99_ms};
  option.cold_start_fraction = b.cold_start_fraction;
  option.throttled_fraction = b.throttled_fraction;
  option.peak_instances = b.peak_instances;
  option.mean_instances = b.mean_instances;
  option.peak_hosts = b.peak_hosts;
  option.peak_db_connections = b.peak_connections_total();
  option.sizing = estimate.sizing;
  option.busiest_hour = b.busiest_hour;
  option.p99_low_ms = b.p99_low_ms;
  option.p99_high_ms = b.p99_high_ms;
  if (b.usage_relative_half_width) {
    // Only the lines the simulated usage drives vary between batches; the rest are fixed.
    static const std::set<std::string, std::less<>> kUsageDriven = {
        "lambda-requests", "lambda-duration", "fargate-vcpu", "fargate-memory",
        "fargate-storage", "ec2-instances",   "ebs"};
    double driven = 0;
    for (const CostItem& item : items) {
      if (kUsageDriven.contains(item.kind)) driven += item.monthly_usd;
    }
    const double half = *b.usage_relative_half_width * driven;
    // The fixed lines do not vary, so the interval never reaches below them.
    option.monthly_cost_low_usd =
        std::max(*option.monthly_cost_usd - half, *option.monthly_cost_usd - driven);
    option.monthly_cost_high_usd = *option.monthly_cost_usd + half;
  }
  option.estimate = b.simulated ? EstimateKind::simulation : EstimateKind::steady_state;
  option.interval_note = b.interval_note;
  option.failed_fraction = b.simulated ? b.failed_fraction : b.throttled_fraction;
  return option;
}

// Shared resources count once however many recommended options use them.
double totals(const Report& report) {
  double total = 0;
  std::map<std::string, double> shared;
  for (const ServiceReport& service : report.services) {
    if (!service.recommendation) continue;
    for (const Option& option : service.options) {
      if (option.runtime != *service.recommendation) continue;
      for (const CostItem& item : option.cost_items) {
        if (item.shared_id.empty()) {
          total += item.monthly_usd;
        } else {
          shared[item.shared_id] = item.shared_total_usd;
        }
      }
    }
  }
  for (const auto& [id, usd] : shared) total += usd;
  return std::round(total * 100) / 100;
}

std::vector<std::string> global_assumptions(const Spec& spec, const PriceCatalog& catalog,
                                            const RecommendRequest& request,
                                            const std::vector<std::string>& estimated) {
  std::set<std::string> dates;
  for (const auto& [key, entry] : catalog.entries()) dates.insert(entry.as_of);
  std::vector<std::string> out;
  out.push_back(fmt::format(
      "A month is 730 hours. Prices are AWS list prices in USD from the {} catalog (figures dated "
      "{} to {}), each cost line naming its source.",
      catalog.region(), dates.empty() ? "?" : *dates.begin(),
      dates.empty() ? "?" : *dates.rbegin()));
  out.push_back(spec.pricing.free_tier
                    ? "The account-wide Lambda Free Tier (1M requests, 400,000 GB-s a month) is "
                      "subtracted, as the spec asks."
                    : "No Free Tier is applied (pricing.free_tier is false).");
  if (std::string note = lambda_pricing_assumption(spec); !note.empty()) {
    out.push_back(std::move(note));
  }
  if (spec.pricing.commitment != Commitment::none) {
    out.push_back(fmt::format("Compute Savings Plan rates ({}) apply to Lambda, Fargate and EC2.",
                              to_string(spec.pricing.commitment)));
  }
  out.push_back(
      "duration_ms is independent of runtime and load, except that cpu_bound services scale with "
      "the vCPU a runtime gives.");
  out.push_back(fmt::format(
      "Usage, latency, cold starts and peaks come from a request-by-request simulation (seed {}) "
      "of at least {:g} day{} from a Monday at 00:00 UTC, lengthened where needed so that it "
      "holds every phase of the traffic at its declared rate (whole days, whole trace loops, the "
      "bursts the spec declares, 100 runs of a schedule), after an hour of the same traffic that "
      "starts from the steady state and is discarded; scaled to a 730-hour month.",
      request.seed, request.days, request.days == 1 ? "" : "s"));
  if (!estimated.empty()) {
    out.push_back(fmt::format(
        "Not simulated yet, steady-state estimates from queueing formulas (Erlang B/C, Little's "
        "law, Poisson keep-alive) instead: {}.",
        join_sentence(estimated)));
  }
  return out;
}

}  // namespace

std::map<RuntimeId, RuntimeEstimate> estimate_service(const Spec& spec, std::size_t index,
                                                      const PriceCatalog& catalog) {
  std::map<RuntimeId, RuntimeEstimate> out;
  const Service& service = spec.services[index];
  for (RuntimeId runtime : service.runtimes.consider) {
    out[runtime] = evaluate_runtime(service, runtime, spec, catalog);
  }
  return out;
}

SampleSummary sample_summary(const SamplePlan& plan) {
  SampleSummary summary;
  summary.represented_seconds = plan.represented_seconds;
  summary.expected_arrivals = plan.expected_arrivals;
  summary.arrivals = plan.realised_arrivals;
  summary.notes = plan.notes;
  summary.rough = plan.rough;
  for (const PlannedWindow& w : plan.windows) {
    summary.measured_seconds += w.measured_seconds;
    summary.windows.push_back(
        {w.label, w.pattern_start_seconds, w.burn_in_seconds, w.measured_seconds, w.time_weight});
  }
  return summary;
}

namespace {

// Simulates each service of `plans` (by index) on its plan.
SimulationNotes simulate_planned(const Spec& spec, const std::map<std::size_t, SamplePlan>& plans,
                                 EstimateTable& estimates, const SimulationBudget& budget,
                                 bool parallel) {
  struct Job {
    std::size_t service;
    RuntimeId runtime;
    std::optional<sim::SimulationResult> result;
  };
  std::vector<Job> jobs;
  SimulationNotes notes;
  for (const auto& [i, plan] : plans) {
    const Service& service = spec.services[i];
    for (auto& [runtime, estimate] : estimates[i]) {
      if (!estimate.feasible) continue;
      if (can_simulate(service, runtime) && !plan.windows.empty()) {
        jobs.push_back({i, runtime, std::nullopt});
      } else {
        notes.estimated.push_back(fmt::format("{} on {}", service.name, to_string(runtime)));
      }
    }
  }
  // Each service's runtimes read its arrivals and durations drawn once.
  std::map<std::size_t, int> users;
  for (const Job& job : jobs) ++users[job.service];
  std::map<std::size_t, std::unique_ptr<SharedDraws>> draws;
  for (const auto& [i, count] : users) {
    draws[i] = std::make_unique<SharedDraws>(spec.services[i], plans.at(i), count);
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t j = next++; j < jobs.size(); j = next++) {
      const Service& service = spec.services[jobs[j].service];
      jobs[j].result = simulate_runtime(
          service, jobs[j].runtime, spec, estimates[jobs[j].service][jobs[j].runtime],
          plans.at(jobs[j].service), budget.seed, draws.at(jobs[j].service).get());
    }
  };
  const std::size_t threads =
      parallel
          ? std::min<std::size_t>(jobs.size(), std::max(1u, std::thread::hardware_concurrency()))
          : 1;
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  for (const Job& job : jobs) {
    if (!job.result) continue;
    const Service& service = spec.services[job.service];
    apply_simulation(service, job.runtime, spec, *job.result, estimates[job.service][job.runtime]);
    auto [it, first] = notes.samples.try_emplace(job.service);
    if (first) {
      it->second = sample_summary(plans.at(job.service));
      // Every runtime saw the same arrivals: their weighted count is the sample's.
      if (it->second.arrivals < 0) it->second.arrivals = static_cast<double>(job.result->requests);
    }
  }
  return notes;
}

}  // namespace

SimulationNotes simulate_services(const Spec& spec, const std::vector<std::size_t>& services,
                                  EstimateTable& estimates, const SimulationBudget& budget,
                                  bool parallel) {
  // One plan per service, shared by its runtimes: they are compared on the same arrivals.
  std::map<std::size_t, SamplePlan> plans;
  for (std::size_t i : services) plans[i] = plan_for(spec.services[i], budget);
  return simulate_planned(spec, plans, estimates, budget, parallel);
}

ServiceReport rank_service(const Spec& spec, std::size_t index, const EstimateTable& estimates,
                           const CostTable& costs, std::vector<Finding> findings,
                           std::optional<SampleSummary> sample) {
  const Service& service = spec.services[index];
  ServiceReport report;
  report.sample = std::move(sample);
  report.name = service.name;
  report.kind = service.kind;
  report.slo_p95_ms = service.slo.p95_ms;
  report.slo_p99_ms = service.slo.p99_ms;
  static const std::vector<CostItem> kNoItems;
  for (const auto& [runtime, estimate] : estimates[index]) {
    auto items = costs[index].find(runtime);
    report.options.push_back(make_option(
        runtime, estimate, items == costs[index].end() ? kNoItems : items->second, spec));
  }
  report.findings = std::move(findings);
  rank_options(service, spec.priorities, report);
  return report;
}

ServiceReport evaluate_service(const Spec& spec, std::size_t index, EstimateTable estimates,
                               const PriceCatalog& catalog, const SimulationBudget& budget) {
  return evaluate_service(spec, index, std::move(estimates), catalog, budget,
                          plan_for(spec.services[index], budget));
}

ServiceReport evaluate_service(const Spec& spec, std::size_t index, EstimateTable estimates,
                               const PriceCatalog& catalog, const SimulationBudget& budget,
                               const SamplePlan& plan) {
  estimates[index] = estimate_service(spec, index, catalog);
  SimulationNotes notes =
      simulate_planned(spec, {{index, plan}}, estimates, budget, /*parallel=*/false);
  const CostTable costs = price_estimates(spec, estimates, catalog);
  std::optional<SampleSummary> sample;
  if (auto it = notes.samples.find(index); it != notes.samples.end()) sample = it->second;
  return rank_service(spec, index, estimates, costs, {}, std::move(sample));
}

std::optional<PriceCatalog> choose_catalog(const Spec& spec,
                                           const std::optional<std::string>& prices_path,
                                           const FileSystem& fs, Diagnostics& diagnostics) {
  if (prices_path) {
    CatalogLoadResult loaded = load_price_catalog(*prices_path, fs);
    diagnostics.insert(diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
    return loaded.catalog;
  }
  if (auto catalog = builtin_price_catalog_for(spec.region)) return catalog;
  std::string known;
  for (const std::string& region : builtin_regions()) known += (known.empty() ? "" : ", ") + region;
  auto it = spec.marks.find("region");
  diagnostics.push_back(
      {spec.file, it == spec.marks.end() ? SourceMark{} : it->second, "no-price-catalog",
       fmt::format("no built-in price catalog for region '{}' (built in: {}); give one with "
                   "--prices FILE",
                   spec.region, known)});
  return std::nullopt;
}

RecommendOutcome recommend(const RecommendRequest& request, const FileSystem& fs) {
  RecommendOutcome outcome;
  std::vector<std::string> inputs{request.spec_path};
  inputs.insert(inputs.end(), request.more_inputs.begin(), request.more_inputs.end());
  readers::LintWorkload workload = readers::load_lint_workload(inputs, request.overlay, fs);
  if (workload.no_services || workload.policies_only || !workload.stands_for.empty()) {
    outcome.diagnostics.push_back(
        {inputs.front(),
         {},
         "no-services",
         "the files describe no Lambda function or ECS service to rank: an overlay names the "
         "services that run on what they describe (`computefit lint` judges the files alone)"});
    return outcome;
  }
  if (!workload.loaded.spec) {
    outcome.diagnostics = std::move(workload.loaded.diagnostics);
    return outcome;
  }
  const Spec& spec = *workload.loaded.spec;
  std::optional<PriceCatalog> catalog =
      choose_catalog(spec, request.prices_path, fs, outcome.diagnostics);
  if (!catalog) return outcome;

  SimulationBudget budget;
  budget.seconds = request.days * 86'400.0;
  budget.max_requests = kMaxSimulatedRequests;
  budget.seed = request.seed;
  std::vector<std::size_t> ranked;
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    if (!spec.services[i].unranked) ranked.push_back(i);
  }

  EstimateTable estimates = estimate_all(spec, *catalog);
  // The sweep starts from the estimates before the main run simulates them: a level re-estimates
  // and simulates its own service, and a service's price does not depend on the others' simulated
  // usage (only on their traffic and on which runtimes they could share), so it need not wait.
  // Its simulations fill the cores the main run leaves idle, then run beside the rules'.
  std::future<SweepRun> sweep;
  if (request.sweep) {
    sweep = std::async(std::launch::async, [&, before_simulation = estimates] {
      return run_sweep(spec, before_simulation, *catalog, budget);
    });
  }
  const SimulationNotes notes = simulate_services(spec, ranked, estimates, budget);
  // An unranked service has nothing simulated to price or to judge by the simulated rules; the
  // rules that need no simulation judge it on its limits.
  const EstimateTable simulated = ranked_only(spec, estimates);
  const CostTable costs = price_estimates(spec, simulated, *catalog);
  // A remedy is checked on a representative sample, as a sweep level is: its setting changes
  // the outcome far more than the sample's 5% does, and the full run's length bought nothing.
  SimulationBudget remedy_budget = budget;
  remedy_budget.max_requests = SweepSettings{}.max_requests;
  RuleFindings raised = check_rules(RuleContext{spec, estimates, costs, *catalog, remedy_budget},
                                    RuleContext{spec, simulated, costs, *catalog, remedy_budget});
  std::vector<std::vector<Finding>>& findings = raised.by_service;
  const std::vector<std::string> unmatched =
      apply_suppressions(spec, findings, raised.on_resources);

  Report report;
  report.computefit_version = COMPUTEFIT_VERSION;
  report.spec_file = spec.file;
  report.spec_name = spec.name;
  report.region = spec.region;
  report.seed = request.seed;
  report.simulated_days = request.days;
  report.price_catalog =
      request.prices_path ? *request.prices_path : "built-in " + catalog->region() + " catalog";
  report.assumptions = global_assumptions(spec, *catalog, request, notes.estimated);
  report.assumptions.insert(report.assumptions.end(), unmatched.begin(), unmatched.end());
  report.findings = std::move(raised.on_resources);
  report.unknowns = std::move(workload.unknowns);
  report.skipped = std::move(workload.skipped);
  std::set<std::string> seen(report.assumptions.begin(), report.assumptions.end());

  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    const Service& service = spec.services[i];
    for (const auto& [runtime, estimate] : estimates[i]) {
      for (const std::string& assumption : estimate.assumptions) {
        std::string line =
            fmt::format("{} on {}: {}", service.name, to_string(runtime), assumption);
        if (seen.insert(line).second) report.assumptions.push_back(std::move(line));
      }
    }
    if (service.marks.find("duration_ms") == service.marks.end()) {
      report.assumptions.push_back(fmt::format(
          "{}: duration_ms is not given; a fixed {:g} ms (a typical I/O-bound request) is assumed.",
          service.name, default_duration().fixed_ms));
    }
    if (service.unranked) {
      report.services.push_back(unranked_service(spec, i, estimates, std::move(findings[i])));
      continue;
    }
    std::optional<SampleSummary> sample;
    if (auto it = notes.samples.find(i); it != notes.samples.end()) sample = it->second;
    report.services.push_back(
        rank_service(spec, i, estimates, costs, std::move(findings[i]), std::move(sample)));
    explain_slo_remedy(spec, i, estimates, *catalog, budget, report.services.back());
  }
  if (sweep.valid()) {
    const std::string note = apply_sweep(spec, sweep.get(), report);
    if (!note.empty()) report.assumptions.push_back(note);
  }
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    report.services[i].checklist = service_checklist(spec, i, report.services[i]);
  }
  report.totals_monthly_cost_usd = totals(report);
  report.probes = answer_probes(spec, report, *catalog, estimates, budget);
  if (request.fail_on) {
    report.fail_on = fail_on_gate(report, *request.fail_on, GateScope::recommended_options);
  }
  check_report(report);
  outcome.report = std::move(report);
  return outcome;
}

}  // namespace computefit
