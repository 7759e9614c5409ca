#pragma once
// What a rule raises: a finding and its severity. The advisor puts findings into the report and
// the renderers print them, both from above.

#include <optional>
#include <string>
#include <string_view>

#include "workload/spec.hpp"

namespace computefit {

enum class Severity { info, low, medium, high, critical };
/// "info", "low", "medium", "high", "critical" (the contract's spellings).
std::string_view to_string(Severity severity);
/// Those spellings back to a Severity; nullopt for anything else.
std::optional<Severity> severity_from_string(std::string_view s);

struct Finding {
  std::string id;  ///< kebab-case rule id
  Severity severity = Severity::medium;
  std::optional<RuntimeId> runtime;
  std::string message;
  std::string location;  ///< FILE:LINE:COLUMN
  /// Set when the spec's `suppress:` list covers the finding: it is still reported, marked with
  /// this reason, and never counts for --fail-on.
  std::optional<std::string> suppressed_reason;
  /// The remedy with this workload's figures, when the rule computes one apart from the message
  /// (the message says it too): for answers that quote it elsewhere in the report.
  std::string remedy;
  /// The template resource it is about, as the files name it (a CloudFormation logical id, a
  /// Terraform address): a queue, a policy, or the service's own resource (`resource:` in the
  /// spec). Empty when the spec names none. A finding on no service is named by it alone.
  std::string resource;
};

}  // namespace computefit
