#pragma once
// A Terraform plan (`terraform show -json plan.out`) as a list of the managed resources it would
// leave in place, with their planned values (SPEC.md "Reading infrastructure as code"): modules
// to any depth, values known only after apply marked unknown (from `after_unknown`), and the
// references each attribute's expression makes in `configuration`, so that an environment
// variable holding `aws_db_instance.main.address` is seen to point at the database even though
// the address is unknown until apply.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "document/diagnostic.hpp"
#include "document/document.hpp"
#include "readers/value.hpp"

namespace computefit::readers {

struct PlanResource {
  std::string address;  ///< "module.billing.aws_lambda_function.worker[0]"
  std::string module;   ///< "module.billing" ("" at the root)
  std::string type;     ///< "aws_lambda_function"
  std::string name;     ///< "worker"
  SourceMark mark;      ///< of the resource's object in `planned_values`
  /// The planned values (a map). Nested blocks are lists, as Terraform writes them. An attribute
  /// known only after apply is an unknown Value, with the references its expression makes.
  Value values;
};

struct Plan {
  std::string file;
  std::string terraform_version;
  std::vector<PlanResource> resources;
  /// The values of managed resources in `prior_state` (a plan made after an apply), by address:
  /// ids and ARNs that `planned_values` may mark unknown when a resource is replaced.
  std::map<std::string, Value, std::less<>> prior_values;
};

struct PlanResult {
  std::optional<Plan> value;
  Diagnostics diagnostics;
};

/// Reads a parsed plan. Data sources are left out (they are reads, not resources). A plan without
/// `planned_values` or with malformed modules is a located error.
PlanResult read_terraform_plan(const Document& document);

/// The resource's address without its instance key: "module.a.aws_x.y[0]" -> "module.a.aws_x.y",
/// with module instance keys dropped too ("module.a[\"k\"].aws_x.y" -> "module.a.aws_x.y"), the
/// form `configuration` is written in.
std::string configuration_address(std::string_view address);

}  // namespace computefit::readers
