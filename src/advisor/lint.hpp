#pragma once
// `computefit lint` (SPEC.md "Commands"): the findings on what the templates deploy, no ranking,
// no sweep, no cost. The rules that need no simulation judge every service on the runtime its
// template fixes; a service the overlay gives traffic is simulated there and the other rules
// judge it too.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advisor/report.hpp"
#include "document/diagnostic.hpp"
#include "workload/file_system.hpp"

namespace computefit {

struct LintRequest {
  std::vector<std::string> inputs;  ///< a spec, or templates, plans and CDK folders
  std::optional<std::string> overlay;
  std::optional<std::string> prices_path;  ///< the catalog some findings quote (default: built in)
  double days = 1;                         ///< simulated days, for services with traffic
  std::uint64_t seed = 1;
  std::optional<Severity> fail_on;  ///< every unsuppressed finding at or above it counts
};

/// How lint judged one service.
struct LintedService {
  std::string name;
  std::vector<RuntimeId> runtimes;  ///< the one the template deploys it on, else its `consider`
  bool simulated = false;           ///< the overlay (or spec) gave it traffic
  /// The resource it stands for (a cluster's logical id or address), empty for a service: the
  /// report then names the resource (`ID@RESOURCE`).
  std::string resource;
};

struct LintReport {
  std::string computefit_version;
  int contract_version = 1;
  std::vector<std::string> files;  ///< the FILEs, then the overlay
  /// The findings by service and the --fail-on gate's outcome (names, findings and fail_on only:
  /// no options, no recommendation), the shape the SARIF writer and the gate read.
  Report report;
  std::vector<LintedService> services;  ///< as report.services
  std::vector<std::string> unknowns;    ///< what the files could not resolve, with why
  std::vector<std::string> skipped;     ///< resources read as no part of the model
  std::vector<std::string> notes;       ///< what lint left out and why, one sentence each
};

struct LintOutcome {
  std::optional<LintReport> report;  ///< set when the input was good
  Diagnostics diagnostics;           ///< bad input: nothing was judged
};

/// load -> narrow each service to its deployed runtime -> hard-limit checks -> simulate the
/// services with traffic -> check rules -> suppress -> the --fail-on gate over every finding.
LintOutcome lint(const LintRequest& request, const FileSystem& fs);

}  // namespace computefit
