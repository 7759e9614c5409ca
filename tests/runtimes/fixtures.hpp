#pragma once
// Small in-memory specs and price catalogs for the runtime model tests.

#include <map>
#include <string>

#include "pricing/price_catalog.hpp"
#include "workload/spec.hpp"

namespace computefit::testing {

/// An http service with SPEC.md's defaults, a fixed duration and steady traffic.
inline Service http_service(double rps, double duration_ms) {
  Service s;
  s.name = "api";
  s.kind = ServiceKind::http;
  s.duration_ms.kind = DurationSpec::Kind::fixed;
  s.duration_ms.fixed_ms = duration_ms;
  s.traffic.shape = TrafficShape::steady;
  s.traffic.rps = rps;
  s.runtimes.lambda.cold_start_ms.kind = DurationSpec::Kind::fixed;
  s.runtimes.lambda.cold_start_ms.fixed_ms = 250;
  return s;
}

/// A nightly schedule, cron(0 3 * * ? *), as the loader parses it.
inline Schedule nightly() {
  Schedule s;
  s.expression = "cron(0 3 * * ? *)";
  s.minutes = {0};
  s.hours = {3};
  for (int d = 1; d <= 31; ++d) s.days_of_month.push_back(d);
  for (int m = 1; m <= 12; ++m) s.months.push_back(m);
  for (int d = 1; d <= 7; ++d) s.days_of_week.push_back(d);
  s.day_of_month_any = true;
  s.day_of_week_any = true;
  return s;
}

inline PriceEntry hourly(const std::string& key, double usd) {
  PriceEntry e;
  e.key = key;
  e.usd = usd;
  e.unit = "hour";
  e.source = "aws-prices-and-limits.md 1.4";
  e.as_of = "2025-07-07";
  return e;
}

/// EC2 on-demand prices of aws-prices-and-limits.md 1.4 (us-east-1); c6i.large and c7g.large,
/// m6g.xlarge, m6i.xlarge, m6i.2xlarge, m5.xlarge are left out on purpose where a test needs it.
inline PriceCatalog ec2_catalog() {
  std::map<std::string, PriceEntry, std::less<>> entries;
  const std::map<std::string, double> prices = {
      {"t3.medium", 0.0416}, {"t3.large", 0.0832},   {"m5.large", 0.096},  {"m5.xlarge", 0.192},
      {"m6i.large", 0.096},  {"m6g.large", 0.077},   {"c6i.xlarge", 0.17}, {"m7g.large", 0.0816},
      {"r6i.large", 0.126},  {"g4dn.xlarge", 0.526}, {"g5.xlarge", 1.006}, {"p3.2xlarge", 3.06},
  };
  for (const auto& [type, usd] : prices) {
    const std::string key = "ec2.on_demand." + type;
    entries.emplace(key, hourly(key, usd));
  }
  entries.emplace("fargate.vcpu.x86_64", hourly("fargate.vcpu.x86_64", 0.04048));
  return PriceCatalog("us-east-1", std::move(entries));
}

inline Spec spec_with(const Service& service) {
  Spec spec;
  spec.name = "test";
  spec.services.push_back(service);
  return spec;
}

}  // namespace computefit::testing
