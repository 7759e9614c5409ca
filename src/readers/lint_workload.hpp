#pragma once
// What `computefit lint` reads (SPEC.md "Commands"): the same workload `recommend` reads from the
// FILEs and the overlay, but a template service the overlay gives no traffic is kept (lint judges
// it on its configuration alone) instead of being an error, and the runtime each template
// service is deployed on is kept beside the spec (the template fixes it).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "workload/file_system.hpp"
#include "workload/spec.hpp"
#include "workload/spec_loader.hpp"

namespace computefit::readers {

struct LintWorkload {
  SpecLoadResult loaded;
  std::vector<std::string> files;     ///< the FILEs, then the overlay
  std::vector<std::string> unknowns;  ///< values only a deployment knows, with the reason
  std::vector<std::string> skipped;   ///< resources read as no part of the model, with why
  /// By service name: the runtimes the files deploy it on (one, or both ECS runtimes when the
  /// files do not say which launch type). A service only the overlay or a spec names is absent:
  /// it is judged on its `runtimes.consider`.
  std::map<std::string, std::vector<RuntimeId>, std::less<>> deployed;
  /// Services no file gives traffic (a scheduled one: no `duration_ms`). Each was loaded with a
  /// stand-in rate that nothing reads: only the rules that need no simulation judge it.
  std::set<std::string, std::less<>> without_traffic;
  /// A service that stands for a resource, by its name: the resource's logical id or address.
  /// Files that describe an EKS cluster and no service (a platform) are judged as the platform a
  /// service would run on: one service on EKS that stands for the cluster.
  std::map<std::string, std::string, std::less<>> stands_for;
  /// True when the files and the overlay name no service and no cluster (a VPC alone): there is
  /// no spec to load and nothing for the rules to judge.
  bool no_services = false;
  /// True when the files name no service and no cluster but hold IAM policies: the spec has no
  /// services, and only the rules that judge policies find anything (recommend ranks nothing).
  bool policies_only = false;
};

/// Reads `paths` (a spec, or templates, plans and CDK folders) with the overlay merged over them,
/// as load_workload() does, each value located in the file it came from.
LintWorkload load_lint_workload(const std::vector<std::string>& paths,
                                const std::optional<std::string>& overlay, const FileSystem& files);

}  // namespace computefit::readers
