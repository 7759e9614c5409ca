#include "render/sample_report.hpp"

#include <utility>

namespace computefit {

namespace {

CostItem item(std::string kind, std::string text, double quantity, std::string unit,
              double unit_price_usd, double monthly_usd) {
  CostItem c;
  c.kind = std::move(kind);
  c.item = std::move(text);
  c.quantity = quantity;
  c.unit = std::move(unit);
  c.unit_price_usd = unit_price_usd;
  c.monthly_usd = monthly_usd;
  c.source = "aws.amazon.com/fargate/pricing";
  c.as_of = "2025-07-07";
  return c;
}

Option fargate() {
  Option o;
  o.runtime = RuntimeId::ecs_fargate;
  // 730 h x 1 vCPU, 1,460 GB-hours, half of an ALB: the SPEC.md example's figures.
  o.cost_items.push_back(
      item("fargate-vcpu", "Fargate vCPU-hours (x86_64)", 730.0, "vCPU-hour", 0.04048, 29.5504));
  o.cost_items.push_back(
      item("fargate-memory", "Fargate GB-hours (x86_64)", 1460.0, "GB-hour", 0.004445, 6.4897));
  CostItem alb = item("load-balancer", "ALB hours", 730.0, "hour", 0.0225, 8.2125);
  alb.shared_by = 2;
  alb.shared_id = "alb@ecs-fargate";
  alb.shared_total_usd = 16.425;
  o.cost_items.push_back(alb);
  o.monthly_cost_usd = 29.5504 + 6.4897 + 8.2125;
  o.latency_ms = LatencyMs{46.04, 160.0, 270.26};
  o.slo_met = true;
  o.cold_start_fraction = 0.0;
  o.throttled_fraction = 0.0;
  o.peak_instances = 6.0;
  o.peak_db_connections = 30.0;
  o.score = 0.8234567;
  o.sizing = "1 vCPU / 2 GB tasks, 2-6 running (target tracking at 70% CPU)";
  o.mean_instances = 3.14159265;
  o.operability = 0.8;
  // Three minutes of a burst: arrivals, tasks starting, requests queueing while they do.
  BusiestHour hour;
  hour.start_seconds = 50400;
  hour.minutes = {{3000, 2, 10, 0}, {24000, 5, 25, 37.5}, {23000, 6, 30, 0}};
  o.busiest_hour = hour;
  return o;
}

Option ec2() {
  Option o;
  o.runtime = RuntimeId::ecs_ec2;
  CostItem hosts = item("ec2-instances", "EC2 m7g.large On-Demand hours", 1460.0, "instance-hour",
                        0.0816, 119.136);
  hosts.source = "aws.amazon.com/ec2/pricing/on-demand";
  o.cost_items.push_back(hosts);
  o.cost_items.push_back(item("ebs", "EBS gp3 storage", 60.0, "GB-month", 0.08, 4.8));
  o.monthly_cost_usd = 123.936;
  o.latency_ms = LatencyMs{45.96, 158.5, 1234.56};
  o.slo_met = false;
  o.cold_start_fraction = 0.0;
  o.throttled_fraction = 0.0;
  o.peak_instances = 6.0;
  o.peak_hosts = 2;
  o.peak_db_connections = 30.0;
  o.score = 0.41;
  o.sizing = "1 vCPU / 2 GB tasks on m7g.large hosts, 2-3 hosts";
  o.mean_instances = 3.5;
  o.operability = 0.55;
  o.slo_misses.push_back("p99 1,234.6 ms > 300 ms");
  return o;
}

Option lambda_infeasible() {
  Option o;
  o.runtime = RuntimeId::lambda;
  o.feasible = false;
  o.infeasible_reasons.push_back(
      "a 16 MB payload exceeds Lambda's 6 MB synchronous invocation payload limit");
  // Left behind by an estimate; an infeasible option must still print null metrics.
  o.score = 0.9;
  o.operability = 0.9;
  return o;
}

}  // namespace

Report sample_report() {
  Report r;
  r.computefit_version = "0.1.0";
  r.spec_file = "examples/shop.yaml";
  r.spec_name = "shop";
  r.region = "us-east-1";
  r.seed = 1;
  r.price_catalog = "built-in us-east-1 catalog";

  ServiceReport api;
  api.name = "api";
  api.kind = ServiceKind::http;
  api.recommendation = RuntimeId::ecs_fargate;
  api.why =
      "ECS on Fargate meets the p99 SLO of 300 ms at $44.25 a month; the runner-up, ECS on EC2, "
      "costs $79.69 more and misses the SLO at its p99 of 1,234.6 ms. Lambda cannot take the "
      "16 MB payload.";
  api.options = {fargate(), ec2(), lambda_infeasible()};
  Finding storm;
  storm.id = "lambda-db-connection-storm";
  storm.severity = Severity::high;
  storm.runtime = RuntimeId::lambda;
  storm.message =
      "peak 1,240 connections against max_connections 400 of orders-db; put RDS Proxy in front "
      "or cap reserved concurrency at 80";
  storm.location = "examples/shop.yaml:34:9";
  Finding role;
  role.id = "shared-iam-role";
  role.severity = Severity::medium;
  role.message = "api and reconcile share the IAM role app-role";
  role.location = "examples/shop.yaml:40:15";
  Finding suppressed = role;
  // Markdown-significant characters, to be escaped wherever they are printed.
  suppressed.suppressed_reason = "one deploy pipeline | reviewed in *ADR-7* <2026>";
  api.findings = {storm, suppressed};

  api.sweep = {
      {0.01, 0.5, {{RuntimeId::lambda, 3.2}, {RuntimeId::ecs_fargate, 44.25}}, RuntimeId::lambda},
      {1,
       50,
       {{RuntimeId::ecs_fargate, 44.25}, {RuntimeId::ecs_ec2, 123.94}},
       RuntimeId::ecs_fargate},
      {100,
       5000,
       {{RuntimeId::ecs_fargate, 1840.5}, {RuntimeId::ecs_ec2, 1502.1}},
       RuntimeId::ecs_ec2},
  };
  api.boundaries = {
      {0.76, 38, RuntimeId::lambda, RuntimeId::ecs_fargate,
       "Lambda becomes the better choice below 38 requests/s mean"},
      {41.5, 2075, RuntimeId::ecs_fargate, RuntimeId::ecs_ec2,
       "ECS on EC2 becomes the better choice above 2,075 requests/s mean"},
  };
  api.boundary_summary = "The recommendation holds from 38 to 2,075 requests/s mean (0.76x-41.5x).";
  api.checklist = {
      {"own IAM role", "missing", "api shares app-role with reconcile: one role per task"},
      {"secrets source", "ok", "Secrets Manager"},
      {"autoscaling guardrails", "review",
       "max_tasks 100 x 5 connections = 500 > max_connections 400 of orders-db; cap max_tasks at "
       "80 or scale on queue depth"},
  };

  ServiceReport reconcile;
  reconcile.name = "reconcile";
  reconcile.kind = ServiceKind::scheduled;
  reconcile.why = "No runtime is feasible: every option needs a GPU that it cannot give.";
  Option gpu = lambda_infeasible();
  gpu.infeasible_reasons = {"Lambda has no GPUs", "a 40-minute run exceeds the 15-minute timeout"};
  reconcile.options = {gpu};
  reconcile.findings = {role};

  r.services = {api, reconcile};
  r.totals_monthly_cost_usd = 44.2526;
  r.assumptions = {"duration_ms is independent of runtime and load",
                   "a month is 730 hours; list prices without the Free Tier",
                   "api on ecs-fargate: the ALB is shared with 1 other service of the spec"};
  r.probes = {
      {"lambda-cold-starts",
       "Lambda cold starts?",
       {"On Lambda, 0.02% of api's requests start cold; they add 250-800 ms and push p99 to "
        "899 ms.",
        "Provisioned concurrency of 12 removes them at the peak for $130.45/month."}},
      {"ecs-or-eks",
       "ECS or EKS?",
       {"# Without a Kubernetes platform, ECS: EKS costs $146/month more."}},
  };
  return r;
}

Report revision2_report() {
  Report r = sample_report();
  r.simulated_days = 1;
  ServiceReport& api = r.services[0];
  api.slo_p99_ms = 300;
  Option& fargate = api.options[0];
  fargate.estimate = EstimateKind::simulation;
  fargate.p99_low_ms = 262.14;
  fargate.p99_high_ms = 278.43;
  fargate.monthly_cost_low_usd = 42.1;
  fargate.monthly_cost_high_usd = 46.38;
  fargate.failed_fraction = 0.0;
  Option& ec2 = api.options[1];
  ec2.estimate = EstimateKind::simulation;
  ec2.interval_note = "batches too correlated to support one (lag-1 autocorrelation 0.71)";
  ec2.failed_fraction = 0.0125;
  SampleSummary one_day;
  one_day.measured_seconds = 87120;  // lengthened from 24 h so that whole bursts fall in it
  one_day.represented_seconds = 87120;
  one_day.windows = {{"whole days", 0, 3600, 87120, 1}};
  one_day.expected_arrivals = 4356000;
  one_day.arrivals = 4361234;
  one_day.notes = {"holding the 6 bursts the spec declares"};
  api.sample = one_day;

  // Hour-long transcodes with no SLO: a simulated option judged on strata, and one estimated.
  ServiceReport transcode;
  transcode.name = "transcode";
  transcode.kind = ServiceKind::worker;
  transcode.recommendation = RuntimeId::ecs_fargate;
  transcode.why = "ECS on Fargate is the cheapest; the service declares no SLO.";
  Option tasks;
  tasks.runtime = RuntimeId::ecs_fargate;
  tasks.estimate = EstimateKind::simulation;
  tasks.cost_items.push_back(
      item("fargate-vcpu", "Fargate vCPU-hours (x86_64)", 32459.0, "vCPU-hour", 0.04048, 1313.94));
  tasks.monthly_cost_usd = 1313.94;
  tasks.latency_ms = LatencyMs{840958, 370440929, 371900000};
  tasks.cold_start_fraction = 0;
  tasks.throttled_fraction = 0;
  tasks.failed_fraction = 0;
  tasks.peak_instances = 32;
  tasks.peak_db_connections = 0;
  tasks.score = 0.97;
  tasks.sizing = "Fargate 4 vCPU / 8 GB (x86_64), 1-32 tasks (mean 11.15)";
  tasks.p99_low_ms = 360000000;
  tasks.p99_high_ms = 381000000;
  Option pods = tasks;
  pods.runtime = RuntimeId::eks;
  pods.estimate = EstimateKind::steady_state;
  pods.latency_ms = LatencyMs{59000, 3540000, 3600000};
  pods.p99_low_ms.reset();
  pods.p99_high_ms.reset();
  pods.score = 0.36;
  transcode.options = {tasks, pods};
  SampleSummary strata;
  strata.measured_seconds = 6 * 3600;
  strata.represented_seconds = 7 * 86400;
  strata.windows = {{"night", 0, 3600, 7200, 49.5},
                    {"day", 14 * 3600, 3600, 7200, 33},
                    {"burst episodes", 3 * 86400 + 9 * 3600 + 90, 3600, 7200, 1.5}};
  strata.expected_arrivals = 120960;
  strata.arrivals = 119870.5;
  transcode.sample = strata;
  r.services.push_back(transcode);
  return r;
}

Report templates_report() {
  Report report = sample_report();
  report.spec_file = "infra/template.yaml";
  report.unknowns = {
      "api: Role: parameter 'ApiRoleArn' has no default",
      "infra/template.yaml:4:3: parameter 'ApiRoleArn' has no Default: a value given at deployment",
      "infra/template.yaml:91:20: ReportsService AwsvpcConfiguration.Subnets: in a VPC whose "
      "subnets are not in the files (subnet 'subnet-0a1b2c3d4e5f60718' is not in the files): "
      "network.subnet, nat_gateway and vpc_endpoints"};
  report.skipped = {
      "infra/template.yaml:15:3: Workflow (AWS::StepFunctions::StateMachine): a state machine's "
      "own steps are not read (the functions it invokes are, as events)"};
  return report;
}

SimulateOutput sample_simulation() {
  SimulateOutput out;
  out.service = "api";
  out.runtime = RuntimeId::lambda;
  out.wall_seconds = 0.4137;
  sim::SimulationResult& r = out.result;
  r.simulated_seconds = 86400;
  r.seed = 1;
  r.requests = 4320000;
  r.completed = 4319990;
  r.throttled = 10;
  r.throttled_fraction = 10.0 / 4320000;
  r.cold_starts = 1234;
  r.cold_start_fraction = 1234.0 / 4320000;
  r.latency_ms = {52.1234, 45.0, 110.04, 160.0, 390.0, 900.0, 2100.0};
  r.instances = {3.14159265, 41};
  r.db_connections = {15.70796, 205};
  r.usage.lambda_requests = 4320000;
  r.usage.lambda_gb_seconds = 225069.6;
  r.busy_instances = {2.5, 40};
  r.retries = 0;
  r.events = 8641234;
  return out;
}

}  // namespace computefit
