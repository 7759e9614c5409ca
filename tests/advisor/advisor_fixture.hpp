#pragma once
// Runs the library's facade on a spec held in memory, for the advisor's tests.

#include <gtest/gtest.h>

#include <string>

#include "advisor/recommend.hpp"
#include "workload/file_system.hpp"

namespace computefit::testing {

/// recommend() on `yaml` as spec.yaml; fails the test on diagnostics.
inline Report recommend_yaml(const std::string& yaml, double days = 0.05, bool sweep = false) {
  MemoryFileSystem fs;
  fs.add("spec.yaml", yaml);
  RecommendRequest request;
  request.spec_path = "spec.yaml";
  request.days = days;
  request.sweep = sweep;
  RecommendOutcome outcome = recommend(request, fs);
  for (const Diagnostic& d : outcome.diagnostics) ADD_FAILURE() << d.message;
  if (!outcome.report) return Report{};
  return *outcome.report;
}

inline const ServiceReport* service_named(const Report& report, const std::string& name) {
  for (const ServiceReport& service : report.services) {
    if (service.name == name) return &service;
  }
  return nullptr;
}

}  // namespace computefit::testing
