#include "workload/spec.hpp"

#include <fmt/format.h>

#include <cmath>

#include "stats/queueing.hpp"

namespace computefit {

std::string_view to_string(ServiceKind v) {
  switch (v) {
    case ServiceKind::http:
      return "http";
    case ServiceKind::worker:
      return "worker";
    case ServiceKind::event:
      return "event";
    case ServiceKind::scheduled:
      return "scheduled";
  }
  return "?";
}

std::string_view to_string(Language v) {
  switch (v) {
    case Language::nodejs:
      return "nodejs";
    case Language::python:
      return "python";
    case Language::java:
      return "java";
    case Language::go:
      return "go";
    case Language::dotnet:
      return "dotnet";
    case Language::ruby:
      return "ruby";
    case Language::rust:
      return "rust";
    case Language::container:
      return "container";
  }
  return "?";
}

std::string_view to_string(Architecture v) {
  switch (v) {
    case Architecture::x86_64:
      return "x86_64";
    case Architecture::arm64:
      return "arm64";
  }
  return "?";
}

std::string_view to_string(RuntimeId v) {
  switch (v) {
    case RuntimeId::lambda:
      return "lambda";
    case RuntimeId::ecs_fargate:
      return "ecs-fargate";
    case RuntimeId::ecs_ec2:
      return "ecs-ec2";
    case RuntimeId::eks:
      return "eks";
  }
  return "?";
}

std::string_view to_string(TrafficShape v) {
  switch (v) {
    case TrafficShape::steady:
      return "steady";
    case TrafficShape::diurnal:
      return "diurnal";
    case TrafficShape::bursty:
      return "bursty";
    case TrafficShape::trace:
      return "trace";
  }
  return "?";
}

std::string_view to_string(OpsMaturity v) {
  switch (v) {
    case OpsMaturity::low:
      return "low";
    case OpsMaturity::medium:
      return "medium";
    case OpsMaturity::high:
      return "high";
  }
  return "?";
}

std::string_view to_string(Commitment v) {
  switch (v) {
    case Commitment::none:
      return "none";
    case Commitment::savings_plan_1yr:
      return "savings-plan-1yr";
    case Commitment::savings_plan_3yr:
      return "savings-plan-3yr";
  }
  return "?";
}

std::string_view to_string(Subnet v) {
  switch (v) {
    case Subnet::none:
      return "none";
    case Subnet::public_subnet:
      return "public";
    case Subnet::private_subnet:
      return "private";
  }
  return "?";
}

std::string_view to_string(SecretsSource v) {
  switch (v) {
    case SecretsSource::none:
      return "none";
    case SecretsSource::env:
      return "env";
    case SecretsSource::secretsmanager:
      return "secretsmanager";
    case SecretsSource::ssm:
      return "ssm";
    case SecretsSource::injected:
      return "injected";
  }
  return "?";
}

std::string_view to_string(FrontDoor v) {
  switch (v) {
    case FrontDoor::api_gateway_http:
      return "api-gateway-http";
    case FrontDoor::api_gateway_rest:
      return "api-gateway-rest";
    case FrontDoor::function_url:
      return "function-url";
    case FrontDoor::alb:
      return "alb";
  }
  return "?";
}

std::string_view to_string(DownstreamKind v) {
  switch (v) {
    case DownstreamKind::database:
      return "database";
    case DownstreamKind::api:
      return "api";
    case DownstreamKind::queue:
      return "queue";
    case DownstreamKind::cache:
      return "cache";
    case DownstreamKind::other:
      return "other";
  }
  return "?";
}

std::string_view to_string(NodeAutoscaler v) {
  switch (v) {
    case NodeAutoscaler::karpenter:
      return "karpenter";
    case NodeAutoscaler::cluster_autoscaler:
      return "cluster-autoscaler";
  }
  return "?";
}

std::string_view to_string(Routing v) {
  switch (v) {
    case Routing::round_robin:
      return "round-robin";
    case Routing::least_outstanding:
      return "least-outstanding";
    case Routing::random:
      return "random";
  }
  return "?";
}

std::optional<RuntimeId> runtime_from_string(std::string_view s) {
  for (RuntimeId id : kAllRuntimes) {
    if (to_string(id) == s) return id;
  }
  return std::nullopt;
}

double DurationSpec::lognormal_sigma() const {
  if (kind != Kind::lognormal || p50_ms <= 0 || p99_ms <= p50_ms) return 0;
  return (std::log(p99_ms) - std::log(p50_ms)) / stats::normal_quantile(0.99);
}

double DurationSpec::coefficient_of_variation() const {
  switch (kind) {
    case Kind::fixed:
      return 0;
    case Kind::lognormal: {
      const double sigma = lognormal_sigma();
      return std::sqrt(std::expm1(sigma * sigma));
    }
    case Kind::exponential:
      return 1;
  }
  return 0;
}

double DurationSpec::mean() const {
  switch (kind) {
    case Kind::fixed:
      return fixed_ms;
    case Kind::lognormal: {
      const double sigma = lognormal_sigma();
      return p50_ms * std::exp(sigma * sigma / 2);
    }
    case Kind::exponential:
      return mean_ms;
  }
  return 0;
}

double DurationSpec::quantile(double q) const {
  switch (kind) {
    case Kind::fixed:
      return fixed_ms;
    case Kind::lognormal:
      return p50_ms * std::exp(lognormal_sigma() * stats::normal_quantile(q));
    case Kind::exponential:
      return -mean_ms * std::log1p(-q);
  }
  return 0;
}

DurationSpec DurationSpec::scaled(double factor) const {
  DurationSpec out = *this;
  out.fixed_ms *= factor;
  out.p50_ms *= factor;
  out.p99_ms *= factor;
  out.mean_ms *= factor;
  return out;
}

SourceMark Service::mark_of(std::string_view path) const {
  // The key itself, else its closest enclosing key ("runtimes.eks.min_pods" -> "runtimes.eks"),
  // else the service's `name:`. A key with no position (a block a template import wrote without
  // a source of its own) is passed over for one that has one.
  std::string_view p = path;
  while (!p.empty()) {
    if (auto it = marks.find(p); it != marks.end() && it->second.known()) return it->second;
    const auto cut = p.find_last_of(".[");
    if (cut == std::string_view::npos) break;
    p = p.substr(0, cut);
  }
  if (auto it = marks.find(std::string_view("name")); it != marks.end()) return it->second;
  return {};
}

const ContainerConfig& RuntimesConfig::container(RuntimeId id) const {
  switch (id) {
    case RuntimeId::ecs_ec2:
      return ecs_ec2;
    case RuntimeId::eks:
      return eks;
    case RuntimeId::ecs_fargate:
    case RuntimeId::lambda:
      break;
  }
  return ecs_fargate;
}

const Downstream* Spec::downstream(std::string_view name) const {
  for (const Downstream& d : downstreams) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

const std::string& Spec::file_of(SourceMark mark) const {
  return mark.file < files.size() ? files[mark.file] : file;
}

std::string Spec::location(SourceMark mark) const {
  if (!mark.known()) return file_of(mark);
  return fmt::format("{}:{}:{}", file_of(mark), mark.line, mark.column);
}

}  // namespace computefit
